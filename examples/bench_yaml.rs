//! Benchmark of YAML parsing alone: `yaml::parse_with_budget` (the fast path, falling back on
//! granit) against granit's events alone, on the contracts and the lock of a synthetic
//! catalogue: median (and best) of 5 runs, with the binary's allocator.
//!
//!     cargo run --release --example bench_yaml -- 10000
//!
//! Pass `--keep DIR` to read (or write) the catalogue in `DIR/catalog-N`, as `bench_check` does.

use contract::yaml::{self, MAX_NODES};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/synthetic.rs"]
mod synthetic;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let keep = args.iter().position(|arg| arg == "--keep").map(|at| {
        let dir = args.remove(at + 1);
        args.remove(at);
        dir
    });
    let size: usize = args
        .first()
        .map_or(10_000, |arg| arg.parse().expect("a size"));
    let temporary = tempfile::tempdir().expect("a temporary directory");
    let root = match &keep {
        Some(dir) => Path::new(dir).join(format!("catalog-{size}")),
        None => temporary.path().join("contracts"),
    };
    if !root.join("contracts.lock").exists() {
        synthetic::generate(&root, size);
        contract::release::init_lock(&root).expect("the lock is written");
    }
    let contracts: Vec<String> = files(&root)
        .iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    let lock = std::fs::read_to_string(root.join("contracts.lock")).unwrap();

    let fast = |text: &str, budget| yaml::parse_with_budget(text, budget).is_ok();
    let reference = |text: &str, budget| yaml::parse_events(text, budget).is_ok();
    for (name, parse) in [
        ("fast path", &fast as &dyn Fn(&str, usize) -> bool),
        ("granit", &reference),
    ] {
        let contracts_speed = speed(
            || {
                for text in &contracts {
                    assert!(parse(text, MAX_NODES));
                }
            },
            contracts.iter().map(String::len).sum(),
        );
        let lock_speed = speed(
            || assert!(parse(&lock, lock.len().max(MAX_NODES))),
            lock.len(),
        );
        println!(
            "{name:>9}: {} contracts {contracts_speed}, lock ({:.1} MB) {lock_speed}",
            contracts.len(),
            lock.len() as f64 / 1e6,
        );
    }
}

/// Megabytes per second over `bytes`, median and best of 5 runs of `run`.
fn speed(run: impl Fn(), bytes: usize) -> String {
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let speed = |time: f64| bytes as f64 / 1e6 / time;
    format!("{:.0} MB/s ({:.0})", speed(times[2]), speed(times[0]))
}

fn files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .collect()
}

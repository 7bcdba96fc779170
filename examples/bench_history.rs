//! Benchmark of history findings: a synthetic catalogue of N contracts is released (its lock
//! written), then every contract file but one is deleted, so `contract check` reports N-1
//! `contract-removed` findings pointing into the lock. Times the check and the human report
//! (median of 5 runs each), the two places where per-finding work once rescanned the lock.
//!
//!     cargo run --release --example bench_history -- 1000 10000
//!
//! Also prints the lock's size, the figure the lock's byte budget (`MAX_LOCK_BYTES`) is set by.

use contract::check;
use contract::date::Date;
use contract::finding::Level;
use contract::report::{OutputFormat, RenderOptions};
use std::time::Instant;

// The allocator the binary uses (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/synthetic.rs"]
mod synthetic;

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1_000, 10_000]
    } else {
        args.iter()
            .map(|arg| arg.parse().expect("sizes are numbers"))
            .collect()
    };
    for size in sizes {
        let temporary = tempfile::tempdir().expect("a temporary directory");
        let root = temporary.path().join("contracts");
        synthetic::generate(&root, size);
        contract::release::init_lock(&root).expect("the lock is written");
        let lock_bytes = std::fs::metadata(root.join("contracts.lock"))
            .unwrap()
            .len();
        // Keep one contract, so the catalogue is still a catalogue with something to check.
        for dir in ["events", "tables"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                let keep = entry.file_name() == "c0.yaml";
                if entry.file_type().is_file() && !keep {
                    std::fs::remove_file(entry.path()).unwrap();
                }
            }
        }
        let today = Date::parse("2026-11-26").unwrap();
        let options = RenderOptions {
            fail_on: Level::Error,
            color: false,
            width: 100,
        };
        let (mut checks, mut renders) = (Vec::new(), Vec::new());
        let mut findings = 0;
        let mut output = 0;
        for _ in 0..5 {
            let start = Instant::now();
            let outcome =
                check::check(std::slice::from_ref(&root), today).expect("the catalogue loads");
            checks.push(start.elapsed().as_secs_f64());
            findings = outcome.findings.len();
            let start = Instant::now();
            output = contract::report::render(&outcome, OutputFormat::Human, options).len();
            renders.push(start.elapsed().as_secs_f64());
        }
        println!(
            "{size:>6} released, {} deleted (lock {:.1} MB): check median {:.3} s, human report \
             median {:.3} s; {findings} findings, {output} bytes of report",
            size - 1,
            lock_bytes as f64 / 1e6,
            median(checks),
            median(renders),
        );
    }
}

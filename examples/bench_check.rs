//! Benchmark of `contract check`: generates a synthetic catalogue of N contracts (half events,
//! half tables, two versions each) and times a full check of it, median of 5 runs.
//!
//!     cargo run --release --example bench_check -- 1000 10000
//!
//! Keep the catalogue with `--keep DIR` to time the real binary too (e.g. with hyperfine).
//!
//! `--migrations` times instead the same catalogue without any `migration:` and with one
//! migration per table version (a CREATE TABLE, then an ALTER TABLE), each parsed and compared
//! by the migration rules, and prints what reading them adds; with `--keep DIR` the two
//! catalogues stay in `DIR/without-N/contracts` and `DIR/with-N/contracts`.

use contract::check;
use contract::date::Date;
use std::path::Path;
use std::time::Instant;

// The allocator the binary uses (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/synthetic.rs"]
mod synthetic;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let keep = args.iter().position(|arg| arg == "--keep").map(|at| {
        let dir = args.remove(at + 1);
        args.remove(at);
        dir
    });
    let migrations = args.iter().position(|arg| arg == "--migrations").map(|at| {
        args.remove(at);
    });
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1_000, 10_000]
    } else {
        args.iter()
            .map(|arg| arg.parse().expect("sizes are numbers"))
            .collect()
    };
    if migrations.is_some() {
        for size in sizes {
            let kept = |name: &str| {
                keep.as_ref()
                    .map(|dir| Path::new(dir).join(format!("{name}-{size}")))
            };
            let without = time(
                size,
                synthetic::generate_without_migrations,
                kept("without"),
            );
            let with = time(size, synthetic::generate_with_migrations, kept("with"));
            println!(
                "check {size:>6} contracts: without migrations median {without:.3} s, with one per table version {with:.3} s: +{:.0}%",
                (with / without - 1.0) * 100.0
            );
        }
        return;
    }
    for size in sizes {
        let temporary = tempfile::tempdir().expect("a temporary directory");
        let root = match &keep {
            Some(dir) => Path::new(dir).join(format!("catalog-{size}")),
            None => temporary.path().join("contracts"),
        };
        synthetic::generate(&root, size);
        // A released catalogue has its lock; without one every contract is a finding.
        contract::release::init_lock(&root).expect("the lock is written");
        let today = Date::parse("2026-11-26").unwrap();
        let mut times = Vec::new();
        let mut findings = 0;
        for _ in 0..5 {
            let start = Instant::now();
            let outcome =
                check::check(std::slice::from_ref(&root), today).expect("the catalogue loads");
            times.push(start.elapsed().as_secs_f64());
            findings = outcome.findings.len();
            assert_eq!(outcome.files, size);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "check {size:>6} contracts: median {:.3} s (min {:.3}, max {:.3}), {findings} findings",
            times[2], times[0], times[4]
        );
    }
}

/// The median of 5 checks of a catalogue of `size` contracts written by `generate`, under
/// `keep` if given (for timing or profiling the binary on it), else in a temporary directory.
fn time(size: usize, generate: fn(&Path, usize), keep: Option<std::path::PathBuf>) -> f64 {
    let temporary = tempfile::tempdir().expect("a temporary directory");
    let root = match keep {
        Some(dir) => dir.join("contracts"),
        None => temporary.path().join("contracts"),
    };
    generate(&root, size);
    contract::release::init_lock(&root).expect("the lock is written");
    let today = Date::parse("2026-11-26").unwrap();
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let outcome =
            check::check(std::slice::from_ref(&root), today).expect("the catalogue loads");
        times.push(start.elapsed().as_secs_f64());
        assert_eq!(outcome.files, size);
        // The migrations produce exactly the declared tables, safely: nothing to report.
        let migration_findings = outcome
            .findings
            .iter()
            .filter(|finding| finding.rule.starts_with("migration-"))
            .count();
        assert_eq!(migration_findings, 0, "{:?}", outcome.findings.first());
    }
    times.sort_by(f64::total_cmp);
    times[2]
}

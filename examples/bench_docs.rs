//! Benchmark of `contract docs`: generates a synthetic catalogue of N contracts (half events,
//! half tables, two versions each; tables are read models of two events and name a migration)
//! and times, median of 5 runs each: reading the catalogue, generating the pages, writing them
//! into an empty directory, rewriting them unchanged, and `--check`.
//!
//!     cargo run --release --example bench_docs -- 1000 10000

use contract::catalog;
use contract::docs::{self, Classified};
use std::time::Instant;

// The allocator the binary uses (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/synthetic.rs"]
mod synthetic;

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

        let load = median(|| {
            let catalog = catalog::load(&root).expect("the catalogue loads");
            assert_eq!(catalog.contracts.len(), size);
        });
        let catalog = catalog::load(&root).unwrap();
        let mut files = 0;
        // The classified changes are what `contract docs` shows: time them too.
        let changes = Classified::new(&catalog, contract::date::Date::parse("2026-11-26").unwrap());
        let render = median(|| files = docs::generate(&catalog, &changes).pages.len());
        let pages = docs::generate(&catalog, &changes).pages;
        let mut run = 0;
        // Creating 15,000 files is the file system's work, and the first run in a fresh
        // directory tree can cost several times the others: all five are printed.
        let mut fresh_writes = times(|| {
            run += 1;
            let out = temporary.path().join(format!("out-{run}"));
            let written = docs::write(&out, &pages).expect("the pages are written");
            assert_eq!(written.changed, pages.len());
        });
        let each_fresh_write: Vec<String> = fresh_writes
            .iter()
            .map(|time| format!("{time:.2}"))
            .collect();
        fresh_writes.sort_by(f64::total_cmp);
        let write_fresh = fresh_writes[2];
        let out = temporary.path().join("out-1");
        let rewrite = median(|| {
            assert_eq!(docs::write(&out, &pages).unwrap().changed, 0);
        });
        let check = median(|| assert!(docs::check(&out, &pages).is_fresh()));
        println!(
            "docs {size:>6} contracts ({files} files): read catalogue {load:.3} s, generate {render:.3} s, \
             write to an empty dir {write_fresh:.3} s (runs: {} s), rewrite unchanged {rewrite:.3} s, --check {check:.3} s; \
             generate + write {:.3} s, end to end {:.3} s (medians of 5)",
            each_fresh_write.join(" / "),
            render + write_fresh,
            load + render + write_fresh
        );
    }
}

fn median(run: impl FnMut()) -> f64 {
    times(run)[2]
}

/// Five timings of `run`, in the order they ran.
fn times(mut run: impl FnMut()) -> Vec<f64> {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64()
        })
        .collect()
}

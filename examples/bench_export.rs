//! Benchmark of `contract export`: the synthetic catalogue of `bench_docs` (N contracts, half
//! events, half tables, two versions each) exported to every target, median of 5 runs each:
//! generating each target's files, then writing all of them into an empty directory with the
//! writer `contract export` uses.
//!
//!     cargo run --release --example bench_export -- 10000

use contract::catalog;
use contract::docs::{self, Page, PagePath};
use contract::export::{self, Options, Target};
use std::time::Instant;

// The allocator the binary uses (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/synthetic.rs"]
mod synthetic;

const TARGETS: [Target; 5] = [
    Target::Asyncapi,
    Target::Jsonschema,
    Target::Sql,
    Target::KafkaTopics,
    Target::Odcs,
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = if args.is_empty() {
        vec![10_000]
    } else {
        args.iter()
            .map(|arg| arg.parse().expect("sizes are numbers"))
            .collect()
    };
    let options = Options {
        id_base: "https://contracts.example.com/schemas/".into(),
        ..Options::default()
    };
    for size in sizes {
        let temporary = tempfile::tempdir().expect("a temporary directory");
        let root = temporary.path().join("contracts");
        synthetic::generate(&root, size);
        // Freeing the catalogue is not reading it: `contract export` frees it on a thread of its
        // own (`pool::drop_in_background`), so it is dropped here after the clock stops.
        let load = median_of(|| {
            let catalog = catalog::load(&root).unwrap();
            assert_eq!(catalog.contracts.len(), size);
            catalog
        });
        let catalog = catalog::load(&root).unwrap();
        let mut line = format!("export {size:>6} contracts: read catalogue {load:.3} s");
        let mut generate_total = 0.0;
        let mut pages = Vec::new();
        for target in TARGETS {
            let time = median(|| {
                export::export(&catalog, target, &options)
                    .expect("the synthetic catalogue exports");
            });
            generate_total += time;
            let files = export::export(&catalog, target, &options).unwrap();
            line.push_str(&format!(
                ", {} {time:.3} s ({} files)",
                target.name(),
                files.len()
            ));
            pages.extend(files.into_iter().map(|file| Page {
                path: PagePath::relative(&format!("{}/{}", target.name(), file.path)).unwrap(),
                text: file.text,
            }));
        }
        let mut run = 0;
        let write = median(|| {
            run += 1;
            let out = temporary.path().join(format!("out-{run}"));
            assert_eq!(docs::write(&out, &pages).unwrap().changed, pages.len());
        });
        println!(
            "{line}; all targets generated {generate_total:.3} s, written ({} files) {write:.3} s, \
             generate + write {:.3} s, end to end {:.3} s (medians of 5)",
            pages.len(),
            generate_total + write,
            load + generate_total + write
        );
    }
}

fn median(run: impl FnMut()) -> f64 {
    median_of(run)
}

/// The median time of 5 runs of `run`, each result dropped after its run was timed.
fn median_of<T>(mut run: impl FnMut() -> T) -> f64 {
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let result = run();
            let time = start.elapsed().as_secs_f64();
            drop(result);
            time
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}

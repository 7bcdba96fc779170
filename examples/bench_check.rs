//! Benchmark of `contract check`: generates a synthetic catalogue of N contracts (half events,
//! half tables, two versions each) and times a full check of it, median of 5 runs.
//!
//!     cargo run --release --example bench_check -- 1000 10000
//!
//! Keep the catalogue with `--keep DIR` to time the real binary too (e.g. with hyperfine).

use contract::check;
use contract::date::Date;
use std::path::Path;
use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let keep = args.iter().position(|arg| arg == "--keep").map(|at| {
        let dir = args.remove(at + 1);
        args.remove(at);
        dir
    });
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1_000, 10_000]
    } else {
        args.iter()
            .map(|arg| arg.parse().expect("sizes are numbers"))
            .collect()
    };
    for size in sizes {
        let temporary = tempfile::tempdir().expect("a temporary directory");
        let root = match &keep {
            Some(dir) => Path::new(dir).join(format!("catalog-{size}")),
            None => temporary.path().join("contracts"),
        };
        generate(&root, size);
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

/// Writes `size` valid contracts under `root`, with an owners.yaml.
fn generate(root: &Path, size: usize) {
    std::fs::create_dir_all(root).unwrap();
    std::fs::write(
        root.join("owners.yaml"),
        "teams:\n  - {id: bench, name: Bench, contact: \"#bench\"}\n",
    )
    .unwrap();
    for n in 0..size {
        let group = format!("g{}", n / 100);
        let (dir, text) = if n % 2 == 0 {
            ("events", event(n))
        } else {
            ("tables", table(n))
        };
        let folder = root.join(dir).join(&group);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("c{n}.yaml")), text).unwrap();
    }
}

fn event(n: usize) -> String {
    let fields: String = (0..12)
        .map(|i| format!("        field_{i}: {{type: string, maxLength: 200, description: Field {i} of the event.}}\n"))
        .collect();
    format!(
        "contract: bench.event-{n}
kind: event
owner: bench
description: Synthetic event {n}.
topic: bench-events
partition_key: entity_id
retention: {{delete_after: 400d}}
versions:
  - version: 1
    released: 2026-01-12
    summary: Initial version.
    schema:
      type: object
      required: [entity_id]
      properties:
        entity_id: {{type: string, format: uuid, description: The entity.}}
{fields}    examples:
      - {{entity_id: 0b6f2c1e-8d1a-4a56-9a7e-3f2b1c0d9e8f, field_1: hello}}
  - version: 2
    summary: Adds a count.
    schema:
      type: object
      required: [entity_id]
      properties:
        entity_id: {{type: string, format: uuid, description: The entity.}}
        count: {{type: integer, minimum: 0, description: How many.}}
{fields}    examples:
      - {{entity_id: 0b6f2c1e-8d1a-4a56-9a7e-3f2b1c0d9e8f, count: 3}}
"
    )
}

fn table(n: usize) -> String {
    let columns: String = (0..12)
        .map(|i| format!("      - {{name: column_{i}, type: varchar(200), nullable: true, description: Column {i}.}}\n"))
        .collect();
    format!(
        "contract: bench.table-{n}
kind: table
owner: bench
description: Synthetic table {n}.
database: bench
primary_key: [id]
retention: {{delete_after: 730d}}
versions:
  - version: 1
    released: 2026-01-05
    summary: Initial version.
    columns:
      - {{name: id, type: uuid, nullable: false, description: Row id.}}
{columns}  - version: 2
    summary: Adds a timestamp.
    columns:
      - {{name: id, type: uuid, nullable: false, description: Row id.}}
      - {{name: updated_at, type: timestamptz, nullable: true, description: Last update.}}
{columns}"
    )
}

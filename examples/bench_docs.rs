//! Benchmark of `contract docs`: generates a synthetic catalogue of N contracts (half events,
//! half tables, two versions each; tables are read models of two events and name a migration)
//! and times, median of 5 runs each: reading the catalogue, generating the pages, writing them
//! into an empty directory, rewriting them unchanged, and `--check`.
//!
//!     cargo run --release --example bench_docs -- 1000 10000

use contract::catalog;
use contract::docs::{self, Classified};
use std::path::Path;
use std::time::Instant;

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
        generate(&root, size);

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
        let write_fresh = median(|| {
            run += 1;
            let out = temporary.path().join(format!("out-{run}"));
            let written = docs::write(&out, &pages).expect("the pages are written");
            assert_eq!(written.changed, pages.len());
        });
        let out = temporary.path().join("out-1");
        let rewrite = median(|| {
            assert_eq!(docs::write(&out, &pages).unwrap().changed, 0);
        });
        let check = median(|| assert!(docs::check(&out, &pages).is_fresh()));
        println!(
            "docs {size:>6} contracts ({files} files): read catalogue {load:.3} s, generate {render:.3} s, \
             write to an empty dir {write_fresh:.3} s, rewrite unchanged {rewrite:.3} s, --check {check:.3} s; \
             generate + write {:.3} s, end to end {:.3} s (medians of 5)",
            render + write_fresh,
            load + render + write_fresh
        );
    }
}

fn median(mut run: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}

/// Writes `size` valid contracts under `root`, with an owners.yaml and one migration file.
fn generate(root: &Path, size: usize) {
    std::fs::create_dir_all(root.join("../migrations")).unwrap();
    std::fs::write(
        root.join("../migrations/0001_create.sql"),
        "CREATE TABLE bench.t (id uuid PRIMARY KEY);\n",
    )
    .unwrap();
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
topic: bench-events-{topic}
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
",
        topic = n / 500
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
database: bench{database}
primary_key: [id]
retention: {{delete_after: 730d}}
storage: current-state
derived_from: [bench.event-{a}, bench.event-{b}]
versions:
  - version: 1
    released: 2026-01-05
    summary: Initial version.
    migration: ../../../migrations/0001_create.sql
    columns:
      - {{name: id, type: uuid, nullable: false, description: Row id.}}
{columns}  - version: 2
    summary: Adds a timestamp.
    columns:
      - {{name: id, type: uuid, nullable: false, description: Row id.}}
      - {{name: updated_at, type: timestamptz, nullable: true, description: Last update.}}
{columns}",
        database = n / 1000,
        a = n - 1,
        b = n.saturating_sub(3),
    )
}

//! The synthetic catalogue the benchmarks run on: N valid contracts, half events and half
//! tables, two versions each, with topics, databases, read-model sources and a migration file,
//! so that every stage (parsing, rules, evolution, docs) has real work to do.

use std::path::Path;

/// Writes `size` valid contracts under `root`, with an owners.yaml and one migration file.
pub fn generate(root: &Path, size: usize) {
    generate_as(root, size, false)
}

/// Like [`generate`], but every table version names a migration of its own that produces
/// exactly its columns (a CREATE TABLE for v1, a lock_timeout and an ADD COLUMN for v2), for
/// measuring what reading migrations costs `contract check`.
#[allow(dead_code)]
pub fn generate_with_migrations(root: &Path, size: usize) {
    generate_as(root, size, true)
}

/// Like [`generate`], with no `migration:` at all: the baseline for
/// [`generate_with_migrations`].
#[allow(dead_code)]
pub fn generate_without_migrations(root: &Path, size: usize) {
    generate(root, size);
    for n in (1..size).step_by(2) {
        let file = root.join(format!("tables/g{}/c{n}.yaml", n / 100));
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replace("    migration: ../../../migrations/0001_create.sql\n", ""),
        )
        .unwrap();
    }
}

fn generate_as(root: &Path, size: usize, migrations: bool) {
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
        } else if migrations {
            write_migrations(root, n);
            let text = table(n)
                .replace(
                    "../../../migrations/0001_create.sql",
                    &format!("../../../migrations/t{n}_v1.sql"),
                )
                .replace(
                    "    summary: Adds a timestamp.\n",
                    &format!("    summary: Adds a timestamp.\n    migration: ../../../migrations/t{n}_v2.sql\n"),
                );
            ("tables", text)
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
retention: {{delete_after: 400d}}
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

/// The two migrations of synthetic table `n`, matching [`table`]'s two versions.
fn write_migrations(root: &Path, n: usize) {
    let name = format!("bench{}.table_{n}", n / 1000);
    let columns: String = (0..12)
        .map(|i| format!(",\n    column_{i} varchar(200)"))
        .collect();
    std::fs::write(
        root.join(format!("../migrations/t{n}_v1.sql")),
        format!("-- {name} v1\nCREATE TABLE {name} (\n    id uuid PRIMARY KEY{columns}\n);\n"),
    )
    .unwrap();
    std::fs::write(
        root.join(format!("../migrations/t{n}_v2.sql")),
        format!("-- {name} v2\nSET lock_timeout = '5s';\nALTER TABLE {name} ADD COLUMN updated_at timestamptz;\n"),
    )
    .unwrap();
}

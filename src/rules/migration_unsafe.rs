//! `migration-unsafe`: a migration statement that locks or rewrites a table that already has
//! rows. The hazards are noted while the migration is applied to the previous version
//! ([`derive`]), since each depends on whether the table or the column existed before.

use super::{Category, Check, Context, Rule};
use crate::evolution::migration::MigrationFile;
use crate::evolution::migration::derive::{TableState, derive};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "migration-unsafe",
    summary: "A migration statement locks or rewrites an existing table in a way that blocks production",
    rationale: "On a table with rows, a few statements hold PostgreSQL's ACCESS EXCLUSIVE lock \
for as long as they scan or rewrite the table, blocking every read and write: `SET NOT NULL` \
without the `CHECK (…) NOT VALID` + `VALIDATE CONSTRAINT` pattern, `ADD COLUMN … NOT NULL` \
without a default, a type change that rewrites the table (`integer` → `bigint`; a longer \
`varchar` or `varchar` → `text` does not), `CREATE INDEX` without `CONCURRENTLY`, and any \
ACCESS EXCLUSIVE statement without `SET lock_timeout` first, whose wait queues every other \
query behind it. The same checks squawk and Atlas lint for. A new table (the first version) \
has no rows and is not checked.",
    example: "ALTER TABLE core.meetings ALTER COLUMN language SET NOT NULL;   # no CHECK … NOT VALID, no lock_timeout",
    level: Level::Warning,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(table) = cx.contract.as_table() else {
        return vec![];
    };
    let Some(sql) = cx.contract.sql_table() else {
        return vec![];
    };
    let (schema, name) = (sql.schema.as_str(), sql.name.as_str());
    let mut found = Vec::new();
    for (position, version) in table.versions.iter().enumerate().skip(1) {
        let Some(MigrationFile::Read(migration)) = cx.migration(position) else {
            continue;
        };
        let before =
            TableState::declared(&table.versions[position - 1].columns, &table.primary_key);
        let derived = derive(migration, Some(before), schema, name);
        for hazard in derived.hazards {
            let file = migration.display();
            found.push(
                Violation::at(
                    format!("/versions/{position}/migration"),
                    format!(
                        "the migration of v{} (`{file}` line {}): {}",
                        version.version, hazard.line, hazard.message
                    ),
                )
                .help("see `contract explain migration-unsafe` for the safe pattern; or accept it with a reason if the table is small")
                .versions(Some(table.versions[position - 1].version), version.version)
                .path("/migration")
                .related(&file, hazard.line, format!("`{}`", migration.line_text(hazard.line))),
            );
        }
    }
    found
}

//! `migration-mismatch`: a version's migration does not take the table where the version says.
//!
//! The migration is applied to the previous version's columns (no table, for the first
//! version) by [`derive`]; what it leaves is compared, column by column, with the version's own
//! columns: a column only one side has, a type (through the PostgreSQL type lattice, so
//! `int4` is `integer`), nullability, a default (normalised) or the primary key that differ.
//! Comparing end states covers both directions at once: the migration doing something the
//! version does not declare, and the version declaring something its migration does not do. A
//! migration with a statement the parser could not read is skipped (`migration-unparsed`).

use super::{Category, Check, Context, Rule};
use crate::evolution::migration::MigrationFile;
use crate::evolution::migration::derive::{ColumnState, TableState, derive};
use crate::evolution::sqltype::{self, SqlType, TypeChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "migration-mismatch",
    summary: "A version's migration does not produce the columns the version declares",
    rationale: "The contract is the reviewed description of the table, and the migration is \
what the database runs. When they disagree (the migration adds, drops, renames or retypes a \
column, changes nullability, a default or the primary key differently from the version, or the \
version changes something its migration never does) the contract silently stops describing \
production. The migration is applied to the previous version's columns and the result is \
compared with this version's columns; the finding names the column, both sides and the SQL \
statement's line.",
    example: "columns: [{name: title, type: text}]   # while the migration says: ALTER TABLE core.meetings ALTER COLUMN title TYPE varchar(100);",
    level: Level::Error,
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
    for (position, version) in table.versions.iter().enumerate() {
        let Some(MigrationFile::Read(migration)) = cx.migration(position) else {
            continue;
        };
        if migration.unterminated.is_some()
            || migration.statements.iter().any(|s| s.blocks_the_check())
        {
            continue;
        }
        let before = position.checked_sub(1).map(|previous| {
            TableState::declared(&table.versions[previous].columns, &table.primary_key)
        });
        let derived = derive(migration, before, schema, name);
        let declared = TableState::declared(&version.columns, &table.primary_key);
        // Named only in findings, which are rare: not worked out for every migration.
        let file = std::cell::LazyCell::new(|| migration.display());
        let v = version.version;
        let mismatch = |pointer: String, message: String, line: Option<u32>| {
            let violation = Violation::at(pointer, message)
                .help("make the migration and the version's columns say the same thing")
                .versions(
                    position.checked_sub(1).map(|p| table.versions[p].version),
                    v,
                );
            match line {
                Some(line) => {
                    violation.related(&*file, line, format!("`{}`", migration.line_text(line)))
                }
                None => violation.related(&*file, 1, "the migration does not change this"),
            }
        };
        let table_id = format!("{schema}.{name}");
        if !derived.state.exists {
            let message = match derived.state.existence_line {
                Some(line) => format!(
                    "v{v} declares table `{table_id}`, its migration `{file}` drops it (line {line})",
                    file = *file
                ),
                None => format!(
                    "v{v} declares table `{table_id}`, its migration `{file}` never creates it",
                    file = *file
                ),
            };
            found.push(mismatch(
                format!("/versions/{position}/migration"),
                message,
                derived.state.existence_line,
            ));
            continue;
        }
        for (index, column) in declared.columns.iter().enumerate() {
            let pointer = format!("/versions/{position}/columns/{index}");
            let Some(actual) = derived.state.columns.iter().find(|c| c.name == column.name) else {
                found.push(
                    mismatch(
                        pointer,
                        format!(
                            "column `{}`: v{v} declares it, the migration `{file}` leaves no such column",
                            column.name,
                            file = *file
                        ),
                        None,
                    )
                    .path(column.name.clone()),
                );
                continue;
            };
            for difference in differences(column, actual) {
                found.push(
                    mismatch(
                        pointer.clone(),
                        format!("column `{}`: {difference}", column.name)
                            .replace("{v}", &v.to_string()),
                        actual.line,
                    )
                    .path(column.name.clone()),
                );
            }
        }
        for actual in &derived.state.columns {
            if declared.columns.iter().all(|c| c.name != actual.name) {
                found.push(
                    mismatch(
                        format!("/versions/{position}/columns"),
                        format!(
                            "column `{}`: the migration `{file}` leaves it in the table (`{}`), v{v} does not declare it",
                            actual.name,
                            actual.sql_type,
                            file = *file
                        ),
                        actual.line,
                    )
                    .path(actual.name.clone()),
                );
            }
        }
        if derived.state.primary_key != declared.primary_key {
            found.push(mismatch(
                format!("/versions/{position}/migration"),
                format!(
                    "primary key: the contract declares ({}), the migration `{file}` leaves ({})",
                    declared.primary_key.join(", "),
                    derived.state.primary_key.join(", "),
                    file = *file
                ),
                derived.state.primary_key_line,
            ));
        }
    }
    found
}

/// How the `actual` column the migration leaves differs from the `declared` one, as phrases
/// naming both sides (`{v}` stands for the version number).
fn differences(declared: &ColumnState, actual: &ColumnState) -> Vec<String> {
    let mut found = Vec::new();
    // A type either side cannot parse is not compared: `column-type-unknown` reports the
    // contract's, and an exotic SQL type is not guessed at. The same text is the same type,
    // so it is not parsed (that was two parses per column and version).
    if declared.sql_type != actual.sql_type
        && let (Ok(want), Ok(have)) = (
            declared.sql_type.parse::<SqlType>(),
            actual.sql_type.parse::<SqlType>(),
        )
        && sqltype::classify(&want, &have) != TypeChange::Same
    {
        found.push(format!(
            "v{{v}} declares type `{}`, the migration makes it `{}`",
            declared.sql_type.trim(),
            actual.sql_type
        ));
    }
    if declared.nullable != actual.nullable {
        let said = |nullable: bool| if nullable { "nullable" } else { "NOT NULL" };
        found.push(format!(
            "v{{v}} declares it {}, the migration leaves it {}",
            said(declared.nullable),
            said(actual.nullable)
        ));
    }
    // A sequence's `nextval(…)` is how `serial` columns get their values; a contract that
    // declares no default for such a column is describing the values, not the mechanism.
    let sequence = declared.default.is_none()
        && actual
            .default
            .as_deref()
            .is_some_and(|default| default.starts_with("nextval("));
    if declared.default != actual.default && !sequence {
        let said = |default: &Option<String>| match default {
            Some(default) => format!("default `{default}`"),
            None => "no default".to_string(),
        };
        found.push(format!(
            "v{{v}} declares {}, the migration leaves {}",
            said(&declared.default),
            said(&actual.default)
        ));
    }
    found
}

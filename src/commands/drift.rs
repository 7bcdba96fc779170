//! `contract drift`: every table contract's latest released version compared with the live table
//! in PostgreSQL (table missing, column missing or extra, type, nullability, default, primary
//! key). A live table that matches the draft instead is info: the draft's migration is deployed
//! ahead of its release.

use crate::catalog::model::{Column, Contract, Table, TableVersion};
use crate::catalog::{self, Catalog, display};
use crate::database::{self, LiveSchemas, LiveTable};
use crate::evolution::sqldefault::{contract_meaning, live_meaning};
use crate::evolution::sqltype::{self, SqlType, TypeChange};
use crate::finding::{Level, Violation};
use crate::rules::engine::{self, Outcome, Problem};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The rule every drift finding is reported under; the sub-case is in the message.
use crate::rules::TABLE_DRIFT;

/// Why drift could not be checked: exit code 2.
#[derive(Debug)]
pub struct DriftError(pub String);

impl std::fmt::Display for DriftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DriftError {}

/// Parses `--schema-map DB=SCHEMA`.
pub fn parse_schema_map(entries: &[String]) -> Result<BTreeMap<String, String>, DriftError> {
    let mut map = BTreeMap::new();
    for entry in entries {
        match entry.split_once('=') {
            Some((database, schema)) if !database.is_empty() && !schema.is_empty() => {
                map.insert(database.to_string(), schema.to_string());
            }
            _ => {
                return Err(DriftError(format!(
                    "--schema-map `{entry}` is not DB=SCHEMA (e.g. `--schema-map core=public`)"
                )));
            }
        }
    }
    Ok(map)
}

/// Compares the table contracts of the catalogues holding `paths` with the database at `url`.
pub fn drift(
    paths: &[PathBuf],
    url: &str,
    schema_map: &BTreeMap<String, String>,
) -> Result<Outcome, DriftError> {
    let mut catalogs = Vec::new();
    for path in paths {
        let root = catalog::find_root(path).map_err(|error| DriftError(error.to_string()))?;
        if !catalogs
            .iter()
            .any(|(known, _): &(PathBuf, Catalog)| *known == root)
        {
            let loaded = catalog::load(&root).map_err(|error| DriftError(error.to_string()))?;
            catalogs.push((root, loaded));
        }
    }
    let mut schemas: Vec<String> = catalogs
        .iter()
        .flat_map(|(_, catalog)| catalog.contracts.iter())
        .filter_map(|loaded| live_schema(&loaded.contract, schema_map))
        .collect();
    schemas.sort();
    schemas.dedup();
    let mut client = database::connect(url).map_err(|error| DriftError(error.0))?;
    let live =
        database::read_schemas(&mut client, &schemas).map_err(|error| DriftError(error.0))?;
    let missing: Vec<&String> = schemas
        .iter()
        .filter(|schema| !live.existing.contains(schema))
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|name| format!("`{name}`")).collect();
        return Err(DriftError(format!(
            "the database has no schema {}: connect to the database that holds it, or map the contracts' `database:` to a schema with --schema-map DB=SCHEMA",
            names.join(", ")
        )));
    }
    let mut outcome = Outcome::default();
    for (_, catalog) in &catalogs {
        for loaded in &catalog.contracts {
            let Some(table) = loaded.contract.as_table() else {
                continue;
            };
            let file = display(&loaded.file.path);
            outcome.files += 1;
            outcome.checked.push(file.clone());
            for (level, violation) in compare_contract(&loaded.contract, table, schema_map, &live) {
                outcome
                    .sources
                    .entry(file.clone())
                    .or_insert_with(|| loaded.file.text.clone());
                let problem = Problem {
                    rule: TABLE_DRIFT,
                    file: loaded.file.clone(),
                    contract: Some(loaded.contract.id.clone()),
                    violation: violation.help(
                        "write a migration that makes the database match the released version, or release a version that matches the database",
                    ),
                };
                outcome.findings.push(engine::finding(&problem, level));
            }
        }
    }
    crate::rules::engine::sort(&mut outcome);
    Ok(outcome)
}

/// The live schema a table contract's table is in: its SQL schema (see
/// [`Contract::sql_table`]), or the one `--schema-map` gives its `database:`.
fn live_schema(contract: &Contract, schema_map: &BTreeMap<String, String>) -> Option<String> {
    let sql = contract.sql_table()?;
    let database = contract.as_table()?.database.as_deref();
    let mapped = database
        .and_then(|database| schema_map.get(database))
        .or_else(|| schema_map.get(&sql.schema));
    Some(mapped.cloned().unwrap_or(sql.schema))
}

/// Every difference between one contract and its live table, with its level, each pointing at
/// what the contract says: the column, the primary key, or the released version.
fn compare_contract(
    contract: &Contract,
    table: &Table,
    schema_map: &BTreeMap<String, String>,
    live: &LiveSchemas,
) -> Vec<(Level, Violation)> {
    let (Some(sql), Some(schema)) = (contract.sql_table(), live_schema(contract, schema_map))
    else {
        return vec![];
    };
    let name = sql.name;
    let released = table
        .versions
        .iter()
        .rposition(|version| version.released.is_some());
    let draft = table
        .versions
        .last()
        .filter(|version| version.released.is_none());
    let Some(released_at) = released else {
        // Nothing released: nothing the database is held to yet.
        return vec![];
    };
    let released = &table.versions[released_at];
    let at_released = format!("/versions/{released_at}");
    let Some(live_table) = live.tables.get(&(schema.clone(), name.clone())) else {
        return vec![(
            Level::Error,
            Violation::at(
                &at_released,
                format!(
                    "table missing: `{schema}.{name}` does not exist in the database (v{} is released)",
                    released.version
                ),
            ),
        )];
    };
    let against_released = differences(released, &at_released, &table.primary_key, live_table);
    if against_released.is_empty() {
        return vec![];
    }
    if let Some(draft) = draft
        && differences(draft, "", &table.primary_key, live_table).is_empty()
    {
        let at_draft = format!("/versions/{}", table.versions.len() - 1);
        return vec![(
            Level::Info,
            Violation::at(
                at_draft,
                format!(
                    "`{schema}.{name}` matches draft v{}, not released v{}: the draft's migration is deployed ahead of its release",
                    draft.version, released.version
                ),
            ),
        )];
    }
    against_released
        .into_iter()
        .map(|(level, mut violation)| {
            violation.message = format!("{} (released v{})", violation.message, released.version);
            (level, violation)
        })
        .collect()
}

/// The differences between a version's columns (and the contract's primary key) and a live table;
/// the violations point under `at`, the version in the contract file.
fn differences(
    version: &TableVersion,
    at: &str,
    primary_key: &[String],
    live: &LiveTable,
) -> Vec<(Level, Violation)> {
    let mut found = Vec::new();
    for (index, column) in version.columns.iter().enumerate() {
        let at_column = format!("{at}/columns/{index}");
        let mut push = |level, message| found.push((level, Violation::at(&at_column, message)));
        let Some(live_column) = live.columns.iter().find(|live| live.name == column.name) else {
            push(
                Level::Error,
                format!("column missing: `{}` is not in the database", column.name),
            );
            continue;
        };
        if !same_type(&column.sql_type, &live_column.sql_type) {
            push(
                Level::Error,
                format!(
                    "type: `{}` is `{}` in the contract, `{}` in the database",
                    column.name, column.sql_type, live_column.sql_type
                ),
            );
        }
        if column.nullable == live_column.not_null {
            let word = |nullable: bool| if nullable { "nullable" } else { "NOT NULL" };
            push(
                Level::Error,
                format!(
                    "nullability: `{}` is {} in the contract, {} in the database",
                    column.name,
                    word(column.nullable),
                    word(!live_column.not_null)
                ),
            );
        }
        let contract_default = column.default.as_ref().map(contract_meaning);
        let live_default = live_column.default.as_deref().map(live_meaning);
        // A sequence default is how `serial` is built: a contract that gives no default for
        // the column (`integer`, or `serial`) is not contradicted by it.
        let serial = contract_default.is_none()
            && live_default
                .as_deref()
                .is_some_and(|text| text.starts_with("nextval("));
        if contract_default != live_default && !serial {
            let show =
                |value: Option<String>| value.map_or("none".to_string(), |v| format!("`{v}`"));
            push(
                Level::Warning,
                format!(
                    "default: `{}` defaults to {} in the contract, {} in the database",
                    column.name,
                    show(contract_default),
                    show(live_column.default.clone())
                ),
            );
        }
    }
    for live_column in &live.columns {
        if !version
            .columns
            .iter()
            .any(|column: &Column| column.name == live_column.name)
        {
            found.push((
                Level::Error,
                Violation::at(
                    format!("{at}/columns"),
                    format!(
                        "column extra: `{}` ({}) is in the database but not in the contract",
                        live_column.name, live_column.sql_type
                    ),
                ),
            ));
        }
    }
    if primary_key != live.primary_key.as_slice() {
        found.push((
            Level::Error,
            Violation::at(
                "/primary_key",
                format!(
                    "primary key: ({}) in the contract, ({}) in the database",
                    primary_key.join(", "),
                    live.primary_key.join(", ")
                ),
            )
            .on_key(),
        ));
    }
    found
}

/// Whether two spellings name one type (`int4` and `integer`); unparsable ones compare as text.
fn same_type(contract: &str, live: &str) -> bool {
    match (contract.parse::<SqlType>(), live.parse::<SqlType>()) {
        (Ok(contract), Ok(live)) => sqltype::classify(&contract, &live) == TypeChange::Same,
        _ => contract.trim().eq_ignore_ascii_case(live.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_spellings_are_one_type() {
        assert!(same_type("integer", "int4"));
        assert!(same_type("varchar(200)", "character varying(200)"));
        assert!(!same_type("varchar(200)", "character varying(100)"));
        assert!(!same_type("text", "integer"));
    }

    #[test]
    fn schema_map_entries_must_be_db_equals_schema() {
        let map = parse_schema_map(&["core=public".to_string()]).unwrap();
        assert_eq!(map.get("core").map(String::as_str), Some("public"));
        assert!(parse_schema_map(&["core".to_string()]).is_err());
        assert!(parse_schema_map(&["=x".to_string()]).is_err());
    }
}

//! `contract export sql` applied to a real, empty PostgreSQL (a throwaway server, see
//! tests/scratch_postgres): the DDL of the example catalogue and of the awkward one must apply
//! with `ON_ERROR_STOP`, apply a second time (it is idempotent), and leave every contract column
//! in place with its type, nullability and default, and every primary key, as
//! information_schema reports them. Skipped, saying so, only when no server binaries exist.

mod scratch_postgres;

use contract::catalog;
use contract::evolution::sqltype::SqlType;
use scratch_postgres::ScratchPostgres;
use std::process::Command;

fn exported_sql(catalog: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_contract"))
        .args(["export", "sql", catalog, "--out", "-"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The type information_schema reports, spelled as a PostgreSQL type name.
fn reported_type(data_type: &str, udt: &str, length: &str, precision: &str, scale: &str) -> String {
    match data_type {
        "ARRAY" => format!("{}[]", udt.trim_start_matches('_')),
        "character varying" if !length.is_empty() => format!("varchar({length})"),
        "character" if !length.is_empty() => format!("char({length})"),
        "numeric" if !precision.is_empty() => format!("numeric({precision},{scale})"),
        other => other.to_string(),
    }
}

/// A default as information_schema shows it, without the cast PostgreSQL adds to a literal
/// (`'EUR'::bpchar` → `'EUR'`).
fn without_literal_cast(default: &str) -> &str {
    if default.starts_with('\'')
        && let Some(end) = default.rfind("'::")
    {
        return &default[..=end];
    }
    default
}

fn check_catalogue(server: &ScratchPostgres, catalog_dir: &str, database: &str) {
    let sql = exported_sql(catalog_dir);
    server.create_database(database);
    server
        .psql(database, &[], Some(&sql))
        .unwrap_or_else(|error| panic!("the DDL of {catalog_dir} does not apply: {error}"));
    server
        .psql(database, &[], Some(&sql))
        .unwrap_or_else(|error| panic!("the DDL of {catalog_dir} does not apply twice: {error}"));
    let loaded = catalog::load(std::path::Path::new(catalog_dir)).unwrap();
    let mut tables = 0;
    for contract in &loaded.contracts {
        let Some(table) = contract.contract.as_table() else {
            continue;
        };
        let Some(version) = table.versions.iter().rev().find(|v| v.released.is_some()) else {
            continue;
        };
        tables += 1;
        let sql = contract.contract.sql_table().unwrap();
        let (schema, name) = (sql.schema, sql.name);
        let literal = |text: &str| format!("'{}'", text.replace('\'', "''"));
        let rows = server.query(
            database,
            &format!(
                "SELECT column_name, data_type, udt_name, coalesce(character_maximum_length::text, ''), \
                 coalesce(numeric_precision::text, ''), coalesce(numeric_scale::text, ''), is_nullable, \
                 coalesce(column_default, '') FROM information_schema.columns \
                 WHERE table_schema = {} AND table_name = {} ORDER BY ordinal_position",
                literal(&schema),
                literal(&name)
            ),
        );
        let rows: Vec<Vec<&str>> = rows.lines().map(|line| line.split('|').collect()).collect();
        assert_eq!(
            rows.len(),
            version.columns.len(),
            "{}: columns in the database: {rows:?}",
            contract.contract.id
        );
        for (column, row) in version.columns.iter().zip(&rows) {
            let id = format!("{}.{}", contract.contract.id, column.name);
            assert_eq!(row[0], column.name, "{id}");
            let reported: SqlType = reported_type(row[1], row[2], row[3], row[4], row[5])
                .parse()
                .unwrap();
            let declared: SqlType = column.sql_type.parse().unwrap();
            assert_eq!(reported, declared, "{id}: type");
            assert_eq!(row[6] == "YES", column.nullable, "{id}: nullability");
            let declared_default = match &column.default {
                None => String::new(),
                Some(serde_json::Value::String(text)) => text.clone(),
                Some(other) => other.to_string(),
            };
            assert_eq!(
                without_literal_cast(row[7]),
                declared_default,
                "{id}: default"
            );
        }
        let key = server.query(
            database,
            &format!(
                "SELECT k.column_name FROM information_schema.table_constraints c \
                 JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name) \
                 WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = {} AND c.table_name = {} \
                 ORDER BY k.ordinal_position",
                literal(&schema),
                literal(&name)
            ),
        );
        let key: Vec<&str> = key.lines().collect();
        assert_eq!(
            key, table.primary_key,
            "{}: primary key",
            contract.contract.id
        );
        let comment = server.query(
            database,
            &format!(
                "SELECT obj_description({}::regclass, 'pg_class')",
                literal(&format!("\"{}\".\"{}\"", schema, name.replace('"', "\"\"")))
            ),
        );
        assert_eq!(
            comment.trim_end_matches('\n'),
            contract.contract.description.as_deref().unwrap_or(""),
            "{}: comment",
            contract.contract.id
        );
    }
    assert!(tables > 0, "{catalog_dir} has no released table");
}

#[test]
fn the_exported_ddl_builds_every_contract_table_in_a_real_postgres() {
    let Some(server) = ScratchPostgres::start() else {
        return;
    };
    check_catalogue(&server, "contracts", "example");
    check_catalogue(&server, "tests/data/export-awkward", "awkward");
}

//! `contract export sql`: PostgreSQL DDL for every table contract's latest released version (or
//! `--version N`): `CREATE SCHEMA IF NOT EXISTS` for each database, then `CREATE TABLE IF NOT
//! EXISTS` with types, `NOT NULL`, defaults and the primary key, then `COMMENT ON` from the
//! descriptions. Schemas come before the tables in them; tables have no foreign keys in the
//! format, so that is the whole dependency order. Types are re-spelled from their parsed form,
//! names are quoted where PostgreSQL needs it, and a default that could end the statement is
//! refused, so no contract can smuggle a second statement into the DDL.

use super::{ExportError, File, Options, tables};
use crate::catalog::model::{Column, TableVersion};
use crate::catalog::{Catalog, Loaded};
use crate::evolution::sqltype::SqlType;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Words PostgreSQL reserves (SQL Key Words appendix, "reserved" in PostgreSQL): as a bare
/// identifier they are a syntax error, so they are always quoted.
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
];

/// `name` as a PostgreSQL identifier: bare when it is lowercase letters, digits and `_` (not
/// starting with a digit) and not reserved, otherwise in double quotes with `"` doubled.
pub fn quote_ident(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RESERVED.contains(&name);
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// `text` as a standard SQL string literal (`'` doubled; standard_conforming_strings is on by
/// default since PostgreSQL 9.1, so backslashes are plain characters).
pub fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The schema and table a table contract names: its `database`, and its id after the first dot
/// (`core.meetings` → `core`, `meetings`).
pub fn qualified_name(loaded: &Loaded, database: &str) -> (String, String) {
    let id = &loaded.contract.id;
    let table = id.split_once('.').map_or(id.as_str(), |(_, rest)| rest);
    (database.to_string(), table.to_string())
}

pub fn export(catalog: &Catalog, options: &Options) -> Result<Vec<File>, ExportError> {
    // database → the CREATE TABLE statements and comments of its tables, in id order.
    let mut by_schema: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (loaded, table) in tables(catalog) {
        let contract = &loaded.contract;
        let file = crate::catalog::display(&loaded.file.path);
        let version = match options.version {
            Some(wanted) => table.versions.iter().find(|v| v.version == wanted).ok_or_else(|| {
                ExportError(format!(
                    "{} ({file}) has no version {wanted}: `--version` names a version every table has, or leave it out for each table's latest released one",
                    contract.id
                ))
            })?,
            None => match super::latest_released_table(table) {
                Some(version) => version,
                // Nothing released yet: no database holds this table, so there is nothing to create.
                None => continue,
            },
        };
        let Some(database) = table.database.as_deref() else {
            return Err(ExportError(format!(
                "{} ({file}) has no `database`: the DDL needs the schema to create the table in",
                contract.id
            )));
        };
        let (schema, name) = qualified_name(loaded, database);
        let statement = create_table(&schema, &name, loaded, &table.primary_key, version)?;
        by_schema.entry(schema).or_default().push(statement);
    }
    let mut text = String::from(
        "-- Generated by `contract export sql` from the table contracts; do not edit by hand.\n",
    );
    for schema in by_schema.keys() {
        writeln!(
            text,
            "\nCREATE SCHEMA IF NOT EXISTS {};",
            quote_ident(schema)
        )
        .unwrap();
    }
    for statements in by_schema.values() {
        for statement in statements {
            text.push('\n');
            text.push_str(statement);
        }
    }
    Ok(vec![File {
        path: "schema.sql".into(),
        text,
    }])
}

fn create_table(
    schema: &str,
    name: &str,
    loaded: &Loaded,
    primary_key: &[String],
    version: &TableVersion,
) -> Result<String, ExportError> {
    let contract = &loaded.contract;
    let file = crate::catalog::display(&loaded.file.path);
    let table = format!("{}.{}", quote_ident(schema), quote_ident(name));
    let mut lines = Vec::new();
    for column in &version.columns {
        lines.push(format!(
            "  {}",
            column_definition(column).map_err(|why| {
                ExportError(format!(
                    "{} ({file}) v{}, column `{}`: {why}",
                    contract.id,
                    version.version,
                    column.name.escape_debug()
                ))
            })?
        ));
    }
    if !primary_key.is_empty() {
        let key: Vec<String> = primary_key.iter().map(|c| quote_ident(c)).collect();
        lines.push(format!("  PRIMARY KEY ({})", key.join(", ")));
    }
    let mut text = format!(
        "-- {} v{}\nCREATE TABLE IF NOT EXISTS {table} (\n{}\n);\n",
        contract.id,
        version.version,
        lines.join(",\n")
    );
    if let Some(description) = &contract.description {
        writeln!(
            text,
            "COMMENT ON TABLE {table} IS {};",
            quote_literal(description)
        )
        .unwrap();
    }
    for column in &version.columns {
        if let Some(description) = &column.description {
            writeln!(
                text,
                "COMMENT ON COLUMN {table}.{} IS {};",
                quote_ident(&column.name),
                quote_literal(description)
            )
            .unwrap();
        }
    }
    Ok(text)
}

fn column_definition(column: &Column) -> Result<String, String> {
    let sql_type: SqlType = column.sql_type.parse().map_err(|error| {
        format!("{error}; write one of PostgreSQL's type names (e.g. `text`, `varchar(200)`, `timestamptz`)")
    })?;
    let mut text = format!("{} {sql_type}", quote_ident(&column.name));
    if !column.nullable {
        text.push_str(" NOT NULL");
    }
    if let Some(default) = &column.default {
        text.push_str(" DEFAULT ");
        text.push_str(&default_expression(default)?);
    }
    Ok(text)
}

/// A column default as SQL: numbers and booleans as themselves, text as the expression it is
/// (`now()`, `'draft'`, `0`). An expression is checked to stay one expression: quotes and
/// parentheses balanced, no `;` and no comment outside a string literal.
fn default_expression(default: &Value) -> Result<String, String> {
    match default {
        Value::Number(number) => Ok(number.to_string()),
        Value::Bool(flag) => Ok(flag.to_string()),
        Value::String(expression) => {
            one_expression(expression)?;
            Ok(expression.clone())
        }
        other => Err(format!(
            "its default `{other}` is not an SQL expression: write it as text, e.g. `default: \"'none'\"` or `default: now()`"
        )),
    }
}

fn one_expression(expression: &str) -> Result<(), String> {
    let refuse = |what: &str| {
        Err(format!(
            "its default `{}` {what}, so it could end the CREATE TABLE statement; write a single SQL expression",
            expression.escape_debug()
        ))
    };
    if expression.trim().is_empty() {
        return refuse("is empty");
    }
    let mut in_string = false;
    let mut in_ident = false;
    let mut depth: i32 = 0;
    let mut chars = expression.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' if !in_ident => in_string = !in_string,
            '"' if !in_string => in_ident = !in_ident,
            _ if in_string || in_ident => {}
            ';' => return refuse("contains `;`"),
            '-' if chars.peek() == Some(&'-') => return refuse("contains a `--` comment"),
            '/' if chars.peek() == Some(&'*') => return refuse("contains a `/*` comment"),
            '$' => return refuse("contains `$` (a dollar-quoted string)"),
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return refuse("closes a parenthesis it did not open");
                }
            }
            ',' if depth == 0 => return refuse("contains `,` outside parentheses"),
            _ => {}
        }
    }
    if in_string || in_ident {
        return refuse("leaves a quote open");
    }
    if depth != 0 {
        return refuse("leaves a parenthesis open");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_only_where_postgres_needs_it() {
        assert_eq!(quote_ident("meetings"), "meetings");
        assert_eq!(quote_ident("user"), "\"user\"");
        assert_eq!(quote_ident("order-lines"), "\"order-lines\"");
        assert_eq!(quote_ident("Mixed"), "\"Mixed\"");
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote_ident("1st"), "\"1st\"");
    }

    #[test]
    fn literals_double_their_quotes() {
        assert_eq!(quote_literal("it's | \"x\""), "'it''s | \"x\"'");
    }

    #[test]
    fn a_default_that_would_end_the_statement_is_refused() {
        for bad in [
            "0); DROP TABLE x; --",
            "1 -- x",
            "'a'; select 1",
            "(1",
            "1)",
            "$$x$$",
            "1, b int",
            "'open",
        ] {
            assert!(
                default_expression(&Value::String(bad.into())).is_err(),
                "{bad}"
            );
        }
        for good in [
            "now()",
            "'in-progress'",
            "''",
            "0",
            "gen_random_uuid()",
            "'a;b'",
            "coalesce(1, 2)",
        ] {
            assert_eq!(
                default_expression(&Value::String(good.into())),
                Ok(good.to_string())
            );
        }
    }
}

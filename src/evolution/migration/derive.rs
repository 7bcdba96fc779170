//! What a migration does to one table: its statements applied, in order, to a model of the
//! table's columns. Starting from the previous version's columns (or from no table, for the
//! first version), the result is what the database holds after the migration, which the
//! `migration-mismatch` rule compares with the version's own columns. Statements about other
//! tables are skipped. Along the way the few lock and rewrite hazards `migration-unsafe`
//! reports are noted, since they depend on whether the table or column existed before.

use super::Migration;
use crate::catalog::model::Column;
use crate::evolution::sqltype::{self, SqlType, TypeChange};
use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, ColumnOption, Expr, ObjectName, ObjectType,
    RenameTableNameKind, Statement, TableConstraint,
};

/// One column as the migration leaves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnState {
    pub name: String,
    /// The type as written (SQL or contract), compared through [`sqltype`].
    pub sql_type: String,
    pub nullable: bool,
    /// The default, normalised by [`normalise_default`].
    pub default: Option<String>,
    /// The line of the last statement that changed this column; `None` if none did.
    pub line: Option<u32>,
}

/// The table as the migration leaves it.
#[derive(Debug, Clone, Default)]
pub struct TableState {
    pub exists: bool,
    pub columns: Vec<ColumnState>,
    pub primary_key: Vec<String>,
    /// The line of the last statement that set or dropped the primary key.
    pub primary_key_line: Option<u32>,
    /// The line of the CREATE TABLE, DROP TABLE or RENAME that last decided whether it exists.
    pub existence_line: Option<u32>,
}

impl TableState {
    /// The table as a contract version declares it; `line: None` everywhere.
    pub fn declared(columns: &[Column], primary_key: &[String]) -> TableState {
        TableState {
            exists: true,
            columns: columns
                .iter()
                .map(|column| ColumnState {
                    name: column.name.clone(),
                    sql_type: column.sql_type.clone(),
                    nullable: column.nullable,
                    default: column.default.as_ref().map(|value| match value {
                        serde_json::Value::String(text) => normalise_default(text),
                        other => normalise_default(&other.to_string()),
                    }),
                    line: None,
                })
                .collect(),
            primary_key: primary_key.to_vec(),
            primary_key_line: None,
            existence_line: None,
        }
    }

    fn column(&mut self, name: &str) -> Option<&mut ColumnState> {
        self.columns.iter_mut().find(|column| column.name == name)
    }
}

/// A hazard `migration-unsafe` reports: the statement's line and the sub-case's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hazard {
    pub line: u32,
    pub message: String,
}

/// The table after the migration, and the hazards noted on the way.
#[derive(Debug)]
pub struct Derived {
    pub state: TableState,
    pub hazards: Vec<Hazard>,
    /// Whether any statement was about this table at all.
    pub touched: bool,
}

/// Applies `migration` to `before` (the previous version, or `None` for the first), for the
/// table `schema.table`.
pub fn derive(
    migration: &Migration,
    before: Option<TableState>,
    schema: &str,
    table: &str,
) -> Derived {
    let existed = before.is_some();
    let mut state = before.unwrap_or_default();
    let existing: Vec<String> = state.columns.iter().map(|c| c.name.clone()).collect();
    let mut names = vec![table.to_string()];
    let mut hazards = Vec::new();
    let mut touched = false;
    let mut lock_timeout = false;
    // Said once, at the first statement that needs it: one missing SET, one finding.
    let mut warned_lock = false;
    // `ADD CONSTRAINT … CHECK (… IS NOT NULL) NOT VALID` then `VALIDATE CONSTRAINT`: the pattern
    // that lets SET NOT NULL skip its scan under the lock.
    let mut not_valid_checks: Vec<String> = Vec::new();
    let mut validated: Vec<String> = Vec::new();
    for statement in &migration.statements {
        lock_timeout |= statement.sets_lock_timeout;
        let Ok(parsed) = &statement.parsed else {
            continue;
        };
        let line = statement.line;
        for parsed in parsed {
            match parsed {
                Statement::CreateTable(create) if is_ours(&create.name, schema, &names) => {
                    touched = true;
                    state.exists = true;
                    state.existence_line = Some(line);
                    state.columns = create
                        .columns
                        .iter()
                        .map(|def| {
                            let mut column = ColumnState {
                                name: ident(&def.name.value, def.name.quote_style),
                                sql_type: def.data_type.to_string().to_lowercase(),
                                nullable: true,
                                default: None,
                                line: Some(line),
                            };
                            for option in &def.options {
                                match &option.option {
                                    ColumnOption::NotNull => column.nullable = false,
                                    ColumnOption::Default(expr) => {
                                        column.default = Some(default_of(expr))
                                    }
                                    ColumnOption::PrimaryKey(_) => {
                                        column.nullable = false;
                                        state.primary_key = vec![column.name.clone()];
                                        state.primary_key_line = Some(line);
                                    }
                                    _ => {}
                                }
                            }
                            column
                        })
                        .collect();
                    for constraint in &create.constraints {
                        if let TableConstraint::PrimaryKey(key) = constraint {
                            set_primary_key(
                                &mut state,
                                key.columns.iter().map(|c| c.to_string()),
                                line,
                            );
                        }
                    }
                }
                Statement::Drop {
                    object_type: ObjectType::Table,
                    names: dropped,
                    ..
                } if dropped.iter().any(|name| is_ours(name, schema, &names)) => {
                    touched = true;
                    state = TableState {
                        existence_line: Some(line),
                        ..TableState::default()
                    };
                    if !lock_timeout && !warned_lock {
                        warned_lock = true;
                        hazards.push(no_lock_timeout(line, "DROP TABLE"));
                    }
                }
                Statement::CreateIndex(index) if is_ours(&index.table_name, schema, &names) => {
                    touched = true;
                    if existed && !index.concurrently {
                        hazards.push(Hazard {
                            line,
                            message: "CREATE INDEX without CONCURRENTLY on an existing table \
blocks every write to it until the index is built"
                                .into(),
                        });
                    }
                }
                Statement::AlterTable(alter) if is_ours(&alter.name, schema, &names) => {
                    touched = true;
                    if existed
                        && !lock_timeout
                        && !warned_lock
                        && takes_access_exclusive(&alter.operations)
                    {
                        warned_lock = true;
                        hazards.push(no_lock_timeout(line, "ALTER TABLE"));
                    }
                    for operation in &alter.operations {
                        apply(
                            &mut state,
                            operation,
                            line,
                            Hazards {
                                existed,
                                existing: &existing,
                                not_valid_checks: &mut not_valid_checks,
                                validated: &mut validated,
                                found: &mut hazards,
                            },
                            &mut names,
                        );
                    }
                }
                _ => {}
            }
        }
    }
    Derived {
        state,
        hazards,
        touched,
    }
}

/// What [`apply`] needs to note hazards.
struct Hazards<'a> {
    existed: bool,
    existing: &'a [String],
    not_valid_checks: &'a mut Vec<String>,
    validated: &'a mut Vec<String>,
    found: &'a mut Vec<Hazard>,
}

fn apply(
    state: &mut TableState,
    operation: &AlterTableOperation,
    line: u32,
    hazards: Hazards,
    names: &mut Vec<String>,
) {
    match operation {
        AlterTableOperation::AddColumn { column_def, .. } => {
            let mut column = ColumnState {
                name: ident(&column_def.name.value, column_def.name.quote_style),
                sql_type: column_def.data_type.to_string().to_lowercase(),
                nullable: true,
                default: None,
                line: Some(line),
            };
            for option in &column_def.options {
                match &option.option {
                    ColumnOption::NotNull => column.nullable = false,
                    ColumnOption::Default(expr) => column.default = Some(default_of(expr)),
                    ColumnOption::PrimaryKey(_) => {
                        column.nullable = false;
                        state.primary_key = vec![column.name.clone()];
                        state.primary_key_line = Some(line);
                    }
                    _ => {}
                }
            }
            if hazards.existed && !column.nullable && column.default.is_none() {
                hazards.found.push(Hazard {
                    line,
                    message: format!(
                        "ADD COLUMN `{}` NOT NULL without a default on an existing table fails \
on any row, or needs the table empty",
                        column.name
                    ),
                });
            }
            state.columns.retain(|c| c.name != column.name);
            state.columns.push(column);
        }
        AlterTableOperation::DropColumn { column_names, .. } => {
            for name in column_names {
                let name = ident(&name.value, name.quote_style);
                state.columns.retain(|c| c.name != name);
                state.primary_key.retain(|key| *key != name);
            }
        }
        AlterTableOperation::RenameColumn {
            old_column_name,
            new_column_name,
        } => {
            let old = ident(&old_column_name.value, old_column_name.quote_style);
            let new = ident(&new_column_name.value, new_column_name.quote_style);
            for key in &mut state.primary_key {
                if *key == old {
                    key.clone_from(&new);
                }
            }
            if let Some(column) = state.column(&old) {
                column.name = new;
                column.line = Some(line);
            }
        }
        AlterTableOperation::RenameTable { table_name } => {
            let (RenameTableNameKind::As(name) | RenameTableNameKind::To(name)) = table_name;
            if let Some(last) = name.0.last().and_then(|part| part.as_ident()) {
                names.push(ident(&last.value, last.quote_style));
            }
            state.existence_line = Some(line);
        }
        AlterTableOperation::AlterColumn { column_name, op } => {
            let name = ident(&column_name.value, column_name.quote_style);
            let was_there = hazards.existing.contains(&name);
            let Some(column) = state.column(&name) else {
                return;
            };
            column.line = Some(line);
            match op {
                AlterColumnOperation::SetNotNull => {
                    column.nullable = false;
                    let pattern = hazards
                        .not_valid_checks
                        .iter()
                        .any(|check| hazards.validated.contains(check));
                    if hazards.existed && was_there && !pattern {
                        hazards.found.push(Hazard {
                            line,
                            message: format!(
                                "SET NOT NULL on the existing column `{name}` scans the whole \
table under an ACCESS EXCLUSIVE lock; add `CHECK ({name} IS NOT NULL) NOT VALID`, VALIDATE it, \
then SET NOT NULL"
                            ),
                        });
                    }
                }
                AlterColumnOperation::DropNotNull => column.nullable = true,
                AlterColumnOperation::SetDefault { value } => {
                    column.default = Some(default_of(value))
                }
                AlterColumnOperation::DropDefault => column.default = None,
                AlterColumnOperation::SetDataType { data_type, .. } => {
                    let new = data_type.to_string().to_lowercase();
                    if hazards.existed && was_there && rewrites(&column.sql_type, &new) {
                        hazards.found.push(Hazard {
                            line,
                            message: format!(
                                "changing `{name}` from `{}` to `{new}` rewrites the whole table \
under an ACCESS EXCLUSIVE lock",
                                column.sql_type
                            ),
                        });
                    }
                    column.sql_type = new;
                }
                _ => {}
            }
        }
        AlterTableOperation::AddConstraint {
            constraint,
            not_valid,
        } => match constraint {
            TableConstraint::PrimaryKey(key) => {
                set_primary_key(state, key.columns.iter().map(|c| c.to_string()), line);
            }
            TableConstraint::Check(check) if *not_valid => {
                if let Some(name) = &check.name {
                    hazards.not_valid_checks.push(name.value.clone());
                }
            }
            _ => {}
        },
        AlterTableOperation::ValidateConstraint { name } => {
            hazards.validated.push(name.value.clone());
        }
        AlterTableOperation::DropPrimaryKey { .. } => {
            state.primary_key.clear();
            state.primary_key_line = Some(line);
        }
        // PostgreSQL names a table's primary key `<table>_pkey` unless told otherwise.
        AlterTableOperation::DropConstraint { name, .. } if name.value.ends_with("_pkey") => {
            state.primary_key.clear();
            state.primary_key_line = Some(line);
        }
        _ => {}
    }
}

fn set_primary_key(state: &mut TableState, columns: impl Iterator<Item = String>, line: u32) {
    state.primary_key = columns.map(|c| c.trim_matches('"').to_string()).collect();
    state.primary_key_line = Some(line);
    for key in state.primary_key.clone() {
        if let Some(column) = state.column(&key) {
            column.nullable = false;
        }
    }
}

/// Whether a type change makes PostgreSQL rewrite the table: not for a respelling, a longer
/// `varchar` or `varchar` → `text` (binary-coercible, checked or not), yes for the rest
/// (`integer` → `bigint` changes the stored width).
pub fn rewrites(old: &str, new: &str) -> bool {
    let (Ok(old), Ok(new)) = (old.parse::<SqlType>(), new.parse::<SqlType>()) else {
        return true;
    };
    match sqltype::classify(&old, &new) {
        TypeChange::Same => false,
        TypeChange::Widened => !matches!(
            (&old, &new),
            (
                SqlType::Varchar(_) | SqlType::Text,
                SqlType::Varchar(_) | SqlType::Text
            )
        ),
        _ => true,
    }
}

/// Which ALTER TABLE forms take an ACCESS EXCLUSIVE lock: all but VALIDATE CONSTRAINT and
/// a few that take lighter locks.
fn takes_access_exclusive(operations: &[AlterTableOperation]) -> bool {
    operations.iter().any(|operation| {
        !matches!(
            operation,
            AlterTableOperation::ValidateConstraint { .. }
                | AlterTableOperation::AddConstraint {
                    not_valid: true,
                    ..
                }
        )
    })
}

fn no_lock_timeout(line: u32, what: &str) -> Hazard {
    Hazard {
        line,
        message: format!(
            "{what} takes an ACCESS EXCLUSIVE lock with no `SET lock_timeout` before it: waiting \
for the lock blocks every query on the table"
        ),
    }
}

/// Whether `name` (`table` or `schema.table`) is the contract's table, under any name the
/// migration gave it so far.
fn is_ours(name: &ObjectName, schema: &str, names: &[String]) -> bool {
    let parts: Vec<String> = name
        .0
        .iter()
        .filter_map(|part| part.as_ident())
        .map(|part| ident(&part.value, part.quote_style))
        .collect();
    match parts.as_slice() {
        [table] => names.contains(table),
        [in_schema, table] => in_schema == schema && names.contains(table),
        _ => false,
    }
}

/// An identifier as PostgreSQL stores it: unquoted ones are folded to lower case.
fn ident(value: &str, quote: Option<char>) -> String {
    match quote {
        Some(_) => value.to_string(),
        None => value.to_lowercase(),
    }
}

fn default_of(expr: &Expr) -> String {
    normalise_default(&expr.to_string())
}

/// A default as text to compare: lower case outside quotes, blanks dropped, one pair of
/// quotes around a literal removed (`'und'` in SQL is `und` in the contract), and
/// `CURRENT_TIMESTAMP` taken for `now()`: PostgreSQL documents them as the same function (the
/// transaction's start time) and stores both as `now()` in the catalogue.
pub fn normalise_default(text: &str) -> String {
    let text = text.trim();
    let text = match text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        Some(literal) if !literal.contains('\'') => return literal.to_string(),
        _ => text,
    };
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    match folded.as_str() {
        "current_timestamp" | "now()" => "now()".to_string(),
        _ => folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migration(sql: &str) -> Migration {
        Migration::from_text("m.sql".into(), sql.to_string())
    }

    fn column(name: &str, sql_type: &str, nullable: bool) -> ColumnState {
        ColumnState {
            name: name.into(),
            sql_type: sql_type.into(),
            nullable,
            default: None,
            line: None,
        }
    }

    fn before() -> TableState {
        TableState {
            exists: true,
            columns: vec![column("id", "uuid", false), column("title", "text", true)],
            primary_key: vec!["id".into()],
            ..TableState::default()
        }
    }

    #[test]
    fn create_table_gives_columns_defaults_and_an_inline_primary_key() {
        let derived = derive(
            &migration(
                "CREATE TABLE core.t (\n  id int4 PRIMARY KEY,\n  at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  \"Name\" varchar(20)\n);",
            ),
            None,
            "core",
            "t",
        );
        let state = derived.state;
        assert!(state.exists);
        assert_eq!(state.primary_key, ["id"]);
        assert_eq!(
            state.columns,
            [
                ColumnState {
                    line: Some(1),
                    ..column("id", "int4", false)
                },
                ColumnState {
                    default: Some("now()".into()),
                    line: Some(1),
                    ..column("at", "timestamptz", false)
                },
                ColumnState {
                    line: Some(1),
                    ..column("Name", "varchar(20)", true)
                },
            ]
        );
        assert!(derived.hazards.is_empty(), "{:?}", derived.hazards);
    }

    #[test]
    fn alter_table_operations_apply_in_order_and_other_tables_are_skipped() {
        let sql = "SET lock_timeout = '1s';\n\
ALTER TABLE core.t ADD COLUMN n integer DEFAULT 0;\n\
ALTER TABLE core.t RENAME COLUMN title TO name;\n\
ALTER TABLE core.t ALTER COLUMN name SET NOT NULL, ALTER COLUMN n DROP DEFAULT;\n\
ALTER TABLE core.other DROP COLUMN id;\n\
ALTER TABLE other.t DROP COLUMN id;\n\
ALTER TABLE core.t ALTER COLUMN n TYPE bigint;";
        let state = derive(&migration(sql), Some(before()), "core", "t").state;
        assert_eq!(
            state.columns,
            [
                column("id", "uuid", false),
                ColumnState {
                    line: Some(4),
                    ..column("name", "text", false)
                },
                ColumnState {
                    line: Some(7),
                    ..column("n", "bigint", true)
                },
            ]
        );
    }

    #[test]
    fn primary_key_drop_and_add_and_table_rename_and_drop() {
        let sql = "ALTER TABLE core.t DROP CONSTRAINT t_pkey;\n\
ALTER TABLE core.t ADD CONSTRAINT t_pk PRIMARY KEY (id, title);\n\
ALTER TABLE core.t RENAME TO u;\n\
ALTER TABLE core.u DROP COLUMN title;";
        let state = derive(&migration(sql), Some(before()), "core", "t").state;
        assert_eq!(state.primary_key, ["id"]);
        assert_eq!(state.columns.len(), 1);
        let dropped = derive(
            &migration("DROP TABLE core.t;"),
            Some(before()),
            "core",
            "t",
        );
        assert!(!dropped.state.exists);
        assert_eq!(dropped.state.existence_line, Some(1));
    }

    #[test]
    fn hazards_on_an_existing_table_and_none_on_a_new_one() {
        let sql = "ALTER TABLE core.t ALTER COLUMN title SET NOT NULL;\n\
ALTER TABLE core.t ADD COLUMN n int NOT NULL;\n\
CREATE INDEX i ON core.t (title);";
        let messages: Vec<(u32, String)> = derive(&migration(sql), Some(before()), "core", "t")
            .hazards
            .into_iter()
            .map(|hazard| (hazard.line, hazard.message))
            .collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[0].1.contains("lock_timeout"));
        assert!(
            messages[1]
                .1
                .starts_with("SET NOT NULL on the existing column `title`")
        );
        assert!(
            messages[2]
                .1
                .starts_with("ADD COLUMN `n` NOT NULL without a default")
        );
        assert_eq!(messages[3].0, 3);
        let fresh = "CREATE TABLE core.t (id uuid);\nCREATE INDEX i ON core.t (id);";
        assert!(
            derive(&migration(fresh), None, "core", "t")
                .hazards
                .is_empty()
        );
    }

    #[test]
    fn rewrites_follow_the_type_lattice() {
        assert!(!rewrites("varchar(100)", "varchar(200)"));
        assert!(!rewrites("varchar(100)", "text"));
        assert!(!rewrites("int4", "integer"));
        assert!(rewrites("integer", "bigint"));
        assert!(rewrites("text", "integer"));
    }

    #[test]
    fn defaults_are_normalised() {
        assert_eq!(normalise_default("CURRENT_TIMESTAMP"), "now()");
        assert_eq!(normalise_default("NOW( )"), "now()");
        assert_eq!(normalise_default("'und'"), "und");
        assert_eq!(normalise_default("0"), "0");
    }
}

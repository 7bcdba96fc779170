//! The PostgreSQL client that `contract drift` and `contract import` use: connects with a
//! connect timeout and a statement timeout, and reads every table of the wanted schemas in two
//! catalogue queries (never one query per table).
//!
//! Takes in a connection URL; hands on [`LiveTable`]s. Must not import anything above
//! `catalog/`: it knows PostgreSQL, not contracts.

use postgres::{Client, Config};
use postgres_native_tls::MakeTlsConnector;
use std::collections::BTreeMap;
use std::time::Duration;

/// One column as the database has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveColumn {
    pub name: String,
    /// `format_type(atttypid, atttypmod)`: `character varying(200)`, `integer`, `text[]`.
    pub sql_type: String,
    pub not_null: bool,
    /// `pg_get_expr` of the default: `'x'::text`, `now()`, `0`.
    pub default: Option<String>,
    pub comment: Option<String>,
}

/// One table of a schema, its columns in their order and its primary key in key order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveTable {
    pub columns: Vec<LiveColumn>,
    pub primary_key: Vec<String>,
    /// `obj_description` of the table: its `COMMENT ON TABLE`.
    pub comment: Option<String>,
    /// A partition of a partitioned table (`relispartition`): its parent describes it.
    pub is_partition: bool,
}

/// What a schema holds, and which of the asked schemas exist at all.
#[derive(Debug, Default)]
pub struct LiveSchemas {
    pub existing: Vec<String>,
    /// Keyed by (schema, table).
    pub tables: BTreeMap<(String, String), LiveTable>,
}

/// Why the database could not be read: exit code 2. The text names the host and the reason and
/// never the password.
#[derive(Debug)]
pub struct DatabaseError(pub String);

impl std::fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DatabaseError {}

/// Seconds before giving up on a connection (per host), unless the URL sets `connect_timeout`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Milliseconds any one catalogue query may run.
const STATEMENT_TIMEOUT_MS: u32 = 30_000;

/// Connects to `url` (a `postgres://` URL or a `key=value` string).
pub fn connect(url: &str) -> Result<Client, DatabaseError> {
    let mut config: Config = url.parse().map_err(|error: postgres::Error| {
        DatabaseError(format!(
            "the database URL is not valid: {}",
            redact(&error.to_string(), url)
        ))
    })?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    config.options(format!("-c statement_timeout={STATEMENT_TIMEOUT_MS}").as_str());
    let password = config
        .get_password()
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned());
    let where_ = describe_target(&config);
    // TLS as the URL's `sslmode` says (`prefer` by default: TLS when the server offers it;
    // `require` refuses a server without it); certificates are verified against the system's
    // roots by native-tls. A Unix socket never uses TLS.
    let tls = native_tls::TlsConnector::new()
        .map(MakeTlsConnector::new)
        .map_err(|error| DatabaseError(format!("cannot set up TLS: {error}")))?;
    config.connect(tls).map_err(|error| {
        let mut reason = error.to_string();
        if let Some(source) = std::error::Error::source(&error) {
            let detail = source.to_string();
            if !reason.contains(&detail) {
                reason = format!("{reason}: {detail}");
            }
        }
        if let Some(password) = &password {
            reason = redact(&reason, password);
        }
        DatabaseError(format!("cannot connect to {where_}: {reason}"))
    })
}

/// "host db.example.com port 5432, database app, user app" — everything but the password.
fn describe_target(config: &Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|host| match host {
            postgres::config::Host::Tcp(name) => name.clone(),
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    let host = if hosts.is_empty() {
        "localhost".to_string()
    } else {
        hosts.join(",")
    };
    let port = config
        .get_ports()
        .first()
        .map_or_else(|| "5432".to_string(), u16::to_string);
    let mut text = format!("host {host} port {port}");
    if let Some(database) = config.get_dbname() {
        text.push_str(&format!(", database {database}"));
    }
    if let Some(user) = config.get_user() {
        text.push_str(&format!(", user {user}"));
    }
    text
}

/// `text` with every occurrence of `secret` replaced, so an error cannot echo a password.
fn redact(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        text.to_string()
    } else {
        text.replace(secret, "********")
    }
}

const TABLES_QUERY: &str = "
SELECT n.nspname::text, c.relname::text, a.attname::text,
       format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum),
       array_position(i.indkey::int2[], a.attnum),
       obj_description(c.oid, 'pg_class'), c.relispartition
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1)
ORDER BY n.nspname, c.relname, a.attnum";

/// Reads every table of `schemas`: one query for the schemas that exist, one for every column
/// of every table with its type, nullability, default, comment and primary-key position (and the
/// table's own comment, repeated on each of its rows).
pub fn read_schemas(client: &mut Client, schemas: &[String]) -> Result<LiveSchemas, DatabaseError> {
    let failed =
        |error: postgres::Error| DatabaseError(format!("cannot read the catalogue: {error}"));
    let mut live = LiveSchemas::default();
    for row in client
        .query(
            "SELECT nspname::text FROM pg_catalog.pg_namespace WHERE nspname = ANY($1) ORDER BY 1",
            &[&schemas],
        )
        .map_err(failed)?
    {
        live.existing.push(row.get(0));
    }
    let mut keys: BTreeMap<(String, String), Vec<(i32, String)>> = BTreeMap::new();
    for row in client.query(TABLES_QUERY, &[&schemas]).map_err(failed)? {
        let key: (String, String) = (row.get(0), row.get(1));
        let column = LiveColumn {
            name: row.get(2),
            sql_type: row.get(3),
            not_null: row.get(4),
            default: row.get(5),
            comment: row.get(6),
        };
        if let Some(position) = row.get::<_, Option<i32>>(7) {
            keys.entry(key.clone())
                .or_default()
                .push((position, column.name.clone()));
        }
        let table = live.tables.entry(key).or_default();
        table.comment = row.get(8);
        table.is_partition = row.get(9);
        table.columns.push(column);
    }
    for (key, mut positions) in keys {
        positions.sort();
        if let Some(table) = live.tables.get_mut(&key) {
            table.primary_key = positions.into_iter().map(|(_, name)| name).collect();
        }
    }
    Ok(live)
}

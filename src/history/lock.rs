//! `contracts.lock`: the record of every release — for each contract, a fingerprint of each
//! released version and the metadata it was released with — and its canonical, sorted JSON form.
//!
//! The lock is what makes "released versions are immutable" checkable offline: the history rules
//! compare it with the files. It lives at the catalogue root (`<catalogue>/contracts.lock`), so a
//! catalogue is self-contained: fixtures, `--against DIR` and copies carry their own record.

use crate::catalog::model::{Body, Column, ColumnDeprecation, Contract, KeepForever, Retention};
use crate::catalog::settings::Settings;
use crate::date::Date;
use crate::finding::Violation;
use crate::yaml::{Node, NodeValue};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

pub const LOCK_FILE: &str = "contracts.lock";
/// The format of the lock file; a lock written by a later format is refused, not misread.
pub const LOCK_FORMAT: i64 = 1;
/// The lock grows with the catalogue, about 400 bytes a contract (4 MB for the 10,000 contracts of
/// `examples/bench_history.rs`); 64 MB leaves room for 150,000 contracts with long histories, and
/// refuses a hostile lock before reading it into memory. Its depth is the parser's `MAX_DEPTH`.
pub const MAX_LOCK_BYTES: u64 = 64 << 20;

/// What was recorded about one contract at its last release. The same record is computed from a
/// catalogue at a git revision, so the lock and the baseline are compared with the files by one
/// comparison (see `crate::history`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub kind: String,
    pub owner: Option<String>,
    pub topic: Option<String>,
    pub partition_key: Option<String>,
    pub primary_key: Vec<String>,
    pub retention: Option<RetentionRecord>,
    /// The mode the contract was checked under: its own, or the catalogue's default.
    pub compatibility: String,
    /// Released versions by number.
    pub versions: BTreeMap<u32, VersionRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionRecord {
    pub archive_after: Option<String>,
    pub delete_after: Option<String>,
    /// `Some("")` for `keep_forever: true`, `Some(reason)` for a stated reason.
    pub keep_forever: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRecord {
    pub released: Date,
    /// `sha256:<hex>` of the version's canonical schema (events) or columns (tables).
    pub fingerprint: String,
}

/// Every contract's record, by id (sorted: the lock's order).
pub type Records = BTreeMap<String, Record>;

/// The mode a contract is checked under: its own, or the catalogue's default.
pub fn compatibility_of(
    contract: &Contract,
    settings: &Settings,
) -> crate::catalog::model::Compatibility {
    contract.compatibility.unwrap_or(settings.compatibility)
}

/// The record of a contract's released state, or `None` when nothing of it is released yet.
pub fn record(contract: &Contract, settings: &Settings) -> Option<Record> {
    let mut versions = BTreeMap::new();
    let (topic, partition_key, primary_key) = match &contract.body {
        Body::Event(event) => {
            for version in &event.versions {
                if let Some(released) = version.released {
                    let fingerprint = fingerprint(&version.schema);
                    versions.insert(
                        version.version,
                        VersionRecord {
                            released,
                            fingerprint,
                        },
                    );
                }
            }
            (event.topic.clone(), event.partition_key.clone(), Vec::new())
        }
        Body::Table(table) => {
            for version in &table.versions {
                if let Some(released) = version.released {
                    let columns = Value::Array(version.columns.iter().map(column_json).collect());
                    versions.insert(
                        version.version,
                        VersionRecord {
                            released,
                            fingerprint: fingerprint(&columns),
                        },
                    );
                }
            }
            (None, None, table.primary_key.clone())
        }
    };
    if versions.is_empty() {
        return None;
    }
    Some(Record {
        kind: contract.kind().to_string(),
        owner: contract.owner.clone(),
        topic,
        partition_key,
        primary_key,
        retention: contract.retention.as_ref().map(retention_record),
        compatibility: compatibility_of(contract, settings).as_str().to_string(),
        versions,
    })
}

pub fn retention_record(retention: &Retention) -> RetentionRecord {
    RetentionRecord {
        archive_after: retention.archive_after.clone(),
        delete_after: retention.delete_after.clone(),
        keep_forever: retention
            .keep_forever
            .as_ref()
            .and_then(|forever| match forever {
                KeepForever::Flag(true) => Some(String::new()),
                KeepForever::Flag(false) => None,
                KeepForever::Reason(reason) => Some(reason.clone()),
            }),
    }
}

/// A column with every default spelt out, so `nullable: true` and an omitted `nullable` (SQL's
/// default) fingerprint alike: the fingerprint follows the meaning, not the spelling.
fn column_json(column: &Column) -> Value {
    let deprecated = match &column.deprecated {
        None | Some(ColumnDeprecation::Flag(false)) => Value::Null,
        Some(ColumnDeprecation::Flag(true)) => json!(true),
        Some(ColumnDeprecation::Details {
            remove_after,
            reason,
        }) => json!({
            "remove_after": remove_after.map(|date| date.to_string()),
            "reason": reason,
        }),
    };
    json!({
        "name": column.name,
        "type": column.sql_type,
        "nullable": column.nullable,
        "default": column.default,
        "description": column.description,
        "classification": column.classification.map(|c| format!("{c:?}").to_lowercase()),
        "deprecated": deprecated,
        "recomputed": column.recomputed,
    })
}

/// `sha256:` and the hex digest of the value's canonical JSON (object keys sorted at every level,
/// no whitespace). SHA-256 rather than a short hash of our own: the fingerprint is evidence that a
/// released version was not edited, so it should not be forgeable by accident or on purpose.
pub fn fingerprint(value: &Value) -> String {
    let mut canonical = Vec::with_capacity(4096);
    write_canonical(value, &mut canonical);
    let digest = Sha256::digest(&canonical);
    let mut text = String::with_capacity(7 + 64);
    text.push_str("sha256:");
    for byte in digest {
        use std::fmt::Write as _;
        let _ = write!(text, "{byte:02x}");
    }
    text
}

/// Writes the bytes of `canonical(value).to_string()` without building the sorted copy:
/// fingerprinting every released version of a large catalogue spent most of its time on it.
fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(object) => {
            let mut entries: Vec<(&String, &Value)> = object.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (position, (key, value)) in entries.into_iter().enumerate() {
                if position > 0 {
                    out.push(b',');
                }
                write_scalar(key, out);
                out.push(b':');
                write_canonical(value, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (position, item) in items.iter().enumerate() {
                if position > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => write_scalar(scalar, out),
    }
}

fn write_scalar(scalar: &(impl serde::Serialize + ?Sized), out: &mut Vec<u8>) {
    serde_json::to_writer(out, scalar).expect("writing JSON to memory cannot fail");
}

/// The value with every object's keys sorted (serde_json keeps insertion order in this crate).
pub fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(object) => {
            let mut keys: Vec<&String> = object.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|key| (key.clone(), canonical(&object[key])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

/// The lock file's text: sorted, indented JSON with a trailing newline, stable byte for byte.
pub fn render(records: &Records) -> String {
    let contracts: Map<String, Value> = records
        .iter()
        .map(|(id, record)| (id.clone(), record_json(record)))
        .collect();
    let document = json!({
        "comment": "Written by `contract release`. Do not edit: `contract check` compares released versions with this record.",
        "format": LOCK_FORMAT,
        "contracts": contracts,
    });
    let mut text = serde_json::to_string_pretty(&canonical(&document))
        .expect("a JSON value always serialises");
    text.push('\n');
    text
}

fn record_json(record: &Record) -> Value {
    let mut object = Map::new();
    object.insert("kind".into(), json!(record.kind));
    object.insert("compatibility".into(), json!(record.compatibility));
    if let Some(owner) = &record.owner {
        object.insert("owner".into(), json!(owner));
    }
    if let Some(topic) = &record.topic {
        object.insert("topic".into(), json!(topic));
    }
    if let Some(key) = &record.partition_key {
        object.insert("partition_key".into(), json!(key));
    }
    if record.kind == "table" {
        object.insert("primary_key".into(), json!(record.primary_key));
    }
    if let Some(retention) = &record.retention {
        let mut value = Map::new();
        if let Some(archive) = &retention.archive_after {
            value.insert("archive_after".into(), json!(archive));
        }
        if let Some(delete) = &retention.delete_after {
            value.insert("delete_after".into(), json!(delete));
        }
        match retention.keep_forever.as_deref() {
            Some("") => value.insert("keep_forever".into(), json!(true)),
            Some(reason) => value.insert("keep_forever".into(), json!(reason)),
            None => None,
        };
        object.insert("retention".into(), Value::Object(value));
    }
    let versions: Vec<Value> = record
        .versions
        .iter()
        .map(|(number, version)| {
            json!({
                "version": number,
                "released": version.released.to_string(),
                "fingerprint": version.fingerprint,
            })
        })
        .collect();
    object.insert("versions".into(), Value::Array(versions));
    Value::Object(object)
}

/// A lock file as read.
#[derive(Debug, Default, PartialEq)]
pub struct Read {
    pub records: Records,
    /// Ids whose entries could not be read: their contracts are not compared.
    pub unreadable: std::collections::BTreeSet<String>,
    /// Whether the lock as a whole could be understood (an object of format 1 with contracts).
    pub usable: bool,
    /// Each problem points into the lock.
    pub problems: Vec<Violation>,
}

/// Reads a lock file's tree (JSON parsed by the spanned YAML parser, so every entry has a line).
/// The entries that could be read are kept, so one bad entry does not hide the checks of the
/// others.
pub fn read(tree: &Node) -> Read {
    let (records, problems, unreadable, usable) = read_parts(tree);
    Read {
        records,
        unreadable,
        usable,
        problems,
    }
}

type Parts = (
    Records,
    Vec<Violation>,
    std::collections::BTreeSet<String>,
    bool,
);

fn read_parts(tree: &Node) -> Parts {
    let mut records = Records::new();
    let mut problems = Vec::new();
    let mut unreadable = std::collections::BTreeSet::new();
    let help = RESTORE_LOCK;
    let NodeValue::Map(top) = &tree.value else {
        problems.push(Violation::at("", "contracts.lock is not a JSON object").help(help));
        return (records, problems, unreadable, false);
    };
    match entry(top, "format").map(|node| &node.value) {
        Some(NodeValue::Integer(LOCK_FORMAT)) => {}
        Some(NodeValue::Integer(other)) => {
            problems.push(
                Violation::at(
                    "/format",
                    format!(
                        "contracts.lock has format {other}; this version of contract reads format {LOCK_FORMAT}"
                    ),
                )
                .help("update contract, or restore the lock written by this version"),
            );
            return (records, problems, unreadable, false);
        }
        _ => {
            problems.push(
                Violation::at(
                    "",
                    "contracts.lock has no `format: 1`; it was not written by `contract release`",
                )
                .help(help),
            );
            return (records, problems, unreadable, false);
        }
    }
    let Some(NodeValue::Map(contracts)) = entry(top, "contracts").map(|node| &node.value) else {
        problems.push(Violation::at("", "contracts.lock has no `contracts` object").help(help));
        return (records, problems, unreadable, false);
    };
    for (id, _, node) in contracts {
        let pointer = format!("/contracts/{}", crate::pointer::pointer_token(id));
        match read_record(node, &pointer) {
            Ok(record) => {
                records.insert(id.clone(), record);
            }
            Err(violation) => {
                unreadable.insert(id.clone());
                problems.push(violation.help(help));
            }
        }
    }
    (records, problems, unreadable, true)
}

fn entry<'a>(entries: &'a [(String, crate::yaml::Loc, Node)], key: &str) -> Option<&'a Node> {
    entries
        .iter()
        .find(|(name, _, _)| name == key)
        .map(|(_, _, node)| node)
}

// A `Violation` is a few bytes over clippy's limit since it carries a boxed witness; it is
// returned once per unreadable lock entry, never in a hot loop.
#[allow(clippy::result_large_err)]
fn read_record(node: &Node, pointer: &str) -> Result<Record, Violation> {
    let NodeValue::Map(entries) = &node.value else {
        return Err(Violation::at(pointer, "this lock entry is not an object"));
    };
    let text = |key: &str| -> Result<Option<String>, Violation> {
        match entry(entries, key).map(|node| &node.value) {
            None => Ok(None),
            Some(NodeValue::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(Violation::at(
                format!("{pointer}/{key}"),
                format!("`{key}` in the lock must be a string"),
            )),
        }
    };
    let required = |key: &str| -> Result<String, Violation> {
        text(key)?.ok_or_else(|| {
            Violation::at(pointer, format!("this lock entry has no `{key}`")).on_key()
        })
    };
    let kind = required("kind")?;
    if kind != "event" && kind != "table" {
        return Err(Violation::at(
            format!("{pointer}/kind"),
            format!("`kind: {kind}` in the lock is neither `event` nor `table`"),
        ));
    }
    let primary_key = match entry(entries, "primary_key").map(|node| &node.value) {
        None => Vec::new(),
        Some(NodeValue::Seq(items)) => items
            .iter()
            .map(|item| match &item.value {
                NodeValue::String(text) => Ok(text.clone()),
                _ => Err(Violation::at(
                    format!("{pointer}/primary_key"),
                    "`primary_key` in the lock must list column names",
                )),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(Violation::at(
                format!("{pointer}/primary_key"),
                "`primary_key` in the lock must list column names",
            ));
        }
    };
    let retention = match entry(entries, "retention") {
        None => None,
        Some(node) => Some(read_retention(node, &format!("{pointer}/retention"))?),
    };
    let Some(NodeValue::Seq(items)) = entry(entries, "versions").map(|node| &node.value) else {
        return Err(Violation::at(
            pointer,
            "this lock entry has no `versions` list",
        ));
    };
    let mut versions = BTreeMap::new();
    for (index, item) in items.iter().enumerate() {
        let at = format!("{pointer}/versions/{index}");
        let NodeValue::Map(fields) = &item.value else {
            return Err(Violation::at(at, "a locked version must be an object"));
        };
        let number = match entry(fields, "version").map(|node| &node.value) {
            Some(NodeValue::Integer(n)) if *n >= 1 && *n <= i64::from(u32::MAX) => *n as u32,
            _ => {
                return Err(Violation::at(
                    at,
                    "a locked version needs `version`, a positive integer",
                ));
            }
        };
        let released = match entry(fields, "released").map(|node| &node.value) {
            Some(NodeValue::String(text)) => Date::parse(text),
            _ => None,
        }
        .ok_or_else(|| {
            Violation::at(
                format!("{at}/released"),
                "a locked version needs `released`, a YYYY-MM-DD date",
            )
        })?;
        let fingerprint = match entry(fields, "fingerprint").map(|node| &node.value) {
            Some(NodeValue::String(text)) if is_fingerprint(text) => text.clone(),
            _ => {
                return Err(Violation::at(
                    format!("{at}/fingerprint"),
                    "a locked version needs `fingerprint`, `sha256:` and 64 hex digits",
                ));
            }
        };
        if versions
            .insert(
                number,
                VersionRecord {
                    released,
                    fingerprint,
                },
            )
            .is_some()
        {
            return Err(Violation::at(
                at,
                format!("version {number} is recorded twice"),
            ));
        }
    }
    Ok(Record {
        kind,
        owner: text("owner")?,
        topic: text("topic")?,
        partition_key: text("partition_key")?,
        primary_key,
        retention,
        compatibility: required("compatibility")?,
        versions,
    })
}

// A `Violation` is a few bytes over clippy's limit since it carries a boxed witness; it is
// returned once per unreadable lock entry, never in a hot loop.
#[allow(clippy::result_large_err)]
fn read_retention(node: &Node, pointer: &str) -> Result<RetentionRecord, Violation> {
    let NodeValue::Map(entries) = &node.value else {
        return Err(Violation::at(
            pointer,
            "`retention` in the lock must be an object",
        ));
    };
    let text = |key: &str| match entry(entries, key).map(|node| &node.value) {
        None => Ok(None),
        Some(NodeValue::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(Violation::at(
            format!("{pointer}/{key}"),
            format!("`{key}` in the lock must be a string"),
        )),
    };
    let keep_forever = match entry(entries, "keep_forever").map(|node| &node.value) {
        None | Some(NodeValue::Bool(false)) => None,
        Some(NodeValue::Bool(true)) => Some(String::new()),
        Some(NodeValue::String(reason)) => Some(reason.clone()),
        Some(_) => {
            return Err(Violation::at(
                format!("{pointer}/keep_forever"),
                "`keep_forever` in the lock must be true or a reason",
            ));
        }
    };
    Ok(RetentionRecord {
        archive_after: text("archive_after")?,
        delete_after: text("delete_after")?,
        keep_forever,
    })
}

fn is_fingerprint(text: &str) -> bool {
    text.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// The help of every finding that says the lock cannot be trusted.
pub const RESTORE_LOCK: &str = "contracts.lock is written by `contract release`; restore it from \
version control, or delete it and run `contract release --init-lock` to record the released \
versions again";

#[cfg(test)]
mod tests {
    use super::*;
    // Test-only and upward: the rules' inline-contract helpers are the shortest way to a
    // parsed contract; no non-test code here knows the rules.
    use crate::rules::testing::{EVENT, TABLE, parse};

    #[test]
    fn the_streamed_canonical_form_is_the_sorted_values_text() {
        let value = json!({"b": [1, 2.5, {"z": null, "a": "x\"y\u{e9}\n"}], "a": true, "é": {}});
        let mut streamed = Vec::new();
        write_canonical(&value, &mut streamed);
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            canonical(&value).to_string()
        );
    }

    #[test]
    fn the_fingerprint_is_sha256_of_the_sorted_compact_json() {
        // echo -n '{"a":1,"b":[true,null]}' | sha256sum
        assert_eq!(
            fingerprint(&json!({"b": [true, null], "a": 1})),
            "sha256:1cc69c7fa23616ca2ec3ee70d24390a6225c8832db8a4c814c7e0e7f942f8668"
        );
        // A known SHA-256 vector, so the digest itself is pinned, not only compared with itself.
        let abc: String = Sha256::digest(b"abc")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            abc,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn key_order_and_spelt_out_defaults_do_not_change_a_fingerprint() {
        let settings = Settings::default();
        let event = record(&parse(EVENT).contract, &settings).unwrap();
        let reordered = EVENT.replace(
            "      type: object\n      required: [meeting_id, title]\n",
            "      required: [meeting_id, title]\n      type: object\n",
        );
        assert_ne!(reordered, EVENT);
        assert_eq!(record(&parse(&reordered).contract, &settings), Some(event));

        let table = record(&parse(TABLE).contract, &settings).unwrap();
        let explicit = TABLE.replace(
            "type: text, nullable: true, description: Title.",
            "type: text, description: Title.",
        );
        assert_ne!(explicit, TABLE);
        assert_eq!(record(&parse(&explicit).contract, &settings), Some(table));
    }

    #[test]
    fn a_changed_description_changes_the_fingerprint() {
        let settings = Settings::default();
        let old = record(&parse(EVENT).contract, &settings).unwrap();
        let new = record(
            &parse(&EVENT.replace("The new title.", "The title.")).contract,
            &settings,
        )
        .unwrap();
        assert_ne!(old.versions[&1].fingerprint, new.versions[&1].fingerprint);
    }

    #[test]
    fn drafts_are_not_recorded_and_unreleased_contracts_have_no_record() {
        let settings = Settings::default();
        let draft = EVENT.replace("    released: 2026-01-12\n", "");
        assert_eq!(record(&parse(&draft).contract, &settings), None);
    }

    #[test]
    fn render_then_read_gives_the_same_records() {
        let settings = Settings::default();
        let mut records = Records::new();
        for text in [EVENT, TABLE] {
            let loaded = parse(text);
            records.insert(
                loaded.contract.id.clone(),
                record(&loaded.contract, &settings).unwrap(),
            );
        }
        let text = render(&records);
        let tree = crate::yaml::parse(&text).unwrap();
        let read_back = read(&tree);
        assert_eq!(read_back.problems, vec![]);
        assert!(read_back.usable);
        assert_eq!(read_back.records, records);
        assert_eq!(render(&read_back.records), text);
        assert!(text.ends_with("}\n"));
    }

    #[test]
    fn a_hand_edited_entry_is_a_located_problem_and_the_others_are_kept() {
        let text = r#"{
  "format": 1,
  "contracts": {
    "a.b": {"kind": "event", "compatibility": "backward", "versions": [{"version": 1, "released": "2026-01-12", "fingerprint": "sha256:abc"}]},
    "c.d": {"kind": "table", "compatibility": "backward", "primary_key": ["id"], "versions": []}
  }
}
"#;
        let lock = read(&crate::yaml::parse(text).unwrap());
        assert_eq!(lock.records.keys().collect::<Vec<_>>(), ["c.d"]);
        assert_eq!(lock.unreadable.iter().collect::<Vec<_>>(), ["a.b"]);
        assert_eq!(lock.problems.len(), 1);
        assert_eq!(
            lock.problems[0].pointer,
            "/contracts/a.b/versions/0/fingerprint"
        );
        let format = r#"{"format": 2, "contracts": {}}"#;
        let lock = read(&crate::yaml::parse(format).unwrap());
        assert!(!lock.usable);
        assert_eq!(
            lock.problems[0].message,
            "contracts.lock has format 2; this version of contract reads format 1"
        );
    }
}

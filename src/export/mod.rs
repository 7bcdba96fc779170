//! `contract export`: the artefacts other tools read, generated from the contracts: an AsyncAPI
//! 3.0.0 document, JSON Schema files for a schema registry, PostgreSQL DDL, Kafka topic
//! configurations and ODCS v3 documents. One file per target.
//!
//! Every exporter is a pure function of the loaded catalogue and the options: same catalogue,
//! same bytes (ordered maps, contracts sorted by id, no timestamps). Exporters hand on files as
//! `/`-separated paths relative to `--out`; the command turns each into a confined page path
//! (`docs::PagePath::relative`, which refuses anything but plain file names) and writes them with
//! the same atomic, symlink-refusing writer as `contract docs`.
//!
//! Takes in the loaded catalogue; reads `catalog/` and `evolution/` (SQL types); must not import
//! `docs/`, `report/`, `commands/` or the CLI.

pub mod asyncapi;
pub mod draft07;
pub mod jsonschema;
pub mod kafka_topics;
pub mod odcs;
pub mod sql;

use crate::catalog::model::{Event, EventVersion, KeepForever, Retention, Table, TableVersion};
use crate::catalog::retention::parse_duration;
use crate::catalog::{Catalog, Loaded};
use std::fmt;

/// What `contract export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Asyncapi,
    Jsonschema,
    Sql,
    KafkaTopics,
    Odcs,
}

impl Target {
    /// The one file a single-document target writes, so `--out -` can print it; `None` for the
    /// targets that write a file per contract.
    pub fn single_file(self) -> Option<&'static str> {
        match self {
            Target::Asyncapi => Some("asyncapi.json"),
            Target::Sql => Some("schema.sql"),
            Target::KafkaTopics => Some("kafka-topics.json"),
            Target::Jsonschema | Target::Odcs => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Target::Asyncapi => "asyncapi",
            Target::Jsonschema => "jsonschema",
            Target::Sql => "sql",
            Target::KafkaTopics => "kafka-topics",
            Target::Odcs => "odcs",
        }
    }
}

/// The options some targets read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `asyncapi`: only this topic.
    pub topic: Option<String>,
    /// `sql`: this version of every table instead of its latest released one.
    pub version: Option<u32>,
    /// `jsonschema`: the base URI of every `$id`.
    pub id_base: String,
}

/// One exported file: its `/`-separated path under `--out`, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub text: String,
}

/// Why an export could not be made: exit code 2, naming the contract and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(pub String);

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// Exports `target` for every contract of `catalog`.
pub fn export(
    catalog: &Catalog,
    target: Target,
    options: &Options,
) -> Result<Vec<File>, ExportError> {
    // An export of a catalogue with a broken file would silently lack that contract (or its
    // team): refuse instead, and let `contract check` show every problem at its line.
    if let Some(problem) = catalog.problems.first() {
        let more = match catalog.problems.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        return Err(ExportError(format!(
            "{} cannot be read as a contract ({}){more}, so the export would lack it; nothing is \
             exported: fix it (`contract check` shows each problem at its line)",
            crate::catalog::display(&problem.file.path),
            problem.violation.message,
        )));
    }
    match target {
        Target::Asyncapi => asyncapi::export(catalog, options),
        Target::Jsonschema => jsonschema::export(catalog, options),
        Target::Sql => sql::export(catalog, options),
        Target::KafkaTopics => kafka_topics::export(catalog),
        Target::Odcs => odcs::export(catalog),
    }
}

/// The event contracts, sorted by id.
pub(crate) fn events(catalog: &Catalog) -> Vec<(&Loaded, &Event)> {
    let mut events: Vec<_> = catalog
        .contracts
        .iter()
        .filter_map(|loaded| Some((loaded, loaded.contract.as_event()?)))
        .collect();
    events.sort_by(|a, b| a.0.contract.id.cmp(&b.0.contract.id));
    events
}

/// The table contracts, sorted by id.
pub(crate) fn tables(catalog: &Catalog) -> Vec<(&Loaded, &Table)> {
    let mut tables: Vec<_> = catalog
        .contracts
        .iter()
        .filter_map(|loaded| Some((loaded, loaded.contract.as_table()?)))
        .collect();
    tables.sort_by(|a, b| a.0.contract.id.cmp(&b.0.contract.id));
    tables
}

/// The versions of an event contract in force: the released ones (a draft is a proposal, not
/// yet on the wire).
pub(crate) fn released_events(event: &Event) -> impl Iterator<Item = &EventVersion> {
    event.versions.iter().filter(|v| v.released.is_some())
}

/// The latest released version of a table.
pub(crate) fn latest_released_table(table: &Table) -> Option<&TableVersion> {
    table.versions.iter().rev().find(|v| v.released.is_some())
}

/// Kafka's `retention.ms` for a retention block: `delete_after` in milliseconds, `-1` for keep
/// forever; `None` when the contract states no usable retention (its check finding says why).
pub(crate) fn retention_ms(retention: Option<&Retention>) -> Option<i64> {
    let retention = retention?;
    if matches!(
        retention.keep_forever,
        Some(KeepForever::Reason(_)) | Some(KeepForever::Flag(true))
    ) {
        return Some(-1);
    }
    let days = parse_duration(retention.delete_after.as_deref()?).ok()?.0;
    i64::try_from(days).ok()?.checked_mul(86_400_000)
}

/// One Kafka topic as the contracts on it describe it.
#[derive(Debug)]
pub(crate) struct Topic<'a> {
    pub name: &'a str,
    pub retention_ms: Option<i64>,
    /// The contracts on the topic, sorted by id.
    pub contracts: Vec<(&'a Loaded, &'a Event)>,
}

/// The topics of the event contracts, sorted by name, each with the retention every contract on
/// it agrees on: contracts sharing a topic share its `retention.ms`, so two that disagree are an
/// error naming both.
/// With `only`, just that topic (the others are not looked at).
pub(crate) fn topics<'a>(
    catalog: &'a Catalog,
    only: Option<&str>,
) -> Result<Vec<Topic<'a>>, ExportError> {
    let mut by_name: std::collections::BTreeMap<&str, Vec<(&Loaded, &Event)>> = Default::default();
    for (loaded, event) in events(catalog) {
        if let Some(topic) = event.topic.as_deref()
            && only.is_none_or(|only| only == topic)
        {
            by_name.entry(topic).or_default().push((loaded, event));
        }
    }
    let mut topics = Vec::new();
    for (name, contracts) in by_name {
        let first = contracts[0];
        let retention = retention_ms(first.0.contract.retention.as_ref());
        for other in &contracts[1..] {
            let theirs = retention_ms(other.0.contract.retention.as_ref());
            if theirs != retention {
                let show = |ms: Option<i64>| match ms {
                    Some(-1) => "kept forever (retention.ms -1)".to_string(),
                    Some(ms) => format!("retention.ms {ms}"),
                    None => "no valid retention".to_string(),
                };
                return Err(ExportError(format!(
                    "topic `{name}` is shared by {} ({}, {}) and {} ({}, {}), which disagree on its \
                     retention; a topic has one retention.ms: give both contracts the same retention",
                    first.0.contract.id,
                    crate::catalog::display(&first.0.file.path),
                    show(retention),
                    other.0.contract.id,
                    crate::catalog::display(&other.0.file.path),
                    show(theirs),
                )));
            }
        }
        topics.push(Topic {
            name,
            retention_ms: retention,
            contracts,
        });
    }
    Ok(topics)
}

/// A JSON value rendered the way every export writes it: pretty, two spaces, a final newline.
pub(crate) fn pretty(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value always serialises");
    text.push('\n');
    text
}

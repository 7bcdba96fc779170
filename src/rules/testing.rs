//! Running one rule on a contract written inline, for the rules' unit tests.

use super::{Check, Context, Rule};
use crate::catalog::Loaded;
use crate::catalog::model::{Contract, Kind, SourceFile};
use crate::catalog::owners::{Owners, Team};
use crate::catalog::settings::Settings;
use crate::date::Date;
use std::sync::Arc;

/// The repository the unit tests' contracts live in: the crate root, where `under-test.yaml`
/// would be.
fn crate_root() -> std::path::PathBuf {
    std::fs::canonicalize(env!("CARGO_MANIFEST_DIR")).expect("the crate root exists")
}

/// The day the unit tests live on.
pub const TODAY: &str = "2026-06-01";

/// The violations `rule` reports on `yaml`, as `pointer: message` lines. The catalogue around it
/// holds the event `meeting.created`, the table `core.users` and the team `meetings`.
pub fn violations(rule: &Rule, yaml: &str) -> Vec<String> {
    violations_with(rule, yaml, &Settings::default())
}

/// Like [`violations`], under the catalogue `settings` (default mode, policy).
pub fn violations_with(rule: &Rule, yaml: &str, settings: &Settings) -> Vec<String> {
    let loaded = parse(yaml);
    let mut index = super::CatalogIndex::default();
    index.insert(
        "meeting.created",
        Kind::Event,
        "events/meeting/created.yaml".into(),
    );
    index.insert("core.users", Kind::Table, "tables/core/users.yaml".into());
    index.insert(
        &loaded.contract.id,
        loaded.contract.kind(),
        "under-test.yaml".into(),
    );
    let owners = Owners {
        teams: vec![Team {
            id: "meetings".into(),
            name: "Meetings".into(),
            contact: "#meetings".into(),
            description: None,
            approvers: Vec::new(),
        }],
    };
    let repository = crate::catalog::confine::Repository::new(crate_root());
    let cx = Context::new(
        &loaded.contract,
        &loaded.file,
        &index,
        Some(&owners),
        settings,
        Date::parse(TODAY).unwrap(),
        &repository,
    );
    let found = crate::pool::pool().install(|| match rule.check {
        Check::Contract(check) => check(&cx),
        Check::EventChange(_) => crate::rules::engine::event::run(&cx, &[rule])
            .into_iter()
            .map(|(_, violation)| violation)
            .collect(),
        Check::Findings(check) => {
            let mut found = Vec::new();
            for other in super::RULES {
                if let Check::Contract(other_check) = other.check {
                    found.extend(
                        other_check(&cx)
                            .into_iter()
                            .map(|violation| (other.id, violation)),
                    );
                }
            }
            found.extend(crate::rules::engine::event::run(&cx, super::RULES));
            check(&loaded.contract, &found)
        }
        Check::Loader => panic!("{} is reported by the loader", rule.id),
        Check::History(_) => panic!("{} is a history rule: use history_violations", rule.id),
        Check::Live => panic!("{} needs a database: tests/drift_cli.rs runs it", rule.id),
    });
    found
        .into_iter()
        .map(|violation| format!("{}: {}", violation.pointer, violation.message))
        .collect()
}

pub fn parse(yaml: &str) -> Loaded {
    let tree = crate::pool::pool()
        .install(|| crate::yaml::parse(yaml))
        .expect("test YAML parses");
    let json = tree.to_json();
    let issues = crate::catalog::format::validate(crate::catalog::format::Format::Contract, &json);
    assert!(
        issues.is_empty(),
        "test contract breaks the format: {issues:?}"
    );
    let contract = Contract::from_json(json).expect("test contract reads");
    let file = Arc::new(SourceFile::with_tree(
        "under-test.yaml".into(),
        Arc::from(yaml),
        Some(tree),
    ));
    Loaded { file, contract }
}

/// A table contract with a version 1 released on 2026-01-05 and a draft version 2, whose
/// `columns:` are the given block-sequence lines (indented six spaces); table evolution tests
/// write the two column lists they compare.
pub fn table_versions(old_columns: &str, new_columns: &str) -> String {
    format!(
        "\
contract: core.meetings
kind: table
owner: meetings
description: One row per meeting.
database: core
primary_key: [id]
retention: {{delete_after: 730d}}
versions:
  - version: 1
    released: 2026-01-05
    summary: Initial version.
    columns:
{old_columns}  - version: 2
    summary: The change under test.
    columns:
{new_columns}"
    )
}

/// The ids of every contract rule that reports something on `yaml`, sorted, without repeats.
/// Parses once and runs every rule on the same context, for tests over many contracts.
pub fn rules_firing(yaml: &str) -> Vec<&'static str> {
    let loaded = parse(yaml);
    let mut index = super::CatalogIndex::default();
    index.insert(
        &loaded.contract.id,
        loaded.contract.kind(),
        "under-test.yaml".into(),
    );
    let owners = Owners {
        teams: vec![Team {
            id: "meetings".into(),
            name: "Meetings".into(),
            contact: "#meetings".into(),
            description: None,
            approvers: Vec::new(),
        }],
    };
    let settings = Settings::default();
    let repository = crate::catalog::confine::Repository::new(crate_root());
    let cx = Context::new(
        &loaded.contract,
        &loaded.file,
        &index,
        Some(&owners),
        &settings,
        Date::parse(TODAY).unwrap(),
        &repository,
    );
    let mut ids: Vec<&'static str> = crate::pool::pool().install(|| {
        super::RULES
            .iter()
            .filter(|rule| match rule.check {
                Check::Contract(check) => !check(&cx).is_empty(),
                _ => false,
            })
            .map(|rule| rule.id)
            .collect()
    });
    ids.sort_unstable();
    ids
}

/// A complete, valid event contract; tests replace the parts they are about.
pub const EVENT: &str = "\
contract: meeting.renamed
kind: event
owner: meetings
description: A meeting got a new title.
topic: meeting-events
partition_key: meeting_id
retention: {delete_after: 400d}
versions:
  - version: 1
    released: 2026-01-12
    summary: Initial version.
    schema:
      type: object
      required: [meeting_id, title]
      properties:
        meeting_id: {type: string, format: uuid, description: The meeting.}
        title: {type: string, description: The new title., x-classification: personal}
    examples:
      - {meeting_id: 0b6f2c1e-8d1a-4a56-9a7e-3f2b1c0d9e8f, title: Weekly sync}
";

/// A complete, valid table contract.
pub const TABLE: &str = "\
contract: core.meetings
kind: table
owner: meetings
description: One row per meeting.
database: core
primary_key: [id]
retention: {delete_after: 730d}
versions:
  - version: 1
    released: 2026-01-05
    summary: Initial version.
    columns:
      - {name: id, type: uuid, nullable: false, description: Meeting id.}
      - {name: title, type: text, nullable: true, description: Title., classification: personal}
";

/// An event contract with a released version 1 and a draft version 2, whose schemas are the
/// given flow-style YAML mappings; evolution rule tests write the two schemas they compare.
pub fn evolving(old_schema: &str, new_schema: &str) -> String {
    format!(
        "\
contract: meeting.renamed
kind: event
owner: meetings
description: A meeting got a new title.
topic: meeting-events
partition_key: meeting_id
retention: {{delete_after: 400d}}
versions:
  - version: 1
    released: 2026-01-12
    summary: Initial version.
    schema: {old_schema}
  - version: 2
    summary: The change under test.
    schema: {new_schema}
"
    )
}
/// The violations a history rule reports for a contract released as `old` (recorded in the
/// lock; `None`: not recorded) and now written as `new` (`None`: no file declares it).
pub fn history_violations(rule: &Rule, old: Option<&str>, new: Option<&str>) -> Vec<String> {
    history_violations_from(
        rule,
        old,
        new,
        crate::history::SourceKind::Lock { exists: true },
    )
}

/// [`history_violations`] with the old side from `source`.
pub fn history_violations_from(
    rule: &Rule,
    old: Option<&str>,
    new: Option<&str>,
    source: crate::history::SourceKind,
) -> Vec<String> {
    let settings = Settings::default();
    let old = old.map(parse);
    let new = new.map(parse);
    let old_record = old
        .as_ref()
        .and_then(|loaded| crate::history::lock::record(&loaded.contract, &settings));
    let new_record = new
        .as_ref()
        .and_then(|loaded| crate::history::lock::record(&loaded.contract, &settings));
    let id = old
        .as_ref()
        .or(new.as_ref())
        .map(|loaded| loaded.contract.id.clone())
        .expect("an old or a new contract");
    let cx = crate::history::HistoryContext {
        id: &id,
        old: old_record.as_ref(),
        new: new.as_ref(),
        new_record: new_record.as_ref(),
        settings: &settings,
        source: &source,
    };
    let Check::History(check) = rule.check else {
        panic!("{} is not a history rule", rule.id)
    };
    check(&cx)
        .into_iter()
        .map(|violation| format!("{}: {}", violation.pointer, violation.message))
        .collect()
}

//! The rule registry: every finding comes from one of these rules, one rule per file, and the
//! [`engine`] that runs them.
//!
//! `contract rules`, `contract explain` and the rules reference page are all generated from
//! [`RULES`], so documentation cannot drift from behaviour.
//!
//! Takes in the loaded catalogue, the typed changes ([`crate::evolution`]) and the old records
//! ([`crate::history`]); hands on located, levelled findings for `report/`, `docs/` and the
//! commands. A rule reads the typed model and changes, never raw YAML; nothing here imports
//! `report/`, `docs/`, `commands/` or the CLI.

pub mod engine;
#[cfg(test)]
pub(crate) mod testing;

mod acceptance_unused;
mod approver_unknown;
mod backfill_plan_incomplete;
mod backfill_plan_missing;
mod column_made_not_null;
mod column_made_nullable;
mod column_removed_after_deadline;
mod column_removed_before_deadline;
mod column_removed_without_deprecation;
mod column_renamed;
mod column_type_changed;
mod column_type_narrowed;
mod column_type_unknown;
mod column_type_widened;
mod compatibility_loosened;
mod compensates_unknown_event;
mod compensation_incomplete;
mod constraint_loosened;
mod constraint_tightened;
mod content_model_closed;
mod content_model_opened;
mod contract_invalid;
mod contract_removed;
mod deprecation_overdue;
mod deprecation_without_deadline;
mod derived_from_unknown_contract;
mod description_missing;
mod duplicate_contract_id;
mod enum_value_added;
mod enum_value_removed;
mod event_sourced_log_incomplete;
mod example_invalid;
mod example_rejected_by_new_version;
mod field_made_optional;
mod field_made_required;
mod field_removed_after_deadline;
mod field_removed_before_deadline;
mod field_removed_without_deprecation;
mod kitchen_sink_schema;
mod lock_mismatch;
mod migration_mismatch;
mod migration_missing;
mod migration_unparsed;
mod migration_unsafe;
mod not_null_column_added_without_default;
mod owner_changed;
mod owner_missing;
mod owner_unknown;
mod partition_key_changed;
mod partition_key_missing;
mod partition_key_not_in_schema;
mod partition_key_optional;
mod path_outside_repository;
mod primary_key_changed;
mod property_added_to_closed_model;
mod property_added_to_open_model;
mod read_model_outlives_source;
mod released_version_modified;
mod released_version_removed;
mod required_field_added;
mod retention_forever_personal_data;
mod retention_invalid;
mod retention_lengthened_personal_data;
mod retention_missing;
mod retention_shortened;
mod schema_invalid;
mod table_drift;
mod topic_changed;
mod topic_retention_mismatch;
mod type_changed;
mod type_narrowed;
mod type_widened;
mod version_sequence_invalid;

// What a check sees is built one stage down, where the changes it caches are computed.
pub use crate::evolution::context::{CatalogIndex, Context};

use crate::finding::{Level, Violation};

/// What a rule is about, for grouping in `contract rules` and the docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Hygiene,
    EventEvolution,
    TableEvolution,
    History,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Hygiene => "hygiene",
            Category::EventEvolution => "event evolution",
            Category::TableEvolution => "table evolution",
            Category::History => "history",
        }
    }
}

/// How a rule finds its violations.
pub enum Check {
    /// Reported by the catalogue loader (unreadable or malformed files), not by a check function.
    Loader,
    /// A pure function of one contract in its catalogue.
    Contract(fn(&Context) -> Vec<Violation>),
    /// A pure function of one old/new pair of versions of an event contract
    /// ([`crate::evolution::event`] decides the pairs and computes their differences once).
    EventChange(fn(&crate::evolution::event::EventChange) -> Vec<Violation>),
    /// A function of one contract and every finding the other rules reported on it, before
    /// acceptances silence any: run last, by the engine.
    Findings(fn(&crate::catalog::model::Contract, &[RuleViolation]) -> Vec<Violation>),
    /// A pure function of one contract now and its record at the last release (from
    /// contracts.lock or a git revision; see [`crate::history`]). Violations point into the
    /// contract file; for a contract no file declares any more, the engine points them at the
    /// old record.
    History(fn(&crate::history::HistoryContext) -> Vec<Violation>),
    /// Compares contracts with a live database: reported by `contract drift` (which connects),
    /// never by `contract check`, so the fixture harness has no catalogue case for it.
    Live,
}

/// A violation with the id of the rule that reported it.
pub type RuleViolation = (&'static str, Violation);

/// A rule's metadata and its check. Impact lives in the check; `level` is only the default
/// loudness, which settings may override.
pub struct Rule {
    pub id: &'static str,
    pub summary: &'static str,
    pub rationale: &'static str,
    /// A short YAML excerpt that triggers the rule.
    pub example: &'static str,
    pub level: Level,
    pub category: Category,
    pub check: Check,
}

/// Every rule, in the order `contract rules` lists them.
pub static RULES: &[&Rule] = &[
    &contract_invalid::RULE,
    &owner_missing::RULE,
    &owner_unknown::RULE,
    &description_missing::RULE,
    &retention_missing::RULE,
    &retention_invalid::RULE,
    &retention_forever_personal_data::RULE,
    &partition_key_missing::RULE,
    &partition_key_not_in_schema::RULE,
    &partition_key_optional::RULE,
    &kitchen_sink_schema::RULE,
    &schema_invalid::RULE,
    &column_type_unknown::RULE,
    &example_invalid::RULE,
    &version_sequence_invalid::RULE,
    &deprecation_without_deadline::RULE,
    &deprecation_overdue::RULE,
    &duplicate_contract_id::RULE,
    &compensates_unknown_event::RULE,
    &compensation_incomplete::RULE,
    &derived_from_unknown_contract::RULE,
    &event_sourced_log_incomplete::RULE,
    &read_model_outlives_source::RULE,
    &topic_retention_mismatch::RULE,
    &path_outside_repository::RULE,
    &acceptance_unused::RULE,
    &approver_unknown::RULE,
    &field_removed_without_deprecation::RULE,
    &field_removed_before_deadline::RULE,
    &field_removed_after_deadline::RULE,
    &required_field_added::RULE,
    &field_made_required::RULE,
    &field_made_optional::RULE,
    &type_changed::RULE,
    &type_narrowed::RULE,
    &type_widened::RULE,
    &enum_value_removed::RULE,
    &enum_value_added::RULE,
    &constraint_tightened::RULE,
    &constraint_loosened::RULE,
    &content_model_closed::RULE,
    &content_model_opened::RULE,
    &property_added_to_closed_model::RULE,
    &property_added_to_open_model::RULE,
    &example_rejected_by_new_version::RULE,
    &column_removed_without_deprecation::RULE,
    &column_removed_before_deadline::RULE,
    &column_removed_after_deadline::RULE,
    &column_renamed::RULE,
    &column_type_changed::RULE,
    &column_type_narrowed::RULE,
    &column_type_widened::RULE,
    &column_made_nullable::RULE,
    &column_made_not_null::RULE,
    &not_null_column_added_without_default::RULE,
    &backfill_plan_missing::RULE,
    &backfill_plan_incomplete::RULE,
    &migration_missing::RULE,
    &migration_unparsed::RULE,
    &migration_mismatch::RULE,
    &migration_unsafe::RULE,
    &table_drift::RULE,
    &released_version_modified::RULE,
    &released_version_removed::RULE,
    &contract_removed::RULE,
    &lock_mismatch::RULE,
    &partition_key_changed::RULE,
    &topic_changed::RULE,
    &primary_key_changed::RULE,
    &compatibility_loosened::RULE,
    &retention_shortened::RULE,
    &retention_lengthened_personal_data::RULE,
    &owner_changed::RULE,
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.id == id)
}

pub const CONTRACT_INVALID: &str = "contract-invalid";
pub const LOCK_MISMATCH: &str = "lock-mismatch";
pub const TABLE_DRIFT: &str = "table-drift";

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = BTreeSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
            let kebab = rule
                .id
                .split('-')
                .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()));
            assert!(kebab, "rule id {} is not kebab-case", rule.id);
        }
    }

    #[test]
    fn every_rule_file_is_registered_under_its_own_name() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let support = ["mod", "testing"];
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
            .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
            .filter(|stem| !support.contains(&stem.as_str()))
            .collect();
        files.sort();
        let mut registered: Vec<String> =
            RULES.iter().map(|rule| rule.id.replace('-', "_")).collect();
        registered.sort();
        assert_eq!(files, registered);
    }

    #[test]
    fn no_metadata_is_empty() {
        for rule in RULES {
            for (field, value) in [
                ("summary", rule.summary),
                ("rationale", rule.rationale),
                ("example", rule.example),
            ] {
                assert!(!value.trim().is_empty(), "{}: empty {field}", rule.id);
            }
            assert!(
                !rule.summary.ends_with('.'),
                "{}: summaries are one line without a full stop",
                rule.id
            );
        }
    }
}

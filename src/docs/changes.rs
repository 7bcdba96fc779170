//! The seam for classified version-to-version changes on the contract pages.
//!
//! The evolution engines (event and table diffs, being built on another branch) will classify
//! what changed between a version and its predecessor. The pages take their changes from a
//! [`ChangeSource`]; until an engine implements it, [`Unclassified`] says nothing is known, and a
//! page shows what the author wrote (the version summary) and nothing invented.

use crate::catalog::model::Contract;
use crate::finding::Level;

/// One classified change between a version and the one before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The rule that classifies it, e.g. `field-removed-after-deadline`.
    pub rule: String,
    pub level: Level,
    /// A JSON pointer into the schema, or a column name.
    pub path: String,
    pub message: String,
}

/// Where the pages get their classified changes from.
pub trait ChangeSource: Sync {
    /// The changes from the version before the one at `position` (in file order) to it; `None`
    /// when this source cannot classify them, `Some(vec![])` when it found no change.
    fn changes(&self, contract: &Contract, position: usize) -> Option<Vec<Change>>;
}

/// No evolution engine is wired in yet: nothing is classified.
pub struct Unclassified;

impl ChangeSource for Unclassified {
    fn changes(&self, _contract: &Contract, _position: usize) -> Option<Vec<Change>> {
        None
    }
}

/// The changes `contract check` classifies: the event and table evolution findings between a
/// version and the one before it. Each change is judged as of the version's release date (a
/// draft: as of `today`), so a released version's page does not change as the calendar moves.
pub struct Classified<'a> {
    catalog: &'a crate::catalog::Catalog,
    index: crate::rules::CatalogIndex,
    today: crate::date::Date,
}

impl<'a> Classified<'a> {
    pub fn new(catalog: &'a crate::catalog::Catalog, today: crate::date::Date) -> Classified<'a> {
        Classified {
            catalog,
            index: crate::rules::engine::index_of(catalog),
            today,
        }
    }
}

impl ChangeSource for Classified<'_> {
    fn changes(&self, contract: &Contract, position: usize) -> Option<Vec<Change>> {
        let loaded = self
            .catalog
            .contracts
            .iter()
            .find(|loaded| std::ptr::eq(&loaded.contract, contract))?;
        let versions = contract.version_dates();
        let (version, released) = *versions.get(position)?;
        let (previous, _) = *versions.get(position.checked_sub(1)?)?;
        let cx = crate::rules::Context::new(
            contract,
            &loaded.file,
            &self.index,
            self.catalog.owners.as_ref(),
            &self.catalog.settings,
            released.unwrap_or(self.today),
            &self.catalog.repository,
        );
        // Only the evolution rules: the hygiene rules (which compile every schema to validate
        // its examples) say nothing about a change, and this runs once per version.
        let is_evolution = |rule: &crate::rules::Rule| {
            matches!(
                rule.category,
                crate::rules::Category::EventEvolution | crate::rules::Category::TableEvolution
            )
        };
        let mut found = Vec::new();
        for rule in crate::rules::RULES.iter().filter(|rule| is_evolution(rule)) {
            if let crate::rules::Check::Contract(check) = rule.check {
                found.extend(check(&cx).into_iter().map(|violation| (rule.id, violation)));
            }
        }
        found.extend(crate::rules::engine::event::run(&cx, crate::rules::RULES));
        let mut changes: Vec<Change> = found
            .into_iter()
            .filter(|(rule, violation)| {
                crate::rules::find(rule).is_some_and(is_evolution)
                    && violation.new_version == Some(version)
                    && violation.old_version == Some(previous)
            })
            .filter(|(rule, violation)| {
                !crate::catalog::acceptance::is_accepted(contract, rule, violation)
            })
            .filter_map(|(rule, violation)| {
                Some(Change {
                    rule: rule.to_string(),
                    level: crate::rules::engine::level_for(self.catalog, rule)?,
                    path: violation.path.unwrap_or_default(),
                    message: violation.message,
                })
            })
            .collect();
        changes.dedup();
        Some(changes)
    }
}

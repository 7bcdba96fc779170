//! The seam for classified version-to-version changes on the contract pages.
//!
//! The evolution engines (event and table diffs, being built on another branch) will classify
//! what changed between a version and its predecessor. The pages take their changes from a
//! [`ChangeSource`]; until an engine implements it, [`Unclassified`] says nothing is known, and a
//! page shows what the author wrote (the version summary) and nothing invented.

use crate::finding::Level;
use crate::model::Contract;

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

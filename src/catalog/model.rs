//! The typed contract model: what a contract file says, once it has passed the format check.
//!
//! Every version remembers its position in the file, so rules can name a JSON pointer
//! (`/versions/2/schema/properties/text`) and the report can find its line.

use crate::date::Date;
use serde::Deserialize;
use serde_json::Value;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::yaml::{KeyIndex, Node};

/// A file as read from disk, kept for locating findings and quoting lines.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user would type it (relative to the working directory when possible).
    pub path: PathBuf,
    pub text: Arc<str>,
    tree: OnceLock<Option<Node>>,
    line_starts: OnceLock<Vec<usize>>,
    key_index: OnceLock<KeyIndex>,
}

impl SourceFile {
    /// A file that parsed as YAML: its tree is parsed again from the text when first asked for.
    pub fn new(path: PathBuf, text: Arc<str>) -> SourceFile {
        SourceFile {
            path,
            text,
            tree: OnceLock::new(),
            line_starts: OnceLock::new(),
            key_index: OnceLock::new(),
        }
    }

    /// A file with the tree given: a single node where its syntax error is, or none at all.
    pub fn with_tree(path: PathBuf, text: Arc<str>, tree: Option<Node>) -> SourceFile {
        SourceFile {
            path,
            text,
            tree: OnceLock::from(tree),
            line_starts: OnceLock::new(),
            key_index: OnceLock::new(),
        }
    }

    /// Where each line starts, computed once: locating each of thousands of findings in one
    /// file (a lock whose contracts are gone) must not rescan the text before it.
    pub fn line_starts(&self) -> &[usize] {
        self.line_starts
            .get_or_init(|| crate::yaml::line_starts(&self.text))
    }

    /// The file's YAML tree, for locating a JSON pointer; `None` when it has none.
    pub fn tree(&self) -> Option<&Node> {
        self.tree
            .get_or_init(|| {
                let budget = self.text.len().max(crate::yaml::MAX_NODES);
                crate::yaml::parse_with_budget(&self.text, budget).ok()
            })
            .as_ref()
    }

    /// Where the node `pointer` names is (or its deepest existing parent), or the key that names
    /// it when `at_key`; `None` when the file has no tree. The large mappings are indexed on first
    /// use, so locating every finding of a file costs time linear in their number.
    pub fn locate(&self, pointer: &str, at_key: bool) -> Option<crate::yaml::Loc> {
        let tree = self.tree()?;
        let index = self.key_index.get_or_init(|| KeyIndex::of(tree));
        let key = at_key.then(|| tree.key_loc_with(pointer, index)).flatten();
        Some(key.unwrap_or_else(|| tree.locate_with(pointer, index)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Event,
    Table,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Event => "event",
            Kind::Table => "table",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Storage {
    EventSourced,
    CurrentState,
}

/// The compatibility mode: which direction, and against the last or every released version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compatibility {
    None,
    Backward,
    Forward,
    Full,
    BackwardTransitive,
    ForwardTransitive,
    FullTransitive,
}

impl Compatibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Compatibility::None => "none",
            Compatibility::Backward => "backward",
            Compatibility::Forward => "forward",
            Compatibility::Full => "full",
            Compatibility::BackwardTransitive => "backward_transitive",
            Compatibility::ForwardTransitive => "forward_transitive",
            Compatibility::FullTransitive => "full_transitive",
        }
    }
    pub fn checks_backward(self) -> bool {
        matches!(
            self,
            Self::Backward | Self::Full | Self::BackwardTransitive | Self::FullTransitive
        )
    }
    pub fn checks_forward(self) -> bool {
        matches!(
            self,
            Self::Forward | Self::Full | Self::ForwardTransitive | Self::FullTransitive
        )
    }
    pub fn is_transitive(self) -> bool {
        matches!(
            self,
            Self::BackwardTransitive | Self::ForwardTransitive | Self::FullTransitive
        )
    }
}

/// Retention as written; `retention-invalid` judges whether it makes sense.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Retention {
    pub delete_after: Option<String>,
    pub archive_after: Option<String>,
    pub keep_forever: Option<KeepForever>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum KeepForever {
    Flag(bool),
    Reason(String),
}

/// An explicit, reviewed acceptance of one finding.
#[derive(Debug, Clone, Deserialize)]
pub struct Acceptance {
    pub rule: String,
    pub path: String,
    pub reason: String,
    pub approved_by: String,
}

/// One contract file, after the format check.
#[derive(Debug, Clone)]
pub struct Contract {
    pub id: String,
    pub owner: Option<String>,
    pub description: Option<String>,
    pub compatibility: Option<Compatibility>,
    pub storage: Option<Storage>,
    pub retention: Option<Retention>,
    pub body: Body,
}

/// The keys every contract has, whatever its kind.
#[derive(Deserialize)]
struct Header {
    #[serde(rename = "contract")]
    id: String,
    kind: Kind,
    owner: Option<String>,
    description: Option<String>,
    compatibility: Option<Compatibility>,
    storage: Option<Storage>,
    retention: Option<Retention>,
}

#[derive(Debug, Clone)]
pub enum Body {
    Event(Event),
    Table(Table),
}

#[derive(Debug, Clone, Deserialize)]
pub struct Event {
    pub topic: Option<String>,
    pub partition_key: Option<String>,
    pub compensates: Option<Compensates>,
    pub versions: Vec<EventVersion>,
}

/// What a compensating event corrects: `compensates: X`, or the block form
/// `compensates: {event: X, reference: segment_id}` that also names the property pointing at
/// the original.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "CompensatesForm")]
pub struct Compensates {
    pub event: String,
    pub reference: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum CompensatesForm {
    Short(String),
    Block {
        event: String,
        reference: Option<String>,
    },
}

impl From<CompensatesForm> for Compensates {
    fn from(form: CompensatesForm) -> Self {
        match form {
            CompensatesForm::Short(event) => Compensates {
                event,
                reference: None,
            },
            CompensatesForm::Block { event, reference } => Compensates { event, reference },
        }
    }
}

impl Event {
    /// The id of the event this one compensates, in either form.
    pub fn compensated(&self) -> Option<&str> {
        self.compensates.as_ref().map(|c| c.event.as_str())
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventVersion {
    pub version: u32,
    pub released: Option<Date>,
    pub summary: Option<String>,
    pub schema: Value,
    #[serde(default)]
    pub examples: Vec<Value>,
    #[serde(default)]
    pub accepted: Vec<Acceptance>,
}

/// A table's PostgreSQL schema and name (see [`Contract::sql_table`]), unquoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlTable {
    pub schema: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Table {
    pub database: Option<String>,
    #[serde(default)]
    pub primary_key: Vec<String>,
    #[serde(default)]
    pub derived_from: Vec<String>,
    /// `rebuildable: false`: a read model that keeps its own history rather than being rebuilt
    /// by replaying its sources, so it may outlive them. Absent means rebuildable.
    pub rebuildable: Option<bool>,
    pub versions: Vec<TableVersion>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TableVersion {
    pub version: u32,
    pub released: Option<Date>,
    pub summary: Option<String>,
    pub columns: Vec<Column>,
    pub migration: Option<String>,
    pub backfill: Option<Backfill>,
    #[serde(default)]
    pub accepted: Vec<Acceptance>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Column {
    pub name: String,
    #[serde(rename = "type")]
    pub sql_type: String,
    #[serde(default = "nullable_by_default")]
    pub nullable: bool,
    pub default: Option<Value>,
    pub description: Option<String>,
    pub classification: Option<Classification>,
    pub deprecated: Option<ColumnDeprecation>,
    #[serde(default)]
    pub recomputed: bool,
}

/// SQL's default: a column is nullable unless it says NOT NULL.
fn nullable_by_default() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ColumnDeprecation {
    Flag(bool),
    Details {
        remove_after: Option<Date>,
        reason: Option<String>,
    },
}

impl ColumnDeprecation {
    pub fn is_deprecated(&self) -> bool {
        !matches!(self, ColumnDeprecation::Flag(false))
    }
    pub fn remove_after(&self) -> Option<Date> {
        match self {
            ColumnDeprecation::Details { remove_after, .. } => *remove_after,
            ColumnDeprecation::Flag(_) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    Public,
    Internal,
    Personal,
    Sensitive,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Backfill {
    pub plan: Option<String>,
    pub rollback: Option<String>,
    pub measurement: Option<String>,
    pub rehearsed: Option<Rehearsal>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Rehearsal {
    pub environment: Option<String>,
    pub on: Option<Date>,
}

impl Contract {
    /// Reads a contract from its JSON value. The common keys and the kind's own keys are read
    /// in two passes over the same object: serde's `flatten` and internally tagged enums would
    /// buffer the whole file twice to do the same, which cost more than the rest of the reading.
    pub fn from_json(json: Value) -> Result<Contract, serde_json::Error> {
        let header = Header::deserialize(&json)?;
        let body = match header.kind {
            Kind::Event => Body::Event(Event::deserialize(json)?),
            Kind::Table => Body::Table(Table::deserialize(json)?),
        };
        Ok(Contract {
            id: header.id,
            owner: header.owner,
            description: header.description,
            compatibility: header.compatibility,
            storage: header.storage,
            retention: header.retention,
            body,
        })
    }

    pub fn kind(&self) -> Kind {
        match self.body {
            Body::Event(_) => Kind::Event,
            Body::Table(_) => Kind::Table,
        }
    }

    pub fn as_event(&self) -> Option<&Event> {
        match &self.body {
            Body::Event(event) => Some(event),
            Body::Table(_) => None,
        }
    }

    pub fn as_table(&self) -> Option<&Table> {
        match &self.body {
            Body::Table(table) => Some(table),
            Body::Event(_) => None,
        }
    }

    /// Where a table contract's table lives in PostgreSQL, or `None` for an event. The schema is
    /// the contract's `database` (the id's part before the first dot when there is none) and the
    /// table the id's part after it, each with `-` read as `_`: ids are kebab-case and an
    /// unquoted SQL identifier cannot hold `-`, so `analytics.synthesis-dashboard` is the table
    /// `analytics.synthesis_dashboard`. One mapping for the migration rules, `contract drift` and
    /// `contract export sql`, so the DDL creates the tables the other two look for.
    pub fn sql_table(&self) -> Option<SqlTable> {
        let table = self.as_table()?;
        let (prefix, name) = self.id.split_once('.').unwrap_or(("", &self.id));
        let schema = table.database.as_deref().unwrap_or(prefix);
        Some(SqlTable {
            schema: schema.replace('-', "_"),
            name: name.replace('-', "_"),
        })
    }

    /// Version numbers in file order, with each one's released date.
    pub fn version_dates(&self) -> Vec<(u32, Option<Date>)> {
        match &self.body {
            Body::Event(event) => event
                .versions
                .iter()
                .map(|v| (v.version, v.released))
                .collect(),
            Body::Table(table) => table
                .versions
                .iter()
                .map(|v| (v.version, v.released))
                .collect(),
        }
    }

    /// Whether any field or column is classified as personal or sensitive data.
    pub fn holds_personal_data(&self) -> bool {
        match &self.body {
            Body::Event(event) => event.versions.iter().any(|version| {
                let mut personal = false;
                crate::catalog::schema_walk::for_each_property(
                    &version.schema,
                    &mut |_, property| {
                        personal |= matches!(
                            property.get("x-classification").and_then(Value::as_str),
                            Some("personal" | "sensitive")
                        );
                    },
                );
                personal
            }),
            Body::Table(table) => table
                .versions
                .iter()
                .flat_map(|v| &v.columns)
                .any(|column| {
                    matches!(
                        column.classification,
                        Some(Classification::Personal | Classification::Sensitive)
                    )
                }),
        }
    }
}

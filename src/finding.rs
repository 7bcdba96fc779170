//! Findings: what a rule reports, where, and how loudly.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How loudly to react to a finding. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a rule's check returns: the problem and where it is in the file, before the engine adds
/// the rule id, the level and the line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Violation {
    /// JSON pointer into the contract file (`/versions/1/schema/properties/text`).
    pub pointer: String,
    /// Point at the key named by `pointer` rather than its value.
    pub at_key: bool,
    pub message: String,
    pub help: Option<String>,
    pub old_version: Option<u32>,
    pub new_version: Option<u32>,
    /// For evolution findings: the JSON pointer in the schema, or the column name.
    pub path: Option<String>,
    /// The level this finding's impact calls for, when it differs from the rule's default: a
    /// change that breaks a direction the mode checks is an error whatever rule names it. The
    /// catalogue's per-rule setting still wins (users set the level, never the impact).
    pub level: Option<Level>,
    /// A second place the finding is about, in another file (the migration's statement).
    /// Boxed: most violations have none, and they travel in `Result`s.
    pub related: Option<Box<Related>>,
    /// For a breaking schema change: a payload, verified with the validator, that the old
    /// readers' side accepts and the other rejects. Boxed: a violation is often returned as an
    /// error, and must stay small (clippy's result_large_err).
    pub witness: Option<Box<serde_json::Value>>,
}

/// A related location: a line of another file, and what stands there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub file: String,
    pub line: u32,
    /// What is at that line (the SQL statement, quoted) and why it matters.
    pub message: String,
}

impl Violation {
    pub fn at(pointer: impl Into<String>, message: impl Into<String>) -> Violation {
        Violation {
            pointer: pointer.into(),
            message: message.into(),
            ..Violation::default()
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Violation {
        self.help = Some(help.into());
        self
    }

    pub fn on_key(mut self) -> Violation {
        self.at_key = true;
        self
    }

    pub fn versions(mut self, old: Option<u32>, new: u32) -> Violation {
        self.old_version = old;
        self.new_version = Some(new);
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Violation {
        self.path = Some(path.into());
        self
    }

    pub fn related(
        mut self,
        file: impl Into<String>,
        line: u32,
        message: impl Into<String>,
    ) -> Violation {
        self.related = Some(Box::new(Related {
            file: file.into(),
            line,
            message: message.into(),
        }));
        self
    }
}

/// A located finding, ready for any report format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Level,
    pub contract: Option<String>,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Related>,
    /// See [`Violation::witness`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub witness: Option<Box<serde_json::Value>>,
    /// Byte range in the file, for quoting it.
    #[serde(skip)]
    pub span: (usize, usize),
}

/// A finding an `accepted` entry silenced: it no longer counts towards the verdict, but CI still
/// shows it (SARIF `suppressions`, JSON `accepted`, the Markdown summary's count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AcceptedFinding {
    #[serde(flatten)]
    pub finding: Finding,
    pub reason: String,
    pub approved_by: String,
}

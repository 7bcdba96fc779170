//! History: each contract as it is now, compared with what was recorded at its last release —
//! from `contracts.lock` (offline) or from the catalogue at a git revision (`--against`). Both
//! sources become [`Records`], and one set of rules (`Check::History`) compares them.
//!
//! Takes in the loaded catalogue ([`crate::catalog`]) and the lock file or a git revision; hands
//! on old records, the [`HistoryContext`] each history rule reads, and the lock's own problems
//! (reported as `lock-mismatch`). It runs no rule: the engine in [`crate::rules`] does, so this
//! stage must not import `rules/` or anything above it. [`lock`] (the lock format) imports
//! nothing from this file; [`baseline`] (git revisions) uses both.

pub mod baseline;
pub mod lock;

use crate::catalog::confine;
use crate::catalog::model::{Body, SourceFile};
use crate::catalog::settings::Settings;
use crate::catalog::{LoadProblem, Loaded};
use crate::finding::Violation;
use crate::history::lock::{Record, Records};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// Where the old records come from.
#[derive(Debug)]
pub struct Source {
    pub kind: SourceKind,
    /// Where to point a finding about a contract that no file declares any more: the old
    /// record's file and a pointer into it, by contract id.
    pub old_places: HashMap<String, (Arc<SourceFile>, String)>,
    /// Ids not to compare: their old record could not be read (already a finding).
    pub skip: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    /// `contracts.lock`; `exists` is false when the catalogue has none.
    Lock { exists: bool },
    /// The catalogue at a git revision or in a directory, named as the user wrote it.
    Baseline { label: String },
}

/// What a history rule sees: one contract id, its old record and its file now.
pub struct HistoryContext<'a> {
    pub id: &'a str,
    /// `None` when nothing was recorded for this id.
    pub old: Option<&'a Record>,
    /// `None` when no file declares this id any more.
    pub new: Option<&'a Loaded>,
    /// The record computed from the file now (`None` when nothing in it is released).
    pub new_record: Option<&'a Record>,
    pub settings: &'a Settings,
    pub source: &'a SourceKind,
}

impl HistoryContext<'_> {
    /// "(per contracts.lock)" or "(per origin/main)": where the old state is from.
    pub fn per(&self) -> String {
        match self.source {
            SourceKind::Lock { .. } => "(per contracts.lock)".into(),
            SourceKind::Baseline { label } => format!("(per {label})"),
        }
    }

    pub fn is_lock(&self) -> bool {
        matches!(self.source, SourceKind::Lock { .. })
    }

    /// The position of version `number` in the file's `versions` list.
    pub fn position(&self, number: u32) -> Option<usize> {
        let new = self.new?;
        new.contract
            .version_dates()
            .iter()
            .position(|(version, _)| *version == number)
    }

    /// Where a version's payload definition is: `/versions/<i>/schema` or `/versions/<i>/columns`.
    pub fn payload_pointer(&self, position: usize) -> String {
        let field = match self.new.map(|new| &new.contract.body) {
            Some(Body::Table(_)) => "columns",
            _ => "schema",
        };
        format!("/versions/{position}/{field}")
    }
}

/// How long data is kept before deletion: a number of days, or forever.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lifetime {
    Days(u64),
    Forever,
}

impl std::fmt::Display for Lifetime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Lifetime::Days(days) => write!(f, "{days} days"),
            Lifetime::Forever => f.write_str("forever"),
        }
    }
}

/// The lifetime a retention states; `None` when it states none or cannot be read (those are
/// `retention-missing` and `retention-invalid` findings, not history ones).
pub fn lifetime(retention: &crate::history::lock::RetentionRecord) -> Option<Lifetime> {
    if retention.keep_forever.is_some() {
        return Some(Lifetime::Forever);
    }
    let days =
        crate::catalog::retention::parse_duration(retention.delete_after.as_deref()?).ok()?;
    Some(Lifetime::Days(days.0))
}

/// Days before archiving, when stated and readable.
pub fn archive_days(retention: &crate::history::lock::RetentionRecord) -> Option<u64> {
    crate::catalog::retention::parse_duration(retention.archive_after.as_deref()?)
        .ok()
        .map(|days| days.0)
}

/// A catalogue's `contracts.lock`, read: the records it holds, and the problems reading it.
#[derive(Debug)]
pub struct LockFile {
    /// `None` when the catalogue has no lock.
    pub file: Option<Arc<SourceFile>>,
    pub records: Records,
    pub unreadable: BTreeSet<String>,
    /// Whether the lock can be compared with at all.
    pub usable: bool,
    pub problems: Vec<LoadProblem>,
}

/// Reads `<root>/contracts.lock` from `files`. A lock that cannot be read, parsed or understood
/// is a `lock-mismatch` finding with its line, never a crash; the entries that could be read
/// still count.
pub fn read_lock(root: &std::path::Path, files: &crate::catalog::Files) -> LockFile {
    let path = root.join(crate::history::lock::LOCK_FILE);
    let problem = |file: Arc<SourceFile>, violation: Violation| LoadProblem {
        file,
        contract: None,
        violation,
        kind: None,
    };
    let bare = |text: &str| Arc::new(SourceFile::with_tree(path.clone(), Arc::from(text), None));
    let mut lock = LockFile {
        file: None,
        records: Records::new(),
        unreadable: BTreeSet::new(),
        usable: false,
        problems: Vec::new(),
    };
    match files.entry(&path) {
        crate::catalog::Entry::File => {}
        crate::catalog::Entry::Missing => {
            lock.usable = true;
            return lock;
        }
        other => {
            let file = bare("");
            lock.file = Some(file.clone());
            lock.problems.push(problem(
                file,
                crate::catalog::not_a_file(&path, other).help(lock::RESTORE_LOCK),
            ));
            return lock;
        }
    }
    let size = files.size(&path);
    if size > lock::MAX_LOCK_BYTES {
        let file = bare("");
        lock.file = Some(file.clone());
        lock.problems.push(problem(
            file,
            Violation::at(
                "",
                format!(
                    "contracts.lock is {:.1} MB; the lock is limited to {} MB, so it was not read",
                    size as f64 / 1e6,
                    lock::MAX_LOCK_BYTES >> 20
                ),
            )
            .help(lock::RESTORE_LOCK),
        ));
        return lock;
    }
    if let crate::catalog::Files::Disk = files
        && let Some(resolved) = confine::escapes(&confine::repository_of(root), &path)
    {
        let file = bare("");
        lock.file = Some(file.clone());
        lock.problems.push(problem(
            file,
            Violation::at("", confine::escape_message(&path, &resolved)).help(lock::RESTORE_LOCK),
        ));
        return lock;
    }
    let text = match files.read(&path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            let file = bare("");
            lock.file = Some(file.clone());
            lock.problems.push(problem(
                file,
                Violation::at("", "contracts.lock is not valid UTF-8").help(lock::RESTORE_LOCK),
            ));
            return lock;
        }
        Err(error) => {
            let file = bare("");
            lock.file = Some(file.clone());
            lock.problems.push(problem(
                file,
                Violation::at("", format!("cannot read contracts.lock: {error}")),
            ));
            return lock;
        }
    };
    match crate::yaml::parse_with_budget(&text, text.len()) {
        Ok(tree) => {
            let read = crate::history::lock::read(&tree);
            let file = Arc::new(SourceFile::with_tree(
                path.clone(),
                Arc::from(text),
                Some(tree),
            ));
            lock.records = read.records;
            lock.unreadable = read.unreadable;
            lock.usable = read.usable;
            lock.problems = read
                .problems
                .into_iter()
                .map(|violation| problem(file.clone(), violation))
                .collect();
            lock.file = Some(file);
        }
        Err(error) => {
            let file = Arc::new(SourceFile::with_tree(
                path.clone(),
                Arc::from(text),
                error.loc.map(crate::yaml::Node::null_at),
            ));
            lock.file = Some(file.clone());
            lock.problems.push(problem(
                file,
                Violation::at(
                    "",
                    format!("contracts.lock is not valid JSON: {}", error.message),
                )
                .help(lock::RESTORE_LOCK),
            ));
        }
    }
    lock
}

/// The lock as a source of old records: where to point a finding about a contract that only
/// the lock still knows, and which entries could not be read.
pub fn lock_source(lock: &LockFile) -> Source {
    let old_places = match &lock.file {
        Some(file) => lock
            .records
            .keys()
            .map(|id| {
                (
                    id.clone(),
                    (
                        file.clone(),
                        format!("/contracts/{}", crate::pointer::pointer_token(id)),
                    ),
                )
            })
            .collect(),
        None => HashMap::new(),
    };
    Source {
        kind: SourceKind::Lock {
            exists: lock.file.is_some(),
        },
        old_places,
        skip: lock.unreadable.clone(),
    }
}

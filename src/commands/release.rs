//! `contract release`: dates drafts in place and records them in `contracts.lock`.
//!
//! The file is edited as text, at the spot the spanned YAML tree points to: one line
//! `released: YYYY-MM-DD` after `version: N` (or `, released: …` in a flow mapping), so comments,
//! key order, quoting and blank lines stay byte for byte. Nothing is written unless every file
//! can be; a failed write puts back what was already written.

use crate::catalog::model::Contract;
use crate::catalog::settings::Settings;
use crate::catalog::{self, CatalogError, Files, Loaded};
use crate::commands::check::{self, Outcome};
use crate::date::Date;
use crate::finding::Level;
use crate::history;
use crate::history::lock::{self, LOCK_FILE, Records};
use crate::yaml::{self, Node, NodeValue};
use std::fmt;
use std::path::{Path, PathBuf};

/// A draft that became a released version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Released {
    pub contract: String,
    pub version: u32,
    pub file: PathBuf,
}

#[derive(Debug)]
pub enum ReleaseOutcome {
    /// These drafts were released and recorded.
    Released {
        released: Vec<Released>,
        lock: PathBuf,
    },
    /// No selected contract has a draft. `lock_created` holds the lock's path when the catalogue
    /// had released versions but no lock, and one was written to record them.
    NothingToRelease { lock_created: Option<PathBuf> },
    /// Some draft's contract has error findings: nothing was written.
    Refused(Outcome),
    /// `--dry-run`: what releasing would change, as a unified diff of every file it would
    /// write; nothing was written.
    DryRun {
        released: Vec<Released>,
        diff: String,
    },
}

/// Whether a release writes its files or only shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    Files,
    DryRun,
}

#[derive(Debug)]
pub enum ReleaseError {
    Catalog(CatalogError),
    UnknownContract {
        id: String,
        hint: String,
    },
    LockUnreadable {
        path: PathBuf,
        line: u32,
        message: String,
    },
    LockExists(PathBuf),
    DateBeforeLastRelease {
        id: String,
        today: Date,
        last: Date,
    },
    Edit {
        path: PathBuf,
        message: String,
    },
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for ReleaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReleaseError::Catalog(error) => error.fmt(f),
            ReleaseError::UnknownContract { id, hint } => {
                write!(f, "no contract `{id}` in the catalogue{hint}")
            }
            ReleaseError::LockUnreadable {
                path,
                line,
                message,
            } => write!(
                f,
                "{}:{line}: {message}; nothing was released. {}",
                path.display(),
                lock::RESTORE_LOCK
            ),
            ReleaseError::LockExists(path) => write!(
                f,
                "{} exists already; `contract release` keeps it up to date",
                path.display()
            ),
            ReleaseError::DateBeforeLastRelease { id, today, last } => write!(
                f,
                "`{id}` was last released on {last}; a release dated {today} would go back in time \
                 (check --today)"
            ),
            ReleaseError::Edit { path, message } => {
                write!(f, "cannot date the draft in {}: {message}", path.display())
            }
            ReleaseError::Write { path, error } => write!(
                f,
                "cannot write {}: {error}; nothing was released (files already written were put \
                 back)",
                path.display()
            ),
        }
    }
}

impl std::error::Error for ReleaseError {}

/// Releases the drafts of `ids` (every contract when empty) in the catalogue holding
/// `catalog_dir`, dated `today`.
pub fn release(
    catalog_dir: &Path,
    ids: &[String],
    today: Date,
) -> Result<ReleaseOutcome, ReleaseError> {
    release_with(catalog_dir, ids, today, Writing::Files)
}

/// [`release`], or with [`Writing::DryRun`] the same work up to the writing, shown as a diff.
pub fn release_with(
    catalog_dir: &Path,
    ids: &[String],
    today: Date,
    writing: Writing,
) -> Result<ReleaseOutcome, ReleaseError> {
    let root = catalog::find_root(catalog_dir).map_err(ReleaseError::Catalog)?;
    let catalog = catalog::load(&root).map_err(ReleaseError::Catalog)?;
    for id in ids {
        let known = catalog.contracts.iter().any(|l| &l.contract.id == id)
            || catalog
                .problems
                .iter()
                .any(|p| p.contract.as_deref() == Some(id));
        if !known {
            let all = catalog
                .contracts
                .iter()
                .map(|l| l.contract.id.as_str())
                .chain(
                    catalog
                        .problems
                        .iter()
                        .filter_map(|p| p.contract.as_deref()),
                );
            let hint = crate::suggest::closest(id, all)
                .map_or_else(String::new, |near| format!("; did you mean `{near}`?"));
            return Err(ReleaseError::UnknownContract {
                id: id.clone(),
                hint,
            });
        }
    }
    let lock_file = history::read_lock(&root, &Files::Disk);
    if let Some(file) = &lock_file.file
        && let Some(problem) = lock_file.problems.first()
    {
        let line = file
            .tree()
            .map_or(1, |tree| tree.locate(&problem.violation.pointer).line);
        return Err(ReleaseError::LockUnreadable {
            path: file.path.clone(),
            line,
            message: problem.violation.message.clone(),
        });
    }
    let lock_path = root.join(LOCK_FILE);
    let selected = |loaded: &&Loaded| ids.is_empty() || ids.contains(&loaded.contract.id);
    let drafts: Vec<&Loaded> = catalog
        .contracts
        .iter()
        .filter(selected)
        .filter(|loaded| {
            loaded
                .contract
                .version_dates()
                .last()
                .is_some_and(|(_, released)| released.is_none())
        })
        .collect();

    // A named contract whose file does not even parse cannot be released; its findings say why.
    let broken: Vec<&String> = ids
        .iter()
        .filter(|id| !catalog.contracts.iter().any(|l| &l.contract.id == *id))
        .collect();
    if drafts.is_empty() && broken.is_empty() {
        if lock_file.file.is_some() {
            return Ok(ReleaseOutcome::NothingToRelease { lock_created: None });
        }
        let records = records_of(&catalog.contracts, &catalog.settings);
        if records.is_empty() {
            return Ok(ReleaseOutcome::NothingToRelease { lock_created: None });
        }
        if writing == Writing::DryRun {
            return Ok(ReleaseOutcome::DryRun {
                released: Vec::new(),
                diff: unified_diff(&lock_path, "", &lock::render(&records)),
            });
        }
        write_all(&[], &lock_path, &lock::render(&records))?;
        return Ok(ReleaseOutcome::NothingToRelease {
            lock_created: Some(lock_path),
        });
    }

    // Refuse when a draft's contract has errors. Without a lock yet, the findings that say so
    // are what this release resolves.
    let outcome = check::check_loaded(&catalog, &lock_file, today);
    let blocking: Vec<_> = outcome
        .findings
        .iter()
        .filter(|finding| finding.severity == Level::Error)
        .filter(|finding| {
            finding.contract.as_deref().is_some_and(|id| {
                drafts.iter().any(|d| d.contract.id == id) || broken.iter().any(|b| *b == id)
            })
        })
        .filter(|finding| lock_file.file.is_some() || finding.rule != crate::rules::LOCK_MISMATCH)
        .cloned()
        .collect();
    if !blocking.is_empty() {
        let sources = outcome
            .sources
            .iter()
            .filter(|(file, _)| blocking.iter().any(|finding| &finding.file == *file))
            .map(|(file, text)| (file.clone(), text.clone()))
            .collect();
        return Ok(ReleaseOutcome::Refused(Outcome {
            findings: blocking,
            sources,
            accepted: Vec::new(),
            files: outcome.files,
            checked: outcome.checked.clone(),
        }));
    }

    let mut edits = Vec::new();
    let mut released = Vec::new();
    let mut records: Records = if lock_file.file.is_some() {
        lock_file.records.clone()
    } else {
        records_of(&catalog.contracts, &catalog.settings)
    };
    for draft in &drafts {
        let dates = draft.contract.version_dates();
        let last = dates.iter().filter_map(|(_, released)| *released).max();
        if let Some(last) = last
            && last > today
        {
            return Err(ReleaseError::DateBeforeLastRelease {
                id: draft.contract.id.clone(),
                today,
                last,
            });
        }
        let path = &draft.file.path;
        let edit_error = |message: String| ReleaseError::Edit {
            path: path.clone(),
            message,
        };
        let tree = draft
            .file
            .tree()
            .ok_or_else(|| edit_error("the file has no parsed tree".into()))?;
        let position = dates.len() - 1;
        let text = date_draft(&draft.file.text, tree, position, today).map_err(edit_error)?;
        let contract = reparse(&text, tree, position, today).map_err(edit_error)?;
        match lock::record(&contract, &catalog.settings) {
            Some(record) => records.insert(contract.id.clone(), record),
            None => return Err(edit_error("the released version is not recorded".into())),
        };
        released.push(Released {
            contract: contract.id.clone(),
            version: dates[position].0,
            file: path.clone(),
        });
        edits.push((path.clone(), text));
    }
    released.sort_by(|a, b| a.contract.cmp(&b.contract));
    if writing == Writing::DryRun {
        let mut diff = String::new();
        for (path, text) in &edits {
            let old = catalog
                .contracts
                .iter()
                .find(|loaded| &loaded.file.path == path)
                .map_or("", |loaded| &loaded.file.text);
            diff.push_str(&unified_diff(path, old, text));
        }
        let old_lock = lock_file.file.as_ref().map_or("", |file| &file.text);
        diff.push_str(&unified_diff(&lock_path, old_lock, &lock::render(&records)));
        return Ok(ReleaseOutcome::DryRun { released, diff });
    }
    write_all(&edits, &lock_path, &lock::render(&records))?;
    Ok(ReleaseOutcome::Released {
        released,
        lock: lock_path,
    })
}

/// The unified diff from `old` to `new` of the file at `path` (empty when they are the same).
fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let name = crate::catalog::display(path);
    let old_name = if old.is_empty() {
        "/dev/null".to_string()
    } else {
        format!("a/{name}")
    };
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&old_name, &format!("b/{name}"))
        .to_string()
}

/// Writes `contracts.lock` for a catalogue that has released versions but no lock yet, releasing
/// nothing: how a catalogue starts using releases. Returns the lock's path, or `None` when nothing
/// is released yet (there is nothing to record).
pub fn init_lock(catalog_dir: &Path) -> Result<Option<PathBuf>, ReleaseError> {
    let root = catalog::find_root(catalog_dir).map_err(ReleaseError::Catalog)?;
    let lock_path = root.join(LOCK_FILE);
    if lock_path.exists() {
        return Err(ReleaseError::LockExists(lock_path));
    }
    let catalog = catalog::load(&root).map_err(ReleaseError::Catalog)?;
    let records = records_of(&catalog.contracts, &catalog.settings);
    if records.is_empty() {
        return Ok(None);
    }
    write_all(&[], &lock_path, &lock::render(&records))?;
    Ok(Some(lock_path))
}

/// The records of every contract with a released version.
fn records_of(contracts: &[Loaded], settings: &Settings) -> Records {
    let mut records = Records::new();
    for loaded in contracts {
        if records.contains_key(&loaded.contract.id) {
            continue;
        }
        if let Some(record) = lock::record(&loaded.contract, settings) {
            records.insert(loaded.contract.id.clone(), record);
        }
    }
    records
}

/// The text with `released: DATE` added to the version at `position` of `versions`.
pub fn date_draft(text: &str, tree: &Node, position: usize, date: Date) -> Result<String, String> {
    let Some(NodeValue::Seq(versions)) = tree.pointer("/versions").map(|node| &node.value) else {
        return Err("it has no `versions` list".into());
    };
    let version = versions
        .get(position)
        .ok_or_else(|| format!("it has no version at position {position}"))?;
    let NodeValue::Map(entries) = &version.value else {
        return Err("the version is not a mapping".into());
    };
    if entries.iter().any(|(key, _, _)| key == "released") {
        return Err("the draft already has a `released:` key without a date; remove it".into());
    }
    let Some((_, key_loc, value)) = entries.iter().find(|(key, _, _)| key == "version") else {
        return Err("the draft has no `version:` key".into());
    };
    // The parser's line and column are exact; byte offsets are derived from them.
    let mapping_start = yaml::loc_at(text, version.loc.line, version.loc.column).offset;
    let value_start = yaml::loc_at(text, value.loc.line, value.loc.column).offset;
    let value_end = text[value_start..]
        .find([',', '}', ' ', '\t', '\r', '\n', '#'])
        .map_or(text.len(), |end| value_start + end);
    if text[value_start..value_end].is_empty() {
        return Err("cannot find the value of `version:` in the text".into());
    }
    let mut edited = String::with_capacity(text.len() + 24);
    if text[mapping_start..].starts_with('{') {
        edited.push_str(&text[..value_end]);
        edited.push_str(&format!(", released: {date}"));
        edited.push_str(&text[value_end..]);
        return Ok(edited);
    }
    let indent = " ".repeat(key_loc.column.saturating_sub(1) as usize);
    // The new line goes after the `version:` line, ended the way that line is (`\n`, `\r\n` or
    // a lone `\r`: YAML reads all three, so `check` accepts all three).
    let break_at = yaml::line_end(text, value_end);
    let line_break = ["\r\n", "\n", "\r"]
        .into_iter()
        .find(|candidate| text[break_at..].starts_with(candidate));
    match line_break {
        Some(line_break) => {
            let line_end = break_at + line_break.len();
            edited.push_str(&text[..line_end]);
            edited.push_str(&format!("{indent}released: {date}{line_break}"));
            edited.push_str(&text[line_end..]);
        }
        None => {
            // The version is on the last line: end it with the break the file uses elsewhere.
            let file_break = ["\r\n", "\n", "\r"]
                .into_iter()
                .min_by_key(|candidate| text.find(candidate).unwrap_or(usize::MAX))
                .filter(|candidate| text.contains(candidate))
                .unwrap_or("\n");
            edited.push_str(text);
            edited.push_str(&format!("{file_break}{indent}released: {date}"));
        }
    }
    Ok(edited)
}

/// Parses the edited text and checks that it says exactly what the old one did, plus the date.
fn reparse(text: &str, old: &Node, position: usize, date: Date) -> Result<Contract, String> {
    let tree =
        yaml::parse(text).map_err(|error| format!("the edit broke the YAML: {}", error.message))?;
    let mut expected = old.to_json();
    if let Some(version) = expected
        .pointer_mut(&format!("/versions/{position}"))
        .and_then(|version| version.as_object_mut())
    {
        version.insert(
            "released".into(),
            serde_json::Value::String(date.to_string()),
        );
    }
    let json = tree.to_json();
    if json != expected {
        return Err("the edited file would not say what the original said plus the date".into());
    }
    Contract::from_json(json).map_err(|error| format!("the edited contract does not read: {error}"))
}

/// Writes every edited file and then the lock. Read-only targets are refused before anything is
/// written; a write that fails puts back the files already written.
fn write_all(
    edits: &[(PathBuf, String)],
    lock_path: &Path,
    lock: &str,
) -> Result<(), ReleaseError> {
    for path in edits
        .iter()
        .map(|(path, _)| path.as_path())
        .chain([lock_path])
    {
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().readonly()
        {
            return Err(ReleaseError::Write {
                path: path.to_path_buf(),
                error: std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "the file is read-only",
                ),
            });
        }
    }
    let old_lock = std::fs::read(lock_path).ok();
    let mut originals = Vec::with_capacity(edits.len());
    for (path, text) in edits {
        let original = std::fs::read(path).map_err(|error| ReleaseError::Write {
            path: path.clone(),
            error,
        })?;
        originals.push((path.as_path(), original, text));
    }
    let put_back = |written: &[(&Path, Vec<u8>, &String)]| {
        for (path, original, _) in written {
            let _ = crate::atomic::write(path, original);
        }
    };
    for (index, (path, _, text)) in originals.iter().enumerate() {
        if let Err(error) = crate::atomic::write(path, text.as_bytes()) {
            put_back(&originals[..index]);
            return Err(ReleaseError::Write {
                path: path.to_path_buf(),
                error,
            });
        }
    }
    if let Err(error) = crate::atomic::write(lock_path, lock.as_bytes()) {
        put_back(&originals);
        if old_lock.is_none() {
            let _ = std::fs::remove_file(lock_path);
        }
        return Err(ReleaseError::Write {
            path: lock_path.to_path_buf(),
            error,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(text: &str) -> String {
        let tree = yaml::parse(text).unwrap();
        let NodeValue::Seq(versions) = &tree.pointer("/versions").unwrap().value else {
            panic!("no versions")
        };
        let position = versions.len() - 1;
        let edited = date_draft(text, &tree, position, Date::parse("2026-11-26").unwrap()).unwrap();
        reparse(&edited, &tree, position, Date::parse("2026-11-26").unwrap())
            .map(|_| ())
            .unwrap_or_else(|error| {
                // Not every test text is a whole contract; the tree must still match.
                assert!(
                    error.starts_with("the edited contract does not read"),
                    "{error}"
                );
            });
        edited
    }

    #[test]
    fn block_style_gets_a_line_after_the_version_with_its_indentation() {
        let text = "versions:\n  - version: 1   # first\n    summary: x\n\n  - version: 2\n    # draft\n    summary: y\n";
        assert_eq!(
            dated(text),
            "versions:\n  - version: 1   # first\n    summary: x\n\n  - version: 2\n    released: 2026-11-26\n    # draft\n    summary: y\n"
        );
        let nested = "versions:\n- summary: y\n  version: 2\n  schema: {}";
        assert_eq!(
            dated(nested),
            "versions:\n- summary: y\n  version: 2\n  released: 2026-11-26\n  schema: {}"
        );
        let at_end = "versions:\n  - summary: y\n    version: 2";
        assert_eq!(
            dated(at_end),
            "versions:\n  - summary: y\n    version: 2\n    released: 2026-11-26"
        );
    }

    #[test]
    fn crlf_files_keep_their_line_endings() {
        let text = "versions:\r\n  - version: 1\r\n    summary: x\r\n";
        assert_eq!(
            dated(text),
            "versions:\r\n  - version: 1\r\n    released: 2026-11-26\r\n    summary: x\r\n"
        );
    }

    #[test]
    fn flow_style_gets_the_key_after_the_version() {
        let text = "versions:\n  - {version: 1, summary: x}\n  - {version: 2 , summary: y, schema: {type: object}}\n";
        assert_eq!(
            dated(text),
            "versions:\n  - {version: 1, summary: x}\n  - {version: 2, released: 2026-11-26 , summary: y, schema: {type: object}}\n"
        );
        let whole = "versions: [{version: 1}]\n";
        assert_eq!(
            dated(whole),
            "versions: [{version: 1, released: 2026-11-26}]\n"
        );
    }

    #[test]
    fn a_failed_lock_write_puts_the_dated_files_back() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
        std::fs::write(&a, "a: 1\n").unwrap();
        std::fs::write(&b, "b: 1\n").unwrap();
        let edits = [
            (a.clone(), "a: 2\n".to_string()),
            (b.clone(), "b: 2\n".to_string()),
        ];
        let lock = dir.path().join("missing-directory/contracts.lock");
        let error = write_all(&edits, &lock, "{}\n").unwrap_err();
        assert!(
            matches!(&error, ReleaseError::Write { path, .. } if *path == lock),
            "{error}"
        );
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "a: 1\n");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "b: 1\n");
        // An unreadable target stops everything before the first write.
        let gone = dir.path().join("gone.yaml");
        let edits = [(a.clone(), "a: 3\n".to_string()), (gone, "x\n".to_string())];
        assert!(write_all(&edits, &dir.path().join("contracts.lock"), "{}\n").is_err());
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "a: 1\n");
        assert!(!dir.path().join("contracts.lock").exists());
    }

    #[test]
    fn an_empty_released_key_is_refused() {
        let text = "versions:\n  - version: 1\n    released:\n";
        let tree = yaml::parse(text).unwrap();
        assert_eq!(
            date_draft(text, &tree, 0, Date::parse("2026-11-26").unwrap()),
            Err("the draft already has a `released:` key without a date; remove it".into())
        );
    }
}

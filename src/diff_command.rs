//! `contract diff`: the semantic changes between two versions of a contract, each classified,
//! followed by a unified text diff of the two schemas.
//!
//! `contract diff ID [--from V] [--to V]` compares two versions of a catalogue contract (by
//! default the last one with its predecessor); `contract diff OLD.yaml NEW.yaml` compares the
//! latest versions of two contract files (or two raw JSON Schema files).

use crate::catalog::{self, display};
use crate::compat_command::{self, CompatError, Mode, PolicyChoice};
use crate::model::{Body, Compatibility, Contract};
use crate::settings::Policy;
use crate::suggest;
use serde_json::Value;
use similar::{ChangeTag, TextDiff};
use std::fmt;
use std::path::Path;

/// One side of the comparison: where it comes from and its schema.
pub struct Side {
    pub label: String,
    pub schema: Value,
}

/// Why the comparison could not be made (exit 2).
#[derive(Debug)]
pub enum DiffError {
    Catalog(catalog::CatalogError),
    UnknownContract {
        id: String,
        suggestion: Option<String>,
    },
    UnknownVersion {
        id: String,
        version: u32,
        known: Vec<u32>,
    },
    NoPredecessor {
        id: String,
        version: u32,
    },
    NotAnEvent {
        id: String,
    },
    File(CompatError),
    Compare(CompatError),
}

impl fmt::Display for DiffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiffError::Catalog(error) => error.fmt(f),
            DiffError::UnknownContract {
                id,
                suggestion: Some(near),
            } => {
                write!(
                    f,
                    "no contract `{id}` in the catalogue; did you mean `{near}`?"
                )
            }
            DiffError::UnknownContract {
                id,
                suggestion: None,
            } => {
                write!(
                    f,
                    "no contract `{id}` in the catalogue (or it does not pass the format check: run `contract check`)"
                )
            }
            DiffError::UnknownVersion { id, version, known } => {
                let known: Vec<String> = known.iter().map(u32::to_string).collect();
                write!(
                    f,
                    "`{id}` has no version {version}; its versions are {}",
                    known.join(", ")
                )
            }
            DiffError::NoPredecessor { id, version } => {
                write!(
                    f,
                    "version {version} is the first version of `{id}`: nothing to compare it with; pass --from"
                )
            }
            DiffError::NotAnEvent { id } => write!(
                f,
                "`{id}` is a table contract; `contract diff` compares event schemas so far (table columns are compared by `contract check`)"
            ),
            DiffError::File(error) | DiffError::Compare(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for DiffError {}

/// The two sides and the mode to judge them by.
pub struct Comparison {
    pub title: String,
    pub old: Side,
    pub new: Side,
    pub mode: Mode,
    pub policy: PolicyChoice,
}

/// Two versions of a contract of the catalogue at `catalog_dir`.
pub fn from_catalog(
    catalog_dir: &Path,
    id: &str,
    from: Option<u32>,
    to: Option<u32>,
) -> Result<Comparison, DiffError> {
    let root = catalog::find_root(catalog_dir).map_err(DiffError::Catalog)?;
    let loaded = catalog::load(&root).map_err(DiffError::Catalog)?;
    let Some(found) = loaded
        .contracts
        .iter()
        .find(|loaded| loaded.contract.id == id)
    else {
        let ids = loaded
            .contracts
            .iter()
            .map(|loaded| loaded.contract.id.as_str());
        return Err(DiffError::UnknownContract {
            id: id.into(),
            suggestion: suggest::closest(id, ids).map(str::to_string),
        });
    };
    let contract = &found.contract;
    let Body::Event(event) = &contract.body else {
        return Err(DiffError::NotAnEvent { id: id.into() });
    };
    let known: Vec<u32> = event
        .versions
        .iter()
        .map(|version| version.version)
        .collect();
    let position = |version: u32| {
        known
            .iter()
            .position(|&v| v == version)
            .ok_or_else(|| DiffError::UnknownVersion {
                id: id.into(),
                version,
                known: known.clone(),
            })
    };
    let to = match to {
        Some(version) => position(version)?,
        None => known.len() - 1,
    };
    let from = match from {
        Some(version) => position(version)?,
        None => to.checked_sub(1).ok_or(DiffError::NoPredecessor {
            id: id.into(),
            version: known[to],
        })?,
    };
    let label = |position: usize| {
        let version = &event.versions[position];
        let state = version
            .released
            .map_or_else(|| "draft".to_string(), |date| format!("released {date}"));
        format!("{id} version {} ({state})", version.version)
    };
    let file = display(&found.file.path);
    Ok(Comparison {
        title: format!(
            "{id} ({file}): version {} → version {}",
            known[from], known[to]
        ),
        old: Side {
            label: label(from),
            schema: event.versions[from].schema.clone(),
        },
        new: Side {
            label: label(to),
            schema: event.versions[to].schema.clone(),
        },
        mode: mode_for(contract, loaded.settings.compatibility),
        policy: match loaded.settings.policy {
            Policy::Lenient => PolicyChoice::Lenient,
            Policy::Strict => PolicyChoice::Strict,
        },
    })
}

/// Two files: contract files (their latest versions) or raw JSON Schema files.
pub fn from_files(old: &Path, new: &Path) -> Result<Comparison, DiffError> {
    let read = |path: &Path| -> Result<(Side, Option<Compatibility>), DiffError> {
        let value = crate::pool::pool()
            .install(|| compat_command::read_schema(path))
            .map_err(DiffError::File)?;
        let name = path.display().to_string();
        match serde_json::from_value::<Contract>(value.clone()) {
            Ok(contract) => match &contract.body {
                Body::Event(event) => {
                    let latest = event
                        .versions
                        .last()
                        .expect("the format requires a version");
                    let side = Side {
                        label: format!("{name}: {} version {}", contract.id, latest.version),
                        schema: latest.schema.clone(),
                    };
                    Ok((side, contract.compatibility))
                }
                Body::Table(_) => Err(DiffError::NotAnEvent {
                    id: contract.id.clone(),
                }),
            },
            // Not a contract: a raw JSON Schema, as `contract compat` reads it.
            Err(_) => Ok((
                Side {
                    label: name,
                    schema: value,
                },
                None,
            )),
        }
    };
    let (old_side, _) = read(old)?;
    let (new_side, compatibility) = read(new)?;
    let mode = compatibility.map_or(Mode::Backward, mode_of);
    Ok(Comparison {
        title: format!("{} → {}", old.display(), new.display()),
        old: old_side,
        new: new_side,
        mode,
        policy: PolicyChoice::Lenient,
    })
}

fn mode_for(contract: &Contract, default: Compatibility) -> Mode {
    mode_of(contract.compatibility.unwrap_or(default))
}

/// The directions a compatibility mode checks; `none` checks nothing, so the diff shows the
/// backward view, which is what a replaying consumer would face.
fn mode_of(compatibility: Compatibility) -> Mode {
    match (
        compatibility.checks_backward(),
        compatibility.checks_forward(),
    ) {
        (true, true) => Mode::Full,
        (false, true) => Mode::Forward,
        _ => Mode::Backward,
    }
}

/// The classified changes and the text diff, coloured when `color`.
pub fn render(comparison: &Comparison, color: bool) -> Result<String, DiffError> {
    let names = [comparison.old.label.clone(), comparison.new.label.clone()];
    let report = compat_command::compare_schemas(
        &comparison.old.schema,
        &comparison.new.schema,
        &names,
        comparison.mode,
        comparison.policy,
    )
    .map_err(DiffError::Compare)?;
    let mut out = format!(
        "{}\ncompatibility {}, policy {}\n\n",
        comparison.title,
        comparison.mode.as_str(),
        match comparison.policy {
            PolicyChoice::Lenient => "lenient",
            PolicyChoice::Strict => "strict",
        }
    );
    if report.entries.is_empty() {
        out.push_str("no semantic changes\n");
    } else {
        out.push_str(&compat_command::render_human(&report));
    }
    out.push('\n');
    out.push_str(&text_diff(&comparison.old, &comparison.new, color));
    Ok(out)
}

/// A unified diff of the two schemas, pretty-printed as JSON in the order they were written.
fn text_diff(old: &Side, new: &Side, color: bool) -> String {
    let pretty =
        |value: &Value| serde_json::to_string_pretty(value).expect("schemas serialise") + "\n";
    let (old_text, new_text) = (pretty(&old.schema), pretty(&new.schema));
    if old_text == new_text {
        return "the schemas are identical\n".into();
    }
    let diff = TextDiff::from_lines(&old_text, &new_text);
    let mut out = format!("--- {}\n+++ {}\n", old.label, new.label);
    for group in diff.grouped_ops(3) {
        let (first, last) = (&group[0], &group[group.len() - 1]);
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            old_range.start + 1,
            old_range.len(),
            new_range.start + 1,
            new_range.len()
        ));
        for op in &group {
            for change in diff.iter_changes(op) {
                let (sign, paint) = match change.tag() {
                    ChangeTag::Delete => ('-', "\x1b[31m"),
                    ChangeTag::Insert => ('+', "\x1b[32m"),
                    ChangeTag::Equal => (' ', ""),
                };
                let line = change.value().trim_end_matches('\n');
                if color && !paint.is_empty() {
                    out.push_str(&format!("{paint}{sign}{line}\x1b[0m\n"));
                } else {
                    out.push_str(&format!("{sign}{line}\n"));
                }
            }
        }
    }
    out
}

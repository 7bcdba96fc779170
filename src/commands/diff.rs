//! `contract diff`: the semantic changes between two versions of a contract, each classified,
//! followed by a unified text diff of the two schemas (events) or column lists (tables).
//!
//! `contract diff ID [--from V] [--to V]` compares two versions of a catalogue contract (by
//! default the last one with its predecessor); `contract diff OLD.yaml NEW.yaml` compares the
//! latest versions of two contract files (or two raw JSON Schema files).

use crate::catalog::model::{Body, Column, Compatibility, Contract, Table, TableVersion};
use crate::catalog::settings::Policy;
use crate::catalog::{self, display};
// Sideways, on purpose: `diff` of two events is `compat` of their schemas plus a text diff, so
// it reuses that command's comparison and verdict rather than a second copy of them.
use crate::commands::compat::{self, CompatError, Mode, PolicyChoice};
use crate::evolution::table::{ChangeKind, TableDiff};
use crate::suggest;
use serde_json::Value;
use similar::{ChangeTag, TextDiff};
use std::fmt;
use std::path::Path;

/// One side of the comparison: where it comes from and what it declares.
pub struct Side {
    pub label: String,
    pub shape: Shape,
}

/// An event payload schema, or a table version's columns.
pub enum Shape {
    Schema(Value),
    Columns(Box<TableVersion>),
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
    Mixed,
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
            DiffError::Mixed => {
                f.write_str("one file is a table contract and the other is not: nothing to compare")
            }
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
    let versions: Vec<(u32, Option<crate::date::Date>, Shape)> = match &contract.body {
        Body::Event(event) => event
            .versions
            .iter()
            .map(|v| (v.version, v.released, Shape::Schema(v.schema.clone())))
            .collect(),
        Body::Table(table) => table
            .versions
            .iter()
            .map(|v| (v.version, v.released, Shape::Columns(Box::new(v.clone()))))
            .collect(),
    };
    let known: Vec<u32> = versions.iter().map(|(version, _, _)| *version).collect();
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
    let mut versions: Vec<Option<(u32, Option<crate::date::Date>, Shape)>> =
        versions.into_iter().map(Some).collect();
    let mut side = |position: usize| {
        let (version, released, shape) =
            versions[position].take().expect("each side is taken once");
        let state = released.map_or_else(|| "draft".to_string(), |date| format!("released {date}"));
        Side {
            label: format!("{id} version {version} ({state})"),
            shape,
        }
    };
    let (old, new) = if from == to {
        let old = side(from);
        let new = Side {
            label: old.label.clone(),
            shape: match &old.shape {
                Shape::Schema(schema) => Shape::Schema(schema.clone()),
                Shape::Columns(columns) => Shape::Columns(columns.clone()),
            },
        };
        (old, new)
    } else {
        (side(from), side(to))
    };
    let file = display(&found.file.path);
    Ok(Comparison {
        title: format!(
            "{id} ({file}): version {} → version {}",
            known[from], known[to]
        ),
        old,
        new,
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
            .install(|| compat::read_schema(path))
            .map_err(DiffError::File)?;
        let name = path.display().to_string();
        match Contract::from_json(value.clone()) {
            Ok(contract) => match &contract.body {
                Body::Event(event) => {
                    let latest = event
                        .versions
                        .last()
                        .expect("the format requires a version");
                    let side = Side {
                        label: format!("{name}: {} version {}", contract.id, latest.version),
                        shape: Shape::Schema(latest.schema.clone()),
                    };
                    Ok((side, contract.compatibility))
                }
                Body::Table(table) => {
                    let latest = table
                        .versions
                        .last()
                        .expect("the format requires a version");
                    let side = Side {
                        label: format!("{name}: {} version {}", contract.id, latest.version),
                        shape: Shape::Columns(Box::new(latest.clone())),
                    };
                    Ok((side, None))
                }
            },
            // Not a contract: a raw JSON Schema, as `contract compat` reads it.
            Err(_) => Ok((
                Side {
                    label: name,
                    shape: Shape::Schema(value),
                },
                None,
            )),
        }
    };
    let (old_side, _) = read(old)?;
    let (new_side, compatibility) = read(new)?;
    if matches!(old_side.shape, Shape::Columns(_)) != matches!(new_side.shape, Shape::Columns(_)) {
        return Err(DiffError::Mixed);
    }
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
    let (old, new) = (&comparison.old, &comparison.new);
    match (&old.shape, &new.shape) {
        (Shape::Schema(old_schema), Shape::Schema(new_schema)) => {
            let names = [old.label.clone(), new.label.clone()];
            let report = compat::compare_schemas(
                old_schema,
                new_schema,
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
                out.push_str(&compat::render_human(&report));
            }
            out.push('\n');
            let pretty = |value: &Value| {
                serde_json::to_string_pretty(value).expect("schemas serialise") + "\n"
            };
            out.push_str(&text_diff(
                &old.label,
                &pretty(old_schema),
                &new.label,
                &pretty(new_schema),
                color,
            ));
            Ok(out)
        }
        (Shape::Columns(old_version), Shape::Columns(new_version)) => {
            let mut out = format!("{}\n\n", comparison.title);
            out.push_str(&column_changes(old_version, new_version));
            out.push('\n');
            let listing = |version: &TableVersion| {
                version.columns.iter().map(column_line).collect::<String>()
            };
            out.push_str(&text_diff(
                &old.label,
                &listing(old_version),
                &new.label,
                &listing(new_version),
                color,
            ));
            Ok(out)
        }
        _ => Err(DiffError::Mixed),
    }
}

/// The classified column changes, one per line, named after the rule that judges each.
fn column_changes(old: &TableVersion, new: &TableVersion) -> String {
    // The table diff compares consecutive versions: give it exactly these two.
    let pair = Table {
        database: None,
        primary_key: Vec::new(),
        derived_from: Vec::new(),
        rebuildable: None,
        versions: vec![old.clone(), new.clone()],
    };
    let diff = TableDiff::new(&pair);
    let changes = diff
        .pairs
        .first()
        .map(|pair| pair.changes.as_slice())
        .unwrap_or_default();
    if changes.is_empty() {
        return "no column changes\n".into();
    }
    let mut out = String::new();
    for change in changes {
        let old_column = change.old_column.map(|index| &old.columns[index]);
        let new_column = change.new_column.map(|index| &new.columns[index]);
        let name = new_column
            .or(old_column)
            .map_or("", |column| column.name.as_str());
        let (label, detail) = match &change.kind {
            ChangeKind::Added => (
                if new_column.is_some_and(|c| !c.nullable && c.default.is_none()) {
                    "not-null-column-added-without-default"
                } else {
                    "column added"
                },
                format!(
                    "`{name}` {}",
                    new_column.map_or("", |c| c.sql_type.as_str())
                ),
            ),
            ChangeKind::Removed {
                deprecated_in: None,
            } => ("column-removed-without-deprecation", format!("`{name}`")),
            ChangeKind::Removed {
                deprecated_in: Some((version, _)),
            } => (
                "column removed",
                format!("`{name}`, deprecated in version {version}"),
            ),
            ChangeKind::Renamed => (
                "column-renamed",
                format!(
                    "`{}` → `{name}`",
                    old_column.map_or("", |c| c.name.as_str())
                ),
            ),
            ChangeKind::TypeChanged(kind) => (
                match kind {
                    crate::evolution::sqltype::TypeChange::Widened => "column-type-widened",
                    crate::evolution::sqltype::TypeChange::Narrowed => "column-type-narrowed",
                    _ => "column-type-changed",
                },
                format!(
                    "`{name}`: {} → {}",
                    old_column.map_or("", |c| c.sql_type.as_str()),
                    new_column.map_or("", |c| c.sql_type.as_str())
                ),
            ),
            ChangeKind::MadeNullable => ("column-made-nullable", format!("`{name}`")),
            ChangeKind::MadeNotNull => ("column-made-not-null", format!("`{name}`")),
            ChangeKind::DefaultChanged => ("default changed", format!("`{name}`")),
            ChangeKind::Recomputed => (
                "column recomputed",
                format!("`{name}` (a backfill rewrites it)"),
            ),
        };
        out.push_str(&format!("{label:<38}  {detail}\n"));
    }
    out
}

/// A column as one line of text, SQL-like, for the text diff.
fn column_line(column: &Column) -> String {
    let mut line = format!("{} {}", column.name, column.sql_type.trim());
    if !column.nullable {
        line.push_str(" NOT NULL");
    }
    if let Some(default) = &column.default {
        let default = default
            .as_str()
            .map_or_else(|| default.to_string(), str::to_string);
        line.push_str(&format!(" DEFAULT {default}"));
    }
    if let Some(deprecation) = column.deprecated.as_ref().filter(|d| d.is_deprecated()) {
        match deprecation.remove_after() {
            Some(date) => line.push_str(&format!(" -- deprecated, removed after {date}")),
            None => line.push_str(" -- deprecated"),
        }
    }
    if column.recomputed {
        line.push_str(" -- recomputed");
    }
    line.push('\n');
    line
}

/// A unified diff of two texts, labelled with where they come from.
fn text_diff(
    old_label: &str,
    old_text: &str,
    new_label: &str,
    new_text: &str,
    color: bool,
) -> String {
    if old_text == new_text {
        return "the two sides are identical\n".into();
    }
    let diff = TextDiff::from_lines(old_text, new_text);
    let mut out = format!("--- {old_label}\n+++ {new_label}\n");
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

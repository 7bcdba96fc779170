//! `contract docs`: the Events and Database Reference, one page per contract and the rule
//! catalogue, as Markdown for a docs site; and `--check`, which says whether the pages on disk
//! are stale, with a diff.
//!
//! Generation is a pure function of the catalogue and the output directory (the only thing read
//! from disk is whether a migration file exists, to avoid a broken link), so the same catalogue
//! gives the same bytes on every run. Every page path is built from [`PagePath`], which refuses
//! anything but a plain file name, so no contract id can make a page land outside `--out`.
//!
//! Takes in the loaded catalogue and the changes the rule engine classifies; hands on pages (and
//! writes them atomically under `--out`). It reads `rules/` and `catalog/`, and must
//! not import `report/`, `commands/` or the CLI.

pub mod changes;
mod home;
mod index;
mod lineage;
pub mod markdown;
mod page;
mod paths;
mod position;
mod rules_page;

pub use changes::{Change, ChangeSource, Classified, Unclassified};
pub use paths::{PagePath, UnsafeName, safe_file_name};

use crate::catalog::model::Kind;
use crate::catalog::{self, Catalog, CatalogError, Loaded};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// One generated file, a Markdown page or a migration copy: where it goes under `--out`, and
/// its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: PagePath,
    pub text: String,
}

/// The pages, and what was left out and why (printed on stderr).
#[derive(Debug)]
pub struct Generated {
    pub pages: Vec<Page>,
    pub notes: Vec<String>,
}

/// Why `contract docs` could not do its job: exit code 2.
#[derive(Debug)]
pub enum DocsError {
    Catalog(CatalogError),
    /// A symbolic link under `--out` where a page or its directory goes: following it could
    /// write (or, with `--check`, read and print) outside the output directory.
    Link(PathBuf),
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for DocsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocsError::Catalog(error) => error.fmt(f),
            DocsError::Link(path) => write!(
                f,
                "{} is a symbolic link inside the output directory; `contract` does not \
follow links out of it: remove the link (the directory is recreated) or choose another --out",
                path.display()
            ),
            DocsError::Io { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for DocsError {}

/// Everything a page needs to know about the rest of the catalogue.
pub(crate) struct Site<'a> {
    pub catalog: &'a Catalog,
    /// One contract per id, sorted by id (the first file wins when two claim one id).
    pub contracts: Vec<&'a Loaded>,
    by_id: BTreeMap<&'a str, &'a Loaded>,
    /// Event id → the tables that declare themselves read models of it.
    pub read_models: BTreeMap<&'a str, Vec<&'a str>>,
    /// Event id → the events that compensate it.
    pub compensated_by: BTreeMap<&'a str, Vec<&'a str>>,
    pub changes: &'a dyn ChangeSource,
}

impl<'a> Site<'a> {
    fn new(catalog: &'a Catalog, changes: &'a dyn ChangeSource) -> (Site<'a>, Vec<String>) {
        let mut notes = Vec::new();
        let mut by_id: BTreeMap<&str, &Loaded> = BTreeMap::new();
        for loaded in &catalog.contracts {
            let id = loaded.contract.id.as_str();
            if let Some(first) = by_id.get(id) {
                notes.push(format!(
                    "skipped {}: contract `{id}` is already documented from {}",
                    catalog::display(&loaded.file.path),
                    catalog::display(&first.file.path)
                ));
                continue;
            }
            if let Err(error) = PagePath::contract(loaded.contract.kind(), id) {
                notes.push(format!(
                    "skipped {}: {error}",
                    catalog::display(&loaded.file.path)
                ));
                continue;
            }
            by_id.insert(id, loaded);
        }
        let mut read_models: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut compensated_by: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (id, loaded) in &by_id {
            if let Some(table) = loaded.contract.as_table() {
                for source in &table.derived_from {
                    read_models.entry(source.as_str()).or_default().push(id);
                }
            }
            if let Some(original) = loaded.contract.as_event().and_then(|e| e.compensated()) {
                compensated_by.entry(original).or_default().push(id);
            }
        }
        for list in read_models.values_mut().chain(compensated_by.values_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        let site = Site {
            catalog,
            contracts: by_id.values().copied().collect(),
            by_id,
            read_models,
            compensated_by,
            changes,
        };
        (site, notes)
    }

    /// The contract documented under `id`, if there is one.
    pub fn get(&self, id: &str) -> Option<&'a Loaded> {
        self.by_id.get(id).copied()
    }

    /// The contracts of one kind, sorted by id.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &'a Loaded> + '_ {
        self.contracts
            .iter()
            .copied()
            .filter(move |loaded| loaded.contract.kind() == kind)
    }
}

/// The pages for a catalogue (and the migration files they link to), sorted by path.
pub fn generate(catalog: &Catalog, changes: &dyn ChangeSource) -> Generated {
    let (site, mut notes) = Site::new(catalog, changes);
    notes.splice(0..0, skipped_files(catalog));
    let mut pages = vec![
        home::render(&site),
        index::events(&site),
        index::database(&site),
        rules_page::render(&catalog.settings),
    ];
    let contract_pages: Vec<Vec<Page>> = crate::pool::pool().install(|| {
        site.contracts
            .par_iter()
            .map(|loaded| page::render(&site, loaded))
            .collect()
    });
    pages.extend(contract_pages.into_iter().flatten());
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Generated { pages, notes }
}

/// One note per contract file that failed to load, and for a broken owners.yaml.
fn skipped_files(catalog: &Catalog) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut notes = Vec::new();
    for problem in &catalog.problems {
        let path = catalog::display(&problem.file.path);
        if !seen.insert(path.clone()) {
            continue;
        }
        let is_owners = problem.file.path.file_name() == Some(catalog::OWNERS_FILE.as_ref())
            && problem.file.path.parent() == Some(catalog.root.as_path());
        let is_settings = problem.file.path.file_name() == Some(catalog::SETTINGS_FILE.as_ref())
            && problem.file.path.parent() == Some(catalog.root.as_path());
        let note = if is_owners {
            format!(
                "{path} does not load ({}); owner names and contacts are left out",
                problem.violation.message
            )
        } else if is_settings {
            format!(
                "{path} does not load ({}); the default compatibility (backward) is shown",
                problem.violation.message
            )
        } else {
            format!(
                "skipped {path}: it does not load ({}); `contract check` says why",
                problem.violation.message
            )
        };
        notes.push(note);
    }
    notes
}

/// How many threads write pages at once.
const WRITERS: usize = 16;

/// What writing the pages changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub pages: usize,
    pub changed: usize,
    pub removed: Vec<String>,
}

/// Writes every page under `out` (atomically, and only when its bytes differ), then removes the
/// pages a previous run generated that are no longer generated. Files without the generator
/// marker in their front matter are never touched.
/// Refuses a symbolic link anywhere between `out` and a page: a link planted in the output
/// directory (a pull request can commit `site/events` as a link) must not make `docs` write
/// into, or `--check` print, whatever it points at. `out` itself may be a link: the user named it.
pub fn refuse_links(out: &Path, pages: &[Page]) -> Result<(), DocsError> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for page in pages {
        let relative = page.path.as_str();
        // Each prefix of the page's path (`events`, `events/meeting.md`) is looked at once.
        let ends = relative
            .match_indices('/')
            .map(|(at, _)| at)
            .chain(std::iter::once(relative.len()));
        for end in ends {
            let prefix = &relative[..end];
            if !seen.insert(prefix) {
                continue;
            }
            let path = out.join(prefix);
            match path.symlink_metadata() {
                Ok(meta) if meta.file_type().is_symlink() => return Err(DocsError::Link(path)),
                Ok(_) => {}
                // Nothing there yet, so nothing below it either.
                Err(_) => break,
            }
        }
    }
    Ok(())
}

pub fn write(out: &Path, pages: &[Page]) -> Result<Written, DocsError> {
    refuse_links(out, pages)?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| DocsError::Io { path, error }
    };
    let mut written = Written {
        pages: pages.len(),
        ..Written::default()
    };
    let directories: BTreeSet<PathBuf> = pages
        .iter()
        .filter_map(|page| page.path.under(out).parent().map(Path::to_path_buf))
        .collect();
    for directory in &directories {
        std::fs::create_dir_all(directory).map_err(io(directory))?;
    }
    let write_one = |page: &Page| -> Result<bool, DocsError> {
        let path = page.path.under(out);
        if std::fs::read(&path).is_ok_and(|old| old == page.text.as_bytes()) {
            return Ok(false);
        }
        crate::atomic::write_regenerable(&path, page.text.as_bytes()).map_err(io(&path))?;
        Ok(true)
    };
    // Creating a file waits on the file system (inode allocation, the journal), not the CPU:
    // many writers in flight overlap those waits (15,003 pages: 0.7 s, against 3.2 s with two
    // writers, on ext4 here).
    let chunk = pages.len().div_ceil(WRITERS).max(1);
    let outcomes: Vec<Result<bool, DocsError>> = std::thread::scope(|scope| {
        let workers: Vec<_> = pages
            .chunks(chunk)
            .map(|pages| scope.spawn(move || pages.iter().map(write_one).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("a page writer panicked"))
            .collect()
    });
    for outcome in outcomes {
        written.changed += usize::from(outcome?);
    }
    for stale in no_longer_generated(out, pages) {
        let path = out.join(&stale);
        std::fs::remove_file(&path).map_err(io(&path))?;
        written.removed.push(stale);
    }
    Ok(written)
}

/// How the pages on disk differ from the generated ones.
#[derive(Debug, Default)]
pub struct Staleness {
    /// Pages whose text differs, with a unified diff of each (old: on disk, new: generated).
    pub changed: Vec<(String, String)>,
    pub missing: Vec<String>,
    pub no_longer_generated: Vec<String>,
}

impl Staleness {
    pub fn is_fresh(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.no_longer_generated.is_empty()
    }

    /// The report `contract docs --check` prints: each diff, then one line per added or removed
    /// page, then a summary.
    pub fn render(&self, out: &Path, pages: usize) -> String {
        self.render_for(out, pages, "contract docs")
    }

    /// [`Staleness::render`] for another generator: `command` is what updates the files.
    pub fn render_for(&self, out: &Path, pages: usize, command: &str) -> String {
        let out = catalog::display(out);
        if self.is_fresh() {
            return format!("{out} is up to date ({pages} files)\n");
        }
        let mut text = String::new();
        for (_, diff) in &self.changed {
            text.push_str(diff);
        }
        for path in &self.missing {
            text.push_str(&format!("would add {out}/{path}\n"));
        }
        for path in &self.no_longer_generated {
            text.push_str(&format!(
                "would remove {out}/{path} (no longer generated)\n"
            ));
        }
        let plural = |n: usize| if n == 1 { "page" } else { "pages" };
        text.push_str(&format!(
            "\n{out} is stale: {} {} changed, {} to add, {} to remove; run `{command}` to update it\n",
            self.changed.len(),
            plural(self.changed.len()),
            self.missing.len(),
            self.no_longer_generated.len()
        ));
        text
    }
}

/// Compares the generated pages with what is on disk under `out`.
pub fn check(out: &Path, pages: &[Page]) -> Staleness {
    let display = catalog::display(out);
    let results: Vec<(String, Option<Option<String>>)> = crate::pool::pool().install(|| {
        pages
            .par_iter()
            .map(|page| {
                let relative = page.path.as_str().to_string();
                let status = match std::fs::read(page.path.under(out)) {
                    Err(_) => None,
                    Ok(old) if old == page.text.as_bytes() => Some(None),
                    Ok(old) => {
                        let old = String::from_utf8_lossy(&old);
                        let diff = similar::TextDiff::from_lines(old.as_ref(), page.text.as_str())
                            .unified_diff()
                            .context_radius(3)
                            .header(
                                &format!("{display}/{relative} (on disk)"),
                                &format!("{display}/{relative} (generated)"),
                            )
                            .to_string();
                        Some(Some(diff))
                    }
                };
                (relative, status)
            })
            .collect()
    });
    let mut staleness = Staleness::default();
    for (relative, status) in results {
        match status {
            None => staleness.missing.push(relative),
            Some(Some(diff)) => staleness.changed.push((relative, diff)),
            Some(None) => {}
        }
    }
    staleness.no_longer_generated = no_longer_generated(out, pages);
    staleness
}

/// Files under `out` that carry the generator's marker but are not among `pages`, as
/// `/`-separated paths relative to `out`, sorted.
fn no_longer_generated(out: &Path, pages: &[Page]) -> Vec<String> {
    let generated: BTreeSet<&str> = pages.iter().map(|page| page.path.as_str()).collect();
    let mut stale = Vec::new();
    for entry in walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(out) else {
            continue;
        };
        let relative = catalog::display(relative);
        if !generated.contains(relative.as_str()) && has_generator_marker(entry.path()) {
            stale.push(relative);
        }
    }
    stale
}

/// The first line of a migration copy, followed by the path of the original as the contract
/// wrote it.
pub const MIGRATION_MARKER: &str =
    "-- Copied by `contract docs` (edit the original, not this copy): ";

/// Whether `contract docs` wrote the file: a page's front matter carries the generator line, a
/// migration copy starts with its marker.
fn has_generator_marker(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    match path.extension().and_then(|ext| ext.to_str()) {
        Some("md") => text.strip_prefix("---\n").is_some_and(|rest| {
            rest.lines()
                .take_while(|line| *line != "---")
                .any(|line| line == markdown::GENERATOR_LINE)
        }),
        Some("sql") => text.starts_with(MIGRATION_MARKER),
        _ => false,
    }
}

#[cfg(test)]
mod tests;

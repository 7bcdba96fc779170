//! `contract check`: load each catalogue (and the baseline it is compared with), and hand it to
//! the rule engine ([`crate::rules::engine`]), which turns violations into located, levelled
//! findings.

use crate::catalog::{self, Catalog, CatalogError};
use crate::date::Date;
use crate::history;
use crate::history::baseline::{self, Against, BaselineError};
use crate::rules::engine::{add_findings, sort};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The library's historical path to the outcome, which the rule engine now makes.
pub use crate::rules::engine::Outcome;

/// Why a check could not be done at all: exit code 2.
#[derive(Debug)]
pub enum CheckError {
    Catalog(CatalogError),
    Baseline(BaselineError),
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::Catalog(error) => error.fmt(f),
            CheckError::Baseline(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for CheckError {}

impl From<CatalogError> for CheckError {
    fn from(error: CatalogError) -> CheckError {
        CheckError::Catalog(error)
    }
}

/// Checks the catalogues holding `paths`. A path may be a catalogue root, a directory inside one
/// or a single contract file: the whole catalogue is read (cross-contract rules need it), and
/// findings are reported for the selected paths only.
pub fn check(paths: &[PathBuf], today: Date) -> Result<Outcome, CheckError> {
    check_against(paths, today, None)
}

/// [`check`], and with `against`, the history rules against the catalogue at a git revision or
/// in a directory too.
pub fn check_against(
    paths: &[PathBuf],
    today: Date,
    against: Option<&Against>,
) -> Result<Outcome, CheckError> {
    check_with_config(paths, today, against, None)
}

/// [`check_against`] with the settings read from `config` instead of each catalogue's own
/// settings.yaml (`--config PATH`).
pub fn check_with_config(
    paths: &[PathBuf],
    today: Date,
    against: Option<&Against>,
    config: Option<&Path>,
) -> Result<Outcome, CheckError> {
    let mut by_root: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for path in paths {
        by_root
            .entry(catalog::find_root(path)?)
            .or_default()
            .push(path.clone());
    }
    if let Some(Against::Dir(dir)) = against
        && by_root.len() > 1
    {
        return Err(CheckError::Baseline(
            BaselineError::DirForSeveralCatalogues(dir.clone()),
        ));
    }
    let mut outcome = Outcome::default();
    for (root, mut selected) in by_root {
        // Findings in the --config file (an unknown rule, a bad level) are reported too,
        // wherever it lives.
        if let Some(config) = config {
            selected.push(config.to_path_buf());
        }
        // The lock is one large file: read it while the contract files are read, not after.
        let (catalog, lock) = crate::pool::pool().install(|| {
            rayon::join(
                || match config {
                    Some(settings) => catalog::load_with_settings(&root, settings),
                    None => catalog::load(&root),
                },
                || history::read_lock(&root, &catalog::Files::Disk),
            )
        });
        let catalog = catalog?;
        let baseline = match against {
            Some(against) => Some(baseline::load(against, &root).map_err(CheckError::Baseline)?),
            None => None,
        };
        add_findings(
            &mut outcome,
            &catalog,
            &lock,
            today,
            baseline.as_ref(),
            &selected,
        );
        crate::pool::drop_in_background((catalog, lock));
    }
    sort(&mut outcome);
    Ok(outcome)
}

/// Checks a catalogue already loaded with its lock (`contract release` has both in hand): every
/// finding of the whole catalogue, without reading its files again.
pub fn check_loaded(catalog: &Catalog, lock: &history::LockFile, today: Date) -> Outcome {
    let mut outcome = Outcome::default();
    let everything = std::slice::from_ref(&catalog.root);
    add_findings(&mut outcome, catalog, lock, today, None, everything);
    sort(&mut outcome);
    outcome
}

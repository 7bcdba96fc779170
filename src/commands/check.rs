//! `contract check`: load each catalogue, run every rule, and turn violations into located,
//! levelled findings.

use crate::catalog::model::SourceFile;
use crate::catalog::{self, Catalog, CatalogError, LoadProblem, display};
use crate::date::Date;
use crate::finding::{Finding, Level};
use crate::history;
use crate::history::baseline::{self, Against, Baseline, BaselineError};
use crate::rules::{self, CatalogIndex, Check, Context, RULES};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What was checked and what was found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Sorted by file, line, column and rule.
    pub findings: Vec<Finding>,
    /// The text of every file with a finding, for quoting.
    pub sources: BTreeMap<String, Arc<str>>,
    /// Contract files checked (valid or not).
    pub files: usize,
    /// Every file checked, sorted: contract files, and side files with problems.
    pub checked: Vec<String>,
}

impl Outcome {
    pub fn count(&self, level: Level) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.severity == level)
            .count()
    }

    /// Whether any finding is at or above `fail_on`.
    pub fn fails(&self, fail_on: Level) -> bool {
        self.findings
            .iter()
            .any(|finding| finding.severity >= fail_on)
    }
}

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
    for (root, selected) in by_root {
        // The lock is one large file: read it while the contract files are read, not after.
        let (catalog, lock) = crate::pool::pool().install(|| {
            rayon::join(
                || catalog::load(&root),
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

/// Adds the catalogue's findings about the `selected` paths, and those files, to `outcome`.
fn add_findings(
    outcome: &mut Outcome,
    catalog: &Catalog,
    lock: &history::LockFile,
    today: Date,
    baseline: Option<&Baseline>,
    selected: &[PathBuf],
) {
    outcome.files += count_selected(catalog, selected);
    outcome.checked.extend(selected_files(catalog, selected));
    let found = crate::pool::pool().install(|| run_rules(catalog, lock, today, baseline));
    for (file, finding) in found {
        if is_selected(&file.path, selected) {
            outcome
                .sources
                .entry(finding.file.clone())
                .or_insert_with(|| file.text.clone());
            outcome.findings.push(finding);
        }
    }
}

/// Files and findings in a stable order, each file once.
fn sort(outcome: &mut Outcome) {
    outcome.checked.sort();
    outcome.checked.dedup();
    outcome.findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.rule, &b.message))
    });
}

fn is_selected(path: &Path, selected: &[PathBuf]) -> bool {
    selected
        .iter()
        .any(|chosen| path.starts_with(chosen) || chosen == Path::new("."))
}

fn count_selected(catalog: &Catalog, selected: &[PathBuf]) -> usize {
    if selected.iter().any(|chosen| chosen == &catalog.root) {
        return catalog.files;
    }
    let valid = catalog
        .contracts
        .iter()
        .filter(|loaded| is_selected(&loaded.file.path, selected))
        .count();
    let mut broken: Vec<&Path> = catalog
        .problems
        .iter()
        .map(|problem| problem.file.path.as_path())
        .filter(|path| is_selected(path, selected))
        .collect();
    broken.dedup();
    valid + broken.len()
}

/// The display paths of the selected files: every contract, and every file with a load problem.
fn selected_files(catalog: &Catalog, selected: &[PathBuf]) -> Vec<String> {
    let contracts = catalog
        .contracts
        .iter()
        .map(|loaded| loaded.file.path.as_path());
    let problems = catalog
        .problems
        .iter()
        .map(|problem| problem.file.path.as_path());
    contracts
        .chain(problems)
        .filter(|path| is_selected(path, selected))
        .map(display)
        .collect()
}

/// Every finding of the catalogue, levelled by its settings, with the file it is in.
/// Every contract id of the catalogue, including those of files that failed the format check:
/// a broken file still claims its id, so references to it are not reported as unknown.
pub fn index_of(catalog: &Catalog) -> CatalogIndex {
    let mut index = CatalogIndex::default();
    for loaded in &catalog.contracts {
        index.insert(
            &loaded.contract.id,
            loaded.contract.kind(),
            display(&loaded.file.path),
        );
    }
    let mut broken: Vec<(&str, crate::catalog::model::Kind, String)> = catalog
        .problems
        .iter()
        .filter_map(|problem| {
            Some((
                problem.contract.as_deref()?,
                problem.kind?,
                display(&problem.file.path),
            ))
        })
        .collect();
    broken.dedup();
    for (id, kind, file) in broken {
        index.insert(id, kind, file);
    }
    index
}

/// What every per-contract rule reports on one contract, before acceptances silence any: the
/// contract rules, the event evolution rules, then the rules that read the others' findings.
pub fn contract_violations(cx: &Context) -> Vec<rules::RuleViolation> {
    let mut found = Vec::new();
    for rule in RULES {
        if let Check::Contract(check) = rule.check {
            found.extend(check(cx).into_iter().map(|violation| (rule.id, violation)));
        }
    }
    found.extend(crate::evolution::event::run(cx, RULES));
    let mut after = Vec::new();
    for rule in RULES {
        if let Check::Findings(check) = rule.check {
            after.extend(
                check(cx.contract, &found)
                    .into_iter()
                    .map(|violation| (rule.id, violation)),
            );
        }
    }
    found.extend(after);
    found
}

fn run_rules(
    catalog: &Catalog,
    lock: &history::LockFile,
    today: Date,
    baseline: Option<&Baseline>,
) -> Vec<(Arc<SourceFile>, Finding)> {
    let index = index_of(catalog);
    let checked: Vec<Vec<LoadProblem>> = catalog
        .contracts
        .par_iter()
        .map(|loaded| {
            let cx = Context::new(
                &loaded.contract,
                &loaded.file,
                &index,
                catalog.owners.as_ref(),
                &catalog.settings,
                today,
            );
            let mut found = contract_violations(&cx);
            found.retain(|(rule, violation)| {
                !crate::catalog::acceptance::is_accepted(&loaded.contract, rule, violation)
            });
            found
                .into_iter()
                .map(|(rule, violation)| LoadProblem {
                    file: loaded.file.clone(),
                    contract: Some(loaded.contract.id.clone()),
                    violation,
                    kind: None,
                    rule,
                })
                .collect()
        })
        .collect();
    let mut past = history::against_lock(catalog, lock);
    if let Some(baseline) = baseline {
        let compared = baseline::compare(catalog, lock, baseline);
        // The same change seen in the lock and at the revision is one finding: keep the one that
        // names the revision. A removed contract is found at the lock entry and at the old
        // file, so it is matched by contract alone.
        let key = |p: &LoadProblem| {
            let pointer = if p.rule == "contract-removed" {
                String::new()
            } else {
                p.violation.pointer.clone()
            };
            (p.rule, p.contract.clone(), p.violation.new_version, pointer)
        };
        let seen: std::collections::HashSet<_> = compared.iter().map(key).collect();
        past.retain(|p| !seen.contains(&key(p)));
        past.extend(compared);
    }
    let loader = catalog.problems.iter().cloned();
    loader
        .chain(checked.into_iter().flatten())
        .chain(past)
        .filter_map(|problem| {
            let level = level_for(catalog, problem.rule)?;
            let finding = locate(&problem, level);
            Some((problem.file, finding))
        })
        .collect()
}

/// The level of `rule` under the catalogue's settings; `None` when the rule is turned off.
pub fn level_for(catalog: &Catalog, rule: &str) -> Option<Level> {
    match catalog.settings.rules.get(rule) {
        Some(configured) => configured.level(),
        None => rules::find(rule).map(|rule| rule.level),
    }
}

/// Resolves a violation's pointer to a line, column and byte span in its file.
fn locate(problem: &LoadProblem, severity: Level) -> Finding {
    let violation = &problem.violation;
    let loc = problem.file.tree().map(|tree| {
        let key = violation
            .at_key
            .then(|| tree.key_loc(&violation.pointer))
            .flatten();
        key.unwrap_or_else(|| tree.locate(&violation.pointer))
    });
    let (line, column, span) = match loc {
        Some(loc) => {
            let text = &problem.file.text;
            // Offsets agree with line and column on every file the tests read
            // (`offsets_agree_with_lines_and_columns`); deriving the offset from them still keeps
            // the slice below on a character boundary whatever a parser reports.
            let start = crate::yaml::loc_at(text, loc.line, loc.column)
                .offset
                .min(text.len());
            // Quote one line at most: a finding about a whole mapping points at its first line.
            let line_end = text[start..]
                .find('\n')
                .map_or(text.len(), |end| start + end);
            // Containers have no useful length of their own: underline the rest of their line.
            let end = if loc.len <= 1 {
                line_end
            } else {
                (start + loc.len).min(line_end)
            };
            (loc.line.max(1), loc.column.max(1), (start, end - start))
        }
        None => (1, 1, (0, 0)),
    };
    Finding {
        rule: problem.rule,
        severity,
        contract: problem.contract.clone(),
        file: display(&problem.file.path),
        line,
        column,
        message: violation.message.clone(),
        help: violation.help.clone(),
        old_version: violation.old_version,
        new_version: violation.new_version,
        path: violation.path.clone(),
        span,
    }
}

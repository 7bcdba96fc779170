//! The rule engine: every rule run over a loaded catalogue, its lock and a baseline, and each
//! violation turned into a located, levelled [`Finding`]. This is where a load problem becomes a
//! `contract-invalid` finding and a problem of the lock a `lock-mismatch` one.

pub mod event;
pub mod history;
mod unknown_levels;

use crate::catalog::model::{Kind, SourceFile};
use crate::catalog::{Catalog, LoadProblem, display};
use crate::date::Date;
use crate::finding::{Finding, Level, Violation};
use crate::history::LockFile;
use crate::history::baseline::Baseline;
use crate::rules::{self, CONTRACT_INVALID, CatalogIndex, Check, Context, RULES};
use crate::terminal::escape_controls;
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
    /// Findings silenced by an `accepted` entry, with its reason and approver, in the same
    /// order; they do not count towards the verdict.
    pub accepted: Vec<crate::finding::AcceptedFinding>,
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

/// A violation on its way to a finding: the rule reporting it, the file and the contract.
#[derive(Debug, Clone)]
pub struct Problem {
    pub rule: &'static str,
    pub file: Arc<SourceFile>,
    pub contract: Option<String>,
    pub violation: Violation,
}

impl Problem {
    /// A problem met loading a file, reported under `rule`.
    pub fn loaded(rule: &'static str, problem: LoadProblem) -> Problem {
        Problem {
            rule,
            file: problem.file,
            contract: problem.contract,
            violation: problem.violation,
        }
    }
}

/// Adds the catalogue's findings about the `selected` paths, and those files, to `outcome`.
pub fn add_findings(
    outcome: &mut Outcome,
    catalog: &Catalog,
    lock: &LockFile,
    today: Date,
    baseline: Option<&Baseline>,
    selected: &[PathBuf],
) {
    outcome.files += count_selected(catalog, selected);
    outcome.checked.extend(selected_files(catalog, selected));
    let found = crate::pool::pool().install(|| run_rules(catalog, lock, today, baseline));
    for (file, finding, acceptance) in found {
        if is_selected(&file.path, selected) {
            if let Some((reason, approved_by)) = acceptance {
                outcome.accepted.push(crate::finding::AcceptedFinding {
                    finding,
                    reason,
                    approved_by,
                });
                continue;
            }
            outcome
                .sources
                .entry(finding.file.clone())
                .or_insert_with(|| file.text.clone());
            outcome.findings.push(finding);
        }
    }
}

/// Files and findings in a stable order, each file once.
pub fn sort(outcome: &mut Outcome) {
    outcome.checked.sort();
    outcome.checked.dedup();
    outcome.findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.rule, &b.message))
    });
    outcome.accepted.sort_by(|a, b| {
        let (a, b) = (&a.finding, &b.finding);
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
        .map(|path| escape_controls(&display(path)).into_owned())
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
        index.record(&loaded.contract, display(&loaded.file.path));
    }
    let mut broken: Vec<(&str, Kind, String)> = catalog
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
    found.extend(event::run(cx, RULES));
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
    lock: &LockFile,
    today: Date,
    baseline: Option<&Baseline>,
) -> Vec<(Arc<SourceFile>, Finding, Option<Accepted>)> {
    let index = index_of(catalog);
    let checked: Vec<Vec<(Problem, Option<Accepted>)>> = catalog
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
                &catalog.repository,
            );
            contract_violations(&cx)
                .into_iter()
                .map(|(rule, violation)| {
                    let accepted = accepted_by(&loaded.contract, rule, &violation);
                    let problem = Problem {
                        file: loaded.file.clone(),
                        contract: Some(loaded.contract.id.clone()),
                        violation,
                        rule,
                    };
                    (problem, accepted)
                })
                .collect()
        })
        .collect();
    let mut past = history::against_lock(catalog, lock);
    if let Some(baseline) = baseline {
        let compared = history::against_baseline(catalog, lock, baseline);
        // The same change seen in the lock and at the revision is one finding: keep the one that
        // names the revision. A removed contract is found at the lock entry and at the old
        // file, so it is matched by contract alone.
        let key = |p: &Problem| {
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
    // History findings are accepted like the others, by an entry on the contract's version.
    let by_id: std::collections::HashMap<&str, &crate::catalog::model::Contract> = catalog
        .contracts
        .iter()
        .map(|loaded| (loaded.contract.id.as_str(), &loaded.contract))
        .collect();
    let past = past.into_iter().map(|problem| {
        let accepted = problem
            .contract
            .as_deref()
            .and_then(|id| by_id.get(id))
            .and_then(|contract| {
                crate::catalog::acceptance::history_acceptance_of(
                    contract,
                    problem.rule,
                    &problem.violation,
                )
            })
            .map(|a| (a.reason.clone(), a.approved_by.clone()));
        (problem, accepted)
    });
    let loader = catalog
        .problems
        .iter()
        .map(|problem| (Problem::loaded(CONTRACT_INVALID, problem.clone()), None));
    let settings = unknown_levels::problems(catalog)
        .into_iter()
        .map(|p| (p, None));
    loader
        .chain(settings)
        .chain(checked.into_iter().flatten())
        .chain(past)
        .filter_map(|(problem, accepted)| {
            let level = match (
                catalog.settings.rules.get(problem.rule),
                problem.violation.level,
            ) {
                (None, Some(impact)) => impact,
                _ => level_for(catalog, problem.rule)?,
            };
            let finding = finding(&problem, level);
            Some((problem.file, finding, accepted))
        })
        .collect()
}

/// An acceptance's reason and approver.
type Accepted = (String, String);

fn accepted_by(
    contract: &crate::catalog::model::Contract,
    rule: &str,
    violation: &Violation,
) -> Option<Accepted> {
    crate::catalog::acceptance::acceptance_of(contract, rule, violation)
        .map(|a| (a.reason.clone(), a.approved_by.clone()))
}

/// The level of `rule` under the catalogue's settings; `None` when the rule is turned off.
pub fn level_for(catalog: &Catalog, rule: &str) -> Option<Level> {
    match catalog.settings.rules.get(rule) {
        Some(configured) => configured.level(),
        None => rules::find(rule).map(|rule| rule.level),
    }
}

/// The finding a problem makes: its pointer resolved to a line, column and byte span in its file,
/// every text escaped.
pub fn finding(problem: &Problem, severity: Level) -> Finding {
    let violation = &problem.violation;
    let loc = problem.file.locate(&violation.pointer, violation.at_key);
    let (line, column, span) = match loc {
        Some(loc) => {
            let text = &problem.file.text;
            // Offsets agree with line and column on every file the tests read
            // (`offsets_agree_with_lines_and_columns`); deriving the offset from them still keeps
            // the slice below on a character boundary whatever a parser reports.
            let starts = problem.file.line_starts();
            let start = crate::yaml::loc_at_line(text, starts, loc.line, loc.column)
                .offset
                .min(text.len());
            // Quote one line at most: a finding about a whole mapping points at its first line.
            let line_end = crate::yaml::line_end(text, start);
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
    // Every text of a finding may carry what a file says (a value, a key, a file name): escaped
    // here once, so no output format can pass a control character to a terminal.
    let safe = |text: &str| escape_controls(text).into_owned();
    Finding {
        rule: problem.rule,
        severity,
        contract: problem.contract.as_deref().map(safe),
        file: safe(&display(&problem.file.path)),
        line,
        column,
        message: safe(&violation.message),
        help: violation.help.as_deref().map(safe),
        old_version: violation.old_version,
        new_version: violation.new_version,
        path: violation.path.as_deref().map(safe),
        related: violation
            .related
            .as_ref()
            .map(|related| crate::finding::Related {
                file: safe(&related.file),
                line: related.line,
                message: safe(&related.message),
            }),
        witness: violation.witness.clone(),
        span,
    }
}

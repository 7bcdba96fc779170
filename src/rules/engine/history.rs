//! The history rules run over every contract id the catalogue or its old records know of: the
//! lock's records offline, a git revision's with `--against`.

use super::Problem;
use crate::catalog::{Catalog, Loaded};
use crate::finding::Violation;
use crate::history::baseline::{self, Baseline};
use crate::history::lock::{Record, Records};
use crate::history::{self, HistoryContext, LockFile, Source};
use crate::rules::{Check, LOCK_MISMATCH, RULES};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// Every history finding of the catalogue against its own lock, and the lock's own problems.
pub fn against_lock(catalog: &Catalog, lock: &LockFile) -> Vec<Problem> {
    let source = history::lock_source(lock);
    let mut problems: Vec<Problem> = lock
        .problems
        .iter()
        .map(|problem| Problem::loaded(LOCK_MISMATCH, problem.clone()))
        .collect();
    // A lock that cannot be understood as a whole vouches for nothing: comparing with it would
    // report every released version as a hand-dated release.
    if lock.usable {
        problems.extend(run(catalog, &lock.records, &source));
    }
    problems
}

/// The history findings of `catalog` (new) against the baseline (old), and the lock itself
/// rewritten since the baseline.
pub fn against_baseline(catalog: &Catalog, lock: &LockFile, baseline: &Baseline) -> Vec<Problem> {
    let (records, source) = baseline::old_records(baseline);
    let mut problems = run(catalog, &records, &source);
    problems.extend(
        baseline::lock_rewritten(catalog, lock, baseline)
            .into_iter()
            .map(|problem| Problem::loaded(LOCK_MISMATCH, problem)),
    );
    problems
}

/// Runs every history rule for every contract either side knows of.
pub fn run(catalog: &Catalog, old: &Records, source: &Source) -> Vec<Problem> {
    let mut by_id: HashMap<&str, &Loaded> = HashMap::new();
    for loaded in &catalog.contracts {
        // A duplicated id is `duplicate-contract-id`'s finding; the first file stands for it.
        by_id.entry(loaded.contract.id.as_str()).or_insert(loaded);
    }
    // Fingerprinting every released version is most of this function's work: in parallel.
    let new_records: HashMap<&str, Record> = by_id
        .par_iter()
        .filter_map(|(id, loaded)| {
            Some((
                *id,
                crate::history::lock::record(&loaded.contract, &catalog.settings)?,
            ))
        })
        .collect();
    // Ids a broken file still claims are not "removed": the file is there, only unreadable.
    let claimed: BTreeSet<&str> = catalog
        .problems
        .iter()
        .filter_map(|problem| problem.contract.as_deref())
        .collect();
    let ids: BTreeSet<&str> = old
        .keys()
        .map(String::as_str)
        .chain(by_id.keys().copied())
        .collect();
    let ids: Vec<&str> = ids.into_iter().collect();
    let per_id: Vec<Vec<Problem>> = ids
        .par_iter()
        .map(|&id| {
            let new = by_id.get(id).copied();
            if (new.is_none() && claimed.contains(id)) || source.skip.contains(id) {
                return Vec::new();
            }
            run_for(
                HistoryContext {
                    id,
                    old: old.get(id),
                    new,
                    new_record: new_records.get(id),
                    settings: &catalog.settings,
                    source: &source.kind,
                },
                source,
            )
        })
        .collect();
    per_id.into_iter().flatten().collect()
}

/// Every history rule's findings for one contract id.
fn run_for(cx: HistoryContext, source: &Source) -> Vec<Problem> {
    let mut problems = Vec::new();
    for rule in RULES {
        let Check::History(check) = rule.check else {
            continue;
        };
        for violation in check(&cx) {
            let (file, violation) = match cx.new {
                Some(loaded) => (loaded.file.clone(), violation),
                None => match source.old_places.get(cx.id) {
                    Some((file, pointer)) => (
                        file.clone(),
                        Violation {
                            pointer: pointer.clone(),
                            ..violation
                        },
                    ),
                    None => continue,
                },
            };
            problems.push(Problem {
                rule: rule.id,
                file,
                contract: Some(cx.id.to_string()),
                violation,
            });
        }
    }
    problems
}

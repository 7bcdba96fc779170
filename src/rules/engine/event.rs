//! The event evolution rules run over every old/new pair of an event contract's versions
//! ([`crate::evolution::event`] decides the pairs and computes their differences once).

use crate::catalog::model::Event;
use crate::compat;
use crate::evolution::event::{self, EventChange, Refused};
use crate::finding::Violation;
use crate::rules::{Check, Context, Rule};
use std::collections::HashSet;

/// Where a pair the engine refuses to compare is reported (see [`run`]).
const SCHEMA_INVALID: &str = "schema-invalid";

/// Where a refused comparison is reported: the schema at fault (or, when only the pair is too
/// much, the new one), unless `schema-invalid` already reports that schema as invalid.
fn refusal(cx: &Context, event: &Event, refused: &Refused) -> Option<Violation> {
    if cx.validator(refused.old).is_err() || cx.validator(refused.new).is_err() {
        return None;
    }
    let (old, new) = (
        event.versions[refused.old].version,
        event.versions[refused.new].version,
    );
    let alone = [refused.new, refused.old].into_iter().find_map(|position| {
        let schema = &event.versions[position].schema;
        compat::differences(schema, schema)
            .err()
            .map(|error| (position, error))
    });
    let (position, error, message) = match alone {
        Some((position, error)) => {
            let message = format!(
                "the schema of version {} cannot be compared with other versions: {error}",
                event.versions[position].version
            );
            (position, error, message)
        }
        None => {
            let error = refused.error.clone();
            let message = format!("version {new} cannot be compared with version {old}: {error}");
            (refused.new, error, message)
        }
    };
    Some(
        Violation::at(
            format!("/versions/{position}/schema{}", error.path()),
            message,
        )
        .help("until the schemas can be compared, no compatibility or removal rule can judge this change")
        .versions(Some(old), new),
    )
}

/// The check function of an event evolution rule.
type ChangeCheck = fn(&EventChange) -> Vec<Violation>;

/// Runs the event evolution rules among `rules` on every change of the contract. A finding that
/// several old versions share (same rule, same place in the new version) is reported once,
/// against the nearest old version. A pair the engine refuses to compare (too deep, too
/// complex; a `$ref` that leads nowhere already fails to compile) is reported as `schema-invalid` when the schema otherwise compiles, since then no
/// other rule says why its changes went unjudged.
pub fn run(cx: &Context, rules: &[&Rule]) -> Vec<(&'static str, Violation)> {
    let checks: Vec<(&'static str, ChangeCheck)> = rules
        .iter()
        .filter_map(|rule| match rule.check {
            Check::EventChange(check) => Some((rule.id, check)),
            _ => None,
        })
        .collect();
    if checks.is_empty() {
        return vec![];
    }
    let mut seen: HashSet<(usize, &'static str, String, Option<String>)> = HashSet::new();
    let mut found = Vec::new();
    let (changes, refused) = event::compare_all(cx);
    // A comparison that could not be performed is reported, never silently passed. The finding
    // is about the schema, so it goes under `schema-invalid`, once per place.
    if let Some(event) = cx.contract.as_event() {
        for refused in &refused {
            if let Some(violation) = refusal(cx, event, refused) {
                let key = (usize::MAX, SCHEMA_INVALID, violation.pointer.clone(), None);
                if seen.insert(key) {
                    found.push((SCHEMA_INVALID, violation));
                }
            }
        }
    }
    for change in changes {
        for &(id, check) in &checks {
            for violation in check(&change) {
                let key = (
                    change.new,
                    id,
                    violation.pointer.clone(),
                    violation.path.clone(),
                );
                if seen.insert(key) {
                    found.push((id, violation));
                }
            }
        }
    }
    found
}

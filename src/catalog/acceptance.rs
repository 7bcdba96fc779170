//! Accepted findings: an `accepted` entry on a version (rule and path) silences exactly the
//! finding of that rule, on that version, about that path.

use crate::catalog::model::{Acceptance, Body, Contract};
use crate::finding::Violation;

/// The `accepted` entries of the version numbered `version` (every entry with that number, should
/// the history repeat one).
fn acceptances(contract: &Contract, version: u32) -> Vec<&Acceptance> {
    match &contract.body {
        Body::Event(event) => event
            .versions
            .iter()
            .filter(|v| v.version == version)
            .flat_map(|v| &v.accepted)
            .collect(),
        Body::Table(table) => table
            .versions
            .iter()
            .filter(|v| v.version == version)
            .flat_map(|v| &v.accepted)
            .collect(),
    }
}

/// Whether the finding `violation` of `rule` is accepted on its new version. Findings without a
/// new version or a path (not about a change) can never be accepted.
pub fn is_accepted(contract: &Contract, rule: &str, violation: &Violation) -> bool {
    acceptance_of(contract, rule, violation).is_some()
}

/// The `accepted` entry that silences the finding `violation` of `rule`, if one does.
pub fn acceptance_of<'a>(
    contract: &'a Contract,
    rule: &str,
    violation: &Violation,
) -> Option<&'a Acceptance> {
    let (Some(version), Some(path)) = (violation.new_version, violation.path.as_deref()) else {
        return None;
    };
    acceptances(contract, version)
        .into_iter()
        .find(|acceptance| acceptance.rule == rule && acceptance.path == path)
}

/// The `accepted` entry that silences a history finding (lock or `--against`). Such findings
/// are about the contract's metadata rather than a path in a version, so the entry names the
/// key the finding points at (`topic`, `retention`, `partition_key`, `owner`, `primary_key`,
/// `compatibility`, or the version for a released version's edit: `versions/1`); it sits on
/// the version the finding names, or else on the contract's last version.
pub fn history_acceptance_of<'a>(
    contract: &'a Contract,
    rule: &str,
    violation: &Violation,
) -> Option<&'a Acceptance> {
    if let Some(found) = acceptance_of(contract, rule, violation) {
        return Some(found);
    }
    let last = match &contract.body {
        Body::Event(event) => event.versions.last().map(|v| v.version),
        Body::Table(table) => table.versions.last().map(|v| v.version),
    }?;
    let version = violation.new_version.unwrap_or(last);
    let mut segments = violation.pointer.trim_start_matches('/').split('/');
    let key = match segments.next()? {
        "versions" => format!("versions/{version}"),
        other => other.to_string(),
    };
    let path = violation.path.clone().unwrap_or(key);
    acceptances(contract, version)
        .into_iter()
        .find(|acceptance| acceptance.rule == rule && acceptance.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;
    // Test-only and upward: the rules' inline-contract helpers are the shortest way to a
    // parsed contract; no non-test code here knows the rules.
    use crate::rules::testing::{TABLE, parse};

    fn accepted_on_v1(rule: &str, path: &str) -> Contract {
        let yaml = TABLE.replace(
            "    summary: Initial version.\n",
            &format!(
                "    summary: Initial version.\n    accepted:\n      - {{rule: {rule}, path: {path}, reason: Checked., approved_by: meetings}}\n"
            ),
        );
        parse(&yaml).contract
    }

    fn finding(new_version: Option<u32>, path: Option<&str>) -> Violation {
        let mut violation = Violation::at("/versions/0/columns/1", "a finding");
        violation.new_version = new_version;
        violation.path = path.map(str::to_string);
        violation
    }

    #[test]
    fn silences_exactly_the_rule_version_and_path_it_names() {
        let contract = accepted_on_v1("column-type-changed", "title");
        let rule = "column-type-changed";
        assert!(is_accepted(
            &contract,
            rule,
            &finding(Some(1), Some("title"))
        ));
        assert!(!is_accepted(
            &contract,
            "column-type-narrowed",
            &finding(Some(1), Some("title"))
        ));
        assert!(!is_accepted(
            &contract,
            rule,
            &finding(Some(2), Some("title"))
        ));
        assert!(!is_accepted(&contract, rule, &finding(Some(1), Some("id"))));
        assert!(!is_accepted(&contract, rule, &finding(None, Some("title"))));
        assert!(!is_accepted(&contract, rule, &finding(Some(1), None)));
    }
}

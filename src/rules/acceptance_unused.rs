//! `acceptance-unused`: an `accepted` entry that silences nothing.

use super::{Category, Check, Rule};
use crate::catalog::model::{Acceptance, Body, Contract};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "acceptance-unused",
    summary: "An `accepted` entry matches no finding",
    rationale: "An acceptance is a reviewed exception to one finding. When it matches nothing — \
a typo in the rule id or the path, or a finding that a later fix made disappear — it no longer \
documents anything, and it would silently accept a different problem that later appears at the \
same place. Remove it, or correct it to name the finding it was meant for.",
    example: "accepted:\n  - {rule: field-removed-before-deadlin, path: /properties/confidence, reason: …, approved_by: …}   # typo in the rule",
    level: Level::Warning,
    category: Category::Hygiene,
    check: Check::Findings(check),
};

fn check(contract: &Contract, found: &[super::RuleViolation]) -> Vec<Violation> {
    let versions: Vec<(u32, &[Acceptance])> = match &contract.body {
        Body::Event(event) => event
            .versions
            .iter()
            .map(|v| (v.version, v.accepted.as_slice()))
            .collect(),
        Body::Table(table) => table
            .versions
            .iter()
            .map(|v| (v.version, v.accepted.as_slice()))
            .collect(),
    };
    let mut unused = Vec::new();
    for (position, (version, accepted)) in versions.iter().enumerate() {
        for (index, acceptance) in accepted.iter().enumerate() {
            let matched = found.iter().any(|(rule, violation)| {
                *rule == acceptance.rule
                    && violation.new_version == Some(*version)
                    && violation.path.as_deref() == Some(acceptance.path.as_str())
            });
            // History findings (lock, --against) are not among the findings this rule sees:
            // whether such an entry matches depends on the baseline of the run, so it is not
            // judged here.
            let history = super::find(&acceptance.rule)
                .is_some_and(|rule| rule.category == Category::History);
            if matched || history {
                continue;
            }
            let help = match super::find(&acceptance.rule) {
                None => match crate::suggest::closest(
                    &acceptance.rule,
                    super::RULES.iter().map(|rule| rule.id),
                ) {
                    Some(near) => format!(
                        "there is no rule `{}`; did you mean `{near}`?",
                        acceptance.rule
                    ),
                    None => format!(
                        "there is no rule `{}`; `contract rules` lists them",
                        acceptance.rule
                    ),
                },
                Some(_) => {
                    let paths: Vec<&str> = found
                        .iter()
                        .filter(|(rule, violation)| {
                            *rule == acceptance.rule && violation.new_version == Some(*version)
                        })
                        .filter_map(|(_, violation)| violation.path.as_deref())
                        .collect();
                    if paths.is_empty() {
                        format!(
                            "`{}` reports nothing on version {version}: remove this entry",
                            acceptance.rule
                        )
                    } else {
                        format!(
                            "`{}` reports on version {version} at: {}",
                            acceptance.rule,
                            paths.join(", ")
                        )
                    }
                }
            };
            unused.push(
                Violation::at(
                    format!("/versions/{position}/accepted/{index}"),
                    format!(
                        "the acceptance of `{}` at `{}` on version {version} matches no finding",
                        acceptance.rule, acceptance.path
                    ),
                )
                .help(help),
            );
        }
    }
    unused
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{TABLE, violations};

    const SECOND: &str = "  - version: 2\n    summary: Title dropped.\n    columns:\n      - {name: id, type: uuid, nullable: false, description: Meeting id.}\n";

    fn with_acceptance(rule: &str, path: &str) -> String {
        format!(
            "{TABLE}{SECOND}    accepted:\n      - {{rule: {rule}, path: {path}, reason: Nobody reads it., approved_by: meetings}}\n"
        )
    }

    #[test]
    fn a_matching_acceptance_is_used() {
        assert_eq!(
            violations(
                &RULE,
                &with_acceptance("column-removed-without-deprecation", "title")
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn typos_in_the_rule_or_the_path_are_reported() {
        assert_eq!(
            violations(
                &RULE,
                &with_acceptance("column-removed-without-deprecation", "titel")
            ),
            [
                "/versions/1/accepted/0: the acceptance of `column-removed-without-deprecation` at `titel` on version 2 matches no finding"
            ]
        );
        assert_eq!(
            violations(
                &RULE,
                &with_acceptance("column-removed-without-deprecaton", "title")
            ),
            [
                "/versions/1/accepted/0: the acceptance of `column-removed-without-deprecaton` at `title` on version 2 matches no finding"
            ]
        );
    }
}

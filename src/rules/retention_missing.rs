//! `retention-missing`: a contract says nothing about how long its data lives.

use super::{Category, Check, Context, Rule};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "retention-missing",
    summary: "The contract has no retention",
    rationale: "Retention is a design decision, not an accident of disk size: how long data is \
kept decides what can be replayed, what privacy law requires and what storage costs. Every \
contract states it: `delete_after`, `archive_after` plus `delete_after`, or `keep_forever` with \
the reason.",
    example: "contract: meeting.created\nkind: event\n# no `retention:`",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    if cx.contract.retention.is_some() {
        return vec![];
    }
    vec![Violation::at("", "the contract has no retention").help(
        "add `retention: {delete_after: 400d}`, `{archive_after: 90d, delete_after: 730d}` or `{keep_forever: \"<reason>\"}`",
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, violations};

    #[test]
    fn fires_without_retention_only() {
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
        let without = EVENT.replace("retention: {delete_after: 400d}\n", "");
        assert_eq!(
            violations(&RULE, &without),
            [": the contract has no retention"]
        );
    }
}

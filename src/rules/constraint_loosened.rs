//! `constraint-loosened`: a validation constraint became looser than in the old version.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::CONSTRAINT_LOOSENED,
    summary: "A validation constraint became looser than in the old version",
    rationale: "New consumers still read old data, but old consumers may receive values outside the bounds they were written for (longer strings, larger numbers, values without the old `pattern`). Reported so reviewers see it; under a forward mode the break is reported as `constraint-tightened`. Under a forward or full mode it breaks consumers still on the old version and is an error (the level follows the impact; the rule names the change the author made).",
    example: "title: {type: string, maxLength: 100}   # v1
title: {type: string, maxLength: 200}   # v2",
    level: Level::Info,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(
        RULE.id,
        "make sure consumers of the old version cope with the looser values",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const SHORT: &str = "{type: object, properties: {title: {type: string, maxLength: 100}}}";
    const LONG: &str = "{type: object, properties: {title: {type: string, maxLength: 200}}}";

    #[test]
    fn fires_when_a_bound_loosens() {
        assert_eq!(
            violations(&RULE, &evolving(SHORT, LONG)),
            [
                "/versions/1/schema/properties/title: `title`: `maxLength` 100 → 200 in v2, compared with v1"
            ]
        );
    }

    #[test]
    fn passes_when_a_bound_tightens() {
        assert_eq!(
            violations(&RULE, &evolving(LONG, SHORT)),
            Vec::<String>::new()
        );
    }
}

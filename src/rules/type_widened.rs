//! `type-widened`: a property accepts more types or shapes than in the old version.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::TYPE_WIDENED,
    summary: "A property accepts more types or shapes than in the old version",
    rationale: "New consumers still read old data, so nothing breaks under a backward mode; but old consumers may now receive values they were not written for (`integer` became `number`, `null` became allowed). Reported so reviewers see it; under a forward mode the break is reported as `type-narrowed`. Under a forward or full mode it breaks consumers still on the old version and is an error (the level follows the impact; the rule names the change the author made).",
    example: "duration_seconds: {type: integer}   # v1
duration_seconds: {type: number}    # v2",
    level: Level::Info,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(
        RULE.id,
        "make sure every consumer of the old version copes with the new values",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const INTEGER: &str = "{type: object, properties: {duration: {type: integer}}}";
    const NUMBER: &str = "{type: object, properties: {duration: {type: number}}}";

    #[test]
    fn fires_when_more_values_are_accepted() {
        assert_eq!(
            violations(&RULE, &evolving(INTEGER, NUMBER)),
            [
                "/versions/1/schema/properties/duration: `duration`: type widened: \"integer\" → \"number\" in v2, compared with v1"
            ]
        );
    }

    #[test]
    fn passes_when_narrowed_or_unchecked() {
        assert_eq!(
            violations(&RULE, &evolving(NUMBER, INTEGER)),
            Vec::<String>::new()
        );
        let none =
            evolving(INTEGER, NUMBER).replace("retention:", "compatibility: none\nretention:");
        assert_eq!(violations(&RULE, &none), Vec::<String>::new());
    }
}

//! `constraint-tightened`: a validation constraint became stricter than in the compared version.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::CONSTRAINT_TIGHTENED,
    summary: "A validation constraint became stricter than in the compared version",
    rationale: "A lower `maxLength`, a new `pattern` or `format`, a higher `minimum`, fewer allowed array items: some data valid under the writer's version is rejected by the reader's. Under a forward mode the reader is the old version, so loosening a constraint fires this rule too. A keyword the checker does not model (`contains`, `if`/`then`, …) that changed is reported here as well, because the check could not be performed.",
    example: "title: {type: string, maxLength: 200}   # v1
title: {type: string, maxLength: 100}   # v2",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(
        RULE.id,
        "keep the old constraint, or add a new property with the stricter one and deprecate this one",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const LONG: &str = "{type: object, properties: {title: {type: string, maxLength: 200}}}";
    const SHORT: &str = "{type: object, properties: {title: {type: string, maxLength: 100}}}";

    #[test]
    fn fires_when_a_bound_tightens_or_a_pattern_appears() {
        assert_eq!(
            violations(&RULE, &evolving(LONG, SHORT)),
            [
                "/versions/1/schema/properties/title: `title`: `maxLength` 200 → 100 in v2, compared with v1; consumers of v2 cannot read data written under v1 (backward compatibility)"
            ]
        );
        let nested_old = "{type: object, properties: {words: {type: array, items: {type: object, properties: {text: {type: string}}}}}}";
        let nested_new = "{type: object, properties: {words: {type: array, items: {type: object, properties: {text: {type: string, pattern: '^\\S+$'}}}}}}";
        let found = violations(&RULE, &evolving(nested_old, nested_new));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .starts_with("/versions/1/schema/properties/words/items/properties/text: `text`: "),
            "{found:?}"
        );
    }

    #[test]
    fn passes_when_a_bound_loosens() {
        assert_eq!(
            violations(&RULE, &evolving(SHORT, LONG)),
            Vec::<String>::new()
        );
    }
}

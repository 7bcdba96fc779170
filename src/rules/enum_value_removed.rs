//! `enum-value-removed`: an enum or const no longer allows a value that the compared version allowed.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::ENUM_VALUE_REMOVED,
    summary: "An enum or const no longer allows a value that the compared version allowed",
    rationale: "Old data may carry the removed value, and a reader on the new version rejects it. Under a forward mode the reader is the old version: adding a value that old consumers do not know fires this rule too. Keep the value and document it as deprecated instead.",
    example: "role: {enum: [host, member, guest]}   # v1
role: {enum: [host, member]}          # v2",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(
        RULE.id,
        "keep the value in the enum and describe it as deprecated; consumers must keep reading it",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const THREE: &str =
        "{type: object, properties: {role: {type: string, enum: [host, member, guest]}}}";
    const TWO: &str = "{type: object, properties: {role: {type: string, enum: [host, member]}}}";

    #[test]
    fn fires_when_a_value_is_removed() {
        assert_eq!(
            violations(&RULE, &evolving(THREE, TWO)),
            [
                "/versions/1/schema/properties/role: `role`: fewer values allowed in v2, compared with v1; consumers of v2 cannot read data written under v1 (backward compatibility)"
            ]
        );
    }

    #[test]
    fn an_added_value_is_not_a_removal_under_full() {
        // Regression: under forward modes an added value used to be reported as
        // `enum-value-removed` ("seen from v2 back to v1: fewer values allowed"). The author
        // added a value; `enum-value-added` names that, at the error level.
        let full = evolving(TWO, THREE).replace("retention:", "compatibility: full\nretention:");
        assert_eq!(violations(&RULE, &full), Vec::<String>::new());
    }

    #[test]
    fn passes_when_a_value_is_added_under_backward() {
        assert_eq!(
            violations(&RULE, &evolving(TWO, THREE)),
            Vec::<String>::new()
        );
    }
}

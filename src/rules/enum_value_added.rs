//! `enum-value-added`: an enum gained a value that consumers of the old version do not know.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::ENUM_VALUE_ADDED,
    summary: "An enum gained a value that consumers of the old version do not know",
    rationale: "New consumers read old data fine, but consumers of the old version will meet a value their code has no branch for: exhaustive `match`es and lookups fail. A warning, because the change is usually intended; tell the consumers before producers send the new value. Under a forward or full mode the contract promises that old consumers read new data, so the same change is an error: the level follows the impact, the rule still names what the author did.",
    example: "role: {enum: [host, member]}          # v1
role: {enum: [host, member, guest]}   # v2",
    level: Level::Warning,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(
        RULE.id,
        "tell every consumer of this event about the new value before producers send it",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const TWO: &str = "{type: object, properties: {role: {type: string, enum: [host, member]}}}";
    const THREE: &str =
        "{type: object, properties: {role: {type: string, enum: [host, member, guest]}}}";

    #[test]
    fn fires_when_a_value_is_added() {
        assert_eq!(
            violations(&RULE, &evolving(TWO, THREE)),
            [
                "/versions/1/schema/properties/role: `role`: more values allowed in v2, compared with v1"
            ]
        );
    }

    #[test]
    fn under_forward_modes_it_names_the_reader_that_breaks() {
        for mode in ["forward", "full", "full_transitive"] {
            let yaml = evolving(TWO, THREE)
                .replace("retention:", &format!("compatibility: {mode}\nretention:"));
            assert_eq!(
                violations(&RULE, &yaml),
                [format!(
                    "/versions/1/schema/properties/role: `role`: more values allowed in v2, compared with v1; consumers still on v1 reject `guest` ({mode} compatibility)"
                )]
            );
        }
    }

    #[test]
    fn passes_when_a_value_is_removed() {
        assert_eq!(
            violations(&RULE, &evolving(THREE, TWO)),
            Vec::<String>::new()
        );
    }
}

//! `type-narrowed`: a property accepts fewer types or shapes than the version it is compared with.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::TYPE_NARROWED,
    summary: "A property accepts fewer types or shapes than the version it is compared with",
    rationale: "Values the writer may send are rejected by the reader: `number` became `integer`, a `null` alternative was dropped, a `oneOf` lost a branch, or an array gained an `items` schema. Under a backward mode the reader is the new version; under a forward mode it is the old one, so widening a type in a forward-compatible contract fires this rule too.",
    example: "amount: {type: [number, \"null\"]}   # v1
amount: {type: number}             # v2",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(
        RULE.id,
        "keep accepting the old types, or add a new property and deprecate this one",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const NUMBER: &str = "{type: object, properties: {amount: {type: number}}}";
    const INTEGER: &str = "{type: object, properties: {amount: {type: integer}}}";

    #[test]
    fn fires_when_fewer_values_are_accepted() {
        assert_eq!(
            violations(&RULE, &evolving(NUMBER, INTEGER)),
            [
                "/versions/1/schema/properties/amount: `amount`: type narrowed: \"number\" → \"integer\" in v2, compared with v1; consumers of v2 cannot read data written under v1 (backward compatibility)"
            ]
        );
    }

    #[test]
    fn a_widening_is_not_a_narrowing_under_a_forward_mode() {
        // Regression: a widening under forward used to be reported as `type-narrowed` (the
        // old reader's side); `type-widened` now names it, at the error level.
        let forward =
            evolving(INTEGER, NUMBER).replace("retention:", "compatibility: forward\nretention:");
        assert_eq!(violations(&RULE, &forward), Vec::<String>::new());
        let widened = crate::rules::find("type-widened").unwrap();
        assert_eq!(
            violations(widened, &forward),
            [
                "/versions/1/schema/properties/amount: `amount`: type widened: \"integer\" → \"number\" in v2, compared with v1; consumers still on v1 reject data written under v2 (forward compatibility)"
            ]
        );
    }

    #[test]
    fn passes_when_widened_under_backward() {
        assert_eq!(
            violations(&RULE, &evolving(INTEGER, NUMBER)),
            Vec::<String>::new()
        );
    }
}

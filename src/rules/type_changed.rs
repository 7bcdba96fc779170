//! `type-changed`: a property's type changed to one that shares no values with the old type.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::TYPE_CHANGED,
    summary: "A property's type changed to one that shares no values with the old type",
    rationale: "A consumer that reads the property as the new type cannot read a single old value of it (and the other way round under a forward mode). A different type is a different field: add it under a new name, deprecate the old one with an `x-remove-after` date, and remove it after that date.",
    example: "duration: {type: integer}   # v1
duration: {type: string}    # v2",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(
        RULE.id,
        "add a new property with the new type, deprecate this one with an `x-remove-after` date, and remove it after that date",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const INTEGER: &str = "{type: object, properties: {duration: {type: integer}}}";
    const STRING: &str = "{type: object, properties: {duration: {type: string}}}";

    #[test]
    fn fires_when_the_type_changes() {
        assert_eq!(
            violations(&RULE, &evolving(INTEGER, STRING)),
            [
                "/versions/1/schema/properties/duration: `duration`: type changed: \"integer\" → \"string\" in v2, compared with v1; consumers of v2 cannot read data written under v1 (backward compatibility)"
            ]
        );
        let forward =
            evolving(INTEGER, STRING).replace("retention:", "compatibility: forward\nretention:");
        assert_eq!(
            violations(&RULE, &forward),
            [
                "/versions/1/schema/properties/duration: `duration`: type changed: \"integer\" → \"string\" in v2, compared with v1; consumers still on v1 reject data written under v2 (forward compatibility)"
            ]
        );
    }

    #[test]
    fn passes_when_the_type_stays_or_the_mode_is_none() {
        assert_eq!(
            violations(&RULE, &evolving(INTEGER, INTEGER)),
            Vec::<String>::new()
        );
        let none =
            evolving(INTEGER, STRING).replace("retention:", "compatibility: none\nretention:");
        assert_eq!(violations(&RULE, &none), Vec::<String>::new());
    }
}

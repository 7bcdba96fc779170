//! `property-added-to-closed-model`: under a forward mode, a property was added to a content model that the old version keeps closed, so consumers still on it reject new data that carries the property.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::PROPERTY_ADDED_TO_CLOSED_MODEL,
    summary: "A property was added to a content model the old version keeps closed (forward modes)",
    rationale: "With `additionalProperties: false` in the old version, its consumers reject any property they do not declare. Under a forward (or full) mode they read data written under the new version, so a property added there breaks them as soon as producers send it. Under backward modes the addition is harmless (the new reader declares it), so the rule fires only where forward compatibility is checked.",
    example: "# compatibility: forward; both versions have additionalProperties: false\n# v2 adds\nproperties:\n  language: {type: string}",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(RULE.id, "release consumers that accept the new property first, then the producers that send it; or leave it out until every consumer reads it")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const CLOSED: &str =
        "{type: object, additionalProperties: false, properties: {meeting_id: {type: string}}}";
    const ADDED: &str = "{type: object, additionalProperties: false, properties: {meeting_id: {type: string}, language: {type: string}}}";

    #[test]
    fn a_property_added_to_a_closed_model_breaks_old_consumers_under_forward() {
        let forward =
            evolving(CLOSED, ADDED).replace("retention:", "compatibility: forward\nretention:");
        assert_eq!(
            violations(&RULE, &forward),
            [
                "/versions/1/schema/properties/language: `language`: added in v2 to a content model that v1 keeps closed; consumers still on v1 reject data written under v2 that carries it (forward compatibility)"
            ]
        );
    }

    #[test]
    fn passes_under_backward() {
        assert_eq!(
            violations(&RULE, &evolving(CLOSED, ADDED)),
            Vec::<String>::new()
        );
    }
}

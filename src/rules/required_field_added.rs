//! `required-field-added`: a property new to the schema is required, so data written under the old version is rejected.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::REQUIRED_FIELD_ADDED,
    summary: "A property new to the schema is required, so data written under the old version is rejected",
    rationale: "Old data lacks the new property, so a consumer on the new version that validates or reads it fails on every replayed or delayed event. Add the property as optional, and make it required only in a later version once every producer sends it and no old data is read any more. A `default` does not make it safe: a JSON Schema validator does not fill defaults in, so old data without the property is still rejected (Confluent Schema Registry counts a default as enough; this rule does not). Judged in the directions the contract's compatibility mode checks.",
    example: "# v1
properties: {meeting_id: {…}}
# v2
required: [meeting_id, language]
properties: {meeting_id: {…}, language: {type: string}}",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(
        RULE.id,
        "add the property as optional (a `default` does not help: validators do not fill it in); require it in a later version once no data without it is read",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const OLD: &str =
        "{type: object, required: [meeting_id], properties: {meeting_id: {type: string}}}";

    #[test]
    fn fires_when_a_new_property_is_required() {
        let new = "{type: object, required: [meeting_id, language], properties: {meeting_id: {type: string}, language: {type: string}}}";
        assert_eq!(
            violations(&RULE, &evolving(OLD, new)),
            [
                "/versions/1/schema/properties/language: `language`: property `language` is now required in v2, compared with v1; consumers of v2 cannot read data written under v1 (backward compatibility)"
            ]
        );
    }

    #[test]
    fn reports_once_in_a_closed_model() {
        // The engine reports both REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL and
        // REQUIRED_ATTRIBUTE_ADDED for the same property; one finding is enough.
        let old = "{type: object, additionalProperties: false, required: [meeting_id], properties: {meeting_id: {type: string}}}";
        let new = "{type: object, additionalProperties: false, required: [meeting_id, language], properties: {meeting_id: {type: string}, language: {type: string}}}";
        assert_eq!(violations(&RULE, &evolving(old, new)).len(), 1);
    }

    #[test]
    fn fires_with_a_default_too() {
        // A validator does not fill `default` in: old data without `language` is still
        // rejected. (This rule once passed it, as Confluent does.)
        let with_default = "{type: object, required: [meeting_id, language], properties: {meeting_id: {type: string}, language: {type: string, default: und}}}";
        assert_eq!(
            violations(&RULE, &evolving(OLD, with_default)),
            [
                "/versions/1/schema/properties/language: `language`: property `language` is now required in v2, compared with v1; consumers of v2 cannot read data written under v1 (backward compatibility)"
            ]
        );
    }

    #[test]
    fn passes_with_an_optional_property_or_a_forward_mode() {
        let optional = "{type: object, required: [meeting_id], properties: {meeting_id: {type: string}, language: {type: string}}}";
        assert_eq!(
            violations(&RULE, &evolving(OLD, optional)),
            Vec::<String>::new()
        );
        let required = "{type: object, required: [meeting_id, language], properties: {meeting_id: {type: string}, language: {type: string}}}";
        let forward =
            evolving(OLD, required).replace("retention:", "compatibility: forward\nretention:");
        assert_eq!(violations(&RULE, &forward), Vec::<String>::new());
    }
}

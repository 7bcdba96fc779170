//! `property-added-to-open-model`: a property was added to an open content model (breaking only under the strict policy).

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::PROPERTY_ADDED_TO_OPEN_MODEL,
    summary: "A property was added to an open content model (breaking only under the strict policy)",
    rationale: "In an open content model old data may already carry a property of that name with any value, which the new declaration may reject. Confluent Schema Registry's STRICT policy counts this as breaking; the default lenient policy accepts it, since new fields are additive. Only fires when `policy: strict` is set in settings.yaml.",
    example: "# settings.yaml: policy: strict
# v1: open model
properties: {meeting_id: {…}}
# v2
properties: {meeting_id: {…}, language: {type: string}}",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(
        RULE.id,
        "close the content model in a new version first, or accept the finding with a reason if no producer ever sent the property",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    use crate::catalog::settings::{Policy, Settings};
    use crate::rules::testing::violations_with;

    const OLD: &str = "{type: object, properties: {meeting_id: {type: string}}}";
    const NEW: &str =
        "{type: object, properties: {meeting_id: {type: string}, language: {type: string}}}";

    #[test]
    fn fires_under_the_strict_policy_only() {
        let strict = Settings {
            policy: Policy::Strict,
            ..Settings::default()
        };
        assert_eq!(
            violations_with(&RULE, &evolving(OLD, NEW), &strict),
            [
                "/versions/1/schema/properties/language: `language`: property `language` added in v2, compared with v1; consumers of v2 cannot read data written under v1 (backward compatibility)"
            ]
        );
        assert_eq!(violations(&RULE, &evolving(OLD, NEW)), Vec::<String>::new());
    }
}

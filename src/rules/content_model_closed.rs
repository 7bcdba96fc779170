//! `content-model-closed`: the schema stopped accepting properties it does not declare.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::CONTENT_MODEL_CLOSED,
    summary: "The schema stopped accepting properties it does not declare",
    rationale: "With `additionalProperties: false` added, old data carrying any undeclared property is rejected by new readers. Under a forward mode the changes that meet an old reader's closed model are named for what the author did: `content-model-opened` and `property-added-to-closed-model`. Keep the model open, or declare every property old data may carry.",
    example: "# v1: no additionalProperties
# v2
additionalProperties: false",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(
        RULE.id,
        "keep the content model open, or declare every property that old data may carry",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const OPEN: &str = "{type: object, properties: {meeting_id: {type: string}}}";
    const CLOSED: &str =
        "{type: object, additionalProperties: false, properties: {meeting_id: {type: string}}}";

    #[test]
    fn fires_when_undeclared_properties_are_no_longer_allowed() {
        assert_eq!(
            violations(&RULE, &evolving(OPEN, CLOSED)),
            [
                "/versions/1/schema: the payload: undeclared properties are no longer allowed in v2, compared with v1; consumers of v2 cannot read data written under v1 (backward compatibility)"
            ]
        );
    }

    #[test]
    fn passes_when_the_model_opens() {
        assert_eq!(
            violations(&RULE, &evolving(CLOSED, OPEN)),
            Vec::<String>::new()
        );
    }
}

//! `field-made-required`: an optional property became required.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::FIELD_MADE_REQUIRED,
    summary: "An optional property became required",
    rationale: "Data written under the old version may omit the property, and a reader on the new version rejects it. Under a forward mode the reverse change, a required property made optional, is `field-made-optional`. Keep the property optional; a `default` does not help, since validators do not fill it in.",
    example: "# v1
required: [meeting_id]
# v2
required: [meeting_id, title]",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(
        RULE.id,
        "keep the property optional (a `default` does not help: validators do not fill it in)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const OPTIONAL: &str = "{type: object, required: [meeting_id], properties: {meeting_id: {type: string}, title: {type: string}}}";
    const REQUIRED: &str = "{type: object, required: [meeting_id, title], properties: {meeting_id: {type: string}, title: {type: string}}}";

    #[test]
    fn fires_when_an_optional_property_becomes_required() {
        assert_eq!(
            violations(&RULE, &evolving(OPTIONAL, REQUIRED)),
            [
                "/versions/1/schema/properties/title: `title`: property `title` is now required in v2, compared with v1; consumers of v2 cannot read data written under v1 (backward compatibility)"
            ]
        );
    }

    #[test]
    fn passes_when_a_property_becomes_optional_under_backward() {
        assert_eq!(
            violations(&RULE, &evolving(REQUIRED, OPTIONAL)),
            Vec::<String>::new()
        );
    }
}

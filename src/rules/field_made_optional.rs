//! `field-made-optional`: under a forward mode, a required property became optional, so consumers still on the old version reject new data that omits it.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::FIELD_MADE_OPTIONAL,
    summary: "A required property became optional while old consumers still require it (forward modes)",
    rationale: "Under a forward (or full) mode, consumers still on the old version read data written under the new one. The old version requires the property; the new one lets producers omit it, and every old consumer rejects such data. Under backward modes nothing breaks (new readers accept what old data always carried), so the rule fires only where forward compatibility is checked. Release the consumers that read the property as optional first, then the producers that omit it; or keep it required.",
    example: "# compatibility: forward\n# v1\nrequired: [meeting_id, title]\n# v2\nrequired: [meeting_id]",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(RULE.id, "release consumers that read the property as optional first, then the producers that omit it; or keep it required")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const OPTIONAL: &str = "{type: object, required: [meeting_id], properties: {meeting_id: {type: string}, title: {type: string}}}";
    const REQUIRED: &str = "{type: object, required: [meeting_id, title], properties: {meeting_id: {type: string}, title: {type: string}}}";

    fn forward(old: &str, new: &str) -> String {
        evolving(old, new).replace("retention:", "compatibility: forward\nretention:")
    }

    #[test]
    fn fires_under_a_forward_mode_when_a_required_property_becomes_optional() {
        assert_eq!(
            violations(&RULE, &forward(REQUIRED, OPTIONAL)),
            [
                "/versions/1/schema/properties/title: `title`: made optional in v2 (v1 requires it); consumers still on v1 reject data written under v2 without it (forward compatibility)"
            ]
        );
    }

    #[test]
    fn passes_under_backward_and_when_a_property_becomes_required() {
        assert_eq!(
            violations(&RULE, &evolving(REQUIRED, OPTIONAL)),
            Vec::<String>::new()
        );
        assert_eq!(
            violations(&RULE, &forward(OPTIONAL, REQUIRED)),
            Vec::<String>::new()
        );
    }
}

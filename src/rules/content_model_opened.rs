//! `content-model-opened`: under a forward mode, the new version dropped `additionalProperties: false`, so consumers still on the old version reject new data with properties they do not declare.

use super::{Category, Check, Rule};
use crate::evolution::event::{self, EventChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: event::CONTENT_MODEL_OPENED,
    summary: "A closed content model was opened while old consumers keep it closed (forward modes)",
    rationale: "Opening a model (removing `additionalProperties: false`, or loosening it) lets producers on the new version send properties the old version does not declare. Under a forward (or full) mode consumers still on the old version read that data and reject it. The mirror of `content-model-closed`, which names the backward case; under backward modes opening breaks no reader, so this rule fires only where forward compatibility is checked.",
    example: "# compatibility: forward\n# v1\nadditionalProperties: false\n# v2: no additionalProperties",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    change.compat_violations(RULE.id, "release consumers that accept undeclared properties first, then producers; or keep `additionalProperties: false`")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const OPEN: &str = "{type: object, properties: {meeting_id: {type: string}}}";
    const CLOSED: &str =
        "{type: object, additionalProperties: false, properties: {meeting_id: {type: string}}}";

    #[test]
    fn opening_a_model_breaks_old_consumers_under_forward() {
        let forward =
            evolving(CLOSED, OPEN).replace("retention:", "compatibility: forward\nretention:");
        assert_eq!(
            violations(&RULE, &forward),
            [
                "/versions/1/schema: the payload: content model opened in v2 (v1 has `additionalProperties: false`); consumers still on v1 reject data written under v2 with properties v1 does not declare (forward compatibility)"
            ]
        );
    }

    #[test]
    fn passes_under_backward_and_when_the_model_closes() {
        assert_eq!(
            violations(&RULE, &evolving(CLOSED, OPEN)),
            Vec::<String>::new()
        );
        let forward =
            evolving(OPEN, CLOSED).replace("retention:", "compatibility: forward\nretention:");
        assert_eq!(violations(&RULE, &forward), Vec::<String>::new());
    }
}

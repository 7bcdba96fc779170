//! `field-removed-without-deprecation`: a property disappeared that no released version deprecated.

use super::{Category, Check, Rule};
use crate::evolution::event::EventChange;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "field-removed-without-deprecation",
    summary: "A property was removed without ever being marked deprecated in a released version",
    rationale: "Consumers learn that a field is going away from its deprecation: `deprecated: true` \
with an `x-remove-after` date, published in a released version. A field that vanishes without \
that warning breaks every consumer still reading it, whatever the compatibility mode says (an open \
content model makes the removal schema-compatible, not harmless). Checked between each version and \
its predecessor.",
    example: "# v1\nproperties: {meeting_id: {…}, confidence: {type: number}}\n# v2\nproperties: {meeting_id: {…}}",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    let (old, new) = (change.old_version().version, change.new_version().version);
    change
        .removals()
        .into_iter()
        .filter(|removal| removal.deprecated_in.is_none())
        .map(|removal| {
            let message = format!(
                "`{}` was removed in v{new}, but no released version up to v{old} marked it deprecated",
                removal.name
            );
            change.removal_violation(&removal, message).help(
                "restore the property, mark it `deprecated: true` with an `x-remove-after` date in \
                 a version you release, and remove it in a version after that date",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const OLD: &str =
        "{type: object, properties: {meeting_id: {type: string}, confidence: {type: number}}}";
    const NEW: &str = "{type: object, properties: {meeting_id: {type: string}}}";

    #[test]
    fn fires_on_a_removal_nobody_was_warned_about() {
        assert_eq!(
            violations(&RULE, &evolving(OLD, NEW)),
            [
                "/versions/1/schema/properties: `confidence` was removed in v2, but no released version up to v1 marked it deprecated"
            ]
        );
        // Whatever the mode: the deprecation policy sits on top of it.
        let none = evolving(OLD, NEW).replace("retention:", "compatibility: none\nretention:");
        assert_eq!(violations(&RULE, &none).len(), 1);
    }

    #[test]
    fn passes_when_deprecated_or_kept() {
        let deprecated = "{type: object, properties: {meeting_id: {type: string}, confidence: {type: number, deprecated: true, x-remove-after: 2026-05-01}}}";
        assert_eq!(
            violations(&RULE, &evolving(deprecated, NEW)),
            Vec::<String>::new()
        );
        assert_eq!(violations(&RULE, &evolving(OLD, OLD)), Vec::<String>::new());
    }
}

//! `field-removed-after-deadline`: a deprecated property was removed once its date had passed.

use super::{Category, Check, Rule};
use crate::catalog::deprecation::Deadline;
use crate::evolution::event::EventChange;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "field-removed-after-deadline",
    summary: "A deprecated property was removed after its `x-remove-after` date, as planned",
    rationale: "This is how a field is meant to go: deprecated with a date in a released version, \
removed after the date. Reported as information whatever the compatibility mode says, so the \
removal shows in reviews and in the changelog. Mirror of `field-removed-before-deadline`.",
    example: "# v2 (released)\nconfidence: {type: number, deprecated: true, x-remove-after: 2026-09-01}\n# v3, after 2026-09-01: confidence removed",
    level: Level::Info,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    let (old, new) = (change.old_version().version, change.new_version().version);
    let today = change.today();
    change
        .removals()
        .into_iter()
        .filter_map(|removal| match removal.deprecated_in {
            Some((deprecated, Deadline::On(date))) if date < today => {
                let message = format!(
                    "`{}` was removed in v{new} (compared with v{old}) after its removal date \
                     {date}; v{deprecated} deprecated it",
                    removal.name
                );
                Some(
                    change
                        .removal_violation(&removal, message)
                        .help("nothing to do; tell the remaining consumers it is gone"),
                )
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const NEW: &str = "{type: object, properties: {meeting_id: {type: string}}}";

    fn deprecated(date: &str) -> String {
        format!(
            "{{type: object, properties: {{meeting_id: {{type: string}}, confidence: {{type: number, deprecated: true, x-remove-after: {date}}}}}}}"
        )
    }

    #[test]
    fn fires_once_the_date_has_passed() {
        assert_eq!(
            violations(&RULE, &evolving(&deprecated("2026-05-31"), NEW)),
            [
                "/versions/1/schema/properties: `confidence` was removed in v2 (compared with v1) after its removal date 2026-05-31; v1 deprecated it"
            ]
        );
    }

    #[test]
    fn passes_before_the_date() {
        assert_eq!(
            violations(&RULE, &evolving(&deprecated("2026-06-01"), NEW)),
            Vec::<String>::new()
        );
    }
}

//! `field-removed-before-deadline`: a deprecated property was removed before its removal date.

use super::{Category, Check, Rule};
use crate::catalog::deprecation::Deadline;
use crate::evolution::event::EventChange;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "field-removed-before-deadline",
    summary: "A deprecated property was removed before its `x-remove-after` date had passed",
    rationale: "The removal date is a promise to consumers: until then they may keep reading the \
field. Removing it earlier breaks the consumers that planned by the date, whatever the \
compatibility mode says. A deprecation without a readable date promises no date at all, so a \
removal is premature too. Judged against today (`--today` overrides the clock).",
    example: "# v1 (released)\nconfidence: {type: number, deprecated: true, x-remove-after: 2027-03-01}\n# v2, before 2027-03-01: confidence removed",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    let (old, new) = (change.old_version().version, change.new_version().version);
    let today = change.today();
    change
        .removals()
        .into_iter()
        .filter_map(|removal| {
            let (deprecated, deadline) = removal.deprecated_in.clone()?;
            let why = match deadline {
                Deadline::On(date) if date < today => return None,
                Deadline::On(date) => format!("before its removal date {date}"),
                Deadline::None => "but the deprecation gives no `x-remove-after` date".to_string(),
                Deadline::Unreadable(text) => {
                    format!("but its `x-remove-after` ({text}) is not a date")
                }
            };
            let message = format!(
                "`{}` was removed in v{new} (compared with v{old}) {why}; v{deprecated} deprecated it",
                removal.name
            );
            Some(change.removal_violation(&removal, message).help(
                "keep the property until its removal date has passed, then remove it in a new \
                 version; if every consumer has already stopped reading it, accept the finding \
                 with a reason",
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const NEW: &str = "{type: object, properties: {meeting_id: {type: string}}}";

    fn deprecated(deadline: &str) -> String {
        format!(
            "{{type: object, properties: {{meeting_id: {{type: string}}, confidence: {{type: number, deprecated: true{deadline}}}}}}}"
        )
    }

    #[test]
    fn fires_before_the_date_or_without_one() {
        assert_eq!(
            violations(
                &RULE,
                &evolving(&deprecated(", x-remove-after: 2026-09-01"), NEW)
            ),
            [
                "/versions/1/schema/properties: `confidence` was removed in v2 (compared with v1) before its removal date 2026-09-01; v1 deprecated it"
            ]
        );
        // The deadline day itself is still promised to consumers.
        assert_eq!(
            violations(
                &RULE,
                &evolving(&deprecated(", x-remove-after: 2026-06-01"), NEW)
            )
            .len(),
            1
        );
        assert_eq!(
            violations(&RULE, &evolving(&deprecated(""), NEW)),
            [
                "/versions/1/schema/properties: `confidence` was removed in v2 (compared with v1) but the deprecation gives no `x-remove-after` date; v1 deprecated it"
            ]
        );
    }

    #[test]
    fn passes_after_the_date() {
        assert_eq!(
            violations(
                &RULE,
                &evolving(&deprecated(", x-remove-after: 2026-05-31"), NEW)
            ),
            Vec::<String>::new()
        );
    }
}

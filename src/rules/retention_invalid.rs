//! `retention-invalid`: a retention block that cannot mean what it says.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::KeepForever;
use crate::catalog::retention::parse_duration;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "retention-invalid",
    summary: "The retention is malformed or contradicts itself",
    rationale: "A retention that cannot be read is no retention: a duration without a unit, \
archiving after deletion, or `keep_forever` next to a deletion date leaves the operators of the \
data to guess. Durations are `<n>d`, `<n>w` or `<n>y`; archiving comes before deletion; \
`keep_forever` stands alone and states its reason in words a reviewer can check (a placeholder \
such as `\"tbd\"` or `\"x\"` is not one).",
    example: "retention: {archive_after: 2y, delete_after: 400d}   # archived after it is deleted",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

/// Words people write when they mean to decide later.
const PLACEHOLDERS: &[&str] = &[
    "tbd", "todo", "later", "none", "n/a", "na", "wip", "fixme", "tbc", "unknown", "yes", "true",
    "reason", "because", "forever", "keep", "needed", "required",
];

/// A reason too short to be one (fewer than three words and under 15 characters), or a
/// placeholder word: `"x"`, `"tbd"`, `"later"`.
fn is_placeholder(reason: &str) -> bool {
    let reason = reason.trim();
    let words = reason.split_whitespace().count();
    let lowered = reason.to_lowercase();
    let bare = lowered.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
    (words < 3 && reason.chars().count() < 15) || PLACEHOLDERS.contains(&bare)
}

fn check(cx: &Context) -> Vec<Violation> {
    let Some(retention) = &cx.contract.retention else {
        return vec![];
    };
    let mut found = Vec::new();
    let mut duration = |key: &str, text: &Option<String>| {
        let parsed = text.as_deref().map(parse_duration);
        if let Some(Err(message)) = &parsed {
            found.push(Violation::at(format!("/retention/{key}"), message.clone()));
        }
        parsed.and_then(Result::ok)
    };
    let archive = duration("archive_after", &retention.archive_after);
    let delete = duration("delete_after", &retention.delete_after);
    match &retention.keep_forever {
        Some(_) if retention.delete_after.is_some() || retention.archive_after.is_some() => found
            .push(
                Violation::at(
                    "/retention/keep_forever",
                    "`keep_forever` contradicts the deletion or archiving dates",
                )
                .help("keep either `keep_forever: \"<reason>\"` or the durations"),
            ),
        Some(KeepForever::Flag(false)) => found.push(
            Violation::at(
                "/retention/keep_forever",
                "`keep_forever: false` says what the data is not; say what it is",
            )
            .help("write `delete_after: <duration>` instead"),
        ),
        Some(KeepForever::Reason(reason)) if reason.trim().is_empty() => found.push(
            Violation::at(
                "/retention/keep_forever",
                "`keep_forever` gives an empty reason",
            )
            .help("say why this data must never be deleted"),
        ),
        Some(KeepForever::Reason(reason)) if is_placeholder(reason) => found.push(
            Violation::at(
                "/retention/keep_forever",
                format!(
                    "`keep_forever: \"{}\"` is a placeholder, not a reason: whoever is asked to \
delete this data cannot tell why it must stay",
                    reason.trim()
                ),
            )
            .help(
                "state the obligation or the use in a sentence, e.g. `keep_forever: \"Invoices: \
kept for the tax audit, required by law\"`, or set `delete_after`",
            ),
        ),
        _ => {}
    }
    if retention.keep_forever.is_none() && retention.delete_after.is_none() {
        let pointer = if retention.archive_after.is_some() {
            "/retention/archive_after"
        } else {
            "/retention"
        };
        found.push(
            Violation::at(
                pointer,
                "the retention never deletes the data and does not say it keeps it forever",
            )
            .help("add `delete_after: <duration>`, or `keep_forever: \"<reason>\"` alone"),
        );
    }
    if let (Some(archive), Some(delete)) = (archive, delete)
        && archive >= delete
    {
        found.push(
            Violation::at(
                "/retention/archive_after",
                "data is archived no earlier than it is deleted",
            )
            .help("`archive_after` must be shorter than `delete_after`"),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, violations};

    fn with(retention: &str) -> Vec<String> {
        violations(
            &RULE,
            &EVENT.replace("retention: {delete_after: 400d}", retention),
        )
    }

    #[test]
    fn sensible_retentions_pass() {
        assert_eq!(
            with("retention: {delete_after: 400d}"),
            Vec::<String>::new()
        );
        assert_eq!(
            with("retention: {archive_after: 90d, delete_after: 2y}"),
            Vec::<String>::new()
        );
        assert_eq!(
            with("retention: {keep_forever: Audit trail required by law.}"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn names_each_contradiction() {
        assert_eq!(
            with("retention: {delete_after: 400x}"),
            [
                "/retention/delete_after: `400x` is not a duration: write a number of days, weeks or years, e.g. `400d`, `12w`, `3y`"
            ]
        );
        assert_eq!(
            with("retention: {archive_after: 2y, delete_after: 400d}"),
            ["/retention/archive_after: data is archived no earlier than it is deleted"]
        );
        assert_eq!(
            with("retention: {archive_after: 90d}"),
            [
                "/retention/archive_after: the retention never deletes the data and does not say it keeps it forever"
            ]
        );
        assert_eq!(
            with("retention: {keep_forever: true, delete_after: 30d}"),
            ["/retention/keep_forever: `keep_forever` contradicts the deletion or archiving dates"]
        );
        assert_eq!(
            with("retention: {}"),
            [
                "/retention: the retention never deletes the data and does not say it keeps it forever"
            ]
        );
    }
}

#[cfg(test)]
mod placeholder_tests {
    use super::*;
    use crate::rules::testing::{EVENT, violations};

    #[test]
    fn placeholders_are_not_reasons() {
        for placeholder in [
            "x",
            "tbd",
            "later",
            "TODO",
            "n/a",
            "  keep  ",
            "needed forever",
        ] {
            assert!(is_placeholder(placeholder), "{placeholder}");
        }
        for reason in [
            "Invoices: kept for the tax audit, required by law.",
            "Transcripts are the product.",
            "Legal hold on every meeting title.",
        ] {
            assert!(!is_placeholder(reason), "{reason}");
        }
    }

    #[test]
    fn fires_on_a_placeholder_reason() {
        let yaml = EVENT.replace(
            "retention: {delete_after: 400d}",
            "retention: {keep_forever: later}",
        );
        assert_eq!(
            violations(&RULE, &yaml),
            [
                "/retention/keep_forever: `keep_forever: \"later\"` is a placeholder, not a reason: whoever is asked to delete this data cannot tell why it must stay"
            ]
        );
    }
}

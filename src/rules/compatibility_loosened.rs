//! `compatibility-loosened`: the compatibility mode promises less than when released.

use super::{Category, Check, Rule};
use crate::catalog::model::Compatibility;
use crate::finding::{Level, Violation};
use crate::history::HistoryContext;
use crate::history::lock::compatibility_of;

pub static RULE: Rule = Rule {
    id: "compatibility-loosened",
    summary: "The compatibility mode is looser than the one the contract was released with",
    rationale: "The mode is a promise to consumers: `full` promises that old and new readers both \
keep working, `_transitive` that every released version stays readable. Dropping a direction or \
the transitivity lets the next version break readers who relied on it, and every later check \
passes. The mirror change, tightening, needs no rule: the evolution rules check the history \
against the stricter mode at once.",
    example: "compatibility: backward   # released as full",
    level: Level::Warning,
    category: Category::History,
    check: Check::History(check),
};

fn check(cx: &HistoryContext) -> Vec<Violation> {
    let (Some(old), Some(new)) = (cx.old, cx.new) else {
        return vec![];
    };
    let Some(was) = parse(&old.compatibility) else {
        return vec![];
    };
    let now = compatibility_of(&new.contract, cx.settings);
    let lost_backward = was.checks_backward() && !now.checks_backward();
    let lost_forward = was.checks_forward() && !now.checks_forward();
    let lost_transitive = was.is_transitive() && !now.is_transitive() && now != Compatibility::None;
    let mut lost = Vec::new();
    if lost_backward {
        lost.push("backward");
    }
    if lost_forward {
        lost.push("forward");
    }
    if lost_transitive {
        lost.push("transitive");
    }
    if lost.is_empty() {
        return vec![];
    }
    // Point at the contract's own mode, or at its id when it follows the catalogue's default.
    let pointer = if new.contract.compatibility.is_some() {
        "/compatibility"
    } else {
        "/contract"
    };
    vec![
        Violation::at(
            pointer,
            format!(
                "the compatibility was `{}` {}; `{}` drops the {} guarantee",
                was.as_str(),
                cx.per(),
                now.as_str(),
                lost.join(" and ")
            ),
        )
        .on_key()
        .help(format!(
            "keep `compatibility: {}`, or agree the looser promise with every consumer",
            was.as_str()
        )),
    ]
}

fn parse(text: &str) -> Option<Compatibility> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, history_violations};

    fn with(mode: &str) -> String {
        EVENT.replace(
            "topic: meeting-events\n",
            &format!("topic: meeting-events\ncompatibility: {mode}\n"),
        )
    }

    #[test]
    fn fires_when_a_direction_or_transitivity_is_dropped() {
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(EVENT)),
            Vec::<String>::new()
        );
        assert_eq!(
            history_violations(&RULE, Some(&with("full")), Some(&with("backward"))),
            [
                "/compatibility: the compatibility was `full` (per contracts.lock); `backward` drops the forward guarantee"
            ]
        );
        assert_eq!(
            history_violations(
                &RULE,
                Some(&with("backward_transitive")),
                Some(&with("backward"))
            ),
            [
                "/compatibility: the compatibility was `backward_transitive` (per contracts.lock); `backward` drops the transitive guarantee"
            ]
        );
        assert_eq!(
            history_violations(&RULE, Some(&with("backward")), Some(&with("none"))),
            [
                "/compatibility: the compatibility was `backward` (per contracts.lock); `none` drops the backward guarantee"
            ]
        );
        assert_eq!(
            history_violations(
                &RULE,
                Some(&with("full")),
                Some(&with("forward_transitive"))
            ),
            [
                "/compatibility: the compatibility was `full` (per contracts.lock); `forward_transitive` drops the backward guarantee"
            ]
        );
        // The catalogue default (backward) released, then the contract tightens it: no finding.
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(&with("full_transitive"))),
            Vec::<String>::new()
        );
    }
}

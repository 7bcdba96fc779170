//! `released-version-removed`: a released version is no longer in the contract file.

use super::{Category, Check, Rule};
use crate::finding::{Level, Violation};
use crate::history::HistoryContext;

pub static RULE: Rule = Rule {
    id: "released-version-removed",
    summary: "A released version was deleted from the contract's history",
    rationale: "Data written under a released version stays in topics, tables and backups; \
consumers replaying it need its schema, and the compatibility checks of later versions compare \
against it. Deleting it from the file loses that history and hides breaking changes.",
    example: "versions:            # v1 (released 2026-01-12) was here\n  - version: 2\n    released: 2026-04-07",
    level: Level::Error,
    category: Category::History,
    check: Check::History(check),
};

fn check(cx: &HistoryContext) -> Vec<Violation> {
    let (Some(old), Some(_)) = (cx.old, cx.new) else {
        return vec![];
    };
    old.versions
        .iter()
        .filter(|(number, _)| cx.position(**number).is_none())
        .map(|(number, recorded)| {
            Violation::at(
                "/versions",
                format!(
                    "v{number}, released on {} {}, is no longer in the file",
                    recorded.released,
                    cx.per()
                ),
            )
            .on_key()
            .help(format!(
                "restore v{number} where it was in `versions`: released versions stay in the history"
            ))
            .versions(None, *number)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, history_violations};

    #[test]
    fn fires_when_a_released_version_is_gone() {
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(EVENT)),
            Vec::<String>::new()
        );
        let renumbered = EVENT.replace("  - version: 1\n", "  - version: 2\n");
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(&renumbered)),
            [
                "/versions: v1, released on 2026-01-12 (per contracts.lock), is no longer in the file"
            ]
        );
    }
}

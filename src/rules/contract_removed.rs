//! `contract-removed`: a released contract is no longer declared by any file.

use super::{Category, Check, Rule};
use crate::finding::{Level, Violation};
use crate::history::HistoryContext;

pub static RULE: Rule = Rule {
    id: "contract-removed",
    summary: "A released contract no longer exists in the catalogue",
    rationale: "A released contract has producers and consumers who rely on it. Deleting its file \
(or changing its id) leaves them without a contract, the docs without a page and the lineage \
broken, and nothing would say so. Retiring a contract is a decision to make in review, not a side \
effect of a deleted file.",
    example: "# events/meeting/renamed.yaml was deleted; contracts.lock still records meeting.renamed v1",
    level: Level::Error,
    category: Category::History,
    check: Check::History(check),
};

fn check(cx: &HistoryContext) -> Vec<Violation> {
    let (Some(old), None) = (cx.old, cx.new) else {
        return vec![];
    };
    let Some((number, last)) = old.versions.last_key_value() else {
        return vec![];
    };
    // The engine points this at the old record (the lock entry, or the old file's `contract:`).
    vec![
        Violation::at(
            "",
            format!(
                "contract `{}` (v{number} released on {}) is no longer declared by any file {}",
                cx.id,
                last.released,
                cx.per()
            ),
        )
        .on_key()
        .help("restore the contract file; a contract that moved must keep its `contract:` id"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, history_violations};

    #[test]
    fn fires_when_no_file_declares_a_released_contract() {
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(EVENT)),
            Vec::<String>::new()
        );
        assert_eq!(
            history_violations(&RULE, Some(EVENT), None),
            [
                ": contract `meeting.renamed` (v1 released on 2026-01-12) is no longer declared by any file (per contracts.lock)"
            ]
        );
        let draft = EVENT.replace("    released: 2026-01-12\n", "");
        assert_eq!(
            history_violations(&RULE, Some(&draft), None),
            Vec::<String>::new()
        );
    }
}

//! `lock-mismatch`: contracts.lock and the files disagree about what was released, or the lock
//! itself is unreadable or was rewritten.

use super::{Category, Check, Rule};
use crate::finding::{Level, Violation};
use crate::history::{HistoryContext, SourceKind};

pub static RULE: Rule = Rule {
    id: "lock-mismatch",
    summary: "contracts.lock does not match the released versions in the files",
    rationale: "Releases are made by `contract release`, which dates the draft and records its \
fingerprint in contracts.lock in one step. A version dated by hand is released without that \
record, so later edits to it could not be detected; a hand-edited, corrupt or rewritten lock \
cannot vouch for anything. Both mean the release record can no longer be trusted.",
    example: "  - version: 3\n    released: 2026-11-02   # typed by hand: contracts.lock has no v3",
    level: Level::Error,
    category: Category::History,
    check: Check::History(check),
};

/// The released versions the files have and the lock does not (only for the lock: against a
/// git revision, a version released since is the point of the pull request).
fn check(cx: &HistoryContext) -> Vec<Violation> {
    let SourceKind::Lock { exists } = cx.source else {
        return vec![];
    };
    let Some(current) = cx.new_record else {
        return vec![];
    };
    if !*exists {
        // One finding per contract, on its first release: the fix is one command for all.
        let Some((number, version)) = current.versions.first_key_value() else {
            return vec![];
        };
        let Some(position) = cx.position(*number) else {
            return vec![];
        };
        let count = current.versions.len();
        let which = if count == 1 {
            format!("v{number} is dated {}", version.released)
        } else {
            format!(
                "{count} versions are dated (v{number} on {})",
                version.released
            )
        };
        return vec![
            Violation::at(
                format!("/versions/{position}/released"),
                format!("{which} but the catalogue has no contracts.lock recording releases"),
            )
            .on_key()
            .help(
                "run `contract release --init-lock` once to create contracts.lock from the \
versions released so far",
            )
            .versions(None, *number),
        ];
    }
    current
        .versions
        .iter()
        .filter(|(number, _)| cx.old.is_none_or(|old| !old.versions.contains_key(number)))
        .filter_map(|(number, version)| {
            let position = cx.position(*number)?;
            Some(
                Violation::at(
                    format!("/versions/{position}/released"),
                    format!(
                        "v{number} is dated {} but contracts.lock does not record its release",
                        version.released
                    ),
                )
                .on_key()
                .help(format!(
                    "release drafts with `contract release {}`, which dates them and records \
them: remove this `released:` line and run it",
                    cx.id
                ))
                .versions(None, *number),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, TABLE, history_violations, history_violations_from};

    #[test]
    fn fires_on_versions_dated_without_a_release() {
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(EVENT)),
            Vec::<String>::new()
        );
        assert_eq!(
            history_violations(&RULE, None, Some(EVENT)),
            [
                "/versions/0/released: v1 is dated 2026-01-12 but contracts.lock does not record its release"
            ]
        );
        let draft = EVENT.replace("    released: 2026-01-12\n", "");
        assert_eq!(
            history_violations(&RULE, None, Some(&draft)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn without_a_lock_fires_once_per_released_contract_and_never_against_a_revision() {
        let two = TABLE.to_string()
            + "  - version: 2\n    released: 2026-02-01\n    summary: Same.\n    columns:\n      - {name: id, type: uuid, nullable: false, description: Meeting id.}\n";
        assert_eq!(
            history_violations_from(&RULE, None, Some(&two), SourceKind::Lock { exists: false }),
            [
                "/versions/0/released: 2 versions are dated (v1 on 2026-01-05) but the catalogue has no contracts.lock recording releases"
            ]
        );
        let baseline = SourceKind::Baseline {
            label: "origin/main".into(),
        };
        assert_eq!(
            history_violations_from(&RULE, None, Some(&two), baseline),
            Vec::<String>::new()
        );
    }
}

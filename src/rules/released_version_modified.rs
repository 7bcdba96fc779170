//! `released-version-modified`: a released version differs from what was recorded at its release.

use super::{Category, Check, Rule};
use crate::finding::{Level, Violation};
use crate::history::HistoryContext;

pub static RULE: Rule = Rule {
    id: "released-version-modified",
    summary: "A released version was edited in place",
    rationale: "Consumers built against a released version trust it not to move: data was written \
under it and code was generated from it. Editing it in place rewrites history silently; a change \
belongs in a new version, where it is compared with the old one under the compatibility mode. \
`contracts.lock` records a fingerprint of every released schema (or column list) and its date; \
`--against REF` compares with the files at a git revision.",
    example: "versions:\n  - version: 1\n    released: 2026-01-12\n    schema: {type: object, required: [id, title]}   # `title` added after the release",
    level: Level::Error,
    category: Category::History,
    check: Check::History(check),
};

fn check(cx: &HistoryContext) -> Vec<Violation> {
    let (Some(old), Some(new)) = (cx.old, cx.new) else {
        return vec![];
    };
    let dates = new.contract.version_dates();
    let current = cx.new_record.map(|record| &record.versions);
    let mut violations = Vec::new();
    for (number, recorded) in &old.versions {
        let Some(position) = cx.position(*number) else {
            continue;
        };
        let help = format!(
            "released versions are immutable: restore v{number} as it was released, and put the \
change in a new version at the end of `versions`"
        );
        let Some(released) = dates[position].1 else {
            violations.push(
                Violation::at(
                    format!("/versions/{position}"),
                    format!(
                        "v{number} was released on {} {}; the file no longer dates it",
                        recorded.released,
                        cx.per()
                    ),
                )
                .help(help)
                .versions(None, *number),
            );
            continue;
        };
        if released != recorded.released {
            violations.push(
                Violation::at(
                    format!("/versions/{position}/released"),
                    format!(
                        "v{number} was released on {} {}; the file now says {released}",
                        recorded.released,
                        cx.per()
                    ),
                )
                .help(help.clone())
                .versions(None, *number),
            );
        }
        let fingerprint = current
            .and_then(|versions| versions.get(number))
            .map(|version| version.fingerprint.as_str());
        if fingerprint != Some(recorded.fingerprint.as_str()) {
            let (noun, verb) = if new.contract.as_table().is_some() {
                ("columns", "differ")
            } else {
                ("schema", "differs")
            };
            violations.push(
                Violation::at(
                    cx.payload_pointer(position),
                    format!(
                        "the {noun} of v{number} {verb} from the released v{number} {}",
                        cx.per()
                    ),
                )
                .on_key()
                .help(help)
                .versions(None, *number),
            );
        }
    }
    violations
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, TABLE, history_violations};

    #[test]
    fn fires_on_an_edited_schema_an_undated_version_and_a_moved_date() {
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(EVENT)),
            Vec::<String>::new()
        );
        assert_eq!(
            history_violations(&RULE, Some(TABLE), Some(TABLE)),
            Vec::<String>::new()
        );
        let edited = EVENT.replace("The new title.", "The title.");
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(&edited)),
            [
                "/versions/0/schema: the schema of v1 differs from the released v1 (per contracts.lock)"
            ]
        );
        let column = TABLE.replace("type: uuid", "type: text");
        assert_eq!(
            history_violations(&RULE, Some(TABLE), Some(&column)),
            [
                "/versions/0/columns: the columns of v1 differ from the released v1 (per contracts.lock)"
            ]
        );
        let undated = EVENT.replace("    released: 2026-01-12\n", "");
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(&undated)),
            [
                "/versions/0: v1 was released on 2026-01-12 (per contracts.lock); the file no longer dates it"
            ]
        );
        let moved = EVENT.replace("released: 2026-01-12", "released: 2026-01-13");
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(&moved)),
            [
                "/versions/0/released: v1 was released on 2026-01-12 (per contracts.lock); the file now says 2026-01-13"
            ]
        );
    }
}

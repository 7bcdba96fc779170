//! `column-removed-without-deprecation`: a column disappeared without ever being deprecated.

use super::{Category, Check, Context, Rule};
use crate::evolution::table::{self, ChangeKind};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "column-removed-without-deprecation",
    summary: "A column was removed that no earlier released version deprecated",
    rationale: "Dropping a column breaks every query, view and report that reads it, and its \
readers had no warning. A column may only go after a released version marked it `deprecated: \
{remove_after: DATE}` and that date has passed, so that readers know what goes and when. A \
column replaced by one of the same type at the same position is reported as \
`column-renamed` instead.",
    example: "# v1 (released)\n- {name: legacy_username, type: varchar(64), …}\n# v2: legacy_username is gone",
    level: Level::Error,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let mut found = Vec::new();
    for view in table::pairs(cx) {
        for change in view.changes() {
            if change.kind
                != (ChangeKind::Removed {
                    deprecated_in: None,
                })
            {
                continue;
            }
            let Some(column) = view.old_column(change) else {
                continue;
            };
            let message = format!(
                "`{}` was removed in {} without being deprecated in an earlier released version",
                column.name,
                view.versions_phrase()
            );
            found.push(view.violation(change, message).help(
                "keep the column; mark it `deprecated: {remove_after: DATE}` in a released \
                 version and remove it after that date",
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{table_versions, violations};

    const ID: &str = "      - {name: id, type: uuid, nullable: false, description: Id.}\n";

    #[test]
    fn fires_on_a_removal_nothing_announced() {
        let old = format!("{ID}      - {{name: legacy, type: text, description: Old.}}\n");
        assert_eq!(
            violations(&RULE, &table_versions(&old, ID)),
            [
                "/versions/1/columns: `legacy` was removed in v2 (compared with v1) without being deprecated in an earlier released version"
            ]
        );
    }

    #[test]
    fn passes_when_a_released_version_deprecated_it() {
        let old = format!(
            "{ID}      - {{name: legacy, type: text, description: Old., deprecated: {{remove_after: 2026-03-01}}}}\n"
        );
        assert_eq!(
            violations(&RULE, &table_versions(&old, ID)),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_deprecation_in_a_draft_does_not_count() {
        // The old version is a draft only in a broken history, but a deprecation nobody
        // released announced nothing.
        let old = format!(
            "{ID}      - {{name: legacy, type: text, description: Old., deprecated: {{remove_after: 2026-03-01}}}}\n"
        );
        let yaml = table_versions(&old, ID).replace("    released: 2026-01-05\n", "");
        assert_eq!(
            violations(&RULE, &yaml),
            [
                "/versions/1/columns: `legacy` was removed in v2 (compared with v1) without being deprecated in an earlier released version"
            ]
        );
    }
}

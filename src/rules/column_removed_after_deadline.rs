//! `column-removed-after-deadline`: a deprecated column was removed once its date had passed.

use super::{Category, Check, Context, Rule};
use crate::catalog::deprecation::Deadline;
use crate::evolution::table::{self, ChangeKind};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "column-removed-after-deadline",
    summary: "A deprecated column was removed after its `remove_after` date, as planned",
    rationale: "This is how a column is meant to go: deprecated with a date in a released \
version, removed after the date. Reported as information so the removal shows in reviews and in \
the changelog. Mirror of `column-removed-before-deadline`; the table counterpart of \
`field-removed-after-deadline`.",
    example: "# v2 (released)\n- {name: legacy_username, …, deprecated: {remove_after: 2026-10-01}}\n# v4, after 2026-10-01: legacy_username removed",
    level: Level::Info,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let mut found = Vec::new();
    for view in table::pairs(cx) {
        for change in view.changes() {
            let ChangeKind::Removed {
                deprecated_in: Some((deprecated, Deadline::On(date))),
            } = &change.kind
            else {
                continue;
            };
            let Some(column) = view.old_column(change) else {
                continue;
            };
            if *date >= view.today {
                continue;
            }
            let message = format!(
                "`{}` was removed in {} after its removal date {date}; v{deprecated} deprecated it",
                column.name,
                view.versions_phrase()
            );
            found.push(
                view.violation(change, message)
                    .help("nothing to do; tell the remaining readers it is gone"),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{table_versions, violations};

    const ID: &str = "      - {name: id, type: uuid, nullable: false, description: Id.}\n";

    fn deprecated(date: &str) -> String {
        format!(
            "{ID}      - {{name: legacy, type: text, description: Old., deprecated: {{remove_after: {date}}}}}\n"
        )
    }

    #[test]
    fn fires_once_the_date_has_passed() {
        assert_eq!(
            violations(&RULE, &table_versions(&deprecated("2026-05-31"), ID)),
            [
                "/versions/1/columns: `legacy` was removed in v2 (compared with v1) after its removal date 2026-05-31; v1 deprecated it"
            ]
        );
    }

    #[test]
    fn passes_until_the_date_has_passed_and_while_the_column_stays() {
        let old = deprecated("2026-06-01");
        assert_eq!(
            violations(&RULE, &table_versions(&old, ID)),
            Vec::<String>::new()
        );
        let kept = deprecated("2026-05-31");
        assert_eq!(
            violations(&RULE, &table_versions(&kept, &kept)),
            Vec::<String>::new()
        );
    }
}

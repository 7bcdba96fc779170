//! `column-removed-before-deadline`: a deprecated column was removed before its removal date.

use super::{Category, Check, Context, Rule};
use crate::catalog::deprecation::Deadline;
use crate::evolution::table::{self, ChangeKind};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "column-removed-before-deadline",
    summary: "A deprecated column was removed before its `remove_after` date, or it had no date",
    rationale: "The removal date is a promise to the column's readers: until then they may still \
read it. A column deprecated without a date promised nothing they can plan for. Remove it only \
once an earlier released version gave it a `remove_after` date and that date has passed (today, \
or `--today`). Mirror of `column-removed-after-deadline`.",
    example: "# v2 (released)\n- {name: is_guest, …, deprecated: {remove_after: 2027-01-31}}\n# v3, in 2026: is_guest removed",
    level: Level::Error,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let mut found = Vec::new();
    for view in table::pairs(cx) {
        for change in view.changes() {
            let ChangeKind::Removed {
                deprecated_in: Some((deprecated, deadline)),
            } = &change.kind
            else {
                continue;
            };
            let Some(column) = view.old_column(change) else {
                continue;
            };
            let (why, help) = match deadline {
                Deadline::On(date) if *date < view.today => continue,
                Deadline::On(date) => (
                    format!(
                        "before its removal date {date} (today is {}); v{deprecated} deprecated it",
                        view.today
                    ),
                    format!("keep the column until after {date}"),
                ),
                Deadline::None | Deadline::Unreadable(_) => (
                    format!("but v{deprecated} deprecated it without a removal date"),
                    "keep the column; give it `deprecated: {remove_after: DATE}` in a released \
                     version and remove it after that date"
                        .to_string(),
                ),
            };
            let message = format!(
                "`{}` was removed in {} {why}",
                column.name,
                view.versions_phrase()
            );
            found.push(view.violation(change, message).help(help));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{table_versions, violations};

    const ID: &str = "      - {name: id, type: uuid, nullable: false, description: Id.}\n";

    fn deprecated(deprecation: &str) -> String {
        format!(
            "{ID}      - {{name: legacy, type: text, description: Old., deprecated: {deprecation}}}\n"
        )
    }

    #[test]
    fn fires_before_the_date_and_on_the_date() {
        // Today is 2026-06-01: a date of today has not passed yet.
        for date in ["2026-06-01", "2026-09-01"] {
            let old = deprecated(&format!("{{remove_after: {date}}}"));
            assert_eq!(
                violations(&RULE, &table_versions(&old, ID)),
                [format!(
                    "/versions/1/columns: `legacy` was removed in v2 (compared with v1) before its removal date {date} (today is 2026-06-01); v1 deprecated it"
                )]
            );
        }
    }

    #[test]
    fn fires_when_the_deprecation_had_no_date() {
        for deprecation in ["true", "{reason: Unused.}"] {
            assert_eq!(
                violations(&RULE, &table_versions(&deprecated(deprecation), ID)),
                [
                    "/versions/1/columns: `legacy` was removed in v2 (compared with v1) but v1 deprecated it without a removal date"
                ]
            );
        }
    }

    #[test]
    fn passes_after_the_date_and_when_never_deprecated() {
        let old = deprecated("{remove_after: 2026-05-31}");
        assert_eq!(
            violations(&RULE, &table_versions(&old, ID)),
            Vec::<String>::new()
        );
        let never = format!("{ID}      - {{name: legacy, type: text, description: Old.}}\n");
        assert_eq!(
            violations(&RULE, &table_versions(&never, ID)),
            Vec::<String>::new()
        );
    }
}

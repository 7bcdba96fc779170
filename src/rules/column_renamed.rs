//! `column-renamed`: a column was replaced by one of the same type at the same position.

use super::{Category, Check, Context, Rule};
use crate::evolution::table::{self, ChangeKind};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "column-renamed",
    summary: "A column looks renamed: removed, and one of the same type added at its position",
    rationale: "A rename breaks every reader of the old name exactly like a removal does, and \
rewrites the table's history under a new name, so it needs a backfill plan too. The tool sees a \
rename where a column disappears and another of the same type takes its place (between the same \
surviving columns); a column an earlier released version deprecated is a planned removal, never \
a rename. To rename safely, add the new column, write both, deprecate the old one with a date, \
and remove it after. The finding's path, for `accepted`, is the new name.",
    example: "# v1\n- {name: name, type: varchar(200), …}\n# v2\n- {name: title, type: varchar(200), …}",
    level: Level::Error,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let mut found = Vec::new();
    for view in table::pairs(cx) {
        for change in view.changes() {
            if change.kind != ChangeKind::Renamed {
                continue;
            }
            let (Some(old), Some(new)) = (view.old_column(change), view.new_column(change)) else {
                continue;
            };
            let message = format!(
                "`{}` in v{} looks like a rename of `{}` in v{} (same type, same position)",
                new.name, view.new.version, old.name, view.old.version
            );
            found.push(view.violation(change, message).help(format!(
                "keep `{}` and add `{}` beside it; deprecate `{}` with a removal date and drop it \
                 after that date",
                old.name, new.name, old.name
            )));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{table_versions, violations};

    const ID: &str = "      - {name: id, type: uuid, nullable: false, description: Id.}\n";

    fn with(column: &str) -> String {
        format!("{ID}      - {{{column}, description: D.}}\n")
    }

    #[test]
    fn fires_on_the_new_name() {
        let yaml = table_versions(
            &with("name: name, type: varchar(200)"),
            &with("name: title, type: varchar(200)"),
        );
        assert_eq!(
            violations(&RULE, &yaml),
            [
                "/versions/1/columns/1: `title` in v2 looks like a rename of `name` in v1 (same type, same position)"
            ]
        );
    }

    #[test]
    fn passes_when_the_type_differs_or_the_old_column_was_deprecated() {
        let other_type = table_versions(
            &with("name: name, type: varchar(200)"),
            &with("name: title, type: text"),
        );
        assert_eq!(violations(&RULE, &other_type), Vec::<String>::new());
        let deprecated = table_versions(
            &with("name: name, type: text, deprecated: {remove_after: 2026-05-01}"),
            &with("name: title, type: text"),
        );
        assert_eq!(violations(&RULE, &deprecated), Vec::<String>::new());
    }
}

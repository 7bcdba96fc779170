//! `column-made-nullable`: a NOT NULL column now admits NULL.

use super::{Category, Check, Context, Rule};
use crate::evolution::table::{self, ChangeKind};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "column-made-nullable",
    summary: "A NOT NULL column became nullable",
    rationale: "Readers rely on NOT NULL: they join on the column, sum it, or map it to a \
non-optional field. Once NULL is allowed, new rows can break every one of them, so dropping NOT \
NULL is a reader break. Add a new nullable column instead, or keep writing a value. Mirror of \
`column-made-not-null`, which breaks writers instead.",
    example: "# v1\n- {name: language, type: text, nullable: false, …}\n# v2\n- {name: language, type: text, nullable: true, …}",
    level: Level::Error,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let mut found = Vec::new();
    for view in table::pairs(cx) {
        for change in view.changes() {
            if change.kind != ChangeKind::MadeNullable {
                continue;
            }
            let Some(column) = view.new_column(change) else {
                continue;
            };
            let message = format!(
                "`{}` is nullable in v{} but was NOT NULL in v{}: its readers may now get NULL",
                column.name, view.new.version, view.old.version
            );
            found.push(view.violation(change, message).help(
                "keep `nullable: false`, or add a new nullable column and deprecate this one",
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

    fn language(nullable: bool) -> String {
        format!(
            "{ID}      - {{name: language, type: text, nullable: {nullable}, description: D.}}\n"
        )
    }

    #[test]
    fn fires_when_not_null_is_dropped() {
        assert_eq!(
            violations(&RULE, &table_versions(&language(false), &language(true))),
            [
                "/versions/1/columns/1: `language` is nullable in v2 but was NOT NULL in v1: its readers may now get NULL"
            ]
        );
    }

    #[test]
    fn passes_when_not_null_is_added_or_kept() {
        assert_eq!(
            violations(&RULE, &table_versions(&language(true), &language(false))),
            Vec::<String>::new()
        );
        assert_eq!(
            violations(&RULE, &table_versions(&language(false), &language(false))),
            Vec::<String>::new()
        );
    }
}

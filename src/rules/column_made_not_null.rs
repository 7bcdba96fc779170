//! `column-made-not-null`: a nullable column now refuses NULL.

use super::{Category, Check, Context, Rule};
use crate::evolution::table::{self, ChangeKind};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "column-made-not-null",
    summary: "A nullable column became NOT NULL",
    rationale: "Readers lose nothing, but writers that leave the column out or write NULL now \
fail, and every existing NULL must be filled before the constraint can be added. It is a \
warning, not an error, because the owner changes its writers in the same pull request; the \
filling of existing rows rewrites history and needs a backfill plan (`backfill-plan-missing`). \
Mirror of `column-made-nullable`, which breaks readers instead.",
    example: "# v2\n- {name: language, type: text, nullable: true, …}\n# v3\n- {name: language, type: text, nullable: false, default: \"'und'\", …}",
    level: Level::Warning,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let mut found = Vec::new();
    for view in table::pairs(cx) {
        for change in view.changes() {
            if change.kind != ChangeKind::MadeNotNull {
                continue;
            }
            let Some(column) = view.new_column(change) else {
                continue;
            };
            let writers = match &column.default {
                // Leaving the column out gives the default; only an explicit NULL fails.
                Some(_) => "writers that write NULL into it now fail",
                None => "writers must now always set it",
            };
            let message = format!(
                "`{}` is NOT NULL in v{} but was nullable in v{}: {writers}",
                column.name, view.new.version, view.old.version
            );
            found.push(view.violation(change, message).help(
                "make sure no writer writes NULL (a default covers those that leave it out) and \
                 fill the existing NULLs with a planned backfill",
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

    fn language(nullable: &str) -> String {
        format!("{ID}      - {{name: language, type: text, {nullable}description: D.}}\n")
    }

    #[test]
    fn fires_when_not_null_is_added() {
        // `nullable` defaults to true, as in SQL.
        for old in ["", "nullable: true, "] {
            assert_eq!(
                violations(
                    &RULE,
                    &table_versions(&language(old), &language("nullable: false, "))
                ),
                [
                    "/versions/1/columns/1: `language` is NOT NULL in v2 but was nullable in v1: writers must now always set it"
                ]
            );
        }
    }

    #[test]
    fn with_a_default_only_explicit_nulls_fail() {
        assert_eq!(
            violations(
                &RULE,
                &table_versions(
                    &language(""),
                    &language("nullable: false, default: \"'und'\", ")
                )
            ),
            [
                "/versions/1/columns/1: `language` is NOT NULL in v2 but was nullable in v1: writers that write NULL into it now fail"
            ]
        );
    }

    #[test]
    fn passes_when_not_null_is_dropped_or_kept() {
        assert_eq!(
            violations(
                &RULE,
                &table_versions(&language("nullable: false, "), &language(""))
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            violations(&RULE, &table_versions(&language(""), &language(""))),
            Vec::<String>::new()
        );
    }
}

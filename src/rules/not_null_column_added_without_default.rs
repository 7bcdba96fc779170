//! `not-null-column-added-without-default`: a new NOT NULL column that existing rows and
//! writers have no value for.

use super::{Category, Check, Context, Rule};
use crate::evolution::table::{self, ChangeKind};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "not-null-column-added-without-default",
    summary: "A NOT NULL column was added without a default",
    rationale: "`ALTER TABLE … ADD COLUMN … NOT NULL` without a default fails on a table with \
rows, and every writer that does not know the column yet fails too. It is a warning, not an \
error, because the owner changes its writers in the same pull request; existing rows must be \
given a value, which is a backfill (`backfill-plan-missing`). Give the column a default, or add \
it nullable, backfill it, then make it NOT NULL in a later version. No mirror: removing a \
column is judged by the deprecation rules.",
    example: "# v2 adds\n- {name: language, type: text, nullable: false, description: …}   # no default",
    level: Level::Warning,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let mut found = Vec::new();
    for view in table::pairs(cx) {
        for change in view.changes() {
            if change.kind != ChangeKind::Added {
                continue;
            }
            let Some(column) = view
                .new_column(change)
                .filter(|column| !column.nullable && column.default.is_none())
            else {
                continue;
            };
            let message = format!(
                "`{}` is added NOT NULL without a default in {}: existing rows and current \
                 writers have no value for it",
                column.name,
                view.versions_phrase()
            );
            found.push(view.violation(change, message).help(
                "give it a `default:`, or add it nullable, backfill it and make it NOT NULL in \
                 a later version",
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

    fn with(column: &str) -> String {
        format!("{ID}      - {{name: language, type: text, {column}description: D.}}\n")
    }

    #[test]
    fn fires_on_a_new_not_null_column_without_default() {
        assert_eq!(
            violations(&RULE, &table_versions(ID, &with("nullable: false, "))),
            [
                "/versions/1/columns/1: `language` is added NOT NULL without a default in v2 (compared with v1): existing rows and current writers have no value for it"
            ]
        );
    }

    #[test]
    fn passes_with_a_default_when_nullable_or_when_not_new() {
        for column in [
            "nullable: false, default: \"'und'\", ",
            "",
            "nullable: true, ",
        ] {
            assert_eq!(
                violations(&RULE, &table_versions(ID, &with(column))),
                Vec::<String>::new(),
                "{column}"
            );
        }
        let existing = with("nullable: false, ");
        assert_eq!(
            violations(&RULE, &table_versions(&existing, &existing)),
            Vec::<String>::new()
        );
    }
}

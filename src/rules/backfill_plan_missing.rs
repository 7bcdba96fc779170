//! `backfill-plan-missing`: a version rewrites existing rows and has no `backfill` block.

use super::{Category, Check, Context, Rule};
use crate::evolution::table::{self, ColumnChange};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "backfill-plan-missing",
    summary: "A version rewrites existing rows but has no `backfill` plan",
    rationale: "A backfill is a planned operation, not a side effect of a migration: converting \
a column's type (anything but a widening), making a column NOT NULL on existing rows, renaming a \
column, adding a NOT NULL column without a default, or recomputing a column (`recomputed: true`) \
all rewrite historical rows. Such a version needs a `backfill` block with the plan, the \
rollback, how success is measured, and where and when it was rehearsed. Reported once per \
column that is rewritten, at the column.",
    example: "# v3\ncolumns:\n  - {name: language, type: text, nullable: false, …}   # was nullable in v2\n# and no `backfill:`",
    level: Level::Error,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let mut found = Vec::new();
    for view in table::pairs(cx) {
        if view.new.backfill.is_some() {
            continue;
        }
        // One finding per rewritten column, naming every way it is rewritten.
        let mut columns: Vec<(&ColumnChange, Vec<String>)> = Vec::new();
        for change in view.changes() {
            let Some(new) = view.new_column(change) else {
                continue;
            };
            let Some(reason) = change.kind.rewrites_history(view.old_column(change), new) else {
                continue;
            };
            match columns
                .iter_mut()
                .find(|(seen, _)| seen.new_column == change.new_column)
            {
                Some((_, reasons)) => reasons.push(reason),
                None => columns.push((change, vec![reason])),
            }
        }
        for (change, reasons) in columns {
            let message = format!(
                "{} {}, which rewrites existing rows, but v{} has no `backfill` block",
                view.versions_phrase(),
                reasons.join(" and "),
                view.new.version
            );
            found.push(view.violation(change, message).help(
                "add `backfill:` with `plan`, `rollback`, `measurement` and `rehearsed: \
                 {environment, on}` to this version",
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
        format!("{ID}      - {{{column}, description: D.}}\n")
    }

    const BACKFILL: &str = "    backfill:
      plan: Fill it.
      rollback: Drop the constraint.
      measurement: Count the NULLs.
      rehearsed: {environment: staging, \"on\": 2026-05-20}
";

    #[test]
    fn fires_on_each_kind_of_history_rewrite() {
        let cases = [
            (
                "name: n, type: integer",
                "name: n, type: text",
                "converts `n` from `integer` to `text`",
            ),
            (
                "name: n, type: bigint",
                "name: n, type: integer",
                "converts `n` from `bigint` to `integer`",
            ),
            (
                "name: n, type: text",
                "name: n, type: text, nullable: false",
                "makes `n` NOT NULL on existing rows",
            ),
            (
                "name: n, type: text",
                "name: m, type: text",
                "renames `n` to `m`",
            ),
            (
                "name: n, type: text",
                "name: n, type: text, recomputed: true",
                "recomputes `n` (`recomputed: true`)",
            ),
        ];
        for (old, new, reason) in cases {
            assert_eq!(
                violations(&RULE, &table_versions(&with(old), &with(new))),
                [format!(
                    "/versions/1/columns/1: v2 (compared with v1) {reason}, which rewrites existing rows, but v2 has no `backfill` block"
                )]
            );
        }
        assert_eq!(
            violations(
                &RULE,
                &table_versions(ID, &with("name: n, type: text, nullable: false"))
            ),
            [
                "/versions/1/columns/1: v2 (compared with v1) adds `n` NOT NULL without a default, which rewrites existing rows, but v2 has no `backfill` block"
            ]
        );
    }

    #[test]
    fn names_every_rewrite_of_a_column_in_one_finding() {
        assert_eq!(
            violations(
                &RULE,
                &table_versions(
                    &with("name: n, type: integer"),
                    &with("name: n, type: text, nullable: false")
                )
            ),
            [
                "/versions/1/columns/1: v2 (compared with v1) converts `n` from `integer` to `text` and makes `n` NOT NULL on existing rows, which rewrites existing rows, but v2 has no `backfill` block"
            ]
        );
    }

    #[test]
    fn passes_with_a_backfill_block_and_on_changes_that_keep_history() {
        let yaml = table_versions(
            &with("name: n, type: integer"),
            &with("name: n, type: text"),
        )
        .replace(
            "    summary: The change under test.\n",
            &format!("    summary: The change under test.\n{BACKFILL}"),
        );
        assert_eq!(violations(&RULE, &yaml), Vec::<String>::new());
        for (old, new) in [
            ("name: n, type: integer", "name: n, type: bigint"),
            (
                "name: n, type: text, nullable: false",
                "name: n, type: text",
            ),
            (
                "name: n, type: text",
                "name: n, type: text, default: \"'x'\"",
            ),
        ] {
            assert_eq!(
                violations(&RULE, &table_versions(&with(old), &with(new))),
                Vec::<String>::new(),
                "{old} -> {new}"
            );
        }
        let added = table_versions(
            ID,
            &with("name: n, type: text, nullable: false, default: \"''\""),
        );
        assert_eq!(violations(&RULE, &added), Vec::<String>::new());
    }
}

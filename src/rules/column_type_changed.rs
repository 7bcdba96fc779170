//! `column-type-changed`: a column's type changed to one that neither holds the other.

use super::{Category, Check, Context, Rule};
use crate::evolution::sqltype::TypeChange;
use crate::evolution::table;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "column-type-changed",
    summary: "A column's type changed to an unrelated type (neither widened nor narrowed)",
    rationale: "Readers parse, compare and aggregate a column by its type: `integer` → `text` \
breaks sums, `timestamp` → `timestamptz` reinterprets every stored time in the session's time \
zone, `json` → `jsonb` reorders keys. Existing rows are converted, which rewrites history, so \
the version also needs a backfill plan. Add a new column of the new type instead, and deprecate \
the old one. Has no mirror: a change between unrelated types is its own reverse.",
    example: "# v1\n- {name: amount, type: integer, …}\n# v2\n- {name: amount, type: text, …}",
    level: Level::Error,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    table::type_changes(cx, TypeChange::Changed, |_, new| {
        (
            ": neither type holds every value of the other".to_string(),
            format!(
                "add a new column of type `{new}`, fill it with a planned backfill, and \
                 deprecate this one"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{table_versions, violations};

    const ID: &str = "      - {name: id, type: uuid, nullable: false, description: Id.}\n";

    fn typed(ty: &str) -> String {
        format!("{ID}      - {{name: amount, type: {ty}, description: D.}}\n")
    }

    #[test]
    fn fires_between_unrelated_types() {
        assert_eq!(
            violations(&RULE, &table_versions(&typed("integer"), &typed("text"))),
            [
                "/versions/1/columns/1: `amount` changed type from `integer` in v1 to `text` in v2: neither type holds every value of the other"
            ]
        );
    }

    #[test]
    fn passes_on_widening_narrowing_and_respelling() {
        for (old, new) in [
            ("integer", "bigint"),
            ("bigint", "integer"),
            ("varchar", "text"),
        ] {
            assert_eq!(
                violations(&RULE, &table_versions(&typed(old), &typed(new))),
                Vec::<String>::new(),
                "{old} -> {new}"
            );
        }
    }
}

//! `column-type-widened`: a column's type now holds every old value and more.

use super::{Category, Check, Context, Rule};
use crate::evolution::sqltype::TypeChange;
use crate::evolution::table;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "column-type-widened",
    summary: "A column's type was widened: every old value still fits, unchanged",
    rationale: "Widening (`integer` → `bigint`, `varchar(50)` → `varchar(100)`, `varchar` → \
`text`, `timestamp(3)` → `timestamp`) keeps every stored value and every writer working, and \
needs no backfill. It is reported as information because readers with a fixed-size buffer or a \
narrower type in their own schema may need to follow. Mirror of `column-type-narrowed`.",
    example: "# v1\n- {name: event_seq, type: integer, …}\n# v2\n- {name: event_seq, type: bigint, …}",
    level: Level::Info,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    table::type_changes(cx, TypeChange::Widened, |old, new| {
        (
            format!(", which holds every value of `{old}`"),
            format!(
                "nothing breaks; readers that copy the column into `{old}` columns or variables \
                 of their own should move them to `{new}`"
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
        format!("{ID}      - {{name: event_seq, type: \"{ty}\", description: D.}}\n")
    }

    #[test]
    fn fires_when_the_new_type_holds_more_values() {
        assert_eq!(
            violations(&RULE, &table_versions(&typed("integer"), &typed("bigint"))),
            [
                "/versions/1/columns/1: `event_seq` changed type from `integer` in v1 to `bigint` in v2, which holds every value of `integer`"
            ]
        );
    }

    #[test]
    fn passes_when_narrowed_or_only_respelt() {
        for (old, new) in [("bigint", "integer"), ("int4", "integer")] {
            assert_eq!(
                violations(&RULE, &table_versions(&typed(old), &typed(new))),
                Vec::<String>::new(),
                "{old} -> {new}"
            );
        }
    }
}

//! `column-type-narrowed`: a column's type can no longer hold every value it held before.

use super::{Category, Check, Context, Rule};
use crate::evolution::sqltype::TypeChange;
use crate::evolution::table;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "column-type-narrowed",
    summary: "A column's type was narrowed: some values the old type holds do not fit the new one",
    rationale: "Narrowing (`bigint` → `integer`, `varchar(100)` → `varchar(50)`, `numeric(12,2)` \
→ `numeric(10,2)`) fails or truncates existing rows when the migration converts them, and makes \
writers' inserts fail on values that used to fit. DESIGN lists narrowing both as a reader break \
(error) and as a writer break (warning); this rule takes the stricter, error, because existing \
data must be rewritten or rejected, which also needs a backfill plan. Mirror of \
`column-type-widened`.",
    example: "# v1\n- {name: title, type: varchar(200), …}\n# v2\n- {name: title, type: varchar(100), …}",
    level: Level::Error,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    table::type_changes(cx, TypeChange::Narrowed, |old, new| {
        (
            format!(", which cannot hold every value of `{old}`"),
            format!(
                "keep `{old}`, or check that every existing value fits `{new}` and plan the \
                 conversion as a backfill"
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
        format!("{ID}      - {{name: title, type: \"{ty}\", description: D.}}\n")
    }

    #[test]
    fn fires_when_the_new_type_holds_fewer_values() {
        assert_eq!(
            violations(
                &RULE,
                &table_versions(&typed("varchar(200)"), &typed("varchar(100)"))
            ),
            [
                "/versions/1/columns/1: `title` changed type from `varchar(200)` in v1 to `varchar(100)` in v2, which cannot hold every value of `varchar(200)`"
            ]
        );
    }

    #[test]
    fn passes_when_widened() {
        assert_eq!(
            violations(
                &RULE,
                &table_versions(&typed("varchar(100)"), &typed("varchar(200)"))
            ),
            Vec::<String>::new()
        );
    }
}

//! `column-type-unknown`: a column's type is not a PostgreSQL type the tool knows, or is written
//! wrongly.

use super::{Category, Check, Context, Rule};
use crate::evolution::sqltype::ParseTypeError;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "column-type-unknown",
    summary: "A column's type is not a supported PostgreSQL type or has invalid parameters",
    rationale: "Column types feed the DDL export, the live database check and every type \
comparison between versions. A type the tool cannot read is never guessed at: no change of it is \
classified (widened, narrowed, changed) until it is fixed, so a misspelt type would otherwise hide \
a breaking change. Checked in every version, with a \"did you mean\" for typos and for names \
from other databases (`string`, `datetime`, `int64`).",
    example: "columns:\n  - {name: title, type: varchr(200), description: Title.}   # varchar(200)",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let (Some(table), Some(diff)) = (cx.contract.as_table(), cx.table_diff()) else {
        return vec![];
    };
    let mut found = Vec::new();
    for (position, (version, types)) in table.versions.iter().zip(&diff.types).enumerate() {
        for (index, (column, parsed)) in version.columns.iter().zip(types).enumerate() {
            let Err(error) = parsed else { continue };
            let help = match error {
                ParseTypeError::Unknown(unknown) => match &unknown.suggestion {
                    Some(suggestion) => format!("write `type: {suggestion}`"),
                    None => "write one of the supported PostgreSQL types listed above".into(),
                },
                ParseTypeError::Invalid(_) => {
                    "fix the parameters; `contract explain column-type-unknown` shows the rule"
                        .into()
                }
            };
            found.push(
                Violation::at(
                    format!("/versions/{position}/columns/{index}/type"),
                    format!("column `{}` in v{}: {error}", column.name, version.version),
                )
                .help(help)
                .path(column.name.clone()),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, TABLE, violations};

    #[test]
    fn fires_on_a_misspelt_type_with_its_suggestion() {
        let yaml = TABLE.replace("type: text", "type: varchr(200)");
        assert_eq!(
            violations(&RULE, &yaml),
            [
                "/versions/0/columns/1/type: column `title` in v1: unknown column type `varchr(200)` (did you mean `varchar(200)`?); supported types are smallint, integer, bigint, numeric(p,s), real, double precision, boolean, text, varchar(n), char(n), uuid, date, time, timetz, timestamp, timestamptz, interval, json, jsonb, bytea, inet, cidr, macaddr, and arrays of them such as text[]"
            ]
        );
    }

    #[test]
    fn fires_on_invalid_parameters() {
        let yaml = TABLE.replace("type: text", "type: varchar(0)");
        assert_eq!(
            violations(&RULE, &yaml),
            [
                "/versions/0/columns/1/type: column `title` in v1: invalid column type `varchar(0)`: the length of varchar must be between 1 and 10485760, got 0"
            ]
        );
    }

    #[test]
    fn passes_on_supported_types_and_on_events() {
        assert_eq!(violations(&RULE, TABLE), Vec::<String>::new());
        let spelled = TABLE.replace("type: text", "type: \"character varying(200) []\"");
        assert_eq!(violations(&RULE, &spelled), Vec::<String>::new());
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
    }
}

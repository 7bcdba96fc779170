//! `description-missing`: a contract, field or column without a description.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::Body;
use crate::catalog::schema_walk;
use crate::finding::{Level, Violation};
use serde_json::Value;

pub static RULE: Rule = Rule {
    id: "description-missing",
    summary: "A contract, a field or a column has no description",
    rationale: "The reference docs are generated from the contracts: a field without a \
description is a column in a table nobody can interpret. Fields and columns are checked in the \
latest version only, since released versions cannot be edited.",
    example: "properties:\n  confidence: {type: number}   # what is it? from 0 to 1? per word?",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn blank(text: Option<&str>) -> bool {
    text.is_none_or(|text| text.trim().is_empty())
}

fn check(cx: &Context) -> Vec<Violation> {
    let mut found = Vec::new();
    if blank(cx.contract.description.as_deref()) {
        let pointer = if cx.contract.description.is_some() {
            "/description"
        } else {
            ""
        };
        found.push(
            Violation::at(pointer, "the contract has no description")
                .help("add `description:` saying what one record means and when it is written"),
        );
    }
    match &cx.contract.body {
        Body::Event(event) => {
            let Some((position, latest)) = event.versions.iter().enumerate().next_back() else {
                return found;
            };
            schema_walk::for_each_property(&latest.schema, &mut |pointer, property| {
                if blank(property.get("description").and_then(Value::as_str))
                    && !is_reference(property)
                {
                    let name = pointer.rsplit('/').next().unwrap_or_default();
                    found.push(
                        Violation::at(
                            format!("/versions/{position}/schema{pointer}"),
                            format!("field `{name}` has no description"),
                        )
                        .on_key()
                        .help("add `description:` to the property")
                        .path(pointer.to_string()),
                    );
                }
            });
        }
        Body::Table(table) => {
            let Some((position, latest)) = table.versions.iter().enumerate().next_back() else {
                return found;
            };
            for (index, column) in latest.columns.iter().enumerate() {
                if blank(column.description.as_deref()) {
                    found.push(
                        Violation::at(
                            format!("/versions/{position}/columns/{index}"),
                            format!("column `{}` has no description", column.name),
                        )
                        .help("add `description:` to the column")
                        .path(column.name.clone()),
                    );
                }
            }
        }
    }
    found
}

/// A property that only points at a shared definition is described there.
fn is_reference(property: &Value) -> bool {
    property.get("$ref").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, TABLE, violations};

    #[test]
    fn complete_contracts_pass() {
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
        assert_eq!(violations(&RULE, TABLE), Vec::<String>::new());
    }

    #[test]
    fn names_the_contract_field_or_column() {
        let event = EVENT
            .replace("description: A meeting got a new title.\n", "")
            .replace(", description: The meeting.", "");
        assert_eq!(
            violations(&RULE, &event),
            [
                ": the contract has no description",
                "/versions/0/schema/properties/meeting_id: field `meeting_id` has no description"
            ]
        );
        let table = TABLE.replace(", description: Title.", "");
        assert_eq!(
            violations(&RULE, &table),
            ["/versions/0/columns/1: column `title` has no description"]
        );
    }
}

//! `kitchen-sink-schema`: the whole payload or row is an untyped blob.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::Body;
use crate::evolution::sqltype::SqlType;
use crate::finding::{Level, Violation};
use serde_json::Value;

pub static RULE: Rule = Rule {
    id: "kitchen-sink-schema",
    summary: "The payload or the table is an untyped JSON blob",
    rationale: "A schema that accepts any object, or a table whose every non-key column is json, \
is a contract that promises nothing: fields appear and disappear unseen, and every consumer \
re-discovers the shape by reading data. Declare the properties or columns. Checked on the latest \
version.",
    example: "schema: {type: object, properties: {meeting_id: {type: string}, payload: {type: object}}}",
    level: Level::Warning,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

/// A property schema that says nothing about its content.
fn is_blob(schema: &Value) -> bool {
    match schema {
        Value::Bool(accepts) => *accepts,
        Value::Object(object) => {
            let structural = [
                "properties",
                "items",
                "prefixItems",
                "enum",
                "const",
                "$ref",
                "allOf",
                "anyOf",
                "oneOf",
                "patternProperties",
            ];
            let typed_scalar = object
                .get("type")
                .is_some_and(|kind| kind.as_str().is_some_and(|kind| kind != "object"));
            let closed = object
                .get("additionalProperties")
                .is_some_and(|additional| additional != &Value::Bool(true));
            !typed_scalar
                && !closed
                && !structural
                    .iter()
                    .any(|keyword| object.contains_key(*keyword))
        }
        _ => false,
    }
}

fn check(cx: &Context) -> Vec<Violation> {
    match &cx.contract.body {
        Body::Event(event) => {
            let Some((position, latest)) = event.versions.iter().enumerate().next_back() else {
                return vec![];
            };
            let key = event.partition_key.as_deref();
            let properties = latest.schema.get("properties").and_then(Value::as_object);
            let payload: Vec<&Value> = properties
                .map(|properties| {
                    properties
                        .iter()
                        .filter(|(name, _)| Some(name.as_str()) != key)
                        .map(|(_, p)| p)
                        .collect()
                })
                .unwrap_or_default();
            let blob = if properties.is_none_or(|p| p.is_empty()) {
                is_blob(&latest.schema)
                    || latest
                        .schema
                        .get("additionalProperties")
                        .is_none_or(|a| a != &Value::Bool(false))
            } else {
                {
                    // Only the key declared: the payload is whatever an open model lets through.
                    let open = latest
                        .schema
                        .get("additionalProperties")
                        .is_none_or(|a| a != &Value::Bool(false));
                    if payload.is_empty() {
                        open
                    } else {
                        payload.iter().all(|property| is_blob(property))
                    }
                }
            };
            if !blob {
                return vec![];
            }
            vec![
                Violation::at(
                    format!("/versions/{position}/schema"),
                    format!(
                        "version {} accepts any payload: its content is an untyped blob",
                        latest.version
                    ),
                )
                .on_key()
                .help("declare each field under `properties` with its `type`")
                .versions(None, latest.version),
            ]
        }
        Body::Table(table) => {
            let Some((position, latest)) = table.versions.iter().enumerate().next_back() else {
                return vec![];
            };
            let payload: Vec<_> = latest
                .columns
                .iter()
                .filter(|c| !table.primary_key.contains(&c.name))
                .collect();
            let json = |sql_type: &str| {
                matches!(
                    sql_type.parse::<SqlType>(),
                    Ok(SqlType::Json | SqlType::Jsonb)
                )
            };
            if payload.is_empty() || !payload.iter().all(|column| json(&column.sql_type)) {
                return vec![];
            }
            vec![
                Violation::at(
                    format!("/versions/{position}/columns"),
                    format!(
                        "version {}: every column besides the primary key is json",
                        latest.version
                    ),
                )
                .on_key()
                .help("give each attribute its own typed column")
                .versions(None, latest.version),
            ]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, TABLE, violations};

    #[test]
    fn typed_contracts_pass() {
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
        assert_eq!(violations(&RULE, TABLE), Vec::<String>::new());
    }

    #[test]
    fn fires_on_blobs() {
        let blob = EVENT
            .replace(
                "title: {type: string, description: The new title., x-classification: personal}",
                "payload: {type: object, description: Everything.}",
            )
            .replace("title: Weekly sync", "payload: {}")
            .replace("[meeting_id, title]", "[meeting_id]");
        assert_eq!(
            violations(&RULE, &blob),
            ["/versions/0/schema: version 1 accepts any payload: its content is an untyped blob"]
        );
        let table = TABLE.replace("type: text, nullable: true", "type: jsonb, nullable: true");
        assert_eq!(
            violations(&RULE, &table),
            ["/versions/0/columns: version 1: every column besides the primary key is json"]
        );
    }
}

//! `kitchen-sink-schema`: the whole payload or row is an untyped blob.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::Body;
use crate::evolution::sqltype::SqlType;
use crate::finding::{Level, Violation};
use serde_json::Value;

pub static RULE: Rule = Rule {
    id: "kitchen-sink-schema",
    summary: "A discriminator beside an untyped JSON blob, or a payload that is one blob",
    rationale: "The kitchen sink: one event or table for many kinds of record, told apart by a \
discriminator (a string property or text column such as `event_type`, `type`, `kind`, `name`, \
`action`) with the real data in a JSON blob beside it (an object property with no `properties`, \
a `json`/`jsonb` column, a string with `contentMediaType: application/json`), even when typed \
`id` or `created_at` fields sit around them. The contract then promises nothing: fields appear \
and disappear unseen and every consumer re-discovers the shape by reading data. A payload that \
is one blob (no property, only a blob besides the partition key, every non-key column json) is \
the same thing. An open content model with a few typed properties, or only its partition key, \
declares exactly its data and passes. Checked on the latest version.",
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

/// Names that, on a string property or text column, say "what kind of record this is".
const DISCRIMINATORS: &[&str] = &["event_type", "type", "kind", "name", "action"];

fn is_discriminator_name(name: &str) -> bool {
    let lowered = name.to_ascii_lowercase();
    DISCRIMINATORS.contains(&lowered.as_str())
        || lowered.ends_with("_type")
        || lowered.ends_with("_kind")
}

/// A property that holds a JSON document nobody declared: an object with no `properties`, or
/// a string that says it carries JSON.
fn is_json_blob(schema: &Value) -> bool {
    let json_string = schema.get("type").and_then(Value::as_str) == Some("string")
        && schema
            .get("contentMediaType")
            .and_then(Value::as_str)
            .is_some_and(|media| media.eq_ignore_ascii_case("application/json"));
    json_string || is_blob(schema)
}

fn is_string(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("string")
        && schema.get("contentMediaType").is_none()
}

fn check(cx: &Context) -> Vec<Violation> {
    match &cx.contract.body {
        Body::Event(event) => {
            let Some((position, latest)) = event.versions.iter().enumerate().next_back() else {
                return vec![];
            };
            let key = event.partition_key.as_deref();
            let properties = latest.schema.get("properties").and_then(Value::as_object);
            let pointer = format!("/versions/{position}/schema");
            let Some(properties) = properties.filter(|p| !p.is_empty()) else {
                // No property declared: the payload itself is the blob, unless it is closed.
                let closed = latest
                    .schema
                    .get("additionalProperties")
                    .is_some_and(|a| a == &Value::Bool(false));
                if !is_blob(&latest.schema) || closed {
                    return vec![];
                }
                return vec![
                    Violation::at(
                        pointer,
                        format!(
                            "version {} declares no property: the whole payload is an untyped blob",
                            latest.version
                        ),
                    )
                    .on_key()
                    .help("declare each field under `properties` with its `type`")
                    .versions(None, latest.version),
                ];
            };
            let blobs: Vec<&str> = properties
                .iter()
                .filter(|(_, schema)| is_json_blob(schema))
                .map(|(name, _)| name.as_str())
                .collect();
            let Some(blob) = blobs.first() else {
                return vec![];
            };
            let blob_pointer = format!(
                "{pointer}/properties/{}",
                crate::pointer::pointer_token(blob)
            );
            let discriminator = properties
                .iter()
                .find(|(name, schema)| is_discriminator_name(name) && is_string(schema))
                .map(|(name, _)| name.as_str());
            if let Some(discriminator) = discriminator {
                return vec![
                    Violation::at(
                        blob_pointer,
                        format!(
                            "`{blob}` is an untyped JSON blob beside the discriminator \
`{discriminator}`: each kind of record hides its own shape inside it"
                        ),
                    )
                    .help(format!(
                        "give each value of `{discriminator}` its own event contract with typed \
properties, or declare `{blob}`'s properties"
                    ))
                    .versions(None, latest.version),
                ];
            }
            let payload = properties
                .keys()
                .filter(|name| Some(name.as_str()) != key)
                .count();
            if payload == blobs.len() {
                return vec![
                    Violation::at(
                        blob_pointer,
                        format!(
                            "`{blob}` is an untyped JSON blob and, besides the partition key, \
the whole payload of version {}",
                            latest.version
                        ),
                    )
                    .help(format!(
                        "declare what `{blob}` holds under its `properties`"
                    ))
                    .versions(None, latest.version),
                ];
            }
            vec![]
        }
        Body::Table(table) => {
            let Some((position, latest)) = table.versions.iter().enumerate().next_back() else {
                return vec![];
            };
            let json = |sql_type: &str| {
                matches!(
                    sql_type.parse::<SqlType>(),
                    Ok(SqlType::Json | SqlType::Jsonb)
                )
            };
            let text = |sql_type: &str| {
                matches!(
                    sql_type.parse::<SqlType>(),
                    Ok(SqlType::Text | SqlType::Varchar(_))
                )
            };
            let column_at = |name: &str| {
                latest
                    .columns
                    .iter()
                    .position(|c| c.name == name)
                    .map(|i| format!("/versions/{position}/columns/{i}"))
            };
            let blob = latest.columns.iter().find(|c| json(&c.sql_type));
            let discriminator = latest
                .columns
                .iter()
                .find(|c| is_discriminator_name(&c.name) && text(&c.sql_type));
            if let (Some(blob), Some(discriminator)) = (blob, discriminator) {
                return vec![
                    Violation::at(
                        column_at(&blob.name).unwrap_or_default(),
                        format!(
                            "column `{}` is an untyped JSON blob beside the discriminator `{}`: \
each kind of row hides its own shape inside it",
                            blob.name, discriminator.name
                        ),
                    )
                    .help(format!(
                        "give each value of `{}` its own table or typed columns",
                        discriminator.name
                    ))
                    .versions(None, latest.version),
                ];
            }
            let payload: Vec<_> = latest
                .columns
                .iter()
                .filter(|c| !table.primary_key.contains(&c.name))
                .collect();
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
            [
                "/versions/0/schema/properties/payload: `payload` is an untyped JSON blob and, besides the partition key, the whole payload of version 1"
            ]
        );
        let table = TABLE.replace("type: text, nullable: true", "type: jsonb, nullable: true");
        assert_eq!(
            violations(&RULE, &table),
            ["/versions/0/columns: version 1: every column besides the primary key is json"]
        );
    }

    #[test]
    fn fires_on_a_discriminator_beside_a_blob_and_names_both() {
        let sink = EVENT.replace(
            "title: {type: string, description: The new title., x-classification: personal}",
            "title: {type: string, description: The new title., x-classification: personal}\n        \
             action: {type: string, description: What happened.}\n        \
             data: {type: string, contentMediaType: application/json, description: The rest.}",
        );
        assert_eq!(
            violations(&RULE, &sink),
            [
                "/versions/0/schema/properties/data: `data` is an untyped JSON blob beside the discriminator `action`: each kind of record hides its own shape inside it"
            ]
        );
    }

    #[test]
    fn an_open_model_with_only_its_key_passes() {
        let key_only = EVENT
            .replace(
                "title: {type: string, description: The new title., x-classification: personal}",
                "",
            )
            .replace("[meeting_id, title]", "[meeting_id]");
        assert_eq!(violations(&RULE, &key_only), Vec::<String>::new());
    }
}

//! `contract export asyncapi`: one AsyncAPI 3.0.0 document for the catalogue (or one topic): a
//! channel per topic with its Kafka topic configuration, a message per released event version
//! with its draft-07 payload and its partition key as the Kafka message key, a `send` operation
//! per contract for its owner.

use super::{ExportError, File, Options, draft07, pretty, released_events, topics};
use crate::catalog::Catalog;
use crate::catalog::owners::Team;
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// The Kafka bindings version the document declares.
pub const KAFKA_BINDING_VERSION: &str = "0.5.0";

pub fn export(catalog: &Catalog, options: &Options) -> Result<Vec<File>, ExportError> {
    let topics = topics(catalog, options.topic.as_deref())?;
    if let Some(only) = &options.topic
        && topics.is_empty()
    {
        return Err(ExportError(format!(
            "no event contract has topic `{}`: name a topic an event contract declares",
            only.escape_debug()
        )));
    }
    let mut channels = Map::new();
    let mut operations = Map::new();
    let mut owners = BTreeSet::new();
    // The payloads' definitions, moved here because a `$ref` resolves against the document.
    let mut schemas = Map::new();
    for topic in &topics {
        let channel_id = topic.name.to_string();
        let mut messages = Map::new();
        for (loaded, event) in &topic.contracts {
            let contract = &loaded.contract;
            let mut message_refs = Vec::new();
            for version in released_events(event) {
                let message_id = format!("{}.v{}", contract.id, version.version);
                let prefix = format!("#/components/schemas/{message_id}.");
                let mut payload = draft07::convert(&version.schema, &prefix).map_err(|found| {
                    ExportError(format!(
                        "{} ({}) v{}: its schema uses `{}` at {}, a keyword of JSON Schema 2019-09/2020-12 \
                         that draft-07 (which AsyncAPI payloads use) does not have; AsyncAPI tools would \
                         ignore it silently, so the document is not written: express it with draft-07 \
                         keywords (e.g. `items` as a list instead of `prefixItems`)",
                        contract.id,
                        crate::catalog::display(&loaded.file.path),
                        version.version,
                        found.keyword,
                        found.pointer
                    ))
                })?;
                if let Some(Value::Object(definitions)) = payload
                    .as_object_mut()
                    .and_then(|payload| payload.remove("definitions"))
                {
                    for (name, definition) in definitions {
                        schemas.insert(format!("{message_id}.{name}"), definition);
                    }
                }
                let mut message = Map::new();
                message.insert("name".into(), json!(message_id));
                message.insert(
                    "title".into(),
                    json!(format!("{} v{}", contract.id, version.version)),
                );
                if let Some(summary) = &version.summary {
                    message.insert("summary".into(), json!(summary));
                }
                if let Some(description) = &contract.description {
                    message.insert("description".into(), json!(description));
                }
                message.insert("contentType".into(), json!("application/json"));
                if let Some(owner) = &contract.owner {
                    message.insert("tags".into(), json!([{"name": owner}]));
                }
                message.insert("payload".into(), payload.clone());
                if !version.examples.is_empty() {
                    let examples: Vec<Value> = version
                        .examples
                        .iter()
                        .map(|example| json!({"payload": example}))
                        .collect();
                    message.insert("examples".into(), Value::Array(examples));
                }
                if let Some(key) = &event.partition_key {
                    let key_schema = payload
                        .get("properties")
                        .and_then(|properties| properties.get(key))
                        .cloned()
                        .unwrap_or_else(|| json!({"type": "string"}));
                    message.insert(
                        "bindings".into(),
                        json!({"kafka": {"key": key_schema, "bindingVersion": KAFKA_BINDING_VERSION}}),
                    );
                    message.insert("x-partition-key".into(), json!(key));
                }
                message.insert("x-contract".into(), json!(contract.id));
                message.insert("x-contract-version".into(), json!(version.version));
                message_refs.push(
                    json!({"$ref": format!("#/channels/{channel_id}/messages/{message_id}")}),
                );
                messages.insert(message_id, Value::Object(message));
            }
            if message_refs.is_empty() {
                continue;
            }
            let mut operation = Map::new();
            operation.insert("action".into(), json!("send"));
            operation.insert(
                "channel".into(),
                json!({"$ref": format!("#/channels/{channel_id}")}),
            );
            operation.insert(
                "summary".into(),
                json!(format!(
                    "{} publishes {}",
                    contract.owner.as_deref().unwrap_or("its owner"),
                    contract.id
                )),
            );
            if let Some(owner) = &contract.owner {
                operation.insert("tags".into(), json!([{"name": owner}]));
                owners.insert(owner.as_str());
            }
            operation.insert("messages".into(), Value::Array(message_refs));
            operations.insert(format!("send.{}", contract.id), Value::Object(operation));
        }
        let mut configuration = Map::new();
        if let Some(ms) = topic.retention_ms {
            configuration.insert("retention.ms".into(), json!(ms));
        }
        configuration.insert("cleanup.policy".into(), json!(["delete"]));
        channels.insert(
            channel_id,
            json!({
                "address": topic.name,
                "messages": messages,
                "bindings": {"kafka": {
                    "topic": topic.name,
                    "topicConfiguration": configuration,
                    "bindingVersion": KAFKA_BINDING_VERSION,
                }},
            }),
        );
    }
    let teams: Vec<&Team> = owners
        .iter()
        .filter_map(|id| catalog.owners.as_ref()?.get(id))
        .collect();
    let mut info = Map::new();
    info.insert(
        "title".into(),
        json!(match &options.topic {
            Some(topic) => format!("Events on {topic}"),
            None => "Events".to_string(),
        }),
    );
    info.insert("version".into(), json!(document_version(&topics)));
    info.insert(
        "description".into(),
        json!(
            "Generated by `contract export asyncapi` from the data contracts; do not edit by hand."
        ),
    );
    if let [team] = teams.as_slice() {
        info.insert("contact".into(), contact(team));
    }
    let tags: Vec<Value> = teams
        .iter()
        .map(|team| json!({"name": team.id, "description": format!("{} ({})", team.name, team.contact)}))
        .collect();
    info.insert("tags".into(), Value::Array(tags));
    let document = json!({
        "asyncapi": "3.0.0",
        "info": info,
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
    });
    let mut document = document;
    if !schemas.is_empty() {
        document["components"] = json!({ "schemas": schemas });
    }
    Ok(vec![File {
        path: "asyncapi.json".into(),
        text: pretty(&document),
    }])
}

/// The document's version: it changes whenever a version is released on one of its topics, so
/// the sum of the released versions stands in for a revision number.
fn document_version(topics: &[super::Topic<'_>]) -> String {
    let released: usize = topics
        .iter()
        .flat_map(|topic| &topic.contracts)
        .map(|(_, event)| released_events(event).count())
        .sum();
    format!("{released}.0.0")
}

/// AsyncAPI's contact object: an email goes in `email`, anything else (a chat channel) in the
/// name beside the team's name.
fn contact(team: &Team) -> Value {
    if team.contact.contains('@') && !team.contact.contains(char::is_whitespace) {
        json!({"name": team.name, "email": team.contact})
    } else {
        json!({"name": format!("{} ({})", team.name, team.contact)})
    }
}

//! `contract export odcs`: one Open Data Contract Standard v3.1.0 document per contract,
//! `<id>.odcs.json` (JSON is YAML, so datacontract-cli reads it as it is): the schema of the
//! latest released version with each property's `physicalType`, `required`, `primaryKey` or
//! `partitioned`, classification, retention as `slaProperties`, the team from `owners.yaml`,
//! and the contract version. A table becomes a `table` object; an event a `topic` object whose
//! properties are the payload's top-level properties (ODCS has no place for nested JSON Schema
//! keywords, so nested objects are described by their type only).

use super::{ExportError, File, events, latest_released_table, pretty, released_events, tables};
use crate::catalog::model::{Classification, Contract, Event, KeepForever, Table};
use crate::catalog::retention::parse_duration;
use crate::catalog::{Catalog, Loaded};
use rayon::prelude::*;
use serde_json::{Map, Value, json};

pub const API_VERSION: &str = "v3.1.0";

pub fn export(catalog: &Catalog) -> Result<Vec<File>, ExportError> {
    // One document per contract, each built on its own: in parallel, collected in the order of
    // the sorted contracts (tables, then events), so the files do not depend on the threads.
    let tables = tables(catalog);
    let events = events(catalog);
    Ok(crate::pool::pool().install(|| {
        let mut files: Vec<File> = tables
            .par_iter()
            .filter_map(|(loaded, table)| table_document(catalog, loaded, table))
            .collect();
        files.par_extend(
            events
                .par_iter()
                .filter_map(|(loaded, event)| event_document(catalog, loaded, event)),
        );
        files
    }))
}

/// The document of a table contract: its latest released version; `None` before a release.
fn table_document(catalog: &Catalog, loaded: &Loaded, table: &Table) -> Option<File> {
    let version = latest_released_table(table)?;
    let name = loaded
        .contract
        .id
        .split_once('.')
        .map_or(loaded.contract.id.as_str(), |(_, rest)| rest);
    let properties: Vec<Value> = version
        .columns
        .iter()
        .map(|column| {
            let mut property = Map::new();
            property.insert("name".into(), json!(column.name));
            property.insert("physicalType".into(), json!(column.sql_type));
            if let Some(logical) = logical_type_of_sql(&column.sql_type) {
                property.insert("logicalType".into(), json!(logical));
            }
            property.insert("required".into(), json!(!column.nullable));
            if let Some(position) = table.primary_key.iter().position(|key| *key == column.name) {
                property.insert("primaryKey".into(), json!(true));
                property.insert("primaryKeyPosition".into(), json!(position + 1));
            }
            if let Some(description) = &column.description {
                property.insert("description".into(), json!(description));
            }
            if let Some(classification) = column.classification {
                property.insert(
                    "classification".into(),
                    json!(classification_name(classification)),
                );
            }
            Value::Object(property)
        })
        .collect();
    let object = json!({
        "name": name,
        "physicalName": loaded.contract.sql_table().map(|sql| format!("{}.{}", sql.schema, sql.name)),
        "physicalType": "table",
        "description": loaded.contract.description.clone().unwrap_or_default(),
        "properties": properties,
    });
    Some(document(
        catalog,
        loaded,
        version.version,
        table.database.as_deref(),
        object,
    ))
}

/// The document of an event contract: its latest released version; `None` before a release.
fn event_document(catalog: &Catalog, loaded: &Loaded, event: &Event) -> Option<File> {
    let version = released_events(event).last()?;
    let schema = &version.schema;
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut properties = Vec::new();
    if let Some(Value::Object(members)) = schema.get("properties") {
        for (name, member) in members {
            let mut property = Map::new();
            property.insert("name".into(), json!(name));
            let json_type = member.get("type").and_then(Value::as_str);
            if let Some(json_type) = json_type {
                property.insert("physicalType".into(), json!(json_type));
                if let Some(logical) =
                    logical_type_of_json(json_type, member.get("format").and_then(Value::as_str))
                {
                    property.insert("logicalType".into(), json!(logical));
                }
            }
            property.insert("required".into(), json!(required.contains(&name.as_str())));
            if event.partition_key.as_deref() == Some(name.as_str()) {
                property.insert("partitioned".into(), json!(true));
                property.insert("partitionKeyPosition".into(), json!(1));
            }
            if let Some(description) = member.get("description").and_then(Value::as_str) {
                property.insert("description".into(), json!(description));
            }
            if let Some(classification) = member.get("x-classification").and_then(Value::as_str) {
                property.insert("classification".into(), json!(classification));
            }
            properties.push(Value::Object(property));
        }
    }
    let object = json!({
        "name": loaded.contract.id,
        "physicalName": event.topic.clone().unwrap_or_default(),
        "physicalType": "topic",
        "description": loaded.contract.description.clone().unwrap_or_default(),
        "properties": properties,
    });
    Some(document(
        catalog,
        loaded,
        version.version,
        event.topic.as_deref(),
        object,
    ))
}

fn document(
    catalog: &Catalog,
    loaded: &Loaded,
    version: u32,
    domain: Option<&str>,
    object: Value,
) -> File {
    let contract = &loaded.contract;
    let mut document = Map::new();
    document.insert("apiVersion".into(), json!(API_VERSION));
    document.insert("kind".into(), json!("DataContract"));
    document.insert("id".into(), json!(contract.id));
    document.insert("name".into(), json!(contract.id));
    document.insert("version".into(), json!(format!("{version}.0.0")));
    document.insert("status".into(), json!("active"));
    if let Some(domain) = domain {
        document.insert("domain".into(), json!(domain));
    }
    if let Some(description) = &contract.description {
        document.insert("description".into(), json!({"purpose": description}));
    }
    document.insert("schema".into(), json!([object]));
    if let Some(team) = contract
        .owner
        .as_deref()
        .and_then(|owner| catalog.owners.as_ref()?.get(owner))
    {
        let mut entry = Map::new();
        entry.insert("id".into(), json!(team.id.replace('.', "_")));
        entry.insert("name".into(), json!(team.name));
        if let Some(description) = &team.description {
            entry.insert("description".into(), json!(description));
        }
        document.insert("team".into(), Value::Object(entry));
        document.insert(
            "support".into(),
            json!([{"channel": team.contact, "url": support_url(&team.contact)}]),
        );
    }
    if let Some(sla) = retention_sla(contract) {
        document.insert("slaProperties".into(), sla);
    }
    File {
        path: format!("{}.odcs.json", contract.id),
        text: pretty(&Value::Object(document)),
    }
}

/// ODCS's support entry wants a URL: a `mailto:` for an email, the channel name otherwise.
fn support_url(contact: &str) -> String {
    if contact.contains('@') {
        format!("mailto:{contact}")
    } else {
        contact.to_string()
    }
}

/// Retention as ODCS SLA properties: `retention` in days (or kept forever), and the archive
/// delay where there is one.
fn retention_sla(contract: &Contract) -> Option<Value> {
    let retention = contract.retention.as_ref()?;
    let mut sla = Vec::new();
    if matches!(
        retention.keep_forever,
        Some(KeepForever::Reason(_)) | Some(KeepForever::Flag(true))
    ) {
        sla.push(json!({"property": "retention", "value": "forever"}));
    } else if let Some(days) = retention
        .delete_after
        .as_deref()
        .and_then(|d| parse_duration(d).ok())
    {
        sla.push(json!({"property": "retention", "value": days.0, "unit": "d"}));
    }
    if let Some(days) = retention
        .archive_after
        .as_deref()
        .and_then(|d| parse_duration(d).ok())
    {
        sla.push(
            json!({"property": "retention", "value": days.0, "unit": "d", "element": "archive"}),
        );
    }
    (!sla.is_empty()).then(|| Value::Array(sla))
}

fn classification_name(classification: Classification) -> &'static str {
    match classification {
        Classification::Public => "public",
        Classification::Internal => "internal",
        Classification::Personal => "personal",
        Classification::Sensitive => "sensitive",
    }
}

fn logical_type_of_sql(sql_type: &str) -> Option<&'static str> {
    use crate::evolution::sqltype::SqlType;
    Some(match sql_type.parse::<SqlType>().ok()? {
        SqlType::SmallInt | SqlType::Integer | SqlType::BigInt => "integer",
        SqlType::Numeric { .. } | SqlType::Real | SqlType::DoublePrecision => "number",
        SqlType::Boolean => "boolean",
        SqlType::Date => "date",
        SqlType::Timestamp { .. } | SqlType::Timestamptz { .. } => "timestamp",
        SqlType::Time { .. } | SqlType::Timetz { .. } => "time",
        SqlType::Json | SqlType::Jsonb => "object",
        SqlType::Array(_) => "array",
        _ => "string",
    })
}

fn logical_type_of_json(json_type: &str, format: Option<&str>) -> Option<&'static str> {
    Some(match (json_type, format) {
        ("string", Some("date")) => "date",
        ("string", Some("date-time")) => "timestamp",
        ("string", Some("time")) => "time",
        ("string", _) => "string",
        ("integer", _) => "integer",
        ("number", _) => "number",
        ("boolean", _) => "boolean",
        ("object", _) => "object",
        ("array", _) => "array",
        _ => return None,
    })
}

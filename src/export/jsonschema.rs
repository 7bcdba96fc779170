//! `contract export jsonschema`: one JSON Schema file per released event version,
//! `<id>/v<N>.schema.json`, with `$schema`, `$id`, `title` and `description`, ready to register
//! in a schema registry; and `subjects.json`, mapping each topic's `<topic>-value` subject to the
//! files to register under it, in order.

use super::{ExportError, File, Options, events, pretty, released_events};
use crate::catalog::model::Event;
use crate::catalog::{Catalog, Loaded};
use rayon::prelude::*;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// The dialect the contracts are written in.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

pub fn export(catalog: &Catalog, options: &Options) -> Result<Vec<File>, ExportError> {
    let base = options.id_base.trim_end_matches('/');
    // Each contract's files are built on their own, in parallel; files, subjects and the first
    // error are then taken in the order of the sorted contracts, as one loop would.
    let events = events(catalog);
    let built: Vec<Result<Vec<Schema>, ExportError>> = crate::pool::pool().install(|| {
        events
            .par_iter()
            .map(|(loaded, event)| schemas_of(loaded, event, base))
            .collect()
    });
    let mut files = Vec::new();
    let mut subjects: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for schemas in built {
        for Schema { file, subject } in schemas? {
            if let Some((name, entry)) = subject {
                subjects.entry(name).or_default().push(entry);
            }
            files.push(file);
        }
    }
    files.push(File {
        path: "subjects.json".into(),
        text: pretty(&json!({ "subjects": subjects })),
    });
    Ok(files)
}

/// One released version's file, and its entry under its topic's subject if it has a topic.
struct Schema {
    file: File,
    subject: Option<(String, Value)>,
}

/// The files of an event contract's released versions, in order.
fn schemas_of(loaded: &Loaded, event: &Event, base: &str) -> Result<Vec<Schema>, ExportError> {
    let contract = &loaded.contract;
    let mut built = Vec::new();
    for version in released_events(event) {
        let path = format!("{}/v{}.schema.json", contract.id, version.version);
        let mut schema = Map::new();
        schema.insert("$schema".into(), json!(DIALECT));
        schema.insert("$id".into(), json!(format!("{base}/{path}")));
        schema.insert(
            "title".into(),
            json!(format!("{} v{}", contract.id, version.version)),
        );
        if let Some(description) = &contract.description {
            schema.insert("description".into(), json!(description));
        }
        match &version.schema {
            Value::Object(body) => {
                for (key, value) in body {
                    // The contract's own `$schema`/`$id`, if any, give way to the export's.
                    if !schema.contains_key(key) || matches!(key.as_str(), "title" | "description")
                    {
                        schema.insert(key.clone(), value.clone());
                    }
                }
            }
            other => {
                return Err(ExportError(format!(
                    "{} ({}) v{}: its schema is `{other}`, not an object; a registry needs an object schema",
                    contract.id,
                    crate::catalog::display(&loaded.file.path),
                    version.version
                )));
            }
        }
        schema.insert("x-contract".into(), json!(contract.id));
        schema.insert("x-contract-version".into(), json!(version.version));
        let subject = event.topic.as_ref().map(|topic| {
            (
                format!("{topic}-value"),
                json!({
                    "contract": contract.id,
                    "version": version.version,
                    "file": path,
                }),
            )
        });
        built.push(Schema {
            file: File {
                path,
                text: pretty(&Value::Object(schema)),
            },
            subject,
        });
    }
    Ok(built)
}

//! `contract export kafka-topics`: every topic's configuration as one JSON document (`name`,
//! `retention.ms`, `cleanup.policy`, owners, partition keys), the input a Terraform or
//! `kafka-configs` step reads. Contracts sharing a topic must agree on its retention.

use super::{ExportError, File, pretty, topics};
use crate::catalog::Catalog;
use serde_json::{Value, json};
use std::collections::BTreeSet;

pub fn export(catalog: &Catalog) -> Result<Vec<File>, ExportError> {
    let topics: Vec<Value> = topics(catalog, None)?
        .iter()
        .map(|topic| {
            let owners: BTreeSet<&str> = topic
                .contracts
                .iter()
                .filter_map(|(loaded, _)| loaded.contract.owner.as_deref())
                .collect();
            let keys: BTreeSet<&str> = topic
                .contracts
                .iter()
                .filter_map(|(_, event)| event.partition_key.as_deref())
                .collect();
            let contracts: Vec<&str> = topic
                .contracts
                .iter()
                .map(|(loaded, _)| loaded.contract.id.as_str())
                .collect();
            json!({
                "name": topic.name,
                "config": {
                    "retention.ms": topic.retention_ms.map(|ms| ms.to_string()),
                    "cleanup.policy": "delete",
                },
                "owners": owners,
                "partition_keys": keys,
                "contracts": contracts,
            })
        })
        .collect();
    Ok(vec![File {
        path: "kafka-topics.json".into(),
        text: pretty(&json!({ "topics": topics })),
    }])
}

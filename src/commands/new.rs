//! `contract new`: a complete contract that passes `contract check`, to edit from.

use crate::catalog::model::Kind;
use std::path::{Path, PathBuf};

/// Where a new contract goes: `events/<first segment>/<rest>.yaml` or `tables/<database>/<rest>.yaml`.
pub fn path_for(root: &Path, kind: Kind, id: &str) -> PathBuf {
    let (group, name) = id.split_once('.').unwrap_or(("default", id));
    let folder = match kind {
        Kind::Event => "events",
        Kind::Table => "tables",
    };
    root.join(folder).join(group).join(format!("{name}.yaml"))
}

/// The topic a new event contract is put on: `<first segment of the id>-events`.
pub fn topic_for(id: &str) -> String {
    format!("{}-events", id.split('.').next().unwrap_or(id))
}

/// The text of a new contract. The id has passed the format's id pattern, so it is safe in YAML
/// and in paths. `topic_delete_after` is the `delete_after` of the contracts already on the
/// event's topic, if any: a topic has one retention, so a new event keeps it.
pub fn render(kind: Kind, id: &str, owner: &str, topic_delete_after: Option<&str>) -> String {
    match kind {
        Kind::Event => {
            let topic = id.split('.').next().unwrap_or(id);
            let retention = match topic_delete_after {
                Some(days) => format!(
                    "  delete_after: {days}                # as the other events on {topic}-events: a topic has one retention"
                ),
                None => "  delete_after: 400d".to_string(),
            };
            format!(
                "\
contract: {id}
kind: event
owner: {owner}
description: >-
  Say what happened, who publishes this event, and when. (Replace this text.)
topic: {topic}-events
partition_key: {topic}_id              # a required property: events of one key stay in order
compatibility: backward
storage: current-state
retention:
{retention}
versions:
  - version: 1                        # a draft until `contract release` dates it
    summary: Initial version.
    schema:
      type: object
      additionalProperties: false
      required: [{topic}_id, occurred_at]
      properties:
        {topic}_id:
          type: string
          format: uuid
          description: The {topic} this event is about.
        occurred_at:
          type: string
          format: date-time
          description: When it happened, in UTC.
    examples:
      - {{{topic}_id: 6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b, occurred_at: \"2026-01-01T12:00:00Z\"}}
"
            )
        }
        Kind::Table => {
            let database = id.split('.').next().unwrap_or(id);
            format!(
                "\
contract: {id}
kind: table
owner: {owner}
description: >-
  Say what one row means and who writes it. (Replace this text.)
database: {database}
primary_key: [id]
storage: current-state
retention:
  delete_after: 730d
versions:
  - version: 1                        # a draft until `contract release` dates it
    summary: Initial version.
    columns:
      - {{name: id, type: uuid, nullable: false, description: The row's identifier.}}
      - {{name: created_at, type: timestamptz, nullable: false, default: now(), description: When the row was created.}}
"
            )
        }
    }
}

//! `compensation-incomplete`: a compensating event that cannot correct its original in order.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::Event;
use crate::finding::{Level, Violation};
use serde_json::Value;

pub static RULE: Rule = Rule {
    id: "compensation-incomplete",
    summary: "A compensating event is on another topic or key than its original, or does not \
reference it",
    rationale: "A correction is only a correction if every consumer sees it after the event it \
corrects and can tell which one it corrects. Kafka orders events only within one partition of \
one topic, so the compensating event must share the original's topic and partition key; and it \
must carry a required property that identifies the original, present in the original's schema \
too (name it with `compensates: {event: X, reference: <property>}`; with the short form \
`compensates: X`, some required property besides the partition key must appear in X's schema). \
Checked on the latest version.",
    example: "contract: transcription.segment-deleted\ntopic: moderation-events      # the original is on transcription-events\ncompensates: {event: transcription.segment-transcribed, reference: segment_id}",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(event) = cx.contract.as_event() else {
        return vec![];
    };
    let Some(compensates) = &event.compensates else {
        return vec![];
    };
    let target = compensates.event.as_str();
    // An unknown, self-naming or table target is `compensates-unknown-event`'s finding.
    let is_event = cx.index.kind_of(target) == Some(crate::catalog::model::Kind::Event);
    let Some(original) = cx
        .index
        .facts
        .get(target)
        .filter(|_| is_event && target != cx.contract.id)
    else {
        return vec![];
    };
    let mut found = Vec::new();
    if let (Some(theirs), mine) = (&original.topic, &event.topic)
        && mine.as_ref() != Some(theirs)
    {
        let pointer = if mine.is_some() {
            "/topic"
        } else {
            "/compensates"
        };
        found.push(
            Violation::at(
                pointer,
                format!(
                    "`{target}` is published on topic `{theirs}` and this event {}: consumers \
may see the correction before the event it corrects",
                    mine.as_ref()
                        .map_or("names no topic".to_string(), |t| format!("on `{t}`"))
                ),
            )
            .help(format!("publish the compensating event on `{theirs}`")),
        );
    }
    if let (Some(theirs), mine) = (&original.partition_key, &event.partition_key)
        && mine.as_ref() != Some(theirs)
    {
        let pointer = if mine.is_some() {
            "/partition_key"
        } else {
            "/compensates"
        };
        found.push(
            Violation::at(
                pointer,
                format!(
                    "`{target}` is partitioned by `{theirs}` and this event {}: the correction \
can land in another partition and overtake the original",
                    mine.as_ref()
                        .map_or("names no partition key".to_string(), |k| format!(
                            "by `{k}`"
                        ))
                ),
            )
            .help(format!(
                "partition the compensating event by `{theirs}` too"
            )),
        );
    }
    let Some((position, latest)) = event.versions.iter().enumerate().next_back() else {
        return found;
    };
    let required = required_of(&latest.schema);
    match &compensates.reference {
        Some(reference) => {
            if !required.contains(&reference.as_str()) {
                found.push(
                    Violation::at(
                        "/compensates/reference",
                        format!(
                            "`{reference}` is not a required property of version {}: a \
correction that may omit it does not say which event it corrects",
                            latest.version
                        ),
                    )
                    .help(format!(
                        "declare `{reference}` under `properties` and list it in `required`"
                    ))
                    .versions(None, latest.version),
                );
            }
            if !original.properties.iter().any(|p| p == reference) {
                found.push(
                    Violation::at(
                        "/compensates/reference",
                        format!("`{reference}` is not a property of `{target}`'s schema: it cannot identify the original"),
                    )
                    .help(format!(
                        "reference a property both events carry, e.g. {}",
                        suggestion(event, &original.properties)
                    )),
                );
            }
        }
        None => {
            let key = event.partition_key.as_deref();
            let shared = required
                .iter()
                .any(|p| Some(*p) != key && original.properties.iter().any(|o| o == p));
            if !shared {
                found.push(
                    Violation::at(
                        format!("/versions/{position}/schema"),
                        format!(
                            "version {} has no required property, besides the partition key, \
that `{target}` carries too: nothing says which event it corrects",
                            latest.version
                        ),
                    )
                    .on_key()
                    .help(format!(
                        "add the original's id as a required property and name it: \
`compensates: {{event: {target}, reference: <property>}}`"
                    ))
                    .versions(None, latest.version),
                );
            }
        }
    }
    found
}

/// The `required` list of a schema, as names.
fn required_of(schema: &Value) -> Vec<&str> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The original's properties other than the partition key, for the help line.
fn suggestion(event: &Event, properties: &[String]) -> String {
    let key = event.partition_key.as_deref();
    let names: Vec<String> = properties
        .iter()
        .filter(|p| Some(p.as_str()) != key)
        .take(3)
        .map(|p| format!("`{p}`"))
        .collect();
    if names.is_empty() {
        "the original's id".to_string()
    } else {
        names.join(", ")
    }
}

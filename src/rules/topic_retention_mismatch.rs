//! `topic-retention-mismatch`: event contracts on one topic state different retentions.

use super::{Category, Check, Context, Rule};
use crate::catalog::retention::Kept;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "topic-retention-mismatch",
    summary: "Event contracts on one topic state different retentions",
    rationale: "A Kafka topic has one `retention.ms`: every event on it is deleted after the same \
time, whatever each contract says. Two contracts on one topic that state different retentions \
promise something the topic cannot keep: one of them is deleted earlier or kept longer than its \
contract says (personal data kept longer is the costly case). `contract export asyncapi` and \
`kafka-topics` refuse such a topic; this rule says so at `contract check`, on every contract \
involved, naming one that disagrees. Give the contracts of a topic one retention, or move the \
event to a topic of its own.",
    example: "# meeting.created: topic: meeting-events, retention: {delete_after: 730d}\n# meeting.renamed\ntopic: meeting-events\nretention: {delete_after: 400d}",
    level: Level::Warning,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(topic) = cx
        .contract
        .as_event()
        .and_then(|event| event.topic.as_ref())
    else {
        return vec![];
    };
    // An unreadable retention is `retention-invalid`'s finding, not a disagreement.
    let Some(mine) = cx.contract.retention.as_ref().and_then(Kept::of) else {
        return vec![];
    };
    let Some((theirs, other)) = cx
        .index
        .topic_retentions
        .get(topic)
        .and_then(|retentions| retentions.iter().find(|(kept, _)| **kept != mine))
    else {
        return vec![];
    };
    let file = cx
        .index
        .facts
        .get(other)
        .map_or(String::new(), |facts| format!(" ({})", facts.file));
    vec![
        Violation::at(
            "/retention",
            format!(
                "this event is kept {} but `{other}`{file}, on the same topic `{topic}`, is kept \
{}: a topic has one retention.ms, so one of them is not kept as its contract says",
                mine.words(),
                theirs.words()
            ),
        )
        .on_key()
        .help(format!(
            "give every contract on `{topic}` the same retention, or publish this event on a \
topic of its own"
        )),
    ]
}

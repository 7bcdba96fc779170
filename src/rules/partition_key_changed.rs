//! `partition-key-changed`: an event's partition key differs from the one it was released with.

use super::{Category, Check, Rule};
use crate::finding::{Level, Violation};
use crate::history::HistoryContext;

pub static RULE: Rule = Rule {
    id: "partition-key-changed",
    summary: "The partition key differs from the one the event was released with",
    rationale: "The partition key decides which events share a partition, and so which events a \
consumer sees in order. Changing it on a live topic breaks per-key ordering between old and new \
events and moves state between consumer instances. A new key needs a new topic (and a new \
contract), with a migration plan.",
    example: "partition_key: segment_id   # released with meeting_id",
    level: Level::Error,
    category: Category::History,
    check: Check::History(check),
};

fn check(cx: &HistoryContext) -> Vec<Violation> {
    let (Some(old), Some(new)) = (cx.old, cx.new) else {
        return vec![];
    };
    let (Some(was), Some(event)) = (&old.partition_key, new.contract.as_event()) else {
        return vec![];
    };
    if event.partition_key.as_ref() == Some(was) {
        return vec![];
    }
    let now = event
        .partition_key
        .as_deref()
        .map_or("absent".to_string(), |key| format!("`{key}`"));
    vec![
        Violation::at(
            "/partition_key",
            format!(
                "the partition key was `{was}` {}; it is now {now}",
                cx.per()
            ),
        )
        .on_key()
        .help(format!(
            "keep `partition_key: {was}`; a new key needs a new topic and a new contract"
        )),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, history_violations};

    #[test]
    fn fires_when_the_key_changes() {
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(EVENT)),
            Vec::<String>::new()
        );
        let changed = EVENT.replace("partition_key: meeting_id", "partition_key: title");
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(&changed)),
            [
                "/partition_key: the partition key was `meeting_id` (per contracts.lock); it is now `title`"
            ]
        );
    }
}

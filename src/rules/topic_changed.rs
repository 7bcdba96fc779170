//! `topic-changed`: an event's topic differs from the one it was released on.

use super::{Category, Check, Rule};
use crate::finding::{Level, Violation};
use crate::history::HistoryContext;

pub static RULE: Rule = Rule {
    id: "topic-changed",
    summary: "The topic differs from the one the event was released on",
    rationale: "Consumers subscribe to a topic by name. Moving an event to another topic silently \
stops it reaching every existing subscriber, and splits its history across two logs.",
    example: "topic: meetings   # released on meeting-events",
    level: Level::Error,
    category: Category::History,
    check: Check::History(check),
};

fn check(cx: &HistoryContext) -> Vec<Violation> {
    let (Some(old), Some(new)) = (cx.old, cx.new) else {
        return vec![];
    };
    let (Some(was), Some(event)) = (&old.topic, new.contract.as_event()) else {
        return vec![];
    };
    if event.topic.as_ref() == Some(was) {
        return vec![];
    }
    let now = event
        .topic
        .as_deref()
        .map_or("absent".to_string(), |topic| format!("`{topic}`"));
    vec![
        Violation::at(
            "/topic",
            format!("the topic was `{was}` {}; it is now {now}", cx.per()),
        )
        .on_key()
        .help(format!(
            "keep `topic: {was}`; publishing elsewhere needs a new contract and a migration of its consumers"
        )),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, history_violations};

    #[test]
    fn fires_when_the_topic_changes() {
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(EVENT)),
            Vec::<String>::new()
        );
        let changed = EVENT.replace("topic: meeting-events", "topic: meetings");
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(&changed)),
            ["/topic: the topic was `meeting-events` (per contracts.lock); it is now `meetings`"]
        );
    }
}

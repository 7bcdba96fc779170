//! `partition-key-missing`: an event contract without a partition key.

use super::{Category, Check, Context, Rule};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "partition-key-missing",
    summary: "The event contract names no partition key",
    rationale: "The partition key decides ordering (events of one key are read in order), \
parallelism and hot spots. It is chosen deliberately, once, and written down: changing it later \
reorders every consumer's view of history.",
    example: "contract: meeting.created\nkind: event\ntopic: meeting-events\n# no `partition_key:`",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(event) = cx.contract.as_event() else {
        return vec![];
    };
    if event
        .partition_key
        .as_deref()
        .is_some_and(|key| !key.trim().is_empty())
    {
        return vec![];
    }
    vec![Violation::at("", "the event contract names no partition key")
        .help("add `partition_key: <property>` naming a required top-level property, e.g. the aggregate id")]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, TABLE, violations};

    #[test]
    fn fires_on_events_without_a_key() {
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
        assert_eq!(violations(&RULE, TABLE), Vec::<String>::new());
        let without = EVENT.replace("partition_key: meeting_id\n", "");
        assert_eq!(
            violations(&RULE, &without),
            [": the event contract names no partition key"]
        );
    }
}

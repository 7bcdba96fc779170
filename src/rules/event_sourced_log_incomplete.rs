//! `event-sourced-log-incomplete`: an event-sourced table whose log is missing or kept shorter.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::Storage;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "event-sourced-log-incomplete",
    summary: "An event-sourced table names no events, or its events are kept shorter than it",
    rationale: "`storage: event-sourced` says the log is the primary record and the table is a \
projection of it. That is only true if the table names the events it is built from \
(`derived_from`) and every one of them is kept at least as long as the table (`keep_forever`, \
or a retention not shorter): otherwise the record is the table after all, and a replay loses \
data. An event contract that is event-sourced stays protected by `contract-removed` (a released \
contract may not disappear) and by `derived-from-unknown-contract` on every table still built \
from it.",
    example: "contract: analytics.participation-timeline\nstorage: event-sourced\nretention: {delete_after: 730d}\nderived_from: [participant.joined]   # deleted after 400d",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(table) = cx.contract.as_table() else {
        return vec![];
    };
    if cx.contract.storage != Some(Storage::EventSourced) {
        return vec![];
    }
    if table.derived_from.is_empty() {
        return vec![
            Violation::at(
                "/storage",
                "the table is event-sourced but names no events it is built from",
            )
            .help(
                "list the events it is replayed from under `derived_from`, or declare \
`storage: current-state` if the table is the record",
            ),
        ];
    }
    cx.sources_kept_shorter()
        .into_iter()
        .map(|source| {
            let (id, theirs, mine) = (source.id, source.kept, source.table_kept);
            Violation::at(
                format!("/derived_from/{}", source.position),
                format!(
                    "the table is event-sourced and kept {mine}, but its log `{id}` is deleted \
after {theirs}: the log is not the primary record of rows older than that"
                ),
            )
            .help(format!(
                "keep `{id}` at least {mine} (or `keep_forever`), or shorten the table's \
retention to {theirs}"
            ))
        })
        .collect()
}

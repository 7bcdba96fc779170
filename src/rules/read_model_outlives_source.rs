//! `read-model-outlives-source`: a read model kept longer than an event it is rebuilt from.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::Storage;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "read-model-outlives-source",
    summary: "A read model is kept longer than one of the events it is rebuilt from",
    rationale: "A read model (`derived_from`) is rebuilt by replaying its sources. Once a source \
has deleted its oldest events, a rebuild cannot bring back the rows built from them: the table \
promises history nobody can recompute, and the first replay silently loses it. Keep the read \
model no longer than its shortest-lived source, keep the source longer, or say the table is \
not rebuilt by replay with `rebuildable: false` (it is then its own record). Event-sourced \
tables are held to the stricter `event-sourced-log-incomplete`.",
    example: "contract: analytics.synthesis-dashboard\nretention: {keep_forever: Year-over-year analysis.}\nderived_from: [meeting.ended]   # deleted after 400d",
    level: Level::Warning,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(table) = cx.contract.as_table() else {
        return vec![];
    };
    if table.rebuildable == Some(false) || cx.contract.storage == Some(Storage::EventSourced) {
        return vec![];
    }
    cx.sources_kept_shorter()
        .into_iter()
        .map(|source| {
            let (id, theirs) = (source.id, source.kept);
            Violation::at(
                format!("/derived_from/{}", source.position),
                format!(
                    "this read model is kept {} but `{id}` is deleted after {theirs}: a rebuild by \
replay cannot restore rows older than that",
                    source.table_kept.words()
                ),
            )
            .help(format!(
                "keep the table no longer than {theirs}, keep `{id}` longer, or add \
`rebuildable: false` if the table is its own record and is never rebuilt from its sources"
            ))
        })
        .collect()
}

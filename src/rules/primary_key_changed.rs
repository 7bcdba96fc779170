//! `primary-key-changed`: a table's primary key differs from the one it was released with.

use super::{Category, Check, Rule};
use crate::finding::{Level, Violation};
use crate::history::HistoryContext;

pub static RULE: Rule = Rule {
    id: "primary-key-changed",
    summary: "The primary key differs from the one the table was released with",
    rationale: "Readers join, deduplicate and upsert on the primary key; caches and CDC pipelines \
key their state by it. Changing it changes what a row is, for every reader at once, and usually \
rewrites the table.",
    example: "primary_key: [meeting_id, user_id]   # released with [id]",
    level: Level::Error,
    category: Category::History,
    check: Check::History(check),
};

fn check(cx: &HistoryContext) -> Vec<Violation> {
    let (Some(old), Some(new)) = (cx.old, cx.new) else {
        return vec![];
    };
    let Some(table) = new.contract.as_table() else {
        return vec![];
    };
    if old.kind != "table" || old.primary_key.is_empty() || table.primary_key == old.primary_key {
        return vec![];
    }
    vec![
        Violation::at(
            "/primary_key",
            format!(
                "the primary key was [{}] {}; it is now [{}]",
                old.primary_key.join(", "),
                cx.per(),
                table.primary_key.join(", ")
            ),
        )
        .on_key()
        .help("keep the primary key; a different key is a different table, with its own contract and a backfill"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{TABLE, history_violations};

    #[test]
    fn fires_when_the_key_changes() {
        assert_eq!(
            history_violations(&RULE, Some(TABLE), Some(TABLE)),
            Vec::<String>::new()
        );
        let changed = TABLE.replace("primary_key: [id]", "primary_key: [id, title]");
        assert_eq!(
            history_violations(&RULE, Some(TABLE), Some(&changed)),
            ["/primary_key: the primary key was [id] (per contracts.lock); it is now [id, title]"]
        );
    }
}

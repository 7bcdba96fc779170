//! `retention-shortened`: data is deleted (or archived) sooner than when it was released.

use super::{Category, Check, Rule};
use crate::finding::{Level, Violation};
use crate::history::lock::retention_record;
use crate::history::{HistoryContext, archive_days, lifetime};

pub static RULE: Rule = Rule {
    id: "retention-shortened",
    summary: "The retention is shorter than the one the contract was released with",
    rationale: "Consumers plan on the retention: a replay from the start of a topic, a yearly \
report, a backfill reading old rows. Deleting (or archiving) sooner removes data they may still \
need, and cannot be undone once the deletion job has run. The change should be announced to them.",
    example: "retention: {delete_after: 90d}   # released with delete_after: 400d",
    level: Level::Warning,
    category: Category::History,
    check: Check::History(check),
};

fn check(cx: &HistoryContext) -> Vec<Violation> {
    let (Some(old), Some(new)) = (cx.old, cx.new) else {
        return vec![];
    };
    let (Some(was), Some(now)) = (&old.retention, &new.contract.retention) else {
        return vec![];
    };
    let now = retention_record(now);
    let mut violations = Vec::new();
    if let (Some(before), Some(after)) = (lifetime(was), lifetime(&now))
        && after < before
    {
        violations.push(
            Violation::at(
                "/retention",
                format!("data was kept {before} {}; it is now deleted after {after}", cx.per()),
            )
            .on_key()
            .help("tell the consumers before the shorter retention takes effect: data older than the new limit will be gone"),
        );
    }
    if let (Some(before), Some(after)) = (archive_days(was), archive_days(&now))
        && after < before
    {
        violations.push(
            Violation::at(
                "/retention/archive_after",
                format!(
                    "data was archived after {before} days {}; it is now archived after {after} days",
                    cx.per()
                ),
            )
            .on_key()
            .help("tell the consumers that read recent data from the live store"),
        );
    }
    violations
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, history_violations};

    #[test]
    fn fires_when_data_is_deleted_or_archived_sooner() {
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(EVENT)),
            Vec::<String>::new()
        );
        let shorter = EVENT.replace("delete_after: 400d", "delete_after: 12w");
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(&shorter)),
            [
                "/retention: data was kept 400 days (per contracts.lock); it is now deleted after 84 days"
            ]
        );
        let longer = EVENT.replace("delete_after: 400d", "delete_after: 2y");
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(&longer)),
            Vec::<String>::new()
        );
        let forever = EVENT.replace("{delete_after: 400d}", "{keep_forever: Legal hold.}");
        assert_eq!(
            history_violations(&RULE, Some(&forever), Some(EVENT)),
            [
                "/retention: data was kept forever (per contracts.lock); it is now deleted after 400 days"
            ]
        );
        let archived = EVENT.replace(
            "{delete_after: 400d}",
            "{archive_after: 90d, delete_after: 400d}",
        );
        let sooner = EVENT.replace(
            "{delete_after: 400d}",
            "{archive_after: 30d, delete_after: 400d}",
        );
        assert_eq!(
            history_violations(&RULE, Some(&archived), Some(&sooner)),
            [
                "/retention/archive_after: data was archived after 90 days (per contracts.lock); it is now archived after 30 days"
            ]
        );
    }
}

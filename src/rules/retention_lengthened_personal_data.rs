//! `retention-lengthened-personal-data`: personal data is now kept longer than when released.

use super::{Category, Check, Rule};
use crate::finding::{Level, Violation};
use crate::history::lock::retention_record;
use crate::history::{HistoryContext, lifetime};

pub static RULE: Rule = Rule {
    id: "retention-lengthened-personal-data",
    summary: "Personal data is kept longer than when the contract was released",
    rationale: "Keeping personal data longer widens what a breach exposes and may exceed what \
users were told and what the privacy review approved. Shortening is the mirror change, \
`retention-shortened`: it hurts consumers, not data subjects.",
    example: "retention: {delete_after: 5y}   # released with 400d; `text` is x-classification: personal",
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
    match (lifetime(was), lifetime(&retention_record(now))) {
        // Whether the contract holds personal data walks every schema: only asked when needed.
        (Some(before), Some(after)) if after > before && new.contract.holds_personal_data() => vec![
            Violation::at(
                "/retention",
                format!(
                    "this contract holds personal data, kept {before} {}; it is now kept {}",
                    cx.per(),
                    match after {
                        crate::history::Lifetime::Forever => "forever".to_string(),
                        days => format!("for {days}"),
                    }
                ),
            )
            .on_key()
            .help("have the longer retention of personal data approved by whoever reviews privacy, and record why"),
        ],
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, history_violations};

    #[test]
    fn fires_when_personal_data_is_kept_longer() {
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(EVENT)),
            Vec::<String>::new()
        );
        let longer = EVENT.replace("delete_after: 400d", "delete_after: 5y");
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(&longer)),
            [
                "/retention: this contract holds personal data, kept 400 days (per contracts.lock); it is now kept for 1825 days"
            ]
        );
        let impersonal = longer.replace(", x-classification: personal", "");
        let impersonal_old = EVENT.replace(", x-classification: personal", "");
        assert_eq!(
            history_violations(&RULE, Some(&impersonal_old), Some(&impersonal)),
            Vec::<String>::new()
        );
    }
}

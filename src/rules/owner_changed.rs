//! `owner-changed`: the owning team differs from the one the contract was released with.

use super::{Category, Check, Rule};
use crate::finding::{Level, Violation};
use crate::history::HistoryContext;

pub static RULE: Rule = Rule {
    id: "owner-changed",
    summary: "The owning team changed since the last release",
    rationale: "A hand-over is legitimate, but consumers and on-call rotations should hear about \
it: the new owner answers for the data from now on. Reported as info so the change shows in \
review and in the pull-request summary.",
    example: "owner: platform   # released with owner: meetings",
    level: Level::Info,
    category: Category::History,
    check: Check::History(check),
};

fn check(cx: &HistoryContext) -> Vec<Violation> {
    let (Some(old), Some(new)) = (cx.old, cx.new) else {
        return vec![];
    };
    let (Some(was), Some(now)) = (&old.owner, &new.contract.owner) else {
        return vec![];
    };
    if was == now {
        return vec![];
    }
    vec![
        Violation::at(
            "/owner",
            format!("the owner was `{was}` {}; it is now `{now}`", cx.per()),
        )
        .on_key()
        .help("tell the contract's consumers who to ask from now on"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, history_violations};

    #[test]
    fn fires_when_the_owner_changes() {
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(EVENT)),
            Vec::<String>::new()
        );
        let changed = EVENT.replace("owner: meetings", "owner: platform");
        assert_eq!(
            history_violations(&RULE, Some(EVENT), Some(&changed)),
            ["/owner: the owner was `meetings` (per contracts.lock); it is now `platform`"]
        );
    }
}

//! `owner-missing`: a contract names no owning team.

use super::{Category, Check, Context, Rule};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "owner-missing",
    summary: "The contract names no owner",
    rationale: "Every stream and table needs a team that answers for it: who approves a breaking \
change, who is paged when it breaks, who decides its retention. An unowned contract is how data \
outlives everyone who understood it.",
    example: "contract: meeting.created\nkind: event\n# no `owner:` key",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    match cx.contract.owner.as_deref() {
        Some(owner) if !owner.trim().is_empty() => vec![],
        _ => {
            let known: Vec<&str> = cx
                .owners
                .map(|owners| owners.ids().collect())
                .unwrap_or_default();
            let pointer = if cx.contract.owner.is_some() {
                "/owner"
            } else {
                ""
            };
            vec![
                Violation::at(pointer, "the contract names no owner").help(format!(
                    "add `owner: <team>` with a team id from owners.yaml{}",
                    if known.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", known.join(", "))
                    }
                )),
            ]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, violations};

    #[test]
    fn fires_without_an_owner_only() {
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
        let without = EVENT.replace("owner: meetings\n", "");
        assert_eq!(
            violations(&RULE, &without),
            [": the contract names no owner"]
        );
    }
}

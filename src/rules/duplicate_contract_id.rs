//! `duplicate-contract-id`: two files claim the same contract id.

use super::{Category, Check, Context, Rule};
use crate::catalog::display;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "duplicate-contract-id",
    summary: "Two contract files declare the same contract id",
    rationale: "The id is how events are routed, tables are found, lineage is drawn and releases \
are recorded. Two files with one id make every one of those ambiguous; which one is checked \
against the last release would depend on file order.",
    example: "# events/meeting/created.yaml and events/meetings/created.yaml both say\ncontract: meeting.created",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(entries) = cx.index.by_id.get(&cx.contract.id) else {
        return vec![];
    };
    let this = display(&cx.file.path);
    let others: Vec<&str> = entries
        .iter()
        .map(|(_, file)| file.as_str())
        .filter(|file| *file != this)
        .collect();
    if others.is_empty() {
        return vec![];
    }
    vec![
        Violation::at(
            "/contract",
            format!(
                "contract id `{}` is also declared in {}",
                cx.contract.id,
                others.join(", ")
            ),
        )
        .help("give each contract its own id, or delete the copy"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, violations};

    #[test]
    fn fires_when_another_file_has_the_id() {
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
        let clash = EVENT.replace("contract: meeting.renamed", "contract: meeting.created");
        assert_eq!(
            violations(&RULE, &clash),
            [
                "/contract: contract id `meeting.created` is also declared in events/meeting/created.yaml"
            ]
        );
    }
}

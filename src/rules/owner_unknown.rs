//! `owner-unknown`: the owner is not a team in owners.yaml.

use super::{Category, Check, Context, Rule};
use crate::finding::{Level, Violation};
use crate::suggest;

pub static RULE: Rule = Rule {
    id: "owner-unknown",
    summary: "The owner is not a team listed in owners.yaml",
    rationale: "An owner is only useful if it can be reached: owners.yaml gives each team a name \
and a contact. A misspelt or disbanded team leaves the contract unowned in practice.",
    example: "owner: transcripton   # owners.yaml lists `transcription`",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let (Some(owner), Some(owners)) = (cx.contract.owner.as_deref(), cx.owners) else {
        return vec![];
    };
    if owner.trim().is_empty() || owners.get(owner).is_some() {
        return vec![];
    }
    let help = match suggest::closest(owner, owners.ids()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!(
            "add the team to owners.yaml, or use one of: {}",
            owners.ids().collect::<Vec<_>>().join(", ")
        ),
    };
    vec![
        Violation::at(
            "/owner",
            format!("owner `{owner}` is not a team in owners.yaml"),
        )
        .help(help),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, violations};

    #[test]
    fn fires_on_teams_owners_yaml_does_not_list() {
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
        let typo = EVENT.replace("owner: meetings", "owner: meetngs");
        assert_eq!(
            violations(&RULE, &typo),
            ["/owner: owner `meetngs` is not a team in owners.yaml"]
        );
    }
}

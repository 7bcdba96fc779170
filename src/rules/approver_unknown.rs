//! `approver-unknown`: an `accepted` entry approved by someone `owners.yaml` does not know.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::{Acceptance, Body};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "approver-unknown",
    summary: "`approved_by` is neither a team of owners.yaml nor a person listed as a team's approver",
    rationale: "An acceptance waves a finding through; its approver is who answers for that. An \
approver nobody can find (a typo, a person who left, a made-up name) makes the acceptance \
unaccountable. `approved_by` names a team id from owners.yaml, or a person listed under a \
team's `approvers:`.",
    example: "accepted:\n  - {rule: column-type-changed, path: attendee_count, reason: Shipped together., approved_by: data-platfrom}",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    // Without a readable owners.yaml there is nothing to check against (`contract-invalid`
    // reports the file).
    let Some(owners) = cx.owners else {
        return vec![];
    };
    let known: Vec<&str> = owners
        .teams
        .iter()
        .flat_map(|team| {
            std::iter::once(team.id.as_str()).chain(team.approvers.iter().map(String::as_str))
        })
        .collect();
    let per_version: Vec<&[Acceptance]> = match &cx.contract.body {
        Body::Event(event) => event
            .versions
            .iter()
            .map(|v| v.accepted.as_slice())
            .collect(),
        Body::Table(table) => table
            .versions
            .iter()
            .map(|v| v.accepted.as_slice())
            .collect(),
    };
    let mut found = Vec::new();
    for (position, accepted) in per_version.iter().enumerate() {
        for (entry, acceptance) in accepted.iter().enumerate() {
            let approver = acceptance.approved_by.trim();
            if known.contains(&approver) {
                continue;
            }
            let help = match crate::suggest::closest(approver, known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "name a team id from owners.yaml, or add the person under that team's \
`approvers:`"
                    .to_string(),
            };
            found.push(
                Violation::at(
                    format!("/versions/{position}/accepted/{entry}/approved_by"),
                    format!(
                        "`{approver}` is not a team of owners.yaml nor listed under any team's \
`approvers:`"
                    ),
                )
                .help(help),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{TABLE, violations};

    fn accepted_by(approver: &str) -> String {
        TABLE.replace(
            "    summary: Initial version.\n",
            &format!(
                "    summary: Initial version.\n    accepted:\n      - {{rule: column-type-changed, path: title, reason: Checked with every reader., approved_by: {approver}}}\n"
            ),
        )
    }

    #[test]
    fn a_team_id_passes_and_a_typo_is_told_its_team() {
        assert_eq!(
            violations(&RULE, &accepted_by("meetings")),
            Vec::<String>::new()
        );
        assert_eq!(
            violations(&RULE, &accepted_by("meetngs")),
            [
                "/versions/0/accepted/0/approved_by: `meetngs` is not a team of owners.yaml nor listed under any team's `approvers:`"
            ]
        );
    }
}

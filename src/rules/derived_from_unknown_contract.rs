//! `derived-from-unknown-contract`: a read model names a source that does not exist.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::Kind;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "derived-from-unknown-contract",
    summary: "`derived_from:` names a contract that is not in the catalogue",
    rationale: "A read model declares the events it is built from so that the docs can draw the \
lineage and so that a change to a source event can be traced to the tables it feeds. A source \
that does not exist breaks both.",
    example: "contract: analytics.synthesis-dashboard\nderived_from: [meeting.create]   # typo",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(table) = cx.contract.as_table() else {
        return vec![];
    };
    table
        .derived_from
        .iter()
        .enumerate()
        .filter(|(_, source)| cx.index.kind_of(source).is_none())
        .map(|(index, source)| {
            // Only on a miss: listing every id is linear in the catalogue, per table.
            let mut known = cx.index.ids_of(Kind::Event);
            known.extend(cx.index.ids_of(Kind::Table));
            let help = match crate::suggest::closest(source, known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "name an event or table contract of this catalogue".to_string(),
            };
            Violation::at(
                format!("/derived_from/{index}"),
                format!("`{source}` is not a contract of this catalogue"),
            )
            .help(help)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{TABLE, violations};

    #[test]
    fn fires_on_unknown_sources() {
        let known = TABLE.replace("versions:", "derived_from: [meeting.created]\nversions:");
        assert_eq!(violations(&RULE, &known), Vec::<String>::new());
        let typo = TABLE.replace(
            "versions:",
            "derived_from: [meeting.created, meeting.create]\nversions:",
        );
        assert_eq!(
            violations(&RULE, &typo),
            ["/derived_from/1: `meeting.create` is not a contract of this catalogue"]
        );
    }
}

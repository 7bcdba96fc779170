//! `compensates-unknown-event`: a compensating event names an event that does not exist.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::Kind;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "compensates-unknown-event",
    summary: "`compensates:` names an event contract that is not in the catalogue",
    rationale: "Events are immutable; a mistake is corrected by a compensating event that points \
at the original. If the original is not a known event contract, consumers cannot tell what is \
being undone and the lineage in the docs is broken.",
    example: "contract: transcription.segment-deleted\ncompensates: transcription.segment-transcibed   # typo",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(target) = cx.contract.as_event().and_then(|event| event.compensated()) else {
        return vec![];
    };
    if target == cx.contract.id {
        return vec![
            Violation::at("/compensates", "an event cannot compensate itself")
                .help("name the event whose effects this one undoes"),
        ];
    }
    match cx.index.kind_of(target) {
        Some(Kind::Event) => vec![],
        Some(Kind::Table) => vec![
            Violation::at(
                "/compensates",
                format!("`{target}` is a table, not an event"),
            )
            .help("compensating events undo other events; name the event contract"),
        ],
        None => {
            let events = cx.index.ids_of(Kind::Event);
            let help = match crate::suggest::closest(target, events.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "name an event contract of this catalogue".to_string(),
            };
            vec![
                Violation::at(
                    "/compensates",
                    format!("`{target}` is not an event contract of this catalogue"),
                )
                .help(help),
            ]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, violations};

    #[test]
    fn fires_on_unknown_or_non_event_targets() {
        let known = EVENT.replace("topic:", "compensates: meeting.created\ntopic:");
        assert_eq!(violations(&RULE, &known), Vec::<String>::new());
        let typo = EVENT.replace("topic:", "compensates: meeting.creatd\ntopic:");
        assert_eq!(
            violations(&RULE, &typo),
            ["/compensates: `meeting.creatd` is not an event contract of this catalogue"]
        );
        let table = EVENT.replace("topic:", "compensates: core.users\ntopic:");
        assert_eq!(
            violations(&RULE, &table),
            ["/compensates: `core.users` is a table, not an event"]
        );
    }
}

//! `retention-forever-personal-data`: personal data kept forever without a stated reason.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::KeepForever;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "retention-forever-personal-data",
    summary: "Personal data is kept forever without a stated reason",
    rationale: "Privacy law and users' trust both require personal data to be deleted once it has \
served its purpose. A contract holding fields or columns classified `personal` or `sensitive` may \
only be kept forever with the reason written down (`keep_forever: \"<reason>\"`), so that a \
reviewer can judge it; a bare `keep_forever: true` is refused.",
    example: "retention: {keep_forever: true}\n# … and a property with x-classification: personal",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let bare = matches!(
        cx.contract
            .retention
            .as_ref()
            .and_then(|retention| retention.keep_forever.as_ref()),
        Some(KeepForever::Flag(true))
    );
    if !bare || !cx.contract.holds_personal_data() {
        return vec![];
    }
    vec![
        Violation::at("/retention/keep_forever", "personal data is kept forever without a stated reason")
            .help("set a deletion date (`delete_after: 730d`), or write the legal or product reason: `keep_forever: \"<reason>\"`"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, TABLE, violations};

    #[test]
    fn fires_on_bare_forever_with_personal_fields_or_columns() {
        let forever = |text: &str| {
            text.replace("{delete_after: 400d}", "{keep_forever: true}")
                .replace("{delete_after: 730d}", "{keep_forever: true}")
        };
        assert_eq!(
            violations(&RULE, &forever(EVENT)),
            ["/retention/keep_forever: personal data is kept forever without a stated reason"]
        );
        assert_eq!(violations(&RULE, &forever(TABLE)).len(), 1);
    }

    #[test]
    fn passes_with_a_reason_or_without_personal_data() {
        let reasoned = EVENT.replace(
            "{delete_after: 400d}",
            "{keep_forever: Legal hold for audits.}",
        );
        assert_eq!(violations(&RULE, &reasoned), Vec::<String>::new());
        let impersonal = EVENT
            .replace("{delete_after: 400d}", "{keep_forever: true}")
            .replace(", x-classification: personal", "");
        assert_eq!(violations(&RULE, &impersonal), Vec::<String>::new());
    }
}

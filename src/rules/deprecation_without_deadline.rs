//! `deprecation-without-deadline`: a field or column deprecated with no removal date.

use super::{Category, Check, Context, Rule};
use crate::catalog::deprecation::{self, Deadline};
use crate::catalog::model::Kind;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "deprecation-without-deadline",
    summary: "A field or column is deprecated without a removal date",
    rationale: "A deprecation is a promise to consumers: this goes away, and not before this \
date. Without a date consumers cannot plan, and the owner can never remove the field, because \
removal is only allowed after an announced deadline has passed. Checked on the latest version.",
    example: "confidence: {type: number, deprecated: true}   # add x-remove-after: 2027-03-01",
    level: Level::Warning,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(position) = deprecation::latest_position(cx.contract) else {
        return vec![];
    };
    let key = match cx.contract.kind() {
        Kind::Event => "x-remove-after: YYYY-MM-DD",
        Kind::Table => "deprecated: {remove_after: YYYY-MM-DD, reason: …}",
    };
    deprecation::in_version(cx.contract, position)
        .into_iter()
        .filter_map(|deprecated| match deprecated.deadline {
            Deadline::On(_) => None,
            Deadline::None => Some(
                Violation::at(
                    &deprecated.pointer,
                    format!("`{}` is deprecated without a removal date", deprecated.name),
                )
                .on_key()
                .help(format!("announce when it goes: `{key}`"))
                .path(deprecated.path),
            ),
            Deadline::Unreadable(text) => Some(
                Violation::at(
                    format!("{}/x-remove-after", deprecated.pointer),
                    format!(
                        "`{}` has a removal date that is not a date: {text}",
                        deprecated.name
                    ),
                )
                .help(format!("write `{key}`"))
                .path(deprecated.path),
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, TABLE, violations};

    #[test]
    fn fires_on_deprecations_without_a_date() {
        let dated = EVENT.replace(
            "The new title.,",
            "The new title., deprecated: true, x-remove-after: 2027-01-01,",
        );
        assert_eq!(violations(&RULE, &dated), Vec::<String>::new());
        let undated = EVENT.replace("The new title.,", "The new title., deprecated: true,");
        assert_eq!(
            violations(&RULE, &undated),
            ["/versions/0/schema/properties/title: `title` is deprecated without a removal date"]
        );
        let garbled = EVENT.replace(
            "The new title.,",
            "The new title., deprecated: true, x-remove-after: soon,",
        );
        assert_eq!(
            violations(&RULE, &garbled),
            [
                "/versions/0/schema/properties/title/x-remove-after: `title` has a removal date that is not a date: soon"
            ]
        );
        let column = TABLE.replace(
            "classification: personal}",
            "classification: personal, deprecated: true}",
        );
        assert_eq!(
            violations(&RULE, &column),
            ["/versions/0/columns/1: `title` is deprecated without a removal date"]
        );
    }
}

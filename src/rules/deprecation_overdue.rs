//! `deprecation-overdue`: a deprecated field or column is still there after its deadline.

use super::{Category, Check, Context, Rule};
use crate::catalog::deprecation::{self, Deadline};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "deprecation-overdue",
    summary: "A deprecated field or column is still present after its removal date",
    rationale: "A deadline that passes without the removal teaches consumers that deadlines are \
not real, and they keep reading the field. Either remove it in a new version or, if plans \
changed, move the date and tell the consumers. Checked on the latest version against today \
(`--today` overrides the clock).",
    example: "legacy_username: {…, deprecated: {remove_after: 2026-10-01}}   # and today is later",
    level: Level::Warning,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(position) = deprecation::latest_position(cx.contract) else {
        return vec![];
    };
    deprecation::in_version(cx.contract, position)
        .into_iter()
        .filter_map(|deprecated| match deprecated.deadline {
            Deadline::On(date) if date < cx.today => Some(
                Violation::at(
                    &deprecated.pointer,
                    format!(
                        "`{}` was due for removal on {date} and is still here",
                        deprecated.name
                    ),
                )
                .on_key()
                .help("remove it in a new version, or move the date and tell its consumers")
                .path(deprecated.path),
            ),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, TABLE, violations};

    #[test]
    fn fires_only_after_the_deadline() {
        let future = EVENT.replace(
            "The new title.,",
            "The new title., deprecated: true, x-remove-after: 2026-06-02,",
        );
        assert_eq!(violations(&RULE, &future), Vec::<String>::new());
        let past = EVENT.replace(
            "The new title.,",
            "The new title., deprecated: true, x-remove-after: 2026-05-31,",
        );
        assert_eq!(
            violations(&RULE, &past),
            [
                "/versions/0/schema/properties/title: `title` was due for removal on 2026-05-31 and is still here"
            ]
        );
        let column = TABLE.replace(
            "classification: personal}",
            "classification: personal, deprecated: {remove_after: 2026-01-01}}",
        );
        assert_eq!(
            violations(&RULE, &column),
            ["/versions/0/columns/1: `title` was due for removal on 2026-01-01 and is still here"]
        );
    }
}

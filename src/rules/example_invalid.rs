//! `example-invalid`: an example does not validate against its own version's schema.

use super::{Category, Check, Context, Rule};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "example-invalid",
    summary: "An example does not validate against its own version's schema",
    rationale: "Examples are documentation that can be tested: they show consumers real payloads \
and they are replayed against later versions to catch breaking changes. An example its own schema \
rejects teaches the wrong shape.",
    example: "schema: {properties: {meeting_id: {type: string, format: uuid}}}\nexamples:\n  - {meeting_id: 42}",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(event) = cx.contract.as_event() else {
        return vec![];
    };
    let mut found = Vec::new();
    for (position, version) in event.versions.iter().enumerate() {
        // An uncompilable schema is `schema-invalid`'s finding; there is nothing to validate against.
        let Ok(validator) = cx.validator(position) else {
            continue;
        };
        for (index, example) in version.examples.iter().enumerate() {
            for error in validator.iter_errors(example) {
                let inside = error.instance_path().as_str().to_string();
                found.push(
                    Violation::at(
                        format!("/versions/{position}/examples/{index}{inside}"),
                        format!("example {} of version {} is rejected by its schema: {error}", index + 1, version.version),
                    )
                    .help("fix the example, or the schema if the example shows what producers really send")
                    .versions(None, version.version),
                );
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, violations};

    #[test]
    fn points_at_the_offending_value() {
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
        let bad = EVENT.replace("title: Weekly sync", "title: 42");
        assert_eq!(
            violations(&RULE, &bad),
            [
                "/versions/0/examples/0/title: example 1 of version 1 is rejected by its schema: 42 is not of type \"string\""
            ]
        );
    }
}

//! `example-rejected-by-new-version`: an example recorded on an older version fails the new schema.

use super::{Category, Check, Rule};
use crate::evolution::event::EventChange;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "example-rejected-by-new-version",
    summary: "An example of an older version no longer validates against the new version",
    rationale: "Examples are real payloads that producers of the old version sent. Under a \
backward mode the new schema must accept every payload the old one did; an old example it \
rejects is a concrete payload a replaying consumer will fail on, whatever the schema comparison \
concluded. Checked under backward, full and their transitive modes.",
    example: "# v1 example: {meeting_id: …, title: Weekly sync}\n# v2 schema: title: {type: string, maxLength: 5}",
    level: Level::Error,
    category: Category::EventEvolution,
    check: Check::EventChange(check),
};

fn check(change: &EventChange) -> Vec<Violation> {
    if !change.mode.checks_backward() {
        return vec![];
    }
    // An uncompilable new schema is `schema-invalid`'s finding.
    let Ok(validator) = change.cx.validator(change.new) else {
        return vec![];
    };
    let (old, new) = (change.old_version(), change.new_version());
    let mut found = Vec::new();
    for (index, example) in old.examples.iter().enumerate() {
        for error in validator.iter_errors(example) {
            // Point at the keyword's schema in the new version: that is what changed.
            let keyword = error.schema_path().as_str().to_string();
            let parent = keyword
                .rsplit_once('/')
                .map_or("", |(parent, _)| parent)
                .to_string();
            found.push(
                Violation::at(
                    format!("/versions/{}/schema{parent}", change.new),
                    format!(
                        "example {} of version {} (at /versions/{}/examples/{index}{}) is rejected by version {}: {error}",
                        index + 1,
                        old.version,
                        change.old,
                        error.instance_path().as_str(),
                        new.version
                    ),
                )
                .help("old payloads must stay valid under a backward mode: loosen the new schema, or make this a new event")
                .versions(Some(old.version), new.version)
                .path(parent),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{evolving, violations};

    const OLD: &str =
        "{type: object, properties: {title: {type: string}}}\n    examples: [{title: Weekly sync}]";

    #[test]
    fn fires_when_an_old_example_fails_the_new_schema() {
        let tightened = evolving(
            OLD,
            "{type: object, properties: {title: {type: string, maxLength: 5}}}",
        );
        assert_eq!(
            violations(&RULE, &tightened),
            [
                "/versions/1/schema/properties/title: example 1 of version 1 (at /versions/0/examples/0/title) is rejected by version 2: \"Weekly sync\" is longer than 5 characters"
            ]
        );
    }

    #[test]
    fn passes_when_examples_stay_valid_or_the_mode_is_forward() {
        let loosened = evolving(
            OLD,
            "{type: object, properties: {title: {type: [string, 'null']}}}",
        );
        assert_eq!(violations(&RULE, &loosened), Vec::<String>::new());
        let forward = evolving(
            OLD,
            "{type: object, properties: {title: {type: string, maxLength: 5}}}",
        )
        .replace("retention:", "compatibility: forward\nretention:");
        assert_eq!(violations(&RULE, &forward), Vec::<String>::new());
    }
}

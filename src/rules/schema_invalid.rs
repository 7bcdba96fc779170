//! `schema-invalid`: a version's payload schema is not a usable JSON Schema.

use super::{Category, Check, Context, Rule};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "schema-invalid",
    summary: "A version's schema is not a valid, self-contained JSON Schema",
    rationale: "The schema is what producers validate against and what compatibility is judged \
on. It must be valid JSON Schema (draft 2020-12) and self-contained: `$ref` may only point inside \
the contract (`#/$defs/…`), because the tool never touches the network and a schema that changes \
when a remote file changes is not a contract.",
    example: "schema:\n  type: objekt\n  properties: {id: {$ref: \"https://example.com/id.json\"}}",
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
        if let Err(problem) = cx.validator(position) {
            let help = problem.help.clone().unwrap_or_else(|| {
                "fix the schema (JSON Schema draft 2020-12); put shared definitions under `$defs` and refer to them as `#/$defs/<name>`".into()
            });
            found.push(
                Violation::at(
                    format!("/versions/{position}/schema{}", problem.pointer),
                    format!(
                        "the schema of version {} is invalid: {}",
                        version.version, problem.message
                    ),
                )
                .help(help)
                .versions(None, version.version),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, violations};

    #[test]
    fn valid_schemas_pass() {
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
    }

    #[test]
    fn fires_on_bad_types_and_remote_refs() {
        let bad = EVENT.replace("type: object\n", "type: objekt\n");
        let found = violations(&RULE, &bad);
        assert_eq!(
            found,
            [
                "/versions/0/schema/type: the schema of version 1 is invalid: `type: objekt` is not a JSON Schema type"
            ]
        );
        let remote = EVENT.replace(
            "{type: string, format: uuid, description: The meeting.}",
            "{$ref: \"https://example.com/id.json\"}",
        );
        assert_eq!(
            violations(&RULE, &remote),
            [
                "/versions/0/schema/properties/meeting_id/$ref: the schema of version 1 is invalid: `$ref: https://example.com/id.json` points outside the contract; the tool never fetches schemas"
            ]
        );
    }

    // Regression: a single version whose `$ref`s lead nowhere passed `contract check`, since only
    // comparing it with another version followed them; it could be released.
    #[test]
    fn fires_at_once_on_refs_with_no_way_out() {
        let meeting = "{type: string, format: uuid, description: The meeting.}";
        let with = |reference: &str, defs: &str| {
            EVENT
                .replace(meeting, &format!("{{$ref: \"{reference}\"}}"))
                .replace(
                    "    examples:\n",
                    &format!("      $defs: {defs}\n    examples:\n"),
                )
        };
        assert_eq!(
            violations(
                &RULE,
                &with(
                    "#/$defs/a",
                    "{a: {$ref: \"#/$defs/b\"}, b: {$ref: \"#/$defs/a\"}}"
                )
            ),
            [
                "/versions/0/schema/properties/meeting_id/$ref: the schema of version 1 is invalid: `$ref: #/$defs/a` only leads to further references and never to a schema"
            ]
        );
        assert_eq!(
            violations(&RULE, &with("#/$defs/missing", "{}")),
            [
                "/versions/0/schema/properties/meeting_id/$ref: the schema of version 1 is invalid: `$ref: #/$defs/missing` points at nothing in the schema"
            ]
        );
        let only_itself = EVENT.replace(
            "      type: object\n      required: [meeting_id, title]\n",
            "      $ref: \"#\"\n      required: [meeting_id, title]\n",
        );
        assert_eq!(
            violations(&RULE, &only_itself),
            [
                "/versions/0/schema/$ref: the schema of version 1 is invalid: `$ref: #` only leads to further references and never to a schema"
            ]
        );
    }

    #[test]
    fn recursion_with_a_way_out_passes() {
        let linked = EVENT.replace(
            "{type: string, description: The new title., x-classification: personal}",
            "{type: string, description: The new title., x-classification: personal}\n        next: {$ref: \"#\"}",
        );
        assert!(linked.contains("next: {$ref"));
        assert_eq!(violations(&RULE, &linked), Vec::<String>::new());
    }
}

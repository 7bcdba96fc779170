//! `partition-key-optional`: the partition key is declared but not required.

use super::{Category, Check, Context, Rule};
use crate::catalog::schema_walk::top_level_properties;
use crate::finding::{Level, Violation};
use crate::pointer::pointer_token;

pub static RULE: Rule = Rule {
    id: "partition-key-optional",
    summary: "The partition key is an optional property in some version",
    rationale: "An event without its partition key lands on an arbitrary partition, out of order \
with the rest of its key's history. The key must be listed in `required` in every version.",
    example: "partition_key: meeting_id\nschema:\n  required: [title]\n  properties: {meeting_id: {type: string}, title: {type: string}}",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(event) = cx.contract.as_event() else {
        return vec![];
    };
    let Some(key) = event.partition_key.as_deref() else {
        return vec![];
    };
    event
        .versions
        .iter()
        .enumerate()
        .filter(|(_, version)| top_level_properties(&version.schema).contains(&(key, false)))
        .map(|(position, version)| {
            Violation::at(
                format!(
                    "/versions/{position}/schema/properties/{}",
                    pointer_token(key)
                ),
                format!(
                    "partition key `{key}` is optional in version {}",
                    version.version
                ),
            )
            .on_key()
            .help(format!("add `{key}` to the schema's `required` list"))
            .versions(None, version.version)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, violations};

    #[test]
    fn fires_when_the_key_is_not_required() {
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
        let optional = EVENT.replace("required: [meeting_id, title]", "required: [title]");
        assert_eq!(
            violations(&RULE, &optional),
            [
                "/versions/0/schema/properties/meeting_id: partition key `meeting_id` is optional in version 1"
            ]
        );
    }
}

//! `partition-key-not-in-schema`: the partition key is not a property of a version's schema.

use super::{Category, Check, Context, Rule};
use crate::catalog::schema_walk::top_level_properties;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "partition-key-not-in-schema",
    summary: "The partition key is not a top-level property of every version's schema",
    rationale: "Producers partition by reading the key from the payload. If a version's schema \
does not declare the property, nothing guarantees producers can send it, and consumers relying on \
per-key ordering silently lose it. Checked on every version.",
    example: "partition_key: meeting_id\nversions:\n  - version: 1\n    schema: {properties: {meeting: {type: string}}}",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(event) = cx.contract.as_event() else {
        return vec![];
    };
    let Some(key) = event
        .partition_key
        .as_deref()
        .filter(|key| !key.trim().is_empty())
    else {
        return vec![];
    };
    let mut found = Vec::new();
    for (position, version) in event.versions.iter().enumerate() {
        let properties = top_level_properties(&version.schema);
        if properties.iter().any(|(name, _)| *name == key) {
            continue;
        }
        let names: Vec<&str> = properties.iter().map(|(name, _)| *name).collect();
        let help = match crate::suggest::closest(key, names.iter().copied()) {
            Some(near) => {
                format!("did you mean `{near}`? Otherwise declare `{key}` under `properties`")
            }
            None => format!("declare `{key}` under `properties` and list it in `required`"),
        };
        found.push(
            Violation::at(
                format!("/versions/{position}/schema"),
                format!(
                    "partition key `{key}` is not a property of version {}",
                    version.version
                ),
            )
            .on_key()
            .help(help)
            .versions(None, version.version),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{EVENT, violations};

    #[test]
    fn fires_per_version_missing_the_key() {
        assert_eq!(violations(&RULE, EVENT), Vec::<String>::new());
        let renamed = EVENT.replace("partition_key: meeting_id", "partition_key: meeting");
        assert_eq!(
            violations(&RULE, &renamed),
            ["/versions/0/schema: partition key `meeting` is not a property of version 1"]
        );
    }
}

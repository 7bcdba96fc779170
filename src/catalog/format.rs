//! The published file formats (contract, owners, settings) as JSON Schemas, and validation of a
//! parsed file against them with messages a person can act on.

use crate::suggest;
use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use serde_json::Value;
use std::sync::OnceLock;

/// The contract format, the same file editors use through yaml-language-server.
pub const CONTRACT_SCHEMA: &str = include_str!("../../schemas/contract.schema.json");
pub const OWNERS_SCHEMA: &str = include_str!("../../schemas/owners.schema.json");
pub const SETTINGS_SCHEMA: &str = include_str!("../../schemas/settings.schema.json");

/// Which published format a file must follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Contract,
    Owners,
    Settings,
}

/// One way a file breaks its format, located by JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatIssue {
    pub pointer: String,
    /// The issue is about the key at `pointer` (unknown key), not its value.
    pub at_key: bool,
    pub message: String,
    pub help: Option<String>,
}

struct Compiled {
    schema: Value,
    validator: Validator,
}

fn compiled(format: Format) -> &'static Compiled {
    static CONTRACT: OnceLock<Compiled> = OnceLock::new();
    static OWNERS: OnceLock<Compiled> = OnceLock::new();
    static SETTINGS: OnceLock<Compiled> = OnceLock::new();
    let (cell, text) = match format {
        Format::Contract => (&CONTRACT, CONTRACT_SCHEMA),
        Format::Owners => (&OWNERS, OWNERS_SCHEMA),
        Format::Settings => (&SETTINGS, SETTINGS_SCHEMA),
    };
    cell.get_or_init(|| {
        // The schemas are part of this program: failing to load them is a bug, not bad input.
        let schema: Value = serde_json::from_str(text).expect("bundled format schema is JSON");
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .expect("bundled format schema compiles");
        Compiled { schema, validator }
    })
}

/// Every way `instance` breaks `format`, in document order of their pointers.
pub fn validate(format: Format, instance: &Value) -> Vec<FormatIssue> {
    let compiled = compiled(format);
    // Nearly every file is valid, and a yes/no check skips the error bookkeeping.
    if compiled.validator.is_valid(instance) {
        return Vec::new();
    }
    let mut issues: Vec<FormatIssue> = Vec::new();
    for error in compiled.validator.iter_errors(instance) {
        for issue in describe(&compiled.schema, &error) {
            if !issues.contains(&issue) {
                issues.push(issue);
            }
        }
    }
    issues
}

/// The schema node that an error's keyword sits in (the object holding `properties`, `enum`, …).
fn keyword_parent<'s>(schema: &'s Value, error: &ValidationError) -> Option<&'s Value> {
    let location = error.absolute_keyword_location()?;
    let fragment = location.fragment()?.as_str();
    let decoded = fragment.replace("%24", "$");
    let parent = decoded.rsplit_once('/').map_or("", |(parent, _)| parent);
    schema.pointer(parent)
}

fn describe(schema: &Value, error: &ValidationError) -> Vec<FormatIssue> {
    let pointer = error.instance_path().as_str().to_string();
    let parent = keyword_parent(schema, error);
    let described_help = parent
        .and_then(|node| node.get("description"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let instance = error.instance();
    let issue = |message: String, help: Option<String>| FormatIssue {
        pointer: pointer.clone(),
        at_key: false,
        message,
        help,
    };
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known: Vec<&str> = parent
                .and_then(|node| node.get("properties"))
                .and_then(Value::as_object)
                .map(|properties| properties.keys().map(String::as_str).collect())
                .unwrap_or_default();
            unexpected
                .iter()
                .map(|key| FormatIssue {
                    pointer: format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")),
                    at_key: true,
                    message: format!("unknown key `{key}`"),
                    help: Some(match suggest::closest(key, known.iter().copied()) {
                        Some(near) => {
                            format!("did you mean `{near}`? (`x-` keys are free for your own use)")
                        }
                        None => format!(
                            "allowed keys here: {}; `x-` keys are free for your own use",
                            known.join(", ")
                        ),
                    }),
                })
                .collect()
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let where_ = if pointer.is_empty() {
                "the file".to_string()
            } else {
                format!("`{pointer}`")
            };
            vec![issue(
                format!("missing required key `{name}` in {where_}"),
                None,
            )]
        }
        ValidationErrorKind::Type { kind } => {
            let expected = format!("{kind:?}")
                .to_lowercase()
                .replace("single(", "")
                .replace("multiple(", "")
                .replace(')', "");
            vec![issue(
                format!(
                    "{} must be {}, found {}",
                    name_of(&pointer),
                    expected_type(&expected),
                    type_name(instance)
                ),
                described_help,
            )]
        }
        ValidationErrorKind::Enum { options } => {
            let choices: Vec<&str> = options
                .as_array()
                .map(|options| options.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let found = instance
                .as_str()
                .map_or_else(|| instance.to_string(), str::to_string);
            let help = match suggest::closest(&found, choices.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("use one of: {}", choices.join(", ")),
            };
            vec![issue(
                format!("{} is `{found}`, which is not allowed", name_of(&pointer)),
                Some(help),
            )]
        }
        ValidationErrorKind::Constant { expected_value } => vec![issue(
            format!(
                "{} must be {expected_value}, found {instance}",
                name_of(&pointer)
            ),
            None,
        )],
        ValidationErrorKind::Format { format } if format == "date" => vec![issue(
            format!("`{}` is not a date", instance.as_str().unwrap_or_default()),
            Some("write a calendar date as YYYY-MM-DD, e.g. 2026-03-01".into()),
        )],
        ValidationErrorKind::Pattern { .. } => vec![issue(
            format!(
                "{} `{}` is not allowed here",
                name_of(&pointer),
                instance.as_str().unwrap_or_default()
            ),
            described_help.or_else(|| {
                Some(format!(
                    "it must match the pattern in {}",
                    schema_name(schema)
                ))
            }),
        )],
        // The library's own sentence is clear for bounds and the rest.
        _ => vec![issue(
            format!("{}: {error}", name_of(&pointer)),
            described_help,
        )],
    }
}

fn name_of(pointer: &str) -> String {
    match pointer.rsplit('/').next() {
        Some(last) if !last.is_empty() && last.parse::<usize>().is_err() => format!("`{last}`"),
        _ if pointer.is_empty() => "the file".to_string(),
        _ => format!("`{pointer}`"),
    }
}

fn expected_type(kinds: &str) -> String {
    kinds
        .split([',', '|'])
        .map(|kind| match kind.trim() {
            "object" => "a mapping",
            "array" => "a list",
            "string" => "text",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true or false",
            "null" => "empty",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(n) if n.is_i64() || n.is_u64() => "a whole number",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn schema_name(schema: &Value) -> String {
    schema
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("the format")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn minimal_event() -> Value {
        json!({"contract": "a.b", "kind": "event", "versions": [{"version": 1, "schema": {}}]})
    }

    #[test]
    fn a_minimal_contract_is_valid() {
        assert_eq!(validate(Format::Contract, &minimal_event()), vec![]);
    }

    #[test]
    fn unknown_keys_suggest_the_known_one() {
        let mut contract = minimal_event();
        contract["descripton"] = json!("x");
        contract["x-team-notes"] = json!("free");
        let issues = validate(Format::Contract, &contract);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].pointer, "/descripton");
        assert!(issues[0].at_key);
        assert_eq!(issues[0].message, "unknown key `descripton`");
        assert_eq!(
            issues[0].help.as_deref(),
            Some("did you mean `description`? (`x-` keys are free for your own use)")
        );
    }

    #[test]
    fn path_characters_in_ids_are_refused() {
        let mut contract = minimal_event();
        contract["contract"] = json!("../x");
        let issues = validate(Format::Contract, &contract);
        assert_eq!(issues[0].pointer, "/contract");
        assert_eq!(issues[0].message, "`contract` `../x` is not allowed here");
        assert!(
            issues[0]
                .help
                .as_deref()
                .unwrap()
                .contains("lowercase letters")
        );
    }

    #[test]
    fn wrong_types_and_impossible_dates_are_named() {
        let mut contract = minimal_event();
        contract["versions"][0]["version"] = json!("one");
        contract["versions"][0]["released"] = json!("2026-02-30");
        let issues = validate(Format::Contract, &contract);
        let messages: Vec<_> = issues
            .iter()
            .map(|i| (i.pointer.as_str(), i.message.as_str()))
            .collect();
        assert!(
            messages.contains(&(
                "/versions/0/version",
                "`version` must be a whole number, found text"
            )),
            "{messages:?}"
        );
        assert!(
            messages.contains(&("/versions/0/released", "`2026-02-30` is not a date")),
            "{messages:?}"
        );
    }

    #[test]
    fn kind_typos_are_suggested() {
        let mut contract = minimal_event();
        contract["kind"] = json!("evnt");
        let issues = validate(Format::Contract, &contract);
        assert_eq!(issues[0].message, "`kind` is `evnt`, which is not allowed");
        assert_eq!(issues[0].help.as_deref(), Some("did you mean `event`?"));
    }
}

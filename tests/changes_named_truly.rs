//! No finding names a change that did not happen, in any mode: every event fixture is checked
//! under every compatibility mode, and each finding of a mirror rule (enum values added or
//! removed, types widened or narrowed, bounds tightened or loosened) is held to the actual
//! old → new difference at its path.
//!
//! Regression: under forward modes, adding an enum value was reported as `enum-value-removed`
//! and widening a type as `type-narrowed`, the old reader's view of the change rather than the
//! change the author made.

use contract::date::Date;
use serde_json::Value;
use std::path::{Path, PathBuf};

const MODES: &[&str] = &[
    "none",
    "backward",
    "forward",
    "full",
    "backward_transitive",
    "forward_transitive",
    "full_transitive",
];

/// Every fixture directory (a tiny catalogue) under fixtures/rules.
fn fixtures() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    for rule in std::fs::read_dir(root).unwrap() {
        for case in std::fs::read_dir(rule.unwrap().path()).unwrap() {
            let path = case.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            }
        }
    }
    dirs.sort();
    dirs
}

/// The YAML files of a catalogue, recursively.
fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

/// The text of an event contract with its `compatibility:` set to `mode`.
fn with_mode(text: &str, mode: &str) -> String {
    let mut lines: Vec<String> = text
        .lines()
        .filter(|line| !line.starts_with("compatibility:"))
        .map(str::to_string)
        .collect();
    if let Some(at) = lines.iter().position(|l| l.starts_with("retention:")) {
        lines.insert(at, format!("compatibility: {mode}"));
    }
    lines.join("\n") + "\n"
}

/// The set of JSON types a schema allows, `integer` included in `number`.
fn types(schema: &Value) -> Option<Vec<String>> {
    let mut names: Vec<String> = match schema.get("type")? {
        Value::String(one) => vec![one.clone()],
        Value::Array(many) => many
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        _ => return None,
    };
    if names.iter().any(|t| t == "number") && !names.iter().any(|t| t == "integer") {
        names.push("integer".into());
    }
    Some(names)
}

fn subset(a: &[String], b: &[String]) -> bool {
    a.iter().all(|x| b.contains(x))
}

/// Why a finding's claimed change contradicts the old → new difference, if it does.
fn contradiction(rule: &str, old: &Value, new: &Value) -> Option<String> {
    match rule {
        "enum-value-added" | "enum-value-removed" => {
            let (Some(old_enum), Some(new_enum)) = (
                old.get("enum").and_then(Value::as_array),
                new.get("enum").and_then(Value::as_array),
            ) else {
                return None;
            };
            let added = new_enum.iter().any(|v| !old_enum.contains(v));
            let removed = old_enum.iter().any(|v| !new_enum.contains(v));
            match rule {
                "enum-value-added" if !added => {
                    Some(format!("no value added: {old_enum:?} → {new_enum:?}"))
                }
                "enum-value-removed" if !removed => {
                    Some(format!("no value removed: {old_enum:?} → {new_enum:?}"))
                }
                _ => None,
            }
        }
        "type-widened" | "type-narrowed" => {
            let (Some(old_types), Some(new_types)) = (types(old), types(new)) else {
                return None;
            };
            let widened = subset(&old_types, &new_types) && !subset(&new_types, &old_types);
            let narrowed = subset(&new_types, &old_types) && !subset(&old_types, &new_types);
            match rule {
                "type-widened" if narrowed => {
                    Some(format!("narrowed: {old_types:?} → {new_types:?}"))
                }
                "type-narrowed" if widened => {
                    Some(format!("widened: {old_types:?} → {new_types:?}"))
                }
                _ => None,
            }
        }
        "constraint-tightened" | "constraint-loosened" => {
            // Upper bounds: lower is tighter, absent is loosest; lower bounds the other way.
            let uppers = ["maxLength", "maxItems", "maximum", "maxProperties"];
            let lowers = ["minLength", "minItems", "minimum", "minProperties"];
            let mut tighter = false;
            let mut looser = false;
            for (keys, upper) in [(uppers, true), (lowers, false)] {
                for key in keys {
                    let (a, b) = (
                        old.get(key).and_then(Value::as_f64),
                        new.get(key).and_then(Value::as_f64),
                    );
                    match (a, b) {
                        (None, Some(_)) => tighter = true,
                        (Some(_), None) => looser = true,
                        (Some(a), Some(b)) if a != b => {
                            if (b < a) == upper {
                                tighter = true
                            } else {
                                looser = true
                            }
                        }
                        _ => {}
                    }
                }
            }
            match rule {
                "constraint-tightened" if looser && !tighter => Some("only bounds loosened".into()),
                "constraint-loosened" if tighter && !looser => Some("only bounds tightened".into()),
                _ => None,
            }
        }
        "content-model-closed" | "content-model-opened" => {
            let closed =
                |schema: &Value| schema.get("additionalProperties") == Some(&Value::Bool(false));
            match rule {
                "content-model-closed" if !closed(new) || closed(old) => {
                    Some("the model was not closed".into())
                }
                "content-model-opened" if !closed(old) || closed(new) => {
                    Some("the model was not opened".into())
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// For the rules about a property's `required`-ness: whether `name` is in the `required` list of
/// the object that holds it, in old and in new.
fn required_contradiction(rule: &str, name: &str, old: &Value, new: &Value) -> Option<String> {
    let required = |object: &Value| {
        object
            .get("required")
            .and_then(Value::as_array)
            .is_some_and(|names| names.iter().any(|n| n == name))
    };
    match rule {
        "field-made-required" if !required(new) || required(old) => {
            Some(format!("`{name}` was not made required"))
        }
        "field-made-optional" if !required(old) || required(new) => {
            Some(format!("`{name}` was not made optional"))
        }
        _ => None,
    }
}

/// The schema at `pointer` in version `number` of a contract.
fn schema_of_object(contract: &Value, number: u32, pointer: &str) -> Option<Value> {
    contract["versions"]
        .as_array()?
        .iter()
        .find(|v| v["version"] == number)?["schema"]
        .pointer(pointer)
        .cloned()
}

#[test]
fn no_finding_names_a_change_that_did_not_happen_in_any_mode() {
    let today = Date::parse("2026-11-26").unwrap();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for fixture in fixtures() {
        let mut files = Vec::new();
        yaml_files(&fixture, &mut files);
        let has_history = files.iter().any(|f| {
            std::fs::read_to_string(f)
                .is_ok_and(|t| t.contains("kind: event") && t.matches("- version:").count() >= 2)
        });
        if !has_history {
            continue;
        }
        for mode in MODES {
            let copy = tempfile::tempdir().unwrap();
            let mut contracts: Vec<(PathBuf, Value)> = Vec::new();
            for file in &files {
                let relative = file.strip_prefix(&fixture).unwrap();
                let target = copy.path().join(relative);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                let text = std::fs::read_to_string(file).unwrap();
                let text = if text.contains("\nkind: event") {
                    with_mode(&text, mode)
                } else {
                    text
                };
                std::fs::write(&target, &text).unwrap();
                if let Ok(value) = serde_saphyr::from_str::<Value>(&text) {
                    contracts.push((target, value));
                }
            }
            let lock = fixture.join("contracts.lock");
            if lock.exists() {
                std::fs::copy(&lock, copy.path().join("contracts.lock")).unwrap();
            }
            let Ok(outcome) = contract::check::check(&[copy.path().to_path_buf()], today) else {
                continue;
            };
            for finding in &outcome.findings {
                let (Some(old_v), Some(new_v), Some(path)) = (
                    finding.old_version,
                    finding.new_version,
                    finding.path.as_deref(),
                ) else {
                    continue;
                };
                let Some((_, contract)) = contracts.iter().find(|(_, c)| {
                    c.get("contract").and_then(Value::as_str) == finding.contract.as_deref()
                }) else {
                    continue;
                };
                let schema_of = |number: u32| {
                    contract["versions"]
                        .as_array()
                        .and_then(|vs| vs.iter().find(|v| v["version"] == number))
                        .and_then(|v| v["schema"].pointer(path).cloned())
                };
                let holder = path.rsplit_once("/properties/");
                if let Some((object, name)) = holder
                    && let (Some(old), Some(new)) = (
                        schema_of_object(contract, old_v, object),
                        schema_of_object(contract, new_v, object),
                    )
                    && let Some(why) = required_contradiction(finding.rule, name, &old, &new)
                {
                    wrong.push(format!(
                        "{} under {mode}: {} at {path} (v{old_v} → v{new_v}): {why}",
                        fixture.display(),
                        finding.rule
                    ));
                }
                let (Some(old), Some(new)) = (schema_of(old_v), schema_of(new_v)) else {
                    continue;
                };
                checked += 1;
                if let Some(why) = contradiction(finding.rule, &old, &new) {
                    wrong.push(format!(
                        "{} under {mode}: {} at {path} (v{old_v} → v{new_v}): {why}",
                        fixture.display(),
                        finding.rule
                    ));
                }
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} findings were compared: the test lost its fixtures"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

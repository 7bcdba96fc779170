//! The falsifier: tries to prove the compatibility engine wrong. It takes every schema in
//! `contracts/` and `fixtures/` (each version of each contract, each raw schema file, both sides
//! of each pair in `fixtures/compat/cases/`) and small random ones, mutates them at random
//! places, and for each pair:
//! - a "compatible" verdict (strict policy, or lenient without its one documented relaxation)
//!   must hold for data: every value generated from the old schema and valid under it (checked
//!   with `jsonschema`) is valid under the new one (forward: the reverse);
//! - every witness the engine shows is valid under the accepting schema and rejected by the other.
//!
//! `cargo test --test compat_falsifier` runs a few hundred cases; set `CONTRACT_FALSIFIER_CASES`
//! (e.g. 200000, about an hour on one core) to run it long, and `CONTRACT_FALSIFIER_SEED` to
//! explore other pairs. A failure prints the pair.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use contract::commands::compat::read_schema;
use contract::compat::witness::generate::{Generator, Hints};
use contract::compat::witness::{self, Witness};
use contract::compat::{Direction, Policy, check};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};

fn corpus() -> &'static [Value] {
    static CORPUS: OnceLock<Vec<Value>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut files = Vec::new();
        for dir in ["contracts", "fixtures"] {
            collect(Path::new(dir), &mut files);
        }
        let mut schemas = vec![json!({}), json!({"type": "object"})];
        for file in files {
            let Ok(document) = read_schema(&file) else {
                continue;
            };
            if let Some(cases) = document.as_array() {
                // fixtures/compat/cases/*.json: old/new pairs, each side a schema.
                for case in cases {
                    schemas.extend(["old", "new"].iter().filter_map(|k| case.get(*k)).cloned());
                }
                continue;
            }
            match document.get("versions").and_then(Value::as_array) {
                Some(versions) => {
                    schemas.extend(versions.iter().filter_map(|v| v.get("schema")).cloned())
                }
                None if document.get("contract").is_none() && is_schema(&document) => {
                    schemas.push(document)
                }
                None => {}
            }
        }
        schemas.retain(|s| compile(s).is_some() && contract::compat::check_references(s).is_ok());
        assert!(schemas.len() > 20, "only {} schemas found", schemas.len());
        schemas
    })
}

fn is_schema(value: &Value) -> bool {
    value.is_boolean()
        || value.as_object().is_some_and(|m| {
            [
                "type",
                "properties",
                "$ref",
                "enum",
                "anyOf",
                "oneOf",
                "allOf",
                "items",
            ]
            .iter()
            .any(|k| m.contains_key(*k))
        })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
        {
            out.push(path);
        }
    }
}

fn compile(schema: &Value) -> Option<jsonschema::Validator> {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .ok()
}

/// Pointers of the subschemas a mutation may change.
fn subschemas(schema: &Value, path: String, out: &mut Vec<String>) {
    out.push(path.clone());
    let Some(map) = schema.as_object() else {
        return;
    };
    for (key, value) in map {
        let here = format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"));
        match key.as_str() {
            "properties" | "$defs" | "definitions" | "patternProperties" => {
                if let Some(children) = value.as_object() {
                    for (name, child) in children {
                        let name = name.replace('~', "~0").replace('/', "~1");
                        subschemas(child, format!("{here}/{name}"), out);
                    }
                }
            }
            "items" | "additionalProperties" | "not" | "contains" | "propertyNames" => {
                subschemas(value, here, out)
            }
            "anyOf" | "oneOf" | "allOf" | "prefixItems" => {
                if let Some(list) = value.as_array() {
                    for (i, child) in list.iter().enumerate() {
                        subschemas(child, format!("{here}/{i}"), out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// One random change to the schema at one place.
fn mutate(schema: &mut Value, pick: usize, op: u8, k: i64) {
    let mut places = Vec::new();
    subschemas(schema, String::new(), &mut places);
    let place = places[pick % places.len()].clone();
    let Some(target) = schema.pointer_mut(&place) else {
        return;
    };
    if !target.is_object() {
        *target = json!({});
    }
    let map = target.as_object_mut().expect("made an object above");
    let types = [
        "string", "integer", "number", "boolean", "null", "object", "array",
    ];
    match op % 33 {
        0 => {
            map.insert(
                "type".into(),
                json!(types[k.unsigned_abs() as usize % types.len()]),
            );
        }
        1 => {
            let t = map.get("type").cloned().unwrap_or(json!("string"));
            map.insert("type".into(), json!([t, "null"]));
        }
        2 => {
            map.remove("type");
        }
        3 => {
            map.insert("minimum".into(), json!(k));
        }
        4 => {
            map.insert("maximum".into(), json!(k));
        }
        5 => {
            map.insert("exclusiveMinimum".into(), json!(k));
        }
        6 => {
            map.insert("minLength".into(), json!(k.unsigned_abs() % 6));
        }
        7 => {
            map.insert("maxLength".into(), json!(k.unsigned_abs() % 6));
        }
        8 => {
            for key in [
                "minimum",
                "maximum",
                "minLength",
                "maxLength",
                "maxItems",
                "enum",
            ] {
                map.remove(key);
            }
        }
        9 => {
            let name = format!("p{}", k.unsigned_abs() % 4);
            let properties = map.entry("properties").or_insert(json!({}));
            if let Some(properties) = properties.as_object_mut() {
                properties.insert(name, json!({"type": types[k.unsigned_abs() as usize % 5]}));
            }
        }
        10 => {
            if let Some(properties) = map.get_mut("properties").and_then(Value::as_object_mut)
                && let Some(name) = properties.keys().next().cloned()
            {
                properties.remove(&name);
            }
        }
        11 => {
            let name = map
                .get("properties")
                .and_then(Value::as_object)
                .and_then(|p| {
                    p.keys()
                        .nth(k.unsigned_abs() as usize % p.len().max(1))
                        .cloned()
                })
                .unwrap_or_else(|| "p0".into());
            let required = map.entry("required").or_insert(json!([]));
            if let Some(list) = required.as_array_mut()
                && !list.contains(&json!(name))
            {
                list.push(json!(name));
            }
        }
        12 => {
            map.remove("required");
        }
        13 => {
            let closed = map.get("additionalProperties") == Some(&json!(false));
            if closed {
                map.remove("additionalProperties");
            } else {
                map.insert("additionalProperties".into(), json!(false));
            }
        }
        14 => {
            let values = [json!("a"), json!("b"), json!(1), json!(null), json!(2.5)];
            let list = map.entry("enum").or_insert(json!([]));
            if let Some(list) = list.as_array_mut() {
                list.push(values[k.unsigned_abs() as usize % values.len()].clone());
            }
        }
        15 => {
            if let Some(list) = map.get_mut("enum").and_then(Value::as_array_mut) {
                list.pop();
            }
        }
        16 => {
            let inner = Value::Object(std::mem::take(map));
            map.insert(
                "anyOf".into(),
                json!([inner, {"type": types[k.unsigned_abs() as usize % 5]}]),
            );
        }
        17 => {
            *target = json!(k % 2 == 0);
        }
        18 => {
            map.insert(
                "not".into(),
                json!({"type": types[k.unsigned_abs() as usize % 5]}),
            );
        }
        19 => {
            map.insert("maxItems".into(), json!(k.unsigned_abs() % 4));
            map.insert(
                "items".into(),
                json!({"type": types[k.unsigned_abs() as usize % 5]}),
            );
        }
        20 => {
            map.insert(
                "multipleOf".into(),
                [json!(1), json!(2), json!(3), json!(0.5)][k.unsigned_abs() as usize % 4].clone(),
            );
        }
        21 => {
            map.insert(
                "const".into(),
                json!(["a", "b"][k.unsigned_abs() as usize % 2]),
            );
        }
        // The same sets spelled differently, and the keywords judged through subschemas.
        22 => {
            // A type list split into one branch per type, each keeping the other keywords.
            let names: Vec<Value> = match map.get("type") {
                Some(Value::Array(names)) => names.clone(),
                _ => vec![json!("string"), json!("null")],
            };
            let keyword = ["anyOf", "oneOf"][k.unsigned_abs() as usize % 2];
            let branches: Vec<Value> = names
                .into_iter()
                .map(|name| {
                    let mut branch = map.clone();
                    branch.insert("type".into(), name);
                    Value::Object(branch)
                })
                .collect();
            map.clear();
            map.insert(keyword.into(), Value::Array(branches));
        }
        23 => {
            let inner = Value::Object(std::mem::take(map));
            let keyword = ["anyOf", "oneOf", "allOf"][k.unsigned_abs() as usize % 3];
            map.insert(keyword.into(), json!([inner]));
        }
        24 => {
            let inner = Value::Object(std::mem::take(map));
            map.insert("not".into(), json!({"not": inner}));
        }
        25 => {
            map.insert(
                "contains".into(),
                json!({"type": types[k.unsigned_abs() as usize % 5]}),
            );
            map.insert("minContains".into(), json!(k.unsigned_abs() % 3));
            if k % 3 == 0 {
                map.insert("maxContains".into(), json!(k.unsigned_abs() % 4));
            }
        }
        26 => {
            map.insert(
                "propertyNames".into(),
                json!({"maxLength": k.unsigned_abs() % 4}),
            );
        }
        27 => {
            let branch = ["then", "else"][k.unsigned_abs() as usize % 2];
            map.insert("if".into(), json!({"required": ["p0"]}));
            map.insert(
                branch.into(),
                json!({"required": [format!("p{}", k.unsigned_abs() % 3 + 1)]}),
            );
        }
        28 => {
            let name = format!("p{}", k.unsigned_abs() % 4);
            let properties = map.entry("properties").or_insert(json!({}));
            if let Some(properties) = properties.as_object_mut() {
                properties.insert(
                    name,
                    [json!({}), json!(true), json!(false)][k.unsigned_abs() as usize % 3].clone(),
                );
            }
        }
        29 => {
            let closed = map.get("unevaluatedProperties") == Some(&json!(false));
            if closed {
                map.remove("unevaluatedProperties");
            } else {
                map.insert("unevaluatedProperties".into(), json!(false));
            }
        }
        30 => {
            // Patterns that overlap, contain each other, or say the same thing in other words,
            // and one with a backreference the automaton cannot model.
            let patterns = [
                "^a+$",
                "^a$",
                "a",
                "^[a-z]*$",
                r"^\d+$",
                "^[0-9]{1,3}$",
                "",
                ".*",
                "^(a|b)+$",
                "^[ab]+$",
                r"^\w{2}$",
                "b",
                "^.{0,3}$",
                r"^(a)\1$",
                "x|^$",
                r"^\S*$",
            ];
            map.insert(
                "pattern".into(),
                json!(patterns[k.unsigned_abs() as usize % patterns.len()]),
            );
        }
        31 => {
            map.remove("pattern");
        }
        _ => {
            // A union merged into one list of its branches' types.
            let merged: Option<Vec<Value>> = ["anyOf", "oneOf"]
                .iter()
                .find_map(|keyword| map.get(*keyword)?.as_array().cloned())
                .map(|branches| {
                    branches
                        .iter()
                        .filter_map(|b| b.get("type").cloned())
                        .collect()
                });
            match merged {
                Some(names) if !names.is_empty() => {
                    map.clear();
                    map.insert("type".into(), Value::Array(names));
                }
                _ => {
                    map.insert("allOf".into(), json!([{"minLength": 1}, {"maxLength": 3}]));
                }
            }
        }
    }
}

/// Wrapping a root in a combinator carries its `$schema` inside, where the specifications say
/// it must not be (it belongs to a resource root) and validators disagree on what it means:
/// such a pair says nothing about the engine, so the generator keeps `$schema` at the root.
fn drop_nested_schema_keywords(schema: &mut Value, root: bool) {
    match schema {
        Value::Object(map) => {
            if !root {
                map.remove("$schema");
            }
            for value in map.values_mut() {
                drop_nested_schema_keywords(value, false);
            }
        }
        Value::Array(items) => {
            for item in items {
                drop_nested_schema_keywords(item, false);
            }
        }
        _ => {}
    }
}

/// The pair's verdicts must survive data. Returns a description of the first lie found.
fn falsify(old: &Value, new: &Value) -> Result<(), String> {
    let (Some(old_v), Some(new_v)) = (compile(old), compile(new)) else {
        return Ok(());
    };
    for direction in [Direction::Backward, Direction::Forward] {
        let (accepting, judging, accepting_schema) = match direction {
            Direction::Backward => (&old_v, &new_v, old),
            Direction::Forward => (&new_v, &old_v, new),
        };
        for policy in [Policy::Strict, Policy::Lenient] {
            let Ok(verdict) = check(old, new, direction, policy) else {
                return Ok(());
            };
            // The lenient policy's one documented relaxation: a property added to an open model.
            let relaxed = policy == Policy::Lenient
                && verdict.differences.iter().any(|(d, _)| {
                    d.kind.is_compatible(Policy::Lenient) && !d.kind.is_compatible(Policy::Strict)
                });
            if verdict.compatible && !relaxed {
                let judging_schema = if accepting_schema == old { new } else { old };
                let hints = Hints::of(judging_schema);
                for value in Generator::new(accepting_schema, "")
                    .with_hints(&hints)
                    .values()
                {
                    if accepting.is_valid(&value) && !judging.is_valid(&value) {
                        return Err(format!(
                            "{direction:?} {policy:?} said compatible, but {value} is valid \
                             under one and rejected by the other"
                        ));
                    }
                }
            }
            let found = witness::witnesses(old, new, direction, policy, &verdict.differences);
            for ((difference, _), witness) in verdict.differences.iter().zip(found) {
                if let Some(Witness::Payload(value)) = witness
                    && (!accepting.is_valid(&value) || judging.is_valid(&value))
                {
                    return Err(format!(
                        "{direction:?} witness {value} for {} does not break",
                        difference.kind
                    ));
                }
            }
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("CONTRACT_FALSIFIER_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

#[test]
fn no_compatible_verdict_or_witness_is_contradicted_by_data() {
    let corpus = corpus();
    let mutations = proptest::collection::vec((any::<usize>(), any::<u8>(), -8i64..40), 1..4);
    let strategy = (0..corpus.len(), mutations.clone(), mutations, any::<bool>());
    // A fixed seed keeps `cargo test` reproducible; CONTRACT_FALSIFIER_SEED explores others.
    let seed: u64 = std::env::var("CONTRACT_FALSIFIER_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(11);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(config, rng);
    runner
        .run(&strategy, |(index, base_changes, changes, swap)| {
            let mut base = corpus[index].clone();
            // Half the pairs start from a random variant, not the file as written.
            if swap {
                for (pick, op, k) in &base_changes {
                    mutate(&mut base, *pick, *op, *k);
                }
            }
            let mut changed = base.clone();
            for (pick, op, k) in &changes {
                mutate(&mut changed, *pick, *op, *k);
            }
            drop_nested_schema_keywords(&mut base, true);
            drop_nested_schema_keywords(&mut changed, true);
            let result = falsify(&base, &changed);
            prop_assert!(
                result.is_ok(),
                "{}\nold: {base}\nnew: {changed}",
                result.unwrap_err()
            );
            Ok(())
        })
        .unwrap();
}

/// The falsifier can fail: for pairs that do break, the generated values include one that
/// the validator shows breaking, so a "compatible" verdict on them would be caught.
#[test]
fn generated_values_expose_real_breaks() {
    for (old, new) in [
        (json!({"type": "number"}), json!({"type": "integer"})),
        (
            json!({"type": "object", "properties": {"a": {"type": "string", "maxLength": 9}}}),
            json!({"type": "object", "properties": {"a": {"type": "string", "maxLength": 4}}}),
        ),
        (json!({"not": {"enum": [0]}}), json!({"not": {}})),
        (
            json!({"type": "object"}),
            json!({"type": "object", "properties": {"b": {"type": "string"}}}),
        ),
        (
            json!({"type": "array", "items": {"minimum": 0}}),
            json!({"type": "array", "items": {"exclusiveMinimum": 0}}),
        ),
        (
            json!({"type": "string", "pattern": "^a+$"}),
            json!({"type": "string", "pattern": "^a$"}),
        ),
        (
            json!({"type": "string", "pattern": "[0-9]"}),
            json!({"type": "string", "pattern": "^[0-9]"}),
        ),
    ] {
        let (o, n) = (compile(&old).unwrap(), compile(&new).unwrap());
        let exposed = Generator::new(&old, "")
            .with_hints(&Hints::of(&new))
            .values()
            .iter()
            .any(|v| o.is_valid(v) && !n.is_valid(v));
        assert!(exposed, "no generated value of {old} is rejected by {new}");
    }
}

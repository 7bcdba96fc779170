//! The case table: `fixtures/compat/cases/*.json`, one file per category of the issue ("never a
//! false compatible"), each case an old and a new schema with the expected verdict per direction
//! and policy, written from the JSON Schema specifications (set semantics: backward-compatible
//! when every value valid under old is valid under new). Each case runs through the real binary
//! (`contract compat OLD NEW --mode full --format json`) and the verdict is checked against set
//! semantics too: a breaking direction must show a witness that `jsonschema` confirms (or say
//! the break is the strict policy's), and for a compatible direction every probe value valid
//! under the accepting schema must be valid under the other.
//!
//! A case is `{"name", "old", "new", "lenient": "BF", "strict": "B-"}`: `B` when backward
//! compatible, `F` when forward compatible, `-` otherwise; `strict` defaults to `lenient`. A
//! case may carry `"known_gap": "why"`: the engine is known to be more cautious than the
//! expected verdict there (a false "incompatible"), and must stay so rather than turn wrong.

use std::path::Path;
use std::process::Command;

use contract::compat::witness::generate::{Generator, Hints};
use serde_json::{Value, json};

struct Case {
    file: String,
    name: String,
    old: Value,
    new: Value,
    lenient: String,
    strict: String,
    /// Why the engine does not reach the exact verdict yet; it must still never say
    /// "compatible" where the case breaks.
    known_gap: Option<String>,
}

fn cases() -> Vec<Case> {
    let dir = Path::new("fixtures/compat/cases");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/compat/cases exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let list: Vec<Value> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in list {
            let lenient = case["lenient"].as_str().expect("lenient").to_owned();
            let strict = case["strict"].as_str().unwrap_or(&lenient).to_owned();
            cases.push(Case {
                file: path.file_name().unwrap().to_string_lossy().into_owned(),
                name: case["name"].as_str().expect("name").to_owned(),
                old: case["old"].clone(),
                new: case["new"].clone(),
                lenient,
                strict,
                known_gap: case["known_gap"].as_str().map(str::to_owned),
            });
        }
    }
    cases
}

/// The schema as `contract compat` reads it: one naming no draft that only an older draft's
/// metaschema accepts is read as that draft.
fn as_read(schema: &Value) -> Value {
    if !schema.is_object() || schema.get("$schema").is_some() || jsonschema::meta::is_valid(schema)
    {
        return schema.clone();
    }
    for uri in [
        "http://json-schema.org/draft-07/schema#",
        "http://json-schema.org/draft-04/schema#",
    ] {
        let mut copy = schema.clone();
        copy["$schema"] = json!(uri);
        if jsonschema::meta::is_valid(&copy) {
            return copy;
        }
    }
    schema.clone()
}

fn compile(schema: &Value) -> jsonschema::Validator {
    let schema = &as_read(schema);
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("{schema} does not compile: {e}"))
}

/// Values tried beside the generator's: boundaries of the cases' bounds, short strings, the
/// property names and shapes the cases use.
fn probes() -> Vec<Value> {
    let mut values = vec![
        Value::Null,
        json!(true),
        json!(false),
        json!(""),
        json!("\n"),
        json!("2026-01-01"),
        json!([]),
        json!({}),
    ];
    for n in [
        -1.0f64, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 5.5, 6.0, 9.0, 9.5, 10.0, 11.0,
    ] {
        values.push(json!(n));
        if n.fract() == 0.0 {
            values.push(json!(n as i64));
        }
    }
    for s in [
        "a",
        "b",
        "c",
        "x",
        "z",
        "0",
        "ab",
        "ba",
        "aa",
        "aaa",
        "aaaa",
        "abcd",
        "abcdef",
        "0123",
        "12",
        "a\nb",
        "abcdefghijkl",
    ] {
        values.push(json!(s));
    }
    let leaves = [json!("s"), json!(1), json!(1.5), Value::Null, json!(true)];
    for name in ["a", "b", "c", "d", "k", "v", "x", "y", "x_a", "a1", "p0"] {
        for leaf in &leaves {
            values.push(json!({ name: leaf }));
            values.push(json!({ name: leaf, "b": "s" }));
            values.push(json!({ name: leaf, "a": 1 }));
        }
    }
    values.push(json!({"k": "a", "x": 1}));
    values.push(json!({"next": {"p0": 1}}));
    values.push(json!({"k": "a"}));
    values.push(json!({"k": "b", "y": 1}));
    values.push(json!({"k": "c"}));
    values.push(json!({"a": 1, "b": 1, "c": 1}));
    values.push(json!({"a": 1, "b": 1, "c": 1, "d": 1}));
    for items in [
        json!(["a"]),
        json!(["a", 1]),
        json!(["a", "b"]),
        json!(["a", "a"]),
        json!([1]),
        json!([1.5]),
        json!(["a", 1, true]),
        json!([1, 2]),
        json!([2, 1]),
    ] {
        values.push(items);
    }
    values
}

/// The verdict code the binary gives, or the reason it gave none.
fn run(dir: &Path, case: &Case, policy: &str) -> Result<(String, Vec<Value>), String> {
    let old = dir.join("old.json");
    let new = dir.join("new.json");
    std::fs::write(&old, case.old.to_string()).unwrap();
    std::fs::write(&new, case.new.to_string()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_contract"))
        .args([
            "compat", "--mode", "full", "--format", "json", "--policy", policy,
        ])
        .arg(&old)
        .arg(&new)
        .output()
        .expect("the binary runs");
    let code = output.status.code();
    if code == Some(2) || code.is_none() {
        return Err(format!(
            "exit {code:?}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    let differences = report["differences"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let breaks = |direction: &str| {
        differences
            .iter()
            .any(|d| d["direction"] == direction && d["compatible"] == false)
    };
    let verdict = format!(
        "{}{}",
        if breaks("backward") { "-" } else { "B" },
        if breaks("forward") { "-" } else { "F" }
    );
    assert_eq!(
        code == Some(0),
        verdict == "BF",
        "{}: exit code disagrees with the differences",
        case.name
    );
    Ok((verdict, differences))
}

/// Set semantics: what a case claims, checked on values rather than trusted.
fn semantic_problems(case: &Case, differences: &[Value], probes: &[Value]) -> Vec<String> {
    let mut problems = Vec::new();
    let old = compile(&case.old);
    let new = compile(&case.new);
    for (direction, accepting_schema, accepting, judging, expected) in [
        (
            "backward",
            &case.old,
            &old,
            &new,
            case.strict.starts_with('B'),
        ),
        ("forward", &case.new, &new, &old, case.strict.ends_with('F')),
    ] {
        if expected {
            let mut values = Generator::new(accepting_schema, "")
                .with_hints(&Hints::of(if direction == "backward" {
                    &case.new
                } else {
                    &case.old
                }))
                .values();
            values.extend(probes.iter().cloned());
            if let Some(value) = values
                .iter()
                .find(|v| accepting.is_valid(v) && !judging.is_valid(v))
            {
                problems.push(format!(
                    "expected {direction} compatible, yet {value} breaks it"
                ));
            }
            continue;
        }
        let mut shown = false;
        for difference in differences
            .iter()
            .filter(|d| d["direction"] == direction && d["compatible"] == false)
        {
            if let Some(witness) = difference.get("witness") {
                shown = true;
                if !accepting.is_valid(witness) || judging.is_valid(witness) {
                    problems.push(format!("{direction} witness {witness} is not one"));
                }
            } else if difference.get("policy_only").is_some() {
                shown = true;
            }
        }
        let probed = probes
            .iter()
            .any(|v| accepting.is_valid(v) && !judging.is_valid(v));
        if !shown && !probed {
            problems.push(format!(
                "{direction} breaks, but neither a witness nor a probe shows a payload"
            ));
        }
    }
    problems
}

#[test]
fn every_case_gets_its_expected_verdict_from_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let probes = probes();
    let cases = cases();
    assert!(cases.len() > 100, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        for (policy, expected) in [("lenient", &case.lenient), ("strict", &case.strict)] {
            match run(dir.path(), case, policy) {
                Err(error) => {
                    failures.push(format!("{} / {} ({policy}): {error}", case.file, case.name))
                }
                Ok((verdict, differences)) => {
                    if let Some(gap) = &case.known_gap {
                        let claims = |code: &str, at: usize| code.as_bytes()[at] != b'-';
                        let false_compatible =
                            (0..2).any(|at| claims(&verdict, at) && !claims(expected, at));
                        if false_compatible {
                            failures.push(format!(
                                "{} / {} ({policy}): a known gap ({gap}) gives {verdict}, expected \
                                 {expected}: a false compatible",
                                case.file, case.name
                            ));
                        }
                    } else if &verdict != expected {
                        failures.push(format!(
                            "{} / {} ({policy}): expected {expected}, got {verdict}\n    old {}\n    new {}\n    {}",
                            case.file,
                            case.name,
                            case.old,
                            case.new,
                            differences
                                .iter()
                                .filter(|d| d["compatible"] == false)
                                .map(|d| format!("{} {}", d["direction"], d["kind"]))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    } else if policy == "strict" {
                        for problem in semantic_problems(case, &differences, &probes) {
                            failures.push(format!("{} / {}: {problem}", case.file, case.name));
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases disagree:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The table's own claims, independent of the engine: a direction marked compatible has no
/// probe value that breaks it, and a direction marked breaking under strict has one (found by
/// the probes or the generator, given the names and counts the other schema suggests), unless
/// the break is the strict policy's.
#[test]
fn every_case_is_true_in_set_semantics() {
    let probes = probes();
    let mut failures = Vec::new();
    for case in cases() {
        let old = compile(&case.old);
        let new = compile(&case.new);
        for (
            direction,
            accepting_schema,
            judging_schema,
            accepting,
            judging,
            compatible,
            by_policy,
        ) in [
            (
                "backward",
                &case.old,
                &case.new,
                &old,
                &new,
                case.strict.starts_with('B'),
                case.lenient.starts_with('B'),
            ),
            (
                "forward",
                &case.new,
                &case.old,
                &new,
                &old,
                case.strict.ends_with('F'),
                case.lenient.ends_with('F'),
            ),
        ] {
            let mut values = Generator::new(accepting_schema, "")
                .with_hints(&Hints::of(judging_schema))
                .values();
            values.extend(probes.iter().cloned());
            let breaking = values
                .iter()
                .find(|v| accepting.is_valid(v) && !judging.is_valid(v));
            match (compatible, breaking) {
                (true, Some(value)) => failures.push(format!(
                    "{} / {}: marked {direction} compatible, yet {value} breaks it",
                    case.file, case.name
                )),
                (false, None) if !by_policy => failures.push(format!(
                    "{} / {}: marked {direction} breaking, but no value shows it",
                    case.file, case.name
                )),
                _ => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

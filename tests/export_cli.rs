//! End-to-end: `contract export TARGET`, the real binary on the example catalogue and on an
//! awkward one (tests/data/export-awkward: unicode, pipes and quotes, keep-forever retention, a
//! topic shared by three contracts, tables and columns whose names need quoting in SQL). Each
//! export is snapshotted; the JSON Schema files are checked against their metaschema and the
//! contracts' examples, the ODCS files against the ODCS 3.1.0 JSON Schema (vendored under
//! tests/data/odcs from datacontract-cli 1.2.8).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const AWKWARD: &str = "tests/data/export-awkward";
const TARGETS: &[&str] = &["asyncapi", "jsonschema", "sql", "kafka-topics", "odcs"];

fn contract(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contract"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir`, sorted, as `(relative path, text)`.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    fn walk(root: &Path, dir: &Path, found: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, found);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                found.push((relative, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    walk(dir, dir, &mut found);
    found.sort();
    found
}

/// Exports `target` of `catalog` into a fresh directory and returns it.
fn export(catalog: &str, target: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = contract(&["export", target, catalog, "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    (dir, out)
}

fn bundle(out: &Path) -> String {
    files(out)
        .into_iter()
        .map(|(path, text)| format!("=== {path} ===\n{text}"))
        .collect()
}

#[test]
fn every_target_of_the_awkward_catalogue_is_snapshotted_and_deterministic() {
    for target in TARGETS {
        let (_first, out) = export(AWKWARD, target);
        let (_second, again) = export(AWKWARD, target);
        assert_eq!(
            bundle(&out),
            bundle(&again),
            "{target} is not deterministic"
        );
        insta::assert_snapshot!(format!("export_awkward_{target}"), bundle(&out));
    }
}

#[test]
fn the_example_catalogue_exports_every_target() {
    for target in TARGETS {
        let (_dir, out) = export("contracts", target);
        insta::assert_snapshot!(format!("export_example_{target}"), bundle(&out));
    }
}

/// Every contract on a topic is kept as long as the others (a Kafka topic has one retention.ms):
/// the example's meeting-events and transcription-events keep theirs 730 days.
#[test]
fn the_example_catalogue_topics_have_one_retention_each() {
    let output = contract(&["export", "kafka-topics", "contracts", "--out", "-"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let topics: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let retention: Vec<(String, serde_json::Value)> = topics["topics"]
        .as_array()
        .expect("a list of topics")
        .iter()
        .map(|topic| {
            (
                topic["name"].as_str().unwrap().to_owned(),
                topic["config"]["retention.ms"].clone(),
            )
        })
        .collect();
    let days_730 = serde_json::json!("63072000000");
    assert_eq!(
        retention,
        vec![
            ("meeting-events".to_owned(), days_730.clone()),
            ("transcription-events".to_owned(), days_730),
        ]
    );
}

#[test]
fn one_document_goes_to_standard_output_and_many_do_not() {
    let (_dir, out) = export(AWKWARD, "sql");
    let printed = contract(&["export", "sql", AWKWARD, "--out", "-"]);
    assert_eq!(printed.status.code(), Some(0));
    assert_eq!(
        text(&printed.stdout),
        std::fs::read_to_string(out.join("schema.sql")).unwrap()
    );
    let many = contract(&["export", "odcs", AWKWARD, "--out", "-"]);
    assert_eq!(many.status.code(), Some(2));
    assert_eq!(
        text(&many.stderr),
        "error: `--out -` prints one document, and `odcs` writes a file per contract: name a directory with `--out DIR`\n"
    );
}

#[test]
fn asyncapi_for_one_topic_and_for_a_topic_nobody_declares() {
    let one = contract(&[
        "export",
        "asyncapi",
        AWKWARD,
        "--topic",
        "audit-log",
        "--out",
        "-",
    ]);
    assert_eq!(one.status.code(), Some(0));
    let document: Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(document["info"]["title"], "Events on audit-log");
    assert_eq!(
        document["channels"]["audit-log"]["bindings"]["kafka"]["topicConfiguration"]["retention.ms"],
        -1
    );
    let messages = document["channels"]["audit-log"]["messages"]
        .as_object()
        .unwrap();
    // Three contracts, four released versions; the draft of audit.redacted is not on the wire.
    let names: Vec<&str> = messages.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "audit.recorded.v1",
            "audit.redacted.v1",
            "audit.sealed.v1",
            "audit.sealed.v2"
        ]
    );
    let none = contract(&[
        "export", "asyncapi", AWKWARD, "--topic", "nope", "--out", "-",
    ]);
    assert_eq!(none.status.code(), Some(2));
    assert_eq!(
        text(&none.stderr),
        "error: no event contract has topic `nope`: name a topic an event contract declares\n"
    );
}

#[test]
fn check_passes_when_fresh_and_fails_with_a_diff_when_stale() {
    let (_dir, out) = export(AWKWARD, "sql");
    let out_arg = out.to_str().unwrap();
    let fresh = contract(&["export", "sql", AWKWARD, "--out", out_arg, "--check"]);
    assert_eq!(fresh.status.code(), Some(0), "{}", text(&fresh.stdout));
    let file = out.join("schema.sql");
    let edited = std::fs::read_to_string(&file)
        .unwrap()
        .replace("NOT NULL DEFAULT 'EUR'", "DEFAULT 'EUR'");
    std::fs::write(&file, &edited).unwrap();
    let stale = contract(&["export", "sql", AWKWARD, "--out", out_arg, "--check"]);
    assert_eq!(stale.status.code(), Some(1));
    let report = text(&stale.stdout);
    assert!(
        report.contains(
            "-  currency char(3) DEFAULT 'EUR',\n+  currency char(3) NOT NULL DEFAULT 'EUR',\n"
        ),
        "{report}"
    );
    assert!(
        report.contains("run `contract export sql` to update it"),
        "{report}"
    );
    // --check wrote nothing.
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
    let missing = tempfile::tempdir().unwrap();
    let absent = contract(&[
        "export",
        "odcs",
        AWKWARD,
        "--out",
        missing.path().to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(absent.status.code(), Some(1));
    assert!(text(&absent.stdout).contains("would add"));
}

#[test]
fn a_symlink_under_out_is_refused_and_nothing_is_written_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("audit.recorded")).unwrap();
    let output = contract(&[
        "export",
        "jsonschema",
        AWKWARD,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("symbolic link"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    let check = contract(&[
        "export",
        "jsonschema",
        AWKWARD,
        "--out",
        out.to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(check.status.code(), Some(2));
}

/// A scratch catalogue: `owners.yaml` and the given contract files.
fn catalogue(contracts: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("owners.yaml"),
        "teams:\n  - {id: a, name: A, contact: a@example.com}\n",
    )
    .unwrap();
    for (name, body) in contracts {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    dir
}

fn event(id: &str, retention: &str, schema: &str) -> String {
    format!(
        "contract: {id}\nkind: event\nowner: a\ndescription: An event.\ntopic: shared\npartition_key: k\n\
retention: {retention}\nversions:\n  - version: 1\n    released: 2026-01-01\n    summary: First.\n    schema: {schema}\n"
    )
}

const SCHEMA: &str =
    "{type: object, required: [k], properties: {k: {type: string, description: Key.}}}";

#[test]
fn a_2020_12_keyword_is_an_asyncapi_error_naming_the_contract_and_keyword() {
    let schema = "{type: object, required: [k], properties: {k: {type: string, description: Key.}, \
pair: {type: array, description: Pair., prefixItems: [{type: string}, {type: integer}]}}}";
    let dir = catalogue(&[("e.yaml", &event("x.tuple", "{delete_after: 30d}", schema))]);
    let output = contract(&[
        "export",
        "asyncapi",
        dir.path().to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with("error: x.tuple ("), "{stderr}");
    assert!(
        stderr.contains("e.yaml) v1: its schema uses `prefixItems` at /properties/pair/prefixItems, a keyword of JSON Schema 2019-09/2020-12"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
    // The JSON Schema export keeps the 2020-12 dialect, so the same contract exports there.
    let out = tempfile::tempdir().unwrap();
    let ok = contract(&[
        "export",
        "jsonschema",
        dir.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
}

#[test]
fn a_shared_topic_with_disagreeing_retention_names_both_contracts() {
    let dir = catalogue(&[
        ("a.yaml", &event("x.first", "{delete_after: 30d}", SCHEMA)),
        ("b.yaml", &event("x.second", "{delete_after: 30d}", SCHEMA)),
        (
            "c.yaml",
            &event("x.third", "{keep_forever: Evidence.}", SCHEMA),
        ),
    ]);
    let output = contract(&[
        "export",
        "kafka-topics",
        dir.path().to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("topic `shared` is shared by x.first (")
            && stderr.contains("retention.ms 2592000000) and x.third ("),
        "{stderr}"
    );
    assert!(
        stderr.contains("c.yaml, kept forever (retention.ms -1)), which disagree on its retention"),
        "{stderr}"
    );
}

#[test]
fn a_default_that_would_end_the_statement_is_refused() {
    let table = "contract: x.t\nkind: table\nowner: a\ndescription: A table.\ndatabase: x\nprimary_key: [id]\n\
retention: {delete_after: 30d}\nversions:\n  - version: 1\n    released: 2026-01-01\n    summary: First.\n    columns:\n      \
- {name: id, type: integer, nullable: false, default: \"0); DROP TABLE x.t; --\", description: Id.}\n";
    let dir = catalogue(&[("t.yaml", table)]);
    let output = contract(&["export", "sql", dir.path().to_str().unwrap(), "--out", "-"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("x.t ("), "{stderr}");
    assert!(stderr.contains("v1, column `id`: its default `0); DROP TABLE x.t; --` closes a parenthesis it did not open"), "{stderr}");
}

#[test]
fn a_broken_contract_stops_the_export_instead_of_vanishing_from_it() {
    let dir = catalogue(&[
        ("e.yaml", &event("x.ok", "{delete_after: 30d}", SCHEMA)),
        ("bad.yaml", "contract: [\n"),
    ]);
    let output = contract(&[
        "export",
        "kafka-topics",
        dir.path().to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("bad.yaml cannot be read as a contract ("),
        "{stderr}"
    );
    assert!(stderr.contains("nothing is exported"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn json_schema_files_are_valid_under_their_metaschema_and_accept_the_examples() {
    for catalog in ["contracts", AWKWARD] {
        let (_dir, out) = export(catalog, "jsonschema");
        let mut schemas = 0;
        for (path, body) in files(&out) {
            let document: Value = serde_json::from_str(&body).unwrap();
            if path == "subjects.json" {
                for (subject, entries) in document["subjects"].as_object().unwrap() {
                    assert!(subject.ends_with("-value"));
                    for entry in entries.as_array().unwrap() {
                        assert!(
                            out.join(entry["file"].as_str().unwrap()).is_file(),
                            "{entry}"
                        );
                    }
                }
                continue;
            }
            schemas += 1;
            assert_eq!(
                document["$schema"],
                "https://json-schema.org/draft/2020-12/schema"
            );
            assert!(document["$id"].as_str().unwrap().ends_with(&path), "{path}");
            if let Err(error) = jsonschema::meta::validate(&document) {
                panic!("{path} is not a valid JSON Schema: {error}");
            }
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .build(&document)
                .unwrap_or_else(|error| panic!("{path} does not compile: {error}"));
        }
        assert!(schemas > 0);
    }
}

#[test]
fn odcs_files_are_valid_under_the_odcs_3_1_0_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/data/odcs/odcs-3.1.0.schema.json").unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the ODCS schema compiles");
    for catalog in ["contracts", AWKWARD] {
        let (_dir, out) = export(catalog, "odcs");
        let exported = files(&out);
        assert!(!exported.is_empty());
        for (path, body) in exported {
            let document: Value = serde_json::from_str(&body).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&document)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{catalog}/{path}:\n{}",
                errors.join("\n")
            );
        }
    }
}

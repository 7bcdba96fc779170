//! Accepted findings stay visible in CI: SARIF `suppressions`, JSON `accepted`, the Markdown
//! summary's count; history findings (the lock) are accepted like the others.

use serde_json::Value;
use std::process::Command;

fn check(dir: &str, format: &str) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_contract"))
        .args(["check", dir, "--format", format, "--today", "2026-11-26"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8 output"),
    )
}

const TABLE: &str = "fixtures/rules/column-type-changed/passes-accepted";
const HISTORY: &str = "fixtures/rules/topic-changed/passes-accepted";

#[test]
fn json_lists_accepted_findings_with_reason_and_approver() {
    for (dir, rule) in [(TABLE, "column-type-changed"), (HISTORY, "topic-changed")] {
        let (code, text) = check(dir, "json");
        assert_eq!(code, Some(0), "{text}");
        let document: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(document["findings"], Value::Array(vec![]), "{text}");
        assert_eq!(document["summary"]["accepted"], 1, "{text}");
        let accepted = &document["accepted"][0];
        assert_eq!(accepted["rule"], rule);
        assert_eq!(accepted["approved_by"], "meetings");
        assert!(accepted["reason"].as_str().unwrap().len() > 20, "{text}");
    }
}

#[test]
fn sarif_carries_accepted_findings_as_suppressed_results() {
    let (code, text) = check(TABLE, "sarif");
    assert_eq!(code, Some(0));
    let document: Value = serde_json::from_str(&text).unwrap();
    let results = document["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{text}");
    assert_eq!(results[0]["ruleId"], "column-type-changed");
    let suppression = &results[0]["suppressions"][0];
    assert_eq!(suppression["kind"], "external");
    assert_eq!(
        suppression["justification"],
        "Only the meetings service reads the column, and it ships the change in the same \
release. (approved by meetings)"
    );
}

#[test]
fn markdown_counts_accepted_findings() {
    let (code, text) = check(HISTORY, "markdown");
    assert_eq!(code, Some(0));
    assert!(
        text.contains("1 accepted finding (not counted above)"),
        "{text}"
    );
    assert!(text.contains("accepted by `meetings`"), "{text}");
}

#[test]
fn without_the_acceptance_the_history_finding_fails() {
    let (code, text) = check("fixtures/rules/topic-changed/fires", "json");
    assert_eq!(code, Some(1), "{text}");
    let document: Value = serde_json::from_str(&text).unwrap();
    assert!(document.get("accepted").is_none(), "{text}");
}

#[test]
fn sarif_with_suppressions_is_valid_sarif_2_1_0() {
    let schema: Value = serde_json::from_str(include_str!("data/sarif-2.1.0-rtm.5.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles offline");
    for dir in [TABLE, HISTORY] {
        let (_, text) = check(dir, "sarif");
        let document: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| format!("{}: {e}", e.instance_path().as_str()))
            .collect();
        assert!(errors.is_empty(), "{dir}: {errors:#?}");
    }
}

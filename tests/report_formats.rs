//! Every output format on one catalogue with an error and a warning, snapshotted; SARIF is
//! validated against the SARIF 2.1.0 schema (tests/data, from the OASIS standard as shipped in
//! the MIT-licensed npm package @microsoft/jest-sarif). One pattern in that copy (twice, for
//! `language`), `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, is not a valid regular expression
//! and made the schema fail to compile; it is replaced by the intended `^[a-zA-Z]{2}(-[a-zA-Z]{2})?$`.

use contract::check;
use contract::date::Date;
use contract::finding::Level;
use contract::report::{self, OutputFormat, RenderOptions};
use std::path::PathBuf;

fn outcome() -> check::Outcome {
    let today = Date::parse("2026-06-01").unwrap();
    check::check(&[PathBuf::from("fixtures/report/mixed")], today).unwrap()
}

fn render(format: OutputFormat, fail_on: Level) -> String {
    report::render(
        &outcome(),
        format,
        RenderOptions {
            fail_on,
            color: false,
            width: 100,
        },
    )
}

#[test]
fn the_fixture_has_an_error_and_a_warning() {
    let rules: Vec<(&str, Level)> = outcome()
        .findings
        .iter()
        .map(|f| (f.rule, f.severity))
        .collect();
    assert_eq!(
        rules,
        [
            ("owner-unknown", Level::Error),
            ("deprecation-overdue", Level::Warning)
        ]
    );
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-2.1.0-rtm.5.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles offline");
    let text = render(OutputFormat::Sarif, Level::Error);
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|e| format!("{}: {e}", e.instance_path().as_str()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = document["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(
        document["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        contract::rules::RULES.len()
    );
    insta::assert_snapshot!("sarif", text);
}

#[test]
fn github_annotations() {
    let text = render(OutputFormat::Github, Level::Error);
    assert!(
        text.lines()
            .take(2)
            .all(|line| line.starts_with("::error file=") || line.starts_with("::warning file=")),
        "{text}"
    );
    insta::assert_snapshot!("github", text);
}

#[test]
fn markdown_summary() {
    insta::assert_snapshot!("markdown", render(OutputFormat::Markdown, Level::Error));
}

#[test]
fn junit_report() {
    let text = render(OutputFormat::Junit, Level::Warning);
    assert!(text.contains("failures=\"2\""), "{text}");
    insta::assert_snapshot!("junit", text);
}

#[test]
fn json_and_human() {
    insta::assert_snapshot!("json", render(OutputFormat::Json, Level::Error));
    insta::assert_snapshot!("human", render(OutputFormat::Human, Level::Error));
}

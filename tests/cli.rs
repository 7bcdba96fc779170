//! End-to-end: the real binary on real files, as a user runs it.

mod common;

use common::{contract, contract_in, example_copy, stderr, stdout};
use std::process::{Command, Stdio};

#[test]
fn the_example_catalogue_passes() {
    let output = contract(&["check", "--today", "2026-11-26"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        // The warnings: two enums that grew on purpose (enum-value-added), NOT NULL added with a
        // rehearsed backfill, a table column overdue on purpose, and the integer -> bigint
        // migration that rewrites the participation timeline (migration-unsafe); the infos: a widened type, a
        // loosened bound, a field removed after its deadline and two widened columns; accepted:
        // meeting.renamed kept as long as the other events of its topic.
        stdout(&output).ends_with(
            "contract files checked, none at or above error: 5 warnings, 5 infos; 1 finding accepted (listed by --format json, sarif, markdown)\n"
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn json_output_carries_every_required_field_and_fail_on_warning_fails() {
    let output = contract(&[
        "check",
        "contracts",
        "--today",
        "2026-11-26",
        "--format",
        "json",
        "--fail-on",
        "warning",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = document["findings"].as_array().unwrap();
    for finding in findings {
        for field in ["rule", "severity", "contract", "file", "line", "message"] {
            assert!(!finding[field].is_null(), "missing {field}: {finding}");
        }
    }
    // Evolution findings also carry the versions compared and the schema path.
    let first = &findings[0];
    assert_eq!(first["rule"], "enum-value-added");
    assert_eq!(first["file"], "contracts/events/meeting/ended.yaml");
    assert_eq!(first["old_version"], 1);
    assert_eq!(first["new_version"], 2);
    assert_eq!(first["path"], "/properties/end_reason");
    let warnings: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f["severity"] == "warning")
        .map(|f| (f["rule"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        warnings,
        [
            ("enum-value-added", "contracts/events/meeting/ended.yaml"),
            (
                "enum-value-added",
                "contracts/events/participant/joined.yaml"
            ),
            (
                "migration-unsafe",
                "contracts/tables/analytics/participation-timeline.yaml"
            ),
            (
                "column-made-not-null",
                "contracts/tables/core/meetings.yaml"
            ),
            ("deprecation-overdue", "contracts/tables/core/users.yaml")
        ]
    );
    assert_eq!(document["summary"]["passed"], false);
}

#[test]
fn deadlines_follow_today() {
    // The overdue column's deadline is 2026-10-01: before it, there is nothing to say.
    let output = contract(&[
        "check",
        "contracts/tables/core/users.yaml",
        "--today",
        "2026-09-30",
        "--format",
        "json",
    ]);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        document["findings"].as_array().unwrap().len(),
        0,
        "{document}"
    );
}

#[test]
fn a_single_file_is_checked_inside_its_catalogue() {
    let output = contract(&[
        "check",
        "contracts/tables/core/users.yaml",
        "--today",
        "2026-11-26",
        "--format",
        "json",
    ]);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["summary"]["files"], 1);
    assert_eq!(document["findings"][0]["rule"], "deprecation-overdue");
}

#[test]
fn a_directory_that_is_not_a_catalogue_exits_2_and_says_why() {
    let output = contract(&["check", "src"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("src has no owners.yaml, so it is not a contract catalogue"),
        "{}",
        stderr(&output)
    );
    let output = contract(&["check", "no/such/dir"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output), "error: no/such/dir does not exist\n");
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(
        contract(&["check", "--today", "2026-02-30"]).status.code(),
        Some(2)
    );
    assert_eq!(
        contract(&["check", "--format", "yaml"]).status.code(),
        Some(2)
    );
}

#[test]
fn rules_and_explain_come_from_the_registry() {
    let output = contract(&["rules"]);
    assert_eq!(output.status.code(), Some(0));
    for rule in contract::rules::RULES {
        assert!(
            stdout(&output).contains(rule.id),
            "{} missing from `contract rules`",
            rule.id
        );
    }
    let output = contract(&["explain", "retention-invalid"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output)
            .starts_with("retention-invalid: The retention is malformed or contradicts itself\n")
    );
    let output = contract(&["explain", "retention-invalidd"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: no rule `retention-invalidd`; did you mean `retention-invalid`?\n"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_contract"))
        .arg("rules")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
}

#[test]
fn new_writes_contracts_that_pass_check() {
    let dir = example_copy();
    for (kind, id, file) in [
        (
            "event",
            "meeting.recording-started",
            "contracts/events/meeting/recording-started.yaml",
        ),
        (
            "table",
            "core.recordings",
            "contracts/tables/core/recordings.yaml",
        ),
    ] {
        let output = contract_in(dir.path(), &["new", kind, id, "--owner", "meetings"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(
            stdout(&output),
            format!("wrote {file}\nedit its descriptions, then run `contract check`\n")
        );
        let check = contract_in(dir.path(), &["check", file, "--format", "json"]);
        assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
        let document: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        assert_eq!(document["findings"], serde_json::json!([]), "{id}");
    }
    // A second time: the contract exists, nothing is overwritten.
    let again = contract_in(
        dir.path(),
        &[
            "new",
            "event",
            "meeting.recording-started",
            "--owner",
            "meetings",
        ],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("contract `meeting.recording-started` already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn new_refuses_unknown_owners_and_unsafe_ids() {
    let dir = example_copy();
    let output = contract_in(
        dir.path(),
        &["new", "event", "meeting.paused", "--owner", "meetngs"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: `meetngs` is not a team in owners.yaml; did you mean `meetings`?\n"
    );
    let output = contract_in(
        dir.path(),
        &["new", "event", "../escape", "--owner", "meetings"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: `../escape` is not a valid contract id"),
        "{}",
        stderr(&output)
    );
    assert!(
        !dir.path().join("escape.yaml").exists()
            && !dir.path().join("contracts/escape.yaml").exists()
    );
}

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    let dir = example_copy();
    let huge = dir.path().join("contracts/events/huge.yaml");
    let line = "# padding padding padding padding padding padding padding padding padding\n";
    std::fs::write(&huge, line.repeat(50_000_000 / line.len())).unwrap();
    let output = contract_in(
        dir.path(),
        &["check", "--format", "json", "--today", "2026-11-26"],
    );
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let finding = &document["findings"][0];
    assert_eq!(finding["file"], "contracts/events/huge.yaml");
    assert_eq!(finding["rule"], "contract-invalid");
    assert_eq!(
        finding["message"],
        "the file is 50.0 MB; contract files are limited to 4 MB"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_the_rest_is_checked() {
    let dir = example_copy();
    std::os::unix::fs::symlink("..", dir.path().join("contracts/events/loop")).unwrap();
    let output = contract_in(
        dir.path(),
        &["check", "--format", "json", "--today", "2026-11-26"],
    );
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = document["findings"].as_array().unwrap();
    let looped = findings
        .iter()
        .find(|f| f["rule"] == "contract-invalid")
        .expect("the loop is a finding");
    assert_eq!(looped["file"], "contracts/events/loop");
    assert!(
        looped["message"]
            .as_str()
            .unwrap()
            .starts_with("symlink loop: contracts/events/loop leads back to")
    );
    assert!(
        findings.iter().any(|f| f["rule"] == "deprecation-overdue"),
        "the other files are still checked"
    );
}

#[test]
fn a_broken_file_never_stops_the_others() {
    let dir = example_copy();
    std::fs::write(
        dir.path().join("contracts/events/broken.yaml"),
        "contract: [unclosed\n",
    )
    .unwrap();
    let output = contract_in(
        dir.path(),
        &["check", "--format", "json", "--today", "2026-11-26"],
    );
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "contract-invalid",
            "enum-value-added",
            "enum-value-added",
            "type-widened",
            "constraint-loosened",
            "field-removed-after-deadline",
            "migration-unsafe",
            "column-type-widened",
            "column-made-not-null",
            "deprecation-overdue",
            "column-type-widened"
        ]
    );
    assert_eq!(
        document["findings"][0]["file"],
        "contracts/events/broken.yaml"
    );
    assert_eq!(document["findings"][0]["line"], 1);
    assert_eq!(document["findings"][0]["column"], 11);
    assert_eq!(
        document["findings"][0]["message"],
        "invalid YAML: unclosed bracket '['"
    );
}

#[test]
fn a_missing_owners_file_exits_2_with_the_fix() {
    let dir = example_copy();
    std::fs::remove_file(dir.path().join("contracts/owners.yaml")).unwrap();
    let output = contract_in(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("create contracts/owners.yaml listing the teams"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn against_a_missing_directory_says_so_instead_of_asking_to_fetch_it() {
    // Regression: `--against ./old` for a directory that does not exist was taken for a git
    // revision, and the user was told to `git fetch` a branch named `./old`.
    let output = contract(&["check", "--against", "./no-such-catalogue"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: --against ./no-such-catalogue: no such directory; --against takes a git revision (`origin/main`) or a directory holding a catalogue\n"
    );
}

#[test]
fn a_tag_that_does_not_fit_its_value_fails_the_check_at_its_line() {
    // Regression: `!!null` was ignored on a plain scalar, so this passed as the owner `meetings`.
    let dir = example_copy();
    let path = dir.path().join("contracts/events/meeting/ended.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\nowner: meetings\n"));
    std::fs::write(
        &path,
        text.replacen("\nowner: meetings\n", "\nowner: !!null meetings\n", 1),
    )
    .unwrap();
    let output = contract_in(dir.path(), &["check", "--today", "2026-11-26"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let out = stdout(&output);
    assert!(
        out.contains("contract-invalid: invalid YAML: `meetings` is not a valid `!!null` value"),
        "{out}"
    );
    assert!(
        out.contains("contracts/events/meeting/ended.yaml:3:15]"),
        "{out}"
    );
    let output = contract_in(
        dir.path(),
        &["check", "--format", "json", "--today", "2026-11-26"],
    );
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // The file cannot be read, so its released contract also shows as removed.
    let findings = document["findings"].as_array().unwrap();
    let finding = findings
        .iter()
        .find(|f| f["rule"] == "contract-invalid")
        .unwrap_or_else(|| panic!("{findings:?}"));
    assert_eq!(finding["file"], "contracts/events/meeting/ended.yaml");
    assert_eq!(finding["line"], 3);
    assert_eq!(
        finding["message"],
        "invalid YAML: `meetings` is not a valid `!!null` value"
    );
}

#[test]
fn an_unsupported_tag_fails_the_check_naming_it() {
    let dir = example_copy();
    let path = dir.path().join("contracts/events/meeting/ended.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "\nowner: meetings\n",
            "\nowner: !!python/object:os.system meetings\n",
            1,
        ),
    )
    .unwrap();
    let output = contract_in(
        dir.path(),
        &["check", "--format", "json", "--today", "2026-11-26"],
    );
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // The file cannot be read, so its released contract also shows as removed.
    let findings = document["findings"].as_array().unwrap();
    let finding = findings
        .iter()
        .find(|f| f["rule"] == "contract-invalid")
        .unwrap_or_else(|| panic!("{findings:?}"));
    assert_eq!(
        (&finding["line"], &finding["column"]),
        (&3.into(), &8.into())
    );
    assert_eq!(
        finding["message"],
        "invalid YAML: the tag `!!python/object:os.system` is not supported here"
    );
}

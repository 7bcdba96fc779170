//! End-to-end: the table evolution rules, run by the real binary on the example catalogue and on
//! copies of it changed the way an engineer would change them.

mod common;

use common::{contract_in, example_copy};
use serde_json::Value;
use std::path::Path;

/// `contract check --format json --today TODAY` in `dir`: the exit code and the document.
fn check_json(dir: &Path, today: &str) -> (Option<i32>, Value) {
    let output = contract_in(dir, &["check", "--format", "json", "--today", today]);
    let document = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "{error}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code(), document)
}

/// Each finding as `rule severity file:line`, in report order.
/// The findings on table contracts, one line each (event findings are tests/cli.rs's concern).
fn summary(document: &Value) -> Vec<String> {
    document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"].as_str().unwrap().contains("/tables/"))
        .map(|f| {
            format!(
                "{} {} {}:{}",
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["line"]
            )
        })
        .collect()
}

fn finding<'a>(document: &'a Value, rule: &str) -> &'a Value {
    document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no `{rule}` finding in {document:#}"))
}

/// Rewrites `file` under `dir`, replacing `from` (which must be there, once) with `to`.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{file} holds {from:?} once");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based line of the last line of `file` under `dir` equal to `line`.
fn last_line(dir: &Path, file: &str, line: &str) -> u64 {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let index = lines
        .iter()
        .rposition(|l| *l == line)
        .expect("the line is there");
    index as u64 + 1
}

#[test]
fn the_example_catalogue_passes_with_its_table_changes_reported() {
    let (code, document) = check_json(Path::new("."), "2026-11-26");
    assert_eq!(code, Some(0), "{document:#}");
    assert_eq!(
        summary(&document),
        [
            // integer -> bigint, v1 -> v2: the migration rewrites the table (intended)
            "migration-unsafe warning contracts/tables/analytics/participation-timeline.yaml:36",
            "column-type-widened info contracts/tables/analytics/participation-timeline.yaml:39",
            // language made NOT NULL in v3, with its rehearsed backfill (so no backfill finding)
            "column-made-not-null warning contracts/tables/core/meetings.yaml:66",
            "deprecation-overdue warning contracts/tables/core/users.yaml:58",
            // varchar(100) -> varchar(200), v1 -> v2
            "column-type-widened info contracts/tables/transcription/transcriptions.yaml:45",
        ]
    );
    let not_null = finding(&document, "column-made-not-null");
    assert_eq!(not_null["old_version"], 2);
    assert_eq!(not_null["new_version"], 3);
    assert_eq!(not_null["path"], "language");
}

#[test]
fn dropping_a_column_without_deprecation_fails_at_the_new_versions_columns() {
    let dir = example_copy();
    let file = "contracts/tables/core/participants.yaml";
    // The draft v3 loses `display_name`, which no version deprecated.
    edit(
        dir.path(),
        file,
        "      - {name: display_name, type: varchar(120), nullable: false, classification: personal, description: Name shown to other participants; copied from the user or typed by the guest.}\n      - {name: role, type: text, nullable: false, default: \"'attendee'\", description: \"host, co-host, attendee or guest; what the participant may do in the meeting.\"}\n      - name: is_guest\n        type: boolean\n        nullable: false\n        default: \"false\"\n        description: True when the participant joined through a link without signing in.\n        deprecated:\n          remove_after: 2027-01-31\n          reason: Read role = 'guest' instead; the flag duplicates it and the two disagreed for dial-in users.\n      - {name: joined_at, type: timestamptz, nullable: false, description: When the participant's client connected.}\n      - {name: left_at, type: timestamptz, nullable: true, description: When the participant left; null while present.}\n      - {name: leave_reason, type: text, nullable: true, description: \"How the attendance ended, as in participant.left's leave_reason; null while present.\"}\n      - {name: client_platform",
        "      - {name: role, type: text, nullable: false, default: \"'attendee'\", description: \"host, co-host, attendee or guest; what the participant may do in the meeting.\"}\n      - name: is_guest\n        type: boolean\n        nullable: false\n        default: \"false\"\n        description: True when the participant joined through a link without signing in.\n        deprecated:\n          remove_after: 2027-01-31\n          reason: Read role = 'guest' instead; the flag duplicates it and the two disagreed for dial-in users.\n      - {name: joined_at, type: timestamptz, nullable: false, description: When the participant's client connected.}\n      - {name: left_at, type: timestamptz, nullable: true, description: When the participant left; null while present.}\n      - {name: leave_reason, type: text, nullable: true, description: \"How the attendance ended, as in participant.left's leave_reason; null while present.\"}\n      - {name: client_platform",
    );
    let (code, document) = check_json(dir.path(), "2026-11-26");
    assert_eq!(code, Some(1), "{document:#}");
    let removed = finding(&document, "column-removed-without-deprecation");
    let columns_line = last_line(dir.path(), file, "    columns:");
    assert_eq!(columns_line, 56, "v3's `columns:` key");
    assert_eq!(
        removed,
        &serde_json::json!({
            "rule": "column-removed-without-deprecation",
            "severity": "error",
            "contract": "core.participants",
            "file": "contracts/tables/core/participants.yaml",
            "line": 56,
            "column": 5,
            "message": "`display_name` was removed in v3 (compared with v2) without being deprecated in an earlier released version",
            "help": "keep the column; mark it `deprecated: {remove_after: DATE}` in a released version and remove it after that date",
            "old_version": 2,
            "new_version": 3,
            "path": "display_name"
        })
    );
    // v3's migration still leaves `display_name` in the table: the contract alone was edited.
    let mismatch = finding(&document, "migration-mismatch");
    assert_eq!(mismatch["path"], "display_name", "{document:#}");
    assert_eq!(document["summary"]["errors"], 2, "{document:#}");
}

/// Appends a draft v4 of core.users without the deprecated `legacy_username`; returns the line
/// of v4's `columns:` key.
fn drop_legacy_username(dir: &Path) -> u64 {
    let file = "contracts/tables/core/users.yaml";
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let v3 = &text[text.find("  - version: 3\n").unwrap()..];
    let legacy_start = v3.find("      # overdue on purpose").unwrap();
    let legacy_end = v3.find("      - {name: auth_subject").unwrap();
    let v4 = format!("{}{}", &v3[..legacy_start], &v3[legacy_end..])
        .replacen("  - version: 3\n", "  - version: 4\n", 1)
        .replacen("    released: 2026-09-14\n", "", 1)
        .replacen(
            "    summary: Adds deactivated_at, set when an account is closed; it starts the retention clock.\n",
            "    summary: Drops legacy_username, deprecated in v2.\n",
            1,
        )
        .replacen(
            "    migration: ../../../migrations/core/0008_users_deactivated_at.sql\n",
            "",
            1,
        );
    assert!(!v4.contains("name: legacy_username") && !v4.contains("released:"));
    std::fs::write(dir.join(file), format!("{text}\n{v4}")).unwrap();
    last_line(dir, file, "    columns:")
}

#[test]
fn dropping_a_deprecated_column_is_info_after_its_date_and_an_error_before() {
    let dir = example_copy();
    let columns_line = drop_legacy_username(dir.path());

    let (code, document) = check_json(dir.path(), "2026-11-26");
    assert_eq!(code, Some(0), "{document:#}");
    let after = finding(&document, "column-removed-after-deadline");
    assert_eq!(after["severity"], "info");
    assert_eq!(after["line"], columns_line);
    assert_eq!(
        after["message"],
        "`legacy_username` was removed in v4 (compared with v3) after its removal date 2026-10-01; v3 deprecated it"
    );
    // The column is gone from the latest version: no longer overdue.
    assert!(
        !summary(&document)
            .iter()
            .any(|f| f.starts_with("deprecation-overdue")),
        "{document:#}"
    );

    // The same change checked on a day before the deadline (and after v3's release).
    let (code, document) = check_json(dir.path(), "2026-09-20");
    assert_eq!(code, Some(1), "{document:#}");
    let before = finding(&document, "column-removed-before-deadline");
    assert_eq!(before["severity"], "error");
    assert_eq!(before["line"], columns_line);
    assert_eq!(before["path"], "legacy_username");
    assert_eq!(
        before["message"],
        "`legacy_username` was removed in v4 (compared with v3) before its removal date 2026-10-01 (today is 2026-09-20); v3 deprecated it"
    );
}

#[test]
fn a_renamed_migration_file_is_reported_relative_to_the_contract() {
    let dir = example_copy();
    std::fs::rename(
        dir.path()
            .join("migrations/core/0007_meetings_language_not_null.sql"),
        dir.path()
            .join("migrations/core/0007_meetings_language.sql"),
    )
    .unwrap();
    // Run from elsewhere, on the catalogue's absolute path: the migration path is resolved
    // from the contract file, not from the working directory.
    let root = dir.path().join("contracts");
    let output = contract_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "check",
            root.to_str().unwrap(),
            "--format",
            "json",
            "--today",
            "2026-11-26",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    let missing = finding(&document, "migration-missing");
    assert_eq!(missing["line"], 44);
    assert_eq!(missing["new_version"], 3);
    assert!(
        missing["old_version"].is_null(),
        "about one version: {missing}"
    );
    assert!(
        missing["message"].as_str().unwrap().starts_with(
            "the migration of v3, `../../../migrations/core/0007_meetings_language_not_null.sql`, does not exist"
        ),
        "{missing}"
    );
    assert_eq!(document["summary"]["errors"], 1, "{document:#}");
}

#[test]
fn an_acceptance_on_the_new_version_silences_exactly_its_finding() {
    let dir = example_copy();
    let file = "contracts/tables/core/meetings.yaml";
    edit(
        dir.path(),
        file,
        "    migration: ../../../migrations/core/0007_meetings_language_not_null.sql\n",
        "    migration: ../../../migrations/core/0007_meetings_language_not_null.sql\n    accepted:\n      - {rule: column-made-not-null, path: language, reason: The only writer sets it since v2., approved_by: meetings}\n",
    );
    let (code, document) = check_json(dir.path(), "2026-11-26");
    assert_eq!(code, Some(0), "{document:#}");
    assert_eq!(
        summary(&document),
        [
            "migration-unsafe warning contracts/tables/analytics/participation-timeline.yaml:36",
            "column-type-widened info contracts/tables/analytics/participation-timeline.yaml:39",
            "deprecation-overdue warning contracts/tables/core/users.yaml:58",
            "column-type-widened info contracts/tables/transcription/transcriptions.yaml:45",
        ]
    );
}

//! End-to-end: `contract diff` on the example catalogue and on two files, as a user runs it.

mod common;

use common::{contract, stdout};

#[test]
fn the_last_version_against_its_predecessor_by_default() {
    let output = contract(&[
        "diff",
        "transcription.segment-transcribed",
        "--color",
        "never",
    ]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!("segment_transcribed_v2_v3", stdout(&output));
}

#[test]
fn chosen_versions_are_compared_in_the_contracts_mode() {
    let output = contract(&[
        "diff",
        "meeting.created",
        "--from",
        "1",
        "--to",
        "2",
        "--color",
        "never",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("meeting.created (contracts/events/meeting/created.yaml): version 1 → version 2\ncompatibility full, policy lenient\n"), "{text}");
    assert!(
        text.contains("+++ meeting.created version 2 (released 2026-04-07)\n"),
        "{text}"
    );
}

#[test]
fn colours_only_when_asked() {
    let plain = stdout(&contract(&[
        "diff",
        "transcription.segment-transcribed",
        "--color",
        "never",
    ]));
    assert!(!plain.contains('\x1b'));
    let coloured = stdout(&contract(&[
        "diff",
        "transcription.segment-transcribed",
        "--color",
        "always",
    ]));
    assert!(
        coloured.contains("\x1b[31m-    \"confidence\": {\x1b[0m"),
        "{coloured}"
    );
}

#[test]
fn two_files_are_compared_directly() {
    let output = contract(&[
        "diff",
        "fixtures/compat/incompatible-old.json",
        "fixtures/compat/incompatible-new.json",
        "--color",
        "never",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("breaking    backward  TYPE_CHANGED"),
        "{text}"
    );
    assert!(
        text.contains(
            "--- fixtures/compat/incompatible-old.json\n+++ fixtures/compat/incompatible-new.json\n"
        ),
        "{text}"
    );
}

#[test]
fn unknown_contracts_and_versions_exit_2_with_a_hint() {
    let output = contract(&["diff", "meeting.creatd"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: no contract `meeting.creatd` in the catalogue; did you mean `meeting.created`?\n"
    );
    let output = contract(&["diff", "meeting.created", "--to", "9"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: `meeting.created` has no version 9; its versions are 1, 2, 3\n"
    );
    let output = contract(&["diff", "meeting.renamed"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: version 1 is the first version of `meeting.renamed`: nothing to compare it with; pass --from\n"
    );
}

#[test]
fn tables_show_classified_column_changes_and_a_column_diff() {
    let output = contract(&["diff", "core.meetings", "--color", "never"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("column-made-not-null                    `language`\n"),
        "{text}"
    );
    assert!(
        text.contains("-language text\n+language text NOT NULL DEFAULT 'und'\n"),
        "{text}"
    );
    insta::assert_snapshot!("core_meetings_v2_v3", text);
    let widened = stdout(&contract(&[
        "diff",
        "transcription.transcriptions",
        "--color",
        "never",
    ]));
    assert!(
        widened.contains(
            "column-type-widened                     `model_version`: varchar(100) → varchar(200)\n"
        ),
        "{widened}"
    );
}

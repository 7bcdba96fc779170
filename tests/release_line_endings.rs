//! `contract release` edits every file `check` accepts: `\n`, `\r\n` and lone-`\r` line endings,
//! and contracts that share parts through anchors, aliases and merge keys.

mod common;

use common::{contract_in, example_copy, stdout};

/// The example catalogue with `meeting.created`'s file rewritten by `convert`.
fn example_with(convert: impl Fn(&str) -> String) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = example_copy();
    let file = dir.path().join("contracts/events/meeting/created.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, convert(&text)).unwrap();
    (dir, file)
}

fn release(dir: &std::path::Path) {
    let run = contract_in(
        dir,
        &["release", "meeting.created", "--today", "2026-12-02"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", common::stderr(&run));
}

#[test]
fn each_line_ending_is_kept_and_the_date_added_with_it() {
    for line_break in ["\r\n", "\r"] {
        let (dir, file) = example_with(|text| text.replace('\n', line_break));
        let check = contract_in(dir.path(), &["check", "contracts"]);
        assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
        let before = std::fs::read_to_string(&file).unwrap();
        release(dir.path());
        let released = std::fs::read_to_string(&file).unwrap();
        let added = format!("    released: 2026-12-02{line_break}");
        let expected = format!("  - version: 3{line_break}{added}");
        assert!(released.contains(&expected), "{line_break:?}: {released:?}");
        // Nothing but the new line changed, and no other line ending crept in.
        assert_eq!(released.replacen(&added, "", 1), before);
        let after = contract_in(dir.path(), &["check", "contracts"]);
        assert_eq!(after.status.code(), Some(0), "{}", stdout(&after));
    }
}

#[test]
fn findings_in_a_file_with_lone_returns_quote_the_right_line() {
    let (dir, _) = example_with(|text| {
        text.replace('\n', "\r")
            .replace("owner: meetings", "owner: meeting")
    });
    let run = contract_in(dir.path(), &["check", "contracts"]);
    let out = stdout(&run);
    assert_eq!(run.status.code(), Some(1), "{out}");
    // The quoted window shows the offending line on its own, no carriage return reaches the
    // terminal and none is shown as an escape.
    assert!(out.contains("│ owner: meeting\n"), "{out}");
    assert!(!out.contains('\r') && !out.contains("\\u{d}"), "{out}");
}

#[test]
fn a_draft_that_uses_anchors_and_aliases_is_released() {
    let (dir, file) = example_with(|text| {
        // v1 anchors the format of its first property; the draft aliases it.
        let anchored = text.replacen("format: uuid", "format: &uuid uuid", 1);
        let at = anchored.find("  - version: 3").unwrap();
        let (before, draft) = anchored.split_at(at);
        format!(
            "{before}{}",
            draft.replacen("format: uuid", "format: *uuid", 1)
        )
    });
    let check = contract_in(dir.path(), &["check", "contracts"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    release(dir.path());
    let released = std::fs::read_to_string(&file).unwrap();
    assert!(released.contains("format: *uuid"), "{released}");
    assert!(
        released.contains("  - version: 3\n    released: 2026-12-02\n    # draft"),
        "{released}"
    );
    let after = contract_in(dir.path(), &["check", "contracts"]);
    assert_eq!(after.status.code(), Some(0), "{}", stdout(&after));
}

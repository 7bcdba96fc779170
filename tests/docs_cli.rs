//! End-to-end: `contract docs` and `contract docs --check`, the real binary on real files.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

fn contract_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contract"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of the example catalogue and its migrations in a temporary directory.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("contracts"), &dir.path().join("contracts"));
    copy_dir(Path::new("migrations"), &dir.path().join("migrations"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                found.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

/// 19 pages (the home page, 2 indexes, the rules, 15 contracts) and the 16 migrations they link to.
const EXAMPLE_FILES: usize = 35;

#[test]
fn docs_writes_the_pages_and_a_second_run_gives_the_same_bytes() {
    let dir = example_copy();
    let output = contract_in(dir.path(), &["docs"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("wrote docs/reference: {EXAMPLE_FILES} files, {EXAMPLE_FILES} changed\n")
    );
    assert_eq!(stderr(&output), "");
    let out = dir.path().join("docs/reference");
    let first = files(&out);
    assert_eq!(first.len(), EXAMPLE_FILES);
    for page in [
        "events.md",
        "database.md",
        "rules.md",
        "events/meeting.created.md",
        "tables/core.users.md",
    ] {
        assert!(
            first.contains_key(page),
            "{page} missing: {:?}",
            first.keys()
        );
    }
    let events = String::from_utf8(first["events.md"].clone()).unwrap();
    assert!(events.starts_with("---\ntitle: \"Events Reference\"\nsidebar_position: 1\n"));
    assert!(events.contains(
        "| [`meeting.ended`](events/meeting.ended.md) | Meetings | `meeting_id` | deleted after 730 days | backward | 2 | released |"
    ), "{events}");

    let again = contract_in(dir.path(), &["docs"]);
    assert_eq!(
        stdout(&again),
        format!("wrote docs/reference: {EXAMPLE_FILES} files, 0 changed\n")
    );
    assert_eq!(files(&out), first);
}

#[test]
fn check_passes_when_fresh_and_fails_with_a_diff_after_an_edit() {
    let dir = example_copy();
    assert_eq!(contract_in(dir.path(), &["docs"]).status.code(), Some(0));
    let fresh = contract_in(dir.path(), &["docs", "--check"]);
    assert_eq!(fresh.status.code(), Some(0), "{}", stdout(&fresh));
    assert_eq!(
        stdout(&fresh),
        format!("docs/reference is up to date ({EXAMPLE_FILES} files)\n")
    );

    let contract = dir.path().join("contracts/events/meeting/renamed.yaml");
    let text = std::fs::read_to_string(&contract).unwrap();
    std::fs::write(
        &contract,
        text.replacen("delete_after: 730d", "delete_after: 500d", 1),
    )
    .unwrap();
    let stale = contract_in(dir.path(), &["docs", "--check"]);
    assert_eq!(stale.status.code(), Some(1));
    let report = stdout(&stale);
    assert!(
        report.contains(
            "--- docs/reference/events.md (on disk)\n+++ docs/reference/events.md (generated)\n"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "--- docs/reference/events/meeting.renamed.md (on disk)\n+++ docs/reference/events/meeting.renamed.md (generated)\n"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "\n-- Retention: deleted after 730 days\n+- Retention: deleted after 500 days\n"
        ),
        "{report}"
    );
    assert!(report.ends_with(
        "\ndocs/reference is stale: 2 pages changed, 0 to add, 0 to remove; run `contract docs` to update it\n"
    ), "{report}");
    // --check writes nothing.
    let page = dir.path().join("docs/reference/events/meeting.renamed.md");
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("deleted after 730 days")
    );

    assert_eq!(contract_in(dir.path(), &["docs"]).status.code(), Some(0));
    assert_eq!(
        contract_in(dir.path(), &["docs", "--check"]).status.code(),
        Some(0)
    );
}

#[test]
fn check_names_pages_to_add_and_pages_no_longer_generated() {
    let dir = example_copy();
    assert_eq!(contract_in(dir.path(), &["docs"]).status.code(), Some(0));
    let events = dir.path().join("contracts/events/meeting");
    std::fs::rename(events.join("renamed.yaml"), dir.path().join("renamed.yaml")).unwrap();
    let added = std::fs::read_to_string(events.join("ended.yaml"))
        .unwrap()
        .replacen("contract: meeting.ended", "contract: meeting.paused", 1);
    std::fs::write(events.join("paused.yaml"), added).unwrap();
    let output = contract_in(dir.path(), &["docs", "--check"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    assert!(
        report.contains(
            "would add docs/reference/events/meeting.paused.md\n\
         would remove docs/reference/events/meeting.renamed.md (no longer generated)\n"
        ),
        "{report}"
    );
    let written = contract_in(dir.path(), &["docs"]);
    assert!(
        stdout(&written).ends_with(", 1 no longer generated and removed\n"),
        "{}",
        stdout(&written)
    );
    assert!(
        !dir.path()
            .join("docs/reference/events/meeting.renamed.md")
            .exists()
    );
    assert!(
        dir.path()
            .join("docs/reference/events/meeting.paused.md")
            .is_file()
    );
}

#[test]
fn a_broken_contract_is_skipped_with_a_note_and_an_unsafe_id_writes_nothing_outside() {
    let dir = example_copy();
    let events = dir.path().join("contracts/events");
    std::fs::write(events.join("broken.yaml"), "contract: [unclosed\n").unwrap();
    let hostile = std::fs::read_to_string(events.join("meeting/renamed.yaml"))
        .unwrap()
        .replacen("contract: meeting.renamed", "contract: ../../../escape", 1);
    std::fs::write(events.join("hostile.yaml"), hostile).unwrap();
    let output = contract_in(dir.path(), &["docs", "--out", "site/ref"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let notes = stderr(&output);
    assert!(notes.contains(
        "note: skipped contracts/events/broken.yaml: it does not load (invalid YAML: unclosed bracket '['); `contract check` says why\n"
    ), "{notes}");
    assert!(
        notes.contains("note: skipped contracts/events/hostile.yaml: it does not load ("),
        "{notes}"
    );
    let everything = files(dir.path());
    let outside: Vec<&String> = everything
        .keys()
        .filter(|path| {
            !path.starts_with("contracts")
                && !path.starts_with("migrations")
                && !path.starts_with("site/ref/")
        })
        .collect();
    assert_eq!(outside, Vec::<&String>::new());
    assert!(
        dir.path()
            .join("site/ref/events/meeting.renamed.md")
            .is_file()
    );
}

#[test]
fn a_catalogue_that_cannot_be_read_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = contract_in(dir.path(), &["docs", "no/such/dir"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output), "error: no/such/dir does not exist\n");
    let output = contract_in(dir.path(), &["docs", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("has no owners.yaml"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("docs").exists());
}

/// The committed reference for the example catalogue is what CI's `contract docs --check` sees.
#[test]
fn the_committed_reference_is_fresh() {
    let output = contract_in(Path::new("."), &["docs", "--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

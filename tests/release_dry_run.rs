//! `contract release --dry-run` shows what a release would write and writes nothing.

mod common;

use common::{contract_in, example_copy, stdout};
use std::path::Path;

fn snapshot_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn a_dry_run_prints_every_change_and_writes_nothing() {
    let dir = example_copy();
    let before = snapshot_of(dir.path());
    let run = contract_in(
        dir.path(),
        &[
            "release",
            "meeting.created",
            "--dry-run",
            "--today",
            "2026-12-02",
        ],
    );
    assert_eq!(run.status.code(), Some(0));
    let out = stdout(&run);
    assert!(out.starts_with(
        "would release meeting.created v3 (contracts/events/meeting/created.yaml), dated 2026-12-02\n\
--- a/contracts/events/meeting/created.yaml\n+++ b/contracts/events/meeting/created.yaml\n"
    ), "{out}");
    assert!(out.contains("\n+    released: 2026-12-02\n"), "{out}");
    assert!(out.contains("--- a/contracts/contracts.lock\n+++ b/contracts/contracts.lock\n"));
    assert!(
        out.contains("+          \"released\": \"2026-12-02\",\n"),
        "{out}"
    );
    assert!(out.ends_with("dry run: nothing was written\n"));
    assert_eq!(snapshot_of(dir.path()), before, "a dry run wrote a file");

    // The real release then writes exactly what the dry run showed.
    let real = contract_in(
        dir.path(),
        &["release", "meeting.created", "--today", "2026-12-02"],
    );
    assert_eq!(real.status.code(), Some(0));
    let created =
        std::fs::read_to_string(dir.path().join("contracts/events/meeting/created.yaml")).unwrap();
    assert!(created.contains("  - version: 3\n    released: 2026-12-02\n"));
}

//! End-to-end: hostile input in a pull request (a huge or deep lock, FIFOs and directories where
//! files belong) gives a finding or exit code 2, quickly; it never hangs or crashes `check`.

mod common;

use common::{contract_in, example_copy, stderr, stdout};
use std::path::Path;

/// The findings of `rule` in `file` as (line, message), from the JSON report, and the exit code.
fn findings(dir: &Path, rule: &str, file: &str) -> (Option<i32>, Vec<(u64, String)>) {
    let output = contract_in(
        dir,
        &[
            "check",
            "contracts",
            "--today",
            "2026-11-26",
            "--format",
            "json",
        ],
    );
    let document: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("JSON on stdout: {}{}", stdout(&output), stderr(&output)));
    let found = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["rule"] == rule && finding["file"] == file)
        .map(|finding| {
            (
                finding["line"].as_u64().unwrap(),
                finding["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (output.status.code(), found)
}

#[test]
fn an_oversize_lock_is_a_lock_mismatch_at_line_1() {
    // Regression: a 200 MB lock took minutes and 4.5 GiB; it is now refused before reading.
    let dir = example_copy();
    let lock = dir.path().join("contracts/contracts.lock");
    let file = std::fs::OpenOptions::new().write(true).open(&lock).unwrap();
    file.set_len(200_000_000).unwrap();
    let (code, found) = findings(dir.path(), "lock-mismatch", "contracts/contracts.lock");
    assert_eq!(code, Some(1));
    assert_eq!(
        found,
        vec![(
            1,
            "contracts.lock is 200.0 MB; the lock is limited to 64 MB, so it was not read".into()
        )]
    );
}

#[test]
fn a_too_deep_lock_is_a_lock_mismatch() {
    let dir = example_copy();
    let lock = dir.path().join("contracts/contracts.lock");
    std::fs::write(&lock, "[".repeat(100_000)).unwrap();
    let (code, found) = findings(dir.path(), "lock-mismatch", "contracts/contracts.lock");
    assert_eq!(code, Some(1));
    assert_eq!(
        found,
        vec![(
            1,
            "contracts.lock is not valid JSON: the document is nested more than 128 levels deep"
                .into()
        )]
    );
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_fifo_settings_file_is_a_finding_not_defaults() {
    // Regression: a FIFO settings.yaml was skipped, the defaults applied and the exit was 0.
    let dir = example_copy();
    mkfifo(&dir.path().join("contracts/settings.yaml"));
    let (code, found) = findings(dir.path(), "contract-invalid", "contracts/settings.yaml");
    assert_eq!(code, Some(1));
    assert_eq!(
        found,
        vec![(
            1,
            "contracts/settings.yaml is a FIFO (named pipe), not a regular file; it was not read"
                .into()
        )]
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_owners_file_is_a_finding() {
    let dir = example_copy();
    mkfifo(&dir.path().join("contracts/owners.yaml"));
    let (code, found) = findings(dir.path(), "contract-invalid", "contracts/owners.yaml");
    assert_eq!(code, Some(1));
    assert_eq!(
        found,
        vec![(
            1,
            "contracts/owners.yaml is a FIFO (named pipe), not a regular file; it was not read"
                .into()
        )]
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_lock_is_a_lock_mismatch() {
    let dir = example_copy();
    mkfifo(&dir.path().join("contracts/contracts.lock"));
    let (code, found) = findings(dir.path(), "lock-mismatch", "contracts/contracts.lock");
    assert_eq!(code, Some(1));
    assert_eq!(
        found,
        vec![(
            1,
            "contracts/contracts.lock is a FIFO (named pipe), not a regular file; it was not read"
                .into()
        )]
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_directory_named_like_a_contract_is_a_finding() {
    let dir = example_copy();
    mkfifo(&dir.path().join("contracts/events/x.yaml"));
    std::fs::create_dir(dir.path().join("contracts/events/d.yaml")).unwrap();
    let (code, fifo) = findings(dir.path(), "contract-invalid", "contracts/events/x.yaml");
    assert_eq!(code, Some(1));
    assert_eq!(
        fifo,
        vec![(
            1,
            "contracts/events/x.yaml is a FIFO (named pipe), not a regular file; it was not read"
                .into()
        )]
    );
    let (_, directory) = findings(dir.path(), "contract-invalid", "contracts/events/d.yaml");
    assert_eq!(
        directory,
        vec![(
            1,
            "contracts/events/d.yaml is a directory, not a regular file; it was not read".into()
        )]
    );
}

#[cfg(unix)]
#[test]
fn a_named_fifo_is_exit_2() {
    // Regression: naming a FIFO contract printed "0 files checked" and exited 0.
    let dir = example_copy();
    mkfifo(&dir.path().join("contracts/events/x.yaml"));
    let output = contract_in(dir.path(), &["check", "contracts/events/x.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: contracts/events/x.yaml is a FIFO (named pipe), not a contract file or a \
         directory: name a .yaml file or a catalogue directory\n"
    );
}

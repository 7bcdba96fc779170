//! What the end-to-end tests share: running the real binary, and a scratch copy of the example
//! catalogue.

// Each test crate includes this module and uses a different part of it.
#![allow(dead_code)]

pub mod postgres;

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary from the repository root.
pub fn contract(args: &[&str]) -> Output {
    contract_in(Path::new("."), args)
}

/// Runs the binary in `dir`, with colours left to the binary's own decision (off: not a terminal).
pub fn contract_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contract"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of the example catalogue and its migrations in a temporary directory, to change freely.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("contracts"), &dir.path().join("contracts"));
    copy_dir(Path::new("migrations"), &dir.path().join("migrations"));
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
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

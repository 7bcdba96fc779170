//! A hostile pull request can neither leak nor write outside its room: every path a contract
//! names, every file the catalogue reads and every page `docs` writes stays inside the
//! repository (or `--out`), and no control character of a file reaches the terminal. Each test
//! runs the real binary on a copy of the example catalogue.

mod common;

use common::{contract_in, example_copy, stderr, stdout};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

const MEETINGS: &str = "contracts/tables/core/meetings.yaml";
const FIRST_MIGRATION: &str = "../../../migrations/core/0002_create_meetings.sql";
/// A value only the test process's environment holds: it must never be printed or published.
const SECRET: &str = "hunter2-confinement-secret";

fn with_migration(dir: &Path, migration: &str) {
    let path = dir.join(MEETINGS);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(FIRST_MIGRATION));
    std::fs::write(&path, text.replacen(FIRST_MIGRATION, migration, 1)).unwrap();
}

/// Runs the binary in `dir` with the secret in its environment, as a CI job's token would be.
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_contract"))
        .args(args)
        .current_dir(dir)
        .env("CI_TOKEN", SECRET)
        .output()
        .expect("the binary runs")
}

fn site_text(site: &Path) -> String {
    let mut all = String::new();
    for entry in walk(site) {
        all.push_str(&String::from_utf8_lossy(&std::fs::read(entry).unwrap()));
    }
    all
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn assert_refused_and_not_published(dir: &Path, migration: &str, leaked: &str) {
    let check = run(dir, &["check", "contracts", "--format", "json"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let findings: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["rule"] == "path-outside-repository")
        .collect();
    assert_eq!(findings.len(), 1, "{json:#}");
    assert_eq!(findings[0]["file"], MEETINGS);
    assert_eq!(findings[0]["line"], 15);
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap()
            .starts_with(&format!("the migration of v1, `{migration}`, leads to `")),
        "{}",
        findings[0]["message"]
    );
    let human = run(dir, &["check", "contracts"]);
    assert!(!stdout(&human).contains(leaked), "{}", stdout(&human));
    let docs = run(dir, &["docs", "contracts", "--out", "site"]);
    assert_eq!(docs.status.code(), Some(0), "{}", stderr(&docs));
    let site = site_text(&dir.join("site"));
    assert!(!site.contains(leaked), "the site publishes the file");
    assert!(site.contains("outside the repository, not copied"));
}

#[test]
fn a_migration_naming_the_process_environment_is_refused_and_never_published() {
    let dir = example_copy();
    with_migration(dir.path(), "/proc/self/environ");
    assert_refused_and_not_published(dir.path(), "/proc/self/environ", SECRET);
}

#[test]
fn a_migration_climbing_out_of_the_repository_is_refused_and_never_published() {
    let dir = example_copy();
    let climbing = "../".repeat(40) + "etc/passwd";
    with_migration(dir.path(), &climbing);
    assert_refused_and_not_published(dir.path(), &climbing, "root:x:0:0");
}

#[test]
fn a_migration_symlinked_out_of_the_repository_is_refused_and_never_published() {
    let dir = example_copy();
    let link = dir.path().join("migrations/core/0002_create_meetings.sql");
    std::fs::remove_file(&link).unwrap();
    symlink("/etc/passwd", &link).unwrap();
    assert_refused_and_not_published(dir.path(), FIRST_MIGRATION, "root:x:0:0");
}

#[test]
fn a_contract_file_symlinked_out_of_the_repository_is_not_read() {
    let dir = example_copy();
    symlink("/etc/passwd", dir.path().join("contracts/events/x.yaml")).unwrap();
    symlink("/etc", dir.path().join("contracts/events/etc")).unwrap();
    let human = run(dir.path(), &["check", "contracts"]);
    assert_eq!(human.status.code(), Some(1));
    assert!(!stdout(&human).contains("root:"), "{}", stdout(&human));
    let check = run(dir.path(), &["check", "contracts", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let refused: Vec<(&str, &str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "contract-invalid")
        .map(|f| {
            (
                f["file"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
                f["help"].as_str().unwrap(),
            )
        })
        .collect();
    let help = "replace the link with the file itself, or point it at a file inside the repository";
    assert_eq!(
        refused,
        [
            (
                "contracts/events/etc",
                "contracts/events/etc is a symbolic link to `/etc`, outside the repository that holds the catalogue; it is not read",
                help
            ),
            (
                "contracts/events/x.yaml",
                "contracts/events/x.yaml is a symbolic link to `/etc/passwd`, outside the repository that holds the catalogue; it is not read",
                help
            ),
        ]
    );
}

#[test]
fn side_files_and_the_lock_symlinked_out_of_the_repository_are_not_read() {
    let dir = example_copy();
    let outside = tempfile::tempdir().unwrap();
    let settings = outside.path().join("settings.yaml");
    std::fs::write(&settings, format!("compatibility: none  # {SECRET}\n")).unwrap();
    let lock = outside.path().join("contracts.lock");
    std::fs::write(&lock, format!("{{\"{SECRET}\": 1}}\n")).unwrap();
    for (name, target) in [("settings.yaml", &settings), ("contracts.lock", &lock)] {
        let path = dir.path().join("contracts").join(name);
        std::fs::remove_file(&path).unwrap();
        symlink(target, &path).unwrap();
    }
    let check = run(dir.path(), &["check", "contracts", "--format", "json"]);
    assert_eq!(check.status.code(), Some(1));
    let out = stdout(&check);
    assert!(!out.contains(SECRET), "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let refused: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .contains("is a symbolic link to")
        })
        .map(|f| (f["rule"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        refused,
        [
            ("lock-mismatch", "contracts/contracts.lock"),
            ("contract-invalid", "contracts/settings.yaml"),
        ]
    );
}

#[test]
fn docs_refuse_to_write_through_a_symlink_inside_out() {
    let dir = example_copy();
    let target = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("site")).unwrap();
    symlink(target.path(), dir.path().join("site/events")).unwrap();
    for args in [
        &["docs", "contracts", "--out", "site"][..],
        &["docs", "contracts", "--out", "site", "--check"][..],
    ] {
        let docs = contract_in(dir.path(), args);
        assert_eq!(docs.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&docs).contains("site/events is a symbolic link inside the output directory"),
            "{}",
            stderr(&docs)
        );
        assert_eq!(std::fs::read_dir(target.path()).unwrap().count(), 0);
    }
}

#[test]
fn control_characters_from_a_file_never_reach_the_terminal_in_any_format() {
    let dir = example_copy();
    let path = dir.path().join("contracts/events/meeting/renamed.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let hostile = text.replacen("owner: meetings", "owner: \"mee\\e[2J\\0\\x9btings\"", 1);
    assert_ne!(text, hostile);
    std::fs::write(&path, hostile).unwrap();
    for format in ["human", "json", "sarif", "github", "markdown", "junit"] {
        let check = contract_in(dir.path(), &["check", "contracts", "--format", format]);
        assert_eq!(check.status.code(), Some(1), "{format}");
        let out = stdout(&check);
        let raw: Vec<char> = out
            .chars()
            .filter(|&c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
            .collect();
        assert!(raw.is_empty(), "{format}: raw {raw:?} in\n{out}");
        assert!(
            out.contains("u{1b}[2J"),
            "{format}: the escape is shown\n{out}"
        );
    }
}

//! Releases and history end to end: real git repositories in temporary directories, the real
//! binary, `contract release`, `contract check` against the lock and `--against` a revision.

use std::path::Path;
use std::process::{Command, Output};

fn contract_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contract"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args([
            "-c",
            "user.email=t@t",
            "-c",
            "user.name=t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
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

/// A copy of the example catalogue (with its lock) in a temporary directory.
fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("contracts"), &dir.path().join("contracts"));
    copy_dir(Path::new("migrations"), &dir.path().join("migrations"));
    dir
}

/// The example catalogue committed on `main` in a new repository.
fn example_repo() -> tempfile::TempDir {
    let dir = example_copy();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "catalogue"]);
    dir
}

/// `(rule, file, message)` of every finding of `contract check --format json` with `args`.
fn findings(dir: &Path, args: &[&str]) -> (i32, Vec<(String, String, String)>) {
    let mut all = vec![
        "check",
        "contracts",
        "--format",
        "json",
        "--today",
        "2026-11-26",
    ];
    all.extend(args);
    let output = contract_in(dir, &all);
    let document: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("JSON on stdout; stderr: {}", stderr(&output)));
    let found = document["findings"]
        .as_array()
        .unwrap()
        .iter()
        // Only what this file tests: the history rules (the example catalogue's own evolution
        // and deprecation findings are tests/cli.rs's concern).
        .filter(|f| {
            contract::rules::find(f["rule"].as_str().unwrap())
                .is_some_and(|rule| rule.category == contract::rules::Category::History)
        })
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (output.status.code().unwrap(), found)
}

fn triple(rule: &str, file: &str, message: &str) -> (String, String, String) {
    (rule.into(), file.into(), message.into())
}

const RENAMED: &str = "contracts/events/meeting/renamed.yaml";

#[test]
fn the_committed_lock_matches_the_example_catalogue() {
    let dir = example_repo();
    assert_eq!(findings(dir.path(), &[]), (0, vec![]));
    assert_eq!(findings(dir.path(), &["--against", "main"]), (0, vec![]));
}

#[test]
fn release_dates_each_draft_and_changes_nothing_else() {
    let dir = example_copy();
    let before = dir.path().join("before");
    copy_dir(&dir.path().join("contracts"), &before);
    let output = contract_in(dir.path(), &["release", "--today", "2026-11-26"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "released analytics.synthesis-dashboard v3 (contracts/tables/analytics/synthesis-dashboard.yaml), dated 2026-11-26
released core.participants v3 (contracts/tables/core/participants.yaml), dated 2026-11-26
released meeting.created v3 (contracts/events/meeting/created.yaml), dated 2026-11-26
released transcription.completed v3 (contracts/events/transcription/completed.yaml), dated 2026-11-26
recorded in contracts/contracts.lock
"
    );
    // A line diff of every file: the only new lines are the dates, each right after its version.
    let mut added = Vec::new();
    for entry in walk(&before) {
        let relative = entry.strip_prefix(&before).unwrap();
        if relative == Path::new("contracts.lock") {
            continue;
        }
        let old = std::fs::read_to_string(&entry).unwrap();
        let new = std::fs::read_to_string(dir.path().join("contracts").join(relative)).unwrap();
        let diff = similar::TextDiff::from_lines(&old, &new);
        for change in diff.iter_all_changes() {
            match change.tag() {
                similar::ChangeTag::Equal => {}
                similar::ChangeTag::Delete => panic!("{relative:?}: line removed: {change}"),
                similar::ChangeTag::Insert => {
                    let previous = new.lines().nth(change.new_index().unwrap() - 1).unwrap();
                    added.push((
                        relative.to_string_lossy().into_owned(),
                        previous.to_string(),
                        change.to_string(),
                    ));
                }
            }
        }
    }
    added.sort();
    let expected = |file: &str| {
        (
            file.to_string(),
            "  - version: 3".to_string(),
            "    released: 2026-11-26\n".to_string(),
        )
    };
    assert_eq!(
        added,
        [
            expected("events/meeting/created.yaml"),
            expected("events/transcription/completed.yaml"),
            expected("tables/analytics/synthesis-dashboard.yaml"),
            expected("tables/core/participants.yaml"),
        ]
    );
    let lock = std::fs::read_to_string(dir.path().join("contracts/contracts.lock")).unwrap();
    insta::assert_snapshot!("example_lock_after_release", lock);
    assert_eq!(findings(dir.path(), &[]), (0, vec![]));

    // A second run has nothing to release and says so.
    let again = contract_in(dir.path(), &["release", "--today", "2026-11-26"]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        stdout(&again),
        "nothing to release: no contract in the catalogue has a draft (a draft is a last version without `released:`)\n"
    );
    let named = contract_in(dir.path(), &["release", "meeting.renamed"]);
    assert_eq!(
        stdout(&named),
        "nothing to release: meeting.renamed has no draft (a draft is a last version without `released:`)\n"
    );
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

#[test]
fn release_refuses_a_draft_with_errors_and_writes_nothing() {
    let dir = example_copy();
    let path = dir.path().join("contracts/events/meeting/created.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replacen("owner: meetings", "owner: meetngs", 1);
    assert_ne!(broken, text);
    std::fs::write(&path, &broken).unwrap();
    let lock = std::fs::read(dir.path().join("contracts/contracts.lock")).unwrap();
    let output = contract_in(
        dir.path(),
        &["release", "meeting.created", "--today", "2026-11-26"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("owner-unknown: owner `meetngs` is not a team in owners.yaml"),
        "{}",
        stdout(&output)
    );
    assert_eq!(
        stderr(&output),
        "refused: fix the errors above, then release again; nothing was written\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    assert_eq!(
        std::fs::read(dir.path().join("contracts/contracts.lock")).unwrap(),
        lock
    );
    // A named contract whose file breaks the format is refused with its findings too.
    std::fs::write(&path, format!("colour: red\n{text}")).unwrap();
    let output = contract_in(
        dir.path(),
        &["release", "meeting.created", "--today", "2026-11-26"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("contract-invalid: unknown key `colour`"),
        "{}",
        stdout(&output)
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("colour: red\n")
    );
    // An id that does not exist is a mistake in the command, not a finding.
    let output = contract_in(dir.path(), &["release", "meeting.create"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: no contract `meeting.create` in the catalogue; did you mean `meeting.created`?\n"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_contract_file_is_not_released_and_stays_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = example_copy();
    let path = dir.path().join("contracts/tables/core/participants.yaml");
    let text = std::fs::read(&path).unwrap();
    let lock = std::fs::read(dir.path().join("contracts/contracts.lock")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = contract_in(dir.path(), &["release", "--today", "2026-11-26"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: cannot write contracts/tables/core/participants.yaml: the file is read-only; \
nothing was released (files already written were put back)\n"
    );
    assert_eq!(std::fs::read(&path).unwrap(), text);
    assert_eq!(
        std::fs::read(dir.path().join("contracts/contracts.lock")).unwrap(),
        lock
    );
    // No other draft was dated either.
    let created =
        std::fs::read_to_string(dir.path().join("contracts/events/meeting/created.yaml")).unwrap();
    assert!(!created.contains("released: 2026-11-26"));
}

#[test]
fn an_edited_released_version_is_caught_by_the_lock_and_against_main() {
    let dir = example_repo();
    git(dir.path(), &["checkout", "-q", "-b", "feature"]);
    let path = dir.path().join(RENAMED);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("maxLength: 200", "maxLength: 100", 1);
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();

    let modified = "the schema of v1 differs from the released v1";
    assert_eq!(
        findings(dir.path(), &[]),
        (
            1,
            vec![triple(
                "released-version-modified",
                RENAMED,
                &format!("{modified} (per contracts.lock)")
            )]
        )
    );
    assert_eq!(
        findings(dir.path(), &["--against", "main"]),
        (
            1,
            vec![triple(
                "released-version-modified",
                RENAMED,
                &format!("{modified} (per main)")
            )]
        )
    );

    // Regenerating the lock launders the edit offline; the revision still has the old record.
    std::fs::remove_file(dir.path().join("contracts/contracts.lock")).unwrap();
    let init = contract_in(dir.path(), &["release", "--init-lock"]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    assert_eq!(findings(dir.path(), &[]), (0, vec![]));
    let (code, found) = findings(dir.path(), &["--against", "main"]);
    assert_eq!(code, 1);
    let rules: Vec<(&str, &str)> = found
        .iter()
        .map(|(rule, file, _)| (rule.as_str(), file.as_str()))
        .collect();
    assert_eq!(
        rules,
        [
            ("lock-mismatch", "contracts/contracts.lock"),
            ("released-version-modified", RENAMED)
        ]
    );
    assert!(
        found[0]
            .2
            .starts_with("contracts.lock rewrites the release of `meeting.renamed` v1 recorded at main (released 2026-01-12, sha256:"),
        "{}",
        found[0].2
    );
}

#[test]
fn a_deleted_contract_is_reported_at_its_old_file_against_main() {
    let dir = example_repo();
    std::fs::remove_file(dir.path().join(RENAMED)).unwrap();
    let message =
        "contract `meeting.renamed` (v1 released on 2026-01-12) is no longer declared by any file";
    assert_eq!(
        findings(dir.path(), &[]),
        (
            1,
            vec![triple(
                "contract-removed",
                "contracts/contracts.lock",
                &format!("{message} (per contracts.lock)")
            )]
        )
    );
    assert_eq!(
        findings(dir.path(), &["--against", "main"]),
        (
            1,
            vec![triple(
                "contract-removed",
                RENAMED,
                &format!("{message} (per main)")
            )]
        )
    );
    let output = contract_in(
        dir.path(),
        &[
            "check",
            "--against",
            "main",
            "--today",
            "2026-11-26",
            "--color",
            "never",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let human = stdout(&output);
    // The deleted file is quoted as it was at the revision.
    assert!(
        human.contains("[contracts/events/meeting/renamed.yaml:1:1]")
            && human.contains("1 │ contract: meeting.renamed"),
        "{human}"
    );
}

#[test]
fn a_changed_partition_key_is_reported_against_main_and_by_the_lock() {
    let dir = example_repo();
    let path = dir.path().join(RENAMED);
    let text = std::fs::read_to_string(&path).unwrap();
    // The key must stay a required property, or other rules would fire too.
    let changed = text.replacen("partition_key: meeting_id", "partition_key: title", 1);
    assert_ne!(changed, text);
    std::fs::write(&path, changed).unwrap();
    let message = "the partition key was `meeting_id` (per main); it is now `title`";
    assert_eq!(
        findings(dir.path(), &["--against", "main"]),
        (1, vec![triple("partition-key-changed", RENAMED, message)])
    );
    assert_eq!(
        findings(dir.path(), &[]),
        (
            1,
            vec![triple(
                "partition-key-changed",
                RENAMED,
                &message.replace("(per main)", "(per contracts.lock)")
            )]
        )
    );
}

#[test]
fn against_a_directory_compares_with_the_catalogue_in_it() {
    let old = example_copy();
    let new = example_copy();
    let path = new.path().join(RENAMED);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("owner: meetings", "owner: transcription", 1),
    )
    .unwrap();
    let old_catalogue = old.path().join("contracts");
    let (code, found) = findings(new.path(), &["--against", old_catalogue.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "owner-changed");
    assert!(
        found[0].2.starts_with("the owner was `meetings` (per /")
            && found[0]
                .2
                .ends_with("/contracts); it is now `transcription`"),
        "{}",
        found[0].2
    );
}

#[test]
fn a_shallow_clone_without_the_base_branch_exits_2_with_the_fetch_command() {
    let origin = example_repo();
    git(origin.path(), &["checkout", "-q", "-b", "feature"]);
    std::fs::write(origin.path().join("README"), "feature\n").unwrap();
    git(origin.path(), &["add", "README"]);
    git(origin.path(), &["commit", "-q", "-m", "feature"]);
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    git(
        clones.path(),
        &[
            "clone", "-q", "--depth", "1", "--branch", "feature", &url, "ci",
        ],
    );
    let ci = clones.path().join("ci");
    let output = contract_in(
        &ci,
        &[
            "check",
            "contracts",
            "--against",
            "origin/main",
            "--today",
            "2026-11-26",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        "error: git revision `origin/main` does not exist in this repository (a shallow clone: \
only the fetched commits are here); fetch it first:\n    \
git fetch --depth=1 origin main:refs/remotes/origin/main\n"
    );
    // The hint works as printed.
    git(
        &ci,
        &[
            "fetch",
            "-q",
            "--depth=1",
            "origin",
            "main:refs/remotes/origin/main",
        ],
    );
    assert_eq!(findings(&ci, &["--against", "origin/main"]), (0, vec![]));
}

#[test]
fn a_catalogue_that_did_not_exist_at_the_revision_is_all_new() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    std::fs::write(dir.path().join("README"), "empty\n").unwrap();
    git(dir.path(), &["add", "README"]);
    git(dir.path(), &["commit", "-q", "-m", "start"]);
    copy_dir(Path::new("contracts"), &dir.path().join("contracts"));
    copy_dir(Path::new("migrations"), &dir.path().join("migrations"));
    assert_eq!(findings(dir.path(), &["--against", "main"]), (0, vec![]));
}

#[test]
fn a_corrupt_lock_is_a_finding_with_its_line_and_release_refuses_it() {
    let dir = example_copy();
    let lock = dir.path().join("contracts/contracts.lock");
    let text = std::fs::read_to_string(&lock).unwrap();
    std::fs::write(
        &lock,
        text.replacen("\"kind\": \"table\",", "\"kind\": \"table\"", 1),
    )
    .unwrap();
    let output = contract_in(
        dir.path(),
        &["check", "--format", "json", "--today", "2026-11-26"],
    );
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let finding = &document["findings"][0];
    assert_eq!(finding["rule"], "lock-mismatch");
    assert_eq!(finding["file"], "contracts/contracts.lock");
    let line = text
        .lines()
        .position(|line| line.contains("\"kind\": \"table\","))
        .unwrap()
        + 2;
    assert_eq!(finding["line"], line);
    let release = contract_in(dir.path(), &["release", "--today", "2026-11-26"]);
    assert_eq!(release.status.code(), Some(2));
    assert!(
        stderr(&release).starts_with(&format!(
            "error: contracts/contracts.lock:{line}: contracts.lock is not valid JSON"
        )),
        "{}",
        stderr(&release)
    );
}

#[test]
fn the_pre_commit_hook_and_the_ci_example_run_the_check_against_the_base_branch() {
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let hooks = contract::yaml::parse(&hooks).unwrap().to_json();
    assert_eq!(hooks[0]["id"], "contract-check");
    // A script that builds with --locked, then runs `contract check`.
    assert_eq!(hooks[0]["entry"], "action/pre-commit-hook check");
    assert_eq!(hooks[0]["files"], "^(contracts|migrations)/");
    assert_eq!(hooks[0]["pass_filenames"], false);
    assert_eq!(hooks[1]["id"], "contract-check-system");
    assert_eq!(hooks[1]["language"], "system");
    assert_eq!(hooks[1]["entry"], "contract check");

    // The example uses the action, whose `against` defaults to the pull request's base
    // (action/run.sh; action/test.sh runs that against a real git repository).
    let workflow = std::fs::read_to_string("examples/github-workflow.yml").unwrap();
    let workflow = contract::yaml::parse(&workflow).unwrap().to_json();
    let paths = workflow["on"]["pull_request"]["paths"].as_array().unwrap();
    assert!(paths.iter().any(|p| p == "migrations/**"), "{paths:?}");
    let steps = workflow["jobs"]["check"]["steps"].as_array().unwrap();
    assert_eq!(steps[0]["uses"], "actions/checkout@v5");
    assert_eq!(steps[0]["with"]["fetch-depth"], 0);
    assert!(
        steps[1]["uses"]
            .as_str()
            .unwrap()
            .starts_with("OWNER/contract@")
    );
    assert_eq!(steps[1]["with"]["docs-check"], "true");
    assert_eq!(steps[1]["with"]["sarif"], "true");
    assert!(steps[1]["with"].get("against").is_none());
    let run = std::fs::read_to_string("action/run.sh").unwrap();
    assert!(run.contains(r#"against="origin/$GITHUB_BASE_REF""#));
}

#[test]
fn a_deleted_lock_is_reported_against_main() {
    let dir = example_repo();
    std::fs::remove_file(dir.path().join("contracts/contracts.lock")).unwrap();
    let (code, found) = findings(dir.path(), &["--against", "main"]);
    assert_eq!(code, 1);
    assert!(
        found.contains(&triple(
            "lock-mismatch",
            "contracts/contracts.lock",
            "contracts.lock was deleted since main"
        )),
        "{found:?}"
    );
    // Offline, every contract with releases says the lock is missing, once.
    let offline = findings(dir.path(), &[]).1;
    assert_eq!(offline.len(), 15, "{offline:?}");
    assert!(
        offline
            .iter()
            .all(|(rule, _, message)| rule == "lock-mismatch"
                && message.ends_with("but the catalogue has no contracts.lock recording releases"))
    );
}

//! The conventions a CLI of this kind is expected to keep, on the real binary: shell
//! completions, a man page, `-q/--quiet`, `--config PATH`.

use std::path::Path;
use std::process::{Command, Output};

fn contract(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contract"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    for (shell, marker) in [
        ("bash", "complete -F _contract"),
        ("zsh", "#compdef contract"),
        ("fish", "complete -c contract"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = contract(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}: {script}");
        for subcommand in ["check", "docs", "release", "completions", "man"] {
            assert!(script.contains(subcommand), "{shell} lacks {subcommand}");
        }
    }
    let output = contract(&["completions", "tcsh"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn the_bash_completion_script_is_valid_bash() {
    let script = stdout(&contract(&["completions", "bash"]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("contract.bash");
    std::fs::write(&file, script).unwrap();
    let status = Command::new("bash").arg("-n").arg(&file).status().unwrap();
    assert!(status.success());
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let output = contract(&["man"]);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    assert!(page.contains(".TH contract 1"), "{page}");
    for heading in ["CONTRACT CHECK", "CONTRACT DOCS", "CONTRACT RELEASE"] {
        assert!(page.contains(&format!(".SH \"{heading}\"")), "{heading}");
    }
    assert!(
        page.contains("\\-\\-fail\\-on"),
        "check's options are in it"
    );
}

#[test]
fn quiet_prints_the_verdict_line_and_twice_quiet_prints_nothing() {
    let full = stdout(&contract(&["check", "contracts", "--today", "2026-11-01"]));
    let verdict = full.lines().rev().find(|line| !line.is_empty()).unwrap();
    assert!(verdict.starts_with('✓'), "{verdict}");
    let quiet = contract(&["check", "contracts", "--today", "2026-11-01", "-q"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stdout(&quiet), format!("{verdict}\n"));
    // The verdict, whatever the format.
    let json = contract(&[
        "check",
        "--format",
        "json",
        "--quiet",
        "--today",
        "2026-11-01",
    ]);
    assert_eq!(stdout(&json), format!("{verdict}\n"));
    let silent = contract(&["check", "contracts", "--today", "2026-11-01", "-qq"]);
    assert_eq!(silent.status.code(), Some(0));
    assert_eq!(stdout(&silent), "");
    // Failing quietly still fails.
    let failing = contract(&[
        "check",
        "--fail-on",
        "warning",
        "-qq",
        "--today",
        "2026-11-01",
    ]);
    assert_eq!(failing.status.code(), Some(1));
    assert_eq!(stdout(&failing), "");
}

#[test]
fn config_replaces_the_catalogues_settings() {
    let dir = tempfile::tempdir().unwrap();
    let strict = dir.path().join("strict.yaml");
    std::fs::write(&strict, "rules:\n  deprecation-overdue: error\n").unwrap();
    let strict = strict.to_str().unwrap();
    let default = contract(&["check", "--today", "2026-11-01", "-q"]);
    assert_eq!(default.status.code(), Some(0));
    let raised = contract(&[
        "check",
        "--today",
        "2026-11-01",
        "--format",
        "json",
        "--config",
        strict,
    ]);
    assert_eq!(raised.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&raised.stdout).unwrap();
    let overdue = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "deprecation-overdue")
        .expect("the example has an overdue column");
    assert_eq!(overdue["severity"], "error");
    // A settings file that names an unknown rule is reported against that file.
    let unknown = dir.path().join("unknown.yaml");
    std::fs::write(&unknown, "rules:\n  no-such-rule: error\n").unwrap();
    let output = contract(&[
        "check",
        "--config",
        unknown.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let text = stdout(&output);
    assert!(text.contains("unknown.yaml"), "{text}");
    // A missing file is the tool unable to do its job, with the path named.
    let missing = Path::new(strict).with_file_name("missing.yaml");
    let output = contract(&["check", "--config", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.yaml"));
}

#[test]
fn docs_takes_the_same_config() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("settings.yaml");
    std::fs::write(&settings, "rules:\n  deprecation-overdue: error\n").unwrap();
    let out = dir.path().join("site");
    let out = out.to_str().unwrap();
    let output = contract(&["docs", "--out", out, "--config", settings.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rules = std::fs::read_to_string(Path::new(out).join("rules.md")).unwrap();
    let row = rules
        .lines()
        .find(|line| line.contains("`deprecation-overdue`") && line.starts_with('|'))
        .unwrap();
    assert!(row.contains("error"), "{row}");
    // Without it, the catalogue's own (default) level.
    let plain = dir.path().join("plain");
    contract(&["docs", "--out", plain.to_str().unwrap()]);
    let rules = std::fs::read_to_string(plain.join("rules.md")).unwrap();
    let row = rules
        .lines()
        .find(|line| line.contains("`deprecation-overdue`") && line.starts_with('|'))
        .unwrap();
    assert!(!row.contains("error"), "{row}");
}

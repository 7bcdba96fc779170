//! Every rule against its fixtures: `fixtures/rules/<rule-id>/<case>/` is a small catalogue; a
//! case named `fires…` must produce the rule's finding, a case named `passes…` must not. Every
//! rule runs over every fixture, and the snapshot holds all findings, so overlaps show.

use contract::check::{self, Outcome};
use contract::date::Date;
use contract::finding::Level;
use contract::report::{self, OutputFormat, RenderOptions};
use contract::rules::RULES;
use std::path::{Path, PathBuf};

/// The day every fixture is checked on.
const TODAY: &str = "2026-06-01";

fn cases() -> Vec<(String, String, PathBuf)> {
    let root = Path::new("fixtures/rules");
    let mut cases = Vec::new();
    for rule in std::fs::read_dir(root).expect("fixtures/rules exists") {
        let rule = rule.unwrap().path();
        for case in std::fs::read_dir(&rule).unwrap() {
            let case = case.unwrap().path();
            if case.is_dir() {
                let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
                cases.push((name(&rule), name(&case), case));
            }
        }
    }
    cases.sort();
    cases
}

fn run(dir: &Path) -> Outcome {
    check::check(&[dir.to_path_buf()], Date::parse(TODAY).unwrap())
        .expect("fixture catalogue loads")
}

fn rendered(outcome: &Outcome) -> String {
    let options = RenderOptions {
        fail_on: Level::Error,
        color: false,
        width: 100,
    };
    let json = report::render(outcome, OutputFormat::Json, options);
    let human = report::render(outcome, OutputFormat::Human, options);
    format!("{json}\n---- human ----\n{human}")
}

#[test]
fn every_fixture_fires_or_passes_as_named_and_matches_its_snapshot() {
    let mut failures = Vec::new();
    for (rule, case, dir) in cases() {
        let outcome = run(&dir);
        let fired = outcome.findings.iter().any(|finding| finding.rule == rule);
        if case.starts_with("fires") && !fired {
            failures.push(format!(
                "{rule}/{case}: expected `{rule}` to fire; found {:?}",
                ids(&outcome)
            ));
        }
        if case.starts_with("passes") && fired {
            failures.push(format!("{rule}/{case}: expected `{rule}` not to fire"));
        }
        insta::assert_snapshot!(format!("{rule}__{case}"), rendered(&outcome));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn ids(outcome: &Outcome) -> Vec<&str> {
    outcome
        .findings
        .iter()
        .map(|finding| finding.rule)
        .collect()
}

#[test]
fn every_rule_has_a_firing_and_a_passing_fixture() {
    let cases = cases();
    // A rule that needs a live database has no catalogue fixture: tests/drift_cli.rs runs it.
    let missing: Vec<String> = RULES
        .iter()
        .filter(|rule| !matches!(rule.check, contract::rules::Check::Live))
        .flat_map(|rule| ["fires", "passes"].map(|prefix| (rule.id, prefix)))
        .filter(|(id, prefix)| {
            !cases
                .iter()
                .any(|(r, case, _)| r == id && case.starts_with(prefix))
        })
        .map(|(id, prefix)| format!("{id}: no `{prefix}…` case"))
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn fixture_directories_name_registered_rules() {
    for (rule, case, _) in cases() {
        assert!(
            contract::rules::find(&rule).is_some(),
            "fixtures/rules/{rule} names no rule"
        );
        assert!(
            case.starts_with("fires") || case.starts_with("passes"),
            "{rule}/{case}: name cases fires… or passes…"
        );
    }
}

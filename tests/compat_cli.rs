//! End-to-end: `contract compat OLD NEW` on the schema files under fixtures/compat/, as a user
//! runs it: exact exit codes, the differences listed, and messages that name the file at fault.

use std::process::{Command, Output};

fn compat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contract"))
        .arg("compat")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("--format json prints one JSON document")
}

const COMPATIBLE: [&str; 2] = [
    "fixtures/compat/compatible-old.json",
    "fixtures/compat/compatible-new.json",
];
const INCOMPATIBLE: [&str; 2] = [
    "fixtures/compat/incompatible-old.json",
    "fixtures/compat/incompatible-new.json",
];
const ENUM_YAML: [&str; 2] = [
    "fixtures/compat/enum-old.yaml",
    "fixtures/compat/enum-new.yaml",
];

#[test]
fn a_compatible_pair_exits_0_and_lists_every_difference() {
    let output = compat(&[COMPATIBLE[0], COMPATIBLE[1], "--mode", "backward"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.ends_with("compatible (backward): none of 3 differences break old data\n"),
        "{text}"
    );
    for kind in [
        "DESCRIPTION_CHANGED",
        "MAX_LENGTH_INCREASED",
        "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL",
    ] {
        assert!(text.contains(kind), "{kind} missing from:\n{text}");
    }
    assert!(!text.contains("breaking"), "{text}");
}

#[test]
fn strict_policy_breaks_on_a_property_added_to_an_open_model() {
    // Confluent's STRICT: old payloads may already carry `language` with any value.
    let output = compat(&[
        COMPATIBLE[0],
        COMPATIBLE[1],
        "--mode",
        "backward",
        "--policy",
        "strict",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let document = json(&output);
    assert_eq!(document["compatible"], false);
    assert_eq!(document["policy"], "strict");
    let breaking: Vec<&serde_json::Value> = document["differences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["compatible"] == false)
        .collect();
    assert_eq!(breaking.len(), 1, "{document}");
    assert_eq!(breaking[0]["kind"], "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL");
    assert_eq!(breaking[0]["old_path"], "/properties");
    assert_eq!(breaking[0]["new_path"], "/properties/language");
}

#[test]
fn an_incompatible_pair_exits_1_and_counts_the_breaking_differences() {
    let output = compat(&[INCOMPATIBLE[0], INCOMPATIBLE[1], "--mode", "backward"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.ends_with("incompatible (backward): 2 of 3 differences break old data\n"),
        "{text}"
    );
    assert!(
        text.lines().any(
            |line| line.starts_with("breaking    backward  TYPE_CHANGED")
                && line.contains("#/properties/duration/type")
        ),
        "{text}"
    );
}

#[test]
fn full_mode_checks_both_directions() {
    let output = compat(&[
        COMPATIBLE[0],
        COMPATIBLE[1],
        "--mode",
        "full",
        "--format",
        "json",
    ]);
    // Backward holds, but old consumers reject the longer titles new producers may write.
    assert_eq!(output.status.code(), Some(1));
    let document = json(&output);
    assert_eq!(document["mode"], "full");
    let differences = document["differences"].as_array().unwrap();
    let breaking: Vec<(&str, &str)> = differences
        .iter()
        .filter(|d| d["compatible"] == false)
        .map(|d| {
            (
                d["direction"].as_str().unwrap(),
                d["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(breaking, [("forward", "MAX_LENGTH_DECREASED")]);
    assert_eq!(
        differences
            .iter()
            .filter(|d| d["direction"] == "backward")
            .count(),
        3
    );
}

#[test]
fn yaml_schemas_are_read_too() {
    let backward = compat(&[ENUM_YAML[0], ENUM_YAML[1], "--mode", "backward"]);
    assert_eq!(backward.status.code(), Some(0), "{}", stderr(&backward));
    assert!(
        stdout(&backward).contains("ENUM_ARRAY_EXTENDED  #/properties/role/enum"),
        "{}",
        stdout(&backward)
    );
    let forward = compat(&[
        ENUM_YAML[0],
        ENUM_YAML[1],
        "--mode",
        "forward",
        "--format",
        "json",
    ]);
    assert_eq!(forward.status.code(), Some(1));
    let document = json(&forward);
    assert_eq!(document["differences"][0]["kind"], "ENUM_ARRAY_NARROWED");
    assert_eq!(document["differences"][0]["direction"], "forward");
    assert_eq!(
        document["differences"][0]["old_path"],
        "/properties/role/enum"
    );
}

#[test]
fn a_schema_compared_with_itself_is_compatible_with_no_differences() {
    let output = compat(&[INCOMPATIBLE[1], INCOMPATIBLE[1], "--mode", "full"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "compatible (full): the schemas do not differ\n"
    );
}

#[test]
fn a_remote_ref_exits_2_and_names_the_file() {
    for (old, new) in [
        (COMPATIBLE[0], "fixtures/compat/remote-ref.json"),
        ("fixtures/compat/remote-ref.json", COMPATIBLE[0]),
    ] {
        let output = compat(&[old, new, "--mode", "backward"]);
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(stdout(&output), "");
        let message = stderr(&output);
        assert!(
            message.starts_with("error: fixtures/compat/remote-ref.json: `$ref` \"https://schemas.example.com/speaker.json\""),
            "{message}"
        );
        assert!(message.contains("never fetched"), "{message}");
    }
}

// Regression: a misspelt type was compared as written and reported as "type widened:
// objekt → object" instead of as an invalid schema.
#[test]
fn a_schema_its_metaschema_rejects_exits_2_with_file_pointer_and_reason() {
    for (old, new) in [
        (COMPATIBLE[0], "fixtures/compat/misspelt-type.json"),
        ("fixtures/compat/misspelt-type.json", COMPATIBLE[0]),
    ] {
        let output = compat(&[old, new, "--mode", "backward"]);
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(stdout(&output), "");
        assert_eq!(
            stderr(&output),
            "error: fixtures/compat/misspelt-type.json:4:20: not a valid JSON Schema (draft 2020-12) \
             at #/properties/id/type: `type: objekt` is not a JSON Schema type; did you mean `object`?\n"
        );
    }
}

#[test]
fn a_yaml_schema_its_metaschema_rejects_gets_its_line_too() {
    let output = compat(&[
        ENUM_YAML[0],
        "fixtures/compat/negative-length.yaml",
        "--mode",
        "backward",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "error: fixtures/compat/negative-length.yaml:6:38: not a valid JSON Schema (draft 2020-12) \
         at #/properties/tags/items/minLength: -1 is less than the minimum of 0\n"
    );
}

// Regression: comparing a schema with itself reaches only the definitions it uses, so a `$ref`
// to nothing in an unused one passed `contract compat` while `contract check` refused it.
#[test]
fn a_ref_to_nothing_exits_2_even_where_nothing_uses_it() {
    let file = "fixtures/compat/dangling-ref.json";
    let output = compat(&[file, file, "--mode", "full"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "error: fixtures/compat/dangling-ref.json: `$ref` \"#/$defs/missing\" at \"/$defs/unused/$ref\" \
         points at nothing; fix the pointer or add the missing definition under `$defs`\n"
    );
}

#[test]
fn a_schema_naming_an_unknown_metaschema_exits_2_and_nothing_is_fetched() {
    let output = compat(&[
        COMPATIBLE[0],
        "fixtures/compat/unknown-draft.json",
        "--mode",
        "full",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "error: fixtures/compat/unknown-draft.json: `$schema` \"https://schemas.example.com/meta.json\" \
         names no JSON Schema draft this tool knows (draft-04, draft-06, draft-07, 2019-09, \
         2020-12); metaschemas are never fetched: name one of those, or leave `$schema` out for \
         2020-12\n"
    );
}

#[test]
fn malformed_files_exit_2_with_file_and_line() {
    let output = compat(&[
        "fixtures/compat/malformed.json",
        COMPATIBLE[1],
        "--mode",
        "backward",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: fixtures/compat/malformed.json:4:37: trailing comma\n"
    );
    let output = compat(&[
        ENUM_YAML[0],
        "fixtures/compat/malformed.yaml",
        "--mode",
        "backward",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: fixtures/compat/malformed.yaml:4:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn unreadable_files_and_bad_arguments_exit_2() {
    let output = compat(&[
        "fixtures/compat/absent.json",
        COMPATIBLE[1],
        "--mode",
        "backward",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: cannot read fixtures/compat/absent.json: "),
        "{}",
        stderr(&output)
    );
    let no_mode = compat(&[COMPATIBLE[0], COMPATIBLE[1]]);
    assert_eq!(no_mode.status.code(), Some(2));
    assert!(stderr(&no_mode).contains("--mode"), "{}", stderr(&no_mode));
    let bad_mode = compat(&[COMPATIBLE[0], COMPATIBLE[1], "--mode", "sideways"]);
    assert_eq!(bad_mode.status.code(), Some(2));
}

#[test]
fn invalid_utf8_exits_2_with_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.yaml");
    std::fs::write(&path, b"type: object\ndescription: caf\xe9\n").unwrap();
    let path = path.to_str().unwrap();
    let output = compat(&[path, path, "--mode", "backward"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!("error: {path}:2: the file is not valid UTF-8\n")
    );
}

#[test]
fn the_output_users_see_for_an_incompatible_pair() {
    let human = compat(&[INCOMPATIBLE[0], INCOMPATIBLE[1], "--mode", "full"]);
    insta::assert_snapshot!("compat_human_full", stdout(&human));
    let json = compat(&[
        INCOMPATIBLE[0],
        INCOMPATIBLE[1],
        "--mode",
        "full",
        "--format",
        "json",
    ]);
    insta::assert_snapshot!("compat_json_full", stdout(&json));
}

const V1: &str = "fixtures/compat/versions/v1.json";
const V2: &str = "fixtures/compat/versions/v2.json";
const V3: &str = "fixtures/compat/versions/v3.json";

#[test]
fn plain_modes_compare_the_last_version_with_the_one_before_it() {
    // v1 integer, v2 number, v3 integer >= 0: v3 against v2 narrows the type and adds a bound.
    let output = compat(&[V1, V2, V3, "--mode", "backward", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    let against: Vec<&str> = report["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["against"].as_str().unwrap())
        .collect();
    assert_eq!(against, [V2, V2]);
}

#[test]
fn transitive_modes_compare_the_last_version_with_every_earlier_one() {
    let output = compat(&[
        V1,
        V2,
        V3,
        "--mode",
        "backward_transitive",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["mode"], "backward_transitive");
    let against: std::collections::BTreeSet<&str> = report["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["against"].as_str().unwrap())
        .collect();
    assert_eq!(against, [V1, V2].into_iter().collect());
    // Forward: every v3 payload (an integer >= 0) is valid under v1 and v2.
    let output = compat(&[V1, V2, V3, "--mode", "forward_transitive"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // v2 number, v3 integer >= 0, v1 integer: against the one before (v3) dropping the bound is
    // compatible; against every earlier one, v2's 1.5 is rejected by v1.
    let output = compat(&[V2, V3, V1, "--mode", "backward"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = compat(&[V2, V3, V1, "--mode", "backward_transitive"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains(&format!("[vs {V2}] breaking")),
        "{}",
        stdout(&output)
    );
    let output = compat(&[V2, V3, V1, "--mode", "full_transitive"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
}

#[test]
fn mode_none_checks_nothing_but_still_reads_every_file() {
    let output = compat(&[V2, V3, "--mode", "none"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("mode none checks no compatibility"));
    let output = compat(&[
        V1,
        "fixtures/compat/versions/missing.json",
        V3,
        "--mode",
        "none",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("missing.json"),
        "{}",
        stderr(&output)
    );
}

const PATTERN_OLD: &str = "fixtures/compat/pattern-old.json";

#[test]
fn patterns_are_compared_as_languages() {
    // `[0-9]{4}` → `\d{4,6}` keeps every old code, and `minLength: 1` beside `^[a-z]+$` rejects
    // no old tag.
    let wider = "fixtures/compat/pattern-wider.json";
    let output = compat(&[PATTERN_OLD, wider, "--mode", "backward", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let report = json(&output);
    let kinds: Vec<&str> = report["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["PATTERN_EXTENDED"], "{report}");
    // The other way round, six-digit codes are lost.
    let output = compat(&[PATTERN_OLD, wider, "--mode", "forward"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("PATTERN_CHANGED"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_narrowed_pattern_shows_the_string_it_loses_in_a_verified_witness() {
    let narrower = "fixtures/compat/pattern-narrower.json";
    let output = compat(&[
        PATTERN_OLD,
        narrower,
        "--mode",
        "backward",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let report = json(&output);
    let difference = &report["differences"][0];
    assert_eq!(difference["kind"], "PATTERN_CHANGED", "{report}");
    assert_eq!(difference["new_path"], "/properties/tag/pattern");
    assert!(
        difference["detail"]
            .as_str()
            .unwrap()
            .contains("\"z\" no longer matches"),
        "{report}"
    );
    assert_eq!(difference["witness"]["tag"], "z", "{report}");
}

#[test]
fn a_pattern_the_automaton_cannot_model_is_judged_breaking_and_its_removal_is_not() {
    let lookahead = "fixtures/compat/pattern-lookahead.json";
    let output = compat(&[
        PATTERN_OLD,
        lookahead,
        "--mode",
        "backward",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let detail = json(&output)["differences"][0]["detail"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        detail.contains("cannot compare") && detail.contains("lookahead"),
        "{detail}"
    );
    // Going back from the lookahead to the plain pattern is judged as a change too, since the
    // old language cannot be modelled; dropping the pattern altogether is compatible.
    let output = compat(&[lookahead, PATTERN_OLD, "--mode", "backward"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let none = "fixtures/compat/pattern-none.json";
    let output = compat(&[lookahead, none, "--mode", "backward"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("PATTERN_REMOVED"),
        "{}",
        stdout(&output)
    );
}

//! `contract compat OLD NEW`: two raw JSON Schema files compared offline, as a schema registry
//! would compare a proposed schema with the registered one.

use crate::catalog::MAX_FILE_BYTES;
use crate::compat::witness::{self, Witness};
use crate::compat::{self, Direction, Policy};
use crate::evolution::context::{SchemaProblem, problem_of};
use clap::ValueEnum;
use serde_json::Value;
use std::fmt;
use std::path::Path;

/// Which readers must keep working, as the user names it on the command line: Confluent's
/// compatibility levels. With several versions, the plain levels compare the last with the one
/// before it, the transitive ones with every earlier version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// New consumers read old data: every payload valid under OLD is valid under NEW.
    Backward,
    /// Backward against every earlier version, not only the one before.
    #[value(name = "backward_transitive", alias = "backward-transitive")]
    BackwardTransitive,
    /// Old consumers read new data: every payload valid under NEW is valid under OLD.
    Forward,
    /// Forward against every earlier version.
    #[value(name = "forward_transitive", alias = "forward-transitive")]
    ForwardTransitive,
    /// Both backward and forward.
    Full,
    /// Full against every earlier version.
    #[value(name = "full_transitive", alias = "full-transitive")]
    FullTransitive,
    /// No check: every change is accepted (the files are still read and validated).
    None,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Backward => "backward",
            Mode::BackwardTransitive => "backward_transitive",
            Mode::Forward => "forward",
            Mode::ForwardTransitive => "forward_transitive",
            Mode::Full => "full",
            Mode::FullTransitive => "full_transitive",
            Mode::None => "none",
        }
    }

    fn directions(self) -> &'static [Direction] {
        match self {
            Mode::Backward | Mode::BackwardTransitive => &[Direction::Backward],
            Mode::Forward | Mode::ForwardTransitive => &[Direction::Forward],
            Mode::Full | Mode::FullTransitive => &[Direction::Backward, Direction::Forward],
            Mode::None => &[],
        }
    }

    /// Whether the last version is compared with every earlier one.
    pub fn transitive(self) -> bool {
        matches!(
            self,
            Mode::BackwardTransitive | Mode::ForwardTransitive | Mode::FullTransitive
        )
    }
}

/// The `--policy` choice; mirrors [`compat::Policy`], which stays free of clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PolicyChoice {
    /// An optional property added to an open content model is compatible.
    Lenient,
    /// Confluent Schema Registry's STRICT verdicts exactly.
    Strict,
}

impl PolicyChoice {
    pub fn policy(self) -> Policy {
        match self {
            PolicyChoice::Lenient => Policy::Lenient,
            PolicyChoice::Strict => Policy::Strict,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            PolicyChoice::Lenient => "lenient",
            PolicyChoice::Strict => "strict",
        }
    }
}

/// How to print the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompatFormat {
    Human,
    Json,
}

/// One difference with its verdict in one direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The earlier version this entry compares the last one with, when more than two versions
    /// were given (`None` for a plain OLD NEW pair).
    pub against: Option<String>,
    pub direction: Direction,
    pub difference: compat::Difference,
    pub compatible: bool,
    /// For a breaking difference: a verified payload it rejects, or why only the policy breaks.
    pub witness: Option<Witness>,
}

/// The outcome of comparing two schema files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub mode: Mode,
    pub policy: PolicyChoice,
    /// Backward entries first, then forward ones, each in the engine's order.
    pub entries: Vec<Entry>,
}

impl Report {
    pub fn compatible(&self) -> bool {
        self.entries.iter().all(|entry| entry.compatible)
    }
}

/// Why two files could not be compared. Every message names the file at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompatError {
    Unreadable {
        file: String,
        reason: String,
    },
    Malformed {
        file: String,
        line: Option<usize>,
        column: Option<usize>,
        reason: String,
    },
    /// A schema its metaschema rejects (`{"type": "objekt"}`): `problem` says where in the
    /// schema and what is wrong, `draft` names the metaschema it was checked against, `line`
    /// and `column` are the value's place in the file when it was read from one.
    Invalid {
        file: String,
        line: Option<usize>,
        column: Option<usize>,
        draft: &'static str,
        // Boxed: the whole error stays small enough to return by value (clippy's
        // result_large_err).
        problem: Box<SchemaProblem>,
    },
    /// A `$schema` naming no draft the tool knows: its metaschema would have to be fetched.
    UnknownDraft {
        file: String,
        uri: String,
    },
    /// A schema the engine refuses; `file` is `None` when only the pair is at fault (too
    /// complex to compare together).
    Schema {
        file: Option<String>,
        error: compat::SchemaError,
    },
}

impl fmt::Display for CompatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompatError::Unreadable { file, reason } => write!(f, "cannot read {file}: {reason}"),
            CompatError::Malformed {
                file,
                line: Some(line),
                column,
                reason,
            } => {
                let column = column.map_or_else(String::new, |column| format!(":{column}"));
                write!(f, "{file}:{line}{column}: {reason}")
            }
            CompatError::Malformed {
                file,
                line: None,
                reason,
                ..
            } => write!(f, "{file}: {reason}"),
            CompatError::Invalid {
                file,
                line,
                column,
                draft,
                problem,
            } => {
                let place = match (line, column) {
                    (Some(line), Some(column)) => format!(":{line}:{column}"),
                    (Some(line), None) => format!(":{line}"),
                    _ => String::new(),
                };
                let pointer = display_pointer(&problem.pointer);
                write!(
                    f,
                    "{file}{place}: not a valid JSON Schema ({draft}) at {pointer}: {}",
                    problem.message
                )?;
                match &problem.help {
                    Some(help) => write!(f, "; {help}"),
                    None => Ok(()),
                }
            }
            CompatError::UnknownDraft { file, uri } => write!(
                f,
                "{file}: `$schema` {uri:?} names no JSON Schema draft this tool knows (draft-04, \
                 draft-06, draft-07, 2019-09, 2020-12); metaschemas are never fetched: name one \
                 of those, or leave `$schema` out for 2020-12"
            ),
            CompatError::Schema {
                file: Some(file),
                error,
            } => write!(f, "{file}: {error}"),
            CompatError::Schema { file: None, error } => {
                write!(f, "cannot compare the two schemas: {error}")
            }
        }
    }
}

impl std::error::Error for CompatError {}

/// Reads both files and compares them under `mode` and `policy`.
pub fn compare(
    old: &Path,
    new: &Path,
    mode: Mode,
    policy: PolicyChoice,
) -> Result<Report, CompatError> {
    crate::pool::pool().install(|| {
        let old_schema = read_schema(old)?;
        let new_schema = read_schema(new)?;
        let names = [old.display().to_string(), new.display().to_string()];
        compare_schemas(&old_schema, &new_schema, &names, mode, policy).map_err(|error| {
            let at_fault = match &error {
                CompatError::Invalid { file, .. } if *file == names[0] => old,
                CompatError::Invalid { .. } => new,
                _ => return error,
            };
            with_location(error, at_fault)
        })
    })
}

/// Reads every version (oldest first) and compares the last with the one before it, or, for a
/// transitive mode, with every earlier one, as a schema registry does on registration.
pub fn compare_versions(
    paths: &[&Path],
    mode: Mode,
    policy: PolicyChoice,
) -> Result<Report, CompatError> {
    let [.., previous, last] = paths else {
        return Err(CompatError::Unreadable {
            file: paths
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            reason: "at least two versions are needed: OLD NEW [NEWER ...]".into(),
        });
    };
    if paths.len() == 2 {
        return compare(previous, last, mode, policy);
    }
    let earlier: Vec<&Path> = if mode.transitive() {
        paths[..paths.len() - 1].to_vec()
    } else {
        vec![previous]
    };
    let mut entries = Vec::new();
    for old in earlier {
        let report = compare(old, last, mode, policy)?;
        let name = old.display().to_string();
        entries.extend(report.entries.into_iter().map(|entry| Entry {
            against: Some(name.clone()),
            ..entry
        }));
    }
    // Files not compared (a plain mode's older versions) must still be readable schemas.
    for path in paths {
        let schema = read_schema(path)?;
        check_metaschema(&path.display().to_string(), &schema)
            .map_err(|e| with_location(e, path))?;
    }
    Ok(Report {
        mode,
        policy,
        entries,
    })
}

/// Adds the line and column of the rejected value, found by reading `path` again with
/// locations: only on this error path, so a valid file is parsed once.
fn with_location(mut error: CompatError, path: &Path) -> CompatError {
    if let CompatError::Invalid {
        line,
        column,
        problem,
        ..
    } = &mut error
    {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        // YAML reads JSON too; a file that parsed as JSON but not as YAML just gets no line.
        if let Ok(tree) = crate::yaml::parse(&text)
            && let Some(node) = tree.pointer(&problem.pointer)
        {
            *line = Some(node.loc.line as usize);
            *column = Some(node.loc.column as usize);
        }
    }
    error
}

/// Compares two schemas already in memory; `names` say where each came from, for errors.
pub fn compare_schemas(
    old_schema: &Value,
    new_schema: &Value,
    names: &[String; 2],
    mode: Mode,
    policy: PolicyChoice,
) -> Result<Report, CompatError> {
    let (old_schema, new_schema) = (&*older_draft(old_schema), &*older_draft(new_schema));
    // Against its metaschema first: a misspelt keyword value would otherwise be compared as
    // written and reported as a change ("type widened: objekt → object").
    for (name, schema) in names.iter().zip([old_schema, new_schema]) {
        check_metaschema(name, schema)?;
    }
    // Each schema alone first, so that an error (a remote `$ref`, a dangling pointer) names
    // the file it is in; the engine checks both at once and cannot say which.
    // `check_references` too: comparing a schema with itself reaches only what it uses, so a
    // dangling `$ref` in an unused definition would pass here and fail `contract check`.
    for (name, schema) in names.iter().zip([old_schema, new_schema]) {
        let schema_error = |error| CompatError::Schema {
            file: Some(name.clone()),
            error,
        };
        compat::differences_with(schema, schema, policy.policy()).map_err(schema_error)?;
        compat::check_references(schema).map_err(schema_error)?;
    }
    let mut entries = Vec::new();
    for &direction in mode.directions() {
        let verdict = compat::check(old_schema, new_schema, direction, policy.policy())
            .map_err(|error| CompatError::Schema { file: None, error })?;
        // Empty unless something breaks: a compatible verdict pays nothing for witnesses.
        let witnesses = witness::witnesses(
            old_schema,
            new_schema,
            direction,
            policy.policy(),
            &verdict.differences,
        );
        entries.extend(verdict.differences.into_iter().zip(witnesses).map(
            |((difference, compatible), witness)| Entry {
                against: None,
                direction,
                difference,
                compatible,
                witness,
            },
        ));
    }
    Ok(Report {
        mode,
        policy,
        entries,
    })
}

/// A schema naming no draft that the 2020-12 metaschema rejects but draft-07's (or draft-04's)
/// accepts, such as a tuple written `items: [...]` or draft-04's boolean `exclusiveMinimum`, is
/// read as that draft, as schema registries that default to draft-07 read it: a copy with that
/// `$schema`, so the engine and the validator that checks witnesses agree on its meaning.
fn older_draft(schema: &Value) -> std::borrow::Cow<'_, Value> {
    use std::borrow::Cow;
    if !schema.is_object() || schema.get("$schema").is_some() || jsonschema::meta::is_valid(schema)
    {
        return Cow::Borrowed(schema);
    }
    for uri in [
        "http://json-schema.org/draft-07/schema#",
        "http://json-schema.org/draft-04/schema#",
    ] {
        let mut copy = schema.clone();
        copy["$schema"] = Value::from(uri);
        if jsonschema::meta::is_valid(&copy) {
            return Cow::Owned(copy);
        }
    }
    Cow::Borrowed(schema)
}

/// Validates `schema` against the metaschema of the draft its `$schema` names (2020-12, as
/// everywhere in the tool, when it names none, unless only an older draft accepts it: see
/// [`older_draft`]). Only the drafts bundled with the validator are known: a `$schema` naming
/// anything else is refused, never fetched.
fn check_metaschema(name: &str, schema: &Value) -> Result<(), CompatError> {
    let schema = &*older_draft(schema);
    use jsonschema::Draft;
    let draft = match Draft::default().detect(schema) {
        Draft::Draft4 => "draft-04",
        Draft::Draft6 => "draft-06",
        Draft::Draft7 => "draft-07",
        Draft::Draft201909 => "draft 2019-09",
        Draft::Draft202012 => "draft 2020-12",
        _ => {
            return Err(CompatError::UnknownDraft {
                file: name.to_owned(),
                uri: schema
                    .get("$schema")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            });
        }
    };
    // The draft is a bundled one, so the validator is compiled in and nothing is resolved.
    jsonschema::meta::validate(schema).map_err(|error| CompatError::Invalid {
        file: name.to_owned(),
        line: None,
        column: None,
        draft,
        problem: Box::new(problem_of(schema, &error)),
    })
}

/// A schema file as JSON: `.json` files with serde_json, anything else as YAML (which also
/// reads JSON, but with less precise messages).
pub fn read_schema(path: &Path) -> Result<Value, CompatError> {
    let file = path.display().to_string();
    let unreadable = |reason: String| CompatError::Unreadable {
        file: file.clone(),
        reason,
    };
    let size = std::fs::metadata(path)
        .map_err(|error| unreadable(error.to_string()))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(unreadable(format!(
            "the file is {:.1} MB; schema files are limited to {} MB",
            size as f64 / 1e6,
            MAX_FILE_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(|error| unreadable(error.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let prefix = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        CompatError::Malformed {
            file: file.clone(),
            line: Some(prefix.iter().filter(|&&b| b == b'\n').count() + 1),
            column: None,
            reason: "the file is not valid UTF-8".into(),
        }
    })?;
    let is_json = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    if is_json {
        serde_json::from_str(&text).map_err(|error| CompatError::Malformed {
            file: file.clone(),
            line: Some(error.line()).filter(|&line| line > 0),
            column: Some(error.column()).filter(|&column| column > 0),
            reason: json_reason(&error),
        })
    } else {
        crate::yaml::parse(&text)
            .map(|tree| tree.to_json())
            .map_err(|error| CompatError::Malformed {
                file: file.clone(),
                line: error.loc.map(|loc| loc.line as usize),
                column: error.loc.map(|loc| loc.column as usize),
                reason: error.message,
            })
    }
}

/// serde_json's message without its trailing " at line L column C", which the caller prints.
fn json_reason(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}

fn direction_str(direction: Direction) -> &'static str {
    match direction {
        Direction::Backward => "backward",
        Direction::Forward => "forward",
    }
}

/// What an incompatible difference breaks, in the words of the verdict line.
fn breaks(direction: Direction) -> &'static str {
    match direction {
        Direction::Backward => "break old data",
        Direction::Forward => "break old consumers",
    }
}

/// A JSON pointer as humans read it in a schema: `#` is the root.
fn display_pointer(pointer: &str) -> String {
    format!("#{pointer}")
}

/// One line per difference, then the verdict.
pub fn render_human(report: &Report) -> String {
    let kind_width = report
        .entries
        .iter()
        .map(|entry| entry.difference.kind.id().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for entry in &report.entries {
        let difference = &entry.difference;
        let at = if difference.old_path == difference.new_path {
            display_pointer(&difference.old_path)
        } else {
            format!(
                "{} -> {}",
                display_pointer(&difference.old_path),
                display_pointer(&difference.new_path)
            )
        };
        if let Some(against) = &entry.against {
            out.push_str(&format!("[vs {against}] "));
        }
        out.push_str(&format!(
            "{:<10}  {:<8}  {:<kind_width$}  {at}: {}\n",
            if entry.compatible {
                "compatible"
            } else {
                "breaking"
            },
            direction_str(entry.direction),
            difference.kind.id(),
            difference.detail,
        ));
        if let Some(line) = witness_line(entry) {
            out.push_str(&format!("            {line}\n"));
        }
    }
    out.push_str(&verdict_line(report));
    out.push('\n');
    out
}

/// "e.g. this payload, valid under v1, is rejected by v2: {...}" (v2 and v1 swapped forward).
fn witness_line(entry: &Entry) -> Option<String> {
    let (from, to) = match entry.direction {
        Direction::Backward => ("v1", "v2"),
        Direction::Forward => ("v2", "v1"),
    };
    match entry.witness.as_ref()? {
        Witness::Payload(value) => Some(format!(
            "e.g. this payload, valid under {from}, is rejected by {to}: {value}"
        )),
        Witness::PolicyOnly(sentence) => Some(sentence.clone()),
    }
}

fn verdict_line(report: &Report) -> String {
    let verdict = if report.compatible() {
        "compatible"
    } else {
        "incompatible"
    };
    let mode = report.mode.as_str();
    if report.mode == Mode::None {
        return format!("{verdict} ({mode}): mode none checks no compatibility");
    }
    if report.entries.is_empty() {
        return format!("{verdict} ({mode}): the schemas do not differ");
    }
    let parts: Vec<String> = report
        .mode
        .directions()
        .iter()
        .map(|&direction| {
            let in_direction: Vec<&Entry> = report
                .entries
                .iter()
                .filter(|entry| entry.direction == direction)
                .collect();
            let breaking = in_direction
                .iter()
                .filter(|entry| !entry.compatible)
                .count();
            let total = in_direction.len();
            let noun = if total == 1 {
                "difference"
            } else {
                "differences"
            };
            let which = if report.mode.directions().len() > 1 {
                format!("{} ", direction_str(direction))
            } else {
                String::new()
            };
            let count = if breaking == 0 {
                "none".to_string()
            } else {
                breaking.to_string()
            };
            // The verb agrees with the noun: "1 of 1 difference breaks", "2 of 3 differences break".
            let verb = breaks(direction);
            let verb = if total == 1 {
                verb.replacen("break", "breaks", 1)
            } else {
                verb.to_string()
            };
            format!("{count} of {total} {which}{noun} {verb}")
        })
        .collect();
    format!("{verdict} ({mode}): {}", parts.join("; "))
}

/// `{"compatible", "mode", "policy", "differences": [...]}`, pretty-printed.
pub fn render_json(report: &Report) -> String {
    let differences: Vec<Value> = report
        .entries
        .iter()
        .map(|entry| {
            let mut object = serde_json::json!({
                "kind": entry.difference.kind.id(),
                "old_path": entry.difference.old_path,
                "new_path": entry.difference.new_path,
                "detail": entry.difference.detail,
                "compatible": entry.compatible,
                "direction": direction_str(entry.direction),
            });
            if let Some(against) = &entry.against {
                object["against"] = Value::String(against.clone());
            }
            match &entry.witness {
                Some(Witness::Payload(value)) => object["witness"] = value.clone(),
                Some(Witness::PolicyOnly(sentence)) => {
                    object["policy_only"] = Value::String(sentence.clone())
                }
                None => {}
            }
            object
        })
        .collect();
    let document = serde_json::json!({
        "compatible": report.compatible(),
        "mode": report.mode.as_str(),
        "policy": report.policy.as_str(),
        "differences": differences,
    });
    let mut text = serde_json::to_string_pretty(&document).expect("a JSON value serialises");
    text.push('\n');
    text
}

/// The report in `format`.
pub fn render(report: &Report, format: CompatFormat) -> String {
    match format {
        // Property names and values come from the schema files: no control character of theirs
        // reaches the terminal (JSON escapes its own).
        CompatFormat::Human => crate::terminal::escape_controls(&render_human(report)).into_owned(),
        CompatFormat::Json => render_json(report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compat::{Difference, DifferenceKind};

    fn entry(direction: Direction, kind: DifferenceKind, compatible: bool) -> Entry {
        Entry {
            against: None,
            witness: None,
            direction,
            difference: Difference {
                kind,
                old_path: "/properties/a".into(),
                new_path: "/properties/a".into(),
                detail: "changed".into(),
            },
            compatible,
        }
    }

    #[test]
    fn the_verdict_line_counts_breaking_differences_per_direction() {
        let report = Report {
            mode: Mode::Full,
            policy: PolicyChoice::Lenient,
            entries: vec![
                entry(Direction::Backward, DifferenceKind::TypeNarrowed, false),
                entry(
                    Direction::Backward,
                    DifferenceKind::DescriptionChanged,
                    true,
                ),
                entry(Direction::Forward, DifferenceKind::TypeExtended, true),
            ],
        };
        assert_eq!(
            verdict_line(&report),
            "incompatible (full): 1 of 2 backward differences break old data; none of 1 \
             forward difference breaks old consumers"
        );
        let single = Report {
            mode: Mode::Backward,
            policy: PolicyChoice::Strict,
            entries: vec![entry(
                Direction::Backward,
                DifferenceKind::TypeChanged,
                false,
            )],
        };
        assert_eq!(
            verdict_line(&single),
            "incompatible (backward): 1 of 1 difference breaks old data"
        );
        let same = Report {
            mode: Mode::Forward,
            policy: PolicyChoice::Lenient,
            entries: vec![],
        };
        assert_eq!(
            verdict_line(&same),
            "compatible (forward): the schemas do not differ"
        );
    }

    #[test]
    fn json_messages_lose_their_location_suffix_only() {
        let error = serde_json::from_str::<Value>("{\"a\": }").unwrap_err();
        assert_eq!(json_reason(&error), "expected value");
    }

    #[test]
    fn each_schema_is_checked_against_the_draft_it_names() {
        use serde_json::json;
        // `exclusiveMinimum: true` is draft-04's spelling; from draft-06 on it must be a number.
        let draft4 = json!({"$schema": "http://json-schema.org/draft-04/schema#",
            "type": "number", "minimum": 0, "exclusiveMinimum": true});
        assert_eq!(check_metaschema("a.json", &draft4), Ok(()));
        let draft7 = json!({"$schema": "http://json-schema.org/draft-07/schema#",
            "type": "number", "exclusiveMinimum": true});
        assert!(matches!(
            check_metaschema("a.json", &draft7),
            Err(CompatError::Invalid { draft: "draft-07", problem, .. })
                if problem.pointer == "/exclusiveMinimum"
        ));
        // No `$schema`: 2020-12, as everywhere else in the tool.
        assert!(matches!(
            check_metaschema("a.json", &json!({"required": "id"})),
            Err(CompatError::Invalid { draft: "draft 2020-12", problem, .. })
                if problem.pointer == "/required"
        ));
    }
}

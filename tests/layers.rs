//! The folders of `src/` are the stages of one pipeline, and every import points down it
//! (README, "Where things are"). This test reads the sources and fails on an import that runs
//! up, so a loop cannot come back unnoticed. Test code may reach up for its fixtures: it is
//! skipped, and each such import says why in a comment.

use std::path::{Path, PathBuf};

/// The stages from top to bottom; a stage may import its own folder and any stage below it.
/// `report` and `docs` are siblings: neither imports the other.
const STAGES: &[(&str, u8)] = &[
    ("cli", 0),
    ("lib", 0),
    ("main", 0),
    ("commands", 1),
    ("report", 2),
    ("docs", 2),
    ("database", 2),
    ("export", 2),
    ("rules", 3),
    ("evolution", 4),
    ("compat", 5),
    ("history", 6),
    ("catalog", 7),
    ("yaml", 8),
    ("atomic", 9),
    ("date", 9),
    ("finding", 9),
    ("pointer", 9),
    ("pool", 9),
    ("suggest", 9),
    ("terminal", 9),
];

/// The pieces every stage may use; they may use each other.
const SHARED: u8 = 9;

fn rank(stage: &str) -> Option<u8> {
    STAGES
        .iter()
        .find(|(name, _)| *name == stage)
        .map(|(_, rank)| *rank)
}

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// Each `crate::<stage>` a file's non-test code names, with its line number: everything from
/// a `#[cfg(test)]` on is test code, as are whole test files.
fn imports(path: &Path) -> Vec<(usize, String, String)> {
    let name = path.file_stem().unwrap().to_string_lossy();
    if name == "tests" || name == "testing" || name.ends_with("_tests") {
        return vec![];
    }
    let text = std::fs::read_to_string(path).unwrap();
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            break;
        }
        if code.starts_with("//") {
            continue;
        }
        for (at, _) in line.match_indices("crate::") {
            let rest = &line[at + "crate::".len()..];
            let stage: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            let after = &rest[stage.len()..];
            let module: String = after
                .strip_prefix("::")
                .unwrap_or_default()
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            found.push((number + 1, stage, module));
        }
    }
    found
}

#[test]
fn no_import_runs_up_the_pipeline() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let mut upward = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let stage = Path::new(first).file_stem().unwrap().to_string_lossy();
        let from = rank(&stage).unwrap_or_else(|| panic!("{} is in no stage", relative.display()));
        for (line, target, _) in imports(path) {
            let Some(to) = rank(&target) else { continue };
            let allowed = target == stage || to > from || (to == SHARED && from == SHARED);
            if !allowed {
                upward.push(format!(
                    "src/{}:{line}: {stage} → {target}",
                    relative.display()
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports running up:\n{}",
        upward.join("\n")
    );
}

/// The lock format stands alone, so that reading it cannot depend on the comparison built on it.
#[test]
fn the_lock_format_does_not_import_the_history_stage_above_it() {
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/history/lock.rs");
    let text = std::fs::read_to_string(&lock).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap();
    assert!(
        !code.contains("super::"),
        "history/lock.rs imports history/mod.rs"
    );
    let back: Vec<String> = imports(&lock)
        .into_iter()
        .filter(|(_, stage, module)| stage == "history" && module != "lock")
        .map(|(line, _, module)| format!("src/history/lock.rs:{line}: history::{module}"))
        .collect();
    assert!(back.is_empty(), "{}", back.join("\n"));
}

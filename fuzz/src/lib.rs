//! The bodies of the fuzz targets: each takes arbitrary bytes and must return without a panic,
//! a hang or unbounded memory, whatever the bytes. They are plain functions so that libFuzzer
//! (`fuzz_targets/`) and the stable smoke test (`tests/smoke.rs`) run the same code.

use contract::catalog::{self, Files};
use contract::compat::{self, Direction, Policy};
use contract::date::Date;
use contract::yaml;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The YAML reader: the fast path and the reference must agree wherever the fast path takes the
/// text (same tree, every location), and neither may panic.
pub fn yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let budget = yaml::MAX_NODES;
    let reference = yaml::parse_events(text, budget);
    if let Some(fast) = yaml::parse_fast(text, budget) {
        match &reference {
            Ok(reference) => assert_eq!(
                format!("{fast:?}"),
                format!("{reference:?}"),
                "the fast path built another tree for {text:?}"
            ),
            Err(error) => panic!(
                "the fast path accepted what the reference refuses ({}): {text:?}",
                error.message
            ),
        }
    }
    if let Ok(tree) = reference {
        let _ = tree.to_json();
    }
}

/// The contract loader and every rule: `data` is one contract file in a catalogue held in
/// memory (a team, default settings, no lock), loaded and checked as `contract check` would.
pub fn contract_loader(data: &[u8]) {
    let root = PathBuf::from("catalog");
    let mut files = BTreeMap::new();
    files.insert(
        root.join("owners.yaml"),
        b"teams:\n  - id: meetings\n    name: Meetings\n    contact: meetings@example.com\n"
            .to_vec(),
    );
    files.insert(root.join("events/fuzzed.yaml"), data.to_vec());
    let files = Files::Memory(files);
    let Ok(catalog) = catalog::load_from(&root, &files) else {
        return;
    };
    let lock = contract::history::read_lock(Path::new(&root), &files);
    let today = Date::parse("2026-06-01").expect("a valid date");
    let _ = contract::check::check_loaded(&catalog, &lock, today);
}

/// The compatibility engine: `data` is two JSON Schemas separated by a NUL byte (or split in
/// the middle), compared in both directions under both policies.
pub fn compat(data: &[u8]) {
    let (old, new) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => data.split_at(data.len() / 2),
    };
    let (Ok(old), Ok(new)) = (
        serde_json::from_slice::<serde_json::Value>(old),
        serde_json::from_slice::<serde_json::Value>(new),
    ) else {
        return;
    };
    for direction in [Direction::Backward, Direction::Forward] {
        for policy in [Policy::Lenient, Policy::Strict] {
            let _ = compat::check(&old, &new, direction, policy);
        }
    }
    // A schema compared with itself has no difference, or is refused on both sides alike.
    if let Ok(verdict) = compat::check(&old, &old, Direction::Backward, Policy::Strict) {
        assert!(
            verdict.differences.is_empty(),
            "a schema differs from itself: {old}\n{:?}",
            verdict.differences
        );
    }
}

//! The fuzz targets on stable, without libFuzzer: every seed of the corpus, then a few seconds
//! of deterministic mutations of them (`FUZZ_SECONDS`, default 3 per target). A failure prints
//! the input, so it can be added to the corpus and replayed. For real fuzzing, see the README.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The repository root, where the seed files live.
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path, extensions: &[&str], found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_symlink() {
            // The fixtures hold links out of the repository on purpose; never read them.
            continue;
        }
        if path.is_dir() {
            files(&path, extensions, found);
        } else if path
            .extension()
            .is_some_and(|ext| extensions.iter().any(|wanted| ext == *wanted))
        {
            found.push(path);
        }
    }
}

fn seeds(dirs: &[&str], extensions: &[&str]) -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    for dir in dirs {
        files(&repository().join(dir), extensions, &mut paths);
    }
    paths.sort();
    paths
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .filter(|bytes| bytes.len() <= 64 << 10)
        .collect()
}

/// xorshift64*: a deterministic stream, so a failing run is the same run every time.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that mean something to YAML, JSON or the contract format, spliced in by mutations.
const TOKENS: &[&[u8]] = &[
    b": ",
    b"- ",
    b"\n",
    b"  ",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b"\"",
    b"'",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!str ",
    b"!!int ",
    b"!tag ",
    b"|\n",
    b">-\n",
    b"#",
    b"~",
    b"null",
    b"true",
    b"0x1F",
    b".inf",
    b".nan",
    b"1e400",
    b"99999999999999999999",
    b"\t",
    b"\r",
    b"\\",
    b"\xc3\xa9",
    b"$ref",
    b"#/$defs/a",
    b"\"$ref\": \"#\"",
    b"oneOf",
    b"allOf",
    b"anyOf",
    b"not",
    b"additionalProperties",
    b"required",
    b"properties",
    b"type",
    b"enum",
    b"versions",
    b"schema",
    b"columns",
    b"released",
    b"deprecated",
    b"x-remove-after",
    b"2026-13-45",
];

fn mutate(random: &mut Random, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[random.below(seeds.len())].clone();
    for _ in 0..=random.below(8) {
        let at = random.below(data.len() + 1);
        match random.below(5) {
            0 if !data.is_empty() => {
                let end = (at + random.below(16)).min(data.len());
                data.drain(at.min(end)..end);
            }
            1 if at < data.len() => data[at] ^= 1 << random.below(8),
            2 => {
                let token = TOKENS[random.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            3 => {
                // Splice a piece of another seed: structure from elsewhere.
                let other = &seeds[random.below(seeds.len())];
                let start = random.below(other.len());
                let end = (start + random.below(64)).min(other.len());
                data.splice(at..at, other[start..end].iter().copied());
            }
            _ => {
                // Repeat a piece: deep nesting, long lines.
                let end = (at + random.below(8)).min(data.len());
                let piece = data[at..end].to_vec();
                for _ in 0..random.below(32) {
                    data.splice(at..at, piece.iter().copied());
                }
            }
        }
    }
    data
}

fn budget() -> Duration {
    let seconds = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    Duration::from_secs_f64(seconds)
}

/// Runs `target` on every seed, then on mutations until the budget is spent; returns how many
/// inputs it ran. A panic names the input.
fn run(name: &str, target: fn(&[u8]), seeds: &[Vec<u8>]) -> usize {
    assert!(!seeds.is_empty(), "{name}: no seeds");
    let run_one = |data: &[u8]| {
        if std::panic::catch_unwind(|| target(data)).is_err() {
            panic!(
                "{name} failed on this input:\n{:?}",
                String::from_utf8_lossy(data)
            );
        }
    };
    for seed in seeds {
        run_one(seed);
    }
    let mut random = Random(0x9e37_79b9_7f4a_7c15 ^ name.len() as u64);
    let started = Instant::now();
    let mut count = seeds.len();
    while started.elapsed() < budget() {
        run_one(&mutate(&mut random, seeds));
        count += 1;
    }
    eprintln!("{name}: {count} inputs");
    count
}

#[test]
fn yaml_reader() {
    let seeds = seeds(
        &["contracts", "fixtures", "schemas"],
        &["yaml", "yml", "lock"],
    );
    run("yaml", contract_fuzz::yaml, &seeds);
}

#[test]
fn contract_loader() {
    let seeds = seeds(
        &["contracts/events", "contracts/tables", "fixtures/rules"],
        &["yaml"],
    );
    run("contract_loader", contract_fuzz::contract_loader, &seeds);
}

#[test]
fn compatibility_engine() {
    let schemas = seeds(&["fixtures/compat", "schemas"], &["json"]);
    // Pairs: each schema with the next, NUL-separated, as the target reads them.
    let pairs: Vec<Vec<u8>> = schemas
        .iter()
        .zip(schemas.iter().cycle().skip(1))
        .map(|(old, new)| [old.as_slice(), b"\0", new.as_slice()].concat())
        .collect();
    run("compat", contract_fuzz::compat, &pairs);
}

//! `--against REF`: the catalogue as it is at a git revision, or in a plain directory, as the old
//! side of the history rules. Git is run as a program (`rev-parse`, `ls-tree`, `cat-file
//! --batch`): no clone, no checkout, no git library, so a shallow CI checkout works once the base
//! branch's commit is fetched.

use crate::catalog::model::SourceFile;
use crate::catalog::{self, Catalog, CatalogError, Files, LoadProblem, MAX_FILE_BYTES};
use crate::finding::Violation;
use crate::history::lock::{LOCK_FILE, Records};
use crate::history::{self, LockFile, Source, SourceKind};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

/// What `--against` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Against {
    /// A git revision: a branch, tag, commit or `origin/main`.
    Git(String),
    /// A directory holding the old catalogue.
    Dir(PathBuf),
}

impl Against {
    /// An existing directory is a directory; something written as a path (`./old`, `../x`,
    /// `/tmp/x`, `dir/`) that is not a directory is a mistake, not a revision (otherwise the user
    /// would be told to fetch a git branch named after a path); anything else is a git revision.
    pub fn parse(text: &str) -> Result<Against, String> {
        let path = Path::new(text);
        if path.is_dir() {
            return Ok(Against::Dir(path.to_path_buf()));
        }
        let written_as_path = ["./", "../", "/", "~"]
            .iter()
            .any(|prefix| text.starts_with(prefix))
            || text.ends_with('/')
            || path.exists();
        if written_as_path {
            return Err(format!(
                "--against {text}: no such directory; --against takes a git revision (`origin/main`) or a directory holding a catalogue"
            ));
        }
        Ok(Against::Git(text.to_string()))
    }

    fn label(&self) -> String {
        match self {
            Against::Git(revision) => revision.clone(),
            Against::Dir(dir) => catalog::display(dir),
        }
    }
}

/// The old catalogue, read.
pub struct Baseline {
    /// What the user named, for messages ("per origin/main").
    pub label: String,
    /// `None` when there was no catalogue there (the pull request that adds it).
    pub catalog: Option<Catalog>,
    pub lock: LockFile,
}

/// The baseline could not be read: exit code 2.
#[derive(Debug)]
pub enum BaselineError {
    GitMissing(std::io::Error),
    NotARepository { root: PathBuf, stderr: String },
    UnknownRevision { revision: String, shallow: bool },
    Git { command: String, stderr: String },
    Catalog(CatalogError),
    DirForSeveralCatalogues(PathBuf),
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaselineError::GitMissing(error) => write!(
                f,
                "--against needs git to read the old catalogue, and git could not be run: {error}"
            ),
            BaselineError::NotARepository { root, stderr } => write!(
                f,
                "{} is not inside a git repository, so there is no revision to compare with \
                 ({}); pass --against DIR to compare with a directory",
                root.display(),
                stderr.trim()
            ),
            BaselineError::UnknownRevision { revision, shallow } => {
                write!(
                    f,
                    "git revision `{revision}` does not exist in this repository"
                )?;
                if *shallow {
                    write!(f, " (a shallow clone: only the fetched commits are here)")?;
                }
                write!(f, "; fetch it first:\n    {}", fetch_hint(revision))
            }
            BaselineError::Git { command, stderr } => {
                write!(f, "`{command}` failed: {}", stderr.trim())
            }
            BaselineError::Catalog(error) => write!(f, "the old catalogue: {error}"),
            BaselineError::DirForSeveralCatalogues(dir) => write!(
                f,
                "--against {} compares one catalogue with a directory; the paths given are in \
                 several catalogues",
                dir.display()
            ),
        }
    }
}

impl std::error::Error for BaselineError {}

/// The command that makes `revision` available, for the message of a missing one. CI jobs check
/// out one commit (`fetch-depth: 1`); `origin/main` then does not exist until it is fetched.
pub fn fetch_hint(revision: &str) -> String {
    match revision.strip_prefix("origin/") {
        Some(branch) => {
            format!("git fetch --depth=1 origin {branch}:refs/remotes/origin/{branch}")
        }
        None => format!("git fetch --depth=1 origin {revision}"),
    }
}

/// Reads the old catalogue for the catalogue at `root`.
pub fn load(against: &Against, root: &Path) -> Result<Baseline, BaselineError> {
    match against {
        Against::Dir(dir) => {
            let old_root = catalog::find_root(dir).map_err(BaselineError::Catalog)?;
            let catalog = catalog::load(&old_root).map_err(BaselineError::Catalog)?;
            Ok(Baseline {
                label: against.label(),
                lock: history::read_lock(&old_root, &Files::Disk),
                catalog: Some(catalog),
            })
        }
        Against::Git(revision) => {
            let files = git_files(root, revision)?;
            let lock = history::read_lock(root, &files);
            let catalog = match catalog::load_from(root, &files) {
                Ok(catalog) => Some(catalog),
                // No owners.yaml at that revision: the catalogue did not exist yet.
                Err(CatalogError::NoOwners { .. }) => None,
                Err(error) => return Err(BaselineError::Catalog(error)),
            };
            Ok(Baseline {
                label: against.label(),
                catalog,
                lock,
            })
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, BaselineError> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(BaselineError::GitMissing)
}

fn git_text(dir: &Path, args: &[&str]) -> Result<String, BaselineError> {
    let output = git(dir, args)?;
    if !output.status.success() {
        return Err(BaselineError::Git {
            command: format!("git -C {} {}", dir.display(), args.join(" ")),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .trim_end_matches('\n')
        .to_string())
}

/// The catalogue's files at `revision`, keyed by the path they have in the working tree.
fn git_files(root: &Path, revision: &str) -> Result<Files, BaselineError> {
    let inside = git(root, &["rev-parse", "--show-toplevel"])?;
    if !inside.status.success() {
        return Err(BaselineError::NotARepository {
            root: root.to_path_buf(),
            stderr: String::from_utf8_lossy(&inside.stderr).into_owned(),
        });
    }
    let top = PathBuf::from(String::from_utf8_lossy(&inside.stdout).trim_end_matches('\n'));
    let prefix = git_text(root, &["rev-parse", "--show-prefix"])?;
    let spec = format!("{revision}^{{commit}}");
    let resolved = git(root, &["rev-parse", "--verify", "--quiet", &spec])?;
    if !resolved.status.success() {
        let shallow = git_text(root, &["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|answer| answer == "true");
        return Err(BaselineError::UnknownRevision {
            revision: revision.to_string(),
            shallow,
        });
    }
    let commit = String::from_utf8_lossy(&resolved.stdout).trim().to_string();

    let mut args = vec!["ls-tree", "-r", "-l", "-z", commit.as_str()];
    if !prefix.is_empty() {
        args.extend(["--", prefix.as_str()]);
    }
    let listing = git(&top, &args)?;
    if !listing.status.success() {
        return Err(BaselineError::Git {
            command: format!("git ls-tree -r -l -z {commit} -- {prefix}"),
            stderr: String::from_utf8_lossy(&listing.stderr).into_owned(),
        });
    }
    // `<mode> SP <type> SP <object> SP+ <size> TAB <path>` NUL
    let mut wanted: Vec<(String, PathBuf)> = Vec::new();
    for entry in listing.stdout.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split_whitespace().collect();
        let [mode, kind, object, size] = fields[..] else {
            continue;
        };
        // Symlinks (120000) and submodules are not followed at a revision.
        if kind != "blob" || mode == "120000" {
            continue;
        }
        let relative = Path::new(path.strip_prefix(prefix.as_str()).unwrap_or(path));
        let is_yaml = relative
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml");
        let is_lock = relative == Path::new(LOCK_FILE);
        let small = size.parse::<u64>().is_ok_and(|size| size <= MAX_FILE_BYTES) || is_lock;
        if (is_yaml || is_lock) && small {
            wanted.push((object.to_string(), root.join(relative)));
        }
    }
    let blobs = cat_blobs(&top, wanted.iter().map(|(object, _)| object.as_str()))?;
    let files: BTreeMap<PathBuf, Vec<u8>> = wanted
        .into_iter()
        .map(|(_, path)| path)
        .zip(blobs)
        .collect();
    Ok(Files::Memory(files))
}

/// Reads blobs with one `git cat-file --batch`, in the order asked.
fn cat_blobs<'a>(
    top: &Path,
    objects: impl Iterator<Item = &'a str>,
) -> Result<Vec<Vec<u8>>, BaselineError> {
    let request: String = objects.map(|object| format!("{object}\n")).collect();
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(BaselineError::GitMissing)?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Written from another thread: git answers while it reads, and a full pipe either way would
    // otherwise block both processes.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut reader = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut blobs = Vec::new();
    let broken = |what: &str| BaselineError::Git {
        command: "git cat-file --batch".into(),
        stderr: what.to_string(),
    };
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => break,
            Ok(_) => {}
            Err(error) => return Err(broken(&error.to_string())),
        }
        // `<object> blob <size>` or `<object> missing`
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|size| size.parse().ok())
            .ok_or_else(|| broken(&format!("unexpected answer: {}", header.trim())))?;
        let mut blob = vec![0; size + 1];
        reader
            .read_exact(&mut blob)
            .map_err(|error| broken(&error.to_string()))?;
        blob.pop();
        blobs.push(blob);
    }
    let _ = writer.join();
    let status = child.wait().map_err(BaselineError::GitMissing)?;
    if !status.success() {
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            let _ = pipe.read_to_string(&mut stderr);
        }
        return Err(broken(&stderr));
    }
    Ok(blobs)
}

/// The baseline's contracts as old records, for the history rules to compare the catalogue
/// with: released versions, contracts and metadata, by the same comparison as the lock's.
pub fn old_records(baseline: &Baseline) -> (Records, Source) {
    let mut records = Records::new();
    let mut old_places = HashMap::new();
    if let Some(old) = &baseline.catalog {
        for loaded in &old.contracts {
            let id = &loaded.contract.id;
            if records.contains_key(id) {
                continue;
            }
            if let Some(record) = crate::history::lock::record(&loaded.contract, &old.settings) {
                records.insert(id.clone(), record);
                old_places.insert(id.clone(), (loaded.file.clone(), "/contract".to_string()));
            }
        }
    }
    let source = Source {
        kind: SourceKind::Baseline {
            label: baseline.label.clone(),
        },
        old_places,
        skip: Default::default(),
    };
    (records, source)
}

/// Every release recorded in the old lock must still be recorded, unchanged, in the new one:
/// regenerating the lock after editing a released version would otherwise launder the edit.
/// Each problem is reported as `lock-mismatch`.
pub fn lock_rewritten(catalog: &Catalog, lock: &LockFile, baseline: &Baseline) -> Vec<LoadProblem> {
    if baseline.lock.file.is_none() || !baseline.lock.usable || !lock.usable {
        return vec![];
    }
    let label = &baseline.label;
    let file = lock.file.clone().unwrap_or_else(|| {
        Arc::new(SourceFile::with_tree(
            catalog.root.join(LOCK_FILE),
            Arc::from(""),
            None,
        ))
    });
    let problem = |id: Option<&str>, violation: Violation| LoadProblem {
        file: file.clone(),
        contract: id.map(str::to_string),
        violation: violation.help(format!(
            "a release, once recorded, stays recorded: restore these entries from {label} \
(`git show {label}:<path to contracts.lock>`), and put changes in new versions"
        )),
        kind: None,
    };
    let still_declared = |id: &str| catalog.contracts.iter().any(|c| c.contract.id == id);
    let mut problems = Vec::new();
    if lock.file.is_none() {
        problems.push(problem(
            None,
            Violation::at("", format!("contracts.lock was deleted since {label}")),
        ));
        return problems;
    }
    for (id, old) in &baseline.lock.records {
        let pointer = format!("/contracts/{}", crate::pointer::pointer_token(id));
        let Some(new) = lock.records.get(id) else {
            if still_declared(id) && !lock.unreadable.contains(id) {
                problems.push(problem(
                    Some(id),
                    Violation::at(
                        "/contracts",
                        format!("contracts.lock no longer records `{id}`, recorded at {label}"),
                    )
                    .on_key(),
                ));
            }
            continue;
        };
        for (number, version) in &old.versions {
            if new.versions.get(number) != Some(version) {
                let index = new.versions.keys().position(|n| n == number);
                let at = index.map_or(format!("{pointer}/versions"), |index| {
                    format!("{pointer}/versions/{index}")
                });
                problems.push(problem(
                    Some(id),
                    Violation::at(
                        at,
                        format!(
                            "contracts.lock rewrites the release of `{id}` v{number} recorded at \
{label} (released {}, {})",
                            version.released, version.fingerprint
                        ),
                    )
                    .versions(None, *number),
                ));
            }
        }
    }
    problems
}

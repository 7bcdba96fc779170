//! The catalogue on disk: finding contract files, reading them safely and parsing them into the
//! typed model. A broken file becomes load problems (reported as `contract-invalid`); it never
//! stops the others.
//!
//! Takes in a directory (or files held in memory, from a git revision); hands on the typed
//! [`model`] with source locations, the owners and settings, and the problems met reading them.
//! It knows nothing of rules or findings' levels: it must not import `rules/`, `evolution/`,
//! `history/` or anything above; it stands on [`crate::yaml`] and the shared pieces.

pub mod acceptance;
pub mod confine;
pub mod deprecation;
pub mod format;
pub mod model;
pub mod owners;
pub mod retention;
pub mod schema_walk;
pub mod settings;

use crate::catalog::model::{Contract, Kind, SourceFile};
use crate::catalog::owners::Owners;
use crate::catalog::settings::Settings;
use crate::finding::Violation;
use crate::yaml::{self, Loc, Node};
use format::Format;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const OWNERS_FILE: &str = "owners.yaml";
pub const SETTINGS_FILE: &str = "settings.yaml";
/// Contract files are hand-written YAML of a few kilobytes; anything this large is a mistake
/// (a data dump saved under contracts/), refused before reading it into memory.
pub const MAX_FILE_BYTES: u64 = 4 << 20;

/// What is at a path, told from its metadata without opening it: opening a FIFO for reading
/// waits for a writer that never comes, so `contract check` would hang in CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Missing,
    File,
    Dir,
    /// Anything else, described for a message ("a FIFO (named pipe)").
    Other(&'static str),
}

impl Entry {
    /// What the entry is, for a message saying a regular file was expected.
    pub fn describe(self) -> &'static str {
        match self {
            Entry::Missing => "missing",
            Entry::File => "a regular file",
            Entry::Dir => "a directory",
            Entry::Other(what) => what,
        }
    }
}

/// What is at `path` on disk (symlinks followed).
pub fn entry_on_disk(path: &Path) -> Entry {
    match std::fs::metadata(path) {
        Ok(meta) => entry_of(meta.file_type()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Entry::Missing,
        // Unreadable metadata (permissions): let reading the file report why.
        Err(_) => Entry::File,
    }
}

fn entry_of(file_type: std::fs::FileType) -> Entry {
    if file_type.is_file() {
        return Entry::File;
    }
    if file_type.is_dir() {
        return Entry::Dir;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Entry::Other("a FIFO (named pipe)");
        }
        if file_type.is_char_device() {
            return Entry::Other("a character device");
        }
        if file_type.is_block_device() {
            return Entry::Other("a block device");
        }
        if file_type.is_socket() {
            return Entry::Other("a socket");
        }
    }
    Entry::Other("not a regular file")
}

/// The problem of a path where a regular file is expected but something else is.
pub fn not_a_file(path: &Path, entry: Entry) -> Violation {
    Violation::at(
        "",
        format!(
            "{} is {}, not a regular file; it was not read",
            display(path),
            entry.describe()
        ),
    )
    .help("replace it with a regular file, or remove it from the catalogue")
}

/// A finding produced while reading the catalogue, before any rule runs.
#[derive(Debug, Clone)]
pub struct LoadProblem {
    pub file: Arc<SourceFile>,
    pub contract: Option<String>,
    pub violation: Violation,
    /// The kind the file declares, when it declares one: a broken file still claims its id,
    /// so other contracts referring to it are not told it does not exist.
    pub kind: Option<Kind>,
}

/// A contract that passed the format check, with the file it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub file: Arc<SourceFile>,
    pub contract: Contract,
}

/// Everything read from one catalogue root.
#[derive(Debug)]
pub struct Catalog {
    pub root: PathBuf,
    /// Where every file the catalogue names must lie (see [`confine`]).
    pub repository: confine::Repository,
    pub contracts: Vec<Loaded>,
    /// `None` when owners.yaml is broken (its problems are in `problems`).
    pub owners: Option<Owners>,
    pub settings: Settings,
    /// settings.yaml when it loaded: the rule engine checks that the rules it names exist.
    pub settings_file: Option<Arc<SourceFile>>,
    pub problems: Vec<LoadProblem>,
    /// How many contract files were found (valid or not).
    pub files: usize,
}

/// The catalogue could not be read at all: exit code 2.
#[derive(Debug)]
pub enum CatalogError {
    NotFound(PathBuf),
    NoOwners {
        root: PathBuf,
    },
    /// A path named on the command line is neither a regular file nor a directory.
    NotAFile {
        path: PathBuf,
        entry: Entry,
    },
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogError::NotFound(path) => write!(f, "{} does not exist", path.display()),
            CatalogError::NotAFile { path, entry } => write!(
                f,
                "{} is {}, not a contract file or a directory: name a .yaml file or a catalogue \
                 directory",
                path.display(),
                entry.describe()
            ),
            CatalogError::NoOwners { root } => write!(
                f,
                "{} has no {OWNERS_FILE}, so it is not a contract catalogue: create {} listing the \
                 teams (`teams: [{{id, name, contact}}]`), or point `contract check` at the catalogue",
                root.display(),
                root.join(OWNERS_FILE).display()
            ),
        }
    }
}

impl std::error::Error for CatalogError {}

/// Where a catalogue's files are read from: the disk, or blobs already read (the catalogue at a
/// git revision, read with `git cat-file`), keyed by the path they would have on disk.
#[derive(Debug, Default)]
pub enum Files {
    #[default]
    Disk,
    Memory(std::collections::BTreeMap<PathBuf, Vec<u8>>),
}

impl Files {
    pub fn is_file(&self, path: &Path) -> bool {
        self.entry(path) == Entry::File
    }

    /// What is at `path`, without opening it.
    pub fn entry(&self, path: &Path) -> Entry {
        match self {
            Files::Disk => entry_on_disk(path),
            Files::Memory(files) if files.contains_key(path) => Entry::File,
            Files::Memory(_) => Entry::Missing,
        }
    }

    pub fn size(&self, path: &Path) -> u64 {
        match self {
            Files::Disk => std::fs::metadata(path).map(|meta| meta.len()).unwrap_or(0),
            Files::Memory(files) => files.get(path).map_or(0, |bytes| bytes.len() as u64),
        }
    }

    pub fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        match self {
            Files::Disk => std::fs::read(path),
            Files::Memory(files) => files.get(path).cloned().ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file at this revision",
                )
            }),
        }
    }
}

/// The catalogue root for a path: the path itself or its nearest ancestor holding owners.yaml.
pub fn find_root(path: &Path) -> Result<PathBuf, CatalogError> {
    match entry_on_disk(path) {
        Entry::Missing => return Err(CatalogError::NotFound(path.to_path_buf())),
        entry @ Entry::Other(_) => {
            return Err(CatalogError::NotAFile {
                path: path.to_path_buf(),
                entry,
            });
        }
        Entry::File | Entry::Dir => {}
    }
    let start = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new("."))
    };
    let mut candidate = Some(start);
    while let Some(dir) = candidate {
        // A FIFO or a directory named owners.yaml still marks the root: its load reports it.
        if entry_on_disk(&dir.join(OWNERS_FILE)) != Entry::Missing {
            return Ok(if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir.to_path_buf()
            });
        }
        candidate = dir.parent().filter(|parent| !parent.as_os_str().is_empty());
    }
    Err(CatalogError::NoOwners {
        root: start.to_path_buf(),
    })
}

/// Reads the catalogue at `root`: owners, settings and every contract file, in parallel.
pub fn load(root: &Path) -> Result<Catalog, CatalogError> {
    load_from(root, &Files::Disk)
}

/// Reads the catalogue at `root` with the settings in `settings` instead of its own
/// settings.yaml (`contract check --config PATH`). The user named the file, so it may live
/// anywhere; it must exist and be a regular file.
pub fn load_with_settings(root: &Path, settings: &Path) -> Result<Catalog, CatalogError> {
    match entry_on_disk(settings) {
        Entry::File => load_settings_from(root, &Files::Disk, Some(settings)),
        Entry::Missing => Err(CatalogError::NotFound(settings.to_path_buf())),
        entry => Err(CatalogError::NotAFile {
            path: settings.to_path_buf(),
            entry,
        }),
    }
}

/// Reads the catalogue at `root` from `files`.
pub fn load_from(root: &Path, files_from: &Files) -> Result<Catalog, CatalogError> {
    load_settings_from(root, files_from, None)
}

fn load_settings_from(
    root: &Path,
    files_from: &Files,
    settings_override: Option<&Path>,
) -> Result<Catalog, CatalogError> {
    let mut problems = Vec::new();
    let repository = confine::repository_of(root);
    // A side file that is a symlink out of the repository is reported and not read: what it
    // points at is the CI machine's, not the pull request's.
    let escaped = |path: &Path, problems: &mut Vec<LoadProblem>| {
        let resolved = match files_from {
            Files::Disk => confine::escapes(&repository, path),
            Files::Memory(_) => None,
        };
        if let Some(resolved) = &resolved {
            problems.push(escape_problem(path, resolved));
        }
        resolved.is_some()
    };
    let owners_path = root.join(OWNERS_FILE);
    if files_from.entry(&owners_path) == Entry::Missing {
        return Err(CatalogError::NoOwners {
            root: root.to_path_buf(),
        });
    }
    let owners = if escaped(&owners_path, &mut problems) {
        None
    } else {
        load_side_file::<Owners>(&owners_path, Format::Owners, files_from, &mut problems).map(
            |(owners, file)| {
                // The teams stay usable (an owner still names a team), but the file is wrong.
                problems.extend(repeated_team_ids(&owners, &file));
                owners
            },
        )
    };
    let settings_path =
        settings_override.map_or_else(|| root.join(SETTINGS_FILE), Path::to_path_buf);
    let mut settings_file = None;
    // A settings file named with --config is the user's choice, not the pull request's.
    let loaded_settings = if settings_override.is_none() && escaped(&settings_path, &mut problems) {
        None
    } else {
        load_side_file::<Settings>(&settings_path, Format::Settings, files_from, &mut problems)
    };
    let settings = match loaded_settings {
        _ if files_from.entry(&settings_path) != Entry::File => Settings::default(),
        Some((settings, file)) => {
            settings_file = Some(file);
            settings
        }
        None => Settings::default(),
    };

    let (paths, walk_problems) = match files_from {
        Files::Disk => discover(root, &repository),
        Files::Memory(files) => (
            files
                .keys()
                .filter(|path| is_contract_path(root, path))
                .cloned()
                .collect(),
            Vec::new(),
        ),
    };
    // A FIFO or a directory named like a contract is counted as a contract file it should be.
    let files = paths.len()
        + walk_problems
            .iter()
            .filter(|problem| problem.kind.is_none() && is_yaml(&problem.file.path))
            .count();
    problems.extend(walk_problems);
    let outcomes: Vec<Result<Loaded, Vec<LoadProblem>>> = crate::pool::pool().install(|| {
        paths
            .par_iter()
            .map(|path| load_contract(path, files_from))
            .collect()
    });
    let mut contracts = Vec::with_capacity(files);
    for outcome in outcomes {
        match outcome {
            Ok(loaded) => contracts.push(loaded),
            Err(file_problems) => problems.extend(file_problems),
        }
    }
    Ok(Catalog {
        root: root.to_path_buf(),
        repository: confine::Repository::new(repository),
        contracts,
        owners,
        settings,
        settings_file,
        problems,
        files,
    })
}

/// Every contract file under `root`, sorted. Hidden directories are skipped; symlinks are
/// followed, and a symlink loop is reported rather than followed forever.
fn discover(root: &Path, repository: &Path) -> (Vec<PathBuf>, Vec<LoadProblem>) {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    let mut escaped = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            // A link (to a file or a directory) that leads out of the repository is not
            // followed: `check` would quote what it points at.
            // The side files and the lock are reported by their own readers; other files are
            // not contracts and not read.
            if entry.depth() > 0
                && entry.path_is_symlink()
                && let Some(resolved) = confine::escapes(repository, entry.path())
            {
                if entry.file_type().is_dir() || is_contract_path(root, entry.path()) {
                    escaped.push(escape_problem(entry.path(), &resolved));
                }
                return false;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_yaml = path
                    .extension()
                    .is_some_and(|ext| ext == "yaml" || ext == "yml");
                let is_side_file = entry.depth() == 1
                    && (entry.file_name() == OWNERS_FILE || entry.file_name() == SETTINGS_FILE);
                if !is_yaml || is_side_file || entry.depth() == 0 {
                    continue;
                }
                match entry_of(entry.file_type()) {
                    Entry::File => paths.push(path.to_path_buf()),
                    // Never opened: reading a FIFO would wait forever. A directory named
                    // `x.yaml` is reported, and the contracts inside it are still read.
                    other => problems.push(unread_file_problem(path, not_a_file(path, other))),
                }
            }
            Err(error) => {
                let path = error
                    .path()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                let message = match error.loop_ancestor() {
                    Some(ancestor) => format!(
                        "symlink loop: {} leads back to {}; skipped",
                        path.display(),
                        ancestor.display()
                    ),
                    None => format!("cannot read {}: {}", path.display(), io_reason(&error)),
                };
                problems.push(LoadProblem {
                    kind: None,
                    file: Arc::new(SourceFile::with_tree(path, Arc::from(""), None)),
                    contract: None,
                    violation: Violation::at("", message).help(
                        "remove the link or the unreadable entry, or move it out of the catalogue",
                    ),
                });
            }
        }
    }
    problems.extend(escaped);
    (paths, problems)
}

/// A finding for each team id that owners.yaml gives a second time.
fn repeated_team_ids(owners: &Owners, file: &Arc<SourceFile>) -> Vec<LoadProblem> {
    owners
        .repeated_ids()
        .into_iter()
        .map(|(index, earlier)| {
            let id = &owners.teams[index].id;
            LoadProblem {
                kind: None,
                file: file.clone(),
                contract: None,
                violation: Violation::at(
                    format!("/teams/{index}/id"),
                    format!(
                        "the team id `{id}` is given twice: teams {} and {} of owners.yaml",
                        earlier + 1,
                        index + 1
                    ),
                )
                .help("give each team one entry: merge the two, or rename one of the ids"),
            }
        })
        .collect()
}

/// A problem with a file that was not read, so there is no text to quote.
fn unread_file_problem(path: &Path, violation: Violation) -> LoadProblem {
    LoadProblem {
        kind: None,
        file: Arc::new(SourceFile::with_tree(
            path.to_path_buf(),
            Arc::from(""),
            None,
        )),
        contract: None,
        violation,
    }
}

/// A file the catalogue would read that is a symlink out of the repository.
fn escape_problem(path: &Path, resolved: &Path) -> LoadProblem {
    unread_file_problem(
        path,
        Violation::at("", confine::escape_message(path, resolved)).help(
            "replace the link with the file itself, or point it at a file inside the repository",
        ),
    )
}

/// Whether a path read from a git tree is a contract file, by the rules `discover` applies on
/// disk: a `.yaml`/`.yml` file, not in a hidden directory, not a side file at the root.
fn is_contract_path(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = relative
        .components()
        .any(|part| part.as_os_str().to_string_lossy().starts_with('.'));
    let is_yaml = path
        .extension()
        .is_some_and(|ext| ext == "yaml" || ext == "yml");
    let is_side_file = relative == Path::new(OWNERS_FILE) || relative == Path::new(SETTINGS_FILE);
    is_yaml && !hidden && !is_side_file
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "yaml" || ext == "yml")
}

fn io_reason(error: &walkdir::Error) -> String {
    error
        .io_error()
        .map_or_else(|| error.to_string(), ToString::to_string)
}

/// Reads a file as UTF-8 text, refusing huge and non-UTF-8 files with a located problem.
/// Why a file could not be read as text, with the file (for quoting) and where.
type Unreadable = Box<(Arc<SourceFile>, Violation)>;

fn read_text(path: &Path, files: &Files) -> Result<Arc<str>, Unreadable> {
    let empty = |text: &str| {
        Arc::new(SourceFile::with_tree(
            path.to_path_buf(),
            Arc::from(text),
            None,
        ))
    };
    let size = files.size(path);
    if size > MAX_FILE_BYTES {
        return Err(Box::new((
            empty(""),
            Violation::at(
                "",
                format!(
                    "the file is {:.1} MB; contract files are limited to {} MB",
                    size as f64 / 1e6,
                    MAX_FILE_BYTES >> 20
                ),
            )
            .help("a contract describes data, it does not hold it: move data dumps out of the catalogue"),
        )));
    }
    let bytes = files.read(path).map_err(|error| {
        Box::new((
            empty(""),
            Violation::at("", format!("cannot read the file: {error}")),
        ))
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Arc::from(text)),
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let prefix = &error.as_bytes()[..valid_up_to];
            let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = std::str::from_utf8(
                &prefix[prefix
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1)..],
            )
            .map_or(1, |tail| tail.chars().count() + 1);
            // The lossy text is byte-identical up to the first bad byte, which becomes U+FFFD
            // (three bytes): underline exactly that.
            let loc = Loc {
                line: line as u32,
                column: column as u32,
                offset: valid_up_to,
                len: '\u{FFFD}'.len_utf8(),
            };
            let file = Arc::new(SourceFile::with_tree(
                path.to_path_buf(),
                Arc::from(lossy),
                Some(Node::null_at(loc)),
            ));
            Err(Box::new((
                file,
                Violation::at("", format!("the file is not valid UTF-8: byte {valid_up_to} (line {line}, column {column})"))
                    .help("save the file as UTF-8"),
            )))
        }
    }
}

/// Reads, parses and format-checks one file: the YAML tree, or the problems that stop it.
fn parse_file(
    path: &Path,
    format: Format,
    files: &Files,
) -> Result<(Arc<SourceFile>, serde_json::Value), Vec<LoadProblem>> {
    let text = read_text(path, files).map_err(|unreadable| {
        let (file, violation) = *unreadable;
        vec![LoadProblem {
            kind: None,
            file,
            contract: None,
            violation,
        }]
    })?;
    let tree = match yaml::parse(&text) {
        Ok(tree) => tree,
        Err(error) => {
            let file = Arc::new(SourceFile::with_tree(path.to_path_buf(), text, None));
            let violation = Violation {
                message: format!("invalid YAML: {}", error.message),
                help: Some(error.help.into()),
                ..Violation::default()
            };
            return Err(vec![LoadProblem {
                kind: None,
                file: located(file, error.loc),
                contract: None,
                violation,
            }]);
        }
    };
    // The tree is parsed again if a finding needs a location in this file: keeping the trees of
    // every file cost more (memory, page faults, freeing) than re-parsing the few with findings.
    let json = tree.into_json();
    let file = Arc::new(SourceFile::new(path.to_path_buf(), text));
    let issues = format::validate(format, &json);
    if issues.is_empty() {
        return Ok((file, json));
    }
    let contract = json
        .get("contract")
        .and_then(|id| id.as_str())
        .map(str::to_string);
    let kind = serde_json::from_value::<Kind>(json.get("kind").cloned().unwrap_or_default()).ok();
    let not_a_contract = format == Format::Contract
        && json.is_object()
        && json.get("contract").is_none()
        && json.get("kind").is_none();
    if not_a_contract {
        let violation = Violation::at(
            "",
            "this YAML file is not a contract: it has no `contract:` or `kind:` key",
        )
        .help(
            "every .yaml file in the catalogue is read as a contract; move other files out of it",
        );
        return Err(vec![LoadProblem {
            kind: None,
            file,
            contract,
            violation,
        }]);
    }
    Err(issues
        .into_iter()
        .map(|issue| LoadProblem {
            kind,
            file: file.clone(),
            contract: contract.clone(),
            violation: Violation {
                pointer: issue.pointer,
                at_key: issue.at_key,
                message: issue.message,
                help: issue.help,
                ..Violation::default()
            },
        })
        .collect())
}

/// A YAML error's location can only be expressed as a line, not a pointer: keep a one-node tree
/// whose location is the error's, so the report can quote it like any other finding.
fn located(file: Arc<SourceFile>, loc: Option<Loc>) -> Arc<SourceFile> {
    match loc {
        Some(loc) => Arc::new(SourceFile::with_tree(
            file.path.clone(),
            file.text.clone(),
            Some(Node::null_at(loc)),
        )),
        None => file,
    }
}

fn load_contract(path: &Path, files: &Files) -> Result<Loaded, Vec<LoadProblem>> {
    let (file, json) = parse_file(path, Format::Contract, files)?;
    match Contract::from_json(json) {
        Ok(contract) => Ok(Loaded { file, contract }),
        // The format schema admits only what the model reads; reaching here is a gap between them.
        Err(error) => Err(vec![LoadProblem {
            kind: None,
            file,
            contract: None,
            violation: Violation::at("", format!("cannot read the contract: {error}")),
        }]),
    }
}

fn load_side_file<T: DeserializeOwned>(
    path: &Path,
    format: Format,
    files: &Files,
    problems: &mut Vec<LoadProblem>,
) -> Option<(T, Arc<SourceFile>)> {
    match files.entry(path) {
        Entry::File => {}
        Entry::Missing => return None,
        other => {
            problems.push(unread_file_problem(path, not_a_file(path, other)));
            return None;
        }
    }
    let parsed = crate::pool::pool().install(|| parse_file(path, format, files));
    match parsed {
        Ok((file, json)) => match serde_json::from_value(json) {
            Ok(value) => Some((value, file)),
            Err(error) => {
                let violation =
                    Violation::at("", format!("cannot read {}: {error}", path.display()));
                problems.push(LoadProblem {
                    kind: None,
                    file,
                    contract: None,
                    violation,
                });
                None
            }
        },
        Err(file_problems) => {
            problems.extend(file_problems);
            None
        }
    }
}

/// The catalogue-relative display of a path, for messages.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

//! Where pages go and how they link: page paths that cannot leave `--out`, and relative links.

use crate::catalog::model::Kind;
use std::fmt;
use std::path::{Path, PathBuf};

/// A page's path under `--out`, `/`-separated. Only built from fixed directory names and names
/// that passed [`safe_file_name`], so joining it to the output directory stays inside it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PagePath(String);

/// A name that cannot be a page's file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeName {
    pub name: String,
    pub reason: &'static str,
}

impl fmt::Display for UnsafeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` cannot name a page: {}",
            self.name.escape_debug(),
            self.reason
        )
    }
}

impl std::error::Error for UnsafeName {}

/// Longest file name accepted: most file systems stop at 255 bytes, and `.md` must fit.
const MAX_NAME: usize = 200;

/// Accepts `name` as one file name inside a directory: ASCII letters, digits, `.`, `-` and `_`
/// only, not starting with `.` (no `..`, no hidden files), not empty, not too long, and not a
/// name Windows reserves for devices. Contract ids are already stricter than this (the format
/// checks them); this is the last line of defence, so a gap in the format cannot write outside
/// the output directory.
pub fn safe_file_name(name: &str) -> Result<&str, UnsafeName> {
    let refuse = |reason| {
        Err(UnsafeName {
            name: name.to_string(),
            reason,
        })
    };
    if name.is_empty() {
        return refuse("it is empty");
    }
    if name.len() > MAX_NAME {
        return refuse("it is longer than 200 bytes");
    }
    if name.starts_with('.') {
        return refuse("it starts with a dot");
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    {
        return refuse("only ASCII letters, digits, `.`, `-` and `_` may appear in it");
    }
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let reserved = ["con", "prn", "aux", "nul"].contains(&stem.as_str())
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        return refuse("Windows reserves it for a device");
    }
    Ok(name)
}

impl PagePath {
    /// A top-level page: `events.md`, `database.md`, `rules.md`.
    pub(crate) fn top(name: &'static str) -> PagePath {
        debug_assert!(safe_file_name(name).is_ok());
        PagePath(format!("{name}.md"))
    }

    /// A contract's own page: `events/<id>.md` or `tables/<id>.md`.
    pub fn contract(kind: Kind, id: &str) -> Result<PagePath, UnsafeName> {
        let name = safe_file_name(id)?;
        Ok(PagePath(format!("{}/{name}.md", kind_dir(kind))))
    }

    /// The copy of a version's migration file: `migrations/<id>.v<version>.sql`.
    pub fn migration(id: &str, version: u32) -> Result<PagePath, UnsafeName> {
        let name = safe_file_name(id)?;
        Ok(PagePath(format!("migrations/{name}.v{version}.sql")))
    }

    /// A file another generator (`contract export`) writes: a `/`-separated path whose every
    /// component passes [`safe_file_name`], so it cannot leave the output directory.
    pub fn relative(path: &str) -> Result<PagePath, UnsafeName> {
        for component in path.split('/') {
            safe_file_name(component)?;
        }
        Ok(PagePath(path.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file for this page under `out`.
    pub fn under(&self, out: &Path) -> PathBuf {
        let mut path = out.to_path_buf();
        path.extend(self.0.split('/'));
        path
    }

    /// The relative link from this page to `target`.
    pub fn link_to(&self, target: &PagePath) -> String {
        let depth = self.0.matches('/').count();
        format!("{}{}", "../".repeat(depth), target.0)
    }
}

pub(crate) fn kind_dir(kind: Kind) -> &'static str {
    match kind {
        Kind::Event => "events",
        Kind::Table => "tables",
    }
}

/// `path` made absolute against the working directory, with `.` and `..` resolved lexically
/// (symlinks are not followed).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_ids_cannot_name_a_page() {
        for hostile in [
            "",
            ".",
            "..",
            "../escape",
            "../../etc/passwd",
            "/etc/passwd",
            "a/b",
            "a\\b",
            "C:evil",
            ".hidden",
            "a\0b",
            "nul",
            "CON.events",
            "com1",
            "ça",
            "a b",
            "x\n",
            &"a".repeat(201),
        ] {
            assert!(
                PagePath::contract(Kind::Event, hostile).is_err(),
                "{hostile:?} was accepted"
            );
        }
    }

    #[test]
    fn accepted_names_stay_inside_the_output_directory() {
        let out = Path::new("/site/docs/reference");
        for id in [
            "meeting.created",
            "a",
            "a..b",
            "x-1_y",
            "community",
            &"a".repeat(200),
        ] {
            let path = PagePath::contract(Kind::Table, id).unwrap().under(out);
            assert_eq!(path.parent(), Some(out.join("tables").as_path()));
            let copy = PagePath::migration(id, 3).unwrap().under(out);
            assert_eq!(copy.parent(), Some(out.join("migrations").as_path()));
        }
    }

    #[test]
    fn normalizing_resolves_dots_lexically() {
        assert_eq!(
            normalize(Path::new(
                "/repo/contracts/tables/core/../../../migrations/./a.sql"
            )),
            Path::new("/repo/migrations/a.sql")
        );
    }

    #[test]
    fn links_between_pages_and_to_files() {
        let index = PagePath::top("events");
        let page = PagePath::contract(Kind::Event, "meeting.created").unwrap();
        let table = PagePath::contract(Kind::Table, "core.meetings").unwrap();
        assert_eq!(index.link_to(&page), "events/meeting.created.md");
        assert_eq!(page.link_to(&table), "../tables/core.meetings.md");
        assert_eq!(page.link_to(&index), "../events.md");
        assert_eq!(
            table.link_to(&PagePath::migration("core.meetings", 2).unwrap()),
            "../migrations/core.meetings.v2.sql"
        );
    }
}

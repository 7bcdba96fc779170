//! A table version's SQL migration, read offline: split into statements ([`split`]), each parsed
//! with sqlparser's PostgreSQL dialect ([`parse`]), and the column changes it makes to the
//! contract's table derived from them ([`derive`]). The migration rules compare those with the
//! version's own change (the table diff beside this folder).

pub mod derive;
pub mod parse;
pub mod split;
#[cfg(test)]
mod tests;

use crate::catalog::confine::{Refusal, Repository};
use std::path::{Path, PathBuf};

/// Migrations larger than this are not read: a finding says so. Generous (real migrations are
/// kilobytes), and bounds the memory a hostile file can take.
pub const MAX_MIGRATION_BYTES: u64 = 32 * 1024 * 1024;

/// What reading a version's `migration:` gave.
#[derive(Debug)]
pub enum MigrationFile {
    /// The path was refused before reading (missing, outside the repository, not a file):
    /// `migration-missing` and `path-outside-repository` report it.
    Refused(Refusal),
    /// The file exists but cannot be checked: not UTF-8, too large, unreadable.
    Unreadable {
        path: PathBuf,
        line: u32,
        message: String,
    },
    Read(Migration),
}

/// A migration file that was read and parsed.
#[derive(Debug)]
pub struct Migration {
    /// The path as found (relative to the working directory, like contract files in findings).
    pub path: PathBuf,
    pub text: String,
    pub statements: Vec<parse::Statement>,
    /// A quote or comment left open at the end; the text from there on is not checked.
    pub unterminated: Option<split::Unterminated>,
}

/// `path` with `.` and `name/..` dropped, for messages: `contracts/tables/core/../../../migrations/x.sql`
/// reads `migrations/x.sql`. Lexical only; the file was opened by its real path.
pub fn display(path: &Path) -> String {
    use std::path::Component;
    let mut parts: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.iter().collect::<PathBuf>().display().to_string()
}

impl Migration {
    pub fn display(&self) -> String {
        display(&self.path)
    }

    /// The text of line `line` (1-based), trimmed, for quoting in a message.
    pub fn line_text(&self, line: u32) -> &str {
        self.text
            .lines()
            .nth(line.saturating_sub(1) as usize)
            .unwrap_or("")
            .trim()
    }
}

/// Reads the migration `named` by a contract in `directory`, confined to `repository`.
pub fn read(repository: &Repository, directory: &Path, named: &str) -> MigrationFile {
    let path = directory.join(named);
    let (resolved, meta) = match repository.confine_file(&path) {
        Ok(confined) => confined,
        Err(refusal) => return MigrationFile::Refused(refusal),
    };
    let unreadable = |line, message: String| MigrationFile::Unreadable {
        path: path.clone(),
        line,
        message,
    };
    if meta.len() > MAX_MIGRATION_BYTES {
        return unreadable(
            1,
            format!(
                "is {} bytes, over the {} MB a migration may take; it is not checked",
                meta.len(),
                MAX_MIGRATION_BYTES / (1024 * 1024)
            ),
        );
    }
    // The file that was checked, not the name again: the same file, one path walk fewer.
    let bytes = match std::fs::read(&resolved) {
        Ok(bytes) => bytes,
        Err(error) => return unreadable(1, format!("cannot be read: {error}")),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.as_bytes();
            let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count() as u32;
            return unreadable(
                line,
                format!("is not UTF-8 (byte {valid}); it is not checked"),
            );
        }
    };
    MigrationFile::Read(Migration::from_text(path, text))
}

impl Migration {
    /// Splits and parses `text`, the content of the migration at `path`.
    pub fn from_text(path: PathBuf, text: String) -> Migration {
        let (pieces, unterminated) = split::split(&text);
        let statements = pieces.iter().map(parse::parse).collect();
        Migration {
            path,
            statements,
            unterminated,
            text,
        }
    }
}

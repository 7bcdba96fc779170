//! Confinement: every file a contract names (`migration:`, and any later file reference) and
//! every file the catalogue reads must lie, after following symlinks, inside the repository
//! that holds the catalogue. A pull request controls the files; it must not make `check` quote,
//! or `docs` publish, a file of the machine it runs on (`/proc/self/environ`, `/etc/shadow`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The directory everything the catalogue names must stay in: the git work tree holding the
/// catalogue (the nearest ancestor with a `.git`), or the catalogue's parent where there is no
/// git. Canonical, so that a symlinked checkout still contains its own files.
pub fn repository_of(catalog_root: &Path) -> PathBuf {
    let root = std::fs::canonicalize(catalog_root).unwrap_or_else(|_| catalog_root.to_path_buf());
    let work_tree = root
        .ancestors()
        .find(|dir| dir.join(".git").symlink_metadata().is_ok());
    match work_tree {
        Some(dir) => dir.to_path_buf(),
        None => root.parent().unwrap_or(&root).to_path_buf(),
    }
}

/// Why a named file may not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing is there (or it cannot be resolved).
    Missing,
    /// It resolves outside the repository: `resolved` is where it leads.
    Outside { resolved: PathBuf },
    /// It is inside, but not a regular file (a directory, a FIFO, a device).
    NotRegular { what: &'static str },
}

/// The repository of a catalogue (see [`repository_of`]), and the directories files were looked
/// up in during this run, each resolved once. A check of 10,000 migrations kept in one folder
/// followed every symlink on the way to each of them, ten system calls a file, for the same
/// handful of folders; now each folder is resolved once and each file takes one `lstat`.
///
/// Made afresh for every load of a catalogue, so a folder is trusted to stay where it was
/// found for the length of one command, no longer (a reader already trusted the file to stay
/// between resolving and reading it).
#[derive(Debug)]
pub struct Repository {
    path: PathBuf,
    /// The directory as written (`contracts/tables/../../migrations`) → its canonical path, or
    /// `None` if it cannot be resolved.
    directories: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl Repository {
    /// `path` is canonical (as [`repository_of`] gives it).
    pub fn new(path: PathBuf) -> Repository {
        Repository {
            path,
            directories: Mutex::new(HashMap::new()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Resolves `path` (symlinks followed) and says whether it is a regular file inside the
    /// repository: its canonical path when it is.
    pub fn confine(&self, path: &Path) -> Result<PathBuf, Refusal> {
        self.confine_file(path).map(|(resolved, _)| resolved)
    }

    /// [`Repository::confine`], with the file's metadata, for a reader that needs its size.
    pub fn confine_file(&self, path: &Path) -> Result<(PathBuf, std::fs::Metadata), Refusal> {
        let resolved = self.resolve(path)?;
        if !resolved.0.starts_with(&self.path) {
            return Err(Refusal::Outside {
                resolved: resolved.0,
            });
        }
        let meta = match resolved.1 {
            Some(meta) => meta,
            None => std::fs::metadata(&resolved.0).map_err(|_| Refusal::Missing)?,
        };
        if meta.is_file() {
            Ok((resolved.0, meta))
        } else {
            Err(Refusal::NotRegular {
                what: kind_of(&meta),
            })
        }
    }

    /// What `std::fs::canonicalize(path)` gives, and the `lstat` of it when that was made on the
    /// way (the target's own metadata, since it is then not a link). The folder is resolved
    /// through the cache, and the last component by hand only when it is a plain name and not
    /// a link; anything else (a link, `..`, a trailing `/` or `/.`, which must fail on a file)
    /// is left to `canonicalize` whole, as before.
    fn resolve(&self, path: &Path) -> Result<(PathBuf, Option<std::fs::Metadata>), Refusal> {
        use std::os::unix::ffi::OsStrExt;
        let whole = || {
            std::fs::canonicalize(path)
                .map(|resolved| (resolved, None))
                .map_err(|_| Refusal::Missing)
        };
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return whole();
        };
        if !path.as_os_str().as_bytes().ends_with(name.as_bytes()) {
            return whole();
        }
        let directory = self.directory(parent).ok_or(Refusal::Missing)?;
        let resolved = directory.join(name);
        let meta = resolved.symlink_metadata().map_err(|_| Refusal::Missing)?;
        if meta.file_type().is_symlink() {
            return whole();
        }
        Ok((resolved, Some(meta)))
    }

    /// The canonical path of the directory written `parent` (`""` is the working directory).
    fn directory(&self, parent: &Path) -> Option<PathBuf> {
        let lock = || {
            // A panic while holding the lock leaves a map that is still consistent.
            self.directories
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        if let Some(known) = lock().get(parent) {
            return known.clone();
        }
        let written = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        let resolved = std::fs::canonicalize(written).ok();
        lock().insert(parent.to_path_buf(), resolved.clone());
        resolved
    }
}

/// Where `path` leads when it is a symlink out of `repository`; `None` for anything else
/// (a plain file, a link that stays inside, a dangling link, which reading reports). Costs one
/// `lstat` for a file that is not a link.
pub fn escapes(repository: &Path, path: &Path) -> Option<PathBuf> {
    let link = path.symlink_metadata().ok()?.file_type().is_symlink();
    if !link {
        return None;
    }
    let resolved = std::fs::canonicalize(path).ok()?;
    (!resolved.starts_with(repository)).then_some(resolved)
}

/// The message of a file the catalogue would read that is a symlink out of the repository.
pub fn escape_message(path: &Path, resolved: &Path) -> String {
    format!(
        "{} is a symbolic link to `{}`, outside the repository that holds the catalogue; it is \
not read",
        path.display(),
        resolved.display()
    )
}

/// What a file that is not a regular file is, for messages.
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else {
        "a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The canonical path [`Repository::confine_file`] gives, or its refusal.
    fn confine(repository: &Path, path: &Path) -> Result<PathBuf, Refusal> {
        Repository::new(repository.to_path_buf()).confine(path)
    }

    #[test]
    fn files_inside_pass_and_paths_leading_out_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let repo = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(repo.join(".git")).unwrap();
        std::fs::create_dir(repo.join("contracts")).unwrap();
        std::fs::write(repo.join("m.sql"), "select 1;").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", repo.join("out.sql")).unwrap();
        std::os::unix::fs::symlink(repo.join("m.sql"), repo.join("in.sql")).unwrap();
        assert_eq!(repository_of(&repo.join("contracts")), repo);
        assert_eq!(confine(&repo, &repo.join("m.sql")), Ok(repo.join("m.sql")));
        assert_eq!(confine(&repo, &repo.join("in.sql")), Ok(repo.join("m.sql")));
        assert!(matches!(
            confine(&repo, &repo.join("out.sql")),
            Err(Refusal::Outside { .. })
        ));
        assert!(matches!(
            confine(&repo, &repo.join("contracts/../../../../etc/passwd")),
            Err(Refusal::Outside { .. })
        ));
        assert!(matches!(
            confine(&repo, Path::new("/proc/self/environ")),
            Err(Refusal::Outside { .. })
        ));
        assert_eq!(
            confine(&repo, &repo.join("contracts")),
            Err(Refusal::NotRegular {
                what: "a directory"
            })
        );
        assert_eq!(
            confine(&repo, &repo.join("gone.sql")),
            Err(Refusal::Missing)
        );
    }

    #[test]
    fn a_symlinked_folder_on_the_way_is_followed_however_often_it_is_asked() {
        // Folders are resolved once per `Repository`; a link to a folder outside must still be
        // refused, before and after other files of the same folders were let through.
        let outside = tempfile::tempdir().unwrap();
        let outside = std::fs::canonicalize(outside.path()).unwrap();
        std::fs::write(outside.join("secret.sql"), "select 1;").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let repo = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(repo.join("contracts/tables")).unwrap();
        std::fs::create_dir(repo.join("migrations")).unwrap();
        std::fs::write(repo.join("migrations/m.sql"), "select 1;").unwrap();
        std::os::unix::fs::symlink(&outside, repo.join("migrations/away")).unwrap();
        std::os::unix::fs::symlink(repo.join("migrations"), repo.join("alias")).unwrap();
        std::os::unix::fs::symlink(&outside, repo.join("contracts/out")).unwrap();
        let repository = Repository::new(repo.clone());
        let tables = repo.join("contracts/tables");
        for _ in 0..2 {
            assert_eq!(
                repository.confine(&tables.join("../../migrations/m.sql")),
                Ok(repo.join("migrations/m.sql"))
            );
            assert_eq!(
                repository.confine(&repo.join("alias/m.sql")),
                Ok(repo.join("migrations/m.sql"))
            );
            for leaving in [
                tables.join("../../migrations/away/secret.sql"),
                repo.join("alias/away/secret.sql"),
                repo.join("contracts/out/secret.sql"),
                // `..` after a link is taken from where the link leads, as the kernel does.
                repo.join("contracts/out/../")
                    .join(outside.file_name().unwrap())
                    .join("secret.sql"),
            ] {
                assert_eq!(
                    repository.confine(&leaving),
                    Err(Refusal::Outside {
                        resolved: outside.join("secret.sql")
                    }),
                    "{}",
                    leaving.display()
                );
            }
            assert_eq!(
                repository.confine(&repo.join("alias")),
                Err(Refusal::NotRegular {
                    what: "a directory"
                })
            );
            // A file named as a folder is not there, as `canonicalize` says.
            for trailing in ["migrations/m.sql/", "migrations/m.sql/."] {
                let path = PathBuf::from(format!("{}/{trailing}", repo.display()));
                assert_eq!(
                    repository.confine(&path),
                    Err(Refusal::Missing),
                    "{trailing}"
                );
            }
            assert_eq!(
                repository.confine(&repo.join("nowhere/m.sql")),
                Err(Refusal::Missing)
            );
        }
    }

    #[test]
    fn without_git_the_repository_is_the_catalogues_parent() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(dir.path()).unwrap();
        let catalog = base.join("project/contracts");
        std::fs::create_dir_all(&catalog).unwrap();
        // Only if no ancestor of the temporary directory is itself a git work tree.
        if !base.ancestors().any(|dir| dir.join(".git").exists()) {
            assert_eq!(repository_of(&catalog), base.join("project"));
        }
    }
}

//! Confinement: every file a contract names (`migration:`, and any later file reference) and
//! every file the catalogue reads must lie, after following symlinks, inside the repository
//! that holds the catalogue. A pull request controls the files; it must not make `check` quote,
//! or `docs` publish, a file of the machine it runs on (`/proc/self/environ`, `/etc/shadow`).

use std::path::{Path, PathBuf};

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

/// Resolves `path` (symlinks followed) and says whether it is a regular file inside
/// `repository`: the canonical path when it is.
pub fn confine(repository: &Path, path: &Path) -> Result<PathBuf, Refusal> {
    confine_file(repository, path).map(|(resolved, _)| resolved)
}

/// [`confine`], with the file's metadata, for a reader that needs its size: one `stat` fewer
/// per file (a check of 10,000 migrations makes 10,000 of them).
pub fn confine_file(
    repository: &Path,
    path: &Path,
) -> Result<(PathBuf, std::fs::Metadata), Refusal> {
    let resolved = std::fs::canonicalize(path).map_err(|_| Refusal::Missing)?;
    if !resolved.starts_with(repository) {
        return Err(Refusal::Outside { resolved });
    }
    let meta = std::fs::metadata(&resolved).map_err(|_| Refusal::Missing)?;
    if meta.is_file() {
        Ok((resolved, meta))
    } else {
        Err(Refusal::NotRegular {
            what: kind_of(&meta),
        })
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

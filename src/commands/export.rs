//! `contract export TARGET`: load the catalogue, generate one target's files
//! ([`crate::export`]), then write them under `--out` (or print the one document with `--out -`),
//! or, with `--check`, say whether the copy there is fresh. Writing and checking are
//! `contract docs`' own: confined page paths, symlinks under `--out` refused, atomic writes.

use crate::catalog;
use crate::docs::{self, DocsError, Page, PagePath};
use crate::export::{self, ExportError, Options, Target};
use std::fmt;
use std::path::Path;

/// Where the export goes.
pub enum Destination<'a> {
    Directory(&'a Path),
    StandardOutput,
}

/// What an export run did, for the CLI to print.
pub struct ExportRun {
    /// For standard output: a summary, the diff of a stale export, or the document itself.
    pub report: String,
    /// With `--check`: the export under `--out` is not what would be generated.
    pub stale: bool,
}

/// Why `contract export` could not do its job: exit code 2.
#[derive(Debug)]
pub enum ExportFailure {
    Docs(DocsError),
    Export(ExportError),
    Usage(String),
}

impl fmt::Display for ExportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportFailure::Docs(error) => error.fmt(f),
            ExportFailure::Export(error) => error.fmt(f),
            ExportFailure::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ExportFailure {}

/// Exports `target` for the catalogue holding `path`.
pub fn export(
    path: &Path,
    target: Target,
    options: &Options,
    destination: Destination<'_>,
    check: bool,
) -> Result<ExportRun, ExportFailure> {
    let catalog = catalog::find_root(path)
        .and_then(|root| catalog::load(&root))
        .map_err(|error| ExportFailure::Docs(DocsError::Catalog(error)))?;
    let files = export::export(&catalog, target, options).map_err(ExportFailure::Export)?;
    crate::pool::drop_in_background(catalog);
    let out = match destination {
        Destination::StandardOutput => {
            if target.single_file().is_none() || check {
                return Err(ExportFailure::Usage(format!(
                    "`--out -` prints one document, and `{}` {}: name a directory with `--out DIR`",
                    target.name(),
                    if check {
                        "cannot be checked on standard output"
                    } else {
                        "writes a file per contract"
                    }
                )));
            }
            let report = files.into_iter().map(|file| file.text).collect();
            return Ok(ExportRun {
                report,
                stale: false,
            });
        }
        Destination::Directory(out) => out,
    };
    let pages = files
        .into_iter()
        .map(|file| {
            let path = PagePath::relative(&file.path).map_err(|unsafe_name| {
                ExportFailure::Usage(format!(
                    "{unsafe_name}: the export file `{}` is not written, so nothing lands outside {}",
                    file.path.escape_debug(),
                    catalog::display(out)
                ))
            })?;
            Ok(Page { path, text: file.text })
        })
        .collect::<Result<Vec<Page>, ExportFailure>>()?;
    let command = format!("contract export {}", target.name());
    if check {
        docs::refuse_links(out, &pages).map_err(ExportFailure::Docs)?;
        let staleness = docs::check(out, &pages);
        // Only the files this export writes count: other files under --out are not its business.
        let stale = !(staleness.changed.is_empty() && staleness.missing.is_empty());
        let staleness = docs::Staleness {
            no_longer_generated: Vec::new(),
            ..staleness
        };
        return Ok(ExportRun {
            report: staleness.render_for(out, pages.len(), &command),
            stale,
        });
    }
    let written = docs::write(out, &pages).map_err(ExportFailure::Docs)?;
    Ok(ExportRun {
        report: format!(
            "{command}: wrote {}: {} file{}, {} changed\n",
            catalog::display(out),
            written.pages,
            if written.pages == 1 { "" } else { "s" },
            written.changed
        ),
        stale: false,
    })
}

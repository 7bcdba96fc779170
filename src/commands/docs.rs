//! `contract docs`: load the catalogue, generate the Events and Database Reference
//! ([`crate::docs`]), then write it under `--out` or, with `--check`, say whether the copy there
//! is fresh.

use crate::catalog;
use crate::date::Date;
use crate::docs::{self, DocsError};
use std::path::Path;

/// What a docs run did, for the CLI to print.
pub struct DocsRun {
    /// Files left out of the reference and why, for standard error.
    pub notes: Vec<String>,
    /// The summary for standard output.
    pub report: String,
    /// With `--check`: the reference under `--out` is not what would be generated.
    pub stale: bool,
}

/// Generates the reference of the catalogue holding `path`, as of `today`, and writes it to
/// `out` (or checks it there, when `check`).
/// `config` replaces the catalogue's settings.yaml (`--config PATH`), as for `contract check`.
pub fn docs(
    path: &Path,
    out: &Path,
    today: Date,
    check: bool,
    config: Option<&Path>,
) -> Result<DocsRun, DocsError> {
    let catalog = catalog::find_root(path)
        .and_then(|root| match config {
            Some(settings) => catalog::load_with_settings(&root, settings),
            None => catalog::load(&root),
        })
        .map_err(DocsError::Catalog)?;
    let changes = docs::Classified::new(&catalog, today);
    let generated = docs::generate(&catalog, &changes);
    drop(changes);
    crate::pool::drop_in_background(catalog);
    let notes = generated.notes;
    if check {
        docs::refuse_links(out, &generated.pages)?;
        let staleness = docs::check(out, &generated.pages);
        return Ok(DocsRun {
            notes,
            report: staleness.render(out, generated.pages.len()),
            stale: !staleness.is_fresh(),
        });
    }
    let written = docs::write(out, &generated.pages)?;
    let mut report = format!(
        "wrote {}: {} files, {} changed",
        catalog::display(out),
        written.pages,
        written.changed
    );
    if !written.removed.is_empty() {
        report.push_str(&format!(
            ", {} no longer generated and removed",
            written.removed.len()
        ));
    }
    report.push('\n');
    Ok(DocsRun {
        notes,
        report,
        stale: false,
    })
}

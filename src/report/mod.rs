//! Findings rendered for people and machines.
//!
//! Takes in an [`Outcome`] of the rule engine; hands on text (human, json, sarif, github,
//! markdown, junit) for the CLI to print. It reads findings only: it must not import `commands/`
//! or the CLI, and it never runs a rule.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use crate::finding::Level;
use crate::rules::engine::Outcome;

/// `--format` for findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// miette diagnostics quoting the contract at the offending line.
    Human,
    /// One JSON object: `{"findings": [...], "summary": {...}}`.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// A pull-request summary in Markdown.
    Markdown,
    /// JUnit XML, one test case per file.
    Junit,
}

/// Everything a renderer needs besides the findings.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub fail_on: Level,
    pub color: bool,
    /// Terminal width for wrapping; fixed when not writing to a terminal, so output is stable.
    pub width: usize,
}

pub fn render(outcome: &Outcome, format: OutputFormat, options: RenderOptions) -> String {
    match format {
        OutputFormat::Human => human::render(outcome, options),
        OutputFormat::Json => json::render(outcome, options),
        OutputFormat::Sarif => sarif::render(outcome, options),
        OutputFormat::Github => github::render(outcome, options),
        OutputFormat::Markdown => markdown::render(outcome, options),
        OutputFormat::Junit => junit::render(outcome, options),
    }
}

/// "3 errors, 1 warning" — counts at each level, omitting zeros; "no findings" when empty.
pub fn tally(outcome: &Outcome) -> String {
    let parts: Vec<String> = [
        (Level::Error, "error"),
        (Level::Warning, "warning"),
        (Level::Info, "info"),
    ]
    .into_iter()
    .filter_map(|(level, word)| {
        let count = outcome.count(level);
        (count > 0).then(|| format!("{count} {word}{}", if count == 1 { "" } else { "s" }))
    })
    .collect();
    if parts.is_empty() {
        "no findings".into()
    } else {
        parts.join(", ")
    }
}

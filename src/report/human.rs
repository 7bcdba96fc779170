//! The default output: each finding as a miette diagnostic quoting the contract at its line.

use super::{RenderOptions, tally};
use crate::finding::{Finding, Level};
use crate::rules::engine::Outcome;
use crate::terminal::{Escaped, escape_mapped};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan,
};
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::Arc;

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: Option<NamedSource<Arc<str>>>,
    /// The finding's span in `source` (which may be the escaped text of the file).
    span: (usize, usize),
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingDiagnostic")
            .field("finding", self.finding)
            .finish()
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let finding = self.finding;
        match &self.source {
            Some(_) => write!(f, "{}: {}", finding.rule, finding.message),
            // Without a quotable source, the header must carry the location itself.
            None => write!(
                f,
                "{}: {}:{}:{}: {}",
                finding.rule, finding.file, finding.line, finding.column, finding.message
            ),
        }
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Level::Error => miette::Severity::Error,
            Level::Warning => miette::Severity::Warning,
            Level::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let explain = format!(
            "`contract explain {}` tells why this rule exists",
            self.finding.rule
        );
        Some(Box::new(match &self.finding.help {
            Some(help) => format!("{help}\n{explain}"),
            None => explain,
        }))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source
            .as_ref()
            .map(|source| source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let (offset, len) = self.span;
        let label = match (self.finding.old_version, self.finding.new_version) {
            (Some(old), Some(new)) => format!("version {new}, compared with version {old}"),
            _ => "here".to_string(),
        };
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(label),
            SourceSpan::new(offset.into(), len),
        ))))
    }
}

pub fn render(outcome: &Outcome, options: RenderOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let mut out = String::new();
    // A quoted line is the file's own text: its control characters are escaped too, once per
    // file, and each span moved to where its text now is.
    let mut escaped: HashMap<&str, Option<(Arc<str>, Escaped)>> = HashMap::new();
    for finding in &outcome.findings {
        let text = outcome
            .sources
            .get(&finding.file)
            .filter(|text| !text.is_empty() && quotable(text, finding.span.0));
        let (source, span) = match text {
            None => (None, finding.span),
            Some(text) => {
                let safe = escaped.entry(&finding.file).or_insert_with(|| {
                    escape_mapped(text).map(|escaped| (Arc::from(escaped.text.as_str()), escaped))
                });
                match safe {
                    None => (Some(text.clone()), finding.span),
                    Some((safe_text, map)) => {
                        let (start, len) = finding.span;
                        let (new_start, new_end) = (map.offset(start), map.offset(start + len));
                        (Some(safe_text.clone()), (new_start, new_end - new_start))
                    }
                }
            }
        };
        let source = source.map(|text| NamedSource::new(finding.file.clone(), text));
        let diagnostic = FindingDiagnostic {
            finding,
            source,
            span,
        };
        // Rendering into a String cannot fail.
        handler
            .render_report(&mut out, &diagnostic)
            .expect("rendering to a string");
        out.push('\n');
    }
    out.push_str(&verdict(outcome, options));
    out.push('\n');
    out
}

/// Lines longer than this are not quoted (a minified or generated line would flood the
/// terminal); the header still names the file, line and column.
const MAX_QUOTED_LINE: usize = 400;

fn quotable(text: &str, offset: usize) -> bool {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    end - start <= MAX_QUOTED_LINE
}

/// The last line: what the run means for the user, e.g. "2 files need attention: 3 errors, 1 warning".
fn verdict(outcome: &Outcome, options: RenderOptions) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let files = |n: usize| format!("{n} contract file{}", plural(n));
    if outcome.findings.is_empty() {
        return format!("✓ {} checked: no findings", files(outcome.files));
    }
    let failing: BTreeSet<&str> = outcome
        .findings
        .iter()
        .filter(|finding| finding.severity >= options.fail_on)
        .map(|finding| finding.file.as_str())
        .collect();
    if failing.is_empty() {
        format!(
            "✓ {} checked, none at or above {}: {}",
            files(outcome.files),
            options.fail_on,
            tally(outcome)
        )
    } else {
        let n = failing.len();
        // Not "contract files": settings.yaml or owners.yaml may be the ones at fault.
        format!(
            "✗ {n} file{} need{} attention: {}",
            plural(n),
            if n == 1 { "s" } else { "" },
            tally(outcome)
        )
    }
}

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
    source: Option<NamedSource<Quoted>>,
    /// The finding's span in `source` (which may be the escaped text of the file).
    span: (usize, usize),
    related: Option<RelatedNote>,
}

/// A file's text with where its lines start, as miette counts lines (`\n`, `\r\n` or a lone
/// `\r`). miette reads a span of a plain `str` by scanning it from the start, which made a
/// report of thousands of findings in one file (a lock whose contracts are gone) quadratic:
/// this hands miette only the few lines around the span and adds back where they start.
#[derive(Clone)]
struct Quoted {
    text: Arc<str>,
    starts: Arc<Vec<usize>>,
}

impl Quoted {
    fn new(text: Arc<str>) -> Quoted {
        let starts = crate::yaml::line_starts(&text);
        Quoted {
            text,
            starts: Arc::new(starts),
        }
    }

    /// The index of the line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }
}

impl miette::SourceCode for Quoted {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        // A window of whole lines, wider than the context miette asks for on both sides, so
        // that what it finds inside is what it would have found in the whole text.
        let first = self
            .line_of(span.offset())
            .saturating_sub(context_lines_before + 2);
        let last = self.line_of(span.offset() + span.len()) + context_lines_after + 3;
        let base = self.starts[first];
        let end = self.starts.get(last).copied().unwrap_or(self.text.len());
        let window = &self.text.as_bytes()[base..end];
        let shifted = SourceSpan::new((span.offset().saturating_sub(base)).into(), span.len());
        if span.offset() < base {
            return Err(miette::MietteError::OutOfBounds);
        }
        let inner = window.read_span(&shifted, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new(
            inner.data(),
            SourceSpan::new((inner.span().offset() + base).into(), inner.span().len()),
            inner.line() + first,
            inner.column(),
            inner.line_count() + first,
        )))
    }
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

    /// The related location (the migration's statement) as a note under the finding.
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        let related = self.related.as_ref()?;
        Some(Box::new(std::iter::once(related as &dyn Diagnostic)))
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
    let mut quoted: HashMap<&str, (Quoted, Option<Escaped>)> = HashMap::new();
    for finding in &outcome.findings {
        let text = outcome
            .sources
            .get(&finding.file)
            .filter(|text| !text.is_empty() && quotable(text, finding.span.0));
        let (source, span) = match text {
            None => (None, finding.span),
            Some(text) => {
                let (source, escaped) = quoted.entry(finding.file.as_str()).or_insert_with(|| {
                    let text = &lone_returns_as_newlines(text);
                    match escape_mapped(text) {
                        None => (Quoted::new(text.clone()), None),
                        Some(escaped) => {
                            (Quoted::new(Arc::from(escaped.text.as_str())), Some(escaped))
                        }
                    }
                });
                let span = match escaped {
                    None => finding.span,
                    Some(map) => {
                        let (start, len) = finding.span;
                        let (new_start, new_end) = (map.offset(start), map.offset(start + len));
                        (new_start, new_end - new_start)
                    }
                };
                (Some(source.clone()), span)
            }
        };
        let source = source.map(|text| NamedSource::new(finding.file.clone(), text));
        let diagnostic = FindingDiagnostic {
            finding,
            source,
            span,
            related: finding.related.clone().map(RelatedNote),
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

/// `text` with each line break that is a lone `\r` (old Mac line endings, which YAML reads)
/// written as `\n`: the terminal must get line breaks, not a carriage return that the escaping
/// would show as `\u{d}` and run every line into one. One byte for one, so every span holds.
fn lone_returns_as_newlines(text: &Arc<str>) -> Arc<str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return text.clone();
    }
    let mut out = bytes.to_vec();
    for (i, byte) in out.iter_mut().enumerate() {
        if lone(i) {
            *byte = b'\n';
        }
    }
    // Replacing one ASCII byte with another keeps the text UTF-8.
    Arc::from(String::from_utf8(out).expect("ASCII for ASCII keeps UTF-8"))
}

/// Lines longer than this are not quoted (a minified or generated line would flood the
/// terminal); the header still names the file, line and column.
const MAX_QUOTED_LINE: usize = 400;

fn quotable(text: &str, offset: usize) -> bool {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = crate::yaml::line_end(text, offset);
    end - start <= MAX_QUOTED_LINE
}

/// The last line: what the run means for the user, e.g. "2 files need attention: 3 errors, 1 warning".
pub fn verdict(outcome: &Outcome, options: RenderOptions) -> String {
    let line = findings_verdict(outcome, options);
    // Accepted findings do not count, but a reader of the log should know they exist.
    match outcome.accepted.len() {
        0 => line,
        1 => format!("{line}; 1 finding accepted (listed by --format json, sarif, markdown)"),
        n => format!("{line}; {n} findings accepted (listed by --format json, sarif, markdown)"),
    }
}

fn findings_verdict(outcome: &Outcome, options: RenderOptions) -> String {
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

#[cfg(test)]
mod tests {
    use super::Quoted;
    use miette::{SourceCode, SourceSpan};

    /// The windowed source must tell miette exactly what the whole text would: the report of
    /// thousands of lock findings once took minutes, and its bytes must not change.
    #[test]
    fn quoted_reads_spans_as_the_whole_text_does() {
        let mut text = String::new();
        for n in 0..60 {
            let end = match n % 7 {
                3 => "\r\n",
                5 => "\r",
                _ => "\n",
            };
            text.push_str(&format!("line {n}: {}{end}", "é".repeat(n % 4)));
        }
        text.push_str("no newline at the end");
        let quoted = Quoted::new(text.clone().into());
        for offset in 0..text.len() {
            for len in [0, 1, 5, 40] {
                for context in [0, 1, 2] {
                    let span = SourceSpan::new(offset.into(), len);
                    let whole = text.as_str().read_span(&span, context, context);
                    let window = quoted.read_span(&span, context, context);
                    match (whole, window) {
                        (Ok(whole), Ok(window)) => {
                            assert_eq!(whole.data(), window.data(), "{offset} {len} {context}");
                            assert_eq!(whole.span(), window.span(), "{offset} {len} {context}");
                            assert_eq!(whole.line(), window.line(), "{offset} {len} {context}");
                            assert_eq!(whole.column(), window.column(), "{offset}");
                            assert_eq!(whole.line_count(), window.line_count(), "{offset}");
                        }
                        (Err(_), Err(_)) => {}
                        (whole, window) => panic!(
                            "{offset} {len} {context}: {:?} vs {:?}",
                            whole.is_ok(),
                            window.is_ok()
                        ),
                    }
                }
            }
        }
    }
}

/// A finding's related location, shown by miette after the finding as a note with the file and
/// line: `migrations/core/0007.sql:12: ALTER TABLE …`.
#[derive(Debug)]
struct RelatedNote(crate::finding::Related);

impl fmt::Display for RelatedNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.0.file, self.0.line, self.0.message)
    }
}

impl std::error::Error for RelatedNote {}

impl Diagnostic for RelatedNote {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
}

//! `--format github`: GitHub Actions workflow commands, which annotate the pull request's diff.

use super::{RenderOptions, tally};
use crate::finding::Level;
use crate::rules::engine::Outcome;

/// Workflow-command data escaping (`%`, CR and LF), from the Actions toolkit.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Property values additionally escape `:` and `,`, which separate properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(outcome: &Outcome, _options: RenderOptions) -> String {
    let mut out = String::new();
    for finding in &outcome.findings {
        let command = match finding.severity {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "notice",
        };
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push_str(&format!("\n{help}"));
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},title={}::{}\n",
            escape_property(&finding.file),
            finding.line,
            finding.column,
            escape_property(finding.rule),
            escape_data(&message),
        ));
    }
    out.push_str(&format!(
        "contract check: {} files checked, {}\n",
        outcome.files,
        tally(outcome)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_in_values_are_escaped() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
    }
}

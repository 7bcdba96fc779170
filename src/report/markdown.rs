//! `--format markdown`: a pull-request summary (e.g. for `$GITHUB_STEP_SUMMARY` or a bot
//! comment): per contract, what breaks and why, with the details folded.

use super::{RenderOptions, tally};
use crate::finding::{Finding, Level};
use crate::rules::engine::Outcome;
use std::collections::BTreeMap;

/// Text from contracts shown inside Markdown: no HTML, no table breaks, no stray code spans.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', " ")
}

/// A code span that survives backticks in its content.
fn code(text: &str) -> String {
    let fence = if text.contains('`') { "``" } else { "`" };
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('|', "\\|"))
}

fn icon(level: Level) -> &'static str {
    match level {
        Level::Error => "❌",
        Level::Warning => "⚠️",
        Level::Info => "ℹ️",
    }
}

pub fn render(outcome: &Outcome, options: RenderOptions) -> String {
    let mut out = String::from("## contract check\n\n");
    if outcome.findings.is_empty() {
        out.push_str(&format!(
            "✅ {} contract files checked: no findings.\n",
            outcome.files
        ));
        accepted_section(outcome, &mut out);
        return out;
    }
    let verdict = if outcome.fails(options.fail_on) {
        "❌ Fails"
    } else {
        "✅ Passes"
    };
    out.push_str(&format!(
        "{verdict} at `--fail-on {}`: {} in {} files checked.\n\n",
        options.fail_on,
        tally(outcome),
        outcome.files
    ));
    // Grouped by contract (or by file, for findings on files that are not a readable contract).
    let mut groups: BTreeMap<(String, String), Vec<&Finding>> = BTreeMap::new();
    for finding in &outcome.findings {
        let name = finding
            .contract
            .clone()
            .unwrap_or_else(|| finding.file.clone());
        groups
            .entry((name, finding.file.clone()))
            .or_default()
            .push(finding);
    }
    out.push_str("| contract | file | errors | warnings | infos |\n|---|---|---:|---:|---:|\n");
    for ((name, file), findings) in &groups {
        let count = |level| findings.iter().filter(|f| f.severity == level).count();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            code(name),
            code(file),
            count(Level::Error),
            count(Level::Warning),
            count(Level::Info)
        ));
    }
    out.push('\n');
    for ((name, _), findings) in &groups {
        let worst = findings
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Level::Info);
        out.push_str(&format!(
            "<details><summary>{} <code>{}</code>: {} finding{}</summary>\n\n",
            icon(worst),
            escape(name),
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        ));
        for finding in findings {
            out.push_str(&format!(
                "- {} **{}** at {}: {}",
                icon(finding.severity),
                finding.rule,
                code(&format!(
                    "{}:{}:{}",
                    finding.file, finding.line, finding.column
                )),
                escape(&finding.message)
            ));
            if let Some(help) = &finding.help {
                out.push_str(&format!("  \n  {}", escape(help)));
            }
            out.push('\n');
        }
        out.push_str("\n</details>\n\n");
    }
    accepted_section(outcome, &mut out);
    out.push_str("Run `contract explain <rule>` to see why a rule exists.\n");
    out
}

/// Accepted findings are counted and listed, so a reviewer sees what was waved through and by
/// whom; nothing is printed when there are none.
fn accepted_section(outcome: &Outcome, out: &mut String) {
    let count = outcome.accepted.len();
    if count == 0 {
        return;
    }
    out.push_str(&format!(
        "\n<details><summary>✔️ {count} accepted finding{} (not counted above)</summary>\n\n",
        if count == 1 { "" } else { "s" }
    ));
    for accepted in &outcome.accepted {
        let finding = &accepted.finding;
        out.push_str(&format!(
            "- **{}** at {}: {}  \n  accepted by {}: {}\n",
            finding.rule,
            code(&format!(
                "{}:{}:{}",
                finding.file, finding.line, finding.column
            )),
            escape(&finding.message),
            code(&accepted.approved_by),
            escape(&accepted.reason)
        ));
    }
    out.push_str("\n</details>\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_break_the_markdown() {
        assert_eq!(escape("a | b <script>\nc"), "a \\| b &lt;script&gt; c");
        assert_eq!(code("x`y"), "``x`y``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}

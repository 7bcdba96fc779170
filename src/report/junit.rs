//! `--format junit`: JUnit XML, which most CI systems display as a test report: one test case
//! per file checked, failing when it has findings at or above the fail level.

use super::RenderOptions;
use crate::finding::Finding;
use crate::rules::engine::Outcome;
use std::collections::BTreeMap;

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn describe(finding: &Finding) -> String {
    let mut text = format!(
        "{}:{}:{}: {} [{}]",
        finding.file, finding.line, finding.column, finding.message, finding.rule
    );
    if let Some(help) = &finding.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    text
}

pub fn render(outcome: &Outcome, options: RenderOptions) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = outcome
        .checked
        .iter()
        .map(|file| (file.as_str(), Vec::new()))
        .collect();
    for finding in &outcome.findings {
        by_file
            .entry(finding.file.as_str())
            .or_default()
            .push(finding);
    }
    let failing = by_file
        .values()
        .filter(|findings| findings.iter().any(|f| f.severity >= options.fail_on))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"contract check\" tests=\"{}\" failures=\"{failing}\">\n",
        by_file.len()
    ));
    out.push_str(&format!("  <testsuite name=\"contracts\" tests=\"{}\" failures=\"{failing}\" errors=\"0\" skipped=\"0\">\n", by_file.len()));
    for (file, findings) in &by_file {
        let contract = findings
            .iter()
            .find_map(|f| f.contract.as_deref())
            .unwrap_or("contracts");
        out.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\"",
            xml(contract),
            xml(file)
        ));
        let (failures, others): (Vec<&&Finding>, Vec<&&Finding>) =
            findings.iter().partition(|f| f.severity >= options.fail_on);
        if findings.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        for finding in failures {
            out.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                finding.rule,
                xml(&finding.message),
                xml(&describe(finding))
            ));
        }
        if !others.is_empty() {
            let text: Vec<String> = others
                .iter()
                .map(|f| format!("{}: {}", f.severity, describe(f)))
                .collect();
            out.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                xml(&text.join("\n"))
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

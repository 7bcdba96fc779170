//! `contract rules` and `contract explain`: the rule catalogue as text, from the registry.

use crate::rules::{RULES, Rule};
use std::fmt::Write;

/// One line per rule, grouped by category: id, default level, summary.
pub fn list() -> String {
    let width = RULES.iter().map(|rule| rule.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    let mut category = None;
    for rule in RULES {
        if category != Some(rule.category) {
            if category.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}:", rule.category.as_str());
            category = Some(rule.category);
        }
        let _ = writeln!(
            out,
            "  {:<width$}  {:<7}  {}",
            rule.id,
            rule.level.as_str(),
            rule.summary
        );
    }
    let _ = write!(
        out,
        "\n{} rules. `contract explain <ID>` tells why each exists.\n",
        RULES.len()
    );
    out
}

/// Everything the registry knows about one rule.
pub fn explain(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", rule.id, rule.summary);
    let _ = writeln!(
        out,
        "\ncategory: {}\ndefault level: {}",
        rule.category.as_str(),
        rule.level.as_str()
    );
    let _ = writeln!(out, "\n{}", wrap(rule.rationale, 90));
    let _ = writeln!(out, "\nExample:\n");
    for line in rule.example.lines() {
        let _ = writeln!(out, "    {line}");
    }
    let _ = writeln!(
        out,
        "\nChange its level in settings.yaml: `rules: {{{}: warning}}` (error, warning, info or off).",
        rule.id
    );
    out
}

fn wrap(text: &str, width: usize) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

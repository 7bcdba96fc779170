//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers.

use super::RenderOptions;
use crate::finding::Level;
use crate::rules::RULES;
use crate::rules::engine::Outcome;
use serde_json::{Value, json};

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    }
}

/// Every registry rule is described, so viewers can show a rule's help even for rules that did
/// not fire in this run; results refer to them by index.
pub fn render(outcome: &Outcome, _options: RenderOptions) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "name": rule.id,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.rationale},
                "help": {
                    "text": format!("{}\n\nExample:\n{}\n\nRun `contract explain {}` for more.", rule.rationale, rule.example, rule.id),
                },
                "defaultConfiguration": {"level": sarif_level(rule.level)},
                "properties": {"category": rule.category.as_str()},
            })
        })
        .collect();
    let accepted = outcome
        .accepted
        .iter()
        .map(|accepted| (&accepted.finding, Some(accepted)));
    let results: Vec<Value> = outcome
        .findings
        .iter()
        .map(|finding| (finding, None))
        .chain(accepted)
        .map(|(finding, accepted)| {
            let mut message = finding.message.clone();
            if let Some(help) = &finding.help {
                message.push_str(&format!(" ({help})"));
            }
            let mut result = json!({
                "ruleId": finding.rule,
                "level": sarif_level(finding.severity),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": finding.file},
                        "region": {"startLine": finding.line, "startColumn": finding.column},
                    }
                }],
            });
            if let Some(related) = &finding.related {
                result["relatedLocations"] = json!([{
                    "id": 1,
                    "physicalLocation": {
                        "artifactLocation": {"uri": related.file},
                        "region": {"startLine": related.line},
                    },
                    "message": {"text": related.message},
                }]);
            }
            if let Some(index) = RULES.iter().position(|rule| rule.id == finding.rule) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(contract) = &finding.contract {
                result["properties"] = json!({"contract": contract});
            }
            // An accepted finding is a suppressed result: viewers show it as dismissed, with
            // the reason, rather than not at all.
            if let Some(accepted) = accepted {
                result["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": format!("{} (approved by {})", accepted.reason, accepted.approved_by),
                }]);
            }
            result
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "contract",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&document).expect("SARIF serialises");
    text.push('\n');
    text
}

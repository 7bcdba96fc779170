//! `--format json`: one object with every finding and a summary, for scripts and dashboards.

use super::RenderOptions;
use crate::finding::Level;
use crate::rules::engine::Outcome;
use serde_json::json;

pub fn render(outcome: &Outcome, options: RenderOptions) -> String {
    let document = json!({
        "findings": outcome.findings,
        "summary": {
            "files": outcome.files,
            "errors": outcome.count(Level::Error),
            "warnings": outcome.count(Level::Warning),
            "infos": outcome.count(Level::Info),
            "fail_on": options.fail_on,
            "passed": !outcome.fails(options.fail_on),
        }
    });
    // Serialising plain data cannot fail.
    let mut text = serde_json::to_string_pretty(&document).expect("findings serialise");
    text.push('\n');
    text
}

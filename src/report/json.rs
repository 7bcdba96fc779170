//! `--format json`: one object with every finding and a summary, for scripts and dashboards.

use super::RenderOptions;
use crate::finding::Level;
use crate::rules::engine::Outcome;
use serde_json::json;

pub fn render(outcome: &Outcome, options: RenderOptions) -> String {
    let mut document = json!({
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
    // Accepted findings are listed only when there are some, so the document of a catalogue
    // without acceptances keeps its shape.
    if !outcome.accepted.is_empty() {
        document["accepted"] = json!(outcome.accepted);
        document["summary"]["accepted"] = json!(outcome.accepted.len());
    }
    // Serialising plain data cannot fail.
    let mut text = serde_json::to_string_pretty(&document).expect("findings serialise");
    text.push('\n');
    text
}

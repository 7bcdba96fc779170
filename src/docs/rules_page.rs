//! `rules.md`: the rule catalogue, generated from the registry like `contract rules` and
//! `contract explain`, so the page cannot drift from what the checker does.

use super::Page;
use super::index::finish;
use super::markdown::{self, Table, code_block, inline_with_code, paragraphs_with_code};
use super::paths::PagePath;
use crate::catalog::settings::{Configured, Settings};
use crate::rules::RULES;
use std::fmt::Write;

pub(super) fn render(settings: &Settings) -> Page {
    let path = PagePath::top("rules");
    let mut text = markdown::front_matter("Rules", 3);
    text.push_str("# Rules\n\n");
    let _ = writeln!(
        text,
        "Every rule `contract check` applies ({} rules), from the rule registry: the same text as \
         `contract rules` and `contract explain ID`. Levels are defaults; `settings.yaml` can \
         change them (`rules: {{rule-id: warning}}`), and this catalogue's changes are shown.\n",
        RULES.len()
    );
    let mut overview = Table::new(&["rule", "level", "category", "summary"]);
    for rule in RULES {
        overview.row(vec![
            format!("[`{}`](#{})", rule.id, rule.id),
            level(settings, rule.id, rule.level.as_str()),
            rule.category.as_str().to_string(),
            inline_with_code(rule.summary),
        ]);
    }
    text.push_str(&overview.render());
    let mut category = None;
    for rule in RULES {
        if category != Some(rule.category) {
            let name = rule.category.as_str();
            let mut heading = name.to_string();
            heading[..1].make_ascii_uppercase();
            let _ = writeln!(text, "\n## {heading}");
            category = Some(rule.category);
        }
        let _ = writeln!(text, "\n### {}\n", rule.id);
        let _ = writeln!(text, "{}\n", paragraphs_with_code(rule.summary));
        let _ = writeln!(
            text,
            "- Level: {}\n- Category: {}\n",
            level(settings, rule.id, rule.level.as_str()),
            rule.category.as_str()
        );
        let _ = writeln!(text, "{}\n", paragraphs_with_code(rule.rationale));
        text.push_str("Example:\n\n");
        text.push_str(&code_block("yaml", rule.example));
    }
    finish(path, text)
}

/// The default level, and the catalogue's own when settings.yaml changes it.
fn level(settings: &Settings, id: &str, default: &str) -> String {
    match settings.rules.get(id) {
        None => default.to_string(),
        Some(configured) => {
            let here = match configured {
                Configured::Error => "error",
                Configured::Warning => "warning",
                Configured::Info => "info",
                Configured::Off => "off",
            };
            if here == default {
                default.to_string()
            } else {
                format!("{here} in this catalogue (default {default})")
            }
        }
    }
}

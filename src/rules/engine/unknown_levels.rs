//! Level overrides in settings.yaml checked against the registry, which the loader does not
//! know: a rule named there must exist.

use super::Problem;
use crate::catalog::Catalog;
use crate::finding::Violation;
use crate::rules::CONTRACT_INVALID;

/// Level overrides in settings.yaml for rules that do not exist: a typo there would silently
/// leave the rule at its default level.
pub fn problems(catalog: &Catalog) -> Vec<Problem> {
    let Some(file) = &catalog.settings_file else {
        return Vec::new();
    };
    let known = || crate::rules::RULES.iter().map(|rule| rule.id);
    catalog
        .settings
        .rules
        .keys()
        .filter(|id| crate::rules::find(id).is_none())
        .map(|id| {
            let help = match crate::suggest::closest(id, known()) {
                Some(near) => format!("did you mean `{near}`? `contract rules` lists every rule"),
                None => "`contract rules` lists every rule".to_string(),
            };
            Problem {
                rule: CONTRACT_INVALID,
                file: file.clone(),
                contract: None,
                violation: Violation::at(
                    format!("/rules/{}", crate::pointer::pointer_token(id)),
                    format!("no rule `{id}`"),
                )
                .on_key()
                .help(help),
            }
        })
        .collect()
}

//! `backfill-plan-incomplete`: a `backfill` block lacks one of its parts, or its rehearsal is
//! dated after the release.

use super::{Category, Check, Context, Rule};
use crate::catalog::model::TableVersion;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "backfill-plan-incomplete",
    summary: "A backfill plan lacks its plan, rollback, measurement or rehearsal, or was rehearsed after the release",
    rationale: "A backfill rewrites history, and each part of the block answers a question the \
reviewer and the on-call engineer will ask: what exactly runs (`plan`), how to undo it \
(`rollback`), how to tell it worked (`measurement`), and where and when it was tried first \
(`rehearsed: {environment, on}`). Each missing or empty part is its own finding. A rehearsal \
dated after the version's release, or in the future for a draft, did not happen before the \
backfill ran.",
    example: "backfill:\n  plan: Fill language from the detected language.\n  rehearsed: {environment: staging}   # no rollback, measurement, rehearsal date",
    level: Level::Error,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn blank(text: Option<&str>) -> bool {
    text.is_none_or(|text| text.trim().is_empty())
}

/// A part of the block, its pointer below the version, and whether it is written at all.
struct Part<'a> {
    name: &'static str,
    pointer: &'static str,
    value: Option<Option<&'a str>>,
}

fn check(cx: &Context) -> Vec<Violation> {
    let Some(table) = cx.contract.as_table() else {
        return vec![];
    };
    let mut found = Vec::new();
    for (position, version) in table.versions.iter().enumerate() {
        // About one version, not a comparison: no old version.
        found.extend(
            incomplete(cx, position, version)
                .into_iter()
                .map(|violation| violation.versions(None, version.version)),
        );
    }
    found
}

fn incomplete(cx: &Context, position: usize, version: &TableVersion) -> Vec<Violation> {
    let Some(backfill) = &version.backfill else {
        return vec![];
    };
    let at = |pointer: &str| format!("/versions/{position}{pointer}");
    let rehearsed = backfill.rehearsed.as_ref();
    let parts = [
        Part {
            name: "plan",
            pointer: "/backfill/plan",
            value: Some(backfill.plan.as_deref()),
        },
        Part {
            name: "rollback",
            pointer: "/backfill/rollback",
            value: Some(backfill.rollback.as_deref()),
        },
        Part {
            name: "measurement",
            pointer: "/backfill/measurement",
            value: Some(backfill.measurement.as_deref()),
        },
        Part {
            name: "rehearsed.environment",
            pointer: "/backfill/rehearsed/environment",
            value: rehearsed.map(|r| r.environment.as_deref()),
        },
        Part {
            name: "rehearsed.on",
            pointer: "/backfill/rehearsed/on",
            // A date is never blank: present or absent.
            value: rehearsed.map(|r| r.on.map(|_| "date")),
        },
    ];
    let mut found = Vec::new();
    for part in parts {
        let (pointer, what) = match part.value {
            Some(Some(text)) if !blank(Some(text)) => continue,
            Some(Some(_)) => (at(part.pointer), "an empty"),
            // Absent: point at the block that should hold it.
            Some(None) | None => {
                let parent = part.pointer.rsplit_once('/').map_or("", |(p, _)| p);
                let parent = if rehearsed.is_none() {
                    "/backfill"
                } else {
                    parent
                };
                (at(parent), "no")
            }
        };
        let violation = Violation::at(
            pointer,
            format!(
                "the backfill of v{} has {what} `{}`",
                version.version, part.name
            ),
        )
        .help(help(part.name))
        .path(part.pointer);
        found.push(if what == "no" {
            violation.on_key()
        } else {
            violation
        });
    }
    if let Some(on) = rehearsed.and_then(|r| r.on) {
        let late = match version.released {
            Some(released) if on > released => Some(format!(
                "after v{} was released on {released}",
                version.version
            )),
            None if on > cx.today => Some(format!("in the future (today is {})", cx.today)),
            _ => None,
        };
        if let Some(late) = late {
            found.push(
                Violation::at(
                    at("/backfill/rehearsed/on"),
                    format!(
                        "the backfill of v{} was rehearsed on {on}, {late}",
                        version.version
                    ),
                )
                .help("rehearse the backfill before the release and record that date")
                .path("/backfill/rehearsed/on"),
            );
        }
    }
    found
}

fn help(part: &str) -> &'static str {
    match part {
        "plan" => "say what runs, in which order and in which batches",
        "rollback" => "say how to undo the backfill if it goes wrong",
        "measurement" => "say what is counted before and after to tell the backfill worked",
        "rehearsed.environment" => "say where the backfill was rehearsed (`environment: staging`)",
        _ => "give the date of the rehearsal (`\"on\": YYYY-MM-DD`)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{TABLE, violations};

    fn with_backfill(backfill: &str) -> String {
        TABLE.replace(
            "    summary: Initial version.\n",
            &format!("    summary: Initial version.\n    backfill:\n{backfill}"),
        )
    }

    const COMPLETE: &str = "      plan: Fill it.
      rollback: Drop the constraint.
      measurement: Count the NULLs.
      rehearsed: {environment: staging, \"on\": 2026-01-02}
";

    #[test]
    fn names_each_missing_part() {
        assert_eq!(
            violations(&RULE, &with_backfill("      plan: Fill it.\n")),
            [
                "/versions/0/backfill: the backfill of v1 has no `rollback`",
                "/versions/0/backfill: the backfill of v1 has no `measurement`",
                "/versions/0/backfill: the backfill of v1 has no `rehearsed.environment`",
                "/versions/0/backfill: the backfill of v1 has no `rehearsed.on`",
            ]
        );
        let partial = COMPLETE
            .replace("Count the NULLs.", "\" \"")
            .replace("environment: staging, ", "");
        assert_eq!(
            violations(&RULE, &with_backfill(&partial)),
            [
                "/versions/0/backfill/measurement: the backfill of v1 has an empty `measurement`",
                "/versions/0/backfill/rehearsed: the backfill of v1 has no `rehearsed.environment`",
            ]
        );
    }

    #[test]
    fn a_rehearsal_after_the_release_does_not_count() {
        let late = COMPLETE.replace("2026-01-02", "2026-01-06");
        assert_eq!(
            violations(&RULE, &with_backfill(&late)),
            [
                "/versions/0/backfill/rehearsed/on: the backfill of v1 was rehearsed on 2026-01-06, after v1 was released on 2026-01-05"
            ]
        );
        let future_draft = with_backfill(&COMPLETE.replace("2026-01-02", "2026-06-02"))
            .replace("    released: 2026-01-05\n", "");
        assert_eq!(
            violations(&RULE, &future_draft),
            [
                "/versions/0/backfill/rehearsed/on: the backfill of v1 was rehearsed on 2026-06-02, in the future (today is 2026-06-01)"
            ]
        );
    }

    #[test]
    fn passes_when_complete_or_absent() {
        assert_eq!(
            violations(&RULE, &with_backfill(COMPLETE)),
            Vec::<String>::new()
        );
        let on_release_day = COMPLETE.replace("2026-01-02", "2026-01-05");
        assert_eq!(
            violations(&RULE, &with_backfill(&on_release_day)),
            Vec::<String>::new()
        );
        assert_eq!(violations(&RULE, TABLE), Vec::<String>::new());
    }
}

//! `version-sequence-invalid`: version numbers, drafts or release dates out of order.

use super::{Category, Check, Context, Rule};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "version-sequence-invalid",
    summary: "Versions are not numbered 1, 2, 3…, a draft is not last, or release dates go back in time",
    rationale: "The version history is what compatibility is checked along and what consumers \
read to detect a version. It must be a single line: numbers 1, 2, 3… in order, released versions \
dated in order and not in the future, and at most one draft (no `released:`), always the last.",
    example: "versions:\n  - {version: 1, released: 2026-03-01, …}\n  - {version: 3, released: 2026-02-01, …}   # skips 2, dated before 1",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let versions = cx.contract.version_dates();
    let mut found = Vec::new();
    let mut previous_date = None;
    for (position, (number, released)) in versions.iter().enumerate() {
        let expected = position as u32 + 1;
        let at = |key: &str| format!("/versions/{position}/{key}");
        if *number != expected {
            found.push(
                Violation::at(
                    at("version"),
                    format!("version {number} is entry {expected} of the history"),
                )
                .help(format!(
                    "number versions 1, 2, 3… in order; this one should be {expected}"
                )),
            );
        }
        match released {
            None if position + 1 < versions.len() => found.push(
                Violation::at(at("version"), format!("version {number} is a draft but is not the last version"))
                    .help("release it (`released: YYYY-MM-DD`) or fold it into the last version; only the last version may be a draft"),
            ),
            Some(date) => {
                if previous_date.is_some_and(|previous| *date < previous) {
                    found.push(
                        Violation::at(at("released"), format!("version {number} is dated {date}, before the version it follows"))
                            .help("release dates must not decrease along the history"),
                    );
                }
                if *date > cx.today {
                    found.push(
                        Violation::at(at("released"), format!("version {number} is released in the future ({date}; today is {})", cx.today))
                            .help("write the date it was actually released, or remove `released:` to keep it a draft"),
                    );
                }
                previous_date = Some(*date);
            }
            None => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{TABLE, violations};

    const SECOND: &str = "  - version: 2\n    released: 2026-02-01\n    summary: Adds language.\n    columns:\n      - {name: id, type: uuid, nullable: false, description: Meeting id.}\n";

    #[test]
    fn an_ordered_history_passes() {
        assert_eq!(
            violations(&RULE, &format!("{TABLE}{SECOND}")),
            Vec::<String>::new()
        );
        let draft = SECOND.replace("    released: 2026-02-01\n", "");
        assert_eq!(
            violations(&RULE, &format!("{TABLE}{draft}")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn names_gaps_early_drafts_and_dates_out_of_order() {
        let skipped = SECOND
            .replace("version: 2", "version: 3")
            .replace("2026-02-01", "2026-01-01");
        assert_eq!(
            violations(&RULE, &format!("{TABLE}{skipped}")),
            [
                "/versions/1/version: version 3 is entry 2 of the history",
                "/versions/1/released: version 3 is dated 2026-01-01, before the version it follows"
            ]
        );
        let early = TABLE.replace("    released: 2026-01-05\n", "");
        assert_eq!(
            violations(&RULE, &format!("{early}{SECOND}")),
            ["/versions/0/version: version 1 is a draft but is not the last version"]
        );
        let future = SECOND.replace("2026-02-01", "2027-01-01");
        assert_eq!(
            violations(&RULE, &format!("{TABLE}{future}")),
            [
                "/versions/1/released: version 2 is released in the future (2027-01-01; today is 2026-06-01)"
            ]
        );
    }
}

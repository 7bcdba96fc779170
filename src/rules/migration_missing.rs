//! `migration-missing`: a version names a SQL migration file that does not exist.

use super::{Category, Check, Context, Rule};
use crate::catalog::confine::Refusal;
use crate::finding::{Level, Violation};
use std::path::Path;

pub static RULE: Rule = Rule {
    id: "migration-missing",
    summary: "A version's `migration:` names a file that does not exist",
    rationale: "The migration is how the version reaches the database; a contract that points \
at a missing file documents a change nobody can run or review, usually after a file was renamed \
or moved. The path is relative to the contract file.",
    example: "migration: ../../../migrations/core/0007_meetings_language.sql   # renamed to 0007_meetings_language_not_null.sql",
    level: Level::Error,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(table) = cx.contract.as_table() else {
        return vec![];
    };
    let directory = cx.file.path.parent().unwrap_or(Path::new(""));
    let mut found = Vec::new();
    for (position, version) in table.versions.iter().enumerate() {
        let Some(migration) = &version.migration else {
            continue;
        };
        let Some(crate::evolution::migration::MigrationFile::Refused(refusal)) =
            cx.migration(position)
        else {
            continue;
        };
        let resolved = directory.join(migration);
        let problem = match refusal {
            // `path-outside-repository` reports it; what is out there is not looked at.
            Refusal::Outside { .. } => continue,
            Refusal::NotRegular { what } => format!("is {what}, not a SQL file"),
            Refusal::Missing => "does not exist".to_string(),
        };
        found.push(
            Violation::at(
                format!("/versions/{position}/migration"),
                format!(
                    "the migration of v{}, `{migration}`, {problem} (looked for `{}`)",
                    version.version,
                    resolved.display()
                ),
            )
            .help("write the path relative to this contract file, or add the migration")
            // About one version, not a comparison: no old version.
            .versions(None, version.version)
            .path("/migration"),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{TABLE, violations};

    fn with_migration(path: &str) -> String {
        TABLE.replace(
            "    summary: Initial version.\n",
            &format!("    summary: Initial version.\n    migration: {path}\n"),
        )
    }

    // The test contract's file is `under-test.yaml` in the working directory, the crate root.

    #[test]
    fn fires_when_the_file_is_missing_or_a_directory() {
        assert_eq!(
            violations(&RULE, &with_migration("migrations/core/0000_nothing.sql")),
            [
                "/versions/0/migration: the migration of v1, `migrations/core/0000_nothing.sql`, does not exist (looked for `migrations/core/0000_nothing.sql`)"
            ]
        );
        assert_eq!(
            violations(&RULE, &with_migration("migrations/core")),
            [
                "/versions/0/migration: the migration of v1, `migrations/core`, is a directory, not a SQL file (looked for `migrations/core`)"
            ]
        );
    }

    #[test]
    fn passes_when_the_file_exists_or_no_migration_is_named() {
        assert_eq!(
            violations(
                &RULE,
                &with_migration("migrations/core/0002_create_meetings.sql")
            ),
            Vec::<String>::new()
        );
        assert_eq!(violations(&RULE, TABLE), Vec::<String>::new());
    }
}

//! `path-outside-repository`: a file a contract names resolves outside the repository.

use super::{Category, Check, Context, Rule};
use crate::catalog::confine::Refusal;
use crate::evolution::migration::MigrationFile;
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "path-outside-repository",
    summary: "A file a contract names (`migration:`) resolves outside the repository that holds the catalogue",
    rationale: "`contract check` and `contract docs` run in CI on pull requests, often from \
forks, and the docs are published. A contract that names `/proc/self/environ`, \
`../../../../etc/passwd` or a symlink to `/etc/shadow` as its migration would make the tool read \
a file of the CI machine and `docs` copy it into the site. Every path a contract names must \
resolve, after following symlinks, inside the git work tree that holds the catalogue (or the \
catalogue's parent where there is no git); such a file is never read.",
    example: "migration: ../../../../../etc/passwd",
    level: Level::Error,
    category: Category::Hygiene,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(table) = cx.contract.as_table() else {
        return vec![];
    };
    let mut found = Vec::new();
    for (position, version) in table.versions.iter().enumerate() {
        let Some(migration) = &version.migration else {
            continue;
        };
        let Some(MigrationFile::Refused(Refusal::Outside { resolved })) = cx.migration(position)
        else {
            continue;
        };
        found.push(
            Violation::at(
                format!("/versions/{position}/migration"),
                format!(
                    "the migration of v{}, `{migration}`, leads to `{}`, outside the repository \
that holds the catalogue; it is not read",
                    version.version,
                    resolved.display()
                ),
            )
            .help("name a SQL file inside the repository, relative to this contract file")
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

    // The test contract's file is `under-test.yaml` in the crate root, the repository.

    #[test]
    fn fires_on_absolute_and_climbing_paths_out_of_the_repository() {
        // `/proc/self` resolves to the process's own number: only the start is fixed.
        let environ = violations(&RULE, &with_migration("/proc/self/environ"));
        assert_eq!(environ.len(), 1);
        assert!(
            environ[0].starts_with(
                "/versions/0/migration: the migration of v1, `/proc/self/environ`, leads to `/proc/"
            ),
            "{environ:?}"
        );
        assert_eq!(
            violations(&RULE, &with_migration("/etc/passwd")),
            [
                "/versions/0/migration: the migration of v1, `/etc/passwd`, leads to `/etc/passwd`, outside the repository that holds the catalogue; it is not read"
            ]
        );
        let climbing = "../".repeat(64) + "etc/passwd";
        assert_eq!(
            violations(&RULE, &with_migration(&climbing)),
            [format!(
                "/versions/0/migration: the migration of v1, `{climbing}`, leads to `/etc/passwd`, outside the repository that holds the catalogue; it is not read"
            )]
        );
    }

    #[test]
    fn passes_inside_the_repository_and_leaves_missing_files_to_migration_missing() {
        for inside in [
            "migrations/core/0002_create_meetings.sql",
            "migrations/core/0000_nothing.sql",
        ] {
            assert_eq!(
                violations(&RULE, &with_migration(inside)),
                Vec::<String>::new()
            );
        }
    }
}

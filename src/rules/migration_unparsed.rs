//! `migration-unparsed`: a statement of a version's migration that the SQL parser cannot read,
//! a quote or comment never closed, or a migration file that cannot be checked at all.

use super::{Category, Check, Context, Rule};
use crate::evolution::migration::{self, MigrationFile};
use crate::finding::{Level, Violation};

pub static RULE: Rule = Rule {
    id: "migration-unparsed",
    summary: "A statement of a version's migration cannot be parsed, so it is not checked against the version",
    rationale: "`migration-mismatch` and `migration-unsafe` read the migration statement by \
statement. A statement the PostgreSQL parser does not know (a `DO` block, an extension's \
syntax, a typo), a quote or comment that is never closed, or a file that is not UTF-8 or too \
large cannot be read, so what it does to the table is unknown: the version's migration is not \
compared with the version, and this warning says which statement and line was in the way.",
    example: "DO $$ BEGIN EXECUTE 'ALTER TABLE core.meetings ADD COLUMN x int'; END $$;",
    level: Level::Warning,
    category: Category::TableEvolution,
    check: Check::Contract(check),
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(table) = cx.contract.as_table() else {
        return vec![];
    };
    let mut found = Vec::new();
    for (position, version) in table.versions.iter().enumerate() {
        let at = |message: String| {
            Violation::at(format!("/versions/{position}/migration"), message)
                .versions(None, version.version)
                .path("/migration")
        };
        match cx.migration(position) {
            None | Some(MigrationFile::Refused(_)) => {}
            Some(MigrationFile::Unreadable {
                path,
                line,
                message,
            }) => {
                let file = migration::display(path);
                found.push(
                    at(format!(
                        "the migration of v{}, `{file}`, {message}",
                        version.version
                    ))
                    .help("save the migration as UTF-8 SQL, or split it into smaller files")
                    .related(&file, *line, "the migration file"),
                );
            }
            Some(MigrationFile::Read(read)) => {
                let file = read.display();
                for (index, statement) in read.statements.iter().enumerate() {
                    let Err(error) = &statement.parsed else {
                        continue;
                    };
                    if !statement.blocks_the_check() {
                        continue;
                    }
                    found.push(
                        at(format!(
                            "statement {} of the migration of v{} (`{file}` line {}) cannot be \
parsed: {error}; the migration is not compared with the version",
                            index + 1,
                            version.version,
                            statement.line
                        ))
                        .help("write the change as plain DDL the PostgreSQL parser reads, or check the statement's syntax")
                        .related(&file, statement.line, format!("`{}`", statement.first_line)),
                    );
                }
                if let Some(open) = &read.unterminated {
                    found.push(
                        at(format!(
                            "the {} opened at line {} of the migration of v{} (`{file}`) is never \
closed; the rest of the file is not checked",
                            open.what, open.line, version.version
                        ))
                        .help("close the quote or comment")
                        .related(
                            &file,
                            open.line,
                            format!("`{}`", read.line_text(open.line)),
                        ),
                    );
                } else if read.statements.is_empty() {
                    found.push(
                        at(format!(
                            "the migration of v{}, `{file}`, holds no SQL statement",
                            version.version
                        ))
                        .help("write the statements that take the table to this version, or remove `migration:`")
                        .related(&file, 1, "an empty migration"),
                    );
                }
            }
        }
    }
    found
}

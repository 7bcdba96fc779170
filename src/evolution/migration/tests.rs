//! Bad input: files the migration reader must turn into a finding, never a panic or a hang.

use super::*;

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn a_file_that_is_not_utf8_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    write(&root, "m.sql", b"SELECT 1;\n-- caf\xe9\n");
    match read(&Repository::new(root.clone()), &root, "m.sql") {
        MigrationFile::Unreadable { line, message, .. } => {
            assert_eq!(line, 2);
            assert!(message.starts_with("is not UTF-8"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_empty_file_has_no_statement_and_a_missing_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    write(&root, "empty.sql", b"");
    match read(&Repository::new(root.clone()), &root, "empty.sql") {
        MigrationFile::Read(migration) => {
            assert!(migration.statements.is_empty());
            assert!(migration.unterminated.is_none());
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        read(&Repository::new(root.clone()), &root, "gone.sql"),
        MigrationFile::Refused(Refusal::Missing)
    ));
}

#[test]
fn a_ten_megabyte_migration_is_read_statement_by_statement() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let statement = "ALTER TABLE core.t ADD COLUMN IF NOT EXISTS c text; -- padding padding\n";
    let text = statement.repeat(10 * 1024 * 1024 / statement.len() + 1);
    write(&root, "big.sql", text.as_bytes());
    match read(&Repository::new(root.clone()), &root, "big.sql") {
        MigrationFile::Read(migration) => {
            assert_eq!(migration.statements.len(), text.lines().count());
            assert!(migration.statements.iter().all(|s| s.parsed.is_ok()));
            assert_eq!(
                migration.statements.last().unwrap().line as usize,
                text.lines().count()
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_file_over_the_budget_is_refused_from_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let file = std::fs::File::create(root.join("huge.sql")).unwrap();
    file.set_len(MAX_MIGRATION_BYTES + 1).unwrap();
    match read(&Repository::new(root.clone()), &root, "huge.sql") {
        MigrationFile::Unreadable {
            line: 1, message, ..
        } => {
            assert!(message.contains("over the 32 MB"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn display_drops_climbs_lexically() {
    assert_eq!(
        display(Path::new("contracts/tables/core/../../../migrations/x.sql")),
        "migrations/x.sql"
    );
}

//! `contract drift` end to end: the real binary against a scratch PostgreSQL server started by
//! the test (see tests/common/postgres.rs), and the connection failures it must report cleanly.

mod common;

use common::postgres::ScratchPostgres;
use common::{contract, example_copy, stderr, stdout};
use std::path::Path;

/// The example catalogue's migrations, in the order CI applies them, into `database`.
fn apply_example_migrations(server: &ScratchPostgres, database: &str, root: &Path) {
    server.psql(
        database,
        "CREATE SCHEMA core; CREATE SCHEMA transcription; CREATE SCHEMA analytics;",
    );
    for schema in ["core", "transcription", "analytics"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join("migrations").join(schema))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            server.psql_file(database, &file);
        }
    }
}

fn messages(json: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            // The file name without the scratch copy's directory, and the line the finding
            // points at: the column, the primary key or the version in the contract.
            let file = finding["file"].as_str().unwrap();
            let file = &file[file.find("contracts/").unwrap_or(0)..];
            format!(
                "{} {} {}: {} ({file}:{})",
                finding["severity"].as_str().unwrap(),
                finding["rule"].as_str().unwrap(),
                finding["contract"].as_str().unwrap(),
                finding["message"].as_str().unwrap(),
                finding["line"]
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_example_migrations_match_the_released_contracts_and_edits_are_drift() {
    let Some(server) = ScratchPostgres::start() else {
        return;
    };
    let copy = example_copy();
    server.create_database("app");
    apply_example_migrations(&server, "app", copy.path());
    let catalog = copy.path().join("contracts");
    let url = server.url("app");
    let args = [
        "drift",
        "--database",
        url.as_str(),
        catalog.to_str().unwrap(),
        "--format",
        "json",
        "--fail-on",
        "warning",
    ];
    let clean = contract(&args);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    // Only infos: two drafts whose migrations are applied ahead of their release.
    insta::assert_snapshot!("drift_example_clean", messages(&stdout(&clean)));

    server.psql(
        "app",
        "ALTER TABLE core.users ALTER COLUMN time_zone TYPE varchar(10);
         ALTER TABLE core.meetings DROP COLUMN title;
         ALTER TABLE core.meetings ADD COLUMN extra integer;
         ALTER TABLE core.meetings ALTER COLUMN language SET DEFAULT 'en';",
    );
    let drifted = contract(&args);
    assert_eq!(drifted.status.code(), Some(1), "{}", stderr(&drifted));
    insta::assert_snapshot!("drift_example_edited", messages(&stdout(&drifted)));

    server.psql("app", "DROP TABLE core.participants;");
    let human = contract(&[
        "drift",
        "--database",
        url.as_str(),
        catalog.to_str().unwrap(),
    ]);
    assert_eq!(human.status.code(), Some(1));
    assert!(
        stdout(&human).contains("table missing: `core.participants` does not exist"),
        "{}",
        stdout(&human)
    );
}

#[test]
fn a_database_without_the_schema_is_exit_2_naming_it() {
    let Some(server) = ScratchPostgres::start() else {
        return;
    };
    let copy = example_copy();
    let catalog = copy.path().join("contracts");
    let out = contract(&[
        "drift",
        "--database",
        &server.url("postgres"),
        catalog.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: the database has no schema `analytics`, `core`, `transcription`: connect to the database that holds it, or map the contracts' `database:` to a schema with --schema-map DB=SCHEMA\n"
    );
}

#[test]
fn connection_failures_are_exit_2_with_host_and_reason_never_the_password() {
    for (url, expected) in [
        (
            "postgres://app:hunter2secret@127.0.0.1:1/app",
            "cannot connect to host 127.0.0.1 port 1, database app, user app: error connecting to server: Connection refused",
        ),
        (
            "postgres://app:hunter2secret@no-such-host.invalid/app",
            "cannot connect to host no-such-host.invalid port 5432, database app, user app: error connecting to server: failed to lookup address information",
        ),
    ] {
        let started = std::time::Instant::now();
        let out = contract(&["drift", "--database", url, "contracts"]);
        assert!(started.elapsed().as_secs() < 10, "{url} took too long");
        assert_eq!(out.status.code(), Some(2), "{url}");
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(text.contains(expected), "{url}: {text}");
        assert!(
            !text.contains("hunter2secret"),
            "{url} leaked the password: {text}"
        );
    }
}

#[test]
fn a_wrong_password_is_exit_2_without_the_password() {
    let Some(server) = ScratchPostgres::start() else {
        return;
    };
    server.psql("postgres", "CREATE ROLE guarded LOGIN PASSWORD 'right-one'");
    // Trust authentication would let any password in; require one for this role over the socket.
    let hba = server.socket_dir().join("data/pg_hba.conf");
    let old = std::fs::read_to_string(&hba).unwrap();
    std::fs::write(&hba, format!("local all guarded scram-sha-256\n{old}")).unwrap();
    server.psql("postgres", "SELECT pg_reload_conf();");
    let url = format!(
        "host={} port=5432 user=guarded password=wrong-secret dbname=postgres",
        server.socket_dir().display()
    );
    let out = contract(&["drift", "--database", &url, "contracts"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.contains("password authentication failed"), "{text}");
    assert!(text.contains("user guarded"), "{text}");
    assert!(!text.contains("wrong-secret"), "{text}");
}

#[test]
fn no_database_at_all_is_exit_2_saying_how_to_give_one() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_contract"))
        .args(["drift", "contracts"])
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: no database: pass --database postgres://… or set $DATABASE_URL\n"
    );
}

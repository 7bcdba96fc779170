//! `contract import postgres` end to end: the real binary against a scratch PostgreSQL server
//! (tests/common/postgres.rs). A schema is imported, the catalogue checked (only what a human
//! must settle is reported) and compared with the same database by `contract drift` (nothing).

mod common;

use common::postgres::ScratchPostgres;
use common::{contract, stderr, stdout};
use std::collections::BTreeMap;
use std::path::Path;

/// Tables with what an import must carry over: a composite primary key, defaults (`now()`, a
/// text literal, a negative number, an empty array, a boolean), `serial` and `bigserial`,
/// comments with YAML-hostile characters, `varchar(n)`, `numeric(p,s)`, arrays, `timestamptz`,
/// `char(n)`, `jsonb`, and a table name with underscores.
const SCHEMA: &str = r#"
CREATE SCHEMA core;
CREATE TABLE core.meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title varchar(200),
  status text NOT NULL DEFAULT 'draft',
  created_at timestamptz NOT NULL DEFAULT now(),
  price numeric(12,2) NOT NULL DEFAULT 0,
  tags text[] NOT NULL DEFAULT '{}',
  country char(2),
  note text DEFAULT 'it''s: #1'
);
COMMENT ON TABLE core.meetings IS 'One row per meeting.';
COMMENT ON COLUMN core.meetings.id IS 'Meeting id.';
COMMENT ON COLUMN core.meetings.title IS 'Title: shown to "participants".';
COMMENT ON COLUMN core.meetings.status IS 'draft, live or ended.';
COMMENT ON COLUMN core.meetings.created_at IS 'When it was created.';
COMMENT ON COLUMN core.meetings.price IS 'Price in euros.';
COMMENT ON COLUMN core.meetings.tags IS 'Labels, in the order they were added.';
COMMENT ON COLUMN core.meetings.country IS 'ISO 3166 code.';
COMMENT ON COLUMN core.meetings.note IS E'Free text\nover two lines: «unicode» too.';
CREATE TABLE core.synthesis_dashboard (
  meeting_id uuid NOT NULL,
  day date NOT NULL,
  minutes integer NOT NULL DEFAULT -1,
  ratio double precision,
  live boolean NOT NULL DEFAULT false,
  scores integer[],
  extra jsonb,
  updated_at timestamp(3) with time zone DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (day, meeting_id)
);
COMMENT ON TABLE core.synthesis_dashboard IS 'Minutes per meeting and day.';
COMMENT ON COLUMN core.synthesis_dashboard.meeting_id IS 'The meeting.';
COMMENT ON COLUMN core.synthesis_dashboard.day IS 'The day, UTC.';
COMMENT ON COLUMN core.synthesis_dashboard.minutes IS 'Minutes spoken; -1 until computed.';
COMMENT ON COLUMN core.synthesis_dashboard.ratio IS 'Share of speaking time.';
COMMENT ON COLUMN core.synthesis_dashboard.live IS 'Whether the meeting is still running.';
COMMENT ON COLUMN core.synthesis_dashboard.scores IS 'Scores per participant.';
COMMENT ON COLUMN core.synthesis_dashboard.extra IS 'What the dashboard shows besides.';
COMMENT ON COLUMN core.synthesis_dashboard.updated_at IS 'Last refresh.';
CREATE TABLE core.audit_log_entries (
  id bigserial PRIMARY KEY,
  counter serial,
  message varchar(500) NOT NULL DEFAULT 'none'
);
COMMENT ON TABLE core.audit_log_entries IS 'What happened, in order.';
COMMENT ON COLUMN core.audit_log_entries.id IS 'Entry number.';
COMMENT ON COLUMN core.audit_log_entries.counter IS 'A second sequence.';
COMMENT ON COLUMN core.audit_log_entries.message IS 'What happened.';
"#;

const OWNERS: &str = "teams:\n  - {id: meetings, name: Meetings, contact: \"#team-meetings\"}\n";

fn started(database: &str) -> Option<ScratchPostgres> {
    let server = ScratchPostgres::start()?;
    server.create_database(database);
    server.psql(database, SCHEMA);
    Some(server)
}

/// A catalogue with owners.yaml, to import into.
fn catalogue() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("owners.yaml"), OWNERS).unwrap();
    dir
}

fn import(
    server: &ScratchPostgres,
    database: &str,
    catalog: &Path,
    extra: &[&str],
) -> std::process::Output {
    let url = server.url(database);
    let mut args = vec![
        "import",
        "postgres",
        "--database",
        &url,
        "--schema",
        "core",
        "--catalog",
        catalog.to_str().unwrap(),
    ];
    if !extra.contains(&"--today") {
        args.extend_from_slice(&["--today", "2026-12-03"]);
    }
    args.extend_from_slice(extra);
    contract(&args)
}

/// `rule contract line: message` for each finding of a `--format json` report.
fn findings(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            format!(
                "{} {} {}: {}",
                finding["rule"].as_str().unwrap(),
                finding["contract"].as_str().unwrap_or("-"),
                finding["line"],
                finding["message"].as_str().unwrap()
            )
        })
        .collect()
}

/// Every file under `dir` with its bytes, to show that a refused import changed nothing.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                found.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

#[test]
fn a_schema_round_trips_into_contracts_drift_finds_equal() {
    let Some(server) = started("app") else {
        return;
    };
    let dir = catalogue();
    let out = import(&server, "app", dir.path(), &["--owner", "meetings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let root = dir.path().display().to_string();
    insta::assert_snapshot!("import_report", stdout(&out).replace(&root, "CATALOG"));
    insta::assert_snapshot!(
        "import_synthesis_dashboard",
        std::fs::read_to_string(dir.path().join("tables/core/synthesis-dashboard.yaml")).unwrap()
    );
    insta::assert_snapshot!(
        "import_audit_log_entries",
        std::fs::read_to_string(dir.path().join("tables/core/audit-log-entries.yaml")).unwrap()
    );
    insta::assert_snapshot!(
        "import_meetings",
        std::fs::read_to_string(dir.path().join("tables/core/meetings.yaml")).unwrap()
    );

    // Only what a human must settle: the retention of each contract.
    let check = contract(&["check", &root, "--format", "json", "--today", "2026-12-03"]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        findings(&stdout(&check)),
        [
            "retention-missing core.audit-log-entries 1: the contract has no retention",
            "retention-missing core.meetings 1: the contract has no retention",
            "retention-missing core.synthesis-dashboard 1: the contract has no retention",
        ]
    );

    // The same database, compared by drift: not even a warning.
    let drift = contract(&[
        "drift",
        &root,
        "--database",
        &server.url("app"),
        "--format",
        "json",
        "--fail-on",
        "warning",
    ]);
    assert_eq!(drift.status.code(), Some(0), "{}", stdout(&drift));
    assert_eq!(findings(&stdout(&drift)), Vec::<String>::new());

    // And drift still sees a change made after the import.
    server.psql(
        "app",
        "ALTER TABLE core.meetings ALTER COLUMN status SET DEFAULT 'live'",
    );
    let drift = contract(&[
        "drift",
        &root,
        "--database",
        &server.url("app"),
        "--format",
        "json",
    ]);
    assert_eq!(
        findings(&stdout(&drift)),
        [
            "table-drift core.meetings 23: default: `status` defaults to `draft` in the contract, `'live'::text` in the database (released v1)"
        ]
    );
}

#[test]
fn a_new_catalogue_gets_an_owners_file_and_asks_for_what_only_a_human_knows() {
    let Some(server) = started("app") else {
        return;
    };
    server.psql(
        "app",
        "CREATE TABLE core.undocumented (id integer PRIMARY KEY, body text)",
    );
    let parent = tempfile::tempdir().unwrap();
    let root = parent.path().join("contracts");
    let out = import(&server, "app", &root, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report.contains("owner-missing: 4 contracts name no owner"),
        "{report}"
    );
    assert!(
        report.contains("description-missing: no COMMENT in the database for core.undocumented, core.undocumented.id, core.undocumented.body"),
        "{report}"
    );
    let check = contract(&[
        "check",
        root.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2026-12-03",
    ]);
    let found = findings(&stdout(&check));
    let rules: std::collections::BTreeSet<&str> = found
        .iter()
        .map(|line| line.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        rules.into_iter().collect::<Vec<_>>(),
        ["description-missing", "owner-missing", "retention-missing"],
        "{found:#?}"
    );
    assert_eq!(
        found
            .iter()
            .filter(|line| line.starts_with("description-missing"))
            .count(),
        3,
        "{found:#?}"
    );

    // With --owner, the new owners.yaml names the team and asks for its contact.
    let other = parent.path().join("owned");
    let out = import(&server, "app", &other, &["--owner", "data-platform"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out)
            .contains("contract-invalid: owners.yaml lists team `data-platform` without a contact"),
        "{}",
        stdout(&out)
    );
    let check = contract(&[
        "check",
        other.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2026-12-03",
    ]);
    let found = findings(&stdout(&check));
    assert!(
        found
            .iter()
            .any(|line| line.starts_with("contract-invalid - ") && line.contains("contact")),
        "{found:#?}"
    );
    assert!(
        !found.iter().any(|line| line.starts_with("owner-")),
        "{found:#?}"
    );
}

#[test]
fn an_existing_file_is_never_overwritten_and_nothing_is_written() {
    let Some(server) = started("app") else {
        return;
    };
    let dir = catalogue();
    // One target exists already: the whole import is refused before anything is written.
    let taken = dir.path().join("tables/core/meetings.yaml");
    std::fs::create_dir_all(taken.parent().unwrap()).unwrap();
    std::fs::write(&taken, "# mine\n").unwrap();
    let before = files(dir.path());
    let out = import(&server, "app", dir.path(), &["--owner", "meetings"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {} exists; nothing was written (import never overwrites: move or delete those first, or import into another --catalog)\n",
            taken.display()
        )
    );
    assert_eq!(files(dir.path()), before);

    // A second import over a complete first one: every file and the lock stay as they are.
    std::fs::remove_file(&taken).unwrap();
    let first = import(&server, "app", dir.path(), &["--owner", "meetings"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let imported = files(dir.path());
    let again = import(
        &server,
        "app",
        dir.path(),
        &["--owner", "meetings", "--today", "2026-12-04"],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("audit-log-entries.yaml exists; "),
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains("synthesis-dashboard.yaml exists; "),
        "{}",
        stderr(&again)
    );
    assert_eq!(files(dir.path()), imported);
}

#[test]
fn tables_that_cannot_become_contracts_are_skipped_by_name() {
    let Some(server) = started("app") else {
        return;
    };
    server.psql(
        "app",
        r#"CREATE TABLE core."Users" (id integer); CREATE TABLE core.search (id integer, doc tsvector); CREATE TABLE core.spaced ("Odd Name" integer)"#,
    );
    let dir = catalogue();
    let out = import(&server, "app", dir.path(), &["--owner", "meetings"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stdout(&out);
    for expected in [
        "skipped 3 tables:\n",
        "  core.Users: `Users` cannot become a contract id (lowercase letters and digits, words separated by `_`, which becomes `-`): rename the table, or write its contract by hand\n",
        "  core.search: column `doc` has type `tsvector`, which contracts cannot describe: write the contract by hand\n",
        "  core.spaced: column `Odd Name` cannot be a contract column name (lowercase letters, digits and `_`): rename the column, or write the contract by hand\n",
        "wrote 3 table contracts from schema `core`",
    ] {
        assert!(report.contains(expected), "{expected}\nnot in:\n{report}");
    }
    assert!(!dir.path().join("tables/core/search.yaml").exists());
    assert!(!dir.path().join("tables/core/spaced.yaml").exists());
    // The tables written still pass the format and match the database.
    let drift = contract(&[
        "drift",
        dir.path().to_str().unwrap(),
        "--database",
        &server.url("app"),
        "--fail-on",
        "warning",
    ]);
    assert_eq!(drift.status.code(), Some(0), "{}", stdout(&drift));
}

#[test]
fn a_schema_that_does_not_exist_is_exit_2_naming_it() {
    let Some(server) = ScratchPostgres::start() else {
        return;
    };
    let dir = catalogue();
    let before = files(dir.path());
    let out = import(&server, "postgres", dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: the database has no schema `core`: check --schema (PostgreSQL names are case-sensitive) and that --database names the database that holds it\n"
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn an_unknown_team_is_exit_2_with_a_suggestion() {
    let Some(server) = started("app") else {
        return;
    };
    let dir = catalogue();
    let out = import(&server, "app", dir.path(), &["--owner", "meeting"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`meeting` is not a team in ")
            && stderr(&out).ends_with("; did you mean `meetings`?\n"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("tables").exists());
}

#[test]
fn a_bad_url_is_exit_2_without_the_password_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("contracts");
    for url in [
        "postgres://app:hunter2secret@127.0.0.1:1/app",
        "postgres://app:hunter2secret@[::1",
    ] {
        let out = contract(&[
            "import",
            "postgres",
            "--database",
            url,
            "--schema",
            "core",
            "--catalog",
            root.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{url}");
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(text.starts_with("error: "), "{url}: {text}");
        assert!(
            !text.contains("hunter2secret"),
            "{url} leaked the password: {text}"
        );
        assert!(!root.exists(), "{url} wrote something");
    }
}

#[test]
fn a_schema_name_that_cannot_start_an_id_is_exit_2_before_connecting() {
    let out = contract(&[
        "import",
        "postgres",
        "--database",
        "postgres://app:pw@127.0.0.1:1/app",
        "--schema",
        "Core",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .starts_with("error: schema `Core` cannot become the first part of a contract id"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_directory_inside_a_catalogue_is_refused_before_connecting() {
    let dir = catalogue();
    let inside = dir.path().join("tables");
    let out = contract(&[
        "import",
        "postgres",
        "--database",
        "postgres://app:pw@127.0.0.1:1/app",
        "--schema",
        "core",
        "--catalog",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {} is inside the catalogue at {}: pass --catalog {}\n",
            inside.display(),
            dir.path().display(),
            dir.path().display()
        )
    );
    assert!(!inside.exists());
}

#[test]
fn a_table_another_contract_describes_is_refused_naming_that_contract() {
    let Some(server) = started("app") else {
        return;
    };
    let dir = catalogue();
    let legacy = dir.path().join("tables/legacy/meetings.yaml");
    std::fs::create_dir_all(legacy.parent().unwrap()).unwrap();
    std::fs::write(
        &legacy,
        "contract: legacy.meetings\nkind: table\nowner: meetings\ndescription: Old name.\ndatabase: core\nretention: {delete_after: 30d}\nversions:\n  - version: 1\n    columns:\n      - {name: id, type: uuid, description: Id.}\n",
    )
    .unwrap();
    let before = files(dir.path());
    let out = import(&server, "app", dir.path(), &["--owner", "meetings"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: table `core.meetings` is described by contract `legacy.meetings` in {}; nothing was written (import never overwrites: move or delete those first, or import into another --catalog)\n",
            legacy.display()
        )
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn a_partitioned_table_is_imported_and_its_partitions_left_out() {
    let Some(server) = ScratchPostgres::start() else {
        return;
    };
    server.create_database("app");
    server.psql(
        "app",
        "CREATE SCHEMA part;
         CREATE TABLE part.events (id bigint NOT NULL, day date NOT NULL, PRIMARY KEY (id, day)) PARTITION BY RANGE (day);
         COMMENT ON TABLE part.events IS 'Events by day.';
         COMMENT ON COLUMN part.events.id IS 'Event id.';
         COMMENT ON COLUMN part.events.day IS 'Day.';
         CREATE TABLE part.events_2026 PARTITION OF part.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
    );
    let dir = catalogue();
    let out = contract(&[
        "import",
        "postgres",
        "--database",
        &server.url("app"),
        "--schema",
        "part",
        "--catalog",
        dir.path().to_str().unwrap(),
        "--owner",
        "meetings",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("left out 1 partition (the partitioned table's contract describes it): part.events_2026\n"),
        "{}",
        stdout(&out)
    );
    assert!(dir.path().join("tables/part/events.yaml").exists());
    assert!(!dir.path().join("tables/part/events-2026.yaml").exists());
    let drift = contract(&[
        "drift",
        dir.path().to_str().unwrap(),
        "--database",
        &server.url("app"),
        "--fail-on",
        "warning",
    ]);
    assert_eq!(drift.status.code(), Some(0), "{}", stdout(&drift));
}

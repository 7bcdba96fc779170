//! Command-line arguments and the commands they run.

use crate::catalog;
use crate::catalog::format::{self, Format};
use crate::catalog::model::Kind;
use crate::catalog::retention::Kept;
use crate::commands::check;
use crate::commands::compat::{self, CompatFormat, Mode, PolicyChoice};
use crate::commands::drift;
use crate::commands::release::{self, ReleaseOutcome};
use crate::commands::{self, explain, new};
use crate::date::Date;
use crate::finding::Level;
use crate::history::baseline::Against;
use crate::report::{self, OutputFormat, RenderOptions};
use crate::{rules, suggest};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "contract",
    version,
    about = "Lint, compare and document data contracts."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint every contract and check every version history.
    Check(CheckArgs),
    /// Compare two raw JSON Schema files (JSON or YAML), offline, like a schema registry.
    ///
    /// Exits 0 when NEW is compatible with OLD under the mode, 1 when it is not, 2 when a file
    /// cannot be read or compared.
    Compat(CompatArgs),
    /// Show the classified changes between two versions, and a text diff of their schemas.
    Diff(DiffArgs),
    /// Write the Events and Database Reference, a page per contract and the rules page.
    Docs(DocsArgs),
    /// Generate the artefacts other tools read: AsyncAPI, JSON Schema, SQL DDL, Kafka topic
    /// configurations, ODCS.
    ///
    /// Exits 0 when written (or fresh, with --check), 1 when --check finds the export stale, 2
    /// when the catalogue cannot be exported or a file cannot be written.
    Export(ExportArgs),
    /// Release drafts: date them in their files and record them in contracts.lock.
    ///
    /// Exits 0 when released (or when there is nothing to release), 1 when a draft's contract
    /// has error findings (nothing is written), 2 when a file cannot be read or written.
    Release(ReleaseArgs),
    /// Compare every table contract's latest released version with the live PostgreSQL table.
    ///
    /// Exits 0 when nothing is at or above `--fail-on`, 1 when something is, 2 when the
    /// database cannot be reached or read.
    Drift(DriftArgs),
    /// Write table contracts for an existing database schema (onboarding).
    ///
    /// Exits 0 when every table was written, 1 when some could not be (the others are written),
    /// 2 when nothing was written: the database cannot be read, a target file exists, the
    /// catalogue is unusable.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// List every rule with its default level.
    Rules,
    /// Explain one rule: why it exists, an example, how to change its level.
    Explain {
        /// A rule id, e.g. `field-removed-before-deadline`.
        id: String,
    },
    /// Print a shell completion script: `contract completions bash > /etc/bash_completion.d/contract`.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `contract man > contract.1; man ./contract.1`.
    Man,
    /// Write a new, complete contract that passes `contract check`.
    New {
        kind: NewKind,
        /// The contract id, e.g. `meeting.created` or `core.meetings`.
        id: String,
        /// The owning team, from owners.yaml.
        #[arg(long)]
        owner: String,
        /// The catalogue to add it to.
        #[arg(long, default_value = "contracts")]
        catalog: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NewKind {
    Event,
    Table,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Catalogue roots, directories inside one, or contract files.
    #[arg(default_value = "contracts")]
    pub paths: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit 1 when a finding is at this level or above.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// The date deadlines are judged against (YYYY-MM-DD); defaults to today in UTC.
    #[arg(long)]
    pub today: Option<Date>,
    /// Colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Also compare with the catalogue at a git revision (`origin/main`) or in a directory:
    /// released versions changed or removed, contracts removed, metadata changed, the lock
    /// rewritten.
    #[arg(long, value_name = "REF|DIR")]
    pub against: Option<String>,
    /// Read the settings (compatibility, policy, rule levels) from this file instead of the
    /// catalogue's settings.yaml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Print only the verdict line (`-q`), or nothing at all (`-qq`: the exit code says it).
    /// Applies to every --format.
    #[arg(short, long, action = clap::ArgAction::Count)]
    pub quiet: u8,
}

#[derive(Debug, clap::Args)]
pub struct DriftArgs {
    /// Catalogue roots, directories inside one, or contract files.
    #[arg(default_value = "contracts")]
    pub paths: Vec<PathBuf>,
    /// The database, `postgres://user:password@host:port/db?sslmode=...`; default `$DATABASE_URL`.
    #[arg(long)]
    pub database: Option<String>,
    /// A contract `database:` whose PostgreSQL schema has another name, `DB=SCHEMA`
    /// (repeatable); by default the schema is the `database:` value.
    #[arg(long, value_name = "DB=SCHEMA")]
    pub schema_map: Vec<String>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit 1 when a finding is at this level or above.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
}

/// Where `contract import` reads from.
#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// A PostgreSQL schema: one table contract per table, version 1 released on `--today` and
    /// recorded in contracts.lock; never overwrites a file.
    Postgres(ImportPostgresArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportPostgresArgs {
    /// The database, `postgres://user:password@host:port/db?sslmode=...`; default `$DATABASE_URL`.
    #[arg(long)]
    pub database: Option<String>,
    /// The PostgreSQL schema whose tables to import.
    #[arg(long)]
    pub schema: String,
    /// The owning team, from owners.yaml; without it, every contract asks for one
    /// (owner-missing).
    #[arg(long)]
    pub owner: Option<String>,
    /// The catalogue to write into; created (with an owners.yaml) when it has no owners.yaml.
    #[arg(long, default_value = "contracts")]
    pub catalog: PathBuf,
    /// The release date of the imported versions (YYYY-MM-DD); defaults to today in UTC.
    #[arg(long)]
    pub today: Option<Date>,
}

#[derive(Debug, clap::Args)]
pub struct ReleaseArgs {
    /// Contract ids whose drafts to release; every draft in the catalogue when none is given.
    pub ids: Vec<String>,
    /// The release date (YYYY-MM-DD); defaults to today in UTC.
    #[arg(long)]
    pub today: Option<Date>,
    /// The catalogue (a directory with owners.yaml); contracts.lock is written at its root.
    #[arg(long, default_value = "contracts")]
    pub catalog: PathBuf,
    /// Release nothing: write contracts.lock recording the versions released so far (for a
    /// catalogue that has released versions but no lock yet).
    #[arg(long, conflicts_with = "ids")]
    pub init_lock: bool,
    /// Write nothing: print, as a unified diff, what the release would change in each contract
    /// file and in contracts.lock.
    #[arg(long, conflicts_with = "init_lock")]
    pub dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct CompatArgs {
    /// The earlier schema (the registered one).
    pub old: PathBuf,
    /// The later schema (the proposed one).
    pub new: PathBuf,
    /// Still later versions, in order: the last file is the one checked.
    pub newer: Vec<PathBuf>,
    /// Which readers must keep working: backward (new consumers read old data), forward (old
    /// consumers read new data) or full (both); the `_transitive` forms check the last version
    /// against every earlier one, the plain forms against the one before it; none checks nothing.
    #[arg(long, value_enum)]
    pub mode: Mode,
    /// Whether an optional property added to an open content model is compatible (lenient) or
    /// not (strict, Confluent's STRICT verdicts).
    #[arg(long, value_enum, default_value_t = PolicyChoice::Lenient)]
    pub policy: PolicyChoice,
    /// How to print the differences.
    #[arg(long, value_enum, default_value_t = CompatFormat::Human)]
    pub format: CompatFormat,
}

#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    /// The catalogue root (or a directory or file inside it).
    #[arg(default_value = "contracts")]
    pub path: PathBuf,
    /// The directory the pages are written to; nothing is written outside it.
    #[arg(long, default_value = "docs/reference")]
    pub out: PathBuf,
    /// Write nothing; exit 1 and show a diff when the pages on disk are stale.
    #[arg(long)]
    pub check: bool,
    /// The date a draft's changes are judged on (released versions are judged on their release
    /// date); defaults to today in UTC.
    #[arg(long)]
    pub today: Option<Date>,
    /// Read the settings (the default compatibility, the rule levels on the rules page) from
    /// this file instead of the catalogue's settings.yaml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// `contract export`'s targets.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportTarget {
    /// One AsyncAPI 3.0.0 document (asyncapi.json).
    Asyncapi,
    /// A JSON Schema file per released event version, and subjects.json.
    Jsonschema,
    /// PostgreSQL DDL for every table (schema.sql).
    Sql,
    /// Kafka topic configurations (kafka-topics.json).
    KafkaTopics,
    /// An ODCS v3 document per contract (<id>.odcs.json).
    Odcs,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    pub target: ExportTarget,
    /// The catalogue root (or a directory or file inside it).
    #[arg(default_value = "contracts")]
    pub path: PathBuf,
    /// The directory the files are written to (nothing is written outside it), or `-` to print
    /// the one document of asyncapi, sql or kafka-topics.
    #[arg(long)]
    pub out: PathBuf,
    /// Write nothing; exit 1 and show a diff when the files under --out are stale.
    #[arg(long)]
    pub check: bool,
    /// asyncapi: only this topic.
    #[arg(long)]
    pub topic: Option<String>,
    /// sql: this version of every table instead of its latest released one.
    #[arg(long)]
    pub version: Option<u32>,
    /// jsonschema: the base URI of every `$id`.
    #[arg(long, default_value = "https://contracts.example.com/schemas/")]
    pub id_base: String,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// A contract id, or the older of two contract (or JSON Schema) files.
    pub target: String,
    /// The newer file, when comparing two files.
    pub new: Option<PathBuf>,
    /// The older version (default: the one before `--to`).
    #[arg(long)]
    pub from: Option<u32>,
    /// The newer version (default: the last one, draft included).
    #[arg(long)]
    pub to: Option<u32>,
    /// The catalogue holding the contract.
    #[arg(long, default_value = "contracts")]
    pub catalog: PathBuf,
    /// Colour the text diff.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// How the process ends: 0 nothing at or above the fail level, 1 findings, 2 the tool could not
/// do its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success,
    Findings,
    Trouble,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Findings => 1,
            Exit::Trouble => 2,
        }
    }
}

/// Runs a parsed command line. Errors that stop the tool are printed to stderr here.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Compat(args) => run_compat(&args),
        Command::Diff(args) => run_diff(&args),
        Command::Docs(args) => run_docs(&args),
        Command::Export(args) => run_export(&args),
        Command::Release(args) => run_release(&args),
        Command::Drift(args) => run_drift(&args),
        Command::Import {
            source: ImportSource::Postgres(args),
        } => run_import_postgres(&args),
        Command::Rules => print(&explain::list()),
        Command::Completions { shell } => {
            print(&commands::completions::script(shell, Cli::command()))
        }
        Command::Man => print(&commands::completions::man_page(Cli::command())),
        Command::Explain { id } => match rules::find(&id) {
            Some(rule) => print(&explain::explain(rule)),
            None => {
                let hint = suggest::closest(&id, rules::RULES.iter().map(|rule| rule.id))
                    .map_or_else(
                        || " (`contract rules` lists them)".to_string(),
                        |near| format!("; did you mean `{near}`?"),
                    );
                fail(&format!("no rule `{id}`{hint}"))
            }
        },
        Command::New {
            kind,
            id,
            owner,
            catalog,
        } => run_new(kind, &id, &owner, &catalog),
    }
}

fn run_check(args: CheckArgs) -> Exit {
    let today = args.today.unwrap_or_else(Date::today);
    let against = match args.against.as_deref().map(Against::parse).transpose() {
        Ok(against) => against,
        Err(message) => return fail(&message),
    };
    let outcome = match check::check_with_config(
        &args.paths,
        today,
        against.as_ref(),
        args.config.as_deref(),
    ) {
        Ok(outcome) => outcome,
        Err(error) => return fail(&error.to_string()),
    };
    let fail_on = match args.fail_on {
        FailOn::Error => Level::Error,
        FailOn::Warning => Level::Warning,
    };
    let terminal = std::io::stdout().is_terminal();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = if terminal { terminal_width() } else { 100 };
    let options = RenderOptions {
        fail_on,
        color,
        width,
    };
    let text = match args.quiet {
        0 => report::render(&outcome, args.format, options),
        1 => format!("{}\n", report::human::verdict(&outcome, options)),
        _ => String::new(),
    };
    match print(&text) {
        Exit::Success if outcome.fails(fail_on) => Exit::Findings,
        exit => exit,
    }
}

fn run_drift(args: &DriftArgs) -> Exit {
    let schema_map = match drift::parse_schema_map(&args.schema_map) {
        Ok(map) => map,
        Err(error) => return fail(&error.to_string()),
    };
    let Some(url) = database_url(&args.database) else {
        return fail("no database: pass --database postgres://… or set $DATABASE_URL");
    };
    let outcome = match drift::drift(&args.paths, &url, &schema_map) {
        Ok(outcome) => outcome,
        Err(error) => return fail(&crate::terminal::escape_controls(&error.to_string())),
    };
    let fail_on = match args.fail_on {
        FailOn::Error => Level::Error,
        FailOn::Warning => Level::Warning,
    };
    let options = RenderOptions {
        fail_on,
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 100,
    };
    match print(&report::render(&outcome, args.format, options)) {
        Exit::Success if outcome.fails(fail_on) => Exit::Findings,
        exit => exit,
    }
}

/// `--database`, or `$DATABASE_URL` when the flag is absent: the environment keeps the
/// password out of the process list.
fn database_url(flag: &Option<String>) -> Option<String> {
    flag.clone().or_else(|| std::env::var("DATABASE_URL").ok())
}

fn run_import_postgres(args: &ImportPostgresArgs) -> Exit {
    use crate::commands::import;
    let Some(url) = database_url(&args.database) else {
        return fail("no database: pass --database postgres://… or set $DATABASE_URL");
    };
    let request = import::Request {
        url: &url,
        schema: &args.schema,
        owner: args.owner.as_deref(),
        catalog_dir: &args.catalog,
        today: args.today.unwrap_or_else(Date::today),
    };
    match import::import_postgres(&request) {
        Ok(imported) => {
            match print(&crate::terminal::escape_controls(&import::report(
                &imported,
            ))) {
                Exit::Success if imported.incomplete() => Exit::Findings,
                exit => exit,
            }
        }
        Err(error) => fail(&crate::terminal::escape_controls(&error.to_string())),
    }
}

fn run_compat(args: &CompatArgs) -> Exit {
    let versions: Vec<&std::path::Path> = [&args.old, &args.new]
        .into_iter()
        .chain(&args.newer)
        .map(PathBuf::as_path)
        .collect();
    match compat::compare_versions(&versions, args.mode, args.policy) {
        Ok(report) => match print(&compat::render(&report, args.format)) {
            Exit::Success if !report.compatible() => Exit::Findings,
            exit => exit,
        },
        Err(error) => fail(&error.to_string()),
    }
}

fn run_docs(args: &DocsArgs) -> Exit {
    let today = args.today.unwrap_or_else(Date::today);
    match commands::docs::docs(
        &args.path,
        &args.out,
        today,
        args.check,
        args.config.as_deref(),
    ) {
        Ok(run) => {
            for note in &run.notes {
                eprintln!("note: {note}");
            }
            match print(&run.report) {
                Exit::Success if run.stale => Exit::Findings,
                exit => exit,
            }
        }
        Err(error) => fail(&error.to_string()),
    }
}

fn run_export(args: &ExportArgs) -> Exit {
    use crate::commands::export::{Destination, export};
    use crate::export::{Options, Target};
    let target = match args.target {
        ExportTarget::Asyncapi => Target::Asyncapi,
        ExportTarget::Jsonschema => Target::Jsonschema,
        ExportTarget::Sql => Target::Sql,
        ExportTarget::KafkaTopics => Target::KafkaTopics,
        ExportTarget::Odcs => Target::Odcs,
    };
    let options = Options {
        topic: args.topic.clone(),
        version: args.version,
        id_base: args.id_base.clone(),
    };
    let destination = if args.out.as_os_str() == "-" {
        Destination::StandardOutput
    } else {
        Destination::Directory(&args.out)
    };
    match export(&args.path, target, &options, destination, args.check) {
        Ok(run) => match print(&run.report) {
            Exit::Success if run.stale => Exit::Findings,
            exit => exit,
        },
        Err(error) => fail(&crate::terminal::escape_controls(&error.to_string())),
    }
}

fn run_release(args: &ReleaseArgs) -> Exit {
    if args.init_lock {
        return match release::init_lock(&args.catalog) {
            Ok(Some(lock)) => print(&format!(
                "wrote {}, recording the versions released so far\n",
                lock.display()
            )),
            Ok(None) => print(
                "nothing is released yet, so there is nothing to record: `contract release` writes contracts.lock with the first release\n",
            ),
            Err(error) => fail(&error.to_string()),
        };
    }
    let today = args.today.unwrap_or_else(Date::today);
    let writing = if args.dry_run {
        release::Writing::DryRun
    } else {
        release::Writing::Files
    };
    match release::release_with(&args.catalog, &args.ids, today, writing) {
        Ok(ReleaseOutcome::DryRun { released, diff }) => {
            let mut text = String::new();
            for item in &released {
                text.push_str(&format!(
                    "would release {} v{} ({}), dated {today}\n",
                    item.contract,
                    item.version,
                    item.file.display()
                ));
            }
            text.push_str(&crate::terminal::escape_controls(&diff));
            text.push_str("dry run: nothing was written\n");
            print(&text)
        }
        Ok(ReleaseOutcome::Released { released, lock }) => {
            let mut text = String::new();
            for item in &released {
                text.push_str(&format!(
                    "released {} v{} ({}), dated {today}\n",
                    item.contract,
                    item.version,
                    item.file.display()
                ));
            }
            text.push_str(&format!("recorded in {}\n", lock.display()));
            print(&text)
        }
        Ok(ReleaseOutcome::NothingToRelease { lock_created }) => {
            let which = if args.ids.is_empty() {
                "no contract in the catalogue has a draft".to_string()
            } else {
                format!("{} has no draft", args.ids.join(", "))
            };
            let mut text = format!(
                "nothing to release: {which} (a draft is a last version without `released:`)\n"
            );
            if let Some(lock) = lock_created {
                text.push_str(&format!(
                    "wrote {}, recording the versions released so far\n",
                    lock.display()
                ));
            }
            print(&text)
        }
        Ok(ReleaseOutcome::Refused(outcome)) => {
            let options = RenderOptions {
                fail_on: Level::Error,
                color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
                width: 100,
            };
            let findings = report::render(&outcome, OutputFormat::Human, options);
            match print(&findings) {
                Exit::Success => {
                    eprintln!(
                        "refused: fix the errors above, then release again; nothing was written"
                    );
                    Exit::Findings
                }
                exit => exit,
            }
        }
        Err(error) => fail(&error.to_string()),
    }
}

fn run_diff(args: &DiffArgs) -> Exit {
    let comparison = match &args.new {
        Some(new) => crate::commands::diff::from_files(std::path::Path::new(&args.target), new),
        None => {
            crate::commands::diff::from_catalog(&args.catalog, &args.target, args.from, args.to)
        }
    };
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match comparison.and_then(|comparison| crate::commands::diff::render(&comparison, color)) {
        Ok(text) => print(&text),
        Err(error) => fail(&error.to_string()),
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.parse().ok())
        .unwrap_or(100)
}

fn run_new(kind: NewKind, id: &str, owner: &str, catalog_dir: &std::path::Path) -> Exit {
    let kind = match kind {
        NewKind::Event => Kind::Event,
        NewKind::Table => Kind::Table,
    };
    let id_check = serde_json::json!({"contract": id, "kind": kind.to_string(), "versions": []});
    if let Some(issue) = format::validate(Format::Contract, &id_check)
        .into_iter()
        .find(|issue| issue.pointer == "/contract")
    {
        return fail(&format!(
            "`{id}` is not a valid contract id: {}",
            issue.help.unwrap_or(issue.message)
        ));
    }
    let root = match catalog::find_root(catalog_dir) {
        Ok(root) => root,
        Err(error) => return fail(&error.to_string()),
    };
    let loaded = match catalog::load(&root) {
        Ok(loaded) => loaded,
        Err(error) => return fail(&error.to_string()),
    };
    let Some(owners) = &loaded.owners else {
        return fail(&format!(
            "{} is broken; run `contract check {}` to see why",
            root.join(catalog::OWNERS_FILE).display(),
            root.display()
        ));
    };
    if owners.get(owner).is_none() {
        let known: Vec<&str> = owners.ids().collect();
        let hint = suggest::closest(owner, known.iter().copied()).map_or_else(
            || format!("known teams: {}", known.join(", ")),
            |near| format!("did you mean `{near}`?"),
        );
        return fail(&format!("`{owner}` is not a team in owners.yaml; {hint}"));
    }
    if let Some(existing) = loaded
        .contracts
        .iter()
        .find(|loaded| loaded.contract.id == id)
    {
        return fail(&format!(
            "contract `{id}` already exists in {}",
            existing.file.path.display()
        ));
    }
    let path = new::path_for(&root, kind, id);
    if path.exists() {
        return fail(&format!(
            "{} already exists; choose another id or edit that file",
            path.display()
        ));
    }
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            let topic = new::topic_for(id);
            let topic_delete_after = loaded
                .contracts
                .iter()
                .filter(|other| {
                    other
                        .contract
                        .as_event()
                        .is_some_and(|event| event.topic.as_deref() == Some(topic.as_str()))
                })
                // Read back as a number of days, so nothing but `<n>d` is written.
                .find_map(
                    |other| match Kept::of(other.contract.retention.as_ref()?)? {
                        Kept::For(days) => Some(format!("{}d", days.0)),
                        Kept::Forever => None,
                    },
                );
            let text = new::render(kind, id, owner, topic_delete_after.as_deref());
            crate::atomic::write(&path, text.as_bytes())
        });
    match written {
        Ok(()) => print(&format!(
            "wrote {}\nedit its descriptions, then run `contract check`\n",
            path.display()
        )),
        Err(error) => fail(&format!("cannot write {}: {error}", path.display())),
    }
}

/// Writes to stdout. A closed pipe (`contract rules | head`) is not an error: the reader has
/// what it wanted.
fn print(text: &str) -> Exit {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Exit::Success,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Exit::Success,
        Err(error) => fail(&format!("cannot write the output: {error}")),
    }
}

fn fail(message: &str) -> Exit {
    eprintln!("error: {message}");
    Exit::Trouble
}

//! `contract import postgres`: one table contract per table of a live PostgreSQL schema, version 1
//! released on the import date and recorded in `contracts.lock`, so that a team with fifty tables
//! starts from a catalogue `contract drift` finds equal to its database. What the database cannot
//! say (the owner, the retention, descriptions nobody wrote as comments) is left out, so that
//! `contract check` asks a human for it, and the import lists it.
//!
//! Nothing existing is overwritten: every target is checked before anything is written, and each
//! file is created with [`atomic::create_new`], which refuses a file that appeared meanwhile.

use crate::atomic;
use crate::catalog::format::{self, Format};
use crate::catalog::model::Contract;
use crate::catalog::settings::Settings;
use crate::catalog::{self, Catalog, Entry, Files, OWNERS_FILE};
use crate::commands::new;
use crate::database::{self, LiveColumn, LiveTable};
use crate::date::Date;
use crate::evolution::sqldefault::{contract_meaning, contract_spelling, is_serial_default};
use crate::evolution::sqltype::{ParseTypeError, SqlType};
use crate::history::{self, lock};
use crate::suggest;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub url: &'a str,
    pub schema: &'a str,
    pub owner: Option<&'a str>,
    pub catalog_dir: &'a Path,
    pub today: Date,
}

/// A table written as a contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub id: String,
    pub file: PathBuf,
}

/// A table that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// `schema.table`, as PostgreSQL names it.
    pub table: String,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Imported {
    pub schema: String,
    pub root: PathBuf,
    pub today: Option<Date>,
    pub written: Vec<Written>,
    pub skipped: Vec<Skipped>,
    /// Partitions (`schema.table`), left out on purpose: their partitioned table's contract
    /// describes them, so they do not make the import incomplete.
    pub partitions: Vec<String>,
    /// owners.yaml, when the import created the catalogue.
    pub owners_created: Option<PathBuf>,
    /// The team owners.yaml was created with (its contact is left to a human).
    pub owner_without_contact: Option<String>,
    pub lock: Option<PathBuf>,
    /// Contracts written without an owner (no `--owner`).
    pub without_owner: usize,
    /// Tables and columns the database has no comment for: `core.meetings`, `core.meetings.title`.
    pub without_description: Vec<String>,
}

impl Imported {
    /// Some tables could not be imported: exit 1 (the others are written).
    pub fn incomplete(&self) -> bool {
        !self.skipped.is_empty()
    }
}

/// Why the import could not be done: exit 2, and nothing was written.
#[derive(Debug)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

/// One table's contract, ready to write.
struct Planned {
    id: String,
    file: PathBuf,
    text: String,
    contract: Contract,
    undescribed: Vec<String>,
}

/// The catalogue the contracts go into.
enum Destination {
    /// A catalogue with owners.yaml.
    Existing(Box<Catalog>),
    /// A directory without one: the import creates owners.yaml there.
    New,
}

/// Reads `schema` from the database and writes a contract per table into the catalogue.
pub fn import_postgres(request: &Request) -> Result<Imported, ImportError> {
    let schema = request.schema;
    let prefix = id_segment_of(schema).ok_or_else(|| {
        ImportError(format!(
            "schema `{schema}` cannot become the first part of a contract id (lowercase letters and digits, words separated by `_`, which becomes `-`): import a schema named so, or write its contracts by hand"
        ))
    })?;
    let root = request.catalog_dir.to_path_buf();
    let destination = destination(&root, request.owner)?;
    let (settings, mut records) = match &destination {
        Destination::Existing(catalog) => (catalog.settings.clone(), existing_records(catalog)?),
        Destination::New => (Settings::default(), lock::Records::new()),
    };

    let mut client = database::connect(request.url).map_err(|error| ImportError(error.0))?;
    let live = database::read_schemas(&mut client, &[schema.to_string()])
        .map_err(|error| ImportError(error.0))?;
    if !live.existing.iter().any(|name| name == schema) {
        return Err(ImportError(format!(
            "the database has no schema `{schema}`: check --schema (PostgreSQL names are case-sensitive) and that --database names the database that holds it"
        )));
    }

    let mut imported = Imported {
        schema: schema.to_string(),
        root: root.clone(),
        today: Some(request.today),
        ..Imported::default()
    };
    let mut planned = Vec::new();
    for ((_, table), live_table) in &live.tables {
        let qualified = format!("{schema}.{table}");
        if live_table.is_partition {
            imported.partitions.push(qualified);
            continue;
        }
        match plan_table(&root, schema, &prefix, table, live_table, request) {
            Ok(plan) => planned.push(plan),
            Err(reason) => imported.skipped.push(Skipped {
                table: qualified,
                reason,
            }),
        }
    }

    refuse_existing_targets(&planned, &destination, &records)?;
    let owners_path = root.join(OWNERS_FILE);
    let owners_text = match &destination {
        Destination::New => Some(new_owners(request.owner)),
        Destination::Existing(_) => None,
    };
    if planned.is_empty() {
        return Ok(imported);
    }
    for plan in &planned {
        if let Some(record) = lock::record(&plan.contract, &settings) {
            records.insert(plan.id.clone(), record);
        }
    }
    let lock_path = root.join(lock::LOCK_FILE);
    write_everything(
        &planned,
        owners_text
            .as_deref()
            .map(|text| (owners_path.as_path(), text)),
        &lock_path,
        &lock::render(&records),
    )?;

    if owners_text.is_some() {
        imported.owners_created = Some(owners_path);
        imported.owner_without_contact = request.owner.map(str::to_string);
    }
    imported.lock = Some(lock_path);
    if request.owner.is_none() {
        imported.without_owner = planned.len();
    }
    for plan in planned {
        imported.without_description.extend(plan.undescribed);
        imported.written.push(Written {
            id: plan.id,
            file: plan.file,
        });
    }
    Ok(imported)
}

/// `core` → `core`, `sales_eu` → `sales-eu`: a schema or table name as one segment of a contract
/// id, or `None` when no id segment maps back to exactly this name.
fn id_segment_of(name: &str) -> Option<String> {
    let segment = name.replace('_', "-");
    let id_shaped = segment.split('-').enumerate().all(|(index, word)| {
        let mut chars = word.chars();
        match chars.next() {
            None => false,
            Some(first) if index == 0 && !first.is_ascii_lowercase() => false,
            Some(first) => {
                (first.is_ascii_lowercase() || first.is_ascii_digit())
                    && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            }
        }
    });
    // `Contract::sql_table` reads every `-` as `_`: the segment must lead back to `name`.
    (id_shaped && segment.replace('-', "_") == name).then_some(segment)
}

/// Where the contracts go: the catalogue at `root`, or a new one there. A directory inside
/// another catalogue is refused rather than turned into a second catalogue.
fn destination(root: &Path, owner: Option<&str>) -> Result<Destination, ImportError> {
    if catalog::entry_on_disk(&root.join(OWNERS_FILE)) != Entry::Missing {
        let loaded = catalog::load(root).map_err(|error| ImportError(error.to_string()))?;
        let Some(owners) = &loaded.owners else {
            return Err(ImportError(format!(
                "{} is broken; run `contract check {}` to see why",
                root.join(OWNERS_FILE).display(),
                root.display()
            )));
        };
        if let Some(owner) = owner
            && owners.get(owner).is_none()
        {
            let known: Vec<&str> = owners.ids().collect();
            let hint = suggest::closest(owner, known.iter().copied()).map_or_else(
                || format!("known teams: {}", known.join(", ")),
                |near| format!("did you mean `{near}`?"),
            );
            return Err(ImportError(format!(
                "`{owner}` is not a team in {}; {hint}",
                root.join(OWNERS_FILE).display()
            )));
        }
        return Ok(Destination::Existing(Box::new(loaded)));
    }
    if let Some(owner) = owner
        && !owner_id_is_valid(owner)
    {
        return Err(ImportError(format!(
            "`{owner}` cannot be a team id (lowercase letters and digits, words separated by `.` or `-`): choose another --owner"
        )));
    }
    for ancestor in root.ancestors().skip(1) {
        if catalog::entry_on_disk(&ancestor.join(OWNERS_FILE)) != Entry::Missing {
            let shown = if ancestor.as_os_str().is_empty() {
                Path::new(".")
            } else {
                ancestor
            };
            return Err(ImportError(format!(
                "{} is inside the catalogue at {}: pass --catalog {}",
                root.display(),
                shown.display(),
                shown.display()
            )));
        }
    }
    Ok(Destination::New)
}

fn owner_id_is_valid(owner: &str) -> bool {
    let probe = serde_json::json!({"teams": [{"id": owner, "name": owner, "contact": "x"}]});
    format::validate(Format::Owners, &probe).is_empty()
}

/// The lock's records, to which the imported versions are added: the lock as it is, or, for a
/// catalogue without one, every contract's released versions (as `contract release` starts one).
fn existing_records(catalog: &Catalog) -> Result<lock::Records, ImportError> {
    let lock_file = history::read_lock(&catalog.root, &Files::Disk);
    if let Some(file) = &lock_file.file {
        if let Some(problem) = lock_file.problems.first() {
            return Err(ImportError(format!(
                "{}: {}; nothing was imported. {}",
                file.path.display(),
                problem.violation.message,
                lock::RESTORE_LOCK
            )));
        }
        return Ok(lock_file.records);
    }
    let mut records = lock::Records::new();
    for loaded in &catalog.contracts {
        if let Some(record) = lock::record(&loaded.contract, &catalog.settings) {
            records.entry(loaded.contract.id.clone()).or_insert(record);
        }
    }
    Ok(records)
}

/// The contract of one table, or why it cannot have one.
fn plan_table(
    root: &Path,
    schema: &str,
    prefix: &str,
    table: &str,
    live: &LiveTable,
    request: &Request,
) -> Result<Planned, String> {
    let name = id_segment_of(table).ok_or_else(|| {
        format!(
            "`{table}` cannot become a contract id (lowercase letters and digits, words separated by `_`, which becomes `-`): rename the table, or write its contract by hand"
        )
    })?;
    let id = format!("{prefix}.{name}");
    if id.len() > 128 {
        return Err(format!(
            "the contract id `{id}` would be longer than 128 characters: write its contract by hand"
        ));
    }
    let mut columns = Vec::new();
    let mut undescribed = Vec::new();
    if live.comment.is_none() {
        undescribed.push(format!("{schema}.{table}"));
    }
    for column in &live.columns {
        columns.push(plan_column(schema, table, column)?);
        if column.comment.is_none() {
            undescribed.push(format!("{schema}.{table}.{}", column.name));
        }
    }
    let text = render(&id, schema, table, live, &columns, request);
    let contract = verify(&text, &id, schema, table, live, &columns)?;
    Ok(Planned {
        file: new::path_for(root, catalog::model::Kind::Table, &id),
        id,
        text,
        contract,
        undescribed,
    })
}

/// A column as the contract writes it.
struct PlannedColumn {
    name: String,
    sql_type: String,
    nullable: bool,
    default: Option<String>,
    description: Option<String>,
}

fn plan_column(schema: &str, table: &str, column: &LiveColumn) -> Result<PlannedColumn, String> {
    let name = &column.name;
    let name_is_valid = name
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !name_is_valid {
        return Err(format!(
            "column `{name}` cannot be a contract column name (lowercase letters, digits and `_`): rename the column, or write the contract by hand"
        ));
    }
    let parsed: SqlType = column.sql_type.parse().map_err(|error| {
        let why = match error {
            ParseTypeError::Unknown(_) => String::new(),
            ParseTypeError::Invalid(invalid) => format!(" ({})", invalid.reason),
        };
        format!(
            "column `{name}` has type `{}`, which contracts cannot describe{why}: write the contract by hand",
            column.sql_type
        )
    })?;
    let serial = match (&parsed, column.default.as_deref()) {
        (SqlType::SmallInt | SqlType::Integer | SqlType::BigInt, Some(default))
            if is_serial_default(default, schema, table, name) =>
        {
            Some(match parsed {
                SqlType::SmallInt => "smallserial",
                SqlType::Integer => "serial",
                _ => "bigserial",
            })
        }
        _ => None,
    };
    Ok(PlannedColumn {
        name: name.clone(),
        // `serial` is how the table was made and reads back as its integer type; the sequence
        // default it implies is not written, as `contract drift` expects of a serial column.
        sql_type: serial.map_or_else(|| parsed.to_string(), str::to_string),
        nullable: !column.not_null,
        default: match serial {
            Some(_) => None,
            None => column.default.as_deref().map(contract_spelling),
        },
        description: column.comment.clone(),
    })
}

/// The contract's text. Keys a human must fill in are comments naming the rule that asks.
fn render(
    id: &str,
    schema: &str,
    table: &str,
    live: &LiveTable,
    columns: &[PlannedColumn],
    request: &Request,
) -> String {
    let mut text = String::new();
    let today = request.today;
    let _ = writeln!(text, "contract: {id}");
    text.push_str("kind: table\n");
    match request.owner {
        Some(owner) => {
            let _ = writeln!(text, "owner: {owner}");
        }
        None => text.push_str(
            "# owner: the team that answers for this table, from owners.yaml (contract check reports owner-missing until it is set)\n",
        ),
    }
    match &live.comment {
        Some(comment) => {
            let _ = writeln!(text, "description: {}", yaml_scalar(comment));
        }
        None => text.push_str(
            "# description: what one row means and who writes it (the table has no COMMENT; contract check reports description-missing)\n",
        ),
    }
    let _ = writeln!(text, "database: {schema}");
    if !live.primary_key.is_empty() {
        let _ = writeln!(text, "primary_key: [{}]", live.primary_key.join(", "));
    }
    text.push_str("storage: current-state\n");
    text.push_str(
        "# retention: how long rows live is a decision, e.g. {delete_after: 730d} (contract check reports retention-missing until it is set)\n",
    );
    text.push_str("versions:\n");
    text.push_str("  - version: 1\n");
    let _ = writeln!(text, "    released: {today}");
    let _ = writeln!(
        text,
        "    summary: {}",
        yaml_scalar(&format!(
            "Imported from PostgreSQL table {schema}.{table} on {today}."
        ))
    );
    text.push_str("    columns:\n");
    for column in columns {
        let _ = writeln!(text, "      - name: {}", column.name);
        let _ = writeln!(text, "        type: {}", yaml_scalar(&column.sql_type));
        let _ = writeln!(text, "        nullable: {}", column.nullable);
        if let Some(default) = &column.default {
            let _ = writeln!(text, "        default: {}", yaml_scalar(default));
        }
        if let Some(description) = &column.description {
            let _ = writeln!(text, "        description: {}", yaml_scalar(description));
        }
    }
    text
}

/// Reads the text back as the catalogue would and checks that it says what the database says,
/// maps back to the same table, and passes the format: no table becomes a broken file.
fn verify(
    text: &str,
    id: &str,
    schema: &str,
    table: &str,
    live: &LiveTable,
    columns: &[PlannedColumn],
) -> Result<Contract, String> {
    let bug = |what: String| {
        format!(
            "the contract written for it would not read back as written ({what}); please report this, and write the contract by hand"
        )
    };
    let json = crate::yaml::parse(text)
        .map_err(|error| bug(error.message.to_string()))?
        .into_json();
    if let Some(issue) = format::validate(Format::Contract, &json).into_iter().next() {
        return Err(bug(format!("{}: {}", issue.pointer, issue.message)));
    }
    let contract = Contract::from_json(json).map_err(|error| bug(error.to_string()))?;
    let sql = contract.sql_table();
    if contract.id != id
        || sql
            .as_ref()
            .map(|sql| (sql.schema.as_str(), sql.name.as_str()))
            != Some((schema, table))
    {
        return Err(bug(format!("it maps to {sql:?}")));
    }
    let Some(body) = contract.as_table() else {
        return Err(bug("not a table".into()));
    };
    if body.primary_key != live.primary_key || contract.description != live.comment {
        return Err(bug("the primary key or the description".into()));
    }
    let Some(version) = body.versions.first() else {
        return Err(bug("no version".into()));
    };
    let read_back_as_planned = version.columns.len() == columns.len()
        && version.columns.iter().zip(columns).all(|(read, planned)| {
            read.name == planned.name
                && read.sql_type == planned.sql_type
                && read.nullable == planned.nullable
                && read.description == planned.description
                && read.default.as_ref().map(contract_meaning)
                    == planned
                        .default
                        .as_ref()
                        .map(|default| contract_meaning(&Value::String(default.clone())))
        });
    if !read_back_as_planned {
        return Err(bug("a column".into()));
    }
    Ok(contract)
}

/// A YAML scalar that reads back as exactly `text`, as a string: plain when that is safe and
/// unambiguous, double-quoted with escapes otherwise.
fn yaml_scalar(text: &str) -> String {
    if is_plain_safe(text) {
        return text.to_string();
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text that YAML reads as this same string when written plain in block context: it starts
/// with a letter, holds only letters, digits, spaces and punctuation that means nothing to
/// YAML there (no `:`, `#`, quotes at the start, flow indicators at the start), does not end in
/// a space, and is not a word YAML (1.1 or 1.2) reads as a boolean or null.
fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let reserved = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~",
    ];
    first.is_alphabetic()
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !reserved.contains(&text.to_ascii_lowercase().as_str())
        && text.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | '_'
                        | '.'
                        | ','
                        | ';'
                        | '('
                        | ')'
                        | '/'
                        | '+'
                        | '-'
                        | '['
                        | ']'
                        | '\''
                        | '='
                        | '*'
                )
        })
}

/// owners.yaml for a catalogue the import creates: the `--owner` team, whose contact only a
/// human knows (so the file asks for it: `contract check` reports the missing `contact`), or no
/// team at all.
fn new_owners(owner: Option<&str>) -> String {
    let mut text = String::from(
        "# The teams that own contracts. Every `owner:` in this catalogue must be one of these ids.\n\
         # `contact` is where a consumer goes with a question or a breaking-change request.\n",
    );
    match owner {
        Some(owner) => {
            let _ = write!(
                text,
                "teams:\n  - id: {owner}\n    name: {owner}\n    # contact: the team's email address or chat channel (required: contract check reports it missing)\n"
            );
        }
        None => text
            .push_str("teams: []   # add {id, name, contact} for each team that owns a contract\n"),
    }
    text
}

/// Exit 2, naming each target that exists already, before anything is written.
fn refuse_existing_targets(
    planned: &[Planned],
    destination: &Destination,
    records: &lock::Records,
) -> Result<(), ImportError> {
    let mut existing = Vec::new();
    for plan in planned {
        if catalog::entry_on_disk(&plan.file) != Entry::Missing {
            existing.push(format!("{} exists", plan.file.display()));
        } else if let Destination::Existing(catalog) = destination
            && let Some(other) = catalog
                .contracts
                .iter()
                .find(|loaded| loaded.contract.id == plan.id)
        {
            existing.push(format!(
                "contract `{}` exists in {}",
                plan.id,
                other.file.path.display()
            ));
        } else if let Destination::Existing(catalog) = destination
            && let Some(other) = catalog
                .contracts
                .iter()
                .find(|loaded| loaded.contract.sql_table() == plan.contract.sql_table())
        {
            // Another id for the same table: two contracts would describe one table.
            existing.push(format!(
                "table `{}` is described by contract `{}` in {}",
                plan.contract
                    .sql_table()
                    .map(|sql| format!("{}.{}", sql.schema, sql.name))
                    .unwrap_or_default(),
                other.contract.id,
                other.file.path.display()
            ));
        } else if records.contains_key(&plan.id) {
            existing.push(format!(
                "contracts.lock records a contract `{}` already",
                plan.id
            ));
        }
    }
    if existing.is_empty() {
        return Ok(());
    }
    Err(ImportError(format!(
        "{}; nothing was written (import never overwrites: move or delete those first, or import into another --catalog)",
        existing.join("; ")
    )))
}

/// Creates every contract file (and owners.yaml), then writes the lock. On any failure the
/// files created so far are removed again, so a failed import leaves the catalogue as it was.
fn write_everything(
    planned: &[Planned],
    owners: Option<(&Path, &str)>,
    lock_path: &Path,
    lock_text: &str,
) -> Result<(), ImportError> {
    let mut created: Vec<PathBuf> = Vec::new();
    let undo = |created: &[PathBuf]| {
        for path in created.iter().rev() {
            let _ = std::fs::remove_file(path);
        }
    };
    let targets = owners
        .into_iter()
        .map(|(path, text)| (path.to_path_buf(), text))
        .chain(
            planned
                .iter()
                .map(|plan| (plan.file.clone(), plan.text.as_str())),
        );
    for (path, text) in targets {
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| atomic::create_new(&path, text.as_bytes()));
        if let Err(error) = written {
            undo(&created);
            let why = if error.kind() == std::io::ErrorKind::AlreadyExists {
                "it appeared while importing".to_string()
            } else {
                error.to_string()
            };
            return Err(ImportError(format!(
                "cannot write {}: {why}; nothing was imported (files already written were removed)",
                path.display()
            )));
        }
        created.push(path);
    }
    if let Err(error) = atomic::write(lock_path, lock_text.as_bytes()) {
        undo(&created);
        return Err(ImportError(format!(
            "cannot write {}: {error}; nothing was imported (files already written were removed)",
            lock_path.display()
        )));
    }
    Ok(())
}

/// What the import did and what a human must settle, for the terminal.
pub fn report(imported: &Imported) -> String {
    let mut text = String::new();
    let root = catalog::display(&imported.root);
    let schema = &imported.schema;
    if imported.written.is_empty() && imported.skipped.is_empty() && imported.partitions.is_empty()
    {
        let _ = writeln!(text, "schema `{schema}` has no tables: nothing was written");
        return text;
    }
    if let Some(owners) = &imported.owners_created {
        let _ = writeln!(
            text,
            "created the catalogue {root} ({})",
            catalog::display(owners)
        );
    }
    if !imported.written.is_empty() {
        let count = imported.written.len();
        let _ = writeln!(
            text,
            "wrote {count} table contract{} from schema `{schema}`, v1 released {}:",
            plural(count),
            imported.today.map(|d| d.to_string()).unwrap_or_default()
        );
        for written in &imported.written {
            let _ = writeln!(
                text,
                "  {}  {}",
                catalog::display(&written.file),
                written.id
            );
        }
        if let Some(lock) = &imported.lock {
            let _ = writeln!(text, "recorded in {}", catalog::display(lock));
        }
    }
    if !imported.skipped.is_empty() {
        let count = imported.skipped.len();
        let _ = writeln!(text, "skipped {count} table{}:", plural(count));
        for skipped in &imported.skipped {
            let _ = writeln!(text, "  {}: {}", skipped.table, skipped.reason);
        }
    }
    if !imported.partitions.is_empty() {
        let _ = writeln!(
            text,
            "left out {} partition{} (the partitioned table's contract describes {}): {}",
            imported.partitions.len(),
            plural(imported.partitions.len()),
            if imported.partitions.len() == 1 {
                "it"
            } else {
                "them"
            },
            imported.partitions.join(", ")
        );
    }
    if imported.written.is_empty() {
        text.push_str("nothing was written\n");
        return text;
    }
    text.push_str("a human must settle (contract check reports each until then):\n");
    if let Some(team) = &imported.owner_without_contact {
        let _ = writeln!(
            text,
            "  contract-invalid: owners.yaml lists team `{team}` without a contact: add its email address or chat channel"
        );
    }
    if imported.without_owner > 0 {
        let count = imported.without_owner;
        let _ = writeln!(
            text,
            "  owner-missing: {count} contract{} name{} no owner: set `owner:` to a team from owners.yaml (or import with --owner TEAM)",
            plural(count),
            if count == 1 { "s" } else { "" }
        );
    }
    let count = imported.written.len();
    let _ = writeln!(
        text,
        "  retention-missing: {count} contract{} {} no retention: decide how long rows live and add `retention:` (e.g. `{{delete_after: 730d}}`)",
        plural(count),
        if count == 1 { "has" } else { "have" }
    );
    if !imported.without_description.is_empty() {
        let _ = writeln!(
            text,
            "  description-missing: no COMMENT in the database for {}: describe them (a COMMENT ON before importing keeps the release record true; a description added to the released version later is `released-version-modified`)",
            imported.without_description.join(", ")
        );
    }
    let _ = writeln!(
        text,
        "then `contract check {root}`; `contract drift {root} --database …` compares them with the database"
    );
    text
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_id_segments_only_when_they_map_back() {
        assert_eq!(id_segment_of("core").as_deref(), Some("core"));
        assert_eq!(
            id_segment_of("synthesis_dashboard").as_deref(),
            Some("synthesis-dashboard")
        );
        assert_eq!(id_segment_of("v2_events").as_deref(), Some("v2-events"));
        for bad in [
            "Users",
            "a-b",
            "_hidden",
            "a__b",
            "trailing_",
            "1st",
            "ünï",
            "a b",
            "",
        ] {
            assert_eq!(id_segment_of(bad), None, "{bad}");
        }
    }

    /// Every scalar written reads back as the same string, whatever a comment holds.
    #[test]
    fn scalars_read_back_as_written() {
        for text in [
            "Meeting id.",
            "varchar(10)",
            "text[]",
            "numeric(12,2)",
            "double precision",
            "now()",
            "'draft'",
            "''",
            "'it''s'",
            "true",
            "No",
            "null",
            "~",
            "12",
            "2026-01-01",
            "- a list?",
            "key: value",
            "a # not a comment",
            "multi\nline",
            "tab\there",
            "quote \" and backslash \\",
            "«unicode» ünïcödé",
            "trailing ",
            " leading",
            "{flow}",
            "[flow]",
            "*alias",
            "&anchor",
            "!tag",
            "%directive",
            "@at",
            "`tick`",
            "|literal",
            ">folded",
            "esc \u{1b}[31m",
            "line\u{2028}separator",
        ] {
            let document = format!("value: {}\n", yaml_scalar(text));
            let json = crate::yaml::parse(&document)
                .unwrap_or_else(|error| panic!("{text:?}: {}", error.message))
                .into_json();
            assert_eq!(json["value"], Value::String(text.into()), "{document}");
        }
    }

    #[test]
    fn a_new_catalogues_owners_file_asks_for_the_contact() {
        let with = new_owners(Some("data"));
        let json = crate::yaml::parse(&with).unwrap().into_json();
        assert_eq!(json["teams"][0]["id"], "data");
        assert!(json["teams"][0].get("contact").is_none());
        assert!(!format::validate(Format::Owners, &json).is_empty());
        let without = new_owners(None);
        let json = crate::yaml::parse(&without).unwrap().into_json();
        assert_eq!(json["teams"], serde_json::json!([]));
        assert!(format::validate(Format::Owners, &json).is_empty());
    }

    fn column(name: &str, sql_type: &str, default: Option<&str>) -> LiveColumn {
        LiveColumn {
            name: name.into(),
            sql_type: sql_type.into(),
            not_null: true,
            default: default.map(str::to_string),
            comment: None,
        }
    }

    #[test]
    fn columns_take_the_contracts_spelling() {
        let planned = plan_column(
            "core",
            "t",
            &column("a", "character varying(10)", Some("'x'::character varying")),
        )
        .unwrap();
        assert_eq!(planned.sql_type, "varchar(10)");
        assert_eq!(planned.default.as_deref(), Some("'x'"));
        let planned = plan_column(
            "core",
            "t",
            &column("id", "bigint", Some("nextval('core.t_id_seq'::regclass)")),
        )
        .unwrap();
        assert_eq!(planned.sql_type, "bigserial");
        assert_eq!(planned.default, None);
        let shared = plan_column(
            "core",
            "t",
            &column("id", "integer", Some("nextval('core.shared'::regclass)")),
        )
        .unwrap();
        assert_eq!(shared.sql_type, "integer");
        assert_eq!(
            shared.default.as_deref(),
            Some("nextval('core.shared'::regclass)")
        );
        let error = plan_column("core", "t", &column("geo", "tsvector", None))
            .err()
            .unwrap();
        assert!(
            error.starts_with("column `geo` has type `tsvector`"),
            "{error}"
        );
        let error = plan_column("core", "t", &column("Name", "text", None))
            .err()
            .unwrap();
        assert!(error.starts_with("column `Name` cannot be"), "{error}");
    }
}

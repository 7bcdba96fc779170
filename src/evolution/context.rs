//! What a rule's check can see: one contract, its file, and the catalogue around it.

use crate::catalog::confine::Repository;
use crate::catalog::model::{Contract, Kind, SourceFile};
use crate::catalog::owners::Owners;
use crate::catalog::retention::Kept;
use crate::catalog::settings::Settings;
use crate::compat::SchemaError;
use crate::date::Date;
use crate::evolution::migration::{self, MigrationFile};
use crate::evolution::table::TableDiff;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;

/// Every contract id in the catalogue, with its kind and file, for cross-contract rules.
#[derive(Debug, Default)]
pub struct CatalogIndex {
    pub by_id: HashMap<String, Vec<(Kind, String)>>,
    /// What the lineage rules compare across contracts (compensating events, read models and
    /// their sources), for every contract that passed the format check.
    pub facts: HashMap<String, ContractFacts>,
    /// Per topic, each retention its event contracts state, with the first id (in id order)
    /// stating it: whether a topic's contracts agree costs one lookup per contract.
    pub topic_retentions: HashMap<String, BTreeMap<Kept, String>>,
}

/// The few facts of a contract that another contract's rules look at: small, so recording
/// them for 10,000 contracts costs little.
#[derive(Debug, Clone, Default)]
pub struct ContractFacts {
    pub topic: Option<String>,
    pub partition_key: Option<String>,
    pub retention: Option<crate::catalog::model::Retention>,
    pub storage: Option<crate::catalog::model::Storage>,
    /// The top-level property names of the latest version's schema (events only).
    pub properties: Vec<String>,
    /// The file the contract is in, as the findings show it.
    pub file: String,
}

impl CatalogIndex {
    pub fn insert(&mut self, id: &str, kind: Kind, file: String) {
        self.by_id
            .entry(id.to_string())
            .or_default()
            .push((kind, file));
    }

    /// Records what the lineage rules need to know of `contract`.
    pub fn record(&mut self, contract: &Contract, file: String) {
        let mut facts = ContractFacts {
            retention: contract.retention.clone(),
            storage: contract.storage,
            file,
            ..ContractFacts::default()
        };
        if let Some(event) = contract.as_event() {
            if let (Some(topic), Some(kept)) =
                (&event.topic, contract.retention.as_ref().and_then(Kept::of))
            {
                let first = self
                    .topic_retentions
                    .entry(topic.clone())
                    .or_default()
                    .entry(kept)
                    .or_insert_with(|| contract.id.clone());
                if contract.id < *first {
                    first.clone_from(&contract.id);
                }
            }
            facts.topic = event.topic.clone();
            facts.partition_key = event.partition_key.clone();
            facts.properties = event
                .versions
                .last()
                .and_then(|latest| latest.schema.get("properties"))
                .and_then(Value::as_object)
                .map(|properties| properties.keys().cloned().collect())
                .unwrap_or_default();
        }
        self.facts.insert(contract.id.clone(), facts);
    }

    pub fn kind_of(&self, id: &str) -> Option<Kind> {
        self.by_id
            .get(id)
            .and_then(|entries| entries.first())
            .map(|(kind, _)| *kind)
    }

    /// Ids of the given kind, sorted, for "did you mean" hints.
    pub fn ids_of(&self, kind: Kind) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .by_id
            .iter()
            .filter(|(_, entries)| entries.iter().any(|(k, _)| *k == kind))
            .map(|(id, _)| id.as_str())
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// A version's schema compiled once and shared by the rules that need it.
pub type Compiled = Result<jsonschema::Validator, SchemaProblem>;

/// Why a schema does not compile, and where in the schema (a JSON pointer relative to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaProblem {
    pub pointer: String,
    pub message: String,
    pub help: Option<String>,
}

/// The types JSON Schema knows, for "did you mean" on `type:`.
const TYPES: [&str; 7] = [
    "object", "array", "string", "number", "integer", "boolean", "null",
];

/// A source of a read model kept shorter than the table (see [`Context::sources_kept_shorter`]).
pub struct ShorterSource<'a> {
    pub position: usize,
    pub id: &'a str,
    pub kept: Kept,
    pub table_kept: Kept,
}

pub struct Context<'a> {
    pub contract: &'a Contract,
    pub file: &'a SourceFile,
    pub index: &'a CatalogIndex,
    /// `None` when owners.yaml could not be read (already reported as `contract-invalid`).
    pub owners: Option<&'a Owners>,
    pub settings: &'a Settings,
    pub today: Date,
    /// Where every file the contract names must lie (see [`crate::catalog::confine`]).
    pub repository: &'a Repository,
    compiled: Vec<OnceLock<Compiled>>,
    table_diff: OnceLock<Option<TableDiff>>,
    /// One slot per table version: its `migration:` read and parsed once for every rule.
    migrations: Vec<OnceLock<Option<MigrationFile>>>,
}

impl<'a> Context<'a> {
    pub fn new(
        contract: &'a Contract,
        file: &'a SourceFile,
        index: &'a CatalogIndex,
        owners: Option<&'a Owners>,
        settings: &'a Settings,
        today: Date,
        repository: &'a Repository,
    ) -> Context<'a> {
        let versions = contract.as_event().map_or(0, |event| event.versions.len());
        let table_versions = contract.as_table().map_or(0, |table| table.versions.len());
        Context {
            contract,
            file,
            index,
            owners,
            settings,
            today,
            repository,
            compiled: (0..versions).map(|_| OnceLock::new()).collect(),
            table_diff: OnceLock::new(),
            migrations: (0..table_versions).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The column changes between consecutive versions of a table contract, computed once and
    /// shared by the table evolution rules; `None` for an event contract.
    pub fn table_diff(&self) -> Option<&TableDiff> {
        self.table_diff
            .get_or_init(|| self.contract.as_table().map(TableDiff::new))
            .as_ref()
    }

    /// The sources of a read model (`derived_from`) that are kept shorter than it: each one's
    /// position in the list, id and retention, beside the table's own. Empty for an event, a
    /// table without a comparable retention, or sources whose retention is unknown.
    pub fn sources_kept_shorter(&self) -> Vec<ShorterSource<'a>> {
        let Some(table) = self.contract.as_table() else {
            return vec![];
        };
        let Some(table_kept) = self.contract.retention.as_ref().and_then(Kept::of) else {
            return vec![];
        };
        let index = self.index;
        table
            .derived_from
            .iter()
            .enumerate()
            .filter_map(|(position, source)| {
                let kept = index
                    .facts
                    .get(source)?
                    .retention
                    .as_ref()
                    .and_then(Kept::of)?;
                (kept < table_kept).then_some(ShorterSource {
                    position,
                    id: source,
                    kept,
                    table_kept,
                })
            })
            .collect()
    }

    /// The migration the table version at `position` names, confined to the repository, read
    /// and parsed once; `None` when the version names none (or the contract is an event).
    pub fn migration(&self, position: usize) -> Option<&MigrationFile> {
        let slot = self.migrations.get(position)?;
        slot.get_or_init(|| {
            let named = self.contract.as_table()?.versions[position]
                .migration
                .as_ref()?;
            let directory = self.file.path.parent().unwrap_or(Path::new(""));
            Some(migration::read(self.repository, directory, named))
        })
        .as_ref()
    }

    /// The compiled schema of the event version at `position` in the file, or why it does not
    /// compile. Remote references (the tool never fetches) and local ones that lead nowhere are
    /// refused before compiling.
    pub fn validator(&self, position: usize) -> &Compiled {
        self.compiled[position].get_or_init(|| {
            let schema = &self
                .contract
                .as_event()
                .expect("validators exist for events only")
                .versions[position]
                .schema;
            compile(schema)
        })
    }
}

/// Compiles a payload schema (draft 2020-12 unless it names another), offline.
pub fn compile(schema: &Value) -> Compiled {
    if let Some((pointer, reference)) = first_remote_ref(schema) {
        return Err(SchemaProblem {
            pointer,
            message: format!(
                "`$ref: {reference}` points outside the contract; the tool never fetches schemas"
            ),
            help: Some(
                "copy the definition under `$defs` and refer to it as `#/$defs/<name>`".into(),
            ),
        });
    }
    // Before compiling: the validator takes such a schema, and the problem would otherwise show
    // only once another version is compared with it (or never, for a lone version).
    if let Err(error) = crate::compat::check_references(schema) {
        return Err(reference_problem(error));
    }
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .map_err(|error| problem_of(schema, &error))
}

/// A validation error about `schema` itself (from compiling it, or from its metaschema), as a
/// problem located in it; a misspelt `type` gets a "did you mean".
pub fn problem_of(schema: &Value, error: &jsonschema::ValidationError) -> SchemaProblem {
    let pointer = error.instance_path().as_str().to_string();
    let value = schema.pointer(&pointer);
    let misspelt_type = pointer
        .rsplit('/')
        .next()
        .filter(|last| *last == "type")
        .and(value.and_then(Value::as_str));
    match misspelt_type {
        Some(name) => SchemaProblem {
            message: format!("`type: {name}` is not a JSON Schema type"),
            help: Some(match crate::suggest::closest(name, TYPES) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("use one of: {}", TYPES.join(", ")),
            }),
            pointer,
        },
        None => SchemaProblem {
            message: error.to_string(),
            help: None,
            pointer,
        },
    }
}

/// A `$ref` that leads nowhere, as a problem located at the `$ref` itself.
fn reference_problem(error: SchemaError) -> SchemaProblem {
    match error {
        SchemaError::UnresolvedRef { path, reference } => SchemaProblem {
            pointer: path,
            message: format!("`$ref: {reference}` points at nothing in the schema"),
            help: Some(
                "fix the pointer, or add the missing definition under `$defs` and refer to it as `#/$defs/<name>`"
                    .into(),
            ),
        },
        SchemaError::RefCycle { path, reference } => SchemaProblem {
            pointer: format!("{path}/$ref"),
            message: format!(
                "`$ref: {reference}` only leads to further references and never to a schema"
            ),
            help: Some(
                "make one of the references in the cycle point at an actual schema (an object with keywords, or `true`)"
                    .into(),
            ),
        },
        SchemaError::EndlessRecursion { path, reference } => SchemaProblem {
            pointer: format!("{path}/$ref"),
            message: format!(
                "`$ref: {reference}` applies a schema again to the value it is already validating, without reading a part of it: validation would never end"
            ),
            help: Some(
                "make the recursion go through `properties` or `items`, so each step reads a smaller part of the value"
                    .into(),
            ),
        },
        // The `$ref`, or its target, is not a schema; the compat engine's message says which.
        other => SchemaProblem {
            pointer: other.path().to_owned(),
            message: other.to_string(),
            help: None,
        },
    }
}

/// The first `$ref` that does not stay inside this document (`#…`), with its pointer.
pub fn first_remote_ref(schema: &Value) -> Option<(String, String)> {
    let mut path = Vec::new();
    let reference = find_remote_ref(schema, &mut path)?;
    let mut pointer = String::new();
    for token in path.iter().rev() {
        pointer.push('/');
        pointer.push_str(&crate::pointer::pointer_token(token));
    }
    Some((format!("{pointer}/$ref"), reference.to_string()))
}

/// The search behind [`first_remote_ref`]: `path` collects the tokens from the `$ref`'s parent
/// back up, so no pointer is built for the thousands of nodes that hold none.
fn find_remote_ref<'a>(schema: &'a Value, path: &mut Vec<String>) -> Option<&'a str> {
    match schema {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get("$ref")
                && !reference.starts_with('#')
            {
                return Some(reference);
            }
            object.iter().find_map(|(key, value)| {
                let found = find_remote_ref(value, path)?;
                path.push(key.clone());
                Some(found)
            })
        }
        Value::Array(items) => items.iter().enumerate().find_map(|(index, item)| {
            let found = find_remote_ref(item, path)?;
            path.push(index.to_string());
            Some(found)
        }),
        _ => None,
    }
}

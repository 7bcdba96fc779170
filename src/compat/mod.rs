//! JSON Schema compatibility: the differences between an old and a new schema, and their verdicts.
//!
//! The comparison follows Confluent Schema Registry's JSON Schema checker
//! (`io.confluent.kafka.schemaregistry.json.diff`): it walks both schemas side by side, records
//! every [`Difference`] with a [`DifferenceKind`], and a fixed table says which kinds keep
//! backward compatibility. Forward compatibility is backward compatibility with the schemas
//! swapped. The module is pure: no I/O, and a non-local `$ref` is refused, never fetched.
//!
//! Takes in two JSON Schemas as `serde_json` values; hands on differences and verdicts to
//! `evolution/` and to `contract compat`. It knows nothing of contracts, rules or files: it imports
//! only the shared pieces.

mod applicators;
mod array;
mod combined;
mod cover;
mod difference;
mod empty;
mod equality;
mod finite;
mod ids;
mod node;
mod object;
mod pattern;
mod recursion;
mod refs;
mod scalar;
mod sets;
pub mod witness;

#[cfg(test)]
mod tests;

use std::fmt;

use serde_json::Value;

pub use difference::DifferenceKind;

/// Which readers must keep working.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Every payload valid under old is valid under new (new consumers read old data).
    Backward,
    /// Every payload valid under new is valid under old (old consumers read new data).
    Forward,
}

/// How strictly an optional property added to an open content model is judged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Policy {
    /// Adding a property to an open content model is compatible ("new fields are additive").
    #[default]
    Lenient,
    /// Confluent's verdicts exactly: old payloads may already carry any property, so
    /// constraining a new one is breaking.
    Strict,
}

/// One change between the old and the new schema.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Difference {
    pub kind: DifferenceKind,
    /// JSON pointer into the old schema ("" is the root). Where the changed node exists only in
    /// the new schema, the closest existing parent in the old one.
    pub old_path: String,
    /// JSON pointer into the new schema, with the same convention.
    pub new_path: String,
    /// A sentence for humans saying what changed.
    pub detail: String,
}

/// The outcome of [`check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Whether every difference is compatible in the requested direction.
    pub compatible: bool,
    /// Every difference, with whether it is compatible in the requested direction.
    pub differences: Vec<(Difference, bool)>,
}

/// A schema that cannot be compared. Each message says what to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemaError {
    /// A `$ref` that leaves the document; contracts must be self-contained.
    RemoteRef { path: String, reference: String },
    /// A local `$ref` whose target does not exist.
    UnresolvedRef { path: String, reference: String },
    /// A chain of `$ref`s that only points at itself and never reaches a schema.
    RefCycle { path: String, reference: String },
    /// A `$ref` to an anchor that two schemas of the same resource declare: the
    /// specifications require anchors to be unique, and validators pick different ones.
    AmbiguousAnchor { path: String, reference: String },
    /// A `$ref` that applies a schema again to the value it is validating, through in-place
    /// keywords only (`allOf`, `anyOf`, `oneOf`, `not`, `if`…), so validation never ends.
    EndlessRecursion { path: String, reference: String },
    /// Nesting deeper than [`MAX_DEPTH`] levels.
    TooDeep { path: String },
    /// The comparison would take more than [`MAX_WORK`] steps (e.g. deeply nested `oneOf`s,
    /// or `$ref`s that multiply).
    TooComplex { path: String },
    /// A value where a schema (an object or a boolean) must be.
    NotASchema { path: String, found: String },
}

/// The deepest schema nesting compared; deeper schemas are refused with [`SchemaError::TooDeep`].
pub const MAX_DEPTH: usize = 256;
/// The most schema-node comparisons one call may perform before [`SchemaError::TooComplex`].
pub const MAX_WORK: usize = 250_000;

/// Nesting compared on the caller's stack. Deeper comparisons are redone on a thread of
/// their own with `LARGE_STACK` bytes, so a 2 MiB worker thread (rayon's, a test's) never
/// overflows while ordinary schemas pay nothing for the rare deep one.
const INLINE_DEPTH: usize = 48;
const LARGE_STACK: usize = 256 << 20;

impl SchemaError {
    /// The JSON pointer, into the schema at fault, of the place the error is about.
    pub fn path(&self) -> &str {
        match self {
            SchemaError::RemoteRef { path, .. }
            | SchemaError::UnresolvedRef { path, .. }
            | SchemaError::RefCycle { path, .. }
            | SchemaError::AmbiguousAnchor { path, .. }
            | SchemaError::EndlessRecursion { path, .. }
            | SchemaError::TooDeep { path }
            | SchemaError::TooComplex { path }
            | SchemaError::NotASchema { path, .. } => path,
        }
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemaError::RemoteRef { path, reference } => write!(
                f,
                "`$ref` {reference:?} at {path:?} points outside the schema; remote references \
                 are never fetched: copy the definition under `$defs` and use \"#/$defs/...\""
            ),
            SchemaError::UnresolvedRef { path, reference } => write!(
                f,
                "`$ref` {reference:?} at {path:?} points at nothing; fix the pointer or add the \
                 missing definition under `$defs`"
            ),
            SchemaError::RefCycle { path, reference } => write!(
                f,
                "`$ref` {reference:?} at {path:?} only leads back to itself; make one of the \
                 references point at an actual schema"
            ),
            SchemaError::AmbiguousAnchor { path, reference } => write!(
                f,
                "`$ref` {reference:?} at {path:?} names an anchor that more than one schema \
                 of the document declares; anchors must be unique: rename one of them"
            ),
            SchemaError::EndlessRecursion { path, reference } => write!(
                f,
                "`$ref` {reference:?} at {path:?} applies a schema again to the value it is \
                 validating, without reading a part of it: validation would never end; make the \
                 recursion go through `properties` or `items`"
            ),
            SchemaError::TooDeep { path } => write!(
                f,
                "the schema nests deeper than {MAX_DEPTH} levels at {path:?}; flatten it with \
                 `$defs` and `$ref`"
            ),
            SchemaError::TooComplex { path } => write!(
                f,
                "comparing the schemas takes more than {MAX_WORK} steps (stopped at {path:?}); \
                 reduce nested `oneOf`/`anyOf`/`allOf` alternatives or repeated references"
            ),
            SchemaError::NotASchema { path, found } => write!(
                f,
                "expected a schema (an object or a boolean) at {path:?}, found {found}; fix the \
                 value at that place"
            ),
        }
    }
}

impl std::error::Error for SchemaError {}

/// Whether every local `$ref` in `schema` leads to a schema: one whose target is missing
/// ([`SchemaError::UnresolvedRef`]), or whose chain of references only reaches further
/// references ([`SchemaError::RefCycle`]), makes the schema unusable on its own, before any
/// comparison. Every `$ref` in the document is followed, reached from the root or not, with the
/// same resolver the comparison uses. A reference back into a schema (`{"properties": {"next":
/// {"$ref": "#"}}}`, a linked list) has a way out and passes; one that applies a schema again to
/// the same value through `allOf`/`anyOf`/`oneOf`/`not`/`if` only has none
/// ([`SchemaError::EndlessRecursion`]). Remote references are
/// [`differences`]' business (and the caller's): they are skipped here.
pub fn check_references(schema: &Value) -> Result<(), SchemaError> {
    node::check_references(schema)?;
    recursion::check_in_place_loops(schema)
}

/// All differences going from `old` to `new` (Confluent's `SchemaDiff.compare(original=old,
/// update=new)`), judging combined-schema matches under the default policy.
pub fn differences(old: &Value, new: &Value) -> Result<Vec<Difference>, SchemaError> {
    differences_with(old, new, Policy::default())
}

/// Like [`differences`], with the policy used when pairing `oneOf`/`anyOf`/`allOf` subschemas
/// and partially open content models (which pairings count as compatible depends on it).
pub fn differences_with(
    old: &Value,
    new: &Value,
    policy: Policy,
) -> Result<Vec<Difference>, SchemaError> {
    refs::ensure_local(old)?;
    refs::ensure_local(new)?;
    let mut comparer = node::Comparer::new(old, new, policy, INLINE_DEPTH);
    match comparer.run() {
        Err(_) if comparer.needs_larger_stack => std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("contract-compat".into())
                .stack_size(LARGE_STACK)
                .spawn_scoped(scope, || {
                    node::Comparer::new(old, new, policy, MAX_DEPTH).run()
                })
                // Only fails when the OS refuses a thread; then the inline limit stands.
                .map_err(|_| SchemaError::TooDeep {
                    path: String::new(),
                })?
                .join()
                // The comparer does not panic; if it ever did, surface the panic as is.
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }),
        result => result,
    }
}

/// Compares `old` with `new` in `direction` under `policy`.
///
/// Backward uses `differences(old, new)`. Forward uses `differences(new, old)` and swaps the
/// paths back, so `old_path` always points into `old`.
pub fn check(
    old: &Value,
    new: &Value,
    direction: Direction,
    policy: Policy,
) -> Result<Verdict, SchemaError> {
    let found = match direction {
        Direction::Backward => differences_with(old, new, policy)?,
        Direction::Forward => differences_with(new, old, policy)?
            .into_iter()
            .map(|d| Difference {
                old_path: d.new_path,
                new_path: d.old_path,
                ..d
            })
            .collect(),
    };
    let differences: Vec<(Difference, bool)> = found
        .into_iter()
        .map(|d| {
            let ok = d.kind.is_compatible(policy);
            (d, ok)
        })
        .collect();
    Ok(Verdict {
        compatible: differences.iter().all(|(_, ok)| *ok),
        differences,
    })
}

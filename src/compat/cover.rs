//! Proofs that one union (or intersection) of subschemas includes another, for the cases
//! Confluent's pairing of subschemas calls breaking although every old value stays valid:
//! a union merged into one schema that covers every branch, a schema split into type branches
//! (`type: [A, B]` → `anyOf: [{type: A}, {type: B}]`), `allOf` → `anyOf` of other branches.
//!
//! Asked only after the pairing found a break, so compatible comparisons pay nothing. Each proof
//! is sound, never complete: old ⊆ new is claimed only from pairwise inclusions the comparer
//! itself judged compatible, combined by the set laws below; anything else stays breaking.
//!
//! - old `anyOf`/`oneOf`: every old branch is included in new (a `oneOf` accepts a subset of
//!   what the `anyOf` of the same branches does).
//! - old `allOf`: one old conjunct included in new is enough; against a new `allOf`, so is every
//!   new conjunct including some old one.
//! - X ⊆ new `allOf`: X ⊆ every conjunct. X ⊆ new `anyOf`: X ⊆ some branch, or X split by type
//!   across branches. X ⊆ new `oneOf`: the same, with exclusivity proven by disjoint types or
//!   values (a value of X must match one branch only).

use serde_json::Value;

use super::combined::{Criterion, Side, disjoint};
use super::difference::DifferenceKind;
use super::node::Comparer;
use super::{Policy, SchemaError};

/// Whether every value valid under `old` is valid under `new`, proven from their subschemas.
pub(crate) fn includes<'a>(
    c: &mut Comparer<'a>,
    old: &Side<'a>,
    new: &Side<'a>,
) -> Result<bool, SchemaError> {
    match old.criterion {
        Criterion::Any | Criterion::One => {
            for (schema, path) in &old.subschemas {
                if !included(c, schema, path, new)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Criterion::All => {
            // An old payload may hold a property one conjunct leaves undeclared and another
            // declares, so the lenient relaxation (no undeclared property in old payloads) is
            // no proof here: conjuncts are compared under strict.
            let policy = std::mem::replace(&mut c.policy, super::Policy::Strict);
            let result = includes_all(c, old, new);
            c.policy = policy;
            result
        }
    }
}

/// [`includes`] for an old `allOf`.
fn includes_all<'a>(
    c: &mut Comparer<'a>,
    old: &Side<'a>,
    new: &Side<'a>,
) -> Result<bool, SchemaError> {
    for (schema, path) in &old.subschemas {
        if included(c, schema, path, new)? {
            return Ok(true);
        }
    }
    if new.criterion != Criterion::All {
        return Ok(false);
    }
    // Every new conjunct holds if some old conjunct implies it.
    for (new_schema, new_path) in &new.subschemas {
        let mut implied = false;
        for (old_schema, old_path) in &old.subschemas {
            if c.sub(old_schema, old_path.clone(), new_schema, new_path.clone())?
                .1
            {
                implied = true;
                break;
            }
        }
        if !implied {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether every value valid under the old subschema `schema` is valid under `new`.
fn included<'a>(
    c: &mut Comparer<'a>,
    schema: &'a Value,
    path: &str,
    new: &Side<'a>,
) -> Result<bool, SchemaError> {
    let mut inside = Vec::with_capacity(new.subschemas.len());
    for (new_schema, new_path) in &new.subschemas {
        inside.push(
            c.sub(schema, path.to_owned(), new_schema, new_path.clone())?
                .1,
        );
    }
    match new.criterion {
        Criterion::All => Ok(inside.iter().all(|&ok| ok)),
        Criterion::Any => Ok(inside.iter().any(|&ok| ok) || split(c, schema, path, new)?),
        Criterion::One => {
            // Inside branch j and outside every other one, so `oneOf` still picks exactly one.
            let exclusive = inside.iter().enumerate().any(|(j, &ok)| {
                ok && new
                    .subschemas
                    .iter()
                    .enumerate()
                    .all(|(k, (other, _))| k == j || disjoint(schema, other))
            });
            if exclusive {
                return Ok(true);
            }
            let pairwise_disjoint = new.subschemas.iter().enumerate().all(|(j, (a, _))| {
                new.subschemas
                    .iter()
                    .skip(j + 1)
                    .all(|(b, _)| disjoint(a, b))
            });
            Ok(pairwise_disjoint && split(c, schema, path, new)?)
        }
    }
}

/// Whether the old subschema, cut by type, fits the new branches: for each type it accepts,
/// some branch of that type accepts everything the old schema holds of it.
///
/// The comparer compares keywords only for the types both sides share, so a comparison whose
/// only breaking difference is the type itself, at the old schema's `type` keyword, shows that
/// the old values of the branch's types are inside the branch. Branches with combinators or
/// `not`, or that accept nothing, are not used: their `type` does not say what they accept.
fn split<'a>(
    c: &mut Comparer<'a>,
    schema: &'a Value,
    path: &str,
    new: &Side<'a>,
) -> Result<bool, SchemaError> {
    let old = c.outline(true, schema, path.to_owned())?;
    // Without a `type` keyword a type difference would be reported at the schema's own place,
    // where an empty new branch is reported too: the proof could not tell them apart.
    let Some(type_path) = old.type_path else {
        return Ok(false);
    };
    let policy = c.policy;
    let mut covered = 0u8;
    for (new_schema, new_path) in &new.subschemas {
        let branch = c.outline(false, new_schema, new_path.clone())?;
        if branch.combined || branch.empty || branch.types & old.types == 0 {
            continue;
        }
        let (found, _) = c.sub(schema, path.to_owned(), new_schema, new_path.clone())?;
        let only_the_type_differs = found.iter().all(|d| {
            d.kind.is_compatible(policy)
                || (matches!(
                    d.kind,
                    DifferenceKind::TypeNarrowed
                        | DifferenceKind::SumTypeNarrowed
                        | DifferenceKind::TypeChanged
                ) && d.old_path == type_path)
        });
        if only_the_type_differs {
            covered |= branch.types;
            if policy == Policy::Lenient {
                c.relied_on
                    .extend(found.into_iter().filter(|d| d.kind.is_lenient_only()));
            }
        }
    }
    Ok(old.types & !covered == 0)
}

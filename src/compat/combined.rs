//! `allOf`/`anyOf`/`oneOf`: criterion changes, size changes, and pairing subschemas across
//! versions by a maximum matching of compatible pairs (Confluent's CombinedSchemaDiff).

use serde_json::Value;

use super::cover;
use super::difference::DifferenceKind;
use super::equality::json_equal;
use super::node::{Comparer, diff};
use super::refs;
use super::{Difference, SchemaError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Criterion {
    All,
    Any,
    One,
}

impl Criterion {
    pub(crate) const ALL: [Criterion; 3] = [Criterion::All, Criterion::Any, Criterion::One];

    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Criterion::All => "allOf",
            Criterion::Any => "anyOf",
            Criterion::One => "oneOf",
        }
    }
}

/// One side of a combined comparison: the criterion and its subschemas with their pointers.
pub(crate) struct Side<'a> {
    pub(crate) criterion: Criterion,
    /// Pointer to the combinator keyword (or to the lone schema standing in for one).
    pub(crate) path: String,
    pub(crate) subschemas: Vec<(&'a Value, String)>,
}

impl<'a> Side<'a> {
    pub(crate) fn list(criterion: Criterion, subschemas: &'a [Value], path: String) -> Self {
        let mut kept: Vec<(&'a Value, String)> = Vec::with_capacity(subschemas.len());
        for (i, schema) in subschemas.iter().enumerate() {
            // A repeated subschema changes nothing in `allOf`/`anyOf` (A ∧ A = A ∨ A = A); in
            // `oneOf` it does (a value matching it matches twice), so those are kept. Long
            // lists are kept as they are, to keep this quadratic check cheap.
            let repeated = criterion != Criterion::One
                && subschemas.len() <= MAX_DEDUPLICATED
                && kept.iter().any(|(seen, _)| json_equal(seen, schema));
            if !repeated {
                kept.push((schema, refs::index(&path, i)));
            }
        }
        let subschemas = kept;
        Side {
            criterion,
            path,
            subschemas,
        }
    }

    /// "the old `anyOf`", or "the old schema" for a lone one.
    fn describe(&self, side: &str) -> String {
        match self.subschemas.len() {
            1 => format!("the {side} schema"),
            _ => format!("the {side} `{}`", self.criterion.keyword()),
        }
    }

    /// A plain schema seen as a one-member combinator.
    pub(crate) fn single(criterion: Criterion, schema: &'a Value, path: String) -> Self {
        Side {
            criterion,
            subschemas: vec![(schema, path.clone())],
            path,
        }
    }
}

/// The longest `allOf`/`anyOf` list searched for repeated subschemas.
const MAX_DEDUPLICATED: usize = 32;

pub(crate) fn compare<'a>(
    c: &mut Comparer<'a>,
    mut old: Side<'a>,
    mut new: Side<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    // A combinator of one subschema is that subschema, whatever its keyword: take the other
    // side's, so `oneOf: [X]` → `allOf: [X]` is no change.
    if new.subschemas.len() == 1 {
        new.criterion = old.criterion;
    } else if old.subschemas.len() == 1 {
        old.criterion = new.criterion;
    }
    let start = c.relied_on.len();
    let mut paired = Vec::new();
    pair(c, &old, &new, &mut paired)?;
    let policy = c.policy;
    let relied_before = c.relied_on.len();
    let covered =
        !paired.iter().all(|d| d.kind.is_compatible(policy)) && cover::includes(c, &old, &new)?;
    // What the proof relied on is reported below or not at all (an enclosing proof sees it
    // again in these differences), so nothing collected here outlives this comparison.
    let relied = super::node::dedup(c.relied_on.split_off(relied_before));
    c.relied_on.truncate(start);
    if !covered {
        out.extend(paired);
        return Ok(());
    }
    // The pairing saw a break, yet every old value is still valid: keep what it found that
    // holds, and say why the rest does not break. A proof that took the lenient relaxation
    // (a property added to an open model) shows those properties, so the verdict says so.
    out.extend(paired.into_iter().filter(|d| d.kind.is_compatible(policy)));
    out.extend(relied);
    let detail = format!(
        "every value {} accepts is accepted by {}",
        old.describe("old"),
        new.describe("new")
    );
    out.push(diff(
        DifferenceKind::CombinedTypeCovered,
        old.path,
        new.path,
        detail,
    ));
    Ok(())
}

/// Confluent's comparison: criterion and size changes, then a maximum matching of compatible
/// subschema pairs.
fn pair<'a>(
    c: &mut Comparer<'a>,
    old: &Side<'a>,
    new: &Side<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    use Criterion::*;
    let criterion_change = match (old.criterion, new.criterion) {
        (a, b) if a == b => None,
        (_, Any) | (All, One) => Some(DifferenceKind::CombinedTypeExtended),
        _ => Some(DifferenceKind::CombinedTypeChanged),
    };
    if let Some(kind) = criterion_change {
        out.push(diff(
            kind,
            old.path.clone(),
            new.path.clone(),
            format!(
                "`{}` became `{}`",
                old.criterion.keyword(),
                new.criterion.keyword()
            ),
        ));
        if kind == DifferenceKind::CombinedTypeChanged {
            return Ok(());
        }
    }
    let (old_len, new_len) = (old.subschemas.len(), new.subschemas.len());
    let product = new.criterion == All;
    let size_change = match old_len.cmp(&new_len) {
        std::cmp::Ordering::Less if product => Some(DifferenceKind::ProductTypeExtended),
        std::cmp::Ordering::Less => Some(DifferenceKind::SumTypeExtended),
        std::cmp::Ordering::Greater if product => Some(DifferenceKind::ProductTypeNarrowed),
        std::cmp::Ordering::Greater => Some(DifferenceKind::SumTypeNarrowed),
        std::cmp::Ordering::Equal => None,
    };
    if let Some(kind) = size_change {
        out.push(diff(
            kind,
            old.path.clone(),
            new.path.clone(),
            format!("{old_len} → {new_len} subschemas"),
        ));
    }

    // Compare every old subschema with every new one; compatible pairs are the edges.
    let mut pairs: Vec<Vec<Option<Vec<Difference>>>> = Vec::with_capacity(old_len);
    for (i, (old_schema, old_path)) in old.subschemas.iter().enumerate() {
        let mut row = Vec::with_capacity(new_len);
        for (new_schema, new_path) in &new.subschemas {
            let (found, ok) = c.sub(old_schema, old_path.clone(), new_schema, new_path.clone())?;
            let ok = ok && !(old.criterion == All && declared_by_sibling(old, i, &found));
            row.push(ok.then_some(found));
        }
        pairs.push(row);
    }
    let matched = maximum_matching(&pairs, new_len);
    let mut matched_count = 0;
    for (j, i) in matched.iter().enumerate() {
        if let Some(i) = i {
            matched_count += 1;
            // Confluent drops these; they are all compatible, and worth showing (a field
            // widened inside a branch is still a change a reader wants to see).
            if let Some(found) = pairs[*i][j].take() {
                out.extend(found);
            }
        }
    }
    if new.criterion == One && new_len > 1 {
        exclusivity(c, old, new, &matched, out)?;
    }
    if matched_count < old_len.min(new_len) {
        out.push(diff(
            DifferenceKind::CombinedTypeSubschemasChanged,
            old.path.clone(),
            new.path.clone(),
            format!(
                "only {matched_count} of {} subschemas pair with a compatible one",
                old_len.min(new_len)
            ),
        ));
    }
    Ok(())
}

/// Whether a property the pairing calls "added to an open content model" of old conjunct `i`
/// is declared by another old `allOf` conjunct: old payloads then hold it with that schema, so
/// the lenient relaxation (old payloads carry no undeclared property) does not hold for it.
fn declared_by_sibling(old: &Side<'_>, i: usize, found: &[Difference]) -> bool {
    found
        .iter()
        .filter(|d| d.kind == DifferenceKind::PropertyAddedToOpenContentModel)
        .filter_map(|d| d.new_path.rsplit('/').next())
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .any(|name| {
            old.subschemas.iter().enumerate().any(|(k, (schema, _))| {
                k != i
                    && schema
                        .get("properties")
                        .and_then(|p| p.get(&name))
                        .is_some()
            })
        })
}

/// Kuhn's augmenting paths over the compatible pairs, trying the pairs with the fewest
/// differences first so identical subschemas pair with each other. Returns, for each new
/// subschema, the old one it is paired with.
/// `oneOf` rejects a value that matches two branches. An old value that went to new branch `j`
/// must therefore match no other new branch `k`: provably so when the old branch and `k` are
/// disjoint (types, `const`/`enum` values, or a required discriminator property with disjoint
/// values), or when `k` accepts nothing beyond another old `oneOf` branch (whose values the old
/// branch could not share). Otherwise an overlap may reject old data: breaking.
fn exclusivity<'a>(
    c: &mut Comparer<'a>,
    old: &Side<'a>,
    new: &Side<'a>,
    matched: &[Option<usize>],
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    for (j, i) in matched.iter().enumerate() {
        let Some(i) = *i else { continue };
        let (old_schema, old_path) = &old.subschemas[i];
        for (k, (other, other_path)) in new.subschemas.iter().enumerate() {
            if k == j || disjoint(old_schema, other) {
                continue;
            }
            let mut covered = false;
            if old.criterion == Criterion::One {
                for (l, (old_other, old_other_path)) in old.subschemas.iter().enumerate() {
                    if l != i
                        && c.sub_swapped(
                            old_other,
                            old_other_path.clone(),
                            other,
                            other_path.clone(),
                        )?
                    {
                        covered = true;
                        break;
                    }
                }
            }
            if !covered {
                out.push(diff(
                    DifferenceKind::CombinedTypeSubschemasChanged,
                    old_path.clone(),
                    other_path.clone(),
                    format!(
                        "a value of {old_path:?} may also match {other_path:?}; `oneOf` rejects \
                         a value that matches two subschemas"
                    ),
                ));
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Whether no value can be valid under both schemas, judged from their own keywords only.
/// Never for a schema holding a `$ref`: drafts 04-07 ignore the keywords beside it, so they
/// prove nothing there (and in 2019-09 on, the target may matter as much as they do).
pub(crate) fn disjoint(a: &Value, b: &Value) -> bool {
    if a.get("$ref").is_some() || b.get("$ref").is_some() {
        return false;
    }
    if super::empty::shallow_empty(a) || super::empty::shallow_empty(b) {
        return true;
    }
    if type_bits(a) & type_bits(b) == 0 {
        return true;
    }
    if let (Some(x), Some(y)) = (values(a), values(b))
        && !x.iter().any(|v| y.contains(v))
    {
        return true;
    }
    // A discriminator: a property both require, with disjoint allowed values. `required` and
    // `properties` only constrain objects, so it separates the two only where every value
    // both could share is an object (a `null` passes both).
    if type_bits(a) & type_bits(b) != 4 {
        return false;
    }
    let required = |s: &Value| -> Vec<String> {
        s.get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let property = |s: &'_ Value, name: &str| -> Option<Vec<Value>> {
        values(s.get("properties")?.get(name)?)
    };
    let (ra, rb) = (required(a), required(b));
    ra.iter().filter(|name| rb.contains(name)).any(|name| {
        match (property(a, name), property(b, name)) {
            (Some(x), Some(y)) => !x.iter().any(|v| y.contains(v)),
            _ => false,
        }
    })
}

/// Type bits of a schema's own `type` keyword (every type without one).
fn type_bits(schema: &Value) -> u8 {
    let bit = |name: &str| match name {
        "null" => 1,
        "boolean" => 2,
        "object" => 4,
        "array" => 8,
        "number" => 16 | 32,
        "integer" => 32,
        "string" => 64,
        _ => 0,
    };
    let declared = match schema.get("type") {
        Some(Value::String(name)) => bit(name),
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(Value::as_str)
            .fold(0, |a, n| a | bit(n)),
        _ => 127,
    };
    match values(schema) {
        Some(list) => {
            declared
                & list.iter().fold(0, |acc, v| {
                    acc | match v {
                        Value::Null => 1,
                        Value::Bool(_) => 2,
                        Value::Object(_) => 4,
                        Value::Array(_) => 8,
                        Value::String(_) => 64,
                        Value::Number(n) if n.is_i64() || n.is_u64() => 32,
                        Value::Number(n) if n.as_f64().is_some_and(|f| f.fract() == 0.0) => 32,
                        Value::Number(_) => 16,
                    }
                })
        }
        None => declared,
    }
}

/// The values `const`/`enum` allow, when the schema lists them.
fn values(schema: &Value) -> Option<Vec<Value>> {
    if let Some(constant) = schema.get("const") {
        return Some(vec![constant.clone()]);
    }
    schema.get("enum")?.as_array().cloned()
}

fn maximum_matching(pairs: &[Vec<Option<Vec<Difference>>>], new_len: usize) -> Vec<Option<usize>> {
    let candidates: Vec<Vec<usize>> = pairs
        .iter()
        .map(|row| {
            let mut js: Vec<usize> = (0..new_len).filter(|&j| row[j].is_some()).collect();
            js.sort_by_key(|&j| row[j].as_ref().map_or(usize::MAX, Vec::len));
            js
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; new_len];
    for i in 0..pairs.len() {
        let mut seen = vec![false; new_len];
        augment(i, &candidates, &mut owner, &mut seen);
    }
    owner
}

fn augment(
    i: usize,
    candidates: &[Vec<usize>],
    owner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for &j in &candidates[i] {
        if seen[j] {
            continue;
        }
        seen[j] = true;
        let free = match owner[j] {
            None => true,
            Some(other) => augment(other, candidates, owner, seen),
        };
        if free {
            owner[j] = Some(i);
            return true;
        }
    }
    false
}

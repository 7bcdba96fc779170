//! Array keywords: `items` (list and tuple forms, draft-07 and 2020-12), `prefixItems`,
//! additional items, `minItems`, `maxItems`, `uniqueItems` (Confluent's ArraySchemaDiff).

use serde_json::Value;

use super::difference::DifferenceKind;
use super::empty;
use super::node::{Comparer, Node, diff};
use super::refs;
use super::scalar::{bound, compare_bound};
use super::{Difference, SchemaError};

/// What a schema says about items past its tuple (or about every item, without a tuple).
enum Rest<'a> {
    Open,
    Closed,
    Schema(&'a Value, String),
}

impl Rest<'_> {
    fn permits(&self) -> bool {
        !matches!(self, Rest::Closed)
    }
}

/// An array schema in one shape for both drafts: positional item schemas, and the rest.
struct Items<'a> {
    tuple: Option<(&'a [Value], String)>,
    rest: Rest<'a>,
    /// Pointer to the keyword holding `rest`, or to the schema when there is none.
    rest_path: String,
}

fn items<'a>(node: &Node<'a>) -> Items<'a> {
    let rest_of = |keyword: &str| {
        let rest = match node.get(keyword) {
            None | Some((Value::Bool(true), _)) => Rest::Open,
            Some((Value::Bool(false), _)) => Rest::Closed,
            Some((Value::Object(map), _)) if map.is_empty() => Rest::Open,
            Some((value, _)) => Rest::Schema(value, node.kw_path(keyword)),
        };
        (rest, node.kw_path(keyword))
    };
    if let Some((Value::Array(tuple), _)) = node.get("prefixItems") {
        let (rest, rest_path) = rest_of("items");
        return Items {
            tuple: Some((tuple.as_slice(), node.kw_path("prefixItems"))),
            rest,
            rest_path,
        };
    }
    if let Some((Value::Array(tuple), _)) = node.get("items") {
        // Draft-07 tuple form.
        let (rest, rest_path) = rest_of("additionalItems");
        return Items {
            tuple: Some((tuple.as_slice(), node.kw_path("items"))),
            rest,
            rest_path,
        };
    }
    let (rest, rest_path) = rest_of("items");
    Items {
        tuple: None,
        rest,
        rest_path,
    }
}

pub(crate) fn compare<'a>(
    c: &mut Comparer<'a>,
    o: &Node<'a>,
    n: &Node<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    use DifferenceKind::*;
    let (old, new) = (items(o), items(n));
    let start = out.len();
    compare_bound(
        o,
        n,
        "maxItems",
        bound!(
            MaxItemsAdded,
            MaxItemsRemoved,
            MaxItemsIncreased,
            MaxItemsDecreased
        ),
        out,
    );
    // Old payloads hold at most this many items (`maxItems`, or a closed tuple's length):
    // what the new schema says about places past that is never asked of them
    // (`{"maxItems": 0}` → `{"items": false}` keeps every old payload valid).
    if let Some(max) = capacity(o, &old)
        && capacity(n, &new).is_none_or(|new_max| new_max >= max)
    {
        // The new bound still admits every length old payloads have (`maxItems` added beside
        // a closed tuple of that length): drop the break, keep the loosenings.
        let mut index = 0;
        out.retain(|d| {
            index += 1;
            index <= start || d.kind.is_compatible(c.policy)
        });
    }
    compare_bound(
        o,
        n,
        "minItems",
        bound!(
            MinItemsAdded,
            MinItemsRemoved,
            MinItemsIncreased,
            MinItemsDecreased
        ),
        out,
    );
    // Past an explicit `maxItems`, no old payload has an item (a closed tuple's own places
    // are compared as Confluent does: items added to a closed model).
    let reached = o.get("maxItems").and_then(|(v, _)| v.as_u64());
    let unique = |node: &Node<'_>| matches!(node.get("uniqueItems"), Some((Value::Bool(true), _)));
    let at_most_one = reached.is_some_and(|max| max <= 1);
    match (unique(o), unique(n) && !at_most_one) {
        (false, true) => out.push(diff(
            UniqueItemsAdded,
            o.kw_path("uniqueItems"),
            n.kw_path("uniqueItems"),
            "items must now be unique".into(),
        )),
        (true, false) => out.push(diff(
            UniqueItemsRemoved,
            o.kw_path("uniqueItems"),
            n.kw_path("uniqueItems"),
            "items no longer need to be unique".into(),
        )),
        _ => {}
    }
    let lists = old.tuple.is_none() && new.tuple.is_none();
    let rest_starts = tuple_length(&old).max(tuple_length(&new)) as u64;
    if reached.is_none_or(|max| max > rest_starts) {
        compare_rest(c, &old, &new, lists, out)?;
    }
    if !lists {
        compare_tuples(c, o, n, &old, &new, reached, out)?;
    }
    Ok(())
}

fn tuple_length(items: &Items<'_>) -> usize {
    items.tuple.as_ref().map_or(0, |(tuple, _)| tuple.len())
}

/// The most items a schema's payloads can hold, when bounded: `maxItems`, or the length of a
/// tuple closed to further items.
fn capacity(node: &Node<'_>, items: &Items<'_>) -> Option<u64> {
    let max_items = node.get("maxItems").and_then(|(v, _)| v.as_u64());
    let closed = matches!(items.rest, Rest::Closed).then(|| tuple_length(items) as u64);
    match (max_items, closed) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Additional items, or, for two plain lists, the item schema itself (where Confluent reports
/// a schema added or removed).
fn compare_rest<'a>(
    c: &mut Comparer<'a>,
    old: &Items<'a>,
    new: &Items<'a>,
    lists: bool,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    let (kind, detail) = if old.rest.permits() != new.rest.permits() {
        if old.rest.permits() {
            (
                DifferenceKind::AdditionalItemsRemoved,
                "further items are no longer allowed",
            )
        } else {
            (
                DifferenceKind::AdditionalItemsAdded,
                "further items are now allowed",
            )
        }
    } else {
        match (&old.rest, &new.rest) {
            (Rest::Open, Rest::Schema(..)) if lists => {
                (DifferenceKind::SchemaAdded, "items must now match a schema")
            }
            (Rest::Schema(..), Rest::Open) if lists => (
                DifferenceKind::SchemaRemoved,
                "items may now hold any value",
            ),
            (Rest::Open, Rest::Schema(..)) => (
                DifferenceKind::AdditionalItemsNarrowed,
                "further items must now match a schema",
            ),
            (Rest::Schema(..), Rest::Open) => (
                DifferenceKind::AdditionalItemsExtended,
                "further items may now hold any value",
            ),
            (Rest::Schema(a, ap), Rest::Schema(b, bp)) => {
                return c.compare(a, ap.clone(), b, bp.clone(), out);
            }
            _ => return Ok(()),
        }
    };
    out.push(diff(
        kind,
        old.rest_path.clone(),
        new.rest_path.clone(),
        detail.into(),
    ));
    Ok(())
}

fn compare_tuples<'a>(
    c: &mut Comparer<'a>,
    o: &Node<'a>,
    n: &Node<'a>,
    old: &Items<'a>,
    new: &Items<'a>,
    reached: Option<u64>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    let none: &[Value] = &[];
    let (old_tuple, old_base) = old.tuple.clone().unwrap_or((none, o.path.clone()));
    let (new_tuple, new_base) = new.tuple.clone().unwrap_or((none, n.path.clone()));
    let places = old_tuple.len().max(new_tuple.len());
    let places = reached.map_or(places, |max| {
        places.min(usize::try_from(max).unwrap_or(places))
    });
    for i in 0..places {
        match (old_tuple.get(i), new_tuple.get(i)) {
            (Some(a), Some(b)) => c.compare(
                a,
                refs::index(&old_base, i),
                b,
                refs::index(&new_base, i),
                out,
            )?,
            (None, Some(b)) => {
                let new_path = refs::index(&new_base, i);
                // Old payloads had an item here only if the old schema allowed further items.
                let kind = match &old.rest {
                    // Whatever old payloads held at this place is still valid.
                    Rest::Open if empty::accepts_everything(b) => {
                        DifferenceKind::ItemWithEmptySchemaAddedToOpenContentModel
                    }
                    Rest::Open => DifferenceKind::ItemAddedToOpenContentModel,
                    Rest::Closed => DifferenceKind::ItemAddedToClosedContentModel,
                    Rest::Schema(schema, path) => {
                        let (found, ok) = c.sub(schema, path.clone(), b, new_path.clone())?;
                        out.extend(found);
                        if ok {
                            DifferenceKind::ItemAddedIsCoveredByPartiallyOpenContentModel
                        } else {
                            DifferenceKind::ItemAddedNotCoveredByPartiallyOpenContentModel
                        }
                    }
                };
                out.push(diff(
                    kind,
                    old_base.clone(),
                    new_path,
                    format!("tuple item {i} added"),
                ));
            }
            (Some(a), None) => {
                let old_path = refs::index(&old_base, i);
                // The new schema must accept old payloads' item here as a further item.
                let kind = match &new.rest {
                    Rest::Open => DifferenceKind::ItemRemovedFromOpenContentModel,
                    // No old payload reaches this place (its schema accepts nothing).
                    Rest::Closed if empty::shallow_empty(a) => {
                        DifferenceKind::ItemWithFalseRemovedFromClosedContentModel
                    }
                    Rest::Closed => DifferenceKind::ItemRemovedFromClosedContentModel,
                    Rest::Schema(schema, path) => {
                        let (found, ok) = c.sub(a, old_path.clone(), schema, path.clone())?;
                        out.extend(found);
                        if ok {
                            DifferenceKind::ItemRemovedIsCoveredByPartiallyOpenContentModel
                        } else {
                            DifferenceKind::ItemRemovedNotCoveredByPartiallyOpenContentModel
                        }
                    }
                };
                out.push(diff(
                    kind,
                    old_path,
                    new_base.clone(),
                    format!("tuple item {i} removed"),
                ));
            }
            (None, None) => {}
        }
    }
    Ok(())
}

//! `propertyNames`, `contains` with `minContains`/`maxContains`, and `if`/`then`/`else`:
//! compared through their subschemas, so that loosening or removing one is compatible and
//! tightening or adding one breaks. None of them has a Confluent kind; the kinds follow its
//! naming.

use serde_json::Value;

use super::difference::DifferenceKind;
use super::empty::accepts_everything;
use super::equality::json_equal;
use super::node::{Comparer, Node, diff};
use super::{Difference, SchemaError};

/// Property names must match a schema: names old payloads use must still match.
pub(crate) fn compare_property_names<'a>(
    c: &mut Comparer<'a>,
    o: &Node<'a>,
    n: &Node<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    let (kind, detail) = match (o.get("propertyNames"), n.get("propertyNames")) {
        (Some((old, _)), Some((new, _))) => {
            return c.compare(
                old,
                o.kw_path("propertyNames"),
                new,
                n.kw_path("propertyNames"),
                out,
            );
        }
        (Some(_), None) => (
            DifferenceKind::PropertyNamesRemoved,
            "`propertyNames` removed: any property name is allowed",
        ),
        (None, Some((new, _))) if !accepts_everything(new) => (
            DifferenceKind::PropertyNamesAdded,
            "`propertyNames` added: names it rejects are no longer allowed",
        ),
        _ => return Ok(()),
    };
    out.push(diff(
        kind,
        o.kw_path("propertyNames"),
        n.kw_path("propertyNames"),
        detail.into(),
    ));
    Ok(())
}

/// `contains`: at least `minContains` (default 1) and at most `maxContains` items match it.
///
/// The new one accepts every old array when its schema includes the old one and asks for no
/// more matches, with no upper bound (more items may match a wider schema); with the same
/// schema, an upper bound no lower than the old one's is fine too.
pub(crate) fn compare_contains<'a>(
    c: &mut Comparer<'a>,
    o: &Node<'a>,
    n: &Node<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    let (old_path, new_path) = (o.kw_path("contains"), n.kw_path("contains"));
    let count = |node: &Node<'_>, keyword: &str| node.get(keyword).and_then(|(v, _)| v.as_f64());
    let (min_o, max_o) = (
        count(o, "minContains").unwrap_or(1.0),
        count(o, "maxContains"),
    );
    let (min_n, max_n) = (
        count(n, "minContains").unwrap_or(1.0),
        count(n, "maxContains"),
    );
    let (kind, detail) = match (o.get("contains"), n.get("contains")) {
        // `minContains`/`maxContains` without `contains` are ignored by validators.
        (None, None) => return Ok(()),
        (Some(_), None) => (
            DifferenceKind::ContainsRemoved,
            "`contains` removed: arrays need no matching item",
        ),
        // At least zero matches and no upper bound: every array passes.
        (None, Some(_)) if min_n <= 0.0 && max_n.is_none() => return Ok(()),
        (None, Some(_)) => (
            DifferenceKind::ContainsAdded,
            "`contains` added: arrays without a matching item are rejected",
        ),
        (Some((old, _)), Some((new, _))) => {
            if min_n <= 0.0 && max_n.is_none() {
                // The new `contains` lets every array through.
                out.push(diff(
                    DifferenceKind::ContainsExtended,
                    old_path,
                    new_path,
                    "`contains` now asks for no matching item".into(),
                ));
                return Ok(());
            }
            let same_schema = c.same_draft() && json_equal(old, new) && !mentions_ref(old);
            if same_schema && min_o == min_n && max_o == max_n {
                return Ok(());
            }
            let (found, included) = c.sub(old, old_path.clone(), new, new_path.clone())?;
            let upper_ok = match max_n {
                None => true,
                Some(new_max) => same_schema && max_o.is_some_and(|old_max| old_max <= new_max),
            };
            out.extend(found);
            if included && min_n <= min_o && upper_ok {
                (
                    DifferenceKind::ContainsExtended,
                    "`contains` accepts every array it accepted",
                )
            } else {
                (
                    DifferenceKind::ContainsNarrowed,
                    "`contains`, `minContains` or `maxContains` now reject arrays they accepted",
                )
            }
        }
    };
    out.push(diff(kind, old_path, new_path, detail.into()));
    Ok(())
}

/// `if`/`then`/`else`: a value matching `if` must match `then`, any other one `else`. With the
/// same `if`, each branch is compared with its counterpart (an absent branch accepts
/// everything); a different `if` moves values between the branches, which is not judged.
pub(crate) fn compare_conditional<'a>(
    c: &mut Comparer<'a>,
    o: &Node<'a>,
    n: &Node<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    // `then`/`else` without `if` are ignored by validators, and an `if` whose branches accept
    // everything constrains nothing.
    let conditional = |node: &Node<'a>| {
        let constrains = ["then", "else"]
            .iter()
            .any(|k| node.get(k).is_some_and(|(v, _)| !accepts_everything(v)));
        node.get("if").filter(|_| constrains).map(|(v, _)| v)
    };
    let (kind, detail) = match (conditional(o), conditional(n)) {
        (None, None) => return Ok(()),
        (Some(_), None) => (
            DifferenceKind::ConditionRemoved,
            "`if` removed: its `then`/`else` no longer apply",
        ),
        (None, Some(_)) => (
            DifferenceKind::ConditionAdded,
            "`if`/`then`/`else` added: values failing the branch they fall in are rejected",
        ),
        (Some(a), Some(b)) if c.same_draft() && json_equal(a, b) && !mentions_ref(a) => {
            return compare_branches(c, o, n, out);
        }
        (Some(_), Some(_)) => (
            DifferenceKind::ConditionChanged,
            "`if` changed: values may fall in another branch; review it by hand",
        ),
    };
    out.push(diff(kind, o.kw_path("if"), n.kw_path("if"), detail.into()));
    Ok(())
}

fn compare_branches<'a>(
    c: &mut Comparer<'a>,
    o: &Node<'a>,
    n: &Node<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    for keyword in ["then", "else"] {
        let (old_path, new_path) = (o.kw_path(keyword), n.kw_path(keyword));
        let kind = match (o.get(keyword), n.get(keyword)) {
            (Some((old, _)), Some((new, _))) => {
                c.compare(old, old_path, new, new_path, out)?;
                continue;
            }
            (Some((old, _)), None) if !accepts_everything(old) => DifferenceKind::ConditionRemoved,
            (None, Some((new, _))) if !accepts_everything(new) => DifferenceKind::ConditionAdded,
            _ => continue,
        };
        let detail = if kind == DifferenceKind::ConditionRemoved {
            format!("`{keyword}` removed: its values are no longer constrained")
        } else {
            format!("`{keyword}` added: values in its branch must now match it")
        };
        out.push(diff(kind, old_path, new_path, detail));
    }
    Ok(())
}

/// Whether a schema holds a `$ref` anywhere: two equal texts may then refer to different
/// definitions in the two documents, so equal text does not prove the same schema.
fn mentions_ref(schema: &Value) -> bool {
    match schema {
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| k == "$ref" || k == "$dynamicRef" || mentions_ref(v)),
        Value::Array(items) => items.iter().any(mentions_ref),
        _ => false,
    }
}

//! Types, `enum`/`const`, and the numeric and string bounds (Confluent's NumberSchemaDiff,
//! StringSchemaDiff and EnumSchemaDiff).

use std::collections::HashSet;

use serde_json::Value;

use super::Difference;
use super::difference::DifferenceKind;
use super::equality::json_equal;
use super::node::{Node, diff};
use super::pattern;

pub(crate) const NULL: u8 = 1;
pub(crate) const BOOLEAN: u8 = 2;
pub(crate) const OBJECT: u8 = 4;
pub(crate) const ARRAY: u8 = 8;
/// Non-integral numbers; "number" sets this and `INTEGER`, since integers are numbers.
pub(crate) const NUMBER: u8 = 16;
pub(crate) const INTEGER: u8 = 32;
pub(crate) const STRING: u8 = 64;
const ANY: u8 = 127;

/// The accepted types of a schema: a bit set, and how many type names it declares
/// (`None` without a `type` keyword, which accepts every type).
struct Types {
    bits: u8,
    names: Option<usize>,
}

fn types(node: &Node<'_>) -> Types {
    let mut types = declared_types(node);
    if let Some(excluded) = type_complement(node) {
        types.bits &= !excluded;
    }
    // `number` with a whole `multipleOf` holds only integers: it is `integer` with that
    // `multipleOf`, and is compared as such.
    if types.bits & NUMBER != 0 && whole_divisor(node).is_some() {
        types.bits &= !NUMBER;
    }
    types
}

/// The types a `not` holding only `type` excludes (`{"not": {"type": "string"}}` accepts every
/// other type): a complement of types, compared as the types themselves.
pub(crate) fn type_complement(node: &Node<'_>) -> Option<u8> {
    let (Value::Object(not), _) = node.get("not")? else {
        return None;
    };
    let names = match not.get("type")? {
        Value::String(name) => vec![name.as_str()],
        Value::Array(names) => names
            .iter()
            .map(Value::as_str)
            .collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    let only_type = not
        .keys()
        .all(|k| k == "type" || super::empty::is_annotation(k));
    only_type.then(|| names.iter().fold(0, |acc, name| acc | type_bit(name)))
}

/// A `multipleOf` that is a whole number: only integers are its multiples.
fn whole_divisor(node: &Node<'_>) -> Option<f64> {
    node.get("multipleOf")
        .and_then(|(v, _)| v.as_f64())
        .filter(|m| *m >= 1.0 && m.fract() == 0.0)
}

fn type_bit(name: &str) -> u8 {
    match name {
        "null" => NULL,
        "boolean" => BOOLEAN,
        "object" => OBJECT,
        "array" => ARRAY,
        "number" => NUMBER | INTEGER,
        "integer" => INTEGER,
        "string" => STRING,
        // An unknown type name matches nothing, as validators treat it.
        _ => 0,
    }
}

fn declared_types(node: &Node<'_>) -> Types {
    let bit = type_bit;
    match node.get("type").map(|(v, _)| v) {
        Some(Value::String(name)) => Types {
            bits: bit(name),
            names: Some(1),
        },
        Some(Value::Array(names)) => {
            let names: Vec<&str> = names.iter().filter_map(Value::as_str).collect();
            Types {
                bits: names.iter().fold(0, |acc, n| acc | bit(n)),
                names: Some(names.len()),
            }
        }
        _ => Types {
            bits: ANY,
            names: None,
        },
    }
}

/// The types a schema's `type` keyword allows (every type without one).
pub(crate) fn type_bits(node: &Node<'_>) -> u8 {
    types(node).bits
}

/// The type bit of one JSON value; a number with no fractional part is an integer (and so a
/// number too, since "number" sets both bits).
pub(crate) fn value_bits(value: &Value) -> u8 {
    match value {
        Value::Null => NULL,
        Value::Bool(_) => BOOLEAN,
        Value::Object(_) => OBJECT,
        Value::Array(_) => ARRAY,
        Value::String(_) => STRING,
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_i64() || n.is_u64() || f.fract() == 0.0 => INTEGER,
            _ => NUMBER,
        },
    }
}

/// The types a schema can actually accept: those `type` allows, narrowed to the types of its
/// `enum`/`const` values when it has them (`{"enum": ["a"]}` accepts only strings).
pub(crate) fn implied_bits(node: &Node<'_>, declared: u8) -> u8 {
    match allowed_values(node) {
        Some((_, values)) => declared & values.iter().fold(0, |acc, v| acc | value_bits(v)),
        None => declared,
    }
}

/// Reports how the accepted types changed and returns the types both schemas accept.
pub(crate) fn compare_types(o: &Node<'_>, n: &Node<'_>, out: &mut Vec<Difference>) -> u8 {
    let (old, new) = (types(o), types(n));
    let shared = old.bits & new.bits;
    if old.bits == new.bits {
        return shared;
    }
    // Judge the types an old value can really have: `{"enum": ["a"]}` holds only strings, so
    // `type: string` beside it in the new schema rejects nothing.
    let old_implied = implied_bits(o, old.bits);
    if old_implied != old.bits && old_implied & !new.bits == 0 {
        return shared;
    }
    let more_names = match (old.names, new.names) {
        (Some(a), Some(b)) => b > a,
        _ => false,
    };
    let fewer_names = match (old.names, new.names) {
        (Some(a), Some(b)) => b < a,
        _ => false,
    };
    let (kind, detail) = if old.bits & !new.bits == 0 {
        if more_names {
            (DifferenceKind::SumTypeExtended, "types added")
        } else {
            (DifferenceKind::TypeExtended, "type widened")
        }
    } else if new.bits & !old.bits == 0 {
        if fewer_names {
            (DifferenceKind::SumTypeNarrowed, "types removed")
        } else {
            (DifferenceKind::TypeNarrowed, "type narrowed")
        }
    } else {
        (DifferenceKind::TypeChanged, "type changed")
    };
    out.push(diff(
        kind,
        o.kw_path("type"),
        n.kw_path("type"),
        format!(
            "{detail}: {} → {}",
            type_text(o.get("type")),
            type_text(n.get("type"))
        ),
    ));
    shared
}

fn type_text(t: Option<(&Value, &str)>) -> String {
    match t {
        Some((v, _)) => v.to_string(),
        None => "any".into(),
    }
}

/// The allowed values: `enum`, or `const` as a one-value enum.
pub(crate) fn allows_no_value(node: &Node<'_>) -> bool {
    allowed_values(node).is_some_and(|(_, values)| values.is_empty())
}

/// The allowed values: `enum`, or `const` as a one-value enum.
fn allowed_values<'a>(node: &Node<'a>) -> Option<(&'static str, Vec<&'a Value>)> {
    if let Some((Value::Array(values), _)) = node.get("enum") {
        // Both keywords: only the values both allow (the const, if the enum lists it).
        if let Some((constant, _)) = node.get("const") {
            let listed = values.iter().any(|v| json_equal(v, constant));
            return Some(("const", if listed { vec![constant] } else { Vec::new() }));
        }
        return Some(("enum", values.iter().collect()));
    }
    node.get("const").map(|(v, _)| ("const", vec![v]))
}

fn strings<'a>(values: &[&'a Value]) -> Option<HashSet<&'a str>> {
    values.iter().map(|v| v.as_str()).collect()
}

fn contains_all(haystack: &[&Value], needles: &[&Value]) -> bool {
    // Large string enums are common; avoid the quadratic comparison for them.
    if let (Some(hay), Some(need)) = (strings(haystack), strings(needles)) {
        return need.is_subset(&hay);
    }
    needles
        .iter()
        .all(|needle| haystack.iter().any(|h| json_equal(h, needle)))
}

pub(crate) fn compare_enum(o: &Node<'_>, n: &Node<'_>, out: &mut Vec<Difference>) {
    let (old, new) = (allowed_values(o), allowed_values(n));
    let path = |node: &Node<'_>, values: &Option<(&str, Vec<&Value>)>| match values {
        Some((keyword, _)) => node.kw_path(keyword),
        None => node.path.clone(),
    };
    let kind = match (&old, &new) {
        (None, None) => return,
        (None, Some(_)) => DifferenceKind::EnumArrayNarrowed,
        (Some(_), None) => DifferenceKind::EnumArrayExtended,
        (Some((_, a)), Some((_, b))) => {
            let (grew, shrank) = (contains_all(b, a), contains_all(a, b));
            match (grew, shrank) {
                (true, true) => return,
                (true, false) => DifferenceKind::EnumArrayExtended,
                (false, true) => DifferenceKind::EnumArrayNarrowed,
                (false, false) => DifferenceKind::EnumArrayChanged,
            }
        }
    };
    let detail = match kind {
        DifferenceKind::EnumArrayExtended => "more values allowed",
        DifferenceKind::EnumArrayNarrowed => "fewer values allowed",
        _ => "allowed values changed",
    };
    out.push(diff(kind, path(o, &old), path(n, &new), detail.into()));
}

/// The four kinds for one bound keyword.
pub(crate) struct BoundKinds {
    pub(crate) added: DifferenceKind,
    pub(crate) removed: DifferenceKind,
    pub(crate) increased: DifferenceKind,
    pub(crate) decreased: DifferenceKind,
}

/// Compares a numeric keyword present or absent on each side.
/// Lower bounds whose absence means 0.
const LOWER_COUNT_BOUNDS: [&str; 3] = ["minLength", "minItems", "minProperties"];

pub(crate) fn compare_bound(
    o: &Node<'_>,
    n: &Node<'_>,
    keyword: &str,
    kinds: BoundKinds,
    out: &mut Vec<Difference>,
) {
    // A lower bound of 0 on a length or a count is the default: no constraint.
    let default = if LOWER_COUNT_BOUNDS.contains(&keyword) {
        Some(0.0)
    } else {
        None
    };
    let number = |node: &Node<'_>| {
        node.get(keyword)
            .and_then(|(v, _)| v.as_f64())
            .filter(|v| Some(*v) != default)
    };
    let (old, new) = (number(o), number(n));
    let (kind, detail) = match (old, new) {
        (None, None) => return,
        (None, Some(b)) => (kinds.added, format!("`{keyword}` {b} added")),
        (Some(a), None) => (kinds.removed, format!("`{keyword}` {a} removed")),
        (Some(a), Some(b)) if b > a => (kinds.increased, format!("`{keyword}` {a} → {b}")),
        (Some(a), Some(b)) if b < a => (kinds.decreased, format!("`{keyword}` {a} → {b}")),
        _ => return,
    };
    out.push(diff(kind, o.kw_path(keyword), n.kw_path(keyword), detail));
}

macro_rules! bound {
    ($added:ident, $removed:ident, $increased:ident, $decreased:ident) => {
        $crate::compat::scalar::BoundKinds {
            added: $crate::compat::DifferenceKind::$added,
            removed: $crate::compat::DifferenceKind::$removed,
            increased: $crate::compat::DifferenceKind::$increased,
            decreased: $crate::compat::DifferenceKind::$decreased,
        }
    };
}
pub(crate) use bound;

pub(crate) fn compare_string(o: &Node<'_>, n: &Node<'_>, out: &mut Vec<Difference>) {
    use DifferenceKind::*;
    let mut lengths = Vec::new();
    compare_bound(
        o,
        n,
        "maxLength",
        bound!(
            MaxLengthAdded,
            MaxLengthRemoved,
            MaxLengthIncreased,
            MaxLengthDecreased
        ),
        &mut lengths,
    );
    compare_bound(
        o,
        n,
        "minLength",
        bound!(
            MinLengthAdded,
            MinLengthRemoved,
            MinLengthIncreased,
            MinLengthDecreased
        ),
        &mut lengths,
    );
    pattern::drop_lengths_implied(o, n, &mut lengths);
    out.extend(lengths);
    pattern::compare(o, n, out);
    compare_text(
        o,
        n,
        "format",
        [FormatAdded, FormatRemoved, FormatChanged],
        out,
    );
}

fn compare_text<'a>(
    o: &Node<'a>,
    n: &Node<'a>,
    keyword: &str,
    [added, removed, changed]: [DifferenceKind; 3],
    out: &mut Vec<Difference>,
) {
    let text =
        |node: &Node<'a>| -> Option<&'a str> { node.get(keyword).and_then(|(v, _)| v.as_str()) };
    let (kind, detail) = match (text(o), text(n)) {
        (None, None) => return,
        (None, Some(b)) => (added, format!("`{keyword}` {b:?} added")),
        (Some(a), None) => (removed, format!("`{keyword}` {a:?} removed")),
        (Some(a), Some(b)) if a != b => (changed, format!("`{keyword}` {a:?} → {b:?}")),
        _ => return,
    };
    out.push(diff(kind, o.kw_path(keyword), n.kw_path(keyword), detail));
}

pub(crate) fn compare_number(o: &Node<'_>, n: &Node<'_>, out: &mut Vec<Difference>) {
    // When the old values are integers only, only the integers inside each bound matter:
    // `exclusiveMinimum: 0` is `minimum: 1`, `maximum: 9.5` is `maximum: 9`.
    let integers_only = types(o).bits & NUMBER == 0;
    for side in [Side::Upper, Side::Lower] {
        if integers_only
            && effective_bound(o, side).map(|b| integer_bound(side, b))
                == effective_bound(n, side).map(|b| integer_bound(side, b))
        {
            continue;
        }
        if compare_as_one_bound(o, n, side, out) {
            continue;
        }
        let (inclusive, exclusive, kinds, exclusive_kinds) = match side {
            Side::Upper => (
                "maximum",
                "exclusiveMaximum",
                bound!(
                    MaximumAdded,
                    MaximumRemoved,
                    MaximumIncreased,
                    MaximumDecreased
                ),
                bound!(
                    ExclusiveMaximumAdded,
                    ExclusiveMaximumRemoved,
                    ExclusiveMaximumIncreased,
                    ExclusiveMaximumDecreased
                ),
            ),
            Side::Lower => (
                "minimum",
                "exclusiveMinimum",
                bound!(
                    MinimumAdded,
                    MinimumRemoved,
                    MinimumIncreased,
                    MinimumDecreased
                ),
                bound!(
                    ExclusiveMinimumAdded,
                    ExclusiveMinimumRemoved,
                    ExclusiveMinimumIncreased,
                    ExclusiveMinimumDecreased
                ),
            ),
        };
        compare_bound(o, n, inclusive, kinds, out);
        compare_bound(o, n, exclusive, exclusive_kinds, out);
    }
    compare_multiple_of(o, n, out);
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Upper,
    Lower,
}

/// The integers inside a bound, as an inclusive integer bound (`> 0` is `>= 1`, `<= 9.5` is
/// `<= 9`).
fn integer_bound(side: Side, (value, excluded): (f64, bool)) -> (f64, bool) {
    let whole = match side {
        Side::Lower if excluded => value.floor() + 1.0,
        Side::Lower => value.ceil(),
        Side::Upper if excluded => value.ceil() - 1.0,
        Side::Upper => value.floor(),
    };
    (whole, false)
}

/// Whether the number `x` meets `node`'s bounds (`minimum`, `exclusiveMinimum` and the maxima,
/// draft-04's boolean form included).
pub(crate) fn within_bounds(node: &Node<'_>, x: f64) -> bool {
    let low = effective_bound(node, Side::Lower).is_none_or(|(v, ex)| x > v || (!ex && x == v));
    let high = effective_bound(node, Side::Upper).is_none_or(|(v, ex)| x < v || (!ex && x == v));
    low && high
}

/// The integers `node`'s bounds allow, as an inclusive range, when both bounds exist.
pub(crate) fn integer_range(node: &Node<'_>) -> Option<(f64, f64)> {
    let low = integer_bound(Side::Lower, effective_bound(node, Side::Lower)?).0;
    let high = integer_bound(Side::Upper, effective_bound(node, Side::Upper)?).0;
    Some((low, high))
}

/// Whether no number meets both bounds of `node` (no integer, when `integers_only`).
pub(crate) fn crossed_number_bounds(node: &Node<'_>, integers_only: bool) -> bool {
    let (Some(low), Some(high)) = (
        effective_bound(node, Side::Lower),
        effective_bound(node, Side::Upper),
    ) else {
        return false;
    };
    let (low, high) = if integers_only {
        (
            integer_bound(Side::Lower, low),
            integer_bound(Side::Upper, high),
        )
    } else {
        (low, high)
    };
    low.0 > high.0 || (low.0 == high.0 && (low.1 || high.1))
}

/// One side's bound as a set: the value, and whether the value itself is excluded.
fn effective_bound(node: &Node<'_>, side: Side) -> Option<(f64, bool)> {
    let (inclusive, exclusive) = match side {
        Side::Upper => ("maximum", "exclusiveMaximum"),
        Side::Lower => ("minimum", "exclusiveMinimum"),
    };
    let value = node.get(inclusive).and_then(|(v, _)| v.as_f64());
    match node.get(exclusive).map(|(v, _)| v) {
        // Draft-04: a boolean beside `minimum`/`maximum` makes that bound exclusive.
        Some(Value::Bool(excluded)) => value.map(|v| (v, *excluded)),
        Some(other) => match (value, other.as_f64()) {
            (Some(v), Some(x)) => Some(tighter(side, (v, false), (x, true))),
            (None, Some(x)) => Some((x, true)),
            (v, None) => v.map(|v| (v, false)),
        },
        None => value.map(|v| (v, false)),
    }
}

/// The tighter of two bounds on the same side.
fn tighter(side: Side, a: (f64, bool), b: (f64, bool)) -> (f64, bool) {
    let a_tighter = match side {
        Side::Lower => a.0 > b.0 || (a.0 == b.0 && a.1),
        Side::Upper => a.0 < b.0 || (a.0 == b.0 && a.1),
    };
    if a_tighter { a } else { b }
}

/// Where the two schemas express a bound differently (`minimum` on one side and
/// `exclusiveMinimum` on the other, or draft-04's boolean `exclusiveMinimum`), compares the
/// bounds as sets rather than keyword by keyword, and reports the change as a change of the
/// inclusive keyword. Returns whether it did; keyword-by-keyword comparison (Confluent's)
/// handles the rest.
fn compare_as_one_bound(o: &Node<'_>, n: &Node<'_>, side: Side, out: &mut Vec<Difference>) -> bool {
    let (inclusive, exclusive) = match side {
        Side::Upper => ("maximum", "exclusiveMaximum"),
        Side::Lower => ("minimum", "exclusiveMinimum"),
    };
    let shape = |node: &Node<'_>| {
        (
            node.get(inclusive).is_some(),
            node.get(exclusive).map(|(v, _)| v.is_boolean()),
        )
    };
    let (old_shape, new_shape) = (shape(o), shape(n));
    let boolean = old_shape.1 == Some(true) || new_shape.1 == Some(true);
    // A bound added or removed outright keeps Confluent's keyword-specific kinds.
    let absent = (false, None);
    if !boolean && (old_shape == new_shape || old_shape == absent || new_shape == absent) {
        return false;
    }
    let (old, new) = (effective_bound(o, side), effective_bound(n, side));
    use DifferenceKind::*;
    let (added, removed, looser, tighter_kind) = match side {
        Side::Upper => (
            MaximumAdded,
            MaximumRemoved,
            MaximumIncreased,
            MaximumDecreased,
        ),
        Side::Lower => (
            MinimumAdded,
            MinimumRemoved,
            MinimumDecreased,
            MinimumIncreased,
        ),
    };
    let show = |b: Option<(f64, bool)>| match (side, b) {
        (_, None) => "none".to_owned(),
        (Side::Lower, Some((v, true))) => format!("> {v}"),
        (Side::Lower, Some((v, false))) => format!(">= {v}"),
        (Side::Upper, Some((v, true))) => format!("< {v}"),
        (Side::Upper, Some((v, false))) => format!("<= {v}"),
    };
    let kind = match (old, new) {
        (None, None) => return true,
        (None, Some(_)) => added,
        (Some(_), None) => removed,
        (Some(a), Some(b)) if a == b => return true,
        (Some(a), Some(b)) if tighter(side, a, b) == a => looser,
        _ => tighter_kind,
    };
    let path = |node: &Node<'_>| {
        if node.get(inclusive).is_some() {
            node.kw_path(inclusive)
        } else {
            node.kw_path(exclusive)
        }
    };
    out.push(diff(
        kind,
        path(o),
        path(n),
        format!("bound {} → {}", show(old), show(new)),
    ));
    true
}

fn compare_multiple_of(o: &Node<'_>, n: &Node<'_>, out: &mut Vec<Difference>) {
    // When the old values are integers only, a divisor of 1 (1, 0.5, 0.25…) on either side
    // divides every one of them: it is no constraint, so `integer` equals `number` with
    // `multipleOf: 1`.
    let integers_only = types(o).bits & NUMBER == 0;
    let number = |node: &Node<'_>| {
        node.get("multipleOf")
            .and_then(|(v, _)| v.as_f64())
            .filter(|m| *m > 0.0)
            .filter(|m| !(integers_only && (1.0 / m).fract() == 0.0))
    };
    // Confluent divides `intValue()`s, which breaks on fractional divisors; a ratio that is a
    // whole number works for both.
    let divides = |small: f64, big: f64| {
        let ratio = big / small;
        ratio >= 1.0 && (ratio - ratio.round()).abs() < 1e-9
    };
    let (kind, detail) = match (number(o), number(n)) {
        (None, None) => return,
        (None, Some(b)) => (
            DifferenceKind::MultipleOfAdded,
            format!("`multipleOf` {b} added"),
        ),
        (Some(a), None) => (
            DifferenceKind::MultipleOfRemoved,
            format!("`multipleOf` {a} removed"),
        ),
        (Some(a), Some(b)) if a == b => return,
        (Some(a), Some(b)) if divides(a, b) => (
            DifferenceKind::MultipleOfExpanded,
            format!("`multipleOf` {a} → {b}"),
        ),
        (Some(a), Some(b)) if divides(b, a) => (
            DifferenceKind::MultipleOfReduced,
            format!("`multipleOf` {a} → {b}"),
        ),
        (Some(a), Some(b)) => (
            DifferenceKind::MultipleOfChanged,
            format!("`multipleOf` {a} → {b}"),
        ),
    };
    out.push(diff(
        kind,
        o.kw_path("multipleOf"),
        n.kw_path("multipleOf"),
        detail,
    ));
}

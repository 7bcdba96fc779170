//! Schemas that accept no value at all: `false`, `not: {}`, `enum: []`, a `type` list naming
//! nothing, `enum`/`const` values none of which has an allowed type, an `allOf` holding such a
//! schema, an `anyOf`/`oneOf` whose every branch is one, a `oneOf` of one branch repeated, and
//! bounds that cross.
//!
//! The comparer asks before anything else: an old schema that accepts nothing is compatible
//! with any new one (no old payload exists), and a new one that accepts nothing breaks every old
//! payload. Deciding this needs only the schema itself, so it is cheap; it is shallow (it looks
//! one level into `not` and the combinators, through no `$ref`), which can only make the
//! engine miss an empty set and fall back to the ordinary, conservative comparison.

use serde_json::Value;

use super::equality::json_equal;
use super::node::Node;
use super::scalar;

/// Whether no JSON value is valid under `node`.
pub(crate) fn accepts_nothing(node: &Node<'_>) -> bool {
    if node.is_false {
        return true;
    }
    let types = scalar::type_bits(node);
    if types == 0 {
        return true;
    }
    if let Some((Value::Array(values), _)) = node.get("enum")
        && !values.iter().any(|v| types & scalar::value_bits(v) != 0)
    {
        return true;
    }
    if let Some((value, _)) = node.get("const")
        && types & scalar::value_bits(value) == 0
    {
        return true;
    }
    if scalar::allows_no_value(node) {
        return true;
    }
    if let Some((not, _)) = node.get("not")
        && accepts_everything(not)
    {
        return true;
    }
    if let Some((Value::Array(subs), _)) = node.get("allOf")
        && subs.iter().any(shallow_empty)
    {
        return true;
    }
    for keyword in ["anyOf", "oneOf"] {
        if let Some((Value::Array(subs), _)) = node.get(keyword)
            && !subs.is_empty()
            && subs.iter().all(shallow_empty)
        {
            return true;
        }
    }
    if let Some((Value::Array(subs), _)) = node.get("oneOf")
        && subs.len() > 1
        && subs.iter().all(|s| json_equal(s, &subs[0]))
    {
        // Every value valid under the one repeated branch matches it more than once.
        return true;
    }
    crossed_bounds(node, types)
}

/// Bounds that no value of the only types allowed can meet (`minimum` above `maximum` on a
/// number, `minLength` above `maxLength` on a string, and the like for arrays and objects).
fn crossed_bounds(node: &Node<'_>, types: u8) -> bool {
    let number = |keyword: &str| node.get(keyword).and_then(|(v, _)| v.as_f64());
    let crossed = |low: &str, high: &str| match (number(low), number(high)) {
        (Some(low), Some(high)) => low > high,
        _ => false,
    };
    let only = |bits: u8| types & !bits == 0;
    // An object must have a property no schema lets it have, or more required properties
    // than `maxProperties` allows; an array must have an item where none is allowed.
    let required = node
        .get("required")
        .and_then(|(v, _)| v.as_array())
        .map(|names| {
            let mut names: Vec<&str> = names.iter().filter_map(Value::as_str).collect();
            names.sort_unstable();
            names.dedup();
            names
        })
        .unwrap_or_default();
    let forbidden = |name: &str| {
        node.get("properties")
            .and_then(|(p, _)| p.get(name))
            .is_some_and(shallow_empty)
    };
    let impossible_object = required.iter().any(|name| forbidden(name))
        || number("maxProperties").is_some_and(|most| required.len() as f64 > most);
    let impossible_array = number("minItems").is_some_and(|least| least >= 1.0)
        && node.get("prefixItems").is_none()
        && node
            .get("items")
            .is_some_and(|(items, _)| shallow_empty(items));
    (only(scalar::OBJECT) && impossible_object)
        || (only(scalar::ARRAY) && impossible_array)
        || (only(scalar::NUMBER | scalar::INTEGER)
            && scalar::crossed_number_bounds(node, types & scalar::NUMBER == 0))
        || (only(scalar::STRING) && crossed("minLength", "maxLength"))
        || (only(scalar::ARRAY) && crossed("minItems", "maxItems"))
        || (only(scalar::OBJECT) && crossed("minProperties", "maxProperties"))
}

/// `true`, `{}` or a schema of annotations only: every value is valid.
pub(crate) fn accepts_everything(schema: &Value) -> bool {
    match schema {
        Value::Bool(accepts) => *accepts,
        Value::Object(map) => map.keys().all(|k| ANNOTATIONS.contains(&k.as_str())),
        _ => false,
    }
}

/// An empty set recognisable without loading the schema: `false`, `{"not": {}}`, `enum: []`.
pub(crate) fn shallow_empty(schema: &Value) -> bool {
    match schema {
        Value::Bool(accepts) => !accepts,
        Value::Object(map) => {
            map.get("not").is_some_and(accepts_everything)
                || map
                    .get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(Vec::is_empty)
                || map
                    .get("type")
                    .and_then(Value::as_array)
                    .is_some_and(Vec::is_empty)
        }
        _ => false,
    }
}

/// Whether `keyword` never constrains a value.
pub(crate) fn is_annotation(keyword: &str) -> bool {
    ANNOTATIONS.contains(&keyword)
}

/// Keywords that never constrain a value.
const ANNOTATIONS: &[&str] = &[
    "$id",
    "$schema",
    "$comment",
    "$anchor",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$defs",
    "definitions",
];

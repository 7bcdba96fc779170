//! Schemas with a few values only (`enum`, `const`, a `type` of `null`/`boolean`, an integer
//! range of a few numbers, an `allOf` holding one, an `anyOf`/`oneOf` of them): the old set is
//! listed and each value checked against the new schema, which decides the pair exactly where
//! comparing keyword by keyword cannot (`{"enum": [1, 2, 3]}` is `{"type": "integer",
//! "minimum": 1, "maximum": 3}`; `{"enum": [{"a": "x"}]}` → an object whose `a` is an integer
//! breaks, whatever the policy says about properties added to open models).
//!
//! The evaluator here is three-valued: it answers `None` for what it does not model (`format`,
//! `unevaluated*`, dynamic references, a pattern the automaton cannot read), and then the
//! comparer's keyword-by-keyword verdict stands.

use serde_json::Value;

use super::difference::DifferenceKind;
use super::equality::{json_equal, same_text_without_refs};
use super::node::{Comparer, Node, diff};
use super::pattern::Language;
use super::{Difference, refs, scalar};

/// The most values listed for one schema; larger sets are left to the keyword comparison.
const MAX_VALUES: usize = 64;
/// Nesting followed by the evaluator before it gives up (`None`).
const MAX_DEPTH: usize = 32;

/// The exact verdict for the pair `o` → `n` when `o` has few enough values to list: `Some`
/// of the old values `n` rejects (empty: every old value stays valid), or `None` when the
/// values cannot be listed or judged.
pub(crate) fn rejected<'a>(c: &Comparer<'a>, o: &Node<'a>, n: &Node<'a>) -> Option<Vec<Value>> {
    if c.same_draft() && same_text_without_refs(o.origin.0, n.origin.0) {
        // The same schema, referring to nothing, in one draft: the same set (and the common
        // case).
        return Some(Vec::new());
    }
    let values = candidates(c, true, o, 0)?;
    let mut rejected = Vec::new();
    for value in values {
        if !valid(c, true, &value, o, 0)? {
            continue;
        }
        if !valid(c, false, &value, n, 0)? {
            rejected.push(value);
        }
    }
    Some(rejected)
}

/// The difference reported for old values the new schema rejects.
pub(crate) fn narrowed(o: &Node<'_>, n: &Node<'_>, rejected: &[Value]) -> Difference {
    let path = |node: &Node<'_>| {
        if node.get("enum").is_some() {
            node.kw_path("enum")
        } else if node.get("const").is_some() {
            node.kw_path("const")
        } else {
            node.path.clone()
        }
    };
    let shown: Vec<String> = rejected.iter().take(3).map(Value::to_string).collect();
    diff(
        DifferenceKind::EnumArrayNarrowed,
        path(o),
        path(n),
        format!(
            "the old schema allows {} value(s) the new one rejects: {}",
            rejected.len(),
            shown.join(", ")
        ),
    )
}

/// Every value `node` may accept (a superset: the caller filters by validity), when few.
fn candidates<'a>(
    c: &Comparer<'a>,
    in_old: bool,
    node: &Node<'a>,
    depth: usize,
) -> Option<Vec<Value>> {
    if depth > MAX_DEPTH {
        return None;
    }
    if node.is_false {
        return Some(Vec::new());
    }
    if let Some((Value::Array(values), _)) = node.get("enum") {
        return (values.len() <= MAX_VALUES).then(|| values.clone());
    }
    if let Some((value, _)) = node.get("const") {
        return Some(vec![value.clone()]);
    }
    let declared = scalar::type_bits(node);
    if declared & !(scalar::NULL | scalar::BOOLEAN) == 0 {
        return Some(vec![Value::Null, Value::Bool(false), Value::Bool(true)]);
    }
    if declared & !scalar::INTEGER == 0
        && let Some((low, high)) = scalar::integer_range(node)
    {
        if high < low {
            return Some(Vec::new());
        }
        if high - low < MAX_VALUES as f64 && low.abs() < 1e15 && high.abs() < 1e15 {
            return Some((low as i64..=high as i64).map(Value::from).collect());
        }
    }
    if let Some((Value::Array(subs), _)) = node.get("allOf") {
        let path = node.kw_path("allOf");
        for (i, sub) in subs.iter().enumerate() {
            let sub = c.load(in_old, sub, refs::index(&path, i)).ok()?;
            if let Some(values) = candidates(c, in_old, &sub, depth + 1) {
                return Some(values);
            }
        }
    }
    for keyword in ["anyOf", "oneOf"] {
        if let Some((Value::Array(subs), _)) = node.get(keyword) {
            let path = node.kw_path(keyword);
            let mut all = Vec::new();
            for (i, sub) in subs.iter().enumerate() {
                let sub = c.load(in_old, sub, refs::index(&path, i)).ok()?;
                all.extend(candidates(c, in_old, &sub, depth + 1)?);
                if all.len() > MAX_VALUES {
                    return None;
                }
            }
            return Some(all);
        }
    }
    None
}

/// Three-valued "and": `false` wins, then "unknown".
fn all(results: impl IntoIterator<Item = Option<bool>>) -> Option<bool> {
    let mut known = true;
    for result in results {
        match result {
            Some(false) => return Some(false),
            None => known = false,
            Some(true) => {}
        }
    }
    known.then_some(true)
}

fn sub<'a>(
    c: &Comparer<'a>,
    in_old: bool,
    value: &Value,
    schema: &'a Value,
    path: String,
    depth: usize,
) -> Option<bool> {
    let node = c.load(in_old, schema, path).ok()?;
    valid(c, in_old, value, &node, depth + 1)
}

fn matches(pattern: &str, text: &str) -> Option<bool> {
    let language = Language::new(pattern).ok()?;
    let mut literal = String::from("^");
    for ch in text.chars() {
        if "^$\\.*+?()[]{}|/".contains(ch) {
            literal.push('\\');
        }
        literal.push(ch);
    }
    literal.push('$');
    let exact = Language::new(&literal).ok()?;
    Some(exact.shortest_missing_from(&language).ok()?.is_none())
}

fn count(node: &Node<'_>, keyword: &str) -> Option<f64> {
    node.get(keyword).and_then(|(v, _)| v.as_f64())
}

/// Whether `value` is valid under `node`, or `None` when that depends on what is not modelled.
pub(crate) fn valid<'a>(
    c: &Comparer<'a>,
    in_old: bool,
    value: &Value,
    node: &Node<'a>,
    depth: usize,
) -> Option<bool> {
    if depth > MAX_DEPTH || node.is_shadowing() {
        // A keyword beside a `$ref` hides the same keyword of its target: the slots do not
        // hold the whole schema.
        return None;
    }
    if node.is_false {
        return Some(false);
    }
    let mut results = Vec::new();
    let keywords: Vec<&'static str> = node.constraints().collect();
    for keyword in keywords {
        let (schema, _) = node.get(keyword)?;
        let at = || node.kw_path(keyword);
        let result = match keyword {
            "type" => Some(scalar::value_bits(value) & scalar::type_bits(node) != 0),
            "enum" => Some(schema.as_array()?.iter().any(|v| json_equal(v, value))),
            "const" => Some(json_equal(schema, value)),
            "multipleOf" => match value.as_f64() {
                Some(x) if value.is_number() => {
                    let m = schema.as_f64()?;
                    let ratio = x / m;
                    Some((ratio - ratio.round()).abs() < 1e-9)
                }
                _ => Some(true),
            },
            "maximum" | "exclusiveMaximum" | "minimum" | "exclusiveMinimum" => Some(
                value
                    .as_f64()
                    .is_none_or(|x| scalar::within_bounds(node, x)),
            ),
            "maxLength" | "minLength" | "pattern" | "format" => match value.as_str() {
                None => Some(true),
                Some(text) => match keyword {
                    "maxLength" => Some(text.chars().count() as f64 <= schema.as_f64()?),
                    "minLength" => Some(text.chars().count() as f64 >= schema.as_f64()?),
                    "pattern" => matches(schema.as_str()?, text),
                    _ => None,
                },
            },
            "items" | "prefixItems" | "additionalItems" | "maxItems" | "minItems"
            | "uniqueItems" | "contains" | "minContains" | "maxContains" => match value {
                Value::Array(items) => array_keyword(c, in_old, items, node, keyword, depth),
                _ => Some(true),
            },
            "required"
            | "properties"
            | "patternProperties"
            | "additionalProperties"
            | "maxProperties"
            | "minProperties"
            | "dependencies"
            | "dependentRequired"
            | "dependentSchemas"
            | "propertyNames" => match value {
                Value::Object(map) => object_keyword(c, in_old, value, map, node, keyword, depth),
                _ => Some(true),
            },
            "allOf" | "anyOf" | "oneOf" => {
                let subs = schema.as_array()?;
                let results: Vec<Option<bool>> = subs
                    .iter()
                    .enumerate()
                    .map(|(i, s)| sub(c, in_old, value, s, refs::index(&at(), i), depth))
                    .collect();
                match keyword {
                    "allOf" => all(results),
                    "anyOf" => {
                        if results.contains(&Some(true)) {
                            Some(true)
                        } else if results.contains(&None) {
                            None
                        } else {
                            Some(false)
                        }
                    }
                    _ => {
                        if results.contains(&None) {
                            None
                        } else {
                            Some(results.iter().filter(|r| **r == Some(true)).count() == 1)
                        }
                    }
                }
            }
            "not" => sub(c, in_old, value, schema, at(), depth).map(|v| !v),
            "if" => {
                let condition = sub(c, in_old, value, schema, at(), depth)?;
                let branch = if condition { "then" } else { "else" };
                match node.get(branch) {
                    Some((s, _)) => sub(c, in_old, value, s, node.kw_path(branch), depth),
                    None => Some(true),
                }
            }
            // Read with `if`.
            "then" | "else" => Some(true),
            _ => None,
        };
        results.push(result);
        if result == Some(false) {
            break;
        }
    }
    all(results)
}

fn array_keyword<'a>(
    c: &Comparer<'a>,
    in_old: bool,
    items: &[Value],
    node: &Node<'a>,
    keyword: &str,
    depth: usize,
) -> Option<bool> {
    let (schema, _) = node.get(keyword)?;
    let at = node.kw_path(keyword);
    let each_from = |start: usize, schema: &'a Value, at: &str| {
        all(items
            .iter()
            .skip(start)
            .map(|item| sub(c, in_old, item, schema, at.to_owned(), depth)))
    };
    let tuple = |list: &'a [Value], at: &str| {
        all(list
            .iter()
            .zip(items)
            .enumerate()
            .map(|(i, (s, item))| sub(c, in_old, item, s, refs::index(at, i), depth)))
    };
    match keyword {
        "prefixItems" => tuple(schema.as_array()?, &at),
        "items" => match schema {
            Value::Array(list) => tuple(list, &at),
            _ => {
                let start = match node.get("prefixItems") {
                    Some((Value::Array(prefix), _)) => prefix.len(),
                    _ => 0,
                };
                each_from(start, schema, &at)
            }
        },
        "additionalItems" => match node.get("items") {
            Some((Value::Array(list), _)) => each_from(list.len(), schema, &at),
            _ => Some(true),
        },
        "maxItems" => Some(items.len() as f64 <= schema.as_f64()?),
        "minItems" => Some(items.len() as f64 >= schema.as_f64()?),
        "uniqueItems" => Some(
            schema != &Value::Bool(true)
                || items
                    .iter()
                    .enumerate()
                    .all(|(i, a)| items[i + 1..].iter().all(|b| !json_equal(a, b))),
        ),
        "contains" => {
            let mut matched = 0;
            for item in items {
                if sub(c, in_old, item, schema, at.clone(), depth)? {
                    matched += 1;
                }
            }
            let least = count(node, "minContains").unwrap_or(1.0);
            let most = count(node, "maxContains");
            Some(matched as f64 >= least && most.is_none_or(|m| matched as f64 <= m))
        }
        // Read with `contains`.
        _ => Some(true),
    }
}

fn object_keyword<'a>(
    c: &Comparer<'a>,
    in_old: bool,
    value: &Value,
    map: &serde_json::Map<String, Value>,
    node: &Node<'a>,
    keyword: &str,
    depth: usize,
) -> Option<bool> {
    let (schema, _) = node.get(keyword)?;
    let at = node.kw_path(keyword);
    match keyword {
        "required" => Some(
            schema
                .as_array()?
                .iter()
                .all(|name| name.as_str().is_some_and(|n| map.contains_key(n))),
        ),
        "maxProperties" => Some(map.len() as f64 <= schema.as_f64()?),
        "minProperties" => Some(map.len() as f64 >= schema.as_f64()?),
        "properties" => {
            let declared = schema.as_object()?;
            all(map.iter().filter_map(|(name, v)| {
                let s = declared.get(name)?;
                Some(sub(c, in_old, v, s, refs::child(&at, name), depth))
            }))
        }
        "patternProperties" => {
            let mut results = Vec::new();
            for (pattern, s) in schema.as_object()? {
                for (name, v) in map {
                    if matches(pattern, name)? {
                        results.push(sub(c, in_old, v, s, refs::child(&at, pattern), depth));
                    }
                }
            }
            all(results)
        }
        "additionalProperties" => {
            let declared = node.get("properties").and_then(|(p, _)| p.as_object());
            let patterns = node
                .get("patternProperties")
                .and_then(|(p, _)| p.as_object());
            let mut results = Vec::new();
            for (name, v) in map {
                if declared.is_some_and(|d| d.contains_key(name)) {
                    continue;
                }
                let mut by_pattern = false;
                for pattern in patterns.into_iter().flat_map(|p| p.keys()) {
                    if matches(pattern, name)? {
                        by_pattern = true;
                        break;
                    }
                }
                if !by_pattern {
                    results.push(sub(c, in_old, v, schema, at.clone(), depth));
                }
            }
            all(results)
        }
        "dependencies" | "dependentRequired" | "dependentSchemas" => {
            let mut results = Vec::new();
            for (name, dependency) in schema.as_object()? {
                if !map.contains_key(name) {
                    continue;
                }
                results.push(match dependency {
                    Value::Array(names) => Some(
                        names
                            .iter()
                            .all(|n| n.as_str().is_some_and(|n| map.contains_key(n))),
                    ),
                    s => sub(c, in_old, value, s, refs::child(&at, name), depth),
                });
            }
            all(results)
        }
        "propertyNames" => all(map.keys().map(|name| {
            sub(
                c,
                in_old,
                &Value::String(name.clone()),
                schema,
                at.clone(),
                depth,
            )
        })),
        _ => None,
    }
}

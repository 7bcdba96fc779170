//! Object keywords: properties under open, closed and partially open content models,
//! `required`, `additionalProperties`, `patternProperties`, dependencies and property counts
//! (Confluent's ObjectSchemaDiff).

use std::sync::LazyLock;

use serde_json::{Map, Value};

use super::difference::DifferenceKind;
use super::empty;
use super::node::{Comparer, Node, diff};
use super::refs;
use super::scalar::{bound, compare_bound};
use super::{Difference, SchemaError};

/// Stands in for an absent `additionalProperties`, which allows anything.
static TRUE_SCHEMA: Value = Value::Bool(true);

/// Stands in for an absent `properties` or `patternProperties`.
static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);
/// The schema of an undeclared property in an open content model: any value.
static ANY_VALUE: Value = Value::Bool(true);

/// What a schema says about properties it does not declare.
enum Additional<'a> {
    /// Absent, `true` or `{}`: any value.
    Open,
    /// `false`: none.
    Closed,
    /// A schema the values must match.
    Schema(&'a Value, String),
}

impl Additional<'_> {
    fn permits(&self) -> bool {
        !matches!(self, Additional::Closed)
    }
}

fn additional<'a>(node: &Node<'a>) -> Additional<'a> {
    match node.get("additionalProperties") {
        None | Some((Value::Bool(true), _)) => Additional::Open,
        Some((Value::Bool(false), _)) => Additional::Closed,
        Some((Value::Object(map), _)) if map.is_empty() => Additional::Open,
        Some((value, _)) => Additional::Schema(value, node.kw_path("additionalProperties")),
    }
}

fn map_of<'a>(node: &Node<'a>, keyword: &str) -> Option<&'a Map<String, Value>> {
    node.get(keyword).and_then(|(v, _)| v.as_object())
}

/// Open: any undeclared property with any value (Confluent's `isOpenContentModel`).
fn is_open(node: &Node<'_>) -> bool {
    map_of(node, "patternProperties").is_none_or(Map::is_empty)
        && matches!(additional(node), Additional::Open)
}

/// Whether an undeclared property `name` may hold any value: in an open model, or beside
/// `patternProperties` none of which matches it when there is no `additionalProperties`.
fn open_for(node: &Node<'_>, name: &str) -> bool {
    is_open(node)
        || (matches!(additional(node), Additional::Open)
            && !map_of(node, "patternProperties")
                .is_some_and(|patterns| patterns.keys().any(|p| pattern_matches(p, name))))
}

/// The schema an undeclared property `name` must match in a partially open content model:
/// the first matching `patternProperties` entry, else a schema-valued `additionalProperties`.
fn partial_schema<'a>(node: &Node<'a>, name: &str) -> Option<(&'a Value, String)> {
    if let Some(patterns) = map_of(node, "patternProperties") {
        for (pattern, schema) in patterns {
            if pattern_matches(pattern, name) {
                let path = refs::child(&node.kw_path("patternProperties"), pattern);
                return Some((schema, path));
            }
        }
    }
    match additional(node) {
        Additional::Schema(schema, path) => Some((schema, path)),
        _ => None,
    }
}

/// Whether `name` matches the ECMA-262 `pattern`, using the validator's own regex dialect.
/// An invalid pattern matches nothing, as it can never validate anything either.
fn pattern_matches(pattern: &str, name: &str) -> bool {
    let schema = serde_json::json!({ "type": "string", "pattern": pattern });
    jsonschema::validator_for(&schema)
        .map(|v| v.is_valid(&Value::String(name.to_owned())))
        .unwrap_or(false)
}

fn required<'a>(node: &Node<'a>) -> Vec<&'a str> {
    match node.get("required") {
        Some((Value::Array(names), _)) => names.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn has_default(schema: Option<&Value>) -> bool {
    schema
        .and_then(Value::as_object)
        .is_some_and(|m| m.contains_key("default"))
}

pub(crate) fn compare<'a>(
    c: &mut Comparer<'a>,
    o: &Node<'a>,
    n: &Node<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    compare_required(o, n, out);
    compare_properties(c, o, n, out)?;
    compare_dependencies(c, o, n, out)?;
    compare_additional(c, o, n, out)?;
    compare_pattern_properties(c, o, n, out)?;
    compare_bound(
        o,
        n,
        "maxProperties",
        bound!(
            MaxPropertiesAdded,
            MaxPropertiesRemoved,
            MaxPropertiesIncreased,
            MaxPropertiesDecreased
        ),
        out,
    );
    compare_bound(
        o,
        n,
        "minProperties",
        bound!(
            MinPropertiesAdded,
            MinPropertiesRemoved,
            MinPropertiesIncreased,
            MinPropertiesDecreased
        ),
        out,
    );
    Ok(())
}

fn compare_required(o: &Node<'_>, n: &Node<'_>, out: &mut Vec<Difference>) {
    let (old, new) = (required(o), required(n));
    let new_props = map_of(n, "properties");
    for (i, name) in new.iter().enumerate() {
        if !old.contains(name) {
            let kind = if has_default(new_props.and_then(|p| p.get(*name))) {
                DifferenceKind::RequiredAttributeWithDefaultAdded
            } else {
                DifferenceKind::RequiredAttributeAdded
            };
            out.push(diff(
                kind,
                o.kw_path("required"),
                refs::index(&n.kw_path("required"), i),
                format!("property `{name}` is now required"),
            ));
        }
    }
    for (i, name) in old.iter().enumerate() {
        if !new.contains(name) {
            out.push(diff(
                DifferenceKind::RequiredAttributeRemoved,
                refs::index(&o.kw_path("required"), i),
                n.kw_path("required"),
                format!("property `{name}` is no longer required"),
            ));
        }
    }
}

fn compare_properties<'a>(
    c: &mut Comparer<'a>,
    o: &Node<'a>,
    n: &Node<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    let old_props = map_of(o, "properties").unwrap_or(&EMPTY);
    let new_props = map_of(n, "properties").unwrap_or(&EMPTY);
    let (old_base, new_base) = (o.kw_path("properties"), n.kw_path("properties"));
    for (name, old_schema) in old_props {
        let old_path = refs::child(&old_base, name);
        if let Some(new_schema) = new_props.get(name) {
            let new_path = refs::child(&new_base, name);
            c.compare(old_schema, old_path, new_schema, new_path, out)?;
            continue;
        }
        // Old payloads may carry the property; the new schema must accept it as undeclared.
        let kind = if open_for(n, name) {
            DifferenceKind::PropertyRemovedFromOpenContentModel
        } else if empty::shallow_empty(old_schema) {
            // No old payload carries it (its schema accepts nothing), so a closed model loses
            // nothing by no longer declaring it.
            DifferenceKind::PropertyWithFalseRemovedFromClosedContentModel
        } else if let Some((schema, path)) = partial_schema(n, name) {
            let (found, ok) = c.sub(old_schema, old_path.clone(), schema, path)?;
            out.extend(found);
            if ok {
                DifferenceKind::PropertyRemovedIsCoveredByPartiallyOpenContentModel
            } else {
                DifferenceKind::PropertyRemovedNotCoveredByPartiallyOpenContentModel
            }
        } else {
            DifferenceKind::PropertyRemovedFromClosedContentModel
        };
        out.push(diff(
            kind,
            old_path,
            new_base.clone(),
            format!("property `{name}` removed"),
        ));
    }
    let new_required = required(n);
    let old_required = required(o);
    for (name, new_schema) in new_props {
        if old_props.contains_key(name) {
            continue;
        }
        let new_path = refs::child(&new_base, name);
        // Old payloads carried the property only if the old schema let undeclared ones in:
        // with `patternProperties` and no `additionalProperties`, a name no pattern matches
        // is as open as in an open model.
        let open = open_for(o, name);
        let kind = if open && empty::accepts_everything(new_schema) {
            // Any value old payloads held under this name is still valid: nothing changes.
            DifferenceKind::PropertyWithEmptySchemaAddedToOpenContentModel
        } else if open && old_required.contains(&name.as_str()) {
            // Every old payload carries it (old requires it), with any value: the lenient
            // relaxation (old payloads hold no undeclared property) cannot hold, so the new
            // schema is compared with the anything old allowed there.
            let (found, _) = c.sub(&ANY_VALUE, old_base.clone(), new_schema, new_path.clone())?;
            out.extend(found);
            DifferenceKind::PropertyAddedToOpenContentModel
        } else if open {
            DifferenceKind::PropertyAddedToOpenContentModel
        } else if let Some((schema, path)) = partial_schema(o, name) {
            let (found, ok) = c.sub(schema, path, new_schema, new_path.clone())?;
            out.extend(found);
            if ok {
                DifferenceKind::PropertyAddedIsCoveredByPartiallyOpenContentModel
            } else {
                DifferenceKind::PropertyAddedNotCoveredByPartiallyOpenContentModel
            }
        } else if new_required.contains(&name.as_str()) {
            if has_default(Some(new_schema)) {
                DifferenceKind::RequiredPropertyWithDefaultAddedToUnopenContentModel
            } else {
                DifferenceKind::RequiredPropertyAddedToUnopenContentModel
            }
        } else {
            DifferenceKind::OptionalPropertyAddedToUnopenContentModel
        };
        out.push(diff(
            kind,
            old_base.clone(),
            new_path,
            format!("property `{name}` added"),
        ));
    }
    Ok(())
}

fn compare_additional<'a>(
    c: &mut Comparer<'a>,
    o: &Node<'a>,
    n: &Node<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    let (old, new) = (additional(o), additional(n));
    let (kind, detail) = if old.permits() != new.permits() {
        if old.permits() {
            (
                DifferenceKind::AdditionalPropertiesRemoved,
                "undeclared properties are no longer allowed",
            )
        } else {
            (
                DifferenceKind::AdditionalPropertiesAdded,
                "undeclared properties are now allowed",
            )
        }
    } else {
        match (old, new) {
            (Additional::Open, Additional::Schema(..)) => (
                DifferenceKind::AdditionalPropertiesNarrowed,
                "undeclared properties must now match a schema",
            ),
            (Additional::Schema(..), Additional::Open) => (
                DifferenceKind::AdditionalPropertiesExtended,
                "undeclared properties may now hold any value",
            ),
            (Additional::Schema(a, ap), Additional::Schema(b, bp)) => {
                return c.compare(a, ap, b, bp, out);
            }
            _ => return Ok(()),
        }
    };
    out.push(diff(
        kind,
        o.kw_path("additionalProperties"),
        n.kw_path("additionalProperties"),
        detail.into(),
    ));
    Ok(())
}

/// A pattern added or removed moves the matching properties between the pattern's schema and
/// `additionalProperties`, so that is the comparison made (Confluent has no kind of its own
/// for pattern properties).
fn compare_pattern_properties<'a>(
    c: &mut Comparer<'a>,
    o: &Node<'a>,
    n: &Node<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    let old_patterns = map_of(o, "patternProperties").unwrap_or(&EMPTY);
    let new_patterns = map_of(n, "patternProperties").unwrap_or(&EMPTY);
    let (old_base, new_base) = (
        o.kw_path("patternProperties"),
        n.kw_path("patternProperties"),
    );
    let fallback = |node: &Node<'a>| match node.get("additionalProperties") {
        Some((schema, _)) => (schema, node.kw_path("additionalProperties")),
        None => (&TRUE_SCHEMA, node.path.clone()),
    };
    for (pattern, old_schema) in old_patterns {
        let old_path = refs::child(&old_base, pattern);
        match new_patterns.get(pattern) {
            Some(new_schema) => c.compare(
                old_schema,
                old_path,
                new_schema,
                refs::child(&new_base, pattern),
                out,
            )?,
            None => {
                let (schema, path) = fallback(n);
                c.compare(old_schema, old_path, schema, path, out)?;
            }
        }
    }
    for (pattern, new_schema) in new_patterns {
        if !old_patterns.contains_key(pattern) {
            let (schema, path) = fallback(o);
            c.compare(
                schema,
                path,
                new_schema,
                refs::child(&new_base, pattern),
                out,
            )?;
        }
    }
    Ok(())
}

/// Draft-07 `dependencies` splits into 2020-12's `dependentRequired` and `dependentSchemas`.
struct Dependencies<'a> {
    required: Vec<(&'a str, Vec<&'a str>, String)>,
    schemas: Vec<(&'a str, &'a Value, String)>,
}

fn dependencies<'a>(node: &Node<'a>) -> Dependencies<'a> {
    let mut deps = Dependencies {
        required: Vec::new(),
        schemas: Vec::new(),
    };
    for keyword in ["dependencies", "dependentRequired", "dependentSchemas"] {
        let Some(map) = map_of(node, keyword) else {
            continue;
        };
        let base = node.kw_path(keyword);
        for (name, value) in map {
            let path = refs::child(&base, name);
            match value {
                Value::Array(names) if keyword != "dependentSchemas" => deps.required.push((
                    name,
                    names.iter().filter_map(Value::as_str).collect(),
                    path,
                )),
                _ if keyword != "dependentRequired" => deps.schemas.push((name, value, path)),
                _ => {}
            }
        }
    }
    deps
}

fn compare_dependencies<'a>(
    c: &mut Comparer<'a>,
    o: &Node<'a>,
    n: &Node<'a>,
    out: &mut Vec<Difference>,
) -> Result<(), SchemaError> {
    let (old, new) = (dependencies(o), dependencies(n));
    for (name, old_names, old_path) in &old.required {
        let kind = match new.required.iter().find(|(n, _, _)| n == name) {
            None => Some((DifferenceKind::DependencyArrayRemoved, n.path.clone())),
            Some((_, new_names, new_path)) => {
                let grew = old_names.iter().all(|x| new_names.contains(x));
                let shrank = new_names.iter().all(|x| old_names.contains(x));
                match (grew, shrank) {
                    (true, true) => None,
                    (true, false) => {
                        Some((DifferenceKind::DependencyArrayExtended, new_path.clone()))
                    }
                    (false, true) => {
                        Some((DifferenceKind::DependencyArrayNarrowed, new_path.clone()))
                    }
                    (false, false) => {
                        Some((DifferenceKind::DependencyArrayChanged, new_path.clone()))
                    }
                }
            }
        };
        if let Some((kind, new_path)) = kind {
            out.push(diff(
                kind,
                old_path.clone(),
                new_path,
                format!("properties required alongside `{name}` changed"),
            ));
        }
    }
    for (name, names, new_path) in &new.required {
        // Requiring nothing alongside a property is no constraint.
        if !names.is_empty() && !old.required.iter().any(|(n, _, _)| n == name) {
            out.push(diff(
                DifferenceKind::DependencyArrayAdded,
                o.path.clone(),
                new_path.clone(),
                format!("properties now required alongside `{name}`"),
            ));
        }
    }
    for (name, old_schema, old_path) in &old.schemas {
        match new.schemas.iter().find(|(n, _, _)| n == name) {
            Some((_, new_schema, new_path)) => c.compare(
                old_schema,
                old_path.clone(),
                new_schema,
                new_path.clone(),
                out,
            )?,
            None => out.push(diff(
                DifferenceKind::DependencySchemaRemoved,
                old_path.clone(),
                n.path.clone(),
                format!("schema applied when `{name}` is present removed"),
            )),
        }
    }
    for (name, schema, new_path) in &new.schemas {
        // A schema that accepts everything constrains nothing when the property is present.
        if !empty::accepts_everything(schema) && !old.schemas.iter().any(|(n, _, _)| n == name) {
            out.push(diff(
                DifferenceKind::DependencySchemaAdded,
                o.path.clone(),
                new_path.clone(),
                format!("schema applied when `{name}` is present added"),
            ));
        }
    }
    Ok(())
}

//! Walking the properties of a JSON Schema, with the JSON pointer of each one.

use crate::pointer::pointer_token;
use serde_json::Value;

/// Calls `visit(pointer, property_schema)` for every property declared under `properties`, at
/// any depth: nested objects, array items, tuple items and the branches of `allOf`/`anyOf`/`oneOf`.
/// Pointers are relative to `schema` (`/properties/client/properties/os`). Depth is bounded
/// because the YAML depth budget bounds the document.
pub fn for_each_property(schema: &Value, visit: &mut dyn FnMut(&str, &Value)) {
    walk(schema, String::new(), visit);
}

fn walk(schema: &Value, pointer: String, visit: &mut dyn FnMut(&str, &Value)) {
    let Some(object) = schema.as_object() else {
        return;
    };
    if let Some(properties) = object.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            let child = format!("{pointer}/properties/{}", pointer_token(name));
            visit(&child, property);
            walk(property, child, visit);
        }
    }
    if let Some(items) = object.get("items") {
        walk(items, format!("{pointer}/items"), visit);
    }
    for keyword in ["prefixItems", "allOf", "anyOf", "oneOf"] {
        if let Some(branches) = object.get(keyword).and_then(Value::as_array) {
            for (index, branch) in branches.iter().enumerate() {
                walk(branch, format!("{pointer}/{keyword}/{index}"), visit);
            }
        }
    }
}

/// The top-level property names of an object schema and whether each is required.
pub fn top_level_properties(schema: &Value) -> Vec<(&str, bool)> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|properties| {
            properties
                .keys()
                .map(|name| (name.as_str(), required.contains(&name.as_str())))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn visits_nested_properties_with_their_pointers() {
        let schema = json!({"properties": {
            "a": {"type": "object", "properties": {"b": {}}},
            "c": {"type": "array", "items": {"properties": {"d/e": {}}}}
        }});
        let mut seen = Vec::new();
        for_each_property(&schema, &mut |pointer, _| seen.push(pointer.to_string()));
        assert_eq!(
            seen,
            [
                "/properties/a",
                "/properties/a/properties/b",
                "/properties/c",
                "/properties/c/items/properties/d~1e"
            ]
        );
    }
}

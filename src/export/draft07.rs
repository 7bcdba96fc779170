//! A contract's JSON Schema (draft 2020-12) in draft-07 form, for AsyncAPI payloads: `$defs`
//! becomes `definitions`, a local `$ref` into them is rewritten to where the caller puts them
//! (in AsyncAPI a `$ref` resolves against the whole document, not the payload, so the
//! definitions move to `components.schemas`), a field deprecation gets `x-sunset`, and a
//! keyword draft-07 does not have is refused by name rather than left in a document its tools
//! would silently misread.

use serde_json::{Map, Value};

/// Keywords that exist from draft 2019-09 or 2020-12 on and have no draft-07 meaning.
const NEWER_ONLY: &[&str] = &[
    "prefixItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "dependentRequired",
    "dependentSchemas",
    "minContains",
    "maxContains",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
    "$recursiveAnchor",
    "$vocabulary",
];

/// Keywords whose value is a map of names to schemas.
const SCHEMA_MAPS: &[&str] = &["properties", "patternProperties", "$defs", "definitions"];
/// Keywords whose value is one schema (or, for `items`, possibly a list).
const SCHEMA_ONE: &[&str] = &[
    "items",
    "additionalItems",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
];
/// Keywords whose value is a list of schemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf"];

/// A 2020-12-only keyword found: which, and where (a JSON pointer into the schema).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewerKeyword {
    pub keyword: String,
    pub pointer: String,
}

/// `schema` in draft-07 form, its `#/$defs/X` (and `#/definitions/X`) references rewritten to
/// `{definitions}X`.
pub fn convert(schema: &Value, definitions: &str) -> Result<Value, NewerKeyword> {
    convert_at(schema, definitions)
}

/// The JSON pointer token of a key: `~` and `/` escaped.
fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Puts `parent` in front of the pointer of an error found below it. The pointer is built only
/// on the way out of an error, not for every key of every schema (that was three strings per
/// key, most of an AsyncAPI export's time).
fn under(parent: &str) -> impl FnOnce(NewerKeyword) -> NewerKeyword + '_ {
    move |mut found| {
        found.pointer = format!("/{parent}{}", found.pointer);
        found
    }
}

fn convert_list(items: &[Value], definitions: &str) -> Result<Value, NewerKeyword> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| convert_at(item, definitions).map_err(under(&i.to_string())))
        .collect::<Result<_, _>>()
        .map(Value::Array)
}

fn convert_at(schema: &Value, definitions: &str) -> Result<Value, NewerKeyword> {
    let Value::Object(object) = schema else {
        return Ok(schema.clone());
    };
    let mut out = Map::new();
    for (key, value) in object {
        if NEWER_ONLY.contains(&key.as_str()) {
            return Err(NewerKeyword {
                keyword: key.clone(),
                pointer: format!("/{}", token(key)),
            });
        }
        let converted = if SCHEMA_MAPS.contains(&key.as_str()) {
            match value {
                Value::Object(members) => {
                    let mut map = Map::new();
                    for (name, member) in members {
                        let member = convert_at(member, definitions)
                            .map_err(under(&token(name)))
                            .map_err(under(&token(key)))?;
                        map.insert(name.clone(), member);
                    }
                    Value::Object(map)
                }
                other => other.clone(),
            }
        } else if SCHEMA_ONE.contains(&key.as_str()) {
            match value {
                Value::Array(items) => convert_list(items, definitions),
                other => convert_at(other, definitions),
            }
            .map_err(under(&token(key)))?
        } else if SCHEMA_LISTS.contains(&key.as_str()) {
            match value {
                Value::Array(items) => {
                    convert_list(items, definitions).map_err(under(&token(key)))?
                }
                other => other.clone(),
            }
        } else if key == "$ref" {
            match value.as_str() {
                Some(reference) => match reference
                    .strip_prefix("#/$defs/")
                    .or_else(|| reference.strip_prefix("#/definitions/"))
                {
                    Some(name) => Value::String(format!("{definitions}{name}")),
                    None => value.clone(),
                },
                None => value.clone(),
            }
        } else {
            // Values (`enum`, `const`, `default`, `examples`) and annotations are copied as
            // written: they are data, not schemas.
            value.clone()
        };
        let key = if key == "$defs" {
            "definitions".to_string()
        } else {
            key.clone()
        };
        out.insert(key, converted);
    }
    if let Some(sunset) = object.get("x-remove-after")
        && !object.contains_key("x-sunset")
    {
        out.insert("x-sunset".into(), sunset.clone());
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defs_become_definitions_and_refs_follow() {
        let schema =
            json!({"$defs": {"a": {"type": "string"}}, "properties": {"x": {"$ref": "#/$defs/a"}}});
        assert_eq!(
            convert(&schema, "#/components/schemas/m.v1.").unwrap(),
            json!({"definitions": {"a": {"type": "string"}}, "properties": {"x": {"$ref": "#/components/schemas/m.v1.a"}}})
        );
    }

    #[test]
    fn a_newer_keyword_is_named_with_its_place() {
        let schema =
            json!({"properties": {"tags": {"type": "array", "prefixItems": [{"type": "string"}]}}});
        assert_eq!(
            convert(&schema, "#/definitions/"),
            Err(NewerKeyword {
                keyword: "prefixItems".into(),
                pointer: "/properties/tags/prefixItems".into()
            })
        );
    }

    #[test]
    fn the_pointer_of_a_deep_newer_keyword_escapes_names_and_counts_list_items() {
        // The pointer is built on the way out of the error; it must read as it did when each
        // level built it on the way in.
        let schema = json!({"properties": {"a/b~c": {"anyOf": [{"type": "string"}, {"items": [{"type": "object", "properties": {"x": {"unevaluatedItems": false}}}]}]}}});
        assert_eq!(
            convert(&schema, "#/definitions/"),
            Err(NewerKeyword {
                keyword: "unevaluatedItems".into(),
                pointer: "/properties/a~1b~0c/anyOf/1/items/0/properties/x/unevaluatedItems".into()
            })
        );
    }

    #[test]
    fn a_property_named_like_a_keyword_is_a_name_not_a_keyword() {
        let schema = json!({"properties": {"prefixItems": {"type": "string"}}, "enum": [{"unevaluatedItems": 1}]});
        assert_eq!(convert(&schema, "#/definitions/").unwrap(), schema);
    }

    #[test]
    fn a_deprecation_deadline_becomes_x_sunset() {
        let schema = json!({"deprecated": true, "x-remove-after": "2027-03-01"});
        assert_eq!(
            convert(&schema, "#/definitions/").unwrap(),
            json!({"deprecated": true, "x-remove-after": "2027-03-01", "x-sunset": "2027-03-01"})
        );
    }
}

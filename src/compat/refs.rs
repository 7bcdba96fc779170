//! JSON pointers and local `$ref` resolution (`#`, `#/json/pointer`, `#anchor`); nothing remote.

use serde_json::Value;

use super::SchemaError;
use super::ids;

/// `path` extended by one reference token, escaped as RFC 6901 requires.
pub(crate) fn child(path: &str, token: &str) -> String {
    let mut out = String::with_capacity(path.len() + token.len() + 1);
    out.push_str(path);
    out.push('/');
    if token.contains(['~', '/']) {
        out.push_str(&token.replace('~', "~0").replace('/', "~1"));
    } else {
        out.push_str(token);
    }
    out
}

/// `path` extended by an array index.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}/{i}")
}

/// Resolves `reference` (found at `at`) inside `root`, returning the target and its pointer.
pub(crate) fn resolve<'a>(
    root: &'a Value,
    reference: &str,
    at: &str,
) -> Result<(&'a Value, String), SchemaError> {
    let Some(fragment) = reference.strip_prefix('#') else {
        return ids::resolve(root, reference, at);
    };
    // Within an embedded resource (a subschema with its own `$id`), `#...` means that resource.
    let (resource, resource_path) = ids::enclosing_resource(root, at);
    resolve_fragment(root, resource, &resource_path, fragment, reference, at)
}

/// Resolves a fragment (`""`, `/json/pointer` or a plain name) inside the schema resource
/// `resource`, found at pointer `resource_path` in `root`.
pub(crate) fn resolve_fragment<'a>(
    root: &'a Value,
    resource: &'a Value,
    resource_path: &str,
    fragment: &str,
    reference: &str,
    at: &str,
) -> Result<(&'a Value, String), SchemaError> {
    let unresolved = || SchemaError::UnresolvedRef {
        path: at.to_owned(),
        reference: reference.to_owned(),
    };
    let fragment = percent_decode(fragment).ok_or_else(unresolved)?;
    if fragment.is_empty() || fragment.starts_with('/') {
        let target = resource.pointer(&fragment).ok_or_else(unresolved)?;
        // Re-encode through `child` so the returned pointer is canonical (the same target always
        // gets the same key in the comparer's memo and cycle set).
        Ok((
            target,
            format!("{resource_path}{}", canonical_pointer(&fragment)),
        ))
    } else {
        let legacy_id = ids::legacy_id(root);
        let (target, path) = match find_anchor(resource, &fragment, legacy_id) {
            Anchor::One(target, path) => (target, path),
            Anchor::None => return Err(unresolved()),
            Anchor::Several => {
                return Err(SchemaError::AmbiguousAnchor {
                    path: at.to_owned(),
                    reference: reference.to_owned(),
                });
            }
        };
        Ok((target, format!("{resource_path}{path}")))
    }
}

fn canonical_pointer(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for token in pointer.split('/').skip(1) {
        let token = crate::pointer::decode_pointer_token(token);
        out = child(&out, &token);
    }
    out
}

fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Refuses a document holding any non-local `$ref`, reached or not: contracts must be
/// self-contained, and a comparison that skipped a remote reference would pass unchecked.
/// Iterative, like `find_anchor`.
pub(crate) fn ensure_local(root: &Value) -> Result<(), SchemaError> {
    // Pointers are built only once a remote reference is found: the common, clean case then
    // allocates nothing per node.
    if find_remote(root).is_none() {
        return Ok(());
    }
    let mut stack: Vec<(&Value, String)> = vec![(root, String::new())];
    let mut found = None;
    while let Some((value, path)) = stack.pop() {
        if let Some(reference) = remote_ref(value) {
            // A reference to an `$id` declared in the document is local after all.
            let at = child(&path, "$ref");
            if let Err(SchemaError::RemoteRef { .. }) = resolve(root, reference, &at) {
                found = Some((at, reference.to_owned()));
                break;
            }
        }
        push_schema_children(value, |v, token| {
            let path = match token {
                Token::Key(key) => child(&path, key),
                Token::Index(i) => index(&path, i),
            };
            stack.push((v, path));
        });
    }
    match found {
        Some((path, reference)) => Err(SchemaError::RemoteRef { path, reference }),
        None => Ok(()),
    }
}

pub(super) enum Token<'a> {
    Key(&'a str),
    Index(usize),
}

fn remote_ref(value: &Value) -> Option<&str> {
    // A scan of the keys, not a hashed look-up: this runs on every node of every schema.
    let Value::Object(map) = value else {
        return None;
    };
    map.iter().find_map(|(key, v)| match v {
        Value::String(reference) if key == "$ref" && !reference.starts_with('#') => {
            Some(reference.as_str())
        }
        _ => None,
    })
}

/// Visits the nested objects and arrays of `value` that may hold schemas, last first.
pub(super) fn push_schema_children<'a>(
    value: &'a Value,
    mut push: impl FnMut(&'a Value, Token<'a>),
) {
    match value {
        Value::Object(map) => {
            for (key, child_value) in map.iter().rev() {
                let nested = child_value.is_object() || child_value.is_array();
                if nested && !DATA_KEYWORDS.contains(&key.as_str()) {
                    push(child_value, Token::Key(key));
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate().rev() {
                if item.is_object() || item.is_array() {
                    push(item, Token::Index(i));
                }
            }
        }
        _ => {}
    }
}

/// The first non-local `$ref` in `root`, without building pointers: one pass over each
/// object's entries, since this runs on every node of every schema compared.
fn find_remote(root: &Value) -> Option<&str> {
    let mut stack = vec![root];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match v {
                        Value::String(reference)
                            if key == "$ref" && !reference.starts_with('#') =>
                        {
                            return Some(reference);
                        }
                        Value::Object(_) | Value::Array(_)
                            if !DATA_KEYWORDS.contains(&key.as_str()) =>
                        {
                            stack.push(v);
                        }
                        _ => {}
                    }
                }
            }
            Value::Array(items) => {
                stack.extend(items.iter().filter(|v| v.is_object() || v.is_array()));
            }
            _ => {}
        }
    }
    None
}

/// Keywords whose values are instance data, not schemas: a `$ref` or `$anchor` inside is data.
const DATA_KEYWORDS: &[&str] = &["enum", "const", "default", "examples"];

/// What a search for an anchor found.
enum Anchor<'a> {
    None,
    One(&'a Value, String),
    /// Declared twice: the document is invalid, and validators disagree on which one counts.
    Several,
}

/// Finds the schema declaring `"$anchor": name` (or `$dynamicAnchor`), or, as drafts 04–07
/// name a place, an `$id` (draft-04: `id`) ending in `#name`. Iterative, so a deeply nested
/// document cannot overflow the stack.
fn find_anchor<'a>(root: &'a Value, name: &str, legacy_id: bool) -> Anchor<'a> {
    let mut found = Anchor::None;
    let mut stack: Vec<(&'a Value, String)> = vec![(root, String::new())];
    while let Some((value, path)) = stack.pop() {
        match value {
            Value::Object(map) => {
                // An embedded resource (its own `$id`) keeps its anchors to itself.
                let own_id = |key: &str| {
                    map.get(key)
                        .and_then(Value::as_str)
                        .is_some_and(|id| !id.starts_with('#'))
                };
                if !path.is_empty() && (own_id("$id") || (legacy_id && own_id("id"))) {
                    continue;
                }
                let declares = |key: &str| map.get(key).and_then(Value::as_str) == Some(name);
                let names = |key: &str| {
                    map.get(key)
                        .and_then(Value::as_str)
                        .and_then(|id| id.rsplit_once('#'))
                        .is_some_and(|(_, fragment)| fragment == name)
                };
                if declares("$anchor")
                    || declares("$dynamicAnchor")
                    || names("$id")
                    || (legacy_id && names("id"))
                {
                    if matches!(found, Anchor::One(..)) {
                        return Anchor::Several;
                    }
                    found = Anchor::One(value, path.clone());
                }
                // Enum and const values are data, not schemas: an `$anchor` inside them is not one.
                for (key, child_value) in map.iter().rev() {
                    if !DATA_KEYWORDS.contains(&key.as_str()) {
                        stack.push((child_value, child(&path, key)));
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((item, index(&path, i)));
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod unit {
    use serde_json::json;

    use super::*;

    #[test]
    fn resolves_pointers_anchors_and_refuses_remote() {
        let root = json!({"$defs": {"a/b": {"type": "string"}, "c": {"$anchor": "cee"}}});
        let (v, p) = resolve(&root, "#/$defs/a~1b", "/x").unwrap();
        assert_eq!((v, p.as_str()), (&json!({"type": "string"}), "/$defs/a~1b"));
        let (_, p) = resolve(&root, "#cee", "/x").unwrap();
        assert_eq!(p, "/$defs/c");
        let (v, p) = resolve(&root, "#", "/x").unwrap();
        assert_eq!((v, p.as_str()), (&root, ""));
        assert_eq!(
            resolve(&root, "other.json#/a", "/x").unwrap_err(),
            SchemaError::RemoteRef {
                path: "/x".into(),
                reference: "other.json#/a".into()
            }
        );
        assert!(matches!(
            resolve(&root, "#/$defs/missing", "/x"),
            Err(SchemaError::UnresolvedRef { .. })
        ));
        assert_eq!(resolve(&root, "#/%24defs/c", "/x").unwrap().1, "/$defs/c");
    }

    #[test]
    fn an_anchor_declared_twice_is_refused_unless_the_other_is_in_an_embedded_resource() {
        let twice = json!({"$defs": {"a": {"$anchor": "A"}, "b": {"$anchor": "A"}}});
        assert_eq!(
            resolve(&twice, "#A", "/x").unwrap_err(),
            SchemaError::AmbiguousAnchor {
                path: "/x".into(),
                reference: "#A".into()
            }
        );
        let embedded = json!({"$defs": {
            "a": {"$anchor": "A"},
            "e": {"$id": "https://x/e.json", "$defs": {"b": {"$anchor": "A"}}}
        }});
        assert_eq!(resolve(&embedded, "#A", "/x").unwrap().1, "/$defs/a");
    }
}

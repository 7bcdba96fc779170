//! References by `$id`: a `$ref` that is not a bare fragment names a schema resource by URI
//! (`"address.json"`, `"https://example.com/person.json#/$defs/name"`), resolved against the
//! base URI in force where the reference sits (the nearest enclosing `$id`s, RFC 3986 style).
//! Only resources declared inside the document are found; nothing is ever fetched, and a URI
//! the document does not declare is a [`SchemaError::RemoteRef`].

use serde_json::Value;

use super::SchemaError;
use super::refs::{self, Token};

/// Whether the document is draft-04 (or older), where a resource is named by `id`, not `$id`.
pub(crate) fn legacy_id(root: &Value) -> bool {
    root.get("$schema")
        .and_then(Value::as_str)
        .is_some_and(|uri| uri.contains("draft-04") || uri.contains("draft-03"))
}

/// Resolves a non-fragment `reference` found at pointer `at` in `root`.
pub(crate) fn resolve<'a>(
    root: &'a Value,
    reference: &str,
    at: &str,
) -> Result<(&'a Value, String), SchemaError> {
    let legacy = legacy_id(root);
    let base = base_at(root, at, legacy);
    let target = join(&base, reference);
    let (uri, fragment) = match target.split_once('#') {
        Some((uri, fragment)) => (uri.to_owned(), fragment.to_owned()),
        None => (target.clone(), String::new()),
    };
    let Some((resource, resource_path)) = find_resource(root, &uri, legacy) else {
        return Err(SchemaError::RemoteRef {
            path: at.to_owned(),
            reference: reference.to_owned(),
        });
    };
    refs::resolve_fragment(root, resource, &resource_path, &fragment, reference, at)
}

/// The schema resource enclosing pointer `at`: the nearest schema on the way down from the
/// root that declares an `$id` (the root itself when none does), and its pointer. A fragment
/// reference (`#/$defs/x`) is resolved inside it, as its base URI is that resource's.
pub(crate) fn enclosing_resource<'a>(root: &'a Value, at: &str) -> (&'a Value, String) {
    let legacy = legacy_id(root);
    let mut found = (root, String::new());
    let mut value = root;
    let mut path = String::new();
    // The last token is the `$ref` keyword itself, not a schema.
    let tokens: Vec<&str> = at.split('/').skip(1).collect();
    for token in &tokens[..tokens.len().saturating_sub(1)] {
        let token = crate::pointer::decode_pointer_token(token);
        let next = match value {
            Value::Object(map) => map.get(&*token),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        let Some(next) = next else { break };
        path = refs::child(&path, &token);
        value = next;
        if declared_id(value, legacy).is_some() {
            found = (value, path.clone());
        }
    }
    found
}

/// The `$id` of a schema object, if it declares a resource (not just a `#name` fragment).
fn declared_id(value: &Value, legacy: bool) -> Option<&str> {
    let map = value.as_object()?;
    let id = map
        .get("$id")
        .or_else(|| legacy.then(|| map.get("id")).flatten())?;
    id.as_str().filter(|id| !id.starts_with('#'))
}

/// The base URI in force at pointer `at`: every `$id` on the way down from the root, joined.
fn base_at(root: &Value, at: &str, legacy: bool) -> String {
    let mut base = String::new();
    let mut value = root;
    let mut tokens = at.split('/').skip(1);
    loop {
        if let Some(id) = declared_id(value, legacy) {
            base = join(&base, id);
        }
        let Some(token) = tokens.next() else {
            return base;
        };
        let token = crate::pointer::decode_pointer_token(token);
        let next = match value {
            Value::Object(map) => map.get(&*token),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        match next {
            Some(next) => value = next,
            None => return base,
        }
    }
}

/// The schema whose absolute `$id` (without fragment) is `uri`, and its pointer.
fn find_resource<'a>(root: &'a Value, uri: &str, legacy: bool) -> Option<(&'a Value, String)> {
    let mut stack: Vec<(&'a Value, String, String)> = vec![(root, String::new(), String::new())];
    while let Some((value, path, base)) = stack.pop() {
        let base = match declared_id(value, legacy) {
            Some(id) => {
                let absolute = join(&base, id);
                if strip_fragment(&absolute) == uri {
                    return Some((value, path));
                }
                absolute
            }
            None => base,
        };
        refs::push_schema_children(value, |child, token| {
            let path = match token {
                Token::Key(key) => refs::child(&path, key),
                Token::Index(i) => refs::index(&path, i),
            };
            stack.push((child, path, base.clone()));
        });
    }
    None
}

fn strip_fragment(uri: &str) -> &str {
    uri.split_once('#').map_or(uri, |(before, _)| before)
}

/// `reference` resolved against `base`, enough of RFC 3986 for schema ids: an absolute URI
/// (with a scheme) stands alone; `#...` keeps the base; `/path` keeps the scheme and authority;
/// anything else replaces the base's last path segment.
pub(crate) fn join(base: &str, reference: &str) -> String {
    let has_scheme = reference
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.is_empty() && !scheme.contains(['/', '#', '?']));
    if has_scheme || base.is_empty() {
        return reference.to_owned();
    }
    let base = strip_fragment(base);
    if reference.starts_with('#') {
        return format!("{base}{reference}");
    }
    if reference.starts_with('/') {
        let authority_end = base
            .find("://")
            .map(|i| i + 3)
            .and_then(|start| base[start..].find('/').map(|j| start + j))
            .unwrap_or(base.len());
        return format!("{}{reference}", &base[..authority_end]);
    }
    match base.rfind('/') {
        Some(i) => format!("{}{reference}", &base[..=i]),
        // `urn:example:a` and the like: no path to extend.
        None => reference.to_owned(),
    }
}

#[cfg(test)]
mod unit {
    use serde_json::json;

    use super::*;

    #[test]
    fn joins_like_rfc_3986_for_schema_ids() {
        assert_eq!(
            join("https://e.com/a/b.json", "c.json"),
            "https://e.com/a/c.json"
        );
        assert_eq!(
            join("https://e.com/a/b.json", "/c.json"),
            "https://e.com/c.json"
        );
        assert_eq!(
            join("https://e.com/a/b.json#x", "#/y"),
            "https://e.com/a/b.json#/y"
        );
        assert_eq!(join("https://e.com/a/b.json", "urn:x"), "urn:x");
        assert_eq!(join("", "c.json"), "c.json");
    }

    #[test]
    fn resolves_ids_embedded_bases_and_legacy_ids() {
        let root = json!({
            "$id": "https://e.com/root.json",
            "properties": {"a": {"$ref": "address.json"}, "b": {"$ref": "nested/x.json#/$defs/n"}},
            "$defs": {
                "address": {"$id": "address.json", "type": "object"},
                "nested": {"$id": "nested/x.json", "$defs": {"n": {"type": "integer"},
                    "m": {"$ref": "#/$defs/n"}, "o": {"$ref": "x.json#/$defs/n"}}}
            }
        });
        let found = |reference: &str, at: &str| resolve(&root, reference, at).map(|(_, p)| p);
        assert_eq!(
            found("address.json", "/properties/a/$ref").unwrap(),
            "/$defs/address"
        );
        assert_eq!(
            found("nested/x.json#/$defs/n", "/properties/b/$ref").unwrap(),
            "/$defs/nested/$defs/n"
        );
        // Inside `nested`, the base is nested/x.json, so `x.json` is that resource.
        assert_eq!(
            found("x.json#/$defs/n", "/$defs/nested/$defs/o/$ref").unwrap(),
            "/$defs/nested/$defs/n"
        );
        assert_eq!(
            found("https://e.com/root.json#/$defs/address", "").unwrap(),
            "/$defs/address"
        );
        assert!(matches!(
            found("https://other.com/x.json", "/properties/a/$ref"),
            Err(SchemaError::RemoteRef { .. })
        ));
        let draft4 = json!({"$schema": "http://json-schema.org/draft-04/schema#",
            "definitions": {"a": {"id": "a.json", "type": "string"}}, "$ref": "a.json"});
        assert_eq!(
            resolve(&draft4, "a.json", "/$ref").unwrap().1,
            "/definitions/a"
        );
    }
}

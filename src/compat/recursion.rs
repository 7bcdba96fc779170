//! Recursion that never reads a smaller part of the value.
//!
//! `{"$defs": {"a": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/a"}]}}}` applies `a` to the
//! value `a` is already validating, through keywords that stay on the same value: a validator
//! asked about a number never finishes, and JSON Schema leaves the outcome undefined (2020-12
//! core, §9.4.1). Recursion with a way out goes through a keyword that descends into the value
//! (`properties`, `items`, …), each step on a smaller part of a finite document; a `$ref` chain
//! that reaches no schema at all is [`SchemaError::RefCycle`], found before this.

use std::collections::HashMap;

use serde_json::Value;

use super::SchemaError;
use super::refs;

/// Keywords whose subschemas apply to the value itself, not to a part of it.
const IN_PLACE_SINGLE: [&str; 4] = ["not", "if", "then", "else"];
const IN_PLACE_LISTS: [&str; 3] = ["allOf", "anyOf", "oneOf"];
const IN_PLACE_MAPS: [&str; 1] = ["dependentSchemas"];

/// A step from one schema to another that stays on the same value.
struct Step {
    to: String,
    /// The `$ref` this step follows, if it is one.
    reference: Option<String>,
}

/// The first `$ref` that closes a loop of in-place steps, anywhere in `root`.
pub(super) fn check_in_place_loops(root: &Value) -> Result<(), SchemaError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        OnPath,
        Done,
    }
    let mut seen: HashMap<String, Seen> = HashMap::new();
    for start in schema_pointers(root) {
        if seen.contains_key(&start) {
            continue;
        }
        // Each frame: a schema on the current path, its steps, and the next step to take.
        let mut path: Vec<(String, Vec<Step>, usize)> = Vec::new();
        seen.insert(start.clone(), Seen::OnPath);
        let steps = steps_from(root, &start);
        path.push((start, steps, 0));
        while let Some((_, steps, next)) = path.last_mut() {
            let Some(step) = steps.get(*next) else {
                let (done, _, _) = path.pop().expect("a frame");
                seen.insert(done, Seen::Done);
                continue;
            };
            *next += 1;
            let to = step.to.clone();
            match seen.get(&to) {
                Some(Seen::Done) => {}
                Some(Seen::OnPath) => return Err(loop_error(&path, &to)),
                None => {
                    seen.insert(to.clone(), Seen::OnPath);
                    let steps = steps_from(root, &to);
                    path.push((to, steps, 0));
                }
            }
        }
    }
    Ok(())
}

/// The error for the loop that returns to `to`: named by its first `$ref` (a loop of in-place
/// steps always has one, since without references the schemas form a tree).
fn loop_error(path: &[(String, Vec<Step>, usize)], to: &str) -> SchemaError {
    let from = path.iter().position(|(at, _, _)| at == to).unwrap_or(0);
    let closing = path[from..].iter().find_map(|(at, steps, next)| {
        let step = &steps[next - 1];
        step.reference.as_ref().map(|reference| (at, reference))
    });
    let (at, reference) = closing.unwrap_or((&path[from].0, &path[from].0));
    SchemaError::EndlessRecursion {
        path: at.clone(),
        reference: reference.clone(),
    }
}

/// The in-place steps from the schema at `pointer`: its `allOf`/`anyOf`/`oneOf` branches, `not`,
/// `if`/`then`/`else`, `dependentSchemas`, and the target of its local `$ref`.
fn steps_from(root: &Value, pointer: &str) -> Vec<Step> {
    let Some(Value::Object(schema)) = root.pointer(pointer) else {
        return Vec::new();
    };
    let mut steps = Vec::new();
    let mut step = |to: String| {
        steps.push(Step {
            to,
            reference: None,
        })
    };
    for keyword in IN_PLACE_SINGLE {
        if schema.get(keyword).is_some_and(Value::is_object) {
            step(refs::child(pointer, keyword));
        }
    }
    for keyword in IN_PLACE_LISTS {
        if let Some(Value::Array(branches)) = schema.get(keyword) {
            let at = refs::child(pointer, keyword);
            for (i, _) in branches.iter().enumerate().filter(|(_, b)| b.is_object()) {
                step(refs::index(&at, i));
            }
        }
    }
    for keyword in IN_PLACE_MAPS {
        if let Some(Value::Object(entries)) = schema.get(keyword) {
            let at = refs::child(pointer, keyword);
            for (name, _) in entries.iter().filter(|(_, s)| s.is_object()) {
                step(refs::child(&at, name));
            }
        }
    }
    if let Some(Value::String(reference)) = schema.get("$ref")
        && reference.starts_with('#')
        // A reference that leads nowhere is `check_references`' finding, not a loop.
        && let Ok((_, to)) = refs::resolve(root, reference, &refs::child(pointer, "$ref"))
    {
        steps.push(Step {
            to,
            reference: Some(reference.clone()),
        });
    }
    steps
}

/// The pointer of every object in `root` that may be a schema, in document order.
fn schema_pointers(root: &Value) -> Vec<String> {
    let mut pointers = Vec::new();
    let mut stack: Vec<(&Value, String)> = vec![(root, String::new())];
    while let Some((value, path)) = stack.pop() {
        if value.is_object() {
            pointers.push(path.clone());
        }
        refs::push_schema_children(value, |child, token| {
            let path = match token {
                refs::Token::Key(key) => refs::child(&path, key),
                refs::Token::Index(i) => refs::index(&path, i),
            };
            stack.push((child, path));
        });
    }
    pointers
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn refused(schema: Value) -> (String, String) {
        match check_in_place_loops(&schema) {
            Err(SchemaError::EndlessRecursion { path, reference }) => (path, reference),
            other => panic!("{schema}: {other:?}"),
        }
    }

    #[test]
    fn loops_through_combinators_only_are_refused() {
        assert_eq!(
            refused(json!({"anyOf": [{"$ref": "#"}]})),
            ("/anyOf/0".into(), "#".into())
        );
        assert_eq!(
            refused(json!({"properties": {"x": {"$ref": "#/$defs/l"}},
                "$defs": {"l": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/l"}]}}})),
            ("/$defs/l/anyOf/1".into(), "#/$defs/l".into())
        );
        // Two definitions that apply each other, through `allOf` and `not`, nothing using them.
        assert_eq!(
            refused(json!({"$defs": {
                "a": {"allOf": [{"$ref": "#/$defs/b"}]},
                "b": {"not": {"$ref": "#/$defs/a"}}}})),
            ("/$defs/a/allOf/0".into(), "#/$defs/b".into())
        );
        assert_eq!(
            refused(json!({"$defs": {"a": {"if": {"$ref": "#/$defs/a"}}}})),
            ("/$defs/a/if".into(), "#/$defs/a".into())
        );
        assert_eq!(
            refused(json!({"dependentSchemas": {"k": {"$ref": "#"}}})),
            ("/dependentSchemas/k".into(), "#".into())
        );
    }

    #[test]
    fn recursion_that_descends_into_the_value_passes() {
        for schema in [
            json!({"type": "object", "properties": {"next": {"$ref": "#"}}}),
            json!({"anyOf": [{"type": "null"}, {"type": "array", "items": {"$ref": "#"}}]}),
            json!({"$ref": "#/$defs/tree", "$defs": {"tree": {"type": "object",
                "additionalProperties": {"$ref": "#/$defs/tree"}}}}),
            // Shared definitions used twice in place are a diamond, not a loop.
            json!({"allOf": [{"$ref": "#/$defs/a"}, {"$ref": "#/$defs/a"}],
                "$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"type": "object"}}}),
            // `enum` and `examples` hold data, never schemas.
            json!({"enum": [{"$ref": "#"}], "examples": [{"anyOf": [{"$ref": "#"}]}]}),
        ] {
            assert!(check_in_place_loops(&schema).is_ok(), "{schema}");
        }
    }
}

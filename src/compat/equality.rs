//! Depth-safe JSON equality: numbers by value (1 == 1.0), no recursion on the call stack.

use serde_json::Value;

use super::refs;

/// Whether `a` and `b` are the same JSON value, comparing numbers by value as JSON Schema's
/// `enum` and `const` do. Iterative, so it cannot overflow the stack on deeply nested values.
pub(crate) fn json_equal(a: &Value, b: &Value) -> bool {
    let mut stack = vec![(a, b)];
    while let Some((a, b)) = stack.pop() {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                if x != y && x.as_f64() != y.as_f64() {
                    return false;
                }
            }
            (Value::Array(xs), Value::Array(ys)) => {
                if xs.len() != ys.len() {
                    return false;
                }
                stack.extend(xs.iter().zip(ys));
            }
            (Value::Object(xs), Value::Object(ys)) => {
                if xs.len() != ys.len() {
                    return false;
                }
                for (key, x) in xs {
                    match ys.get(key) {
                        Some(y) => stack.push((x, y)),
                        None => return false,
                    }
                }
            }
            (Value::String(x), Value::String(y)) if x == y => {}
            (Value::Bool(x), Value::Bool(y)) if x == y => {}
            (Value::Null, Value::Null) => {}
            _ => return false,
        }
    }
    true
}

/// Keywords whose meaning lies elsewhere in the document.
const REFERENCES: [&str; 3] = ["$ref", "$dynamicRef", "$recursiveRef"];

/// Whether `a` and `b` are the same JSON with no reference anywhere in them (`$ref`,
/// `$dynamicRef`, `$recursiveRef`), which could lead to different definitions in the two
/// documents: the same text is then the same set of values.
pub(crate) fn same_text_without_refs(a: &Value, b: &Value) -> bool {
    let mut stack = vec![(a, b)];
    while let Some((a, b)) = stack.pop() {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                if x.len() != y.len() || REFERENCES.iter().any(|k| x.contains_key(*k)) {
                    return false;
                }
                for (key, value) in x {
                    match y.get(key) {
                        Some(other) => stack.push((value, other)),
                        None => return false,
                    }
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                if x.len() != y.len() {
                    return false;
                }
                stack.extend(x.iter().zip(y));
            }
            (x, y) => {
                if !json_equal(x, y) {
                    return false;
                }
            }
        }
    }
    true
}

/// Whether `old` (at `old_path` in `old_root`) and `new` (in `new_root`) are written the same,
/// following every `$ref` in them into both documents and requiring the same text there too:
/// then they are the same set. A `$dynamicRef`/`$recursiveRef`, or more than 256 references,
/// answers `false` (not proven the same).
pub(crate) fn same_text_through_refs(
    old_root: &Value,
    old: (&Value, String),
    new_root: &Value,
    new: (&Value, String),
) -> bool {
    let mut followed = 0usize;
    let mut stack = vec![(old, new)];
    while let Some(((a, a_path), (b, b_path))) = stack.pop() {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                if x.len() != y.len()
                    || x.contains_key("$dynamicRef")
                    || x.contains_key("$recursiveRef")
                {
                    return false;
                }
                for (key, value) in x {
                    let Some(other) = y.get(key) else {
                        return false;
                    };
                    let (value_path, other_path) =
                        (refs::child(&a_path, key), refs::child(&b_path, key));
                    if key == "$ref" {
                        let (Value::String(r), Value::String(q)) = (value, other) else {
                            return false;
                        };
                        followed += 1;
                        if r != q || followed > 256 {
                            return false;
                        }
                        let (Ok(target), Ok(other_target)) = (
                            refs::resolve(old_root, r, &value_path),
                            refs::resolve(new_root, q, &other_path),
                        ) else {
                            return false;
                        };
                        stack.push((target, other_target));
                    }
                    stack.push(((value, value_path), (other, other_path)));
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                if x.len() != y.len() {
                    return false;
                }
                for (i, (value, other)) in x.iter().zip(y).enumerate() {
                    stack.push((
                        (value, refs::index(&a_path, i)),
                        (other, refs::index(&b_path, i)),
                    ));
                }
            }
            (x, y) => {
                if !json_equal(x, y) {
                    return false;
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod unit {
    use serde_json::json;

    use super::*;

    #[test]
    fn numbers_compare_by_value_and_structure_matters() {
        assert!(json_equal(
            &json!({"a": [1, "x"]}),
            &json!({"a": [1.0, "x"]})
        ));
        assert!(!json_equal(&json!({"a": [1]}), &json!({"a": [1, 2]})));
        assert!(!json_equal(&json!({"a": 1}), &json!({"b": 1})));
        assert!(!json_equal(&json!(null), &json!(false)));
    }

    #[test]
    fn deep_values_do_not_overflow() {
        let mut a = json!(1);
        for _ in 0..10_000 {
            a = Value::Array(vec![a]);
        }
        assert!(json_equal(&a, &a));
        // Dropping a 10,000-deep value recurses in serde_json itself; keep it alive past the
        // test instead of risking the test thread's stack.
        std::mem::forget(a);
    }
}

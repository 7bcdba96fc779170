//! Depth-safe JSON equality: numbers by value (1 == 1.0), no recursion on the call stack.

use serde_json::Value;

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

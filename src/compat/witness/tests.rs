//! Witnesses for object keywords whose counterexample needs a particular property name or
//! count, which the case table's probe values would otherwise stand in for.

use serde_json::{Value, json};

use super::{Witness, witnesses};
use crate::compat::{Direction, Policy, check};

/// The witness of every breaking difference of `old` → `new` in `direction` (lenient).
fn shown(old: &Value, new: &Value, direction: Direction) -> Vec<Option<Value>> {
    let verdict = check(old, new, direction, Policy::Lenient).unwrap();
    witnesses(old, new, direction, Policy::Lenient, &verdict.differences)
        .into_iter()
        .zip(&verdict.differences)
        .filter(|(_, (_, compatible))| !compatible)
        .map(|(witness, _)| match witness {
            Some(Witness::Payload(value)) => Some(value),
            _ => None,
        })
        .collect()
}

#[test]
fn object_keywords_get_a_payload_with_the_name_or_count_they_reject() {
    use Direction::{Backward, Forward};
    let ab = json!({"a": {"type": "string"}, "b": {"type": "string"}});
    // Regression: before names were generated from patterns, the first three had no witness
    // (the generator never wrote a property name a `patternProperties` pattern matches), nor
    // did the bare `dependentRequired`, the `propertyNames` pattern and the property counts.
    let rows = [
        (
            json!({"type": "object"}),
            json!({"type": "object", "patternProperties": {"^x-": {"type": "string"}}}),
            Backward,
            json!({"x-": 1}),
        ),
        (
            json!({"type": "object", "patternProperties": {"^x-": {"type": "string"}}}),
            json!({"type": "object"}),
            Forward,
            json!({"x-": 1}),
        ),
        (
            json!({"type": "object", "patternProperties": {"^x-": {"type": "integer"}}}),
            json!({"type": "object", "patternProperties": {"^x-": {"type": "number"}}}),
            Forward,
            json!({"x-": 0.5}),
        ),
        (
            json!({"type": "object", "additionalProperties": {"type": "string"}}),
            json!({"type": "object", "additionalProperties": {"type": "string"},
                   "patternProperties": {"^x-": {"maxLength": 2}}}),
            Backward,
            json!({"x-": "aaa"}),
        ),
        (
            json!({"type": "object"}),
            json!({"type": "object", "propertyNames": {"maxLength": 3}}),
            Backward,
            json!({"undeclared": 1}),
        ),
        (
            json!({"type": "object"}),
            json!({"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}}),
            Backward,
            json!({"": 1}),
        ),
        (
            json!({"type": "object", "propertyNames": {"maxLength": 3}}),
            json!({"type": "object", "propertyNames": {"maxLength": 2}}),
            Backward,
            json!({"aaa": 1}),
        ),
        (
            json!({"type": "object"}),
            json!({"type": "object", "dependentRequired": {"a": ["b"]}}),
            Backward,
            json!({"a": 1}),
        ),
        (
            json!({"type": "object", "properties": ab}),
            json!({"type": "object", "properties": ab, "dependentRequired": {"a": ["b"]}}),
            Backward,
            json!({"a": ""}),
        ),
        (
            json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}),
            json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                   "dependencies": {"a": ["b"]}}),
            Backward,
            json!({"a": 1}),
        ),
        (
            json!({"type": "object"}),
            json!({"type": "object", "minProperties": 1}),
            Backward,
            json!({}),
        ),
        (
            json!({"type": "object", "minProperties": 2}),
            json!({"type": "object", "minProperties": 3}),
            Backward,
            json!({"undeclared0": 1, "undeclared1": 1}),
        ),
        (
            json!({"type": "object"}),
            json!({"type": "object", "maxProperties": 1}),
            Backward,
            json!({"undeclared0": 1, "undeclared1": 1}),
        ),
    ];
    for (old, new, direction, expected) in rows {
        assert_eq!(
            shown(&old, &new, direction),
            [Some(expected)],
            "{old} → {new} ({direction:?})"
        );
    }
}

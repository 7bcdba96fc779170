//! Property tests of the compatibility engine: self-comparison, direction symmetry, and that a
//! "compatible" verdict holds for real payloads checked by the `jsonschema` validator.

use std::collections::{BTreeMap, BTreeSet};

use contract::compat::{Direction, Policy, check, differences};
use proptest::collection::{btree_map, btree_set, vec};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use serde_json::{Map, Value, json};

const NAMES: &[&str] = &["a", "b", "c", "d", "e"];

#[derive(Clone, Debug)]
enum Prop {
    Str {
        min: Option<u8>,
        max: Option<u8>,
        nullable: bool,
    },
    Int {
        min: Option<i8>,
        max: Option<i8>,
    },
    Num {
        min: Option<i8>,
        max: Option<i8>,
    },
    Bool,
    Enum(Vec<&'static str>),
}

/// What the object says about undeclared properties.
#[derive(Clone, Debug)]
enum Extra {
    Open,
    Closed,
    Strings,
}

#[derive(Clone, Debug)]
struct Obj {
    props: BTreeMap<String, Prop>,
    required: BTreeSet<String>,
    extra: Extra,
}

#[derive(Clone, Debug)]
enum Mutation {
    Add(&'static str, Prop, bool),
    Remove(usize),
    ToggleRequired(usize),
    Retype(usize, Prop),
    SetExtra(Extra),
}

fn ordered<T: Ord + Copy>(a: Option<T>, b: Option<T>) -> (Option<T>, Option<T>) {
    match (a, b) {
        (Some(x), Some(y)) if x > y => (Some(y), Some(x)),
        other => other,
    }
}

fn prop() -> impl Strategy<Value = Prop> {
    prop_oneof![
        (
            proptest::option::of(0u8..4),
            proptest::option::of(0u8..8),
            any::<bool>()
        )
            .prop_map(|(a, b, nullable)| {
                let (min, max) = ordered(a, b);
                Prop::Str { min, max, nullable }
            }),
        (proptest::option::of(-5i8..5), proptest::option::of(-5i8..5)).prop_map(|(a, b)| {
            let (min, max) = ordered(a, b);
            Prop::Int { min, max }
        }),
        (proptest::option::of(-5i8..5), proptest::option::of(-5i8..5)).prop_map(|(a, b)| {
            let (min, max) = ordered(a, b);
            Prop::Num { min, max }
        }),
        Just(Prop::Bool),
        subsequence(vec!["x", "y", "z"], 1..=3).prop_map(Prop::Enum),
    ]
}

fn extra() -> impl Strategy<Value = Extra> {
    prop_oneof![Just(Extra::Open), Just(Extra::Closed), Just(Extra::Strings)]
}

fn obj() -> impl Strategy<Value = Obj> {
    (
        btree_map(select(NAMES).prop_map(String::from), prop(), 0..5),
        btree_set(select(NAMES).prop_map(String::from), 0..4),
        extra(),
    )
        .prop_map(|(props, required, extra)| {
            let required = required
                .into_iter()
                .filter(|n| props.contains_key(n))
                .collect();
            Obj {
                props,
                required,
                extra,
            }
        })
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (select(NAMES), prop(), any::<bool>()).prop_map(|(n, p, r)| Mutation::Add(n, p, r)),
        (0usize..5).prop_map(Mutation::Remove),
        (0usize..5).prop_map(Mutation::ToggleRequired),
        (0usize..5, prop()).prop_map(|(i, p)| Mutation::Retype(i, p)),
        extra().prop_map(Mutation::SetExtra),
    ]
}

fn mutate(mut obj: Obj, mutations: &[Mutation]) -> Obj {
    for m in mutations {
        let nth = |obj: &Obj, i: usize| obj.props.keys().nth(i % obj.props.len().max(1)).cloned();
        match m {
            Mutation::Add(name, prop, required) => {
                obj.props.insert((*name).into(), prop.clone());
                if *required {
                    obj.required.insert((*name).into());
                }
            }
            Mutation::Remove(i) => {
                if let Some(name) = nth(&obj, *i) {
                    obj.props.remove(&name);
                    obj.required.remove(&name);
                }
            }
            Mutation::ToggleRequired(i) => {
                if let Some(name) = nth(&obj, *i)
                    && !obj.required.remove(&name)
                {
                    obj.required.insert(name);
                }
            }
            Mutation::Retype(i, prop) => {
                if let Some(name) = nth(&obj, *i) {
                    obj.props.insert(name, prop.clone());
                }
            }
            Mutation::SetExtra(extra) => obj.extra = extra.clone(),
        }
    }
    obj
}

/// An old schema and a new one derived from it by a few edits, so pairs are often compatible.
fn pair() -> impl Strategy<Value = (Obj, Obj)> {
    (obj(), vec(mutation(), 0..3)).prop_map(|(old, ms)| {
        let new = mutate(old.clone(), &ms);
        (old, new)
    })
}

fn prop_schema(p: &Prop) -> Value {
    let mut s = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            s.insert(k.into(), v);
        }
    };
    match p {
        Prop::Str { min, max, nullable } => {
            put(
                "type",
                Some(if *nullable {
                    json!(["string", "null"])
                } else {
                    json!("string")
                }),
            );
            put("minLength", min.map(|v| json!(v)));
            put("maxLength", max.map(|v| json!(v)));
        }
        Prop::Int { min, max } | Prop::Num { min, max } => {
            let t = if matches!(p, Prop::Int { .. }) {
                "integer"
            } else {
                "number"
            };
            put("type", Some(json!(t)));
            put("minimum", min.map(|v| json!(v)));
            put("maximum", max.map(|v| json!(v)));
        }
        Prop::Bool => put("type", Some(json!("boolean"))),
        Prop::Enum(values) => {
            put("type", Some(json!("string")));
            put("enum", Some(json!(values)));
        }
    }
    Value::Object(s)
}

fn schema(o: &Obj) -> Value {
    let props: Map<String, Value> = o
        .props
        .iter()
        .map(|(k, p)| (k.clone(), prop_schema(p)))
        .collect();
    let mut s = json!({"type": "object", "properties": props, "required": o.required});
    match o.extra {
        Extra::Open => {}
        Extra::Closed => s["additionalProperties"] = json!(false),
        Extra::Strings => s["additionalProperties"] = json!({"type": "string"}),
    }
    s
}

fn value_for(p: &Prop) -> BoxedStrategy<Value> {
    match p {
        Prop::Str { min, max, nullable } => {
            let lo = min.unwrap_or(0) as usize;
            let hi = max.map_or(lo + 5, |m| m as usize).max(lo);
            let s = (lo..=hi).prop_map(|n| Value::String("s".repeat(n)));
            if *nullable {
                prop_oneof![s, Just(Value::Null)].boxed()
            } else {
                s.boxed()
            }
        }
        Prop::Int { min, max } => {
            let lo = min.map_or(-20, i32::from);
            let hi = max.map_or(20, i32::from).max(lo);
            (lo..=hi).prop_map(|n| json!(n)).boxed()
        }
        Prop::Num { min, max } => {
            let lo = min.map_or(-20, i32::from) * 2;
            let hi = (max.map_or(20, i32::from) * 2).max(lo);
            (lo..=hi).prop_map(|n| json!(f64::from(n) / 2.0)).boxed()
        }
        Prop::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        Prop::Enum(values) => select(values.clone()).prop_map(|v| json!(v)).boxed(),
    }
}

/// Payloads valid under `o`; with `undeclared`, they may also carry properties `o` does not
/// declare, whenever its content model allows them.
fn instance(o: &Obj, undeclared: bool) -> BoxedStrategy<Value> {
    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = o
        .props
        .iter()
        .map(|(name, p)| {
            let (name, required) = (name.clone(), o.required.contains(name));
            (value_for(p), any::<bool>())
                .prop_map(move |(v, keep)| (keep || required).then(|| (name.clone(), v)))
                .boxed()
        })
        .collect();
    let free: Vec<&'static str> = NAMES
        .iter()
        .copied()
        .filter(|n| !o.props.contains_key(*n))
        .collect();
    let extra_value: BoxedStrategy<Value> = match o.extra {
        Extra::Open => select(vec![
            json!(1),
            json!("s"),
            json!(null),
            json!(true),
            json!(2.5),
        ])
        .boxed(),
        Extra::Strings => "[a-z]{0,3}".prop_map(Value::String).boxed(),
        Extra::Closed => Just(Value::Null).boxed(),
    };
    let extras_allowed = undeclared && !free.is_empty() && !matches!(o.extra, Extra::Closed);
    let extra = if extras_allowed {
        proptest::option::of((select(free), extra_value)).boxed()
    } else {
        Just(None).boxed()
    };
    (fields, extra)
        .prop_map(|(fields, extra)| {
            let mut m: Map<String, Value> = fields.into_iter().flatten().collect();
            if let Some((k, v)) = extra {
                m.insert(k.into(), v);
            }
            Value::Object(m)
        })
        .boxed()
}

fn valid(schema: &Value, instance: &Value) -> bool {
    jsonschema::validator_for(schema)
        .expect("generated schemas are valid")
        .is_valid(instance)
}

/// Old and new schemas with payloads of each: some with undeclared properties, some without.
fn scenario() -> impl Strategy<Value = (Obj, Obj, Vec<Value>, Vec<Value>, Vec<Value>, Vec<Value>)> {
    pair().prop_flat_map(|(old, new)| {
        (
            Just(old.clone()),
            Just(new.clone()),
            vec(instance(&old, true), 8),
            vec(instance(&old, false), 8),
            vec(instance(&new, true), 8),
            vec(instance(&new, false), 8),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_schema_has_no_difference_with_itself(o in obj()) {
        let s = schema(&o);
        prop_assert_eq!(differences(&s, &s).unwrap(), vec![]);
        for policy in [Policy::Lenient, Policy::Strict] {
            prop_assert!(check(&s, &s, Direction::Backward, policy).unwrap().compatible);
            prop_assert!(check(&s, &s, Direction::Forward, policy).unwrap().compatible);
        }
    }

    #[test]
    fn backward_of_old_new_is_forward_of_new_old((old, new) in pair()) {
        let (a, b) = (schema(&old), schema(&new));
        for policy in [Policy::Lenient, Policy::Strict] {
            let backward = check(&a, &b, Direction::Backward, policy).unwrap();
            let forward = check(&b, &a, Direction::Forward, policy).unwrap();
            prop_assert_eq!(backward.compatible, forward.compatible);
            // Same differences, with old and new swapped.
            let swapped: Vec<_> = forward
                .differences
                .into_iter()
                .map(|(d, ok)| (d.kind, d.new_path, d.old_path, ok))
                .collect();
            let direct: Vec<_> = backward
                .differences
                .into_iter()
                .map(|(d, ok)| (d.kind, d.old_path, d.new_path, ok))
                .collect();
            prop_assert_eq!(direct, swapped);
        }
    }

    #[test]
    fn compatible_verdicts_hold_for_real_payloads(
        (old, new, old_any, old_declared, new_any, new_declared) in scenario()
    ) {
        let (a, b) = (schema(&old), schema(&new));
        for payload in old_any.iter().chain(&old_declared) {
            prop_assert!(valid(&a, payload), "generator made an invalid payload {}", payload);
        }
        for payload in new_any.iter().chain(&new_declared) {
            prop_assert!(valid(&b, payload), "generator made an invalid payload {}", payload);
        }
        // Strict promises every old payload; lenient only those without undeclared properties
        // (it accepts a new property constraining what old payloads carried undeclared).
        let cases = [
            (Direction::Backward, Policy::Strict, &old_any, &b),
            (Direction::Backward, Policy::Lenient, &old_declared, &b),
            (Direction::Forward, Policy::Strict, &new_any, &a),
            (Direction::Forward, Policy::Lenient, &new_declared, &a),
        ];
        for (direction, policy, payloads, reader) in cases {
            if check(&a, &b, direction, policy).unwrap().compatible {
                for payload in payloads.iter() {
                    prop_assert!(
                        valid(reader, payload),
                        "{:?} {:?} said compatible, but {} fails\nold {}\nnew {}",
                        direction, policy, payload, a, b
                    );
                }
            }
        }
    }
}

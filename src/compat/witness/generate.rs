//! Values from a schema: a small, varied set of JSON values meant to be valid under it (each is
//! checked with the validator afterwards, so "meant to" is enough), with boundary values of every
//! bound (`maximum`, `maxLength`, `maxItems`, `minProperties`…) and their neighbours just
//! outside, every `enum` value, every declared property present and absent, undeclared ones,
//! and names each `patternProperties` pattern matches. A focus pointer (the place a difference
//! is about) gets a wider share of the variants, so a deep change is reached.

use serde_json::{Map, Number, Value, json};

use crate::compat::pattern::Language;
use crate::compat::refs;

/// Most values produced for one schema node; children off the focus give their parent fewer.
const MAX_SAMPLES: usize = 48;
const CHILD_SAMPLES: usize = 6;
const MAX_DEPTH: usize = 12;
/// Node visits per generator, so a recursive or very wide schema stays cheap.
const MAX_STEPS: usize = 4_000;
/// Strings generated from a `pattern`'s automaton, shortest first.
const PATTERN_MEMBERS: usize = 4;
/// Property names generated from one `patternProperties` pattern.
const PATTERN_NAMES: usize = 2;
/// Patterns of the other schema whose subschemas give values ([`pattern_samples`]).
const MAX_PATTERNS: usize = 16;
/// Objects one object schema gets from the names worth trying beyond its declared ones.
const MAX_TRIALS: usize = 2 * MAX_SAMPLES;
/// The largest property count an object is filled up to.
const MAX_COUNT: u64 = 64;

pub struct Generator<'a> {
    root: &'a Value,
    focus: String,
    steps: usize,
    /// What the other schema of a comparison suggests trying.
    hints: Hints,
    /// Strings to offer first at one string schema (its pointer): a difference's counterexample.
    strings_at: Option<(String, Vec<String>)>,
}

/// What the other schema of a comparison suggests trying in the objects generated from one:
/// property names it gives a meaning (an open model's payloads may already carry them, with
/// any value) and property counts at its bounds.
#[derive(Clone, Debug, Default)]
pub struct Hints {
    /// [`declared_names`], tried as undeclared properties with a value of a few types.
    names: Vec<String>,
    /// [`pattern_samples`], tried with their values and those of the object they go in.
    pattern_names: Vec<(String, Vec<Value>)>,
    /// Every `minProperties` and `maxProperties` bound, reached from below and from above.
    counts: Vec<u64>,
}

impl Hints {
    /// What `other` suggests trying.
    pub fn of(other: &Value) -> Hints {
        Hints {
            names: declared_names(other),
            pattern_names: pattern_samples(other),
            counts: property_counts(other),
        }
    }
}

/// Every property name `schema` says something about anywhere, sorted, unique: those under
/// `properties`, `required` and the dependency keywords, a few each `patternProperties`
/// pattern matches, and names on both sides of a `propertyNames` bound.
fn declared_names(schema: &Value) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![schema];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    names.extend(properties.keys().cloned());
                }
                if let Some(Value::Object(patterns)) = map.get("patternProperties") {
                    names.extend(patterns.keys().flat_map(|p| matching_names(p)));
                }
                if let Some(Value::Array(required)) = map.get("required") {
                    names.extend(required.iter().filter_map(Value::as_str).map(str::to_owned));
                }
                for keyword in ["dependentRequired", "dependencies", "dependentSchemas"] {
                    let Some(Value::Object(dependencies)) = map.get(keyword) else {
                        continue;
                    };
                    for (trigger, dependency) in dependencies {
                        names.push(trigger.clone());
                        if let Value::Array(listed) = dependency {
                            names
                                .extend(listed.iter().filter_map(Value::as_str).map(str::to_owned));
                        }
                    }
                }
                if let Some(Value::Object(names_schema)) = map.get("propertyNames") {
                    // Its bounds' neighbours just outside are the names it newly rejects.
                    names.extend(
                        strings(names_schema)
                            .iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned),
                    );
                }
                for (key, child) in map {
                    if !matches!(key.as_str(), "enum" | "const" | "default" | "examples") {
                        stack.push(child);
                    }
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    names.sort();
    names.dedup();
    names.truncate(64);
    names
}

/// Every `minProperties` and `maxProperties` bound in `schema`, sorted, unique.
fn property_counts(schema: &Value) -> Vec<u64> {
    let mut counts = Vec::new();
    let mut stack = vec![schema];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for bound in ["minProperties", "maxProperties"] {
                    counts.extend(map.get(bound).and_then(Value::as_u64));
                }
                for (key, child) in map {
                    if !matches!(key.as_str(), "enum" | "const" | "default" | "examples") {
                        stack.push(child);
                    }
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    counts.sort_unstable();
    counts.dedup();
    counts.truncate(8);
    counts
}

/// Names the `patternProperties` patterns anywhere in `schema` match, each with values its
/// pattern's subschema generates (valid ones, and the neighbours just outside its bounds).
fn pattern_samples(schema: &Value) -> Vec<(String, Vec<Value>)> {
    let mut found: Vec<(&str, &Value, String)> = Vec::new();
    let mut stack = vec![(schema, String::new())];
    while let Some((value, path)) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(patterns)) = map.get("patternProperties") {
                    let base = refs::child(&path, "patternProperties");
                    for (pattern, sub) in patterns {
                        found.push((pattern, sub, refs::child(&base, pattern)));
                    }
                }
                for (key, child) in map {
                    if !matches!(key.as_str(), "enum" | "const" | "default" | "examples") {
                        stack.push((child, refs::child(&path, key)));
                    }
                }
            }
            Value::Array(items) => stack.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| (item, refs::index(&path, i))),
            ),
            _ => {}
        }
    }
    found.sort_by(|a, b| a.2.cmp(&b.2));
    found.truncate(MAX_PATTERNS);
    let mut generator = Generator::new(schema, "");
    let mut out = Vec::new();
    for (pattern, sub, path) in found {
        let mut values = generator.samples(sub, path, 1);
        values.truncate(CHILD_SAMPLES);
        for name in matching_names(pattern) {
            out.push((name, values.clone()));
        }
    }
    out
}

/// A few names `pattern` matches, shortest first; when its language cannot be read, its
/// literal characters, a name it probably matches (every value is checked by the validator
/// anyway).
fn matching_names(pattern: &str) -> Vec<String> {
    let members = Language::new(pattern)
        .map(|language| language.members(PATTERN_NAMES))
        .unwrap_or_default();
    if !members.is_empty() {
        return members;
    }
    vec![
        pattern
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .collect(),
    ]
}

/// Values of every type, so that whatever type a subschema wants, some value is of another.
fn one_of_each_type() -> [Value; 7] {
    [
        json!(1),
        json!("x"),
        Value::Null,
        json!([1]),
        json!(1.5),
        json!(true),
        json!({}),
    ]
}

impl<'a> Generator<'a> {
    /// `focus`: a JSON pointer into `root` whose subschema should get the most variants.
    pub fn new(root: &'a Value, focus: &str) -> Self {
        Generator {
            root,
            focus: focus.to_owned(),
            steps: 0,
            hints: Hints::default(),
            strings_at: None,
        }
    }

    /// Offers `strings` first wherever the schema at pointer `at` generates strings.
    pub fn with_strings(mut self, at: String, strings: Vec<String>) -> Self {
        self.strings_at = Some((at, strings));
        self
    }

    /// Also tries what the other schema of a comparison suggests: in open objects, the names
    /// it says something about, and those its `patternProperties` match with values from their
    /// subschemas and of every type (so that a pattern added there meets a property it
    /// rejects); objects with as many properties as its bounds allow, and one more or fewer.
    pub fn with_hints(mut self, hints: &Hints) -> Self {
        self.hints = hints.clone();
        self
    }

    /// Values for the whole document.
    pub fn values(&mut self) -> Vec<Value> {
        self.samples(self.root, String::new(), 0)
    }

    fn on_focus(&self, path: &str) -> bool {
        self.focus.starts_with(path)
            && matches!(self.focus.as_bytes().get(path.len()), None | Some(b'/'))
    }

    fn child_cap(&self, path: &str) -> usize {
        if self.on_focus(path) {
            MAX_SAMPLES
        } else {
            CHILD_SAMPLES
        }
    }

    fn child(&mut self, schema: &'a Value, path: String, depth: usize) -> Vec<Value> {
        let cap = self.child_cap(&path);
        let mut values = self.samples(schema, path, depth + 1);
        values.truncate(cap);
        values
    }

    fn samples(&mut self, schema: &'a Value, path: String, depth: usize) -> Vec<Value> {
        self.steps += 1;
        if depth > MAX_DEPTH || self.steps > MAX_STEPS {
            return vec![Value::Null, json!(0), json!(""), json!({}), json!([])];
        }
        let map = match schema {
            Value::Bool(false) => return Vec::new(),
            Value::Object(map) => map,
            _ => return any_values(),
        };
        if let Some(Value::String(reference)) = map.get("$ref")
            && let Ok((target, target_path)) =
                refs::resolve(self.root, reference, &refs::child(&path, "$ref"))
        {
            let mut values = self.samples(target, target_path, depth + 1);
            // Keywords beside the reference may narrow it; offer this map's own values too.
            let mut own = map.clone();
            own.remove("$ref");
            if own.keys().any(|k| !k.starts_with('$')) {
                let own = Value::Object(own);
                let extra = self.samples_owned(&own, &path, depth);
                values.extend(extra);
            }
            return cap(values);
        }
        let mut out = Vec::new();
        if let Some(value) = map.get("const") {
            out.push(value.clone());
        }
        if let Some(Value::Array(values)) = map.get("enum") {
            out.extend(values.iter().cloned());
        }
        for keyword in ["anyOf", "oneOf", "allOf"] {
            if let Some(Value::Array(subs)) = map.get(keyword) {
                let mut firsts = Vec::new();
                for (i, sub) in subs.iter().enumerate() {
                    let sub_path = refs::index(&refs::child(&path, keyword), i);
                    let values = self.child(sub, sub_path, depth);
                    if let Some(first) = values.first() {
                        firsts.push(first.clone());
                    }
                    out.extend(values);
                }
                if keyword == "allOf"
                    && let Some(merged) = merge_objects(&firsts)
                {
                    out.insert(0, merged);
                }
            }
        }
        for kind in self.types(map) {
            let values = match kind {
                "null" => vec![Value::Null],
                "boolean" => vec![json!(true), json!(false)],
                "integer" => numbers(map, true),
                "number" => numbers(map, false),
                "string" => {
                    let mut values: Vec<Value> = match &self.strings_at {
                        Some((at, offered)) if *at == path => {
                            offered.iter().map(|s| json!(s)).collect()
                        }
                        _ => Vec::new(),
                    };
                    values.extend(strings(map));
                    values
                }
                "array" => self.arrays(map, &path, depth),
                "object" => self.objects(map, &path, depth),
                _ => Vec::new(),
            };
            out.extend(values);
        }
        cap(out)
    }

    /// Samples of a schema built here (the keywords beside a `$ref`), which has no place in the
    /// document: its own children are generated but cannot be focused.
    fn samples_owned(&mut self, schema: &Value, path: &str, depth: usize) -> Vec<Value> {
        // The owned map does not live as long as the document; generate with a throwaway
        // generator over it, sharing the step budget.
        let mut inner = Generator {
            root: schema,
            focus: String::new(),
            steps: self.steps,
            hints: self.hints.clone(),
            strings_at: None,
        };
        let _ = path;
        let values = inner.samples(schema, String::new(), depth + 1);
        self.steps = inner.steps;
        values
    }

    /// The types to generate: `type` when present, else those the keywords suggest, else all.
    fn types(&self, map: &Map<String, Value>) -> Vec<&'static str> {
        const ALL: [&str; 7] = [
            "null", "boolean", "integer", "number", "string", "array", "object",
        ];
        let named = |name: &str| ALL.iter().copied().find(|t| *t == name);
        match map.get("type") {
            Some(Value::String(name)) => named(name).into_iter().collect(),
            Some(Value::Array(names)) => names
                .iter()
                .filter_map(Value::as_str)
                .filter_map(named)
                .collect(),
            _ if map.contains_key("enum") || map.contains_key("const") => Vec::new(),
            _ => {
                let has = |keys: &[&str]| keys.iter().any(|k| map.contains_key(*k));
                let mut types = Vec::new();
                if has(&[
                    "properties",
                    "required",
                    "additionalProperties",
                    "patternProperties",
                    "minProperties",
                    "maxProperties",
                    "dependentRequired",
                    "propertyNames",
                ]) {
                    types.push("object");
                }
                if has(&[
                    "items",
                    "prefixItems",
                    "minItems",
                    "maxItems",
                    "contains",
                    "uniqueItems",
                ]) {
                    types.push("array");
                }
                if has(&["minLength", "maxLength", "pattern", "format"]) {
                    types.push("string");
                }
                if has(&[
                    "minimum",
                    "maximum",
                    "exclusiveMinimum",
                    "exclusiveMaximum",
                    "multipleOf",
                ]) {
                    types.push("number");
                }
                if types.is_empty() {
                    ALL.to_vec()
                } else {
                    // Other types pass these keywords untouched; one of each keeps that in view.
                    for t in ALL {
                        if !types.contains(&t) && t != "integer" {
                            types.push(t);
                        }
                    }
                    types
                }
            }
        }
    }

    fn arrays(&mut self, map: &'a Map<String, Value>, path: &str, depth: usize) -> Vec<Value> {
        let prefix: Vec<&'a Value> = match (map.get("prefixItems"), map.get("items")) {
            (Some(Value::Array(p)), _) => p.iter().collect(),
            // Draft-04/07 tuple form.
            (None, Some(Value::Array(p))) => p.iter().collect(),
            _ => Vec::new(),
        };
        let rest: Option<(&'a Value, String)> = match map.get("items") {
            Some(items @ (Value::Object(_) | Value::Bool(_))) => {
                Some((items, refs::child(path, "items")))
            }
            _ => map
                .get("additionalItems")
                .map(|items| (items, refs::child(path, "additionalItems"))),
        };
        let mut tuple = Vec::new();
        let mut out = vec![json!([])];
        for (i, item) in prefix.iter().enumerate() {
            let key = if map.contains_key("prefixItems") {
                "prefixItems"
            } else {
                "items"
            };
            let values = self.child(item, refs::index(&refs::child(path, key), i), depth);
            let Some(first) = values.first() else { break };
            for value in values.iter().skip(1) {
                let mut variant = tuple.clone();
                variant.push(value.clone());
                out.push(Value::Array(variant));
            }
            tuple.push(first.clone());
            out.push(Value::Array(tuple.clone()));
        }
        let items = match rest {
            Some((schema, item_path)) => self.child(schema, item_path, depth),
            None => any_values(),
        };
        for item in &items {
            let mut one = tuple.clone();
            one.push(item.clone());
            out.push(Value::Array(one));
        }
        if let Some(first) = items.first() {
            let mut two = tuple.clone();
            two.push(first.clone());
            two.push(first.clone());
            out.push(Value::Array(two));
            for bound in ["minItems", "maxItems"] {
                if let Some(n) = map.get(bound).and_then(Value::as_u64).filter(|n| *n <= 64) {
                    for len in [n.saturating_sub(1), n, n + 1] {
                        let mut list = tuple.clone();
                        while (list.len() as u64) < len {
                            list.push(first.clone());
                        }
                        out.push(Value::Array(list));
                    }
                }
            }
        }
        out
    }

    fn objects(&mut self, map: &'a Map<String, Value>, path: &str, depth: usize) -> Vec<Value> {
        let required: Vec<&str> = map
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut declared: Vec<(&'a str, Vec<Value>)> = Vec::new();
        if let Some(Value::Object(properties)) = map.get("properties") {
            let properties_path = refs::child(path, "properties");
            for (name, schema) in properties {
                let values = self.child(schema, refs::child(&properties_path, name), depth);
                declared.push((name.as_str(), values));
            }
        }
        let mut all = Map::new();
        let mut minimal = Map::new();
        for (name, values) in &declared {
            if let Some(first) = values.first() {
                all.insert((*name).to_owned(), first.clone());
                if required.contains(name) {
                    minimal.insert((*name).to_owned(), first.clone());
                }
            }
        }
        for name in &required {
            // Required but undeclared: anything will do for the validator to judge.
            minimal.entry(*name).or_insert(json!("x"));
            all.entry(*name).or_insert(json!("x"));
        }
        let mut out = vec![Value::Object(all.clone()), Value::Object(minimal.clone())];
        for (name, values) in &declared {
            for value in values.iter().skip(1) {
                let mut variant = all.clone();
                variant.insert((*name).to_owned(), value.clone());
                out.push(Value::Object(variant));
                let mut variant = minimal.clone();
                variant.insert((*name).to_owned(), value.clone());
                out.push(Value::Object(variant));
            }
            let mut without = all.clone();
            without.remove(*name);
            out.push(Value::Object(without));
        }
        let extras = match map.get("additionalProperties") {
            Some(schema @ Value::Object(_)) => {
                self.child(schema, refs::child(path, "additionalProperties"), depth)
            }
            _ => vec![json!(1), json!("x"), Value::Null, json!({}), json!(1.5)],
        };
        for value in &extras {
            let mut variant = all.clone();
            variant.insert("undeclared".into(), value.clone());
            out.push(Value::Object(variant));
        }
        let trials = self.trial_names(map, path, depth, &extras);
        out.extend(in_rounds(&all, &trials));
        if map.get("additionalProperties") != Some(&Value::Bool(false)) {
            for name in &self.hints.names {
                if all.contains_key(name) {
                    continue;
                }
                for value in [json!(1), json!("x"), Value::Null, json!([1])] {
                    let mut variant = all.clone();
                    variant.insert(name.clone(), value);
                    out.push(Value::Object(variant));
                }
            }
        }
        if let Some(filler) = extras.first() {
            let mut counts: Vec<u64> = ["minProperties", "maxProperties"]
                .iter()
                .filter_map(|bound| map.get(*bound).and_then(Value::as_u64))
                .collect();
            counts.extend(&self.hints.counts);
            out.extend(counted(&counts, &minimal, &all, filler));
        }
        out
    }

    /// Names worth trying in an object beyond its declared properties, each with the values
    /// to give it: those this schema's `patternProperties` match, with values from the
    /// pattern's subschema and one of each type; those the other schema's patterns match, with values from that
    /// pattern's subschema, from this schema's, and one of each type (one the added pattern's
    /// subschema rejects); and names this schema's `propertyNames` generates.
    fn trial_names(
        &mut self,
        map: &'a Map<String, Value>,
        path: &str,
        depth: usize,
        extras: &[Value],
    ) -> Vec<(String, Vec<Value>)> {
        let mut trials = Vec::new();
        let closed = map.get("additionalProperties") == Some(&Value::Bool(false));
        // Values that some undeclared name of this object may take.
        let mut open: Vec<Value> = Vec::new();
        if !closed {
            open.extend(extras.iter().take(2).cloned());
        }
        if let Some(Value::Object(patterns)) = map.get("patternProperties") {
            let base = refs::child(path, "patternProperties");
            for (pattern, schema) in patterns {
                let mut values = self.child(schema, refs::child(&base, pattern), depth);
                open.extend(values.iter().take(2).cloned());
                // A subschema without `type` (`{"maxLength": 2}`) takes values of other types
                // too, which the child cap may have cut; the validator drops those it rejects.
                values.extend(one_of_each_type());
                for name in matching_names(pattern) {
                    trials.push((name, values.clone()));
                }
            }
        }
        if !closed {
            open.extend(one_of_each_type());
        }
        for (name, values) in &self.hints.pattern_names {
            trials.push((name.clone(), values.iter().chain(&open).cloned().collect()));
        }
        if let Some(names_schema @ Value::Object(_)) = map.get("propertyNames") {
            let names = self.child(names_schema, refs::child(path, "propertyNames"), depth);
            for name in names.iter().filter_map(Value::as_str) {
                trials.push((name.to_owned(), open.clone()));
            }
        }
        trials
    }
}

/// `base` with each trial name added, in rounds (every name's first value, then every name's
/// second…) so that the sample cap drops the least likely variants, not whole names.
fn in_rounds(base: &Map<String, Value>, trials: &[(String, Vec<Value>)]) -> Vec<Value> {
    let trials: Vec<_> = trials
        .iter()
        .filter(|(name, _)| !base.contains_key(name))
        .collect();
    let rounds = trials
        .iter()
        .map(|(_, values)| values.len())
        .max()
        .unwrap_or(0);
    let mut out = Vec::new();
    for round in 0..rounds {
        for (name, values) in &trials {
            if out.len() >= MAX_TRIALS {
                return out;
            }
            if let Some(value) = values.get(round) {
                let mut variant = base.clone();
                variant.insert(name.clone(), value.clone());
                out.push(Value::Object(variant));
            }
        }
    }
    out
}

/// Objects with one property fewer than, exactly, and one more than each count: the required
/// properties, then the declared ones, then undeclared ones holding `filler`.
fn counted(
    counts: &[u64],
    minimal: &Map<String, Value>,
    all: &Map<String, Value>,
    filler: &Value,
) -> Vec<Value> {
    let mut out = Vec::new();
    for n in counts.iter().copied().filter(|n| *n <= MAX_COUNT) {
        for size in [n.saturating_sub(1), n, n + 1] {
            let size = size as usize;
            if size < minimal.len() {
                continue;
            }
            let mut object = minimal.clone();
            for (name, value) in all {
                if object.len() >= size {
                    break;
                }
                object.entry(name.clone()).or_insert_with(|| value.clone());
            }
            let mut i = 0;
            while object.len() < size {
                object.insert(format!("undeclared{i}"), filler.clone());
                i += 1;
            }
            out.push(Value::Object(object));
        }
    }
    out
}

fn cap(mut values: Vec<Value>) -> Vec<Value> {
    let mut seen: Vec<Value> = Vec::with_capacity(values.len().min(MAX_SAMPLES));
    values.retain(|v| {
        if seen.len() >= MAX_SAMPLES * 4 || seen.contains(v) {
            return false;
        }
        seen.push(v.clone());
        true
    });
    values.truncate(MAX_SAMPLES * 4);
    values
}

fn any_values() -> Vec<Value> {
    vec![
        json!("x"),
        json!(1),
        json!(1.5),
        Value::Null,
        json!(true),
        json!({}),
        json!([]),
        json!(-1),
        json!(""),
    ]
}

fn numbers(map: &Map<String, Value>, integer: bool) -> Vec<Value> {
    let mut candidates: Vec<f64> = vec![0.0, 1.0, -1.0, 100.0];
    for keyword in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] {
        if let Some(bound) = map.get(keyword).and_then(Value::as_f64) {
            candidates.extend([bound, bound - 1.0, bound + 1.0]);
            if !integer {
                candidates.extend([bound - 0.5, bound + 0.5, bound - 0.001, bound + 0.001]);
            }
        }
    }
    if let Some(step) = map
        .get("multipleOf")
        .and_then(Value::as_f64)
        .filter(|s| *s > 0.0)
    {
        candidates.extend([step, 2.0 * step, 3.0 * step, 6.0 * step, -step]);
    }
    if !integer {
        candidates.extend([0.5, 1.5, -0.5, 2.5]);
    }
    candidates.extend([1e15, -1e15]);
    let mut out = Vec::new();
    for x in candidates {
        let value = if x.fract() == 0.0 && x.abs() < 9e15 {
            Value::Number(Number::from(x as i64))
        } else if integer {
            continue;
        } else {
            match Number::from_f64(x) {
                Some(n) => Value::Number(n),
                None => continue,
            }
        };
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

fn strings(map: &Map<String, Value>) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(format) = map.get("format").and_then(Value::as_str) {
        let sample = match format {
            "date" => "2024-01-31",
            "date-time" => "2024-01-31T12:00:00Z",
            "time" => "12:00:00Z",
            "email" => "a@example.com",
            "uuid" => "123e4567-e89b-12d3-a456-426614174000",
            "uri" => "https://example.com/a",
            "ipv4" => "192.0.2.1",
            "ipv6" => "2001:db8::1",
            "hostname" => "example.com",
            "duration" => "P1D",
            _ => "x",
        };
        out.push(json!(sample));
    }
    let mut lengths = vec![1_u64, 0, 3];
    for bound in ["minLength", "maxLength"] {
        if let Some(n) = map
            .get(bound)
            .and_then(Value::as_u64)
            .filter(|n| *n <= 4096)
        {
            lengths.extend([n, n.saturating_sub(1), n + 1]);
        }
    }
    for len in lengths {
        let text = json!("a".repeat(len as usize));
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out.extend([json!("A"), json!("1"), json!("a b"), json!("Z9")]);
    // Strings the pattern matches, which the samples above rarely are.
    if let Some(pattern) = map.get("pattern").and_then(Value::as_str)
        && let Ok(language) = crate::compat::pattern::Language::new(pattern)
    {
        out.extend(
            language
                .members(PATTERN_MEMBERS)
                .into_iter()
                .map(Value::String),
        );
    }
    out
}

/// The union of several objects' properties (for `allOf` of object schemas).
fn merge_objects(values: &[Value]) -> Option<Value> {
    if values.len() < 2 || !values.iter().all(Value::is_object) {
        return None;
    }
    let mut merged = Map::new();
    for value in values {
        for (key, v) in value.as_object()? {
            merged.entry(key.clone()).or_insert_with(|| v.clone());
        }
    }
    Some(Value::Object(merged))
}

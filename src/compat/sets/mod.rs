//! Schemas over scalar values read as sets and compared exactly: `type`, `enum`/`const`, the
//! numeric keywords, string lengths and patterns, combined through `allOf`, `anyOf`, `oneOf`, `not` and
//! `if`/`then`/`else`. Comparing keyword by keyword misses what only the combination says:
//! `{"allOf": [{"maxLength": 10}, {"maxLength": 5}]}` is `{"maxLength": 5}`, `{"not":
//! {"minimum": 5}}` is `{"exclusiveMaximum": 5}` among numbers, and `{"anyOf": [{"minimum":
//! 0}, {"maximum": 0}]}` holds every number. Here each type's values are a union of pieces
//! ([`number`], [`string`]), old ⊆ new is decided as "old ∩ ¬new is empty", and the answer
//! overrules the keyword comparison both ways, as [`super::finite`] does for small sets.
//!
//! Three-valued like `finite`: a schema with a keyword not modelled here (a `format`, a
//! pattern the automaton cannot read, object or array keywords where objects or arrays may be valid, `unevaluated*`),
//! numbers too precise for exact fractions, or unions that grow too large give `None`, and
//! the keyword comparison's verdict stands.

mod number;
mod rational;
mod string;

use serde_json::Value;

use super::difference::DifferenceKind;
use super::node::{Comparer, Node, diff};
use super::pattern::Language;
use super::{Difference, refs};
use rational::Rational;

/// The most pieces one type's union may hold; larger ones are left undecided.
const MAX_PIECES: usize = 256;
/// Nesting followed before giving up (a recursive `$ref`, a deep `not` chain).
const MAX_DEPTH: usize = 24;
/// `oneOf` branches handled (exclusivity costs a complement per pair of branches).
const MAX_ONE_OF: usize = 8;

/// A set of JSON values. Objects and arrays are all or none: a schema that constrains them
/// is not modelled.
#[derive(Clone, Debug, PartialEq)]
struct Set {
    null: bool,
    /// `false`, then `true`.
    booleans: [bool; 2],
    objects: bool,
    arrays: bool,
    numbers: Vec<number::Piece>,
    strings: Vec<string::Piece>,
}

impl Set {
    fn everything() -> Set {
        Set {
            null: true,
            booleans: [true, true],
            objects: true,
            arrays: true,
            numbers: vec![number::Piece::all()],
            strings: vec![string::Piece::all()],
        }
    }

    fn nothing() -> Set {
        Set {
            null: false,
            booleans: [false, false],
            objects: false,
            arrays: false,
            numbers: Vec::new(),
            strings: Vec::new(),
        }
    }

    fn intersect(&self, other: &Set) -> Option<Set> {
        Some(Set {
            null: self.null && other.null,
            booleans: [
                self.booleans[0] && other.booleans[0],
                self.booleans[1] && other.booleans[1],
            ],
            objects: self.objects && other.objects,
            arrays: self.arrays && other.arrays,
            numbers: product(&self.numbers, &other.numbers)?,
            strings: product(&self.strings, &other.strings)?,
        })
    }

    fn union(mut self, other: Set) -> Option<Set> {
        self.null |= other.null;
        self.booleans[0] |= other.booleans[0];
        self.booleans[1] |= other.booleans[1];
        self.objects |= other.objects;
        self.arrays |= other.arrays;
        self.numbers.extend(other.numbers);
        self.strings.extend(other.strings);
        (self.numbers.len() <= MAX_PIECES && self.strings.len() <= MAX_PIECES).then_some(self)
    }

    fn complement(&self) -> Option<Set> {
        let mut numbers = vec![number::Piece::all()];
        for piece in &self.numbers {
            numbers = product(&numbers, &piece.complement()?)?;
        }
        let mut strings = vec![string::Piece::all()];
        for piece in &self.strings {
            strings = product(&strings, &piece.complement()?)?;
        }
        Some(Set {
            null: !self.null,
            booleans: [!self.booleans[0], !self.booleans[1]],
            objects: !self.objects,
            arrays: !self.arrays,
            numbers,
            strings,
        })
    }

    /// A member to show, when one is found.
    fn member(&self) -> Option<Value> {
        if self.null {
            return Some(Value::Null);
        }
        if let Some(b) = self.booleans.iter().position(|b| *b) {
            return Some(Value::Bool(b == 1));
        }
        if let Some(x) = number::member(&self.numbers) {
            return x.to_json();
        }
        self.strings
            .iter()
            .find_map(|piece| piece.member().flatten())
            .map(Value::String)
    }

    /// Whether no value is a member (`None`: undecided).
    fn is_empty(&self) -> Option<bool> {
        if self.null || self.booleans.contains(&true) || self.objects || self.arrays {
            return Some(false);
        }
        let mut decided = true;
        for piece in &self.strings {
            match piece.is_empty() {
                Some(false) => return Some(false),
                Some(true) => {}
                None => decided = false,
            }
        }
        match number::is_empty(&self.numbers)? {
            false => Some(false),
            true => decided.then_some(true),
        }
    }
}

/// A piece of one type's union.
trait Piece: Clone {
    fn meet(&self, other: &Self) -> Self;
    /// Empty on the face of it: dropped before it multiplies.
    fn obviously_empty(&self) -> bool;
}

impl Piece for number::Piece {
    fn meet(&self, other: &Self) -> Self {
        self.intersect(other)
    }
    fn obviously_empty(&self) -> bool {
        number::Piece::obviously_empty(self)
    }
}

impl Piece for string::Piece {
    fn meet(&self, other: &Self) -> Self {
        self.intersect(other)
    }
    fn obviously_empty(&self) -> bool {
        string::Piece::obviously_empty(self)
    }
}

/// Every pairwise intersection of two unions, the obviously empty ones dropped.
fn product<P: Piece>(a: &[P], b: &[P]) -> Option<Vec<P>> {
    if a.len().saturating_mul(b.len()) > MAX_PIECES * 4 {
        return None;
    }
    let out: Vec<P> = a
        .iter()
        .flat_map(|x| b.iter().map(move |y| x.meet(y)))
        .filter(|piece| !piece.obviously_empty())
        .collect();
    (out.len() <= MAX_PIECES).then_some(out)
}

/// What the old schema accepts and the new one rejects.
pub(crate) enum Verdict {
    /// Nothing: every value valid under old is valid under new.
    Included,
    /// Something, such as this value when one is short enough to show.
    Rejects(Option<Value>),
}

/// Whether every value valid under `o` (in the old document) is valid under `n` (in the new
/// one), when both are schemas this module models; `None` otherwise.
pub(crate) fn compare<'a>(c: &Comparer<'a>, o: &Node<'a>, n: &Node<'a>) -> Option<Verdict> {
    if !modelled_at_a_glance(o) || !modelled_at_a_glance(n) {
        return None;
    }
    let old = of(c, true, o, 0)?;
    let new = of(c, false, n, 0)?;
    let lost = old.intersect(&new.complement()?)?;
    Some(if lost.is_empty()? {
        Verdict::Included
    } else {
        Verdict::Rejects(lost.member())
    })
}

/// The difference reported when the old schema accepts values the new one rejects and the
/// keyword comparison found nothing breaking.
pub(crate) fn narrowed(o: &Node<'_>, n: &Node<'_>, example: Option<&Value>) -> Difference {
    let such_as = example.map_or(String::new(), |value| format!(", such as {value}"));
    diff(
        DifferenceKind::CombinedTypeSubschemasChanged,
        o.path.clone(),
        n.path.clone(),
        format!("the new schema rejects values the old one accepts{such_as} (compared as sets)"),
    )
}

/// Whether `node` could be modelled, looking only at its own keywords: rejects the common
/// object and array schemas before any work.
fn modelled_at_a_glance(node: &Node<'_>) -> bool {
    node.get("properties").is_none() && node.get("items").is_none()
}

/// The set `node` accepts (`in_old`: which document it is in).
fn of<'a>(c: &Comparer<'a>, in_old: bool, node: &Node<'a>, depth: usize) -> Option<Set> {
    if depth > MAX_DEPTH || node.is_shadowing() {
        return None;
    }
    if node.is_false {
        return Some(Set::nothing());
    }
    let mut set = types(node);
    let mut number_piece = number::Piece::all();
    let mut string_piece = string::Piece::all();
    let (mut objects_constrained, mut arrays_constrained, mut strings_unmodelled) =
        (false, false, false);
    let keywords: Vec<&'static str> = node.constraints().collect();
    for keyword in keywords {
        let (value, _) = node.get(keyword)?;
        let load = |schema: &'a Value, path: String| c.load(in_old, schema, path).ok();
        let sub = |schema: &'a Value, path: String| of(c, in_old, &load(schema, path)?, depth + 1);
        match keyword {
            "type" => {}
            "enum" => set = set.intersect(&listed(value.as_array()?)?)?,
            "const" => set = set.intersect(&listed(std::slice::from_ref(value))?)?,
            "multipleOf" => {
                let divisor = Rational::of(value)?;
                if !divisor.is_positive() {
                    return None;
                }
                number_piece.multiples.push(divisor);
            }
            "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => {
                number_piece = number_piece.intersect(&bound(node, keyword, value)?);
            }
            "minLength" => string_piece.min_length = value.as_u64()?,
            "maxLength" => string_piece.max_length = Some(value.as_u64()?),
            "pattern" => {
                // Read only when the automaton can model it; else the pair stays undecided.
                let source = value.as_str()?;
                Language::new(source).ok()?;
                string_piece.patterns.push(source.to_owned());
            }
            "format" => strings_unmodelled = true,
            "properties"
            | "patternProperties"
            | "additionalProperties"
            | "required"
            | "maxProperties"
            | "minProperties"
            | "dependencies"
            | "dependentRequired"
            | "dependentSchemas"
            | "propertyNames" => objects_constrained = true,
            "items" | "prefixItems" | "additionalItems" | "maxItems" | "minItems"
            | "uniqueItems" | "contains" | "minContains" | "maxContains" => {
                arrays_constrained = true
            }
            "allOf" | "anyOf" | "oneOf" => {
                let subs = value.as_array()?;
                let at = node.kw_path(keyword);
                let mut members = Vec::with_capacity(subs.len());
                for (i, schema) in subs.iter().enumerate() {
                    members.push(sub(schema, refs::index(&at, i))?);
                }
                let combined = match keyword {
                    "allOf" => members
                        .iter()
                        .try_fold(Set::everything(), |acc, m| acc.intersect(m))?,
                    "anyOf" => members
                        .into_iter()
                        .try_fold(Set::nothing(), |acc, m| acc.union(m))?,
                    _ => exactly_one(&members)?,
                };
                set = set.intersect(&combined)?;
            }
            "not" => {
                let inner = sub(value, node.kw_path("not"))?;
                set = set.intersect(&inner.complement()?)?;
            }
            "if" => {
                let condition = sub(value, node.kw_path("if"))?;
                let branch = |keyword: &str| match node.get(keyword) {
                    Some((schema, _)) => sub(schema, node.kw_path(keyword)),
                    None => Some(Set::everything()),
                };
                let (then, otherwise) = (branch("then")?, branch("else")?);
                let conditional = condition
                    .intersect(&then)?
                    .union(condition.complement()?.intersect(&otherwise)?)?;
                set = set.intersect(&conditional)?;
            }
            // Without `if`, they do nothing; with it, read above.
            "then" | "else" => {}
            _ => return None,
        }
    }
    set.numbers = product(&set.numbers, &[number_piece])?;
    set.strings = product(&set.strings, &[string_piece])?;
    let strings_possible = !set.strings.is_empty();
    if (objects_constrained && set.objects)
        || (arrays_constrained && set.arrays)
        || (strings_unmodelled && strings_possible)
    {
        return None;
    }
    Some(set)
}

/// The types `type` allows, as a set (every value without one).
fn types(node: &Node<'_>) -> Set {
    let names: Vec<&str> = match node.get("type").map(|(v, _)| v) {
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ => return Set::everything(),
    };
    let mut set = Set::nothing();
    let has = |name: &str| names.contains(&name);
    set.null = has("null");
    set.booleans = [has("boolean"); 2];
    set.objects = has("object");
    set.arrays = has("array");
    if has("number") {
        set.numbers.push(number::Piece::all());
    } else if has("integer") {
        set.numbers.push(number::Piece {
            multiples: vec![Rational::ONE],
            ..number::Piece::all()
        });
    }
    if has("string") {
        set.strings.push(string::Piece::all());
    }
    set
}

/// The set of the listed values (`None` when one is an object or an array).
fn listed(values: &[Value]) -> Option<Set> {
    let mut set = Set::nothing();
    let (mut numbers, mut strings) = (Vec::new(), Vec::new());
    for value in values {
        match value {
            Value::Null => set.null = true,
            Value::Bool(b) => set.booleans[usize::from(*b)] = true,
            Value::Number(_) => numbers.push(Rational::of(value)?),
            Value::String(text) => strings.push(text.clone()),
            Value::Object(_) | Value::Array(_) => return None,
        }
    }
    if !numbers.is_empty() {
        set.numbers.push(number::Piece {
            only: Some(numbers),
            ..number::Piece::all()
        });
    }
    if !strings.is_empty() {
        set.strings.push(string::Piece {
            only: Some(strings),
            ..string::Piece::all()
        });
    }
    Some(set)
}

/// The interval one bound keyword allows. Draft-04's boolean `exclusiveMinimum` and
/// `exclusiveMaximum` make `minimum`/`maximum` exclusive, and bound nothing themselves.
fn bound(node: &Node<'_>, keyword: &str, value: &Value) -> Option<number::Piece> {
    let (lower, exclusive_keyword) = match keyword {
        "minimum" => (true, "exclusiveMinimum"),
        "maximum" => (false, "exclusiveMaximum"),
        "exclusiveMinimum" => (true, ""),
        _ => (false, ""),
    };
    if value.is_boolean() {
        return Some(number::Piece::all());
    }
    let exclusive = exclusive_keyword.is_empty()
        || matches!(node.get(exclusive_keyword), Some((Value::Bool(true), _)));
    let end = number::End {
        value: Rational::of(value)?,
        inclusive: !exclusive,
    };
    Some(if lower {
        number::Piece {
            low: Some(end),
            ..number::Piece::all()
        }
    } else {
        number::Piece {
            high: Some(end),
            ..number::Piece::all()
        }
    })
}

/// The values valid under exactly one of `members`.
fn exactly_one(members: &[Set]) -> Option<Set> {
    if members.len() > MAX_ONE_OF {
        return None;
    }
    let complements: Vec<Set> = members.iter().map(Set::complement).collect::<Option<_>>()?;
    let mut out = Set::nothing();
    for (i, member) in members.iter().enumerate() {
        let mut only_this = member.clone();
        for (j, complement) in complements.iter().enumerate() {
            if i != j {
                only_this = only_this.intersect(complement)?;
            }
        }
        out = out.union(only_this)?;
    }
    Some(out)
}

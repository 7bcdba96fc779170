//! Counterexamples: for a breaking difference, a concrete JSON value valid under the schema
//! readers used to accept and rejected by the other one, found among values generated from the
//! accepting schema ([`generate`]) and verified with the `jsonschema` validator before it is
//! returned, so a witness is never a guess. Only asked for breaking differences: a compatible
//! verdict costs nothing here.

pub mod generate;

use serde_json::Value;

use super::{Difference, Direction, Policy};

/// What backs up a breaking difference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Witness {
    /// Valid under the accepting schema (old, backward; new, forward), rejected by the other.
    Payload(Value),
    /// Breaking only by the strict policy: no payload the accepting schema declares is
    /// rejected; the sentence says why the policy forbids the change anyway.
    PolicyOnly(String),
}

/// Two compiled schemas: the one whose payloads must keep passing, and the one judging them.
pub struct Checker {
    accepting: jsonschema::Validator,
    judging: jsonschema::Validator,
    /// The accepting document, values are generated from it.
    accepting_schema: Value,
    /// The judging document, for the patterns a witness string must escape.
    judging_schema: Value,
    /// What the judging schema suggests trying (names it gives a meaning, counts it bounds).
    judging_hints: generate::Hints,
}

fn compile(schema: &Value) -> Option<jsonschema::Validator> {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .ok()
}

impl Checker {
    /// `None` when a schema does not compile for the validator (then no witness is claimed).
    pub fn new(old: &Value, new: &Value, direction: Direction) -> Option<Self> {
        let (accepting, judging) = match direction {
            Direction::Backward => (old, new),
            Direction::Forward => (new, old),
        };
        Some(Checker {
            accepting: compile(accepting)?,
            judging: compile(judging)?,
            accepting_schema: accepting.clone(),
            judging_schema: judging.clone(),
            judging_hints: generate::Hints::of(judging),
        })
    }

    /// Whether `value` is a witness: valid under the accepting schema, rejected by the other.
    pub fn is_witness(&self, value: &Value) -> bool {
        self.accepting.is_valid(value) && !self.judging.is_valid(value)
    }

    /// A witness for `difference` (paths as [`super::check`] reports them: `old_path` into
    /// old), preferring one the judging schema rejects at the difference's place.
    pub fn find(&self, difference: &Difference, direction: Direction) -> Option<Value> {
        let (focus, judged_at) = match direction {
            Direction::Backward => (&difference.old_path, &difference.new_path),
            Direction::Forward => (&difference.new_path, &difference.old_path),
        };
        let mut generator =
            generate::Generator::new(&self.accepting_schema, focus).with_hints(&self.judging_hints);
        if let Some((at, text)) = self.pattern_counterexample(difference, focus, judged_at) {
            generator = generator.with_strings(at, vec![text]);
        }
        let candidates = generator.values();
        let mut fallback = None;
        for candidate in candidates {
            if !self.is_witness(&candidate) {
                continue;
            }
            let here = self.judging.iter_errors(&candidate).any(|error| {
                let at = error.schema_path().as_str().to_owned();
                at.starts_with(judged_at.as_str()) || judged_at.starts_with(at.as_str())
            });
            if here {
                return Some(candidate);
            }
            fallback.get_or_insert(candidate);
        }
        fallback
    }
}

impl Checker {
    /// For a pattern that lost strings: the string node's place in the accepting schema and
    /// the shortest string its pattern (or, with none, any string) matches and the judging
    /// pattern does not, from the product automaton.
    fn pattern_counterexample(
        &self,
        difference: &Difference,
        focus: &str,
        judged_at: &str,
    ) -> Option<(String, String)> {
        use super::DifferenceKind::{PatternAdded, PatternChanged};
        if !matches!(difference.kind, PatternAdded | PatternChanged) {
            return None;
        }
        let judging = self.judging_schema.pointer(judged_at)?.as_str()?;
        let (node, accepting) = match focus.strip_suffix("/pattern") {
            Some(node) => (node, self.accepting_schema.pointer(focus)?.as_str()),
            None => (focus, None),
        };
        let text = super::pattern::counterexample(accepting, judging)?;
        Some((node.to_owned(), text))
    }
}

/// Witnesses for every breaking difference of a verdict, in its order (`None` for compatible
/// ones, and where no verified payload was found).
pub fn witnesses(
    old: &Value,
    new: &Value,
    direction: Direction,
    policy: Policy,
    differences: &[(Difference, bool)],
) -> Vec<Option<Witness>> {
    if differences.iter().all(|(_, compatible)| *compatible) {
        return vec![None; differences.len()];
    }
    let checker = Checker::new(old, new, direction);
    differences
        .iter()
        .map(|(difference, compatible)| {
            if *compatible {
                return None;
            }
            if policy == Policy::Strict && difference.kind.is_compatible(Policy::Lenient) {
                return Some(Witness::PolicyOnly(policy_sentence(difference, direction)));
            }
            checker
                .as_ref()?
                .find(difference, direction)
                .map(Witness::Payload)
        })
        .collect()
}

fn policy_sentence(difference: &Difference, direction: Direction) -> String {
    let (from, to, path) = match direction {
        Direction::Backward => ("v1", "v2", &difference.new_path),
        Direction::Forward => ("v2", "v1", &difference.old_path),
    };
    let name = path
        .rsplit('/')
        .next()
        .map(crate::pointer::decode_pointer_token)
        .unwrap_or_default();
    format!(
        "no payload that {from} declares is rejected; the strict policy forbids it because an \
         undeclared `{name}` may already be in the data {to} now constrains"
    )
}

#[cfg(test)]
mod tests;

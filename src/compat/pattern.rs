//! `pattern` compared as a language, not as text: both ECMA-262 patterns are translated
//! ([`ecma`]), parsed by `regex-syntax`, compiled to Thompson NFAs by `regex-automata` and
//! determinized on demand ([`dfa`]), so `^[0-9]+$` → `^\d+$` is no change, `^a$` → `^a+$` a
//! widening, and a narrowing comes with the shortest string it rejects. A pattern matches
//! anywhere in the string unless anchored, as ECMA-262's `RegExp.prototype.test` does.
//!
//! What cannot be modelled (backreferences, lookaround, word boundaries, a pattern
//! `regex-syntax` rejects, automata beyond the state budget) cannot be compared: such a change
//! is judged breaking with the reason in its detail; removing a pattern stays compatible.

mod dfa;
mod ecma;

use regex_automata::nfa::thompson::{self, NFA, WhichCaptures};
use regex_syntax::hir::{Hir, HirKind, Look, Repetition};

use super::Difference;
use super::difference::DifferenceKind;
use super::node::{Node, diff};
use dfa::{Classes, Dfa};

/// Heap bytes one pattern's NFA may take (`a{1000}{1000}` is refused, not built).
const NFA_SIZE_LIMIT: usize = 1 << 20;
/// Nesting of groups and repetitions `regex-syntax` accepts.
const NEST_LIMIT: u32 = 64;

/// A pattern as the set of strings it matches.
pub(crate) struct Language {
    nfa: NFA,
}

impl Language {
    /// The strings `source` matches somewhere, or why that set cannot be modelled.
    pub(crate) fn new(source: &str) -> Result<Language, String> {
        Language::build(Language::searched(source)?)
    }

    /// The strings `source` matches, and every string whose length (in code points) is
    /// outside `least..=most`: the language a string held to those lengths must be in.
    pub(crate) fn or_length_outside(
        source: &str,
        (least, most): (u64, Option<u64>),
    ) -> Result<Language, String> {
        let any = |min: u32, max: Option<u32>| {
            Hir::repetition(Repetition {
                min,
                max,
                greedy: true,
                sub: Box::new(Hir::dot(regex_syntax::hir::Dot::AnyChar)),
            })
        };
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let mut alternatives = vec![Language::searched(source)?];
        if least > 0 {
            alternatives.push(any(0, Some(clamp(least - 1))));
        }
        if let Some(most) = most {
            alternatives.push(any(clamp(most.saturating_add(1)), None));
        }
        Language::build(Hir::alternation(alternatives))
    }

    /// The pattern as a whole-string language: anything before and after a match.
    fn searched(source: &str) -> Result<Hir, String> {
        let translated = ecma::translate(source)?;
        let hir = regex_syntax::ParserBuilder::new()
            .nest_limit(NEST_LIMIT)
            .build()
            .parse(&translated)
            .map_err(|error| format!("not a pattern this engine reads: {}", first_line(&error)))?;
        refuse_other_assertions(&hir)?;
        // Unanchored search: any characters may come before and after a match.
        let anything = Hir::repetition(Repetition {
            min: 0,
            max: None,
            greedy: true,
            sub: Box::new(Hir::dot(regex_syntax::hir::Dot::AnyChar)),
        });
        Ok(Hir::concat(vec![anything.clone(), hir, anything]))
    }

    fn build(searched: Hir) -> Result<Language, String> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(true)
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(NFA_SIZE_LIMIT)),
            )
            .build_from_hir(&searched)
            .map_err(|_| "the pattern's automaton is over the size budget".to_owned())?;
        Ok(Language { nfa })
    }

    /// The shortest string this language holds and `other` does not; `Ok(None)` when every
    /// string of this language is in `other`.
    pub(crate) fn shortest_missing_from(&self, other: &Language) -> Result<Option<String>, String> {
        let classes = Classes::joint(&[&self.nfa, &other.nfa]);
        let mut a = Dfa::new(&self.nfa, &classes).map_err(over_budget)?;
        let mut b = Dfa::new(&other.nfa, &classes).map_err(over_budget)?;
        let found = dfa::shortest_difference(&mut a, &mut b, &classes).map_err(over_budget)?;
        // Both automata accept UTF-8 only, so a member is always text.
        Ok(found.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()))
    }

    /// The fewest and the most characters of a member (`None`: unbounded), or `None` when no
    /// string matches.
    pub(crate) fn length_range(&self) -> Result<Option<(u64, Option<u64>)>, String> {
        let classes = Classes::joint(&[&self.nfa]);
        let mut a = Dfa::new(&self.nfa, &classes).map_err(over_budget)?;
        dfa::length_range(&mut a, &classes).map_err(over_budget)
    }

    /// Up to `limit` members, shortest first.
    pub(crate) fn members(&self, limit: usize) -> Vec<String> {
        let classes = Classes::joint(&[&self.nfa]);
        let Ok(mut a) = Dfa::new(&self.nfa, &classes) else {
            return Vec::new();
        };
        dfa::members(&mut a, &classes, limit)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|bytes| String::from_utf8(bytes).ok())
            .collect()
    }

    /// The strings of `least..=most` characters (code points).
    pub(crate) fn lengths(least: u64, most: Option<u64>) -> Result<Language, String> {
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Language::build(Hir::repetition(Repetition {
            min: clamp(least),
            max: most.map(clamp),
            greedy: true,
            sub: Box::new(Hir::dot(regex_syntax::hir::Dot::AnyChar)),
        }))
    }

    /// Exactly the string `text`.
    pub(crate) fn literal(text: &str) -> Result<Language, String> {
        Language::build(Hir::literal(text.as_bytes()))
    }

    /// Whether every string matches.
    fn is_everything(&self) -> Result<bool, String> {
        let everything = Language::new("").expect("the empty pattern is modelled");
        Ok(everything.shortest_missing_from(self)?.is_none())
    }
}

/// The shortest string in every language of `all` and in none of `none` (`Ok(None)`: there
/// is none), or why that cannot be decided.
pub(crate) fn shortest_in_all_but<'l>(
    all: &[&'l Language],
    none: &[&'l Language],
) -> Result<Option<String>, String> {
    let nfas: Vec<&NFA> = all.iter().chain(none).map(|l| &l.nfa).collect();
    let classes = Classes::joint(&nfas);
    let build = |nfas: &[&'l NFA]| {
        nfas.iter()
            .map(|nfa| Dfa::new(nfa, &classes))
            .collect::<Result<Vec<_>, _>>()
            .map_err(over_budget)
    };
    let (mut must, mut must_not) = (build(&nfas[..all.len()])?, build(&nfas[all.len()..])?);
    let found = dfa::shortest_common(&mut must, &mut must_not, &classes).map_err(over_budget)?;
    Ok(found.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()))
}

fn over_budget(_: dfa::OverBudget) -> String {
    "its automaton is over the state budget".into()
}

fn first_line(error: &regex_syntax::Error) -> String {
    let text = error.to_string();
    text.lines()
        .rev()
        .find(|l| l.starts_with("error:"))
        .unwrap_or("invalid syntax")
        .trim_start_matches("error: ")
        .to_owned()
}

/// Only `^` and `$` (start and end of the string) are modelled; the translation produces no
/// other assertion, and this keeps it so.
fn refuse_other_assertions(hir: &Hir) -> Result<(), String> {
    let mut stack = vec![hir];
    while let Some(node) = stack.pop() {
        match node.kind() {
            HirKind::Look(Look::Start | Look::End) => {}
            HirKind::Look(_) => return Err("an assertion other than `^`/`$`".into()),
            HirKind::Repetition(rep) => stack.push(&rep.sub),
            HirKind::Capture(capture) => stack.push(&capture.sub),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => stack.extend(subs),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => {}
        }
    }
    Ok(())
}

/// The string at `source`, pattern `accepting`, that pattern `judging` rejects (`accepting`
/// `None`: no pattern, every string), when both can be modelled.
pub(crate) fn counterexample(accepting: Option<&str>, judging: &str) -> Option<String> {
    let accepting = Language::new(accepting.unwrap_or("")).ok()?;
    let judging = Language::new(judging).ok()?;
    accepting.shortest_missing_from(&judging).ok()?
}

fn text<'a>(node: &Node<'a>) -> Option<&'a str> {
    node.get("pattern").and_then(|(v, _)| v.as_str())
}

/// Reports how the strings `pattern` allows changed.
pub(crate) fn compare(o: &Node<'_>, n: &Node<'_>, out: &mut Vec<Difference>) {
    use DifferenceKind::*;
    let lengths = old_lengths(o);
    let (kind, detail) = match (text(o), text(n)) {
        (None, None) => return,
        (Some(a), None) => (PatternRemoved, format!("`pattern` {a:?} removed")),
        (Some(a), Some(b)) if a == b => return,
        (None, Some(b)) => match new_language(b, lengths).and_then(|new| new.is_everything()) {
            Ok(true) => (
                PatternExtended,
                format!("`pattern` {b:?} added, which every string matches"),
            ),
            Ok(false) => (PatternAdded, format!("`pattern` {b:?} added")),
            Err(why) => (
                PatternAdded,
                format!("`pattern` {b:?} added; cannot compare ({why}), judged breaking"),
            ),
        },
        (Some(a), Some(b)) => changed(a, b, lengths),
    };
    out.push(diff(
        kind,
        o.kw_path("pattern"),
        n.kw_path("pattern"),
        detail,
    ));
}

/// The old schema's `minLength`/`maxLength`, when they constrain: the old strings are only
/// those of these lengths, so a new pattern need only match those.
fn old_lengths(o: &Node<'_>) -> Option<(u64, Option<u64>)> {
    let length = |keyword: &str| {
        o.get(keyword)
            .and_then(|(v, _)| v.as_f64())
            .filter(|v| *v >= 0.0 && v.fract() == 0.0)
            .map(|v| v as u64)
    };
    let (least, most) = (length("minLength").unwrap_or(0), length("maxLength"));
    (least > 0 || most.is_some()).then_some((least, most))
}

/// The new pattern as the language old strings must be in: with the old lengths, strings of
/// other lengths are in it too (no old string has them).
fn new_language(source: &str, lengths: Option<(u64, Option<u64>)>) -> Result<Language, String> {
    match lengths {
        Some(lengths) => Language::or_length_outside(source, lengths),
        None => Language::new(source),
    }
}

fn changed(a: &str, b: &str, lengths: Option<(u64, Option<u64>)>) -> (DifferenceKind, String) {
    use DifferenceKind::*;
    let change = format!("`pattern` {a:?} → {b:?}");
    let new = match new_language(b, lengths) {
        Ok(new) => new,
        Err(why) => {
            return (
                PatternChanged,
                format!("{change}: cannot compare ({why}), judged breaking"),
            );
        }
    };
    let old = match Language::new(a) {
        Ok(old) => old,
        // An old pattern that cannot be modelled is still inside a new one that takes everything.
        Err(why) => {
            return match new.is_everything() {
                Ok(true) => (
                    PatternExtended,
                    format!("{change}: every string matches now"),
                ),
                _ => (
                    PatternChanged,
                    format!("{change}: cannot compare ({why}), judged breaking"),
                ),
            };
        }
    };
    match old.shortest_missing_from(&new) {
        Ok(Some(lost)) => (
            PatternChanged,
            format!("{change}: {lost:?} no longer matches"),
        ),
        Ok(None) => match new.shortest_missing_from(&old) {
            Ok(None) => (PatternExtended, format!("{change}: the same strings match")),
            _ => (
                PatternExtended,
                format!("{change}: every string that matched still matches"),
            ),
        },
        Err(why) => (
            PatternChanged,
            format!("{change}: cannot compare ({why}), judged breaking"),
        ),
    }
}

/// Drops from `found` the `minLength`/`maxLength` tightenings that no old string can notice,
/// because the old pattern only matches strings within the new bound (`^a+$` has at least one
/// character, so `minLength: 1` beside it rejects nothing).
pub(crate) fn drop_lengths_implied(o: &Node<'_>, n: &Node<'_>, found: &mut Vec<Difference>) {
    use DifferenceKind::*;
    let tightens = |d: &Difference| {
        matches!(
            d.kind,
            MinLengthAdded | MinLengthIncreased | MaxLengthAdded | MaxLengthDecreased
        )
    };
    if !found.iter().any(tightens) {
        return;
    }
    let Some(range) = text(o)
        .and_then(|p| Language::new(p).ok())
        .and_then(|l| l.length_range().ok())
    else {
        return;
    };
    // An empty language: any bound is met, but emptiness is not this module's verdict.
    let Some((least, most)) = range else { return };
    let bound = |d: &Difference| -> Option<u64> {
        let keyword = if matches!(d.kind, MinLengthAdded | MinLengthIncreased) {
            "minLength"
        } else {
            "maxLength"
        };
        n.get(keyword)
            .and_then(|(v, _)| v.as_f64())
            .filter(|v| *v >= 0.0 && v.fract() == 0.0)
            .map(|v| v as u64)
    };
    found.retain(|d| {
        if !tightens(d) {
            return true;
        }
        let Some(new_bound) = bound(d) else {
            return true;
        };
        let implied = match d.kind {
            MinLengthAdded | MinLengthIncreased => least >= new_bound,
            _ => most.is_some_and(|m| m <= new_bound),
        };
        !implied
    });
}

#[cfg(test)]
mod tests;

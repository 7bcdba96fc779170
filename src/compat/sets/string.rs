//! Sets of strings as unions of pieces: a range of lengths (in code points, as `minLength` and
//! `maxLength` count), patterns every member matches and patterns none matches, minus a few
//! strings, or else a list of strings. Without patterns, emptiness is arithmetic; with them it
//! is asked of the product of the patterns' automata ([`crate::compat::pattern`]), which says
//! so when a pattern cannot be modelled or the automata grow past their budget (`None`).

use crate::compat::pattern::{self, Language};

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Piece {
    pub(crate) min_length: u64,
    /// `None`: no upper bound.
    pub(crate) max_length: Option<u64>,
    /// ECMA-262 patterns every member matches (somewhere, as `pattern` does).
    pub(crate) patterns: Vec<String>,
    /// Patterns no member matches.
    pub(crate) not_patterns: Vec<String>,
    pub(crate) excluded: Vec<String>,
    /// When set, the members are at most these strings (the other fields still apply).
    pub(crate) only: Option<Vec<String>>,
}

impl Piece {
    pub(crate) fn all() -> Piece {
        Piece::default()
    }

    fn has_patterns(&self) -> bool {
        !self.patterns.is_empty() || !self.not_patterns.is_empty()
    }

    /// Whether `text` is a member, on lengths and lists alone.
    fn fits(&self, text: &str) -> bool {
        let length = text.chars().count() as u64;
        length >= self.min_length
            && self.max_length.is_none_or(|max| length <= max)
            && !self.excluded.iter().any(|e| e == text)
            && self
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| o == text))
    }

    /// Whether `text` is a member (`None`: a pattern cannot be modelled).
    fn contains(&self, text: &str) -> Option<bool> {
        if !self.fits(text) {
            return Some(false);
        }
        if !self.has_patterns() {
            return Some(true);
        }
        let literal = Language::literal(text).ok()?;
        Some(self.shortest_with(&[literal], &[])?.is_some())
    }

    /// The shortest string in every pattern and `extra_all`, and in no `not_patterns` nor
    /// `extra_none` (lengths and lists not applied).
    fn shortest_with(
        &self,
        extra_all: &[Language],
        extra_none: &[Language],
    ) -> Option<Option<String>> {
        let languages = |sources: &[String]| {
            sources
                .iter()
                .map(|s| Language::new(s).ok())
                .collect::<Option<Vec<_>>>()
        };
        let (must, must_not) = (languages(&self.patterns)?, languages(&self.not_patterns)?);
        let all: Vec<&Language> = must.iter().chain(extra_all).collect();
        let none: Vec<&Language> = must_not.iter().chain(extra_none).collect();
        pattern::shortest_in_all_but(&all, &none).ok()
    }

    pub(crate) fn intersect(&self, other: &Piece) -> Piece {
        let max_length = match (self.max_length, other.max_length) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let union = |a: &[String], b: &[String]| {
            let mut all = a.to_vec();
            all.extend(b.iter().filter(|x| !a.contains(x)).cloned());
            all
        };
        let only = match (&self.only, &other.only) {
            (Some(a), Some(b)) => Some(a.iter().filter(|x| b.contains(x)).cloned().collect()),
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        Piece {
            min_length: self.min_length.max(other.min_length),
            max_length,
            patterns: union(&self.patterns, &other.patterns),
            not_patterns: union(&self.not_patterns, &other.not_patterns),
            excluded: union(&self.excluded, &other.excluded),
            only,
        }
    }

    /// The strings outside this piece, as a union of pieces (`None`: undecided).
    pub(crate) fn complement(&self) -> Option<Vec<Piece>> {
        let mut out = Vec::new();
        if let Some(only) = &self.only {
            out.push(Piece {
                excluded: only.clone(),
                ..Piece::all()
            });
            let without = Piece {
                only: None,
                ..self.clone()
            };
            let mut failing = Vec::new();
            for text in only {
                if !without.contains(text)? {
                    failing.push(text.clone());
                }
            }
            if !failing.is_empty() {
                out.push(Piece {
                    only: Some(failing),
                    ..Piece::all()
                });
            }
            return Some(out);
        }
        if self.min_length > 0 {
            out.push(Piece {
                max_length: Some(self.min_length - 1),
                ..Piece::all()
            });
        }
        if let Some(max) = self.max_length {
            out.push(Piece {
                min_length: max.saturating_add(1),
                ..Piece::all()
            });
        }
        for source in &self.patterns {
            out.push(Piece {
                not_patterns: vec![source.clone()],
                ..Piece::all()
            });
        }
        for source in &self.not_patterns {
            out.push(Piece {
                patterns: vec![source.clone()],
                ..Piece::all()
            });
        }
        if !self.excluded.is_empty() {
            out.push(Piece {
                only: Some(self.excluded.clone()),
                ..Piece::all()
            });
        }
        Some(out)
    }

    /// Empty on lengths and lists alone (a piece with patterns may be empty even when this
    /// says no).
    pub(crate) fn obviously_empty(&self) -> bool {
        self.max_length.is_some_and(|max| max < self.min_length)
            || self.only.as_ref().is_some_and(Vec::is_empty)
    }

    /// Whether no string is a member (`None`: undecided).
    pub(crate) fn is_empty(&self) -> Option<bool> {
        if self.only.is_none() && !self.has_patterns() {
            // Strings of a length above zero are endless and only finitely many are
            // excluded: only a piece holding nothing but `""` can be emptied by them.
            let only_the_empty_string = self.max_length == Some(0);
            return Some(self.obviously_empty() || (only_the_empty_string && !self.fits("")));
        }
        self.member().map(|member| member.is_none())
    }

    /// A member, `Some(None)` when there is none, `None` when that cannot be decided.
    pub(crate) fn member(&self) -> Option<Option<String>> {
        if let Some(only) = &self.only {
            for text in only {
                if self.contains(text)? {
                    return Some(Some(text.clone()));
                }
            }
            return Some(None);
        }
        if self.obviously_empty() {
            return Some(None);
        }
        if !self.has_patterns() {
            // A short one of `a…`, `b…`, … (only finitely many are excluded).
            let lengths = self.min_length..=self.max_length.unwrap_or(u64::MAX);
            if self.min_length > 4_096 {
                return None;
            }
            for length in lengths.take(64) {
                let length = usize::try_from(length).ok()?;
                let found = (0..=self.excluded.len() as u32)
                    .filter_map(|i| char::from_u32('a' as u32 + i))
                    .map(|letter| letter.to_string().repeat(length))
                    .find(|text| self.fits(text));
                if found.is_some() {
                    return Some(found);
                }
            }
            return None;
        }
        let lengths = Language::lengths(self.min_length, self.max_length).ok()?;
        let excluded = self
            .excluded
            .iter()
            .map(|text| Language::literal(text).ok())
            .collect::<Option<Vec<_>>>()?;
        self.shortest_with(&[lengths], &excluded)
    }
}

//! Sets of strings as unions of pieces: a range of lengths (in code points, as `minLength` and
//! `maxLength` count) minus a few strings, or else a list of strings. Patterns and formats are
//! not modelled here; a schema holding one is left to the keyword comparison.

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Piece {
    pub(crate) min_length: u64,
    /// `None`: no upper bound.
    pub(crate) max_length: Option<u64>,
    pub(crate) excluded: Vec<String>,
    /// When set, the members are at most these strings (the other fields still apply).
    pub(crate) only: Option<Vec<String>>,
}

impl Piece {
    pub(crate) fn all() -> Piece {
        Piece::default()
    }

    fn contains(&self, text: &str) -> bool {
        let length = text.chars().count() as u64;
        length >= self.min_length
            && self.max_length.is_none_or(|max| length <= max)
            && !self.excluded.iter().any(|e| e == text)
            && self
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| o == text))
    }

    pub(crate) fn intersect(&self, other: &Piece) -> Piece {
        let max_length = match (self.max_length, other.max_length) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let mut excluded = self.excluded.clone();
        excluded.extend(
            other
                .excluded
                .iter()
                .filter(|e| !self.excluded.contains(e))
                .cloned(),
        );
        let only = match (&self.only, &other.only) {
            (Some(a), Some(b)) => Some(a.iter().filter(|x| b.contains(x)).cloned().collect()),
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        Piece {
            min_length: self.min_length.max(other.min_length),
            max_length,
            excluded,
            only,
        }
    }

    /// The strings outside this piece, as a union of pieces.
    pub(crate) fn complement(&self) -> Vec<Piece> {
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
            let failing: Vec<String> = only
                .iter()
                .filter(|text| !without.contains(text))
                .cloned()
                .collect();
            if !failing.is_empty() {
                out.push(Piece {
                    only: Some(failing),
                    ..Piece::all()
                });
            }
            return out;
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
        if !self.excluded.is_empty() {
            out.push(Piece {
                only: Some(self.excluded.clone()),
                ..Piece::all()
            });
        }
        out
    }

    /// Whether no string is a member. Strings of a length above zero are endless and only
    /// finitely many are excluded, so any such length in range leaves members.
    pub(crate) fn is_empty(&self) -> bool {
        if let Some(only) = &self.only {
            return !only.iter().any(|text| self.contains(text));
        }
        if self.max_length.is_some_and(|max| max < self.min_length) {
            return true;
        }
        let only_empty_string = self.max_length == Some(0);
        only_empty_string && !self.contains("")
    }

    /// A member short enough to show (`None`: empty, or only long ones).
    pub(crate) fn member(&self) -> Option<String> {
        if let Some(only) = &self.only {
            return only.iter().find(|text| self.contains(text)).cloned();
        }
        let lengths = self.min_length..=self.max_length.unwrap_or(u64::MAX).min(64);
        lengths.into_iter().find_map(|length| {
            let length = usize::try_from(length).ok()?;
            (0..=self.excluded.len() as u32)
                .filter_map(|i| char::from_u32('a' as u32 + i))
                .map(|letter| letter.to_string().repeat(length))
                .find(|text| self.contains(text))
        })
    }
}

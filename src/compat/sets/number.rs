//! Sets of numbers as unions of pieces: an interval, the divisors every member is a multiple
//! of, the divisors no member is a multiple of, and points taken out, or else a list of points.
//! Intersection, complement and emptiness are exact on these, so `allOf`, `anyOf`, `oneOf` and
//! `not` over numeric keywords are decided as sets (`{"not": {"minimum": 5}}` is `< 5`).

use super::rational::Rational;

/// One end of an interval: the value and whether it is itself a member.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct End {
    pub(crate) value: Rational,
    pub(crate) inclusive: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Piece {
    /// `None`: unbounded on that side.
    pub(crate) low: Option<End>,
    pub(crate) high: Option<End>,
    /// Every member is a multiple of each (`integer` is a multiple of 1).
    pub(crate) multiples: Vec<Rational>,
    /// No member is a multiple of any of these.
    pub(crate) not_multiples: Vec<Rational>,
    /// Values taken out.
    pub(crate) excluded: Vec<Rational>,
    /// When set, the members are at most these values (the other fields still apply).
    pub(crate) only: Option<Vec<Rational>>,
}

/// Integers tried when looking for a member among the multiples of a divisor; a longer range
/// is left undecided.
const MAX_STEPS: i128 = 4_096;

impl Piece {
    pub(crate) fn all() -> Piece {
        Piece::default()
    }

    /// Whether the piece is empty on the face of it (crossed bounds, no points left), so a
    /// union can drop it before it multiplies.
    pub(crate) fn obviously_empty(&self) -> bool {
        let crossed = match (self.low, self.high) {
            (Some(low), Some(high)) => {
                low.value > high.value
                    || (low.value == high.value && !(low.inclusive && high.inclusive))
            }
            _ => false,
        };
        crossed || self.only.as_ref().is_some_and(Vec::is_empty)
    }

    fn contains(&self, x: Rational) -> Option<bool> {
        if let Some(low) = self.low
            && (x < low.value || (x == low.value && !low.inclusive))
        {
            return Some(false);
        }
        if let Some(high) = self.high
            && (x > high.value || (x == high.value && !high.inclusive))
        {
            return Some(false);
        }
        if self.excluded.contains(&x) {
            return Some(false);
        }
        for m in &self.multiples {
            if !x.is_multiple_of(*m)? {
                return Some(false);
            }
        }
        for d in &self.not_multiples {
            if x.is_multiple_of(*d)? {
                return Some(false);
            }
        }
        Some(self.only.as_ref().is_none_or(|only| only.contains(&x)))
    }

    pub(crate) fn intersect(&self, other: &Piece) -> Piece {
        let low = match (self.low, other.low) {
            (Some(a), Some(b)) => Some(
                if a.value > b.value || (a.value == b.value && !a.inclusive) {
                    a
                } else {
                    b
                },
            ),
            (a, b) => a.or(b),
        };
        let high = match (self.high, other.high) {
            (Some(a), Some(b)) => Some(
                if a.value < b.value || (a.value == b.value && !a.inclusive) {
                    a
                } else {
                    b
                },
            ),
            (a, b) => a.or(b),
        };
        let concat = |a: &[Rational], b: &[Rational]| {
            let mut all = a.to_vec();
            all.extend(b.iter().filter(|x| !a.contains(x)));
            all
        };
        let only = match (&self.only, &other.only) {
            (Some(a), Some(b)) => Some(a.iter().filter(|x| b.contains(x)).copied().collect()),
            (a, b) => a.clone().or_else(|| b.clone()),
        };
        Piece {
            low,
            high,
            multiples: concat(&self.multiples, &other.multiples),
            not_multiples: concat(&self.not_multiples, &other.not_multiples),
            excluded: concat(&self.excluded, &other.excluded),
            only,
        }
    }

    /// The numbers outside this piece, as a union of pieces (`None`: undecided).
    pub(crate) fn complement(&self) -> Option<Vec<Piece>> {
        let mut out = Vec::new();
        if let Some(only) = &self.only {
            // Outside a list of points, or one of those points that fails another field.
            out.push(Piece {
                excluded: only.clone(),
                ..Piece::all()
            });
            let without = Piece {
                only: None,
                ..self.clone()
            };
            let mut failing = Vec::new();
            for x in only {
                if !without.contains(*x)? {
                    failing.push(*x);
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
        if let Some(low) = self.low {
            out.push(Piece {
                high: Some(End {
                    value: low.value,
                    inclusive: !low.inclusive,
                }),
                ..Piece::all()
            });
        }
        if let Some(high) = self.high {
            out.push(Piece {
                low: Some(End {
                    value: high.value,
                    inclusive: !high.inclusive,
                }),
                ..Piece::all()
            });
        }
        for m in &self.multiples {
            out.push(Piece {
                not_multiples: vec![*m],
                ..Piece::all()
            });
        }
        for d in &self.not_multiples {
            out.push(Piece {
                multiples: vec![*d],
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

    /// A member, `Some(None)` when there is none, or `None` when that cannot be decided.
    pub(crate) fn member(&self) -> Option<Option<Rational>> {
        if let Some(only) = &self.only {
            for x in only {
                if self.contains(*x)? {
                    return Some(Some(*x));
                }
            }
            return Some(None);
        }
        let mut step = None;
        for m in &self.multiples {
            step = Some(match step {
                None => *m,
                Some(s) => Rational::lcm(s, *m)?,
            });
        }
        let Some(step) = step else {
            return self.real_member();
        };
        // The members are `k * step` for integers `k` between the bounds; one that is also a
        // multiple of a `not_multiples` divisor `d` has `k` a multiple of the denominator of
        // `step / d`, all of them when that is 1.
        for d in &self.not_multiples {
            if step.div(*d)?.denominator() == 1 {
                return Some(None);
            }
        }
        let k_low = match self.low {
            Some(end) => {
                let q = end.value.div(step)?;
                if q.is_integer() && !end.inclusive {
                    q.floor() + 1
                } else {
                    q.ceil()
                }
            }
            None => i128::MIN,
        };
        let k_high = match self.high {
            Some(end) => {
                let q = end.value.div(step)?;
                if q.is_integer() && !end.inclusive {
                    q.ceil() - 1
                } else {
                    q.floor()
                }
            }
            None => i128::MAX,
        };
        if k_low > k_high {
            return Some(None);
        }
        let start = if k_low == i128::MIN {
            k_high.min(0)
        } else {
            k_low
        };
        let ascending = k_low != i128::MIN;
        for i in 0..MAX_STEPS {
            let k = if ascending { start + i } else { start - i };
            if k < k_low || k > k_high {
                return Some(None);
            }
            let x = Rational::integer(k).mul(step)?;
            if self.contains(x)? {
                return Some(Some(x));
            }
        }
        None
    }

    /// A member of a piece without divisors: an interval of reals minus a few points and the
    /// multiples of some divisors, which leaves members in any interval longer than a point.
    fn real_member(&self) -> Option<Option<Rational>> {
        let candidates = match (self.low, self.high) {
            (Some(low), Some(high)) => {
                if low.value > high.value {
                    return Some(None);
                }
                if low.value == high.value {
                    let point = low.value;
                    let member = low.inclusive && high.inclusive && self.contains(point)?;
                    return Some(member.then_some(point));
                }
                let width = high.value.add(low.value.mul(Rational::integer(-1))?)?;
                fractions_of(low.value, width)?
            }
            (Some(low), None) => fractions_of(low.value, Rational::ONE)?,
            (None, Some(high)) => {
                fractions_of(high.value.add(Rational::integer(-1))?, Rational::ONE)?
            }
            (None, None) => fractions_of(Rational::ZERO, Rational::ONE)?,
        };
        for x in candidates {
            if self.contains(x)? {
                return Some(Some(x));
            }
        }
        // The candidates hit excluded points or multiples by chance; there are members still.
        None
    }
}

/// Points strictly inside `(start, start + width)`: halves, thirds… of the width, of which only
/// finitely many can be excluded points or multiples of a divisor.
fn fractions_of(start: Rational, width: Rational) -> Option<Vec<Rational>> {
    let mut out = Vec::new();
    for denominator in [2, 3, 5, 7, 11, 13, 17, 19] {
        for numerator in 1..denominator {
            let part = width
                .mul(Rational::integer(numerator))?
                .div(Rational::integer(denominator))?;
            out.push(start.add(part)?);
        }
    }
    Some(out)
}

/// Whether a union of pieces holds no number (`None`: undecided).
pub(crate) fn is_empty(pieces: &[Piece]) -> Option<bool> {
    let mut decided = true;
    for piece in pieces {
        match piece.member() {
            Some(Some(_)) => return Some(false),
            Some(None) => {}
            None => decided = false,
        }
    }
    decided.then_some(true)
}

/// A member of a union of pieces, when one is found.
pub(crate) fn member(pieces: &[Piece]) -> Option<Rational> {
    pieces.iter().find_map(|piece| piece.member().flatten())
}

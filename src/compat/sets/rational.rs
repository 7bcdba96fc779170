//! Exact numbers for the set evaluator: every JSON number in a schema is a decimal, so it is a
//! fraction with a power of ten below, and bounds and `multipleOf` can be compared without the
//! rounding of `f64` (`0.3 / 0.1` is `2.9999999999999996` in floating point, exactly 3 here).
//! Every operation is checked: a number too large or too precise gives `None`, and the caller
//! then leaves the pair to the keyword comparison.

use std::cmp::Ordering;

use serde_json::Value;

/// `numerator / denominator`, in lowest terms, the denominator positive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Rational {
    numerator: i128,
    denominator: i128,
}

/// Digits after the decimal point kept exactly; more is left unmodelled.
const MAX_SCALE: u32 = 18;

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Rational {
    pub(crate) const ZERO: Rational = Rational::integer(0);
    pub(crate) const ONE: Rational = Rational::integer(1);

    pub(crate) const fn integer(n: i128) -> Rational {
        Rational {
            numerator: n,
            denominator: 1,
        }
    }

    fn new(numerator: i128, denominator: i128) -> Option<Rational> {
        if denominator == 0 {
            return None;
        }
        let g = gcd(numerator, denominator).max(1);
        let sign = if denominator < 0 { -1 } else { 1 };
        Some(Rational {
            numerator: sign * (numerator / g),
            denominator: sign * (denominator / g),
        })
    }

    /// The exact value of a JSON number, from its shortest decimal spelling.
    pub(crate) fn of(value: &Value) -> Option<Rational> {
        let number = value.as_number()?;
        if let Some(i) = number.as_i64() {
            return Some(Rational::integer(i128::from(i)));
        }
        if let Some(u) = number.as_u64() {
            return Some(Rational::integer(i128::from(u)));
        }
        let f = number.as_f64()?;
        if !f.is_finite() {
            return None;
        }
        // `Display` for f64 prints the shortest decimal that reads back as `f`, never with
        // an exponent.
        let text = f.to_string();
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let scale = u32::try_from(fraction.len()).ok()?;
        if scale > MAX_SCALE || whole.trim_start_matches('-').len() > 20 {
            return None;
        }
        let digits: i128 = format!("{whole}{fraction}").parse().ok()?;
        Rational::new(digits, 10i128.checked_pow(scale)?)
    }

    /// The JSON number for this value (a decimal: every value here comes from one).
    pub(crate) fn to_json(self) -> Option<Value> {
        if self.denominator == 1 {
            return i64::try_from(self.numerator).ok().map(Value::from);
        }
        let f = self.numerator as f64 / self.denominator as f64;
        serde_json::Number::from_f64(f).map(Value::Number)
    }

    pub(crate) fn is_integer(self) -> bool {
        self.denominator == 1
    }

    pub(crate) fn is_positive(self) -> bool {
        self.numerator > 0
    }

    pub(crate) fn add(self, other: Rational) -> Option<Rational> {
        let n = self
            .numerator
            .checked_mul(other.denominator)?
            .checked_add(other.numerator.checked_mul(self.denominator)?)?;
        Rational::new(n, self.denominator.checked_mul(other.denominator)?)
    }

    pub(crate) fn mul(self, other: Rational) -> Option<Rational> {
        Rational::new(
            self.numerator.checked_mul(other.numerator)?,
            self.denominator.checked_mul(other.denominator)?,
        )
    }

    pub(crate) fn div(self, other: Rational) -> Option<Rational> {
        Rational::new(
            self.numerator.checked_mul(other.denominator)?,
            self.denominator.checked_mul(other.numerator)?,
        )
    }

    /// The largest integer not above this value.
    pub(crate) fn floor(self) -> i128 {
        self.numerator.div_euclid(self.denominator)
    }

    /// The smallest integer not below this value.
    pub(crate) fn ceil(self) -> i128 {
        -(-self.numerator).div_euclid(self.denominator)
    }

    /// Whether this value is a whole multiple of `divisor` (positive).
    pub(crate) fn is_multiple_of(self, divisor: Rational) -> Option<bool> {
        Some(self.div(divisor)?.is_integer())
    }

    /// The smallest positive number both positive values divide: `lcm(a, c) / gcd(b, d)` for
    /// `a/b` and `c/d` in lowest terms.
    pub(crate) fn lcm(self, other: Rational) -> Option<Rational> {
        let g = gcd(self.numerator, other.numerator).max(1);
        let numerator = (self.numerator / g).checked_mul(other.numerator)?.abs();
        Rational::new(numerator, gcd(self.denominator, other.denominator))
    }

    /// The denominator in lowest terms.
    pub(crate) fn denominator(self) -> i128 {
        self.denominator
    }
}

impl PartialOrd for Rational {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rational {
    fn cmp(&self, other: &Self) -> Ordering {
        // Both denominators are positive; the products fit for the magnitudes `of` admits,
        // and saturate (keeping the order) beyond them.
        let left = self.numerator.saturating_mul(other.denominator);
        let right = other.numerator.saturating_mul(self.denominator);
        left.cmp(&right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decimals_are_exact() {
        let third = Rational::of(&json!(0.3)).unwrap();
        let tenth = Rational::of(&json!(0.1)).unwrap();
        assert_eq!(third.div(tenth), Some(Rational::integer(3)));
        assert_eq!(third.is_multiple_of(tenth), Some(true));
        assert_eq!(Rational::of(&json!(1e300)), None);
    }

    #[test]
    fn lcm_of_fractions() {
        let a = Rational::of(&json!(0.5)).unwrap();
        let b = Rational::of(&json!(0.75)).unwrap();
        assert_eq!(a.lcm(b), Rational::of(&json!(1.5)));
        assert_eq!(
            Rational::integer(4).lcm(Rational::integer(6)),
            Some(Rational::integer(12))
        );
    }

    #[test]
    fn floor_and_ceil_round_towards_the_right_side() {
        let x = Rational::of(&json!(-2.5)).unwrap();
        assert_eq!((x.floor(), x.ceil()), (-3, -2));
        assert_eq!(Rational::integer(4).ceil(), 4);
    }
}

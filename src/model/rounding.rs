//! Exact "could this be rounding?" arithmetic.
//!
//! A printed figure stands for every value that rounds to it: `41.29` is any value in
//! `[41.285, 41.295]`. The interval is closed so the test holds under half-up, half-even and
//! any other conversion (see domain-rules §3). Identities are evaluated over intervals, and a
//! stated result is consistent when its own interval meets the computed one. No floats, no
//! fixed tolerances.

use rust_decimal::Decimal;
use serde::Serialize;

/// A closed interval `[lo, hi]` of exact decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Interval {
    pub fn new(a: Decimal, b: Decimal) -> Self {
        if a <= b {
            Self { lo: a, hi: b }
        } else {
            Self { lo: b, hi: a }
        }
    }

    pub fn exact(v: Decimal) -> Self {
        Self { lo: v, hi: v }
    }

    /// The values that print as `v` when `half` is half a unit of the last printed digit.
    pub fn around(v: Decimal, half: Decimal) -> Self {
        Self {
            lo: v - half,
            hi: v + half,
        }
    }

    pub fn plus(self, o: Self) -> Self {
        Self {
            lo: self.lo + o.lo,
            hi: self.hi + o.hi,
        }
    }

    pub fn minus(self, o: Self) -> Self {
        Self {
            lo: self.lo - o.hi,
            hi: self.hi - o.lo,
        }
    }

    pub fn negated(self) -> Self {
        Self {
            lo: -self.hi,
            hi: -self.lo,
        }
    }

    pub fn scale(self, k: Decimal) -> Self {
        Self::new(self.lo * k, self.hi * k)
    }

    /// `self / o`, or `None` when the divisor interval touches zero (the quotient is
    /// unbounded, so nothing can be decided).
    pub fn divided_by(self, o: Self) -> Option<Self> {
        if o.lo <= Decimal::ZERO && o.hi >= Decimal::ZERO {
            return None;
        }
        let c = [
            self.lo.checked_div(o.lo)?,
            self.lo.checked_div(o.hi)?,
            self.hi.checked_div(o.lo)?,
            self.hi.checked_div(o.hi)?,
        ];
        let lo = c.iter().copied().min()?;
        let hi = c.iter().copied().max()?;
        Some(Self { lo, hi })
    }

    pub fn intersects(self, o: Self) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }

    pub fn contains(self, v: Decimal) -> bool {
        self.lo <= v && v <= self.hi
    }

    pub fn mid(self) -> Decimal {
        (self.lo + self.hi) / Decimal::TWO
    }

    /// Distance between two disjoint intervals (zero when they meet): how far a stated
    /// figure lies beyond what rounding can explain.
    pub fn gap(self, o: Self) -> Decimal {
        if self.hi < o.lo {
            o.lo - self.hi
        } else if o.hi < self.lo {
            self.lo - o.hi
        } else {
            Decimal::ZERO
        }
    }
}

/// Half a unit of the last digit of a figure printed with `decimals` decimals.
pub fn half_unit(decimals: u32) -> Decimal {
    // Decimal holds 28 decimals; figures never print more than `claims::MAX_DECIMALS`.
    Decimal::new(5, (decimals + 1).min(28))
}

/// The verdict on one stated figure against the interval an identity allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The stated interval meets the allowed one: rounding explains any difference.
    Consistent,
    /// Outside rounding, but the stated figure is the allowed value cut off (not rounded)
    /// at the printed precision: `99.545%` printed as `99%`.
    Truncated,
    /// No choice of true values inside the rounding intervals makes the identity hold.
    Broken,
}

/// Judges a stated figure (`stated`, printed with `decimals` decimals) against `allowed`.
pub fn judge(stated: Decimal, decimals: u32, allowed: Interval) -> Verdict {
    let h = half_unit(decimals);
    if Interval::around(stated, h).intersects(allowed) {
        return Verdict::Consistent;
    }
    // Truncation toward zero: the true value v printed as trunc(v), so
    // v ∈ [stated, stated + ulp) for positive figures and (stated − ulp, stated] for negatives.
    let ulp = h * Decimal::TWO;
    let trunc = if stated >= Decimal::ZERO {
        Interval::new(stated, stated + ulp)
    } else {
        Interval::new(stated - ulp, stated)
    };
    // The upper end is open: a true value of exactly stated + ulp would print one higher.
    let meets = trunc.lo <= allowed.hi && allowed.lo < trunc.hi;
    if meets {
        Verdict::Truncated
    } else {
        Verdict::Broken
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros_free::d;

    mod rust_decimal_macros_free {
        use rust_decimal::Decimal;
        use std::str::FromStr;
        pub fn d(s: &str) -> Decimal {
            Decimal::from_str(s).unwrap()
        }
    }

    #[test]
    fn sum_of_two_within_rounding() {
        // 971.50 + 497.02 = 1468.52 against a stated 1468.53: each addend ±0.005.
        let h = half_unit(2);
        let sum = Interval::around(d("971.50"), h).plus(Interval::around(d("497.02"), h));
        assert_eq!(judge(d("1468.53"), 2, sum), Verdict::Consistent);
        assert_eq!(judge(d("1468.56"), 2, sum), Verdict::Broken);
    }

    #[test]
    fn growth_on_tiny_base_is_wide() {
        // cur 1.18, Δ 0.73 → prev 0.45; stated 160.43% is within rounding.
        let h = half_unit(2);
        let cur = Interval::around(d("1.18"), h);
        let delta = Interval::around(d("0.73"), h);
        let g = delta.divided_by(cur.minus(delta)).unwrap().scale(d("100"));
        assert_eq!(judge(d("160.43"), 2, g), Verdict::Consistent);
        // cur 1.54, Δ 0.44: 55.9% is far outside [39.19, 40.83].
        let cur = Interval::around(d("1.54"), h);
        let delta = Interval::around(d("0.44"), h);
        let g = delta.divided_by(cur.minus(delta)).unwrap().scale(d("100"));
        assert!(g.lo > d("39.18") && g.hi < d("40.84"));
        assert_eq!(judge(d("55.9"), 1, g), Verdict::Broken);
    }

    #[test]
    fn truncation_is_told_apart() {
        // 198.96 / 199.87 = 99.545…% printed as 99%.
        let h = half_unit(2);
        let r = Interval::around(d("198.96"), h)
            .divided_by(Interval::around(d("199.87"), h))
            .unwrap()
            .scale(d("100"));
        assert_eq!(judge(d("99"), 0, r), Verdict::Truncated);
        assert_eq!(judge(d("100"), 0, r), Verdict::Consistent);
    }

    #[test]
    fn division_by_an_interval_touching_zero_is_undecided() {
        let z = Interval::around(Decimal::ZERO, half_unit(2));
        assert!(Interval::exact(Decimal::ONE).divided_by(z).is_none());
    }

    #[test]
    fn exact_boundary_counts_as_rounding() {
        // 41.285 is the lowest value that prints as 41.29 (closed interval).
        assert_eq!(
            judge(d("41.29"), 2, Interval::exact(d("41.285"))),
            Verdict::Consistent
        );
        assert_eq!(
            judge(d("41.29"), 2, Interval::exact(d("41.2849"))),
            Verdict::Broken
        );
    }
}

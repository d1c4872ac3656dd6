//! Numeric claims: every figure in the normalised text, with unit, exact value, printed
//! precision and original span.
//!
//! Amounts are converted to 万元 exactly (106.58元 = 0.010658万元, never rounded);
//! percentages stay in percentage points; counts keep their unit. A figure replaced by
//! asterisks (`**万元`) is a claim without a value.

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::model::rounding::half_unit;
use crate::model::{Claim, ClaimKind, Quantity};
use crate::text::{LineIndex, Normalized};

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<red>\*{2,}|＊{2,}|×{2,})\s*(?P<runit>亿元|万元|元)
      | (?P<neg>-)?(?P<num>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)
        (?P<unit>亿元|万元|元|万人次|万人|万|%|人次|批次|人|名|辆|个|次|台|套|家|项|份|件)?",
    )
    .expect("figure regex")
});

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Figures at or above this (in their canonical unit) are not computed with.
const LIMIT: i64 = 100_000_000_000_000;

/// Figures printed with more decimals than this are not computed with (reports print two,
/// sometimes four; `106.58元` becomes six in 万元, still far below Decimal's 28).
pub const MAX_DECIMALS: u32 = 12;

/// Finds every figure in the normalised text.
pub fn extract(norm: &Normalized, original: &str, index: &LineIndex) -> Vec<Claim> {
    let text = norm.text.as_str();
    let mut out = Vec::new();
    // `find_iter`, not `captures_iter`: the groups are read off the match by hand (see
    // `Pieces`), which is several times faster than the regex engine's capture search.
    for whole in FIGURE.find_iter(text) {
        let (start, end) = (whole.start(), whole.end());
        let c = Pieces::of(text, start, end);
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let (kind, quantity, start) = if c.red.is_some() {
            (ClaimKind::Redacted, None, start)
        } else {
            let Some(num) = c.num else {
                continue;
            };
            // Part of an identifier (`_Toc153`, `image3`, `A1`) rather than a figure.
            if before.is_some_and(|b| b.is_ascii_alphabetic() || b == '_') {
                continue;
            }
            let digits: std::borrow::Cow<str> = if num.as_str().contains(',') {
                num.as_str()
                    .chars()
                    .filter(|&ch| ch != ',')
                    .collect::<String>()
                    .into()
            } else {
                num.as_str().into()
            };
            let Ok(mut value) = Decimal::from_str(&digits) else {
                // More digits than exact arithmetic holds: kept as a figure without value
                // (a bare one is an ID number).
                if c.unit.is_some() {
                    out.push(overflow(norm, original, index, text, num.start(), end));
                }
                continue;
            };
            let decimals = digits.split_once('.').map_or(0, |(_, f)| f.len() as u32);
            // More decimals than any report prints: not a figure to compute with.
            if decimals > MAX_DECIMALS {
                if c.unit.is_some() {
                    out.push(overflow(norm, original, index, text, num.start(), end));
                }
                continue;
            }
            let mut start = num.start();
            if let Some(neg) = c.neg {
                let pre = text[..neg.start()].chars().next_back();
                if !pre.is_some_and(|p| p.is_ascii_alphanumeric()) {
                    value = -value;
                    start = neg.start();
                }
            }
            let unit = c.unit.map_or("", |u| u.as_str());
            // `万` alone is 万元 only when no word follows it (`年初预算安排20万，`);
            // `约30万参保人员` is a count of people, not money.
            let unit = if unit == "万" && after.is_some_and(is_cjk) {
                ""
            } else {
                unit
            };
            // A money figure printed as a bare `0` means none was spent (reports print
            // amounts to 0.01万元, and a blank cell means zero), not "under 5000元".
            // Percentages keep their rounding: `0%` may stand for 0.03%.
            let nil = decimals == 0 && value.is_zero();
            let h = half_unit(decimals);
            let money_half = |k: Decimal| if nil { Decimal::ZERO } else { h * k };
            let (kind, value, half) = match unit {
                "万元" | "万" => (ClaimKind::Amount, value, money_half(Decimal::ONE)),
                "元" => {
                    let k = Decimal::new(1, 4);
                    (ClaimKind::Amount, value * k, money_half(k))
                }
                "亿元" => {
                    let k = Decimal::from(10_000);
                    let Some(v) = value.checked_mul(k) else {
                        out.push(overflow(norm, original, index, text, num.start(), end));
                        continue;
                    };
                    (ClaimKind::Amount, v, money_half(k))
                }
                "%" => (ClaimKind::Percent, value, h),
                "" => (ClaimKind::Bare, value, h),
                u => {
                    // Whole counts are exact; 49.68万人 is rounded like any figure.
                    let half = if decimals == 0 { Decimal::ZERO } else { h };
                    (ClaimKind::Count(u.to_owned()), value, half)
                }
            };
            // Past any real figure (10^14 万元 is 10^18 元): kept out of the arithmetic, so
            // no sum or product of figures can overflow. A long bare number is an account or
            // ID number, not a figure.
            if value.abs() >= Decimal::from(LIMIT) {
                if kind != ClaimKind::Bare {
                    out.push(overflow(norm, original, index, text, start, end));
                }
                continue;
            }
            (
                kind,
                Some(Quantity {
                    value,
                    decimals,
                    half,
                }),
                start,
            )
        };
        let end = if matches!(kind, ClaimKind::Bare) {
            c.num.map_or(end, |n| n.end())
        } else {
            end
        };
        let rest = &text[end..];
        let threshold =
            rest.starts_with("以上") || rest.starts_with("以下") || rest.starts_with("以内");
        let (os, oe) = norm.original_range(start, end);
        out.push(Claim {
            kind,
            quantity,
            text: text[start..end].to_owned(),
            span: index.span(original, os, oe),
            section: None,
            norm: (start, end),
            threshold,
        });
    }
    out
}

/// A piece of a figure match: its range in the text.
#[derive(Clone, Copy)]
struct Piece<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Piece<'t> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// The groups of a [`FIGURE`] match, read off its text: asterisks and a unit (`red`), or an
/// optional `-` (`neg`), the number (`num`: digits, commas, a point) and a unit (`unit`).
struct Pieces<'t> {
    red: Option<Piece<'t>>,
    neg: Option<Piece<'t>>,
    num: Option<Piece<'t>>,
    unit: Option<Piece<'t>>,
}

impl<'t> Pieces<'t> {
    fn of(text: &'t str, start: usize, end: usize) -> Self {
        let m = &text[start..end];
        let piece = |s: usize, e: usize| Piece {
            text,
            start: start + s,
            end: start + e,
        };
        if !m.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            // Asterisks, then (after optional spaces) the unit.
            let stars = m
                .find(|c: char| !matches!(c, '*' | '＊' | '×'))
                .unwrap_or(m.len());
            let unit_at = m.len() - m[stars..].trim_start().len();
            return Self {
                red: Some(piece(0, stars)),
                neg: None,
                num: None,
                unit: Some(piece(unit_at, m.len())),
            };
        }
        let neg = m.starts_with('-');
        let from = usize::from(neg);
        let num_end = m[from..]
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .map_or(m.len(), |i| from + i);
        Self {
            red: None,
            neg: neg.then(|| piece(0, 1)),
            num: Some(piece(from, num_end)),
            unit: (num_end < m.len()).then(|| piece(num_end, m.len())),
        }
    }
}

/// A figure whose value cannot be held exactly.
fn overflow(
    norm: &Normalized,
    original: &str,
    index: &LineIndex,
    text: &str,
    start: usize,
    end: usize,
) -> Claim {
    let (os, oe) = norm.original_range(start, end);
    Claim {
        kind: ClaimKind::Overflow,
        quantity: None,
        text: text[start..end].to_owned(),
        span: index.span(original, os, oe),
        section: None,
        norm: (start, end),
        threshold: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn claims(s: &str) -> Vec<Claim> {
        let n = normalize(s);
        extract(&n, s, &LineIndex::new(s))
    }

    #[test]
    fn amounts_are_converted_to_wanyuan_exactly() {
        let c = claims("少106.58元，共12683860元，合计1.5亿元，1,946.77万元");
        let v: Vec<_> = c.iter().map(|c| c.value().unwrap().to_string()).collect();
        assert_eq!(v, ["0.010658", "1268.3860", "15000.0", "1946.77"]);
        assert_eq!(c[0].quantity.unwrap().half, Decimal::new(5, 7));
        assert!(c.iter().all(|c| c.kind == ClaimKind::Amount));
    }

    #[test]
    fn a_bare_zero_amount_is_exact_but_a_zero_percent_is_rounded() {
        let c = claims("支出0万元，占0%，结余0.00万元");
        assert_eq!(c[0].quantity.unwrap().half, Decimal::ZERO);
        assert_eq!(c[1].quantity.unwrap().half, Decimal::new(5, 1));
        assert_eq!(c[2].quantity.unwrap().half, Decimal::new(5, 3));
    }

    #[test]
    fn percentages_counts_and_redactions() {
        let c = claims("增长72.9%，共8批次，93人次，共计支出**万元，单价50万元以上");
        assert_eq!(c[0].kind, ClaimKind::Percent);
        assert_eq!(c[0].quantity.unwrap().half, Decimal::new(5, 2));
        assert_eq!(c[1].kind, ClaimKind::Count("批次".into()));
        assert_eq!(c[2].kind, ClaimKind::Count("人次".into()));
        assert_eq!(c[3].kind, ClaimKind::Redacted);
        assert!(c[4].threshold);
    }

    #[test]
    fn spans_point_at_the_original_text() {
        let s = "支出决算为 ４１．２９ 万元";
        let c = claims(s);
        assert_eq!(c[0].span.column, 7);
        assert_eq!(&s[c[0].span.start..c[0].span.end], "４１．２９ 万元");
    }

    #[test]
    fn identifiers_and_wan_before_words_are_not_money() {
        let c = claims("_Toc153 约30万参保人员 安排20万，");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].kind, ClaimKind::Bare);
        assert_eq!(c[1].kind, ClaimKind::Amount);
    }
}

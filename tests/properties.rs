//! Properties of the number lexer and the rounding arithmetic, over generated inputs.

use proptest::prelude::*;
use rust_decimal::Decimal;

use juesuan::claims;
use juesuan::model::rounding::{Verdict, half_unit, judge};
use juesuan::model::{Claim, ClaimKind, Interval};
use juesuan::text::{LineIndex, normalize};

fn lex(s: &str) -> Vec<Claim> {
    let n = normalize(s);
    claims::extract(&n, s, &LineIndex::new(s))
}

/// `digits` with `decimals` of them after the point, optionally with thousands separators.
fn print(units: u64, decimals: u32, separators: bool) -> String {
    let s = format!("{units:0>width$}", width = decimals as usize + 1);
    let (int, frac) = s.split_at(s.len() - decimals as usize);
    let int = if separators {
        let mut out = String::new();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        out
    } else {
        int.to_owned()
    };
    if decimals == 0 {
        int
    } else {
        format!("{int}.{frac}")
    }
}

/// The unit as printed and what one of it is in the claim's canonical unit.
fn unit() -> impl Strategy<Value = (&'static str, Decimal)> {
    prop_oneof![
        Just(("万元", Decimal::ONE)),
        Just(("元", Decimal::new(1, 4))),
        Just(("亿元", Decimal::new(10_000, 0))),
        Just(("%", Decimal::ONE)),
    ]
}

fn only_figure(s: &str) -> Claim {
    let found: Vec<Claim> = lex(s)
        .into_iter()
        .filter(|c| c.kind != ClaimKind::Bare)
        .collect();
    assert_eq!(found.len(), 1, "{s}: {found:#?}");
    found.into_iter().next().unwrap()
}

proptest! {
    /// Parsing a printed figure keeps its value (converted to 万元) and its precision.
    #[test]
    fn printed_figures_parse_to_their_value_and_precision(
        units in 0u64..10_000_000_000,
        decimals in 0u32..5,
        separators in any::<bool>(),
        (unit, scale) in unit(),
    ) {
        let printed = print(units, decimals, separators);
        let text = format!("支出决算为{printed}{unit}，");
        let c = only_figure(&text);
        let q = c.quantity.expect("a figure, not redacted");
        prop_assert_eq!(q.value, Decimal::new(units as i64, decimals) * scale);
        prop_assert_eq!(q.decimals, decimals);
        prop_assert_eq!(&text[c.span.start..c.span.end].replace(',', ""), &format!("{printed}{unit}").replace(',', ""));
    }

    /// Any true value that prints as a figure lies inside that figure's interval.
    #[test]
    fn a_value_lies_inside_the_interval_of_its_printed_rounding(
        true_units in 0u64..100_000_000_000,
        decimals in 0u32..4,
        (unit, scale) in unit(),
    ) {
        // The true value has two more decimals than printed.
        let truth = Decimal::new(true_units as i64, decimals + 2);
        for printed in [truth.round_dp(decimals), truth.trunc_with_scale(decimals)] {
            if (printed - truth).abs() > half_unit(decimals) {
                continue; // truncation one unit away is not a rounding
            }
            let text = format!("合计{}{unit}。", printed.round_dp(decimals));
            let c = only_figure(&text);
            prop_assert!(c.quantity.unwrap().interval().contains(truth * scale), "{text}");
        }
    }

    /// The interval of a sum contains the sum of any members of the summed intervals.
    #[test]
    fn the_sum_of_intervals_contains_every_sum_of_members(
        parts in prop::collection::vec((0i64..1_000_000_000, 0u32..4, 0u32..=1000), 1..12),
    ) {
        let mut sum = Interval::exact(Decimal::ZERO);
        let mut members = Decimal::ZERO;
        for (v, dp, t) in parts {
            let iv = Interval::around(Decimal::new(v, dp), half_unit(dp));
            // A member anywhere in the interval, ends included.
            members += iv.lo + (iv.hi - iv.lo) * Decimal::new(i64::from(t), 3);
            sum = sum.plus(iv);
        }
        prop_assert!(sum.contains(members));
    }

    /// A stated figure that is a rounding of a value the identity allows is never reported.
    #[test]
    fn a_rounding_of_an_allowed_value_is_consistent(
        lo in -1_000_000_000i64..1_000_000_000,
        width in 0i64..1_000_000,
        t in 0u32..=1000,
        decimals in 0u32..4,
    ) {
        let allowed = Interval::new(Decimal::new(lo, 4), Decimal::new(lo + width, 4));
        let x = allowed.lo + (allowed.hi - allowed.lo) * Decimal::new(i64::from(t), 3);
        prop_assert_eq!(judge(x.round_dp(decimals), decimals, allowed), Verdict::Consistent);
    }

    /// No text makes the lexer panic, and every figure's span lies inside the text.
    #[test]
    fn the_lexer_never_panics(s in "[0-9０-９.,，。%％万元亿千百*＊\\-－+eE年月日 \t\n（）()一二三四五六七八九十合计支出为]{0,200}") {
        let claims = lex(&s);
        for c in &claims {
            prop_assert!(c.span.start <= c.span.end && c.span.end <= s.len());
            prop_assert!(s.is_char_boundary(c.span.start) && s.is_char_boundary(c.span.end));
        }
    }

    /// Arbitrary Unicode, too.
    #[test]
    fn the_lexer_never_panics_on_any_text(s in "\\PC{0,300}") {
        let _ = lex(&s);
    }
}

//! SHR: shares (占比).

use super::{Context, Family, Rule, fmt_dp};
use crate::finding::{Finding, Severity};

pub static SHARE_MISMATCH: Rule = Rule {
    code: "SHR001",
    name: "share-mismatch",
    family: Family::Shares,
    severity: Severity::Error,
    summary: "占比与分项÷合计不符",
    doc: "## What it checks
A stated share equals part ÷ whole × 100. The whole is the total the list belongs to
(`本年支出合计1214.15万元，其中：基本支出535.12万元，占44.1%`) or the figure the share names
(`占本年支出合计的100%`, `占政府采购支出总额的0.1%`), found by its label earlier in the report.

## Why it matters
Shares are what readers compare across reports; a wrong share misstates the structure of spending.

## Rounding
The share is computed over the intervals of part and whole and compared with the stated share's
interval (44.1% stands for [44.05%, 44.15%]). A share cut off instead of rounded is a warning.

## Example
`基本支出535.12万元，占54.1%` of 1214.15 → expected 44.07%.

## Known limits
A share whose named whole cannot be found is not checked; a whole of zero is skipped.",
    check: check_shares,
};

fn check_shares(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in &ctx.report.shares {
        let Some((allowed, expected)) = ctx.percent_of(ctx.figure(s.part), ctx.figure(s.whole))
        else {
            continue;
        };
        let stated = ctx.value(s.share);
        // A share that fits the outer list's total is read that way.
        let fits_outer = s.alternative.is_some_and(|outer| {
            ctx.percent_of(ctx.figure(s.part), ctx.figure(outer))
                .is_some_and(|(iv, _)| ctx.interval(s.share).intersects(iv))
        });
        if fits_outer {
            continue;
        }
        if let Some(mut f) = ctx.compare(&SHARE_MISMATCH, s.share, stated, allowed, expected, 2) {
            f.message = format!(
                "占比{}，但{}÷{}{}={}%",
                ctx.text(s.share),
                ctx.text(s.part),
                s.whole_label.as_deref().unwrap_or("合计"),
                ctx.text(s.whole),
                fmt_dp(expected, 2)
            );
            f.related.push(ctx.build.related("分项", s.part));
            f.related.push(ctx.build.related("合计", s.whole));
            out.push(f);
        }
    }
    out
}

//! RATE: execution and completion rates (执行率 / 完成率).

use super::{Context, Family, Rule, fmt_dp};
use crate::finding::{Finding, Severity};

pub static COMPLETION_RATE_MISMATCH: Rule = Rule {
    code: "RATE001",
    name: "completion-rate-mismatch",
    family: Family::Rates,
    severity: Severity::Error,
    summary: "执行率/完成率与执行数÷预算数不符",
    doc: "## What it checks
A completion or execution rate stated with its figures (`全年预算数为0.63万元，项目执行0.63万元，
预算执行率为4.8%`) must equal actual ÷ budget × 100. A rate against 年初预算 uses the 年初 figure;
otherwise the full-year budget (全年预算, 调整后预算, 预算数, 共…) is used.

## Why it matters
The execution rate is the first figure a reviewer reads in a performance report.

## Rounding
Computed over the intervals of both amounts, against the stated rate's interval. A rate cut off
instead of rounded (99.545% printed as 99%) is a warning, not an error.

## Example
`共199.87万元…实际完成198.96万元，完成率99%` → 99.54%: truncated, warning.

A rate stated against a budget of zero is an error (no rate exists; reports write 无法计算).

## Known limits
Both amounts must stand before the rate in the same sentence (or, for a sentence with no
figure of its own, in the sentence before on the same line).",
    check: check_rates,
};

fn check_rates(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in &ctx.report.rates {
        // `年初预算为0万元，支出决算为98万元，完成年初预算的100%`: no rate exists against a
        // zero budget (reports say 无法计算); stating one is an error.
        if ctx.value(r.budget).is_zero() {
            if !ctx.value(r.actual).is_zero() {
                let mut f = ctx.build.finding(
                    &COMPLETION_RATE_MISMATCH,
                    Severity::Error,
                    r.rate,
                    format!(
                        "预算数为{}，无法计算完成率，却写作{}{}",
                        ctx.text(r.budget),
                        r.label,
                        ctx.text(r.rate)
                    ),
                );
                f.related.push(ctx.build.related("执行数", r.actual));
                f.related.push(ctx.build.related("预算数", r.budget));
                out.push(f);
            }
            continue;
        }
        let Some((allowed, expected)) = ctx.percent_of(ctx.figure(r.actual), ctx.figure(r.budget))
        else {
            continue;
        };
        let stated = ctx.value(r.rate);
        if let Some(mut f) = ctx.compare(
            &COMPLETION_RATE_MISMATCH,
            r.rate,
            stated,
            allowed,
            expected,
            2,
        ) {
            f.message = format!(
                "{}{}，但{}÷{}={}%{}",
                r.label,
                ctx.text(r.rate),
                ctx.text(r.actual),
                ctx.text(r.budget),
                fmt_dp(expected, 2),
                if f.truncated {
                    "（截尾而非四舍五入）"
                } else {
                    ""
                }
            );
            f.related.push(ctx.build.related("执行数", r.actual));
            f.related.push(ctx.build.related("预算数", r.budget));
            out.push(f);
        }
    }
    out
}

pub static UNEXPLAINED_BUDGET_VARIANCE: Rule = Rule {
    code: "RATE002",
    name: "unexplained-budget-variance",
    family: Family::Rates,
    severity: Severity::Warning,
    summary: "决算数与预算数不一致但未说明原因",
    doc: "## What it checks
A budget item (类/款/项) whose 决算 differs from its budget — a stated completion rate other
than 100%, or a stated budget other than the 决算 — must say why (`决算数小于预算数的主要原因是：…`).

## Why it matters
The disclosure rules ask for the reason whenever 决算 and 预算 differ; a bare 93.41% leaves the
reader guessing whether money was saved, delayed or cut.

## Rounding
A rate that rounding can make 100% (99.996% printed as 100.00%), or a budget that rounds to the
same figure, is not a difference.

## Example
`行政运行（项）：支出决算数170.13万元，完成预算数的93.41%。` with no reason → reported.

## Known limits
Only items listed with their 决算; the reason must stand in the item's own paragraph.",
    check: check_unexplained,
};

fn check_unexplained(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for item in &ctx.report.items {
        if item.reason.is_some() {
            continue;
        }
        let differs = if let Some(rate) = item.rate {
            !ctx.interval(rate)
                .contains(rust_decimal::Decimal::ONE_HUNDRED)
        } else if let Some(budget) = item.budget {
            !ctx.interval(budget).intersects(ctx.interval(item.actual))
        } else {
            false
        };
        if !differs {
            continue;
        }
        let at = item.rate.unwrap_or(item.actual);
        let mut f = ctx.build.finding(
            &UNEXPLAINED_BUDGET_VARIANCE,
            UNEXPLAINED_BUDGET_VARIANCE.severity,
            at,
            format!(
                "{}（项）决算数{}与预算数不一致，但未说明原因",
                item.item,
                ctx.text(item.actual)
            ),
        );
        f.related.push(ctx.build.related("决算数", item.actual));
        if let Some(b) = item.budget {
            f.related.push(ctx.build.related("预算数", b));
        }
        out.push(f);
    }
    out
}

//! XRF: the same quantity stated in two places with two values.

use super::{Context, Family, Rule};
use crate::finding::{Expected, Finding, Severity};

pub static RESTATED_CHANGE_MISMATCH: Rule = Rule {
    code: "XRF001",
    name: "restated-change-mismatch",
    family: Family::CrossRef,
    severity: Severity::Error,
    summary: "同一数额的上年比较在两处说法不一",
    doc: "## What it checks
Reports restate the same comparison in several places (正文 and 附件, §一 and §四). Two change
statements about the same quantity — the same subject (一般公共预算财政拨款支出, 收支总计 …)
with the same current figure — must give the same change and the same growth rate.

## Why it matters
Readers quote whichever place they read; two different answers to \"how much did it grow\"
mean at least one is wrong.

## Rounding
The two changes (and rates) are compared as intervals: 27.5% and 27.51% agree.

## Example
正文 `一般公共预算财政拨款支出1283.68万元…增加276.96万元，增长27.51%` and 附件
`一般公共预算财政拨款支出1283.68万元…增加102.62万元，增长8.49%` → reported at the second.

## Known limits
Only statements whose subject is recognised and whose current figure is stated; the same
subject with a different current figure is a different scope and is not compared.",
    check: check_restated_changes,
};

fn check_restated_changes(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    for (j, later) in r.changes.iter().enumerate() {
        let (Some(subject), Some(cur)) = (later.subject, later.current) else {
            continue;
        };
        // The first earlier statement of the same quantity is the reference.
        let Some(first) = r.changes[..j].iter().find(|e| {
            e.subject == Some(subject)
                && e.current
                    .is_some_and(|c| ctx.interval(c).intersects(ctx.interval(cur)))
        }) else {
            continue;
        };
        let a = ctx.interval(first.amount).scale(first.direction.sign());
        let b = ctx.interval(later.amount).scale(later.direction.sign());
        let name = subject.name();
        // Report the change when the changes differ, else the rate when the rates do.
        let (at, stated, reference, message) = if !a.intersects(b) {
            (
                later.amount,
                ctx.value(later.amount) * later.direction.sign(),
                (a, ctx.value(first.amount) * first.direction.sign()),
                format!(
                    "{name}{}的增减额在第{}行为{}{}，此处为{}{}",
                    ctx.text(cur),
                    r.claims[first.amount].span.line,
                    first.direction.word(),
                    ctx.text(first.amount),
                    later.direction.word(),
                    ctx.text(later.amount),
                ),
            )
        } else if let (Some(x), Some(y)) = (first.rate, later.rate)
            && !ctx.interval(x).intersects(ctx.interval(y))
        {
            (
                y,
                ctx.value(y),
                (ctx.interval(x), ctx.value(x)),
                format!(
                    "{name}{}的增长率在第{}行为{}，此处为{}",
                    ctx.text(cur),
                    r.claims[x].span.line,
                    ctx.text(x),
                    ctx.text(y),
                ),
            )
        } else {
            continue;
        };
        let mut f = ctx
            .build
            .finding(&RESTATED_CHANGE_MISMATCH, Severity::Error, at, message);
        f.stated.value = Some(stated);
        f.expected = Some(Expected {
            value: reference.1,
            interval: reference.0,
        });
        f.difference = Some(stated - reference.1);
        f.related
            .push(ctx.build.related("另处增减额", first.amount));
        if let Some(x) = first.rate {
            f.related.push(ctx.build.related("另处增长率", x));
        }
        if let Some(y) = later.rate {
            f.related.push(ctx.build.related("此处增长率", y));
        }
        f.related.push(ctx.build.related("本年数", cur));
        out.push(f);
    }
    out
}

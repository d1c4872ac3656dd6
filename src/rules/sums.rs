//! SUM: totals and their listed parts (勾稽).

use rust_decimal::Decimal;

use super::{Context, Family, Rule};
use crate::finding::{Finding, Severity};
use crate::model::{Breakdown, BreakdownKind, ClaimKind, Interval};

pub static BREAKDOWN_SUM_MISMATCH: Rule = Rule {
    code: "SUM001",
    name: "breakdown-sum-mismatch",
    family: Family::Sums,
    severity: Severity::Error,
    summary: "合计数与所列各项之和不符",
    doc: "## What it checks
A total followed by its parts (`现有在职人数49人，其中在编在职30人，借调3人，聘用人员23人`;
`本年支出合计…，其中：基本支出…，项目支出…`) must equal the sum of the parts. The parts may never
exceed the total. They must reach it when the list is complete: every part carries its share
(`占44.1%`), or the parts are the fixed split of the total (基本支出 + 项目支出, 人员经费 + 公用经费).

## Why it matters
A total that its own parts contradict means a figure was mistyped, left out or double counted.

## Rounding
Each part and the total stand for their rounding intervals; with n parts of 0.01 the sum may miss
by (n + 1) × 0.005. Whole counts are exact.

## Example
`在职人数49人，其中在编在职30人，借调3人，聘用人员23人` → the parts sum to 56.

## Known limits
Lists introduced by 主要包括 or ending in 等 may be a selection: only an excess is reported.
A complete-looking list without shares whose parts fall short is not reported (lists such as
`编制11名，其中局长1名，副局长2名` name only some members).",
    check: check_breakdowns,
};

const FIXED_SPLITS: &[&[&str]] = &[
    &[
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ],
    &["人员经费", "公用经费"],
];

fn is_fixed_split(labels: &[&str]) -> bool {
    FIXED_SPLITS.iter().any(|set| {
        labels.len() >= 2
            && labels.iter().all(|l| {
                set.iter()
                    .any(|s| l.ends_with(s) || l.ends_with(&s.replace("支出", "")))
            })
    })
}

fn complete(b: &Breakdown) -> bool {
    let labels: Vec<&str> = b.parts.iter().map(|p| p.label.as_str()).collect();
    b.kind == BreakdownKind::Complete
        && (b.parts.iter().all(|p| p.share.is_some()) || is_fixed_split(&labels))
}

fn check_breakdowns(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for b in &ctx.report.breakdowns {
        let mut allowed = Interval::exact(Decimal::ZERO);
        let mut expected = Decimal::ZERO;
        for p in &b.parts {
            allowed = allowed.plus(ctx.interval(p.amount));
            expected += ctx.value(p.amount);
        }
        let total = ctx.interval(b.total);
        let excess = allowed.lo > total.hi;
        if !excess && !complete(b) {
            continue;
        }
        let stated = ctx.value(b.total);
        if let Some(mut f) = ctx.compare(
            &BREAKDOWN_SUM_MISMATCH,
            b.total,
            stated,
            allowed,
            expected,
            ctx.finest(b.parts.iter().map(|p| p.amount)),
        ) {
            let unit = match &ctx.report.claims[b.total].kind {
                ClaimKind::Count(u) => u.clone(),
                _ => "万元".to_owned(),
            };
            f.message = format!(
                "合计{}，但{}所列{}项之和为{}{}",
                ctx.text(b.total),
                b.trigger,
                b.parts.len(),
                f.expected
                    .as_ref()
                    .map_or_else(String::new, |e| e.value.to_string()),
                unit
            );
            for p in &b.parts {
                let role = if p.label.is_empty() {
                    "分项".to_owned()
                } else {
                    format!("分项：{}", p.label)
                };
                f.related.push(ctx.build.related(&role, p.amount));
            }
            out.push(f);
        }
    }
    out
}

//! SUM: totals and their listed parts (勾稽).

use rust_decimal::Decimal;

use super::{Context, Family, Rule};
use crate::finding::{Finding, Severity};
use crate::model::{Breakdown, BreakdownKind, BudgetItem, ClaimId, ClaimKind, Interval, class_key};

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
and the shares add up to 100%, or the parts are the fixed split of the total (基本支出 +
项目支出, 人员经费 + 公用经费).

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

/// Is the list the whole of its total? Its parts are the fixed split of the total, or every
/// part carries a share and the shares add up to 100% (`主要用于以下方面` may list only the
/// main classes; their shares then fall short of 100% and the list is a selection).
fn complete(ctx: &Context, b: &Breakdown) -> bool {
    let labels: Vec<&str> = b.parts.iter().map(|p| p.label.as_str()).collect();
    if b.kind != BreakdownKind::Complete {
        return false;
    }
    if is_fixed_split(&labels) {
        return true;
    }
    let mut shares = Interval::exact(Decimal::ZERO);
    for p in &b.parts {
        match p.share {
            Some(s) => shares = shares.plus(ctx.interval(s)),
            None => return false,
        }
    }
    shares.contains(Decimal::ONE_HUNDRED)
}

/// Whether SUM001 judges the list headed by `total` (its parts exceed it, or it is the
/// whole of it): other rules over the same figures then leave it to SUM001.
pub(super) fn judged_by_breakdown(ctx: &Context, total: ClaimId) -> bool {
    ctx.report
        .breakdowns
        .iter()
        .any(|b| b.total == total && judged(ctx, b, ctx.sum(b.parts.iter().map(|p| p.amount)).0))
}

/// SUM001 judges a list whose parts (summing to `parts`) exceed its total, or that is the
/// whole of it.
fn judged(ctx: &Context, b: &Breakdown, parts: Interval) -> bool {
    parts.lo > ctx.interval(b.total).hi || complete(ctx, b)
}

fn check_breakdowns(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for b in &ctx.report.breakdowns {
        let (allowed, expected) = ctx.sum(b.parts.iter().map(|p| p.amount));
        if !judged(ctx, b, allowed) {
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

pub static CLASS_ITEMS_SUM_MISMATCH: Rule = Rule {
    code: "SUM002",
    name: "class-items-sum-mismatch",
    family: Family::Sums,
    severity: Severity::Error,
    summary: "各项（项级科目）决算之和与所属类级合计不符",
    doc: "## What it checks
The 结构 paragraph states each 类's total (`主要用于以下方面：…卫生健康（类）支出1112.36万元…`);
the 具体情况 paragraph lists every 项 of that 类 with its 决算. The items of a 类 must add up to
its total. Class names are matched whatever the wording (`卫生健康支出`, `卫生健康（类）`).

## Why it matters
Disclosure is required down to the 项 level; items that do not add up to their class mean an
item is missing, mistyped, or the class total is wrong.

## Rounding
Each item and the total stand for their rounding intervals (n items of 0.01 may miss by
(n + 1) × 0.005).

## Example
`卫生健康支出2212.80万元` with items 4.16 + 8.24 + 1.5 + 170.13 + 183.61 + 2.64 + 0.08 + 189 +
0.92 = 560.28 → reported.

## Known limits
Only items listed in the same chapter as the 结构 paragraph, and only classes that have at
least one listed item.",
    check: check_class_items,
};

fn check_class_items(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    for b in &r.breakdowns {
        if !b.trigger.contains("以下方面") {
            continue;
        }
        let chapter = r.chapter(r.claims[b.total].section);
        for part in &b.parts {
            let key = class_key(&part.label);
            let items: Vec<_> = r
                .items
                .iter()
                .filter(|i| r.chapter(i.section) == chapter && class_key(&i.class) == key)
                .collect();
            if items.is_empty() {
                continue;
            }
            let parts: Vec<_> = items.iter().map(|i| (*i, i.actual)).collect();
            out.extend(items_sum(
                ctx,
                &CLASS_ITEMS_SUM_MISMATCH,
                part.amount,
                &parts,
                |sum| {
                    format!(
                        "{}类合计{}，但所列{}个项的决算之和为{sum}万元",
                        key,
                        ctx.text(part.amount),
                        items.len(),
                    )
                },
            ));
        }
    }
    out
}

pub static ITEMS_TOTAL_MISMATCH: Rule = Rule {
    code: "SUM003",
    name: "items-total-mismatch",
    family: Family::Sums,
    severity: Severity::Error,
    summary: "所列各项（类/款/项）决算之和与其总额不符",
    doc: "## What it checks
The 一般公共预算财政拨款支出决算具体情况 section states a total (`2023年一般公共预算财政拨款支出
4265.40万元，全年预算数为4277.40万元`) and lists every 类/款/项 item under it: the items' 决算
must add up to the total.

## Why it matters
An item left out or mistyped leaves the readers with spending the list does not account for.

## Rounding
Each item and the total stand for their rounding intervals; n items may miss by (n + 1) × half
a unit.

## Example
002: 11 items sum to 1467.17 against 1467.16 (holds). A list whose items fall 100 short is
reported at the total.

## Known limits
A list that leaves out a whole 类 named in the 结构 paragraph is taken as a selection and not
checked. When a 类's own items already disagree with that 类's total (SUM002), the list is incomplete
for that reason and this rule stays quiet: one finding per cause.",
    check: check_items_total,
};

fn check_items_total(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    // One finding per cause: a class whose items fall short is reported by SUM002.
    if !check_class_items(ctx).is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for t in &r.items_totals {
        let items = &r.items[t.first_item..t.first_item + t.count];
        if items.len() < 2 {
            continue;
        }
        // A list that skips a whole 类 of the 结构 paragraph is a selection, not the total.
        let chapter = r.chapter(r.claims[t.actual].section);
        let skips_a_class = r
            .breakdowns
            .iter()
            .filter(|b| {
                b.trigger.contains("以下方面") && r.chapter(r.claims[b.total].section) == chapter
            })
            .flat_map(|b| &b.parts)
            .any(|p| {
                let key = class_key(&p.label);
                !items.iter().any(|i| class_key(&i.class) == key)
            });
        if skips_a_class {
            continue;
        }
        let parts: Vec<_> = items.iter().map(|i| (i, i.actual)).collect();
        out.extend(items_sum(
            ctx,
            &ITEMS_TOTAL_MISMATCH,
            t.actual,
            &parts,
            |sum| {
                format!(
                    "总额{}，但其下所列{}个项的决算之和为{sum}万元",
                    ctx.text(t.actual),
                    items.len(),
                )
            },
        ));
    }
    out
}

pub static ITEMS_BUDGET_MISMATCH: Rule = Rule {
    code: "SUM004",
    name: "items-budget-mismatch",
    family: Family::Sums,
    severity: Severity::Error,
    summary: "各项预算数之和与总预算数不符",
    doc: "## What it checks
When the statement heading the 类/款/项 items states the overall budget (`年初预算数为1093.7万元`)
and every item states its own, the items' budgets add up to it. (The overall completion rate
against that budget is RATE001's.)

## Why it matters
The overall completion rate is computed from that budget; a budget the items contradict makes
the rate wrong too.

## Rounding
Each budget stands for its rounding interval.

## Example
002: 11 items' 年初预算 0.7 + 43.84 + 21.91 + 10.18 + 984.2 + 0 + … + 32.87 = 1093.70 against
1093.7 (holds).

## Known limits
Only when every item of the list states a budget; 年初 and 全年 budgets are not told apart.",
    check: check_items_budget,
};

fn check_items_budget(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    for t in &r.items_totals {
        let Some(budget) = t.budget else { continue };
        let items = &r.items[t.first_item..t.first_item + t.count];
        let budgets: Option<Vec<_>> = items.iter().map(|i| i.budget).collect();
        let Some(budgets) = budgets.filter(|b| b.len() >= 2) else {
            continue;
        };
        let parts: Vec<_> = items.iter().zip(budgets).collect();
        out.extend(items_sum(
            ctx,
            &ITEMS_BUDGET_MISMATCH,
            budget,
            &parts,
            |sum| {
                format!(
                    "总预算数{}，但所列{}个项的预算数之和为{sum}万元",
                    ctx.text(budget),
                    parts.len(),
                )
            },
        ));
    }
    out
}

/// The figure `at` against the sum of one figure per listed item (its 决算 or its budget):
/// a finding when rounding cannot explain the difference. `message` gets the sum as shown.
fn items_sum(
    ctx: &Context,
    rule: &Rule,
    at: ClaimId,
    parts: &[(&BudgetItem, ClaimId)],
    message: impl FnOnce(&str) -> String,
) -> Option<Finding> {
    let (allowed, expected) = ctx.sum(parts.iter().map(|p| p.1));
    let finest = ctx.finest(parts.iter().map(|p| p.1));
    let mut f = ctx.compare(rule, at, ctx.value(at), allowed, expected, finest)?;
    let shown = f
        .expected
        .as_ref()
        .map_or_else(String::new, |e| e.value.to_string());
    f.message = message(&shown);
    for (item, id) in parts {
        f.related
            .push(ctx.build.related(&format!("项：{}", item.item), *id));
    }
    Some(f)
}

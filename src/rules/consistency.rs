//! XRF: the same quantity stated in two places with two values.

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;

use super::{Context, Family, Rule};
use crate::finding::{Finding, Severity};
use crate::model::{
    Basis, ClaimId, FigureSource, FundScope, Interval, Report, StatedFigure, Subject,
};

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
        f.set_numbers(stated, reference.1, reference.0);
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

pub static RESTATED_FIGURE_MISMATCH: Rule = Rule {
    code: "XRF002",
    name: "restated-figure-mismatch",
    family: Family::CrossRef,
    severity: Severity::Error,
    summary: "同一数额在两处说法不一",
    doc: "## What it checks
A report states its totals in several places: 收入支出决算总体情况, the 财政拨款 chapters, the
“三公”经费 chapter, the 部门整体支出绩效评价报告 and its 基础数据表. A quantity is identified by
what it is, not by its wording: the kind of total (本年支出合计, 基本支出, “三公”经费, 公务接待费,
机关运行经费, 政府采购 …), the year (only the report year's figures are taken), the basis (决算,
年初预算, 全年预算, or a budget that does not say which) and the fund scope (全部, 财政拨款,
一般公共预算: from the figure's words, else its section's heading; “三公”经费 is 财政拨款 by
definition). Every place whose value differs from the value most places give is reported,
naming the other places.

## Why it matters
Readers quote whichever place they read. Two values for one quantity mean one is wrong,
or a scope was mixed up (a 基础数据表 giving only the 基本支出 part of 公务接待费).

## Rounding
Two figures agree when their rounding intervals meet (1468.52 and 1468.53 do).

## Example
`2023年度本年支出合计4265.40万元` and, in the 整体支出绩效 report, `我部门2023年度总支出：
2408.42万元` → reported at 2408.42. A 基础数据表 row `三公经费 | 1.09 | 6 | 4.78` under
`2021 年决算数 | 2022 年预算数 | 2022 年决算数` against `“三公”经费…支出决算为6.22万元` → 4.78
reported (a warning: a table row's label is less certain than a sentence).

## Known limits
Different scopes are never compared: 收支总计 (with carry-over) is not 本年支出合计, and a
财政拨款 total is compared with an all-funds one only when the report shows they are the same
money (its 本年支出合计 equals its 财政拨款 spending). Figures inside a 人员经费/公用经费 list
(`公用经费…公务接待费1.18万元`) are the basic-expenditure part, not the total, and are left
out. Where 公开 tables are printed, a narrative 决算 that a table holds is checked against
the table (TBL007) instead, so it is not reported twice.",
    check: check_restated_figures,
};

/// The scope a figure's quantity is counted in: the subject's own (“三公”经费 is 财政拨款), the
/// figure's words', its 决算 chapter's, a `财政资金` heading's, else all funds.
fn scope_of(r: &Report, f: &StatedFigure) -> FundScope {
    if let Some(s) = f.subject.inherent_scope().or(f.scope).or(f.chapter_scope) {
        return s;
    }
    let mut cur = r.claims[f.claim].section;
    while let Some(i) = cur {
        let title = &r.sections[i].title;
        if let Some(s) = FundScope::named_in(title) {
            return s;
        }
        if title.contains("财政资金") {
            return FundScope::Fiscal;
        }
        cur = r.sections[i].parent;
    }
    FundScope::All
}

/// How many other places a finding names.
const MAX_PLACES: usize = 8;

fn basis_word(b: Basis) -> &'static str {
    match b {
        Basis::Actual => "决算",
        Basis::InitialBudget => "年初预算",
        Basis::FinalBudget => "全年预算",
        Basis::Budget => "预算",
    }
}

fn check_restated_figures(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    // A 人员经费/公用经费/基本支出 list's parts are that cost's share of the item.
    let in_cost_list: HashSet<ClaimId> = r
        .breakdowns
        .iter()
        .filter(|b| {
            matches!(
                b.subject,
                Some(Subject::PersonnelCosts | Subject::PublicCosts | Subject::BasicExpenditure)
            )
        })
        .flat_map(|b| b.parts.iter().map(|p| p.amount))
        .collect();
    // Fiscal money is all the money when the report says its spending is all 财政拨款: an
    // all-funds 本年支出合计 equal to its 财政拨款 spending.
    let spending_in = |want: &[FundScope]| {
        r.stated_figures
            .iter()
            .filter(|f| {
                f.basis == Basis::Actual
                    && matches!(
                        f.subject,
                        Subject::ExpenditureTotal
                            | Subject::FiscalExpenditure
                            | Subject::GeneralBudgetExpenditure
                    )
            })
            .filter(|f| want.contains(&scope_of(r, f)))
            .map(|f| ctx.interval(f.claim))
            // A report states these totals a few times; the bound keeps the pairing below
            // linear on a pathological one.
            .take(64)
            .collect::<Vec<_>>()
    };
    let fiscal = spending_in(&[FundScope::Fiscal, FundScope::GeneralBudget]);
    let fiscal_is_all = spending_in(&[FundScope::All])
        .iter()
        .any(|all| fiscal.iter().any(|f| f.intersects(*all)));
    let mut groups: BTreeMap<(Subject, Basis, FundScope), Vec<&StatedFigure>> = BTreeMap::new();
    for f in &r.stated_figures {
        if in_cost_list.contains(&f.claim) || r.claims[f.claim].quantity.is_none() {
            continue;
        }
        let mut scope = scope_of(r, f);
        if fiscal_is_all && matches!(scope, FundScope::Fiscal | FundScope::GeneralBudget) {
            scope = FundScope::All;
        }
        groups
            .entry((f.subject, f.basis, scope))
            .or_default()
            .push(f);
    }
    let has_tables = !r.tables.is_empty();
    let iv = |f: &StatedFigure| ctx.interval_at(f.claim, f.table_decimals);
    for ((subject, basis, _), places) in groups {
        // The reference is the value most places print (the first of them on a tie): a
        // count by value, so a report stating one total thousands of times stays linear.
        let mut counts: BTreeMap<Decimal, (usize, usize)> = BTreeMap::new();
        for (i, f) in places.iter().enumerate() {
            let e = counts
                .entry(ctx.value(f.claim).normalize())
                .or_insert((0, i));
            e.0 += 1;
        }
        let Some(&(_, first)) = counts
            .values()
            .max_by_key(|(n, first)| (*n, std::cmp::Reverse(*first)))
        else {
            continue;
        };
        let reference = places[first];
        let ref_iv = iv(reference);
        for f in &places {
            if iv(f).intersects(ref_iv) {
                continue;
            }
            // TBL007 checks a narrative 决算 against the table that holds it.
            if has_tables
                && f.source == FigureSource::Narrative
                && f.basis == Basis::Actual
                && super::tables::measure_of(f.subject).is_some()
            {
                continue;
            }
            let table_row =
                f.source == FigureSource::DataTable || reference.source == FigureSource::DataTable;
            let severity = if table_row {
                Severity::Warning
            } else {
                Severity::Error
            };
            // The other places, the first few of them by name (a message stays short, and
            // many mismatching places stay linear).
            let other_places = places.iter().filter(|o| o.claim != f.claim);
            let mut others: Vec<String> = other_places
                .clone()
                .take(MAX_PLACES)
                .map(|o| format!("第{}行{}", r.claims[o.claim].span.line, ctx.text(o.claim)))
                .collect();
            if places.len() - 1 > MAX_PLACES {
                others.push(format!("等{}处", places.len() - 1));
            }
            let name = subject.name();
            let message = format!(
                "{name}{}在此处为{}，别处为{}",
                basis_word(basis),
                ctx.text(f.claim),
                others.join("、"),
            );
            let mut finding =
                ctx.build
                    .finding(&RESTATED_FIGURE_MISMATCH, severity, f.claim, message);
            let stated = ctx.value(f.claim);
            let expected = ctx.value(reference.claim);
            finding.set_numbers(stated, expected, ref_iv);
            finding.beyond_rounding = Some(iv(f).gap(ref_iv).round_dp(6).normalize());
            for o in other_places.take(MAX_PLACES) {
                finding.related.push(ctx.build.related("另处", o.claim));
            }
            out.push(finding);
        }
    }
    out
}

pub static RESTATED_RATE_MISMATCH: Rule = Rule {
    code: "XRF003",
    name: "restated-rate-mismatch",
    family: Family::CrossRef,
    severity: Severity::Error,
    summary: "同一资金或项目的结余率、执行率在两处说法不一",
    doc: "## What it checks
A fund or project's 结余率, 执行率 or 完成率 stated in two places (the 整体支出绩效 report's
预算管理 paragraph and its 存在问题 paragraph, a project's summary and its own report) must
be the same figure. The fund is the name in front of the rate in its sentence (a run of
words ending in 资金, 经费 or 项目, at least six characters), compared exactly after
dropping the year and quotes.

## Why it matters
A 结余率 of 8.9% in one paragraph and 12.54% in the next leaves the reader unable to say how
much of the fund was spent.

## Rounding
Two rates agree when their rounding intervals meet (99% and 99.4% do).

## Example
`2023年除医药服务与保障能力提升中央财政补助资金结余率为8.9%` and later `2023年医药服务与保障能力
提升中央财政补助资金未完成预算，资金结余率为12.54%` → reported at the second.

## Known limits
Rates at a point in the year (`截至6月`), targets and thresholds (`不低于`, `达到`, `以上`) are
left out, as are rates whose fund is named only in an earlier sentence or by a generic word
(`项目资金`).",
    check: check_restated_rates,
};

fn check_restated_rates(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    let mut groups: BTreeMap<(&str, &str), Vec<ClaimId>> = BTreeMap::new();
    for n in &r.named_rates {
        groups
            .entry((n.owner.as_str(), n.measure.as_str()))
            .or_default()
            .push(n.claim);
    }
    for ((owner, measure), places) in groups {
        let Some(first) = places.first().copied() else {
            continue;
        };
        let ref_iv = ctx.interval(first);
        for &at in &places[1..] {
            let iv = ctx.interval(at);
            if iv.intersects(ref_iv) {
                continue;
            }
            let message = format!(
                "{owner}{measure}在此处为{}，第{}行为{}",
                ctx.text(at),
                r.claims[first].span.line,
                ctx.text(first),
            );
            let mut f = ctx
                .build
                .finding(&RESTATED_RATE_MISMATCH, Severity::Error, at, message);
            let (stated, expected) = (ctx.value(at), ctx.value(first));
            f.set_numbers(stated, expected, ref_iv);
            f.beyond_rounding = Some(iv.gap(ref_iv).round_dp(6).normalize());
            f.related.push(ctx.build.related("另处", first));
            out.push(f);
        }
    }
    out
}

pub static PROJECT_AMOUNT_MISMATCH: Rule = Rule {
    code: "XRF004",
    name: "project-amount-mismatch",
    family: Family::CrossRef,
    severity: Severity::Warning,
    summary: "同一项目的本年支出在项目说明与基础数据表中不符",
    doc: "## What it checks
A project's spending this year, as the 项目支出 paragraph lists it under each 类/款/项
(`…行政运行（项）102.3万元（医疗待遇保障工作经费5万元，基金管理重点工作经费97.3万元）`), summed
over every 项 that lists it, equals the project's row of the year-column 基础数据表 at the
report year's 决算数 column, summed over rows of the same name (`市级统筹工作经费（市医保
中心）` and `（市本级）` are one project). Names are compared exactly, without spaces,
quotes or a bracketed suffix.

## Why it matters
The same project money is reported twice in the same document; a difference means the
list under the 项 or the table row is wrong.

## Rounding
Both sums are intervals at each figure's printed precision.

## Example
`市级统筹工作经费 9.19 万元` in the 项 list and `市级统筹工作经费（市医保中心） | 50 | 30 | 10` →
expected 10, stated 9.19.

## Known limits
A warning: a 项 list may leave out part of a project (it is read as complete), and a name
written differently in the two places is not matched. Only projects named in both places
are compared.",
    check: check_project_amounts,
};

fn check_project_amounts(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    let mut groups: BTreeMap<&str, (Vec<ClaimId>, Vec<ClaimId>)> = BTreeMap::new();
    let mut decimals: BTreeMap<ClaimId, Option<u32>> = BTreeMap::new();
    for p in &r.project_amounts {
        let g = groups.entry(p.project.as_str()).or_default();
        match p.source {
            FigureSource::Narrative => g.0.push(p.claim),
            FigureSource::DataTable => g.1.push(p.claim),
        }
        decimals.insert(p.claim, p.table_decimals);
    }
    let sum = |ids: &[ClaimId]| {
        ids.iter().fold(
            (Interval::exact(Decimal::ZERO), Decimal::ZERO),
            |(iv, v), id| {
                let d = decimals.get(id).copied().flatten();
                (iv.plus(ctx.interval_at(*id, d)), v + ctx.value(*id))
            },
        )
    };
    for (project, (listed, rows)) in groups {
        let (Some(&first), false) = (listed.first(), rows.is_empty()) else {
            continue;
        };
        let (stated_iv, stated) = sum(&listed);
        let (table_iv, table) = sum(&rows);
        if stated_iv.intersects(table_iv) {
            continue;
        }
        let shown = |ids: &[ClaimId]| {
            ids.iter()
                .map(|id| format!("第{}行{}", r.claims[*id].span.line, ctx.text(*id)))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let message = format!(
            "{project}本年支出在项目说明中为{}（{}），基础数据表为{}（{}）",
            super::fmt_dp(stated, ctx.finest(listed.iter().copied())),
            shown(&listed),
            super::fmt_dp(table, ctx.finest(rows.iter().copied())),
            shown(&rows),
        );
        let mut f = ctx
            .build
            .finding(&PROJECT_AMOUNT_MISMATCH, Severity::Warning, first, message);
        if listed.len() > 1 {
            f.stated.text = format!(
                "{}万元",
                super::fmt_dp(stated, ctx.finest(listed.iter().copied()))
            );
        }
        f.set_numbers(stated, table, table_iv);
        f.beyond_rounding = Some(stated_iv.gap(table_iv).round_dp(6).normalize());
        for id in listed.iter().skip(1) {
            f.related.push(ctx.build.related("项目说明", *id));
        }
        for id in &rows {
            f.related.push(ctx.build.related("基础数据表", *id));
        }
        out.push(f);
    }
    out
}

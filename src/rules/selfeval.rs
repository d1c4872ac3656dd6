//! SE: 绩效自评表 — execution rates and scores, funding rows, weights, totals, targets.
//!
//! Table amounts are spreadsheet numbers printed with trailing zeros dropped, so every
//! amount is read at the table's finest precision (`16` beside `16.4` is 16.0, not 16 ± 0.5).
//! Weights and whole-number scores are assigned points, exact as printed.

use rust_decimal::Decimal;

use super::{Context, Family, Rule, fmt, fmt_dp};
use crate::finding::{Expected, Finding, Severity};
use crate::model::rounding::half_unit;
use crate::model::rounding::judge;
use crate::model::selfeval::{FundRow, FundSource, Indicator, Measure, Operator, SelfEvaluation};
use crate::model::{ClaimId, ClaimKind, Interval, Verdict};

pub static EXECUTION_RATE_MISMATCH: Rule = Rule {
    code: "SE001",
    name: "execution-rate-mismatch",
    family: Family::SelfEval,
    severity: Severity::Error,
    summary: "自评表执行率与执行数÷全年(调整后)预算数不符",
    doc: "## What it checks
In a 绩效自评表's funds block, the stated 执行率 of a row must equal 执行数 ÷ 调整后预算数
(全年预算数) × 100. A rate stated against a budget of zero while money was spent is an error.

## Why it matters
A table that says 100% while 10 of 30 万元 was spent hides an unspent budget (several 附件4
tables of the 郴州 2022 report). The execution score and the total follow from the rate.

## Rounding
Amounts are read at the table's finest precision (the tables drop trailing zeros), the rate
at its printed precision; the identity is checked over the intervals of all three.

## Example
`年度资金总额 30 30 10 10 100% 10` → 10 ÷ 30 = 33.33%, stated 100%: error (the execution
score should then be 3.33, and the total 93.33).

## Known limits
Uses 年初预算 only when the table has no 调整后/全年 column.",
    check: check_rates,
};

pub static EXECUTION_SCORE_MISMATCH: Rule = Rule {
    code: "SE002",
    name: "execution-score-mismatch",
    family: Family::SelfEval,
    severity: Severity::Error,
    summary: "预算执行得分与权重×执行率不符",
    doc: "## What it checks
The budget-execution score must be weight × 执行率, capped at the weight (the scheme of
财预〔2020〕10号 and the provincial 自评 notices: `得分 = 分值 × 执行率`, never above the
分值). The rate is recomputed from 执行数 ÷ 全年预算数; a 0% execution with full marks is an error.

## Why it matters
Full execution marks for money not spent inflate the project's score and its grade.

## Rounding
The score may be printed rounded to one decimal (6.937 → 6.9); any value inside the
interval the amounts allow, rounded that way, is accepted.

## Example
`年度资金总额 0 52.4 20.06 10 38.28% 10` → 10 × 38.28% = 3.83, stated 10: error.

## Known limits
Province rules with thresholds (full marks from 90%) are not modelled; such a table is
reported. Rows whose stated rate is itself wrong are left to SE001 (one finding per cause).",
    check: check_scores,
};

pub static FUNDING_ROWS_SUM_MISMATCH: Rule = Rule {
    code: "SE003",
    name: "funding-rows-sum-mismatch",
    family: Family::SelfEval,
    severity: Severity::Error,
    summary: "资金来源各行之和与资金总额不符",
    doc: "## What it checks
In each money column (年初预算, 全年/调整后预算, 执行数) the funding-source rows (财政资金 /
当年财政拨款, 上年结转资金, 财政专户管理资金, 单位资金, 其他资金) must add up to the total row
(总额 / 年度资金总额). A blank cell is zero. A column is checked only when some source row
fills it.

## Why it matters
A total that its sources do not make up means one of the two was not updated after a budget
adjustment.

## Rounding
Amounts at the table's finest precision; the sum's interval against the total's.

## Example
`年度资金总额 16 16.4 12.8` over `其中：当年财政拨款 16.4 16.4 12.8` → 年初 16 vs 16.4: error.

## Known limits
A table listing two nested fiscal rows (财政资金 and 其中：当年财政拨款) is skipped.",
    check: check_funding_rows,
};

pub static WEIGHTS_TOTAL_MISMATCH: Rule = Rule {
    code: "SE004",
    name: "weights-total-mismatch",
    family: Family::SelfEval,
    severity: Severity::Error,
    summary: "执行权重与各指标分值之和与总分值不符",
    doc: "## What it checks
The execution weight plus every indicator's 分值/权重 must equal the 分值 of the 合计/总分 row
(normally 100). Rows with no 分值 count as zero and are named.

## Why it matters
Indicators left without weight while the table claims 100 points mean the score was never
really computed over them.

## Rounding
Weights are assigned points, compared exactly.

## Example
附件4-12: 10 + 20 + 10 + 5 + 15 + 5 + 5 = 70 with 效益 and 满意度 rows blank, 总分 100: error.

## Known limits
A table with an indicator row that could not be read for certain is skipped.",
    check: check_weights_total,
};

pub static GROUP_WEIGHT_MISMATCH: Rule = Rule {
    code: "SE005",
    name: "group-weight-mismatch",
    family: Family::SelfEval,
    severity: Severity::Error,
    summary: "一级指标分值与其下指标分值之和不符",
    doc: "## What it checks
A stated group weight (`产出指标 (40分)`) must equal the sum of its indicators' weights, and
`绩效指标（90分）` the sum of all indicator weights. A merged cell's label can land on any of
its rows when a table is flattened, so groups are checked as a partition: the rule fires only
when no split of the indicator rows into consecutive groups, each holding its label, gives
every group its stated weight.

## Why it matters
Group weights are the template's contract (产出 40, 效益 20 …); a mismatch means a weight was
moved or mistyped.

## Rounding
Exact.

## Example
`产出指标 (40分)` over rows weighted 20, 10, 5 and nothing else before `效益指标`: error.

## Known limits
Skipped when any indicator has no weight (SE004 reports that) or a row was not read.",
    check: check_group_weights,
};

pub static SCORE_EXCEEDS_WEIGHT: Rule = Rule {
    code: "SE006",
    name: "score-exceeds-weight",
    family: Family::SelfEval,
    severity: Severity::Error,
    summary: "得分超过分值",
    doc: "## What it checks
No score may exceed its weight: each indicator's 得分 ≤ 分值, the execution score ≤ its
分值, and the total score ≤ the total 分值.

## Why it matters
Every scoring scheme caps a score at its weight.

## Rounding
Exact (scores and weights as printed).

## Example
`参保率 ≥95% 95.82% 20 22`: error.

## Known limits
None known.",
    check: check_score_caps,
};

pub static BLANK_SCORE: Rule = Rule {
    code: "SE007",
    name: "blank-score-full-total",
    family: Family::SelfEval,
    severity: Severity::Error,
    summary: "指标得分空白而总分为满分",
    doc: "## What it checks
An indicator with a weight but no score, in a table whose total score equals its total
weight (full marks): the full marks cannot have been earned.

## Why it matters
A blank score is zero points unless stated; claiming full marks over it overstates the result.

## Rounding
Exact.

## Example
`满意度指标 群众满意度 ≥90% ≥90% 10 (blank)` with `总分 100 100`: error.

## Known limits
Rows with neither weight nor score are reported by SE004.",
    check: check_blank_scores,
};

pub static SCORE_TOTAL_MISMATCH: Rule = Rule {
    code: "SE008",
    name: "score-total-mismatch",
    family: Family::SelfEval,
    severity: Severity::Error,
    summary: "执行得分与各指标得分之和与总得分不符",
    doc: "## What it checks
The total score (合计/总分 row) must equal the execution score plus every indicator's score.
The 总分 row is read as two columns — 分值 then 得分 — so `总分 100 99.56` is 100 points
available and 99.56 earned.

## Why it matters
The total decides the grade that is published.

## Rounding
Scores printed with decimals carry half a unit of their last digit; whole-number scores
are exact.

## Example
`7.80` + 90 = 97.80 vs `总分 100 97.8`: consistent. 10 + 85 vs `总分 100 100`: error.

## Known limits
Tables with rows blank in both 分值 and 得分 are left to SE004; tables with an unread row
are skipped.",
    check: check_score_total,
};

pub static GRADE_BAND_MISMATCH: Rule = Rule {
    code: "SE009",
    name: "grade-band-mismatch",
    family: Family::SelfEval,
    severity: Severity::Error,
    summary: "自评等级与得分所在档次不符",
    doc: "## What it checks
A score stated with its grade (`绩效自评得分99.5分，绩效评定等级为“优秀”`) must fall in the
grade's band: 优(秀) ≥ 90, 良(好) 80–90, 中(等) 60–80, 差 < 60 (财预〔2020〕10号).

## Why it matters
The grade is the headline of the self-assessment.

## Rounding
The score as printed.

## Example
`自评得分86分，评价等级为优秀`: error (86 is 良).

## Known limits
Reports that state their own bands are not read; the standard bands are assumed.",
    check: check_grades,
};

pub static TARGET_MISSED_FULL_SCORE: Rule = Rule {
    code: "SE010",
    name: "target-missed-full-score",
    family: Family::SelfEval,
    severity: Severity::Warning,
    summary: "指标未达到目标值却得满分",
    doc: "## What it checks
A numeric indicator whose 完成值 misses its 指标值 under the stated operator (≥ ＞ ≤ ＜ ＝)
but scores its full weight. Units are converted (元 ↔ 万元); a 完成值 printed without unit
takes the 指标值's unit; other unit pairs are not compared.

## Why it matters
Full marks for a missed target overstate performance.

## Rounding
The printed values are compared as printed: a target is met or not by the figures the
table shows.

## Example
`参保人员投诉率 ＜ 10 % 完成 10 权重 5 得分 5`: 10 is not below 10: warning.

## Known limits
A warning, not an error: partial credit is a convention of the provincial notices.
A 完成值 with its own operator (`≥90%`) is not a measurement and is skipped.",
    check: check_missed_targets,
};

pub static PARTIAL_SCORE_MISMATCH: Rule = Rule {
    code: "SE011",
    name: "partial-score-mismatch",
    family: Family::SelfEval,
    severity: Severity::Warning,
    summary: "未达标指标的得分与按比例计算的得分不符",
    doc: "## What it checks
For a numeric indicator that misses its target and scores less than its weight, the score
should be proportional: weight × 完成值 ÷ 指标值 for ≥ and ＞ targets, weight × 指标值 ÷
完成值 for ≤ and ＜ targets (湖北 and 财政部 guidance: `得分=权重*B/A`, never above the weight).

## Why it matters
Ad-hoc partial credit cannot be checked by a reader.

## Rounding
Over the intervals of both printed values; the score may be rounded to one decimal.

## Example
`参保人数 ≥51.6万人 完成 49.68 权重 10 得分 9.56` → 10 × 49.68 ÷ 51.6 = 9.63: warning.

## Known limits
A warning: some provinces score in bands. A met target with a reduced score is SE012.",
    check: check_partial_scores,
};

pub static MET_TARGET_REDUCED_SCORE: Rule = Rule {
    code: "SE012",
    name: "met-target-reduced-score",
    family: Family::SelfEval,
    severity: Severity::Info,
    summary: "指标已达目标值但未得满分",
    doc: "## What it checks
A numeric indicator whose 完成值 meets its 指标值 but scores less than its weight.

## Why it matters
Either the target or the score is not what the table says; often a deduction made for
reasons the table does not state.

## Rounding
Values as printed.

## Example
`培训次数 ≥3 完成 5 分值 10 得分 8`: info.

## Known limits
Information only.",
    check: check_met_targets,
};

pub static COST_INDICATOR_MISMATCH: Rule = Rule {
    code: "SE013",
    name: "cost-indicator-mismatch",
    family: Family::SelfEval,
    severity: Severity::Warning,
    summary: "成本指标完成值与执行数不符",
    doc: "## What it checks
A cost indicator (一级 or 二级 成本指标) whose 指标值 is the project's budget (equal to the
table's 全年 or 年初 预算数) measures the money spent: its 完成值 must then equal the table's
执行数.

## Why it matters
The same money stated twice in one table with two values.

## Rounding
Both figures over their intervals (the 完成值 at its printed precision, the 执行数 at the
table's).

## Example
`预算成本控制情况 ≤52.4万元 完成 20.26万元` with 执行数 20.06: warning.

## Known limits
Only 完成值 printed as a plain amount (no operator) are compared.",
    check: check_cost_indicators,
};

pub static PROJECT_RESTATED_MISMATCH: Rule = Rule {
    code: "SE014",
    name: "project-restated-mismatch",
    family: Family::SelfEval,
    severity: Severity::Error,
    summary: "正文或自评报告所述项目预算、执行数与该项目自评表不符",
    doc: "## What it checks
A passage outside the tables that names a table's project and states its 年初预算, 全年(调整后)
预算 or 执行数 (`标准化服务大厅建设经费，项目全年预算数为13.85万元`, a 自评报告's `年度预算金额 25
万元` / `全年预算 20 万元` / `实际执行 20 万元`) must give the values of that project's 自评表.
One finding per passage, naming every figure that differs.

## Why it matters
The report and its table are the same project's accounts; two values for one budget mean one
of them was not updated (often a mid-year adjustment).

## Rounding
The prose figure at its printed precision, the table's at the table's precision.

## Example
自评报告 `全面预算 10 万元` vs 附件4-8 全年预算数 30: error.

## Known limits
A project is found by its exact name (four characters or more, in one table only); labels
are read from the words before each figure (年初预算, 本年度预算资金, 年度预算金额 → 年初;
全年预算, 调整后预算 → 全年; 实际执行, 实际支出, 项目执行, 执行数 → 执行数).",
    check: check_project_mentions,
};

/// An amount cell read at the table's precision (trailing zeros dropped by the sheet).
fn money(ctx: &Context, t: &SelfEvaluation, id: ClaimId) -> (Interval, Decimal) {
    let v = ctx.value(id);
    let dp = ctx.decimals(id);
    if v.is_zero() && dp == 0 && t.money_decimals == 0 {
        return (Interval::exact(v), v);
    }
    (Interval::around(v, half_unit(dp.max(t.money_decimals))), v)
}

/// A weight or score: exact when whole, else half a unit of its last digit.
fn points(ctx: &Context, id: ClaimId) -> Interval {
    let dp = ctx.decimals(id);
    if dp == 0 {
        Interval::exact(ctx.value(id))
    } else {
        Interval::around(ctx.value(id), half_unit(dp))
    }
}

fn money_or_zero(ctx: &Context, t: &SelfEvaluation, id: Option<ClaimId>) -> (Interval, Decimal) {
    id.map_or((Interval::exact(Decimal::ZERO), Decimal::ZERO), |i| {
        money(ctx, t, i)
    })
}

/// The budget a rate is measured against: 调整后/全年, else 年初 when that is all there is.
fn budget_of(row: &FundRow) -> Option<ClaimId> {
    row.adjusted.or(row.initial)
}

/// A finding at a figure of table `t`, under the table's section (a cell line can look
/// like a heading to the section tree).
fn in_table(
    ctx: &Context,
    rule: &Rule,
    t: &SelfEvaluation,
    at: ClaimId,
    stated: Decimal,
    message: String,
) -> Finding {
    let mut f = ctx.build.finding(rule, rule.severity, at, message);
    f.stated.value = Some(stated);
    f.section = ctx.report.section_path(t.section);
    f
}

/// [`in_table`] with the value and interval the identity allows.
fn table_finding(
    ctx: &Context,
    rule: &Rule,
    t: &SelfEvaluation,
    at: ClaimId,
    (stated, expected, allowed): (Decimal, Decimal, Interval),
    message: String,
) -> Finding {
    let mut f = in_table(ctx, rule, t, at, stated, message);
    f.expected = Some(Expected {
        value: expected,
        interval: Interval::new(allowed.lo.round_dp(6), allowed.hi.round_dp(6)),
    });
    f.difference = Some((stated - expected).normalize());
    f.beyond_rounding = Some(Interval::exact(stated).gap(allowed).round_dp(6).normalize());
    f
}

/// Does a printed score fit what the identity allows? Scores are commonly printed to one
/// decimal (6.937 → 6.9), so they are judged at no finer precision than that.
fn score_fits(ctx: &Context, score: ClaimId, allowed: Interval) -> bool {
    let dp = ctx.decimals(score).min(1);
    judge(ctx.value(score), dp, allowed) == Verdict::Consistent
}

/// Every indicator with a numeric target and a plain 完成值 in the same unit.
fn judged_indicators<'a>(
    ctx: &'a Context,
) -> impl Iterator<Item = (&'a SelfEvaluation, &'a Indicator, Judged)> + 'a {
    ctx.report.self_evaluations.iter().flat_map(move |t| {
        t.indicators
            .iter()
            .filter_map(move |i| Some((t, i, judged(ctx, i)?)))
    })
}

/// The rate a row's amounts give, and whether the stated rate agrees with it.
fn rate_check(ctx: &Context, t: &SelfEvaluation, row: &FundRow) -> Option<(Interval, Decimal)> {
    let (actual, budget) = (row.actual?, budget_of(row)?);
    let b = money(ctx, t, budget);
    if b.1.is_zero() {
        return None;
    }
    ctx.percent_of(money(ctx, t, actual), b)
}

fn rate_is_wrong(ctx: &Context, t: &SelfEvaluation, row: &FundRow) -> bool {
    let (Some(rate), Some((allowed, _))) = (row.rate, rate_check(ctx, t, row)) else {
        return false;
    };
    judge(ctx.value(rate), ctx.decimals(rate), allowed) != Verdict::Consistent
}

fn check_rates(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.self_evaluations {
        for row in &t.funds {
            let (Some(rate), Some(actual), Some(budget)) = (row.rate, row.actual, budget_of(row))
            else {
                continue;
            };
            let (b, a) = (money(ctx, t, budget), money(ctx, t, actual));
            if b.1.is_zero() {
                if !a.1.is_zero() && !ctx.value(rate).is_zero() {
                    let mut f = ctx.build.finding(
                        &EXECUTION_RATE_MISMATCH,
                        Severity::Error,
                        rate,
                        format!(
                            "{}（{}）：预算数为{}，无法计算执行率，却写作{}",
                            t.name(),
                            row.label,
                            ctx.text(budget),
                            ctx.text(rate)
                        ),
                    );
                    f.related.push(ctx.build.related("执行数", actual));
                    f.related.push(ctx.build.related("预算数", budget));
                    out.push(f);
                }
                continue;
            }
            let Some((allowed, expected)) = ctx.percent_of(a, b) else {
                continue;
            };
            let Some(mut f) = ctx.compare(
                &EXECUTION_RATE_MISMATCH,
                rate,
                ctx.value(rate),
                allowed,
                expected,
                2,
            ) else {
                continue;
            };
            let consequence = match (row.weight, row.score) {
                (Some(w), Some(s)) => {
                    let should = (ctx.value(w) * expected / Decimal::ONE_HUNDRED).min(ctx.value(w));
                    if (should - ctx.value(s)).abs() >= Decimal::new(5, 2) {
                        format!(
                            "；按此执行率，执行得分应为{}而非{}",
                            fmt_dp(should, 2),
                            ctx.text(s)
                        )
                    } else {
                        String::new()
                    }
                }
                _ => String::new(),
            };
            let hint = row
                .initial
                .filter(|&i| Some(i) != Some(budget))
                .and_then(|i| ctx.percent_of(a, money(ctx, t, i)))
                .filter(|(iv, _)| {
                    judge(ctx.value(rate), ctx.decimals(rate), *iv) == Verdict::Consistent
                })
                .map(|_| "（与执行数÷年初预算数相符：用错了预算数）".to_owned())
                .unwrap_or_default();
            f.message = format!(
                "{}（{}）：执行率{}，但执行数{}÷全年预算数{}={}%{}{}",
                t.name(),
                row.label,
                ctx.text(rate),
                ctx.text(actual),
                ctx.text(budget),
                fmt_dp(expected, 2),
                hint,
                consequence
            );
            f.section = ctx.report.section_path(t.section);
            f.related.push(ctx.build.related("执行数", actual));
            f.related.push(ctx.build.related("全年预算数", budget));
            out.push(f);
        }
    }
    out
}

fn check_scores(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.self_evaluations {
        let Some(row) = t.total_funds() else { continue };
        let (Some(w), Some(s)) = (row.weight, row.score) else {
            continue;
        };
        if rate_is_wrong(ctx, t, row) {
            continue;
        }
        let (rate_iv, rate_v) = match (rate_check(ctx, t, row), row.rate) {
            (Some(r), _) => r,
            (None, Some(r)) if row.actual.is_none() => (ctx.interval(r), ctx.value(r)),
            _ => continue,
        };
        let wv = ctx.value(w);
        let hundred = Decimal::ONE_HUNDRED;
        let cap = |x: Decimal| x.min(wv);
        let allowed = Interval::new(
            cap(wv * rate_iv.lo / hundred),
            cap(wv * rate_iv.hi / hundred),
        );
        let expected = cap(wv * rate_v / hundred);
        let stated = ctx.value(s);
        // Scores are commonly printed to one decimal: judge at no finer than that.
        if score_fits(ctx, s, allowed) {
            continue;
        }
        let msg = format!(
            "{}：预算执行得分{}，但分值{}×执行率{}%={}",
            t.name(),
            ctx.text(s),
            ctx.text(w),
            fmt_dp(rate_v, 2),
            fmt_dp(expected, 2)
        );
        let mut f = table_finding(
            ctx,
            &EXECUTION_SCORE_MISMATCH,
            t,
            s,
            (stated, expected.round_dp(2), allowed),
            msg,
        );
        f.related.push(ctx.build.related("分值", w));
        if let Some(r) = row.rate {
            f.related.push(ctx.build.related("执行率", r));
        }
        out.push(f);
    }
    out
}

fn check_funding_rows(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.self_evaluations {
        let Some(total) = t.total_funds() else {
            continue;
        };
        let parts: Vec<&FundRow> = t
            .funds
            .iter()
            .filter(|r| r.source != FundSource::Total)
            .collect();
        let fiscal = parts
            .iter()
            .filter(|r| r.source == FundSource::Fiscal)
            .count();
        if parts.is_empty() || fiscal > 1 {
            continue;
        }
        type Column = fn(&FundRow) -> Option<ClaimId>;
        let columns: [(&str, Column); 3] = [
            ("年初预算数", |r| r.initial),
            ("全年预算数", |r| r.adjusted),
            ("执行数", |r| r.actual),
        ];
        for (label, get) in columns {
            let Some(stated_id) = get(total) else {
                continue;
            };
            if parts.iter().all(|r| get(r).is_none()) {
                continue;
            }
            let (mut sum_iv, mut sum) = (Interval::exact(Decimal::ZERO), Decimal::ZERO);
            for r in &parts {
                let (iv, v) = money_or_zero(ctx, t, get(r));
                sum_iv = sum_iv.plus(iv);
                sum += v;
            }
            let (stated_iv, stated) = money(ctx, t, stated_id);
            if stated_iv.intersects(sum_iv) {
                continue;
            }
            let listed: Vec<String> = parts
                .iter()
                .filter_map(|r| get(r).map(|id| format!("{}{}", r.label, ctx.text(id))))
                .collect();
            let msg = format!(
                "{}：{}{}为{}，但各资金来源之和为{}（{}）",
                t.name(),
                total.label,
                label,
                ctx.text(stated_id),
                fmt_dp(sum, t.money_decimals),
                listed.join("、")
            );
            let mut f = table_finding(
                ctx,
                &FUNDING_ROWS_SUM_MISMATCH,
                t,
                stated_id,
                (stated, sum, sum_iv),
                msg,
            );
            f.beyond_rounding = Some(stated_iv.gap(sum_iv).round_dp(6).normalize());
            for r in &parts {
                if let Some(id) = get(r) {
                    f.related.push(ctx.build.related(&r.label, id));
                }
            }
            out.push(f);
        }
    }
    out
}

fn check_weights_total(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.self_evaluations {
        let Some(total) = t.total_weight else {
            continue;
        };
        if t.unread_rows > 0 || t.indicators.is_empty() {
            continue;
        }
        let exec = t.total_funds().and_then(|r| r.weight);
        let mut sum = exec.map_or(Decimal::ZERO, |w| ctx.value(w));
        let mut blank = Vec::new();
        for i in &t.indicators {
            match i.weight {
                Some(w) => sum += ctx.value(w),
                None => blank.push(format!("{}/{}", i.level1, i.name)),
            }
        }
        let stated = ctx.value(total);
        if stated == sum {
            continue;
        }
        let blank_note = if blank.is_empty() {
            String::new()
        } else {
            format!("；未填分值的指标：{}", blank.join("、"))
        };
        let msg = format!(
            "{}：总分值{}，但执行分值{}与各指标分值之和为{}{}",
            t.name(),
            ctx.text(total),
            exec.map_or("0", |w| ctx.text(w)),
            fmt(sum),
            blank_note
        );
        let mut f = table_finding(
            ctx,
            &WEIGHTS_TOTAL_MISMATCH,
            t,
            total,
            (stated, sum, Interval::exact(sum)),
            msg,
        );
        if let Some(w) = exec {
            f.related.push(ctx.build.related("执行分值", w));
        }
        out.push(f);
    }
    out
}

/// Can the indicator rows be cut into consecutive blocks, one per group in order, each
/// block holding all its group's label rows and summing to its stated weight?
fn partition_fits(weights: &[Decimal], groups: &[(usize, usize, Decimal)]) -> bool {
    let n = weights.len();
    let prefix: Vec<Decimal> = std::iter::once(Decimal::ZERO)
        .chain(weights.iter().scan(Decimal::ZERO, |acc, w| {
            *acc += *w;
            Some(*acc)
        }))
        .collect();
    // starts[s] = block j may start at row s.
    let mut starts = vec![false; n + 1];
    starts[0] = true;
    for (j, &(first, last, w)) in groups.iter().enumerate() {
        let mut next = vec![false; n + 1];
        for s in 0..=first.min(n) {
            if !starts[s] {
                continue;
            }
            for e in (last + 1)..=n {
                if prefix[e] - prefix[s] == w {
                    next[e] = true;
                }
            }
        }
        if j + 1 == groups.len() {
            return next[n];
        }
        starts = next;
    }
    false
}

fn check_group_weights(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.self_evaluations {
        if t.unread_rows > 0
            || t.indicators.is_empty()
            || t.indicators.iter().any(|i| i.weight.is_none())
        {
            continue;
        }
        let weights: Vec<Decimal> = t
            .indicators
            .iter()
            .map(|i| i.weight.map_or(Decimal::ZERO, |w| ctx.value(w)))
            .collect();
        let all: Decimal = weights.iter().sum();
        if let Some(iw) = t.indicators_weight
            && ctx.value(iw) != all
        {
            let msg = format!(
                "{}：绩效指标分值{}，但各指标分值之和为{}",
                t.name(),
                ctx.text(iw),
                fmt(all)
            );
            out.push(table_finding(
                ctx,
                &GROUP_WEIGHT_MISMATCH,
                t,
                iw,
                (ctx.value(iw), all, Interval::exact(all)),
                msg,
            ));
        }
        // Groups by name, in order of their first label: (first row, last row, weight, claim).
        let mut groups: Vec<(String, usize, usize, Decimal, ClaimId)> = Vec::new();
        let mut consistent = true;
        for g in &t.groups {
            match groups.iter_mut().find(|x| x.0 == g.name) {
                Some(x) => {
                    x.2 = x.2.max(g.at_indicator);
                    consistent &= ctx.value(g.weight) == x.3;
                }
                None => groups.push((
                    g.name.clone(),
                    g.at_indicator,
                    g.at_indicator,
                    ctx.value(g.weight),
                    g.weight,
                )),
            }
        }
        let ordered = groups.windows(2).all(|w| w[0].2 < w[1].1);
        let stated_sum: Decimal = groups.iter().map(|g| g.3).sum();
        if groups.is_empty() || !consistent || !ordered || stated_sum != all {
            continue;
        }
        let spec: Vec<(usize, usize, Decimal)> = groups.iter().map(|g| (g.1, g.2, g.3)).collect();
        if partition_fits(&weights, &spec) {
            continue;
        }
        // Name the groups whose rows from their label to the next label miss their weight.
        for (k, g) in groups.iter().enumerate() {
            let from = if k == 0 { 0 } else { g.1 };
            let to = groups.get(k + 1).map_or(weights.len(), |n| n.1);
            let sum: Decimal = weights[from..to].iter().sum();
            if sum == g.3 {
                continue;
            }
            let msg = format!(
                "{}：{}分值{}，但其下指标分值之和为{}（无论合并单元格如何拆分都对不上）",
                t.name(),
                g.0,
                ctx.text(g.4),
                fmt(sum)
            );
            out.push(table_finding(
                ctx,
                &GROUP_WEIGHT_MISMATCH,
                t,
                g.4,
                (g.3, sum, Interval::exact(sum)),
                msg,
            ));
        }
    }
    out
}

fn check_score_caps(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.self_evaluations {
        let mut pairs: Vec<(String, ClaimId, ClaimId)> = t
            .indicators
            .iter()
            .filter_map(|i| Some((i.name.clone(), i.weight?, i.score?)))
            .collect();
        if let Some(r) = t.total_funds()
            && let (Some(w), Some(s)) = (r.weight, r.score)
        {
            pairs.push(("预算执行".to_owned(), w, s));
        }
        if let (Some(w), Some(s)) = (t.total_weight, t.total_score) {
            pairs.push(("总分".to_owned(), w, s));
        }
        for (name, w, s) in pairs {
            if ctx.value(s) <= ctx.value(w) {
                continue;
            }
            let msg = format!(
                "{}：{}得分{}超过其分值{}",
                t.name(),
                name,
                ctx.text(s),
                ctx.text(w)
            );
            let mut f = table_finding(
                ctx,
                &SCORE_EXCEEDS_WEIGHT,
                t,
                s,
                (
                    ctx.value(s),
                    ctx.value(w),
                    Interval::new(Decimal::ZERO, ctx.value(w)),
                ),
                msg,
            );
            f.related.push(ctx.build.related("分值", w));
            out.push(f);
        }
    }
    out
}

fn check_blank_scores(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.self_evaluations {
        let (Some(tw), Some(ts)) = (t.total_weight, t.total_score) else {
            continue;
        };
        if ctx.value(tw) != ctx.value(ts) {
            continue;
        }
        for i in &t.indicators {
            let (Some(w), None) = (i.weight, i.score) else {
                continue;
            };
            let msg = format!(
                "{}：指标“{}”分值{}但得分空白，总分却为满分{}",
                t.name(),
                i.name,
                ctx.text(w),
                ctx.text(ts)
            );
            let mut f = table_finding(
                ctx,
                &BLANK_SCORE,
                t,
                ts,
                (
                    ctx.value(ts),
                    ctx.value(ts) - ctx.value(w),
                    Interval::new(Decimal::ZERO, ctx.value(ts) - ctx.value(w)),
                ),
                msg,
            );
            f.related.push(ctx.build.related("分值", w));
            out.push(f);
        }
    }
    out
}

fn check_score_total(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.self_evaluations {
        let Some(total) = t.total_score else { continue };
        // Rows blank in both columns are SE004's; a blank score under a full-marks total
        // is SE007's: one finding per cause.
        let full_marks = t
            .total_weight
            .is_some_and(|w| ctx.value(w) == ctx.value(total));
        let blank_rows = t.indicators.iter().any(|i| {
            (i.weight.is_none() && i.score.is_none()) || (full_marks && i.score.is_none())
        });
        if t.unread_rows > 0 || t.indicators.is_empty() || blank_rows {
            continue;
        }
        let exec = t.total_funds().and_then(|r| r.score);
        let mut iv = exec.map_or(Interval::exact(Decimal::ZERO), |s| points(ctx, s));
        let mut sum = exec.map_or(Decimal::ZERO, |s| ctx.value(s));
        for s in t.indicators.iter().filter_map(|i| i.score) {
            iv = iv.plus(points(ctx, s));
            sum += ctx.value(s);
        }
        if points(ctx, total).intersects(iv) {
            continue;
        }
        let msg = format!(
            "{}：总得分{}，但执行得分{}与各指标得分之和为{}",
            t.name(),
            ctx.text(total),
            exec.map_or("0", |s| ctx.text(s)),
            fmt(sum)
        );
        out.push(table_finding(
            ctx,
            &SCORE_TOTAL_MISMATCH,
            t,
            total,
            (ctx.value(total), sum, iv),
            msg,
        ));
    }
    out
}

fn band(score: Decimal) -> &'static str {
    if score >= Decimal::from(90) {
        "优"
    } else if score >= Decimal::from(80) {
        "良"
    } else if score >= Decimal::from(60) {
        "中"
    } else {
        "差"
    }
}

fn check_grades(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for g in &ctx.report.grades {
        let score = ctx.value(g.score);
        let want = band(score);
        let said = g.grade.chars().next().map(|c| match c {
            '较' => "差",
            '优' => "优",
            '良' => "良",
            '中' => "中",
            _ => "差",
        });
        if said == Some(want) {
            continue;
        }
        let mut f = ctx.build.finding(
            &GRADE_BAND_MISMATCH,
            Severity::Error,
            g.score,
            format!(
                "得分{}分属于“{}”档，却评为“{}”",
                ctx.text(g.score),
                want,
                g.grade
            ),
        );
        f.stated.value = Some(score);
        out.push(f);
    }
    out
}

/// A 指标值 or 完成值 as a figure in a comparable unit.
struct Reading {
    value: Decimal,
    interval: Interval,
    /// Money in `万元` whatever it was printed in; otherwise the unit as written.
    unit: String,
    id: ClaimId,
}

fn quantity(ctx: &Context, m: &Measure, default_unit: &str) -> Option<Reading> {
    let id = m.value?;
    let claim = &ctx.report.claims[id];
    let q = claim.quantity?;
    let (value, half, unit) = match &claim.kind {
        ClaimKind::Amount => (q.value, q.half, "万元".to_owned()),
        ClaimKind::Percent => (q.value, q.half, "%".to_owned()),
        ClaimKind::Count(u) => (q.value, q.half, u.clone()),
        ClaimKind::Bare => {
            let unit = if m.unit.is_empty() {
                default_unit
            } else {
                &m.unit
            };
            match unit {
                "万元" => (q.value, q.half, "万元".to_owned()),
                "元" => {
                    let k = Decimal::new(1, 4);
                    (q.value * k, q.half * k, "万元".to_owned())
                }
                u => (q.value, q.half, u.to_owned()),
            }
        }
        ClaimKind::Redacted | ClaimKind::Overflow => return None,
    };
    Some(Reading {
        value,
        interval: Interval::around(value, half),
        unit,
        id,
    })
}

struct Judged {
    target: Reading,
    actual: Reading,
    op: Operator,
    met: bool,
    weight: ClaimId,
    score: ClaimId,
}

/// An indicator with a numeric target and a plain numeric 完成值 in the same unit.
fn judged(ctx: &Context, i: &Indicator) -> Option<Judged> {
    let (target, actual) = (i.target.as_ref()?, i.actual.as_ref()?);
    let op = target.op?;
    if op == Operator::Qualitative || actual.op.is_some() {
        return None;
    }
    let t = quantity(ctx, target, "")?;
    let a = quantity(ctx, actual, &t.unit)?;
    if t.unit != a.unit {
        return None;
    }
    let (v, goal) = (a.value, t.value);
    let met = match op {
        Operator::AtLeast => v >= goal,
        Operator::Above => v > goal,
        Operator::AtMost => v <= goal,
        Operator::Below => v < goal,
        Operator::Equal => v == goal,
        Operator::Qualitative => return None,
    };
    Some(Judged {
        target: t,
        actual: a,
        op,
        met,
        weight: i.weight?,
        score: i.score?,
    })
}

fn check_missed_targets(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (t, i, j) in judged_indicators(ctx) {
        if j.met || ctx.value(j.score) < ctx.value(j.weight) {
            continue;
        }
        let msg = format!(
            "{}：指标“{}”目标{}{}{}，完成值{}未达到，却得满分{}",
            t.name(),
            i.name,
            j.op.symbol(),
            fmt(j.target.value),
            j.target.unit,
            fmt(j.actual.value),
            ctx.text(j.score)
        );
        let mut f = in_table(
            ctx,
            &TARGET_MISSED_FULL_SCORE,
            t,
            j.score,
            ctx.value(j.score),
            msg,
        );
        f.related.push(ctx.build.related("指标值", j.target.id));
        f.related.push(ctx.build.related("完成值", j.actual.id));
        out.push(f);
    }
    out
}

fn check_partial_scores(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (t, i, j) in judged_indicators(ctx) {
        let (w, s) = (ctx.value(j.weight), ctx.value(j.score));
        if j.met || s >= w {
            continue;
        }
        let (ratio_iv, ratio) = match j.op {
            Operator::AtLeast | Operator::Above | Operator::Equal => {
                if j.target.value.is_zero() {
                    continue;
                }
                let Some(iv) = j.actual.interval.divided_by(j.target.interval) else {
                    continue;
                };
                (iv, j.actual.value / j.target.value)
            }
            Operator::AtMost | Operator::Below => {
                if j.actual.value.is_zero() {
                    continue;
                }
                let Some(iv) = j.target.interval.divided_by(j.actual.interval) else {
                    continue;
                };
                (iv, j.target.value / j.actual.value)
            }
            Operator::Qualitative => continue,
        };
        let allowed = Interval::new((w * ratio_iv.lo).min(w), (w * ratio_iv.hi).min(w));
        let expected = (w * ratio).min(w);
        if score_fits(ctx, j.score, allowed) {
            continue;
        }
        let msg = format!(
            "{}：指标“{}”目标{}{}{}、完成{}，按比例得分应为{}×{}={}，表中为{}",
            t.name(),
            i.name,
            j.op.symbol(),
            fmt(j.target.value),
            j.target.unit,
            fmt(j.actual.value),
            ctx.text(j.weight),
            fmt_dp(ratio, 4),
            fmt_dp(expected, 2),
            ctx.text(j.score)
        );
        let mut f = table_finding(
            ctx,
            &PARTIAL_SCORE_MISMATCH,
            t,
            j.score,
            (s, expected.round_dp(2), allowed),
            msg,
        );
        f.related.push(ctx.build.related("指标值", j.target.id));
        f.related.push(ctx.build.related("完成值", j.actual.id));
        out.push(f);
    }
    out
}

fn check_met_targets(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (t, i, j) in judged_indicators(ctx) {
        if !j.met || ctx.value(j.score) >= ctx.value(j.weight) {
            continue;
        }
        let msg = format!(
            "{}：指标“{}”完成值{}已达目标{}{}{}，得分{}低于分值{}",
            t.name(),
            i.name,
            fmt(j.actual.value),
            j.op.symbol(),
            fmt(j.target.value),
            j.target.unit,
            ctx.text(j.score),
            ctx.text(j.weight)
        );
        out.push(in_table(
            ctx,
            &MET_TARGET_REDUCED_SCORE,
            t,
            j.score,
            ctx.value(j.score),
            msg,
        ));
    }
    out
}

fn check_cost_indicators(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.self_evaluations {
        let Some(total) = t.total_funds() else {
            continue;
        };
        let Some(spent) = total.actual else { continue };
        let budgets: Vec<ClaimId> = [total.adjusted, total.initial]
            .into_iter()
            .flatten()
            .collect();
        for i in &t.indicators {
            if !(i.level1.contains("成本") || i.level2.contains("成本")) {
                continue;
            }
            let (Some(target), Some(actual)) = (i.target.as_ref(), i.actual.as_ref()) else {
                continue;
            };
            if actual.op.is_some()
                || !matches!(target.op, None | Some(Operator::AtMost | Operator::Equal))
            {
                continue;
            }
            let (Some(tq), Some(aq)) = (quantity(ctx, target, ""), quantity(ctx, actual, "万元"))
            else {
                continue;
            };
            if tq.unit != "万元" || aq.unit != "万元" {
                continue;
            }
            // The target is the project's budget: then the 完成值 is the money spent.
            let is_budget = budgets
                .iter()
                .any(|&b| money(ctx, t, b).0.intersects(tq.interval));
            if !is_budget {
                continue;
            }
            let (spent_iv, spent_v) = money(ctx, t, spent);
            if spent_iv.intersects(aq.interval) {
                continue;
            }
            let msg = format!(
                "{}：成本指标“{}”完成值{}，但表中全年执行数为{}",
                t.name(),
                i.name,
                ctx.text(aq.id),
                ctx.text(spent)
            );
            let mut f = table_finding(
                ctx,
                &COST_INDICATOR_MISMATCH,
                t,
                aq.id,
                (aq.value, spent_v, spent_iv),
                msg,
            );
            f.beyond_rounding = Some(aq.interval.gap(spent_iv).round_dp(6).normalize());
            f.related.push(ctx.build.related("执行数", spent));
            f.related.push(ctx.build.related("指标值", tq.id));
            out.push(f);
        }
    }
    out
}

fn check_project_mentions(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for m in &ctx.report.project_mentions {
        let Some(t) = ctx.report.self_evaluations.get(m.table) else {
            continue;
        };
        let Some(total) = t.total_funds() else {
            continue;
        };
        type Column = fn(&FundRow) -> Option<ClaimId>;
        let pairs: [(&str, Option<ClaimId>, Column); 3] = [
            ("年初预算", m.initial, |r| r.initial),
            ("全年预算", m.adjusted, |r| r.adjusted),
            ("执行数", m.actual, |r| r.actual),
        ];
        let mut differing = Vec::new();
        for (label, said, column) in pairs {
            let (Some(said), Some(table)) = (said, column(total)) else {
                continue;
            };
            let (table_iv, table_v) = money(ctx, t, table);
            if ctx.interval(said).intersects(table_iv) {
                continue;
            }
            // The table disagrees with itself there (its source rows give the prose's
            // figure): SE003 reports that cause.
            let agrees_with_a_source = t
                .funds
                .iter()
                .filter_map(column)
                .any(|id| ctx.interval(said).intersects(money(ctx, t, id).0));
            if agrees_with_a_source {
                continue;
            }
            differing.push((label, said, table, table_iv, table_v));
        }
        let Some(&(_, said, _, table_iv, table_v)) = differing.first() else {
            continue;
        };
        let listed: Vec<String> = differing
            .iter()
            .map(|(label, s, tb, _, _)| format!("{label}{}（表中{}）", ctx.text(*s), ctx.text(*tb)))
            .collect();
        let msg = format!(
            "项目“{}”：此处{}，与第{}行起的自评表不符",
            t.name(),
            listed.join("、"),
            t.span.line
        );
        let mut f = ctx
            .build
            .finding(&PROJECT_RESTATED_MISMATCH, Severity::Error, said, msg);
        f.stated.value = Some(ctx.value(said));
        f.expected = Some(Expected {
            value: table_v,
            interval: table_iv,
        });
        f.difference = Some((ctx.value(said) - table_v).normalize());
        f.beyond_rounding = Some(ctx.interval(said).gap(table_iv).round_dp(6).normalize());
        for (label, _, tb, _, _) in &differing {
            f.related
                .push(ctx.build.related(&format!("自评表{label}"), *tb));
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::partition_fits;
    use rust_decimal::Decimal;

    fn d(v: i64) -> Decimal {
        Decimal::from(v)
    }

    #[test]
    fn a_merged_label_in_the_middle_of_its_rows_still_fits() {
        // 成本 (20) labelled on row 0; 产出 (40) labelled on row 2 but starting at row 1.
        let w = [d(20), d(10), d(20), d(5), d(5), d(10), d(5), d(5), d(10)];
        let groups = [(0, 0, d(20)), (2, 2, d(40)), (5, 5, d(20)), (8, 8, d(10))];
        assert!(partition_fits(&w, &groups));
        let wrong = [(0, 0, d(20)), (2, 2, d(45)), (5, 5, d(15)), (8, 8, d(10))];
        assert!(!partition_fits(&w, &wrong));
    }
}

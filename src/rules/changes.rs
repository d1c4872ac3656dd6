//! CHG: year-over-year changes (增减额 / 增长率) and their stated causes.

use rust_decimal::Decimal;

use super::{Context, Family, Rule, fmt_dp};
use crate::finding::{Finding, Related, Severity};
use crate::model::{ChangeStatement, Direction, Interval, Subject};

/// The expected value of a finding as shown (already at the right precision).
fn shown(f: &Finding) -> String {
    f.expected
        .as_ref()
        .map_or_else(String::new, |e| e.value.to_string())
}

/// The previous-year figure's interval: stated, or current − change.
fn previous(ctx: &Context, c: &ChangeStatement) -> Option<Interval> {
    if let Some(p) = c.previous {
        return Some(ctx.interval(p));
    }
    let cur = ctx.interval(c.current?);
    Some(cur.minus(ctx.interval(c.amount).scale(c.direction.sign())))
}

fn previous_value(ctx: &Context, c: &ChangeStatement) -> Option<Decimal> {
    if let Some(p) = c.previous {
        return Some(ctx.value(p));
    }
    Some(ctx.value(c.current?) - ctx.value(c.amount) * c.direction.sign())
}

pub static CHANGE_AMOUNT_MISMATCH: Rule = Rule {
    code: "CHG001",
    name: "change-amount-mismatch",
    family: Family::Changes,
    severity: Severity::Error,
    summary: "增减额与本年数、上年数之差不符",
    doc: "## What it checks
When a sentence states this year's figure, last year's figure and the change between them
(`与2022年度相比702.27万元相比，…增加511.88万元`), the change must equal current − previous.

## Why it matters
The change is the figure readers quote; if it disagrees with the two amounts, one of the three is wrong.

## Rounding
Each amount stands for the interval of values that print as it; the change is wrong only if no
choice inside those intervals makes current − previous = change.

## Example
`收、支总计1214.15万元。与上年702.27万元相比，增加500.00万元` → expected 511.88.

## Known limits
Only changes whose previous-year figure is stated in the same or the preceding sentence.",
    check: check_change_amount,
};

fn check_change_amount(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &ctx.report.changes {
        let (Some(cur), Some(prev)) = (c.current, c.previous) else {
            continue;
        };
        let allowed = ctx.interval(cur).minus(ctx.interval(prev));
        let expected = ctx.value(cur) - ctx.value(prev);
        let stated = ctx.value(c.amount) * c.direction.sign();
        // A change of the right size in the wrong direction is CHG003's finding.
        if judge_magnitude(ctx, c, allowed) {
            continue;
        }
        if let Some(mut f) = ctx.compare(
            &CHANGE_AMOUNT_MISMATCH,
            c.amount,
            stated,
            allowed,
            expected,
            ctx.finest([cur, prev]),
        ) {
            f.message = format!(
                "增减额{}{}，但本年数{}与上年数{}之差为{}万元",
                c.direction.word(),
                ctx.text(c.amount),
                ctx.text(cur),
                ctx.text(prev),
                shown(&f)
            );
            f.related.push(ctx.build.related("本年数", cur));
            f.related.push(ctx.build.related("上年数", prev));
            out.push(f);
        }
    }
    out
}

/// Does the stated amount fit |current − previous| (so only the direction can be wrong)?
fn judge_magnitude(ctx: &Context, c: &ChangeStatement, allowed: Interval) -> bool {
    let abs = if allowed.hi < Decimal::ZERO {
        allowed.negated()
    } else {
        allowed
    };
    let stated = ctx.interval(c.amount);
    stated.intersects(abs) && !stated.intersects(allowed)
}

pub static GROWTH_RATE_MISMATCH: Rule = Rule {
    code: "CHG002",
    name: "growth-rate-mismatch",
    family: Family::Changes,
    severity: Severity::Error,
    summary: "增长率与增减额、上年数不符",
    doc: "## What it checks
A stated growth rate must equal change ÷ previous year, where the previous year is stated or
derived as current − change (`公务用车…1.54万元…增加0.44万元，增长55.9%`: 0.44 ÷ 1.10 = 40.0%).

## Why it matters
Growth rates are read as the headline of a section; a wrong one misstates the trend.

## Rounding
The rate is computed over the intervals of the current figure and the change (a small base makes
the interval wide: 1.18 and 0.73 allow 157.61%–167.05%); the stated rate's own rounding is added.
A rate that is the allowed value cut off instead of rounded is reported as a warning.

## Example
`支出1.54万元。…比2022年度增加0.44万元，增长55.9%` → expected 40.00% ([39.19%, 40.83%]).

## Known limits
The current figure is the nearest amount before the change in the same paragraph; a change whose
subject is far from its figure is not checked. A previous year of zero is skipped.",
    check: check_growth_rate,
};

fn check_growth_rate(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &ctx.report.changes {
        let Some(rate) = c.rate else { continue };
        let Some(prev) = previous(ctx, c) else {
            continue;
        };
        let Some(prev_value) = previous_value(ctx, c) else {
            continue;
        };
        let Some((allowed, expected)) = ctx.percent_of(ctx.figure(c.amount), (prev, prev_value))
        else {
            continue;
        };
        let stated = ctx.value(rate);
        if let Some(mut f) = ctx.compare(&GROWTH_RATE_MISMATCH, rate, stated, allowed, expected, 2)
        {
            f.message = format!(
                "增长率{}与增减额{}÷上年数{}万元={}%不符",
                ctx.text(rate),
                ctx.text(c.amount),
                fmt_dp(prev_value, ctx.decimals(c.amount)),
                fmt_dp(expected, 2)
            );
            f.related.push(ctx.build.related("增减额", c.amount));
            if let Some(cur) = c.current {
                f.related.push(ctx.build.related("本年数", cur));
            }
            if let Some(p) = c.previous {
                f.related.push(ctx.build.related("上年数", p));
            }
            out.push(f);
        }
    }
    out
}

pub static DIRECTION_MISMATCH: Rule = Rule {
    code: "CHG003",
    name: "direction-mismatch",
    family: Family::Changes,
    severity: Severity::Error,
    summary: "增减方向用词与数值不符",
    doc: "## What it checks
The direction words of a change agree with each other and with the figures: `增加…万元，下降…%`
contradicts itself, and `增加` is wrong when the stated previous year is larger than the current one.

## Why it matters
A reader takes the direction from the word; a wrong word reverses the meaning of the sentence.

## Rounding
Against the figures, only when current − previous is non-zero for every value inside the rounding
intervals.

## Example
`本年97.99万元，上年88.00万元，比上年减少9.99万元` → the figures say 增加.

## Known limits
Changes stated as zero (`增加0万元`, `持平`) are not judged.",
    check: check_direction,
};

fn check_direction(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &ctx.report.changes {
        if ctx.value(c.amount).is_zero() {
            continue;
        }
        if let (Some(rate), Some(rd)) = (c.rate, c.rate_direction)
            && rd != c.direction
            && !ctx.value(rate).is_zero()
        {
            let mut f = ctx.build.finding(
                &DIRECTION_MISMATCH,
                Severity::Error,
                rate,
                format!(
                    "增减额写作“{}”，增长率却写作“{}”",
                    c.direction.word(),
                    rd.word()
                ),
            );
            f.related.push(ctx.build.related("增减额", c.amount));
            out.push(f);
            continue;
        }
        if let (Some(cur), Some(prev)) = (c.current, c.previous) {
            let diff = ctx.interval(cur).minus(ctx.interval(prev));
            let actual = if diff.lo > Decimal::ZERO {
                Direction::Up
            } else if diff.hi < Decimal::ZERO {
                Direction::Down
            } else {
                continue;
            };
            if actual != c.direction {
                let mut f = ctx.build.finding(
                    &DIRECTION_MISMATCH,
                    Severity::Error,
                    c.amount,
                    format!(
                        "写作“{}”，但本年数{}与上年数{}相比为{}",
                        c.direction.word(),
                        ctx.text(cur),
                        ctx.text(prev),
                        actual.word()
                    ),
                );
                f.related.push(ctx.build.related("本年数", cur));
                f.related.push(ctx.build.related("上年数", prev));
                out.push(f);
            }
        }
    }
    out
}

pub static CHANGE_COMPONENTS_MISMATCH: Rule = Rule {
    code: "CHG004",
    name: "change-components-mismatch",
    family: Family::Changes,
    severity: Severity::Warning,
    summary: "所列增减原因之和与总增减额不符",
    doc: "## What it checks
When a change is explained by the changes of its parts (`增加23.12万元。主要是社会保障和就业支出
较上年减少6.03万元，卫生健康支出较上年增加29.45万元，住房保障支出较上年减少0.16万元`), the
parts' signed changes should add up to the total change.

## Why it matters
A list of causes copied from another section, or missing a part, explains a different change
than the one stated.

## Rounding
The sum of the parts' intervals must meet the stated change's interval.

## Example
The example above sums to 23.26 against 23.12: beyond rounding (±0.02), reported.

## Known limits
Introduced by 主要是, the list may leave parts out, so this is a warning; lists of one cause are
not checked.",
    check: check_components,
};

fn check_components(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &ctx.report.changes {
        if c.components.len() < 2 {
            continue;
        }
        let mut allowed = Interval::exact(Decimal::ZERO);
        let mut expected = Decimal::ZERO;
        for p in &c.components {
            allowed = allowed.plus(ctx.interval(p.amount).scale(p.direction.sign()));
            expected += ctx.value(p.amount) * p.direction.sign();
        }
        let stated = ctx.value(c.amount) * c.direction.sign();
        if let Some(mut f) = ctx.compare(
            &CHANGE_COMPONENTS_MISMATCH,
            c.amount,
            stated,
            allowed,
            expected,
            ctx.finest(c.components.iter().map(|p| p.amount)),
        ) {
            f.message = format!(
                "{}{}，但所列{}项原因的增减额合计{}万元",
                c.direction.word(),
                ctx.text(c.amount),
                c.components.len(),
                shown(&f)
            );
            for p in &c.components {
                f.related.push(ctx.build.related("原因增减额", p.amount));
            }
            out.push(f);
        }
    }
    out
}

pub static SPLIT_CHANGE_MISMATCH: Rule = Rule {
    code: "CHG005",
    name: "split-change-mismatch",
    family: Family::Changes,
    severity: Severity::Error,
    summary: "“三公”经费增减额与各组成部分增减额之和不符",
    doc: "## What it checks
A total whose parts are fixed by definition — “三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费
(or 购置费 + 运行维护费) + 公务接待费 — changes by exactly the sum of its parts' changes. When the
chapter states the total's change and a change (or 持平) for every part, they must agree.

## Why it matters
The parts are the whole of the total, so a total change that its parts do not add up to means
one of the stated changes is wrong (often copied from the previous year's report).

## Rounding
Each stated change stands for its rounding interval; 持平 is exactly zero. Reported only when
no choice inside the intervals makes the parts add up.

## Example
`“三公”经费…较上年度增加1.48万元` with 因公出国 持平, 公务用车 增加0.44万元, 公务接待 增加0.73万元
→ the parts add up to 1.17.

## Known limits
Only when every part's change is stated in the same chapter (一、…) as the total; the first
statement for each part is used.",
    check: check_split_changes,
};

/// A part of a fixed split, and the alternative ways a report states it (one subject, or
/// several that add up to it).
type SplitPart = &'static [&'static [Subject]];

const SPLITS: &[(Subject, &[SplitPart])] = &[(
    Subject::ThreePublic,
    &[
        &[&[Subject::OverseasTravel]],
        &[
            &[Subject::OfficialVehicles],
            &[Subject::VehiclePurchase, Subject::VehicleOperation],
        ],
        &[&[Subject::OfficialReception]],
    ],
)];

/// A stated change of one subject: its signed interval and value, and where it stands.
struct Stated {
    interval: Interval,
    value: Decimal,
    decimals: u32,
    related: Related,
}

fn stated_changes(ctx: &Context, chapter: Option<usize>) -> Vec<(Subject, Stated)> {
    let r = ctx.report;
    let mut out = Vec::new();
    for c in &r.changes {
        let Some(subject) = c.subject else { continue };
        if r.chapter(r.claims[c.amount].section) != chapter {
            continue;
        }
        out.push((
            subject,
            Stated {
                interval: ctx.interval(c.amount).scale(c.direction.sign()),
                value: ctx.value(c.amount) * c.direction.sign(),
                decimals: ctx.decimals(c.amount),
                related: ctx.build.related(subject_role(subject), c.amount),
            },
        ));
    }
    for u in &r.unchanged {
        let Some(subject) = u.subject else { continue };
        if r.chapter(u.section) != chapter {
            continue;
        }
        out.push((
            subject,
            Stated {
                interval: Interval::exact(Decimal::ZERO),
                value: Decimal::ZERO,
                decimals: 0,
                related: Related {
                    role: subject_role(subject).to_owned(),
                    text: "持平".to_owned(),
                    value: Some(Decimal::ZERO),
                    location: u.span,
                },
            },
        ));
    }
    // File order, so "the first statement" means the first in the text.
    out.sort_by_key(|(_, s)| s.related.location.start);
    out
}

fn subject_role(s: Subject) -> &'static str {
    match s {
        Subject::OverseasTravel => "因公出国（境）费增减额",
        Subject::OfficialVehicles => "公务用车购置及运行维护费增减额",
        Subject::VehiclePurchase => "公务用车购置费增减额",
        Subject::VehicleOperation => "公务用车运行维护费增减额",
        Subject::OfficialReception => "公务接待费增减额",
        _ => "增减额",
    }
}

fn check_split_changes(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    for c in &r.changes {
        let Some((_, parts)) = SPLITS.iter().find(|(s, _)| Some(*s) == c.subject) else {
            continue;
        };
        let chapter = r.chapter(r.claims[c.amount].section);
        let stated = stated_changes(ctx, chapter);
        let first = |s: Subject| stated.iter().find(|(x, _)| *x == s).map(|(_, st)| st);
        let mut allowed = Interval::exact(Decimal::ZERO);
        let mut expected = Decimal::ZERO;
        let mut related = Vec::new();
        let mut shown_dp = 0;
        let mut complete = true;
        for alternatives in *parts {
            let found = alternatives.iter().find_map(|alt| {
                let each: Option<Vec<&Stated>> = alt.iter().map(|s| first(*s)).collect();
                each
            });
            let Some(each) = found else {
                complete = false;
                break;
            };
            for st in each {
                allowed = allowed.plus(st.interval);
                expected += st.value;
                shown_dp = shown_dp.max(st.decimals);
                related.push(st.related.clone());
            }
        }
        if !complete {
            continue;
        }
        let total = ctx.value(c.amount) * c.direction.sign();
        if let Some(mut f) = ctx.compare(
            &SPLIT_CHANGE_MISMATCH,
            c.amount,
            total,
            allowed,
            expected,
            shown_dp,
        ) {
            f.message = format!(
                "“三公”经费{}{}，但各组成部分的增减额合计{}万元",
                c.direction.word(),
                ctx.text(c.amount),
                shown(&f)
            );
            f.related = related;
            out.push(f);
        }
    }
    out
}

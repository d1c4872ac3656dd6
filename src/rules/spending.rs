//! SPD: “三公”经费, 机关运行经费, 政府采购 and 国有资产, within each record and against the
//! 公开 tables.

use rust_decimal::Decimal;

use super::sums::judged_by_breakdown;
use super::tables::{Measure, TableFigure, economic_items, keyed_totals};
use super::{Context, Family, Rule};
use crate::finding::{Finding, Related, Severity};
use crate::model::spending::CountSplit;
use crate::model::{Basis, ClaimId, ClaimKind, FigureSource, Interval, Subject};

/// A total and the parts that make it up, the parts as (label, claim).
struct Parts<'a> {
    total: ClaimId,
    parts: Vec<(&'a str, ClaimId)>,
    /// The parts are the whole of the total (else only parts exceeding it are an error).
    exhaustive: bool,
}

/// Compares a total with the sum of its parts; `None` when rounding explains it, when the
/// list is a selection that does not exceed its total, or when SUM001 judges the same list.
fn sum_finding(ctx: &Context, rule: &Rule, what: &str, p: &Parts) -> Option<Finding> {
    if p.parts.len() < 2 || judged_by_breakdown(ctx, p.total) {
        return None;
    }
    let (allowed, expected) = ctx.sum(p.parts.iter().map(|(_, id)| *id));
    if !p.exhaustive && allowed.lo <= ctx.interval(p.total).hi {
        return None;
    }
    let mut f = ctx.compare(
        rule,
        p.total,
        ctx.value(p.total),
        allowed,
        expected,
        ctx.finest(p.parts.iter().map(|(_, id)| *id)),
    )?;
    let unit = match &ctx.report.claims[p.total].kind {
        ClaimKind::Count(u) => u.as_str(),
        _ => "万元",
    };
    let listed: Vec<String> = p
        .parts
        .iter()
        .map(|(l, id)| format!("{l}{}", ctx.text(*id)))
        .collect();
    f.message = format!(
        "{what}{}，但{}之和为{}{unit}",
        ctx.text(p.total),
        listed.join(" + "),
        super::fmt_dp(expected, ctx.finest(p.parts.iter().map(|(_, id)| *id))),
    );
    for (l, id) in &p.parts {
        f.related.push(ctx.build.related(l, *id));
    }
    Some(f)
}

pub static THREE_PUBLIC_PARTS_MISMATCH: Rule = Rule {
    code: "SPD001",
    name: "three-public-parts-mismatch",
    family: Family::Spending,
    severity: Severity::Error,
    summary: "“三公”经费合计与各项之和不符",
    doc: "## What it checks
In the “三公”经费 chapter, as each figure is first stated there: the 决算 of “三公”经费 =
因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费; 公务用车购置及运行维护费 = 购置费 + 运行
维护费; 公务接待费 = 国内公务接待 + 外事接待; and the same for their budgets (`支出预算为…`).
With every part stated the sum must equal the total; with a part missing, the stated
parts must not exceed it.

## Why it matters
The three parts are the whole of “三公”经费 by definition; a total that is not their sum
means a part or the total is misprinted.

## Rounding
Each figure is an interval at its printed precision; the sum of the parts' intervals
must meet the total's.

## Example
`“三公”经费财政拨款支出预算为9.00万元` with 出国 0.00, 接待 5.00 and 车 3.00 budgets →
expected 8.00, stated 9.00.

## Known limits
Where the chapter lists the parts under the total in one sentence (`其中：…`) and SUM001
judges that list, this rule leaves it to SUM001. A part stated only as words (`未安排因公
出国`) counts as missing.",
    check: check_three_public_parts,
};

fn check_three_public_parts(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(rec) = &ctx.report.spending.three_public else {
        return out;
    };
    use Subject::*;
    let splits: &[(Subject, &[Subject])] = &[
        (
            ThreePublic,
            &[OverseasTravel, OfficialVehicles, OfficialReception],
        ),
        (OfficialVehicles, &[VehiclePurchase, VehicleOperation]),
        (OfficialReception, &[DomesticReception, ForeignReception]),
    ];
    for &(whole, parts) in splits {
        for basis in [Basis::Actual, Basis::Budget] {
            let pick = |s: Subject| {
                let f = rec.figure(s)?;
                if basis == Basis::Actual {
                    f.actual
                } else {
                    f.budget
                }
            };
            let Some(total) = pick(whole) else {
                continue;
            };
            let found: Vec<(&str, ClaimId)> = parts
                .iter()
                .filter_map(|s| pick(*s).map(|id| (s.name(), id)))
                .collect();
            let what = format!(
                "{}{}",
                whole.name(),
                if basis == Basis::Actual {
                    "决算"
                } else {
                    "预算"
                }
            );
            let p = Parts {
                total,
                exhaustive: found.len() == parts.len(),
                parts: found,
            };
            out.extend(sum_finding(ctx, &THREE_PUBLIC_PARTS_MISMATCH, &what, &p));
        }
    }
    out
}

pub static VEHICLE_COUNT_MISMATCH: Rule = Rule {
    code: "SPD002",
    name: "vehicle-count-mismatch",
    family: Family::Spending,
    severity: Severity::Error,
    summary: "车辆总数与分类数之和不符",
    doc: "## What it checks
Vehicle counts split by kind add up to their total: the 公务用车 held at year end (and
those bought) by type in the “三公”经费 chapter (`共有公务用车1辆，其中：轿车0辆、越野车1辆、
载客汽车0辆`), and the vehicles by use in the 国有资产占有使用情况 (主要领导干部用车, 机要通信
用车, 应急保障用车, 执法执勤用车, 特种专业技术用车, 其他用车).

## Why it matters
The types and uses are the whole fleet; counts that do not add up leave the number of
cars unknown.

## Rounding
Counts are exact.

## Example
`截至12月31日，单位共有公务用车3辆，其中：轿车1辆、越野车1辆、载客汽车0辆` → expected 2.

## Known limits
A split is taken as the whole fleet when it names at least three of 轿车 / 越野车 / 载客汽车
or has an 其他 part (types) or names four uses or 其他用车 (uses); otherwise only parts
exceeding the total are reported. SUM001 judges lists whose parts exceed their total.",
    check: check_vehicle_counts,
};

fn exhaustive_types(parts: &[(String, ClaimId)]) -> bool {
    let named = ["轿车", "越野车", "载客汽车"]
        .iter()
        .filter(|t| parts.iter().any(|(l, _)| l.ends_with(*t)))
        .count();
    named >= 3 || parts.iter().any(|(l, _)| l.contains("其他"))
}

fn exhaustive_uses(parts: &[(String, ClaimId)]) -> bool {
    parts.len() >= 4 || parts.iter().any(|(l, _)| l.contains("其他"))
}

fn split_parts(
    split: &CountSplit,
    exhaustive: fn(&[(String, ClaimId)]) -> bool,
) -> Option<Parts<'_>> {
    Some(Parts {
        total: split.total?,
        parts: split
            .parts
            .iter()
            .map(|(l, id)| (l.as_str(), *id))
            .collect(),
        exhaustive: exhaustive(&split.parts),
    })
}

fn check_vehicle_counts(ctx: &Context) -> Vec<Finding> {
    let s = &ctx.report.spending;
    let mut lists = Vec::new();
    if let Some(tp) = &s.three_public {
        lists.push((
            "年末公务用车",
            split_parts(&tp.vehicles.held, exhaustive_types),
        ));
        lists.push((
            "购置公务用车",
            split_parts(&tp.vehicles.bought, exhaustive_types),
        ));
    }
    if let Some(a) = &s.assets {
        lists.push(("车辆", split_parts(&a.vehicles, exhaustive_uses)));
    }
    lists
        .into_iter()
        .filter_map(|(what, p)| sum_finding(ctx, &VEHICLE_COUNT_MISMATCH, what, &p?))
        .collect()
}

pub static VEHICLES_HELD_MISMATCH: Rule = Rule {
    code: "SPD003",
    name: "vehicles-held-mismatch",
    family: Family::Spending,
    severity: Severity::Warning,
    summary: "“三公”经费中的公务用车保有量与国有资产中的车辆数不符",
    doc: "## What it checks
The 公务用车 the “三公”经费 chapter says the unit holds at year end (`共有公务用车1辆`,
`公务用车保有量为1辆`) equals the vehicles the 国有资产占有使用情况 counts (`共有车辆1辆`).

## Why it matters
Both describe the same fleet on the same date; a difference means one count is wrong, or
a car is used without being owned, which the report should say.

## Rounding
Counts are exact.

## Example
`截至2023年12月31日，单位共有公务用车2辆` and `截至2023年12月31日，我局共有车辆1辆` → warning.

## Known limits
A warning, and not reported when the vehicle paragraph explains a car used but not owned
or moved between units (借用, 调剂, 划转, 权属, 租用 …): reports count such cars in one
place and not the other. 特种专业技术用车 are in the fleet but not 公务用车: a fleet larger by
exactly their number agrees.",
    check: check_vehicles_held,
};

fn check_vehicles_held(ctx: &Context) -> Vec<Finding> {
    let s = &ctx.report.spending;
    let (Some(tp), Some(assets)) = (&s.three_public, &s.assets) else {
        return Vec::new();
    };
    let (Some(held), Some(owned)) = (tp.vehicles.held.total, assets.vehicles.total) else {
        return Vec::new();
    };
    // 特种专业技术用车 are vehicles but not 公务用车: the fleet may count them, 三公 not.
    let special: Decimal = assets
        .vehicles
        .parts
        .iter()
        .filter(|(l, _)| l.contains("特种"))
        .map(|(_, id)| ctx.value(*id))
        .sum();
    let (h, o) = (ctx.value(held), ctx.value(owned));
    if tp.vehicles.explained || h == o || h == o - special {
        return Vec::new();
    }
    let message = format!(
        "“三公”经费说明公务用车{}，国有资产占有使用情况车辆{}",
        ctx.text(held),
        ctx.text(owned)
    );
    let mut f = ctx
        .build
        .finding(&VEHICLES_HELD_MISMATCH, Severity::Warning, held, message);
    f.set_numbers(h, o, ctx.interval(owned));
    f.related.push(ctx.build.related("国有资产车辆数", owned));
    vec![f]
}

pub static OPERATING_COSTS_MISMATCH: Rule = Rule {
    code: "SPD004",
    name: "operating-costs-mismatch",
    family: Family::Spending,
    severity: Severity::Warning,
    summary: "机关运行经费与公用经费不符",
    doc: "## What it checks
机关运行经费 is, by definition, the 公用经费 of the 基本支出 of administrative units (含参照
公务员法管理的事业单位) paid from 一般公共预算财政拨款. For a report whose units are all
administrative it equals the 公用经费 (the narrative's 一般公共预算 公用经费, else 06表's
公用经费合计); for one that also covers other 事业单位 it cannot exceed it.

## Why it matters
The two are printed in different chapters from the same ledger; a difference is a
copying error or a misunderstanding of what 机关运行经费 covers.

## Rounding
Both are intervals at their printed precision.

## Example
`公用经费104.67万元` and `机关运行经费支出98.20万元` in a report of one 行政单位 → warning
naming both.

## Known limits
Whether the report covers other 事业单位 is read from its composition (`其他事业单位1个`,
`公益一类事业单位` not 参照公务员法管理); a report that does not say is taken as
administrative. A 机关运行经费 of 0 (a unit without one) is not compared. A warning: some regions define
机关运行经费 more narrowly.",
    check: check_operating_costs,
};

fn check_operating_costs(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let Some(rec) = &r.spending.operating_costs else {
        return Vec::new();
    };
    // `机关运行经费支出0万元`: a unit without 机关运行经费 (a 事业单位) says so.
    if ctx.value(rec.amount).is_zero() {
        return Vec::new();
    }
    // The 一般公共预算 公用经费: the narrative's in its 一般公共预算 chapter, else 06表's.
    let narrative = r.stated_figures.iter().find(|f| {
        f.subject == Subject::PublicCosts
            && f.basis == Basis::Actual
            && f.source == FigureSource::Narrative
            && f.chapter_scope == Some(crate::model::FundScope::GeneralBudget)
    });
    let public = match narrative {
        Some(f) => Quoted::claim(ctx, "公用经费", f.claim),
        None => match keyed_totals(ctx, &[Measure::Public]).pop().flatten() {
            Some(t) => Quoted::table(t, |v| format!("{v}万元")),
            None => return Vec::new(),
        },
    };
    let stated = ctx.interval(rec.amount);
    let wrong = if r.spending.has_public_institutions {
        stated.lo > public.interval.hi
    } else {
        !stated.intersects(public.interval)
    };
    if !wrong {
        return Vec::new();
    }
    let shown = &public.shown;
    let message = if r.spending.has_public_institutions {
        format!("机关运行经费{}超过公用经费{shown}", ctx.text(rec.amount))
    } else {
        format!(
            "机关运行经费{}与公用经费{shown}不符（行政单位二者应相等）",
            ctx.text(rec.amount)
        )
    };
    let mut f = ctx.build.finding(
        &OPERATING_COSTS_MISMATCH,
        Severity::Warning,
        rec.amount,
        message,
    );
    f.set_numbers(ctx.value(rec.amount), public.value, public.interval);
    f.related.push(public.related);
    vec![f]
}

pub static PROCUREMENT_MISMATCH: Rule = Rule {
    code: "SPD005",
    name: "procurement-mismatch",
    family: Family::Spending,
    severity: Severity::Error,
    summary: "政府采购支出总额与货物、工程、服务或中小企业金额不符",
    doc: "## What it checks
政府采购支出总额 = 货物 + 工程 + 服务 (with all three stated; with two, they must not
exceed it); 授予中小企业合同金额 ≤ 政府采购支出总额; 授予小微企业合同金额 ≤ 授予中小企业
合同金额.

## Why it matters
The three kinds are the whole of procurement, and 小微企业 are a subset of 中小企业, which
are a subset of all contracts: figures that break this are misprinted.

## Rounding
Intervals at the printed precision.

## Example
`政府采购支出总额312.48万元，其中政府采购货物支出76.89万元…政府采购服务支出245.59万元` →
expected 322.48.

## Known limits
The parts must follow the total in the same paragraph; shares (`占政府采购支出总额的80.59%`)
are checked by SHR001.",
    check: check_procurement,
};

fn check_procurement(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(p) = &ctx.report.spending.procurement else {
        return out;
    };
    if let Some(total) = p.total {
        let parts: Vec<(&str, ClaimId)> =
            [("货物", p.goods), ("工程", p.works), ("服务", p.services)]
                .into_iter()
                .filter_map(|(l, id)| id.map(|i| (l, i)))
                .collect();
        let list = Parts {
            total,
            exhaustive: parts.len() == 3,
            parts,
        };
        out.extend(sum_finding(
            ctx,
            &PROCUREMENT_MISMATCH,
            "政府采购支出总额",
            &list,
        ));
    }
    for (part, whole, what) in [
        (p.sme, p.total, "授予中小企业合同金额超过政府采购支出总额"),
        (
            p.micro,
            p.sme,
            "授予小微企业合同金额超过授予中小企业合同金额",
        ),
    ] {
        let (Some(part), Some(whole)) = (part, whole) else {
            continue;
        };
        if ctx.interval(part).lo <= ctx.interval(whole).hi || judged_by_breakdown(ctx, whole) {
            continue;
        }
        let message = format!("{what}：{}，{}", ctx.text(part), ctx.text(whole));
        let mut f = ctx
            .build
            .finding(&PROCUREMENT_MISMATCH, Severity::Error, part, message);
        f.set_numbers(
            ctx.value(part),
            ctx.value(whole),
            Interval::new(Decimal::ZERO, ctx.interval(whole).hi),
        );
        f.related.push(ctx.build.related("上限", whole));
        out.push(f);
    }
    out
}

pub static COST_ITEM_EXCEEDS_THREE_PUBLIC: Rule = Rule {
    code: "SPD006",
    name: "cost-item-exceeds-three-public",
    family: Family::Spending,
    severity: Severity::Warning,
    summary: "公用经费中的公务接待费或公务用车运行维护费超过“三公”经费中的同项",
    doc: "## What it checks
The 公务接待费 (30217) and 公务用车运行维护费 (30231) of the 公用经费 — 06表's rows, or the
narrative's 公用经费 list — are the 基本支出 part of the same money the “三公”经费 chapter
(and 09表) reports in full. Neither may exceed its “三公”经费 counterpart: 09表's 决算, else
the chapter's figure.

## Why it matters
A basic-expenditure part larger than the whole means one of the two places dropped or
misfiled spending; reviewers check exactly this pair.

## Rounding
Intervals at each figure's printed precision (the table's finest).

## Example
06表 `30217 公务接待费 2.40` with 09表 公务接待费 决算 1.18 → warning.

## Known limits
Only “not more than” is checked: when all 三公 spending is 基本支出 the two are equal, but
reports rarely say so. A warning, since 06表 is 一般公共预算 only and 三公 may (in older
years) include other 财政拨款.",
    check: check_cost_items,
};

fn check_cost_items(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    let tp = r.spending.three_public.as_ref();
    let costs: Vec<(&str, ClaimId)> = r
        .breakdowns
        .iter()
        .filter(|b| b.subject == Some(Subject::PublicCosts))
        .flat_map(|b| b.parts.iter().map(|p| (p.label.as_str(), p.amount)))
        .collect();
    let items = [
        ("30217", Subject::OfficialReception, 5u8),
        ("30231", Subject::VehicleOperation, 4u8),
    ];
    // The tables are read once for both items.
    let cells = economic_items(ctx, &items.map(|(code, _, _)| code));
    let wholes = keyed_totals(ctx, &items.map(|(_, _, which)| Measure::ThreePublic(which)));
    for (((_, subject, _), cell), whole) in items.into_iter().zip(cells).zip(wholes) {
        // The whole: 09表's 决算, else the 三公 chapter's figure.
        let whole = match whole {
            Some(t) => Quoted::table(t, |v| format!("09表{v}万元")),
            None => match tp.and_then(|t| t.figure(subject)).and_then(|f| f.actual) {
                Some(id) => Quoted::claim(ctx, "“三公”经费", id),
                None => continue,
            },
        };
        let name = subject.name();
        // The part: 06表's row, else the narrative's 公用经费 list item.
        let part = match cell {
            Some(t) => Quoted::table(t, |v| v),
            None => match costs.iter().find(|(l, _)| l.ends_with(name)) {
                Some(&(_, id)) => Quoted::claim(ctx, "公用经费", id),
                None => continue,
            },
        };
        if part.interval.lo <= whole.interval.hi {
            continue;
        }
        let message = format!(
            "公用经费中的{name}{}万元超过“三公”经费中的{name}{}",
            super::fmt_dp(part.value, 2),
            whole.shown
        );
        let mut f = match part.claim {
            Some(id) => ctx.build.finding(
                &COST_ITEM_EXCEEDS_THREE_PUBLIC,
                Severity::Warning,
                id,
                message,
            ),
            None => ctx.build.at_span(
                &COST_ITEM_EXCEEDS_THREE_PUBLIC,
                Severity::Warning,
                part.related.location,
                None,
                crate::finding::Figure {
                    text: part.related.text.clone(),
                    value: Some(part.value),
                },
                message,
            ),
        };
        f.set_numbers(
            part.value,
            whole.value,
            Interval::new(Decimal::ZERO, whole.interval.hi),
        );
        f.related.push(whole.related);
        out.push(f);
    }
    out
}

/// A figure a rule compares with: a narrative claim or a 公开 table cell.
struct Quoted {
    interval: Interval,
    value: Decimal,
    /// The claim, for a narrative figure.
    claim: Option<ClaimId>,
    /// As a message shows it.
    shown: String,
    /// The place, for the finding's related figures.
    related: Related,
}

impl Quoted {
    fn claim(ctx: &Context, role: &str, id: ClaimId) -> Self {
        Self {
            interval: ctx.interval(id),
            value: ctx.value(id),
            claim: Some(id),
            shown: ctx.text(id).to_owned(),
            related: ctx.build.related(role, id),
        }
    }

    /// A table cell, shown as `shown` makes of its value at 0.01.
    fn table(t: TableFigure, shown: impl Fn(String) -> String) -> Self {
        Self {
            shown: shown(super::fmt_dp(t.value, 2)),
            interval: t.interval,
            value: t.value,
            claim: None,
            related: t.related,
        }
    }
}

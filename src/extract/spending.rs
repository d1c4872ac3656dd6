//! The special-spending records: “三公”经费 (figures, vehicles, visits) from its chapter,
//! 机关运行经费, 政府采购 and 国有资产 from theirs. Built from what the other extractors found
//! (stated figures, rates, shares, changes, count lists), plus the counts only these
//! chapters hold.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::context::{Doc, REACH};
use crate::model::spending::{
    AssetsRecord, CountSplit, OperatingCostsRecord, ProcurementRecord, Spending, SpendingFigure,
    ThreePublicRecord,
};
use crate::model::{
    Basis, Breakdown, ChangeStatement, ClaimId, ClaimKind, FigureSource, RateStatement,
    ShareStatement, StatedFigure, Subject,
};

/// What the other extractors found, for the records to refer to.
pub struct Found<'a> {
    pub stated: &'a [StatedFigure],
    pub changes: &'a [ChangeStatement],
    pub rates: &'a [RateStatement],
    pub shares: &'a [ShareStatement],
    pub breakdowns: &'a [Breakdown],
}

/// The count lists by total, and every listed part: looked up per figure, so built once.
struct Lists<'a> {
    by_total: HashMap<ClaimId, &'a Breakdown>,
    parts: HashSet<ClaimId>,
}

impl<'a> Lists<'a> {
    fn new(breakdowns: &'a [Breakdown]) -> Self {
        Self {
            by_total: breakdowns.iter().map(|b| (b.total, b)).collect(),
            parts: breakdowns
                .iter()
                .flat_map(|b| b.parts.iter().map(|p| p.amount))
                .collect(),
        }
    }

    /// A count list (`共有公务用车1辆，其中：轿车0辆…`) or a bare count.
    fn split_of(&self, id: ClaimId) -> CountSplit {
        CountSplit {
            total: Some(id),
            parts: self
                .by_total
                .get(&id)
                .map(|b| {
                    b.parts
                        .iter()
                        .map(|p| (p.label.clone(), p.amount))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// Words that explain a car in use but not owned, or moved between units.
const VEHICLE_EXPLAINED: &[&str] = &[
    "借用", "借调", "调剂", "划转", "权属", "租用", "挂靠", "代管", "暂未",
];

/// 事业单位 counted in the report's composition, other than 参照公务员法管理 ones.
static PUBLIC_INSTITUTIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(参照公务员法管理的|参公)?事业单位\s*([0-9]+)\s*(?:个|家)")
        .expect("institutions regex")
});

/// A 公益一类/二类 事业单位 (a report of one, unless it is 参照公务员法管理).
static PUBLIC_WELFARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"公益[一二]类事业单位").expect("public welfare regex"));

pub fn extract(doc: &Doc, found: &Found) -> Spending {
    let three_public = chapter_lines(doc, |t| {
        t.contains("三公") && (t.contains("情况") || t.contains("说明")) && !t.contains('：')
    });
    let assets_lines = chapter_lines(doc, |t| t.contains("国有资产") && !t.contains('：'));
    let lists = Lists::new(found.breakdowns);
    Spending {
        three_public: (!three_public.is_empty())
            .then(|| three_public_record(doc, found, &lists, &three_public)),
        operating_costs: operating_costs(found),
        procurement: procurement(doc, found),
        assets: (!assets_lines.is_empty()).then(|| assets(doc, &lists, &assets_lines)),
        has_public_institutions: PUBLIC_INSTITUTIONS
            .captures_iter(doc.text)
            .any(|c| c.get(1).is_none() && c[2].parse::<u32>().is_ok_and(|n| n > 0))
            || PUBLIC_WELFARE.find_iter(doc.text).any(|m| {
                !doc.text[doc.floor(m.start().saturating_sub(60))..m.start()].contains("参照")
            }),
    }
}

/// The line ranges `[from, to)` of the outermost sections whose title passes `wanted`.
fn chapter_lines(doc: &Doc, wanted: impl Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let s = doc.sections;
    let mut out = Vec::new();
    for (i, sec) in s.iter().enumerate() {
        if !wanted(&sec.title) {
            continue;
        }
        // Inside a range already taken.
        if out.iter().any(|&(a, b)| sec.line >= a && sec.line < b) {
            continue;
        }
        let end = s[i + 1..]
            .iter()
            .find(|n| n.level <= sec.level)
            .map_or(usize::MAX, |n| n.line);
        out.push((sec.line, end));
    }
    out
}

fn in_lines(doc: &Doc, id: ClaimId, lines: &[(usize, usize)]) -> bool {
    let l = doc.claims[id].span.line;
    lines.iter().any(|&(a, b)| l >= a && l < b)
}

fn count_unit<'d>(doc: &'d Doc, id: ClaimId) -> Option<&'d str> {
    match &doc.claims[id].kind {
        ClaimKind::Count(u) if doc.claims[id].quantity.is_some() && !doc.claims[id].threshold => {
            Some(u.as_str())
        }
        _ => None,
    }
}

/// The words of a figure's sentence up to it.
fn sentence_before<'d>(doc: &'d Doc, id: ClaimId) -> &'d str {
    let start = doc.claims[id].norm.0;
    &doc.text[doc.near_sentence_start(start)..start]
}

const THREE_PUBLIC_ORDER: &[Subject] = &[
    Subject::ThreePublic,
    Subject::OverseasTravel,
    Subject::OfficialVehicles,
    Subject::VehiclePurchase,
    Subject::VehicleOperation,
    Subject::OfficialReception,
    Subject::DomesticReception,
    Subject::ForeignReception,
];

fn three_public_record(
    doc: &Doc,
    found: &Found,
    lists: &Lists,
    lines: &[(usize, usize)],
) -> ThreePublicRecord {
    let mut rec = ThreePublicRecord::default();
    for &subject in THREE_PUBLIC_ORDER {
        let first =
            |basis: Basis| narrative(found, subject, basis).find(|&id| in_lines(doc, id, lines));
        let actual = first(Basis::Actual);
        let budget = first(Basis::Budget)
            .or(first(Basis::FinalBudget))
            .or(first(Basis::InitialBudget));
        if actual.is_none() && budget.is_none() {
            continue;
        }
        let rate = actual.and_then(|a| found.rates.iter().find(|r| r.actual == a).map(|r| r.rate));
        // The share is often stated with a restatement of the figure (`…中，公务接待费支出决算
        // 2.22万元，占35.69%`).
        let share = narrative(found, subject, Basis::Actual)
            .filter(|&id| in_lines(doc, id, lines))
            .find_map(|id| found.shares.iter().find(|s| s.part == id))
            .map(|s| s.share);
        let change = found
            .changes
            .iter()
            .position(|c| c.subject == Some(subject) && in_lines(doc, c.amount, lines));
        rec.figures.push(SpendingFigure {
            subject,
            actual,
            budget,
            rate,
            share,
            change,
        });
    }
    for id in 0..doc.claims.len() {
        if !in_lines(doc, id, lines) {
            continue;
        }
        let Some(unit) = count_unit(doc, id) else {
            continue;
        };
        let words = sentence_before(doc, id);
        let label = doc.wide_label_before(id);
        if unit == "辆" && !rec.vehicles.explained {
            rec.vehicles.explained = explains_vehicle(doc, id);
        }
        match unit {
            "辆" if !lists.parts.contains(&id) => {
                if ["共有", "保有", "现有", "实有", "拥有"]
                    .iter()
                    .any(|w| label.contains(w))
                {
                    rec.vehicles.held.total.get_or_insert(id);
                    if rec.vehicles.held.parts.is_empty() {
                        rec.vehicles.held = lists.split_of(id);
                    }
                } else if label.contains("新增") {
                    rec.vehicles.added.get_or_insert(id);
                } else if (label.contains("购置") || label.contains("更新"))
                    && rec.vehicles.bought.total.is_none()
                {
                    rec.vehicles.bought = lists.split_of(id);
                }
            }
            "批次" | "个" | "次" | "批" if words.contains("接待") || words.contains("出国") =>
            {
                if unit != "批次" && !label.contains("团组") && !label.contains("批") {
                    continue;
                }
                let visits = if words.contains("出国") {
                    &mut rec.overseas
                } else {
                    &mut rec.reception
                };
                visits.batches.get_or_insert(id);
            }
            "人次" | "人" if words.contains("接待") || words.contains("出国") => {
                let visits = if words.contains("出国") {
                    &mut rec.overseas
                } else {
                    &mut rec.reception
                };
                visits.people.get_or_insert(id);
            }
            _ => {}
        }
    }
    rec
}

/// Does the sentence around a vehicle count explain a car used but not owned?
fn explains_vehicle(doc: &Doc, id: ClaimId) -> bool {
    let c = &doc.claims[id];
    let s = doc.near_sentence_start(c.norm.0);
    let e = doc.sentence_end(c.norm.0).min(c.norm.1 + REACH);
    let around = &doc.text[doc.floor(s.saturating_sub(REACH))..doc.floor(e)];
    VEHICLE_EXPLAINED.iter().any(|w| around.contains(w))
}

/// The narrative figures stated of `subject` on `basis`, in text order.
fn narrative<'f>(
    found: &'f Found,
    subject: Subject,
    basis: Basis,
) -> impl Iterator<Item = ClaimId> + 'f {
    found
        .stated
        .iter()
        .filter(move |f| {
            f.subject == subject && f.basis == basis && f.source == FigureSource::Narrative
        })
        .map(|f| f.claim)
}

fn first_actual(found: &Found, subject: Subject) -> Option<ClaimId> {
    narrative(found, subject, Basis::Actual).next()
}

fn operating_costs(found: &Found) -> Option<OperatingCostsRecord> {
    let amount = first_actual(found, Subject::OperatingCosts)?;
    let change = found
        .changes
        .iter()
        .position(|c| c.subject == Some(Subject::OperatingCosts));
    Some(OperatingCostsRecord { amount, change })
}

fn procurement(doc: &Doc, found: &Found) -> Option<ProcurementRecord> {
    let total = first_actual(found, Subject::Procurement);
    let near = |s: Subject| {
        let id = first_actual(found, s)?;
        // A part belongs to the total when it follows it closely.
        match total {
            Some(t) if id < t || doc.claims[id].norm.0 > doc.claims[t].norm.1 + 4 * REACH => None,
            _ => Some(id),
        }
    };
    let rec = ProcurementRecord {
        total,
        goods: near(Subject::ProcurementGoods),
        works: near(Subject::ProcurementWorks),
        services: near(Subject::ProcurementServices),
        sme: near(Subject::SmeContracts),
        micro: near(Subject::MicroContracts),
        ..Default::default()
    };
    if rec.total.is_none() && rec.goods.is_none() && rec.services.is_none() {
        return None;
    }
    let share_of = |part: Option<ClaimId>| {
        let p = part?;
        found.shares.iter().find(|s| s.part == p).map(|s| s.share)
    };
    let purpose = total.and_then(|t| {
        let from = doc.claims[t].norm.1;
        let to = doc.floor((from + 2 * REACH).min(doc.text.len()));
        let window = &doc.text[from..to];
        let at = window.find("主要用于")?;
        let rest = &window[at + "主要用于".len()..];
        let end = rest.find(['。', '\n']).unwrap_or(rest.len());
        Some(rest[..end].trim().to_string())
    });
    Some(ProcurementRecord {
        sme_share: share_of(rec.sme),
        micro_share: share_of(rec.micro),
        purpose,
        ..rec
    })
}

fn assets(doc: &Doc, lists: &Lists, lines: &[(usize, usize)]) -> AssetsRecord {
    let mut rec = AssetsRecord::default();
    for id in 0..doc.claims.len() {
        if !in_lines(doc, id, lines) {
            continue;
        }
        let Some(unit) = count_unit(doc, id) else {
            continue;
        };
        let label = doc.wide_label_before(id);
        if unit == "辆" {
            if rec.vehicles.total.is_none() && !lists.parts.contains(&id) && label.contains('车') {
                rec.vehicles = lists.split_of(id);
            }
        } else if (unit.contains('台') || unit.contains('套')) && label.contains("设备") {
            rec.equipment.push((equipment_label(doc, id), id));
        }
    }
    rec
}

/// `单价50万元以上通用设备`: the words of the clause in front of the count, with the
/// threshold figure (a separate claim) inside them.
fn equipment_label(doc: &Doc, id: ClaimId) -> String {
    let start = doc.claims[id].norm.0;
    let from = doc
        .sentence_start(start)
        .max(doc.floor(start.saturating_sub(REACH)));
    let text = &doc.text[from..start];
    let from = text.rfind(['，', '；', '。', '、', ',']).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    text[from..].trim().to_string()
}

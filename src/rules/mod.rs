//! Rules: cross-checks over the extracted [`Report`]. Rules never read raw text.
//!
//! Each rule is a [`Rule`] constant beside its check function in its family's file, and one
//! line in [`ALL`]. Its doc (`juesuan rule CODE`) says what it checks, why it matters, how
//! rounding is treated, an example and its known limits.

mod changes;
mod consistency;
mod extraction;
mod form_not_read;
mod nothing_checked;
mod rates;
mod selfeval;
mod shares;
mod spending;
mod sums;
mod table_not_read;
mod tables;

#[cfg(test)]
mod tests;

use rust_decimal::Decimal;

use crate::finding::{Expected, Finding, FindingBuilder, Severity};
use crate::model::rounding::{Verdict, judge};
use crate::model::{ClaimId, Interval, Report};

/// A rule's family, shown as its code prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// SUM: totals and their parts (勾稽).
    Sums,
    /// SHR: shares (占比).
    Shares,
    /// CHG: year-over-year changes (增减额/增长率).
    Changes,
    /// RATE: execution and completion rates (执行率/完成率).
    Rates,
    /// EX: extraction notes (redacted figures).
    Extraction,
    /// SE: 绩效自评表 (execution, weights, scores, targets).
    SelfEval,
    /// XRF: the same figure stated in two places.
    CrossRef,
    /// TBL: the 公开 tables, within and between them.
    Tables,
    /// SPD: “三公”经费, 机关运行经费, 政府采购, 国有资产.
    Spending,
}

pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// One line, in the report's terms.
    pub summary: &'static str,
    /// What it checks / Why it matters / Rounding / Example / Known limits.
    pub doc: &'static str,
    pub check: fn(&Context) -> Vec<Finding>,
}

/// What a rule sees: one report, and a builder for findings that point into it.
pub struct Context<'r> {
    pub report: &'r Report,
    pub build: FindingBuilder<'r>,
}

impl<'r> Context<'r> {
    pub fn new(report: &'r Report) -> Self {
        Self {
            report,
            build: FindingBuilder { report },
        }
    }

    pub fn value(&self, id: ClaimId) -> Decimal {
        self.report.claims[id].value().unwrap_or_default()
    }

    pub fn interval(&self, id: ClaimId) -> Interval {
        self.report.claims[id]
            .quantity
            .map(|q| q.interval())
            .unwrap_or(Interval::exact(Decimal::ZERO))
    }

    /// A claim's interval read at no fewer than `decimals` printed decimals (a data-table
    /// cell at its table's finest precision).
    pub fn interval_at(&self, id: ClaimId, decimals: Option<u32>) -> Interval {
        match (decimals, self.report.claims[id].quantity) {
            (Some(d), Some(q)) if d > q.decimals => {
                Interval::around(q.value, crate::model::rounding::half_unit(d))
            }
            _ => self.interval(id),
        }
    }

    /// `num ÷ den × 100`: the interval every rounding of the inputs allows, and the value
    /// the printed figures give. `None` when the denominator is zero or could be.
    pub fn percent_of(
        &self,
        num: (Interval, Decimal),
        den: (Interval, Decimal),
    ) -> Option<(Interval, Decimal)> {
        if den.1.is_zero() {
            return None;
        }
        let hundred = Decimal::ONE_HUNDRED;
        let allowed = num.0.divided_by(den.0)?.scale(hundred);
        Some((allowed, num.1 / den.1 * hundred))
    }

    /// The sum of figures: the interval every rounding of them allows, and the sum of the
    /// printed values.
    pub fn sum(&self, ids: impl IntoIterator<Item = ClaimId>) -> (Interval, Decimal) {
        ids.into_iter().fold(
            (Interval::exact(Decimal::ZERO), Decimal::ZERO),
            |(iv, v), id| (iv.plus(self.interval(id)), v + self.value(id)),
        )
    }

    /// A claim's interval and value together, for [`Context::percent_of`].
    pub fn figure(&self, id: ClaimId) -> (Interval, Decimal) {
        (self.interval(id), self.value(id))
    }

    /// The figure as printed (`1,946.77万元`), for messages.
    pub fn text(&self, id: ClaimId) -> &str {
        &self.report.claims[id].text
    }

    pub fn decimals(&self, id: ClaimId) -> u32 {
        self.report.claims[id].quantity.map_or(0, |q| q.decimals)
    }

    /// The most decimals any of these figures was printed with.
    pub fn finest(&self, ids: impl IntoIterator<Item = ClaimId>) -> u32 {
        ids.into_iter().map(|i| self.decimals(i)).max().unwrap_or(0)
    }

    /// Compares a stated figure (`value` of claim `at`, possibly re-signed) with what an
    /// identity allows. Returns a finding (without message) unless rounding explains it.
    /// A figure that is the allowed value truncated is downgraded to a warning.
    pub fn compare(
        &self,
        rule: &Rule,
        at: ClaimId,
        stated: Decimal,
        allowed: Interval,
        expected: Decimal,
        shown_dp: u32,
    ) -> Option<Finding> {
        let decimals = self.decimals(at);
        let verdict = judge(stated, decimals, allowed);
        if verdict == Verdict::Consistent {
            return None;
        }
        let claim = &self.report.claims[at];
        let half = claim.quantity.map_or(Decimal::ZERO, |q| q.half);
        let stated_iv = Interval::around(stated, half);
        let severity = if verdict == Verdict::Truncated {
            Severity::Warning.min(rule.severity)
        } else {
            rule.severity
        };
        let mut f = self.build.finding(rule, severity, at, String::new());
        f.stated.value = Some(stated);
        // Shown at the stated figure's precision (at least 0.01), or finer where the caller
        // asks (inputs printed as `0.0089万元`): never round the evidence away.
        let shown = expected.round_dp(decimals.max(2).max(shown_dp));
        f.expected = Some(Expected {
            value: shown,
            interval: Interval::new(allowed.lo.round_dp(6), allowed.hi.round_dp(6)),
        });
        f.difference = Some(
            (stated - expected)
                .round_dp(decimals.max(2) + 2)
                .normalize(),
        );
        f.beyond_rounding = Some(stated_iv.gap(allowed).round_dp(6).normalize());
        f.truncated = verdict == Verdict::Truncated;
        Some(f)
    }
}

/// Every rule, in code order. Adding a rule: write it in its family file, add it here,
/// and give it a `fixtures/rules/CODE/` directory with `fires_*` and `quiet_*` reports.
pub static ALL: &[&Rule] = &[
    &changes::CHANGE_AMOUNT_MISMATCH,
    &changes::GROWTH_RATE_MISMATCH,
    &changes::DIRECTION_MISMATCH,
    &changes::CHANGE_COMPONENTS_MISMATCH,
    &changes::SPLIT_CHANGE_MISMATCH,
    &extraction::REDACTED_FIGURE,
    &extraction::UNREADABLE_FIGURE,
    &nothing_checked::NOTHING_CHECKED,
    &rates::COMPLETION_RATE_MISMATCH,
    &rates::UNEXPLAINED_BUDGET_VARIANCE,
    &shares::SHARE_MISMATCH,
    &sums::BREAKDOWN_SUM_MISMATCH,
    &sums::CLASS_ITEMS_SUM_MISMATCH,
    &sums::ITEMS_TOTAL_MISMATCH,
    &sums::ITEMS_BUDGET_MISMATCH,
    &consistency::RESTATED_CHANGE_MISMATCH,
    &consistency::RESTATED_FIGURE_MISMATCH,
    &consistency::RESTATED_RATE_MISMATCH,
    &consistency::PROJECT_AMOUNT_MISMATCH,
    &selfeval::EXECUTION_RATE_MISMATCH,
    &selfeval::EXECUTION_SCORE_MISMATCH,
    &selfeval::FUNDING_ROWS_SUM_MISMATCH,
    &selfeval::WEIGHTS_TOTAL_MISMATCH,
    &selfeval::GROUP_WEIGHT_MISMATCH,
    &selfeval::SCORE_EXCEEDS_WEIGHT,
    &selfeval::BLANK_SCORE,
    &selfeval::SCORE_TOTAL_MISMATCH,
    &selfeval::GRADE_BAND_MISMATCH,
    &selfeval::TARGET_MISSED_FULL_SCORE,
    &selfeval::PARTIAL_SCORE_MISMATCH,
    &selfeval::MET_TARGET_REDUCED_SCORE,
    &selfeval::COST_INDICATOR_MISMATCH,
    &selfeval::PROJECT_RESTATED_MISMATCH,
    &form_not_read::FORM_NOT_READ,
    &tables::TREE_SUM_MISMATCH,
    &tables::COLUMN_SUM_MISMATCH,
    &tables::SIDE_TOTAL_MISMATCH,
    &tables::CROSS_TABLE_MISMATCH,
    &tables::BASIC_COSTS_MISMATCH,
    &tables::TABLE_NOT_INCLUDED,
    &tables::NARRATIVE_TABLE_MISMATCH,
    &table_not_read::TABLE_NOT_READ,
    &spending::THREE_PUBLIC_PARTS_MISMATCH,
    &spending::VEHICLE_COUNT_MISMATCH,
    &spending::VEHICLES_HELD_MISMATCH,
    &spending::OPERATING_COSTS_MISMATCH,
    &spending::PROCUREMENT_MISMATCH,
    &spending::COST_ITEM_EXCEEDS_THREE_PUBLIC,
];

pub fn by_code(code: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code) || r.name == code)
}

/// Which rules to run: `--select` and `--ignore` take codes or prefixes (`CHG`, `CHG002`).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    pub fn only(code: &str) -> Self {
        Self {
            select: vec![code.to_owned()],
            ignore: Vec::new(),
        }
    }

    pub fn enabled(&self, rule: &Rule) -> bool {
        let hit = |p: &String| {
            let p = p.to_ascii_uppercase();
            rule.code.starts_with(&p) || rule.name == p.to_ascii_lowercase()
        };
        (self.select.is_empty() || self.select.iter().any(hit)) && !self.ignore.iter().any(hit)
    }
}

/// Runs the selected rules over one report. Findings come out in file order.
pub fn run(report: &Report, selection: &Selection) -> Vec<Finding> {
    let ctx = Context::new(report);
    let mut out: Vec<Finding> = ALL
        .iter()
        .filter(|r| selection.enabled(r))
        .flat_map(|r| (r.check)(&ctx))
        .collect();
    out.sort_by(|a, b| {
        (a.location.start, a.code, a.location.end).cmp(&(b.location.start, b.code, b.location.end))
    });
    out.dedup_by(|a, b| a.code == b.code && a.location == b.location);
    merge_repeats(out)
}

/// Reports often repeat a paragraph (§一 and §四 share their wording). The same rule firing
/// on the same stated and expected figures is one root cause: keep the first finding and
/// list the repeats as related places, instead of reporting it again.
fn merge_repeats(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    // (rule, stated, expected, severity) → index in `out` of the first such finding.
    let mut first_of = std::collections::HashMap::new();
    for f in findings {
        let Some(expected) = f.expected.as_ref().map(|e| e.value) else {
            out.push(f);
            continue;
        };
        let key = (f.code, f.stated.value, expected, f.severity);
        match first_of.get(&key).map(|&i: &usize| &mut out[i]) {
            Some(first) => {
                first
                    .message
                    .push_str(&format!("（同一陈述另见第{}行）", f.location.line));
                first.related.push(crate::finding::Related {
                    role: "同一陈述".to_owned(),
                    text: f.stated.text.clone(),
                    value: f.stated.value,
                    location: f.location,
                });
            }
            None => {
                first_of.insert(key, out.len());
                out.push(f);
            }
        }
    }
    out
}

/// Formats a computed value at a printed precision: `95` at 2 decimals → `95.00`.
pub fn fmt_dp(v: Decimal, decimals: u32) -> String {
    format!("{:.*}", decimals as usize, v.round_dp(decimals))
}

/// Formats a decimal for messages: no trailing zeros beyond the figure's precision.
pub fn fmt(v: Decimal) -> String {
    let v = v.normalize();
    if v.is_zero() {
        "0".to_owned()
    } else {
        v.to_string()
    }
}

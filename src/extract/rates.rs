//! Completion and execution rates stated with their two figures:
//! `全年预算数为0.63万元，项目执行0.63万元，预算执行率为4.8%`.
//!
//! The rate's words (完成预算的 / 执行率为 / 完成率 …) are followed by a percentage; the
//! actual and the budget are the amounts before it in the same sentence, each known by the
//! words in front of it (决算/执行/实际完成 vs 预算/共/总额). A rate that names 年初预算 is
//! held to the 年初 budget; otherwise the full-year budget (全年/调整后/预算数/共) is preferred
//! over 年初 or 追加 amounts.

use std::sync::LazyLock;

use regex::Regex;

use super::context::Doc;
use crate::model::{ClaimId, RateStatement};

static RATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:完成(?:年初|全年|调整后)?预算(?:数)?的?|(?:预算|资金|支付)?执行率(?:为|是|达到|达)?|(?:支付)?完成率(?:为|是|达到|达)?)",
    )
    .expect("rate regex")
});

static BUDGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:预算数?|预算安排|预算资金|共|总额|下达)$").expect("budget regex")
});

static ACTUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:决算数?|执行数?|实际支出数?|实际完成|实际执行|完成|支出数?|使用|支付)$")
        .expect("actual regex")
});

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum BudgetKind {
    Added,
    Initial,
    Full,
}

/// The last actual-labelled amount and every budget-labelled amount in `[from, to)`.
fn figures(doc: &Doc, from: usize, to: usize) -> (Option<ClaimId>, Vec<(BudgetKind, ClaimId)>) {
    let mut actual = None;
    let mut budgets = Vec::new();
    let mut prev_end = from;
    // Figures listed after `其中` are parts of the subject, not its actual or budget.
    let to = doc.text[from..to].find("其中").map_or(to, |i| from + i);
    for id in doc.claims_in(from, to) {
        let c = &doc.claims[id];
        let gap = &doc.text[prev_end.min(c.norm.0)..c.norm.0];
        let gap = gap
            .rfind(['，', ',', '；', ';', '：', ':'])
            .map_or(gap, |i| &gap[i..]);
        prev_end = c.norm.1;
        if !doc.is_amount_like(id) {
            continue;
        }
        let label = doc.label_before(id);
        if BUDGET.is_match(label) {
            // `调整（追加）预算179.87万元`: the bracket splits the clause, so read the words
            // since the last figure.
            let kind = if gap.contains("年初") {
                BudgetKind::Initial
            } else if gap.contains("追加") {
                BudgetKind::Added
            } else {
                BudgetKind::Full
            };
            budgets.push((kind, id));
        } else if ACTUAL.is_match(label) {
            actual = Some(id);
        }
    }
    (actual, budgets)
}

pub fn extract(doc: &Doc) -> Vec<RateStatement> {
    let mut out = Vec::new();
    for m in RATE.find_iter(doc.text) {
        let Some(rate) = doc
            .claim_starting_at(m.end())
            .filter(|&i| doc.claims[i].is_percent())
        else {
            continue;
        };
        let s = doc.near_sentence_start(m.start());
        let wants_initial = m.as_str().contains("年初");
        let (mut actual, mut budgets) = figures(doc, s, m.start());
        // `全年预算数50万元，执行数为46.73万元。支付完成预算的93.46%`: the figures may stand
        // in the sentence before, on the same line.
        // Only when the rate's own sentence states no figure at all: a sentence with an
        // actual but no budget (`支出决算为45.38万元，完成预算数的100%`) is not completed
        // with the previous sentence's budget.
        let bare = doc.claims_in(s, m.start()).all(|i| !doc.is_amount_like(i));
        if bare && s > doc.line_start(s) {
            let p = doc.near_sentence_start(s - 1);
            (actual, budgets) = figures(doc, p, m.start());
        }
        let Some(actual) = actual else { continue };
        let budget = if wants_initial {
            budgets.iter().rev().find(|b| b.0 == BudgetKind::Initial)
        } else {
            budgets
                .iter()
                .rev()
                .find(|b| b.0 == BudgetKind::Full)
                .or_else(|| budgets.iter().rev().find(|b| b.0 == BudgetKind::Initial))
        };
        let Some(&(_, budget)) = budget else { continue };
        out.push(RateStatement {
            actual,
            budget,
            rate,
            label: m.as_str().to_owned(),
        });
    }
    out
}

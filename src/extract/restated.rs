//! Narrative figures that restate a 公开 table quantity: a current-year 决算 amount named
//! as a total (收支总计, 本年支出合计, 基本支出, 人员经费, “三公”经费 …), with the fund scope
//! its words give (全部 / 财政拨款 / 一般公共预算), and the one its 决算说明 chapter names.
//!
//! Left out: figures in table lines, change amounts, budgets (`预算`), previous years, and
//! figures whose label names something narrower in front of the keyword (`该项目支出`).

use std::collections::HashSet;

use super::context::{Doc, REACH, squeeze, trim_link};
use super::subjects::classify;
use crate::model::{ClaimId, FundScope, StatedFigure};

/// Words that make a figure something other than this year's 决算 of the named total.
const NOT_ACTUAL: &[&str] = &[
    "预算", "上年", "去年", "同期", "增加", "减少", "增长", "下降", "增减", "结转", "结余", "平均",
    "人均", "控制", "计划", "批复", "下达", "收回", "较", "比",
];

/// Words in front of the keyword that narrow it to one project or fund.
const NARROWER: &[&str] = &["项目", "资金", "经费", "该", "此", "专项", "补助"];

/// A 决算 word that names no total by itself (`实际支出数`): the total is the sentence's.
fn is_actual_word(label: &str) -> bool {
    matches!(
        &*squeeze(label),
        "实际支出数" | "实际支出" | "支出决算数" | "支出决算" | "决算数" | "实际执行数"
    )
}

pub fn extract(doc: &Doc, deltas: &HashSet<ClaimId>) -> Vec<StatedFigure> {
    let mut out = Vec::new();
    // Whether the current line is a table line, found once per line (a 10 MB line holds
    // millions of figures).
    let mut line: Option<(usize, bool)> = None;
    for (id, c) in doc.claims.iter().enumerate() {
        if !c.is_amount() || deltas.contains(&id) {
            continue;
        }
        let start = c.norm.0;
        let ls = doc.line_start(start);
        let tabbed = match line {
            Some((at, t)) if at == ls => t,
            _ => {
                let t = doc.text[ls..doc.line_end(start)].contains('\t');
                line = Some((ls, t));
                t
            }
        };
        if tabbed {
            continue;
        }
        // Bounded: a line of figures without a clause mark must not make this quadratic.
        let clause = doc
            .clause_start(start)
            .max(doc.floor(start.saturating_sub(REACH)));
        // A label never reaches back over another figure.
        let prev_end = id
            .checked_sub(1)
            .map_or(0, |p| doc.claims[p].norm.1.min(start));
        let label = trim_link(&doc.text[clause.max(prev_end)..start]);
        if NOT_ACTUAL.iter().any(|w| label.contains(w)) {
            continue;
        }
        let own = classify(label);
        if own.is_none() && !is_actual_word(label) {
            continue;
        }
        let words = doc.words_before(id);
        // A sentence about the budget (`年初预算…，其中基本支出…`) states budgets, unless the
        // figure's own label says 决算 (`…全年预算数970.5万元，实际支出数970.5万元`).
        if words.replace("一般公共预算", "").contains("预算")
            && !label.contains("决算")
            && !is_actual_word(label)
        {
            continue;
        }
        let (subject, named) = match own {
            Some(s) => (s, label),
            None if is_actual_word(label) => match classify(words) {
                Some(s) => (s, words),
                None => continue,
            },
            None => continue,
        };
        // The words of the name itself, up to the figure, must not narrow it.
        let name = named.trim_start_matches(|ch: char| {
            ch.is_ascii_digit() || ch.is_whitespace() || "年度".contains(ch)
        });
        let name = name.strip_prefix("其中").unwrap_or(name);
        let keyword_at = name
            .find(subject.name().trim_end_matches("费"))
            .unwrap_or(name.len());
        if NARROWER.iter().any(|w| name[..keyword_at].contains(w)) {
            continue;
        }
        if doc.names_previous_year(clause, start)
            || doc.names_previous_year(doc.near_sentence_start(start), start)
                && !is_actual_word(label)
                && named == words
        {
            continue;
        }
        let chapter = doc
            .chapter(id)
            .map(|s| doc.sections[s].title.as_str())
            .filter(|t| t.contains("决算"));
        out.push(StatedFigure {
            claim: id,
            subject,
            scope: FundScope::named_in(named),
            chapter_scope: chapter.and_then(FundScope::named_in),
        });
    }
    out
}

//! Breakdowns and shares: a total and its listed parts, each part with an optional share.
//!
//! Triggers: `其中`, `主要用于以下方面`, `（具体/主要）包括`, and a sentence that opens with a
//! named total (`“三公”经费财政拨款支出决算中，…`). The total is the nearest figure before
//! the trigger in its sentence; the parts run to the end of the sentence (or of the bracket
//! the trigger stands in). A trigger that ends its line lists one part at the head of each
//! following line (`基本支出535.12万元，其中：` / `人员经费430.45万元…` / `公用经费…`).
//! A share that names its whole (`占本年支出合计的100%`) is tied to that whole, found by its
//! label earlier in the report, never to the breakdown's total.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::context::{Doc, REACH, trim_link};
use crate::model::{Breakdown, BreakdownKind, BreakdownPart, ClaimId, ClaimKind, ShareStatement};

static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"其中[:：,，]?|主要用于以下方面[:：]?|以下方面[:：]|具体包括[:：]?|主要包括[:：]?|包括[:：]")
        .expect("trigger regex")
});

static NAMED_TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<label>[^，,。；;：:\n]{2,40}?)中[，,:：]").expect("named total regex")
});

static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[，,（(]?占(?P<label>[^，,。；;%0-9]{0,24}?)的?[0-9]").expect("share regex")
});

static LEADING_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:20[0-9]{2}年度?|本年度|本年|全年|当年|我[局单部]门?|本[单部]位?门?)+")
        .expect("leading year regex")
});

/// Result of the breakdown pass.
pub struct Extracted {
    pub breakdowns: Vec<Breakdown>,
    pub shares: Vec<ShareStatement>,
}

pub fn extract(doc: &Doc, deltas: &HashSet<ClaimId>) -> Extracted {
    let mut breakdowns = Vec::new();
    for m in TRIGGER.find_iter(doc.text) {
        let s = doc.near_sentence_start(m.start());
        let Some(total) = total_before(doc, s, m.start(), deltas) else {
            continue;
        };
        let kind = if m.as_str().contains("包括") {
            BreakdownKind::Partial
        } else {
            BreakdownKind::Complete
        };
        let parts = if doc.text[m.end()..].starts_with('\n') || m.end() == doc.text.len() {
            parts_on_following_lines(doc, total, m.end())
        } else {
            parts_inline(doc, total, m.start(), m.end(), deltas)
        };
        if !parts.is_empty() {
            let total = best_total(doc, total, s, &parts);
            breakdowns.push(Breakdown {
                subject: super::subjects::classify(doc.words_before(total)),
                total,
                parts,
                kind,
                trigger: m
                    .as_str()
                    .trim_end_matches([':', '：', ',', '，'])
                    .to_owned(),
            });
        }
    }
    // `2023年度“三公”经费财政拨款支出决算中，因公出国（境）费…0万元，占0%；…`
    let mut pos = 0;
    while pos < doc.text.len() {
        let end = doc.sentence_end(pos);
        let sentence = &doc.text[pos..end];
        if let Some(c) = NAMED_TOTAL.captures(sentence) {
            let at = pos + c.get(0).expect("match").end();
            let plain = doc
                .claims_in(pos, at)
                .all(|i| doc.claims[i].kind == ClaimKind::Bare);
            if !plain {
                pos = end + doc.text[end..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            if let Some(total) = resolve_label(doc, &c["label"], pos) {
                let parts = parts_inline(doc, total, at, at, deltas);
                if parts.iter().any(|p| p.share.is_some()) {
                    breakdowns.push(Breakdown {
                        subject: super::subjects::classify(&c["label"]),
                        total,
                        parts,
                        kind: BreakdownKind::Complete,
                        trigger: "中".to_owned(),
                    });
                }
            }
        }
        pos = end + doc.text[end..].chars().next().map_or(1, char::len_utf8);
    }
    let shares = named_shares(doc, &breakdowns);
    Extracted { breakdowns, shares }
}

/// The total a trigger refers to: the nearest amount or count before it in the sentence,
/// at most a short clause away (`…0.65万元，占…的0.1%，其中：`).
fn total_before(
    doc: &Doc,
    sentence: usize,
    at: usize,
    deltas: &HashSet<ClaimId>,
) -> Option<ClaimId> {
    let mut i = doc.first_claim_at(at);
    while i > 0 {
        i -= 1;
        let c = &doc.claims[i];
        // The total stands just before its trigger (a short clause at most).
        if c.norm.0 < sentence || at - c.norm.1 > 120 {
            return None;
        }
        // `收入合计500万元，较上年增加50万元，增长11.1%；其中：…`: the change is not the total.
        if c.is_percent() || deltas.contains(&i) || c.kind == ClaimKind::Bare {
            continue;
        }
        if doc.text[c.norm.1..at].chars().count() > 30 {
            return None;
        }
        return (doc.is_amount_like(i) || doc.is_count(i)).then_some(i);
    }
    None
}

/// `核定编制42名，实有人数40名，其中：行政编制30名，事业编制12名`: the parts are named
/// after an earlier figure of the sentence, not the nearest one. Prefer an earlier figure of
/// the same kind only when its name shares strictly more with the parts' names.
fn best_total(doc: &Doc, nearest: ClaimId, sentence: usize, parts: &[BreakdownPart]) -> ClaimId {
    let names: String = parts.iter().take(8).map(|p| p.label.as_str()).collect();
    let score = |id: ClaimId| common_run(doc.label_before(id), &names);
    let mut best = (score(nearest), nearest);
    let from = sentence.max(doc.floor(doc.claims[nearest].norm.0.saturating_sub(REACH)));
    for id in doc.claims_in(from, doc.claims[nearest].norm.0) {
        let s = score(id);
        if doc.claims[id].kind == doc.claims[nearest].kind
            && !doc.claims[id].threshold
            && s >= 2
            && s > best.0
        {
            best = (s, id);
        }
    }
    best.1
}

/// Length in characters of the longest run two strings share.
fn common_run(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut best = 0;
    for i in 0..a.len() {
        for j in 0..b.len() {
            let mut k = 0;
            while i + k < a.len() && j + k < b.len() && a[i + k] == b[j + k] {
                k += 1;
            }
            best = best.max(k);
        }
    }
    best
}

fn same_kind(doc: &Doc, total: ClaimId, part: ClaimId) -> bool {
    let (t, p) = (&doc.claims[total], &doc.claims[part]);
    if p.threshold || p.quantity.is_none() {
        return false;
    }
    match (&t.kind, &p.kind) {
        (ClaimKind::Amount, ClaimKind::Amount) => true,
        // `其他工资福利支出21.32等`: an amount whose unit the report left out.
        (ClaimKind::Amount, ClaimKind::Bare) => {
            p.quantity.is_some_and(|q| q.decimals > 0)
                && doc.text[p.norm.1..].starts_with(['等', '、', '，', '；', '。'])
        }
        (ClaimKind::Count(a), ClaimKind::Count(b)) => a == b,
        _ => false,
    }
}

fn share_after(doc: &Doc, part: ClaimId) -> Option<(ClaimId, Option<String>)> {
    let end = doc.claims[part].norm.1;
    let c = SHARE.captures(&doc.text[end..])?;
    // The match ends on the share's first digit.
    let at = end + c.get(0)?.end() - 1;
    let id = doc
        .claim_starting_at(at)
        .filter(|&i| doc.claims[i].is_percent())?;
    // `占44.1%`, `占比44.1%` share the list's total; `占政府采购支出总额(的)0.1%` names its own.
    let label = c["label"].trim_start_matches('比').trim_start_matches('为');
    let label = (!label.is_empty()).then(|| label.to_owned());
    Some((id, label))
}

/// `占总支出的44.1%` inside a list: the list's own total, named generically.
fn names_the_list_total(label: &str) -> bool {
    matches!(
        label.trim_end_matches('的'),
        "总支出"
            | "支出总额"
            | "全部支出"
            | "总收入"
            | "收入总额"
            | "全部收入"
            | "总额"
            | "合计"
            | "总计"
    )
}

fn part_label(doc: &Doc, id: ClaimId) -> String {
    let l = doc.wide_label_before(id);
    l.strip_prefix("其中").unwrap_or(l).trim().to_owned()
}

fn parts_inline(
    doc: &Doc,
    total: ClaimId,
    trigger_start: usize,
    from: usize,
    deltas: &HashSet<ClaimId>,
) -> Vec<BreakdownPart> {
    let s = doc.near_sentence_start(trigger_start);
    // Inside a bracket, the list ends with the bracket.
    let open = doc.text[s..trigger_start]
        .chars()
        .fold(0i32, |d, c| match c {
            '（' | '(' => d + 1,
            '）' | ')' => d - 1,
            _ => d,
        })
        .max(0);
    let mut end = doc.sentence_end(from).min(doc.floor(from + 4 * REACH));
    let mut depth = 0i32;
    for (i, c) in doc.text[from..end].char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth < 0 && open > 0 {
                    end = from + i;
                    break;
                }
            }
            _ => {}
        }
    }
    // A nested `其中` starts a breakdown of its own.
    if let Some(n) = doc.text[from..end].find("其中") {
        end = from + n;
    }
    // `主要包括：（基本工资、津贴补贴…等）；公用经费97.99万元`: a selection ends at the
    // semicolon, where the next subject begins. (Complete lists use ； between parts.)
    if doc.text[trigger_start..from].contains("包括")
        && let Some(n) = doc.text[from..end].find(['；', ';'])
    {
        end = from + n;
    }
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut cursor = from;
    for id in doc.claims_in(from, end) {
        let c = &doc.claims[id];
        depth += doc.text[cursor..c.norm.0]
            .chars()
            .map(|ch| match ch {
                '（' | '(' => 1,
                '）' | ')' => -1,
                _ => 0,
            })
            .sum::<i32>();
        cursor = c.norm.0;
        if depth > 0 || deltas.contains(&id) || !same_kind(doc, total, id) {
            continue;
        }
        // `…其他收入50万元，上年为480万元` / `年初预算为550万元`: another year's or a budget's
        // figure standing in the list is not one of its parts.
        let label = doc.wide_label_before(id);
        let clause = doc.clause_start(c.norm.0);
        let total_words = doc.words_before(total);
        let budget = ["预算", "预算数", "预算安排", "预算资金"]
            .iter()
            .any(|w| label.ends_with(w));
        if doc.names_previous_year(clause, c.norm.0) || (budget && !total_words.contains("预算"))
        {
            continue;
        }
        let share = share_after(doc, id);
        parts.push(BreakdownPart {
            label: part_label(doc, id),
            amount: id,
            share: share
                .as_ref()
                .filter(|(_, l)| l.as_deref().is_none_or(names_the_list_total))
                .map(|(s, _)| *s),
        });
    }
    parts
}

fn parts_on_following_lines(doc: &Doc, total: ClaimId, from: usize) -> Vec<BreakdownPart> {
    let mut parts = Vec::new();
    let mut pos = from;
    let mut lines = 0;
    while pos < doc.text.len() && lines < 6 {
        let start = pos + usize::from(doc.text[pos..].starts_with('\n'));
        let end = doc.line_end(start);
        pos = end;
        lines += 1;
        let line = &doc.text[start..end];
        if line.trim().is_empty() {
            continue;
        }
        if crate::sections::heading(line).is_some() {
            break;
        }
        let first = doc.first_claim_at(start);
        let ok = first < doc.claims.len()
            && doc.claims[first].norm.1 <= end
            // `人员经费430.45万元…`: a short label, then the figure.
            && trim_link(&doc.text[start..doc.claims[first].norm.0])
                .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
                .chars()
                .count()
                <= 8
            && same_kind(doc, total, first);
        if !ok {
            break;
        }
        parts.push(BreakdownPart {
            label: part_label(doc, first),
            amount: first,
            share: share_after(doc, first)
                .filter(|(_, l)| l.is_none())
                .map(|(s, _)| s),
        });
    }
    parts
}

/// Shares that name their whole: `…1214.15万元，占本年支出合计的100%`.
fn named_shares(doc: &Doc, breakdowns: &[Breakdown]) -> Vec<ShareStatement> {
    let mut out = Vec::new();
    // The list a total is itself a part of, if any.
    let enclosing = |total: ClaimId| {
        breakdowns
            .iter()
            .find(|o| o.parts.iter().any(|p| p.amount == total))
            .map(|o| o.total)
    };
    for b in breakdowns {
        for p in &b.parts {
            if let Some(share) = p.share {
                out.push(ShareStatement {
                    part: p.amount,
                    whole: b.total,
                    share,
                    whole_label: None,
                    alternative: enclosing(b.total),
                });
            }
        }
    }
    for id in 0..doc.claims.len() {
        if !doc.is_amount_like(id) {
            continue;
        }
        let Some((share, Some(label))) = share_after(doc, id) else {
            continue;
        };
        if let Some(whole) = resolve_label(doc, &label, doc.claims[id].norm.0)
            && whole != id
        {
            out.push(ShareStatement {
                part: id,
                whole,
                share,
                whole_label: Some(label),
                alternative: None,
            });
        }
    }
    out.sort_by_key(|s| doc.claims[s.share].norm.0);
    out.dedup_by_key(|s| s.share);
    out
}

fn strip_label(label: &str) -> &str {
    let l = label.trim().trim_end_matches('的');
    let l = LEADING_YEAR.find(l).map_or(l, |m| &l[m.end()..]);
    l.trim()
}

/// Report-level totals a share may name from anywhere in the report (`占本年支出合计的…`).
/// Any other named whole must stand in the same chapter: `占总支出22%` in an appendix is
/// the appendix's own total, not the department's.
const REPORT_TOTALS: &[&str] = &[
    "支出合计",
    "收入合计",
    "收支总计",
    "收、支总计",
    "支出总计",
    "收入总计",
    "政府采购支出总额",
];

/// Finds the figure a label names, looking back from `before`: the nearest amount whose
/// words (from its sentence start) end with the label, or whose own label ends with the
/// label's last two characters while containing its first two
/// (`“三公”经费…支出决算` ~ `“三公”经费财政拨款支出预算为9.00万元，支出决算为6.22万元`).
pub fn resolve_label(doc: &Doc, label: &str, before: usize) -> Option<ClaimId> {
    let label = strip_label(label);
    let key: Vec<char> = label.chars().filter(|c| !is_quote(*c)).collect();
    let n = key.len();
    if n < 2 {
        return None;
    }
    let key_text: String = key.iter().collect();
    let anywhere = REPORT_TOTALS.iter().any(|t| key_text.ends_with(t));
    let here = doc.first_claim_at(before);
    let chapter = (here < doc.claims.len())
        .then(|| doc.chapter(here))
        .flatten();
    let head: String = key[..2].iter().collect();
    let tail = &key[n - 2..];
    let mut i = here;
    // A named whole stands in the same chapter or is a report-level total stated before;
    // either way within a few hundred figures.
    let stop = here.saturating_sub(300);
    while i > stop {
        i -= 1;
        if !doc.is_amount_like(i) {
            continue;
        }
        if !anywhere && doc.chapter(i) != chapter {
            continue;
        }
        let c = &doc.claims[i];
        // The words in front of the figure: its label is what matters, so 50 characters do.
        let s = doc
            .near_sentence_start(c.norm.0)
            .max(doc.floor(c.norm.0.saturating_sub(150)));
        let words = trim_link(&doc.text[s..c.norm.0]);
        let own = doc.wide_label_before(i);
        if ends_with_unquoted(words, &key)
            || (ends_with_unquoted(own, tail) && words.contains(head.as_str()))
        {
            return Some(i);
        }
    }
    None
}

fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’')
}

/// Does `s`, quotes left out, end with `key`? Without allocating.
fn ends_with_unquoted(s: &str, key: &[char]) -> bool {
    let mut rest = s.chars().rev().filter(|c| !is_quote(*c));
    key.iter().rev().all(|k| rest.next() == Some(*k))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_share_names_its_whole_with_or_without_de() {
        for (text, label) in [
            ("，占政府采购支出总额40.00%", "政府采购支出总额"),
            ("，占政府采购支出总额的40.00%", "政府采购支出总额"),
            ("，占44.1%", ""),
            ("，占比5.19%", "比"),
            ("（占比20%）", "比"),
        ] {
            let c = super::SHARE.captures(text).expect(text);
            assert_eq!(&c["label"], label, "{text}");
        }
        assert!(super::SHARE.captures("，占用土地").is_none());
    }
}

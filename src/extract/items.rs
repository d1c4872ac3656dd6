//! Budget items by 类/款/项 in the narrative (一般公共预算财政拨款支出决算具体情况):
//! `1.社会保障和就业（类）行政事业单位离退休（款）机关事业单位基本养老保险缴费支出（项）：
//! 支出决算为41.29万元，完成预算100%。` — or the name on one line and its figures on the next
//! (`年初预算为 21.91 万元，支出决算为 31.67 万元，完成年初预算的 144.55%，…原因是：…`).
//!
//! An item counts only when a 决算 figure follows its name: definitions in 名词解释 and
//! project lists that name an item with some other figure are not items.

use std::sync::LazyLock;

use regex::Regex;

use super::context::{Doc, Locate};
use crate::model::{BudgetItem, ItemsTotal, strip_list_number};

static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        // A name may hold brackets of its own (`政府办公厅（室）`, `因公出国（境）`), never a
        // level mark: a bracket opening with 类/款/项 ends the name.
        r"(?P<class>(?:[^（(）)\n：:，,。；;、]|[（(][^类款项）)\n][^）)\n]{0,5}[）)]){2,30}?)[（(]类[）)](?P<kuan>(?:[^（(）)\n：:，,。；;]|[（(][^类款项）)\n][^）)\n]{0,5}[）)]){1,30}?)[（(]款[）)](?P<item>(?:[^（(）)\n：:，,。；;]|[（(][^类款项）)\n][^）)\n]{0,5}[）)]){1,40}?)[（(]项[）)]",
    )
    .expect("item regex")
});

static ACTUAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"决算(?:数)?(?:为|是)?$").expect("item actual regex"));

static BUDGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:年初|全年|调整后)?预算(?:数)?(?:为|是)?$").expect("item budget regex")
});

static RATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"完成(?:年初|全年)?预算(?:数)?的?$").expect("item rate regex"));

/// The statement heading each list of items: between the previous item's figures (or three
/// lines back) and an item's name, an amount labelled as spending (`一般公共预算财政拨款支出`,
/// `支出决算数为`) and the budget beside it (`全年预算数为`, `年初预算数为`). An item with no
/// such statement in front of it continues the list before it.
pub fn totals(doc: &Doc, items: &[(std::ops::Range<usize>, BudgetItem)]) -> Vec<ItemsTotal> {
    let mut out: Vec<ItemsTotal> = Vec::new();
    let mut prev_end = 0;
    for (k, (range, _)) in items.iter().enumerate() {
        let line = doc.line_start(range.start);
        let mut from = line;
        for _ in 0..3 {
            if from == 0 {
                break;
            }
            from = doc.line_start(from - 1);
        }
        let from = from.max(prev_end);
        prev_end = range.end;
        let (mut actual, mut budget) = (None, None);
        for id in doc.claims_in(from, line) {
            if !doc.is_amount_like(id) {
                continue;
            }
            let label = doc.label_before(id);
            if label.replace("一般公共预算", "").contains("预算") {
                budget.get_or_insert(id);
            } else if label.contains("支出") {
                actual.get_or_insert(id);
            }
        }
        match (actual, out.last_mut()) {
            (Some(actual), _) => out.push(ItemsTotal {
                actual,
                budget,
                first_item: k,
                count: 1,
            }),
            (None, Some(t)) if t.first_item + t.count == k => t.count += 1,
            _ => {}
        }
    }
    out
}

/// Every item, with the text range from its name to the end of its figures.
pub fn extract(doc: &Doc, locate: Locate) -> Vec<(std::ops::Range<usize>, BudgetItem)> {
    let mut out = Vec::new();
    // An item never spans lines and always holds `（类）` (brackets of either width): only
    // the lines with `类）` or `类)` are searched (the regex has no literal prefix that would
    // let it skip the other lines quickly by itself).
    let text = doc.text;
    let mut lines_with_class = Vec::new();
    for mark in ["类）", "类)"] {
        let mut at = 0;
        while let Some(i) = text[at..].find(mark) {
            let p = at + i;
            lines_with_class.push(doc.line_start(p));
            at = doc.line_end(p).max(p + mark.len());
        }
    }
    lines_with_class.sort_unstable();
    lines_with_class.dedup();
    let found = lines_with_class.into_iter().flat_map(|ls| {
        let le = doc.line_end(ls);
        ITEM.captures_iter(&text[ls..le]).map(move |c| (ls, c))
    });
    for (ls, c) in found {
        let name = c.get(0).expect("match");
        // The match in the whole text.
        let name = (ls + name.start())..(ls + name.end());
        // The figures follow on the same line, or on the next non-empty line when the name
        // stands alone.
        let mut from = name.end;
        let mut to = doc.line_end(from);
        if doc.claims_in(from, to).next().is_none() {
            let mut next = to;
            while next < doc.text.len() && doc.text[next..].starts_with('\n') {
                next += 1;
            }
            let end = doc.line_end(next);
            if ITEM.is_match(&doc.text[next..end]) {
                continue;
            }
            from = next;
            to = end;
        }
        // A following item on the same line ends this one.
        if let Some(m) = ITEM.find(&doc.text[from..to]) {
            to = from + m.start();
        }
        let (mut actual, mut budget, mut rate) = (None, None, None);
        for id in doc.claims_in(from, to) {
            let claim = &doc.claims[id];
            let label = doc.label_before(id);
            if claim.is_percent() {
                if rate.is_none() && RATE.is_match(label) {
                    rate = Some(id);
                }
            } else if doc.is_amount_like(id) {
                // The first of each: a reason may restate the budget later in the line.
                if actual.is_none() && ACTUAL.is_match(label) {
                    actual = Some(id);
                } else if budget.is_none() && BUDGET.is_match(label) {
                    budget = Some(id);
                }
            }
        }
        let Some(actual) = actual else { continue };
        let rest = &doc.text[from..to];
        let reason = rest
            .find("原因")
            .map(|i| rest[i..].trim_start_matches(|ch: char| "原因是为：: ".contains(ch)))
            .map(|r| r.trim_end_matches('。').to_owned())
            .filter(|r| !r.is_empty());
        let (span, section) = locate(name.clone());
        out.push((
            name.start..to,
            BudgetItem {
                class: strip_list_number(&c["class"]).trim().to_owned(),
                subclass: c["kuan"].trim().to_owned(),
                item: c["item"].trim().to_owned(),
                actual,
                budget,
                rate,
                reason,
                span,
                section,
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::class_key;

    #[test]
    fn class_names_agree_across_wordings() {
        let k = class_key("社会保障和就业");
        assert_eq!(class_key("社会保障和就业（类）支出"), k);
        assert_eq!(class_key("社会保障和就业支出(类)"), k);
        assert_eq!(class_key("1.社会保障和就业"), k);
        assert_eq!(class_key("卫生健康支出"), class_key("卫生健康（类）"));
    }
}

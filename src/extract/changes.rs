//! Year-over-year changes: `与2022年度相比，收、支总计各增加511.88万元，增长72.9%`.
//!
//! A change is a direction word (增加/减少/增长/下降/上升/降低) directly followed by an
//! amount, in a sentence that compares with an earlier year (比/较/相比 and 上年 or an
//! earlier `20XX年`). Comparisons with a budget (`比年初预算减少`) are not changes.
//! The current figure is the nearest amount before it in the same paragraph (crossing at
//! most one sentence end) — the nearest one *named like the change's subject* when the
//! sentence names one; a figure in a clause naming the previous year is the previous
//! figure. The rate may follow the change (`增加…，增长…%`, `（增长…%）`) or precede it
//! (`增长…%，增加…`). Changes listed after `主要是…` are the components of the change
//! before them; `…持平` statements are kept as changes of zero (`unchanged`).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::context::{Doc, REACH, REACH_CLAIMS};
use crate::model::{ChangeComponent, ChangeStatement, ClaimId, Direction, Subject};

static DIRECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:增加|减少|增长|下降|上升|降低)了?").expect("direction regex"));

static RATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[，,、（(]?(?:同比|比上年|较上年)?(增长|下降|上升|减少|降低|增幅|降幅)(?:了|为|率为|幅度为|幅度达|幅为)?")
        .expect("rate regex")
});

static RATE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(增长|下降|上升|减少|降低|增幅|降幅)(?:了|为|率为|幅度为|幅为)?$")
        .expect("rate-before regex")
});

static CAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"主要是|主要原因是|主要原因为|主要因为|主要由于|主要系|原因是|其中")
        .expect("cause regex")
});

fn direction(word: &str) -> Direction {
    if word.starts_with("增") || word.starts_with("上升") {
        Direction::Up
    } else {
        Direction::Down
    }
}

struct Raw {
    /// What changed, as the sentence names it (`收、支总计`), when it does.
    subject: String,
    amount: ClaimId,
    direction: Direction,
    word_start: usize,
    end: usize,
    rate: Option<ClaimId>,
    rate_direction: Option<Direction>,
}

pub fn extract(doc: &Doc) -> Vec<ChangeStatement> {
    let mut raws = Vec::new();
    for m in DIRECTION.find_iter(doc.text) {
        let Some(amount) = doc.claim_starting_at(m.end()) else {
            continue;
        };
        if !doc.is_amount_like(amount) {
            continue;
        }
        let s = doc.near_sentence_start(m.start());
        let before = &doc.text[s..m.start()];
        // What the figure is compared with: after 比/较, or between 与 and 相比.
        let object = if let Some(x) = before.rfind("相比") {
            let from = before[..x].rfind(['与', '同']).unwrap_or(0);
            s + from..s + x
        } else if let Some(x) = before.rfind(['比', '较']) {
            s + x..m.start()
        } else {
            continue;
        };
        // `比预算数少…`, `比年初预算减少…`: a comparison with the budget, not a change.
        if doc.text[object.clone()].contains("预算")
            && !doc.names_previous_year(object.start, object.end)
        {
            continue;
        }
        // `比2022年度增加…`: a year named as the comparison is an earlier year, even when
        // the report's own year could not be told from the text.
        if !doc.names_previous_year(s, m.start())
            && !doc.names_a_year(object.start, object.end)
            && !before.contains("同比")
        {
            continue;
        }
        let mut end = doc.claims[amount].norm.1;
        let mut rate = None;
        let mut rate_direction = None;
        if let Some(r) = RATE_AFTER.captures(&doc.text[end..]) {
            let at = end + r.get(0).expect("match").end();
            if let Some(id) = doc
                .claim_starting_at(at)
                .filter(|&i| doc.claims[i].is_percent())
            {
                rate = Some(id);
                rate_direction = Some(direction(&r[1]));
                end = doc.claims[id].norm.1;
            }
        }
        // `较上年增长10.00%，增加90.91万元`: the rate may come first.
        if rate.is_none() {
            let first = doc.first_claim_at(m.start());
            if let Some(id) = first.checked_sub(1).filter(|&i| doc.claims[i].is_percent()) {
                let pct = doc.claims[id].norm;
                let gap = doc.text.get(pct.1..m.start()).unwrap_or("");
                if matches!(gap, "，" | "," | "、") {
                    let lead = &doc.text[doc.near_sentence_start(pct.0)..pct.0];
                    if let Some(c) = RATE_BEFORE.captures(lead) {
                        rate = Some(id);
                        rate_direction = Some(direction(&c[1]));
                    }
                }
            }
        }
        raws.push(Raw {
            subject: subject_of(doc, m.start(), object.clone()),
            amount,
            direction: direction(m.as_str()),
            word_start: m.start(),
            end,
            rate,
            rate_direction,
        });
    }

    let deltas: HashSet<ClaimId> = raws.iter().map(|r| r.amount).collect();
    let mut out: Vec<ChangeStatement> = Vec::new();
    // Index in `out` of the change whose components are being listed, and where the
    // listing has reached.
    let mut listing: Option<(usize, usize)> = None;
    for r in &raws {
        if let Some((parent, reached)) = listing {
            let between = &doc.text[reached..r.word_start];
            let same_line = !between.contains('\n');
            let no_figure = doc
                .claims_in(reached, r.word_start)
                .all(|i| !doc.is_amount_like(i) || deltas.contains(&i));
            // The first component needs a cause word (主要是…) before it; later ones
            // continue the same list within the sentence.
            let first = out[parent].components.is_empty();
            let listed = if first {
                CAUSE.is_match(between)
            } else {
                !between.contains('。')
            };
            if same_line && no_figure && listed {
                out[parent].components.push(ChangeComponent {
                    amount: r.amount,
                    direction: r.direction,
                });
                listing = Some((parent, r.end));
                continue;
            }
        }
        let (current, previous) = find_current(doc, r.word_start, &r.subject, &deltas);
        let subject = current
            .and_then(|c| super::subjects::classify(doc.words_before(c)))
            .or_else(|| super::subjects::classify(&r.subject));
        out.push(ChangeStatement {
            subject,
            current,
            previous,
            amount: r.amount,
            direction: r.direction,
            rate: r.rate,
            rate_direction: r.rate_direction,
            components: Vec::new(),
        });
        listing = Some((out.len() - 1, r.end));
    }
    out
}

static NOT_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"20[0-9]{2}年度?|上年度?|去年|同期|同比|相比|决算数?|预算数?|[与比较各的为是共了]|[0-9.]+|[\s“”"'（）()、·]"#)
        .expect("subject regex")
});

/// The words naming what changed: the clause before the direction word, without the
/// comparison (`与2022年度相比`, `比上年`) and linking words. Empty when the sentence does
/// not name it (`较上年度增加…`).
fn subject_of(doc: &Doc, word_start: usize, object: std::ops::Range<usize>) -> String {
    let lo = doc.near_sentence_start(word_start);
    let from = doc.text[lo..word_start]
        .rfind(['，', ',', '。', '；', ';', '：', ':', '\n'])
        .map_or(lo, |i| {
            lo + i + doc.text[lo + i..].chars().next().map_or(1, char::len_utf8)
        });
    // The comparison object (`上年`, `2022年度`) is not part of the subject.
    let mut words = String::new();
    if (from..=word_start).contains(&object.start) && object.end <= word_start {
        words.push_str(&doc.text[from..object.start]);
        words.push_str(&doc.text[object.end..word_start]);
    } else {
        words.push_str(&doc.text[from..word_start]);
    }
    NOT_SUBJECT.replace_all(&words, "").into_owned()
}

/// Do a change's subject and a figure's label name the same thing? They share a run of at
/// least four characters (or all of the shorter one, if it is shorter than that).
fn same_subject(subject: &str, label: &str) -> bool {
    let label = NOT_SUBJECT.replace_all(label, "");
    let (a, b): (Vec<char>, Vec<char>) = (subject.chars().collect(), label.chars().collect());
    let need = a.len().min(b.len()).min(4);
    if need < 2 {
        return false;
    }
    a.windows(need).any(|w| b.windows(need).any(|v| v == w))
}

static FLAT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"持平").expect("flat regex"));

/// `…比2022年度持平`, `与2019年持平`: a change of zero against an earlier year. Returns the
/// normalised byte range of `持平` with the statement's subject and current figure.
pub fn unchanged(doc: &Doc) -> Vec<(std::ops::Range<usize>, Option<Subject>, Option<ClaimId>)> {
    let mut out = Vec::new();
    for m in FLAT.find_iter(doc.text) {
        let s = doc.near_sentence_start(m.start());
        let before = &doc.text[s..m.start()];
        let Some(x) = before.rfind(['比', '与', '较']) else {
            continue;
        };
        // `决算数与预算数持平` compares with the budget, not with last year.
        let earlier_year =
            doc.names_a_year(s + x, m.start()) || doc.names_previous_year(s + x, m.start());
        if before[x..].contains("预算") || !earlier_year {
            continue;
        }
        let subject = subject_of(doc, m.start(), s + x..m.start());
        let (current, _) = find_current(doc, m.start(), &subject, &HashSet::new());
        let named = current
            .and_then(|c| super::subjects::classify(doc.words_before(c)))
            .or_else(|| super::subjects::classify(&subject));
        out.push((m.start()..m.end(), named, current));
    }
    out
}

/// The current and previous figures of a change whose direction word starts at `at`.
fn find_current(
    doc: &Doc,
    at: usize,
    subject: &str,
    deltas: &HashSet<ClaimId>,
) -> (Option<ClaimId>, Option<ClaimId>) {
    let line = doc.line_start(at);
    let this_sentence = doc.sentence_start(at);
    let limit = if this_sentence > line {
        doc.sentence_start(this_sentence - 1).max(line)
    } else {
        line
    };
    let limit = limit.max(doc.floor(at.saturating_sub(REACH)));
    let mut previous = None;
    let mut i = doc.first_claim_at(at);
    let stop = i.saturating_sub(REACH_CLAIMS);
    while i > stop {
        i -= 1;
        let c = &doc.claims[i];
        if c.norm.0 < limit {
            break;
        }
        if deltas.contains(&i) {
            break;
        }
        if !doc.is_amount_like(i) {
            continue;
        }
        let clause = doc.clause_start(c.norm.0);
        // `与2022年度相比702.27万元相比`: the figure's own clause names the earlier year.
        let own = if doc.text[clause..c.norm.0].trim().is_empty() {
            doc.clause_start(clause.saturating_sub(1).max(doc.line_start(clause)))
        } else {
            clause
        };
        // A figure in a `与…相比` / `比…` / `较…` clause is the base of the comparison,
        // whatever year the report turns out to be about.
        let clause_text = &doc.text[own..c.norm.0];
        let compared = clause_text.contains("相比")
            || (clause_text.contains(['比', '较']) && doc.names_a_year(own, c.norm.0));
        if previous.is_none() && (doc.names_previous_year(own, c.norm.0) || compared) {
            previous = Some(i);
            continue;
        }
        // `基本支出500万元，项目支出300万元。与上年相比，基本支出增加…`: when the sentence
        // names what changed, the current figure is the nearest one with that name.
        let named = subject.chars().count() >= 2;
        if named && !same_subject(subject, doc.wide_label_before(i)) {
            continue;
        }
        // `收入合计500万元，其中：财政拨款收入450万元，其他收入50万元，比上年增加…`: an
        // unnamed change after a list may be the list's or its last part's; leave it.
        if !named {
            let from = doc.near_sentence_start(c.norm.0);
            let list = &doc.text[from..c.norm.0];
            if list.contains("其中") || list.contains("包括") {
                return (None, None);
            }
        }
        // `2023年收入100万元，2022年结转资金20万元，比上年增加…`: a figure of an earlier year
        // is this figure's previous value only if it names nothing else.
        let previous = previous.filter(|&p| {
            let own = NOT_SUBJECT.replace_all(doc.wide_label_before(p), "");
            own.chars().count() < 2 || same_subject(&own, doc.wide_label_before(i))
        });
        return (Some(i), previous);
    }
    (None, previous)
}

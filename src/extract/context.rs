//! Shared reading helpers for extractors: sentence and clause bounds in the normalised
//! text, claims by position, and the left-hand words of a figure.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Claim, ClaimId, ClaimKind, Section};
use crate::text::Span;

/// Maps a normalised byte range to its original span and the innermost section it stands in.
pub type Locate<'a> = &'a dyn Fn(std::ops::Range<usize>) -> (Span, Option<usize>);

/// The normalised text and its claims, sorted by position, with the sentence, clause and
/// line boundaries found once, so every lookup is a binary search (never a scan back
/// through a long line).
pub struct Doc<'a> {
    pub text: &'a str,
    pub claims: &'a [Claim],
    pub sections: &'a [Section],
    pub year: Option<u32>,
    /// Byte offsets of sentence terminators, clause delimiters and newlines.
    sentence_marks: Vec<usize>,
    clause_marks: Vec<usize>,
    line_marks: Vec<usize>,
}

/// How far (in bytes, about 200 Chinese characters) an extractor looks from a figure or a
/// trigger word for the rest of its statement. Real statements are far shorter; the bound
/// keeps a pathological input (a 10 MB line without a full stop) linear.
pub const REACH: usize = 600;

/// How many figures an extractor walks back over at most, for the same reason.
pub const REACH_CLAIMS: usize = 60;

const SENTENCE_END: &[char] = &['。', '\n', '！', '？', '!', '?'];
const CLAUSE_END: &[char] = &[
    '。', '\n', '；', ';', '，', ',', '：', ':', '、', '（', '(', '）', ')', '！', '？',
];

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(20[0-9]{2})年").expect("year regex"));

static TITLE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(20[0-9]{2})\s*年度?[^\n]{0,40}?(?:决算|绩效|自评)").expect("title year regex")
});

/// The year a report is about: the year its title names (`2023年度泸州市医疗保障局单位决算`,
/// in the first lines), else the most frequent `20XX年` (ties go to the later year).
pub fn report_year(text: &str) -> Option<u32> {
    let head: String = text.lines().take(8).collect::<Vec<_>>().join("\n");
    if let Some(y) = TITLE_YEAR
        .captures(&head)
        .and_then(|c| c[1].parse::<u32>().ok())
    {
        return Some(y);
    }
    let mut counts: std::collections::BTreeMap<u32, usize> = Default::default();
    for c in YEAR.captures_iter(text) {
        if let Ok(y) = c[1].parse() {
            *counts.entry(y).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

impl<'a> Doc<'a> {
    pub fn new(
        text: &'a str,
        claims: &'a [Claim],
        sections: &'a [Section],
        year: Option<u32>,
    ) -> Self {
        let (mut sentence_marks, mut clause_marks, mut line_marks) = (vec![], vec![], vec![]);
        for (i, c) in text.char_indices() {
            // Every mark is a punctuation character or a newline: skip letters, digits and
            // Chinese characters quickly.
            if c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(&c) {
                continue;
            }
            if SENTENCE_END.contains(&c) {
                sentence_marks.push(i);
            }
            if CLAUSE_END.contains(&c) {
                clause_marks.push(i);
            }
            if c == '\n' {
                line_marks.push(i);
            }
        }
        Self {
            text,
            claims,
            sections,
            year,
            sentence_marks,
            clause_marks,
            line_marks,
        }
    }

    /// Just after the last mark before `pos` (0 if none).
    fn after_mark_before(&self, marks: &[usize], pos: usize) -> usize {
        let i = marks.partition_point(|&m| m < pos);
        if i == 0 {
            0
        } else {
            let m = marks[i - 1];
            m + self.char_len_at(m)
        }
    }

    /// The first mark at or after `pos` (the text's end if none).
    fn mark_from(&self, marks: &[usize], pos: usize) -> usize {
        let i = marks.partition_point(|&m| m < pos);
        marks.get(i).copied().unwrap_or(self.text.len())
    }

    /// `pos` moved back to the start of the character it falls in.
    pub fn floor(&self, pos: usize) -> usize {
        let mut p = pos.min(self.text.len());
        while !self.text.is_char_boundary(p) {
            p -= 1;
        }
        p
    }

    /// The start of `pos`'s sentence, but no further back than [`REACH`].
    pub fn near_sentence_start(&self, pos: usize) -> usize {
        self.sentence_start(pos)
            .max(self.floor(pos.saturating_sub(REACH)))
    }

    /// Start of the sentence containing `pos`.
    pub fn sentence_start(&self, pos: usize) -> usize {
        self.after_mark_before(&self.sentence_marks, self.floor(pos))
    }

    /// End of the sentence containing `pos` (exclusive; at the terminator).
    pub fn sentence_end(&self, pos: usize) -> usize {
        self.mark_from(&self.sentence_marks, self.floor(pos))
    }

    pub fn line_start(&self, pos: usize) -> usize {
        self.after_mark_before(&self.line_marks, self.floor(pos))
    }

    pub fn line_end(&self, pos: usize) -> usize {
        self.mark_from(&self.line_marks, self.floor(pos))
    }

    /// Start of the clause (between commas, colons, brackets…) containing `pos`.
    pub fn clause_start(&self, pos: usize) -> usize {
        self.after_mark_before(&self.clause_marks, self.floor(pos))
    }

    fn char_len_at(&self, i: usize) -> usize {
        self.text[i..].chars().next().map_or(1, char::len_utf8)
    }

    /// Index of the first claim starting at or after `pos`.
    pub fn first_claim_at(&self, pos: usize) -> usize {
        self.claims.partition_point(|c| c.norm.0 < pos)
    }

    /// The claim that starts exactly at `pos`, if any.
    pub fn claim_starting_at(&self, pos: usize) -> Option<ClaimId> {
        let i = self.first_claim_at(pos);
        (i < self.claims.len() && self.claims[i].norm.0 == pos).then_some(i)
    }

    /// Claims lying wholly inside `[from, to)`.
    pub fn claims_in(&self, from: usize, to: usize) -> impl Iterator<Item = ClaimId> + '_ {
        let first = self.first_claim_at(from);
        (first..self.claims.len()).take_while(move |&i| self.claims[i].norm.1 <= to)
    }

    /// The words in front of a claim within its clause, without the linking words
    /// (为, 是, 均为, 共计…) that sit between a label and its figure.
    pub fn label_before(&self, id: ClaimId) -> &'a str {
        let start = self.claims[id].norm.0;
        let from = self.clause_start(start);
        trim_link(&self.text[from..start])
    }

    /// The words from the start of the figure's sentence up to it (`2023年度收、支总计`).
    pub fn words_before(&self, id: ClaimId) -> &'a str {
        let start = self.claims[id].norm.0;
        trim_link(&self.text[self.near_sentence_start(start)..start])
    }

    /// Like [`Doc::label_before`], but a bracket does not end the label:
    /// `社会保障和就业（类）支出61.93万元` → `社会保障和就业（类）支出`.
    pub fn wide_label_before(&self, id: ClaimId) -> &'a str {
        let start = self.claims[id].norm.0;
        let pos = self.floor(start);
        let from = self.text[..pos]
            .rfind(['。', '\n', '；', ';', '，', ',', '：', ':'])
            .map_or(0, |i| i + self.char_len_at(i));
        // Never reach back over another figure (a year is part of the words; `、` between
        // listed figures is passed over this way too).
        let prev_end = self.claims[..id]
            .iter()
            .rev()
            .take(REACH_CLAIMS)
            .find(|c| c.kind != ClaimKind::Bare)
            .map_or(0, |c| c.norm.1.min(start));
        let words = &self.text[from.max(prev_end)..start];
        let words = words.trim_start_matches(['、', '（', '(', '）', ')']);
        let words = words.strip_prefix("其中").unwrap_or(words);
        trim_link(words)
    }

    /// Does the clause in front of a claim name the previous year (`上年`, `2022年`)?
    pub fn names_previous_year(&self, from: usize, to: usize) -> bool {
        let s = &self.text[from..to];
        if ["上年", "去年", "上一年", "同期"]
            .iter()
            .any(|m| s.contains(m))
        {
            return true;
        }
        match self.year {
            Some(y) => YEAR
                .captures_iter(s)
                .any(|c| c[1].parse::<u32>().is_ok_and(|v| v < y)),
            None => false,
        }
    }

    pub fn names_a_year(&self, from: usize, to: usize) -> bool {
        YEAR.is_match(&self.text[from..to])
    }

    /// The chapter a claim stands in: its nearest heading of level 2 (一、) or above, so
    /// that `（一）` and `（二）` of the same chapter count as one place.
    pub fn chapter(&self, id: ClaimId) -> Option<usize> {
        let mut cur = self.claims[id].section;
        while let Some(i) = cur {
            if self.sections[i].level <= 2 {
                return Some(i);
            }
            cur = self.sections[i].parent;
        }
        None
    }

    pub fn is_amount_like(&self, id: ClaimId) -> bool {
        let c = &self.claims[id];
        c.is_amount()
    }

    pub fn is_count(&self, id: ClaimId) -> bool {
        matches!(self.claims[id].kind, ClaimKind::Count(_)) && !self.claims[id].threshold
    }
}

/// The text without whitespace (`年初 预算数` → `年初预算数`, `收 入` → `收入`): table cells
/// are printed with spaces inside. Borrowed when it has none, as most cells do, since header
/// matching runs over every cell of every row.
pub fn squeeze(s: &str) -> Cow<'_, str> {
    if s.contains(char::is_whitespace) {
        Cow::Owned(s.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Strips the linking words between a label and its figure.
pub fn trim_link(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s;
        for suffix in [
            "均为",
            "分别为",
            "共计",
            "合计为",
            "总计为",
            "为",
            "是",
            "达",
            "：",
            ":",
            "约",
            "了",
        ] {
            if let Some(rest) = s.strip_suffix(suffix) {
                s = rest.trim_end();
            }
        }
        if s == before {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::report_year;

    #[test]
    fn the_title_names_the_year() {
        let t = "2023年度泸州市医疗保障局单位决算\n与2022年相比，2022年，2022年，2022年";
        assert_eq!(report_year(t), Some(2023));
        assert_eq!(report_year("正文\n2021年，2022年，2022年"), Some(2022));
    }
}

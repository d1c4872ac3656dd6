//! Section tree: 第X部分 / 一、 / （一） / 1. / （1） headings, and the unnumbered headings
//! some reports use (`收入支出决算总体情况说明` on a line of its own).
//!
//! A numbered line is a heading only when it reads like one (short, no sentence inside):
//! `1.社会保障和就业（类）…支出决算为41.29万元。` is a numbered paragraph, not a heading.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Section;

static NUMBERED: LazyLock<[(u8, Regex); 5]> = LazyLock::new(|| {
    let r = |p: &str| Regex::new(p).expect("heading regex");
    [
        (1, r(r"^(第[一二三四五六七八九十0-9]+部分)\s*(.*)$")),
        (3, r(r"^([（(][一二三四五六七八九十]+[）)])\s*(.+)$")),
        (5, r(r"^([（(][0-9]{1,2}[）)])\s*(.+)$")),
        (2, r(r"^([一二三四五六七八九十]+[、．.])\s*(.+)$")),
        (4, r(r"^([0-9]{1,2}(?:、|．|\.(?:[^0-9]|$)))\s*(.*)$")),
    ]
});

static UNNUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^。，,；;：:]{2,28}(?:情况说明|情况|说明|概况|名词解释|附件|附表)$")
        .expect("unnumbered heading regex")
});

/// Recognises one (trimmed) line as a heading: `(level, number, title)`.
pub fn heading(line: &str) -> Option<(u8, String, String)> {
    let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if line.is_empty() || line.chars().count() > 50 {
        return None;
    }
    // Most lines start with none of the numbering characters: skip the regexes for them.
    let numbered =
        line.starts_with(|c: char| c.is_ascii_digit() || "第（(一二三四五六七八九十".contains(c));
    for (level, re) in NUMBERED.iter().filter(|_| numbered) {
        if let Some(c) = re.captures(line) {
            let mut number = c[1].to_owned();
            let mut title = c[2].trim().to_owned();
            // The `.` rule above may have eaten the title's first character.
            if *level == 4 && number.ends_with(|ch: char| ch != '.' && ch != '、' && ch != '．') {
                let last = number.pop().expect("non-empty");
                title.insert(0, last);
                title = title.trim().to_owned();
            }
            let body = title.trim_end_matches(['。', '.']);
            let sentence = body.contains(['。', '；', ';']) || body.chars().count() > 40;
            if sentence || (*level >= 4 && body.contains(['，', ','])) {
                return None;
            }
            return Some((*level, number, body.to_owned()));
        }
    }
    const ENDINGS: &[&str] = &[
        "情况说明",
        "情况",
        "说明",
        "概况",
        "名词解释",
        "附件",
        "附表",
    ];
    if ENDINGS.iter().any(|e| line.ends_with(e)) && UNNUMBERED.is_match(line) {
        return Some((2, String::new(), line.to_owned()));
    }
    None
}

/// Builds the section tree from the normalised text. `line_of` maps a normalised byte
/// offset to its original line number.
pub fn build(text: &str, line_of: impl Fn(usize) -> usize) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let Some((level, number, title)) = heading(line) else {
            continue;
        };
        while stack.last().is_some_and(|&i| sections[i].level >= level) {
            stack.pop();
        }
        let lead = line.len() - line.trim_start().len();
        sections.push(Section {
            level,
            number,
            title,
            line: line_of(at + lead),
            parent: stack.last().copied(),
        });
        stack.push(sections.len() - 1);
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_heading_styles() {
        assert_eq!(heading(" 第一部分 单位概况").map(|h| h.0), Some(1));
        assert_eq!(
            heading("七、财政拨款“三公”经费支出决算情况说明").map(|h| h.0),
            Some(2)
        );
        assert_eq!(heading("（一）机关运行经费支出情况").map(|h| h.0), Some(3));
        assert_eq!(
            heading("(二) 财政拨款支出决算结构情况").map(|h| h.0),
            Some(3)
        );
        assert_eq!(
            heading("4. 资产管理").map(|h| h.2),
            Some("资产管理".to_owned())
        );
        assert_eq!(heading("收入支出决算总体情况说明").map(|h| h.0), Some(2));
    }

    #[test]
    fn numbered_paragraphs_are_not_headings() {
        assert_eq!(
            heading(
                "1.社会保障和就业（类）行政事业单位离退休（款）机关事业单位基本养老保险缴费支出（项）： 支出决算为41.29万元，完成预算100%。"
            ),
            None
        );
        assert_eq!(heading("2022 年度收、支总计 1468.53 万元"), None);
        assert_eq!(heading("1.5万元，其中"), None);
    }

    #[test]
    fn builds_a_tree() {
        let t = "第二部分 说明\n一、收入\n（一）总体\n正文\n二、支出\n";
        let s = build(t, |o| t[..o].matches('\n').count() + 1);
        assert_eq!(s.len(), 4);
        assert_eq!(s[2].parent, Some(1));
        assert_eq!(s[3].parent, Some(0));
        assert_eq!(s[3].line, 5);
    }
}

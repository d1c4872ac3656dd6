//! Normalisation of a decoded report, keeping the way back to the original.
//!
//! Reports arrive with fullwidth digits (`１２３．４５`), spaces inside figures
//! (`1468.53 万元`), docx residue (`[bookmark: _Toc…]`, `[image: image3]`, `<p>` in table
//! cells), PDF page footers (`－ 1 －`) and a unit pushed to the next line (`69.39` / `万元`).
//! Everything downstream reads the normalised text; every normalised byte remembers the
//! original character it came from, so spans always point into the file as published.
//! Deliberately *not* Unicode NFKC: that rewrites far more than numbers and breaks offsets.

use std::sync::LazyLock;

use regex::Regex;

/// Where a normalised byte came from: the original character's byte offset and length.
#[derive(Debug, Clone, Copy)]
struct Origin {
    start: u32,
    len: u8,
}

/// The normalised text and, for each of its bytes, the original character it came from.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    origins: Vec<Origin>,
    original_len: usize,
}

impl Normalized {
    /// Maps a normalised byte range to the original byte range it covers.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.origins.is_empty() {
            return (0, 0);
        }
        let s = self
            .origins
            .get(start)
            .map(|o| o.start as usize)
            .unwrap_or(self.original_len);
        let e = if end > start {
            self.origins
                .get(end - 1)
                .map(|o| o.start as usize + o.len as usize)
                .unwrap_or(self.original_len)
        } else {
            s
        };
        (s, e.max(s))
    }
}

static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s\u{3000}]*(?:[－\-—–][\s\u{3000}]*[0-9０-９]+[\s\u{3000}]*[－\-—–]|第[\s\u{3000}]*[0-9０-９]+[\s\u{3000}]*页(?:[\s\u{3000}]*[/，,]?[\s\u{3000}]*共[\s\u{3000}]*[0-9０-９]+[\s\u{3000}]*页)?)[\s\u{3000}]*$",
    )
    .expect("footer regex")
});

static RESIDUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\[(?:bookmark|image|Bookmark|Image):[^\]\n]*\]|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>\n]*)?/?>",
    )
    .expect("residue regex")
});

fn fullwidth_digit(c: char) -> Option<char> {
    ('０'..='９')
        .contains(&c)
        .then(|| char::from(b'0' + (c as u32 - '０' as u32) as u8))
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || fullwidth_digit(c).is_some()
}

fn is_fold_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{a0}')
}

/// Does a line (as normalised so far) begin with a unit that belongs to a figure on the
/// line before? Only then is the line break a break *inside* a figure.
fn starts_with_unit(chars: &[(char, u32, u8)]) -> bool {
    let first = chars.first().map(|c| c.0);
    let second = chars.get(1).map(|c| c.0);
    match first {
        Some('元' | '%') => true,
        Some('万' | '亿') => second == Some('元'),
        _ => false,
    }
}

/// Normalises a whole decoded report.
pub fn normalize(original: &str) -> Normalized {
    let mut text = String::with_capacity(original.len());
    let mut origins: Vec<Origin> = Vec::with_capacity(original.len());
    let mut line_start = 0usize;
    // One line at a time: (character, original offset, original length). Offsets fit in
    // u32 because inputs are capped well below 4 GiB (see `input::read`).
    let mut chars: Vec<(char, u32, u8)> = Vec::new();
    // Where a dropped page footer's line starts in `text`: a page break for the re-flow.
    let mut footers: Vec<usize> = Vec::new();
    for raw_line in original.split_inclusive('\n') {
        let start = line_start;
        line_start += raw_line.len();
        let line = raw_line.strip_suffix('\n').unwrap_or(raw_line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let newline_at = start + line.len();
        let has_newline = raw_line.ends_with('\n');

        chars.clear();
        // The regexes run only where they can match: a footer is a short line, residue
        // starts with `[` or `<`.
        let footer = line.len() <= 80 && FOOTER.is_match(line);
        if footer {
            footers.push(text.len());
        } else {
            let residue = line.contains(['[', '<']);
            let mut cut = residue
                .then(|| RESIDUE.find_iter(line))
                .into_iter()
                .flatten()
                .peekable();
            for (i, c) in line.char_indices() {
                while cut.peek().is_some_and(|m| m.end() <= i) {
                    cut.next();
                }
                if cut.peek().is_some_and(|m| m.start() <= i && i < m.end()) {
                    continue;
                }
                chars.push((c, (start + i) as u32, c.len_utf8() as u8));
            }
        }

        // Character conversions that need both neighbours (in the original characters).
        for i in 0..chars.len() {
            let prev = i.checked_sub(1).map(|j| chars[j].0);
            let next = chars.get(i + 1).map(|c| c.0);
            let c = chars[i].0;
            let mapped = if let Some(d) = fullwidth_digit(c) {
                d
            } else {
                match c {
                    '％' => '%',
                    '．' if prev.is_some_and(is_digit) && next.is_some_and(is_digit) => '.',
                    '－' | '—' if next.is_some_and(is_digit) && !prev.is_some_and(is_digit) => {
                        '-'
                    }
                    '，' if prev.is_some_and(is_digit)
                        && (1..=3).all(|k| chars.get(i + k).is_some_and(|c| is_digit(c.0)))
                        && !chars.get(i + 4).is_some_and(|c| is_digit(c.0)) =>
                    {
                        ','
                    }
                    '＝' => '=',
                    '＞' => '>',
                    '＜' => '<',
                    '＋' => '+',
                    _ => c,
                }
            };
            chars[i].0 = mapped;
        }

        // Fold spaces that stand between a figure and its neighbour (`1468.53 万元`,
        // `2022 年度`), but never between two digits: `10 10 0` are three cells.
        // Compacted in place: `w` is where the next kept character goes.
        let mut w: usize = 0;
        let mut i = 0;
        while i < chars.len() {
            if is_fold_space(chars[i].0) {
                let mut j = i;
                while j < chars.len() && is_fold_space(chars[j].0) {
                    j += 1;
                }
                let prev = w.checked_sub(1).map(|k| chars[k].0);
                let next = chars.get(j).map(|c| c.0);
                let fold = match (prev, next) {
                    (Some(p), Some(n)) => {
                        let (pd, nd) = (p.is_ascii_digit(), n.is_ascii_digit());
                        (pd || nd) && !(pd && nd) && !p.is_whitespace() && !n.is_whitespace()
                    }
                    _ => false,
                };
                if !fold {
                    for k in i..j {
                        chars[w] = chars[k];
                        w += 1;
                    }
                }
                i = j;
            } else {
                chars[w] = chars[i];
                w += 1;
                i += 1;
            }
        }
        chars.truncate(w);
        let kept = &chars;

        // A unit at the start of a line belongs to the figure that ended the last non-empty
        // one (`69.39` / `万元`; `0 万` / (blank) / `元，` across a page break).
        if starts_with_unit(kept) {
            let body = text.trim_end_matches('\n');
            let (keep, breaks) = (body.len(), text.len() - body.len());
            let last = body.chars().next_back();
            let figure_ends = last.is_some_and(|c| c.is_ascii_digit())
                || (last == Some('万') && kept.first().is_some_and(|c| c.0 == '元'));
            if breaks > 0 && breaks <= 3 && figure_ends {
                text.truncate(keep);
                origins.truncate(keep);
            }
        }

        for &(c, start, len) in kept {
            let before = text.len();
            text.push(c);
            for _ in before..text.len() {
                origins.push(Origin { start, len });
            }
        }
        if has_newline {
            text.push('\n');
            origins.push(Origin {
                start: newline_at as u32,
                len: 1,
            });
        }
    }
    super::reflow::reflow(&mut text, &mut origins, &footers);
    Normalized {
        text,
        origins,
        original_len: original.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back<'a>(orig: &'a str, n: &Normalized, needle: &str) -> &'a str {
        let s = n.text.find(needle).unwrap();
        let (a, b) = n.original_range(s, s + needle.len());
        &orig[a..b]
    }

    #[test]
    fn folds_spaces_around_figures_but_not_between_cells() {
        let o = "2022 年度收、支总计 1468.53 万元\n10 10 0 10";
        let n = normalize(o);
        assert_eq!(n.text, "2022年度收、支总计1468.53万元\n10 10 0 10");
        assert_eq!(back(o, &n, "1468.53万元"), "1468.53 万元");
    }

    #[test]
    fn converts_fullwidth_digits_and_keeps_offsets() {
        let o = "增加１，２３４．５６万元，增长１１．１％";
        let n = normalize(o);
        assert_eq!(n.text, "增加1,234.56万元，增长11.1%");
        assert_eq!(back(o, &n, "11.1%"), "１１．１％");
    }

    #[test]
    fn drops_docx_residue_and_page_footers() {
        let o = "[bookmark: _Toc1]四、财政拨款[image: image3]\n－ 1 －\n<p>12</p>";
        let n = normalize(o);
        assert_eq!(n.text, "四、财政拨款\n\n12");
    }

    #[test]
    fn joins_a_unit_split_across_a_page_break() {
        let o = "年初预算为 0 万\n\n元，无法计算完成比率";
        let n = normalize(o);
        assert_eq!(n.text, "年初预算为0万元，无法计算完成比率");
        assert_eq!(back(o, &n, "0万元"), "0 万\n\n元");
    }

    #[test]
    fn joins_a_unit_broken_onto_the_next_line() {
        let o = "经费支出69.39\n万元，比2022年增加";
        let n = normalize(o);
        assert_eq!(n.text, "经费支出69.39万元，比2022年增加");
        assert_eq!(back(o, &n, "69.39万元"), "69.39\n万元");
    }

    #[test]
    fn reflows_a_hard_wrapped_file_and_keeps_offsets() {
        // Ten wrapped lines at one margin, each paragraph ending in a short line.
        let full = "本年支出合计增加了一些主要是人员经费增加所致另外还有公用经费增加";
        let mut o = String::new();
        for _ in 0..5 {
            o.push_str(full);
            o.push_str("，增长\n");
            o.push_str(full);
            o.push_str("，合计\n1468.53\n万元。\n");
        }
        let n = normalize(&o);
        assert_eq!(n.text.lines().count(), 5, "{}", n.text);
        assert!(n.text.contains("增加，增长本年"), "{}", n.text);
        assert_eq!(back(&o, &n, "增长本年"), "增长\n本年");
        assert_eq!(back(&o, &n, "1468.53万元"), "1468.53\n万元");
    }
}

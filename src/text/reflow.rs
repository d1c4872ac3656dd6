//! Prose re-flow: a hard-wrapped file (a PDF's text layer) has its paragraphs joined back
//! into one line each, so a sentence is never cut by a line break.
//!
//! A file is hard-wrapped when many of its prose lines end at nearly the same column (the
//! right margin); a file with one paragraph per line (docx, web text) has no such margin and
//! comes out unchanged. A line is joined to the next when it reaches the margin (less the
//! width of a figure that did not fit, unless it ends a sentence) and the next line does not
//! open a paragraph: a heading or list marker (第X部分, 一、, （一）, `1.` / `1、` not followed by a
//! digit, a quoted 类 name), an indented first line, a blank line or a table row. A page break
//! (form feed or a page footer) between two lines of one paragraph is joined over.
//! Nothing is inserted: the newline, the page-break lines and the indentation are dropped,
//! so every byte kept still maps to its original character.

/// Columns a character takes in a monospaced rendering (CJK and fullwidth forms: 2).
fn width(c: char) -> usize {
    if c.is_ascii() { 1 } else { 2 }
}

/// How many columns short of the margin a wrapped line may end: a figure or word that did
/// not fit moved to the next line (`1,468.53万元` is 12 columns).
const FIGURE_SLACK: usize = 16;
/// A line ending a sentence must reach the margin more closely to be continued.
const SENTENCE_SLACK: usize = 4;
/// Prose lines narrower than this are not counted when looking for the margin.
const MIN_PROSE: usize = 20;
/// So many lines at the margin make a file hard-wrapped (a short excerpt is left alone).
const MIN_LINES: usize = 8;

#[derive(Debug, Clone, Copy)]
struct Line {
    /// Byte range of the content (leading and trailing blanks excluded).
    start: usize,
    end: usize,
    /// End column (leading blanks included).
    end_col: usize,
    /// Leading blank columns.
    indent: usize,
    blank: bool,
    /// A form feed or a dropped page footer stands on this line.
    page_break: bool,
    /// Tab, a run of spaces inside the line, or two bare numbers: a table row.
    tabular: bool,
}

fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{a0}' | '\t' | '\u{c}' | '\r')
}

fn is_bare_number(tok: &str) -> bool {
    tok.bytes().any(|b| b.is_ascii_digit())
        && tok
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'%' | b'-'))
}

fn scan(text: &str, line_start: usize, raw: &str, footer: bool) -> Line {
    let page_break = footer || raw.contains('\u{c}');
    let content = raw.trim_start_matches(is_blank);
    let lead = &raw[..raw.len() - content.len()];
    let content = content.trim_end_matches(is_blank);
    let start = line_start + lead.len();
    let end = start + content.len();
    let indent: usize = lead.chars().filter(|&c| c != '\u{c}').map(width).sum();
    let end_col = indent + content.chars().map(width).sum::<usize>();
    let tabular = content.contains('\t')
        || content.contains("  ")
        || content.contains("\u{3000}\u{3000}")
        || content.split(' ').filter(|t| is_bare_number(t)).count() >= 2;
    debug_assert!(end <= text.len());
    Line {
        start,
        end,
        end_col,
        indent,
        blank: content.is_empty(),
        page_break,
        tabular,
    }
}

/// The right margin of a hard-wrapped file, or `None` when the file is not hard-wrapped.
///
/// The margin is the end column that most prose lines reach (within a figure's slack) while
/// few lines run past it: a table row or a title may be wider, a paragraph's last line and a
/// table cell narrower.
fn margin(text: &str, lines: &[Line]) -> Option<usize> {
    let prose =
        |l: &&Line| !l.blank && !l.tabular && l.indent <= 8 && l.end_col - l.indent >= MIN_PROSE;
    let mut widths: Vec<usize> = lines.iter().filter(prose).map(|l| l.end_col).collect();
    if widths.len() < MIN_LINES {
        return None;
    }
    widths.sort_unstable();
    let n = widths.len();
    let window = SENTENCE_SLACK * 2;
    let mut best: Option<(usize, usize)> = None;
    let mut lo = 0;
    for hi in 0..n {
        let w = widths[hi];
        if hi + 1 < n && widths[hi + 1] == w {
            continue;
        }
        while widths[lo] + window < w {
            lo += 1;
        }
        let near = hi + 1 - lo;
        let over = n - widths.partition_point(|&x| x <= w + 2);
        if over * 10 <= n && best.is_none_or(|(_, b)| near > b) {
            best = Some((w, near));
        }
    }
    let (w, near) = best?;
    // One paragraph per line: widths spread over hundreds of columns (seen: ≤ 2% near the
    // top); a wrapped PDF text has a quarter to a half of its prose lines at the margin.
    // And a wrapped line mostly ends inside a sentence, a paragraph's line at its end.
    let at_margin = lines
        .iter()
        .filter(prose)
        .filter(|l| l.end_col + window >= w && l.end_col <= w);
    let (mut count, mut open) = (0usize, 0usize);
    for l in at_margin {
        count += 1;
        open += usize::from(!ends_sentence(&text[l.start..l.end]));
    }
    (near >= MIN_LINES && near * 5 >= n && open * 2 >= count).then_some(w)
}

const CJK_NUMERALS: &str = "一二三四五六七八九十百零〇";

/// Does this line open a paragraph by its first characters?
fn opens_paragraph(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    let rest = chars.as_str();
    match first {
        '第' => {
            let n =
                rest.trim_start_matches(|c: char| CJK_NUMERALS.contains(c) || c.is_ascii_digit());
            n.len() < rest.len() && n.starts_with(['部', '章', '节', '条', '项'])
        }
        '（' | '(' => {
            let n =
                rest.trim_start_matches(|c: char| CJK_NUMERALS.contains(c) || c.is_ascii_digit());
            n.len() < rest.len() && n.starts_with(['）', ')'])
        }
        '“' | '"' => rest.chars().take(20).collect::<String>().contains('类'),
        '-' => rest.starts_with(' '),
        '●' | '■' | '◆' | '★' | '※' | '·' | '•' | '○' | '△' => true,
        c if CJK_NUMERALS.contains(c) => {
            let n = rest.trim_start_matches(|c: char| CJK_NUMERALS.contains(c));
            n.starts_with(['、', '．'])
        }
        c if c.is_ascii_digit() => {
            let n = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            let mut after = n.chars();
            match after.next() {
                Some('、') => true,
                Some('.' | '．') => !after.next().is_some_and(|c| c.is_ascii_digit()),
                _ => false,
            }
        }
        _ => s.starts_with("注：") || s.starts_with("注:") || s.starts_with("附件"),
    }
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['。', '；', '：', '！', '？', ':', ';', '!', '?'])
}

/// Which line breaks to join: for each line, the index of the line it continues onto.
fn joins(text: &str, lines: &[Line], margin: usize) -> Vec<Option<usize>> {
    let mut out = vec![None; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if l.blank || l.tabular {
            continue;
        }
        let content = &text[l.start..l.end];
        let slack = if ends_sentence(content) {
            SENTENCE_SLACK
        } else {
            FIGURE_SLACK
        };
        if l.end_col + slack < margin {
            continue;
        }
        // The next non-blank line, over blank lines only if a page break is among them.
        let mut j = i + 1;
        let mut crossed_break = false;
        let mut crossed_blank = false;
        while j < lines.len() && lines[j].blank {
            crossed_blank = true;
            crossed_break |= lines[j].page_break;
            j += 1;
        }
        let Some(next) = lines.get(j) else { break };
        crossed_break |= next.page_break;
        if (crossed_blank && !crossed_break) || next.tabular {
            continue;
        }
        let next_content = &text[next.start..next.end];
        // An indented first line (`-layout` keeps the indent): deeper than the line before.
        if opens_paragraph(next_content) || (next.indent > l.indent && !crossed_break) {
            continue;
        }
        // Two ASCII words or numbers would run together: keep the break.
        let last = content.chars().next_back();
        let first = next_content.chars().next();
        if last.is_some_and(|c| c.is_ascii_alphanumeric())
            && first.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        out[i] = Some(j);
    }
    out
}

/// Re-flows `text` in place of its lines, keeping `origins` (one entry per byte) in step.
/// `footers` are the byte offsets (ascending) of the lines whose page footer the normaliser
/// dropped.
pub(crate) fn reflow<T: Copy>(text: &mut String, origins: &mut Vec<T>, footers: &[usize]) {
    let mut lines = Vec::new();
    let mut at = 0usize;
    let mut footer_at = footers.iter().peekable();
    for raw in text.split('\n') {
        let mut footer = false;
        while footer_at.peek().is_some_and(|&&f| f <= at) {
            footer |= footer_at.next() == Some(&at);
        }
        lines.push(scan(text, at, raw, footer));
        at += raw.len() + 1;
    }
    let Some(margin) = margin(text, &lines) else {
        return;
    };
    let joins = joins(text, &lines, margin);
    if joins.iter().all(Option::is_none) {
        return;
    }
    let mut new_text = String::with_capacity(text.len());
    let mut new_origins = Vec::with_capacity(origins.len());
    let mut from = 0usize;
    for (i, j) in joins.iter().enumerate() {
        if let Some(j) = *j {
            // Keep up to the end of line i's content; resume at line j's content.
            let (cut, resume) = (lines[i].end, lines[j].start);
            new_text.push_str(&text[from..cut]);
            new_origins.extend_from_slice(&origins[from..cut]);
            from = resume;
        }
    }
    new_text.push_str(&text[from..]);
    new_origins.extend_from_slice(&origins[from..]);
    *text = new_text;
    *origins = new_origins;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(s: &str) -> String {
        let mut t = s.to_string();
        let mut o: Vec<usize> = (0..t.len()).collect();
        reflow(&mut t, &mut o, &[]);
        assert_eq!(o.len(), t.len());
        t
    }

    /// Twelve lines of a wrapped paragraph text at a 36-character margin.
    fn wrapped() -> String {
        let full = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六";
        let mut s = String::new();
        for _ in 0..4 {
            s.push_str("（一）");
            s.push_str(&full[..full.len() - 9]);
            s.push('\n');
            s.push_str(full);
            s.push('\n');
            s.push_str("结束。\n");
        }
        s
    }

    #[test]
    fn joins_a_wrapped_paragraph_and_keeps_headings() {
        let out = flow(&wrapped());
        assert_eq!(out.lines().count(), 4, "{out}");
        assert!(
            out.lines()
                .all(|l| l.starts_with("（一）") && l.ends_with("结束。"))
        );
    }

    #[test]
    fn leaves_one_paragraph_per_line_alone() {
        let mut s = String::new();
        for i in 0..30 {
            s.push_str(&"一".repeat(10 + i * 7));
            s.push_str("。\n");
        }
        assert_eq!(flow(&s), s);
    }

    #[test]
    fn list_numbers_open_paragraphs_but_decimals_do_not() {
        assert!(opens_paragraph("1、拟订"));
        assert!(opens_paragraph("2.组织"));
        assert!(!opens_paragraph("2.35万元，主要是"));
        assert!(opens_paragraph("第三部分 决算说明"));
        assert!(opens_paragraph("十一、关于政府采购"));
        assert!(opens_paragraph("（十二）职能转变"));
        assert!(opens_paragraph("“一般公共服务”（类）"));
        assert!(!opens_paragraph("一般公共服务支出"));
        assert!(!opens_paragraph("第一季度"));
    }

    #[test]
    fn joins_over_a_page_break_and_not_over_a_blank_line() {
        let base = wrapped();
        let mut t = base.replacen("结束。\n（一）", "结束。\n\n（一）", 1);
        // A paragraph broken by a page: the footer line (dropped) and a form feed.
        t = t.replacen("六\n一二", "六\n\n\u{c}一二", 1);
        let out = flow(&t);
        assert!(!out.contains('\u{c}'), "{out}");
        assert_eq!(out.lines().filter(|l| !l.is_empty()).count(), 4, "{out}");
    }

    #[test]
    fn table_rows_are_never_joined() {
        let mut s = wrapped();
        s.push_str("合计                 1,467.89 1,467.16                0.73\n");
        s.push_str("208 社会保障和就业支出 76.21 76.21\n");
        let out = flow(&s);
        assert!(
            out.ends_with("0.73\n208 社会保障和就业支出 76.21 76.21\n"),
            "{out}"
        );
    }
}

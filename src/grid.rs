//! Tables as rows of cells, in the two layouts reports flatten them to:
//!
//! - **tabbed**: one row per line, cells separated by tabs (merged cells leave empty or
//!   missing cells, so columns do not line up reliably);
//! - **cell per line**: each cell on its own line (`\t` + text, an empty cell is a bare
//!   `\t`), rows separated by an empty line; a line without the leading tab continues the
//!   cell before it (a cell's text broken over lines).
//!
//! Cells are byte ranges into the normalised text, trimmed, so a record can point at them.

/// A cell: a trimmed byte range of the normalised text (empty when the cell is blank).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub start: usize,
    pub end: usize,
}

impl Cell {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Tabbed,
    CellPerLine,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Where the row starts in the normalised text.
    pub start: usize,
}

impl Row {
    /// The non-blank cells, in order.
    pub fn filled(&self) -> impl Iterator<Item = (usize, Cell)> + '_ {
        self.cells
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
    }

    /// The first non-blank cell.
    pub fn first(&self) -> Option<(usize, Cell)> {
        self.filled().next()
    }
}

fn is_pad(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{a0}' | '\r' | '\t')
}

/// `[start, end)` trimmed of padding on both sides.
fn trimmed(text: &str, start: usize, end: usize) -> Cell {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start_matches(is_pad).len();
    let body = s.trim_matches(is_pad);
    Cell {
        start: start + lead,
        end: start + lead + body.len(),
    }
}

/// Lines of `text[from..to]` as (start, end) byte ranges without the newline.
fn lines(text: &str, from: usize, to: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= to {
            return None;
        }
        let end = text[pos..to].find('\n').map_or(to, |i| pos + i);
        let line = (pos, end);
        pos = end + 1;
        Some(line)
    })
}

/// Which layout the region is written in: tabbed when a fair share of its lines carry a
/// tab between two pieces of text.
pub fn layout(text: &str, from: usize, to: usize) -> Layout {
    let (mut filled, mut inner_tabs) = (0usize, 0usize);
    for (s, e) in lines(text, from, to) {
        let body = text[s..e].trim_matches(is_pad);
        if body.is_empty() {
            continue;
        }
        filled += 1;
        if body.contains('\t') {
            inner_tabs += 1;
        }
    }
    if inner_tabs * 4 > filled {
        Layout::Tabbed
    } else {
        Layout::CellPerLine
    }
}

/// The rows of `text[from..to]` in the given layout.
pub fn rows(text: &str, from: usize, to: usize, layout: Layout) -> Vec<Row> {
    let mut out = Vec::new();
    match layout {
        Layout::Tabbed => {
            for (s, e) in lines(text, from, to) {
                if text[s..e].trim_matches(is_pad).is_empty() {
                    continue;
                }
                let mut cells = Vec::new();
                let mut cs = s;
                for (i, ch) in text[s..e].char_indices() {
                    if ch == '\t' {
                        cells.push(trimmed(text, cs, s + i));
                        cs = s + i + 1;
                    }
                }
                cells.push(trimmed(text, cs, e));
                out.push(Row { cells, start: s });
            }
        }
        Layout::CellPerLine => {
            let mut row: Option<Row> = None;
            for (s, e) in lines(text, from, to) {
                let line = &text[s..e];
                if line.trim_matches(|c| c == ' ' || c == '\r').is_empty() {
                    // An empty line ends the row.
                    out.extend(row.take());
                    continue;
                }
                let r = row.get_or_insert_with(|| Row {
                    cells: Vec::new(),
                    start: s,
                });
                match (line.starts_with('\t'), r.cells.last_mut()) {
                    // A line without the leading tab continues the cell before it.
                    (false, Some(last)) if !line.trim_matches(is_pad).is_empty() => {
                        let t = trimmed(text, s, e);
                        if last.is_empty() {
                            *last = t;
                        } else {
                            last.end = t.end;
                        }
                    }
                    _ => r.cells.push(trimmed(text, s, e)),
                }
            }
            out.extend(row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, rows: &[Row]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.cells.iter().map(|c| c.text(text).to_owned()).collect())
            .collect()
    }

    #[test]
    fn tabbed_rows_keep_blank_cells() {
        let t = "名称\t项目A\t\n\t年度资金总额\t35\t 35 \t\n\n总分\t100";
        assert_eq!(layout(t, 0, t.len()), Layout::Tabbed);
        let r = rows(t, 0, t.len(), Layout::Tabbed);
        assert_eq!(
            texts(t, &r),
            [
                vec!["名称", "项目A", ""],
                vec!["", "年度资金总额", "35", "35", ""],
                vec!["总分", "100"],
            ]
        );
    }

    #[test]
    fn one_cell_per_line_rows_end_at_empty_lines_and_join_broken_cells() {
        let t = "\t项目名称\n\t基金\n\n\t\n\t总额\n\t40.00\n\n\t社会效益\n指标\n\t优\n";
        assert_eq!(layout(t, 0, t.len()), Layout::CellPerLine);
        let r = rows(t, 0, t.len(), Layout::CellPerLine);
        assert_eq!(
            texts(t, &r),
            [
                vec!["项目名称", "基金"],
                vec!["", "总额", "40.00"],
                vec!["社会效益\n指标", "优"],
            ]
        );
    }
}

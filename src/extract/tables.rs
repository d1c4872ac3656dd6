//! The 公开 tables (收入支出决算总表 … 财政拨款“三公”经费支出决算表), read by title and
//! header rows:
//!
//! - a table is found by its title (kind from the title's words, not its number) and is
//!   printed when a header row follows within a few lines; a title with no table after it
//!   (目录, 附表 list) is a [`ListedTable`];
//! - the header rows give the columns as paths (`本年支出/基本支出`); a header that is
//!   `合计`/`小计` beside sibling headers gives a [`ColumnSum`]; a label header (`项目`,
//!   `科目编码`) printed twice in one row splits the table into blocks (收入 | 支出,
//!   人员经费 | 公用经费), blocks of the same name are one block;
//! - the header ends at the `栏次` row (or a row numbering the columns 1, 2, 3 …) or at the
//!   first row that reads as data;
//! - a table printed over several pages (title and header repeated) is one table;
//! - rows are keyed by code (functional 208/20805/2080505, economic 301/30101) or by what
//!   their label says ([`RowRole`]).
//!
//! Both flattened layouts are read through [`crate::grid`].

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::context::{Doc, Locate, squeeze};
use crate::grid::{self, Cell, Layout, Row};
use crate::model::ClaimKind;
use crate::model::tables::{
    CellValue, ColumnSum, ListedTable, PublicTable, RowRole, TableBlock, TableColumn, TableKind,
    TableRow,
};

/// How many lines after a title the header may start (mark, 部门, 金额单位 lines between).
const HEADER_WITHIN: usize = 8;
/// Header rows at most.
const MAX_HEADER_ROWS: usize = 6;

static MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:公开|财决|附表)\s*[0-9]{1,2}\s*表?$|^表\s*[0-9]{1,2}$").expect("mark regex")
});

static TRAILING_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(]?(?:公开|财决|附表)[0-9]{1,2}表?[）)]?$").expect("trailing mark regex")
});

static CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{3}(?:[0-9]{2}){0,2}$").expect("code regex"));

static LISTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]+[、.．]").expect("listed regex"));

static TOTAL_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:本年)?(?:收入|支出)?(?:合计|小计|总计)$").expect("total header regex")
});

static UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"单位[:：]\s*(亿元|万元|元)").expect("unit regex"));

/// The table a title names, from its words. Province-specific extras (明细表, 项目支出决算表,
/// 国有资本经营预算财政拨款收入支出决算表) are not among the nine and give `None`.
pub fn kind_of(title: &str) -> Option<TableKind> {
    use TableKind::*;
    // Most lines are prose: leave them before allocating (the test runs on every line).
    if !title.contains('决') || !title.contains('表') {
        return None;
    }
    let t = squeeze(title);
    let t = t.trim_start_matches(|c: char| "-•·* ".contains(c));
    // A mark printed after the title: `收入支出决算总表（公开01表）`.
    let t = match TRAILING_MARK.find(t) {
        Some(m) => &t[..m.start()],
        None => t,
    };
    if t.chars().count() > 45 || !t.contains("决算") || !t.ends_with('表') {
        return None;
    }
    if t.contains('。') || t.contains('，') || t.contains("情况说明") {
        return None;
    }
    let has = |w: &str| t.contains(w);
    if has("三公") {
        return Some(ThreePublic);
    }
    if has("政府性基金") {
        return Some(GovernmentFund);
    }
    if has("国有资本经营") {
        return (!has("收入")).then_some(StateCapital);
    }
    if has("基本支出") {
        return (has("一般公共预算") || has("财政拨款")).then_some(GeneralBasic);
    }
    if has("明细") || has("项目支出决算表") {
        return None;
    }
    if has("一般公共预算财政拨款支出决算表") {
        return Some(GeneralBudget);
    }
    if has("财政拨款收入支出决算总表") {
        return Some(FiscalOverview);
    }
    if has("财政拨款") {
        return None;
    }
    if has("收入支出决算总表") {
        return Some(Overview);
    }
    if has("收入决算表") {
        return Some(Income);
    }
    if has("支出决算表") {
        return Some(Expenditure);
    }
    None
}

/// Lines of the text as (start, end) byte ranges.
fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        out.push((pos, pos + line.len()));
        pos += line.len() + 1;
    }
    out
}

fn is_note(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("注") || l.starts_with("说明：") || l.starts_with("说明:")
}

/// Every printed 公开 table (continued pages joined) and every one only listed by title.
pub fn extract(doc: &Doc, locate: Locate) -> (Vec<PublicTable>, Vec<ListedTable>) {
    let text = doc.text;
    let lines = line_ranges(text);
    let mut tables: Vec<PublicTable> = Vec::new();
    let mut listed = Vec::new();
    // The line after the previous table ended, to join a table's continued page.
    let mut last_end_line: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        let (s, e) = lines[i];
        let line = &text[s..e];
        let Some(kind) = (!line.trim_start().starts_with('\t'))
            .then(|| kind_of(line))
            .flatten()
        else {
            i += 1;
            continue;
        };
        let title = trimmed_range(text, s, e);
        let (span, section) = locate(title.0..title.1);
        match read_occurrence(doc, locate, &lines, i) {
            Reading::Read(occ) => {
                let next = occ.end_line;
                let continues = tables.last().is_some_and(|t| {
                    t.kind == kind
                        && last_end_line.is_some_and(|l| gap_is_page_break(text, &lines, l, i))
                        && t.blocks.len() == occ.blocks.len()
                });
                let mark = occ.mark.clone();
                if continues {
                    let t = tables.last_mut().expect("checked");
                    t.pages += 1;
                    for (b, more) in t.blocks.iter_mut().zip(occ.blocks) {
                        // A page whose header reads another number of columns still fits
                        // the first page's (every row has one value per column).
                        let width = b.columns.len();
                        b.rows.extend(more.rows.into_iter().map(|r| fit(r, width)));
                    }
                } else {
                    tables.push(PublicTable {
                        kind,
                        mark,
                        span,
                        section,
                        pages: 1,
                        scale: occ.scale,
                        blocks: occ.blocks,
                    });
                }
                last_end_line = Some(next);
                i = next.max(i + 1);
            }
            Reading::Listed => {
                listed.push(ListedTable {
                    kind,
                    span,
                    section,
                    unread: None,
                });
                i += 1;
            }
            Reading::Unread(why) => {
                listed.push(ListedTable {
                    kind,
                    span,
                    section,
                    unread: Some(why),
                });
                i += 1;
            }
        }
    }
    (tables, listed)
}

fn trimmed_range(text: &str, s: usize, e: usize) -> (usize, usize) {
    let body = &text[s..e];
    let lead = body.len() - body.trim_start().len();
    (s + lead, s + lead + body.trim().len())
}

/// Between the end of one table and the next title only notes, page footers and blank
/// lines stand: the next title starts a continued page.
fn gap_is_page_break(text: &str, lines: &[(usize, usize)], from: usize, to: usize) -> bool {
    lines[from.min(to)..to].iter().all(|&(s, e)| {
        let l = text[s..e].trim();
        l.is_empty() || is_note(l) || l.chars().count() <= 60 && !l.contains('\t')
    }) && to.saturating_sub(from) <= 12
}

struct Occurrence {
    mark: Option<String>,
    scale: Decimal,
    blocks: Vec<TableBlock>,
    /// The line after the table's last row.
    end_line: usize,
}

enum Reading {
    Read(Occurrence),
    /// Only the title: a 目录 or 附表 list entry.
    Listed,
    /// A mark, unit or header line follows the title, but no rows could be read: why.
    Unread(&'static str),
}

/// Why a printed table was not read, by what its lines look like.
fn unread_reason(text: &str, lines: &[(usize, usize)], from: usize) -> &'static str {
    let near = || {
        lines
            .iter()
            .skip(from)
            .take(HEADER_WITHIN * 3)
            .map(|&(s, e)| text[s..e].trim())
    };
    if near().any(|l| l.contains("  ")) {
        "列以空格对齐的 PDF 文本（pdftotext -layout）尚不能按列读出"
    } else if near().any(|l| {
        l.split(' ')
            .filter(|t| t.parse::<Decimal>().is_ok() || t.contains('.'))
            .count()
            >= 2
    }) {
        "单元格以单个空格分隔的 PDF 文本（pdfplumber 等）尚不能按列读出"
    } else {
        "单元格逐行排列、无制表符的 PDF 文本（pdftotext）尚不能按列读出"
    }
}

/// Header words that show a table is printed below its title.
fn is_header_line(plain: &str) -> bool {
    let s = squeeze(plain);
    [
        "项目",
        "行次",
        "栏次",
        "科目编码",
        "科目名称",
        "功能分类",
        "经济分类",
        "金额单位",
    ]
    .iter()
    .any(|w| s.starts_with(w) || s == *w)
}

/// Reads the table whose title is on line `title`.
fn read_occurrence(doc: &Doc, locate: Locate, lines: &[(usize, usize)], title: usize) -> Reading {
    let text = doc.text;
    let mut mark = None;
    let mut scale = Decimal::ONE;
    let mut start = None;
    let mut printed = false;
    for (k, &(s, e)) in lines.iter().enumerate().skip(title + 1).take(HEADER_WITHIN) {
        let line = &text[s..e];
        let plain = line.trim();
        if line.contains('\t') {
            start = Some(k);
            break;
        }
        if plain.is_empty() {
            continue;
        }
        if MARK.is_match(&squeeze(plain)) {
            printed = true;
            mark = Some(squeeze(plain).into_owned());
        } else if is_header_line(plain) {
            printed = true;
            if let Some(c) = UNIT.captures(plain) {
                scale = unit_scale(&c[1]);
            }
        } else if let Some(c) = UNIT.captures(plain) {
            printed = true;
            scale = unit_scale(&c[1]);
        } else if kind_of(plain).is_some() || plain.chars().count() > 40 {
            // Another title, or prose: this title was only listed, unless its mark or
            // unit line came first.
            break;
        }
    }
    let Some(start) = start else {
        return if printed {
            Reading::Unread(unread_reason(text, lines, title + 1))
        } else {
            Reading::Listed
        };
    };
    let first = &text[lines[start].0..lines[start].1];
    let layout = if first.trim_start_matches('\t').contains('\t') {
        Layout::Tabbed
    } else {
        Layout::CellPerLine
    };
    // The table ends at its note, at a line of prose, or at the next title.
    let mut end_line = start;
    let mut after_blank = false;
    for (k, &(s, e)) in lines.iter().enumerate().skip(start) {
        let line = &text[s..e];
        let plain = line.trim();
        if plain.is_empty() {
            after_blank = true;
            end_line = k + 1;
            continue;
        }
        let tabbed = line.contains('\t');
        let ends = is_note(plain)
            || (!tabbed && (kind_of(plain).is_some() || MARK.is_match(&squeeze(plain))))
            || match layout {
                Layout::Tabbed => !tabbed,
                Layout::CellPerLine => !tabbed && (after_blank || plain.chars().count() > 40),
            };
        if ends {
            break;
        }
        after_blank = false;
        end_line = k + 1;
    }
    let from = lines[start].0;
    let to = lines[end_line.saturating_sub(1).max(start)].1;
    let rows = grid::rows(text, from, to, layout);
    let blocks = read_rows(doc, locate, &rows);
    if blocks.is_empty() {
        return Reading::Unread("表头或数据行未能按列读出");
    }
    Reading::Read(Occurrence {
        mark,
        scale,
        blocks,
        end_line,
    })
}

fn unit_scale(unit: &str) -> Decimal {
    match unit {
        "元" => Decimal::new(1, 4),
        "亿元" => Decimal::new(10000, 0),
        _ => Decimal::ONE,
    }
}

/// What a header cell or first cells say.
fn is_label_header(s: &str) -> bool {
    s == "项目" || s == "科目名称" || s == "项目名称" || s.ends_with("编码") || s.ends_with("代码")
}

fn is_code_header(s: &str) -> bool {
    s.ends_with("编码") || s.ends_with("代码")
}

fn is_rownum_header(s: &str) -> bool {
    s == "行次" || s == "栏次"
}

/// A row that numbers the columns (`栏次 | | 1 | 2 …`, or `1 | 2 | … | 12`).
fn is_numbering_row(text: &str, row: &Row) -> bool {
    let cells: Vec<Cow<str>> = row.filled().map(|(_, c)| squeeze(c.text(text))).collect();
    if cells.iter().any(|c| c == "栏次") {
        return true;
    }
    cells.len() >= 2
        && cells
            .iter()
            .enumerate()
            .all(|(k, c)| c.parse::<usize>().ok() == Some(k + 1))
}

/// A row that reads as data: a figure with decimals anywhere, or in its first cells a code
/// or a numbered label, or a total label with nothing but figures beside it (a header row
/// can hold `合计` among other headers).
fn is_data_row(text: &str, row: &Row) -> bool {
    let cells: Vec<(usize, Cow<str>)> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(k, c)| (k, squeeze(c.text(text))))
        .collect();
    let figure = |t: &str| {
        t.trim_start_matches('-')
            .replace(',', "")
            .parse::<Decimal>()
            .is_ok()
    };
    if cells.iter().any(|(_, t)| t.contains('.') && figure(t)) {
        return true;
    }
    let lead = |(k, _): &&(usize, Cow<str>)| *k <= 1;
    if cells
        .iter()
        .filter(lead)
        .any(|(_, t)| CODE.is_match(t) || LISTED.is_match(t))
    {
        return true;
    }
    cells
        .iter()
        .filter(lead)
        .any(|(_, t)| TOTAL_HEADER.is_match(t))
        && cells
            .iter()
            .all(|(_, t)| TOTAL_HEADER.is_match(t) || figure(t))
}

/// A node of a block's header tree.
struct Node {
    text: String,
    start: usize,
    end: usize,
    parent: Option<usize>,
}

/// The row with exactly `width` values (blank-padded or cut): rules index values by column.
fn fit(mut row: TableRow, width: usize) -> TableRow {
    row.values.resize(width, CellValue::Blank);
    row
}

fn read_rows(doc: &Doc, locate: Locate, rows: &[Row]) -> Vec<TableBlock> {
    let text = doc.text;
    // Header rows: up to the numbering row (excluded from both) or the first data row.
    let mut header_end = None;
    let mut data_start = 0;
    for (k, row) in rows.iter().enumerate().take(MAX_HEADER_ROWS + 1) {
        if is_numbering_row(text, row) {
            header_end = Some(k);
            data_start = k + 1;
            break;
        }
        if is_data_row(text, row) {
            header_end = Some(k);
            data_start = k;
            break;
        }
    }
    let Some(header_end) = header_end else {
        return Vec::new();
    };
    if header_end == 0 {
        return Vec::new();
    }
    let header = &rows[..header_end];
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let cell_text = |row: &Row, c: usize| -> String {
        row.cells
            .get(c)
            .map(|cell| squeeze(cell.text(text)).into_owned())
            .unwrap_or_default()
    };

    // Blocks: a label header printed more than once in one header row starts a block at
    // each print; the rows above name the blocks.
    let mut block_row = None;
    let mut starts = vec![0];
    for (r, row) in header.iter().enumerate() {
        let texts: Vec<String> = (0..width).map(|c| cell_text(row, c)).collect();
        if let Some(first) = texts.iter().find(|t| is_label_header(t)) {
            let at: Vec<usize> = (0..width).filter(|&c| &texts[c] == first).collect();
            block_row = Some(r);
            if at.len() >= 2 {
                starts = at;
                starts[0] = 0;
            }
            break;
        }
    }
    let tree_top = block_row.unwrap_or(0);
    let mut spans: Vec<(String, usize, usize)> = Vec::new();
    for (b, &s) in starts.iter().enumerate() {
        let e = starts.get(b + 1).copied().unwrap_or(width);
        let name = header[..tree_top]
            .iter()
            .rev()
            .find_map(|row| {
                (0..=s)
                    .rev()
                    .map(|c| cell_text(row, c))
                    .find(|t| !t.is_empty())
            })
            .unwrap_or_default();
        spans.push((name, s, e));
    }

    let mut blocks: Vec<TableBlock> = Vec::new();
    for (name, s, e) in spans {
        let (columns, sums, code_col, name_col, value_cols) =
            read_header(&header[tree_top..], s, e, &cell_text);
        // Every sum names columns of the block.
        let sums = sums
            .into_iter()
            .filter(|s| s.total < columns.len() && s.parts.iter().all(|&p| p < columns.len()))
            .collect();
        let mut block = TableBlock {
            name: name.clone(),
            columns,
            sums,
            rows: Vec::new(),
        };
        for row in &rows[data_start..] {
            if is_numbering_row(text, row) {
                continue;
            }
            if let Some(r) = read_row(doc, locate, row, code_col, name_col, &value_cols) {
                block.rows.push(fit(r, block.columns.len()));
            }
        }
        // Blocks of the same name (06表's 公用经费 printed in two column groups) are one.
        match blocks.last_mut() {
            Some(prev)
                if !name.is_empty()
                    && prev.name == name
                    && prev.columns.len() == block.columns.len() =>
            {
                prev.rows.extend(block.rows);
            }
            _ => blocks.push(block),
        }
    }
    blocks
}

type Header = (
    Vec<TableColumn>,
    Vec<ColumnSum>,
    Option<usize>,
    Option<usize>,
    Vec<usize>,
);

/// Reads one block's header rows (cells `s..e`): its value columns as header paths, the
/// column sums the header implies, and where the code and name cells are.
fn read_header(
    header: &[Row],
    s: usize,
    e: usize,
    cell_text: &dyn Fn(&Row, usize) -> String,
) -> Header {
    let mut nodes: Vec<Node> = Vec::new();
    let mut deepest: Vec<Option<usize>> = vec![None; e - s];
    for row in header {
        let texts: Vec<String> = (s..e).map(|c| cell_text(row, c)).collect();
        let mut next_deepest = deepest.clone();
        for c in 0..texts.len() {
            if texts[c].is_empty() {
                continue;
            }
            let parent = deepest[c];
            let parent_end = parent.map_or(e - s, |p| nodes[p].end);
            let end = (c + 1..parent_end)
                .find(|&k| !texts[k].is_empty())
                .unwrap_or(parent_end);
            nodes.push(Node {
                text: texts[c].clone(),
                start: c,
                end,
                parent,
            });
            let id = nodes.len() - 1;
            for d in next_deepest.iter_mut().take(end).skip(c) {
                *d = Some(id);
            }
        }
        deepest = next_deepest;
    }
    let path = |mut n: Option<usize>| {
        let mut parts = Vec::new();
        while let Some(i) = n {
            parts.push(nodes[i].text.as_str());
            n = nodes[i].parent;
        }
        parts.reverse();
        parts
    };
    let (mut code_col, mut name_col) = (None, None);
    let mut value_cols = Vec::new();
    let mut columns = Vec::new();
    // The value column of each leaf node.
    let mut column_of_node = vec![None; nodes.len()];
    for (c, d) in deepest.iter().enumerate() {
        let p = path(*d);
        if p.iter().any(|t| is_code_header(t)) {
            code_col.get_or_insert(s + c);
        } else if p.iter().any(|t| is_label_header(t)) {
            name_col.get_or_insert(s + c);
        } else if p.iter().any(|t| is_rownum_header(t)) {
            // 行次: row numbers, not values.
        } else if !p.is_empty() {
            if let Some(n) = d {
                if nodes[*n].start == c {
                    column_of_node[*n] = Some(columns.len());
                } else {
                    // A merged header over several unlabelled cells: only its first is read.
                    continue;
                }
            }
            value_cols.push(s + c);
            columns.push(TableColumn { label: p.join("/") });
        }
    }
    // A node's value: its own column when a leaf, else its 合计/小计 child's.
    let children = |parent: Option<usize>| -> Vec<usize> {
        (0..nodes.len())
            .filter(|&i| nodes[i].parent == parent)
            .collect()
    };
    let value_of = |n: usize| -> Option<usize> {
        column_of_node[n].or_else(|| {
            children(Some(n))
                .into_iter()
                .find(|&k| TOTAL_HEADER.is_match(&nodes[k].text))
                .and_then(|k| column_of_node[k])
        })
    };
    let mut sums = Vec::new();
    let parents = std::iter::once(None).chain((0..nodes.len()).map(Some));
    for parent in parents {
        let kids: Vec<usize> = children(parent)
            .into_iter()
            .filter(|&k| {
                let t = &nodes[k].text;
                !is_label_header(t) && !is_rownum_header(t)
            })
            .collect();
        let totals: Vec<usize> = kids
            .iter()
            .copied()
            .filter(|&k| TOTAL_HEADER.is_match(&nodes[k].text))
            .collect();
        if totals.len() != 1 || kids.len() < 3 {
            continue;
        }
        let Some(total) = column_of_node[totals[0]] else {
            continue;
        };
        let parts: Option<Vec<usize>> = kids
            .iter()
            .filter(|&&k| k != totals[0])
            .map(|&k| value_of(k))
            .collect();
        if let Some(parts) = parts {
            sums.push(ColumnSum { total, parts });
        }
    }
    (columns, sums, code_col, name_col, value_cols)
}

/// One block's part of a data row: `None` when it holds nothing.
fn read_row(
    doc: &Doc,
    locate: Locate,
    row: &Row,
    code_col: Option<usize>,
    name_col: Option<usize>,
    value_cols: &[usize],
) -> Option<TableRow> {
    let text = doc.text;
    let get = |c: Option<usize>| -> Option<Cell> { c.and_then(|c| row.cells.get(c).copied()) };
    let code_text = get(code_col).map(|c| squeeze(c.text(text)).into_owned());
    let mut label = get(name_col)
        .map(|c| squeeze(c.text(text)).into_owned())
        .unwrap_or_default();
    let code = code_text.as_ref().filter(|t| CODE.is_match(t)).cloned();
    if label.is_empty() {
        // `合计` printed in the code column (07表), or a code column holding the name.
        if let Some(t) = code_text.filter(|t| !t.is_empty() && !CODE.is_match(t)) {
            label = t;
        }
    }
    let values: Vec<CellValue> = value_cols
        .iter()
        .map(|&c| match row.cells.get(c) {
            Some(cell) => value(doc, *cell),
            None => CellValue::Blank,
        })
        .collect();
    if code.is_none() && label.is_empty() && values.iter().all(|v| *v == CellValue::Blank) {
        return None;
    }
    if label == "栏次" {
        return None;
    }
    let role = match &code {
        Some(c) => RowRole::Code(c.clone()),
        None => role_of(&label),
    };
    let at = get(name_col).or(get(code_col)).unwrap_or(Cell {
        start: row.start,
        end: row.start,
    });
    let at = if at.is_empty() {
        row.filled().next().map_or(at, |(_, c)| c)
    } else {
        at
    };
    Some(TableRow {
        role,
        label,
        values,
        span: locate(at.start..at.end).0,
    })
}

fn role_of(label: &str) -> RowRole {
    let l = label;
    if l.starts_with("其中") {
        RowRole::Other
    } else if l == "本年收入合计" || l == "本年支出合计" {
        RowRole::YearTotal
    } else if l.ends_with("总计") {
        RowRole::GrandTotal
    } else if l.ends_with("合计") {
        RowRole::Total
    } else if l.contains("结转") || l.contains("结余") {
        RowRole::Balance
    } else if LISTED.is_match(l) {
        RowRole::Listed
    } else {
        RowRole::Other
    }
}

/// A value cell: blank or a dash is zero; one figure is the value; anything else is unread.
fn value(doc: &Doc, cell: Cell) -> CellValue {
    let t = cell.text(doc.text).trim();
    if t.is_empty() || t.chars().all(|c| "-－—–".contains(c)) {
        return CellValue::Blank;
    }
    let mut ids = doc.claims_in(cell.start, cell.end);
    match (ids.next(), ids.next()) {
        (Some(id), None) => {
            let c = &doc.claims[id];
            let whole = c.norm.0 <= cell.start + 3 && c.norm.1 + 3 >= cell.end;
            match c.kind {
                ClaimKind::Bare | ClaimKind::Amount if c.quantity.is_some() && whole => {
                    CellValue::Figure(id)
                }
                _ => CellValue::Unreadable,
            }
        }
        _ => CellValue::Unreadable,
    }
}

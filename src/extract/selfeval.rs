//! 绩效自评表: project and department self-assessment tables, in every layout the seeds
//! use — one cell per line (四川 10+90 form), tab-separated rows with merged cells
//! flattened unevenly (湖南 form), and label–value rows (`预算数: 50  执行数: 46.73`, the
//! older 项目绩效目标完成情况表).
//!
//! A table is found by its title and read by its header rows: the funds block by its
//! 年初预算 / 调整后(全年)预算 / 执行数 header, the indicator block by its 一级/二级/三级指标
//! header. Columns are matched by header position where the row lines up with the header,
//! and otherwise from the right (weight and score are the last two figures of an indicator
//! row, the 完成值 and 指标值 the two cells before them).

use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::context::{Doc, Locate, squeeze};
use crate::grid::{self, Cell, Layout, Row};
use crate::model::selfeval::UnreadForm;
use crate::model::selfeval::{
    EvalScope, FundRow, FundSource, GroupWeight, Indicator, Measure, Operator, ProjectMention,
    SelfEvaluation, StatedGrade,
};
use crate::model::{ClaimId, ClaimKind};
use crate::text::Span;

/// A table's title line: `2022 年度项目支出绩效自评表`, `部门预算项目支出绩效自评表（2023年度）`,
/// `项目绩效目标完成情况表(2020年度)`. Not an entry of a list of attachments (`4、…自评表(共 16 份)`).
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^。；，,\n]{0,40}(?:绩效自评表|绩效目标完成情况表|绩效评价表)\s*(?:[（(][^（()）]{0,12}[）)])?$")
        .expect("title regex")
});

static LIST_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-•·]|[0-9]+\s*[、．.]|[（(][0-9一二三四五六七八九十]+[）)])|共\s*[0-9]+\s*份|详见|见附件")
        .expect("list entry regex")
});

/// A line that ends a table's region: a report's title, or the next table's.
static STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^。；，,\n]{0,40}(?:自评报告|评价报告|自评表|完成情况表|绩效评价表)")
        .expect("stop regex")
});

/// A weight in a label: `产出指标 (40分)`, `绩效指标（90分）`, `预算执行情况（10分）`.
static WEIGHT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>[^（(]*?)\s*[（(]\s*(?P<w>[0-9]+(?:\.[0-9]+)?)\s*分\s*[）)]")
        .expect("weight label regex")
});

static CODE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<code>[0-9A-Za-z]{8,})\s*[－\-—_]+\s*(?P<name>.+)$").expect("code regex")
});

/// A 指标值 / 完成值 cell that is one figure: `≥35万元`, `＜ 10 %`, `3次`, `100%`.
static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<op>≥|≤|≧|≦|>=|<=|>|<|=|大于等于|小于等于|不低于|不少于|不高于|不超过|大于|小于|高于|低于|达到)?\s*(?P<num>-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<unit>[^0-9\s]{0,4})$",
    )
    .expect("measure regex")
});

/// What the self-assessment extractor found: the tables read, the text range each was read
/// from, the titles printed but not read, and every form region (read or not).
pub struct Found {
    pub tables: Vec<SelfEvaluation>,
    pub regions: Vec<Range<usize>>,
    pub unread: Vec<UnreadForm>,
    /// From a 自评表 / 自评报告 title to the next title or chapter, where most lines are
    /// short: a form flattened without tabs (a PDF's text). Its cells are not prose.
    pub form_regions: Vec<Range<usize>>,
}

/// Lines shorter than this (in characters) read as form cells, not prose.
const CELL_LINE: usize = 24;

/// Is `text[from..to]` a form flattened to short lines (most non-blank lines are cells)?
fn reads_as_form(text: &str, from: usize, to: usize) -> bool {
    let (mut lines, mut short) = (0usize, 0usize);
    for l in text[from..to].lines() {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        lines += 1;
        short += usize::from(l.chars().count() < CELL_LINE || l.contains("  "));
    }
    lines >= 4 && short * 2 >= lines
}

/// Finds and reads every self-assessment table.
pub fn extract(doc: &Doc, locate: Locate) -> Found {
    let text = doc.text;
    // Title lines and stop lines, by position.
    let mut titles = Vec::new();
    let mut report_titles = Vec::new();
    let mut stops = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let body = line.trim_matches(|c: char| c.is_whitespace());
        if body.is_empty() || body.chars().count() > 60 || body.contains('\t') {
            continue;
        }
        // Titles and stops all hold 表 or 报告: other lines only need the heading test.
        let may_title = body.contains('表') || body.contains("报告");
        if may_title && TITLE.is_match(body) && !LIST_ENTRY.is_match(body) {
            titles.push((start, pos, body));
            stops.push(start);
        } else if may_title && STOP.is_match(body) && !LIST_ENTRY.is_match(body) {
            report_titles.push((start, pos));
            stops.push(start);
        } else if !line.starts_with('\t')
            // A numbered chapter heading (`第五部分 附表`, `九、…`) outside any table cell.
            && crate::sections::heading(body)
                .is_some_and(|(level, number, _)| level <= 2 && !number.is_empty())
        {
            stops.push(start);
        }
    }
    let region_end = |start: usize| {
        stops
            .iter()
            .copied()
            .find(|&s| s > start)
            .unwrap_or(text.len())
    };
    let mut found = Found {
        tables: Vec::new(),
        regions: Vec::new(),
        unread: Vec::new(),
        form_regions: Vec::new(),
    };
    for &(start, end, title) in &titles {
        let region_end = region_end(start);
        let layout = grid::layout(text, end, region_end);
        let rows = grid::rows(text, end, region_end, layout);
        let (span, section) = locate(start..start + title.len());
        if reads_as_form(text, end, region_end) {
            found.form_regions.push(start..region_end);
        }
        match Reader::new(doc, layout, locate).read(&rows, title, span, section) {
            Some(t) => {
                found.tables.push(t);
                found.regions.push(start..region_end);
            }
            None => found.unread.push(UnreadForm {
                title: title.to_owned(),
                span,
                section,
            }),
        }
    }
    for &(start, end) in &report_titles {
        let region_end = region_end(start);
        if reads_as_form(text, end, region_end) {
            found.form_regions.push(start..region_end);
        }
    }
    found.form_regions.sort_by_key(|r| r.start);
    found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FundCol {
    Initial,
    Adjusted,
    Actual,
    Rate,
    Weight,
    Score,
    Reason,
}

fn fund_column(t: &str) -> Option<FundCol> {
    let t = squeeze(t);
    let t = t.trim_end_matches([':', '：']);
    if t.contains("万元") || t.contains("情况") || t.chars().count() > 12 {
        return None;
    }
    Some(if t.contains("执行率") {
        FundCol::Rate
    } else if t.contains("执行数") {
        FundCol::Actual
    } else if t.contains("年初") {
        FundCol::Initial
    } else if t.contains("调整后") || t.contains("全年预算") || t == "预算数" {
        FundCol::Adjusted
    } else if t.contains("分值") || t.contains("权重") {
        FundCol::Weight
    } else if t.contains("得分") {
        FundCol::Score
    } else if t.contains("原因") {
        FundCol::Reason
    } else {
        return None;
    })
}

fn fund_source(label: &str) -> Option<FundSource> {
    let t = squeeze(label);
    let t = t
        .trim_start_matches("其中")
        .trim_start_matches(['-', ':', '：', '—'])
        .trim_end_matches([':', '：']);
    Some(
        if t.contains("总额") || t == "合计" || t == "预算数" || t == "执行数" {
            FundSource::Total
        } else if t.contains("上年结转") {
            FundSource::CarryOver
        } else if t.contains("财政专户") {
            FundSource::SpecialAccount
        } else if t.contains("财政资金") || t.contains("财政拨款") {
            FundSource::Fiscal
        } else if t.contains("单位资金") || t.contains("单位自筹") {
            FundSource::Unit
        } else if t.contains("其他资金") || t.contains("其它资金") {
            FundSource::Other
        } else {
            return None;
        },
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IndCol {
    Level1,
    Level2,
    Level3,
    Nature,
    Target,
    Unit,
    Actual,
    Weight,
    Score,
    Reason,
}

fn indicator_column(t: &str) -> Option<IndCol> {
    let t = squeeze(t);
    Some(if t.contains("一级指标") {
        IndCol::Level1
    } else if t.contains("二级指标") {
        IndCol::Level2
    } else if t.contains("三级指标") {
        IndCol::Level3
    } else if t.contains("指标性质") {
        IndCol::Nature
    } else if t.contains("完成值") || t.contains("实际完成") {
        IndCol::Actual
    } else if t.contains("指标值") {
        IndCol::Target
    } else if t.contains("度量单位") || t.contains("计量单位") {
        IndCol::Unit
    } else if t.contains("分值") || t.contains("权重") {
        IndCol::Weight
    } else if t.contains("得分") {
        IndCol::Score
    } else if t.contains("原因") || t.contains("改进") {
        IndCol::Reason
    } else {
        return None;
    })
}

fn operator(s: &str) -> Option<Operator> {
    Some(match s {
        "≥" | "≧" | ">=" | "大于等于" | "不低于" | "不少于" | "达到" => {
            Operator::AtLeast
        }
        "≤" | "≦" | "<=" | "小于等于" | "不高于" | "不超过" => Operator::AtMost,
        ">" | "大于" | "高于" => Operator::Above,
        "<" | "小于" | "低于" => Operator::Below,
        "=" => Operator::Equal,
        "定性" => Operator::Qualitative,
        _ => return None,
    })
}

enum Block {
    Meta,
    /// Funds rows under a header: (cell index, column) pairs; `pairs` when the header is
    /// itself a row of `label: value` pairs.
    Funds {
        cols: Vec<(usize, FundCol)>,
        pairs: bool,
    },
    Indicators {
        cols: Vec<(usize, IndCol)>,
        width: usize,
    },
    Done,
}

struct Reader<'d> {
    doc: &'d Doc<'d>,
    layout: Layout,
    locate: Locate<'d>,
}

impl<'d> Reader<'d> {
    fn new(doc: &'d Doc<'d>, layout: Layout, locate: Locate<'d>) -> Self {
        Self {
            doc,
            layout,
            locate,
        }
    }

    fn text(&self, c: Cell) -> &'d str {
        c.text(self.doc.text)
    }

    /// The claim a cell holds when the cell is one figure and nothing else (`35`, `100%`,
    /// `40.00`); `/` and blank cells hold none.
    fn value(&self, c: Cell) -> Option<ClaimId> {
        if c.is_empty() {
            return None;
        }
        let mut ids = self.doc.claims_in(c.start, c.end);
        let id = ids.next()?;
        if ids.next().is_some() {
            return None;
        }
        let claim = &self.doc.claims[id];
        let rest = self.doc.text[c.start..claim.norm.0].trim().is_empty()
            && self.doc.text[claim.norm.1..c.end].trim().is_empty();
        (rest && claim.quantity.is_some()).then_some(id)
    }

    fn is_number(&self, c: Cell) -> bool {
        self.value(c)
            .is_some_and(|id| matches!(self.doc.claims[id].kind, ClaimKind::Bare))
    }

    fn weight_label(&self, c: Cell) -> Option<(String, ClaimId)> {
        let t = self.text(c);
        let caps = WEIGHT_LABEL.captures(t)?;
        let w = caps.name("w")?;
        let at = c.start + w.start();
        let id = self.doc.claim_starting_at(at)?;
        Some((squeeze(&caps["name"]).into_owned(), id))
    }

    fn measure(&self, c: Cell, op: Option<Operator>, unit: Option<&str>) -> Option<Measure> {
        if c.is_empty() {
            return None;
        }
        let text = self.text(c);
        let norm = squeeze(text);
        let (mut op_found, mut value, mut unit_found) = (None, None, String::new());
        if let Some(caps) = MEASURE.captures(&norm) {
            op_found = caps.name("op").and_then(|o| operator(o.as_str()));
            unit_found = caps["unit"].to_owned();
            value = self.doc.claims_in(c.start, c.end).next();
        }
        Some(Measure {
            text: text.to_owned(),
            op: op_found.or(op),
            value,
            unit: if unit_found.is_empty() {
                unit.map(|u| squeeze(u).into_owned()).unwrap_or_default()
            } else {
                unit_found
            },
        })
    }

    fn read(
        &self,
        rows: &[Row],
        title: &str,
        span: Span,
        section: Option<usize>,
    ) -> Option<SelfEvaluation> {
        let mut t = SelfEvaluation {
            scope: if title.contains("整体") {
                EvalScope::Department
            } else {
                EvalScope::Project
            },
            title: title.to_owned(),
            project: None,
            code: None,
            department: None,
            implementer: None,
            funds: Vec::new(),
            indicators: Vec::new(),
            groups: Vec::new(),
            indicators_weight: None,
            execution_weight: None,
            total_weight: None,
            total_score: None,
            unread_rows: 0,
            money_decimals: 0,
            span,
            section,
        };
        let mut block = Block::Meta;
        let (mut level1, mut level2) = (String::new(), String::new());
        for row in rows {
            let Some((_, first)) = row.first() else {
                continue;
            };
            let head = squeeze(self.text(first));
            if matches!(block, Block::Done) {
                break;
            }
            if let Some(cols) = self.indicator_header(row) {
                if let Some((_, w)) = self.weight_label(first) {
                    t.indicators_weight = Some(w);
                }
                block = Block::Indicators {
                    cols,
                    width: row.cells.len(),
                };
                continue;
            }
            if let Some((cols, pairs)) = self.funds_header(row) {
                if let Some((_, w)) = self.weight_label(first) {
                    t.execution_weight = Some(w);
                }
                block = Block::Funds { cols, pairs };
                if pairs {
                    self.read_pair_row(row, &mut t, FundSource::Total);
                }
                continue;
            }
            if head.starts_with("合计") || head.starts_with("总分") {
                let nums: Vec<ClaimId> = row.filled().filter_map(|(_, c)| self.value(c)).collect();
                if nums.len() >= 2 {
                    t.total_weight = Some(nums[nums.len() - 2]);
                    t.total_score = Some(nums[nums.len() - 1]);
                }
                block = Block::Done;
                continue;
            }
            match &block {
                Block::Meta => self.read_meta(row, &mut t),
                Block::Funds { cols, pairs } => {
                    if head.contains("目标") || head.starts_with("绩效") {
                        block = Block::Meta;
                        continue;
                    }
                    if *pairs {
                        if let Some(source) = fund_source(self.text(first)) {
                            self.read_pair_row(row, &mut t, source);
                        }
                    } else {
                        self.read_fund_row(row, cols, &mut t);
                    }
                }
                Block::Indicators { cols, width } => {
                    if head.starts_with("评价结论") || head.starts_with("存在问题") {
                        block = Block::Done;
                        continue;
                    }
                    let width = *width;
                    self.read_indicator(row, cols, width, &mut t, &mut level1, &mut level2);
                }
                Block::Done => {}
            }
        }
        if t.funds.is_empty() && t.indicators.is_empty() {
            return None;
        }
        t.money_decimals = t
            .funds
            .iter()
            .flat_map(|r| [r.initial, r.adjusted, r.actual])
            .flatten()
            .filter_map(|id| self.doc.claims[id].quantity.map(|q| q.decimals))
            .max()
            .unwrap_or(0);
        if let Some(total) = t.total_funds() {
            t.execution_weight = t.execution_weight.or(total.weight);
        }
        Some(t)
    }

    fn read_meta(&self, row: &Row, t: &mut SelfEvaluation) {
        let cells: Vec<Cell> = row.filled().map(|(_, c)| c).collect();
        for pair in cells.windows(2) {
            let label = squeeze(self.text(pair[0]));
            let value = self.text(pair[1]).trim().to_owned();
            if fund_column(&value).is_some() {
                continue;
            }
            if label.ends_with("名称") && t.project.is_none() {
                match CODE_NAME.captures(&value) {
                    Some(c) => {
                        t.code = Some(c["code"].to_owned());
                        t.project = Some(c["name"].trim().to_owned());
                    }
                    None => t.project = Some(value),
                }
            } else if label.contains("主管部门") && t.department.is_none() {
                t.department = Some(value);
            } else if (label.contains("实施单位") || label.contains("预算单位"))
                && t.implementer.is_none()
            {
                t.implementer = Some(value);
            }
        }
    }

    fn funds_header(&self, row: &Row) -> Option<(Vec<(usize, FundCol)>, bool)> {
        // A funds header names 执行数: most rows name nothing of the kind.
        if !row.filled().any(|(_, c)| self.text(c).contains('执')) {
            return None;
        }
        let cols: Vec<(usize, FundCol)> = row
            .filled()
            .filter_map(|(i, c)| fund_column(self.text(c)).map(|k| (i, k)))
            .collect();
        let has = |k| cols.iter().any(|&(_, c)| c == k);
        let budgets = has(FundCol::Initial) || has(FundCol::Adjusted);
        if !(has(FundCol::Actual) && budgets) {
            return None;
        }
        let pairs = cols
            .iter()
            .all(|&(i, _)| self.text(row.cells[i]).ends_with([':', '：']));
        Some((cols, pairs))
    }

    fn indicator_header(&self, row: &Row) -> Option<Vec<(usize, IndCol)>> {
        // An indicator header names 一级指标.
        if !row.filled().any(|(_, c)| self.text(c).contains('级')) {
            return None;
        }
        let cols: Vec<(usize, IndCol)> = row
            .filled()
            .filter_map(|(i, c)| indicator_column(self.text(c)).map(|k| (i, k)))
            .collect();
        let has = |k| cols.iter().any(|&(_, c)| c == k);
        (has(IndCol::Level1) && (has(IndCol::Level2) || has(IndCol::Level3))).then_some(cols)
    }

    fn fund_row(&self, row: &Row, source: FundSource, label: Cell) -> FundRow {
        FundRow {
            source,
            label: squeeze(self.text(label)).into_owned(),
            initial: None,
            adjusted: None,
            actual: None,
            rate: None,
            weight: None,
            score: None,
            span: (self.locate)(label.start..label.end.max(row.start)).0,
        }
    }

    fn set(&self, r: &mut FundRow, col: FundCol, id: Option<ClaimId>) {
        let slot = match col {
            FundCol::Initial => &mut r.initial,
            FundCol::Adjusted => &mut r.adjusted,
            FundCol::Actual => &mut r.actual,
            FundCol::Rate => &mut r.rate,
            FundCol::Weight => &mut r.weight,
            FundCol::Score => &mut r.score,
            FundCol::Reason => return,
        };
        *slot = id;
    }

    /// `预算数: 50  执行数: 46.73` and `其中-财政拨款: 50  其中-财政拨款: 46.73`: each value
    /// follows its label; the k-th value belongs to the header's k-th column.
    fn read_pair_row(&self, row: &Row, t: &mut SelfEvaluation, source: FundSource) {
        let cells = &row.cells;
        let Some(label) = row.first().map(|(_, c)| c) else {
            return;
        };
        let mut r = self.fund_row(row, source, label);
        let mut k = 0;
        let order = [FundCol::Adjusted, FundCol::Actual];
        for (i, c) in cells.iter().enumerate() {
            if self.text(*c).ends_with([':', '：']) {
                let col = if source == FundSource::Total {
                    fund_column(self.text(*c))
                } else {
                    order.get(k).copied()
                };
                k += 1;
                if let (Some(col), Some(v)) = (col, cells.get(i + 1)) {
                    self.set(&mut r, col, self.value(*v));
                }
            }
        }
        t.funds.push(r);
    }

    fn read_fund_row(&self, row: &Row, cols: &[(usize, FundCol)], t: &mut SelfEvaluation) {
        let Some((li, label)) = row.first() else {
            return;
        };
        let text = self.text(label);
        // `其中: 一般公共预算: 627.19` carries its figure inside the label: not a column row.
        if text.chars().any(|c| c.is_ascii_digit()) {
            return;
        }
        let Some(source) = fund_source(text) else {
            return;
        };
        let mut r = self.fund_row(row, source, label);
        let first_col = cols.iter().map(|&(i, _)| i).min().unwrap_or(0);
        let fits = |i: usize| {
            row.cells
                .get(i)
                .is_none_or(|c| c.is_empty() || self.text(*c) == "/" || self.value(*c).is_some())
        };
        let positional = li < first_col
            && cols
                .iter()
                .filter(|&&(_, k)| k != FundCol::Reason)
                .all(|&(i, _)| fits(i));
        if positional {
            for &(i, col) in cols {
                if let Some(c) = row.cells.get(i) {
                    self.set(&mut r, col, self.value(*c));
                }
            }
        } else {
            // Merged cells shifted the row: the values after the label, in header order.
            let values: Vec<Cell> = row
                .filled()
                .filter(|&(i, _)| i > li)
                .map(|(_, c)| c)
                .collect();
            for (&(_, col), c) in cols.iter().zip(values) {
                self.set(&mut r, col, self.value(c));
            }
        }
        t.funds.push(r);
    }

    fn read_indicator(
        &self,
        row: &Row,
        cols: &[(usize, IndCol)],
        width: usize,
        t: &mut SelfEvaluation,
        level1: &mut String,
        level2: &mut String,
    ) {
        let cell = |k: IndCol| {
            let i = cols.iter().find(|&&(_, c)| c == k)?.0;
            row.cells.get(i).copied()
        };
        let aligned = self.layout == Layout::CellPerLine
            && cols.iter().all(|&(i, _)| i < row.cells.len())
            && cell(IndCol::Level3).is_some_and(|c| !c.is_empty());
        let parsed = if aligned {
            self.by_position(&cell)
        } else {
            let Some(p) = self.right_anchored(row, width, &cell) else {
                t.unread_rows += 1;
                return;
            };
            p
        };
        let Some(&name) = parsed.names.last() else {
            return;
        };
        // Each name cell's weight label (`产出指标 (40分)`), read once.
        let labels: Vec<Option<(String, ClaimId)>> =
            parsed.names.iter().map(|&c| self.weight_label(c)).collect();
        let group_name = |i: usize| match &labels[i] {
            Some((n, _)) => n.clone(),
            None => squeeze(self.text(parsed.names[i])).into_owned(),
        };
        if let Some(i) = parsed.level1 {
            *level1 = group_name(i);
        }
        if let Some(i) = parsed.level2 {
            *level2 = squeeze(self.text(parsed.names[i])).into_owned();
        }
        let index = t.indicators.len();
        for (name, weight) in labels.into_iter().flatten() {
            t.groups.push(GroupWeight {
                name,
                weight,
                at_indicator: index,
            });
        }
        t.indicators.push(Indicator {
            level1: level1.clone(),
            level2: level2.clone(),
            name: squeeze(self.text(name)).into_owned(),
            target: parsed.target,
            actual: parsed.actual,
            weight: parsed.weight,
            score: parsed.score,
            reason: parsed.reason.map(|c| self.text(c).to_owned()),
            span: (self.locate)(name.start..name.end).0,
        });
    }

    /// A row that lines up with its header (one cell per line keeps every blank cell).
    fn by_position(&self, cell: &dyn Fn(IndCol) -> Option<Cell>) -> IndicatorRow {
        let filled = |k: IndCol| cell(k).filter(|c| !c.is_empty());
        let nature = cell(IndCol::Nature).and_then(|c| operator(&squeeze(self.text(c))));
        let unit = cell(IndCol::Unit).map(|c| self.text(c));
        let mut names = Vec::new();
        let (mut level1, mut level2) = (None, None);
        for (k, slot) in [
            (IndCol::Level1, Some(&mut level1)),
            (IndCol::Level2, Some(&mut level2)),
            (IndCol::Level3, None),
        ] {
            if let Some(c) = filled(k) {
                if let Some(slot) = slot {
                    *slot = Some(names.len());
                }
                names.push(c);
            }
        }
        IndicatorRow {
            names,
            level1,
            level2,
            target: cell(IndCol::Target).and_then(|c| self.measure(c, nature, unit)),
            actual: cell(IndCol::Actual).and_then(|c| self.measure(c, None, unit)),
            weight: cell(IndCol::Weight).and_then(|c| self.value(c)),
            score: cell(IndCol::Score).and_then(|c| self.value(c)),
            reason: filled(IndCol::Reason),
        }
    }

    /// A tabbed row whose merged cells shifted it: read from the right — reason, score,
    /// weight, 完成值, 指标值 — and the names are what is left. `None` when one trailing
    /// figure could be a weight, a score or a 完成值 and the row does not line up with
    /// its header to say which.
    fn right_anchored(
        &self,
        row: &Row,
        width: usize,
        cell: &dyn Fn(IndCol) -> Option<Cell>,
    ) -> Option<IndicatorRow> {
        let filled: Vec<Cell> = row.filled().map(|(_, c)| c).collect();
        let mut k = filled.len();
        let mut reason = None;
        if k >= 2 && !self.is_number(filled[k - 1]) && self.is_number(filled[k - 2]) {
            reason = Some(filled[k - 1]);
            k -= 1;
        }
        let (mut weight, mut score) = (None, None);
        if k >= 2 && self.is_number(filled[k - 1]) && self.is_number(filled[k - 2]) {
            weight = self.value(filled[k - 2]);
            score = self.value(filled[k - 1]);
            k -= 2;
        } else if k >= 1 && self.is_number(filled[k - 1]) {
            let last = Some(filled[k - 1]);
            let lined_up = row.cells.len() == width;
            if lined_up && cell(IndCol::Weight) == last {
                weight = self.value(filled[k - 1]);
            } else if lined_up && cell(IndCol::Score) == last {
                score = self.value(filled[k - 1]);
            } else {
                return None;
            }
            k -= 1;
        }
        let (mut target, mut actual) = (None, None);
        if k >= 3 {
            actual = self.measure(filled[k - 1], None, None);
            target = self.measure(filled[k - 2], None, None);
            k -= 2;
        }
        let names = filled[..k].to_vec();
        let is_group = |c: &Cell| {
            let s = squeeze(self.text(*c));
            WEIGHT_LABEL.is_match(&s)
                || ["产出指标", "效益指标", "满意度指标", "成本指标", "效果指标"]
                    .iter()
                    .any(|p| s.starts_with(p))
        };
        let level1 = names.iter().position(is_group);
        let level2 = names.len().checked_sub(2).filter(|&i| Some(i) != level1);
        Some(IndicatorRow {
            names,
            level1,
            level2,
            target,
            actual,
            weight,
            score,
            reason,
        })
    }
}

/// One indicator row as read, before it joins the table: its name cells (一级, 二级 where
/// present, 三级 last) and which of them are the 一级 and 二级 names.
struct IndicatorRow {
    names: Vec<Cell>,
    level1: Option<usize>,
    level2: Option<usize>,
    target: Option<Measure>,
    actual: Option<Measure>,
    weight: Option<ClaimId>,
    score: Option<ClaimId>,
    reason: Option<Cell>,
}

/// `绩效自评得分99.5分，绩效评定等级为“优秀”`, `自评得分99.23分，整体支出绩效评价为优秀`.
static GRADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"得分\s*(?:为|是)?\s*(?P<score>[0-9]+(?:\.[0-9]+)?)\s*分[^。\n]{0,30}?(?:等级|评价|结果|评定)\s*(?:为|是)?\s*[“「"]?(?P<grade>优秀|良好|中等|较差|优|良|中|差)"#,
    )
    .expect("grade regex")
});

/// Every score stated with its grade in prose.
pub fn grades(doc: &Doc) -> Vec<StatedGrade> {
    GRADE
        .captures_iter(doc.text)
        .filter_map(|c| {
            let score = doc.claim_starting_at(c.name("score")?.start())?;
            Some(StatedGrade {
                score,
                grade: c["grade"].to_owned(),
            })
        })
        .collect()
}

/// What a figure in prose about a project is, by the words in front of it.
fn prose_column(label: &str) -> Option<FundCol> {
    let l = squeeze(label);
    Some(if l.contains("执行率") || l.contains("结余") {
        return None;
    } else if l.contains("年初") {
        FundCol::Initial
    } else if l.contains("全年预算") || l.contains("全面预算") || l.contains("调整后") {
        FundCol::Adjusted
    } else if l.contains("本年度预算资金") || l.contains("年度预算金额") {
        FundCol::Initial
    } else if l.contains("实际执行")
        || l.contains("实际支出")
        || l.contains("项目执行")
        || l.contains("执行数")
    {
        FundCol::Actual
    } else {
        return None;
    })
}

/// Passages outside the tables that name a table's project and state its budget or
/// spending: the rest of the line when it holds such a figure, else the block of lines
/// under the name (a 自评报告 laid out as `专项名称 X` / `年度预算金额 25 万元` / …).
pub fn mentions(
    doc: &Doc,
    tables: &[SelfEvaluation],
    regions: &[Range<usize>],
    locate: Locate,
) -> Vec<ProjectMention> {
    let text = doc.text;
    let mut out = Vec::new();
    // Names that identify one table: four characters or more, in one table only.
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for n in tables.iter().filter_map(|t| t.project.as_deref()) {
        *uses.entry(n).or_default() += 1;
    }
    let table_of: HashMap<&str, usize> = tables
        .iter()
        .enumerate()
        .filter_map(|(i, t)| Some((t.project.as_deref()?, i)))
        .filter(|(n, _)| n.chars().count() >= 4 && uses[n] == 1)
        .collect();
    // One pass over the text for all names (longest first, so a name inside a longer one
    // does not win).
    let mut names: Vec<&str> = table_of.keys().copied().collect();
    names.sort_by_key(|n| (std::cmp::Reverse(n.len()), *n));
    if names.is_empty() {
        return out;
    }
    // Aho-Corasick, not a regex alternation: the names change with every report, and
    // building the automaton costs microseconds where compiling a regex cost a millisecond.
    let Ok(any_name) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&names)
    else {
        return out;
    };
    for found in any_name.find_iter(text) {
        let (p, after) = (found.start(), found.end());
        let ti = table_of[&text[p..after]];
        if regions.iter().any(|r| r.contains(&p)) {
            continue;
        }
        let line_end = doc.line_end(after);
        // Another project named further on the line starts its own passage.
        let next_name = any_name
            .find(&text[after..line_end])
            .map_or(line_end, |m| after + m.start());
        let mut scope_end = next_name;
        let on_line = doc
            .claims_in(after, scope_end)
            .any(|id| doc.claims[id].is_amount() && prose_column(doc.label_before(id)).is_some());
        if !on_line {
            // A report laid out as rows (`专项名称\tX` / `年度预算金额\t25 万元` / …): the
            // name is a cell of its own, and its block runs to the next empty line.
            let cell = text[..p].ends_with('\t') && text[after..line_end].trim().is_empty();
            if !cell {
                continue;
            }
            let mut pos = line_end;
            for _ in 0..8 {
                if pos >= text.len() {
                    break;
                }
                let next_end = doc.line_end(pos + 1);
                if text[pos + 1..next_end].trim().is_empty() {
                    break;
                }
                pos = next_end;
            }
            scope_end = pos;
        }
        let mut m = ProjectMention {
            table: ti,
            initial: None,
            adjusted: None,
            actual: None,
            span: locate(p..after).0,
        };
        for id in doc
            .claims_in(after, scope_end)
            .take(super::context::REACH_CLAIMS)
        {
            if !doc.claims[id].is_amount() {
                continue;
            }
            let slot = match prose_column(doc.label_before(id)) {
                Some(FundCol::Initial) => &mut m.initial,
                Some(FundCol::Adjusted) => &mut m.adjusted,
                Some(FundCol::Actual) => &mut m.actual,
                _ => continue,
            };
            slot.get_or_insert(id);
        }
        if m.initial.is_some() || m.adjusted.is_some() || m.actual.is_some() {
            out.push(m);
        }
    }
    out
}

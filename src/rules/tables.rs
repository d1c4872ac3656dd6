//! TBL: the 公开 tables — identities within a table (code tree, column sums, the sides of
//! the 总表) and between tables (the same figure in 01, 02, 03 …; 05 基本支出 = 06 人员经费 +
//! 公用经费), and a table listed but not printed.
//!
//! A blank cell is zero (every table's note says so). A figure stands for its rounding
//! interval at the table's finest printed precision: tables print every amount to the same
//! decimals, so `16` beside `16.40` is 16.00.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Context, Family, Rule, fmt};
use crate::finding::{Expected, Figure, Finding, Related, Severity, TableCell};
use crate::model::rounding::half_unit;
use crate::model::tables::{CellValue, PublicTable, RowRole, TableBlock, TableKind, TableRow};
use crate::model::{Basis, FigureSource, FundScope, Interval, Subject, class_key};

pub static TREE_SUM_MISMATCH: Rule = Rule {
    code: "TBL001",
    name: "table-tree-sum-mismatch",
    family: Family::Tables,
    severity: Severity::Error,
    summary: "公开表中上级科目（合计、类、款）与下级科目之和不符",
    doc: "## What it checks
In a 公开 table keyed by code, every column adds up the code tree: the 合计 row is the sum of
the 类 rows (3 digits), a 类 the sum of its 款 (5 digits), a 款 the sum of its 项 (7 digits);
economic codes likewise (301 = Σ 301xx), and in 06表 人员经费合计 / 公用经费合计 are the sums of
their 类 rows (301 + 303; 302 + 307 + 310 + 399 where printed in the 公用经费 columns).

## Why it matters
A parent row that its children contradict is a typing error or a row left out, and every
table and narrative figure copied from it carries the error on.

## Rounding
Each cell stands for its rounding interval at the table's precision; n children of 0.01 may
miss their parent by (n + 1) × 0.005 (06表 301: Σ11 = 867.76 vs 867.74 holds).

## Example
`210 卫生健康支出 1,358.08` with 款 21011 10.18 and 21015 1,347.90 holds; changing 21015 to
1,337.90 is reported at the 210 row.

## Known limits
A parent whose children are not printed is not checked. Codes are compared by prefix: a
province code plan that nests otherwise is read as printed.",
    check: check_tree,
};

pub static COLUMN_SUM_MISMATCH: Rule = Rule {
    code: "TBL002",
    name: "table-column-sum-mismatch",
    family: Family::Tables,
    severity: Severity::Error,
    summary: "公开表中合计栏与各分栏之和不符",
    doc: "## What it checks
Where a table's header puts a 合计 / 小计 column beside its sibling columns, every row must add
up: 03表 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出; 02表 本年
收入合计 = Σ sources; 05表 小计 = 基本 + 项目; 04表 合计 = 一般公共预算 + 政府性基金 + 国有资本经营;
09表 合计 = 因公出国（境）+ 公务用车 小计 + 公务接待, 小计 = 购置 + 运行, for 预算数 and 决算数 alike.

## Why it matters
The columns are the same money split by kind; a row that does not add up has a mistyped cell.

## Rounding
Each cell stands for its rounding interval (03表 合计: 971.50 + 497.02 = 1468.52 vs 1468.53 holds).

## Example
`合计 1,468.53 | 971.50 | 497.02`, changing 基本支出 to 961.50 → reported at the 合计 cell.

## Known limits
The sum is read from the header: a header that does not print its 合计 beside the parts
(`本年支出` over 小计 / 基本 / 项目 does) is not checked.",
    check: check_columns,
};

pub static SIDE_TOTAL_MISMATCH: Rule = Rule {
    code: "TBL003",
    name: "table-side-total-mismatch",
    family: Family::Tables,
    severity: Severity::Error,
    summary: "总表收入（支出）合计、总计与所列各行不符",
    doc: "## What it checks
On each side of 收入支出决算总表 (01) and 财政拨款收入支出决算总表 (04): 本年收入合计 = Σ the
numbered income rows (一、… 八、); 本年支出合计 = Σ the numbered 类 rows; 总计 = 本年合计 + the
结转/结余 rows (使用非财政拨款结余, 年初结转和结余; 结余分配, 年末结转和结余); a 结转和结余 row with
sub-rows (04: 一般公共预算 / 政府性基金 / 国有资本经营) = Σ its sub-rows; and 收入总计 = 支出总计.

## Why it matters
These are the report's headline figures; the narrative restates them.

## Rounding
Each cell stands for its rounding interval at the table's precision.

## Example
002: 1,467.16 + 0.73 = 1,467.89 本年收入合计; 1,467.89 + 0.64 = 1,468.53 总计 (holds).

## Known limits
Rows are told apart by their labels (numbered lines, 合计, 总计, 结转/结余); a side printed
without numbered lines is checked only for 总计.",
    check: check_sides,
};

pub static CROSS_TABLE_MISMATCH: Rule = Rule {
    code: "TBL004",
    name: "cross-table-mismatch",
    family: Family::Tables,
    severity: Severity::Error,
    summary: "同一数字在不同公开表中不一致",
    doc: "## What it checks
The same quantity printed in two tables must agree: 本年收入合计 (01, 02); 本年支出合计 and each
类 (01, 03); 一般公共预算 / 政府性基金 / 国有资本经营 财政拨款收入 (01, 04); 财政拨款收入 (02 财政拨款
column, 04 本年收入合计); 一般公共预算财政拨款支出 in total and by 类 (04 一般公共预算 column, 05 小计);
政府性基金 and 国有资本经营 支出 (04, 07, 08).

## Why it matters
The nine tables are one set of accounts; a figure that differs between them means one of
them was not updated.

## Rounding
Both cells stand for their rounding intervals.

## Example
01表 本年支出合计 1,468.53 and 03表 合计 1,468.53 hold; 03表 210 卫生健康支出 1,358.08 against
01表 九、卫生健康支出 1,348.08 is reported at the later table.

## Known limits
Quantities are matched by table kind, row role or 类 name, and column header; a table of an
unknown layout contributes nothing. 02表 by 类 is income, not spending, and is not compared
with 03表.",
    check: check_cross_tables,
};

pub static BASIC_COSTS_MISMATCH: Rule = Rule {
    code: "TBL005",
    name: "basic-costs-mismatch",
    family: Family::Tables,
    severity: Severity::Error,
    summary: "05表基本支出与06表人员经费、公用经费合计之和不符",
    doc: "## What it checks
The 一般公共预算财政拨款 基本支出 of 05表 (合计 row) is 06表's 人员经费合计 + 公用经费合计.

## Why it matters
06表 is the economic breakdown of exactly that money.

## Rounding
All three cells stand for their rounding intervals.

## Example
002: 970.13 = 872.14 + 97.99 (holds).

## Known limits
Needs both tables with those rows; 06表 printed without its 合计 rows is not checked.",
    check: check_basic_costs,
};

pub static TABLE_NOT_INCLUDED: Rule = Rule {
    code: "TBL006",
    name: "table-not-included",
    family: Family::Tables,
    severity: Severity::Info,
    summary: "报告列出了公开表但未包含表格内容",
    doc: "## What it checks
The report names 公开 tables (in its 目录 or a 附表 list) that it does not print: those
tables' identities cannot be checked. Reported once per report, naming every such table.

## Why it matters
A reviewer should know which checks could not run; an absent table is not a table of zeros.

## Rounding
Not applicable.

## Example
`第二部分 部门决算表` followed by the nine titles and no table rows.

## Known limits
Only the nine national tables are recognised by title; the published tables may be in a
separate file.",
    check: check_not_included,
};

/// How one table's cells read: the table's finest printed precision and its unit.
struct Reader<'a> {
    ctx: &'a Context<'a>,
    table: &'a PublicTable,
    decimals: u32,
}

impl<'a> Reader<'a> {
    fn new(ctx: &'a Context<'a>, table: &'a PublicTable) -> Self {
        let decimals = table
            .blocks
            .iter()
            .flat_map(|b| &b.rows)
            .flat_map(|r| &r.values)
            .filter_map(|v| match v {
                CellValue::Figure(id) => Some(ctx.decimals(*id)),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        Self {
            ctx,
            table,
            decimals,
        }
    }

    /// A cell's interval and value in 万元; `None` when unreadable.
    fn read(&self, v: CellValue) -> Option<(Interval, Decimal)> {
        match v {
            CellValue::Blank => Some((Interval::exact(Decimal::ZERO), Decimal::ZERO)),
            CellValue::Figure(id) => {
                let value = self.ctx.value(id) * self.table.scale;
                let dp = self.ctx.decimals(id).max(self.decimals);
                let half = half_unit(dp) * self.table.scale;
                Some((Interval::around(value, half), value))
            }
            CellValue::Unreadable => None,
        }
    }

    /// Σ of cells: `None` when any is unreadable.
    fn sum(&self, cells: impl IntoIterator<Item = CellValue>) -> Option<(Interval, Decimal)> {
        let mut acc = (Interval::exact(Decimal::ZERO), Decimal::ZERO);
        for c in cells {
            let (iv, v) = self.read(c)?;
            acc = (acc.0.plus(iv), acc.1 + v);
        }
        Some(acc)
    }

    fn cell(&self, block: &TableBlock, row: &TableRow, col: usize) -> TableCell {
        TableCell {
            table: self.table.name(),
            row: row_name(row),
            column: column_name(block, col),
        }
    }

    fn related(&self, role: &str, block: &TableBlock, row: &TableRow, col: usize) -> Related {
        let v = row.values[col];
        let (text, value) = match v {
            CellValue::Figure(id) => (self.ctx.text(id).to_owned(), self.read(v).map(|r| r.1)),
            CellValue::Blank => ("（空白）".to_owned(), Some(Decimal::ZERO)),
            CellValue::Unreadable => ("?".to_owned(), None),
        };
        Related {
            role: format!(
                "{role}：{} {} {}",
                self.table.name(),
                row_name(row),
                column_name(block, col)
            ),
            text,
            value,
            location: match v {
                CellValue::Figure(id) => self.ctx.report.claims[id].span,
                _ => row.span,
            },
        }
    }

    /// A finding at cell (`row`, `col`) when its value lies outside `allowed`.
    fn judge(
        &self,
        rule: &Rule,
        (block, row, col): (&TableBlock, &TableRow, usize),
        (allowed, expected): (Interval, Decimal),
        message: impl FnOnce(&str, &str) -> String,
    ) -> Option<Finding> {
        let v = row.values[col];
        let (stated_iv, stated) = self.read(v)?;
        if stated_iv.intersects(allowed) {
            return None;
        }
        let shown = expected.round_dp(self.decimals.max(2));
        let stated_text = match v {
            CellValue::Figure(id) => self.ctx.text(id).to_owned(),
            _ => "（空白）".to_owned(),
        };
        let msg = message(&stated_text, &fmt(shown));
        let mut f = match v {
            CellValue::Figure(id) => self.ctx.build.finding(rule, rule.severity, id, msg),
            _ => self.ctx.build.at_span(
                rule,
                rule.severity,
                row.span,
                self.table.section,
                Figure {
                    text: stated_text,
                    value: Some(Decimal::ZERO),
                },
                msg,
            ),
        };
        // A cell line can read like a heading to the section tree: use the table's.
        f.section = self.ctx.report.section_path(self.table.section);
        f.stated.value = Some(stated);
        f.expected = Some(Expected {
            value: shown,
            interval: Interval::new(allowed.lo.round_dp(6), allowed.hi.round_dp(6)),
        });
        f.difference = Some((stated - expected).normalize());
        f.beyond_rounding = Some(stated_iv.gap(allowed).round_dp(6).normalize());
        f.cell = Some(self.cell(block, row, col));
        Some(f)
    }
}

/// `208 社会保障和就业支出`, `本年支出合计`.
fn row_name(row: &TableRow) -> String {
    match &row.role {
        RowRole::Code(c) if row.label.is_empty() => c.clone(),
        RowRole::Code(c) => format!("{c} {}", row.label),
        _ if row.label.is_empty() => "（数据行）".to_owned(),
        _ => row.label.clone(),
    }
}

/// `本年支出/基本支出`, or `支出/合计` for a block of a two-sided table.
fn column_name(block: &TableBlock, col: usize) -> String {
    let label = &block.columns[col].label;
    if block.name.is_empty() {
        label.clone()
    } else {
        format!("{}/{label}", block.name)
    }
}

fn code_of(row: &TableRow) -> Option<&str> {
    match &row.role {
        RowRole::Code(c) => Some(c),
        _ => None,
    }
}

fn check_tree(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.tables {
        let r = Reader::new(ctx, t);
        for b in &t.blocks {
            // The first row of each code (a page repeated by mistake is not counted twice).
            let mut by_code: BTreeMap<&str, &TableRow> = BTreeMap::new();
            for row in &b.rows {
                if let Some(c) = code_of(row) {
                    by_code.entry(c).or_insert(row);
                }
            }
            if by_code.is_empty() {
                continue;
            }
            // (parent row, its children).
            let mut families: Vec<(&TableRow, Vec<&TableRow>)> = Vec::new();
            for (code, row) in &by_code {
                let below: Vec<&&TableRow> = by_code
                    .range(*code..)
                    .skip(1)
                    .take_while(|(c, _)| c.starts_with(code))
                    .map(|(_, r)| r)
                    .collect();
                let Some(level) = below.iter().filter_map(|r| code_of(r)).map(str::len).min()
                else {
                    continue;
                };
                let kids = below
                    .into_iter()
                    .filter(|r| code_of(r).map(str::len) == Some(level))
                    .copied()
                    .collect();
                families.push((row, kids));
            }
            let top: Vec<&TableRow> = by_code
                .values()
                .filter(|r| code_of(r).map(str::len) == Some(3))
                .copied()
                .collect();
            for row in b.rows.iter().filter(|r| r.role == RowRole::Total) {
                if !top.is_empty() {
                    families.push((row, top.clone()));
                }
            }
            for (parent, kids) in families {
                for col in 0..b.columns.len() {
                    let Some(sum) = r.sum(kids.iter().map(|k| k.values[col])) else {
                        continue;
                    };
                    let level = match kids.first().and_then(|k| code_of(k)).map(str::len) {
                        Some(3) => "类",
                        Some(5) => "款",
                        _ => "项",
                    };
                    let n = kids.len();
                    if let Some(mut f) = r.judge(
                        &TREE_SUM_MISMATCH,
                        (b, parent, col),
                        sum,
                        |stated, expected| {
                            format!(
                                "{}「{}」行「{}」栏为{}，其下{}个{}级科目之和为{}",
                                t.name(),
                                row_name(parent),
                                column_name(b, col),
                                stated,
                                n,
                                level,
                                expected
                            )
                        },
                    ) {
                        for k in &kids {
                            f.related.push(r.related("下级科目", b, k, col));
                        }
                        out.push(f);
                    }
                }
            }
        }
    }
    out
}

fn check_columns(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.tables {
        let r = Reader::new(ctx, t);
        for b in &t.blocks {
            for row in &b.rows {
                for s in &b.sums {
                    let Some(sum) = r.sum(s.parts.iter().map(|&p| row.values[p])) else {
                        continue;
                    };
                    let parts: Vec<&str> = s
                        .parts
                        .iter()
                        .map(|&p| b.columns[p].label.as_str())
                        .collect();
                    if let Some(mut f) = r.judge(
                        &COLUMN_SUM_MISMATCH,
                        (b, row, s.total),
                        sum,
                        |stated, expected| {
                            format!(
                                "{}「{}」行「{}」栏为{}，{}之和为{}",
                                t.name(),
                                row_name(row),
                                column_name(b, s.total),
                                stated,
                                parts.join(" + "),
                                expected
                            )
                        },
                    ) {
                        for &p in &s.parts {
                            f.related.push(r.related("分栏", b, row, p));
                        }
                        out.push(f);
                    }
                }
            }
        }
    }
    out
}

fn check_sides(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &ctx.report.tables {
        if !matches!(t.kind, TableKind::Overview | TableKind::FiscalOverview) {
            continue;
        }
        let r = Reader::new(ctx, t);
        let mut grand: Vec<(&TableBlock, &TableRow)> = Vec::new();
        for b in &t.blocks {
            let rows = &b.rows;
            let year = rows.iter().position(|x| x.role == RowRole::YearTotal);
            let total = rows.iter().position(|x| x.role == RowRole::GrandTotal);
            let mut checks: Vec<(usize, Vec<usize>, &str)> = Vec::new();
            if let Some(y) = year {
                let listed: Vec<usize> = (0..y)
                    .filter(|&i| rows[i].role == RowRole::Listed)
                    .collect();
                if !listed.is_empty() {
                    checks.push((y, listed, "所列各行"));
                }
                if let Some(g) = total.filter(|&g| g > y) {
                    let mut parts = vec![y];
                    let mut i = y + 1;
                    while i < g {
                        if rows[i].role == RowRole::Balance {
                            parts.push(i);
                            let subs: Vec<usize> = (i + 1..g)
                                .take_while(|&k| rows[k].role == RowRole::Other)
                                .collect();
                            if !subs.is_empty() {
                                checks.push((i, subs.clone(), "其下各行"));
                                i = subs[subs.len() - 1];
                            }
                        }
                        i += 1;
                    }
                    checks.push((g, parts, "本年合计与结转结余各行"));
                }
            }
            for (at, parts, what) in checks {
                for col in 0..b.columns.len() {
                    let Some(sum) = r.sum(parts.iter().map(|&p| rows[p].values[col])) else {
                        continue;
                    };
                    if let Some(mut f) = r.judge(
                        &SIDE_TOTAL_MISMATCH,
                        (b, &rows[at], col),
                        sum,
                        |stated, expected| {
                            format!(
                                "{}{}「{}」为{}，{}之和为{}",
                                t.name(),
                                side(b),
                                rows[at].label,
                                stated,
                                what,
                                expected
                            )
                        },
                    ) {
                        for &p in &parts {
                            f.related.push(r.related("组成", b, &rows[p], col));
                        }
                        out.push(f);
                    }
                }
            }
            if let Some(g) = total {
                grand.push((b, &rows[g]));
            }
        }
        // 收入总计 = 支出总计 (first column of each side).
        if let [(ib, irow), (eb, erow)] = grand[..] {
            if ib.columns.is_empty() || eb.columns.is_empty() {
                continue;
            }
            let Some(income) = r.read(irow.values[0]) else {
                continue;
            };
            if let Some(mut f) = r.judge(
                &SIDE_TOTAL_MISMATCH,
                (eb, erow, 0),
                income,
                |stated, expected| {
                    format!(
                        "{}支出方总计为{}，收入方总计为{}",
                        t.name(),
                        stated,
                        expected
                    )
                },
            ) {
                f.related.push(r.related("收入方总计", ib, irow, 0));
                out.push(f);
            }
        }
    }
    out
}

fn side(b: &TableBlock) -> String {
    if b.name.is_empty() {
        String::new()
    } else {
        format!("{}方", b.name)
    }
}

/// What a table figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Measure {
    Income,
    Expenditure,
    /// 收支总计.
    Grand,
    Basic,
    Project,
    /// 06表 人员经费合计 / 公用经费合计.
    Personnel,
    Public,
    /// 09表 决算数: 0 合计, 1 因公出国（境）, 2 公务用车 小计, 3 购置, 4 运行, 5 公务接待.
    ThreePublic(u8),
}

type Key = (FundScope, Measure, Option<String>);

/// A table cell that states a keyed quantity.
struct Keyed<'a> {
    key: Key,
    /// The table's reader (the table and its precision).
    reader: &'a Reader<'a>,
    block: &'a TableBlock,
    row: &'a TableRow,
    col: usize,
}

/// The one kind of 财政拨款 a column or row label names (一般公共预算, 政府性基金, 国有资本经营).
fn fund_scope(label: &str) -> Option<FundScope> {
    FundScope::named_in(label).filter(|s| *s != FundScope::Fiscal)
}

/// The 类 a numbered or coded row names (`九、卫生健康支出`, `210 卫生健康支出`).
fn class_of(row: &TableRow) -> Option<String> {
    match &row.role {
        RowRole::Code(c) if c.len() == 3 => Some(class_key(&row.label)),
        RowRole::Listed => Some(class_key(
            row.label
                .trim_start_matches(|c: char| "一二三四五六七八九十".contains(c))
                .trim_start_matches(['、', '.', '．']),
        )),
        _ => None,
    }
}

fn is_total_column(label: &str) -> bool {
    let last = label.rsplit('/').next().unwrap_or(label);
    matches!(
        last,
        "合计" | "小计" | "金额" | "决算数" | "本年支出" | "本年支出合计" | "本年收入合计"
    )
}

/// One reader per table, in table order.
fn readers<'a>(ctx: &'a Context<'a>) -> Vec<Reader<'a>> {
    ctx.report
        .tables
        .iter()
        .map(|t| Reader::new(ctx, t))
        .collect()
}

/// Every keyed quantity the tables print.
fn keyed<'a>(readers: &'a [Reader<'a>]) -> Vec<Keyed<'a>> {
    use FundScope::*;
    use Measure::*;
    let mut out = Vec::new();
    for reader in readers {
        let t = reader.table;
        let mut push = |key: Key, block, row, col| {
            out.push(Keyed {
                key,
                reader,
                block,
                row,
                col,
            })
        };
        for (bi, b) in t.blocks.iter().enumerate() {
            let first_total = b.columns.iter().position(|c| is_total_column(&c.label));
            for row in &b.rows {
                match t.kind {
                    TableKind::Overview | TableKind::FiscalOverview => {
                        let scope = if t.kind == TableKind::Overview {
                            All
                        } else {
                            Fiscal
                        };
                        let income = bi == 0;
                        let Some(col) = first_total.or((!b.columns.is_empty()).then_some(0)) else {
                            continue;
                        };
                        match (&row.role, income) {
                            (RowRole::GrandTotal, true) => push((scope, Grand, None), b, row, col),
                            (RowRole::YearTotal, true) => push((scope, Income, None), b, row, col),
                            (RowRole::YearTotal, false) => {
                                push((scope, Expenditure, None), b, row, col);
                                for (k, c) in b.columns.iter().enumerate() {
                                    if let Some(s) = fund_scope(&c.label) {
                                        push((s, Expenditure, None), b, row, k);
                                    }
                                }
                            }
                            (RowRole::Listed, true) => {
                                if let Some(s) = fund_scope(&row.label) {
                                    push((s, Income, None), b, row, col);
                                }
                            }
                            (RowRole::Listed, false) => {
                                let class = class_of(row);
                                push((scope, Expenditure, class.clone()), b, row, col);
                                for (k, c) in b.columns.iter().enumerate() {
                                    if let Some(s) = fund_scope(&c.label) {
                                        push((s, Expenditure, class.clone()), b, row, k);
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                    TableKind::Income => {
                        if row.role == RowRole::Total {
                            if let Some(col) = first_total {
                                push((All, Income, None), b, row, col);
                            }
                            if let Some(col) =
                                b.columns.iter().position(|c| c.label == "财政拨款收入")
                            {
                                push((Fiscal, Income, None), b, row, col);
                            }
                        }
                    }
                    TableKind::Expenditure | TableKind::GeneralBudget | TableKind::StateCapital => {
                        let scope = match t.kind {
                            TableKind::Expenditure => All,
                            TableKind::GeneralBudget => GeneralBudget,
                            _ => StateCapital,
                        };
                        let class = match &row.role {
                            RowRole::Total => None,
                            RowRole::Code(c) if c.len() == 3 => class_of(row),
                            _ => continue,
                        };
                        if let Some(col) = first_total {
                            push((scope, Expenditure, class.clone()), b, row, col);
                        }
                        for (k, c) in b.columns.iter().enumerate() {
                            if c.label.ends_with("基本支出") {
                                push((scope, Basic, class.clone()), b, row, k);
                            } else if c.label.ends_with("项目支出") {
                                push((scope, Project, class.clone()), b, row, k);
                            }
                        }
                    }
                    TableKind::GovernmentFund => {
                        if row.role == RowRole::Total {
                            let col = b.columns.iter().position(|c| {
                                c.label.starts_with("本年支出") && is_total_column(&c.label)
                            });
                            if let Some(col) = col {
                                push((GovernmentFund, Expenditure, None), b, row, col);
                            }
                        }
                    }
                    TableKind::GeneralBasic => {
                        if row.role == RowRole::Total && !b.columns.is_empty() {
                            if row.label.contains("人员经费") {
                                push((GeneralBudget, Personnel, None), b, row, 0);
                            } else if row.label.contains("公用经费") {
                                push((GeneralBudget, Public, None), b, row, 0);
                            }
                        }
                    }
                    TableKind::ThreePublic => {
                        // The one data row: its 决算数 columns.
                        if !std::ptr::eq(row, &b.rows[0]) {
                            continue;
                        }
                        for (k, c) in b.columns.iter().enumerate() {
                            let Some(part) = c.label.strip_prefix("决算数/") else {
                                continue;
                            };
                            let which = if part == "合计" {
                                0
                            } else if part.starts_with("因公出国") {
                                1
                            } else if part.ends_with("小计") {
                                2
                            } else if part.ends_with("购置费") {
                                3
                            } else if part.ends_with("运行费") || part.ends_with("运行维护费")
                            {
                                4
                            } else if part.starts_with("公务接待") {
                                5
                            } else if part.starts_with("公务用车") && !part.contains('/') {
                                2
                            } else {
                                continue;
                            };
                            push((Fiscal, ThreePublic(which), None), b, row, k);
                        }
                    }
                }
            }
        }
    }
    out
}

fn check_cross_tables(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let readers = readers(ctx);
    let figures = keyed(&readers);
    let mut by_key: BTreeMap<&Key, Vec<&Keyed>> = BTreeMap::new();
    for k in &figures {
        by_key.entry(&k.key).or_default().push(k);
    }
    for group in by_key.values() {
        let Some(first) = group.first() else { continue };
        let rf = first.reader;
        let Some(want) = rf.read(first.row.values[first.col]) else {
            continue;
        };
        for other in group.iter().skip(1) {
            if std::ptr::eq(other.reader, first.reader) {
                continue;
            }
            let r = other.reader;
            if let Some(mut f) = r.judge(
                &CROSS_TABLE_MISMATCH,
                (other.block, other.row, other.col),
                want,
                |stated, expected| {
                    format!(
                        "{}「{}」为{}，{}「{}」为{}",
                        other.reader.table.name(),
                        row_name(other.row),
                        stated,
                        first.reader.table.name(),
                        row_name(first.row),
                        expected
                    )
                },
            ) {
                f.related
                    .push(rf.related("另表", first.block, first.row, first.col));
                out.push(f);
            }
        }
    }
    out
}

fn check_basic_costs(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    let find = |kind: TableKind| r.tables.iter().find(|t| t.kind == kind);
    let (Some(t05), Some(t06)) = (
        find(TableKind::GeneralBudget),
        find(TableKind::GeneralBasic),
    ) else {
        return out;
    };
    let r05 = Reader::new(ctx, t05);
    let r06 = Reader::new(ctx, t06);
    let Some((b05, row05, col05)) = t05.blocks.iter().find_map(|b| {
        let col = b
            .columns
            .iter()
            .position(|c| c.label.ends_with("基本支出"))?;
        let row = b.rows.iter().find(|x| x.role == RowRole::Total)?;
        Some((b, row, col))
    }) else {
        return out;
    };
    let mut parts = Vec::new();
    for name in ["人员经费", "公用经费"] {
        let found = t06.blocks.iter().find_map(|b| {
            let row = b
                .rows
                .iter()
                .find(|x| x.role == RowRole::Total && x.label.contains(name))?;
            (!b.columns.is_empty()).then_some((b, row))
        });
        match found {
            Some(p) => parts.push(p),
            None => return out,
        }
    }
    let Some(sum) = r06.sum(parts.iter().map(|(_, row)| row.values[0])) else {
        return out;
    };
    if let Some(mut f) = r05.judge(
        &BASIC_COSTS_MISMATCH,
        (b05, row05, col05),
        sum,
        |stated, expected| {
            format!(
                "{}基本支出合计为{}，{}人员经费合计与公用经费合计之和为{}",
                t05.name(),
                stated,
                t06.name(),
                expected
            )
        },
    ) {
        for (b, row) in &parts {
            f.related.push(r06.related("06表", b, row, 0));
        }
        out.push(f);
    }
    out
}

fn check_not_included(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut missing: Vec<TableKind> = Vec::new();
    // A table printed but not read is TBL008's, not "not included".
    let printed = |k: TableKind| {
        r.listed_tables
            .iter()
            .any(|l| l.kind == k && l.unread.is_some())
    };
    for l in &r.listed_tables {
        if !r.tables.iter().any(|t| t.kind == l.kind)
            && !printed(l.kind)
            && !missing.contains(&l.kind)
        {
            missing.push(l.kind);
        }
    }
    let Some(first) = r.listed_tables.iter().find(|l| missing.contains(&l.kind)) else {
        return Vec::new();
    };
    let names: Vec<&str> = missing.iter().map(|k| k.title()).collect();
    vec![ctx.build.at_span(
        &TABLE_NOT_INCLUDED,
        TABLE_NOT_INCLUDED.severity,
        first.span,
        first.section,
        Figure {
            text: format!("{}张表未包含", names.len()),
            value: None,
        },
        format!(
            "报告列出了{}张公开表但未包含其内容（{}），表内及表间勾稽无法核对",
            names.len(),
            names.join("、")
        ),
    )]
}

pub static NARRATIVE_TABLE_MISMATCH: Rule = Rule {
    code: "TBL007",
    name: "narrative-table-mismatch",
    family: Family::Tables,
    severity: Severity::Error,
    summary: "正文数字与公开表不一致",
    doc: "## What it checks
A narrative figure that restates a table total must match the table: 收支总计 (01), 本年收入 /
支出合计 (01–03), 财政拨款 totals (04), 一般公共预算财政拨款支出 (05), 基本 / 项目支出 (03 for all
funds, 05 for 一般公共预算), 人员经费 / 公用经费 (06 合计), “三公”经费 and each part (09 决算数),
and each 类/款/项 item's 决算 (05 by name under its 类).

## Why it matters
Readers quote the narrative; a figure that differs from the audited table misstates the
accounts.

## Rounding
Both figures stand for their rounding intervals (`总支出1468.52万元` against 1,468.53 holds).

## Example
`基本支出…实际支出数970.5万元` against 03表 基本支出 971.50 and 05表 970.13 → reported.

## Known limits
Only this year's 决算 figures named as such are read (no budgets, changes or previous years;
not a label narrowed to one project). When the words do not say whose money the figure is
(全部 / 财政拨款 / 一般公共预算), it is reported only if it matches the table of no scope.",
    check: check_narrative,
};

/// The table quantity a narrative subject names, and the scopes it may be of.
pub(super) fn measure_of(subject: Subject) -> Option<(Measure, &'static [FundScope])> {
    use FundScope::*;
    use Measure::*;
    const ANY: &[FundScope] = &[All, Fiscal, GeneralBudget];
    Some(match subject {
        Subject::GrandTotal => (Grand, ANY),
        Subject::FiscalGrandTotal => (Grand, &[Fiscal]),
        Subject::IncomeTotal => (Income, ANY),
        Subject::ExpenditureTotal => (Expenditure, ANY),
        Subject::GeneralBudgetExpenditure => (Expenditure, &[GeneralBudget]),
        Subject::FiscalExpenditure => (Expenditure, &[Fiscal, GeneralBudget]),
        Subject::BasicExpenditure => (Basic, ANY),
        Subject::ProjectExpenditure => (Project, ANY),
        Subject::PersonnelCosts => (Personnel, ANY),
        Subject::PublicCosts => (Public, ANY),
        Subject::ThreePublic => (ThreePublic(0), ANY),
        Subject::OverseasTravel => (ThreePublic(1), ANY),
        Subject::OfficialVehicles => (ThreePublic(2), ANY),
        Subject::VehiclePurchase => (ThreePublic(3), ANY),
        Subject::VehicleOperation => (ThreePublic(4), ANY),
        Subject::OfficialReception => (ThreePublic(5), ANY),
        _ => return None,
    })
}

fn check_narrative(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    if r.tables.is_empty() {
        return out;
    }
    let readers = readers(ctx);
    let figures = keyed(&readers);
    // Budgets and data-table rows are compared among themselves (XRF002).
    for sf in r
        .stated_figures
        .iter()
        .filter(|f| f.basis == Basis::Actual && f.source == FigureSource::Narrative)
    {
        let Some((measure, allowed_scopes)) = measure_of(sf.subject) else {
            continue;
        };
        // The scope the words name (财政拨款 covers 一般公共预算 where that is all there is),
        // else every scope the subject allows, the chapter's first.
        let scopes: Vec<FundScope> = match sf.scope {
            Some(FundScope::Fiscal) => vec![FundScope::Fiscal, FundScope::GeneralBudget],
            Some(s) => vec![s],
            None => {
                let mut v = allowed_scopes.to_vec();
                v.sort_by_key(|s| Some(*s) != sf.chapter_scope);
                v
            }
        };
        let mut cands: Vec<&Keyed> = figures
            .iter()
            .filter(|k| k.key.1 == measure && k.key.2.is_none() && scopes.contains(&k.key.0))
            .collect();
        cands.sort_by_key(|k| scopes.iter().position(|s| *s == k.key.0));
        let stated = ctx.interval(sf.claim);
        let read: Vec<(&Keyed, (Interval, Decimal))> = cands
            .iter()
            .filter_map(|k| k.reader.read(k.row.values[k.col]).map(|v| (*k, v)))
            .collect();
        let Some((first, (allowed, expected))) = read.first().map(|(k, v)| (*k, *v)) else {
            continue;
        };
        if read.iter().any(|(_, (iv, _))| iv.intersects(stated)) {
            continue;
        }
        let rd = first.reader;
        let tables: Vec<String> = read
            .iter()
            .map(|(k, (_, v))| {
                format!(
                    "{}「{}」{}",
                    k.reader.table.name(),
                    column_name(k.block, k.col),
                    super::fmt_dp(*v, rd.decimals.max(2))
                )
            })
            .collect();
        if let Some(mut f) = ctx.compare(
            &NARRATIVE_TABLE_MISMATCH,
            sf.claim,
            ctx.value(sf.claim),
            allowed,
            expected,
            rd.decimals,
        ) {
            f.message = format!(
                "正文{}为{}，与公开表不符：{}",
                sf.subject.name(),
                ctx.text(sf.claim),
                tables.join("；")
            );
            for (k, _) in &read {
                f.related
                    .push(k.reader.related("公开表", k.block, k.row, k.col));
            }
            f.cell = Some(rd.cell(first.block, first.row, first.col));
            out.push(f);
        }
    }
    out.extend(check_items(ctx));
    out
}

/// Each narrative 类/款/项 item's 决算 against the 05表 row of that 项 under that 类.
fn check_items(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    let Some(t) = r.tables.iter().find(|t| t.kind == TableKind::GeneralBudget) else {
        return out;
    };
    let rd = Reader::new(ctx, t);
    for item in &r.items {
        let name: String = item.item.chars().filter(|c| !c.is_whitespace()).collect();
        let class = class_key(&item.class);
        let mut found = Vec::new();
        for b in &t.blocks {
            let Some(col) = b.columns.iter().position(|c| is_total_column(&c.label)) else {
                continue;
            };
            for row in &b.rows {
                let Some(code) = code_of(row).filter(|c| c.len() == 7) else {
                    continue;
                };
                let in_class = b
                    .rows
                    .iter()
                    .any(|p| code_of(p) == Some(&code[..3]) && class_key(&p.label) == class);
                if row.label == name && in_class {
                    found.push((b, row, col));
                }
            }
        }
        let [(b, row, col)] = found[..] else { continue };
        let Some((allowed, expected)) = rd.read(row.values[col]) else {
            continue;
        };
        if let Some(mut f) = ctx.compare(
            &NARRATIVE_TABLE_MISMATCH,
            item.actual,
            ctx.value(item.actual),
            allowed,
            expected,
            rd.decimals,
        ) {
            f.message = format!(
                "正文{}（项）决算{}，{}「{}」为{}",
                item.item,
                ctx.text(item.actual),
                t.name(),
                row_name(row),
                super::fmt_dp(expected, rd.decimals.max(2))
            );
            f.related.push(rd.related("公开表", b, row, col));
            f.cell = Some(rd.cell(b, row, col));
            out.push(f);
        }
    }
    out
}

/// A 公开 table figure another family compares with.
pub(super) struct TableFigure {
    pub interval: Interval,
    pub value: Decimal,
    pub related: Related,
}

fn table_figure(
    reader: &Reader,
    block: &TableBlock,
    row: &TableRow,
    col: usize,
) -> Option<TableFigure> {
    let (interval, value) = reader.read(*row.values.get(col)?)?;
    Some(TableFigure {
        interval,
        value,
        related: reader.related("公开表", block, row, col),
    })
}

/// 06表's economic items by code (`30217` 公务接待费, `30231` 公务用车运行维护费): each one's
/// 决算, in the order asked.
pub(super) fn economic_items(ctx: &Context, codes: &[&str]) -> Vec<Option<TableFigure>> {
    let readers = readers(ctx);
    let item = |code: &str| {
        readers
            .iter()
            .filter(|r| r.table.kind == TableKind::GeneralBasic)
            .find_map(|reader| {
                reader.table.blocks.iter().find_map(|b| {
                    b.rows
                        .iter()
                        .find(|row| matches!(&row.role, RowRole::Code(c) if c == code))
                        .and_then(|row| table_figure(reader, b, row, 0))
                })
            })
    };
    codes.iter().map(|c| item(c)).collect()
}

/// Keyed table totals of no class (09表's 三公 决算 columns, 06表's 公用经费合计 …), in the
/// order asked; the tables are read once for all of them.
pub(super) fn keyed_totals(ctx: &Context, measures: &[Measure]) -> Vec<Option<TableFigure>> {
    let readers = readers(ctx);
    let figures = keyed(&readers);
    measures
        .iter()
        .map(|&m| {
            figures
                .iter()
                .find(|k| k.key.1 == m && k.key.2.is_none())
                .and_then(|k| table_figure(k.reader, k.block, k.row, k.col))
        })
        .collect()
}

//! The 公开01–09表 (部门决算 tables) as records: each table's kind, its blocks (the sides
//! of a two-sided table), the columns read from its header rows, and its rows keyed by
//! functional or economic code or by what the row is (合计, 本年收入合计, 总计 …).
//!
//! Cells are claims (a blank cell is zero, as every table's note says), so a finding can
//! point at the cell it is about.

use serde::Serialize;

use super::ClaimId;
use crate::text::Span;

/// Which of the national 公开 tables this is, told from its title (the number varies by
/// year and province: 表7 was the 三公 table before 2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TableKind {
    /// 收入支出决算总表.
    #[serde(rename = "收入支出决算总表")]
    Overview,
    /// 收入决算表.
    #[serde(rename = "收入决算表")]
    Income,
    /// 支出决算表.
    #[serde(rename = "支出决算表")]
    Expenditure,
    /// 财政拨款收入支出决算总表.
    #[serde(rename = "财政拨款收入支出决算总表")]
    FiscalOverview,
    /// 一般公共预算财政拨款支出决算表.
    #[serde(rename = "一般公共预算财政拨款支出决算表")]
    GeneralBudget,
    /// 一般公共预算财政拨款基本支出决算表.
    #[serde(rename = "一般公共预算财政拨款基本支出决算表")]
    GeneralBasic,
    /// 政府性基金预算财政拨款收入支出决算表.
    #[serde(rename = "政府性基金预算财政拨款收入支出决算表")]
    GovernmentFund,
    /// 国有资本经营预算财政拨款支出决算表.
    #[serde(rename = "国有资本经营预算财政拨款支出决算表")]
    StateCapital,
    /// 财政拨款“三公”经费支出决算表.
    #[serde(rename = "财政拨款“三公”经费支出决算表")]
    ThreePublic,
}

impl TableKind {
    /// The standard title, for messages.
    pub fn title(self) -> &'static str {
        use TableKind::*;
        match self {
            Overview => "收入支出决算总表",
            Income => "收入决算表",
            Expenditure => "支出决算表",
            FiscalOverview => "财政拨款收入支出决算总表",
            GeneralBudget => "一般公共预算财政拨款支出决算表",
            GeneralBasic => "一般公共预算财政拨款基本支出决算表",
            GovernmentFund => "政府性基金预算财政拨款收入支出决算表",
            StateCapital => "国有资本经营预算财政拨款支出决算表",
            ThreePublic => "财政拨款“三公”经费支出决算表",
        }
    }
}

/// One value cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "claim")]
pub enum CellValue {
    /// Blank, `-` or `—`: zero, as the tables' notes say.
    Blank,
    /// A figure.
    Figure(ClaimId),
    /// Text or a redacted figure where a number belongs: identities over it are skipped.
    Unreadable,
}

/// What a row is, told from its code or its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum RowRole {
    /// A row keyed by a functional (208 / 20805 / 2080505) or economic (301 / 30101) code.
    Code(String),
    /// 合计 (of the block, or 人员经费合计 / 公用经费合计).
    Total,
    /// 本年收入合计 / 本年支出合计.
    YearTotal,
    /// 总计.
    GrandTotal,
    /// 年初结转和结余, 使用非财政拨款结余, 结余分配, 年末结转和结余 …: between the year total and 总计.
    Balance,
    /// A numbered line (`一、一般公共预算财政拨款收入`, `八、社会保障和就业支出`): the parts of
    /// the year total.
    Listed,
    /// Anything else (`一般公共预算财政拨款` under 年初财政拨款结转和结余, `其中：…`).
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableRow {
    pub role: RowRole,
    /// The row's name as printed (`卫生健康支出`, `本年支出合计`), spaces removed.
    pub label: String,
    /// One value per column of the block.
    pub values: Vec<CellValue>,
    /// Where the row starts.
    pub span: Span,
}

/// A value column: its header path (`本年支出/基本支出`).
#[derive(Debug, Clone, Serialize)]
pub struct TableColumn {
    pub label: String,
}

/// A header that says one column is the sum of others: `本年支出合计` over 基本支出,
/// 项目支出 …; `小计` under 公务用车购置及运行费 over 购置费 and 运行费.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnSum {
    pub total: usize,
    pub parts: Vec<usize>,
}

/// A side of the table (收入 | 支出 in 01 and 04, 人员经费 | 公用经费 in 06) or the whole
/// table when it has one.
#[derive(Debug, Clone, Serialize)]
pub struct TableBlock {
    /// `收入`, `支出`, `人员经费`, `公用经费`, or empty.
    pub name: String,
    pub columns: Vec<TableColumn>,
    pub sums: Vec<ColumnSum>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicTable {
    pub kind: TableKind,
    /// `公开03表` as printed, when the table carries its mark.
    pub mark: Option<String>,
    /// Where the title stands (the first page's, for a table continued over pages).
    pub span: Span,
    pub section: Option<usize>,
    /// How many pages (title repeated with its header) the table was printed over.
    pub pages: usize,
    /// What one printed unit is in 万元 (`金额单位：元` → 0.0001).
    pub scale: rust_decimal::Decimal,
    pub blocks: Vec<TableBlock>,
}

impl PublicTable {
    /// `公开03表 支出决算表`, for messages.
    pub fn name(&self) -> String {
        match &self.mark {
            Some(m) => format!("{m} {}", self.kind.title()),
            None => self.kind.title().to_owned(),
        }
    }
}

/// A 公开 table the report lists (目录, 附表 list) without printing it, or prints in a form
/// that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct ListedTable {
    pub kind: TableKind,
    pub span: Span,
    pub section: Option<usize>,
    /// Printed (a mark, unit or header line follows the title) but its rows could not be
    /// read: why. `None` when the title is only listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unread: Option<&'static str>,
}

//! The typed model of one report: what extractors produce and rules read.
//!
//! Every number is a [`Claim`] with its exact decimal value, its printed precision and its
//! span in the original file. Records (changes, breakdowns, shares, rates) refer to claims
//! by index, so a finding can always point at every figure it involves.

pub mod coverage;
pub mod rounding;
pub mod selfeval;
pub mod spending;
pub mod tables;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::input::TextEncoding;
use crate::text::Span;
pub use rounding::{Interval, Verdict};

/// Index of a claim in [`Report::claims`].
pub type ClaimId = usize;

/// A printed figure's exact value and precision, in the claim's canonical unit
/// (万元 for amounts, percentage points for rates, the unit itself for counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Quantity {
    pub value: Decimal,
    /// Digits printed after the decimal point, as written (before any unit conversion).
    pub decimals: u32,
    /// Half a unit of the last printed digit, converted to the canonical unit:
    /// `41.29万元` → 0.005; `106.58元` → 0.0000005 (万元).
    pub half: Decimal,
}

impl Quantity {
    pub fn interval(&self) -> Interval {
        Interval::around(self.value, self.half)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "unit")]
pub enum ClaimKind {
    /// Money, stored in 万元 whatever it was written in (元, 万元, 亿元).
    Amount,
    /// A percentage, stored in percentage points (72.9% → 72.9).
    Percent,
    /// A count with its unit (人, 辆, 批次, 个 …).
    Count(String),
    /// A number with no unit (a unit the report left out, a code, a year, a list number).
    Bare,
    /// A figure replaced by asterisks (`**万元`): present in the text, value withheld.
    Redacted,
    /// A figure too long to compute with exactly (more than 28 significant digits, or out
    /// of range once converted to 万元): present in the text, value unknown.
    Overflow,
}

/// One number as printed in the report.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub kind: ClaimKind,
    /// `None` only for redacted figures.
    pub quantity: Option<Quantity>,
    /// The figure with its unit, as it reads in the normalised text (`1,946.77万元`).
    pub text: String,
    pub span: Span,
    /// Index of the innermost section the figure stands in.
    pub section: Option<usize>,
    /// Byte range in the normalised text (for extractors; not part of the output).
    #[serde(skip)]
    pub norm: (usize, usize),
    /// Followed by 以上/以下/以内: a threshold in a label (`单价50万元以上`), not a figure.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub threshold: bool,
}

impl Claim {
    pub fn value(&self) -> Option<Decimal> {
        self.quantity.map(|q| q.value)
    }

    pub fn is_amount(&self) -> bool {
        self.kind == ClaimKind::Amount && self.quantity.is_some() && !self.threshold
    }

    pub fn is_percent(&self) -> bool {
        self.kind == ClaimKind::Percent && self.quantity.is_some()
    }
}

/// A heading in the report's section tree.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// 1 = 第X部分, 2 = 一、, 3 = （一）, 4 = 1. / 1、, 5 = （1）.
    pub level: u8,
    /// The heading's number as written (`五`, `（二）`, `3.`), empty for unnumbered headings.
    pub number: String,
    pub title: String,
    pub line: usize,
    pub parent: Option<usize>,
}

/// Direction words: 增加/增长/上升 vs 减少/下降/降低, and 持平.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
    Flat,
}

impl Direction {
    /// The report's word for it.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Up => "增加",
            Direction::Down => "减少",
            Direction::Flat => "持平",
        }
    }

    pub fn sign(self) -> Decimal {
        match self {
            Direction::Up => Decimal::ONE,
            Direction::Down => Decimal::NEGATIVE_ONE,
            Direction::Flat => Decimal::ZERO,
        }
    }
}

/// What a figure is, whatever the wording: the quantities the narrative states and later
/// checks compare across sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Subject {
    #[serde(rename = "收支总计")]
    GrandTotal,
    #[serde(rename = "财政拨款收支总计")]
    FiscalGrandTotal,
    #[serde(rename = "本年收入合计")]
    IncomeTotal,
    #[serde(rename = "本年支出合计")]
    ExpenditureTotal,
    #[serde(rename = "一般公共预算财政拨款支出")]
    GeneralBudgetExpenditure,
    #[serde(rename = "财政拨款支出")]
    FiscalExpenditure,
    #[serde(rename = "基本支出")]
    BasicExpenditure,
    #[serde(rename = "项目支出")]
    ProjectExpenditure,
    #[serde(rename = "人员经费")]
    PersonnelCosts,
    #[serde(rename = "公用经费")]
    PublicCosts,
    #[serde(rename = "三公经费")]
    ThreePublic,
    #[serde(rename = "因公出国（境）费")]
    OverseasTravel,
    #[serde(rename = "公务用车购置及运行维护费")]
    OfficialVehicles,
    #[serde(rename = "公务用车购置费")]
    VehiclePurchase,
    #[serde(rename = "公务用车运行维护费")]
    VehicleOperation,
    #[serde(rename = "公务接待费")]
    OfficialReception,
    #[serde(rename = "国内公务接待费")]
    DomesticReception,
    #[serde(rename = "外事接待费")]
    ForeignReception,
    #[serde(rename = "机关运行经费")]
    OperatingCosts,
    #[serde(rename = "政府采购")]
    Procurement,
    #[serde(rename = "政府采购货物支出")]
    ProcurementGoods,
    #[serde(rename = "政府采购工程支出")]
    ProcurementWorks,
    #[serde(rename = "政府采购服务支出")]
    ProcurementServices,
    #[serde(rename = "授予中小企业合同金额")]
    SmeContracts,
    #[serde(rename = "授予小微企业合同金额")]
    MicroContracts,
}

impl Subject {
    /// The Chinese name, as in the JSON output.
    pub fn name(self) -> &'static str {
        use Subject::*;
        match self {
            GrandTotal => "收支总计",
            FiscalGrandTotal => "财政拨款收支总计",
            IncomeTotal => "本年收入合计",
            ExpenditureTotal => "本年支出合计",
            GeneralBudgetExpenditure => "一般公共预算财政拨款支出",
            FiscalExpenditure => "财政拨款支出",
            BasicExpenditure => "基本支出",
            ProjectExpenditure => "项目支出",
            PersonnelCosts => "人员经费",
            PublicCosts => "公用经费",
            ThreePublic => "三公经费",
            OverseasTravel => "因公出国（境）费",
            OfficialVehicles => "公务用车购置及运行维护费",
            VehiclePurchase => "公务用车购置费",
            VehicleOperation => "公务用车运行维护费",
            OfficialReception => "公务接待费",
            DomesticReception => "国内公务接待费",
            ForeignReception => "外事接待费",
            OperatingCosts => "机关运行经费",
            Procurement => "政府采购",
            ProcurementGoods => "政府采购货物支出",
            ProcurementWorks => "政府采购工程支出",
            ProcurementServices => "政府采购服务支出",
            SmeContracts => "授予中小企业合同金额",
            MicroContracts => "授予小微企业合同金额",
        }
    }

    /// The scope the subject has by definition, whatever the words around it say:
    /// “三公”经费 and its parts are 财政拨款 spending (the 09表's scope).
    pub fn inherent_scope(self) -> Option<FundScope> {
        use Subject::*;
        match self {
            ThreePublic | OverseasTravel | OfficialVehicles | VehiclePurchase
            | VehicleOperation | OfficialReception | DomesticReception | ForeignReception => {
                Some(FundScope::Fiscal)
            }
            _ => None,
        }
    }
}

/// Whose money a total is: the whole department's, or one kind of 财政拨款.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FundScope {
    /// 全部资金 (01–03表).
    All,
    /// 财政拨款 (04表).
    Fiscal,
    /// 一般公共预算财政拨款 (05、06表).
    GeneralBudget,
    /// 政府性基金预算财政拨款 (07表).
    GovernmentFund,
    /// 国有资本经营预算财政拨款 (08表).
    StateCapital,
}

impl FundScope {
    /// The scope some words name (`一般公共预算财政拨款基本支出`, a table column
    /// `政府性基金预算财政拨款`), the narrowest first; `None` when they name none.
    pub fn named_in(words: &str) -> Option<FundScope> {
        if words.contains("一般公共预算") {
            Some(FundScope::GeneralBudget)
        } else if words.contains("政府性基金") {
            Some(FundScope::GovernmentFund)
        } else if words.contains("国有资本经营") {
            Some(FundScope::StateCapital)
        } else if words.contains("财政拨款") {
            Some(FundScope::Fiscal)
        } else {
            None
        }
    }
}

/// Which figure of a quantity a statement gives: this year's 决算 or one of its budgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// 决算 (支出决算, 实际支出数, or no qualifier).
    Actual,
    /// 年初预算数.
    InitialBudget,
    /// 全年预算数 / 调整后预算数.
    FinalBudget,
    /// 预算 without saying which (`支出预算为9.00万元`, a `2022 年预算数` column).
    Budget,
}

/// Where a stated figure is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureSource {
    /// A sentence of the report.
    Narrative,
    /// A row of a year-column data table (`经费控制情况（万元）| 2021 年决算数 | 2022 年预算数
    /// | 2022 年决算数`), at the report year's column.
    DataTable,
}

/// A figure that names a total of the report's year: its 决算 or a budget of it, in a
/// sentence or in a year-column data table.
#[derive(Debug, Clone, Serialize)]
pub struct StatedFigure {
    pub claim: ClaimId,
    pub subject: Subject,
    pub basis: Basis,
    pub source: FigureSource,
    /// For a data-table row: the table's finest printed decimals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_decimals: Option<u32>,
    /// The scope its own words name; `None` when they name none.
    pub scope: Option<FundScope>,
    /// The scope its 决算说明 chapter's heading names (weaker: a chapter may restate totals
    /// of another scope).
    pub chapter_scope: Option<FundScope>,
}

/// A project's spending this year as one place states it: an amount in a 类/款/项 line's
/// list of projects (`（医药服务管理工作经费 25 万元，市级统筹工作经费 9.19 万元）`), or a
/// project row of a year-column data table at the report year's 决算 column.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectAmount {
    /// The project's name, without spaces, quotes or a bracketed unit (`（市本级）`).
    pub project: String,
    pub claim: ClaimId,
    pub source: FigureSource,
    /// For a data-table row: the table's finest printed decimals (`10` in a column of
    /// `28.75` is 10.00).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_decimals: Option<u32>,
}

/// A rate stated of one named fund or project (`医药服务与保障能力提升中央财政补助资金结余率为
/// 8.9%`), so that two places giving the same fund's rate can be compared.
#[derive(Debug, Clone, Serialize)]
pub struct NamedRate {
    pub claim: ClaimId,
    /// The fund or project, as named (without the year and linking words).
    pub owner: String,
    /// 结余率, 执行率 or 完成率, with 年初/全年 when the sentence names the budget it is of.
    pub measure: String,
}

/// A year-over-year change: `收、支总计1214.15万元 … 增加511.88万元，增长72.9%`.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeStatement {
    /// What changed, when the wording says (the current figure's name, or the sentence's).
    pub subject: Option<Subject>,
    /// The current-year figure the change belongs to, when the text states it.
    pub current: Option<ClaimId>,
    /// The previous-year figure, when stated (`与2022年度相比702.27万元`, `上年决算数113.73万元`).
    pub previous: Option<ClaimId>,
    /// The stated change amount (always printed unsigned; the sign is `direction`).
    pub amount: ClaimId,
    pub direction: Direction,
    /// The stated growth rate (unsigned) and the direction word in front of it.
    pub rate: Option<ClaimId>,
    pub rate_direction: Option<Direction>,
    /// Changes listed as its causes (`主要是…较上年增加a万元，…减少b万元`).
    pub components: Vec<ChangeComponent>,
}

/// A figure stated as unchanged: `因公出国（境）支出决算比2022年度持平`, `与2019年持平` —
/// a change of zero with no figure of its own.
#[derive(Debug, Clone, Serialize)]
pub struct UnchangedStatement {
    pub subject: Option<Subject>,
    /// The current figure, when the same or the previous sentence states it.
    pub current: Option<ClaimId>,
    /// Where `持平` stands.
    pub span: Span,
    /// Index of the innermost section it stands in.
    pub section: Option<usize>,
}

/// One listed cause of a change.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeComponent {
    pub amount: ClaimId,
    pub direction: Direction,
}

/// How a breakdown introduces its parts, which decides what its sum may be held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakdownKind {
    /// `其中：`, `主要用于以下方面：`, `X中，` — the parts are meant to be the whole.
    Complete,
    /// `主要包括`, `包括…等` — the parts may be a selection: only Σ ≤ total holds.
    Partial,
}

/// A total and its listed parts: `本年支出合计1214.15万元，其中：基本支出535.12万元…`.
#[derive(Debug, Clone, Serialize)]
pub struct Breakdown {
    /// What the total is, when the wording says.
    pub subject: Option<Subject>,
    pub total: ClaimId,
    pub parts: Vec<BreakdownPart>,
    pub kind: BreakdownKind,
    /// The trigger as written (`其中`, `主要包括`…).
    pub trigger: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BreakdownPart {
    /// The words in front of the figure (`基本支出`).
    pub label: String,
    pub amount: ClaimId,
    pub share: Option<ClaimId>,
}

/// A stated share with the whole it is a share of: `基本支出535.12万元，占44.1%`.
#[derive(Debug, Clone, Serialize)]
pub struct ShareStatement {
    pub part: ClaimId,
    pub whole: ClaimId,
    pub share: ClaimId,
    /// The whole's name when the text names it (`占本年支出合计的`).
    pub whole_label: Option<String>,
    /// For a share in a nested list (`基本支出…，其中：人员经费…，占…%`), the outer list's
    /// total: the wording does not say which of the two the share is of.
    pub alternative: Option<ClaimId>,
}

/// A completion or execution rate with the two figures it is computed from:
/// `全年预算数为4277.40万元，完成预算的99.72%` against `支出4265.40万元`.
#[derive(Debug, Clone, Serialize)]
pub struct RateStatement {
    pub actual: ClaimId,
    pub budget: ClaimId,
    pub rate: ClaimId,
    /// The words that introduced the rate (`执行率为`, `完成年初预算的`).
    pub label: String,
}

/// A budget item by functional classification, as the narrative lists it:
/// `卫生健康支出（类）医疗保障管理事务（款）行政运行（项）：支出决算数170.13万元，完成预算数的93.41%`.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetItem {
    /// 类 / 款 / 项 names as written (without the bracketed level marks).
    pub class: String,
    pub subclass: String,
    pub item: String,
    /// The item's 决算 figure.
    pub actual: ClaimId,
    /// The budget it states (年初预算 or 全年预算), when it does.
    pub budget: Option<ClaimId>,
    /// The stated completion rate, when given.
    pub rate: Option<ClaimId>,
    /// The reason given for 决算 ≠ 预算 (`主要原因是：…`), when given.
    pub reason: Option<String>,
    /// Where the item's name stands.
    pub span: Span,
    /// Index of the innermost section it stands in.
    pub section: Option<usize>,
}

/// The statement in front of a list of items: `2023年一般公共预算财政拨款支出4265.40万元，
/// 全年预算数为4277.40万元，完成预算的99.72%。` — what the items add up to.
#[derive(Debug, Clone, Serialize)]
pub struct ItemsTotal {
    pub actual: ClaimId,
    pub budget: Option<ClaimId>,
    /// The first item of the list it heads (index in [`Report::items`]).
    pub first_item: usize,
    /// How many items follow it (up to the next such statement).
    pub count: usize,
}

/// The class name with the words that vary between mentions left out:
/// `社会保障和就业（类）支出`, `社会保障和就业支出(类)` and `社会保障和就业` are one class.
pub fn class_key(name: &str) -> String {
    let s: String = strip_list_number(name)
        .replace("（类）", "")
        .replace("(类)", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    s.trim_end_matches("支出").to_owned()
}

/// Strips list numbering (`1.`, `2、`, `a `) from the front of a name.
pub fn strip_list_number(s: &str) -> &str {
    s.trim_start_matches(|c: char| {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '、' | '．' | ' ' | '\u{3000}' | '\t')
    })
}

/// Everything extracted from one report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub encoding: TextEncoding,
    /// The year the report is about (the most frequent `20XX年` in the text).
    pub year: Option<u32>,
    pub sections: Vec<Section>,
    pub claims: Vec<Claim>,
    pub changes: Vec<ChangeStatement>,
    pub unchanged: Vec<UnchangedStatement>,
    pub breakdowns: Vec<Breakdown>,
    pub shares: Vec<ShareStatement>,
    pub rates: Vec<RateStatement>,
    pub items: Vec<BudgetItem>,
    /// The totals the item lists are stated under.
    pub items_totals: Vec<ItemsTotal>,
    /// 绩效自评表, one record per table.
    pub self_evaluations: Vec<selfeval::SelfEvaluation>,
    /// 绩效自评表 titles followed by a table that could not be read.
    pub unread_forms: Vec<selfeval::UnreadForm>,
    /// Self-assessment scores stated with their grade in prose.
    pub grades: Vec<selfeval::StatedGrade>,
    /// Prose outside the tables that restates a table's project budget or spending.
    pub project_mentions: Vec<selfeval::ProjectMention>,
    /// The 公开 tables printed in the report.
    pub tables: Vec<tables::PublicTable>,
    /// 公开 tables the report names (目录, 附表 list) without printing them.
    pub listed_tables: Vec<tables::ListedTable>,
    /// Narrative figures that restate a table total.
    pub stated_figures: Vec<StatedFigure>,
    /// Rates stated of one named fund or project.
    pub named_rates: Vec<NamedRate>,
    /// Projects' spending as the 项 lines and the data tables state it.
    pub project_amounts: Vec<ProjectAmount>,
    /// “三公”经费, 机关运行经费, 政府采购, 国有资产.
    pub spending: spending::Spending,
}

/// How many records of each kind one report yielded (shown per file in JSON output).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct RecordCounts {
    pub figures: usize,
    pub changes: usize,
    pub breakdowns: usize,
    pub shares: usize,
    pub rates: usize,
    pub budget_items: usize,
    pub self_evaluations: usize,
    pub self_evaluation_indicators: usize,
    pub stated_grades: usize,
    pub tables: usize,
    pub table_rows: usize,
    pub stated_figures: usize,
    /// “三公”经费, 机关运行经费, 政府采购 and 国有资产 records found (0–4).
    pub spending_records: usize,
}

impl Report {
    pub fn counts(&self) -> RecordCounts {
        RecordCounts {
            figures: self.claims.len(),
            changes: self.changes.len(),
            breakdowns: self.breakdowns.len(),
            shares: self.shares.len(),
            rates: self.rates.len(),
            budget_items: self.items.len(),
            self_evaluations: self.self_evaluations.len(),
            self_evaluation_indicators: self
                .self_evaluations
                .iter()
                .map(|t| t.indicators.len())
                .sum(),
            stated_grades: self.grades.len(),
            tables: self.tables.len(),
            table_rows: self
                .tables
                .iter()
                .flat_map(|t| &t.blocks)
                .map(|b| b.rows.len())
                .sum(),
            stated_figures: self.stated_figures.len(),
            spending_records: usize::from(self.spending.three_public.is_some())
                + usize::from(self.spending.operating_costs.is_some())
                + usize::from(self.spending.procurement.is_some())
                + usize::from(self.spending.assets.is_some()),
        }
    }

    /// The chapter a section belongs to: its nearest heading of level 2 (一、) or above.
    pub fn chapter(&self, section: Option<usize>) -> Option<usize> {
        let mut cur = section;
        while let Some(i) = cur {
            if self.sections[i].level <= 2 {
                return Some(i);
            }
            cur = self.sections[i].parent;
        }
        None
    }

    /// The section path of a claim, outermost first (`第二部分 > 七、… > （一）…`).
    pub fn section_path(&self, section: Option<usize>) -> Vec<String> {
        let mut path = Vec::new();
        let mut cur = section;
        while let Some(i) = cur {
            let s = &self.sections[i];
            let gap = if s.number.ends_with("部分") && !s.title.is_empty() {
                " "
            } else {
                ""
            };
            path.push(format!("{}{gap}{}", s.number, s.title));
            cur = s.parent;
        }
        path.reverse();
        path
    }
}

#[cfg(test)]
mod tests {
    use super::Subject;

    #[test]
    fn subject_names_match_their_json() {
        use Subject::*;
        for s in [
            GrandTotal,
            FiscalGrandTotal,
            IncomeTotal,
            ExpenditureTotal,
            GeneralBudgetExpenditure,
            FiscalExpenditure,
            BasicExpenditure,
            ProjectExpenditure,
            PersonnelCosts,
            PublicCosts,
            ThreePublic,
            OverseasTravel,
            OfficialVehicles,
            VehiclePurchase,
            VehicleOperation,
            OfficialReception,
            OperatingCosts,
            Procurement,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.name());
        }
    }
}

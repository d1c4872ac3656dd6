//! 绩效自评表 records: a project's (or a department's) funds, execution, indicators,
//! weights and scores, as one table states them.

use serde::Serialize;

use super::ClaimId;
use crate::text::Span;

/// 项目支出 (one project) or 部门整体支出 (the whole department).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvalScope {
    Project,
    Department,
}

/// What a funds row is: the total, or one funding source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FundSource {
    /// 总额 / 年度资金总额 / 预算数.
    Total,
    /// 财政资金 / 当年财政拨款 / 财政拨款.
    Fiscal,
    /// 上年结转资金.
    CarryOver,
    /// 财政专户管理资金.
    SpecialAccount,
    /// 单位资金.
    Unit,
    /// 其他资金.
    Other,
}

/// One row of the funds block, each figure the claim printed in its column.
#[derive(Debug, Clone, Serialize)]
pub struct FundRow {
    pub source: FundSource,
    pub label: String,
    /// 年初预算(数).
    pub initial: Option<ClaimId>,
    /// 调整后预算数 / 全年预算数.
    pub adjusted: Option<ClaimId>,
    /// 预算执行数 / 全年执行数.
    pub actual: Option<ClaimId>,
    /// 执行率.
    pub rate: Option<ClaimId>,
    /// 分值 / 权重 of the execution score.
    pub weight: Option<ClaimId>,
    pub score: Option<ClaimId>,
    pub span: Span,
}

/// 指标性质: how a 完成值 is held against its 指标值.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Operator {
    #[serde(rename = "≥")]
    AtLeast,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "≤")]
    AtMost,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "=")]
    Equal,
    #[serde(rename = "定性")]
    Qualitative,
}

impl Operator {
    /// The symbol a table prints (`≥`, `<`, `定性` …).
    pub fn symbol(self) -> &'static str {
        match self {
            Operator::AtLeast => "≥",
            Operator::Above => ">",
            Operator::AtMost => "≤",
            Operator::Below => "<",
            Operator::Equal => "=",
            Operator::Qualitative => "定性",
        }
    }
}

/// A 指标值 or 完成值: its text, and when it is one figure, the figure, the operator in
/// front of it and the unit after it.
#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    pub text: String,
    pub op: Option<Operator>,
    pub value: Option<ClaimId>,
    /// The unit as written (`万元`, `%`, `次`), from the cell or its 度量单位 column.
    pub unit: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// 一级指标 (产出指标, 效益指标 …), carried down merged cells.
    pub level1: String,
    /// 二级指标 (数量指标, 质量指标 …).
    pub level2: String,
    /// 三级指标: the indicator itself.
    pub name: String,
    pub target: Option<Measure>,
    pub actual: Option<Measure>,
    pub weight: Option<ClaimId>,
    pub score: Option<ClaimId>,
    pub reason: Option<String>,
    pub span: Span,
}

/// A stated group weight: `产出指标 (40分)`, `绩效指标（90分）`, `预算执行情况（10分）`.
#[derive(Debug, Clone, Serialize)]
pub struct GroupWeight {
    pub name: String,
    pub weight: ClaimId,
    /// Index of the indicator on the group label's row (the label of a merged cell stands
    /// on one of its rows, not always the first).
    pub at_indicator: usize,
}

/// One 绩效自评表.
#[derive(Debug, Clone, Serialize)]
pub struct SelfEvaluation {
    pub scope: EvalScope,
    pub title: String,
    pub project: Option<String>,
    /// The project code printed before the name (`51050021T000000034553－基金监督检查工作经费`).
    pub code: Option<String>,
    pub department: Option<String>,
    pub implementer: Option<String>,
    pub funds: Vec<FundRow>,
    pub indicators: Vec<Indicator>,
    pub groups: Vec<GroupWeight>,
    /// `绩效指标（90分）`: the weight of all indicators together.
    pub indicators_weight: Option<ClaimId>,
    /// `预算执行情况（10分）`.
    pub execution_weight: Option<ClaimId>,
    /// The 合计 / 总分 row: stated total weight and total score.
    pub total_weight: Option<ClaimId>,
    pub total_score: Option<ClaimId>,
    /// Indicator rows that could not be read for certain (one trailing figure: weight,
    /// score or 完成值?). Rules that sum a whole column skip a table with any.
    pub unread_rows: usize,
    /// Decimals of the finest amount in the table: tables print spreadsheet numbers with
    /// trailing zeros dropped, so `16` beside `16.4` is 16.0.
    pub money_decimals: u32,
    /// Where the title stands.
    pub span: Span,
    pub section: Option<usize>,
}

impl SelfEvaluation {
    pub fn total_funds(&self) -> Option<&FundRow> {
        self.funds.iter().find(|r| r.source == FundSource::Total)
    }

    /// The table's name for messages: its project, else its title.
    pub fn name(&self) -> &str {
        self.project.as_deref().unwrap_or(&self.title)
    }
}

/// A score and grade stated together in prose: `绩效自评得分99.5分，绩效评定等级为“优秀”`.
#[derive(Debug, Clone, Serialize)]
pub struct StatedGrade {
    pub score: ClaimId,
    /// The grade word as written (优秀, 良好, 中等, 较差, 优, 良, 中, 差).
    pub grade: String,
}

/// A passage outside a table that names a table's project and states its money
/// (`标准化服务大厅建设经费，项目全年预算数为13.85万元，项目执行0万元`).
#[derive(Debug, Clone, Serialize)]
pub struct ProjectMention {
    /// Index of the table in [`crate::model::Report::self_evaluations`].
    pub table: usize,
    pub initial: Option<ClaimId>,
    pub adjusted: Option<ClaimId>,
    pub actual: Option<ClaimId>,
    pub span: Span,
}

/// A 绩效自评表 title followed by a table that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct UnreadForm {
    pub title: String,
    pub span: Span,
    pub section: Option<usize>,
}

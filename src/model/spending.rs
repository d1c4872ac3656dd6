//! The special spending a 决算 report must disclose: “三公”经费 (with vehicles and visits),
//! 机关运行经费, 政府采购 and 国有资产 (vehicles and equipment). Each record gathers, for one
//! report, the figures the narrative states about it; rules compare them.

use serde::Serialize;

use super::{ClaimId, Subject};

/// One “三公”经费 quantity (the total or a part) as the 三公 chapter first states it.
#[derive(Debug, Clone, Serialize)]
pub struct SpendingFigure {
    pub subject: Subject,
    /// 决算.
    pub actual: Option<ClaimId>,
    pub budget: Option<ClaimId>,
    /// 完成预算的 …%.
    pub rate: Option<ClaimId>,
    /// 占 …% of the 三公 total.
    pub share: Option<ClaimId>,
    /// Index into [`super::Report::changes`]: its change against last year.
    pub change: Option<usize>,
}

/// A count and the same count split by kind (`共有公务用车1辆，其中：轿车0辆、越野车1辆`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CountSplit {
    pub total: Option<ClaimId>,
    /// Each kind's label and count, in the order printed.
    pub parts: Vec<(String, ClaimId)>,
}

/// Vehicles in the 三公 chapter.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VehicleCounts {
    /// 更新购置 … 辆, by type where given.
    pub bought: CountSplit,
    /// 新增 … 辆.
    pub added: Option<ClaimId>,
    /// 共有 / 保有 … 辆 at year end, by type (轿车, 越野车, 载客汽车 …).
    pub held: CountSplit,
    /// The vehicle paragraph explains a car used but not owned (借用, 调剂, 权属未划转 …).
    pub explained: bool,
}

/// 批次/团组 and 人次 of 公务接待 or 因公出国.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Visits {
    pub batches: Option<ClaimId>,
    pub people: Option<ClaimId>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ThreePublicRecord {
    /// The total first, then each part stated (出国, 车, 购置, 运行, 接待, 国内, 外事).
    pub figures: Vec<SpendingFigure>,
    pub vehicles: VehicleCounts,
    pub reception: Visits,
    pub overseas: Visits,
}

impl ThreePublicRecord {
    pub fn figure(&self, s: Subject) -> Option<&SpendingFigure> {
        self.figures.iter().find(|f| f.subject == s)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct OperatingCostsRecord {
    pub amount: ClaimId,
    /// Index into [`super::Report::changes`].
    pub change: Option<usize>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ProcurementRecord {
    pub total: Option<ClaimId>,
    pub goods: Option<ClaimId>,
    pub works: Option<ClaimId>,
    pub services: Option<ClaimId>,
    /// 授予中小企业合同金额 and its share of the total.
    pub sme: Option<ClaimId>,
    pub sme_share: Option<ClaimId>,
    /// 授予小微企业合同金额 and its share.
    pub micro: Option<ClaimId>,
    pub micro_share: Option<ClaimId>,
    /// What was bought (`主要用于…`), as written.
    pub purpose: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AssetsRecord {
    /// 共有车辆 … 辆, by use (主要领导干部用车, 机要通信用车, 应急保障用车 …).
    pub vehicles: CountSplit,
    /// Equipment counts with their label (`单价50万元以上通用设备`, `单价100万元以上专用设备`).
    pub equipment: Vec<(String, ClaimId)>,
}

/// Everything the report says about its special spending.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Spending {
    pub three_public: Option<ThreePublicRecord>,
    pub operating_costs: Option<OperatingCostsRecord>,
    pub procurement: Option<ProcurementRecord>,
    pub assets: Option<AssetsRecord>,
    /// The report says it covers 事业单位 that are not 参照公务员法管理 (机关运行经费 then
    /// covers only part of its 公用经费).
    pub has_public_institutions: bool,
}

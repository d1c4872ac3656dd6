//! What a figure is: 收支总计, 本年支出合计, 基本支出, “三公”经费 … told from the words in
//! front of it, whatever the exact wording (`收、支总计`, `收入支出决算总计`, `收支总计`).
//!
//! The keyword that ends nearest to the figure wins (`一般公共预算财政拨款基本支出` is
//! 基本支出, not 一般公共预算财政拨款支出); at the same end, the longer keyword wins.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use crate::model::Subject;

static KEYWORDS: LazyLock<Vec<(Regex, Subject)>> = LazyLock::new(|| {
    use Subject::*;
    let table: &[(&str, Subject)] = &[
        (
            r"财政拨款收[入、]?[、和及]?支出?(?:决算)?总计",
            FiscalGrandTotal,
        ),
        (
            r"收[入、]?[、和及]?支出?(?:决算)?总计|收入总计和支出总计",
            GrandTotal,
        ),
        (r"收入(?:决算)?总计", GrandTotal),
        (r"支出(?:决算)?总计", GrandTotal),
        (r"(?:本年度?)?收入(?:决算)?合计", IncomeTotal),
        (r"(?:本年度?)?支出(?:决算)?合计|总支出", ExpenditureTotal),
        (
            r"一般公共预算财政拨款支出|一般公共预算支出",
            GeneralBudgetExpenditure,
        ),
        (r"财政拨款支出", FiscalExpenditure),
        (r"基本支出", BasicExpenditure),
        (r"项目支出", ProjectExpenditure),
        (r"人员经费|人员支出", PersonnelCosts),
        (r"(?:日常)?公用经费", PublicCosts),
        (r"“?三公”?经费", ThreePublic),
        (
            r"因公出国[（(]?境?[）)]?(?:经费|费)?|出国[（(]?境?[）)]?(?:经费|费)",
            OverseasTravel,
        ),
        (
            r"公务用车购置(?:费)?[及和](?:运行)?(?:维护)?(?:经)?费",
            OfficialVehicles,
        ),
        (r"公务用车购置(?:费|支出)", VehiclePurchase),
        (r"公务用车运行(?:维护)?费", VehicleOperation),
        (r"公务接待费?", OfficialReception),
        (r"国内公务接待(?:费|支出)?", DomesticReception),
        (r"外事接待(?:费|支出)?", ForeignReception),
        (r"机关运行经费", OperatingCosts),
        (r"政府采购支出总额|政府采购总额|政府采购金额", Procurement),
        (r"政府采购货物(?:支出)?", ProcurementGoods),
        (r"政府采购工程(?:支出)?", ProcurementWorks),
        (r"政府采购服务(?:支出)?", ProcurementServices),
        (r"授予中小企业合同金额", SmeContracts),
        (r"授予小微企业合同金额", MicroContracts),
    ];
    table
        .iter()
        .map(|(p, s)| (Regex::new(p).expect("subject regex"), *s))
        .collect()
});

/// All the keywords in one set: one pass over the words tells which keywords occur, and only
/// those are searched for their positions (most labels hold none or one).
static ANY_KEYWORD: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(KEYWORDS.iter().map(|(re, _)| re.as_str())).expect("subject regex set")
});

/// Classifies the words in front of a figure.
pub fn classify(words: &str) -> Option<Subject> {
    classify_at(words).map(|(s, _)| s)
}

/// Classifies the words in front of a figure, with where the winning keyword starts (the
/// words before it are what narrows the subject: `该项目支出`, `国内公务接待`).
pub fn classify_at(words: &str) -> Option<(Subject, usize)> {
    let mut best: Option<(usize, usize, Subject)> = None;
    for i in ANY_KEYWORD.matches(words).iter() {
        let (re, subject) = &KEYWORDS[i];
        for m in re.find_iter(words) {
            let key = (m.end(), m.len());
            if best.is_none_or(|(e, l, _)| key > (e, l)) {
                best = Some((m.end(), m.len(), *subject));
            }
        }
    }
    let (end, len, subject) = best?;
    // `“三公”经费财政拨款支出决算`: the 三公 names what the fiscal spending is spent on.
    if matches!(
        subject,
        Subject::FiscalExpenditure | Subject::GeneralBudgetExpenditure
    ) && let Some(m) = KEYWORDS
        .iter()
        .filter(|(_, s)| *s == Subject::ThreePublic)
        .find_map(|(re, _)| re.find(words))
    {
        return Some((Subject::ThreePublic, m.start()));
    }
    Some((subject, end - len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Subject::*;

    #[test]
    fn tells_totals_apart_in_their_wordings() {
        assert_eq!(classify("2023年度收、支总计均为"), Some(GrandTotal));
        assert_eq!(classify("2023年度收入支出决算总计"), Some(GrandTotal));
        assert_eq!(
            classify("2022 年度财政拨款收、支总计"),
            Some(FiscalGrandTotal)
        );
        assert_eq!(classify("2023年度本年收入合计"), Some(IncomeTotal));
        assert_eq!(classify("2022 年度支出合计"), Some(ExpenditureTotal));
    }

    #[test]
    fn nearest_keyword_wins() {
        assert_eq!(
            classify("2023年度一般公共预算财政拨款基本支出"),
            Some(BasicExpenditure)
        );
        assert_eq!(
            classify("2023年一般公共预算财政拨款支出"),
            Some(GeneralBudgetExpenditure)
        );
        assert_eq!(
            classify("2023年度“三公”经费财政拨款支出决算为"),
            Some(ThreePublic)
        );
        assert_eq!(classify("2022 年部门总支出"), Some(ExpenditureTotal));
        assert_eq!(
            classify("公务用车购置及运行维护费支出"),
            Some(OfficialVehicles)
        );
        assert_eq!(classify("我局机关运行经费支出"), Some(OperatingCosts));
        assert_eq!(classify("国内公务接待支出"), Some(DomesticReception));
        assert_eq!(classify("1.公务用车购置和维护经费"), Some(OfficialVehicles));
        assert_eq!(classify("2.出国经费"), Some(OverseasTravel));
        assert_eq!(classify("其中：政府采购货物支出"), Some(ProcurementGoods));
        assert_eq!(classify("办公费"), None);
    }
}

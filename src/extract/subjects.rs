//! What a figure is: 收支总计, 本年支出合计, 基本支出, “三公”经费 … told from the words in
//! front of it, whatever the exact wording (`收、支总计`, `收入支出决算总计`, `收支总计`).
//!
//! The keyword that ends nearest to the figure wins (`一般公共预算财政拨款基本支出` is
//! 基本支出, not 一般公共预算财政拨款支出); at the same end, the longer keyword wins.

use std::sync::LazyLock;

use regex::Regex;

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
        (r"因公出国[（(]?境?[）)]?(?:经费|费)?", OverseasTravel),
        (r"公务用车购置(?:费)?及运行(?:维护)?费", OfficialVehicles),
        (r"公务用车购置(?:费|支出)", VehiclePurchase),
        (r"公务用车运行(?:维护)?费", VehicleOperation),
        (r"公务接待费?", OfficialReception),
        (r"机关运行经费", OperatingCosts),
        (r"政府采购支出总额|政府采购总额", Procurement),
    ];
    table
        .iter()
        .map(|(p, s)| (Regex::new(p).expect("subject regex"), *s))
        .collect()
});

/// Classifies the words in front of a figure.
pub fn classify(words: &str) -> Option<Subject> {
    let mut best: Option<(usize, usize, Subject)> = None;
    for (re, subject) in KEYWORDS.iter() {
        for m in re.find_iter(words) {
            let key = (m.end(), m.len());
            if best.is_none_or(|(e, l, _)| key > (e, l)) {
                best = Some((m.end(), m.len(), *subject));
            }
        }
    }
    // `“三公”经费财政拨款支出决算`: the 三公 names what the fiscal spending is spent on.
    match best.map(|b| b.2) {
        Some(Subject::FiscalExpenditure | Subject::GeneralBudgetExpenditure)
            if KEYWORDS
                .iter()
                .any(|(re, s)| *s == Subject::ThreePublic && re.is_match(words)) =>
        {
            Some(Subject::ThreePublic)
        }
        other => other,
    }
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
        assert_eq!(classify("办公费"), None);
    }
}

//! The 公开 tables of seed 002, copied with one cell changed: each change must give exactly
//! the findings its broken identities imply, naming table, row and column; the unchanged
//! copy must give none.

use serde_json::Value;

use crate::{check_json, root};

/// Seed 002's 部门决算表 part: from the first table's title to `第三部分`.
fn tables_of_002() -> String {
    let text = std::fs::read_to_string(root().join("fixtures/002_d741ed2ca5e3f399.txt")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mark = lines.iter().position(|l| l.trim() == "公开01表").unwrap();
    let end = mark
        + lines[mark..]
            .iter()
            .position(|l| l.starts_with("第三部分"))
            .unwrap();
    lines[mark - 2..end].join("\n") + "\n"
}

/// `base` with `old` replaced by `new` on the first line containing `marker` in the table
/// marked `mark` (`公开03表`).
fn plant(base: &str, mark: &str, marker: &str, old: &str, new: &str) -> String {
    let mut lines: Vec<String> = base.lines().map(str::to_owned).collect();
    let from = lines.iter().position(|l| l.trim() == mark).unwrap();
    let at = from
        + lines[from..]
            .iter()
            .position(|l| l.contains(marker))
            .unwrap();
    assert!(lines[at].contains(old), "{old:?} not on the marked line");
    lines[at] = lines[at].replacen(old, new, 1);
    lines.join("\n") + "\n"
}

/// (code, table, row, column) of every finding of `text`, sorted.
fn table_findings(text: &str) -> Vec<(String, String, String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tables.txt");
    std::fs::write(&path, text).unwrap();
    let (doc, _) = check_json(&[path.as_path()]);
    let mut out: Vec<_> = doc["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("TBL"))
        .map(|f: &Value| {
            let c = &f["cell"];
            let s = |v: &Value| v.as_str().unwrap_or("").to_owned();
            (s(&f["code"]), s(&c["table"]), s(&c["row"]), s(&c["column"]))
        })
        .collect();
    out.sort();
    out
}

fn expect(list: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String)> {
    let mut v: Vec<_> = list
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    v.sort();
    v
}

const T03: &str = "公开03表 支出决算表";

#[test]
fn unchanged_tables_hold() {
    assert_eq!(table_findings(&tables_of_002()), vec![]);
}

#[test]
fn a_rows_basic_expenditure_changed() {
    // 2080506 基本支出 25.73 → 26.73: the row no longer adds up, nor does its 款.
    let text = plant(
        &tables_of_002(),
        "公开03表",
        "2080506\t机关事业单位职业年金缴费支出\t31.67\t25.73",
        "25.73",
        "26.73",
    );
    assert_eq!(
        table_findings(&text),
        expect(&[
            ("TBL001", T03, "20805 行政事业单位养老支出", "基本支出"),
            (
                "TBL002",
                T03,
                "2080506 机关事业单位职业年金缴费支出",
                "本年支出合计"
            ),
        ])
    );
}

#[test]
fn a_class_total_changed() {
    // 03表 210 卫生健康支出 1,358.08 → 1,358.80: its 款, its row, the 合计 and 01表 disagree.
    let text = plant(
        &tables_of_002(),
        "公开03表",
        "210\t卫生健康支出\t1,358.08\t867.00",
        "1,358.08",
        "1,358.80",
    );
    assert_eq!(
        table_findings(&text),
        expect(&[
            ("TBL001", T03, "合计", "本年支出合计"),
            ("TBL001", T03, "210 卫生健康支出", "本年支出合计"),
            ("TBL002", T03, "210 卫生健康支出", "本年支出合计"),
            ("TBL004", T03, "210 卫生健康支出", "本年支出合计"),
        ])
    );
}

#[test]
fn an_economic_item_changed() {
    // 06表 30201 办公费 7.66 → 7.96: 302 商品和服务支出 no longer sums its 款.
    let text = plant(
        &tables_of_002(),
        "公开06表",
        "30201\t办公费",
        "7.66",
        "7.96",
    );
    assert_eq!(
        table_findings(&text),
        expect(&[(
            "TBL001",
            "公开06表 一般公共预算财政拨款基本支出决算表",
            "302 商品和服务支出",
            "公用经费/决算数"
        )])
    );
}

#[test]
fn a_three_public_component_changed() {
    // 09表 决算 公务接待费 2.22 → 2.52: 决算数 合计 6.22 no longer sums its parts.
    let text = plant(&tables_of_002(), "公开09表", "9.00\t", "\t2.22", "\t2.52");
    assert_eq!(
        table_findings(&text),
        expect(&[(
            "TBL002",
            "公开09表 财政拨款“三公”经费支出决算表",
            "（数据行）",
            "决算数/合计"
        )])
    );
}

#[test]
fn a_total_restated_in_another_table_changed() {
    // 01表 本年收入合计 1,467.89 → 1,467.98: its side, and 02表's 合计, disagree with it.
    let text = plant(
        &tables_of_002(),
        "公开01表",
        "本年收入合计\t27\t",
        "1,467.89",
        "1,467.98",
    );
    let found = table_findings(&text);
    assert_eq!(
        found,
        expect(&[
            (
                "TBL003",
                "公开01表 收入支出决算总表",
                "本年收入合计",
                "收入/金额"
            ),
            ("TBL003", "公开01表 收入支出决算总表", "总计", "收入/金额"),
            ("TBL004", "公开02表 收入决算表", "合计", "本年收入合计"),
        ])
    );
}

#[test]
fn basic_costs_of_06_against_05() {
    // 06表 人员经费合计 872.14 → 873.14: 06 no longer sums, nor matches 05表 基本支出.
    let text = plant(
        &tables_of_002(),
        "公开06表",
        "人员经费合计",
        "872.14",
        "873.14",
    );
    assert_eq!(
        table_findings(&text),
        expect(&[
            (
                "TBL001",
                "公开06表 一般公共预算财政拨款基本支出决算表",
                "人员经费合计",
                "人员经费/决算数"
            ),
            (
                "TBL005",
                "公开05表 一般公共预算财政拨款支出决算表",
                "合计",
                "本年支出/基本支出"
            ),
        ])
    );
}

#[test]
fn a_basic_cost_item_above_its_three_public_whole() {
    // 06表 30217 公务接待费 0.78 → 2.78: above 09表's 公务接待费 决算 2.22 (SPD006), and 302
    // no longer sums its 款 (TBL001).
    let text = plant(
        &tables_of_002(),
        "公开06表",
        "30217\t公务接待费",
        "0.78",
        "2.78",
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tables.txt");
    std::fs::write(&path, &text).unwrap();
    let (doc, _) = check_json(&[path.as_path()]);
    let spd: Vec<&Value> = doc["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "SPD006")
        .collect();
    assert_eq!(spd.len(), 1, "{spd:#?}");
    let f = spd[0];
    let line = text
        .lines()
        .position(|l| l.contains("30217\t公务接待费"))
        .unwrap()
        + 1;
    assert_eq!(f["location"]["line"], line);
    assert_eq!(f["stated"]["value"], "2.78");
    assert_eq!(f["expected"]["value"], "2.22");
    // The unchanged 0.78 is within 2.22: nothing.
    let (doc, _) = {
        std::fs::write(&path, tables_of_002()).unwrap();
        check_json(&[path.as_path()])
    };
    assert!(
        doc["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "SPD006")
    );
}

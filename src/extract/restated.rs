//! Figures that name a total of the report's year, so that rules can compare every place
//! a quantity is stated: a sentence's 决算 or budget of a named total (收支总计, 本年支出合计,
//! 基本支出, 人员经费, “三公”经费 …), with the fund scope its words give (全部 / 财政拨款 /
//! 一般公共预算) and the one its 决算说明 chapter names; and the report year's columns of a
//! year-column data table (`经费控制情况（万元）| 2021 年决算数 | 2022 年预算数 | 2022 年决算数`).
//!
//! Left out: figures in other table lines, change amounts, previous years, budgets the label
//! does not name (`年初预算…，其中基本支出…`), and figures whose label names something
//! narrower in front of the keyword (`该项目支出`, `国内公务接待`).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::context::{Doc, REACH, squeeze, trim_link};
use super::subjects::classify_at;
use crate::grid::{self, Layout};
use crate::model::{
    Basis, ClaimId, FigureSource, FundScope, NamedRate, ProjectAmount, StatedFigure,
    strip_list_number,
};

/// Words that make a figure something other than this year's 决算 or budget of the total.
const NOT_STATED: &[&str] = &[
    "上年",
    "去年",
    "同期",
    "增加",
    "减少",
    "增长",
    "下降",
    "增减",
    "结转",
    "结余",
    "平均",
    "人均",
    "控制",
    "计划",
    "批复",
    "下达",
    "收回",
    "较",
    "比",
    "调整数",
    "差额",
];

/// Words in front of the keyword that narrow it to one project, fund or part.
/// A subordinate unit's name (`市医保中心本年支出合计`, `下属单位基本支出`) narrows a total too:
/// a department's report may state its units' totals beside its own.
const NARROWER: &[&str] = &[
    "项目", "资金", "经费", "该", "此", "专项", "补助", "国内", "外事", "其他", "中心", "医院",
    "学校", "分局", "大队", "支队", "下属", "所属", "二级",
];

/// A 决算 word that names no total by itself (`实际支出数`): the total is the sentence's.
fn is_actual_word(label: &str) -> bool {
    matches!(
        &*squeeze(label),
        "实际支出数" | "实际支出" | "支出决算数" | "支出决算" | "决算数" | "实际执行数"
    )
}

/// A budget word that names no total by itself (`全年预算数`).
fn is_budget_word(label: &str) -> bool {
    matches!(
        &*squeeze(label),
        "预算数" | "预算" | "年初预算数" | "年初预算" | "全年预算数" | "全年预算" | "调整后预算数"
    )
}

/// Whether a label names a budget (`支出预算`, `全年预算数`), and which; a scope's name
/// (`一般公共预算`, `政府性基金预算`) is not a budget.
fn budget_basis(label: &str) -> Option<Basis> {
    let names_budget = label.match_indices("预算").any(|(i, _)| {
        let before = &label[..i];
        !(before.ends_with("一般公共")
            || before.ends_with("政府性基金")
            || before.ends_with("资本经营"))
    });
    if !names_budget || label.contains("决算") {
        return None;
    }
    Some(if label.contains("年初") {
        Basis::InitialBudget
    } else if label.contains("全年") || label.contains("调整") {
        Basis::FinalBudget
    } else {
        Basis::Budget
    })
}

/// Whether the words in front of the subject's keyword narrow it (`该项目支出`,
/// `国内公务接待`); `keyword_at` is where the keyword starts in `named`.
fn narrowed(named: &str, keyword_at: usize) -> bool {
    let before = &named[..keyword_at];
    let before = before.trim_start_matches(|ch: char| {
        ch.is_ascii_digit() || ch.is_whitespace() || "年度".contains(ch)
    });
    let before = before.strip_prefix("其中").unwrap_or(before);
    NARROWER.iter().any(|w| before.contains(w))
}

/// The stated figures, sorted by position, and the projects' amounts.
pub fn extract(doc: &Doc, deltas: &HashSet<ClaimId>) -> (Vec<StatedFigure>, Vec<ProjectAmount>) {
    let mut out = narrative(doc, deltas);
    let (rows, mut projects) = data_tables(doc);
    out.extend(rows);
    out.sort_by_key(|f| f.claim);
    projects.extend(listed_projects(doc));
    projects.sort_by_key(|p| p.claim);
    (out, projects)
}

/// A project's name as both places print it: no spaces, quotes or bracketed suffix.
fn project_key(name: &str) -> String {
    let s: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && !"“”\"".contains(*c))
        .collect();
    let s = s.trim_start_matches(['（', '(', '，', ',', '、']);
    match s.find(['（', '(']) {
        Some(i) if s.ends_with(['）', ')']) && i > 0 => s[..i].to_string(),
        _ => s.to_string(),
    }
}

/// Amounts in a 类/款/项 line's list of projects: after the `（项）` marker, each amount's
/// label names a project.
fn listed_projects(doc: &Doc) -> Vec<ProjectAmount> {
    let mut out = Vec::new();
    // Per line, found once (a line may hold thousands of figures): where it starts, where
    // its `（项）` marker ends (none on a tabbed line), and whether the 项's own amount (the
    // first after the marker) has been passed.
    let mut line: Option<(usize, Option<usize>, bool)> = None;
    for (id, c) in doc.claims.iter().enumerate() {
        if !c.is_amount() {
            continue;
        }
        let start = c.norm.0;
        let ls = doc.line_start(start);
        if line.is_none_or(|(at, _, _)| at != ls) {
            let text = &doc.text[ls..doc.line_end(start)];
            let marker = if text.contains('\t') {
                None
            } else {
                ["（项）", "(项)"]
                    .iter()
                    .filter_map(|mk| text.find(mk).map(|i| ls + i + mk.len()))
                    .min()
            };
            line = Some((ls, marker, false));
        }
        let Some((_, Some(marker), item_passed)) = line.as_mut() else {
            continue;
        };
        if start < *marker {
            continue;
        }
        // The 项's own amount follows the marker directly.
        if !*item_passed {
            *item_passed = true;
            continue;
        }
        let label = doc.wide_label_before(id);
        let project = project_key(label);
        if project.chars().count() < 4 || project.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        out.push(ProjectAmount {
            project,
            claim: id,
            source: FigureSource::Narrative,
            table_decimals: None,
        });
    }
    out
}

fn narrative(doc: &Doc, deltas: &HashSet<ClaimId>) -> Vec<StatedFigure> {
    let mut out = Vec::new();
    // Whether the current line is a table line, found once per line (a 10 MB line holds
    // millions of figures).
    let mut line: Option<(usize, bool)> = None;
    for (id, c) in doc.claims.iter().enumerate() {
        if !c.is_amount() || deltas.contains(&id) {
            continue;
        }
        let start = c.norm.0;
        let ls = doc.line_start(start);
        let tabbed = match line {
            Some((at, t)) if at == ls => t,
            _ => {
                let t = doc.text[ls..doc.line_end(start)].contains('\t');
                line = Some((ls, t));
                t
            }
        };
        if tabbed {
            continue;
        }
        // Bounded: a line of figures without a clause mark must not make this quadratic.
        let clause = doc
            .clause_start(start)
            .max(doc.floor(start.saturating_sub(REACH)));
        // A label never reaches back over another figure.
        let prev_end = id
            .checked_sub(1)
            .map_or(0, |p| doc.claims[p].norm.1.min(start));
        let mut label = trim_link(&doc.text[clause.max(prev_end)..start]);
        // `总支出：2408.42万元`: the colon ends the clause, the label is in front of it.
        if label.is_empty() && clause > prev_end && doc.text[..clause].ends_with(['：', ':']) {
            let colon = doc.floor(clause - 1);
            let from = doc
                .clause_start(colon)
                .max(doc.floor(colon.saturating_sub(REACH)));
            label = trim_link(&doc.text[from.max(prev_end)..colon]);
        }
        if NOT_STATED.iter().any(|w| label.contains(w)) {
            continue;
        }
        // `因公出国（境）费支出决算`: a bracket inside the name ends the clause, not the label.
        if clause > prev_end && doc.text[..clause].ends_with(['）', ')']) {
            label = doc.wide_label_before(id);
        }
        let budget = budget_basis(label);
        let own = classify_at(label);
        let bare_word = is_actual_word(label) || is_budget_word(label);
        if own.is_none() && !bare_word {
            continue;
        }
        let words = doc.words_before(id);
        // A sentence about the budget (`年初预算…，其中基本支出…`) states budgets the label
        // does not name: left out, unless the figure's own label says 决算 or 预算
        // (`…全年预算数970.5万元，实际支出数970.5万元`).
        if budget.is_none()
            && words.replace("一般公共预算", "").contains("预算")
            && !label.contains("决算")
            && !is_actual_word(label)
        {
            continue;
        }
        let (subject, named, keyword_at) = match own {
            Some((s, at)) => (s, label, at),
            None => match classify_at(words) {
                Some((s, at)) => (s, words, at),
                None => continue,
            },
        };
        // The words of the name itself, up to the figure, must not narrow it.
        if narrowed(named, keyword_at) {
            continue;
        }
        if doc.names_previous_year(clause, start)
            || doc.names_previous_year(doc.near_sentence_start(start), start)
                && !bare_word
                && named == words
        {
            continue;
        }
        let chapter = doc
            .chapter(id)
            .map(|s| doc.sections[s].title.as_str())
            .filter(|t| t.contains("决算"));
        out.push(StatedFigure {
            claim: id,
            subject,
            basis: budget.unwrap_or(Basis::Actual),
            source: FigureSource::Narrative,
            table_decimals: None,
            scope: FundScope::named_in(named),
            chapter_scope: chapter.and_then(FundScope::named_in),
        });
    }
    out
}

/// A year column's header: `2022 年决算数`, `2022年度预算数`.
static YEAR_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(20[0-9]{2})年度?(决算|预算)数?(?:（万元）|\(万元\))?$")
        .expect("year column regex")
});

/// Year-column data tables (the 整体支出绩效评价 基础数据表): a tabbed header row with at
/// least two `YYYY 年决算数 / 预算数` cells, then rows of a label and figures. A row whose
/// label names a total (三公经费, 项目支出, 公务接待 …) states that total's 决算 or budget
/// of the report year in the matching column. The table ends at a line without a tab or
/// at a row of header words.
fn data_tables(doc: &Doc) -> (Vec<StatedFigure>, Vec<ProjectAmount>) {
    let mut out = Vec::new();
    let mut projects = Vec::new();
    let Some(year) = doc.year else {
        return (out, projects);
    };
    let text = doc.text;
    let mut pos = 0;
    while let Some(found) = find_year_header(text, pos) {
        let (header_end, columns) = found;
        pos = header_end;
        let region_end = table_end(text, header_end);
        // Cells are read at the table's finest printed precision, as in the 公开 tables.
        let decimals = doc
            .claims_in(header_end, region_end)
            .filter_map(|c| doc.claims[c].quantity.map(|q| q.decimals))
            .max()
            .unwrap_or(0);
        for row in grid::rows(text, header_end, region_end, Layout::Tabbed) {
            let Some((first, label_cell)) = row.first() else {
                continue;
            };
            let label = squeeze(label_cell.text(text));
            let label = strip_list_number(&label);
            if NOT_STATED.iter().any(|w| label.contains(w)) || label.contains("预算") {
                continue;
            }
            let Some((subject, keyword_at)) = classify_at(label) else {
                // A project row: its 决算 of the report year.
                let project = project_key(label);
                if project.chars().count() >= 4 && !label.starts_with("其中") {
                    let actual = columns
                        .iter()
                        .filter(|(col, y, b)| *y == year && *b == Basis::Actual && *col > first)
                        .find_map(|(col, _, _)| figure_in(doc, row.cells.get(*col)?));
                    if let Some(claim) = actual {
                        projects.push(ProjectAmount {
                            project,
                            claim,
                            source: FigureSource::DataTable,
                            table_decimals: Some(decimals),
                        });
                    }
                }
                continue;
            };
            if narrowed(label, keyword_at) {
                continue;
            }
            for &(col, y, basis) in &columns {
                if y != year || col <= first {
                    continue;
                }
                let Some(claim) = row.cells.get(col).and_then(|cell| figure_in(doc, cell)) else {
                    continue;
                };
                out.push(StatedFigure {
                    claim,
                    subject,
                    basis,
                    source: FigureSource::DataTable,
                    table_decimals: Some(decimals),
                    scope: FundScope::named_in(label),
                    chapter_scope: None,
                });
            }
        }
        pos = pos.max(region_end);
    }
    (out, projects)
}

/// The figure that fills a cell, if one does.
fn figure_in(doc: &Doc, cell: &grid::Cell) -> Option<ClaimId> {
    let claim = doc.claim_starting_at(cell.start)?;
    (doc.claims[claim].quantity.is_some() && doc.claims[claim].norm.1 == cell.end).then_some(claim)
}

/// A year column: the cell's index, its year, and whether it holds 决算 or 预算.
type YearColumn = (usize, u32, Basis);

/// The next year-column header line at or after `from`: its end and its year columns
/// (cell index, year, 决算 or 预算).
fn find_year_header(text: &str, from: usize) -> Option<(usize, Vec<YearColumn>)> {
    let mut pos = from;
    while pos < text.len() {
        // Only lines that hold a tab and a year-column word are looked at closely.
        let hit = text[pos..].find("年")? + pos;
        let ls = text[..hit].rfind('\n').map_or(0, |i| i + 1).max(pos);
        let le = text[hit..].find('\n').map_or(text.len(), |i| hit + i);
        pos = le + 1;
        let line = &text[ls..le];
        if !line.contains('\t') || !(line.contains("决算") || line.contains("预算")) {
            continue;
        }
        let columns: Vec<YearColumn> = line
            .split('\t')
            .enumerate()
            .filter_map(|(i, cell)| {
                let cell = squeeze(cell);
                let c = YEAR_COLUMN.captures(&cell)?;
                let year = c[1].parse().ok()?;
                let basis = if &c[2] == "决算" {
                    Basis::Actual
                } else {
                    Basis::Budget
                };
                Some((i, year, basis))
            })
            .collect();
        if columns.len() >= 2 {
            return Some((le.min(text.len()), columns));
        }
    }
    None
}

/// Where the data table starting at `from` ends: the first non-blank line without a tab,
/// or a row whose value cells hold words (the next table's header).
fn table_end(text: &str, from: usize) -> usize {
    let mut pos = from;
    while pos < text.len() {
        let le = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..le];
        if !line.trim().is_empty() {
            if !line.contains('\t') {
                return pos;
            }
            let header_like = line.split('\t').skip(1).any(|cell| {
                let cell = cell.trim();
                !cell.is_empty()
                    && !cell.chars().any(|c| c.is_ascii_digit())
                    && !cell.chars().all(|c| "—-－–".contains(c))
            });
            if header_like {
                return pos;
            }
        }
        pos = le + 1;
    }
    text.len()
}

/// A fund or project named in front of a rate: the shortest run of words ending in 资金,
/// 经费 or 项目 (no clause mark inside).
static OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[^，,。；;：:、\s（）()]{2,60}?(?:资金|经费|项目)").expect("owner regex")
});

/// Words that make a rate a target, a threshold or a point in the year, not the fund's
/// outcome.
const NOT_OUTCOME: &[&str] = &[
    "月",
    "截至",
    "截止",
    "进度",
    "目标",
    "计划",
    "以上",
    "不低于",
    "超过",
    "达到",
    "预计",
    "要求",
    "平均",
];

/// Rates stated of one named fund or project: a percentage whose label ends in 结余率,
/// 执行率 or 完成率, owned by the nearest fund or project named before it in its sentence
/// (`2023年除医药服务与保障能力提升中央财政补助资金结余率为8.9%`; `…补助资金未完成预算，资金
/// 结余率为12.54%`). Owners shorter than six characters (`项目资金`) name no one fund.
pub fn named_rates(doc: &Doc) -> Vec<NamedRate> {
    let mut out = Vec::new();
    for (id, c) in doc.claims.iter().enumerate() {
        if !c.is_percent() {
            continue;
        }
        let start = c.norm.0;
        let label = doc.label_before(id);
        let Some(measure) = ["结余率", "执行率", "完成率"]
            .into_iter()
            .find(|m| label.ends_with(m))
        else {
            continue;
        };
        let from = doc.near_sentence_start(start);
        let words = &doc.text[from..start];
        if words.contains('\t') || NOT_OUTCOME.iter().any(|w| words.contains(w)) {
            continue;
        }
        // The owner is named before the rate word.
        let Some(cut) = words.rfind(measure) else {
            continue;
        };
        let Some(m) = OWNER.find_iter(&words[..cut]).last() else {
            continue;
        };
        // A rate of the 年初 budget and one of the 全年 budget are two rates.
        let basis = if words.contains("年初") {
            "年初"
        } else if words.contains("全年") || words.contains("调整") {
            "全年"
        } else {
            ""
        };
        // `.2023年劳务派遣人员经费`, `“物业费及水电费”项目`: the name without list marks,
        // year and quotes.
        let owner: String = m
            .as_str()
            .trim_start_matches(|ch: char| {
                ch.is_ascii_punctuation() || ch.is_ascii_digit() || "年度除其中的对".contains(ch)
            })
            .chars()
            .filter(|ch| !"“”\"‘’".contains(*ch))
            .collect();
        if owner.chars().count() < 6 {
            continue;
        }
        out.push(NamedRate {
            claim: id,
            owner,
            measure: format!("{basis}{measure}"),
        });
    }
    out
}

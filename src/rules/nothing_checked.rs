//! EX003 nothing-checked: a file in which no figure could be bound into anything a rule
//! compares — a blank template, mojibake, a web page or a PDF saved as text. Never a silent
//! pass: the file gets this warning instead of a clean result.

use super::{Context, Family, Rule};
use crate::finding::{Figure, Finding, Severity};
use crate::text::Span;

pub static NOTHING_CHECKED: Rule = Rule {
    code: "EX003",
    name: "nothing-checked",
    family: Family::Extraction,
    severity: Severity::Warning,
    summary: "未能读出任何可核对的数字，本文件未经核对",
    doc: "## What it checks
Whether anything in the file could be checked at all: at least one figure bound into a
statement, a 公开 table cell or a 绩效自评表 row. When none is, the file is reported once,
with what was found (figures with a unit, tables listed or printed).

## Why it matters
A clean result on a file the tool could not read (a blank template, a mis-decoded or
garbled text, an HTML or PDF file saved as .txt) would read as \"no errors\". It is not.

## Rounding
Not applicable.

## Example
The blank 上海市 XX 局 template: every label, no figures → reported.

## Known limits
A file with a single readable statement counts as checked; the per-file `coverage` object
of `--format json` tells how much was.",
    check: check_nothing_checked,
};

fn check_nothing_checked(ctx: &Context) -> Vec<Finding> {
    let cov = ctx.report.coverage();
    if !cov.nothing_checked() {
        return Vec::new();
    }
    let found = if cov.figures == 0 {
        "文中没有带单位的数字".to_owned()
    } else {
        format!(
            "文中{}个带单位的数字均未能归入可核对的陈述或表格",
            cov.figures
        )
    };
    let tables = if cov.tables_printed > 0 {
        format!("；{}张公开表已印出但未能读取", cov.tables_printed)
    } else if cov.tables_listed > 0 {
        format!("；列出的{}张公开表均未读到内容", cov.tables_listed)
    } else {
        String::new()
    };
    let start = Span {
        start: 0,
        end: 0,
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    };
    vec![ctx.build.at_span(
        &NOTHING_CHECKED,
        NOTHING_CHECKED.severity,
        start,
        None,
        Figure {
            text: "0个可核对数字".to_owned(),
            value: None,
        },
        format!("本文件未能核对任何数字：{found}{tables}（空白模板、乱码或非文本文件？）"),
    )]
}

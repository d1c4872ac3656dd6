//! SE015 form-not-read: 绩效自评表 printed (a title followed by its table) that could not be
//! read, so none of their execution, weight or score identities was checked.

use super::{Context, Family, Rule};
use crate::finding::{Figure, Finding, Severity};

pub static FORM_NOT_READ: Rule = Rule {
    code: "SE015",
    name: "form-not-read",
    family: Family::SelfEval,
    severity: Severity::Warning,
    summary: "绩效自评表已印出但未能读取，其执行率、分值与得分未核对",
    doc: "## What it checks
Titles of 绩效自评表 (`2022年度项目支出绩效自评表`, `部门整体支出绩效自评表`) followed by a table
whose funds and indicator blocks could not be read in any known layout. Reported once per
report, at the first such title, with their number.

## Why it matters
The tables are in the report, and their execution rates, scores and weights went unchecked;
a clean result would hide that.

## Rounding
Not applicable.

## Example
A 自评表 in a `pdftotext -layout` rendering, its header wrapped one character per line.

## Known limits
Only titles the self-assessment reader recognises are counted; attachments listed in a 目录
(`4、…自评表(共16份)`) are not.",
    check: check_not_read,
};

fn check_not_read(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let Some(first) = r.unread_forms.first() else {
        return Vec::new();
    };
    let n = r.unread_forms.len();
    let read = r.self_evaluations.len();
    let also = if read > 0 {
        format!("（另有{read}张已读取）")
    } else {
        String::new()
    };
    vec![ctx.build.at_span(
        &FORM_NOT_READ,
        FORM_NOT_READ.severity,
        first.span,
        first.section,
        Figure {
            text: format!("{n}张自评表未读取"),
            value: None,
        },
        format!(
            "{n}张绩效自评表已印出但未能读取{also}，其执行率、分值与得分未核对（首张：{}）",
            first.title
        ),
    )]
}

//! TBL008 table-not-read: a 公开 table printed (its mark, unit or header lines follow the
//! title) whose rows could not be read, so none of its identities was checked.

use super::{Context, Family, Rule};
use crate::finding::{Figure, Finding, Severity};

pub static TABLE_NOT_READ: Rule = Rule {
    code: "TBL008",
    name: "table-not-read",
    family: Family::Tables,
    severity: Severity::Warning,
    summary: "公开表已印出但未能读取，表内及表间勾稽未核对",
    doc: "## What it checks
A 公开 table whose title is followed by its mark (`公开01表`), its unit line (`金额单位：万元`)
or header words (`项目`, `行次`, `科目编码`), but whose header and rows could not be read in
any known layout. Reported once per table, naming it and why.

## Why it matters
The table is in the report, so \"listed but not printed\" (TBL006) would be false; and its
sums, its agreement with the other tables and with the narrative went unchecked. The reviewer
must know that this part of the report was not verified.

## Rounding
Not applicable.

## Example
`收入支出决算总表` in a `pdftotext` rendering whose cells stand one per line without tabs.

## Known limits
Only the nine national tables are recognised by title.",
    check: check_not_read,
};

fn check_not_read(ctx: &Context) -> Vec<Finding> {
    let r = ctx.report;
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for l in &r.listed_tables {
        let Some(why) = l.unread else { continue };
        if seen.contains(&l.kind) || r.tables.iter().any(|t| t.kind == l.kind) {
            continue;
        }
        seen.push(l.kind);
        out.push(ctx.build.at_span(
            &TABLE_NOT_READ,
            TABLE_NOT_READ.severity,
            l.span,
            l.section,
            Figure {
                text: l.kind.title().to_owned(),
                value: None,
            },
            format!(
                "{}已印出但未能读取：{why}；其表内及表间勾稽未核对",
                l.kind.title()
            ),
        ));
    }
    out
}

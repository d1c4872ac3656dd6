//! EX: extraction notes — figures the report prints but withholds.

use super::{Context, Family, Rule};
use crate::finding::{Finding, Severity};
use crate::model::ClaimKind;

pub static REDACTED_FIGURE: Rule = Rule {
    code: "EX001",
    name: "redacted-figure",
    family: Family::Extraction,
    severity: Severity::Error,
    summary: "金额以**代替，未公开",
    doc: "## What it checks
A figure printed as asterisks (`共计支出**万元`) instead of a number.

## Why it matters
A disclosure that withholds a figure is a publication defect, and every identity that needs the
figure cannot be checked.

## Rounding
Not applicable.

## Example
`国内公务接待8批次，93人次，共计支出**万元` → reported at the asterisks.

## Known limits
Only asterisk runs directly followed by a money unit are recognised.",
    check: check_redacted,
};

fn check_redacted(ctx: &Context) -> Vec<Finding> {
    ctx.report
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == ClaimKind::Redacted)
        .map(|(i, c)| {
            ctx.build.finding(
                &REDACTED_FIGURE,
                REDACTED_FIGURE.severity,
                i,
                format!("金额“{}”以星号代替，未公开实际数值", c.text),
            )
        })
        .collect()
}

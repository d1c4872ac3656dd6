//! EX: extraction notes — figures the report prints but withholds, or that cannot be read.

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

pub static UNREADABLE_FIGURE: Rule = Rule {
    code: "EX002",
    name: "unreadable-figure",
    family: Family::Extraction,
    severity: Severity::Info,
    summary: "数字位数过多，无法精确计算，未参与核对",
    doc: "## What it checks
A figure with a unit (万元, %, 人 …) too large or too finely printed to be real or to
compute with exactly: more than 28 significant digits, 10^14 or more in its unit (10^14
万元 = 10^18 元), or more than 12 decimals — a 60-digit amount, a typing or conversion
accident in the report.

## Why it matters
The figure takes part in no check, so the reader is told rather than left to assume it was
verified.

## Rounding
Not applicable.

## Example
`支出合计999999999999999999999999999999万元` → an info note at the figure.

## Known limits
A long number without a unit (an account or ID number) is not a figure and gets no note.
Exponent notation (`1e400%`) is not a figure: the `e` makes it part of a word.",
    check: check_unreadable,
};

fn check_unreadable(ctx: &Context) -> Vec<Finding> {
    ctx.report
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == ClaimKind::Overflow)
        .map(|(i, c)| {
            let shown: String = c.text.chars().take(40).collect();
            let more = if c.text.chars().count() > 40 {
                "…"
            } else {
                ""
            };
            ctx.build.finding(
                &UNREADABLE_FIGURE,
                UNREADABLE_FIGURE.severity,
                i,
                format!("数字“{shown}{more}”位数过多，无法精确计算，未参与核对"),
            )
        })
        .collect()
}

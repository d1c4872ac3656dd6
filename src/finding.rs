//! Findings: what a rule reports, as data. Printers only format these.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{ClaimId, Interval, Report};
use crate::text::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A figure as printed, with its exact value (万元 for amounts, points for percentages).
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub text: String,
    pub value: Option<Decimal>,
}

/// What the identity allows: the value computed from the stated inputs, and the interval
/// of values it could take given the rounding of every input.
#[derive(Debug, Clone, Serialize)]
pub struct Expected {
    pub value: Decimal,
    pub interval: Interval,
}

/// Another figure involved in the finding, with its role in the identity.
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub role: String,
    pub text: String,
    pub value: Option<Decimal>,
    pub location: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Rule code, e.g. `CHG002`.
    pub code: &'static str,
    /// Rule name, e.g. `growth-rate-mismatch`.
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Span,
    /// Section path, outermost first.
    pub section: Vec<String>,
    pub stated: Figure,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Expected>,
    /// stated − expected value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<Decimal>,
    /// How far the stated figure lies outside everything rounding can explain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beyond_rounding: Option<Decimal>,
    /// The stated figure is the expected one cut off rather than rounded.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    pub related: Vec<Related>,
    /// The table cell the stated figure is, for findings about a 公开 table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<TableCell>,
}

/// Where in a 公开 table a figure stands.
#[derive(Debug, Clone, Serialize)]
pub struct TableCell {
    /// `公开03表 支出决算表`.
    pub table: String,
    /// `208 社会保障和就业支出`, `本年支出合计`.
    pub row: String,
    /// The column's header path (`本年支出/基本支出`), with the block (`支出/金额`).
    pub column: String,
}

impl Finding {
    /// Sets the figures of a comparison: the stated value, the expected value with the
    /// interval it may take, and their difference.
    pub fn set_numbers(&mut self, stated: Decimal, expected: Decimal, interval: Interval) {
        self.stated.value = Some(stated);
        self.expected = Some(Expected {
            value: expected,
            interval,
        });
        self.difference = Some(stated - expected);
    }

    pub fn id(&self) -> String {
        format!("{}/{}", self.code, self.name)
    }
}

/// Builds findings for one report, filling spans, sections and values from claims.
pub struct FindingBuilder<'r> {
    pub report: &'r Report,
}

impl<'r> FindingBuilder<'r> {
    pub fn figure(&self, id: ClaimId) -> Figure {
        let c = &self.report.claims[id];
        Figure {
            text: c.text.clone(),
            value: c.value(),
        }
    }

    pub fn related(&self, role: &str, id: ClaimId) -> Related {
        let c = &self.report.claims[id];
        Related {
            role: role.to_owned(),
            text: c.text.clone(),
            value: c.value(),
            location: c.span,
        }
    }

    pub fn finding(
        &self,
        rule: &crate::rules::Rule,
        severity: crate::finding::Severity,
        at: ClaimId,
        message: String,
    ) -> Finding {
        let c = &self.report.claims[at];
        self.at_span(rule, severity, c.span, c.section, self.figure(at), message)
    }

    /// A finding at a place that holds no figure (a blank table cell, a heading).
    pub fn at_span(
        &self,
        rule: &crate::rules::Rule,
        severity: crate::finding::Severity,
        location: Span,
        section: Option<usize>,
        stated: Figure,
        message: String,
    ) -> Finding {
        Finding {
            code: rule.code,
            name: rule.name,
            severity,
            message,
            location,
            section: self.report.section_path(section),
            stated,
            expected: None,
            difference: None,
            beyond_rounding: None,
            truncated: false,
            related: Vec::new(),
            cell: None,
        }
    }
}

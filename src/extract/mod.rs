//! Extraction stage: normalised text → the typed [`Report`].
//!
//! Extractors read; they never judge. Odd text yields fewer records, never an error.

mod breakdowns;
mod changes;
mod context;
pub mod items;
mod rates;
mod restated;
pub mod selfeval;
mod spending;
pub mod subjects;
pub mod tables;

use std::collections::HashSet;

use crate::claims;
use crate::input::TextEncoding;
use crate::model::{FigureSource, Report, UnchangedStatement};
use crate::sections;
use crate::text::{LineIndex, normalize};

pub use context::report_year;

/// Runs every extractor over one decoded report.
pub fn extract(original: &str, encoding: TextEncoding) -> Report {
    let norm = normalize(original);
    let index = LineIndex::new(original);
    let mut claims = claims::extract(&norm, original, &index);
    let sections = sections::build(&norm.text, |o| {
        let (s, _) = norm.original_range(o, o + 1);
        index.position(original, s).0
    });
    for c in &mut claims {
        let at = sections.partition_point(|s| s.line <= c.span.line);
        c.section = at.checked_sub(1);
    }
    let year = report_year(&norm.text);
    let doc = context::Doc::new(&norm.text, &claims, &sections, year);
    let changes = changes::extract(&doc);
    let deltas: HashSet<_> = changes
        .iter()
        .flat_map(|c| std::iter::once(c.amount).chain(c.components.iter().map(|p| p.amount)))
        .collect();
    // A normalised range → its original span and the innermost section it stands in.
    let locate = |range: std::ops::Range<usize>| {
        let (s, e) = norm.original_range(range.start, range.end);
        let span = index.span(original, s, e);
        let at = sections.partition_point(|s| s.line <= span.line);
        (span, at.checked_sub(1))
    };
    let unchanged = changes::unchanged(&doc)
        .into_iter()
        .map(|(range, subject, current)| {
            let (span, section) = locate(range);
            UnchangedStatement {
                subject,
                current,
                span,
                section,
            }
        })
        .collect();
    let found = breakdowns::extract(&doc, &deltas);
    let rates = rates::extract(&doc);
    let found_items = items::extract(&doc, &locate);
    let items_totals = items::totals(&doc, &found_items);
    let items = found_items.into_iter().map(|(_, i)| i).collect();
    let forms = selfeval::extract(&doc, &locate);
    let self_evaluations = forms.tables;
    let project_mentions = selfeval::mentions(&doc, &self_evaluations, &forms.regions, &locate);
    let grades = selfeval::grades(&doc);
    let (tables, listed_tables) = tables::extract(&doc, &locate);
    let (mut stated_figures, project_amounts) = restated::extract(&doc, &deltas);
    // A form flattened to short lines (a 自评表 or 自评报告 in a PDF's text) holds a project's
    // cells, not the report's totals: its figures restate nothing.
    let in_form = |at: usize| {
        let k = forms.form_regions.partition_point(|r| r.start <= at);
        k > 0 && forms.form_regions[k - 1].contains(&at)
    };
    stated_figures
        .retain(|f| f.source != FigureSource::Narrative || !in_form(claims[f.claim].norm.0));
    let named_rates = restated::named_rates(&doc);
    let spending = spending::extract(
        &doc,
        &spending::Found {
            stated: &stated_figures,
            changes: &changes,
            rates: &rates,
            shares: &found.shares,
            breakdowns: &found.breakdowns,
        },
    );
    Report {
        encoding,
        year,
        sections,
        claims,
        changes,
        unchanged,
        breakdowns: found.breakdowns,
        shares: found.shares,
        rates,
        items,
        items_totals,
        self_evaluations,
        unread_forms: forms.unread,
        grades,
        project_mentions,
        tables,
        listed_tables,
        stated_figures,
        named_rates,
        project_amounts,
        spending,
    }
}

//! `--format full`: rustc-style blocks rendered by annotate-snippets (the only file that
//! knows it, so an upgrade changes one file and its reviewed snapshots).
//!
//! Each finding shows the report line(s) with the stated figure underlined as primary and
//! the other figures of the identity labelled by role, then stated / expected / difference.

use std::collections::BTreeMap;
use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::concise::numbers;
use crate::check::FileResult;
use crate::finding::{Finding, Severity};
use crate::text::LineIndex;

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// (line, start, end, label, primary) for one labelled figure, clipped to its first line.
type Mark = (usize, usize, usize, String, bool);

fn marks(f: &Finding) -> Vec<Mark> {
    let mut m = vec![(
        f.location.line,
        f.location.start,
        f.location.end,
        "stated".to_owned(),
        true,
    )];
    for r in &f.related {
        m.push((
            r.location.line,
            r.location.start,
            r.location.end,
            r.role.clone(),
            false,
        ));
    }
    m
}

pub fn write(out: &mut dyn Write, r: &FileResult, styled: bool) -> io::Result<()> {
    let Some(text) = r.text.as_deref() else {
        return Ok(());
    };
    if r.findings.is_empty() {
        return Ok(());
    }
    let index = LineIndex::new(text);
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for f in &r.findings {
        // Group the labelled figures by line, so each report line is shown once.
        let mut by_line: BTreeMap<usize, Vec<Mark>> = BTreeMap::new();
        for m in marks(f) {
            by_line.entry(m.0).or_default().push(m);
        }
        let id = f.id();
        let mut group = Group::with_title(level(f.severity).primary_title(&f.message).id(&id));
        for (line, ms) in &by_line {
            let (ls, le) = index.line_range(text, *line);
            let source = &text[ls..le];
            let mut snippet = Snippet::source(source)
                .line_start(*line)
                .path(r.path.as_str())
                .fold(false);
            for (_, s, e, label, primary) in ms {
                let s = s.saturating_sub(ls).min(source.len());
                let e = e.saturating_sub(ls).clamp(s, source.len());
                let kind = if *primary {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                let label = if *primary {
                    String::new()
                } else {
                    label.clone()
                };
                snippet = snippet.annotation(kind.span(s..e).label(label));
            }
            group = group.element(snippet);
        }
        group = group.element(Level::NOTE.message(numbers(f)));
        if !f.section.is_empty() {
            group =
                group.element(Level::NOTE.message(format!("section: {}", f.section.join(" > "))));
        }
        // The renderer is another crate's code over our spans: should it ever fail on one,
        // print that finding in the concise form rather than take the run down.
        let rendered =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| renderer.render(&[group])))
                .unwrap_or_else(|_| format!("{}:{}", r.path, super::concise::line(f)));
        writeln!(out, "{rendered}\n")?;
    }
    Ok(())
}

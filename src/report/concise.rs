//! `--format concise`: one line per finding, grep- and editor-friendly.

use std::io::{self, Write};

use crate::check::FileResult;
use crate::finding::Finding;
use crate::rules::fmt;

/// `stated …; expected … [lo, hi]; difference …` — the numbers of a finding in one phrase.
pub fn numbers(f: &Finding) -> String {
    let mut parts = vec![format!("stated {}", f.stated.text)];
    // The unit as printed after the stated figure (`%`, `万元`, `人`).
    let unit = f
        .stated
        .text
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
    if let Some(e) = &f.expected {
        parts.push(format!(
            "expected {}{unit} (rounding allows {}–{})",
            e.value,
            fmt(e.interval.lo.round_dp(4)),
            fmt(e.interval.hi.round_dp(4))
        ));
    }
    if let Some(d) = f.difference {
        parts.push(format!("difference {}{unit}", fmt(d)));
    }
    if let Some(b) = f.beyond_rounding.filter(|b| !b.is_zero()) {
        parts.push(format!("exceeds rounding by {}{unit}", fmt(b.round_dp(4))));
    }
    if f.truncated {
        parts.push("truncated, not rounded".to_owned());
    }
    parts.join("; ")
}

/// `line:col: severity[CODE/name] message (numbers)` — one finding, without its path.
pub fn line(f: &Finding) -> String {
    format!(
        "{}:{}: {}[{}] {} ({})",
        f.location.line,
        f.location.column,
        f.severity.as_str(),
        f.id(),
        f.message,
        numbers(f)
    )
}

pub fn write(out: &mut dyn Write, r: &FileResult) -> io::Result<()> {
    for f in &r.findings {
        writeln!(out, "{}:{}", r.path, line(f))?;
    }
    Ok(())
}

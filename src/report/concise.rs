//! `--format concise`: one line per finding, grep- and editor-friendly.

use std::io::{self, Write};

use crate::check::FileResult;
use crate::finding::Finding;
use crate::rules::fmt;

/// `stated …; expected … [lo, hi]; difference …` — the numbers of a finding in one phrase.
pub fn numbers(f: &Finding) -> String {
    let mut parts = vec![format!("stated {}", f.stated.text)];
    if let Some(e) = &f.expected {
        parts.push(format!(
            "expected {} [{}, {}]",
            fmt(e.value),
            fmt(e.interval.lo.round_dp(4)),
            fmt(e.interval.hi.round_dp(4))
        ));
    }
    if let Some(d) = f.difference {
        parts.push(format!("difference {}", fmt(d)));
    }
    if let Some(b) = f.beyond_rounding {
        if !b.is_zero() {
            parts.push(format!("beyond rounding by {}", fmt(b)));
        }
    }
    parts.join("; ")
}

pub fn write(out: &mut dyn Write, r: &FileResult) -> io::Result<()> {
    for f in &r.findings {
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {} ({})",
            r.path,
            f.location.line,
            f.location.column,
            f.severity.as_str(),
            f.id(),
            f.message,
            numbers(f)
        )?;
    }
    Ok(())
}

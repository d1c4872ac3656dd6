//! Printers: findings → text for people (`full`, `concise`) or JSON for tools.
//!
//! Printers are dumb: they format [`FileResult`]s and never decide anything. The exit code
//! is computed from the results alone, never from the format.

pub mod concise;
mod full;
pub mod json;

use std::io::{self, Write};

use serde::Serialize;

use crate::check::FileResult;
use crate::finding::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Snippet of the report with the figures underlined, and stated / expected / difference.
    Full,
    /// One line per finding: `path:line:col: severity[CODE/name] message`.
    Concise,
    /// One JSON document (see README: schema_version 1).
    Json,
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Inputs that could not be read or decoded (including paths that do not exist).
    pub unreadable: usize,
}

impl Summary {
    pub fn new(results: &[FileResult], path_errors: usize) -> Self {
        let mut s = Summary {
            files: results.len() + path_errors,
            unreadable: path_errors,
            ..Default::default()
        };
        for r in results {
            s.errors += r.count(Severity::Error);
            s.warnings += r.count(Severity::Warning);
            s.infos += r.count(Severity::Info);
            s.unreadable += usize::from(r.error.is_some());
        }
        s
    }

    /// 0 no error finding; 1 error findings; 2 an input could not be read (2 wins).
    pub fn exit_code(&self) -> u8 {
        if self.unreadable > 0 {
            2
        } else if self.errors > 0 {
            1
        } else {
            0
        }
    }

    pub fn line(&self) -> String {
        let mut s = format!(
            "检查 {} 份报告：{} 个错误，{} 个警告，{} 个提示",
            self.files, self.errors, self.warnings, self.infos
        );
        if self.unreadable > 0 {
            s.push_str(&format!("，{} 个文件无法读取", self.unreadable));
        }
        s
    }
}

/// Writes a `check` run in the chosen format. Input failures go to `err` in human formats
/// and in-band in JSON.
pub fn write_check(
    out: &mut dyn Write,
    err: &mut dyn Write,
    results: &[FileResult],
    path_errors: &[(String, String)],
    format: OutputFormat,
    styled: bool,
) -> io::Result<Summary> {
    let summary = Summary::new(results, path_errors.len());
    match format {
        OutputFormat::Json => json::write(out, results, path_errors, &summary)?,
        OutputFormat::Full | OutputFormat::Concise => {
            for (path, reason) in path_errors {
                writeln!(err, "juesuan: {path}: {reason}")?;
            }
            for r in results {
                if let Some(e) = &r.error {
                    writeln!(err, "juesuan: {}: {e}", r.path)?;
                }
                if format == OutputFormat::Full {
                    full::write(out, r, styled)?;
                } else {
                    concise::write(out, r)?;
                }
            }
            writeln!(out, "{}", summary.line())?;
        }
    }
    Ok(summary)
}

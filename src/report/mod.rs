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
    /// Counts one checked file.
    pub fn add(&mut self, r: &FileResult) {
        self.files += 1;
        self.errors += r.count(Severity::Error);
        self.warnings += r.count(Severity::Warning);
        self.infos += r.count(Severity::Info);
        self.unreadable += usize::from(r.error.is_some());
    }

    /// Counts a path that could not even be listed (missing, a loop …).
    pub fn add_path_error(&mut self) {
        self.files += 1;
        self.unreadable += 1;
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

/// Prints a `check` run as it goes: path errors first, then each file as it is handed over,
/// then the summary. Input failures go to `err` in human formats and in-band in JSON.
pub struct CheckPrinter<'w> {
    out: &'w mut dyn Write,
    err: &'w mut dyn Write,
    format: OutputFormat,
    styled: bool,
    summary: Summary,
    json: json::Stream,
}

impl<'w> CheckPrinter<'w> {
    pub fn start(
        out: &'w mut dyn Write,
        err: &'w mut dyn Write,
        path_errors: &[(String, String)],
        format: OutputFormat,
        styled: bool,
    ) -> io::Result<Self> {
        let mut p = Self {
            out,
            err,
            format,
            styled,
            summary: Summary::default(),
            json: json::Stream::default(),
        };
        if format == OutputFormat::Json {
            p.json.start(p.out)?;
        }
        for (path, reason) in path_errors {
            p.summary.add_path_error();
            if format == OutputFormat::Json {
                p.json.path_error(p.out, path, reason)?;
            } else {
                writeln!(p.err, "juesuan: {path}: {reason}")?;
            }
        }
        Ok(p)
    }

    pub fn file(&mut self, r: &FileResult) -> io::Result<()> {
        self.summary.add(r);
        match self.format {
            OutputFormat::Json => self.json.file(self.out, r),
            OutputFormat::Full | OutputFormat::Concise => {
                if let Some(e) = &r.error {
                    writeln!(self.err, "juesuan: {}: {e}", r.path)?;
                }
                if self.format == OutputFormat::Full {
                    full::write(self.out, r, self.styled)
                } else {
                    concise::write(self.out, r)
                }
            }
        }
    }

    pub fn finish(mut self) -> io::Result<Summary> {
        match self.format {
            OutputFormat::Json => self.json.finish(self.out, &self.summary)?,
            _ => writeln!(self.out, "{}", self.summary.line())?,
        }
        Ok(self.summary)
    }
}

/// Writes a whole `check` run at once (for callers that hold every result).
pub fn write_check(
    out: &mut dyn Write,
    err: &mut dyn Write,
    results: &[FileResult],
    path_errors: &[(String, String)],
    format: OutputFormat,
    styled: bool,
) -> io::Result<Summary> {
    let mut p = CheckPrinter::start(out, err, path_errors, format, styled)?;
    for r in results {
        p.file(r)?;
    }
    p.finish()
}

//! `--format json`: one document, `schema_version` 1. Decimals are strings.

use std::io::{self, Write};

use serde::Serialize;

use super::Summary;
use crate::check::FileResult;
use crate::finding::Finding;
use crate::model::RecordCounts;
use crate::model::coverage::Coverage;

pub const SCHEMA_VERSION: u32 = 1;

/// Keeps the I/O kind of a serialisation failure, so a closed pipe is still seen as one.
pub fn json_io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    encoding: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    records: Option<RecordCounts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<Coverage>,
    findings: &'a [Finding],
    errors: Vec<String>,
}

/// The document written piece by piece: `{"schema_version", "tool", "files": [` … each file
/// as it is checked … `], "summary"}`. One file's entry is held at a time, never the run.
/// `extract` uses [`Stream::entry`] alone for its own `files` array.
#[derive(Default)]
pub struct Stream {
    entries: usize,
}

impl Stream {
    pub fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let tool = Tool {
            name: "juesuan",
            version: env!("CARGO_PKG_VERSION"),
        };
        write!(
            out,
            "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"tool\": "
        )?;
        serde_json::to_writer(&mut *out, &tool).map_err(json_io_error)?;
        write!(out, ",\n  \"files\": [")
    }

    /// One element of the `files` array (the comma before all but the first).
    pub fn entry(&mut self, out: &mut dyn Write, e: &impl Serialize) -> io::Result<()> {
        out.write_all(if self.entries == 0 { b"\n" } else { b",\n" })?;
        self.entries += 1;
        serde_json::to_writer_pretty(&mut *out, e).map_err(json_io_error)
    }

    pub fn path_error(&mut self, out: &mut dyn Write, path: &str, reason: &str) -> io::Result<()> {
        self.entry(
            out,
            &FileEntry {
                path,
                encoding: None,
                records: None,
                coverage: None,
                findings: &[],
                errors: vec![reason.to_owned()],
            },
        )
    }

    pub fn file(&mut self, out: &mut dyn Write, r: &FileResult) -> io::Result<()> {
        self.entry(
            out,
            &FileEntry {
                path: &r.path,
                encoding: r.encoding.map(|e| e.name()),
                records: r.records,
                coverage: r.coverage,
                findings: &r.findings,
                errors: r.error.iter().map(|e| e.to_string()).collect(),
            },
        )
    }

    pub fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        write!(out, "\n  ],\n  \"summary\": ")?;
        serde_json::to_writer(&mut *out, summary).map_err(json_io_error)?;
        writeln!(out, "\n}}")
    }
}

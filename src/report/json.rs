//! `--format json`: one document, `schema_version` 1. Decimals are strings.

use std::io::{self, Write};

use serde::Serialize;

use super::Summary;
use crate::check::FileResult;
use crate::finding::Finding;
use crate::model::RecordCounts;

pub const SCHEMA_VERSION: u32 = 1;

/// Keeps the I/O kind of a serialisation failure, so a closed pipe is still seen as one.
pub fn json_io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    }
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool,
    files: Vec<FileEntry<'a>>,
    summary: &'a Summary,
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
    findings: &'a [Finding],
    errors: Vec<String>,
}

pub fn write(
    out: &mut dyn Write,
    results: &[FileResult],
    path_errors: &[(String, String)],
    summary: &Summary,
) -> io::Result<()> {
    let mut files: Vec<FileEntry> = path_errors
        .iter()
        .map(|(p, e)| FileEntry {
            path: p,
            encoding: None,
            records: None,
            findings: &[],
            errors: vec![e.clone()],
        })
        .collect();
    files.extend(results.iter().map(|r| FileEntry {
        path: &r.path,
        encoding: r.encoding.map(|e| e.name()),
        records: r.records,
        findings: &r.findings,
        errors: r.error.iter().map(|e| e.to_string()).collect(),
    }));
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "juesuan",
            version: env!("CARGO_PKG_VERSION"),
        },
        files,
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(json_io_error)?;
    writeln!(out)
}

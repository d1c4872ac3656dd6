//! The per-file pipeline (read → decode → extract → rules), run over all files in parallel.
//!
//! One file's failure — unreadable, undecodable, or a panic inside the pipeline — becomes
//! that file's error; the other files are still checked. Results keep input order.

use std::panic::{AssertUnwindSafe, catch_unwind};

use rayon::prelude::*;

use crate::extract::extract;
use crate::finding::{Finding, Severity};
use crate::input::{self, InputError, Source, TextEncoding};
use crate::model::coverage::Coverage;
use crate::model::{RecordCounts, Report};
use crate::rules::{self, Selection};

/// Settings for a run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub selection: Selection,
    pub max_file_size: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            selection: Selection::default(),
            max_file_size: input::DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// The outcome for one file.
#[derive(Debug)]
pub struct FileResult {
    pub path: String,
    pub encoding: Option<TextEncoding>,
    pub findings: Vec<Finding>,
    pub error: Option<InputError>,
    /// How many records of each kind were extracted.
    pub records: Option<RecordCounts>,
    /// What could be read and checked.
    pub coverage: Option<Coverage>,
    /// The extracted records, kept for `extract`.
    pub report: Option<Report>,
    /// The decoded text, kept for printing snippets.
    pub text: Option<String>,
}

impl FileResult {
    fn failed(path: String, error: InputError) -> Self {
        Self {
            path,
            encoding: None,
            findings: Vec::new(),
            error: Some(error),
            records: None,
            coverage: None,
            report: None,
            text: None,
        }
    }

    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }
}

/// Checks decoded text (the whole pipeline after reading).
pub fn check_text(
    text: &str,
    encoding: TextEncoding,
    settings: &Settings,
) -> (Report, Vec<Finding>) {
    let report = extract(text, encoding);
    let findings = rules::run(&report, &settings.selection);
    (report, findings)
}

fn check_source(source: &Source, settings: &Settings, keep_report: bool) -> FileResult {
    let path = source.display();
    let bytes = match input::read(source, settings.max_file_size) {
        Ok(b) => b,
        Err(e) => return FileResult::failed(path, e),
    };
    let (text, encoding) = match input::decode(&bytes) {
        Ok(t) => t,
        Err(e) => return FileResult::failed(path, e.into()),
    };
    match guarded(|| check_text(&text, encoding, settings)) {
        Ok((report, findings)) => FileResult {
            path,
            encoding: Some(encoding),
            findings,
            error: None,
            records: Some(report.counts()),
            coverage: Some(report.coverage()),
            report: keep_report.then_some(report),
            text: Some(text),
        },
        Err(e) => FileResult::failed(path, e),
    }
}

/// Runs one file's pipeline, turning a panic into that file's error. A safety net, not a
/// way to handle input: extraction must not panic.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, InputError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let msg = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned());
        // One line: the message may quote a whole report.
        let msg: String = msg.lines().next().unwrap_or("").chars().take(160).collect();
        InputError::Panic(msg)
    })
}

/// How many files are checked at once before their results are handed on: enough to keep
/// every core busy, few enough that memory stays flat however many files a run has.
fn batch_size() -> usize {
    (rayon::current_num_threads() * 4).max(8)
}

/// Checks every source in parallel and hands each result to `emit` in the order of
/// `sources`. Batches are checked on rayon's pool by a producer thread while this thread
/// emits the batch before: printing overlaps checking, and at most three batches of results
/// (with their texts) are held at a time. Stops at the first error `emit` returns.
pub fn check_each<E>(
    sources: &[Source],
    settings: &Settings,
    keep_report: bool,
    mut emit: impl FnMut(FileResult) -> Result<(), E>,
) -> Result<(), E> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<FileResult>>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for batch in sources.chunks(batch_size()) {
                let results: Vec<FileResult> = batch
                    .par_iter()
                    .map(|s| check_source(s, settings, keep_report))
                    .collect();
                // The receiver is gone when `emit` failed: stop checking.
                if tx.send(results).is_err() {
                    break;
                }
            }
        });
        for results in rx {
            for r in results {
                emit(r)?;
            }
        }
        Ok(())
    })
}

/// Checks every source in parallel; the results are in the order of `sources`. Holds every
/// result: for a library caller with few files (the CLI streams with [`check_each`]).
pub fn check_all(sources: &[Source], settings: &Settings, keep_report: bool) -> Vec<FileResult> {
    let mut out = Vec::with_capacity(sources.len());
    let _ = check_each(sources, settings, keep_report, |r| {
        out.push(r);
        Ok::<(), std::convert::Infallible>(())
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_that_files_error() {
        let r: Result<(), _> = guarded(|| panic!("boom\nsecond line"));
        let e = r.unwrap_err().to_string();
        assert_eq!(e, "internal error while checking this file: boom");
        assert_eq!(guarded(|| 7).unwrap(), 7);
    }
}

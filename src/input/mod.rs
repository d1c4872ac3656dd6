//! Input stage: which files to read (paths, folders, `-` for stdin) and reading them.
//!
//! Expansion never fails as a whole: a path that cannot be walked becomes an [`InputError`]
//! for that path, and the rest are still checked.

pub mod decode;

use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

pub use decode::{DecodeError, TextEncoding, decode};

/// Files over this size are refused unless `--max-file-size` says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// One report to check: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    pub fn display(&self) -> String {
        match self {
            Source::Stdin => "-".to_owned(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// Why an input could not be checked. Always names the path in `display()`.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("no such file or directory")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    #[error("directory loop: {0}")]
    Loop(String),
    #[error("file is {size} bytes, over the {max}-byte limit (see --max-file-size)")]
    TooLarge { size: u64, max: u64 },
    #[error("{0}")]
    Decode(#[from] DecodeError),
    #[error("{0}")]
    Io(String),
    #[error("internal error while checking this file: {0}")]
    Panic(String),
}

impl InputError {
    fn from_io(e: &std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => Self::NotFound,
            std::io::ErrorKind::PermissionDenied => Self::PermissionDenied,
            _ => Self::Io(e.to_string()),
        }
    }
}

/// The outcome of expanding the command-line paths: sources in a stable order, plus the
/// paths that could not be walked.
#[derive(Debug, Default)]
pub struct Expanded {
    pub sources: Vec<Source>,
    pub errors: Vec<(String, InputError)>,
}

fn is_report_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// Expands paths: files are taken as given (whatever their extension), folders are walked
/// recursively for `*.txt` (respecting `.gitignore` and hidden files, following symlinks
/// with loop detection), `-` is standard input. Sorted and de-duplicated.
pub fn expand(paths: &[PathBuf]) -> Expanded {
    let mut out = Expanded::default();
    for p in paths {
        if p.as_os_str() == "-" {
            out.sources.push(Source::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => out
                .errors
                .push((p.display().to_string(), InputError::from_io(&e))),
            Ok(m) if m.is_dir() => walk(p, &mut out),
            Ok(_) => out.sources.push(Source::File(p.clone())),
        }
    }
    out.sources.sort();
    out.sources.dedup();
    out
}

fn walk(root: &Path, out: &mut Expanded) {
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file()) && is_report_file(e.path()) {
                    out.sources.push(Source::File(e.into_path()));
                }
            }
            Err(err) => {
                let (path, reason) = describe_walk_error(&err, root);
                out.errors.push((path, reason));
            }
        }
    }
}

fn describe_walk_error(err: &ignore::Error, root: &Path) -> (String, InputError) {
    match err {
        ignore::Error::WithPath { path, err } => {
            let (_, reason) = describe_walk_error(err, root);
            (path.display().to_string(), reason)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe_walk_error(err, root)
        }
        ignore::Error::Loop { ancestor, child } => (
            child.display().to_string(),
            InputError::Loop(format!("links back to {}", ancestor.display())),
        ),
        ignore::Error::Io(e) => (root.display().to_string(), InputError::from_io(e)),
        other => (
            root.display().to_string(),
            InputError::Io(other.to_string()),
        ),
    }
}

/// Reads a source's bytes, refusing files over `max` bytes without reading them whole.
pub fn read(source: &Source, max: u64) -> Result<Vec<u8>, InputError> {
    // Positions are kept as u32 downstream; nothing near 4 GiB is a report anyway.
    let max = max.min(u64::from(u32::MAX) / 2);
    let mut buf = Vec::new();
    match source {
        Source::Stdin => {
            std::io::stdin()
                .lock()
                .take(max + 1)
                .read_to_end(&mut buf)
                .map_err(|e| InputError::from_io(&e))?;
        }
        Source::File(p) => {
            let f = std::fs::File::open(p).map_err(|e| InputError::from_io(&e))?;
            let meta = f.metadata().map_err(|e| InputError::from_io(&e))?;
            if meta.is_dir() {
                return Err(InputError::Io("is a directory".into()));
            }
            if meta.len() > max {
                return Err(InputError::TooLarge {
                    size: meta.len(),
                    max,
                });
            }
            f.take(max + 1)
                .read_to_end(&mut buf)
                .map_err(|e| InputError::from_io(&e))?;
        }
    }
    if buf.len() as u64 > max {
        return Err(InputError::TooLarge {
            size: buf.len() as u64,
            max,
        });
    }
    Ok(buf)
}

//! The whole per-file pipeline on arbitrary bytes: decode → normalise → sections → extract →
//! rules → every output format (full with and without colour, concise, JSON, and the
//! `extract` records). Nothing may panic. The `check` pipeline's panic guard is not used
//! here, so a panic anywhere is a crash the fuzzer reports.

#![no_main]

use std::io;

use juesuan::check::{FileResult, Settings, check_text};
use juesuan::input::decode;
use juesuan::report::{OutputFormat, write_check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, encoding)) = decode(data) else {
        return;
    };
    let (report, findings) = check_text(&text, encoding, &Settings::default());
    serde_json::to_writer(io::sink(), &report).expect("records serialise");
    let result = FileResult {
        path: "fuzz.txt".to_owned(),
        encoding: Some(encoding),
        findings,
        error: None,
        records: Some(report.counts()),
        report: None,
        text: Some(text),
    };
    for (format, styled) in [
        (OutputFormat::Full, true),
        (OutputFormat::Full, false),
        (OutputFormat::Concise, false),
        (OutputFormat::Json, false),
    ] {
        write_check(
            &mut io::sink(),
            &mut io::sink(),
            std::slice::from_ref(&result),
            &[],
            format,
            styled,
        )
        .expect("writing to a sink");
    }
});

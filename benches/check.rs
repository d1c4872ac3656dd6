//! Throughput of the per-file pipeline: `cargo bench`. One seed end to end, and each stage
//! on the largest seed. A measurement to compare before and after a change (divan prints
//! the time per run and the bytes per second), not a test with a time limit.

use std::io;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use juesuan::check::{FileResult, Settings, check_text};
use juesuan::input::{TextEncoding, decode};
use juesuan::report::{OutputFormat, write_check};
use juesuan::rules::{self, Selection};
use juesuan::text::{LineIndex, normalize};

fn main() {
    divan::main();
}

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/000_b152a6f5c7566f91.txt"
);

/// The largest bundled report.
fn largest() -> (String, Vec<u8>) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut best: Option<(String, Vec<u8>)> = None;
    for entry in std::fs::read_dir(dir).expect("fixtures/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let bytes = std::fs::read(&path).expect("readable fixture");
            if best.as_ref().is_none_or(|(_, b)| bytes.len() > b.len()) {
                best = Some((path.display().to_string(), bytes));
            }
        }
    }
    best.expect("a fixture")
}

fn text_of(bytes: &[u8]) -> (String, TextEncoding) {
    decode(bytes).expect("decodable fixture")
}

/// One seed, bytes to findings.
#[divan::bench]
fn end_to_end_one_seed(b: Bencher) {
    let bytes = std::fs::read(SEED).expect("seed");
    let settings = Settings::default();
    b.counter(BytesCount::new(bytes.len())).bench(|| {
        let (text, enc) = decode(black_box(&bytes)).expect("decodes");
        check_text(&text, enc, &settings).1.len()
    });
}

/// Every bundled seed, bytes to findings.
#[divan::bench]
fn end_to_end_all_seeds(b: Bencher) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let reports: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .expect("fixtures/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read(p).expect("readable"))
        .collect();
    let total: usize = reports.iter().map(Vec::len).sum();
    let settings = Settings::default();
    b.counter(BytesCount::new(total)).bench(|| {
        reports
            .iter()
            .map(|r| {
                let (text, enc) = decode(r).expect("decodes");
                check_text(&text, enc, &settings).1.len()
            })
            .sum::<usize>()
    });
}

/// The stages, each on the largest seed.
mod stage {
    use super::*;

    #[divan::bench]
    fn decode(b: Bencher) {
        let (_, bytes) = largest();
        b.counter(BytesCount::new(bytes.len()))
            .bench(|| super::decode(black_box(&bytes)).expect("decodes").0.len());
    }

    #[divan::bench]
    fn normalize(b: Bencher) {
        let (_, bytes) = largest();
        let (text, _) = text_of(&bytes);
        b.counter(BytesCount::new(bytes.len()))
            .bench(|| super::normalize(black_box(&text)).text.len());
    }

    #[divan::bench]
    fn figures(b: Bencher) {
        let (_, bytes) = largest();
        let (text, _) = text_of(&bytes);
        let norm = super::normalize(&text);
        let index = LineIndex::new(&text);
        b.counter(BytesCount::new(bytes.len()))
            .bench(|| juesuan::claims::extract(black_box(&norm), &text, &index).len());
    }

    #[divan::bench]
    fn sections(b: Bencher) {
        let (_, bytes) = largest();
        let (text, _) = text_of(&bytes);
        let norm = super::normalize(&text);
        b.counter(BytesCount::new(bytes.len()))
            .bench(|| juesuan::sections::build(black_box(&norm.text), |o| o).len());
    }

    /// Normalise, figures, sections and every extractor: the typed report.
    #[divan::bench]
    fn extract(b: Bencher) {
        let (_, bytes) = largest();
        let (text, enc) = text_of(&bytes);
        b.counter(BytesCount::new(bytes.len())).bench(|| {
            juesuan::extract::extract(black_box(&text), enc)
                .claims
                .len()
        });
    }

    #[divan::bench]
    fn rules(b: Bencher) {
        let (_, bytes) = largest();
        let (text, enc) = text_of(&bytes);
        let report = juesuan::extract::extract(&text, enc);
        let selection = Selection::default();
        b.counter(BytesCount::new(bytes.len()))
            .bench(|| rules::run(black_box(&report), &selection).len());
    }

    #[divan::bench(args = ["full", "concise", "json"])]
    fn output(b: Bencher, format: &str) {
        let (path, bytes) = largest();
        let (text, enc) = text_of(&bytes);
        let (report, findings) = check_text(&text, enc, &Settings::default());
        let result = FileResult {
            path,
            encoding: Some(enc),
            findings,
            error: None,
            records: Some(report.counts()),
            coverage: Some(report.coverage()),
            report: None,
            text: Some(text),
        };
        let format = match format {
            "full" => OutputFormat::Full,
            "concise" => OutputFormat::Concise,
            _ => OutputFormat::Json,
        };
        b.counter(BytesCount::new(bytes.len())).bench(|| {
            write_check(
                &mut io::sink(),
                &mut io::sink(),
                std::slice::from_ref(black_box(&result)),
                &[],
                format,
                false,
            )
            .expect("writes")
            .errors
        });
    }
}

//! Throughput of the whole per-file pipeline (decode → normalise → extract → rules) on the
//! bundled reports: `cargo bench`. A measurement to compare before and after a change, not
//! a test with a time limit.

use std::time::{Duration, Instant};

use juesuan::check::{Settings, check_text};
use juesuan::input::decode;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut reports = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            reports.push(std::fs::read(&path).expect("readable fixture"));
        }
    }
    let bytes: usize = reports.iter().map(Vec::len).sum();
    let settings = Settings::default();
    let run = || {
        let mut findings = 0;
        for r in &reports {
            let (text, enc) = decode(r).expect("decodable fixture");
            findings += check_text(&text, enc, &settings).1.len();
        }
        findings
    };
    run(); // warm-up
    let mut samples: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(run());
            t.elapsed()
        })
        .collect();
    samples.sort();
    let median = samples[samples.len() / 2];
    let mbps = bytes as f64 / median.as_secs_f64() / 1e6;
    println!(
        "check: {} reports, {} KB: median {:.2} ms per pass ({:.1} MB/s; min {:.2} ms, max {:.2} ms)",
        reports.len(),
        bytes / 1000,
        median.as_secs_f64() * 1e3,
        mbps,
        samples[0].as_secs_f64() * 1e3,
        samples[samples.len() - 1].as_secs_f64() * 1e3,
    );
}

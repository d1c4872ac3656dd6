//! Registry checks, and every rule against its own fixtures with only that rule enabled.
//!
//! `tests/fixtures/rules/CODE/fires_*.txt` must produce at least one finding of CODE and
//! `quiet_*.txt` none; the findings of each fixture are snapshotted for review.

use std::path::Path;

use super::{ALL, Selection};
use crate::check::{Settings, check_text};
use crate::input::decode;
use crate::report::concise::line;

const HEADINGS: &[&str] = &[
    "## What it checks",
    "## Why it matters",
    "## Rounding",
    "## Example",
    "## Known limits",
];

fn fixtures_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

#[test]
fn registry_is_well_formed() {
    let mut codes = std::collections::HashSet::new();
    for r in ALL {
        assert!(codes.insert(r.code), "duplicate code {}", r.code);
        let (prefix, digits) = r.code.split_at(r.code.len() - 3);
        assert!(
            (2..=4).contains(&prefix.len())
                && prefix.chars().all(|c| c.is_ascii_uppercase())
                && digits.chars().all(|c| c.is_ascii_digit()),
            "code {} is not FAMILY + 3 digits",
            r.code
        );
        assert!(
            r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "name {} is not kebab-case",
            r.name
        );
        for h in HEADINGS {
            assert!(r.doc.contains(h), "{} doc lacks {h}", r.code);
        }
        let dir = fixtures_dir().join(r.code);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{} has no fixture directory {}", r.code, dir.display()))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("fires_")),
            "{} has no fires_ fixture",
            r.code
        );
        assert!(
            names.iter().any(|n| n.starts_with("quiet_")),
            "{} has no quiet_ fixture",
            r.code
        );
    }
}

#[test]
fn each_rule_fires_and_stays_quiet_on_its_fixtures() {
    insta::glob!("../../tests/fixtures/rules", "*/*.txt", |path| {
        let code = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .expect("fixture in a rule directory");
        let name = path.file_name().unwrap().to_string_lossy();
        let bytes = std::fs::read(path).unwrap();
        let (text, enc) = decode(&bytes).unwrap();
        let settings = Settings {
            selection: Selection::only(code),
            ..Settings::default()
        };
        let (report, findings) = check_text(&text, enc, &settings);
        // A quiet fixture only proves something if the rule had a record to judge.
        let rule = super::by_code(code).expect("fixture directory names a rule");
        let records = match rule.family {
            _ if code == "SUM002" || code == "RATE002" => report.items.len(),
            _ if code == "SUM003" || code == "SUM004" => report.items_totals.len(),
            super::Family::Changes => report.changes.len(),
            super::Family::Shares => report.shares.len(),
            super::Family::Sums => report.breakdowns.len(),
            super::Family::Rates => report.rates.len(),
            // EX003 judges the whole file: it must have been read into sections.
            _ if code == "EX003" => report.sections.len(),
            super::Family::Extraction => report.claims.len(),
            _ if code == "XRF002" => report.stated_figures.len(),
            _ if code == "XRF003" => report.named_rates.len(),
            _ if code == "XRF004" => report.project_amounts.len(),
            super::Family::CrossRef => report.changes.len(),
            _ if code == "SE009" => report.grades.len(),
            _ if code == "SE014" => report.project_mentions.len(),
            _ if code == "SE015" => report.self_evaluations.len() + report.unread_forms.len(),
            super::Family::SelfEval => report.self_evaluations.len(),
            _ if code == "TBL006" => report.listed_tables.len(),
            _ if code == "TBL008" => report.listed_tables.len() + report.tables.len(),
            super::Family::Tables => report.tables.len(),
            super::Family::Spending => report.counts().spending_records,
        };
        assert!(
            records > 0,
            "{code}/{name}: nothing extracted for the rule to read"
        );
        let mine = findings.iter().filter(|f| f.code == code).count();
        if name.starts_with("fires_") {
            assert!(mine > 0, "{code}/{name} should fire");
        } else {
            assert_eq!(mine, 0, "{code}/{name} should stay quiet: {findings:#?}");
        }
        let rendered: Vec<String> = findings.iter().map(line).collect();
        insta::assert_snapshot!(rendered.join("\n"));
    });
}

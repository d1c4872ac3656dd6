//! The one integration-test binary: the CLI as a user runs it.

mod exit_codes;
mod hostile;
mod inputs;
mod layouts;
mod seeds;
mod tables;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn juesuan() -> Command {
    Command::cargo_bin("juesuan").expect("binary built")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn rule_fixture(code: &str, name: &str) -> PathBuf {
    root().join("tests/fixtures/rules").join(code).join(name)
}

pub fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// Runs `check --format json` and parses the document.
pub fn check_json(args: &[&Path]) -> (serde_json::Value, i32) {
    let out = juesuan()
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    let doc = serde_json::from_slice(&out.stdout).expect("JSON output");
    (doc, out.status.code().unwrap())
}

use crate::{check_json, juesuan, root, rule_fixture};

#[test]
fn clean_report_exits_zero() {
    juesuan()
        .args(["check", "--format", "concise"])
        .arg(rule_fixture("CHG002", "quiet_consistent.txt"))
        .assert()
        .code(0)
        .stdout(predicates::str::contains("0 个错误"));
}

#[test]
fn error_finding_exits_one_in_every_format() {
    for format in ["full", "concise", "json"] {
        juesuan()
            .args(["check", "--format", format])
            .arg(rule_fixture("CHG002", "fires_wrong_rate.txt"))
            .assert()
            .code(1);
    }
}

#[test]
fn warnings_alone_exit_zero() {
    juesuan()
        .args(["check", "--format", "concise"])
        .arg(rule_fixture("CHG004", "fires_causes_do_not_add_up.txt"))
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "warning[CHG004/change-components-mismatch]",
        ));
}

#[test]
fn unreadable_input_wins_over_findings() {
    juesuan()
        .arg("check")
        .arg(rule_fixture("CHG002", "fires_wrong_rate.txt"))
        .arg(root().join("no/such/report.txt"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no/such/report.txt: no such file or directory",
        ))
        // The readable file is still checked.
        .stdout(predicates::str::contains("CHG002/growth-rate-mismatch"));
}

#[test]
fn missing_path_is_in_band_in_json() {
    let (doc, code) = check_json(&[&root().join("nowhere.txt")]);
    assert_eq!(code, 2);
    assert_eq!(doc["summary"]["unreadable"], 1);
    assert!(
        doc["files"][0]["errors"][0]
            .as_str()
            .unwrap()
            .contains("no such file")
    );
}

#[test]
fn usage_error_exits_two() {
    juesuan()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    juesuan().arg("frobnicate").assert().code(2);
}

#[test]
fn select_and_ignore_choose_rules() {
    let f = rule_fixture("CHG002", "fires_wrong_rate.txt");
    juesuan()
        .args(["check", "--ignore", "CHG"])
        .arg(&f)
        .assert()
        .code(0);
    juesuan()
        .args(["check", "--select", "CHG002"])
        .arg(&f)
        .assert()
        .code(1);
}

#[test]
fn help_version_and_rules() {
    juesuan()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("Examples:"));
    juesuan()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicates::str::contains(env!("CARGO_PKG_VERSION")));
    juesuan()
        .args(["rule", "CHG002"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("## Rounding"));
    juesuan().args(["rule", "XYZ999"]).assert().code(2);
    juesuan()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("SUM001"));
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("juesuan"))
        .args(["check", "--format", "json"])
        .arg(root().join("fixtures"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{:?}",
        out.status
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let f = rule_fixture("CHG002", "fires_wrong_rate.txt");
    let always = juesuan()
        .args(["check", "--color", "always"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&always.stdout).contains("\u{1b}["));
    // Piped, `auto` is plain; so is `never`, and NO_COLOR wins over `auto`.
    for args in [&["--color", "auto"][..], &["--color", "never"][..]] {
        let out = juesuan()
            .arg("check")
            .args(args)
            .arg(&f)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(!String::from_utf8_lossy(&out.stdout).contains("\u{1b}["));
    }
}

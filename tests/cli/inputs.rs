use std::fs;

use crate::{check_json, juesuan, rule_fixture, seeds};

#[test]
fn reads_stdin() {
    let text = fs::read(rule_fixture("CHG002", "fires_wrong_rate.txt")).unwrap();
    juesuan()
        .args(["check", "--format", "concise", "-"])
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout(predicates::str::starts_with(
            "-:2:67: error[CHG002/growth-rate-mismatch]",
        ));
}

#[test]
fn walks_a_folder_for_txt_files_in_order() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::copy(
        rule_fixture("CHG002", "fires_wrong_rate.txt"),
        dir.path().join("sub/b.TXT"),
    )
    .unwrap();
    fs::copy(
        rule_fixture("SUM001", "fires_parts_exceed_total.txt"),
        dir.path().join("a.txt"),
    )
    .unwrap();
    fs::write(dir.path().join("notes.md"), "not a report").unwrap();
    let (doc, code) = check_json(&[dir.path()]);
    assert_eq!(code, 1);
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2);
    assert!(
        paths[0].ends_with("a.txt") && paths[1].ends_with("b.TXT"),
        "{paths:?}"
    );
}

#[test]
fn refuses_binary_and_empty_files_but_checks_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("binary.txt"),
        [0x7f, b'E', b'L', b'F', 0, 0, 1, 2],
    )
    .unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::copy(
        rule_fixture("CHG002", "quiet_consistent.txt"),
        dir.path().join("good.txt"),
    )
    .unwrap();
    juesuan()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("binary.txt: binary content"))
        .stderr(predicates::str::contains("empty.txt: the file is empty"))
        .stdout(predicates::str::contains("检查 3 份报告"));
}

#[test]
fn refuses_files_over_the_size_cap() {
    juesuan()
        .args(["check", "--max-file-size", "100"])
        .arg(rule_fixture("CHG002", "fires_wrong_rate.txt"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("over the 100-byte limit"));
}

#[cfg(unix)]
#[test]
fn reports_a_directory_loop() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("a/back")).unwrap();
    juesuan()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("directory loop"));
}

/// Every finding with its path and encoding removed, for comparing two runs.
fn findings_of(doc: &serde_json::Value) -> serde_json::Value {
    doc["files"][0]["findings"].clone()
}

#[test]
fn gbk_and_utf16_copies_give_the_same_findings() {
    let seed = &seeds()[0];
    let text = fs::read_to_string(seed).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let gbk = dir.path().join("gbk.txt");
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    fs::write(&gbk, &bytes).unwrap();
    let utf16 = dir.path().join("utf16.txt");
    let mut b = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    fs::write(&utf16, b).unwrap();
    let bom = dir.path().join("bom.txt");
    fs::write(&bom, [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()).unwrap();

    let (original, code) = check_json(&[seed]);
    assert!(!findings_of(&original).as_array().unwrap().is_empty());
    for (path, encoding) in [(&gbk, "gb18030"), (&utf16, "utf-16le"), (&bom, "utf-8-bom")] {
        let (doc, c) = check_json(&[path]);
        assert_eq!(c, code);
        assert_eq!(doc["files"][0]["encoding"], encoding);
        // Spans are in the decoded text, so they agree whatever the bytes were.
        assert_eq!(findings_of(&doc), findings_of(&original), "{encoding}");
    }
}

#[test]
fn extract_prints_records_as_json() {
    let out = juesuan().arg("extract").arg(&seeds()[0]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &doc["files"][0]["report"];
    assert_eq!(report["encoding"], "utf-8");
    assert!(report["claims"].as_array().unwrap().len() > 100);
    assert!(!report["changes"].as_array().unwrap().is_empty());
}

#[test]
fn a_folder_without_reports_is_an_input_failure() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), "not a report").unwrap();
    juesuan()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no .txt reports found"));
}

#[test]
fn empty_stdin_is_refused() {
    juesuan()
        .args(["check", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("-: the file is empty"));
}

/// Pathological 1 MB inputs finish in time that only a quadratic path would exceed
/// (each takes a few seconds in a debug build; a quadratic one took minutes).
#[test]
fn pathological_inputs_stay_linear() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("figures_in_one_line.txt", "1万元".repeat(200_000)),
        (
            "lists_in_one_sentence.txt",
            "支出合计100万元，其中：基本支出50万元，占50%，项目支出50万元，占比50%；".repeat(5_000),
        ),
        (
            "named_shares_and_changes.txt",
            "收入100万元，占本年支出合计的10%，比上年增加1万元，增长1%，".repeat(8_000),
        ),
        ("direction_words.txt", "增加1万元".repeat(50_000) + "比上年"),
        ("units_in_a_row.txt", "万元".repeat(50_000)),
        ("open_brackets.txt", "（".repeat(100_000)),
        ("one_long_number.txt", "1".repeat(100_000) + "万元"),
        // The same total restated thousands of times, with as many values (XRF002).
        (
            "restated_totals.txt",
            (0..12_000)
                .map(|i| format!("2023年度本年支出合计{i}.00万元。\n"))
                .collect(),
        ),
        // One 项 line listing thousands of projects (XRF004).
        (
            "projects_in_one_line.txt",
            "行政运行（项）1万元（".to_owned()
                + &(0..30_000)
                    .map(|i| format!("工作经费{i}号 {i} 万元，"))
                    .collect::<String>(),
        ),
        // Thousands of vehicle lists in the 三公 chapter (SPD002).
        (
            "vehicle_lists.txt",
            "七、“三公”经费支出决算情况说明\n".to_owned()
                + &"共有公务用车3辆，其中：轿车1辆、越野车1辆、载客汽车1辆。\n".repeat(12_000),
        ),
        // A 1 MB line of space-separated figures (a spreadsheet copied as text).
        ("spaced_figures_line.txt", "12.34 5,678.90 ".repeat(70_000)),
        // 100,000 short lines of one width: a hard-wrapped file, all joined by the re-flow.
        (
            "equal_width_lines.txt",
            "本年支出合计增加1.5万元主要是人员经费增加所\n".repeat(100_000),
        ),
    ];
    for (name, text) in &cases {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let start = std::time::Instant::now();
    juesuan()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .stdout(predicates::str::contains("检查 12 份报告"));
    assert!(start.elapsed().as_secs() < 120);
}

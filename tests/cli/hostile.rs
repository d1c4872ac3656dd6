//! Hostile inputs: each file gives a clear outcome — a one-line error naming it, or a clean
//! result — and never stops the other files of the same run from being checked.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::juesuan;

/// A small report with one known error (59.20% where 900.24 ÷ 1520.36 = 59.21%) at line 2.
const GOOD: &str = "某局2023年度部门决算\n2023年度本年支出合计1520.36万元，其中：基本支出620.12万元，占40.79%；项目支出900.24万元，占59.20%。\n";

/// Runs `check --format json` over `paths`; returns the document, the exit code and stderr.
fn run(paths: &[PathBuf]) -> (Value, i32) {
    let out = juesuan()
        .args(["check", "--format", "json"])
        .args(paths)
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    let doc = serde_json::from_slice(&out.stdout).expect("JSON output");
    (doc, out.status.code().unwrap())
}

/// The file entry whose path ends with `name`.
fn entry<'d>(doc: &'d Value, name: &str) -> &'d Value {
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} not in the output"))
}

fn errors(f: &Value) -> Vec<String> {
    f["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_owned())
        .collect()
}

fn codes(f: &Value) -> Vec<String> {
    f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap().to_owned())
        .collect()
}

/// The good file was checked: its one finding, at its line.
fn assert_good_checked(doc: &Value, name: &str) {
    let g = entry(doc, name);
    assert!(errors(g).is_empty(), "{g}");
    let f = &g["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{g}");
    assert_eq!(f[0]["code"], "SHR001");
    assert_eq!(f[0]["location"]["line"], 2);
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn each_hostile_file_has_a_clear_outcome_and_the_rest_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = GOOD.as_bytes();
    let mut paths = vec![write(d, "good.txt", GOOD)];
    // Refused, each with a one-line reason.
    let refused: &[(&str, Vec<u8>, &str)] = &[
        ("empty.txt", vec![], "empty"),
        ("whitespace.txt", b"  \n\t\r\n   ".to_vec(), "empty"),
        (
            "binary.txt",
            (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
            "binary",
        ),
        (
            "invalid_utf8.txt",
            [&good[..40], b"\xff\xfe\xc3", &good[40..]].concat(),
            "not UTF-8",
        ),
    ];
    for (name, bytes, _) in refused {
        paths.push(write(d, name, bytes));
    }
    // Over the size cap: a sparse file one byte past the default 64 MiB, made here.
    let big = d.join("over_cap.txt");
    fs::File::create(&big)
        .unwrap()
        .set_len(64 * 1024 * 1024 + 1)
        .unwrap();
    paths.push(big);
    // Checked cleanly (no error), whatever they hold.
    let utf16: Vec<u8> = GOOD.encode_utf16().flat_map(u16::to_le_bytes).collect();
    paths.push(write(d, "utf16_no_bom.txt", utf16));
    paths.push(write(d, "cr_only.txt", GOOD.replace('\n', "\r")));
    paths.push(write(
        d,
        "mixed_endings.txt",
        format!("标题\r\n{}", GOOD.replacen('\n', "\r", 1)),
    ));
    paths.push(write(
        d,
        "overflow.txt",
        format!("支出合计{}万元，增长1e400%。", "9".repeat(60)),
    ));
    paths.push(write(
        d,
        "odd_marks.txt",
        "共计支出**万元，增长－%，占比%%，减少－万元。\n",
    ));
    let (doc, code) = run(&paths);
    assert_eq!(code, 2, "refused files make the run an input failure");
    assert_good_checked(&doc, "good.txt");
    for (name, _, reason) in refused {
        let e = errors(entry(&doc, name));
        assert_eq!(e.len(), 1, "{name}: {e:?}");
        assert!(
            e[0].contains(reason) && !e[0].contains('\n'),
            "{name}: {e:?}"
        );
    }
    let e = errors(entry(&doc, "over_cap.txt"));
    assert!(e.len() == 1 && e[0].contains("limit"), "{e:?}");
    // The same report in UTF-16 without BOM, and with CR-only or mixed line endings, gives
    // the same finding on the same line (one line lower after the extra title line).
    for (name, line) in [
        ("utf16_no_bom.txt", 2),
        ("cr_only.txt", 2),
        ("mixed_endings.txt", 3),
    ] {
        let f = entry(&doc, name);
        assert!(errors(f).is_empty(), "{f}");
        assert_eq!(codes(f), ["SHR001"], "{name}");
        assert_eq!(f["findings"][0]["location"]["line"], line, "{name}");
    }
    // A 60-digit amount is an extraction note; `1e400%` is not a figure; so nothing in the
    // file could be checked, and it says so.
    let f = entry(&doc, "overflow.txt");
    assert!(errors(f).is_empty());
    assert_eq!(codes(f), ["EX003", "EX002"]);
    // `**万元` is reported; `－%` and `%%` are not figures.
    let f = entry(&doc, "odd_marks.txt");
    assert!(errors(f).is_empty());
    assert_eq!(codes(f), ["EX003", "EX001"]);
    assert_eq!(doc["summary"]["unreadable"], 5);
}

#[test]
fn huge_inputs_finish_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut paths = vec![write(d, "good.txt", GOOD)];
    // One 10 MB line of figures.
    paths.push(write(
        d,
        "ten_mb_line.txt",
        "支出1.00万元，".repeat(10_000_000 / 19),
    ));
    // 100,000 headings.
    let headings: String = (0..100_000)
        .map(|i| format!("（{}）第{i}项情况说明\n", i % 10 + 1))
        .collect();
    paths.push(write(d, "headings.txt", headings));
    // A 10,000-row 公开03表.
    let mut table = String::from(
        "公开03表\n支出决算表\n单位：万元\n项目\t\t本年支出合计\t基本支出\t项目支出\n功能分类科目编码\t科目名称\t\t\t\n合计\t\t30000.00\t10000.00\t20000.00\n",
    );
    for i in 0..10_000 {
        table.push_str(&format!("{}\t科目{i}\t3.00\t1.00\t2.00\n", 2_080_000 + i));
    }
    paths.push(write(d, "ten_thousand_rows.txt", table));
    let start = Instant::now();
    let (doc, code) = run(&paths);
    assert!(start.elapsed() < Duration::from_secs(300));
    assert_good_checked(&doc, "good.txt");
    for name in ["ten_mb_line.txt", "headings.txt", "ten_thousand_rows.txt"] {
        assert!(errors(entry(&doc, name)).is_empty(), "{name}");
    }
    assert_eq!(code, 1, "the good file's error, nothing refused");
}

#[cfg(unix)]
#[test]
fn links_permissions_and_names() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "good.txt", GOOD);
    // A symlink loop inside the folder.
    fs::create_dir(d.join("sub")).unwrap();
    std::os::unix::fs::symlink(d, d.join("sub/back")).unwrap();
    // A file name that is not UTF-8.
    let odd = d.join(std::ffi::OsStr::from_bytes(b"\xb2\xe2\xca\xd4.txt"));
    fs::write(&odd, GOOD).unwrap();
    // A file without read permission (root reads it anyway: then it is checked).
    let locked = write(d, "locked.txt", GOOD);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::File::open(&locked).is_ok();

    let out = juesuan()
        .args(["check", "--format", "concise"])
        .arg(d)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    // Every problem is one line naming its path.
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("back") && l.contains("loop")),
        "{stderr}"
    );
    if readable {
        assert!(stdout.contains("locked.txt:2:"), "{stdout}");
    } else {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains("locked.txt") && l.contains("denied")),
            "{stderr}"
        );
    }
    // The good file and the oddly named one (shown lossily) are checked: one SHR001 each.
    assert!(stdout.contains("good.txt:2:"), "{stdout}");
    assert_eq!(
        stdout.matches("SHR001").count(),
        if readable { 3 } else { 2 },
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(2), "the loop is an input failure");
}

/// Every input the fuzzer found crashing (`tests/fixtures/fuzz/`) is now checked: no
/// internal error, and the other files of the run still checked.
#[test]
fn fuzzer_crashes_stay_fixed() {
    let dir = crate::root().join("tests/fixtures/fuzz");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let tmp = tempfile::tempdir().unwrap();
    paths.push(write(tmp.path(), "good.txt", GOOD));
    let (doc, _) = run(&paths);
    assert_good_checked(&doc, "good.txt");
    for f in doc["files"].as_array().unwrap() {
        let e = errors(f);
        assert!(
            e.iter().all(|m| !m.contains("internal error")),
            "{}: {e:?}",
            f["path"]
        );
    }
}

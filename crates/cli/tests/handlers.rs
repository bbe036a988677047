//! The roster from the command line: a script acts as a person on it (TSUDOI_OPERATOR and
//! TSUDOI_PIN) and is refused like the window.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn tsudoi(db: &Path, env: &[(&str, &str)], args: &[&str]) -> (Output, Value) {
    let mut command = Command::new(common::tsudoi_bin());
    command.arg("--db").arg(db).arg("--json").args(args);
    command
        .env_remove("TSUDOI_OPERATOR")
        .env_remove("TSUDOI_PIN")
        .env_remove("TSUDOI_NEW_PIN");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().unwrap();
    let document = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output, document)
}

#[test]
fn a_script_signs_in_as_a_person_on_the_roster_and_is_refused_like_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let out = dir.path().join("出欠.csv");
    let out = out.to_str().unwrap();
    let (created, _) = tsudoi(
        &db,
        &[],
        &["event", "create", "--title", "第1回", "--date", "2026-07-25"],
    );
    assert!(created.status.success());

    let (first, person) = tsudoi(
        &db,
        &[("TSUDOI_NEW_PIN", "2468")],
        &[
            "handler",
            "add",
            "--name",
            "責任 者",
            "--role",
            "officer",
            "--department",
            "総務部",
        ],
    );
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(person["role"], "officer");
    let (second, _) = tsudoi(
        &db,
        &[
            ("TSUDOI_OPERATOR", "責任 者"),
            ("TSUDOI_PIN", "2468"),
            ("TSUDOI_NEW_PIN", "1357"),
        ],
        &["handler", "add", "--name", "従事 者", "--role", "staff"],
    );
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );

    let (refused, error) = tsudoi(&db, &[], &["attendance", "export", "--event", "1", "--out", out]);
    assert!(!refused.status.success());
    assert_eq!(error["error"]["code"], "auth.sign_in_required");
    let (staff, error) = tsudoi(
        &db,
        &[("TSUDOI_OPERATOR", "従事 者"), ("TSUDOI_PIN", "1357")],
        &["attendance", "export", "--event", "1", "--out", out],
    );
    assert!(!staff.status.success());
    assert_eq!(error["error"]["code"], "auth.not_permitted");
    let (wrong, error) = tsudoi(
        &db,
        &[("TSUDOI_OPERATOR", "責任 者"), ("TSUDOI_PIN", "0000")],
        &["attendance", "export", "--event", "1", "--out", out],
    );
    assert!(!wrong.status.success());
    assert_eq!(error["error"]["code"], "auth.sign_in_refused");
    assert!(!Path::new(out).exists(), "nothing was written");

    let (done, _) = tsudoi(
        &db,
        &[("TSUDOI_OPERATOR", "責任 者"), ("TSUDOI_PIN", "2468")],
        &["attendance", "export", "--event", "1", "--out", out],
    );
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let (_, log) = tsudoi(&db, &[], &["audit"]);
    assert_eq!(log[0]["action"], "attendance_export");
    assert_eq!(log[0]["actor"], "責任 者", "the log names the signed-in person");
    assert_eq!(log[1]["action"], "sign_in_failed");
}

#[test]
fn the_roster_is_exported_by_the_officer_as_a_pdf_and_a_sheet_headed_internal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let officer = [("TSUDOI_OPERATOR", "責任 者"), ("TSUDOI_PIN", "2468")];
    let (first, _) = tsudoi(
        &db,
        &[("TSUDOI_NEW_PIN", "2468")],
        &[
            "handler",
            "add",
            "--name",
            "責任 者",
            "--role",
            "officer",
            "--department",
            "総務部",
        ],
    );
    assert!(first.status.success());
    for (name, role) in [("管理 者", "manager"), ("従事 者", "staff")] {
        let mut env = officer.to_vec();
        env.push(("TSUDOI_NEW_PIN", "1357"));
        let (added, _) = tsudoi(
            &db,
            &env,
            &[
                "handler",
                "add",
                "--name",
                name,
                "--role",
                role,
                "--company",
                "=再委託(株)",
            ],
        );
        assert!(
            added.status.success(),
            "{}",
            String::from_utf8_lossy(&added.stderr)
        );
    }
    let pdf = dir.path().join("情報取扱者名簿_非公表用.pdf");
    let (done, report) = tsudoi(
        &db,
        &officer,
        &["handler", "export", "--out", pdf.to_str().unwrap()],
    );
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert_eq!(
        (report["n_people"].as_u64(), report["with_sensitive"].as_bool()),
        (Some(3), Some(true))
    );
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "非公表用",
        "情報取扱者名簿",
        "責任 者",
        "従事 者",
        "情報管理体制図",
        "パスポート番号",
    ] {
        assert!(text.contains(expected), "{expected} in the PDF's text: {text}");
    }

    let xlsx = dir.path().join("情報取扱者名簿_非公表用.xlsx");
    let (done, _) = tsudoi(
        &db,
        &officer,
        &["handler", "export", "--out", xlsx.to_str().unwrap()],
    );
    assert!(done.status.success());
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX file");

    let (staff, error) = tsudoi(
        &db,
        &[("TSUDOI_OPERATOR", "管理 者"), ("TSUDOI_PIN", "1357")],
        &[
            "handler",
            "export",
            "--out",
            dir.path().join("other.pdf").to_str().unwrap(),
        ],
    );
    assert!(!staff.status.success());
    assert_eq!(
        error["error"]["code"], "auth.not_permitted",
        "the roster is the officer's"
    );
    let (_, log) = tsudoi(&db, &[], &["audit"]);
    assert_eq!(log[0]["action"], "handler_roster_export");
}

/// In a terminal (a pseudo-terminal made by util-linux's `script`), the name and the PIN are asked,
/// the PIN without echo, and the command acts as that person.
#[test]
fn in_a_terminal_the_name_and_pin_are_asked() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let (first, _) = tsudoi(
        &db,
        &[("TSUDOI_NEW_PIN", "2468")],
        &["handler", "add", "--name", "責任者", "--role", "officer"],
    );
    assert!(first.status.success());
    let pdf = dir.path().join("roster.pdf");
    let command = format!(
        "{} --db {} --lang ja handler export --out {}",
        env!("CARGO_BIN_EXE_tsudoi"),
        db.display(),
        pdf.display()
    );
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("TSUDOI_OPERATOR")
        .env_remove("TSUDOI_PIN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("util-linux's script");
    let mut input = child.stdin.take().unwrap();
    for line in ["責任者\r", "2468\r"] {
        std::thread::sleep(std::time::Duration::from_millis(700));
        input.write_all(line.as_bytes()).unwrap();
        input.flush().unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(700));
    drop(input);
    let output = child.wait_with_output().unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("暗証番号"), "the PIN is asked: {shown}");
    assert!(!shown.contains("2468"), "and not echoed: {shown}");
    assert!(pdf.exists(), "the officer's export ran");
}

#[test]
fn the_register_of_external_services_is_the_officers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let officer = [("TSUDOI_OPERATOR", "責任 者"), ("TSUDOI_PIN", "2468")];
    let (first, _) = tsudoi(
        &db,
        &[("TSUDOI_NEW_PIN", "2468")],
        &["handler", "add", "--name", "責任 者", "--role", "officer"],
    );
    assert!(first.status.success());
    let (saved, service) = tsudoi(
        &db,
        &officer,
        &[
            "handler",
            "service",
            "--name",
            "Microsoft Forms",
            "--purpose",
            "参加申込",
            "--data",
            "氏名・メール",
            "--approved-on",
            "２０２６／０６／０１",
            "--approved-by",
            "東北経済産業局 担当者",
        ],
    );
    assert!(
        saved.status.success(),
        "{}",
        String::from_utf8_lossy(&saved.stderr)
    );
    assert_eq!(service["approved_on"], "2026-06-01");
    let (unsigned, error) = tsudoi(&db, &[], &["handler", "service", "--name", "Zoom"]);
    assert!(!unsigned.status.success());
    assert_eq!(error["error"]["code"], "auth.sign_in_required");
    let (_, list) = tsudoi(&db, &[], &["handler", "services"]);
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(list[0]["name"], "Microsoft Forms");
}

#[test]
fn the_half_year_security_report_is_pre_filled_corrected_and_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let key = [("TSUDOI_PASSPHRASE", "半期の報告のための鍵")];
    let (_, report) = tsudoi(
        &db,
        &key,
        &["security", "report", "--from", "2026-04-01", "--to", "2099-09-30"],
    );
    let measures = report["measures"].as_array().unwrap();
    let status = |measures: &Vec<serde_json::Value>, key: &str| {
        measures.iter().find(|m| m["key"] == key).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status(measures, "encryption"), "done", "{report}");
    assert_eq!(status(measures, "roster"), "not_done", "no roster yet");
    assert_eq!(status(measures, "incidents"), "not_applicable");
    let out = dir.path().join("セキュリティ対策_非公表用.pdf");
    let (written, report) = tsudoi(
        &db,
        &key,
        &[
            "security",
            "report",
            "--from",
            "2026-04-01",
            "--to",
            "2099-09-30",
            "--set",
            "erasure=該当なし:契約期間中のため未到来",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    let measures = report["measures"].as_array().unwrap();
    assert!(measures.iter().any(|m| m["note"] == "契約期間中のため未到来"));
    let text = std::process::Command::new("pdftotext")
        .arg(&out)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("非公表用") && text.contains("保存データの暗号化") && text.contains("未到来"),
        "{text}"
    );
    let (_, log) = tsudoi(&db, &key, &["audit"]);
    assert!(log.to_string().contains("security_report_export"), "{log}");
}

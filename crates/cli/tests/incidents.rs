//! Incident records from the command line: recorded with times typed in full-width digits,
//! listed, closed and printed, each step in the privacy log; once the roster has people, only a person on it
//! records one.

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

fn ok(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn an_incident_is_recorded_listed_and_closed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let (added, incident) = tsudoi(
        &db,
        &[],
        &[
            "incident",
            "add",
            "--title",
            "案内メールを宛先が見える形で送信",
            "--kind",
            "誤送信",
            "--happened",
            "２０２６－０７－０１ ０９：３０",
            "--noticed",
            "2026-07-01 10:00",
            "--data",
            "メールアドレス",
            "--people",
            "120",
        ],
    );
    ok(&added);
    assert_eq!(
        incident["happened_at"], "2026-07-01 09:30",
        "full-width digits read"
    );
    assert_eq!(incident["kind"], "misdirected_mail");
    assert_eq!(incident["status"], "open");
    let id = incident["id"].as_i64().unwrap().to_string();

    let (updated, incident) = tsudoi(
        &db,
        &[],
        &[
            "incident",
            "update",
            &id,
            "--status",
            "closed",
            "--bureau-contact",
            "総務課 山田",
            "--bureau-told",
            "2026-07-01 11:00",
            "--actions",
            "全員にお詫びと削除のお願いを送信",
        ],
    );
    ok(&updated);
    assert_eq!(incident["status"], "closed");
    assert_eq!(incident["n_people"], 120, "fields not given stay");

    let (listed, list) = tsudoi(&db, &[], &["incident", "list"]);
    ok(&listed);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["bureau_told_at"], "2026-07-01 11:00");
    let (_, log) = tsudoi(&db, &[], &["audit"]);
    assert_eq!(log[0]["action"], "incident_record");
    assert_eq!(log[1]["action"], "incident_record");
    assert_eq!(log[1]["n_people"], 120);

    let (printed, done) = tsudoi(
        &db,
        &[],
        &["incident", "print", &id, "--out", dir.path().to_str().unwrap()],
    );
    ok(&printed);
    let pdf = dir.path().join("インシデント報告_非公表用.pdf");
    assert!(common::answered_is(&done["file"], &pdf), "{}", done["file"]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let (_, log) = tsudoi(&db, &[], &["audit"]);
    assert_eq!(
        log[0]["action"], "incident_print",
        "the printed report is an export"
    );
    assert_eq!(log[0]["n_people"], 120);

    let (bad, error) = tsudoi(
        &db,
        &[],
        &[
            "incident",
            "add",
            "--title",
            "USBメモリの紛失",
            "--kind",
            "loss",
            "--happened",
            "きのう",
            "--noticed",
            "2026-07-02 09:00",
        ],
    );
    assert!(!bad.status.success());
    assert_eq!(error["error"]["code"], "validation.bad_date_time");
    let (missing, error) = tsudoi(&db, &[], &["incident", "show", "99"]);
    assert!(!missing.status.success());
    assert_eq!(error["error"]["code"], "store.incident_not_found");
}

#[test]
fn with_a_roster_any_person_on_it_records_an_incident() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let (first, _) = tsudoi(
        &db,
        &[("TSUDOI_NEW_PIN", "2468")],
        &["handler", "add", "--name", "責任 者", "--role", "officer"],
    );
    ok(&first);
    let (second, _) = tsudoi(
        &db,
        &[
            ("TSUDOI_OPERATOR", "責任 者"),
            ("TSUDOI_PIN", "2468"),
            ("TSUDOI_NEW_PIN", "1357"),
        ],
        &["handler", "add", "--name", "従事 者", "--role", "staff"],
    );
    ok(&second);
    let add = [
        "incident",
        "add",
        "--title",
        "ノートPCの紛失",
        "--kind",
        "loss",
        "--happened",
        "2026-07-01 18:00",
        "--noticed",
        "2026-07-02 09:00",
    ];
    let (refused, error) = tsudoi(&db, &[], &add);
    assert!(!refused.status.success());
    assert_eq!(error["error"]["code"], "auth.sign_in_required");
    let (staff, incident) = tsudoi(
        &db,
        &[("TSUDOI_OPERATOR", "従事 者"), ("TSUDOI_PIN", "1357")],
        &add,
    );
    ok(&staff);
    assert_eq!(incident["created_by"], "従事 者", "a staff member may report");
    let (hidden, _) = tsudoi(&db, &[], &["incident", "list"]);
    assert!(!hidden.status.success(), "the records are for the roster only");
}

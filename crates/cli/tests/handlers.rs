//! The roster from the command line: a script acts as a person on it (TSUDOI_OPERATOR and
//! TSUDOI_PIN) and is refused like the window.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn tsudoi(db: &Path, env: &[(&str, &str)], args: &[&str]) -> (Output, Value) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tsudoi"));
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

//! `tsudoi mail …` as a person runs it, against the SMTP sink (`tests/smtp/sink.py`, aiosmtpd)
//! started on 127.0.0.1 by each test and stopped by its process id: prepare, approve, send and
//! status with `--json`, and a sending process killed (SIGKILL) half way and run again.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn command(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tsudoi"));
    command.arg("--db").arg(db).arg("--json").args(args);
    command
        .env_remove("TSUDOI_OPERATOR")
        .env_remove("TSUDOI_PIN")
        .env_remove("TSUDOI_SMTP_PASSWORD")
        .env_remove("TSUDOI_PASSPHRASE");
    command
}

fn tsudoi(db: &Path, args: &[&str]) -> Value {
    let output = command(db, args).output().unwrap();
    ok(&output, args);
    serde_json::from_slice(&output.stdout).unwrap()
}

fn ok(output: &Output, args: &[&str]) {
    assert!(
        output.status.success(),
        "tsudoi {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[path = "../../../tests/smtp/sink.rs"]
mod sink;
use sink::Sink;

/// An event with `n` people who may be mailed, and one without consent; returns their addresses.
fn office(db: &Path, n: usize) -> (String, Vec<String>) {
    let event = tsudoi(
        db,
        &[
            "event",
            "create",
            "--title",
            "アトツギ交流会 in 仙台",
            "--date",
            "2026-07-25",
        ],
    );
    let id = event["id"].to_string();
    let addresses: Vec<String> = (1..=n).map(|i| format!("p{i:02}@example.jp")).collect();
    for (i, address) in addresses.iter().enumerate() {
        tsudoi(
            db,
            &[
                "attendee",
                "add",
                "--event",
                &id,
                "--name",
                &format!("参加者 {i}"),
                "--email",
                address,
            ],
        );
    }
    tsudoi(
        db,
        &[
            "attendee",
            "add",
            "--event",
            &id,
            "--name",
            "同意 なし",
            "--email",
            "nc@example.jp",
            "--no-consent",
        ],
    );
    (id, addresses)
}

#[test]
fn prepare_approve_send_and_status_speak_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let (event, addresses) = office(&db, 3);

    let prepared = tsudoi(
        &db,
        &["mail", "prepare", "--event", &event, "--template", "ticket"],
    );
    assert_eq!(prepared["recipients"], 3);
    let left_out = prepared["left_out"].as_array().unwrap();
    assert_eq!(
        left_out.len(),
        1,
        "the person without consent is left out: {left_out:?}"
    );
    assert_eq!(left_out[0]["reason"], "no_consent");
    let id = prepared["id"].to_string();

    let sink = Sink::start(&[]);
    // Not approved: nothing is sent, and the code says why.
    let refused = command(
        &db,
        &[
            "mail",
            "send",
            &id,
            "--smtp",
            &sink.smtp(),
            "--from",
            "jimukyoku@example.jp",
        ],
    )
    .output()
    .unwrap();
    assert!(!refused.status.success(), "an unapproved mailing cannot be sent");
    assert!(
        String::from_utf8_lossy(&refused.stdout).contains("mail.not_approved")
            || String::from_utf8_lossy(&refused.stderr).contains("mail.not_approved"),
        "the refusal carries its code: {}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(sink.files().is_empty());

    let approved = tsudoi(&db, &["mail", "approve", &id, "--approver", "確認 太郎"]);
    assert_eq!(approved["approved_by"], "確認 太郎");

    let before = tsudoi(&db, &["mail", "status", &id]);
    assert_eq!(
        (
            before["waiting"].as_u64(),
            before["sent"].as_u64(),
            before["failed"].as_u64()
        ),
        (Some(3), Some(0), Some(0))
    );

    let sent = tsudoi(
        &db,
        &[
            "mail",
            "send",
            &id,
            "--smtp",
            &sink.smtp(),
            "--from",
            "jimukyoku@example.jp",
            "--per-minute",
            "6000",
        ],
    );
    assert_eq!(
        (sent["sent"].as_u64(), sent["waiting"].as_u64()),
        (Some(3), Some(0))
    );
    let status = tsudoi(&db, &["mail", "status", &id]);
    assert_eq!(
        (
            status["waiting"].as_u64(),
            status["sent"].as_u64(),
            status["failed"].as_u64()
        ),
        (Some(0), Some(3), Some(0))
    );
    let received = sink.received();
    assert_eq!(
        received.keys().cloned().collect::<Vec<_>>(),
        addresses,
        "each person once, nobody else"
    );
    assert!(received.values().all(|n| *n == 1));
}

/// The kill test: `tsudoi mail send` against a sink that answers each DATA slowly is killed with
/// SIGKILL while the sink holds the sixth message unanswered, then run again. Nobody gets two messages; everyone gets one,
/// except a message that was on the wire at the kill, which is never sent again on its own: it
/// is reported failed ("interrupted") and sent on request only if it did not arrive.
#[test]
fn a_send_killed_half_way_resumes_with_no_one_twice_and_no_one_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let (event, addresses) = office(&db, 12);
    let prepared = tsudoi(
        &db,
        &["mail", "prepare", "--event", &event, "--template", "reminder"],
    );
    assert_eq!(prepared["recipients"], 12);
    let id = prepared["id"].to_string();
    tsudoi(&db, &["mail", "approve", &id, "--approver", "確認 太郎"]);

    let sink = Sink::start(&["--delay", "0.5"]);
    let send_args = [
        "mail",
        "send",
        &id,
        "--smtp",
        &sink.smtp(),
        "--from",
        "jimukyoku@example.jp",
        "--per-minute",
        "6000",
    ];
    let mut sender = command(&db, &send_args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    // Killed while the sink holds the sixth message unanswered: five answered, one uncertain.
    while sink.started() < 6 {
        assert!(
            Instant::now() < deadline,
            "the sink took 6 messages in two minutes"
        );
        assert!(
            sender.try_wait().unwrap().is_none(),
            "the sender is still running at 6 messages"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    sender.kill().unwrap(); // SIGKILL on Unix: no chance to tidy up.
    let killed = sender.wait().unwrap();
    assert!(!killed.success(), "the sender was killed, not finished");
    let at_kill = sink.files().len();
    assert!(at_kill < 12, "killed half way ({at_kill} of 12 received)");

    // A message the sink was holding lands (or not) within its delay; count after it.
    std::thread::sleep(Duration::from_millis(1200));
    let again = command(&db, &send_args).output().unwrap();
    ok(&again, &send_args);
    let report: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        report["waiting"], 0,
        "the second run sends everyone still waiting"
    );

    let received = sink.received();
    assert!(
        received.values().all(|n| *n == 1),
        "nobody got two messages: {received:?}"
    );
    let messages = tsudoi(&db, &["mail", "status", &id, "--messages"]);
    let failed: Vec<&Value> = messages
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["state"] == "failed")
        .collect();
    assert_eq!(
        failed.len(),
        1,
        "the one message on the wire at the kill is uncertain: {failed:?}"
    );
    for f in &failed {
        assert!(
            f["answer"].as_str().unwrap().contains("中断"),
            "the uncertain message says it was interrupted: {f}"
        );
    }
    let missing: Vec<&String> = addresses.iter().filter(|a| !received.contains_key(*a)).collect();
    let failed_addresses: Vec<&str> = failed.iter().map(|f| f["address"].as_str().unwrap()).collect();
    assert!(
        missing.iter().all(|a| failed_addresses.contains(&a.as_str())),
        "nobody is left out silently: missing {missing:?}, reported failed {failed_addresses:?}"
    );
    if !missing.is_empty() {
        // A person checks, sees it did not arrive, and asks for the retry.
        let mut retry = send_args.to_vec();
        retry.push("--retry-failed");
        let retried = command(&db, &retry).output().unwrap();
        ok(&retried, &retry);
    }
    let received = sink.received();
    assert_eq!(
        received.keys().cloned().collect::<Vec<_>>(),
        addresses,
        "in the end everyone got the reminder"
    );
    assert!(
        received.values().all(|n| *n == 1),
        "and nobody twice: {received:?}"
    );
}

//! The compiled `tsudoi` binary, run as a person or a script runs it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Cli {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tsudoi.sqlite3");
        Cli { _dir: dir, db }
    }

    fn command(&self) -> Command {
        let mut command = Command::new(common::tsudoi_bin());
        command
            .env_remove("TSUDOI_DB")
            .env("LANG", "ja_JP.UTF-8")
            .arg("--db")
            .arg(&self.db);
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    /// Runs with `--json`, expects success and returns the document printed.
    fn json(&self, args: &[&str]) -> Value {
        let output = self.command().arg("--json").args(args).output().unwrap();
        assert!(
            output.status.success(),
            "tsudoi {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "tsudoi {args:?} printed no JSON ({e}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        })
    }

    /// Runs with `--json`, expects failure and returns the error's code and the stderr text.
    fn json_error(&self, args: &[&str]) -> (String, String) {
        let output = self.command().arg("--json").args(args).output().unwrap();
        assert!(!output.status.success(), "tsudoi {args:?} should fail");
        let document: Value = serde_json::from_slice(&output.stdout).unwrap();
        let code = document["error"]["code"].as_str().unwrap().to_string();
        (code, String::from_utf8(output.stderr).unwrap())
    }
}

#[test]
fn create_an_event_and_register_people_from_a_script() {
    let cli = Cli::new();
    let created = cli.json(&[
        "event",
        "create",
        "--title",
        "第1回 交流会",
        "--date",
        "2026-07-25",
        "--start",
        "13:30",
        "--end",
        "17:00",
        "--venue",
        "仙台国際センター",
        "--online-url",
        "https://teams.example/l/1",
    ]);
    let id = created["id"].as_i64().expect("create prints the new id");
    assert_eq!(created["capacity"], 70, "the contract's capacity is the default");
    let event = id.to_string();

    let added = cli.json(&[
        "attendee",
        "add",
        "--event",
        &event,
        "--name",
        "大友　慎吾",
        "--kana",
        "おおとも しんご",
        "--org",
        "大友醤油株式会社",
        "--email",
        "p00@sample.example.jp",
        "--category",
        "atotsugi",
        "--mode",
        "venue",
        "--phone",
        "022-123-4567",
    ]);
    assert_eq!(added["name"], "大友 慎吾");
    assert_eq!(added["kana"], "オオトモ シンゴ");
    cli.json(&[
        "attendee",
        "add",
        "--event",
        &event,
        "--name",
        "熊谷 一",
        "--kana",
        "クマガイ ハジメ",
        "--org",
        "気仙沼信用金庫",
        "--category",
        "supporter",
        "--mode",
        "online",
    ]);

    let list = cli.json(&["attendee", "list", "--event", &event]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    for field in [
        "id",
        "name",
        "kana",
        "organization",
        "email",
        "category",
        "mode",
        "status",
    ] {
        assert!(list[0].get(field).is_some(), "attendee list --json has {field}");
    }
    let found = cli.json(&["attendee", "list", "--event", &event, "--search", "オオトモ"]);
    assert_eq!(
        found.as_array().unwrap().len(),
        1,
        "katakana search finds a hiragana reading"
    );
    assert_eq!(found[0]["phone"], "022-123-4567");

    let shown = cli.json(&["event", "show", &event]);
    assert_eq!(shown["counts"]["n_registered"], 2);
    assert_eq!(shown["counts"]["n_online"], 1);
    let events = cli.json(&["event", "list"]);
    assert_eq!(events.as_array().unwrap().len(), 1);
}

#[test]
fn updates_change_only_the_fields_given() {
    let cli = Cli::new();
    let event = cli.json(&[
        "event",
        "create",
        "--title",
        "回",
        "--date",
        "2026-07-25",
        "--venue",
        "会場A",
    ]);
    let event_id = event["id"].to_string();
    let updated = cli.json(&[
        "event",
        "update",
        &event_id,
        "--capacity",
        "80",
        "--start",
        "13:00",
    ]);
    assert_eq!(updated["capacity"], 80);
    assert_eq!(updated["start_time"], "13:00");
    assert_eq!(updated["venue_name"], "会場A", "fields not given stay");

    let person = cli.json(&[
        "attendee",
        "add",
        "--event",
        &event_id,
        "--name",
        "三浦 かおり",
        "--mode",
        "online",
    ]);
    let person_id = person["id"].to_string();
    let cancelled = cli.json(&["attendee", "update", &person_id, "--status", "cancelled"]);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["mode"], "online");
}

#[test]
fn the_demo_loads_into_the_chosen_database() {
    let cli = Cli::new();
    let report = cli.json(&["demo"]);
    assert_eq!(report["event_ids"].as_array().unwrap().len(), 2);
    assert!(report["n_attendees"].as_u64().unwrap() >= 140);
    let events = cli.json(&["event", "list"]);
    assert!(events[0]["title"].as_str().unwrap().contains("第1回"));
    let (code, _) = cli.json_error(&["demo"]);
    assert_eq!(code, "store.demo_already_loaded");
}

#[test]
fn the_tables_are_for_people() {
    let cli = Cli::new();
    cli.json(&["demo"]);
    let output = cli.run(&["event", "list"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("イベント名") && text.contains("第1回"),
        "a Japanese table by default:\n{text}"
    );
    let output = cli.run(&[
        "--lang",
        "en",
        "attendee",
        "list",
        "--event",
        "1",
        "--search",
        "商工会",
    ]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("Organization") && text.contains("商工会"),
        "an English table on request:\n{text}"
    );
}

#[test]
fn bad_input_fails_with_a_message_and_changes_nothing() {
    let cli = Cli::new();
    cli.json(&["event", "create", "--title", "回", "--date", "2026-07-25"]);
    let cases: [(&[&str], &str); 7] = [
        (
            &["event", "create", "--title", "回", "--date", "2026-13-40"],
            "validation.bad_date",
        ),
        (&["event", "create", "--title", "回"], "cli.missing_argument"),
        (
            &[
                "event",
                "create",
                "--title",
                "回",
                "--date",
                "2026-07-25",
                "--start",
                "17:00",
                "--end",
                "13:00",
            ],
            "validation.end_not_after_start",
        ),
        (
            &[
                "attendee",
                "add",
                "--event",
                "1",
                "--name",
                "x",
                "--category",
                "VIP",
            ],
            "validation.unknown_choice",
        ),
        (
            &[
                "attendee",
                "add",
                "--event",
                "1",
                "--name",
                "x",
                "--email",
                "x.example.jp",
            ],
            "validation.bad_email",
        ),
        (
            &["attendee", "add", "--event", "99", "--name", "x"],
            "store.event_not_found",
        ),
        (&["event", "show", "99"], "store.event_not_found"),
    ];
    for (args, expected) in cases {
        let (code, stderr) = cli.json_error(args);
        assert_eq!(code, expected, "tsudoi {args:?}");
        assert!(
            stderr.starts_with("エラー: "),
            "a message for people on stderr: {stderr}"
        );
    }
    assert_eq!(cli.json(&["event", "list"]).as_array().unwrap().len(), 1);
    assert!(cli
        .json(&["attendee", "list", "--event", "1"])
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn a_file_that_is_not_a_tsudoi_database_is_refused_untouched() {
    let cli = Cli::new();
    std::fs::write(&cli.db, "ID,お名前\n1,大友 慎吾\n").unwrap();
    let (code, stderr) = cli.json_error(&["event", "list"]);
    assert_eq!(code, "store.not_tsudoi");
    assert!(stderr.contains("ファイルは変更していません"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&cli.db).unwrap(),
        "ID,お名前\n1,大友 慎吾\n"
    );
}

#[test]
fn the_database_can_be_chosen_by_environment_variable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from-env.sqlite3");
    let status = Command::new(common::tsudoi_bin())
        .env("TSUDOI_DB", &db)
        .args(["event", "create", "--title", "回", "--date", "2026-07-25"])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(Path::new(&db).exists(), "TSUDOI_DB chose the file");
}

#[test]
fn the_language_setting_is_shared_with_the_window() {
    let cli = Cli::new();
    assert_eq!(cli.json(&["setting", "language"])["language"], "ja");
    assert_eq!(cli.json(&["setting", "language", "en"])["language"], "en");
    let output = cli
        .command()
        .env("LANG", "ja_JP.UTF-8")
        .args(["event", "show", "5"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: There is no event"),
        "the stored setting wins over the locale: {stderr}"
    );
}

#[test]
fn a_mistyped_command_line_answers_json_too() {
    let cli = Cli::new();
    let output = cli.command().args(["--json", "event", "crete"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "a usage mistake exits 2");
    let document: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("--json promises one JSON document even for a usage mistake ({e})"));
    assert_eq!(document["error"]["code"], "cli.usage");
}

#[test]
fn a_reader_that_stops_early_ends_the_program_quietly() {
    use std::process::Stdio;
    let cli = Cli::new();
    cli.json(&["demo"]);
    // `tsudoi … | head -c 0`: the reader is gone before the answer is written (the program
    // takes milliseconds to open the database; the pipe's end is closed at once).
    let mut child = cli
        .command()
        .args(["--json", "attendee", "list", "--event", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked"),
        "no panic on a closed pipe: {stderr}"
    );
    assert_ne!(output.status.code(), Some(101), "a closed pipe is not a crash");
}

#[test]
fn an_export_never_replaces_a_file_a_link_or_a_device_unless_told() {
    let cli = Cli::new();
    cli.json(&["demo"]);
    let out = cli.db.with_file_name("出欠.csv");
    std::fs::write(&out, "someone else's").unwrap();
    let out_arg = out.to_str().unwrap();
    let (code, _) = cli.json_error(&["attendance", "export", "--event", "1", "--out", out_arg]);
    assert_eq!(code, "file.exists");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "someone else's",
        "untouched"
    );
    cli.json(&[
        "--force",
        "attendance",
        "export",
        "--event",
        "1",
        "--out",
        out_arg,
    ]);
    assert!(
        std::fs::read_to_string(&out).unwrap().contains("氏名"),
        "replaced when told"
    );
    #[cfg(unix)]
    {
        let (code, _) = cli.json_error(&[
            "--force",
            "attendance",
            "export",
            "--event",
            "1",
            "--out",
            "/dev/null",
        ]);
        assert_eq!(code, "file.not_regular", "a device is never replaced");
        let link = cli.db.with_file_name("link.csv");
        std::os::unix::fs::symlink(&out, &link).unwrap();
        let (code, _) = cli.json_error(&[
            "--force",
            "attendance",
            "export",
            "--event",
            "1",
            "--out",
            link.to_str().unwrap(),
        ]);
        assert_eq!(code, "file.symlink");
    }
}

#[test]
fn a_long_name_makes_short_ticket_file_names_and_the_export_is_logged() {
    let cli = Cli::new();
    let event = cli.json(&["event", "create", "--title", "第1回", "--date", "2026-07-25"]);
    let id = event["id"].to_string();
    // The longest name a person may have (100 characters) is 300 bytes: more than a file name holds.
    let long_name = "長".repeat(100);
    cli.json(&["attendee", "add", "--event", &id, "--name", &long_name]);
    let dir = cli.db.with_file_name("tickets");
    let done = cli.json(&["ticket", "export", "--event", &id, "--out", dir.to_str().unwrap()]);
    assert_eq!(done["n_tickets"], 1);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n.len() < 255),
        "every name fits a file system: {names:?}"
    );
    assert!(
        names.iter().any(|n| n == "受付票_非公表用.pdf"),
        "the cards carry names: 非公表用 in the file name: {names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("tsudoi-partial")),
        "no staging left: {names:?}"
    );
    let log = cli.json(&["audit"]);
    assert_eq!(log[0]["action"], "ticket_export");
}

#[test]
fn audit_verify_says_whether_the_log_was_tampered_with() {
    let cli = Cli::new();
    let event = cli.json(&["event", "create", "--title", "第1回", "--date", "2026-07-25"]);
    let id = event["id"].to_string();
    cli.json(&["attendee", "add", "--event", &id, "--name", "大友 慎吾"]);
    for name in ["a.csv", "b.csv"] {
        let out = cli.db.with_file_name(name);
        cli.json(&[
            "attendance",
            "export",
            "--event",
            &id,
            "--out",
            out.to_str().unwrap(),
        ]);
    }
    let report = cli.json(&["audit", "verify"]);
    assert_eq!(report["intact"], true, "{report}");
    assert_eq!(report["lines"], 2, "two exports, two lines");
    assert_eq!(report["first_broken"], Value::Null);
    assert_eq!(report["unchained"], 0);
    let text = cli.run(&["audit", "verify"]);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("改ざんされていません（2 行）"));

    // Someone with the file hides where the first export went, dropping the trigger first.
    let conn = rusqlite::Connection::open(&cli.db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_log_chained_no_update;
         UPDATE audit_log SET file = '/dev/null' WHERE id = 1;",
    )
    .unwrap();
    drop(conn);
    let output = cli
        .command()
        .args(["--json", "audit", "verify"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "a broken chain fails the command");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["intact"], false, "{report}");
    assert_eq!(report["first_broken"], 1, "the edited line");
    assert_eq!(report["lines"], 2);
    let text = cli.run(&["audit", "verify"]);
    assert_eq!(text.status.code(), Some(1));
    let said = String::from_utf8_lossy(&text.stderr);
    assert!(
        said.contains("1 行目以降が改ざん") && said.contains("情報管理責任者"),
        "says where and what to do: {said}"
    );
}

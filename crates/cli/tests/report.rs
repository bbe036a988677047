//! `tsudoi report` as a person or a script runs it: the demo's report in both editions, its
//! counts the same as `tsudoi status`, a flagged passage blocking the public edition until
//! `tsudoi report resolve`.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

struct Cli {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tsudoi.sqlite3");
        Cli { dir, db }
    }

    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tsudoi"));
        command
            .env_remove("TSUDOI_DB")
            .env("LANG", "ja_JP.UTF-8")
            .arg("--db")
            .arg(&self.db);
        command
    }

    fn json(&self, args: &[&str]) -> Value {
        let output = self.command().arg("--json").args(args).output().unwrap();
        assert!(
            output.status.success(),
            "tsudoi {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    }

    fn error_code(&self, args: &[&str]) -> String {
        let output = self.command().arg("--json").args(args).output().unwrap();
        assert!(!output.status.success(), "tsudoi {args:?} should fail");
        let document: Value = serde_json::from_slice(&output.stdout).unwrap();
        document["error"]["code"].as_str().unwrap().to_string()
    }
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_reports_counts_are_what_tsudoi_status_says() {
    let cli = Cli::new();
    cli.json(&["demo"]);
    for attendee in ["1", "2", "5", "8"] {
        cli.json(&["checkin", "--event", "1", "--attendee", attendee]);
    }
    let status = cli.json(&["status", "--event", "1"]);
    let out = cli.dir.path().join("out");
    let out_arg = out.to_string_lossy().into_owned();
    let done = cli.json(&[
        "report",
        "export",
        "--out",
        &out_arg,
        "--edition",
        "internal",
        "--format",
        "pdf",
    ]);
    assert_eq!(done["files"].as_array().unwrap().len(), 1);
    let text = pdf_text(&out.join("事業報告書_非公表用.pdf"));
    let expected = format!(
        "受付の記録: 申込 {} 名・受付 {} 名",
        status["registered"], status["checked_in"]
    );
    assert_eq!(status["checked_in"], 4);
    assert!(
        text.replace('\n', "").contains(&expected),
        "the report says what `tsudoi status` says: {expected}"
    );
}

#[test]
fn a_flagged_passage_blocks_the_public_export_until_resolved() {
    let cli = Cli::new();
    cli.json(&["demo"]);
    cli.json(&[
        "report",
        "text",
        "outline",
        "--text",
        "交流会を2回開催した。\n大内啓介さんの発言が印象に残った。",
    ]);
    let flags = cli.json(&["report", "flags"]);
    assert_eq!(flags.as_array().unwrap().len(), 1, "{flags}");
    let out = cli.dir.path().join("out");
    let out_arg = out.to_string_lossy().into_owned();
    assert_eq!(
        cli.error_code(&["report", "export", "--out", &out_arg]),
        "report.flags_unresolved"
    );
    assert!(!out.join("事業報告書_公表用.pdf").exists());
    cli.json(&[
        "report",
        "resolve",
        "1",
        "--rewrite",
        "参加者の発言が印象に残った。",
    ]);
    let done = cli.json(&["report", "export", "--out", &out_arg]);
    assert_eq!(
        done["files"].as_array().unwrap().len(),
        4,
        "both editions, PDF and DOCX"
    );
    let public = pdf_text(&out.join("事業報告書_公表用.pdf"));
    assert!(public.contains("参加者の発言が印象に残った。"));
    assert!(!public.contains("大内"));
    let log = cli.json(&["audit"]);
    let n = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["action"] == "project_report_export")
        .count();
    assert_eq!(n, 2, "each edition is a line of the privacy log");
}

//! `tsudoi roster print` and `tsudoi badges`, run as a person runs them: the PDF is written under
//! its labelled name, its text layer read back (pdftotext), the export logged in the privacy log,
//! and a file already there is never replaced without --force.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

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

    fn out_dir(&self) -> PathBuf {
        let dir = self.db.with_file_name("printouts");
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn command(&self, args: &[&str]) -> std::process::Output {
        Command::new(common::tsudoi_bin())
            .env_remove("TSUDOI_DB")
            .arg("--db")
            .arg(&self.db)
            .args(["--json", "--lang", "ja"])
            .args(args)
            .output()
            .unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let output = self.command(args);
        assert!(
            output.status.success(),
            "tsudoi {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    }

    fn error_code(&self, args: &[&str]) -> String {
        let output = self.command(args);
        assert!(!output.status.success(), "tsudoi {args:?} should fail");
        let document: Value = serde_json::from_slice(&output.stdout).unwrap();
        document["error"]["code"].as_str().unwrap().to_string()
    }

    /// An event of capacity 2 with four people: one cancelled, one waiting, one stakeholder.
    fn event_with_people(&self) -> (String, Vec<String>) {
        let event = self.json(&[
            "event",
            "create",
            "--title",
            "第1回 交流会",
            "--date",
            "2026-07-25",
            "--capacity",
            "2",
        ]);
        let event = event["id"].to_string();
        let mut ids = Vec::new();
        for args in [
            &[
                "--name",
                "渡辺 三郎",
                "--kana",
                "わたなべ さぶろう",
                "--category",
                "stakeholder",
                "--org",
                "東北経済産業局",
            ][..],
            &["--name", "阿部 修", "--kana", "アベ オサム", "--org", "阿部酒造"],
            &["--name", "取消 太郎", "--kana", "アアア"],
            &["--name", "待機 花子", "--kana", "マチ ハナコ"],
        ] {
            let mut full = vec!["attendee", "add", "--event", &event];
            full.extend_from_slice(args);
            ids.push(self.json(&full)["id"].to_string());
        }
        self.json(&["attendee", "update", &ids[2], "--status", "cancelled"]);
        (event, ids)
    }
}

fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-raw"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test.sh");
    String::from_utf8(output.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn the_roster_is_written_labelled_logged_and_never_over_a_file_unless_forced() {
    let cli = Cli::new();
    let (event, _) = cli.event_with_people();
    let dir = cli.out_dir();
    let done = cli.json(&[
        "roster",
        "print",
        "--event",
        &event,
        "--out",
        dir.to_str().unwrap(),
    ]);
    let file = dir.join("受付名簿_非公表用.pdf");
    assert!(
        common::answered_is(&done["file"], &file),
        "a folder gets the labelled name: {}",
        done["file"]
    );
    assert_eq!(done["n_people"], 3, "the cancelled registration is left out");
    assert_eq!(done["n_waiting"], 1, "capacity 2: the fourth person waits");

    let text = pdf_text(&file);
    assert!(text.contains("非公表用") && text.contains("受付名簿"), "{text}");
    assert!(!text.contains("取消太郎"), "no cancelled person on the roster");
    let at = |name: &str| text.find(name).unwrap_or_else(|| panic!("{name} in {text}"));
    assert!(at("阿部修") < at("渡辺三郎"), "kana order: アベ before ワタナベ");
    let waiting = at("キャンセル待ち（1名）");
    assert!(
        at("渡辺三郎") < waiting && waiting < at("待機花子"),
        "the waiting list is its own last section"
    );

    let log = cli.json(&["audit", "--limit", "1"]);
    assert_eq!(
        log[0]["action"], "roster_print",
        "the export is in the privacy log"
    );
    assert_eq!(log[0]["n_people"], 3);
    assert!(common::answered_is(&log[0]["file"], &file), "{}", log[0]["file"]);

    // A second print to the same place is refused, the file untouched, nothing logged.
    std::fs::write(&file, b"printed and annotated by hand").unwrap();
    assert_eq!(
        cli.error_code(&[
            "roster",
            "print",
            "--event",
            &event,
            "--out",
            file.to_str().unwrap()
        ]),
        "file.exists"
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"printed and annotated by hand");
    assert_eq!(
        cli.json(&["audit"]).as_array().unwrap().len(),
        1,
        "a refused export is not logged"
    );
    cli.json(&[
        "--force",
        "roster",
        "print",
        "--event",
        &event,
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(
        std::fs::read(&file).unwrap().starts_with(b"%PDF-"),
        "replaced when told"
    );
    assert_eq!(cli.json(&["audit"]).as_array().unwrap().len(), 2);
}

#[test]
fn badges_for_everyone_or_the_chosen_are_labelled_and_logged() {
    let cli = Cli::new();
    let (event, ids) = cli.event_with_people();
    let dir = cli.out_dir();
    let done = cli.json(&["badges", "--event", &event, "--out", dir.to_str().unwrap()]);
    let file = dir.join("名札_非公表用.pdf");
    assert!(common::answered_is(&done["file"], &file), "{}", done["file"]);
    assert_eq!(
        done["n_people"], 3,
        "everyone whose registration stands, the waiting included"
    );
    let text = pdf_text(&file);
    for expected in [
        "非公表用",
        "名札",
        "渡辺三郎",
        "阿部修",
        "待機花子",
        "関係者",
        "第1回交流会",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(!text.contains("取消太郎"));
    let log = cli.json(&["audit", "--limit", "1"]);
    assert_eq!(log[0]["action"], "badge_print");
    assert_eq!(log[0]["n_people"], 3);

    assert_eq!(
        cli.error_code(&["badges", "--event", &event, "--out", file.to_str().unwrap()]),
        "file.exists",
        "no silent overwrite"
    );
    let chosen = format!("{},{}", ids[1], ids[0]);
    let done = cli.json(&[
        "--force",
        "badges",
        "--event",
        &event,
        "--out",
        file.to_str().unwrap(),
        "--ids",
        &chosen,
    ]);
    assert_eq!(done["n_people"], 2);
    let text = pdf_text(&file);
    assert!(
        text.contains("阿部修") && text.contains("渡辺三郎") && !text.contains("待機花子"),
        "{text}"
    );
    assert_eq!(
        cli.json(&["audit", "--limit", "1"])[0]["n_people"],
        2,
        "the log says how many people's names went out"
    );

    // A cancelled person's number refuses the printout: nothing is written or logged.
    let other = dir.join("other.pdf");
    let with_cancelled = format!("{},{}", ids[0], ids[2]);
    assert_eq!(
        cli.error_code(&[
            "badges",
            "--event",
            &event,
            "--out",
            other.to_str().unwrap(),
            "--ids",
            &with_cancelled
        ]),
        "validation.not_on_roster"
    );
    assert!(!other.exists());
    assert_eq!(cli.json(&["audit"]).as_array().unwrap().len(), 2);
}

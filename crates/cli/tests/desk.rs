//! The desk's commands of the compiled `tsudoi` binary.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

struct Desk {
    dir: tempfile::TempDir,
    db: PathBuf,
    event: String,
}

impl Desk {
    /// A database with one event of `capacity` and the people named.
    fn new(capacity: u32, people: &[(&str, &str)]) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tsudoi.sqlite3");
        let mut desk = Desk {
            dir,
            db,
            event: String::new(),
        };
        let event = desk.ok(&[
            "event",
            "create",
            "--title",
            "第1回",
            "--date",
            "2026-07-25",
            "--capacity",
            &capacity.to_string(),
        ]);
        desk.event = event["id"].to_string();
        for (name, category) in people {
            desk.ok(&[
                "attendee",
                "add",
                "--event",
                &desk.event.clone(),
                "--name",
                name,
                "--category",
                category,
            ]);
        }
        desk
    }

    fn run(&self, args: &[&str]) -> (Output, Value) {
        let output = Command::new(common::tsudoi_bin())
            .env_remove("TSUDOI_DB")
            .arg("--db")
            .arg(&self.db)
            .arg("--json")
            .args(args)
            .output()
            .unwrap();
        let document = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "tsudoi {args:?} did not print exactly one JSON document ({e}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        });
        (output, document)
    }

    fn ok(&self, args: &[&str]) -> Value {
        let (output, document) = self.run(args);
        assert!(
            output.status.success(),
            "tsudoi {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        document
    }

    fn ticket_of(&self, name: &str) -> String {
        let people = self.ok(&["attendee", "list", "--event", &self.event, "--search", name]);
        people[0]["ticket"]
            .as_str()
            .expect("attendee list --json shows each ticket")
            .to_string()
    }
}

#[test]
fn checkin_lets_in_once_and_says_why_it_refuses() {
    let desk = Desk::new(70, &[("大友 慎吾", "atotsugi"), ("東北 局員", "stakeholder")]);
    let code = desk.ticket_of("大友");
    let ok = desk.ok(&["checkin", "--event", &desk.event, "--desk", "受付A", &code]);
    assert_eq!(ok["result"], "ok");
    assert_eq!(ok["attendee"]["name"], "大友 慎吾");
    assert_eq!(ok["zone"], "general");
    assert_eq!(
        (ok["in_room"].as_u64(), ok["capacity"].as_u64()),
        (Some(1), Some(70))
    );

    let staff = desk.ok(&["checkin", "--event", &desk.event, &desk.ticket_of("局員")]);
    assert_eq!(staff["zone"], "stakeholder");

    // The same code at another desk at once is a copy of the ticket, not a double read.
    let (output, copy) = desk.run(&["checkin", "--event", &desk.event, "--desk", "受付B", &code]);
    assert!(!output.status.success());
    assert_eq!(
        copy["result"], "duplicate",
        "another desk's scan is a second person"
    );

    let echo = desk.ok(&["checkin", "--event", &desk.event, "--desk", "受付A", &code]);
    assert_eq!(
        (echo["result"].as_str(), echo["repeat"].as_bool()),
        (Some("ok"), Some(true)),
        "a double read is the same pass"
    );
    assert_eq!(
        echo["previous"]["desk"], "受付A",
        "it says at which desk the person came in"
    );
    assert_eq!(echo["in_room"], 2);

    for (code, expected) in [("0000000000000000", "misread"), ("00000000000000000", "unknown")] {
        let (output, refused) = desk.run(&["checkin", "--event", &desk.event, code]);
        assert!(!output.status.success());
        assert_eq!(refused["result"], expected, "scanning {code}");
        assert!(refused["attendee"].is_null());
    }
}

#[test]
fn status_counts_entries_exits_and_zones() {
    let desk = Desk::new(
        70,
        &[("一", "atotsugi"), ("二", "supporter"), ("三", "stakeholder")],
    );
    for name in ["一", "二", "三"] {
        desk.ok(&["checkin", "--event", &desk.event, &desk.ticket_of(name)]);
    }
    desk.ok(&["checkout", "--event", &desk.event, &desk.ticket_of("二")]);
    let status = desk.ok(&["status", "--event", &desk.event]);
    assert_eq!(
        (status["registered"].as_u64(), status["checked_in"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(status["in_room"], 2, "entries minus exits");
    assert_eq!(status["capacity"], 70);
    assert_eq!(status["by_zone"]["stakeholder"]["in_room"], 1);
    assert_eq!(status["by_zone"]["general"]["checked_in"], 2);
    assert_eq!(status["by_category"]["supporter"]["in_room"], 0);
    assert_eq!(status["by_mode"]["venue"]["registered"], 3);
}

#[test]
fn a_full_room_needs_a_written_override() {
    let desk = Desk::new(1, &[("一", "atotsugi"), ("二", "atotsugi")]);
    // The second registered beyond the capacity and waits; as an online attendee who comes to the
    // venue anyway, they hold no place and meet a full room at the door.
    let second = desk.ok(&["attendee", "list", "--event", &desk.event, "--search", "二"]);
    desk.ok(&[
        "attendee",
        "update",
        &second[0]["id"].to_string(),
        "--mode",
        "online",
    ]);
    desk.ok(&["checkin", "--event", &desk.event, &desk.ticket_of("一")]);
    let (output, full) = desk.run(&["checkin", "--event", &desk.event, &desk.ticket_of("二")]);
    assert!(!output.status.success());
    assert_eq!(full["result"], "full");
    let overridden = desk.ok(&[
        "checkin",
        "--event",
        &desk.event,
        "--override",
        "登壇者の同行者",
        "--operator",
        "佐藤",
        &desk.ticket_of("二"),
    ]);
    assert_eq!(
        (overridden["result"].as_str(), overridden["overridden"].as_bool()),
        (Some("ok"), Some(true))
    );
    let log = desk.ok(&["attempts", "--event", &desk.event]);
    assert_eq!(log[0]["override_reason"], "登壇者の同行者");
    assert_eq!(log[0]["operator"], "佐藤");
    assert_eq!(log[1]["outcome"], "full", "the refusal stays in the log");
}

#[test]
fn walk_ins_undo_and_reissue() {
    let desk = Desk::new(70, &[("大友 慎吾", "atotsugi")]);
    let walk_in = desk.ok(&[
        "walk-in",
        "--event",
        &desk.event,
        "--name",
        "当日 太郎",
        "--kana",
        "とうじつ たろう",
    ]);
    assert_eq!(walk_in["result"], "ok");
    assert_eq!(walk_in["attendee"]["source"], "walk_in");
    let status = desk.ok(&["status", "--event", &desk.event]);
    assert_eq!(
        (status["walk_ins"].as_u64(), status["in_room"].as_u64()),
        (Some(1), Some(1))
    );

    let undone = desk.ok(&["undo", &walk_in["attempt_id"].to_string(), "--reason", "入力ミス"]);
    assert_eq!(undone[0]["undo_reason"], "入力ミス");
    assert_eq!(desk.ok(&["status", "--event", &desk.event])["in_room"], 0);

    let old = desk.ticket_of("大友");
    let person = desk.ok(&["attendee", "list", "--event", &desk.event, "--search", "大友"]);
    let reissued = desk.ok(&["ticket", "reissue", &person[0]["id"].to_string()]);
    assert_ne!(reissued["ticket"], old.as_str());
    let (_, revoked) = desk.run(&["checkin", "--event", &desk.event, &old]);
    assert_eq!(revoked["result"], "revoked");
}

#[test]
fn tickets_export_as_png_svg_and_a_printable_pdf() {
    let desk = Desk::new(70, &[("大友 慎吾", "atotsugi"), ("Sarah Kimura", "senior")]);
    let out = desk.dir.path().join("tickets");
    let report = desk.ok(&[
        "ticket",
        "export",
        "--event",
        &desk.event,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(report["n_tickets"], 2);
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        5,
        "a PNG and an SVG for each person, and the PDF: {names:?}"
    );
    assert!(names.iter().any(|n| n.ends_with("大友_慎吾.png")), "{names:?}");
    let png = std::fs::read(out.join(names.iter().find(|n| n.ends_with(".png")).unwrap())).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");

    // The PDF has a real text layer: Japanese names and the 非公表用 header can be searched.
    let text = Command::new("pdftotext")
        .arg(out.join("受付票_非公表用.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by the test script");
    let text = String::from_utf8(text.stdout).unwrap();
    for expected in ["大友 慎吾", "Sarah Kimura", "非公表用", "受付票"] {
        assert!(
            text.contains(expected),
            "the PDF's text has {expected:?}:\n{text}"
        );
    }
    let code = desk.ticket_of("大友");
    let grouped: Vec<String> = code
        .chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect())
        .collect();
    // A proportional font may make the text layer space the characters out.
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        compact.contains(&grouped.join("-")),
        "the code is printed for typing by hand: {text}"
    );
}

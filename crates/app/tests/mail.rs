//! Mail to each person against a real SMTP server: `tests/smtp/sink.py` (aiosmtpd), started by
//! each test on 127.0.0.1 and stopped by its process id. The sink writes what it received, read
//! back by Python's own mail parser, so these tests see the messages as a mail program would.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use base64::Engine;
use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use tsudoi_app::mail::{self, MailingRequest, SmtpAccount, SmtpSecurity};
use tsudoi_app::output::Replace;
use tsudoi_app::{Clock, Ctx, Database};
use tsudoi_core::mail::{LeftOutReason, MailFilter, MailTemplate};
use tsudoi_core::privacy::AuditAction;
use tsudoi_core::{
    AttendanceMode, Attendee, AttendeeDraft, AttendeeStatus, EventDraft, EventId, Lang, Localized,
};

const ONLINE_URL: &str = "https://meet.example.jp/j/8812345?pwd=secret";

struct Office {
    _dir: tempfile::TempDir,
    db: Database,
    event: EventId,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
        let mut draft = EventDraft::new(
            "アトツギ交流会 in 仙台",
            NaiveDate::from_ymd_opt(2026, 7, 25).unwrap(),
        );
        draft.start_time = NaiveTime::from_hms_opt(13, 30, 0);
        draft.end_time = NaiveTime::from_hms_opt(17, 0, 0);
        draft.venue_name = "仙台国際センター".into();
        draft.online_url = ONLINE_URL.into();
        let event = {
            let mut ctx = ctx_of(&mut db, "準備 花子");
            tsudoi_app::events::create(&mut ctx, draft).unwrap().id
        };
        Office { _dir: dir, db, event }
    }

    fn ctx(&mut self, operator: &str) -> Ctx<'_> {
        ctx_of(&mut self.db, operator)
    }

    fn add(&mut self, name: &str, email: &str, change: impl FnOnce(&mut AttendeeDraft)) -> Attendee {
        let mut draft = AttendeeDraft {
            email: email.into(),
            ..AttendeeDraft::new(name)
        };
        change(&mut draft);
        let event = self.event;
        tsudoi_app::attendees::add(&mut self.ctx("準備 花子"), event, draft).unwrap()
    }

    fn prepare(&mut self, template: MailTemplate) -> mail::PreparedMailing {
        let event = self.event;
        mail::prepare(
            &mut self.ctx("準備 花子"),
            MailingRequest {
                event_id: event,
                template,
                filter: MailFilter::default(),
                purpose: None,
            },
        )
        .unwrap()
    }
}

fn ctx_of<'d>(db: &'d mut Database, operator: &str) -> Ctx<'d> {
    let at = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
    Ctx::new(
        db,
        Lang::Ja,
        Clock::fixed(at, FixedOffset::east_opt(9 * 3600).unwrap()),
    )
    .acting_as(Some(operator))
}

/// The SMTP sink, a child process of this test, ended by its own handle.
struct Sink {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Sink {
    fn start(args: &[&str]) -> Sink {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let python = std::env::var("TSUDOI_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/smtp/sink.py");
        let mut child = Command::new(python)
            .arg(script)
            .args(["--port", &port.to_string(), "--dir"])
            .arg(dir.path())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs the SMTP sink (scripts/test.sh installs aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the sink started (is aiosmtpd installed?)");
        Sink { child, port, dir }
    }

    fn account(&self) -> SmtpAccount {
        SmtpAccount {
            host: "127.0.0.1".into(),
            port: self.port,
            security: SmtpSecurity::Plain,
            user: None,
            password: None,
            from: "jimukyoku@example.jp".into(),
        }
    }

    fn messages(&self) -> Vec<serde_json::Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn decode_qr(png: &[u8]) -> String {
    let image = image::load_from_memory(png).unwrap().to_luma8();
    let (w, h) = image.dimensions();
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
        image.get_pixel(x as u32, y as u32).0[0]
    });
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the attachment");
    grids[0].decode().unwrap().1
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_person_gets_one_message_with_only_their_address_and_their_own_ticket() {
    let mut office = Office::new();
    let venue_a = office.add("大友 慎吾", "otomo@example.jp", |_| {});
    let venue_b = office.add("佐々木 𠮷子", "sasaki@example.co.jp", |_| {});
    let online = office.add("高橋 一郎", "takahashi@example.ne.jp", |d| {
        d.mode = AttendanceMode::Online
    });
    let refused = office.add("伊藤 誠", "nobody@example.jp", |_| {});
    let no_consent = office.add("渡辺 恵", "watanabe@example.jp", |d| d.consent = false);
    let cancelled = office.add("山本 健", "yamamoto@example.jp", |d| {
        d.status = AttendeeStatus::Cancelled
    });
    let shared_1 = office.add("中村 陽子", "office@example.jp", |_| {});
    let shared_2 = office.add("小林 大輔", "office@example.jp", |_| {});
    let everyone = [
        &venue_a,
        &venue_b,
        &online,
        &refused,
        &no_consent,
        &cancelled,
        &shared_1,
        &shared_2,
    ];

    let prepared = office.prepare(MailTemplate::Ticket);
    assert_eq!(prepared.recipients, 4, "four usable, standing, consenting people");
    let left: BTreeMap<i64, LeftOutReason> = prepared
        .left_out
        .iter()
        .map(|l| (l.attendee.0, l.reason))
        .collect();
    assert_eq!(
        left,
        BTreeMap::from([
            (no_consent.id.0, LeftOutReason::NoConsent),
            (cancelled.id.0, LeftOutReason::Cancelled),
            (shared_1.id.0, LeftOutReason::DuplicateEmail),
            (shared_2.id.0, LeftOutReason::DuplicateEmail),
        ])
    );

    let sink = Sink::start(&["--refuse", "nobody@example.jp"]);
    // Unapproved: nothing leaves.
    let refusal = mail::send(
        &mut office.ctx("準備 花子"),
        prepared.id,
        &sink.account(),
        6000,
        false,
    )
    .unwrap_err();
    assert_eq!(refusal.code(), "mail.not_approved");
    let refusal = mail::export_eml(
        &mut office.ctx("準備 花子"),
        prepared.id,
        sink.dir.path(),
        "jimukyoku@example.jp",
        Replace(false),
    )
    .unwrap_err();
    assert_eq!(
        refusal.code(),
        "mail.not_approved",
        "the .eml files follow the same rule"
    );
    assert!(sink.messages().is_empty(), "an unapproved mailing sends nothing");

    // The preparer cannot approve their own mailing; a name is needed without a roster.
    let same = mail::approve(&mut office.ctx("準備 花子"), prepared.id, Some("準備 花子")).unwrap_err();
    assert_eq!(same.code(), "mail.same_approver");
    let none = mail::approve(&mut office.ctx("準備 花子"), prepared.id, None).unwrap_err();
    assert_eq!(none.code(), "mail.no_approver");
    let approved = mail::approve(&mut office.ctx("準備 花子"), prepared.id, Some("確認 太郎")).unwrap();
    assert_eq!(approved.approved_by.as_deref(), Some("確認 太郎"));

    let report = mail::send(
        &mut office.ctx("準備 花子"),
        prepared.id,
        &sink.account(),
        6000,
        false,
    )
    .unwrap();
    assert_eq!((report.sent, report.failed, report.waiting), (3, 1, 0));
    let outbox = mail::outbox(&office.ctx("準備 花子"), prepared.id).unwrap();
    let refused_row = outbox.iter().find(|e| e.attendee_id == refused.id).unwrap();
    assert!(
        refused_row.answer.contains("550") && refused_row.answer.contains("User unknown"),
        "the refused address failed with the server's reason: {}",
        refused_row.answer
    );
    assert!(outbox
        .iter()
        .filter(|e| e.attendee_id != refused.id)
        .all(|e| e.answer.contains("queued as sink-")));

    let messages = sink.messages();
    assert_eq!(messages.len(), 3);
    let event_id = office.event;
    let event = tsudoi_app::events::get(&office.ctx("準備 花子"), event_id)
        .unwrap()
        .event;
    for m in &messages {
        let rcpt = strings(&m["rcpt_tos"]);
        assert_eq!(rcpt.len(), 1, "exactly one recipient in the envelope");
        assert_eq!(strings(&m["to"]), rcpt, "and the same one, alone, in To");
        assert!(
            strings(&m["cc"]).is_empty() && strings(&m["bcc"]).is_empty(),
            "no Cc, no Bcc"
        );
        let raw = m["raw"].as_str().unwrap();
        assert!(!raw.to_lowercase().contains("\nbcc:") && !raw.to_lowercase().contains("\ncc:"));
        let person = everyone
            .iter()
            .find(|a| a.details.email == rcpt[0])
            .expect("a recipient is an attendee");
        for other in everyone
            .iter()
            .filter(|a| a.details.email != person.details.email)
        {
            assert!(
                !raw.contains(&other.details.email),
                "{}'s message holds no other attendee's address ({})",
                person.details.name,
                other.details.email
            );
        }
        let expected = tsudoi_core::mail::render(MailTemplate::Ticket, &event, person);
        assert_eq!(
            m["subject"].as_str().unwrap(),
            expected.subject,
            "the Japanese subject round-trips"
        );
        assert_eq!(
            m["text"].as_str().unwrap().replace("\r\n", "\n"),
            expected.body,
            "the Japanese body round-trips"
        );
        assert!(m["text"]
            .as_str()
            .unwrap()
            .contains(&format!("{} 様", person.details.name)));
        assert_eq!(
            m["text"].as_str().unwrap().contains(ONLINE_URL),
            person.details.mode == AttendanceMode::Online,
            "the online link only to online attendees"
        );
        let attachments = m["attachments"].as_array().unwrap();
        assert_eq!(attachments.len(), 1);
        assert_eq!(attachments[0]["content_type"], "image/png");
        let png = base64::engine::general_purpose::STANDARD
            .decode(attachments[0]["data"].as_str().unwrap())
            .unwrap();
        assert_eq!(
            decode_qr(&png),
            person.ticket.as_ref().unwrap().as_str(),
            "the attached QR code is this person's ticket"
        );
    }

    let status = mail::status(&office.ctx("準備 花子"), prepared.id).unwrap();
    assert_eq!(
        (status.counts.waiting, status.counts.sent, status.counts.failed),
        (0, 3, 1)
    );
    // Sending again sends no one twice; a failure is retried only on request.
    let again = mail::send(
        &mut office.ctx("準備 花子"),
        prepared.id,
        &sink.account(),
        6000,
        false,
    )
    .unwrap();
    assert_eq!((again.sent, again.failed), (3, 1));
    assert_eq!(sink.messages().len(), 3, "nothing sent twice");

    let log = tsudoi_app::privacy::log(&office.ctx("準備 花子"), 20).unwrap();
    let lines: Vec<_> = log.iter().filter(|l| l.action == AuditAction::Mailing).collect();
    assert!(
        lines.len() >= 3,
        "prepared, approved and sent are in the privacy log"
    );
    assert!(
        lines.iter().any(|l| l.detail.contains("確認 太郎")),
        "the log names the approver: {lines:?}"
    );
}

#[test]
fn a_mailing_cut_short_resumes_with_no_one_twice_and_no_one_left_out() {
    let mut office = Office::new();
    let people: Vec<Attendee> = (1..=6)
        .map(|i| office.add(&format!("参加者 {i}"), &format!("p{i}@example.jp"), |_| {}))
        .collect();
    let prepared = office.prepare(MailTemplate::Reminder);
    mail::approve(&mut office.ctx("準備 花子"), prepared.id, Some("確認 太郎")).unwrap();

    // The server stops taking messages after two, as one that closes would.
    let first = Sink::start(&["--busy-after", "2"]);
    let stopped = mail::send(
        &mut office.ctx("準備 花子"),
        prepared.id,
        &first.account(),
        6000,
        false,
    )
    .unwrap_err();
    assert_eq!(stopped.code(), "mail.server_busy");
    let status = mail::status(&office.ctx("準備 花子"), prepared.id).unwrap();
    assert_eq!(
        (status.counts.sent, status.counts.waiting, status.counts.failed),
        (2, 4, 0)
    );

    // No server at all: nothing changes, and it says so.
    let gone = SmtpAccount {
        port: TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port(),
        ..first.account()
    };
    let unreachable = mail::send(&mut office.ctx("準備 花子"), prepared.id, &gone, 6000, false).unwrap_err();
    assert_eq!(unreachable.code(), "mail.server_unavailable");

    let second = Sink::start(&[]);
    let report = mail::send(
        &mut office.ctx("準備 花子"),
        prepared.id,
        &second.account(),
        6000,
        false,
    )
    .unwrap();
    assert_eq!((report.sent, report.waiting, report.failed), (6, 0, 0));

    let mut received: Vec<String> = first
        .messages()
        .iter()
        .chain(second.messages().iter())
        .flat_map(|m| strings(&m["rcpt_tos"]))
        .collect();
    received.sort();
    let mut expected: Vec<String> = people.iter().map(|p| p.details.email.clone()).collect();
    expected.sort();
    assert_eq!(received, expected, "everyone exactly once across the two runs");
}

#[test]
fn a_message_interrupted_mid_send_is_not_sent_again_on_its_own() {
    let mut office = Office::new();
    for i in 1..=3 {
        office.add(&format!("参加者 {i}"), &format!("p{i}@example.jp"), |_| {});
    }
    let prepared = office.prepare(MailTemplate::Thanks);
    mail::approve(&mut office.ctx("準備 花子"), prepared.id, Some("確認 太郎")).unwrap();
    // What a kill between "sending" and its answer leaves: the first message marked sending.
    let path = office.db.path().to_path_buf();
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute(
            "UPDATE outbox SET state = 'sending' WHERE id = (SELECT min(id) FROM outbox WHERE mailing_id = ?1)",
            [prepared.id],
        )
        .unwrap();
    }
    let sink = Sink::start(&[]);
    let report = mail::send(
        &mut office.ctx("準備 花子"),
        prepared.id,
        &sink.account(),
        6000,
        false,
    )
    .unwrap();
    assert_eq!(
        (report.sent, report.failed),
        (2, 1),
        "the uncertain one is failed, not resent"
    );
    assert_eq!(sink.messages().len(), 2);
    let retried = mail::send(
        &mut office.ctx("準備 花子"),
        prepared.id,
        &sink.account(),
        6000,
        true,
    )
    .unwrap();
    assert_eq!((retried.sent, retried.failed), (3, 0), "sent again when asked");
    assert_eq!(sink.messages().len(), 3);
}

#[test]
fn eml_files_one_per_person_with_one_address_each() {
    let mut office = Office::new();
    office.add("大友 慎吾", "otomo@example.jp", |_| {});
    office.add("高橋 一郎", "takahashi@example.jp", |d| {
        d.mode = AttendanceMode::Online
    });
    let prepared = office.prepare(MailTemplate::Online);
    assert_eq!(
        prepared.recipients, 1,
        "the online guide goes to online attendees only"
    );
    mail::approve(&mut office.ctx("準備 花子"), prepared.id, Some("確認 太郎")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("mails");
    let done = mail::export_eml(
        &mut office.ctx("準備 花子"),
        prepared.id,
        &dir,
        "jimukyoku@example.jp",
        Replace(false),
    )
    .unwrap();
    assert_eq!(done.files, 1);
    let file = std::fs::read_dir(&dir).unwrap().next().unwrap().unwrap().path();
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("To: takahashi@example.jp\r\n"));
    assert!(!text.contains("otomo@example.jp"));
    assert!(!text.to_lowercase().contains("bcc:"));
    assert!(
        text.contains("Subject: =?utf-8?"),
        "the Japanese subject is encoded per RFC 2047"
    );
    let status = mail::status(&office.ctx("準備 花子"), prepared.id).unwrap();
    assert_eq!(status.counts.sent, 1);
}

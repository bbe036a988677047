//! Mail to each person against a real SMTP server: `tests/smtp/sink.py` (aiosmtpd), started by
//! each test on 127.0.0.1 and stopped by its process id. The sink writes what it received, read
//! back by Python's own mail parser, so these tests see the messages as a mail program would.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::process::Command;

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

#[path = "../../../tests/smtp/sink.rs"]
mod sink;
use sink::Sink;

/// The sink as the account a mailing is sent through.
trait AsAccount {
    fn account(&self) -> SmtpAccount;
}

impl AsAccount for Sink {
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

/// The text layer of a PDF, as pdftotext reads it.
fn pdf_text(pdf: &[u8]) -> String {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) reads the card");
    String::from_utf8(out.stdout).unwrap()
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
        assert_eq!(attachments.len(), 2, "the QR image and the ticket card");
        assert_eq!(attachments[0]["content_type"], "image/png");
        assert_eq!(attachments[1]["content_type"], "application/pdf");
        for (attached, name) in attachments.iter().zip(&expected.attachments) {
            assert_eq!(attached["filename"], name.as_str(), "named as the preview says");
        }
        assert!(
            expected.attachments[1].starts_with("受付票_非公表用_"),
            "the card's file name says it is not public: {:?}",
            expected.attachments
        );
        let pdf = base64::engine::general_purpose::STANDARD
            .decode(attachments[1]["data"].as_str().unwrap())
            .unwrap();
        let card = pdf_text(&pdf);
        assert!(
            card.contains(&person.details.name),
            "the card is this person's: {card}"
        );
        for other in everyone.iter().filter(|o| o.id != person.id) {
            assert!(
                !card.contains(&other.details.name),
                "one card, nobody else's name on it"
            );
        }
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

/// At a window where the preparer is signed in, the approver proves who they are with their own
/// name and PIN, without taking over the window; the preparer cannot approve their own mailing,
/// a wrong PIN approves nothing, and staff (業務従事者) may not approve mail to people.
#[test]
fn with_a_roster_a_second_signed_in_handler_approves_at_the_same_window() {
    use tsudoi_app::handlers;
    use tsudoi_core::handler::{HandlerDraft, HandlerRole};
    let person = |name: &str, role: HandlerRole| HandlerDraft {
        name: name.into(),
        department: "事業部".into(),
        role,
        home_address: "仙台市青葉区".into(),
        ..HandlerDraft::default()
    };
    let mut office = Office::new();
    office.add("大友 慎吾", "otomo@example.jp", |_| {});
    let at = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
    let clock = Clock::fixed(at, FixedOffset::east_opt(9 * 3600).unwrap());
    handlers::add(
        &mut Ctx::new(&mut office.db, Lang::Ja, clock),
        person("責任 者", HandlerRole::Officer),
        "9876",
    )
    .unwrap();
    let officer =
        handlers::sign_in(&mut Ctx::new(&mut office.db, Lang::Ja, clock), "責任 者", "9876").unwrap();
    for (name, role, pin) in [
        ("準備 花子", HandlerRole::Manager, "1111"),
        ("確認 太郎", HandlerRole::Manager, "2222"),
        ("従事 者", HandlerRole::Staff, "4444"),
    ] {
        handlers::add(
            &mut Ctx::new(&mut office.db, Lang::Ja, clock).signed_in(Some(&officer)),
            person(name, role),
            pin,
        )
        .unwrap();
    }
    let preparer = handlers::sign_in(
        &mut Ctx::new(&mut office.db, Lang::Ja, clock),
        "準備 花子",
        "1111",
    )
    .unwrap();
    let event = office.event;
    let prepared = mail::prepare(
        &mut Ctx::new(&mut office.db, Lang::Ja, clock).signed_in(Some(&preparer)),
        MailingRequest {
            event_id: event,
            template: MailTemplate::Thanks,
            filter: MailFilter::default(),
            purpose: None,
        },
    )
    .unwrap();
    let mut window = Ctx::new(&mut office.db, Lang::Ja, clock).signed_in(Some(&preparer));

    let own =
        mail::approve_as_second_handler(&mut window, prepared.id, "準備 花子", Some("1111")).unwrap_err();
    assert_eq!(
        own.code(),
        "mail.same_approver",
        "nobody approves their own mailing"
    );
    let wrong =
        mail::approve_as_second_handler(&mut window, prepared.id, "確認 太郎", Some("0000")).unwrap_err();
    assert_eq!(
        wrong.code(),
        "auth.sign_in_refused",
        "a wrong PIN approves nothing: {wrong:?}"
    );
    let staff =
        mail::approve_as_second_handler(&mut window, prepared.id, "従事 者", Some("4444")).unwrap_err();
    assert_eq!(
        staff.code(),
        "auth.not_permitted",
        "staff may not hand out mail: {staff:?}"
    );
    assert!(mail::status(&window, prepared.id).unwrap().approved_by.is_none());

    let approved =
        mail::approve_as_second_handler(&mut window, prepared.id, "確認 太郎", Some("2222")).unwrap();
    assert_eq!(approved.approved_by.as_deref(), Some("確認 太郎"));
    assert_eq!(
        window.operator.name, "準備 花子",
        "the window stays with the person signed in at it"
    );
}

/// The organizer's own words: a typo in braces is refused, the words are used by the next
/// mailing and kept by it (editing again changes no mailing already prepared), the built-in
/// words come back on request, English is a setting, and the online link typed into the words
/// of a mailing to venue people is refused.
#[test]
fn templates_are_edited_kept_per_mailing_reset_and_english_on_request() {
    use tsudoi_app::mail::MailText;
    let mut office = Office::new();
    let venue = office.add("大友 慎吾", "otomo@example.jp", |_| {});

    let typo = mail::save_template(
        &mut office.ctx("準備 花子"),
        MailTemplate::Thanks,
        MailText {
            subject: "【{event}】お礼".into(),
            body: "{nmae} 様".into(),
        },
    )
    .unwrap_err();
    assert_eq!(typo.code(), "mail.unknown_placeholder");
    assert!(
        typo.message(Lang::Ja).contains("{nmae}"),
        "the message names the typo"
    );

    let saved = mail::save_template(
        &mut office.ctx("準備 花子"),
        MailTemplate::Thanks,
        MailText {
            subject: "【{event}】ありがとうございました".into(),
            body: "{name} 様\r\nご来場ありがとうございました。\n".into(),
        },
    )
    .unwrap();
    assert!(saved.customized);
    let first = office.prepare(MailTemplate::Thanks);
    let preview = mail::preview(&office.ctx("準備 花子"), first.id, Some(venue.id)).unwrap();
    assert_eq!(
        preview.subject,
        "【アトツギ交流会 in 仙台】ありがとうございました"
    );
    assert_eq!(preview.body, "大友 慎吾 様\nご来場ありがとうございました。\n");

    mail::save_template(
        &mut office.ctx("準備 花子"),
        MailTemplate::Thanks,
        MailText {
            subject: "別の件名".into(),
            body: "別の本文".into(),
        },
    )
    .unwrap();
    let again = mail::preview(&office.ctx("準備 花子"), first.id, Some(venue.id)).unwrap();
    assert_eq!(
        again, preview,
        "a prepared mailing keeps the words it was approved with"
    );

    let reset = mail::reset_template(&mut office.ctx("準備 花子"), MailTemplate::Thanks).unwrap();
    assert!(!reset.customized);
    assert_eq!(reset.subject, MailTemplate::Thanks.subject());
    let listed = mail::current_templates(&office.ctx("準備 花子")).unwrap();
    assert!(listed.iter().all(|t| !t.customized));

    mail::set_mail_language(&mut office.ctx("準備 花子"), Lang::En).unwrap();
    let english = office.prepare(MailTemplate::Ticket);
    let mail_en = mail::preview(&office.ctx("準備 花子"), english.id, Some(venue.id)).unwrap();
    assert_eq!(
        mail_en.subject,
        "[アトツギ交流会 in 仙台] Your invitation and ticket"
    );
    assert!(mail_en.body.starts_with("Dear 大友 慎吾,"), "{}", mail_en.body);
    assert!(mail_en.body.contains("Saturday 25 July 2026, 13:30–17:00"));
    mail::set_mail_language(&mut office.ctx("準備 花子"), Lang::Ja).unwrap();

    mail::save_template(
        &mut office.ctx("準備 花子"),
        MailTemplate::Reminder,
        MailText {
            subject: "【{event}】明日です".into(),
            body: format!("{{name}} 様\n{ONLINE_URL}\n"),
        },
    )
    .unwrap();
    let event = office.event;
    let leak = mail::prepare(
        &mut office.ctx("準備 花子"),
        MailingRequest {
            event_id: event,
            template: MailTemplate::Reminder,
            filter: MailFilter::default(),
            purpose: None,
        },
    )
    .unwrap_err();
    assert_eq!(
        leak.code(),
        "mail.online_link_in_text",
        "the link typed into the words would reach venue people"
    );
}

/// The password in the OS keychain (the kernel's keyutils on Linux: no D-Bus, no desktop
/// session): kept when asked, used when nothing is typed, never without being asked, and gone
/// once forgotten. Nothing of it reaches the database.
#[cfg(target_os = "linux")]
#[test]
fn the_mail_password_is_kept_in_the_os_keychain_only_when_asked() {
    use tsudoi_app::keychain;
    use tsudoi_app::mail::MailServer;
    let server = MailServer {
        host: format!("smtp-{}.example.jp", std::process::id()),
        port: 587,
        security: SmtpSecurity::StartTls,
        user: "jimukyoku@example.jp".into(),
        from: "jimukyoku@example.jp".into(),
    };
    keychain::forget(&server).unwrap();
    let none = mail::password_for(&server, None, true).unwrap_err();
    assert_eq!(none.code(), "mail.no_password_kept");
    assert_eq!(
        mail::password_for(&server, Some("typed-once".into()), false).unwrap(),
        Some("typed-once".into())
    );
    assert_eq!(
        keychain::password(&server).unwrap(),
        None,
        "a typed password is not kept unless asked"
    );
    mail::password_for(&server, Some("秘密-pass".into()), true).unwrap();
    assert_eq!(
        mail::password_for(&server, None, true).unwrap(),
        Some("秘密-pass".into()),
        "kept, then used without typing"
    );
    assert_eq!(mail::password_for(&server, None, false).unwrap(), None);
    let other_user = MailServer {
        user: "someone@example.jp".into(),
        ..server.clone()
    };
    assert_eq!(keychain::password(&other_user).unwrap(), None, "kept per account");
    keychain::forget(&server).unwrap();
    assert_eq!(keychain::password(&server).unwrap(), None, "forgotten");
    keychain::forget(&server).unwrap();

    let mut office = Office::new();
    let saved = mail::set_server(&mut office.ctx("準備 花子"), server).unwrap();
    assert_eq!(mail::server(&office.ctx("準備 花子")).unwrap(), Some(saved));
    let raw = rusqlite::Connection::open(office.db.path()).unwrap();
    let dump: String = raw
        .query_row("SELECT group_concat(value, '|') FROM setting", [], |r| r.get(0))
        .unwrap();
    assert!(!dump.contains("秘密"), "no password in the settings: {dump}");
}

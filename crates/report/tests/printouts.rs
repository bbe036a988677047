//! The event day's printouts read back from their PDFs (pdftotext, poppler-utils, installed by
//! scripts/test.sh): the roster's text layer has 非公表用 and `n / N` on every page, people in
//! 五十音 order, cancelled people left out and the waiting list at the end; the badges carry
//! 非公表用 on every page and every name whole.

use std::path::Path;
use std::process::Command;

use chrono::{NaiveDate, TimeZone, Utc};
use tsudoi_core::roster::{badge_lines, BadgeChoice, Roster};
use tsudoi_core::{
    AttendanceMode, Attendee, AttendeeDraft, AttendeeId, AttendeeStatus, Category, Event, EventDraft,
    EventId, Lang, ZonePlan,
};
use tsudoi_report::fonts;
use tsudoi_report::printouts::{badges_pdf, roster_pdf, PrintHead};

const FAMILIES: [(&str, &str); 12] = [
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("後藤", "ゴトウ"),
    ("河野", "コーノ"),
];
const GIVEN: [(&str, &str); 10] = [
    ("一郎", "イチロウ"),
    ("花子", "ハナコ"),
    ("次郎", "ジロウ"),
    ("美咲", "ミサキ"),
    ("健太", "ケンタ"),
    ("由美", "ユミ"),
    ("翔", "ショウ"),
    ("陽子", "ヨウコ"),
    ("大輔", "ダイスケ"),
    ("愛", "アイ"),
];

fn event() -> Event {
    let mut details = EventDraft::new(
        "東北アトツギ交流会",
        NaiveDate::from_ymd_opt(2026, 7, 25).unwrap(),
    );
    details.venue_name = "仙台国際センター".into();
    let at = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    Event {
        id: EventId(1),
        details,
        created_at: at,
        updated_at: at,
    }
}

fn person(id: i64, name: &str, kana: &str) -> Attendee {
    let at = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    Attendee {
        id: AttendeeId(id),
        event_id: EventId(1),
        details: AttendeeDraft {
            kana: kana.into(),
            organization: "株式会社テスト商事".into(),
            title: "専務取締役".into(),
            ..AttendeeDraft::new(name)
        },
        ticket: None,
        zone_override: None,
        waitlisted_at: None,
        waitlist_position: None,
        created_at: at,
        updated_at: at,
    }
}

/// 120 people with a place (every tenth a stakeholder, every seventh online), one cancelled,
/// two waiting, one without a reading.
fn attendees() -> Vec<Attendee> {
    let mut people = Vec::new();
    for (f, (family, family_kana)) in FAMILIES.iter().enumerate() {
        for (g, (given, given_kana)) in GIVEN.iter().enumerate() {
            let id = (f * GIVEN.len() + g) as i64 + 1;
            let mut p = person(
                id,
                &format!("{family} {given}"),
                &format!("{family_kana} {given_kana}"),
            );
            if id % 10 == 0 {
                p.details.category = Category::Stakeholder;
            }
            if id % 7 == 0 {
                p.details.mode = AttendanceMode::Online;
            }
            people.push(p);
        }
    }
    let mut cancelled = person(200, "取消 太郎", "アアア タロウ");
    cancelled.details.status = AttendeeStatus::Cancelled;
    people.push(cancelled);
    for (id, name, kana) in [
        (201, "待機 一子", "アイダ カズコ"),
        (202, "待機 二子", "ワキ フタコ"),
    ] {
        let mut waiting = person(id, name, kana);
        waiting.waitlisted_at = Some(Utc.with_ymd_and_hms(2026, 6, 2, 0, 0, 0).unwrap());
        waiting.waitlist_position = Some((203 - id) as u32);
        people.push(waiting);
    }
    people.push(person(203, "読未登録 様", ""));
    people
}

fn head() -> PrintHead {
    PrintHead::for_event(&event(), Lang::Ja, "2026-07-24".into())
}

fn pdf_text(pdf: &[u8], page: Option<usize>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("printout.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut command = Command::new("pdftotext");
    command.args(["-enc", "UTF-8", "-raw"]);
    if let Some(page) = page {
        command.args(["-f", &page.to_string(), "-l", &page.to_string()]);
    }
    let output = command
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test.sh");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn n_pages(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("printout.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new("pdfinfo")
        .arg(Path::new(&path))
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8(output.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo names the pages")
}

/// Lines wrap and cells are spaced out: compare without white space.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_roster_of_120_people_is_headed_numbered_and_in_kana_order() {
    assert!(fonts::use_system_fonts(false), "only the fonts Tsudoi ships");
    let roster = Roster::of(&attendees(), &ZonePlan::default(), &[]);
    assert_eq!(roster.standing.len(), 121, "120 with a reading, one without");
    let pdf = roster_pdf(&head(), &roster).unwrap();
    let pages = n_pages(&pdf);
    assert!(
        pages >= 4,
        "121 rows and a waiting list take several pages, not {pages}"
    );

    for page in 1..=pages {
        let text = squeeze(&pdf_text(&pdf, Some(page)));
        assert!(
            text.contains("非公表用"),
            "page {page} is headed 非公表用:\n{text}"
        );
        assert!(text.contains("受付名簿"), "page {page} says what it is");
        assert!(
            text.contains(&format!("{page}/{pages}")),
            "page {page} is numbered {page} / {pages}:\n{text}"
        );
        assert!(
            text.contains("印刷日2026-07-24"),
            "page {page} has the date of printing"
        );
        assert!(
            text.contains("受付") && text.contains("フリガナ"),
            "the columns' heads repeat on page {page}"
        );
    }

    let text = squeeze(&pdf_text(&pdf, None));
    assert!(!text.contains("取消太郎"), "a cancelled registration is left out");
    for (family, _) in FAMILIES {
        for (given, _) in GIVEN {
            let name = format!("{family}{given}");
            assert_eq!(text.matches(&name).count(), 1, "{name} is on the roster once");
        }
    }
    let at = |name: &str| {
        text.find(name)
            .unwrap_or_else(|| panic!("{name} is on the roster"))
    };
    // 五十音 order, not code-point order: a long vowel reads as its vowel (コーノ as コオノ), a
    // voiced kana with its plain one (ゴトウ with コトウ).
    let order = [
        "伊藤一郎",
        "加藤一郎",
        "河野一郎",
        "後藤一郎",
        "小林一郎",
        "佐藤一郎",
        "渡辺愛",
        "読未登録様",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} comes before {}", pair[0], pair[1]);
    }
    let waiting = at("キャンセル待ち（2名）");
    assert!(
        at("読未登録様") < waiting,
        "people without a reading come after, before the waiting list"
    );
    assert!(
        waiting < at("待機一子") && at("待機一子") < at("待機二子"),
        "the waiting list is last, in kana order"
    );
    assert!(
        text[at("待機一子")..].starts_with("待機一子アイダカズコ")
            && text.contains("待ち順2")
            && text.contains("待ち順1"),
        "each waiting person's place in the queue is shown"
    );
    assert!(
        text.contains("関係者席") && text.contains("一般者席"),
        "each person's zone is marked"
    );
    assert!(
        text.contains("オンライン") && text.contains("会場"),
        "each person's mode"
    );
    assert!(text.contains("□"), "a box to tick");
}

#[test]
fn badges_carry_the_label_in_the_margin_and_every_name_whole() {
    assert!(fonts::use_system_fonts(false), "only the fonts Tsudoi ships");
    let mut people = attendees();
    let long = "ジョン・フィッツジェラルド・ケネディ・アンダーソン・ジュニア";
    people.push(person(300, long, "ジョン"));
    let roster = Roster::of(&people, &ZonePlan::default(), &[]);
    let (lines, unknown) = badge_lines(&roster, &BadgeChoice::All);
    assert!(unknown.is_empty());
    let pdf = badges_pdf(&head(), &lines).unwrap();
    let pages = n_pages(&pdf);
    assert_eq!(pages, lines.len().div_ceil(10), "ten badges a page");
    for page in 1..=pages {
        let text = squeeze(&pdf_text(&pdf, Some(page)));
        assert!(
            text.contains("非公表用"),
            "page {page} is marked 非公表用:\n{text}"
        );
        assert!(
            text.contains(&format!("{page}/{pages}")),
            "page {page} is numbered"
        );
    }
    let text = squeeze(&pdf_text(&pdf, None));
    assert!(text.contains(long), "the long name is whole in the text layer");
    assert!(
        !text.contains("取消太郎"),
        "no badge for a cancelled registration"
    );
    assert!(text.contains("関係者"), "stakeholders' badges say so");
    let n_event = text.matches("東北アトツギ交流会").count();
    assert_eq!(
        n_event,
        lines.len() + pages,
        "each badge names the event, and each page's header"
    );
    assert!(
        text.matches("アトツギ").count() > n_event,
        "everyone else's badge names their category (アトツギ)"
    );
}

#[test]
fn the_roster_speaks_english_when_asked_and_keeps_the_label() {
    assert!(fonts::use_system_fonts(false), "only the fonts Tsudoi ships");
    let roster = Roster::of(&attendees()[..3], &ZonePlan::default(), &[]);
    let head = PrintHead::for_event(&event(), Lang::En, "2026-07-24".into());
    let text = squeeze(&pdf_text(&roster_pdf(&head, &roster).unwrap(), None));
    for expected in [
        "Internal(非公表用)",
        "Receptionroster",
        "Reading",
        "Printed2026-07-24",
        "1/1",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

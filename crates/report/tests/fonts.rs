//! Every document reads the same on every machine: each is rendered with the system's fonts
//! turned off (as on a Windows without Japanese fonts), its text layer read back with pdftotext
//! and its fonts listed with pdffonts (poppler-utils, installed by scripts/test.sh). Every
//! character of the input must be in the text layer, and only the fonts Tsudoi ships embedded.
//! A character no shipped font draws refuses the document with a message naming it.

use std::path::Path;
use std::process::Command;

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use tsudoi_core::agenda::{
    AgendaItem, AgendaItemDraft, AgendaItemId, AgendaKind, ItemPlace, MinutesNote, NoteId, Speaker,
    SpeakerDraft, SpeakerId,
};
use tsudoi_core::seating::ChartSeat;
use tsudoi_core::{AttendeeId, Event, EventDraft, EventId, Lang, Localized, SeatZone, TicketToken};
use tsudoi_report::agenda::{agenda_pdf, minutes_pdf, Disclosure, DocumentHead, MinutesItem, MinutesPhoto};
use tsudoi_report::fonts::{self, shipped_font_names};
use tsudoi_report::seat_chart::seat_chart_pdf;
use tsudoi_report::tickets::{ticket_cards_pdf, TicketCard, TicketSheet};
use tsudoi_report::ReportError;

/// The words of the issue: the title lost its first character, the venue its middle one.
const EVENT_TITLE: &str = "議事録テスト 東北アトツギ交流会";
const VENUE: &str = "会議棟 大会議室";
/// Variant kanji of Japanese names: 髙 (U+9AD9), 﨑 (U+FA11, a compatibility ideograph) and 𠮷
/// (U+20BB7, outside the Basic Multilingual Plane, which BIZ UD lacks: the fallback font draws it).
const PEOPLE: [(&str, &str); 3] = [
    ("髙橋 一郎", "株式会社髙島屋商店"),
    ("山﨑 花子", "山﨑酒造合資会社"),
    ("𠮷田 太郎", "𠮷野家具店"),
];

fn system_fonts_off() {
    assert!(
        fonts::use_system_fonts(false),
        "every test of this file runs without the system's fonts"
    );
}

fn event() -> Event {
    let mut details = EventDraft::new(EVENT_TITLE, NaiveDate::from_ymd_opt(2026, 7, 25).unwrap());
    details.start_time = NaiveTime::from_hms_opt(13, 30, 0);
    details.end_time = NaiveTime::from_hms_opt(17, 0, 0);
    details.venue_name = VENUE.into();
    details.venue_address = "仙台市青葉区".into();
    let at = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    Event {
        id: EventId(1),
        details,
        created_at: at,
        updated_at: at,
    }
}

fn speaker(id: i64, (name, organization): (&str, &str)) -> Speaker {
    Speaker {
        id: SpeakerId(id),
        details: SpeakerDraft {
            name: name.into(),
            organization: organization.into(),
            title: "代表取締役".into(),
            ..SpeakerDraft::default()
        },
    }
}

fn items() -> Vec<AgendaItem> {
    let item = |id: i64, (h1, m1), (h2, m2), kind, title: &str, speakers: Vec<Speaker>| AgendaItem {
        id: AgendaItemId(id),
        event_id: EventId(1),
        position: id as u32,
        details: AgendaItemDraft {
            starts_at: NaiveTime::from_hms_opt(h1, m1, 0).unwrap(),
            ends_at: NaiveTime::from_hms_opt(h2, m2, 0).unwrap(),
            kind,
            title: title.into(),
            place: ItemPlace::Hybrid,
            speaker_ids: speakers.iter().map(|s| s.id).collect(),
            moderator_id: None,
            notes: String::new(),
        },
        speakers,
        moderator: None,
    };
    vec![
        item(
            0,
            (13, 30),
            (13, 40),
            AgendaKind::Opening,
            "開会挨拶",
            vec![speaker(1, PEOPLE[0])],
        ),
        item(
            1,
            (13, 40),
            (14, 40),
            AgendaKind::Keynote,
            "事業承継と地域の未来",
            vec![speaker(2, PEOPLE[1]), speaker(3, PEOPLE[2])],
        ),
    ]
}

fn note(id: i64, item: i64, text: &str) -> MinutesNote {
    MinutesNote {
        id: NoteId(id),
        agenda_item_id: AgendaItemId(item),
        at: Utc.with_ymd_and_hms(2026, 7, 25, 4, 35 + id as u32, 0).unwrap(),
        text: text.into(),
    }
}

fn cards(people: &[(&str, &str)]) -> TicketSheet {
    TicketSheet {
        lang: Lang::Ja,
        event_title: EVENT_TITLE.into(),
        when: "2026-07-25 13:30–17:00".into(),
        venue: VENUE.into(),
        cards: people
            .iter()
            .enumerate()
            .map(|(i, (name, organization))| TicketCard {
                name: (*name).into(),
                kana: "タカハシ イチロウ".into(),
                organization: (*organization).into(),
                title: "専務".into(),
                category: "アトツギ".into(),
                token: TicketToken::from_random([i as u8 + 1; 10]),
            })
            .collect(),
    }
}

fn seats() -> Vec<ChartSeat> {
    let mut seats: Vec<ChartSeat> = PEOPLE
        .iter()
        .enumerate()
        .map(|(i, (name, organization))| ChartSeat {
            zone: SeatZone::Stakeholder,
            block: "A".into(),
            seat: format!("A-{}", i + 1),
            attendee_id: Some(AttendeeId(i as i64 + 1)),
            name: Some((*name).into()),
            organization: Some((*organization).into()),
        })
        .collect();
    seats.push(ChartSeat {
        zone: SeatZone::General,
        block: "B".into(),
        seat: "B-1".into(),
        attendee_id: None,
        name: None,
        organization: None,
    });
    seats
}

fn minutes(
    items: &[AgendaItem],
    notes: &[MinutesNote],
    photo: Option<MinutesPhoto>,
) -> Result<Vec<u8>, ReportError> {
    let event = event();
    let head = DocumentHead {
        event: &event,
        lang: Lang::Ja,
        disclosure: Disclosure::Internal,
        offset: chrono::FixedOffset::east_opt(9 * 3600).unwrap(),
    };
    let minutes_items: Vec<MinutesItem<'_>> = items
        .iter()
        .map(|item| MinutesItem {
            item,
            talk_summary: if item.id.0 == 1 {
                "𠮷田氏が会議棟の改修と山﨑酒造の事業承継を紹介した。"
            } else {
                ""
            },
            decisions: if item.id.0 == 1 {
                "髙橋氏が次回の議事録を担当する。"
            } else {
                ""
            },
            follow_ups: "",
            notes: if item.id.0 == 1 { notes } else { &[] },
            photos: if item.id.0 == 1 {
                photo.clone().into_iter().collect()
            } else {
                Vec::new()
            },
        })
        .collect();
    minutes_pdf(&head, &minutes_items)
}

fn run(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is installed by scripts/test.sh: {e}"));
    assert!(
        output.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Reads the PDF back and checks the text layer and the fonts.
fn assert_reads_back(what: &str, pdf: &[u8], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{what}.pdf"));
    std::fs::write(&path, pdf).unwrap();

    // Lines wrap and table cells are spaced out: compare without white space.
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = squeeze(&run("pdftotext", &["-enc", "UTF-8", "-raw"], &path));
    for expected in expected {
        for c in expected.chars().filter(|c| !c.is_whitespace()) {
            assert!(
                text.contains(c),
                "{what}: “{c}” (U+{:04X}) of “{expected}” is missing from the text layer:\n{text}",
                c as u32
            );
        }
        assert!(
            text.contains(&squeeze(expected)),
            "{what}: “{expected}” is not whole in the text layer:\n{text}"
        );
    }

    // name type encoding emb sub uni object ID: after the two header lines, one font a line.
    let listing = Command::new("pdffonts")
        .arg(&path)
        .output()
        .expect("pdffonts (poppler-utils)");
    let listing = String::from_utf8(listing.stdout).unwrap();
    let ours: Vec<&str> = shipped_font_names().collect();
    let mut used = Vec::new();
    for line in listing.lines().skip(2) {
        let columns: Vec<&str> = line.split_whitespace().collect();
        let name = columns[0].split_once('+').map_or(columns[0], |(_, name)| name);
        // A CFF font (the fallback) is embedded as a composite font named with its encoding.
        let name = name.strip_suffix("-Identity-H").unwrap_or(name);
        assert!(
            ours.contains(&name),
            "{what}: embeds {name}, not one of ours {ours:?}:\n{listing}"
        );
        let n = columns.len();
        assert_eq!(columns[n - 5], "yes", "{what}: {name} is embedded:\n{listing}");
        assert_eq!(
            columns[n - 3],
            "yes",
            "{what}: {name} maps to Unicode:\n{listing}"
        );
        used.push(name.to_string());
    }
    assert!(
        used.iter().any(|n| n == "TsudoiFallbackJP-Regular"),
        "{what}: 𠮷 comes from the fallback font: {used:?}"
    );
    assert!(
        used.iter().any(|n| n.starts_with("BIZUDPGothic")),
        "{what}: the Gothic sets the rest: {used:?}"
    );
}

#[test]
fn ticket_cards_keep_every_character_with_only_our_fonts() {
    system_fonts_off();
    let pdf = ticket_cards_pdf(&cards(&PEOPLE)).unwrap();
    let mut expected = vec![EVENT_TITLE, VENUE, "受付票", "非公表用", "タカハシイチロウ"];
    expected.extend(PEOPLE.iter().flat_map(|(n, o)| [*n, *o]));
    assert_reads_back("tickets", &pdf, &expected);
}

#[test]
fn the_seat_chart_keeps_every_character_with_only_our_fonts() {
    system_fonts_off();
    let pdf = seat_chart_pdf(EVENT_TITLE, "2026-07-25 13:30–17:00", &seats(), Lang::Ja).unwrap();
    let mut expected = vec![
        EVENT_TITLE,
        "座席表",
        "関係者席",
        "一般者席",
        "着席 3 / 3 席",
        "A-3",
        "B-1",
    ];
    expected.extend(PEOPLE.iter().flat_map(|(n, o)| [*n, *o]));
    assert_reads_back("seat-chart", &pdf, &expected);
}

#[test]
fn the_programme_keeps_every_character_with_only_our_fonts() {
    system_fonts_off();
    let pdf = agenda_pdf(&event(), &items(), Lang::Ja, Disclosure::Public).unwrap();
    let mut expected = vec![
        EVENT_TITLE,
        VENUE,
        "公表用",
        "開会挨拶",
        "事業承継と地域の未来",
        "基調講演",
        "会場＋オンライン",
        "13:40–14:40",
    ];
    expected.extend(PEOPLE.iter().flat_map(|(n, o)| [*n, *o]));
    assert_reads_back("programme", &pdf, &expected);
}

#[test]
fn the_minutes_keep_every_character_with_only_our_fonts() {
    system_fonts_off();
    let photo = MinutesPhoto {
        file_name: "ab12.png".into(),
        caption: "会議棟の正面で𠮷田氏".into(),
        bytes: tsudoi_report::qr::ticket_png(&TicketToken::from_random([9; 10]), 2).unwrap(),
    };
    let notes = [
        note(1, 1, "髙橋氏より質問: 会議棟の耐震化は？"),
        note(2, 1, "山﨑氏が回答"),
    ];
    let pdf = minutes(&items(), &notes, Some(photo)).unwrap();
    let expected = [
        "議事録",
        EVENT_TITLE,
        VENUE,
        "事業承継と地域の未来",
        "𠮷田氏が会議棟の改修と山﨑酒造の事業承継を紹介した。",
        "髙橋氏が次回の議事録を担当する。",
        "髙橋氏より質問: 会議棟の耐震化は？",
        "山﨑氏が回答",
        "会議棟の正面で𠮷田氏",
        "講演概要",
        "決定事項",
    ];
    assert_reads_back("minutes", &pdf, &expected);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let listing = String::from_utf8(Command::new("pdffonts").arg(&path).output().unwrap().stdout).unwrap();
    assert!(
        listing.contains("BIZUDPMincho-Regular"),
        "the running text is set in Mincho:\n{listing}"
    );
}

#[test]
fn a_character_outside_every_font_refuses_the_document_and_says_where() {
    system_fonts_off();
    // A private-use character (a 外字 from an old system) in an organisation.
    let err = ticket_cards_pdf(&cards(&[PEOPLE[0], ("佐藤 次郎", "佐藤\u{E000}工務店")])).unwrap_err();
    assert_eq!(err.code(), "report.missing_glyph");
    let ja = err.message(Lang::Ja);
    for part in [
        "U+E000",
        "「佐藤 次郎」",
        "所属",
        "佐藤\u{E000}工務店",
        "置き換える",
    ] {
        assert!(ja.contains(part), "{part} in {ja}");
    }
    let en = err.message(Lang::En);
    for part in ["U+E000", "“佐藤 次郎”", "organization", "Replace"] {
        assert!(en.contains(part), "{part} in {en}");
    }

    // An emoji in a note of the minutes names the agenda item.
    let notes = [note(1, 1, "拍手👏多数")];
    let err = minutes(&items(), &notes, None).unwrap_err();
    let ja = err.message(Lang::Ja);
    for part in ["U+1F44F", "「事業承継と地域の未来」", "メモ", "拍手👏多数"] {
        assert!(ja.contains(part), "{part} in {ja}");
    }

    // An unassigned code point (U+0378) in a person's name, on the seat chart and the programme.
    let mut seats = seats();
    seats[0].name = Some("鈴木\u{378}".into());
    let err = seat_chart_pdf(EVENT_TITLE, "", &seats, Lang::En).unwrap_err();
    assert!(
        err.message(Lang::En).contains("U+0378"),
        "{}",
        err.message(Lang::En)
    );
    let mut items = items();
    items[0].details.title = "開会\u{F8FF}".into();
    let err = agenda_pdf(&event(), &items, Lang::Ja, Disclosure::Internal).unwrap_err();
    assert!(
        err.message(Lang::Ja).contains("U+F8FF"),
        "{}",
        err.message(Lang::Ja)
    );
}

#[test]
fn the_templates_fixed_text_is_in_our_fonts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(fonts::first_missing(&text), None, "{}", path.display());
        assert!(
            text.contains("#import \"/fonts.typ\""),
            "{} sets its text in the shipped fonts",
            path.display()
        );
        n += 1;
    }
    assert!(n >= 4, "tickets, seat chart, programme and minutes");
}

#[test]
fn the_fixed_words_documents_print_are_in_our_fonts() {
    use tsudoi_core::Category;
    for lang in [Lang::Ja, Lang::En] {
        let mut words: Vec<&str> = Vec::new();
        words.extend(Category::ALL.iter().map(|c| c.label(lang)));
        words.extend(AgendaKind::ALL.iter().map(|k| k.label(lang)));
        words.extend(ItemPlace::ALL.iter().map(|p| p.label(lang)));
        words.extend(SeatZone::ALL.iter().map(|z| z.label(lang)));
        words.extend(
            tsudoi_core::money::withholding::PayeeKind::ALL
                .iter()
                .map(|k| k.label(lang)),
        );
        words.extend(
            tsudoi_core::money::withholding::TravelPaidTo::ALL
                .iter()
                .map(|p| p.label(lang)),
        );
        words.extend([Disclosure::Public.label(), Disclosure::Internal.label()]);
        for word in words {
            assert_eq!(fonts::first_missing(word), None, "{word}");
        }
    }
}

#[test]
fn the_payment_statement_and_receipt_keep_every_character_with_only_our_fonts() {
    use tsudoi_core::money::payment::{PayeeId, Payment, PaymentId};
    use tsudoi_core::money::withholding::{PaymentTerms, TravelLine, TravelPaidTo};
    use tsudoi_core::money::Yen;
    use tsudoi_report::payment::{payment_receipt_pdf, payment_statement_pdf, PaymentSheet};
    system_fonts_off();
    let (name, _) = PEOPLE[2];
    let terms = PaymentTerms {
        fee: Yen(100_000),
        travel: vec![TravelLine {
            description: "新幹線 東京－仙台".into(),
            amount: Yen(23_000),
            paid_to: TravelPaidTo::Payee,
            receipt_sha256: None,
        }],
        ..PaymentTerms::default()
    };
    let payments = vec![(
        Payment {
            id: PaymentId(1),
            payee_id: PayeeId(1),
            payee_name: name.into(),
            event_id: None,
            paid_on: NaiveDate::from_ymd_opt(2026, 7, 31).unwrap(),
            calculation: terms.calculate().unwrap(),
            terms,
            notes: String::new(),
            voided_reason: None,
        },
        EVENT_TITLE.to_string(),
    )];
    for lang in [Lang::Ja, Lang::En] {
        let sheet = PaymentSheet {
            lang,
            payee_name: name,
            payee_kind: "個人",
            payer: "株式会社髙島屋商店",
            payments: &payments,
            printed_on: "2026-07-31".into(),
        };
        let figures = ["¥123,000", "¥12,558", "¥110,442", "非公表用", name, EVENT_TITLE];
        assert_reads_back(
            "payment-statement",
            &payment_statement_pdf(&sheet).unwrap(),
            &figures,
        );
        assert_reads_back(
            "payment-receipt",
            &payment_receipt_pdf(&sheet).unwrap(),
            &figures[1..],
        );
    }
}

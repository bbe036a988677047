//! The survey on a real database with real files: Forms-like answer exports in UTF-8 with a BOM,
//! Shift_JIS and XLSX, and the real Microsoft Forms export in /work/shared/samples (copied into
//! tests/fixtures); the import builds the questionnaire, reads the same file again without
//! change, reports the rows it cannot take by number; paper sheets; the results.

use std::path::{Path, PathBuf};

use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
use encoding_rs::SHIFT_JIS;
use tsudoi_app::survey::{self, RowNoteKind, SurveyImportOptions};
use tsudoi_app::{Clock, Ctx, Database};
use tsudoi_core::hearing::{HearingDraft, Quote};
use tsudoi_core::survey::{Answer, QuestionKind, Response};
use tsudoi_core::{AttendanceMode, Category, EventDraft, EventId, Lang, Localized};

struct Office {
    dir: tempfile::TempDir,
    db: Database,
    event: EventId,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 10, 24).unwrap();
        let event = {
            let mut ctx = Ctx::new(&mut db, Lang::Ja, clock());
            tsudoi_app::events::create(&mut ctx, EventDraft::new("第2回 交流会", date))
                .unwrap()
                .id
        };
        Office { dir, db, event }
    }

    fn ctx(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.db, Lang::Ja, clock())
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn import(&mut self, path: &Path, options: &SurveyImportOptions) -> survey::SurveyImport {
        let event = self.event;
        survey::import_answers(&mut self.ctx(), event, path, options).unwrap()
    }
}

fn clock() -> Clock {
    Clock::fixed(
        Utc.with_ymd_and_hms(2026, 10, 24, 9, 0, 0).unwrap(),
        FixedOffset::east_opt(9 * 3600).unwrap(),
    )
}

const HEADER: [&str; 9] = [
    "ID",
    "開始時刻",
    "完了時刻",
    "メール",
    "名前",
    "本日のセミナーの満足度をお聞かせください",
    "ご所属の区分",
    "参考になったプログラム（複数回答可）",
    "ご意見・ご感想",
];

fn rows() -> Vec<[&'static str; 9]> {
    vec![
        [
            "1",
            "10/24/26 16:00:05",
            "10/24/26 16:02:41",
            "anonymous",
            "",
            "満足",
            "支援機関",
            "基調講演;交流;",
            "",
        ],
        [
            "2",
            "10/24/26 16:01:05",
            "10/24/26 16:03:41",
            "anonymous",
            "",
            "大変満足",
            "後継者・後継者候補",
            "基調講演;",
            "音声が途切れた。",
        ],
        [
            "3",
            "10/24/26 16:02:05",
            "10/24/26 16:04:41",
            "anonymous",
            "",
            "大変満足",
            "後継者・後継者候補",
            "交流;",
            "",
        ],
        [
            "4",
            "10/24/26 16:03:05",
            "10/24/26 16:05:41",
            "anonymous",
            "",
            "やや不満",
            "経営者",
            "基調講演;交流;",
            "=cmd|' /C calc'!A0",
        ],
    ]
}

fn csv_text(rows: &[[&str; 9]]) -> String {
    let mut text = String::new();
    for line in std::iter::once(HEADER).chain(rows.iter().copied()) {
        let cells: Vec<String> = line
            .iter()
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    text
}

fn xlsx_bytes(rows: &[[&str; 9]]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, line) in std::iter::once(HEADER).chain(rows.iter().copied()).enumerate() {
        for (c, cell) in line.iter().enumerate() {
            // Forms' own XLSX writes the ID and the scale as numbers.
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r as u32, c as u16, n).unwrap(),
                Err(_) => sheet.write_string(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    workbook.save_to_buffer().unwrap()
}

#[test]
fn forms_exports_in_every_encoding_read_the_same_and_a_second_import_changes_nothing() {
    let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), csv_text(&rows()).as_bytes()].concat();
    let text = csv_text(&rows());
    let (sjis, _, lost) = SHIFT_JIS.encode(&text);
    assert!(!lost);
    let files: [(&str, Vec<u8>); 3] = [
        ("answers-utf8bom.csv", utf8_bom),
        ("answers-sjis.csv", sjis.into_owned()),
        ("answers.xlsx", xlsx_bytes(&rows())),
    ];
    let mut seen = Vec::new();
    for (name, bytes) in files {
        let mut office = Office::new();
        let path = office.file(name, &bytes);
        let first = office.import(&path, &SurveyImportOptions::default());
        assert!(
            first.made_questionnaire,
            "{name}: the headers make the questionnaire"
        );
        assert_eq!(
            (first.added, first.unchanged, first.left_out),
            (4, 0, 0),
            "{name}: {first:?}"
        );
        let kinds: Vec<QuestionKind> = first.questions.iter().map(|q| q.kind).collect();
        assert_eq!(
            kinds,
            [
                QuestionKind::Scale,
                QuestionKind::Single,
                QuestionKind::Multiple,
                QuestionKind::FreeText
            ],
            "{name}"
        );
        let again = office.import(&path, &SurveyImportOptions::default());
        assert!(!again.made_questionnaire);
        assert_eq!(
            (again.added, again.unchanged),
            (0, 4),
            "{name}: the same file again changes nothing"
        );

        let event = office.event;
        let results = survey::results(&office.ctx(), event).unwrap();
        assert_eq!(results.results.responses, 4, "{name}");
        let json = serde_json::to_value(&results).unwrap();
        assert_eq!(json["responses"], 4);
        assert_eq!(json["questions"][0]["mean"], 4.0, "{name}: (4 + 5 + 5 + 2) / 4");
        assert_eq!(json["questions"][2]["counts"]["基調講演"], 3, "{name}");
        assert_eq!(json["questions"][2]["counts"]["交流"], 3, "{name}");
        assert_eq!(
            json["questions"][3]["texts"][1], "=cmd|' /C calc'!A0",
            "kept as written"
        );
        seen.push(json["questions"].clone());
    }
    assert_eq!(seen[0], seen[1], "UTF-8 and Shift_JIS read the same");
    assert_eq!(seen[0], seen[2], "CSV and XLSX read the same");
}

#[test]
fn rows_that_cannot_be_taken_are_reported_by_number_never_guessed() {
    let mut office = Office::new();
    let path = office.file("v1.csv", csv_text(&rows()).as_bytes());
    office.import(&path, &SurveyImportOptions::default());

    // The next export of the same form: two more rows, one with an answer the form never
    // offered, one sent after the survey closed.
    let mut more = rows();
    more.push([
        "5",
        "",
        "10/24/26 17:00:00",
        "anonymous",
        "",
        "最高",
        "支援機関",
        "交流;",
        "",
    ]);
    more.push([
        "6",
        "",
        "11/20/26 09:00:00",
        "anonymous",
        "",
        "満足",
        "支援機関",
        "交流;",
        "",
    ]);
    more.push([
        "7",
        "",
        "10/25/26 09:00:00",
        "anonymous",
        "",
        "不満",
        "経営者",
        "交流;",
        "",
    ]);
    let path = office.file("v1-later.csv", csv_text(&more).as_bytes());
    let options = SurveyImportOptions {
        closes_on: NaiveDate::from_ymd_opt(2026, 10, 31),
        ..SurveyImportOptions::default()
    };
    let done = office.import(&path, &options);
    assert_eq!((done.added, done.unchanged, done.left_out), (1, 4, 2), "{done:?}");
    let notes: Vec<(u32, RowNoteKind)> = done.rows.iter().map(|n| (n.row, n.kind)).collect();
    assert_eq!(
        notes,
        [(6, RowNoteKind::Unreadable), (7, RowNoteKind::Late)],
        "row numbers as the sheet shows them"
    );
    assert!(done.rows[0].message.contains("最高"), "{}", done.rows[0].message);

    // A dry run says the same and writes nothing.
    let dry = office.import(
        &path,
        &SurveyImportOptions {
            dry_run: true,
            ..options.clone()
        },
    );
    assert_eq!(dry.left_out, 2);
    let event = office.event;
    assert_eq!(
        survey::results(&office.ctx(), event).unwrap().results.responses,
        5
    );

    // The form changed (a question added): refused until the person says it is a new version.
    let mut header = csv_text(&rows());
    header = header.replacen("\"ご意見・ご感想\"", "\"ご意見・ご感想\",\"参加方法\"", 1);
    let changed: String = header
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                line.to_string()
            } else {
                format!("{line},\"会場\"")
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    let path2 = office.file("v2.csv", changed.replace("\"1\",", "\"11\",").as_bytes());
    let refused = survey::import_answers(&mut office.ctx(), event, &path2, &SurveyImportOptions::default())
        .unwrap_err();
    assert_eq!(refused.code(), "survey.other_questions");
    assert!(
        refused.message(Lang::Ja).contains("参加方法"),
        "{}",
        refused.message(Lang::Ja)
    );
    let v2 = office.import(
        &path2,
        &SurveyImportOptions {
            new_version: true,
            ..SurveyImportOptions::default()
        },
    );
    assert_eq!(v2.version, 2);
    assert_eq!(v2.added, 1, "only the row with a new identity is new: {v2:?}");

    // The old file again: its rows are answers to version 1, said so row by row.
    let old = office.import(&path, &options);
    assert_eq!(old.version, 1);
    assert!(old.rows.iter().any(|n| n.kind == RowNoteKind::OlderVersion));
    let results = survey::results(&office.ctx(), event).unwrap();
    assert_eq!(results.version, Some(2));
    assert_eq!(results.results.responses, 6);
    assert_eq!(results.by_version.iter().map(|c| c.n).collect::<Vec<_>>(), [5, 1]);
}

#[test]
fn the_real_microsoft_forms_export_reads() {
    let mut office = Office::new();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/survey-msforms-utf8bom.csv");
    let done = office.import(&sample, &SurveyImportOptions::default());
    assert_eq!((done.added, done.left_out), (25, 0), "{done:?}");
    let kinds: Vec<(&str, QuestionKind)> = done.questions.iter().map(|q| (q.text.as_str(), q.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("本日のセミナーの満足度をお聞かせください", QuestionKind::Scale),
            ("ご所属の区分", QuestionKind::Single),
            ("参考になったプログラム(複数回答可)", QuestionKind::Multiple),
            ("参加者同士の交流は十分でしたか(1〜5)", QuestionKind::Scale),
            ("ご意見・ご感想", QuestionKind::FreeText),
        ]
    );
    let event = office.event;
    let results = survey::results(&office.ctx(), event).unwrap();
    let programmes = &results.results.questions[2];
    let total: u32 = programmes.counts.iter().map(|c| c.n).sum();
    assert!(
        total > programmes.answers,
        "a multiple choice counts under each choice it picked"
    );
    let atotsugi = results
        .by_category
        .first()
        .unwrap()
        .groups
        .iter()
        .find(|g| g.group == tsudoi_core::survey::Group::Category(Category::Atotsugi))
        .unwrap();
    assert_eq!(atotsugi.answers, 13, "後継者・後継者候補 reads as アトツギ");
}

#[test]
fn paper_sheets_are_numbered_and_the_same_sheet_twice_is_caught() {
    let mut office = Office::new();
    let path = office.file("answers.csv", csv_text(&rows()).as_bytes());
    office.import(&path, &SurveyImportOptions::default());
    let event = office.event;
    let sheet = |point: u8| Response {
        category: Some(Category::Atotsugi),
        mode: Some(AttendanceMode::Venue),
        answers: vec![
            Answer::Scale(point),
            Answer::Blank,
            Answer::Choice(vec![0]),
            Answer::Blank,
        ],
    };
    let first = survey::enter_paper_sheet(&mut office.ctx(), event, None, sheet(5)).unwrap();
    assert_eq!((first.sheet_number, first.n_sheets, first.next_sheet), (1, 1, 2));
    let blank = Response {
        answers: vec![Answer::Blank; 4],
        ..Response::default()
    };
    let second = survey::enter_paper_sheet(&mut office.ctx(), event, None, blank).unwrap();
    assert_eq!(second.sheet_number, 2, "a blank sheet is allowed");
    let twice = survey::enter_paper_sheet(&mut office.ctx(), event, Some(1), sheet(1)).unwrap_err();
    assert_eq!(twice.code(), "store.duplicate_sheet");
    assert!(twice.message(Lang::Ja).contains("1 番"));
    let results = survey::results(&office.ctx(), event).unwrap();
    assert_eq!(results.results.responses, 6);
    assert_eq!(results.rate.venue_answers, 1);
}

#[test]
fn hearings_are_summed_up_by_tag_without_names_in_public() {
    let mut office = Office::new();
    let event = office.event;
    survey::add_hearing(
        &mut office.ctx(),
        HearingDraft {
            event_id: Some(event.0),
            person: "山田 太郎".into(),
            held_at: "2026-10-24 17:00".into(),
            quote_consent: true,
            tags: vec!["課題".into()],
            quotes: vec![Quote {
                text: "相談先が分からない".into(),
                tag: String::new(),
                publishable: true,
            }],
            ..HearingDraft::default()
        },
    )
    .unwrap();
    let public = survey::hearing_summary(&office.ctx(), Some(event), true).unwrap();
    assert_eq!(public[0].tag, "課題");
    assert_eq!(public[0].quotes[0].said_by, None);
    let internal = survey::hearing_summary(&office.ctx(), Some(event), false).unwrap();
    assert_eq!(internal[0].quotes[0].said_by.as_deref(), Some("山田 太郎"));
}

fn pdf_text(path: &Path) -> String {
    // The PDF's text layer as pdftotext reads it, when the tool is there; else the raw bytes
    // (typst writes the text as glyph ids, so only the file name and size are checked then).
    match std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
    {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        _ => String::new(),
    }
}

#[test]
fn the_documents_carry_their_edition_and_a_text_naming_a_person_is_kept_out_of_public_ones() {
    let mut office = Office::new();
    let event = office.event;
    tsudoi_app::attendees::add(
        &mut office.ctx(),
        event,
        tsudoi_core::AttendeeDraft::new("山田 太郎"),
    )
    .unwrap();
    let mut named = rows();
    named[0][8] = "山田太郎さんの話が参考になった";
    let path = office.file("answers.csv", csv_text(&named).as_bytes());
    office.import(&path, &SurveyImportOptions::default());
    let out = office.dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let replace = tsudoi_app::output::Replace(false);

    let public = survey::export_report(&mut office.ctx(), event, &out, true, replace).unwrap();
    assert!(public.file.ends_with("調査報告書_公表用.pdf"), "{}", public.file);
    assert_eq!(public.flagged.len(), 1, "the text naming 山田 太郎 is flagged");
    let internal = survey::export_report(&mut office.ctx(), event, &out, false, replace).unwrap();
    assert!(internal.file.ends_with("調査報告書_非公表用.pdf"));
    let (public_text, internal_text) = (
        pdf_text(Path::new(&public.file)),
        pdf_text(Path::new(&internal.file)),
    );
    if !public_text.is_empty() {
        assert!(public_text.contains("公表用") && !public_text.contains("非公表用"));
        assert!(
            !public_text.contains("山田太郎さん"),
            "kept out of the public edition"
        );
        assert!(
            internal_text.contains("山田太郎さん"),
            "the internal edition has every text"
        );
        assert!(public_text.contains("大変満足"));
    }
    let again = survey::export_report(&mut office.ctx(), event, &out, true, replace).unwrap_err();
    assert_eq!(again.code(), "file.exists", "never over a file unless asked");

    let book = survey::export_workbook(&mut office.ctx(), event, &out, false, replace).unwrap();
    assert!(book.file.ends_with("アンケート結果_非公表用.xlsx"));
    let bytes = std::fs::read(&book.file).unwrap();
    let mut archive =
        calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader;
    let names = archive.sheet_names();
    assert_eq!(names, ["回答", "集計"]);
    let answers = archive.worksheet_range("回答").unwrap();
    assert_eq!(answers.height(), 5, "a header and four answers");
    let formulas = archive.worksheet_formula("回答").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell runs as a formula"
    );

    let form = survey::paper_form(&mut office.ctx(), event, &out, replace).unwrap();
    assert!(
        form.file.ends_with("アンケート用紙_公表用.pdf"),
        "a blank form names nobody"
    );
    let text = pdf_text(Path::new(&form.file));
    if !text.is_empty() {
        assert!(
            text.contains("用紙番号") && text.contains("本日のセミナーの満足度"),
            "{text}"
        );
    }

    let log = tsudoi_app::privacy::log(&office.ctx(), 20).unwrap();
    let exports = log
        .iter()
        .filter(|l| l.action == tsudoi_core::privacy::AuditAction::SurveyExport)
        .count();
    assert_eq!(
        exports, 3,
        "two reports and the workbook are logged; the blank form is not personal data"
    );
}

#[test]
fn a_time_that_cannot_be_read_is_said_and_the_row_kept() {
    let mut office = Office::new();
    let mut odd = rows();
    odd[1][2] = "いつか";
    let path = office.file("odd.csv", csv_text(&odd).as_bytes());
    let done = office.import(
        &path,
        &SurveyImportOptions {
            closes_on: NaiveDate::from_ymd_opt(2026, 10, 31),
            ..SurveyImportOptions::default()
        },
    );
    assert_eq!((done.added, done.left_out), (4, 0), "{done:?}");
    let notes: Vec<(u32, RowNoteKind)> = done.rows.iter().map(|n| (n.row, n.kind)).collect();
    assert_eq!(notes, [(3, RowNoteKind::UnknownTime)]);
    assert!(done.rows[0].message.contains("いつか"));
}

/// The answers of the built-in questionnaire, by the cells a paper sheet would carry.
fn standard_cells(satisfaction: &str, prefecture: &str, size: &str) -> Vec<String> {
    let mut cells = vec![String::new(); 7];
    cells[0] = satisfaction.to_string();
    cells[5] = prefecture.to_string();
    cells[6] = size.to_string();
    cells
}

#[test]
fn one_questionnaire_shared_by_both_gatherings_has_results_per_gathering_and_together() {
    let mut office = Office::new();
    let first = office.event;
    let second = tsudoi_app::events::create(
        &mut office.ctx(),
        EventDraft::new("第1回 交流会", NaiveDate::from_ymd_opt(2026, 7, 25).unwrap()),
    )
    .unwrap()
    .id;
    let shared =
        survey::save_shared_questionnaire(&mut office.ctx(), survey::standard_questionnaire()).unwrap();
    assert_eq!(shared.event_id, None, "kept for the project, not an event");
    for event in [first, second] {
        let current = survey::questionnaire(&office.ctx(), event).unwrap().unwrap();
        assert_eq!(
            current.id, shared.id,
            "both gatherings answer the shared questionnaire"
        );
    }
    // Three sheets at the first gathering, four at the second.
    for (event, cells) in [
        (first, standard_cells("5", "宮城県", "6〜20人")),
        (first, standard_cells("4", "宮城県", "6〜20人")),
        (first, standard_cells("4", "宮城県", "301人以上")),
        (second, standard_cells("2", "東京都", "6〜20人")),
        (second, standard_cells("3", "東京都", "5人以下")),
        (second, standard_cells("3", "東京都", "6〜20人")),
        (second, standard_cells("1", "沖縄県", "")),
    ] {
        survey::enter_typed_sheet(&mut office.ctx(), event, None, None, None, &cells).unwrap();
    }
    let one = survey::results(&office.ctx(), first).unwrap();
    let two = survey::results(&office.ctx(), second).unwrap();
    let together = survey::results_together(&office.ctx()).unwrap();
    assert_eq!(
        (
            one.results.responses,
            two.results.responses,
            together.results.responses
        ),
        (3, 4, 7),
        "per gathering, and both together"
    );
    assert_eq!(one.results.questions[0].mean, Some(4.33));
    // 22 / 7 to two places (written as hundredths: clippy reads 3.14 as a wrong π).
    assert_eq!(
        together.results.questions[0]
            .mean
            .map(|mean| (mean * 100.0).round() as i64),
        Some(314),
        "22 / 7"
    );

    // Cross-tables by prefecture and company size; groups under three folded.
    let by_prefecture: Vec<(String, u32)> = together.by_prefecture[0]
        .groups
        .iter()
        .map(|g| (g.group.label(Lang::Ja), g.answers))
        .collect();
    assert_eq!(
        by_prefecture,
        [
            ("東京都".to_string(), 3),
            ("その他（少数のため統合）".to_string(), 4)
        ],
        "沖縄県 alone (1) is folded with the smallest other group (宮城県, the first of two of three), \
         so no cell shows fewer than three answers"
    );
    assert_eq!(
        one.by_prefecture[0].groups.len(),
        1,
        "宮城県 alone at the first gathering"
    );
    assert!(
        !together.by_company_size.is_empty(),
        "the company size of the about-you block is cross-tabulated"
    );
    let sizes: Vec<String> = together.by_company_size[0]
        .groups
        .iter()
        .map(|g| g.group.label(Lang::Ja))
        .collect();
    assert_eq!(
        sizes,
        [
            shared.questionnaire.questions[6].choices[1].clone(),
            "その他（少数のため統合）".to_string()
        ],
        "6〜20人 has four answers; the others and the blank (1 each) are folded together"
    );

    // A gathering that makes its own questions stops using the shared ones; the shared
    // answers it had are put in its terms, and the shared results are unchanged.
    let mut own = survey::standard_questionnaire();
    own.questions.truncate(4);
    let saved = survey::save_questionnaire(&mut office.ctx(), second, own).unwrap();
    assert_eq!(saved.event_id, Some(second.0));
    let two = survey::results(&office.ctx(), second).unwrap();
    assert_eq!(two.results.responses, 4);
    assert_eq!(two.results.questions.len(), 4);
    assert!(
        two.by_prefecture.is_empty(),
        "its own questions do not ask the prefecture"
    );
    assert_eq!(
        survey::results_together(&office.ctx()).unwrap().results.responses,
        7
    );
}

#[test]
fn the_kiosk_takes_one_answer_per_ticket_and_stays_anonymous_without_one() {
    let mut office = Office::new();
    let event = office.event;
    survey::save_questionnaire(&mut office.ctx(), event, survey::standard_questionnaire()).unwrap();
    let sato = tsudoi_app::attendees::add(
        &mut office.ctx(),
        event,
        tsudoi_core::AttendeeDraft {
            category: Category::Supporter,
            mode: AttendanceMode::Online,
            ..tsudoi_core::AttendeeDraft::new("佐藤 花子")
        },
    )
    .unwrap();
    let ticket = sato.ticket.clone().unwrap();
    let answers = || {
        let mut answers = vec![Answer::Blank; 7];
        answers[0] = Answer::Scale(4);
        Response {
            answers,
            ..Response::default()
        }
    };
    let visitor = survey::kiosk_ticket(&office.ctx(), event, ticket.as_str()).unwrap();
    assert_eq!(
        (visitor.category, visitor.mode),
        (Category::Supporter, AttendanceMode::Online)
    );
    assert_eq!(
        survey::kiosk_answer(&mut office.ctx(), event, answers(), Some(ticket.as_str())).unwrap(),
        1
    );
    // The same ticket again: refused at the scan and at the answer, nothing kept.
    let again = survey::kiosk_ticket(&office.ctx(), event, ticket.as_str()).unwrap_err();
    assert_eq!(again.code(), "store.ticket_already_answered");
    let again = survey::kiosk_answer(&mut office.ctx(), event, answers(), Some(ticket.as_str())).unwrap_err();
    assert_eq!(again.code(), "store.ticket_already_answered");
    // A ticket that is no registration of the event.
    let unknown = survey::kiosk_ticket(&office.ctx(), event, "not a ticket").unwrap_err();
    assert_eq!(unknown.code(), "survey.kiosk_ticket_unknown");
    // Without a ticket: anonymous, as many as people come.
    survey::kiosk_answer(&mut office.ctx(), event, answers(), None).unwrap();
    assert_eq!(
        survey::kiosk_answer(&mut office.ctx(), event, answers(), None).unwrap(),
        3
    );
    let results = survey::results(&office.ctx(), event).unwrap();
    assert_eq!(results.results.responses, 3);
    let stored = tsudoi_store::Store::open(&office.dir.path().join("tsudoi.sqlite3")).unwrap();
    let responses = stored.survey_responses(event).unwrap();
    assert_eq!(
        responses[0].response.category,
        Some(Category::Supporter),
        "the scanned answer knows the category"
    );
    assert_eq!(responses[1].response.category, None, "the anonymous one does not");
    let json = serde_json::to_string(&responses).unwrap();
    assert!(
        !json.contains("佐藤") && !json.contains(ticket.as_str()),
        "never the name or the ticket"
    );
}

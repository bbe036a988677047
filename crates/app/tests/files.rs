//! Importing and exporting real files against a real database file: the samples of
//! shared/samples, files generated here in every supported encoding, and broken ones.

use std::path::{Path, PathBuf};

use calamine::Reader;
use chrono::{FixedOffset, TimeZone, Utc};
use encoding_rs::SHIFT_JIS;
use tsudoi_app::exchange::{
    export_attendance, import_online_attendance, import_registrations, ExportFormat, ExportOutcome,
    ExportRequest, RegistrationOutcome, RegistrationRequest,
};
use tsudoi_app::{Clock, Ctx, Database};
use tsudoi_core::attendance::AttendanceSummary;
use tsudoi_core::{Category, EventDraft, EventId, Lang, Localized};
use tsudoi_exchange::export::CsvEncoding;
use tsudoi_store::{AttendeeQuery, Store};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/samples")
}

/// A database opened as the doors open it, and a second connection to the same file to set up
/// and inspect (the store is the only one that knows SQL).
struct Fixture {
    dir: tempfile::TempDir,
    db: Database,
    store: Store,
    event: EventId,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tsudoi.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 7, 25).unwrap();
    let event = store
        .create_event(EventDraft::new("第1回 アトツギ交流会", date), now())
        .unwrap()
        .id;
    let db = Database::open(&path).unwrap();
    Fixture {
        dir,
        db,
        store,
        event,
    }
}

fn clock() -> Clock {
    Clock::fixed(now(), FixedOffset::east_opt(9 * 3600).unwrap())
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap()
}

impl Fixture {
    fn ctx(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.db, Lang::Ja, clock()).acting_as(Some("tester"))
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn import(&mut self, path: &Path, request: &RegistrationRequest) -> Result<RegistrationOutcome, String> {
        let event = self.event;
        let mut ctx = self.ctx();
        import_registrations(&mut ctx, event, path, request)
            .map_err(|e| format!("{}: {}", e.code(), e.message(Lang::Ja)))
    }

    /// Every attendee as the export sees them, for before/after comparisons.
    fn snapshot(&self) -> String {
        format!("{:?}", self.store.attendance_lines(self.event).unwrap())
    }
}

fn apply() -> RegistrationRequest {
    RegistrationRequest::default()
}

#[test]
fn the_microsoft_forms_sample_imports_once() {
    let mut f = fixture();
    let path = samples().join("registrations-msforms-utf8bom.csv");
    let first = f.import(&path, &apply()).unwrap();
    assert_eq!(
        (first.result.imported, first.skipped.len(), first.warnings.len()),
        (30, 0, 0)
    );
    assert!(
        first.unmatched_categories.is_empty(),
        "every category word of the sample is known"
    );
    let people = f.store.attendees(f.event, &AttendeeQuery::default()).unwrap();
    let endo = people.iter().find(|p| p.details.name == "遠藤 美穂").unwrap();
    assert_eq!(endo.details.category, Category::Supporter, "士業 is a supporter");
    assert_eq!(
        endo.details.kana, "エンドウ ミホ",
        "readings are stored as katakana"
    );
    let before = f.snapshot();
    let second = f.import(&path, &apply()).unwrap();
    assert_eq!(
        (
            second.result.imported,
            second.result.updated,
            second.result.unchanged
        ),
        (0, 0, 30)
    );
    assert_eq!(f.snapshot(), before, "the same file twice changes nothing");
}

/// The same registrations in every shape an office produces them.
fn tricky_rows() -> Vec<[&'static str; 7]> {
    vec![
        [
            "タイムスタンプ",
            "氏名",
            "ふりがな",
            "会社名",
            "メールアドレス",
            "電話番号",
            "参加区分",
        ],
        [
            "2026/06/01 10:00:00",
            "髙橋 ①郎",
            "たかはし いちろう",
            "株式会社\"髙橋\"製作所, 仙台",
            "taka@example.jp",
            "022-111-2222",
            "アトツギ（後継者・後継者候補）",
        ],
        [
            "2026/06/02 11:00:00",
            "熊谷 一",
            "くまがい はじめ",
            "気仙沼信用金庫",
            "kuma@example.jp",
            "0226-22-3333",
            "金融機関",
        ],
        [
            "2026/06/03 12:00:00",
            "庄司 早苗",
            "しょうじ さなえ",
            "山形県商工会連合会\n経営支援課",
            "shoji@example.jp",
            "",
            "商工会",
        ],
    ]
}

fn csv_text(rows: &[[&str; 7]], delimiter: char) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter as u8)
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![]);
    for row in rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

fn xlsx_bytes(rows: &[[&str; 7]]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "2026年度 申込一覧（手入力）").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 2, c as u16, *cell).unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

#[test]
fn every_supported_encoding_and_format_gives_the_same_people() {
    let rows = tricky_rows();
    let text = csv_text(&rows, ',');
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let (cp932, _, lost) = SHIFT_JIS.encode(&text);
    assert!(!lost, "髙 and ① are CP932 (IBM and NEC extensions)");
    let utf16 = |big: bool, text: &str| -> Vec<u8> {
        let mut out = if big { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        out.extend(
            text.encode_utf16()
                .flat_map(|u| if big { u.to_be_bytes() } else { u.to_le_bytes() }),
        );
        out
    };
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("utf8.csv", text.as_bytes().to_vec()),
        ("utf8-bom.csv", bom),
        ("cp932.csv", cp932.into_owned()),
        ("utf16le.txt", utf16(false, &csv_text(&rows, '\t'))),
        ("utf16be.csv", utf16(true, &text)),
        ("sheet.xlsx", xlsx_bytes(&rows)),
    ];
    let mut expected: Option<String> = None;
    for (name, bytes) in files {
        let mut f = fixture();
        let path = f.write(name, &bytes);
        let outcome = f
            .import(&path, &apply())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(outcome.result.imported, 3, "{name}");
        let people: Vec<String> = f
            .store
            .attendees(f.event, &AttendeeQuery::default())
            .unwrap()
            .into_iter()
            .map(|p| {
                let d = p.details;
                format!(
                    "{}|{}|{}|{}|{}|{}",
                    d.name,
                    d.kana,
                    d.organization,
                    d.email,
                    d.phone,
                    d.category.as_str()
                )
            })
            .collect();
        let people = people.join("\n");
        assert!(
            people.contains("髙橋 1郎|タカハシ イチロウ|株式会社\"髙橋\"製作所, 仙台"),
            "{name}: {people}"
        );
        assert!(
            people.contains("山形県商工会連合会 経営支援課"),
            "{name}: a line break in a cell is kept as a space"
        );
        match &expected {
            None => expected = Some(people),
            Some(first) => assert_eq!(&people, first, "{name} gives the same people as UTF-8"),
        }
    }
}

/// The bytes up to a character boundary at or before `at`: a file cut in the middle of a row.
fn cut_at_char(bytes: &[u8], at: usize) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).unwrap();
    let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap();
    bytes[..at].to_vec()
}

/// The bytes up to the middle of a multi-byte character after `at`.
fn cut_inside_char(bytes: &[u8], at: usize) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).unwrap();
    let at = (at..bytes.len()).find(|i| !text.is_char_boundary(*i)).unwrap();
    bytes[..at].to_vec()
}

#[test]
fn broken_files_give_a_clear_message_and_change_nothing() {
    let mut f = fixture();
    f.import(&samples().join("registrations-msforms-utf8bom.csv"), &apply())
        .unwrap();
    let before = f.snapshot();
    let n_log = f.store.audit_log(100).unwrap().len();
    let sample = std::fs::read(samples().join("registrations-msforms-utf8bom.csv")).unwrap();
    let mut zip_junk = b"PK\x03\x04".to_vec();
    zip_junk.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.csv", vec![], "import.empty"),
        (
            "cut-in-a-quote.csv",
            b"\xEF\xBB\xBF\xE6\xB0\x8F\xE5\x90\x8D,\xE5\x82\x99\xE8\x80\x83\r\nA,\"unfinished".to_vec(),
            "import.unclosed_quote",
        ),
        (
            "cut-mid-row.csv",
            cut_at_char(&sample, sample.len() / 2),
            "import.ragged_row",
        ),
        (
            "cut-mid-character.csv",
            cut_inside_char(&sample, sample.len() / 2),
            "import.broken_text",
        ),
        (
            "junk.bin",
            (0..4096u32).map(|i| (i * 31 % 256) as u8).collect(),
            "import.not_text",
        ),
        (
            "latin1.csv",
            b"name,org\n\xE9\xE8\xFF\xFE\xFD,x\n".to_vec(),
            "import.unknown_encoding",
        ),
        ("broken.xlsx", zip_junk, "import.spreadsheet"),
        (
            "no-header.csv",
            "1,2,3\n4,5,6\n".as_bytes().to_vec(),
            "import.no_header",
        ),
    ];
    for (name, bytes, code) in cases {
        let path = f.write(name, &bytes);
        let error = f.import(&path, &apply()).unwrap_err();
        assert!(error.starts_with(code), "{name}: expected {code}, got {error}");
        assert!(
            error.contains("何も取り込んでいません"),
            "{name}: the message says nothing changed: {error}"
        );
    }
    assert_eq!(f.snapshot(), before, "no broken file changed anything");
    assert_eq!(
        f.store.audit_log(100).unwrap().len(),
        n_log,
        "a refused file is not logged as imported"
    );
}

#[test]
fn duplicates_consent_and_bad_rows_are_reported_by_row() {
    let mut f = fixture();
    let text = "\u{FEFF}回答日時,お名前,会社名,メール,参加区分,個人情報の取扱いに同意します\r\n\
        2026/06/01 09:00,大友 慎吾,大友醤油,otomo@example.jp,アトツギ,はい\r\n\
        2026/06/05 09:00,大友 慎吾,大友醤油株式会社,OTOMO@example.jp,アトツギ,はい\r\n\
        2026/06/02 09:00,,名無し商店,noname@example.jp,アトツギ,はい\r\n\
        2026/06/03 09:00,熊谷 一,気仙沼信用金庫,kuma@example.jp,金融機関,いいえ\r\n\
        2026/06/04 09:00,遠藤 美穂,遠藤会計事務所,endo.example.jp,学生,はい\r\n";
    let path = f.write("forms.csv", text.as_bytes());
    let dry = f
        .import(
            &path,
            &RegistrationRequest {
                dry_run: true,
                ..apply()
            },
        )
        .unwrap();
    assert_eq!(
        f.store
            .attendees(f.event, &AttendeeQuery::default())
            .unwrap()
            .len(),
        0,
        "a dry run keeps nothing"
    );
    // 学生 is a word no rule knows: the import waits for a person's decision, changing nothing.
    let undecided = f.import(&path, &apply()).unwrap_err();
    assert!(undecided.starts_with("import.category_undecided"), "{undecided}");
    assert!(
        undecided.contains("学生"),
        "the message names the word: {undecided}"
    );
    assert_eq!(
        f.store
            .attendees(f.event, &AttendeeQuery::default())
            .unwrap()
            .len(),
        0,
        "nothing imported before the decision"
    );
    let decided = RegistrationRequest {
        category_choices: [("学生".to_string(), tsudoi_core::Category::Other)]
            .into_iter()
            .collect(),
        ..apply()
    };
    let outcome = f.import(&path, &decided).unwrap();
    assert_eq!(
        dry.result.imported, outcome.result.imported,
        "the dry run said what the import did"
    );
    assert_eq!(outcome.result.imported, 2, "大友 (twice, merged) and 遠藤");
    assert_eq!(outcome.result.merged, 1);
    let skipped: Vec<(u32, String)> = outcome
        .skipped
        .iter()
        .map(|s| {
            (
                s.row,
                serde_json::to_value(s.code)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        skipped,
        [(4, "no_name".to_string()), (5, "no_consent".to_string())]
    );
    assert_eq!(
        outcome.warnings.len(),
        1,
        "the bad email is a warning, not a refusal"
    );
    assert_eq!(outcome.warnings[0].row, 6);
    assert_eq!(dry.unmatched_categories[0].word, "学生");
    assert_eq!(dry.unmatched_categories[0].rows, [6]);
    assert!(
        outcome.unmatched_categories.is_empty(),
        "decided before the import"
    );
    let people = f.store.attendees(f.event, &AttendeeQuery::default()).unwrap();
    let otomo = people.iter().find(|p| p.details.name == "大友 慎吾").unwrap();
    assert_eq!(
        otomo.details.organization, "大友醤油株式会社",
        "the newest answer wins"
    );
    let endo = people.iter().find(|p| p.details.name == "遠藤 美穂").unwrap();
    assert_eq!(
        endo.details.email, "",
        "the bad email is not stored as an address"
    );
    assert!(
        endo.details.notes.contains("endo.example.jp"),
        "but kept in the notes"
    );
    assert_eq!(endo.details.category, Category::Other);

    // The person decides what 学生 means: the next import of the file changes only that.
    let decided = RegistrationRequest {
        category_choices: [("学生".to_string(), Category::Senior)].into_iter().collect(),
        ..apply()
    };
    let again = f.import(&path, &decided).unwrap();
    assert_eq!((again.result.imported, again.result.updated), (0, 1));
    let remembered = f.import(&path, &apply()).unwrap();
    assert_eq!(
        remembered.result.updated, 0,
        "the decision is remembered for the next import"
    );
    assert!(remembered.unmatched_categories.is_empty());
}

#[test]
fn excel_drops_the_leading_zero_of_a_phone_number_and_the_import_restores_it() {
    let mut f = fixture();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, head) in ["氏名", "電話番号", "メールアドレス"].iter().enumerate() {
        sheet.write_string(0, c as u16, *head).unwrap();
    }
    sheet.write_string(1, 0, "大友 慎吾").unwrap();
    sheet.write_number(1, 1, 9012345678.0).unwrap();
    sheet.write_string(1, 2, "otomo@example.jp").unwrap();
    let path = f.write("phones.xlsx", &workbook.save_to_buffer().unwrap());
    f.import(&path, &apply()).unwrap();
    let person = &f.store.attendees(f.event, &AttendeeQuery::default()).unwrap()[0];
    assert_eq!(person.details.phone, "09012345678");
}

#[test]
fn the_teams_sample_marks_online_attendance_and_lists_the_unmatched() {
    let mut f = fixture();
    f.import(&samples().join("registrations-msforms-utf8bom.csv"), &apply())
        .unwrap();
    let report = samples().join("teams-attendance-report.csv");
    let event = f.event;
    let outcome = import_online_attendance(&mut f.ctx(), event, &report, false).unwrap();
    assert_eq!(outcome.matched.len(), 4);
    assert_eq!(outcome.newly_attended, 4);
    assert_eq!(outcome.unmatched.len(), 1);
    assert_eq!(
        outcome.unmatched[0].name, "運営 事務局",
        "the organizer's own account is listed, not guessed"
    );
    let again = import_online_attendance(&mut f.ctx(), event, &report, false).unwrap();
    assert_eq!(again.newly_attended, 0, "the same report twice marks nobody new");
    let summary = AttendanceSummary::of(&f.store.attendance_lines(f.event).unwrap());
    assert_eq!(summary.general_online.n_attended, 4);
}

fn export(f: &mut Fixture, name: &str, request: ExportRequest) -> Result<(PathBuf, ExportOutcome), String> {
    let path = f.dir.path().join(name);
    let event = f.event;
    export_attendance(&mut f.ctx(), event, &path, &request)
        .map(|outcome| (path, outcome))
        .map_err(|e| format!("{}: {}", e.code(), e.message(Lang::Ja)))
}

fn request(format: ExportFormat, encoding: CsvEncoding) -> ExportRequest {
    ExportRequest {
        format: Some(format),
        encoding,
        include_contact: true,
        substitute_unencodable: false,
        replace: false,
        include_not_attending: true,
    }
}

/// People whose details try to run in Excel, and one whose name CP932 cannot hold.
fn hostile_fixture() -> Fixture {
    let mut f = fixture();
    let text = "氏名,会社名,役職,電話番号\r\n\
        =HYPERLINK(\"http://evil.example\"),+cmd|' /C calc'!A0,-2+3,0221112222\r\n\
        @SUM(A1),\"\tタブ商店\",\"\rCR\",090-1111-2222\r\n\
        𠮷田 太郎,吉田工務店,代表,022-333-4444\r\n";
    let path = f.write("hostile.csv", text.as_bytes());
    f.import(&path, &apply()).unwrap();
    f
}

#[test]
fn csv_export_is_excel_ready_and_never_runs_a_formula() {
    let mut f = hostile_fixture();
    let (path, outcome) = export(&mut f, "出欠.csv", request(ExportFormat::Csv, CsvEncoding::Utf8)).unwrap();
    assert_eq!(outcome.n_people, 3);
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a BOM, so Excel reads it as UTF-8"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n') || text.contains("\"\rCR\""));
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell Excel would run: {cell:?}"
            );
        }
    }
    assert!(
        text.contains("'=HYPERLINK"),
        "the text is kept, behind an apostrophe"
    );
    assert!(
        text.contains(",0221112222,") || text.contains("0221112222"),
        "phone numbers keep their zero"
    );
}

#[test]
fn cp932_export_reports_what_it_cannot_hold() {
    let mut f = hostile_fixture();
    let error = export(&mut f, "sjis.csv", request(ExportFormat::Csv, CsvEncoding::Cp932)).unwrap_err();
    assert!(error.starts_with("export.unencodable"), "{error}");
    assert!(error.contains("𠮷"), "the message names the character: {error}");
    assert!(
        !f.dir.path().join("sjis.csv").exists(),
        "nothing is written when refused"
    );
    let (path, outcome) = export(
        &mut f,
        "sjis.csv",
        ExportRequest {
            substitute_unencodable: true,
            ..request(ExportFormat::Csv, CsvEncoding::Cp932)
        },
    )
    .unwrap();
    assert_eq!(outcome.substituted.len(), 1);
    assert_eq!(outcome.substituted[0].character, "𠮷");
    let bytes = std::fs::read(path).unwrap();
    let (text, _, errors) = SHIFT_JIS.decode(&bytes);
    assert!(!errors);
    assert!(text.contains("〓田 太郎"));
}

#[test]
fn xlsx_export_has_text_cells_and_a_summary_sheet() {
    let mut f = hostile_fixture();
    let (path, _) = export(
        &mut f,
        "出欠.xlsx",
        request(ExportFormat::Xlsx, CsvEncoding::Utf8),
    )
    .unwrap();
    let mut workbook = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["出欠", "集計"]);
    let formulas = workbook.worksheet_formula("出欠").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
    let list = workbook.worksheet_range("出欠").unwrap();
    let cells: Vec<String> = list.used_cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        cells.iter().any(|c| c == "=HYPERLINK(\"http://evil.example\")"),
        "shown as the text it is"
    );
    assert!(
        cells.iter().any(|c| c == "0221112222"),
        "a phone number is a text cell with its zero"
    );
    let summary = workbook.worksheet_range("集計").unwrap();
    let text: Vec<String> = summary.used_cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(text.iter().any(|c| c.contains("一般")) && text.iter().any(|c| c.contains("関係者")));
    let log = f.store.audit_log(10).unwrap();
    assert_eq!(log[0].action, tsudoi_store::AuditAction::AttendanceExport);
    assert_eq!(log[0].n_people, 3);
    assert!(log[0].file.ends_with("出欠.xlsx"));
    assert_eq!(log[0].actor, "tester");
}

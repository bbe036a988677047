//! Files as an office PC has them: a database, imports and exports in folders with Japanese names
//! and spaces, a registration file in every encoding the sheets come in (UTF-8 with and without
//! a byte-order mark, CP932, UTF-16), and the exports (CSV in UTF-8 and CP932, XLSX, PDF)
//! written there. The same tests run against the Windows `tsudoi.exe` under Wine
//! (`scripts/test-packages.sh`, through `TSUDOI_BIN`).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const SAMPLE: &str = "../../tests/fixtures/samples/registrations-msforms-utf8bom.csv";

struct Office {
    _dir: tempfile::TempDir,
    /// A folder such as a person makes: Japanese, with spaces (a full-width one too).
    folder: PathBuf,
    db: PathBuf,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("集い データ").join("第1回　交流会 2026");
        std::fs::create_dir_all(&folder).unwrap();
        let db = folder.join("受付 名簿.sqlite3");
        Office {
            _dir: dir,
            folder,
            db,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(common::tsudoi_bin())
            .env_remove("TSUDOI_DB")
            .env_remove("TSUDOI_PASSPHRASE")
            .arg("--db")
            .arg(&self.db)
            .args(["--json", "--lang", "ja"])
            .args(args)
            .output()
            .unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let output = self.run(args);
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

    fn event(&self, title: &str) -> String {
        let event = self.json(&["event", "create", "--title", title, "--date", "2026-07-25"]);
        event["id"].to_string()
    }

    fn names(&self, event: &str) -> Vec<String> {
        let list = self.json(&["attendee", "list", "--event", event]);
        let mut names: Vec<String> = list
            .as_array()
            .expect("attendee list --json is a list")
            .iter()
            .map(|person| person["name"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        names
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("the test's paths are Unicode")
}

/// The sample registrations (UTF-8 with a byte-order mark) as text, and written in `encoding`.
fn sample_in(encoding: &str) -> Vec<u8> {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    match encoding {
        "UTF-8" => text.as_bytes().to_vec(),
        "UTF-8 BOM" => format!("\u{feff}{text}").into_bytes(),
        "CP932" => {
            let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
            assert!(!unmappable, "the sample holds only characters CP932 has");
            bytes.into_owned()
        }
        "UTF-16LE" => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        "UTF-16BE" => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        other => panic!("no such encoding in this test: {other}"),
    }
}

#[test]
fn a_registration_file_reads_the_same_in_every_encoding_from_a_japanese_folder() {
    let office = Office::new();
    let mut read = Vec::new();
    for encoding in ["UTF-8", "UTF-8 BOM", "CP932", "UTF-16LE", "UTF-16BE"] {
        let file = office.folder.join(format!("申込一覧 {encoding}.csv"));
        std::fs::write(&file, sample_in(encoding)).unwrap();
        let event = office.event(&format!("交流会 {encoding}"));
        let done = office.json(&["attendee", "import", "--event", &event, path(&file)]);
        assert_eq!(done["n_rows"], 30, "{encoding}: every row of the sample is read");
        let names = office.names(&event);
        assert!(
            names.contains(&"大友 慎吾".to_string()),
            "{encoding}: kanji names come through: {names:?}"
        );
        read.push((encoding, names));
    }
    let (_, first) = &read[0];
    for (encoding, names) in &read {
        assert_eq!(names, first, "{encoding} reads the same people as UTF-8");
    }
}

#[test]
fn exports_and_pdfs_are_written_into_a_japanese_folder_with_spaces() {
    let office = Office::new();
    let event = office.event("第1回 交流会");
    let sample = office.folder.join("申込 一覧.csv");
    std::fs::write(&sample, sample_in("UTF-8 BOM")).unwrap();
    office.json(&["attendee", "import", "--event", &event, path(&sample)]);

    let out = office.folder.join("書き出し 先");
    std::fs::create_dir_all(&out).unwrap();
    let utf8 = out.join("出欠 UTF-8.csv");
    office.json(&[
        "attendance",
        "export",
        "--event",
        &event,
        "--out",
        path(&utf8),
        "--encoding",
        "utf-8",
    ]);
    let text = String::from_utf8(std::fs::read(&utf8).unwrap()).expect("the CSV is UTF-8");
    assert!(text.starts_with('\u{feff}'), "with a byte-order mark, for Excel");
    assert!(text.contains("大友 慎吾"), "names as they were registered");

    let cp932 = out.join("出欠 CP932.csv");
    office.json(&[
        "attendance",
        "export",
        "--event",
        &event,
        "--out",
        path(&cp932),
        "--encoding",
        "cp932",
    ]);
    let bytes = std::fs::read(&cp932).unwrap();
    let (text, _, malformed) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!malformed, "the CP932 file is CP932");
    assert!(text.contains("大友 慎吾"), "names as they were registered");

    let xlsx = out.join("出欠 一覧.xlsx");
    office.json(&["attendance", "export", "--event", &event, "--out", path(&xlsx)]);
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "an XLSX workbook is a zip"
    );

    let printouts = out.join("印刷 物");
    std::fs::create_dir_all(&printouts).unwrap();
    office.json(&["roster", "print", "--event", &event, "--out", path(&printouts)]);
    let roster = printouts.join("受付名簿_非公表用.pdf");
    let pdf = std::fs::read(&roster).expect("the roster is written under its labelled name");
    assert!(pdf.starts_with(b"%PDF-"), "the roster is a PDF");

    let tickets = out.join("受付 票");
    office.json(&["ticket", "export", "--event", &event, "--out", path(&tickets)]);
    let files: Vec<String> = std::fs::read_dir(&tickets)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        files.iter().any(|name| name.ends_with(".pdf")),
        "the printable sheet of tickets is there: {files:?}"
    );
    assert!(
        files.iter().any(|name| name.ends_with(".png")),
        "one QR image a person: {files:?}"
    );
}

#[test]
fn the_database_in_a_japanese_folder_is_found_by_environment_variable_and_reopened() {
    let office = Office::new();
    let db = office.folder.join("別の データ.sqlite3");
    let status = Command::new(common::tsudoi_bin())
        .env("TSUDOI_DB", &db)
        .env_remove("TSUDOI_PASSPHRASE")
        .args([
            "--json",
            "event",
            "create",
            "--title",
            "回",
            "--date",
            "2026-07-25",
        ])
        .status()
        .unwrap();
    assert!(status.success(), "TSUDOI_DB with Japanese and spaces is used");
    let listed = Command::new(common::tsudoi_bin())
        .env("TSUDOI_DB", &db)
        .env_remove("TSUDOI_PASSPHRASE")
        .args(["--json", "event", "list"])
        .output()
        .unwrap();
    let events: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(
        events.as_array().map(Vec::len),
        Some(1),
        "the same file, opened again"
    );
    assert!(db.is_file(), "the database is where it was asked to be");
}

#[test]
fn a_csv_export_is_cp932_by_default_on_a_japanese_windows_and_utf8_elsewhere() {
    let office = Office::new();
    let event = office.event("第1回 交流会");
    office.json(&[
        "attendee",
        "add",
        "--event",
        &event,
        "--name",
        "髙橋 一",
        "--kana",
        "タカハシ ハジメ",
    ]);
    let platform = office.json(&["info"])["about"]["platform"]
        .as_str()
        .unwrap()
        .to_string();
    // scripts/test-packages.sh runs the Windows build under a Wine set to Japanese.
    let japanese_windows = platform.starts_with("windows");
    let file = office.folder.join("出欠 既定.csv");
    office.json(&["attendance", "export", "--event", &event, "--out", path(&file)]);
    let bytes = std::fs::read(&file).unwrap();
    if japanese_windows {
        assert!(
            !bytes.starts_with(b"\xEF\xBB\xBF"),
            "CP932 has no byte-order mark"
        );
        let (text, _, malformed) = encoding_rs::SHIFT_JIS.decode(&bytes);
        assert!(!malformed, "CP932 on a Japanese Windows ({platform})");
        assert!(text.contains("髙橋 一"), "an IBM extension kanji CP932 holds");
    } else {
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "UTF-8 with a BOM on {platform}"
        );
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("髙橋 一"));
    }
}

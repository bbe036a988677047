//! `tsudoi-limits`: the memory and time a hostile or huge file costs, each case in a process of
//! its own so that its peak resident memory (Linux `VmHWM`) is its own; and the waiting list
//! listed at 10,000 and 40,000 people, to show that it grows linearly. Prints Markdown rows for
//! BENCHMARKS.md.
//!
//! Run: `cargo run --release -p tsudoi-bench --bin tsudoi-limits`. It calls the pure readers of
//! `tsudoi-exchange` and the store directly (not the path-to-store steps, which are moving).

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use tsudoi_core::event::parse_date;
use tsudoi_core::registration::IncomingRegistration;
use tsudoi_core::{AttendanceMode, EventDraft, Lang, Localized};
use tsudoi_exchange::photos::prepare_photo;
use tsudoi_exchange::{read_registrations, ReadOptions, Sheet};
use tsudoi_store::{AttendeeQuery, ImportOptions, Store};

/// The cases, each a file made by [`make`] and read by [`run`] in a child process.
const CASES: &[(&str, &str)] = &[
    (
        "csv-400k",
        "50 MB registration CSV, 400,000 rows: read, mapped and imported into the store",
    ),
    ("far-cell", "1.4 KB XLSX, one cell at XFD1048576"),
    ("z1000000", "XLSX, one cell at Z1000000"),
    ("zip-bomb", "1 MB XLSX unpacking to 1 GiB (sheet XML)"),
    ("huge-cell", "0.5 MB XLSX holding one 512 MiB shared string"),
    (
        "forged-bomb",
        "the 1 GiB bomb with its declared sizes forged to 1 KB",
    ),
    ("long-org", "CSV with one 10 MB organisation"),
    ("image-bomb", "PNG of 300 bytes that says 30,000 × 30,000 pixels"),
];

fn main() {
    let mut args = std::env::args().skip(1);
    match (args.next().as_deref(), args.next()) {
        (Some("--run"), Some(case)) => {
            let dir = PathBuf::from(args.next().unwrap_or_default());
            run(&case, &dir);
        }
        _ => drive(),
    }
}

/// Makes every file, then runs each case in a child process and prints its row.
fn drive() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    println!("| file | size | outcome | time s | peak memory MB |");
    println!("|---|---|---|---|---|");
    for (case, what) in CASES {
        let path = make(case, dir.path());
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let exe = std::env::current_exe().expect("this program");
        let output = Command::new(exe)
            .args(["--run", case, &dir.path().display().to_string()])
            .output()
            .expect("run the case");
        let report = String::from_utf8_lossy(&output.stdout);
        let status = if output.status.success() {
            report.trim().to_string()
        } else {
            format!("CRASHED ({}) | – | –", output.status)
        };
        println!("| {what} | {} | {status} |", human(size));
    }
    waiting_list(dir.path());
}

fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

/// The child's side: read the case's file as the import would, print outcome, time, peak.
fn run(case: &str, dir: &Path) {
    let path = dir.join(file_name(case));
    let started = Instant::now();
    let bytes = std::fs::read(&path).expect("read the case's file");
    let outcome = if case == "image-bomb" {
        match prepare_photo(&bytes, "bomb.png") {
            Ok(_) => "accepted".to_string(),
            Err(e) => format!("refused: `{}`", e.code()),
        }
    } else {
        match Sheet::read(&bytes) {
            Err(e) => format!("refused: `{}`", e.code()),
            Ok(sheet) => {
                drop(bytes);
                match read_registrations(&sheet, &ReadOptions::default(), Lang::Ja) {
                    Err(e) => format!("refused: `{}`", e.code()),
                    Ok(file) => {
                        drop(sheet);
                        let n_skipped = file.skipped.len();
                        let imported = import(dir, file.registrations);
                        format!("{imported} imported, {n_skipped} skipped")
                    }
                }
            }
        }
    };
    println!(
        "{outcome} | {:.2} | {}",
        started.elapsed().as_secs_f64(),
        peak_memory_mb()
    );
}

fn import(dir: &Path, rows: Vec<IncomingRegistration>) -> u32 {
    let now = Utc
        .with_ymd_and_hms(2026, 7, 1, 9, 0, 0)
        .single()
        .expect("a time");
    let mut store = Store::open(&dir.join("import.sqlite3")).expect("open the store");
    let event = store
        .create_event(
            EventDraft {
                capacity: 500_000,
                ..EventDraft::new("取り込み計測", parse_date("2026-07-25").expect("a date"))
            },
            now,
        )
        .expect("an event");
    let options = ImportOptions {
        actor: "bench",
        file: "bench.csv",
        ..ImportOptions::default()
    };
    store
        .import_registrations(event.id, rows, &options, now)
        .expect("import")
        .imported
}

/// The process's peak resident memory, from Linux's `/proc/self/status`.
fn peak_memory_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or("?".to_string(), |kb| format!("{:.0}", kb as f64 / 1024.0))
}

fn file_name(case: &str) -> String {
    match case {
        "csv-400k" | "long-org" => format!("{case}.csv"),
        "image-bomb" => format!("{case}.png"),
        _ => format!("{case}.xlsx"),
    }
}

fn make(case: &str, dir: &Path) -> PathBuf {
    let path = dir.join(file_name(case));
    let bytes = match case {
        "csv-400k" => registration_csv(400_000).into_bytes(),
        "long-org" => format!(
            "氏名,所属,メールアドレス\n大友 慎吾,{},otomo@example.jp\n熊谷 一,熊谷商店,kumagai@example.jp\n",
            "株".repeat(10 * 1024 * 1024 / 3)
        )
        .into_bytes(),
        "far-cell" => xlsx(&[("xl/worksheets/sheet1.xml", sheet(&["A1", "XFD1048576"]))]),
        "z1000000" => xlsx(&[("xl/worksheets/sheet1.xml", sheet(&["A1", "Z1000000"]))]),
        "zip-bomb" | "forged-bomb" => {
            let mut xml = sheet(&["A1"]);
            let end = xml.len() - "</sheetData></worksheet>".len();
            xml.splice(end..end, std::iter::repeat_n(b' ', 1 << 30));
            let bytes = xlsx(&[("xl/worksheets/sheet1.xml", xml)]);
            if case == "forged-bomb" {
                forge_sizes(&bytes, 1024)
            } else {
                bytes
            }
        }
        "huge-cell" => {
            let mut strings = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#.to_vec();
            strings.extend(std::iter::repeat_n(b'a', 512 << 20));
            strings.extend_from_slice(b"</t></si></sst>");
            let sheet = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#.to_vec();
            xlsx(&[
                ("xl/sharedStrings.xml", strings),
                ("xl/worksheets/sheet1.xml", sheet),
            ])
        }
        "image-bomb" => image_bomb(),
        other => panic!("no case {other}"),
    };
    std::fs::write(&path, bytes).expect("write the case's file");
    path
}

/// A Microsoft Forms export of `n` people (about 130 bytes a row).
fn registration_csv(n: usize) -> String {
    let families = [
        "大友",
        "三浦",
        "熊谷",
        "遠藤",
        "小野寺",
        "庄司",
        "菊地",
        "佐藤",
        "髙橋",
        "阿部",
    ];
    let categories = ["アトツギ", "金融機関", "士業", "先輩経営者", "商工会"];
    let mut text = String::from("\u{FEFF}ID,開始時刻,完了時刻,メール,お名前,フリガナ,ご所属,役職,ご参加の区分,参加形態,個人情報の取扱いに同意します\r\n");
    for i in 0..n {
        let f = i % families.len();
        text.push_str(&format!(
            "{i},2026/06/01 10:00,2026/06/{:02} {:02}:{:02},p{i}@sample.example.jp,{}{i} 太郎,たろう,株式会社{}{},専務,{},{},はい\r\n",
            1 + i % 28,
            8 + i % 10,
            i % 60,
            families[f],
            families[f],
            i % 300,
            categories[i % categories.len()],
            if i % 4 == 0 { "オンライン" } else { "会場" },
        ));
    }
    text
}

fn sheet(cells: &[&str]) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (i, at) in cells.iter().enumerate() {
        let row: String = at.chars().filter(char::is_ascii_digit).collect();
        let text = if i == 0 { "氏名" } else { "x" };
        xml.push_str(&format!(
            r#"<row r="{row}"><c r="{at}" t="inlineStr"><is><t>{text}</t></is></c></row>"#
        ));
    }
    xml.push_str("</sheetData></worksheet>");
    xml.into_bytes()
}

fn xlsx(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    let standard: [(&str, &[u8]); 4] = [
        ("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#),
        ("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
    ];
    for (name, bytes) in standard {
        zip.start_file(name, options).expect("a part");
        zip.write_all(bytes).expect("write a part");
    }
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("a part");
        zip.write_all(bytes).expect("write a part");
    }
    zip.finish().expect("finish the zip").into_inner()
}

/// Every declared uncompressed size rewritten to `size` (local headers and central directory).
fn forge_sizes(bytes: &[u8], size: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut at = 0;
    while at + 46 <= out.len() {
        if out[at..].starts_with(b"PK\x03\x04") {
            out[at + 22..at + 26].copy_from_slice(&size.to_le_bytes());
        } else if out[at..].starts_with(b"PK\x01\x02") {
            out[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
        }
        at += 1;
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn image_bomb() -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut checked = kind.to_vec();
        checked.extend_from_slice(data);
        out.extend_from_slice(&crc32(&checked).to_be_bytes());
        out
    };
    let mut ihdr = 30_000u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend(chunk(b"IEND", &[]));
    png
}

/// Lists an event with `n` people waiting (capacity 1), timed: the place of each is numbered
/// in one pass, so 4× the people should take about 4× the time.
fn waiting_list(dir: &Path) {
    println!();
    println!("| people waiting | list all attendees, s |");
    println!("|---|---|");
    let now = Utc
        .with_ymd_and_hms(2026, 7, 1, 9, 0, 0)
        .single()
        .expect("a time");
    let mut store = Store::open(&dir.join("waiting.sqlite3")).expect("open the store");
    for n in [10_000usize, 40_000] {
        let event = store
            .create_event(
                EventDraft {
                    capacity: 1,
                    ..EventDraft::new(format!("{n}人待ち"), parse_date("2026-07-25").expect("a date"))
                },
                now,
            )
            .expect("an event");
        let rows = (0..=n)
            .map(|i| IncomingRegistration {
                row: i as u32 + 2,
                name: format!("待機 {i:06}"),
                email: Some(format!("w{i}@sample.example.jp")),
                mode: Some(AttendanceMode::Venue),
                consent: Some(true),
                answered_at: chrono::NaiveDate::from_ymd_opt(2026, 6, 1)
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|t| t + chrono::Duration::seconds(i as i64)),
                ..IncomingRegistration::default()
            })
            .collect();
        let options = ImportOptions {
            actor: "bench",
            file: "bench",
            ..ImportOptions::default()
        };
        store
            .import_registrations(event.id, rows, &options, now)
            .expect("import the waiting list");
        let started = Instant::now();
        let listed = store
            .attendees(event.id, &AttendeeQuery::default())
            .expect("list");
        let took = started.elapsed();
        let n_waiting = listed.iter().filter(|a| a.waitlist_position.is_some()).count();
        assert_eq!(n_waiting, n, "everyone but the first waits");
        println!("| {n} | {:.3} |", took.as_secs_f64());
    }
}

//! Files that cannot hurt: the readers against workbooks, CSVs and photos made to break them
//! (a cell far down and to the right, zip bombs, a JPEG cut short, an image bomb, fields
//! beyond their limits), each made here as real bytes.

use std::io::{Cursor, Write};
use std::time::Instant;

use tsudoi_core::limits;
use tsudoi_core::registration::SkipReason;
use tsudoi_core::{Lang, Localized};
use tsudoi_exchange::photos::{prepare_photo, PhotoError};
use tsudoi_exchange::{read_registrations, ImportError, ReadOptions, Sheet};
use zip::write::SimpleFileOptions;

/// A workbook of the given parts beside the ones every `.xlsx` has.
fn xlsx_with(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let standard: [(&str, &[u8]); 4] = [
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
        ),
    ];
    for (name, bytes) in standard.iter().chain(parts) {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A sheet of inline-string cells (`("A1", "氏名")`), with an optional declared dimension.
fn sheet_xml(dimension: Option<&str>, cells: &[(&str, &str)]) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    );
    if let Some(range) = dimension {
        xml.push_str(&format!(r#"<dimension ref="{range}"/>"#));
    }
    xml.push_str("<sheetData>");
    for (at, text) in cells {
        let row: String = at.chars().filter(char::is_ascii_digit).collect();
        xml.push_str(&format!(
            r#"<row r="{row}"><c r="{at}" t="inlineStr"><is><t>{text}</t></is></c></row>"#
        ));
    }
    xml.push_str("</sheetData></worksheet>");
    xml.into_bytes()
}

fn xlsx(dimension: Option<&str>, cells: &[(&str, &str)]) -> Vec<u8> {
    let sheet = sheet_xml(dimension, cells);
    xlsx_with(&[("xl/worksheets/sheet1.xml", &sheet)])
}

#[test]
fn a_plain_workbook_is_still_read() {
    let bytes = xlsx(
        Some("A1:B2"),
        &[
            ("A1", "氏名"),
            ("B1", "メールアドレス"),
            ("A2", "大友 慎吾"),
            ("B2", "otomo@example.jp"),
        ],
    );
    let sheet = Sheet::read(&bytes).unwrap();
    let file = read_registrations(&sheet, &ReadOptions::default(), Lang::Ja).unwrap();
    assert_eq!(file.registrations.len(), 1);
    assert_eq!(file.registrations[0].name, "大友 慎吾");
}

/// One cell at XFD1048576 made the reader lay out 17 billion empty cells (512 GiB) and abort.
#[test]
fn a_cell_far_down_and_to_the_right_is_refused_at_once() {
    let started = Instant::now();
    for (why, bytes) in [
        (
            "declared and real",
            xlsx(Some("A1:XFD1048576"), &[("A1", "氏名"), ("XFD1048576", "x")]),
        ),
        (
            "a truthful-looking dimension",
            xlsx(Some("A1:B2"), &[("A1", "氏名"), ("XFD1048576", "x")]),
        ),
        ("no dimension", xlsx(None, &[("A1", "氏名"), ("XFD1048576", "x")])),
        (
            "Z1000000 alone (1.45 GB before)",
            xlsx(None, &[("A1", "氏名"), ("Z1000000", "x")]),
        ),
    ] {
        let error = Sheet::read(&bytes).expect_err(why);
        assert!(
            matches!(
                error,
                ImportError::TooManyRows { limit } if limit == limits::MAX_ROWS
            ),
            "{why}: {error:?}"
        );
        assert!(
            error.message(Lang::Ja).contains("500000"),
            "{}",
            error.message(Lang::Ja)
        );
    }
    let wide = Sheet::read(&xlsx(None, &[("A1", "氏名"), ("ZZ1", "x")])).unwrap_err();
    assert_eq!(
        wide,
        ImportError::TooManyColumns {
            row: 1,
            limit: limits::MAX_COLUMNS
        }
    );
    // Within the rows and columns, but a table too large to lay out: 400,000 × 26 cells.
    let sparse = Sheet::read(&xlsx(None, &[("A1", "氏名"), ("Z400000", "x")])).unwrap_err();
    assert_eq!(sparse.code(), "import.too_many_cells", "{sparse:?}");
    assert!(
        started.elapsed().as_secs() < 10,
        "refused without laying anything out ({:?})",
        started.elapsed()
    );
}

/// A workbook that unpacks to more than the limit: refused from the sizes the zip declares,
/// before anything is unpacked.
#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    // One shared string of 300 MiB: 0.3 MB packed (the 512 MiB cell of the issue, smaller).
    let huge = 300 * 1024 * 1024;
    let mut strings = Vec::with_capacity(huge + 200);
    strings.extend_from_slice(
        br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#,
    );
    strings.resize(strings.len() + huge, b'a');
    strings.extend_from_slice(b"</t></si></sst>");
    let sheet = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;
    let bytes = xlsx_with(&[
        ("xl/sharedStrings.xml", &strings),
        ("xl/worksheets/sheet1.xml", sheet),
    ]);
    drop(strings);
    assert!(bytes.len() < 2 * 1024 * 1024, "packed {} bytes", bytes.len());
    let started = Instant::now();
    let error = Sheet::read(&bytes).unwrap_err();
    assert_eq!(
        error,
        ImportError::XlsxTooLarge {
            limit: limits::MAX_XLSX_UNPACKED_BYTES
        }
    );
    assert!(
        started.elapsed().as_millis() < 2_000,
        "the declared size is enough to refuse ({:?})",
        started.elapsed()
    );
    assert!(
        error.message(Lang::Ja).contains("200 MB"),
        "{}",
        error.message(Lang::Ja)
    );

    // The same bomb with its declared sizes forged small: refused while it is unpacked (streamed
    // and counted, never held).
    let forged = forge_declared_size(&bytes, "xl/sharedStrings.xml", 1_000);
    let error = Sheet::read(&forged).unwrap_err();
    assert!(
        matches!(
            error,
            ImportError::XlsxTooLarge { .. }
                | ImportError::XlsxCompression { .. }
                | ImportError::Spreadsheet(_)
        ),
        "a lying zip is refused, not unpacked into memory: {error:?}"
    );
}

/// A part packed far more than real workbooks are (2 MiB of one repeated byte): refused by its
/// ratio though small in all.
#[test]
fn a_part_packed_like_a_bomb_is_refused_by_its_ratio() {
    let mut sheet = sheet_xml(None, &[("A1", "氏名")]);
    let end = sheet.len() - "</sheetData></worksheet>".len();
    let padding = vec![b' '; 2 * 1024 * 1024];
    sheet.splice(end..end, padding);
    let error = Sheet::read(&xlsx_with(&[("xl/worksheets/sheet1.xml", &sheet)])).unwrap_err();
    match &error {
        ImportError::XlsxCompression { part, ratio, limit } => {
            assert_eq!(part, "xl/worksheets/sheet1.xml");
            assert!(ratio > limit, "{ratio} > {limit}");
        }
        other => panic!("expected a compression refusal, got {other:?}"),
    }
    assert_eq!(error.code(), "import.xlsx_compression");
}

/// Rewrites the uncompressed size a zip declares for `name` (local header and central
/// directory), as a hostile file would.
fn forge_declared_size(bytes: &[u8], name: &str, size: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let name = name.as_bytes();
    let mut at = 0;
    while at + 46 <= out.len() {
        if out[at..].starts_with(b"PK\x03\x04") {
            let name_len = u16::from_le_bytes([out[at + 26], out[at + 27]]) as usize;
            if out.get(at + 30..at + 30 + name_len) == Some(name) {
                out[at + 22..at + 26].copy_from_slice(&size.to_le_bytes());
            }
        } else if out[at..].starts_with(b"PK\x01\x02") {
            let name_len = u16::from_le_bytes([out[at + 28], out[at + 29]]) as usize;
            if out.get(at + 46..at + 46 + name_len) == Some(name) {
                out[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
            }
        }
        at += 1;
    }
    out
}

#[test]
fn an_old_format_workbook_is_refused_with_what_to_do() {
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(4096, 0);
    let error = Sheet::read(&bytes).unwrap_err();
    assert_eq!(error, ImportError::OldWorkbook);
    assert!(error.message(Lang::Ja).contains(".xlsx"));
}

#[test]
fn csv_files_are_held_to_the_same_limits() {
    let too_large = vec![b'a'; limits::MAX_FILE_BYTES as usize + 1];
    assert_eq!(
        Sheet::read(&too_large).unwrap_err().code(),
        "import.too_large",
        "a file beyond the size limit is not even decoded"
    );
    let wide = format!("氏名{}\n", ",".repeat(limits::MAX_COLUMNS as usize));
    assert_eq!(
        Sheet::read(wide.as_bytes()).unwrap_err(),
        ImportError::TooManyColumns {
            row: 1,
            limit: limits::MAX_COLUMNS
        }
    );
    let long_cell = format!("氏名,所属\n大友,{}\n", "株".repeat(limits::MAX_CELL_CHARS + 1));
    let error = Sheet::read(long_cell.as_bytes()).unwrap_err();
    assert_eq!(
        error,
        ImportError::CellTooLong {
            row: 2,
            column: 2,
            limit: limits::MAX_CELL_CHARS
        }
    );
    assert!(
        error.message(Lang::Ja).contains("セル B2"),
        "{}",
        error.message(Lang::Ja)
    );
    let quoted_at_the_limit = format!("氏名,所属\n大友,\"{}\"\n", "株".repeat(limits::MAX_CELL_CHARS));
    assert!(
        Sheet::read(quoted_at_the_limit.as_bytes()).is_ok(),
        "a cell at the limit is read"
    );
    let many_rows = "氏名\n".to_string() + &"a\n".repeat(limits::MAX_ROWS as usize);
    assert_eq!(
        Sheet::read(many_rows.as_bytes()).unwrap_err().code(),
        "import.too_many_rows"
    );
}

/// A row with a field beyond its limit is left out, named with its row and the field, and the
/// others are imported.
#[test]
fn an_over_long_row_is_skipped_with_its_row_and_reason() {
    let csv = format!(
        "氏名,所属,メールアドレス\n大友 慎吾,大友醤油,otomo@example.jp\n熊谷 一,{},kumagai@example.jp\n{},,\n",
        "株".repeat(201),
        "名".repeat(101)
    );
    let sheet = Sheet::read(csv.as_bytes()).unwrap();
    let file = read_registrations(&sheet, &ReadOptions::default(), Lang::Ja).unwrap();
    let names: Vec<&str> = file.registrations.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["大友 慎吾"]);
    let skipped: Vec<(u32, SkipReason)> = file.skipped.iter().map(|s| (s.row, s.code)).collect();
    assert_eq!(skipped, [(3, SkipReason::TooLong), (4, SkipReason::TooLong)]);
    assert!(
        file.skipped[0].reason.contains("所属") && file.skipped[0].reason.contains("200"),
        "the reason names the field and its limit: {}",
        file.skipped[0].reason
    );
    assert!(
        file.skipped[1].reason.contains("氏名"),
        "{}",
        file.skipped[1].reason
    );
}

/// A real JPEG of noise (so that it is large enough to cut), as a camera would write it.
fn noisy_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut seed = 0x2545_F491_u32;
    let image = image::RgbImage::from_fn(width, height, |_, _| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        image::Rgb([seed as u8, (seed >> 8) as u8, (seed >> 16) as u8])
    });
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    jpeg
}

#[test]
fn a_jpeg_cut_short_is_refused_and_a_whole_one_kept() {
    let jpeg = noisy_jpeg(640, 480);
    assert!(prepare_photo(&jpeg, "whole.jpg").is_ok(), "a whole JPEG is kept");
    let mut with_trailer = jpeg.clone();
    with_trailer.extend_from_slice(b"\0\0camera trailer");
    assert!(
        prepare_photo(&with_trailer, "trailer.jpg").is_ok(),
        "bytes after the end-of-image marker (some cameras add them) are allowed"
    );
    for keep in [jpeg.len() / 20, jpeg.len() / 2, jpeg.len() - 2] {
        let error = prepare_photo(&jpeg[..keep], "cut.jpg").unwrap_err();
        assert!(
            matches!(error, PhotoError::Broken { .. }),
            "the first {keep} of {} bytes: {error:?}",
            jpeg.len()
        );
        assert_eq!(error.code(), "photo.broken");
    }
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

fn png_chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let mut checked = kind.to_vec();
    checked.extend_from_slice(data);
    chunk.extend_from_slice(&crc32(&checked).to_be_bytes());
    chunk
}

/// A PNG of a few hundred bytes that says it is 30,000 × 30,000 pixels (2.7 GB decoded).
#[test]
fn an_image_bomb_is_called_too_large_with_the_limit() {
    let mut ihdr = 30_000u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(png_chunk(b"IEND", &[]));
    let error = prepare_photo(&png, "bomb.png").unwrap_err();
    assert_eq!(
        error,
        PhotoError::TooManyPixels {
            name: "bomb.png".into(),
            width: 30_000,
            height: 30_000,
            limit: limits::MAX_IMAGE_PIXELS
        }
    );
    assert_eq!(error.code(), "photo.too_many_pixels");
    assert!(
        error.message(Lang::Ja).contains("12000 万画素"),
        "{}",
        error.message(Lang::Ja)
    );
}

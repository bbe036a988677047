//! The files the benchmarks feed the app: a Microsoft Forms registration export of any length,
//! workbooks made to break a reader (a cell far down and to the right, zip bombs, a huge cell),
//! and photos (a camera JPEG, one cut short, image bombs, a picture at the pixel limit).

use std::io::{Cursor, Write};

/// A Microsoft Forms export of `n` people, as the registration desk receives it (UTF-8 with a
/// byte-order mark, CRLF; about 136 bytes a row: 400,000 people are the 52 MiB file of issue 12).
pub fn registration_csv(n: usize) -> String {
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
    let kana = [
        "おおとも",
        "みうら",
        "くまがい",
        "えんどう",
        "おのでら",
        "しょうじ",
        "きくち",
        "さとう",
        "たかはし",
        "あべ",
    ];
    let categories = ["アトツギ", "金融機関", "士業", "先輩経営者", "商工会"];
    let mut text = String::from("\u{FEFF}ID,完了時刻,メール,お名前,フリガナ,ご所属,役職,ご参加の区分,参加形態,個人情報の取扱いに同意します\r\n");
    for i in 0..n {
        let f = i % families.len();
        text.push_str(&format!(
            "{i},2026/06/{:02} {:02}:{:02},p{i}@example.jp,{}{i} 太郎,{} たろう,{}商店{},専務,{},{},はい\r\n",
            1 + i % 28,
            8 + i % 10,
            i % 60,
            families[f],
            kana[f],
            families[f],
            i % 300,
            categories[i % categories.len()],
            if i % 4 == 0 { "オンライン" } else { "会場" },
        ));
    }
    text
}

/// A CSV at the most cells a sheet may hold: `n_rows` people under a header whose first columns
/// are the name and the organisation, each row a short distinct name and one-character cells
/// (every cell is a separate string in memory, and every row a person to import).
pub fn widest_csv(n_rows: usize, n_columns: usize) -> String {
    let mut text = String::from("氏名,所属");
    for column in 3..=n_columns {
        text.push_str(&format!(",列{column}"));
    }
    text.push('\n');
    let rest = vec!["a"; n_columns - 1].join(",");
    for i in 0..n_rows {
        text.push_str(&format!("p{i},{rest}\n"));
    }
    text
}

/// A CSV with one organisation of about `bytes` bytes between two ordinary people.
pub fn long_field_csv(bytes: usize) -> String {
    format!(
        "氏名,所属,メールアドレス\n大友 慎吾,{},otomo@example.jp\n熊谷 一,熊谷商店,kumagai@example.jp\n",
        "株".repeat(bytes / "株".len())
    )
}

/// A workbook of the given parts beside the ones every `.xlsx` has (a workbook of one sheet,
/// `xl/worksheets/sheet1.xml`, that may use `xl/sharedStrings.xml`).
pub fn xlsx_with(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
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
        zip.start_file(*name, options).expect("start a part");
        zip.write_all(bytes).expect("write a part");
    }
    zip.finish().expect("finish the zip").into_inner()
}

const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_END: &str = "</sheetData></worksheet>";

/// A sheet of inline-string cells (`("A1", "氏名")`), one row each.
pub fn sheet_xml(cells: &[(&str, &str)]) -> Vec<u8> {
    let mut xml = String::from(SHEET_START);
    for (at, text) in cells {
        let row: String = at.chars().filter(char::is_ascii_digit).collect();
        xml.push_str(&format!(
            r#"<row r="{row}"><c r="{at}" t="inlineStr"><is><t>{text}</t></is></c></row>"#
        ));
    }
    xml.push_str(SHEET_END);
    xml.into_bytes()
}

/// A workbook with a name header in A1 and one cell `at` (XFD1048576: 17 billion cells laid out).
pub fn far_cell_xlsx(at: &str) -> Vec<u8> {
    xlsx_with(&[(
        "xl/worksheets/sheet1.xml",
        &sheet_xml(&[("A1", "氏名"), (at, "x")]),
    )])
}

/// A workbook whose sheet unpacks to `unpacked` bytes (blanks between its rows; about 1 MB packed
/// for 1 GiB).
pub fn zip_bomb_xlsx(unpacked: usize) -> Vec<u8> {
    let mut xml = sheet_xml(&[("A1", "氏名")]);
    let end = xml.len() - SHEET_END.len();
    let padding = unpacked.saturating_sub(xml.len());
    xml.splice(end..end, std::iter::repeat_n(b' ', padding));
    xlsx_with(&[("xl/worksheets/sheet1.xml", &xml)])
}

/// A workbook whose A1 is one shared string of `chars` characters (about 0.5 MB packed for
/// 512 MiB).
pub fn huge_cell_xlsx(chars: usize) -> Vec<u8> {
    let mut strings = Vec::with_capacity(chars + 200);
    strings.extend_from_slice(
        br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#,
    );
    strings.resize(strings.len() + chars, b'a');
    strings.extend_from_slice(b"</t></si></sst>");
    let sheet = format!(r#"{SHEET_START}<row r="1"><c r="A1" t="s"><v>0</v></c></row>{SHEET_END}"#);
    xlsx_with(&[
        ("xl/sharedStrings.xml", &strings),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

/// A workbook of `n_rows` rows of `n_columns` numbered cells (A to Y at most) under a header
/// row (name, organisation, numbered columns), each name distinct (the row's number), each other
/// cell a one-digit number: the most cells a workbook within the limits can hold.
/// The digits follow a simple generator so that the sheet packs like a real one (about 15
/// times), not like a bomb.
pub fn widest_xlsx(n_rows: u32, n_columns: u8) -> Vec<u8> {
    let mut xml = String::with_capacity(n_rows as usize * usize::from(n_columns) * 26 + 1024);
    xml.push_str(SHEET_START);
    xml.push_str(r#"<row r="1">"#);
    for column in 0..n_columns {
        let letter = char::from(b'A' + column);
        let text = match column {
            0 => "氏名".to_string(),
            1 => "所属".to_string(),
            _ => format!("列{}", column + 1),
        };
        xml.push_str(&format!(
            r#"<c r="{letter}1" t="inlineStr"><is><t>{text}</t></is></c>"#
        ));
    }
    xml.push_str("</row>");
    let mut seed = 0x2545_F491_u32;
    for row in 2..=n_rows + 1 {
        xml.push_str(&format!(r#"<row r="{row}">"#));
        for column in 0..n_columns {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let letter = char::from(b'A' + column);
            let value = if column == 0 { row } else { seed % 10 };
            xml.push_str(&format!(r#"<c r="{letter}{row}"><v>{value}</v></c>"#));
        }
        xml.push_str("</row>");
    }
    xml.push_str(SHEET_END);
    xlsx_with(&[("xl/worksheets/sheet1.xml", xml.as_bytes())])
}

/// The zip with every declared uncompressed size (local headers and central directory)
/// rewritten to `size`, as a hostile file would: a reader that trusts them is fooled.
pub fn forge_declared_sizes(bytes: &[u8], size: u32) -> Vec<u8> {
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

/// A JPEG as a camera writes it: a gradient with light noise (packs like a photo).
pub fn camera_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut seed = 0x9E37_79B9_u32;
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 16) as u8;
        image::Rgb([
            ((x * 255 / width) as u8).saturating_add(noise),
            ((y * 255 / height) as u8).saturating_add(noise),
            128u8.saturating_add(noise),
        ])
    });
    encode(image::DynamicImage::ImageRgb8(image), image::ImageFormat::Jpeg)
}

/// A JPEG of noise: large for its pixels (about 1 byte a pixel), so that it can be cut short.
pub fn noisy_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut seed = 0x2545_F491_u32;
    let image = image::RgbImage::from_fn(width, height, |_, _| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        image::Rgb([seed as u8, (seed >> 8) as u8, (seed >> 16) as u8])
    });
    encode(image::DynamicImage::ImageRgb8(image), image::ImageFormat::Jpeg)
}

/// A small JPEG whose frame header says it is `width` × `height` pixels (a JPEG image bomb).
pub fn jpeg_bomb(width: u16, height: u16) -> Vec<u8> {
    let mut jpeg = camera_jpeg(64, 64);
    // The baseline frame header: FF C0, length, precision, then height and width.
    let at = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline JPEG has a frame header");
    jpeg[at + 5..at + 7].copy_from_slice(&height.to_be_bytes());
    jpeg[at + 7..at + 9].copy_from_slice(&width.to_be_bytes());
    jpeg
}

/// A PNG of a few hundred bytes whose header says it is `width` × `height` RGB pixels.
pub fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(png_chunk(b"IEND", &[]));
    png
}

/// A real PNG of one colour, `side` × `side` pixels with four 8-bit channels, or three 16-bit
/// ones: a few hundred kilobytes that decode to hundreds of megabytes.
pub fn plain_png(side: u32, sixteen_bit: bool) -> Vec<u8> {
    let image = if sixteen_bit {
        image::DynamicImage::ImageRgb16(image::ImageBuffer::from_pixel(
            side,
            side,
            image::Rgb([40_000u16, 20_000, 10_000]),
        ))
    } else {
        image::DynamicImage::ImageRgba8(image::ImageBuffer::from_pixel(
            side,
            side,
            image::Rgba([200u8, 120, 60, 255]),
        ))
    };
    encode(image, image::ImageFormat::Png)
}

fn encode(image: image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), format)
        .expect("encode the picture");
    bytes
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registration_export_is_about_136_bytes_a_row() {
        let text = registration_csv(1_000);
        assert_eq!(text.lines().count(), 1_001, "a header and one line a person");
        let per_row = text.len() / 1_000;
        assert!((125..=145).contains(&per_row), "{per_row} bytes a row");
    }

    #[test]
    fn a_forged_zip_declares_the_forged_size() {
        let bytes = forge_declared_sizes(&far_cell_xlsx("B2"), 1_024);
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("still a zip");
        let part = archive.by_name("xl/worksheets/sheet1.xml").expect("the sheet");
        assert_eq!(part.size(), 1_024);
    }

    #[test]
    fn the_bombs_say_what_they_claim() {
        let png = png_bomb(30_000, 30_000);
        let reader = image::ImageReader::with_format(Cursor::new(&png), image::ImageFormat::Png);
        assert_eq!(reader.into_dimensions().expect("a header"), (30_000, 30_000));
        let jpeg = jpeg_bomb(60_000, 50_000);
        let reader = image::ImageReader::with_format(Cursor::new(&jpeg), image::ImageFormat::Jpeg);
        assert_eq!(reader.into_dimensions().expect("a header"), (60_000, 50_000));
    }
}

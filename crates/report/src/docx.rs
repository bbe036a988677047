//! The project report as an editable Word file (DOCX): the same blocks as the PDF, written as
//! the smallest OOXML package Word opens (document, styles, settings, one header and one footer,
//! the photos), zipped with the workspace's `zip`. The one section's header carries 公表用 or
//! 非公表用, so every page Word lays out shows it; the table of contents is a TOC field Word
//! fills when the file is opened; the footer numbers the pages.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use crate::project_report::{Block, ReportDocument};
use crate::ReportError;

/// Text made safe for XML: escaped, and characters XML 1.0 cannot hold left out.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn run(text: &str, props: &str) -> String {
    format!(
        r#"<w:r>{}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        if props.is_empty() {
            String::new()
        } else {
            format!("<w:rPr>{props}</w:rPr>")
        },
        xml(text)
    )
}

fn paragraph(style: Option<&str>, runs: &str) -> String {
    let props = style
        .map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#))
        .unwrap_or_default();
    format!("<w:p>{props}{runs}</w:p>")
}

/// Lines of a text as paragraphs (Word keeps a line break as a new paragraph).
fn paragraphs(style: Option<&str>, text: &str, props: &str) -> String {
    text.split('\n')
        .map(|line| paragraph(style, &run(line, props)))
        .collect()
}

fn table(head: &[String], rows: &[Vec<String>]) -> String {
    let cell = |text: &str, bold: bool| {
        format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>{}</w:tc>",
            paragraphs(None, text, if bold { "<w:b/>" } else { "" })
        )
    };
    let row = |cells: &[String], bold: bool| {
        format!(
            "<w:tr>{}</w:tr>",
            cells.iter().map(|c| cell(c, bold)).collect::<String>()
        )
    };
    let borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|b| format!(r#"<w:{b} w:val="single" w:sz="4" w:space="0" w:color="888888"/>"#))
        .collect::<String>();
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>{}{}</w:tbl><w:p/>"#,
        row(head, true),
        rows.iter().map(|r| row(r, false)).collect::<String>()
    )
}

/// A photo's size in pixels, read from its header (JPEG or PNG); none when it cannot be read.
fn pixel_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
        return Some((w, h));
    }
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            i += 1;
            continue;
        }
        let marker = bytes[i + 1];
        let length = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame's size.
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]) as u32;
            let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]) as u32;
            return Some((w, h));
        }
        i += 2 + length;
    }
    None
}

fn drawing(rel_id: &str, n: usize, bytes: &[u8]) -> String {
    // 12 cm wide, the height by the photo's own proportions (4:3 when unknown).
    let cx: u64 = 4_320_000;
    let cy = match pixel_size(bytes) {
        Some((w, h)) if w > 0 => cx * u64::from(h) / u64::from(w),
        _ => cx * 3 / 4,
    };
    format!(
        r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="photo{n}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="{n}" name="photo{n}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
    )
}

const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing""#;

fn styles() -> String {
    let font = r#"<w:rFonts w:ascii="BIZ UDPGothic" w:hAnsi="BIZ UDPGothic" w:eastAsia="BIZ UDPGothic"/>"#;
    let heading = |level: u8, size: u8| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>"#,
            level - 1
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NAMESPACES}><w:docDefaults><w:rPrDefault><w:rPr>{font}<w:sz w:val="20"/><w:lang w:val="ja-JP" w:eastAsia="ja-JP"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>{}{}{}<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="555555"/><w:sz w:val="17"/></w:rPr></w:style></w:styles>"#,
        heading(1, 30),
        heading(2, 25),
        heading(3, 21),
    )
}

/// The report as a DOCX file's bytes.
pub fn project_report_docx(document: &ReportDocument) -> Result<Vec<u8>, ReportError> {
    let lang = document.lang;
    let mut body = String::new();
    body.push_str(&paragraphs(Some("Title"), &document.title, ""));
    body.push_str(&paragraphs(
        Some("Title"),
        &document.subtitle,
        "<w:sz w:val=\"24\"/>",
    ));
    let cover: Vec<Vec<String>> = document
        .cover
        .iter()
        .map(|(a, b)| vec![a.clone(), b.clone()])
        .collect();
    body.push_str(&table(
        &[
            lang.pick("項目", "Item").to_string(),
            lang.pick("内容", "Detail").to_string(),
        ],
        &cover,
    ));
    body.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
    body.push_str(&paragraphs(Some("Heading1"), lang.pick("目次", "Contents"), ""));
    // Word fills the table of contents from the headings when it opens the file (updateFields).
    body.push_str(&format!(
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        run(lang.pick("（目次はファイルを開くと更新されます）", "(The contents are updated when the file is opened.)"), "")
    ));
    body.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);

    let mut rels = String::new();
    let mut media: Vec<(String, &[u8])> = Vec::new();
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                let style = format!("Heading{}", (*level).clamp(1, 3));
                body.push_str(&paragraphs(Some(style.as_str()), text, ""));
            }
            Block::Paragraph { text } => body.push_str(&paragraphs(None, text, "")),
            Block::Note { text } => body.push_str(&paragraphs(Some("Note"), text, "")),
            Block::Table { head, rows } => body.push_str(&table(head, rows)),
            Block::Bars { rows } => {
                // A bar per choice as text: the figures stay editable and searchable.
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        let n = (r.percent.clamp(0.0, 100.0) / 5.0).round() as usize;
                        vec![r.label.clone(), "█".repeat(n), r.figure.clone()]
                    })
                    .collect();
                body.push_str(&table(
                    &[
                        lang.pick("選択肢", "Choice").to_string(),
                        String::new(),
                        lang.pick("件数（割合）", "Answers (share)").to_string(),
                    ],
                    &rows,
                ));
            }
            Block::Photo { path, caption } => {
                if let Some((_, bytes)) = document.photos.iter().find(|(p, _)| p == path) {
                    let n = media.len() + 1;
                    let extension = if bytes.starts_with(b"\x89PNG") {
                        "png"
                    } else {
                        "jpeg"
                    };
                    let target = format!("media/photo{n}.{extension}");
                    let rel_id = format!("rIdPhoto{n}");
                    rels.push_str(&format!(
                        r#"<Relationship Id="{rel_id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{target}"/>"#
                    ));
                    body.push_str(&drawing(&rel_id, n, bytes));
                    media.push((format!("word/{target}"), bytes));
                }
                body.push_str(&paragraphs(Some("Note"), caption, ""));
            }
            Block::PageBreak => body.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#),
        }
    }
    let label = document.header();
    let section = r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1247" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>"#;
    let document_xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NAMESPACES}><w:body>{body}{section}</w:body></w:document>"#
    );
    let header_xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {NAMESPACES}><w:p><w:pPr><w:jc w:val="right"/></w:pPr>{}{}</w:p></w:hdr>"#,
        run(
            &format!("{}　", document.title),
            "<w:color w:val=\"555555\"/><w:sz w:val=\"16\"/>"
        ),
        run(
            label,
            "<w:b/><w:bdr w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/>"
        )
    );
    let footer_xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {NAMESPACES}><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>"#,
        run(" / ", "")
    );
    let document_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>{rels}</Relationships>"#
    );
    let settings = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {NAMESPACES}><w:updateFields w:val="true"/></w:settings>"#
    );
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;
    let package_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:subject>{}</dc:subject></cp:coreProperties>"#,
        xml(&document.title),
        label
    );

    let styles = styles();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 9] = [
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", package_rels.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
        ("word/document.xml", document_xml.as_bytes()),
        ("word/_rels/document.xml.rels", document_rels.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/settings.xml", settings.as_bytes()),
        ("word/header1.xml", header_xml.as_bytes()),
        ("word/footer1.xml", footer_xml.as_bytes()),
    ];
    let zip_error = |e: zip::result::ZipError| ReportError::Typst(format!("DOCX: {e}"));
    let io_error = |e: std::io::Error| ReportError::Typst(format!("DOCX: {e}"));
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(zip_error)?;
        zip.write_all(bytes).map_err(io_error)?;
    }
    for (name, bytes) in media {
        // Photos are compressed already.
        zip.start_file(name, stored).map_err(zip_error)?;
        zip.write_all(bytes).map_err(io_error)?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

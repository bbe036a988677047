//! The project report (事業報告書) on the demo in a real database: both editions written as PDF
//! and DOCX into a real folder, read back with pdftotext page by page and by unzipping the DOCX;
//! the public edition names none of the demo's attendees; a passage naming one blocks the public
//! edition until a person decides; the counts are the desk's.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{FixedOffset, TimeZone, Utc};
use tsudoi_app::desk::{DeskChoice, DoorInput};
use tsudoi_app::output::Replace;
use tsudoi_app::report::{self, FlagDecision, ReportFormat};
use tsudoi_app::types::PhotoChange;
use tsudoi_app::{Clock, Ctx, Database};
use tsudoi_core::report::{FlagResolution, ReportSection};
use tsudoi_core::{Direction, Disclosure, DoorMethod, EventId, Lang, Localized};

struct Office {
    dir: tempfile::TempDir,
    db: Database,
    events: Vec<EventId>,
}

fn clock() -> Clock {
    Clock::fixed(
        Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap(),
        FixedOffset::east_opt(9 * 3600).unwrap(),
    )
}

fn jpeg(shade: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([shade, (x * 4) as u8, (y * 5) as u8]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .unwrap();
    bytes
}

impl Office {
    /// The demo, three people checked in at the first gathering, and two photos of it: one the
    /// people in it agreed to publish, one not.
    fn demo() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
        let events = {
            let mut ctx = Ctx::new(&mut db, Lang::Ja, clock());
            tsudoi_app::events::load_demo(&mut ctx).unwrap().event_ids
        };
        let mut office = Office { dir, db, events };
        let first = office.events[0];
        let mut ctx = office.ctx();
        let people = tsudoi_app::attendees::list(&ctx, first, None).unwrap();
        for person in people.iter().take(3) {
            tsudoi_app::desk::door(
                &mut ctx,
                first,
                DoorInput {
                    direction: Direction::Entry,
                    method: DoorMethod::Search,
                    code: None,
                    attendee_id: Some(person.id),
                    override_reason: None,
                    seat: None,
                },
                &DeskChoice { desk: None },
            )
            .unwrap();
        }
        for (shade, public_ok) in [(10, true), (200, false)] {
            let added = tsudoi_app::photos::add_bytes(&mut ctx, first, &jpeg(shade), "p.jpg", None).unwrap();
            tsudoi_app::photos::update(
                &mut ctx,
                added.photo.id,
                &PhotoChange {
                    public_ok: Some(public_ok),
                    caption: Some(
                        if public_ok {
                            "講演の様子"
                        } else {
                            "交流会の様子"
                        }
                        .into(),
                    ),
                    ..PhotoChange::default()
                },
            )
            .unwrap();
        }
        drop(ctx);
        office
    }

    fn ctx(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.db, Lang::Ja, clock())
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Each page's text with the spaces taken out: pdftotext's layout puts a space wherever typst
/// spaces Japanese from Latin letters or digits (「令和 8 年度」), and may close up "1 / 6", so a
/// check against the spaced text would pass or fail by typography. A name written with a space
/// is checked in both forms (`demo_people`), so nothing escapes the privacy checks this way.
fn pdf_pages(path: &Path) -> Vec<String> {
    let info = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8(info.stdout).unwrap();
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("pdfinfo says how many pages");
    (1..=pages)
        .map(|n| {
            let out = Command::new("pdftotext")
                .args(["-f", &n.to_string(), "-l", &n.to_string(), "-layout"])
                .arg(path)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap().replace(' ', "")
        })
        .collect()
}

fn docx_parts(path: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        if name.ends_with(".xml") {
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            parts.push((name, text));
        }
    }
    parts
}

/// What a person's record could show: the name with and without its space, email and phone.
fn demo_people() -> Vec<String> {
    let mut shown = Vec::new();
    for event in tsudoi_core::demo::demo_events().unwrap() {
        for person in event.attendees {
            shown.push(person.name.clone());
            shown.push(person.name.replace([' ', '　'], ""));
            shown.push(person.email.clone());
            if !person.phone.is_empty() {
                shown.push(person.phone.clone());
            }
        }
    }
    shown
}

#[test]
fn both_editions_carry_their_label_on_every_page_and_header_and_the_public_one_names_no_attendee() {
    let mut office = Office::demo();
    let out = office.out("報告書");
    let done = report::export(
        &mut office.ctx(),
        &out,
        &[Disclosure::Public, Disclosure::Internal],
        &[ReportFormat::Pdf, ReportFormat::Docx],
        Replace(false),
    )
    .unwrap();
    assert_eq!(done.files.len(), 4, "{:?}", done.files);
    for name in [
        "事業報告書_公表用.pdf",
        "事業報告書_公表用.docx",
        "事業報告書_非公表用.pdf",
        "事業報告書_非公表用.docx",
    ] {
        assert!(
            out.join(name).is_file(),
            "{name} is written, its edition in the name"
        );
    }

    for (label, other) in [("公表用", "非公表用"), ("非公表用", "公表用")] {
        let pages = pdf_pages(&out.join(format!("事業報告書_{label}.pdf")));
        assert!(
            pages.len() >= 4,
            "cover, contents and the sections: {} pages",
            pages.len()
        );
        for (i, page) in pages.iter().enumerate() {
            assert!(
                page.contains(label),
                "page {} of the {label} edition carries it",
                i + 1
            );
            if label == "公表用" {
                assert!(
                    !page.contains(other),
                    "page {} of the public edition never says {other}",
                    i + 1
                );
            }
            assert!(
                page.contains(&format!("{}/{}", i + 1, pages.len())),
                "page {} is numbered: {page}",
                i + 1
            );
        }
        let text = pages.concat();
        assert!(text.contains("目次"), "a table of contents");
        assert!(
            text.contains("老舗旅館の三代目"),
            "the talk summaries from the minutes"
        );
        assert!(
            text.contains("事業の概要") && text.contains("東北6県"),
            "the demo's outline"
        );
        assert!(text.contains("講演の様子"), "the published photo's caption");

        let parts = docx_parts(&out.join(format!("事業報告書_{label}.docx")));
        let headers: Vec<_> = parts
            .iter()
            .filter(|(n, _)| n.starts_with("word/header"))
            .collect();
        assert!(!headers.is_empty(), "the DOCX has a header");
        for (name, xml) in &headers {
            assert!(xml.contains(label), "{name} carries {label}: {xml}");
        }
        let document = &parts.iter().find(|(n, _)| n == "word/document.xml").unwrap().1;
        assert!(
            document.matches("w:headerReference").count() == document.matches("<w:sectPr").count(),
            "every section names the header"
        );
        assert!(
            document.contains("老舗旅館の三代目"),
            "the same content as the PDF"
        );
    }

    let public = pdf_pages(&out.join("事業報告書_公表用.pdf")).concat();
    let public_docx = docx_parts(&out.join("事業報告書_公表用.docx"))
        .into_iter()
        .map(|(_, xml)| xml)
        .collect::<String>();
    for shown in demo_people() {
        assert!(!public.contains(&shown), "the public PDF never shows “{shown}”");
        assert!(
            !public_docx.contains(&shown),
            "the public DOCX never shows “{shown}”"
        );
    }
    assert!(
        !public.contains("交流会の様子"),
        "no photo without consent in the public edition"
    );
    let internal = pdf_pages(&out.join("事業報告書_非公表用.pdf")).concat();
    let people = demo_people();
    let internal_docx = docx_parts(&out.join("事業報告書_非公表用.docx"))
        .into_iter()
        .map(|(_, xml)| xml)
        .collect::<String>();
    assert!(
        internal.contains(&people[1]) && internal_docx.contains(&people[2]),
        "the internal edition is complete: the people with their contacts (a long address wraps in the PDF's table, so it is read from the DOCX)"
    );
    assert!(
        internal.contains("交流会の様子"),
        "the internal edition has every photo"
    );

    let log = tsudoi_app::privacy::log(&office.ctx(), 10).unwrap();
    let lines: Vec<_> = log
        .iter()
        .filter(|l| l.action == tsudoi_core::privacy::AuditAction::ProjectReportExport)
        .collect();
    assert_eq!(
        lines.len(),
        2,
        "each edition written is a line of the privacy log"
    );
}

#[test]
fn a_passage_naming_an_attendee_blocks_the_public_edition_until_a_person_decides() {
    let mut office = Office::demo();
    let named = "第1回では大内啓介さんから活発な質問があった。";
    let outline = format!("東北6県のアトツギの交流会を2回開催した。\n{named}");
    report::save_text(&mut office.ctx(), ReportSection::Outline, &outline).unwrap();

    let flags = report::flags(&office.ctx()).unwrap();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0].passage, named);
    assert_eq!(flags[0].name, "大内 啓介");
    assert!(flags[0].resolution.is_none());

    let out = office.out("public");
    let refused = report::export(
        &mut office.ctx(),
        &out,
        &[Disclosure::Public],
        &[ReportFormat::Pdf],
        Replace(false),
    )
    .unwrap_err();
    assert_eq!(refused.code(), "report.flags_unresolved");
    assert!(
        refused.message(Lang::Ja).contains("1 か所"),
        "{}",
        refused.message(Lang::Ja)
    );
    assert!(
        !out.join("事業報告書_公表用.pdf").exists(),
        "nothing is written while it waits"
    );
    let checks = report::check(&office.ctx(), Disclosure::Public).unwrap();
    assert!(
        checks.iter().any(|i| i.blocks_public()),
        "the check says so before the export: {checks:?}"
    );
    // The internal edition is complete and never waits.
    let internal_dir = office.out("internal");
    report::export(
        &mut office.ctx(),
        &internal_dir,
        &[Disclosure::Internal],
        &[ReportFormat::Pdf],
        Replace(false),
    )
    .unwrap();

    let source = flags[0].source.clone();
    report::resolve_flag(
        &mut office.ctx(),
        &source,
        named,
        FlagDecision::Rewrite {
            text: "第1回では参加者から活発な質問があった。".into(),
        },
    )
    .unwrap();
    // The decision is stored: a database opened again still has it.
    let path = office.db.path().to_path_buf();
    office.db = Database::open(&path).unwrap();
    let flags = report::flags(&office.ctx()).unwrap();
    assert!(matches!(
        &flags[0].resolution,
        Some(FlagResolution::Rewrite { text, .. }) if text.contains("参加者から")
    ));

    report::export(
        &mut office.ctx(),
        &out,
        &[Disclosure::Public],
        &[ReportFormat::Pdf],
        Replace(false),
    )
    .unwrap();
    let text = pdf_pages(&out.join("事業報告書_公表用.pdf")).concat();
    assert!(text.contains("参加者から活発な質問"), "the rewrite is printed");
    assert!(!text.contains("大内"), "the name is not");

    // A changed passage is a new passage: flagged again, undecided.
    report::save_text(
        &mut office.ctx(),
        ReportSection::Outline,
        &format!("{outline}\n大内啓介さんは第2回にも来た。"),
    )
    .unwrap();
    let open = report::flags(&office.ctx())
        .unwrap()
        .into_iter()
        .filter(|f| f.resolution.is_none())
        .count();
    assert_eq!(open, 1);
}

#[test]
fn the_report_counts_are_the_desks() {
    let mut office = Office::demo();
    let first = office.events[0];
    let status = tsudoi_app::desk::status(&office.ctx(), first).unwrap();
    assert_eq!(status.checked_in, 3);
    let document = report::document(&office.ctx(), Disclosure::Internal).unwrap();
    let expected = format!(
        "受付の記録: 申込 {} 名・受付 {} 名",
        status.registered, status.checked_in
    );
    assert!(
        document.texts().iter().any(|t| t.starts_with(&expected)),
        "the report says what the desk says: {expected}"
    );
    let issues = report::check(&office.ctx(), Disclosure::Internal).unwrap();
    assert!(
        !issues
            .iter()
            .any(|i| matches!(i, tsudoi_core::report::ReportIssue::CountsDiffer { .. })),
        "the attendance count and the desk's agree: {issues:?}"
    );
    assert!(
        issues
            .iter()
            .any(|i| matches!(i, tsudoi_core::report::ReportIssue::NoPhotos { .. })),
        "the second gathering has no photo yet: {issues:?}"
    );
    // The demo summarises its keynote and panel; the opening greeting (a speaker, no summary)
    // is not a talk the report prints, so nothing asks for its summary.
    assert!(
        !issues
            .iter()
            .any(|i| matches!(i, tsudoi_core::report::ReportIssue::NoSummary { .. })),
        "no summary is asked of a greeting: {issues:?}"
    );
}

//! Photos and minutes against a real database and real image files: JPEGs with EXIF times made
//! here, broken and foreign files, deduplication, the minutes export.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use tsudoi_app::agenda::export_minutes;
use tsudoi_app::output::Replace;
use tsudoi_app::photos::{add_file, AddedPhoto};
use tsudoi_app::types::Disclosure;
use tsudoi_app::{Clock, Ctx, Database};
use tsudoi_core::agenda::{AgendaItemDraft, AgendaItemId, AgendaKind, ItemPlace, MinutesField};
use tsudoi_core::{EventDraft, EventId, Lang, Localized};
use tsudoi_store::{PhotoChange, Store};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 25, 5, 0, 0).unwrap()
}

fn t(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap()
}

/// A real JPEG of `width`×`height` with an EXIF DateTimeOriginal, as a camera writes it.
fn jpeg_taken_at(taken: Option<&str>, shade: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([shade, (x * 4) as u8, (y * 5) as u8]));
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    let Some(taken) = taken else { return jpeg };
    let field = exif::Field {
        tag: exif::Tag::DateTimeOriginal,
        ifd_num: exif::In::PRIMARY,
        value: exif::Value::Ascii(vec![taken.as_bytes().to_vec()]),
    };
    let mut writer = exif::experimental::Writer::new();
    writer.push_field(&field);
    let mut tiff = Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    let tiff = tiff.into_inner();
    // APP1 "Exif\0\0" + TIFF, right after the start-of-image marker.
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// An event day opened as the doors open it, and a second connection to the same file to set up
/// and inspect.
struct Day {
    dir: tempfile::TempDir,
    db: Database,
    store: Store,
    event: EventId,
    opening: AgendaItemId,
    keynote: AgendaItemId,
}

fn day() -> Day {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("tsudoi.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 7, 25).unwrap();
    let event = store
        .create_event(EventDraft::new("第1回", date), now())
        .unwrap()
        .id;
    let item = |start: &str, end: &str, kind, title: &str| AgendaItemDraft {
        starts_at: t(start),
        ends_at: t(end),
        kind,
        title: title.into(),
        place: ItemPlace::Hybrid,
        speaker_ids: vec![],
        moderator_id: None,
        notes: String::new(),
    };
    let opening = store
        .add_agenda_item(event, item("13:30", "14:00", AgendaKind::Opening, "開会"), now())
        .unwrap()
        .id;
    let keynote = store
        .add_agenda_item(
            event,
            item("14:00", "15:00", AgendaKind::Keynote, "基調講演"),
            now(),
        )
        .unwrap()
        .id;
    Day {
        dir,
        db: Database::open(&path).unwrap(),
        store,
        event,
        opening,
        keynote,
    }
}

impl Day {
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn ctx(&mut self) -> Ctx<'_> {
        let clock = Clock::fixed(now(), FixedOffset::east_opt(9 * 3600).unwrap());
        Ctx::new(&mut self.db, Lang::Ja, clock).acting_as(Some("tester"))
    }

    fn add_path(&mut self, path: &Path) -> Result<AddedPhoto, tsudoi_app::AppError> {
        let event = self.event;
        add_file(&mut self.ctx(), event, path)
    }

    fn add(&mut self, name: &str, bytes: &[u8]) -> AddedPhoto {
        let path = self.file(name, bytes);
        self.add_path(&path).unwrap()
    }

    fn files_in_photo_dir(&self) -> usize {
        fn count(dir: &Path) -> usize {
            std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .flatten()
                        .map(|e| if e.path().is_dir() { count(&e.path()) } else { 1 })
                        .sum()
                })
                .unwrap_or(0)
        }
        count(&self.store.photo_dir())
    }
}

#[test]
fn a_photo_goes_to_the_item_running_when_it_was_taken_and_is_stored_once() {
    let mut d = day();
    let bytes = jpeg_taken_at(Some("2026:07:25 14:10:00"), 10);
    let original = d.file("IMG_0001.JPG", &bytes);
    let modified = std::fs::metadata(&original).unwrap().modified().unwrap();
    let added = d.add_path(&original).unwrap();
    assert!(added.new);
    assert_eq!(
        added.photo.agenda_item_id,
        Some(d.keynote),
        "taken at 14:10, during the keynote"
    );
    assert_eq!(added.photo.taken_at.unwrap().to_string(), "2026-07-25 14:10:00");
    assert_eq!(
        std::fs::read(&original).unwrap(),
        bytes,
        "the original is never changed"
    );
    assert_eq!(
        std::fs::metadata(&original).unwrap().modified().unwrap(),
        modified
    );
    assert_eq!(
        std::fs::read(d.store.photo_path(&added.photo)).unwrap(),
        bytes,
        "stored byte for byte"
    );
    let thumbnail = std::fs::read(d.store.thumbnail_path(&added.photo)).unwrap();
    assert!(
        image::load_from_memory(&thumbnail).is_ok(),
        "a thumbnail that decodes"
    );

    let copy = d.file("copy of IMG_0001.JPG", &bytes);
    let again = d.add_path(&copy).unwrap();
    assert!(!again.new, "the same photo twice is one photo");
    assert_eq!(again.photo.id, added.photo.id);
    assert_eq!(d.store.photos(d.event).unwrap().len(), 1);
    assert_eq!(d.files_in_photo_dir(), 2, "one file and its thumbnail");

    let undated = d.add("scan.png", &png());
    assert_eq!(
        undated.photo.agenda_item_id, None,
        "no time, no item until a person places it"
    );
}

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::new(8, 8))
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[test]
fn broken_and_foreign_files_are_refused_and_leave_nothing() {
    let mut d = day();
    let good = jpeg_taken_at(Some("2026:07:25 13:40:00"), 50);
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic");
    heic.extend_from_slice(&[0; 64]);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("cut.jpg", good[..good.len() / 2].to_vec(), "photo.broken"),
        (
            "notes.txt",
            "議事録のメモ".as_bytes().to_vec(),
            "photo.not_an_image",
        ),
        ("IMG_0002.HEIC", heic, "photo.heic"),
        ("empty.jpg", vec![], "photo.not_an_image"),
    ];
    for (name, bytes, code) in cases {
        let path = d.file(name, &bytes);
        let error = d.add_path(&path).unwrap_err();
        assert_eq!(error.code(), code, "{name}");
        assert!(error.message(Lang::Ja).contains("何も追加していません"), "{name}");
    }
    assert!(d.store.photos(d.event).unwrap().is_empty());
    assert_eq!(d.files_in_photo_dir(), 0, "nothing half-imported remains");
}

#[test]
fn photos_follow_the_programme_unless_placed_by_hand() {
    let mut d = day();
    let at_1340 = d.add("a.jpg", &jpeg_taken_at(Some("2026:07:25 13:40:00"), 1));
    let at_1410 = d.add("b.jpg", &jpeg_taken_at(Some("2026:07:25 14:10:00"), 2));
    assert_eq!(at_1340.photo.agenda_item_id, Some(d.opening));
    d.store
        .update_photo(
            at_1410.photo.id,
            &PhotoChange {
                agenda_item_id: Some(Some(d.opening)),
                ..PhotoChange::default()
            },
        )
        .unwrap();
    // The keynote moves first: 13:30–14:30 keynote, 14:30–15:00 opening.
    let items = d.store.move_agenda_item(d.keynote, 0, now()).unwrap();
    assert_eq!(items[0].id, d.keynote);
    assert_eq!(
        (items[0].details.starts_at, items[0].details.ends_at),
        (t("13:30"), t("14:30"))
    );
    let photos = d.store.photos(d.event).unwrap();
    let by_id = |id| photos.iter().find(|p| p.id == id).unwrap();
    assert_eq!(
        by_id(at_1340.photo.id).agenda_item_id,
        Some(d.keynote),
        "13:40 is now in the keynote"
    );
    assert_eq!(
        by_id(at_1410.photo.id).agenda_item_id,
        Some(d.opening),
        "placed by hand, it stays"
    );
}

#[test]
fn minutes_are_exported_with_the_photos_of_each_item_and_public_ones_only_when_public() {
    let mut d = day();
    d.store
        .save_minutes_text(
            d.keynote,
            MinutesField::TalkSummary,
            "承継の十年を振り返る講演。",
            now(),
        )
        .unwrap();
    let note = d
        .store
        .save_note(d.keynote, None, "質疑: 金融機関との", now())
        .unwrap()
        .unwrap();
    d.store
        .save_note(d.keynote, Some(note.id), "質疑: 金融機関との関係づくり", now())
        .unwrap();
    let private = d.add("a.jpg", &jpeg_taken_at(Some("2026:07:25 14:10:00"), 3));
    let public = d.add("b.jpg", &jpeg_taken_at(Some("2026:07:25 14:20:00"), 4));
    d.store
        .update_photo(
            public.photo.id,
            &PhotoChange {
                public_ok: Some(true),
                caption: Some("講演の様子".into()),
                ..PhotoChange::default()
            },
        )
        .unwrap();
    let internal_dir = d.dir.path().join("internal");
    let event = d.event;
    let done = export_minutes(
        &mut d.ctx(),
        event,
        &internal_dir,
        Disclosure::Internal,
        Replace(false),
    )
    .unwrap();
    assert_eq!(done.n_photos, 2);
    assert!(
        done.pdf.ends_with("議事録_非公表用.pdf"),
        "the edition in the name: {}",
        done.pdf
    );
    assert!(done.markdown.ends_with("議事録_非公表用.md"), "{}", done.markdown);
    let markdown = std::fs::read_to_string(&done.markdown).unwrap();
    assert!(markdown.contains("非公表用"));
    assert!(markdown.contains("承継の十年を振り返る講演。"));
    assert!(
        markdown.contains("14:00 質疑: 金融機関との関係づくり"),
        "the note as last typed, at its local time: {markdown}"
    );
    assert_eq!(markdown.matches("](photos/").count(), 2);
    assert!(std::fs::read(&done.pdf).unwrap().starts_with(b"%PDF-"));
    assert_eq!(std::fs::read_dir(internal_dir.join("photos")).unwrap().count(), 2);

    let public_dir = d.dir.path().join("public");
    let done = export_minutes(
        &mut d.ctx(),
        event,
        &public_dir,
        Disclosure::Public,
        Replace(false),
    )
    .unwrap();
    assert_eq!(done.n_photos, 1, "only the photo people agreed to");
    assert!(
        done.pdf.ends_with("議事録_公表用.pdf"),
        "the edition in the name: {}",
        done.pdf
    );
    let html = std::fs::read_to_string(&done.html).unwrap();
    assert!(html.contains("公表用") && html.contains("講演の様子"));
    assert!(!html.contains(&private.photo.sha256[..8]));
}

//! Every operation on personal data leaves a line in the privacy log under the operator, the
//! same way for every kind of export; an export whose line cannot be written leaves no file; and
//! exports never write over what they must not.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use chrono::{FixedOffset, TimeZone, Utc};
use tsudoi_app::exchange::{export_attendance, export_tickets, ExportRequest};
use tsudoi_app::output::Replace;
use tsudoi_app::types::{CsvEncoding, Disclosure};
use tsudoi_app::{agenda, events, photos, privacy, seating, AppError, Clock, Ctx, Database};
use tsudoi_core::privacy::AuditAction;
use tsudoi_core::{EventId, Lang, Localized};

struct Project {
    dir: tempfile::TempDir,
    db_path: PathBuf,
    db: Database,
    event: EventId,
}

fn clock() -> Clock {
    Clock::fixed(
        Utc.with_ymd_and_hms(2026, 7, 25, 5, 0, 0).unwrap(),
        FixedOffset::east_opt(9 * 3600).unwrap(),
    )
}

fn jpeg(shade: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(32, 24, |x, y| image::Rgb([shade, (x * 7) as u8, (y * 9) as u8]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .unwrap();
    bytes
}

/// The demo project, with a seat plan and a photo, as the desk's operator 佐藤 would have it.
fn project() -> Project {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("data").join("tsudoi.sqlite3");
    let mut db = Database::open(&db_path).unwrap();
    let event = {
        let mut ctx = Ctx::new(&mut db, Lang::Ja, clock()).acting_as(Some("佐藤"));
        let report = events::load_demo(&mut ctx).unwrap();
        let event = report.event_ids[0];
        seating::set_seat_plan(&mut ctx, event, Some("A:10, B:10"), Some("S:10")).unwrap();
        photos::add_bytes(&mut ctx, event, &jpeg(10), "会場.jpg", None).unwrap();
        event
    };
    Project {
        dir,
        db_path,
        db,
        event,
    }
}

impl Project {
    fn ctx(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.db, Lang::Ja, clock()).acting_as(Some("佐藤"))
    }

    fn photos(&mut self) -> Vec<tsudoi_core::agenda::Photo> {
        let event = self.event;
        photos::photos(&self.ctx(), event).unwrap()
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join("out").join(name)
    }

    /// Every kind of export of personal data, each into its own place under `out/`.
    fn export_everything(&mut self) -> Vec<(AuditAction, Result<(), AppError>)> {
        let event = self.event;
        let attendance = self.out("出欠.xlsx");
        let tickets = self.out("受付票");
        let chart = self.out("座席表.pdf");
        let programme = self.out("次第");
        let minutes = self.out("議事録");
        let request = ExportRequest {
            format: None,
            encoding: CsvEncoding::Utf8,
            include_contact: false,
            substitute_unencodable: false,
            replace: false,
            include_not_attending: false,
        };
        let mut ctx = self.ctx();
        vec![
            (
                AuditAction::AttendanceExport,
                export_attendance(&mut ctx, event, &attendance, &request).map(drop),
            ),
            (
                AuditAction::TicketExport,
                export_tickets(&mut ctx, event, &tickets, Replace(false)).map(drop),
            ),
            (
                AuditAction::SeatChartExport,
                seating::export_seat_chart(&mut ctx, event, &chart, Replace(false)).map(drop),
            ),
            (
                AuditAction::AgendaExport,
                agenda::export_agenda(&mut ctx, event, &programme, Disclosure::Public, Replace(false))
                    .map(drop),
            ),
            (
                AuditAction::MinutesExport,
                agenda::export_minutes(&mut ctx, event, &minutes, Disclosure::Internal, Replace(false))
                    .map(drop),
            ),
        ]
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.path().is_dir() {
                found.extend(files_under(&entry.path()));
            } else {
                found.push(entry.path());
            }
        }
    }
    found
}

#[test]
fn every_export_and_every_deletion_is_logged_under_the_operator() {
    let mut p = project();
    for (action, result) in p.export_everything() {
        result.unwrap_or_else(|e| panic!("{action:?} failed: {}", e.message(Lang::Ja)));
    }
    let photo = p.photos()[0].clone();
    let deleted = photos::delete(&mut p.ctx(), photo.id).unwrap();
    assert!(
        deleted.files_left.is_empty(),
        "the photo's files are removed: {:?}",
        deleted.files_left
    );
    assert!(!p.photos().iter().any(|x| x.id == photo.id));

    let log = privacy::log(&p.ctx(), 100).unwrap();
    for action in [
        AuditAction::AttendanceExport,
        AuditAction::TicketExport,
        AuditAction::SeatChartExport,
        AuditAction::AgendaExport,
        AuditAction::MinutesExport,
        AuditAction::PhotoDelete,
    ] {
        let line = log
            .iter()
            .find(|l| l.action == action)
            .unwrap_or_else(|| panic!("no privacy-log line for {action:?}: {log:#?}"));
        assert_eq!(
            line.actor, "佐藤",
            "{action:?} is logged under the operator, not free text"
        );
        assert_eq!(line.event_id, Some(p.event));
        assert!(!line.file.is_empty(), "{action:?} says where the data went");
    }
    let tickets = log
        .iter()
        .find(|l| l.action == AuditAction::TicketExport)
        .unwrap();
    assert!(
        tickets.n_people > 50,
        "the tickets of the demo's people: {}",
        tickets.n_people
    );
}

/// Makes the privacy log refuse new lines, as a full disk or a locked file would, through a
/// second connection to the same file.
fn break_the_privacy_log(db_path: &Path) {
    let conn = rusqlite::Connection::open(db_path).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER refuse_log BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'log refused'); END;",
    )
    .unwrap();
}

#[test]
fn an_export_that_cannot_be_logged_leaves_no_file_behind() {
    let mut p = project();
    break_the_privacy_log(&p.db_path);
    for (action, result) in p.export_everything() {
        assert!(
            result.is_err(),
            "{action:?} must fail when its line cannot be written"
        );
    }
    let left = files_under(&p.dir.path().join("out"));
    assert!(left.is_empty(), "no export may stay unlogged: {left:?}");
    let photo = p.photos()[0].clone();
    assert!(
        photos::delete(&mut p.ctx(), photo.id).is_err(),
        "a deletion is logged or not done"
    );
    assert!(
        p.photos().iter().any(|x| x.id == photo.id),
        "the photo stays when its deletion cannot be logged"
    );
}

#[test]
fn a_photo_file_that_cannot_be_removed_is_named_not_hidden() {
    let mut p = project();
    let photo = p.photos()[0].clone();
    // A folder where the file was: removing it as a file fails, as a locked file would.
    let files: Vec<PathBuf> = files_under(&p.db_path.parent().unwrap().join("photos"));
    let original = files
        .iter()
        .find(|f| !f.to_string_lossy().contains("thumb"))
        .unwrap()
        .clone();
    std::fs::remove_file(&original).unwrap();
    std::fs::create_dir(&original).unwrap();
    std::fs::write(original.join("keep"), b"x").unwrap();
    let deleted = photos::delete(&mut p.ctx(), photo.id).unwrap();
    assert_eq!(deleted.files_left, vec![original.display().to_string()]);
    let log = privacy::log(&p.ctx(), 5).unwrap();
    assert_eq!(
        log[0].action,
        AuditAction::PhotoDelete,
        "the deletion itself happened and is logged"
    );
}

#[test]
fn exports_never_write_over_what_they_must_not() {
    let mut p = project();
    let event = p.event;
    let existing = p.out("座席表.pdf");
    std::fs::create_dir_all(existing.parent().unwrap()).unwrap();
    std::fs::write(&existing, b"someone else's file").unwrap();
    let refused = seating::export_seat_chart(&mut p.ctx(), event, &existing, Replace(false)).unwrap_err();
    assert_eq!(refused.code(), "file.exists");
    assert_eq!(
        std::fs::read(&existing).unwrap(),
        b"someone else's file",
        "untouched"
    );
    seating::export_seat_chart(&mut p.ctx(), event, &existing, Replace(true)).unwrap();
    assert!(
        std::fs::read(&existing).unwrap().starts_with(b"%PDF-"),
        "replaced when asked"
    );

    #[cfg(unix)]
    {
        let target = p.out("target.txt");
        std::fs::write(&target, b"precious").unwrap();
        let link = p.out("link.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let refused = seating::export_seat_chart(&mut p.ctx(), event, &link, Replace(true)).unwrap_err();
        assert_eq!(refused.code(), "file.symlink");
        assert_eq!(
            std::fs::read(&target).unwrap(),
            b"precious",
            "never written through a symlink"
        );
        let refused = seating::export_seat_chart(&mut p.ctx(), event, Path::new("/dev/null"), Replace(true))
            .unwrap_err();
        assert_eq!(refused.code(), "file.not_regular", "never onto a device");
    }
    let log = privacy::log(&p.ctx(), 100).unwrap();
    assert_eq!(
        log.iter()
            .filter(|l| l.action == AuditAction::SeatChartExport)
            .count(),
        1,
        "only the export that happened is logged"
    );
}

//! The `photo` table and the photo files: each photo once, under its SHA-256, in the data folder
//! beside the database (`photos/ab/abcd….jpg` and `….thumb.jpg`). Originals are copied, never
//! changed.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Deserialize;
use tsudoi_core::agenda::{item_running_at, AgendaItemId, Photo, PhotoId};
use tsudoi_core::EventId;

use crate::agenda::agenda_items;
use crate::event::find_event;
use crate::sql::{get_timestamp, timestamp};
use crate::{Result, Store, StoreError};

const TAKEN_AT: &str = "%Y-%m-%dT%H:%M:%S";
const COLUMNS: &str =
    "id, event_id, sha256, original_name, media_type, width, height, taken_at, agenda_item_id, \
                       placed_by_hand, caption, public_ok, added_at";

fn photo_from_row(row: &Row<'_>) -> rusqlite::Result<Photo> {
    let taken_at: Option<String> = row.get(7)?;
    Ok(Photo {
        id: PhotoId(row.get(0)?),
        event_id: EventId(row.get(1)?),
        sha256: row.get(2)?,
        original_name: row.get(3)?,
        media_type: row.get(4)?,
        width: row.get(5)?,
        height: row.get(6)?,
        taken_at: taken_at.and_then(|t| NaiveDateTime::parse_from_str(&t, TAKEN_AT).ok()),
        agenda_item_id: row.get::<_, Option<i64>>(8)?.map(AgendaItemId),
        placed_by_hand: row.get(9)?,
        caption: row.get(10)?,
        public_ok: row.get(11)?,
        added_at: get_timestamp(row, 12)?,
    })
}

/// A checked image, ready to be stored (decoded, hashed, thumbnailed by the caller).
#[derive(Debug, Clone)]
pub struct NewPhoto<'a> {
    pub sha256: &'a str,
    pub original_name: &'a str,
    /// `image/jpeg` or `image/png`.
    pub media_type: &'a str,
    pub width: u32,
    pub height: u32,
    pub taken_at: Option<NaiveDateTime>,
    pub bytes: &'a [u8],
    /// A small JPEG for lists.
    pub thumbnail: &'a [u8],
}

/// What a person changes about a photo.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhotoChange {
    /// Moves the photo to this item (none: to no item); absent: leaves it where it is.
    #[serde(default, with = "serde_double_option")]
    #[cfg_attr(feature = "ts", ts(type = "AgendaItemId | null | undefined", optional))]
    pub agenda_item_id: Option<Option<AgendaItemId>>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub caption: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub public_ok: Option<bool>,
}

mod serde_double_option {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}

fn extension(media_type: &str) -> &'static str {
    if media_type == "image/png" {
        "png"
    } else {
        "jpg"
    }
}

/// The item a photo belongs to by its time: the item running then, on the event's day.
fn item_for(
    conn: &Connection,
    event_id: EventId,
    taken_at: Option<NaiveDateTime>,
) -> Result<Option<AgendaItemId>> {
    let Some(taken_at) = taken_at else { return Ok(None) };
    let event = find_event(conn, event_id)?;
    if taken_at.date() != event.details.date {
        return Ok(None);
    }
    Ok(item_running_at(&agenda_items(conn, event_id)?, taken_at.time()))
}

/// After the programme changed, photos not placed by hand follow their times again.
pub(crate) fn reattach_photos(conn: &Connection, event_id: EventId) -> Result<()> {
    let photos: Vec<(i64, Option<String>)> = conn
        .prepare("SELECT id, taken_at FROM photo WHERE event_id = ?1 AND placed_by_hand = 0")?
        .query_map([event_id.0], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, taken_at) in photos {
        let taken_at = taken_at.and_then(|t| NaiveDateTime::parse_from_str(&t, TAKEN_AT).ok());
        let item = item_for(conn, event_id, taken_at)?;
        conn.execute(
            "UPDATE photo SET agenda_item_id = ?2 WHERE id = ?1",
            params![id, item.map(|i| i.0)],
        )?;
    }
    Ok(())
}

impl Store {
    /// The folder the photo files live in, beside the database.
    pub fn photo_dir(&self) -> PathBuf {
        self.path.parent().unwrap_or(Path::new(".")).join("photos")
    }

    fn photo_file(&self, sha256: &str, media_type: &str) -> PathBuf {
        self.photo_dir()
            .join(&sha256[..2])
            .join(format!("{sha256}.{}", extension(media_type)))
    }

    fn thumbnail_file(&self, sha256: &str) -> PathBuf {
        self.photo_dir()
            .join(&sha256[..2])
            .join(format!("{sha256}.thumb.jpg"))
    }

    /// Where a photo's file is (a copy of the original, never changed).
    pub fn photo_path(&self, photo: &Photo) -> PathBuf {
        self.photo_file(&photo.sha256, &photo.media_type)
    }

    pub fn thumbnail_path(&self, photo: &Photo) -> PathBuf {
        self.thumbnail_file(&photo.sha256)
    }

    /// A photo's bytes, opened when the database is encrypted.
    pub fn read_photo(&self, photo: &Photo) -> Result<Vec<u8>> {
        self.read_content_file(&self.photo_path(photo))
    }

    /// A photo's thumbnail (JPEG), opened when the database is encrypted.
    pub fn read_thumbnail(&self, photo: &Photo) -> Result<Vec<u8>> {
        self.read_content_file(&self.thumbnail_path(photo))
    }

    /// Stores a photo for an event, attached to the item running when it was taken. The same
    /// photo again is the photo already stored (`false`: nothing new). The files are written
    /// whole before the row is committed, and removed again if the row cannot be.
    pub fn add_photo(
        &mut self,
        event_id: EventId,
        new: &NewPhoto<'_>,
        now: DateTime<Utc>,
    ) -> Result<(Photo, bool)> {
        find_event(&self.conn, event_id)?;
        if let Some(existing) = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM photo WHERE event_id = ?1 AND sha256 = ?2"
            ))?
            .query_row(params![event_id.0, new.sha256], photo_from_row)
            .optional()?
        {
            return Ok((existing, false));
        }
        let (file, thumb) = (
            self.photo_file(new.sha256, new.media_type),
            self.thumbnail_file(new.sha256),
        );
        let created: Vec<&PathBuf> = [(&file, new.bytes), (&thumb, new.thumbnail)]
            .into_iter()
            .filter(|(path, _)| !path.exists())
            .map(|(path, bytes)| {
                self.write_content_file(path, bytes)?;
                Ok(path)
            })
            .collect::<Result<_>>()?;
        let stored = (|| -> Result<Photo> {
            let tx = self.conn.transaction()?;
            let item = item_for(&tx, event_id, new.taken_at)?;
            tx.execute(
                "INSERT INTO photo (event_id, sha256, original_name, media_type, width, height, taken_at, agenda_item_id,
                                    added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    event_id.0,
                    new.sha256,
                    new.original_name,
                    new.media_type,
                    new.width,
                    new.height,
                    new.taken_at.map(|t| t.format(TAKEN_AT).to_string()),
                    item.map(|i| i.0),
                    timestamp(now)
                ],
            )?;
            let photo = find_photo(&tx, PhotoId(tx.last_insert_rowid()))?;
            tx.commit()?;
            Ok(photo)
        })();
        match stored {
            Ok(photo) => Ok((photo, true)),
            Err(error) => {
                for path in created {
                    let _ = fs::remove_file(path);
                }
                Err(error)
            }
        }
    }

    /// An event's photos, by the time they were taken.
    pub fn photos(&self, event_id: EventId) -> Result<Vec<Photo>> {
        find_event(&self.conn, event_id)?;
        let photos = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM photo WHERE event_id = ?1 ORDER BY taken_at IS NULL, taken_at, id"
            ))?
            .query_map([event_id.0], photo_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(photos)
    }

    pub fn photo(&self, id: PhotoId) -> Result<Photo> {
        find_photo(&self.conn, id)
    }

    /// Moves, captions or marks a photo for the public report.
    pub fn update_photo(&mut self, id: PhotoId, change: &PhotoChange) -> Result<Photo> {
        let tx = self.conn.transaction()?;
        let photo = find_photo(&tx, id)?;
        if let Some(item) = change.agenda_item_id {
            if let Some(item) = item {
                let item = crate::agenda::find_agenda_item(&tx, item)?;
                if item.event_id != photo.event_id {
                    return Err(StoreError::AgendaItemNotFound(item.id.0));
                }
            }
            tx.execute(
                "UPDATE photo SET agenda_item_id = ?2, placed_by_hand = 1 WHERE id = ?1",
                params![id.0, item.map(|i| i.0)],
            )?;
        }
        if let Some(caption) = &change.caption {
            tx.execute(
                "UPDATE photo SET caption = ?2 WHERE id = ?1",
                params![id.0, caption.trim()],
            )?;
        }
        if let Some(public_ok) = change.public_ok {
            tx.execute(
                "UPDATE photo SET public_ok = ?2 WHERE id = ?1",
                params![id.0, public_ok],
            )?;
        }
        let photo = find_photo(&tx, id)?;
        tx.commit()?;
        Ok(photo)
    }

    /// Removes a photo and writes the privacy-log line in the same transaction; its files go
    /// when no event uses them any more. A file that cannot be removed is named in the answer
    /// (the photo is gone from Tsudoi, the file is still on the disk), never silently kept.
    pub fn delete_photo(
        &mut self,
        id: PhotoId,
        audit: &crate::AuditRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<PhotoDeletion> {
        let tx = self.conn.transaction()?;
        let photo = find_photo(&tx, id)?;
        tx.execute("DELETE FROM photo WHERE id = ?1", [id.0])?;
        crate::audit::record(&tx, audit, now)?;
        let still_used: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM photo WHERE sha256 = ?1)",
            [&photo.sha256],
            |row| row.get(0),
        )?;
        tx.commit()?;
        let mut files_left = Vec::new();
        if !still_used {
            for path in [self.photo_path(&photo), self.thumbnail_path(&photo)] {
                match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(_) => files_left.push(path.display().to_string()),
                }
            }
        }
        Ok(PhotoDeletion { photo, files_left })
    }
}

/// A photo deleted, and the files of it that could not be removed from the disk.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhotoDeletion {
    pub photo: Photo,
    pub files_left: Vec<String>,
}

/// What a sweep of the photo folder removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhotoSweep {
    /// Photo files and thumbnails no photo row names.
    pub n_orphans: u32,
    /// Files cut short by a killed write (`.*.tsudoi-partial`).
    pub n_partial: u32,
}

/// How old a leftover must be before a sweep removes it: a photo being added by the other door
/// right now (its files are written before its row is committed) is younger.
const LEFTOVER_AGE: Duration = Duration::from_secs(60);

impl Store {
    /// Removes what a killed photo import left in the photo folder: files cut short
    /// (`.*.tsudoi-partial`) and photo files or thumbnails that no photo row names. Only files
    /// older than a minute are touched (one being added right now is younger), and only files
    /// named as this store names them (`<sha256>.jpg`, `.png`, `.thumb.jpg`, or a partial one):
    /// anything else a person put there stays. Run by [`Store::open`].
    pub fn sweep_photo_leftovers(&self) -> Result<PhotoSweep> {
        self.sweep_photo_leftovers_older_than(LEFTOVER_AGE, SystemTime::now())
    }

    fn sweep_photo_leftovers_older_than(&self, age: Duration, now: SystemTime) -> Result<PhotoSweep> {
        let mut sweep = PhotoSweep::default();
        let Ok(folders) = fs::read_dir(self.photo_dir()) else {
            return Ok(sweep);
        };
        let mut is_named = self
            .conn
            .prepare("SELECT EXISTS (SELECT 1 FROM photo WHERE sha256 = ?1)")?;
        for folder in folders.flatten() {
            let Ok(files) = fs::read_dir(folder.path()) else {
                continue;
            };
            for file in files.flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                let old_enough = file
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|modified| now.duration_since(modified).is_ok_and(|d| d >= age));
                if !old_enough || !file.file_type().is_ok_and(|t| t.is_file()) {
                    continue;
                }
                if name.starts_with('.') && name.ends_with(".tsudoi-partial") {
                    if fs::remove_file(file.path()).is_ok() {
                        sweep.n_partial += 1;
                    }
                    continue;
                }
                let Some(sha256) = photo_file_hash(&name) else {
                    continue;
                };
                let named: bool = is_named.query_row([sha256], |row| row.get(0))?;
                if !named && fs::remove_file(file.path()).is_ok() {
                    sweep.n_orphans += 1;
                }
            }
        }
        Ok(sweep)
    }
}

/// The SHA-256 a photo file or thumbnail is named by, when the name is one this store writes.
fn photo_file_hash(name: &str) -> Option<&str> {
    let sha256 = name
        .strip_suffix(".thumb.jpg")
        .or_else(|| name.strip_suffix(".jpg"))
        .or_else(|| name.strip_suffix(".png"))?;
    (sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit())).then_some(sha256)
}

fn find_photo(conn: &Connection, id: PhotoId) -> Result<Photo> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM photo WHERE id = ?1"))?
        .query_row([id.0], photo_from_row)
        .optional()?
        .ok_or(StoreError::PhotoNotFound(id.0))
}

#[cfg(test)]
mod tests {
    use std::fs::File;

    use chrono::{NaiveDate, TimeZone};
    use tsudoi_core::EventDraft;

    use super::*;

    fn set_age(path: &Path, age: Duration) {
        File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(SystemTime::now() - age)
            .unwrap();
    }

    /// What a photo add killed at each step leaves, and a photo that was added whole, in a real
    /// folder beside a real database.
    #[test]
    fn a_sweep_removes_what_a_killed_photo_add_left_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tsudoi.sqlite3");
        let mut store = Store::open(&db).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 7, 25, 5, 0, 0).unwrap();
        let event = store
            .create_event(
                EventDraft::new("第1回", NaiveDate::from_ymd_opt(2026, 7, 25).unwrap()),
                now,
            )
            .unwrap();
        let kept_hash = "a".repeat(64);
        store
            .add_photo(
                event.id,
                &NewPhoto {
                    sha256: &kept_hash,
                    original_name: "kept.jpg",
                    media_type: "image/jpeg",
                    width: 1,
                    height: 1,
                    taken_at: None,
                    bytes: b"kept",
                    thumbnail: b"thumb",
                },
                now,
            )
            .unwrap();
        let folder = store.photo_dir().join("bb");
        fs::create_dir_all(&folder).unwrap();
        let orphan_hash = "b".repeat(64);
        let old = Duration::from_secs(3_600);
        let files = [
            (format!("{orphan_hash}.jpg"), old, false),
            (format!("{orphan_hash}.thumb.jpg"), old, false),
            (format!(".{orphan_hash}.png.tsudoi-partial"), old, false),
            // Being written by the other door right now: young, so it stays.
            (format!("{}.jpg", "c".repeat(64)), Duration::ZERO, true),
            (
                format!(".{}.jpg.tsudoi-partial", "c".repeat(64)),
                Duration::ZERO,
                true,
            ),
            // Not a name this store writes: a person's file stays.
            ("memo.txt".to_string(), old, true),
        ];
        for (name, age, _) in &files {
            let path = folder.join(name);
            fs::write(&path, b"x").unwrap();
            set_age(&path, *age);
        }
        let kept = store.photo_path(&store.photos(event.id).unwrap()[0]);
        set_age(&kept, old);
        drop(store);

        // Opening with the full check sweeps.
        let store = Store::open(&db).unwrap();
        for (name, _, stays) in &files {
            assert_eq!(folder.join(name).exists(), *stays, "{name}");
        }
        assert!(kept.exists(), "a file a photo row names is never removed");
        assert!(store.thumbnail_path(&store.photos(event.id).unwrap()[0]).exists());
        assert_eq!(
            store.sweep_photo_leftovers().unwrap(),
            PhotoSweep::default(),
            "a second sweep finds nothing more"
        );
    }

    #[test]
    fn a_quick_open_does_not_sweep() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tsudoi.sqlite3");
        let store = Store::open(&db).unwrap();
        let folder = store.photo_dir().join("dd");
        drop(store);
        fs::create_dir_all(&folder).unwrap();
        let orphan = folder.join(format!("{}.jpg", "d".repeat(64)));
        fs::write(&orphan, b"x").unwrap();
        set_age(&orphan, Duration::from_secs(3_600));
        let store = Store::open_with(&db, crate::OpenCheck::Quick).unwrap();
        assert!(
            orphan.exists(),
            "a single quick command leaves the sweep to the window"
        );
        assert_eq!(
            store.sweep_photo_leftovers().unwrap().n_orphans,
            1,
            "the sweep itself finds it"
        );
        assert!(!orphan.exists());
    }
}

/// What erasing an event's personal data did: how many people were made anonymous, the photos
/// removed, and the photo files that could not be removed from the disk.
#[derive(Debug, Clone, Default)]
pub struct EventErasure {
    pub n_people: u32,
    pub photos: Vec<Photo>,
    pub files_left: Vec<PathBuf>,
}

impl Store {
    /// Erases the personal data of one event early (after its report is delivered), keeping
    /// what the reports count: every registration stays as an anonymous row with its category,
    /// mode, status, zone, seat and passes at the door, so the counts by zone, category and mode
    /// do not change; names, kana, organisations, contacts, notes, override reasons typed at the
    /// desk and the event's photos go. One transaction, with its privacy-log line; the photo
    /// files go after it when no other event uses them.
    pub fn erase_event_people(
        &mut self,
        event_id: EventId,
        audit: &crate::AuditRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<EventErasure> {
        let tx = self.conn.transaction()?;
        find_event(&tx, event_id)?;
        let n_people = tx.execute(
            "UPDATE attendee SET name = ?2, kana = '', organization = '', title = '', email = '', phone = '',
                                 notes = '', search_text = '', consent = 0, erased_at = ?3, updated_at = ?3
             WHERE event_id = ?1 AND erased_at IS NULL",
            params![event_id.0, crate::ERASED_NAME, crate::sql::timestamp(now)],
        )?;
        tx.execute(
            "UPDATE door_attempt SET override_reason = '' WHERE event_id = ?1 AND override_reason IS NOT NULL",
            [event_id.0],
        )?;
        let photos: Vec<Photo> = tx
            .prepare(&format!(
                "SELECT {COLUMNS} FROM photo WHERE event_id = ?1 ORDER BY id"
            ))?
            .query_map([event_id.0], photo_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        tx.execute("DELETE FROM photo WHERE event_id = ?1", [event_id.0])?;
        crate::audit::record(&tx, audit, now)?;
        let mut unused = Vec::new();
        for photo in &photos {
            let still_used: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM photo WHERE sha256 = ?1)",
                [&photo.sha256],
                |row| row.get(0),
            )?;
            if !still_used {
                unused.push(photo.clone());
            }
        }
        tx.commit()?;
        let mut files_left = Vec::new();
        for photo in &unused {
            for path in [self.photo_path(photo), self.thumbnail_path(photo)] {
                match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(_) => files_left.push(path),
                }
            }
        }
        Ok(EventErasure {
            n_people: u32::try_from(n_people).unwrap_or(u32::MAX),
            photos,
            files_left,
        })
    }
}

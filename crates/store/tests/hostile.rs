//! Files that cannot hurt: the store against what a crash, a mistyped path or a foreign file
//! leaves, on real SQLite files in a temporary folder.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;
use tsudoi_core::event::parse_date;
use tsudoi_core::{AttendeeDraft, EventDraft, Lang, Localized};
use tsudoi_store::{AttendeeQuery, OpenCheck, Store, StoreError, SCHEMA_VERSION};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap()
}

fn folder_listing(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// A database left at schema `version` with one event in it, as an older Tsudoi left it.
fn older_database(path: &Path, version: i64) {
    let store = Store::open(path).unwrap();
    drop(store);
    let raw = Connection::open(path).unwrap();
    raw.execute(
        "INSERT INTO event (title, date, capacity, format, created_at, updated_at)
         VALUES ('古い回', '2026-07-25', 70, 'hybrid', '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z')",
        [],
    )
    .unwrap();
    // Pretend the last migration has not run: it is re-run (its tables dropped first).
    raw.execute_batch("DROP TABLE survey_ticket_used;").unwrap();
    raw.pragma_update(None, "user_version", version).unwrap();
    raw.pragma_update(None, "wal_checkpoint", "TRUNCATE").ok();
}

fn bak_of(path: &Path, version: i64) -> PathBuf {
    path.with_file_name(format!(
        "{}.before-schema-{}.bak",
        path.file_name().unwrap().to_string_lossy(),
        version + 1
    ))
}

/// What a crash while copying left: a partial backup under the backup's name (the old code
/// wrote it in place) and a half-written temporary. Neither counts: a fresh, whole copy is made.
#[test]
fn a_partial_or_stale_backup_never_counts_as_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tsudoi.sqlite3");
    let version = SCHEMA_VERSION - 1;
    older_database(&path, version);
    let backup = bak_of(&path, version);
    let full = fs::read(&path).unwrap();
    // The first 5% of a copy: opens as an empty database, or not at all.
    fs::write(&backup, &full[..full.len() / 20]).unwrap();
    let partial = PathBuf::from(format!("{}.tsudoi-partial", backup.display()));
    fs::write(&partial, b"half a copy").unwrap();

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(!partial.exists(), "the temporary of a killed copy is gone");
    let copy = Connection::open_with_flags(&backup, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let (version_kept, title): (i64, String) = copy
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), title FROM event",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the backup is a whole copy with the rows");
    assert_eq!(
        (version_kept, title.as_str()),
        (version, "古い回"),
        "the backup is the database as it was before the upgrade"
    );
    let check: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

/// A refused file whose header says WAL: the folder is left exactly as it was (no `-wal`, no
/// `-shm` beside it).
#[test]
fn refusing_a_wal_file_leaves_no_siblings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite3");
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch(
            "PRAGMA journal_mode=WAL; CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');",
        )
        .unwrap();
    drop(other);
    assert_eq!(fs::read(&path).unwrap()[18], 2, "the header says WAL");
    let before = folder_listing(dir.path());
    let bytes = fs::read(&path).unwrap();
    let error = Store::open(&path)
        .err()
        .expect("another program's file is refused");
    assert!(matches!(error, StoreError::NotTsudoi { .. }), "got {error:?}");
    assert_eq!(folder_listing(dir.path()), before, "no file was added beside it");
    assert_eq!(fs::read(&path).unwrap(), bytes);

    // The same with the quick check, and for a newer Tsudoi's file.
    let newer = dir.path().join("newer.sqlite3");
    drop(Store::open(&newer).unwrap());
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let before = folder_listing(dir.path());
    for check in [OpenCheck::Quick, OpenCheck::Full] {
        let error = Store::open_with(&newer, check)
            .err()
            .expect("a newer file is refused");
        assert_eq!(error.code(), "store.newer_schema");
        assert_eq!(folder_listing(dir.path()), before, "{check:?}: no file was added");
    }
}

#[test]
fn a_folder_given_as_the_database_says_it_is_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let error = Store::open(dir.path()).err().expect("a folder is no database");
    assert_eq!(error.code(), "store.is_folder");
    let message = error.message(Lang::Ja);
    assert!(
        message.contains("フォルダー") && message.contains("tsudoi.sqlite3"),
        "{message}"
    );
}

/// A database file the user may not write. Root writes any file, so the test first checks that
/// the permission bites, and says so when it does not (the check then holds for every other
/// user).
#[test]
fn a_read_only_database_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tsudoi.sqlite3");
    drop(Store::open(&path).unwrap());
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();
    if fs::OpenOptions::new().write(true).open(&path).is_ok() {
        eprintln!("skipped: this user (root) writes read-only files, so there is nothing to refuse");
        return;
    }
    let error = Store::open(&path)
        .err()
        .expect("a read-only file cannot be the store");
    assert_eq!(error.code(), "store.read_only", "got {error:?}");
    assert!(error.message(Lang::En).contains("read-only"));
}

/// The quick check opens a good file without reading every page, and still refuses a file that
/// is not Tsudoi's.
#[test]
fn the_quick_check_reads_the_header_and_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tsudoi.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.load_demo(now()).unwrap();
    drop(store);
    let store = Store::open_with(&path, OpenCheck::Quick).unwrap();
    assert!(!store.events().unwrap().is_empty());
    drop(store);
    let foreign = dir.path().join("list.csv");
    fs::write(&foreign, "氏名,メール\n".repeat(500)).unwrap();
    let error = Store::open_with(&foreign, OpenCheck::Quick).err().unwrap();
    assert_eq!(error.code(), "store.not_tsudoi");
}

/// Waiting-list places are numbered once per list, not counted per person: listing 4× the people
/// waiting takes about 4× the time (the old count per person took 15×), and every place is the
/// one the single-person read gives.
#[test]
fn the_waiting_list_is_numbered_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tsudoi.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let mut time_listing = |n_waiting: usize| {
        let event = store
            .create_event(
                EventDraft {
                    capacity: 1,
                    ..EventDraft::new(format!("{n_waiting}人待ち"), parse_date("2026-07-25").unwrap())
                },
                now(),
            )
            .unwrap()
            .id;
        for i in 0..=n_waiting {
            store
                .add_attendee(
                    event,
                    AttendeeDraft::new(format!("参加者{i:05}")),
                    now() + chrono::Duration::seconds(i as i64 / 3),
                )
                .unwrap();
        }
        let started = Instant::now();
        let listed = store.attendees(event, &AttendeeQuery::default()).unwrap();
        let took = started.elapsed();
        let mut places: Vec<u32> = listed.iter().filter_map(|a| a.waitlist_position).collect();
        places.sort_unstable();
        assert_eq!(
            places,
            (1..=n_waiting as u32).collect::<Vec<_>>(),
            "places 1 to n, once each"
        );
        for attendee in listed.iter().step_by(97) {
            assert_eq!(
                attendee.waitlist_position,
                store.attendee(attendee.id).unwrap().waitlist_position,
                "the list and the single read agree"
            );
        }
        took
    };
    let small = time_listing(1_000);
    let large = time_listing(4_000);
    assert!(
        large < small * 10 + std::time::Duration::from_millis(50),
        "4× the people waiting took {large:?} against {small:?}: not linear"
    );
}

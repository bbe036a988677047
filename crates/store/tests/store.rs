//! The store against real SQLite files in a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;
use tsudoi_core::event::parse_date;
use tsudoi_core::{
    AttendanceMode, AttendeeDraft, AttendeeStatus, Category, EventDraft, EventId, Lang, Localized,
    ValidationError,
};
use tsudoi_store::{AttendeeQuery, Store, StoreError, SCHEMA_VERSION};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap()
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("tsudoi.sqlite3");
    (dir, path)
}

fn first_event() -> EventDraft {
    EventDraft::new("第1回 交流会", parse_date("2026-07-25").unwrap())
}

fn store_with_event() -> (tempfile::TempDir, Store, EventId) {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let event = store.create_event(first_event(), now()).unwrap();
    (dir, store, event.id)
}

/// Asserts that opening `path` fails and leaves every byte of the file as it was.
fn assert_refused_untouched(path: &Path) -> StoreError {
    let before = fs::read(path).unwrap();
    let error = match Store::open(path) {
        Ok(_) => panic!("{} should have been refused", path.display()),
        Err(e) => e,
    };
    assert_eq!(
        fs::read(path).unwrap(),
        before,
        "a refused file is never modified"
    );
    error
}

#[test]
fn a_new_database_is_created_with_its_folder_and_is_empty() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert!(path.exists());
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(store.is_empty().unwrap());
    drop(store);
    let raw = Connection::open(&path).unwrap();
    let mode: String = raw
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal", "check-ins are written through the write-ahead log");
    let application_id: i64 = raw
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(application_id, 0x5453_4449, "the file is marked as Tsudoi's");
}

#[test]
fn a_zero_length_file_is_initialised() {
    let (_dir, path) = temp_db();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let (_dir, path) = temp_db();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(
        &path,
        "氏名,メール\n大友 慎吾,p00@sample.example.jp\n".repeat(200),
    )
    .unwrap();
    let error = assert_refused_untouched(&path);
    assert!(matches!(error, StoreError::NotTsudoi { .. }), "got {error:?}");
    assert_eq!(error.code(), "store.not_tsudoi");
    assert!(error.message(Lang::Ja).contains("ファイルは変更していません"));
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let (_dir, path) = temp_db();
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
        .unwrap();
    drop(other);
    let error = assert_refused_untouched(&path);
    assert!(matches!(error, StoreError::NotTsudoi { .. }), "got {error:?}");
}

#[test]
fn a_damaged_database_is_refused_untouched() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    store.load_demo(now()).unwrap();
    drop(store);
    let mut bytes = fs::read(&path).unwrap();
    assert!(bytes.len() > 4 * 4096, "the demo fills several pages");
    // Scribble over the b-tree pages after the schema page.
    for byte in &mut bytes[4096 + 8..3 * 4096] {
        *byte = 0xA5;
    }
    fs::write(&path, &bytes).unwrap();
    let error = assert_refused_untouched(&path);
    assert!(matches!(error, StoreError::Corrupt { .. }), "got {error:?}");
    assert!(error.message(Lang::En).contains("Restore a backup"));
}

#[test]
fn a_database_from_a_newer_tsudoi_is_refused_naming_both_versions() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let raw = Connection::open(&path).unwrap();
    raw.execute("UPDATE meta SET value = '3.1.0' WHERE key = 'written_by'", [])
        .unwrap();
    raw.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
        .unwrap();
    drop(raw);
    let error = assert_refused_untouched(&path);
    match &error {
        StoreError::NewerSchema {
            found, written_by, ..
        } => {
            assert_eq!(*found, SCHEMA_VERSION + 5);
            assert_eq!(written_by, "3.1.0");
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    let message = error.message(Lang::Ja);
    assert!(
        message.contains("3.1.0") && message.contains(tsudoi_store::APP_VERSION),
        "{message}"
    );
    assert!(
        message.contains(&format!("スキーマ版 {}", SCHEMA_VERSION + 5)),
        "{message}"
    );
}

#[test]
fn events_are_created_listed_and_edited() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let second = store
        .create_event(
            EventDraft::new("第2回 ワークショップ", parse_date("2026-10-24").unwrap()),
            now(),
        )
        .unwrap();
    let first = store.create_event(first_event(), now()).unwrap();
    let titles: Vec<_> = store
        .events()
        .unwrap()
        .into_iter()
        .map(|e| e.details.title)
        .collect();
    assert_eq!(
        titles,
        ["第1回 交流会", "第2回 ワークショップ"],
        "events are listed by date"
    );

    let later = Utc.with_ymd_and_hms(2026, 7, 2, 9, 0, 0).unwrap();
    let edited = store
        .update_event(
            first.id,
            EventDraft {
                capacity: 80,
                venue_name: "仙台国際センター".into(),
                ..first_event()
            },
            later,
        )
        .unwrap();
    assert_eq!(edited.details.capacity, 80);
    assert_eq!(edited.created_at, now());
    assert_eq!(edited.updated_at, later);
    assert_eq!(
        store.event(second.id).unwrap().details.capacity,
        70,
        "the default capacity is the contract's 70"
    );
}

#[test]
fn an_invalid_event_is_refused_and_nothing_is_stored() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let error = store
        .create_event(
            EventDraft {
                title: "  ".into(),
                ..first_event()
            },
            now(),
        )
        .unwrap_err();
    assert!(matches!(
        error,
        StoreError::Validation(ValidationError::EmptyTitle)
    ));
    assert!(store.is_empty().unwrap());
    let missing = store
        .update_event(EventId(999), first_event(), now())
        .unwrap_err();
    assert!(matches!(missing, StoreError::EventNotFound(EventId(999))));
}

#[test]
fn attendees_are_added_normalised_and_edited() {
    let (_dir, mut store, event_id) = store_with_event();
    let added = store
        .add_attendee(
            event_id,
            AttendeeDraft {
                kana: "おおとも しんご".into(),
                organization: "大友醤油株式会社".into(),
                email: " p00@Sample.Example.jp ".into(),
                phone: "022-123-4567".into(),
                ..AttendeeDraft::new("大友　慎吾")
            },
            now(),
        )
        .unwrap();
    assert_eq!(added.details.name, "大友 慎吾");
    assert_eq!(added.details.kana, "オオトモ シンゴ");
    assert_eq!(
        added.details.phone, "022-123-4567",
        "phone numbers keep their leading zero"
    );

    let cancelled = store
        .update_attendee(
            added.id,
            AttendeeDraft {
                status: AttendeeStatus::Cancelled,
                mode: AttendanceMode::Online,
                ..added.details.clone()
            },
            now(),
        )
        .unwrap()
        .attendee;
    assert_eq!(cancelled.details.status, AttendeeStatus::Cancelled);
    assert_eq!(store.attendee(added.id).unwrap(), cancelled);
    let counts = store.event_counts(event_id).unwrap();
    assert_eq!((counts.n_registered, counts.n_cancelled), (0, 1));
}

#[test]
fn an_attendee_needs_an_existing_event_and_a_name() {
    let (_dir, mut store, event_id) = store_with_event();
    let error = store
        .add_attendee(EventId(42), AttendeeDraft::new("大友 慎吾"), now())
        .unwrap_err();
    assert!(matches!(error, StoreError::EventNotFound(EventId(42))));
    let error = store
        .add_attendee(event_id, AttendeeDraft::new(" "), now())
        .unwrap_err();
    assert_eq!(error.code(), "validation.empty_name");
    let error = store
        .attendees(EventId(42), &AttendeeQuery::default())
        .unwrap_err();
    assert!(
        matches!(error, StoreError::EventNotFound(_)),
        "listing an unknown event is an error, not nothing"
    );
    assert!(store
        .attendees(event_id, &AttendeeQuery::default())
        .unwrap()
        .is_empty());
}

#[test]
fn search_treats_kana_scripts_widths_and_spaces_as_equal() {
    let (_dir, mut store, event_id) = store_with_event();
    for (name, kana, org, email) in [
        ("山田 太郎", "やまだ たろう", "山田醤油", "taro@yamada.example"),
        (
            "山本 花子",
            "ヤマモト ハナコ",
            "仙台商工会議所",
            "hanako@cci.example",
        ),
        (
            "Sarah Kimura",
            "さら きむら",
            "Kimura Trading LLC",
            "sarah@kimura.example",
        ),
    ] {
        let draft = AttendeeDraft {
            kana: kana.into(),
            organization: org.into(),
            email: email.into(),
            ..AttendeeDraft::new(name)
        };
        store.add_attendee(event_id, draft, now()).unwrap();
    }
    let names = |q: &str| -> Vec<String> {
        store
            .attendees(
                event_id,
                &AttendeeQuery {
                    search: Some(q.into()),
                    ..AttendeeQuery::default()
                },
            )
            .unwrap()
            .into_iter()
            .map(|a| a.details.name)
            .collect()
    };
    assert_eq!(
        names("ヤマダ"),
        ["山田 太郎"],
        "katakana finds a reading typed in hiragana"
    );
    assert_eq!(
        names("ﾔﾏﾀﾞ ﾀﾛｳ"),
        ["山田 太郎"],
        "half-width katakana with a space"
    );
    assert_eq!(names("やま"), ["山田 太郎", "山本 花子"], "results in kana order");
    assert_eq!(names("商工会"), ["山本 花子"], "organisations are searched");
    assert_eq!(names("KIMURA"), ["Sarah Kimura"], "Latin letters without case");
    assert_eq!(
        names("ｓａｒａｈ＠"),
        ["Sarah Kimura"],
        "full-width input from an active IME"
    );
    assert!(names("佐藤").is_empty());
    assert_eq!(names("").len(), 3, "an empty search lists everyone");
    let first = store
        .attendees(
            event_id,
            &AttendeeQuery {
                search: Some("やま".into()),
                limit: Some(1),
            },
        )
        .unwrap();
    assert_eq!(first.len(), 1, "the desk asks for a handful at most");
}

#[test]
fn the_demo_loads_once_in_one_transaction() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let report = store.load_demo(now()).unwrap();
    assert_eq!(report.event_ids.len(), 2);
    let events = store.events().unwrap();
    assert!(events[0].details.title.contains("第1回"));
    let first = store.attendees(events[0].id, &AttendeeQuery::default()).unwrap();
    assert!(
        (70..=90).contains(&first.len()),
        "about 80 attendees, got {}",
        first.len()
    );
    assert!(first.iter().any(|a| a.details.category == Category::Stakeholder));
    assert!(matches!(
        store.load_demo(now()),
        Err(StoreError::DemoAlreadyLoaded)
    ));
    assert_eq!(
        store.events().unwrap().len(),
        2,
        "a refused second load adds nothing"
    );
}

#[test]
fn settings_and_data_survive_reopening() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.language().unwrap(), Lang::Ja, "Japanese by default");
    store.set_language(Lang::En).unwrap();
    let event = store.create_event(first_event(), now()).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.language().unwrap(), Lang::En);
    assert_eq!(store.event(event.id).unwrap(), event);
}

#[test]
fn two_connections_share_the_file() {
    // The CLI and the window work on the same file at the same time.
    let (_dir, path) = temp_db();
    let mut window = Store::open(&path).unwrap();
    let cli = Store::open(&path).unwrap();
    let event = window.create_event(first_event(), now()).unwrap();
    assert_eq!(
        cli.event(event.id).unwrap(),
        event,
        "a committed write is visible to the other door at once"
    );
}

#[test]
fn venue_registrations_beyond_capacity_wait_in_order_and_move_up() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let event = store
        .create_event(
            EventDraft {
                capacity: 2,
                ..first_event()
            },
            now(),
        )
        .unwrap()
        .id;
    let later = |minutes| now() + chrono::Duration::minutes(minutes);
    let add = |store: &mut Store, name: &str, mode, minutes| {
        store
            .add_attendee(
                event,
                AttendeeDraft {
                    mode,
                    ..AttendeeDraft::new(name)
                },
                later(minutes),
            )
            .unwrap()
    };
    let a = add(&mut store, "一", AttendanceMode::Venue, 1);
    let _b = add(&mut store, "二", AttendanceMode::Venue, 2);
    let c = add(&mut store, "三", AttendanceMode::Venue, 3);
    let online = add(&mut store, "四", AttendanceMode::Online, 4);
    let d = add(&mut store, "五", AttendanceMode::Venue, 5);
    assert_eq!(a.waitlisted_at, None);
    assert_eq!(
        (c.waitlist_position, d.waitlist_position),
        (Some(1), Some(2)),
        "waiting in the order they came"
    );
    assert_eq!(
        online.waitlisted_at, None,
        "online attendees never use venue places"
    );
    let counts = store.event_counts(event).unwrap();
    assert_eq!((counts.n_registered, counts.n_waitlisted), (3, 2));

    let update = store
        .update_attendee(
            a.id,
            AttendeeDraft {
                status: AttendeeStatus::Cancelled,
                ..a.details.clone()
            },
            later(10),
        )
        .unwrap();
    let promoted: Vec<_> = update.promoted.iter().map(|p| p.details.name.as_str()).collect();
    assert_eq!(promoted, ["三"], "the first to wait gets the freed place");
    assert_eq!(
        store.attendee(d.id).unwrap().waitlist_position,
        Some(1),
        "the rest move up the list"
    );

    let draft = store.event(event).unwrap().details;
    store
        .update_event(event, EventDraft { capacity: 3, ..draft }, later(20))
        .unwrap();
    assert_eq!(
        store.attendee(d.id).unwrap().waitlisted_at,
        None,
        "a larger room gives places to those waiting"
    );
    assert_eq!(store.event_counts(event).unwrap().n_waitlisted, 0);
}

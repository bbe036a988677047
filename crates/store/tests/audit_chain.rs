//! The privacy log's hash chain on a real SQLite file: a line edited or deleted by hand, as an
//! attacker with the file would (dropping the triggers first), is found; lines from before the
//! chain are counted apart and do not break it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use rusqlite::Connection;
use tsudoi_store::{AuditAction, AuditChainReport, AuditRecord, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap()
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tsudoi.sqlite3");
    (dir, path)
}

/// Writes `n` export lines through the store, as the use cases do.
fn write_lines(store: &mut Store, n: u32) {
    for i in 0..n {
        let file = format!("/home/staff/出力/attendance-{i}.csv");
        let record = AuditRecord {
            actor: "受付 花子",
            action: AuditAction::AttendanceExport,
            event_id: None,
            n_people: 10 + i,
            file: &file,
            detail: "{\"format\":\"csv\"}",
        };
        store
            .record_audit(&record, now() + Duration::minutes(i64::from(i)))
            .unwrap();
    }
}

fn chain_of(path: &Path) -> AuditChainReport {
    Store::open(path).unwrap().verify_audit_chain().unwrap()
}

/// The file as an attacker opens it: plain SQLite, the triggers dropped.
fn attacker(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_chained_no_update; DROP TRIGGER audit_log_chained_no_delete;")
        .unwrap();
    conn
}

#[test]
fn a_fresh_chain_verifies() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let empty = store.verify_audit_chain().unwrap();
    assert_eq!(
        empty,
        AuditChainReport {
            intact: true,
            lines: 0,
            unchained: 0,
            first_broken: None
        },
        "an empty log is whole"
    );
    write_lines(&mut store, 5);
    drop(store);
    assert_eq!(
        chain_of(&path),
        AuditChainReport {
            intact: true,
            lines: 5,
            unchained: 0,
            first_broken: None
        },
        "every line written through the store chains to the one before"
    );
}

#[test]
fn sqlite_itself_refuses_to_change_or_delete_a_chained_line() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    write_lines(&mut store, 2);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let update = conn.execute("UPDATE audit_log SET n_people = 1 WHERE id = 1", []);
    assert!(update.is_err(), "the trigger refuses a plain UPDATE");
    let delete = conn.execute("DELETE FROM audit_log WHERE id = 2", []);
    assert!(delete.is_err(), "the trigger refuses a plain DELETE");
    drop(conn);
    assert!(chain_of(&path).intact, "nothing was changed");
}

#[test]
fn a_line_edited_by_hand_is_found_at_that_line() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    write_lines(&mut store, 5);
    drop(store);
    attacker(&path)
        .execute(
            "UPDATE audit_log SET detail = '{\"format\":\"xlsx\"}' WHERE id = 3",
            [],
        )
        .unwrap();
    let report = chain_of(&path);
    assert!(!report.intact);
    assert_eq!(
        report.first_broken,
        Some(3),
        "the edited line's hash no longer matches its content"
    );
    assert_eq!(report.lines, 5);
}

#[test]
fn an_edit_that_also_rewrites_the_lines_hash_is_found_at_the_next_line() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    write_lines(&mut store, 4);
    drop(store);
    // The attacker cannot recompute the rest of the chain without also rewriting every later
    // line and the head; rewriting one hash leaves the next line pointing at the old one.
    attacker(&path)
        .execute(
            "UPDATE audit_log SET n_people = 0, hash = 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff' WHERE id = 2",
            [],
        )
        .unwrap();
    assert_eq!(chain_of(&path).first_broken, Some(2));
}

#[test]
fn a_deleted_middle_line_is_found_at_the_line_after_it() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    write_lines(&mut store, 5);
    drop(store);
    attacker(&path)
        .execute("DELETE FROM audit_log WHERE id = 3", [])
        .unwrap();
    let report = chain_of(&path);
    assert!(!report.intact);
    assert_eq!(
        report.first_broken,
        Some(4),
        "line 4 names the hash of line 3, which is gone"
    );
    assert_eq!(report.lines, 4);
}

#[test]
fn a_deleted_last_line_is_found_by_the_head() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    write_lines(&mut store, 5);
    drop(store);
    attacker(&path)
        .execute("DELETE FROM audit_log WHERE id = 5", [])
        .unwrap();
    let report = chain_of(&path);
    assert!(!report.intact, "the head in meta still names line 5");
    assert_eq!(report.first_broken, Some(5), "the first line missing at the end");

    // A line written afterwards chains to the head, so the gap stays visible.
    let mut store = Store::open(&path).unwrap();
    write_lines(&mut store, 1);
    let report = store.verify_audit_chain().unwrap();
    assert!(!report.intact);
    assert_eq!(
        report.first_broken,
        Some(5),
        "the new line 5 names the deleted line 5's hash"
    );
}

#[test]
fn deleting_the_whole_log_and_its_head_is_found() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    write_lines(&mut store, 3);
    drop(store);
    attacker(&path)
        .execute_batch("DELETE FROM audit_log; DELETE FROM meta WHERE key = 'audit_head';")
        .unwrap();
    let report = chain_of(&path);
    assert!(!report.intact, "a chain without its head is not whole");
}

#[test]
fn a_line_inserted_without_hashes_after_the_chain_began_is_a_break() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    write_lines(&mut store, 2);
    drop(store);
    Connection::open(&path)
        .unwrap()
        .execute(
            "INSERT INTO audit_log (id, at, actor, action, n_people) VALUES (3, '2026-07-01T10:00:00.000Z', '誰か', 'attendance_export', 1)",
            [],
        )
        .unwrap();
    assert_eq!(chain_of(&path).first_broken, Some(3));
}

/// A database as Tsudoi left it before the chain: schema 11, built from the shipped migrations.
fn database_before_the_chain(path: &Path) {
    const BEFORE: [&str; 11] = [
        include_str!("../migrations/0001_events_and_attendees.sql"),
        include_str!("../migrations/0002_settings.sql"),
        include_str!("../migrations/0003_tickets_and_door.sql"),
        include_str!("../migrations/0004_seating_zones.sql"),
        include_str!("../migrations/0005_waiting_list.sql"),
        include_str!("../migrations/0006_imports_online_audit.sql"),
        include_str!("../migrations/0007_seat_plan.sql"),
        include_str!("../migrations/0008_agenda_minutes_photos.sql"),
        include_str!("../migrations/0009_audit_actions_open.sql"),
        include_str!("../migrations/0010_money.sql"),
        include_str!("../migrations/0011_door_day.sql"),
    ];
    let mut conn = Connection::open(path).unwrap();
    for (index, sql) in BEFORE.iter().enumerate() {
        let tx = conn.transaction().unwrap();
        tx.execute_batch(sql).unwrap();
        tx.pragma_update(None, "user_version", index as i64 + 1).unwrap();
        tx.commit().unwrap();
    }
    conn.execute("INSERT INTO meta (key, value) VALUES ('written_by', '0.1.0')", [])
        .unwrap();
    for i in 1..=3 {
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, n_people, file, detail)
             VALUES (?1, '受付 花子', 'attendance_export', 12, '/tmp/a.csv', '')",
            [format!("2026-06-0{i}T09:00:00.000Z")],
        )
        .unwrap();
    }
}

#[test]
fn lines_from_before_the_upgrade_are_counted_and_do_not_break_the_chain() {
    let (_dir, path) = temp_db();
    database_before_the_chain(&path);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.verify_audit_chain().unwrap(),
        AuditChainReport {
            intact: true,
            lines: 3,
            unchained: 3,
            first_broken: None
        },
        "lines written before the chain cannot be checked, and say so"
    );
    write_lines(&mut store, 2);
    assert_eq!(
        store.verify_audit_chain().unwrap(),
        AuditChainReport {
            intact: true,
            lines: 5,
            unchained: 3,
            first_broken: None
        },
        "the chain starts at the first line written after the upgrade"
    );
    drop(store);

    // An unchained line stays changeable (no hash to protect it), but a chained one does not,
    // and a tampered chained line after them is still found.
    attacker(&path)
        .execute("UPDATE audit_log SET actor = '別人' WHERE id = 5", [])
        .unwrap();
    assert_eq!(chain_of(&path).first_broken, Some(5));
}

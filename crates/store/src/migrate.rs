//! Schema migrations: numbered SQL files embedded in the binary, add-only, each in one transaction.
//!
//! A shipped migration is never edited; a change to the schema is a new file at the end of
//! [`MIGRATIONS`]. The database's `user_version` is the number of migrations applied.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Result, APP_VERSION};

/// `'TSDI'` in the SQLite header's application id: marks a file as Tsudoi's.
pub(crate) const TSUDOI_APPLICATION_ID: i64 = 0x5453_4449;

struct Migration {
    name: &'static str,
    sql: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "0001_events_and_attendees",
        sql: include_str!("../migrations/0001_events_and_attendees.sql"),
    },
    Migration {
        name: "0002_settings",
        sql: include_str!("../migrations/0002_settings.sql"),
    },
    Migration {
        name: "0003_tickets_and_door",
        sql: include_str!("../migrations/0003_tickets_and_door.sql"),
    },
    Migration {
        name: "0004_seating_zones",
        sql: include_str!("../migrations/0004_seating_zones.sql"),
    },
    Migration {
        name: "0005_waiting_list",
        sql: include_str!("../migrations/0005_waiting_list.sql"),
    },
    Migration {
        name: "0006_imports_online_audit",
        sql: include_str!("../migrations/0006_imports_online_audit.sql"),
    },
    Migration {
        name: "0007_seat_plan",
        sql: include_str!("../migrations/0007_seat_plan.sql"),
    },
    Migration {
        name: "0008_agenda_minutes_photos",
        sql: include_str!("../migrations/0008_agenda_minutes_photos.sql"),
    },
    Migration {
        name: "0009_audit_actions_open",
        sql: include_str!("../migrations/0009_audit_actions_open.sql"),
    },
    Migration {
        name: "0010_money",
        sql: include_str!("../migrations/0010_money.sql"),
    },
    Migration {
        name: "0011_door_day",
        sql: include_str!("../migrations/0011_door_day.sql"),
    },
    Migration {
        name: "0012_audit_chain",
        sql: include_str!("../migrations/0012_audit_chain.sql"),
    },
    Migration {
        name: "0013_handlers",
        sql: include_str!("../migrations/0013_handlers.sql"),
    },
    Migration {
        name: "0014_incidents",
        sql: include_str!("../migrations/0014_incidents.sql"),
    },
    Migration {
        name: "0015_external_services",
        sql: include_str!("../migrations/0015_external_services.sql"),
    },
    Migration {
        name: "0016_survey",
        sql: include_str!("../migrations/0016_survey.sql"),
    },
    Migration {
        name: "0017_mail",
        sql: include_str!("../migrations/0017_mail.sql"),
    },
    Migration {
        name: "0018_mail_templates",
        sql: include_str!("../migrations/0018_mail_templates.sql"),
    },
    Migration {
        name: "0019_project_report",
        sql: include_str!("../migrations/0019_project_report.sql"),
    },
    Migration {
        name: "0020_survey_ticket_used",
        sql: include_str!("../migrations/0020_survey_ticket_used.sql"),
    },
];

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies the migrations after the database's version up to `target`, one transaction each, and
/// records which Tsudoi wrote the schema.
pub(crate) fn migrate(conn: &mut Connection, target: i64) -> Result<()> {
    let found = user_version(conn)?;
    for (index, migration) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= found || version > target {
            continue;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(migration.sql)?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('written_by', ?1), ('last_migration', ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [APP_VERSION, migration.name],
        )?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    /// A database left at each earlier version opens, migrates to the latest, keeps its rows and
    /// passes SQLite's integrity and foreign-key checks.
    #[test]
    fn every_earlier_version_migrates_to_the_latest() {
        for start in 0..=SCHEMA_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("tsudoi.sqlite3");
            {
                let mut conn = Connection::open(&path).unwrap();
                migrate(&mut conn, start).unwrap();
                assert_eq!(user_version(&conn).unwrap(), start);
                if start >= 1 {
                    conn.execute(
                        "INSERT INTO event (title, date, capacity, format, created_at, updated_at)
                         VALUES ('古い回', '2026-07-25', 70, 'hybrid', '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z')",
                        [],
                    )
                    .unwrap();
                    conn.execute(
                        "INSERT INTO attendee (event_id, name, category, mode, consent, source, status, search_text,
                                               created_at, updated_at)
                         VALUES (1, '大友 慎吾', 'atotsugi', 'venue', 1, 'manual', 'registered', '大友慎吾',
                                 '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z')",
                        [],
                    )
                    .unwrap();
                }
            }
            let store = Store::open(&path).unwrap_or_else(|e| panic!("opening a version-{start} file: {e}"));
            assert_eq!(
                store.schema_version().unwrap(),
                SCHEMA_VERSION,
                "migrated from version {start}"
            );
            let check: String = store
                .conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(check, "ok");
            let n_fk_errors: i64 = store
                .conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n_fk_errors, 0);
            let n_events = store.events().unwrap().len();
            assert_eq!(
                n_events,
                usize::from(start >= 1),
                "rows written at version {start} survive"
            );
            let backup = dir
                .path()
                .join(format!("tsudoi.sqlite3.before-schema-{}.bak", start + 1));
            assert_eq!(
                backup.exists(),
                (1..SCHEMA_VERSION).contains(&start),
                "a populated older database is backed up before it is migrated"
            );
        }
    }

    #[test]
    fn a_failing_migration_leaves_the_database_at_its_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tsudoi.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, 1).unwrap();
        // Make migration 2 fail halfway: its table already exists.
        conn.execute_batch("CREATE TABLE setting (x)").unwrap();
        assert!(migrate(&mut conn, SCHEMA_VERSION).is_err());
        assert_eq!(
            user_version(&conn).unwrap(),
            1,
            "the failed migration left no trace of its version"
        );
    }
}

//! Opening a database file safely: inspect read-only first, then open, configure and migrate.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::migrate::{self, SCHEMA_VERSION, TSUDOI_APPLICATION_ID};
use crate::{Result, Store, StoreError};

/// How long a write waits for another program (the CLI beside the window) before giving up.
const BUSY_TIMEOUT_MS: u32 = 5_000;

/// The database the CLI and the desktop app share when neither `--db` nor `TSUDOI_DB` is given:
/// `<OS data dir>/jp.tsudoi.desktop/tsudoi.sqlite3` (the Tauri app-data folder of the desktop app).
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("jp.tsudoi.desktop").join("tsudoi.sqlite3"))
}

pub(crate) fn open(path: &Path) -> Result<Store> {
    let existed = fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
    if existed {
        inspect_read_only(path)?;
    } else if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|source| StoreError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }

    let flags =
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    configure(&conn).map_err(|e| classify(path, e))?;
    let found = migrate::user_version(&conn).map_err(|e| classify(path, e))?;
    if existed && found > 0 && found < SCHEMA_VERSION {
        backup_before_migration(&conn, path, found)?;
    }
    migrate::migrate(&mut conn, SCHEMA_VERSION).map_err(|e| match e {
        StoreError::Sqlite(inner) => classify(path, inner),
        other => other,
    })?;
    // People registered before tickets existed (schema 3) get theirs now.
    crate::ticket::issue_missing_tickets(&mut conn, chrono::Utc::now())?;
    Ok(Store {
        conn,
        path: path.to_path_buf(),
    })
}

/// Durability and integrity settings every connection carries.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS.into()))?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        // WAL cannot be had on some network file systems; FULL synchronous still makes each
        // commit durable in rollback-journal mode, only slower.
        conn.pragma_update(None, "journal_mode", "DELETE")?;
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Reads the header and the schema of an existing file without writing a byte to it.
fn inspect_read_only(path: &Path) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    let read = || -> rusqlite::Result<(i64, i64, i64)> {
        let application_id = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
        let version = migrate::user_version(&conn)?;
        let n_tables = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
        Ok((application_id, version, n_tables))
    };
    let (application_id, version, n_tables) = read().map_err(|e| classify(path, e))?;
    let empty_sqlite_file = version == 0 && n_tables == 0;
    if application_id != TSUDOI_APPLICATION_ID && !empty_sqlite_file {
        return Err(StoreError::NotTsudoi {
            path: path.to_path_buf(),
        });
    }
    if version > SCHEMA_VERSION {
        let written_by = conn
            .query_row("SELECT value FROM meta WHERE key = 'written_by'", [], |row| {
                row.get(0)
            })
            .unwrap_or_else(|_| "?".to_string());
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            written_by,
        });
    }
    let check: String = conn
        .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
        .map_err(|e| classify(path, e))?;
    if check != "ok" {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: check,
        });
    }
    Ok(())
}

/// Keeps a copy of the database as it was before a migration, beside it, so an upgrade that goes
/// wrong in a way the transaction cannot undo (a bug in a migration) can still be undone by hand.
fn backup_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".before-schema-{}.bak", version + 1));
    let backup = path.with_file_name(name);
    if backup.exists() {
        return Ok(());
    }
    conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])
        .map_err(|e| classify(path, e))?;
    Ok(())
}

/// Names the SQLite failures that mean something about the file itself.
fn classify(path: &Path, error: rusqlite::Error) -> StoreError {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotTsudoi {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: error.to_string(),
        },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => StoreError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, error.to_string()),
        },
        _ => StoreError::from(error),
    }
}

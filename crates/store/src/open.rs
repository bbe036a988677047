//! Opening a database file safely: inspect read-only first, then open, configure and migrate.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags, MAIN_DB};

use tsudoi_vault::DataKey;

use crate::migrate::{self, SCHEMA_VERSION, TSUDOI_APPLICATION_ID};
use crate::{Result, Store, StoreError};

/// How long a write waits for another program (the CLI beside the window) before giving up.
const BUSY_TIMEOUT_MS: u32 = 5_000;

/// The database the CLI and the desktop app share when neither `--db` nor `TSUDOI_DB` is given:
/// `<OS data dir>/jp.tsudoi.desktop/tsudoi.sqlite3` (the Tauri app-data folder of the desktop app).
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join("jp.tsudoi.desktop").join("tsudoi.sqlite3"))
}

/// How much an existing file is checked before it is opened for writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OpenCheck {
    /// The header and the schema (Tsudoi's file, not newer than this Tsudoi), and SQLite's
    /// `quick_check` of every page, which reads the whole file (0.35 s for 210 MB); then the
    /// photo folder is swept of what a killed photo import left. For the window and an explicit
    /// check.
    #[default]
    Full,
    /// The header and the schema only: for a single CLI command at the desk. A file that must
    /// be migrated is checked in full all the same.
    Quick,
}

pub(crate) fn open(path: &Path, check: OpenCheck, key: Option<&DataKey>) -> Result<Store> {
    if path.is_dir() {
        return Err(StoreError::IsFolder {
            path: path.to_path_buf(),
        });
    }
    let existed = fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
    if existed {
        let version = inspect_read_only(path, check, key)?;
        if check == OpenCheck::Quick && version > 0 && version < SCHEMA_VERSION {
            // A migration rewrites the file: it starts only from a file checked whole.
            inspect_read_only(path, OpenCheck::Full, key)?;
        }
    } else if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_owner_only_dir(parent).map_err(|source| StoreError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }

    let flags =
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    if let Some(key) = key {
        apply_key(&conn, key).map_err(|e| classify(path, e))?;
    }
    if !existed {
        // SQLite creates the file with the process's umask; the WAL and SHM files take the
        // database's permissions, so this one change covers all three.
        restrict_to_owner(path).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    }
    // SQLite quietly opens a file it may not write read-only; every later change would then
    // fail with a generic error. Say so now, with the file named.
    if conn.is_readonly(MAIN_DB).unwrap_or(false) {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
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
    let store = Store {
        conn,
        path: path.to_path_buf(),
        key: key.cloned(),
    };
    if check == OpenCheck::Full {
        // Tidying is no reason to refuse a file: what cannot be removed now is tried next time.
        let _ = store.sweep_photo_leftovers();
    }
    Ok(store)
}

/// Gives SQLCipher the database's key; it must come before anything reads the file. SQLCipher
/// checks it on the first read, where a key that does not fit reads as "not a database".
pub(crate) fn apply_key(conn: &Connection, key: &DataKey) -> rusqlite::Result<()> {
    conn.pragma_update(None, "key", &*key.sqlcipher_pragma_value())
}

/// Limits a file to its owner (0600 on Unix; on Windows files in the user's profile already are).
pub(crate) fn restrict_to_owner(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Creates a folder (and its parents) that only its owner may enter (0700 on Unix).
pub(crate) fn create_owner_only_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
    }
    #[cfg(not(unix))]
    fs::create_dir_all(dir)
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

/// Reads the header and the schema of an existing file without writing a byte to it, and
/// returns its schema version.
///
/// Without a `-wal` or `-shm` file beside it, nobody has the file open in WAL mode and nothing
/// of it waits in a WAL: it is read as immutable, so that SQLite creates no `-wal` or `-shm`
/// beside a file that may be refused (a file whose header says WAL would otherwise get both).
fn inspect_read_only(path: &Path, check: OpenCheck, key: Option<&DataKey>) -> Result<i64> {
    let sibling = |suffix: &str| {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name).exists()
    };
    let in_use = sibling("-wal") || sibling("-shm");
    let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match immutable_uri(path).filter(|_| !in_use) {
        Some(uri) => Connection::open_with_flags(uri, read_only | OpenFlags::SQLITE_OPEN_URI),
        None => Connection::open_with_flags(path, read_only),
    }
    .map_err(|e| classify(path, e))?;
    if let Some(key) = key {
        apply_key(&conn, key).map_err(|e| classify(path, e))?;
    }
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
    if check == OpenCheck::Full {
        let check: String = conn
            .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
            .map_err(|e| classify(path, e))?;
        if check != "ok" {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: check,
            });
        }
    }
    Ok(version)
}

/// `file:<path>?immutable=1`, with the characters a URI reserves escaped; `None` for a path
/// that is not UTF-8 (read the ordinary way then).
fn immutable_uri(path: &Path) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_str()?;
    // On Windows `file:///C:/…`: SQLite drops the slash before the drive.
    let (mut uri, text) = if cfg!(windows) {
        (String::from("file:///"), text.replace('\\', "/"))
    } else {
        (String::from("file:"), text.to_string())
    };
    for c in text.chars() {
        match c {
            '?' | '#' | '%' => uri.push_str(&format!("%{:02X}", u32::from(c))),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
}

/// Keeps a copy of the database as it was before a migration, beside it, so an upgrade that goes
/// wrong in a way the transaction cannot undo (a bug in a migration) can still be undone by hand.
///
/// The copy is made under a temporary name, flushed to disk, then renamed: a copy cut short by
/// a crash never carries the backup's name. A backup already there is never trusted (it may be
/// a stale one from an earlier attempt, or not a copy at all): it is replaced by a fresh one.
pub(crate) fn backup_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".before-schema-{}.bak", version + 1));
    let backup = path.with_file_name(&name);
    name.push(".tsudoi-partial");
    let partial = path.with_file_name(name);
    let io = |source: std::io::Error| StoreError::Io {
        path: backup.clone(),
        source,
    };
    // What a killed copy left (VACUUM INTO refuses to write over a file).
    match fs::remove_file(&partial) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
        _ => {}
    }
    conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])
        .map_err(|e| classify(path, e))?;
    let made = fs::File::open(&partial)
        .and_then(|file| file.sync_all())
        .and_then(|()| fs::rename(&partial, &backup))
        .and_then(|()| sync_folder(&backup));
    if let Err(e) = made {
        let _ = fs::remove_file(&partial);
        return Err(io(e));
    }
    Ok(())
}

/// Makes a rename in a folder durable (on Unix a folder is flushed like a file; elsewhere the
/// rename is durable once done).
fn sync_folder(file: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = file;
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

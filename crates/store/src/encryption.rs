//! Encryption at rest on the store's side: files sealed with the database's data key, an
//! encrypted copy of the database (for a backup, or to encrypt a plain file), and the folders
//! whose files belong to the database.

use std::fs;
use std::path::{Path, PathBuf};

use tsudoi_vault::DataKey;

use crate::migrate::{self, TSUDOI_APPLICATION_ID};
use crate::open::{apply_key, restrict_to_owner};
use crate::{Result, Store, StoreError};

impl Store {
    /// Whether the database is encrypted (and so its photos and receipts are sealed).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// The data key of an encrypted database (for a backup's sealed parts).
    pub fn data_key(&self) -> Option<DataKey> {
        self.key.clone()
    }

    /// The folders beside the database that hold its files by content: photos and receipts.
    pub fn content_dirs(&self) -> Vec<PathBuf> {
        vec![self.photo_dir(), self.receipt_dir()]
    }

    /// Writes a content file whole: sealed when the database is encrypted, owner-only always.
    pub(crate) fn write_content_file(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        let io = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        match &self.key {
            Some(key) => crate::write_file_whole(path, &key.seal(bytes)?).map_err(io),
            None => crate::write_file_whole(path, bytes).map_err(io),
        }
    }

    /// Reads a content file, opening it when sealed. A plain file is read as it is: a database
    /// encrypted a moment ago may still have photos that are sealed one by one after it.
    pub fn read_content_file(&self, path: &Path) -> Result<Vec<u8>> {
        let bytes = fs::read(path).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if !tsudoi_vault::is_sealed(&bytes) {
            return Ok(bytes);
        }
        match &self.key {
            Some(key) => Ok(key.open(&bytes)?),
            None => Err(tsudoi_vault::VaultError::DamagedFile.into()),
        }
    }

    /// Every regular file in the content folders (no partial files), sorted.
    pub fn content_files(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for dir in self.content_dirs() {
            collect_files(&dir, &mut files);
        }
        files.retain(|f| {
            !f.file_name()
                .map(|n| n.to_string_lossy().ends_with(".tsudoi-partial"))
                .unwrap_or(true)
        });
        files.sort();
        files
    }

    /// Seals every content file still plain (after a plain database was encrypted). Each file
    /// is replaced whole, so an interruption leaves every file either plain or sealed, and a
    /// second run finishes the job. Returns how many were sealed.
    pub fn seal_plain_content_files(&self) -> Result<usize> {
        let Some(key) = &self.key else {
            return Ok(0);
        };
        let mut sealed = 0;
        for file in self.content_files() {
            let bytes = fs::read(&file).map_err(|source| StoreError::Io {
                path: file.clone(),
                source,
            })?;
            if tsudoi_vault::is_sealed(&bytes) {
                continue;
            }
            crate::write_file_whole(&file, &key.seal(&bytes)?).map_err(|source| StoreError::Io {
                path: file.clone(),
                source,
            })?;
            sealed += 1;
        }
        Ok(sealed)
    }

    /// Writes a consistent copy of the whole database to `dest` (which must not exist),
    /// encrypted with `key`: SQLCipher's `sqlcipher_export` inside one read, so a check-in
    /// committed meanwhile is either wholly in the copy or not at all.
    pub fn write_encrypted_copy(&self, dest: &Path, key: &DataKey) -> Result<()> {
        if dest.exists() {
            return Err(StoreError::Io {
                path: dest.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::AlreadyExists, "file exists"),
            });
        }
        let dest_text = dest.to_string_lossy().into_owned();
        let attach = || -> rusqlite::Result<()> {
            self.conn.execute(
                "ATTACH DATABASE ?1 AS encrypted_copy KEY ?2",
                rusqlite::params![dest_text, &*key.sqlcipher_pragma_value()],
            )?;
            let copied = (|| -> rusqlite::Result<()> {
                self.conn
                    .query_row("SELECT sqlcipher_export('encrypted_copy')", [], |_| Ok(()))?;
                // sqlcipher_export copies tables and rows, not the header's numbers.
                let version = migrate::user_version(&self.conn)?;
                self.conn
                    .pragma_update(Some("encrypted_copy"), "user_version", version)?;
                self.conn
                    .pragma_update(Some("encrypted_copy"), "application_id", TSUDOI_APPLICATION_ID)?;
                Ok(())
            })();
            let detached = self.conn.execute("DETACH DATABASE encrypted_copy", []);
            copied?;
            detached.map(|_| ())
        };
        if let Err(error) = attach() {
            let _ = fs::remove_file(dest);
            return Err(error.into());
        }
        restrict_to_owner(dest).map_err(|source| StoreError::Io {
            path: dest.to_path_buf(),
            source,
        })?;
        Ok(())
    }
}

/// Checks an encrypted database file with its key: SQLite's integrity check of every page, and
/// the number of rows in each table. For a copy about to replace the original.
pub fn verify_encrypted_file(path: &Path, key: &DataKey) -> Result<Vec<(String, i64)>> {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    apply_key(&conn, key)?;
    let check: String = conn.query_row("PRAGMA integrity_check(1)", [], |row| row.get(0))?;
    if check != "ok" {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: check,
        });
    }
    table_counts(&conn)
}

/// The number of rows of every table, by name.
pub(crate) fn table_counts(conn: &rusqlite::Connection) -> Result<Vec<(String, i64)>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tables
        .into_iter()
        .map(|table| {
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |row| row.get(0))?;
            Ok((table, n))
        })
        .collect()
}

impl Store {
    /// The number of rows of every table, by name (to compare a copy with its original).
    pub fn table_counts(&self) -> Result<Vec<(String, i64)>> {
        table_counts(&self.conn)
    }
}

fn collect_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect_files(&path, into),
            Ok(t) if t.is_file() => into.push(path),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OpenCheck;

    fn key() -> DataKey {
        tsudoi_vault::KeyFile::create("a passphrase for tests").unwrap().1
    }

    #[test]
    fn an_encrypted_store_its_copy_before_a_migration_and_its_files_are_unreadable_without_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tsudoi.sqlite3");
        let key = key();
        let store = Store::open_encrypted(&path, OpenCheck::Full, &key).unwrap();
        store
            .conn
            .execute("INSERT INTO meta (key, value) VALUES ('test', '受付 一郎')", [])
            .unwrap();
        crate::open::backup_before_migration(&store.conn, &path, 1).unwrap();
        let backup = dir.path().join("tsudoi.sqlite3.before-schema-2.bak");
        for file in [&path, &backup] {
            let bytes = fs::read(file).unwrap();
            assert!(
                !bytes.starts_with(b"SQLite format 3"),
                "{} is encrypted",
                file.display()
            );
            assert!(!bytes.windows("受付".len()).any(|w| w == "受付".as_bytes()));
        }
        verify_encrypted_file(&backup, &key).unwrap();
        assert!(
            verify_encrypted_file(&backup, &super::tests::key()).is_err(),
            "another key reads nothing"
        );

        let file = store.receipt_dir().join("r.pdf");
        store.write_content_file(&file, b"%PDF receipt").unwrap();
        assert!(tsudoi_vault::is_sealed(&fs::read(&file).unwrap()));
        assert_eq!(store.read_content_file(&file).unwrap(), b"%PDF receipt");
        drop(store);
        let plain = Store::open_with(&dir.path().join("other.sqlite3"), OpenCheck::Full).unwrap();
        assert!(
            plain.read_content_file(&file).is_err(),
            "a sealed file needs the key"
        );
    }
}

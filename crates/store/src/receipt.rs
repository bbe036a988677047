//! Receipt files (領収書・証憑) kept by content: `receipts/<first two hex>/<sha256>.<ext>` beside
//! the photos folder. All reading and writing of a receipt's bytes goes through
//! [`Store::write_receipt_file`] and [`Store::read_receipt_file`], so that encryption at rest can
//! be added in one place.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::params;
use sha2::{Digest, Sha256};
use tsudoi_core::money::normalize_sha256;

use crate::{Result, Store, StoreError};

/// A receipt file as the ledger knows it: its fingerprint, the voucher it backs, the name it had.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceiptFile {
    pub sha256: String,
    pub voucher_id: i64,
    pub original_name: String,
    pub added_at: String,
}

/// The lower-case hex SHA-256 of `bytes`: a receipt's identity.
pub fn receipt_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The extension a receipt file keeps: the original's when it is a usual document or image
/// type, else `bin`. Only ASCII letters and digits, so it is safe in a path.
pub fn receipt_extension(original_name: &str) -> String {
    let ext = Path::new(original_name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "pdf" | "jpg" | "jpeg" | "png" | "heic" | "tif" | "tiff" | "gif" | "webp" | "xlsx" | "docx"
        | "txt" | "csv" | "eml" => ext,
        _ => "bin".to_string(),
    }
}

impl Store {
    /// The folder the receipt files live in, beside the database (and the photos folder).
    pub fn receipt_dir(&self) -> PathBuf {
        self.path.parent().unwrap_or(Path::new(".")).join("receipts")
    }

    /// Where the file of `sha256` is, if it was written.
    pub fn receipt_path(&self, sha256: &str) -> Result<Option<PathBuf>> {
        let sha256 = normalize_sha256(sha256)?;
        let folder = self.receipt_dir().join(&sha256[..2]);
        let Ok(entries) = fs::read_dir(&folder) else {
            return Ok(None);
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.split('.').next() == Some(sha256.as_str()) && !name.starts_with('.') {
                return Ok(Some(entry.path()));
            }
        }
        Ok(None)
    }

    /// Writes a receipt's bytes by content (whole, or not at all) and returns its SHA-256 and
    /// whether a new file was written (`false`: the same bytes were already there). The one place
    /// a receipt is written.
    pub fn write_receipt_file(&self, bytes: &[u8], original_name: &str) -> Result<(String, Option<PathBuf>)> {
        let sha256 = receipt_sha256(bytes);
        if self.receipt_path(&sha256)?.is_some() {
            return Ok((sha256, None));
        }
        let path = self
            .receipt_dir()
            .join(&sha256[..2])
            .join(format!("{sha256}.{}", receipt_extension(original_name)));
        // Sealed with the data key when the database is encrypted, like the photos.
        self.write_content_file(&path, bytes)?;
        Ok((sha256, Some(path)))
    }

    /// A receipt's bytes, by its SHA-256. The one place a receipt is read.
    pub fn read_receipt_file(&self, sha256: &str) -> Result<Vec<u8>> {
        let Some(path) = self.receipt_path(sha256)? else {
            return Err(StoreError::Io {
                path: self.receipt_dir().join(sha256),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "receipt file missing"),
            });
        };
        self.read_content_file(&path)
    }

    /// Every receipt in the ledger, by voucher then time added (the receipts index).
    pub fn receipt_files(&self) -> Result<Vec<ReceiptFile>> {
        let list = self
            .conn
            .prepare_cached(
                "SELECT sha256, voucher_id, original_name, added_at FROM expense_receipt
                 ORDER BY voucher_id, added_at, sha256",
            )?
            .query_map([], |row| {
                Ok(ReceiptFile {
                    sha256: row.get(0)?,
                    voucher_id: row.get(1)?,
                    original_name: row.get(2)?,
                    added_at: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// Records the names the receipt files had when they were added (the ledger stores a
    /// voucher's receipts by content first); a name already recorded is kept.
    pub fn name_receipts(&mut self, names: &[(String, String)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (sha256, name) in names {
            tx.execute(
                "UPDATE expense_receipt SET original_name = ?2 WHERE sha256 = ?1 AND original_name = ''",
                params![sha256, name.trim()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_is_written_once_by_content_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.sqlite3")).unwrap();
        let (sha, written) = store.write_receipt_file(b"receipt one", "領収書.PDF").unwrap();
        let path = written.expect("a new file");
        assert!(
            path.starts_with(dir.path().join("receipts")),
            "beside the database"
        );
        assert!(path.to_string_lossy().ends_with(&format!("{sha}.pdf")));
        let (again, second) = store.write_receipt_file(b"receipt one", "copy.jpg").unwrap();
        assert_eq!(again, sha);
        assert!(second.is_none(), "the same bytes are not written twice");
        assert_eq!(store.read_receipt_file(&sha).unwrap(), b"receipt one");
        assert!(store.read_receipt_file(&receipt_sha256(b"other")).is_err());
    }

    #[test]
    fn odd_extensions_are_kept_out_of_paths() {
        assert_eq!(receipt_extension("a.JPG"), "jpg");
        assert_eq!(receipt_extension("a.exe"), "bin");
        assert_eq!(receipt_extension("noext"), "bin");
        assert_eq!(receipt_extension("../../x"), "bin");
    }
}

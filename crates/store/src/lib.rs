//! Tsudoi's embedded store: one SQLite file per installation, and the only crate that knows SQL.
//!
//! Architecture invariants:
//! - Every connection runs in WAL mode with `synchronous=FULL`, foreign keys on and a busy
//!   timeout: a write this crate reports as done survives a power cut a moment later.
//! - A file is inspected read-only before it is opened for writing: a file that is not Tsudoi's,
//!   is damaged, or was written by a newer Tsudoi is refused and never modified.
//! - Every change of more than one row runs in one transaction: it happens whole or not at all.
//! - Validation belongs to `tsudoi-core`; this crate stores what core accepted and checks the same
//!   rules again in SQL as a second line of defence.

// Store and core return errors; a panic at the venue desk would lose the queue.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod agenda;
mod attendance;
mod attendee;
mod audit;
mod demo;
mod door;
mod encryption;
mod engine;
mod error;
mod event;
mod expense;
mod handler;
mod incident;
mod mail;
mod migrate;
mod minutes;
mod online_attendance;
mod open;
mod payee;
mod payment;
mod people;
mod photo;
mod project;
mod receipt;
mod registration_import;
mod report;
mod seat;
mod setting;
mod sql;
mod staff_time;
mod subcontract;
mod survey;
mod ticket;
mod zone;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use attendee::{AttendeeQuery, AttendeeUpdate, EventCounts};
pub use audit::{AuditAction, AuditChainReport, AuditEntry, AuditRecord, AUDIT_GENESIS};
pub use demo::DemoReport;
pub use door::{DoorAttempt, DoorRequest, DoorResult, PassRecord};
pub use encryption::verify_encrypted_file;
pub use engine::{engine_versions, EngineVersions};
pub use error::{MergeRefusal, StoreError};
pub use expense::{BudgetRecords, ExpenseCorrection};
pub use handler::{ExternalService, Handler, HandlerChange};
pub use incident::{Incident, IncidentChange};
pub use mail::{Mailing, MailingDraft, OutboxCounts, OutboxEntry};
pub use migrate::SCHEMA_VERSION;
pub use minutes::ItemMinutes;
pub use online_attendance::{MatchedParticipant, OnlineAttendanceImport, UnmatchedParticipant};
pub use open::{default_db_path, OpenCheck};
pub use people::{ListedAttendee, PeopleQuery, PossibleDuplicate, ERASED_NAME};
pub use photo::{EventErasure, NewPhoto, PhotoChange, PhotoDeletion, PhotoSweep};
pub use receipt::{receipt_extension, receipt_sha256, ReceiptFile};
pub use registration_import::{ImportOptions, RegistrationImport};
pub use report::StoredResolution;
pub use setting::{
    BackupSchedule, DeskSettings, ScheduledBackupOutcome, DEFAULT_DESK_NAME, DEFAULT_IDLE_LOCK_SECONDS,
};
pub use survey::{AddedResponses, Hearing, NewResponse, StoredQuestionnaire, StoredResponse};
pub use zone::ZoneMove;

/// The version of Tsudoi that writes with this crate; recorded in every database it migrates.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The environment variable that chooses the database file, for the CLI and the desktop app.
pub const DB_ENV_VAR: &str = "TSUDOI_DB";

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Writes a file whole: beside its place (a hidden `.name.tsudoi-partial`), flushed to disk,
/// then renamed over it, creating the folder when missing. A full disk or a crash never leaves
/// half a file, or half of the one it replaces. Used for the photo files and every export.
pub fn write_file_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.tsudoi-partial"));
    let result = owner_only_file(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Creates (or truncates) a file only its owner may read: the data is personal, and other
/// accounts on a shared laptop have no business in it.
pub(crate) fn owner_only_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// An open Tsudoi database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The data key of an encrypted database (`None`: a plain one).
    key: Option<tsudoi_vault::DataKey>,
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) when it does not exist, and
    /// brings its schema up to date. See the crate's invariants for what is refused.
    pub fn open(path: &Path) -> Result<Store> {
        open::open(path, OpenCheck::Full, None)
    }

    /// Opens the database at `path` like [`Store::open`], checking an existing file as much as
    /// `check` says: [`OpenCheck::Quick`] skips the page-by-page check and the photo sweep, for
    /// a single command that should not read the whole file first.
    pub fn open_with(path: &Path, check: OpenCheck) -> Result<Store> {
        open::open(path, check, None)
    }

    /// Opens (or creates) an encrypted database with its data key, like [`Store::open_with`].
    /// Photos and receipts written through it are sealed with the same key.
    pub fn open_encrypted(path: &Path, check: OpenCheck, key: &tsudoi_vault::DataKey) -> Result<Store> {
        open::open(path, check, Some(key))
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database (always [`SCHEMA_VERSION`] after `open`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }
}

//! The one wrapper for every operation on personal data. The privacy log (監査ログ) must say who
//! did what with whose data and where it went, so:
//! - an export writes its files first and then its log line; when the line cannot be written,
//!   every file the export wrote is removed again ([`exported`]);
//! - a change inside the database (an import, a deletion) writes its line in the change's own
//!   transaction, so the change and its line happen together or not at all ([`change_record`]
//!   is the line the store writes).

use std::fs;
use std::path::{Path, PathBuf};

use tsudoi_core::privacy::AuditAction;
use tsudoi_core::EventId;
use tsudoi_store::AuditRecord;

use crate::{AppError, Ctx, Result};

/// What an export wrote, for its log line and for the clean-up when the line cannot be written.
pub(crate) struct Written<T> {
    pub value: T,
    pub n_people: u32,
    /// The file or folder the log names.
    pub target: PathBuf,
    pub detail: String,
    /// Every file (and folder this export created), in the order written.
    pub files: Vec<PathBuf>,
}

/// The path as the privacy log keeps it: absolute, so the entry says where the data went.
pub(crate) fn logged_path(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Runs an export and logs it under the operator. An export that cannot be logged does not
/// stay: its files are removed and the store's error returned.
pub(crate) fn exported<T>(
    ctx: &mut Ctx<'_>,
    action: AuditAction,
    event_id: Option<EventId>,
    export: impl FnOnce(&mut Ctx<'_>) -> Result<Written<T>>,
) -> Result<T> {
    // Every export of personal data comes through here: the roster's rule is checked once.
    ctx.require(tsudoi_core::handler::Permission::ExportPersonalData)?;
    let written = export(ctx)?;
    let file = logged_path(&written.target);
    let record = AuditRecord {
        actor: &ctx.operator.name,
        action,
        event_id,
        n_people: written.n_people,
        file: &file,
        detail: &written.detail,
    };
    if let Err(error) = ctx.store.record_audit(&record, ctx.now()) {
        remove_written(&written.files);
        return Err(AppError::from(error));
    }
    Ok(written.value)
}

/// Removes what an export wrote, newest first (files, then the folders it created if empty).
pub(crate) fn remove_written(files: &[PathBuf]) {
    for path in files.iter().rev() {
        if path.is_dir() {
            let _ = fs::remove_dir(path);
        } else {
            let _ = fs::remove_file(path);
        }
    }
}

/// The log line for a change the store makes in one transaction with it.
pub(crate) fn change_record<'a>(
    actor: &'a str,
    action: AuditAction,
    event_id: Option<EventId>,
    n_people: u32,
    file: &'a str,
    detail: &'a str,
) -> AuditRecord<'a> {
    AuditRecord {
        actor,
        action,
        event_id,
        n_people,
        file,
        detail,
    }
}

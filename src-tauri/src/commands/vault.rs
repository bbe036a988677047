//! Backups on a schedule, restoring at a first start, and erasure with proof.

use std::path::Path;

use tauri::State;
use tsudoi_app::backup_schedule::{self, FolderBackupDone, ScheduleStatus};
use tsudoi_app::erasure::{self, ErasureCertificate};
use tsudoi_app::types::BackupSchedule;
use tsudoi_app::vault::RestoreDone;
use tsudoi_core::EventId;

use super::Reply;
use crate::state::AppState;

/// The backup schedule and how its last run went.
#[tauri::command]
pub fn backup_schedule_status(state: State<'_, AppState>) -> Reply<ScheduleStatus> {
    state.run(|ctx| backup_schedule::status(ctx))
}

/// Sets the schedule (none: removes it) and, since a new schedule is due at once, runs it.
#[tauri::command]
pub fn set_backup_schedule(
    state: State<'_, AppState>,
    schedule: Option<BackupSchedule>,
) -> Reply<ScheduleStatus> {
    state.run(|ctx| {
        backup_schedule::set(ctx, schedule)?;
        backup_schedule::run_if_due(ctx)?;
        backup_schedule::status(ctx)
    })
}

/// One backup into the folder now, keeping the newest `keep` there.
#[tauri::command]
pub fn backup_into_folder(state: State<'_, AppState>, folder: String, keep: u32) -> Reply<FolderBackupDone> {
    state.run(|ctx| backup_schedule::backup_into_folder(ctx, Path::new(&folder), keep))
}

/// Restores a backup at a first start and opens it.
#[tauri::command]
pub fn restore_backup(state: State<'_, AppState>, path: String, passphrase: String) -> Reply<RestoreDone> {
    state.restore(Path::new(&path), &passphrase)
}

/// Erases all data at the end of the contract; the certificate goes to `certificate_dir`.
#[tauri::command]
pub fn erase_all_data(
    state: State<'_, AppState>,
    certificate_dir: String,
    confirmation: String,
) -> Reply<ErasureCertificate> {
    state.erase_all(Path::new(&certificate_dir), &confirmation)
}

/// Erases one event's personal data early, keeping its anonymous counts.
#[tauri::command]
pub fn erase_event_data(
    state: State<'_, AppState>,
    event_id: EventId,
    certificate_dir: String,
    confirmation: String,
) -> Reply<ErasureCertificate> {
    state.run(|ctx| {
        if confirmation.trim() != erasure::CONFIRMATION_WORD {
            return Err(erasure::ErasureRefusal::NotConfirmed.into());
        }
        erasure::erase_event(ctx, event_id, Path::new(&certificate_dir))
    })
}

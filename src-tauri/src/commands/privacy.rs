//! The privacy log.

use tauri::State;
use tsudoi_app::privacy;
use tsudoi_app::types::AuditEntry;

use super::Reply;
use crate::state::AppState;

/// The privacy log, newest first.
#[tauri::command]
pub fn audit_log(state: State<'_, AppState>, limit: u32) -> Reply<Vec<AuditEntry>> {
    state.run(|ctx| privacy::log(ctx, limit))
}

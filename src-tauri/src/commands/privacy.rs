//! The privacy log.

use tauri::State;
use tsudoi_app::privacy;
use tsudoi_app::types::{AuditChainReport, AuditEntry};

use super::Reply;
use crate::state::AppState;

/// The privacy log, newest first.
#[tauri::command]
pub fn audit_log(state: State<'_, AppState>, limit: u32) -> Reply<Vec<AuditEntry>> {
    state.run(|ctx| privacy::log(ctx, limit))
}

/// Whether the privacy log's hash chain is whole (「改ざんの確認」).
#[tauri::command]
pub fn verify_audit_chain(state: State<'_, AppState>) -> Reply<AuditChainReport> {
    state.run(|ctx| privacy::verify(ctx))
}

//! Incident records (インシデント記録) at this window.

use std::path::Path;

use tauri::State;
use tsudoi_app::incidents::{self, IncidentReportExport};
use tsudoi_app::output::Replace;
use tsudoi_app::types::Incident;
use tsudoi_core::incident::IncidentDraft;

use super::Reply;
use crate::state::AppState;

/// Every incident, the newest noticed first.
#[tauri::command]
pub fn list_incidents(state: State<'_, AppState>) -> Reply<Vec<Incident>> {
    state.run(|ctx| incidents::list(ctx))
}

/// Records an incident (any person on the roster may).
#[tauri::command]
pub fn add_incident(state: State<'_, AppState>, draft: IncidentDraft) -> Reply<Incident> {
    state.run(|ctx| incidents::add(ctx, draft))
}

/// Replaces an incident's details (its status, what was done …).
#[tauri::command]
pub fn update_incident(state: State<'_, AppState>, id: i64, draft: IncidentDraft) -> Reply<Incident> {
    state.run(|ctx| incidents::update(ctx, id, draft))
}

/// Writes one incident's report as a PDF (非公表用 on every page) at `path`.
#[tauri::command]
pub fn print_incident(
    state: State<'_, AppState>,
    id: i64,
    path: String,
    replace: bool,
) -> Reply<IncidentReportExport> {
    state.run(|ctx| incidents::print(ctx, id, Path::new(path.trim()), Replace(replace)))
}

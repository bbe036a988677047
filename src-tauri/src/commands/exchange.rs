//! Files in and out: registrations, online attendance, the attendance file, tickets.

use std::path::Path;

use tauri::State;
use tsudoi_app::exchange::{
    self, ExportOutcome, ExportRequest, RegistrationOutcome, RegistrationRequest, TicketExport,
};
use tsudoi_app::output::Replace;
use tsudoi_app::types::OnlineAttendanceImport;
use tsudoi_core::attendance::AttendanceSummary;
use tsudoi_core::EventId;

use super::Reply;
use crate::state::AppState;

/// Reads a registration file and shows what importing it would do; changes nothing.
#[tauri::command]
pub fn preview_registration_import(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    request: RegistrationRequest,
) -> Reply<RegistrationOutcome> {
    let request = RegistrationRequest {
        dry_run: true,
        ..request
    };
    state.run(|ctx| exchange::import_registrations(ctx, event_id, Path::new(path.trim()), &request))
}

/// Imports a registration file with the mapping and categories the person confirmed.
#[tauri::command]
pub fn import_registrations(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    request: RegistrationRequest,
) -> Reply<RegistrationOutcome> {
    let request = RegistrationRequest {
        dry_run: false,
        ..request
    };
    state.run(|ctx| exchange::import_registrations(ctx, event_id, Path::new(path.trim()), &request))
}

/// Marks the people of a Teams or Zoom attendance report as attended online.
#[tauri::command]
pub fn import_online_attendance(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    dry_run: bool,
) -> Reply<OnlineAttendanceImport> {
    state.run(|ctx| exchange::import_online_attendance(ctx, event_id, Path::new(path.trim()), dry_run))
}

/// Writes the event's attendance to a CSV or XLSX file; logged.
#[tauri::command]
pub fn export_attendance(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    request: ExportRequest,
) -> Reply<ExportOutcome> {
    state.run(|ctx| exchange::export_attendance(ctx, event_id, Path::new(path.trim()), &request))
}

/// General and stakeholder, venue and online: registered and attended.
#[tauri::command]
pub fn attendance_summary(state: State<'_, AppState>, event_id: EventId) -> Reply<AttendanceSummary> {
    state.run(|ctx| exchange::attendance_summary(ctx, event_id))
}

/// Where exports of an event go unless the person picks another folder.
#[tauri::command]
pub fn default_export_dir(state: State<'_, AppState>, event_id: EventId) -> Reply<String> {
    state.run(|ctx| Ok(exchange::default_export_dir(ctx, event_id)?.display().to_string()))
}

/// Writes the event's tickets (PNG, SVG and the printable PDF) into `dir`; logged.
#[tauri::command]
pub fn export_tickets(
    state: State<'_, AppState>,
    event_id: EventId,
    dir: String,
    replace: bool,
) -> Reply<TicketExport> {
    state.run(|ctx| exchange::export_tickets(ctx, event_id, Path::new(dir.trim()), Replace(replace)))
}

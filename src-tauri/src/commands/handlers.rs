//! The handler roster and signing in at this window.

use tauri::State;
use tsudoi_app::handlers::{self, SignedIn};
use tsudoi_app::types::Handler;
use tsudoi_core::handler::HandlerDraft;

use super::Reply;
use crate::state::AppState;

/// The names to choose from when signing in; empty while the roster has nobody.
#[tauri::command]
pub fn handler_names(state: State<'_, AppState>) -> Reply<Vec<String>> {
    state.run(|ctx| handlers::names(ctx))
}

/// Checks the PIN and, when right, acts as this person at this window until signed out.
#[tauri::command]
pub fn sign_in(state: State<'_, AppState>, name: String, pin: String) -> Reply<SignedIn> {
    let person = state.run(|ctx| handlers::sign_in(ctx, &name, &pin))?;
    state.set_signed_in(Some(person.clone()));
    Ok(person)
}

#[tauri::command]
pub fn sign_out(state: State<'_, AppState>) {
    state.set_signed_in(None);
}

/// The window locked while idle at the desk: only the desk goes on, under the same name.
#[tauri::command]
pub fn lock_to_desk(state: State<'_, AppState>) {
    state.lock_to_desk();
}

#[tauri::command]
pub fn signed_in(state: State<'_, AppState>) -> Option<SignedIn> {
    state.signed_in()
}

/// The roster (the sensitive columns only for the signed-in 情報管理責任者).
#[tauri::command]
pub fn list_handlers(state: State<'_, AppState>) -> Reply<Vec<Handler>> {
    state.run(|ctx| handlers::list(ctx))
}

/// Adds a person to the roster: the first is the 情報管理責任者, who then adds the others.
#[tauri::command]
pub fn add_handler(state: State<'_, AppState>, draft: HandlerDraft, pin: String) -> Reply<Handler> {
    state.run(|ctx| handlers::add(ctx, draft, &pin))
}

/// Writes the roster (PDF with the 情報管理体制図, or XLSX by the extension), headed 非公表用.
#[tauri::command]
pub fn export_handler_roster(
    state: State<'_, AppState>,
    path: String,
    replace: bool,
) -> Reply<handlers::RosterExport> {
    state.run(|ctx| {
        handlers::export_roster(
            ctx,
            std::path::Path::new(&path),
            tsudoi_app::output::Replace(replace),
        )
    })
}

/// Changes a person on the roster (details, role, or leaving it): the officer's.
#[tauri::command]
pub fn update_handler(
    state: State<'_, AppState>,
    id: i64,
    draft: HandlerDraft,
    active: bool,
) -> Reply<Handler> {
    state.run(|ctx| handlers::update(ctx, id, draft, active))
}

/// The register of external services used with personal data.
#[tauri::command]
pub fn list_services(state: State<'_, AppState>) -> Reply<Vec<tsudoi_app::types::ExternalService>> {
    state.run(|ctx| handlers::services(ctx))
}

/// Adds a service to the register (or changes one): the officer's.
#[tauri::command]
pub fn save_service(
    state: State<'_, AppState>,
    id: Option<i64>,
    draft: tsudoi_core::handler::ServiceDraft,
) -> Reply<tsudoi_app::types::ExternalService> {
    state.run(|ctx| handlers::save_service(ctx, id, draft))
}

/// Writes one encrypted backup file (the database, photos and receipts).
#[tauri::command]
pub fn make_backup(
    state: State<'_, AppState>,
    path: String,
    replace: bool,
) -> Reply<tsudoi_app::vault::BackupDone> {
    state.run(|ctx| tsudoi_app::vault::backup(ctx, std::path::Path::new(&path), replace))
}

/// Writes the half-year security measures report (PDF, or XLSX by the extension), 非公表用.
#[tauri::command]
pub fn export_security_report(
    state: State<'_, AppState>,
    path: String,
    from: String,
    to: String,
    replace: bool,
) -> Reply<tsudoi_app::security::SecurityReport> {
    state.run(|ctx| {
        let from = tsudoi_core::event::parse_date(&from)?;
        let to = tsudoi_core::event::parse_date(&to)?;
        tsudoi_app::security::export(
            ctx,
            std::path::Path::new(&path),
            from,
            to,
            &[],
            tsudoi_app::output::Replace(replace),
        )
    })
}

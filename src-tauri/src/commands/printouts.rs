//! The event day's printouts: the reception roster and the name badges.

use std::path::Path;

use tauri::State;
use tsudoi_app::output::Replace;
use tsudoi_app::printouts::{self, Printout, PrintoutExport};
use tsudoi_core::roster::BadgeChoice;
use tsudoi_core::{AttendeeId, EventId};

use super::Reply;
use crate::state::AppState;

/// Where a printout goes unless the person picks another place.
#[tauri::command]
pub fn default_printout_path(
    state: State<'_, AppState>,
    event_id: EventId,
    printout: Printout,
) -> Reply<String> {
    state.run(|ctx| {
        Ok(printouts::default_printout_path(ctx, event_id, printout)?
            .display()
            .to_string())
    })
}

/// Writes the reception roster (PDF, 非公表用); logged.
#[tauri::command]
pub fn print_roster(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    replace: bool,
) -> Reply<PrintoutExport> {
    state.run(|ctx| printouts::print_roster(ctx, event_id, Path::new(path.trim()), Replace(replace)))
}

/// Writes name badges (PDF, 非公表用): everyone registered, or the people chosen (`ids`, none or
/// empty: everyone); logged.
#[tauri::command]
pub fn print_badges(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    ids: Option<Vec<AttendeeId>>,
    replace: bool,
) -> Reply<PrintoutExport> {
    let choice = match ids {
        Some(ids) if !ids.is_empty() => BadgeChoice::Only(ids),
        _ => BadgeChoice::All,
    };
    state.run(|ctx| printouts::print_badges(ctx, event_id, Path::new(path.trim()), &choice, Replace(replace)))
}

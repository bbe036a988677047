//! The reception desk: every attempt is recorded under this computer's desk and operator.

use tauri::State;
use tsudoi_app::attendees;
use tsudoi_app::desk::{self, DeskAnswer, DeskChoice, DoorInput};
use tsudoi_app::types::DoorAttempt;
use tsudoi_core::{AttendeeDraft, DoorStatus, EventId};

use super::Reply;
use crate::state::AppState;

/// A scan, a pick from the name search, or an exit.
#[tauri::command]
pub fn door(state: State<'_, AppState>, event_id: EventId, input: DoorInput) -> Reply<DeskAnswer> {
    state.run_at_desk(|ctx| desk::door(ctx, event_id, input, &DeskChoice::default()))
}

#[tauri::command]
pub fn walk_in(
    state: State<'_, AppState>,
    event_id: EventId,
    draft: AttendeeDraft,
    override_reason: Option<String>,
) -> Reply<DeskAnswer> {
    state.run_at_desk(|ctx| {
        desk::walk_in(
            ctx,
            event_id,
            draft,
            override_reason.as_deref(),
            &DeskChoice::default(),
        )
    })
}

#[tauri::command]
pub fn undo_attempt(state: State<'_, AppState>, attempt_id: i64, reason: String) -> Reply<DoorAttempt> {
    state.run_at_desk(|ctx| desk::undo(ctx, attempt_id, &reason, &DeskChoice::default()))
}

#[tauri::command]
pub fn door_status(state: State<'_, AppState>, event_id: EventId) -> Reply<DoorStatus> {
    state.run_at_desk(|ctx| desk::status(ctx, event_id))
}

#[tauri::command]
pub fn door_attempts(state: State<'_, AppState>, event_id: EventId, limit: u32) -> Reply<Vec<DoorAttempt>> {
    state.run_at_desk(|ctx| desk::attempts(ctx, event_id, limit))
}

/// The desk's name search: a few people who match, never the whole list.
#[tauri::command]
pub fn desk_search(
    state: State<'_, AppState>,
    event_id: EventId,
    query: String,
) -> Reply<Vec<tsudoi_app::types::ListedAttendee>> {
    state.run_at_desk(|ctx| attendees::desk_search(ctx, event_id, &query))
}

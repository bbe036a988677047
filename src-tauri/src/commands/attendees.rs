//! Attendees and their tickets.

use tauri::State;
use tsudoi_app::attendees;
use tsudoi_app::types::AttendeeUpdate;
use tsudoi_core::{Attendee, AttendeeDraft, AttendeeId, EventId};

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn list_attendees(
    state: State<'_, AppState>,
    event_id: EventId,
    search: Option<String>,
) -> Reply<Vec<Attendee>> {
    state.run(|ctx| attendees::list(ctx, event_id, search))
}

#[tauri::command]
pub fn create_attendee(
    state: State<'_, AppState>,
    event_id: EventId,
    draft: AttendeeDraft,
) -> Reply<Attendee> {
    state.run(|ctx| attendees::add(ctx, event_id, draft))
}

#[tauri::command]
pub fn update_attendee(
    state: State<'_, AppState>,
    id: AttendeeId,
    draft: AttendeeDraft,
) -> Reply<AttendeeUpdate> {
    state.run(|ctx| attendees::update(ctx, id, draft))
}

#[tauri::command]
pub fn reissue_ticket(state: State<'_, AppState>, attendee_id: AttendeeId) -> Reply<Attendee> {
    state.run(|ctx| attendees::reissue_ticket(ctx, attendee_id))
}

/// The QR code of a ticket, as SVG, to show on screen.
#[tauri::command]
pub fn ticket_qr_svg(state: State<'_, AppState>, token: String) -> Reply<String> {
    state.run(|_| attendees::ticket_qr_svg(&token))
}

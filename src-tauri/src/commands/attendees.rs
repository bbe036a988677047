//! Attendees and their tickets.

use tauri::State;
use tsudoi_app::attendees::{self, PeopleFilter};
use tsudoi_app::types::{AttendeeUpdate, ListedAttendee, PossibleDuplicate};
use tsudoi_core::{Attendee, AttendeeDraft, AttendeeId, EventId};

use super::Reply;
use crate::state::AppState;

/// The attendee list with where each person stands at the door, filtered.
#[tauri::command]
pub fn list_attendees(
    state: State<'_, AppState>,
    event_id: EventId,
    filter: PeopleFilter,
) -> Reply<Vec<ListedAttendee>> {
    state.run(|ctx| attendees::people(ctx, event_id, filter))
}

/// Registrations that look like the person being typed in.
#[tauri::command]
pub fn possible_duplicates(
    state: State<'_, AppState>,
    event_id: EventId,
    draft: AttendeeDraft,
    except: Option<AttendeeId>,
) -> Reply<Vec<PossibleDuplicate>> {
    state.run(|ctx| attendees::possible_duplicates(ctx, event_id, &draft, except))
}

#[tauri::command]
pub fn merge_attendees(
    state: State<'_, AppState>,
    keep: AttendeeId,
    absorb: AttendeeId,
    reason: String,
) -> Reply<Attendee> {
    state.run(|ctx| attendees::merge(ctx, keep, absorb, &reason))
}

/// Deletes a person's personal data at their request (the anonymous counts stay).
#[tauri::command]
pub fn erase_attendee(state: State<'_, AppState>, id: AttendeeId, reason: String) -> Reply<()> {
    state.run(|ctx| attendees::erase(ctx, id, &reason))
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

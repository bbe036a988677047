//! Attendees (参加者): registrations added, changed, listed and searched, and their tickets.

use tsudoi_core::{Attendee, AttendeeDraft, AttendeeId, EventId};
use tsudoi_store::{AttendeeQuery, AttendeeUpdate};

use crate::{Ctx, Result};

/// At most this many people answer a name search at the desk: its screen faces a queue.
pub const DESK_SEARCH_LIMIT: u32 = 8;

pub fn list(ctx: &Ctx<'_>, event_id: EventId, search: Option<String>) -> Result<Vec<Attendee>> {
    let search = search.filter(|s| !s.trim().is_empty());
    Ok(ctx
        .store
        .attendees(event_id, &AttendeeQuery { search, limit: None })?)
}

/// The desk's name search: a few people who match what was typed, never the whole list.
pub fn desk_search(ctx: &Ctx<'_>, event_id: EventId, query: &str) -> Result<Vec<Attendee>> {
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    Ok(ctx.store.attendees(
        event_id,
        &AttendeeQuery {
            search: Some(query.to_string()),
            limit: Some(DESK_SEARCH_LIMIT),
        },
    )?)
}

pub fn get(ctx: &Ctx<'_>, id: AttendeeId) -> Result<Attendee> {
    Ok(ctx.store.attendee(id)?)
}

pub fn add(ctx: &mut Ctx<'_>, event_id: EventId, draft: AttendeeDraft) -> Result<Attendee> {
    let now = ctx.now();
    Ok(ctx.store.add_attendee(event_id, draft, now)?)
}

pub fn update(ctx: &mut Ctx<'_>, id: AttendeeId, draft: AttendeeDraft) -> Result<AttendeeUpdate> {
    let now = ctx.now();
    Ok(ctx.store.update_attendee(id, draft, now)?)
}

/// Changes some fields of a registration: `change` edits the registration as it is now.
pub fn update_with(
    ctx: &mut Ctx<'_>,
    id: AttendeeId,
    change: impl FnOnce(AttendeeDraft) -> Result<AttendeeDraft, tsudoi_core::ValidationError>,
) -> Result<AttendeeUpdate> {
    let draft = change(ctx.store.attendee(id)?.details)?;
    update(ctx, id, draft)
}

/// Gives a person a new ticket; the old code stops working at once.
pub fn reissue_ticket(ctx: &mut Ctx<'_>, id: AttendeeId) -> Result<Attendee> {
    let now = ctx.now();
    ctx.store.reissue_ticket(id, now)?;
    get(ctx, id)
}

/// A ticket's QR code as SVG, to show on screen.
pub fn ticket_qr_svg(token: &str) -> Result<String> {
    let token = tsudoi_core::TicketToken::parse(token)
        .map_err(|_| tsudoi_core::ValidationError::BadTicket(token.to_string()))?;
    Ok(tsudoi_report::qr::ticket_svg(&token)?)
}

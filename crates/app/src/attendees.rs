//! Attendees (参加者): registrations added, changed, listed and searched, and their tickets.

use serde::Deserialize;
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::{
    AttendanceMode, Attendee, AttendeeDraft, AttendeeId, Category, EventId, PresenceFilter, ValidationError,
};
use tsudoi_store::{AttendeeQuery, AttendeeUpdate, ListedAttendee, PeopleQuery, PossibleDuplicate};

use crate::audit::change_record;
use crate::{Ctx, Result};

/// What the attendee list is narrowed to: typed text, where people stand, category, mode.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct PeopleFilter {
    pub search: Option<String>,
    pub presence: Option<PresenceFilter>,
    pub category: Option<Category>,
    pub mode: Option<AttendanceMode>,
}

/// The people of an event with where they stand at the door, as the organizer filters them.
pub fn people(ctx: &Ctx<'_>, event_id: EventId, filter: PeopleFilter) -> Result<Vec<ListedAttendee>> {
    Ok(ctx.store.people(
        event_id,
        &PeopleQuery {
            search: filter.search.filter(|s| !s.trim().is_empty()),
            presence: filter.presence,
            category: filter.category,
            mode: filter.mode,
            limit: None,
        },
    )?)
}

/// Registrations that look like the person being typed in (the form's warning, the walk-in's
/// "already registered?"); `except` is the person being edited.
pub fn possible_duplicates(
    ctx: &Ctx<'_>,
    event_id: EventId,
    draft: &AttendeeDraft,
    except: Option<AttendeeId>,
) -> Result<Vec<PossibleDuplicate>> {
    Ok(ctx.store.possible_duplicates(event_id, draft, except)?)
}

/// Makes two registrations of one person one (`absorb` goes into `keep`), logged with the reason.
pub fn merge(ctx: &mut Ctx<'_>, keep: AttendeeId, absorb: AttendeeId, reason: &str) -> Result<Attendee> {
    ctx.require(tsudoi_core::handler::Permission::EditPersonalData)?;
    let reason = required_reason(reason)?;
    let event_id = ctx.store.attendee(keep)?.event_id;
    let detail = AuditDetail::Registration {
        rows: format!("#{absorb} → #{keep}"),
        reason: reason.to_string(),
    }
    .encode();
    let actor = ctx.operator.name.clone();
    let record = change_record(&actor, AuditAction::AttendeeMerge, Some(event_id), 2, "", &detail);
    let now = ctx.now();
    Ok(ctx.store.merge_attendees(keep, absorb, &record, now)?)
}

/// Deletes a person's personal data at their request, logged with the reason; the anonymous
/// counts of the door stay.
pub fn erase(ctx: &mut Ctx<'_>, id: AttendeeId, reason: &str) -> Result<()> {
    ctx.require(tsudoi_core::handler::Permission::EditPersonalData)?;
    let reason = required_reason(reason)?;
    let event_id = ctx.store.attendee(id)?.event_id;
    // The log names the row, never the person: their data is what goes.
    let detail = AuditDetail::Registration {
        rows: format!("#{id}"),
        reason: reason.to_string(),
    }
    .encode();
    let actor = ctx.operator.name.clone();
    let record = change_record(&actor, AuditAction::AttendeeErase, Some(event_id), 1, "", &detail);
    let now = ctx.now();
    Ok(ctx.store.erase_attendee(id, &record, now)?)
}

fn required_reason(reason: &str) -> Result<&str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ValidationError::ReasonRequired.into());
    }
    tsudoi_core::limits::NOTES.check(reason)?;
    Ok(reason)
}

/// At most this many people answer a name search at the desk: its screen faces a queue.
pub const DESK_SEARCH_LIMIT: u32 = 8;

pub fn list(ctx: &Ctx<'_>, event_id: EventId, search: Option<String>) -> Result<Vec<Attendee>> {
    let search = search.filter(|s| !s.trim().is_empty());
    Ok(ctx
        .store
        .attendees(event_id, &AttendeeQuery { search, limit: None })?)
}

/// The desk's name search: a few people who match what was typed, never the whole list.
pub fn desk_search(ctx: &Ctx<'_>, event_id: EventId, query: &str) -> Result<Vec<ListedAttendee>> {
    ctx.require(tsudoi_core::handler::Permission::DayWork)?;
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    Ok(ctx.store.people(
        event_id,
        &PeopleQuery {
            search: Some(query.to_string()),
            limit: Some(DESK_SEARCH_LIMIT),
            ..PeopleQuery::default()
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

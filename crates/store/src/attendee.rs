//! The `attendee` table.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};
use serde::Serialize;
use tsudoi_core::text::search_key;
use tsudoi_core::{
    AttendanceMode, Attendee, AttendeeDraft, AttendeeId, AttendeeStatus, Category, EventId,
    RegistrationSource, SeatZone, TicketToken,
};

use crate::event::find_event;
use crate::sql::{
    get_choice, get_optional_choice, get_optional_timestamp, get_timestamp, get_token, timestamp,
};
use crate::ticket::issue_ticket;
use crate::{Result, Store, StoreError};
use tsudoi_core::door::must_wait;

/// Columns of one attendee with their standing ticket; read with [`attendee_from_row`]. The
/// place in the waiting list is counted for this one person: for a list, see [`LISTED_COLUMNS`].
pub(crate) const COLUMNS: &str =
    "a.id, a.event_id, a.name, a.kana, a.organization, a.title, a.email, a.phone, \
    a.category, a.mode, a.consent, a.source, a.notes, a.status, a.created_at, a.updated_at, t.token, a.zone_override, \
    a.waitlisted_at, \
    CASE WHEN a.waitlisted_at IS NOT NULL AND a.status = 'registered' THEN \
        (SELECT count(*) FROM attendee w WHERE w.event_id = a.event_id AND w.status = 'registered' \
           AND w.waitlisted_at IS NOT NULL AND (w.waitlisted_at < a.waitlisted_at \
           OR (w.waitlisted_at = a.waitlisted_at AND w.id <= a.id))) END";

/// The tables [`COLUMNS`] reads from.
pub(crate) const FROM: &str =
    "attendee a LEFT JOIN ticket t ON t.attendee_id = a.id AND t.revoked_at IS NULL";

/// Columns of the attendees of one event, as [`COLUMNS`], read from [`LISTED_FROM`]. Counting
/// each listed person's place over the whole waiting list made a list quadratic (40,000 people
/// waiting: 177 s); the places are numbered once instead, in one ordered pass.
pub(crate) const LISTED_COLUMNS: &str =
    "a.id, a.event_id, a.name, a.kana, a.organization, a.title, a.email, a.phone, \
    a.category, a.mode, a.consent, a.source, a.notes, a.status, a.created_at, a.updated_at, t.token, a.zone_override, \
    a.waitlisted_at, a.waitlist_position";

/// The attendees of the event `?1`, the people waiting numbered in order (a window over the
/// event's attendees; a join to a numbered list found no index and scanned it per person).
pub(crate) const LISTED_FROM: &str =
    "(SELECT *, CASE WHEN waitlisted_at IS NOT NULL AND status = 'registered' THEN \
         row_number() OVER (PARTITION BY waitlisted_at IS NOT NULL AND status = 'registered' \
                            ORDER BY waitlisted_at, id) END AS waitlist_position \
      FROM attendee WHERE event_id = ?1) a \
    LEFT JOIN ticket t ON t.attendee_id = a.id AND t.revoked_at IS NULL";

pub(crate) fn attendee_from_row(row: &Row<'_>) -> rusqlite::Result<Attendee> {
    Ok(Attendee {
        id: AttendeeId(row.get(0)?),
        event_id: EventId(row.get(1)?),
        details: draft_from_row(row, 2)?,
        created_at: get_timestamp(row, 14)?,
        updated_at: get_timestamp(row, 15)?,
        ticket: get_token(row, 16)?,
        waitlisted_at: get_optional_timestamp(row, 18)?,
        waitlist_position: row.get(19)?,
        zone_override: get_optional_choice(row, 17, SeatZone::parse)?,
    })
}

/// The details of an attendee from twelve columns starting at `first`, in the order of
/// [`DRAFT_COLUMNS`].
pub(crate) fn draft_from_row(row: &Row<'_>, first: usize) -> rusqlite::Result<AttendeeDraft> {
    Ok(AttendeeDraft {
        name: row.get(first)?,
        kana: row.get(first + 1)?,
        organization: row.get(first + 2)?,
        title: row.get(first + 3)?,
        email: row.get(first + 4)?,
        phone: row.get(first + 5)?,
        category: get_choice(row, first + 6, Category::parse)?,
        mode: get_choice(row, first + 7, AttendanceMode::parse)?,
        consent: row.get(first + 8)?,
        source: get_choice(row, first + 9, RegistrationSource::parse)?,
        notes: row.get(first + 10)?,
        status: get_choice(row, first + 11, AttendeeStatus::parse)?,
    })
}

/// The columns [`draft_from_row`] reads, in its order.
pub(crate) const DRAFT_COLUMNS: &str =
    "name, kana, organization, title, email, phone, category, mode, consent, source, notes, status";

/// Which attendees of an event to list.
#[derive(Debug, Clone, Default)]
pub struct AttendeeQuery {
    /// Kept when name, kana, organisation or email contain it, compared by
    /// [`tsudoi_core::text::search_key`] (hiragana = katakana, full = half width, spaces ignored).
    pub search: Option<String>,
    /// At most this many (the desk's type-ahead shows a handful, never the whole list).
    pub limit: Option<u32>,
}

/// A saved change to an attendee, and the people it gave a place to from the waiting list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttendeeUpdate {
    pub attendee: Attendee,
    pub promoted: Vec<Attendee>,
}

/// How many people an event has, for lists and panels.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventCounts {
    /// Registrations with a place (people waiting are in `n_waitlisted`).
    pub n_registered: u32,
    pub n_waitlisted: u32,
    pub n_cancelled: u32,
    pub n_venue: u32,
    pub n_online: u32,
}

/// A validated draft's columns as named parameters, shared by the insert and the update so the
/// two cannot drift apart.
struct DraftValues<'a> {
    draft: &'a AttendeeDraft,
    category: &'static str,
    mode: &'static str,
    source: &'static str,
    status: &'static str,
    search_text: String,
    at: String,
}

impl<'a> DraftValues<'a> {
    fn of(draft: &'a AttendeeDraft, now: DateTime<Utc>) -> DraftValues<'a> {
        DraftValues {
            draft,
            category: draft.category.as_str(),
            mode: draft.mode.as_str(),
            source: draft.source.as_str(),
            status: draft.status.as_str(),
            search_text: draft.search_text(),
            at: timestamp(now),
        }
    }

    /// The parameters, plus one more (the row's key).
    fn with<'b>(&'b self, key: &'static str, value: &'b dyn ToSql) -> Vec<(&'static str, &'b dyn ToSql)> {
        let d = self.draft;
        vec![
            (key, value),
            (":name", &d.name),
            (":kana", &d.kana),
            (":organization", &d.organization),
            (":title", &d.title),
            (":email", &d.email),
            (":phone", &d.phone),
            (":category", &self.category),
            (":mode", &self.mode),
            (":consent", &d.consent),
            (":source", &self.source),
            (":notes", &d.notes),
            (":status", &self.status),
            (":search_text", &self.search_text),
            (":at", &self.at),
        ]
    }
}

/// Whether a new registration may have to wait for a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seating {
    /// A registration: beyond the venue's capacity it joins the waiting list.
    WaitWhenFull,
    /// A walk-in: the person is at the door, where the room's capacity is checked.
    AtTheDoor,
}

/// Inserts a validated attendee with a ticket; shared by [`Store::add_attendee`], the demo
/// loader and walk-ins.
pub(crate) fn insert_attendee(
    conn: &Connection,
    event_id: EventId,
    draft: AttendeeDraft,
    seating: Seating,
    now: DateTime<Utc>,
) -> Result<Attendee> {
    let d = draft.normalized()?;
    let event = find_event(conn, event_id)?;
    let waits = seating == Seating::WaitWhenFull
        && d.status == AttendeeStatus::Registered
        && must_wait(
            d.mode,
            n_venue_seated(conn, event_id)?,
            event.details.venue_registration_limit(),
            event.details.format.has_venue(),
        );
    let (id, ticket) = write_new_attendee(conn, event_id, &d, waits, now)?;
    let waitlist_position = if waits {
        let position: u32 = conn
            .prepare_cached(
                "SELECT count(*) FROM attendee
                 WHERE event_id = ?1 AND status = 'registered' AND waitlisted_at IS NOT NULL",
            )?
            .query_row([event_id.0], |row| row.get(0))?;
        Some(position)
    } else {
        None
    };
    Ok(Attendee {
        id,
        event_id,
        details: d,
        ticket: Some(ticket),
        zone_override: None,
        waitlisted_at: waits.then_some(now),
        waitlist_position,
        created_at: now,
        updated_at: now,
    })
}

/// Writes a normalised draft as a new attendee with a ticket, on the waiting list when `waits`.
/// The caller has decided about places (a bulk import counts them once, not per row).
pub(crate) fn write_new_attendee(
    conn: &Connection,
    event_id: EventId,
    d: &AttendeeDraft,
    waits: bool,
    now: DateTime<Utc>,
) -> Result<(AttendeeId, TicketToken)> {
    let values = DraftValues::of(d, now);
    let waitlisted_at = waits.then(|| timestamp(now));
    let mut params = values.with(":event_id", &event_id.0);
    params.push((":waitlisted_at", &waitlisted_at));
    conn.prepare_cached(
        "INSERT INTO attendee (event_id, name, kana, organization, title, email, phone, category, mode, consent,
                               source, notes, status, search_text, created_at, updated_at, waitlisted_at)
         VALUES (:event_id, :name, :kana, :organization, :title, :email, :phone, :category, :mode, :consent,
                 :source, :notes, :status, :search_text, :at, :at, :waitlisted_at)",
    )?
    .execute(params.as_slice())?;
    let id = AttendeeId(conn.last_insert_rowid());
    let ticket = issue_ticket(conn, id, now)?;
    Ok((id, ticket))
}

/// Venue registrations that hold a place.
pub(crate) fn n_venue_seated(conn: &Connection, event_id: EventId) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM attendee
             WHERE event_id = ?1 AND status = 'registered' AND mode = 'venue' AND waitlisted_at IS NULL",
        )?
        .query_row([event_id.0], |row| row.get(0))?)
}

/// Replaces the details of an attendee with a validated draft; false when there is no such row.
pub(crate) fn write_attendee_details(
    conn: &Connection,
    id: AttendeeId,
    d: &AttendeeDraft,
    now: DateTime<Utc>,
) -> Result<bool> {
    let values = DraftValues::of(d, now);
    let n_changed = conn
        .prepare_cached(
            "UPDATE attendee SET name = :name, kana = :kana, organization = :organization, title = :title,
                                 email = :email, phone = :phone, category = :category, mode = :mode,
                                 consent = :consent, source = :source, notes = :notes, status = :status,
                                 search_text = :search_text, updated_at = :at
             WHERE id = :id",
        )?
        .execute(values.with(":id", &id.0).as_slice())?;
    Ok(n_changed > 0)
}

/// Gives places to the people waiting, first come first served, while the venue has places; people
/// waiting who now attend online need none. Returns who was promoted.
pub(crate) fn promote_waiting(
    conn: &Connection,
    event_id: EventId,
    now: DateTime<Utc>,
) -> Result<Vec<AttendeeId>> {
    let event = find_event(conn, event_id)?;
    let mut promoted = Vec::new();
    loop {
        let next: Option<(i64, String)> = conn
            .prepare_cached(
                "SELECT id, mode FROM attendee
                 WHERE event_id = ?1 AND status = 'registered' AND waitlisted_at IS NOT NULL
                 ORDER BY waitlisted_at, id LIMIT 1",
            )?
            .query_row([event_id.0], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        let Some((id, mode)) = next else { break };
        let mode = AttendanceMode::parse(&mode)?;
        let has_venue = event.details.format.has_venue();
        if must_wait(
            mode,
            n_venue_seated(conn, event_id)?,
            event.details.venue_registration_limit(),
            has_venue,
        ) {
            break;
        }
        conn.execute(
            "UPDATE attendee SET waitlisted_at = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, timestamp(now)],
        )?;
        promoted.push(AttendeeId(id));
    }
    Ok(promoted)
}

pub(crate) fn find_attendee(conn: &Connection, id: AttendeeId) -> Result<Attendee> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id = ?1"))?
        .query_row([id.0], attendee_from_row)
        .optional()?
        .ok_or(StoreError::AttendeeNotFound(id))
}

impl Store {
    /// Registers a person for an event.
    pub fn add_attendee(
        &mut self,
        event_id: EventId,
        draft: AttendeeDraft,
        now: DateTime<Utc>,
    ) -> Result<Attendee> {
        let tx = self.conn.transaction()?;
        find_event(&tx, event_id)?;
        let attendee = insert_attendee(&tx, event_id, draft, Seating::WaitWhenFull, now)?;
        tx.commit()?;
        Ok(attendee)
    }

    /// Replaces an attendee's details (a cancellation is a change of `status`). A place freed
    /// this way goes to the first person waiting, in the same transaction.
    pub fn update_attendee(
        &mut self,
        id: AttendeeId,
        draft: AttendeeDraft,
        now: DateTime<Utc>,
    ) -> Result<AttendeeUpdate> {
        let d = draft.normalized()?;
        let tx = self.conn.transaction()?;
        if !write_attendee_details(&tx, id, &d, now)? {
            return Err(StoreError::AttendeeNotFound(id));
        }
        crate::seat::release_misplaced_seat(&tx, id)?;
        let event_id = find_attendee(&tx, id)?.event_id;
        let promoted = promote_waiting(&tx, event_id, now)?
            .into_iter()
            .map(|promoted| find_attendee(&tx, promoted))
            .collect::<Result<Vec<_>>>()?;
        let attendee = find_attendee(&tx, id)?;
        tx.commit()?;
        Ok(AttendeeUpdate { attendee, promoted })
    }

    /// One attendee, or [`StoreError::AttendeeNotFound`].
    pub fn attendee(&self, id: AttendeeId) -> Result<Attendee> {
        find_attendee(&self.conn, id)
    }

    /// The attendees of an event in kana order (people without a reading last), optionally
    /// narrowed by a search. An unknown event is an error, not an empty list.
    pub fn attendees(&self, event_id: EventId, query: &AttendeeQuery) -> Result<Vec<Attendee>> {
        find_event(&self.conn, event_id)?;
        let key = query.search.as_deref().map(search_key).unwrap_or_default();
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {LISTED_COLUMNS} FROM {LISTED_FROM}
             WHERE a.event_id = ?1 AND a.erased_at IS NULL AND (?2 = '' OR instr(a.search_text, ?2) > 0)
             ORDER BY a.kana = '', a.kana, a.name, a.id
             LIMIT ?3"
        ))?;
        let limit = query.limit.map_or(-1, i64::from);
        let attendees = statement
            .query_map(params![event_id.0, key, limit], attendee_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(attendees)
    }

    /// Registration counts of an event; cancelled people count only as cancelled.
    pub fn event_counts(&self, event_id: EventId) -> Result<EventCounts> {
        find_event(&self.conn, event_id)?;
        let counts = self.conn.query_row(
            "SELECT count(*) FILTER (WHERE status = 'registered' AND waitlisted_at IS NULL),
                    count(*) FILTER (WHERE status = 'cancelled'),
                    count(*) FILTER (WHERE status = 'registered' AND waitlisted_at IS NULL AND mode = 'venue'),
                    count(*) FILTER (WHERE status = 'registered' AND waitlisted_at IS NULL AND mode = 'online'),
                    count(*) FILTER (WHERE status = 'registered' AND waitlisted_at IS NOT NULL)
             FROM attendee WHERE event_id = ?1",
            [event_id.0],
            |row| {
                Ok(EventCounts {
                    n_registered: row.get(0)?,
                    n_cancelled: row.get(1)?,
                    n_venue: row.get(2)?,
                    n_online: row.get(3)?,
                    n_waitlisted: row.get(4)?,
                })
            },
        )?;
        Ok(counts)
    }
}

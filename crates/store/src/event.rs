//! The `event` table.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, ToSql};
use tsudoi_core::{Event, EventDraft, EventFormat, EventId};

use crate::sql::{get_choice, get_date, get_time, get_timestamp, time_text, timestamp};
use crate::{Result, Store, StoreError};

const COLUMNS: &str =
    "id, title, date, start_time, end_time, venue_name, venue_address, capacity, online_url, \
                       format, created_at, updated_at, registration_limit, waitlist_opens_at";

fn event_from_row(row: &Row<'_>) -> rusqlite::Result<Event> {
    Ok(Event {
        id: EventId(row.get(0)?),
        details: EventDraft {
            title: row.get(1)?,
            date: get_date(row, 2)?,
            start_time: get_time(row, 3)?,
            end_time: get_time(row, 4)?,
            venue_name: row.get(5)?,
            venue_address: row.get(6)?,
            capacity: row.get(7)?,
            online_url: row.get(8)?,
            format: get_choice(row, 9, EventFormat::parse)?,
            registration_limit: row.get(12)?,
            waitlist_opens_at: get_time(row, 13)?,
        },
        created_at: get_timestamp(row, 10)?,
        updated_at: get_timestamp(row, 11)?,
    })
}

/// A validated draft's columns as named parameters, shared by the insert and the update.
struct DraftValues<'a> {
    draft: &'a EventDraft,
    date: String,
    start_time: Option<String>,
    end_time: Option<String>,
    waitlist_opens_at: Option<String>,
    format: &'static str,
    at: String,
}

impl<'a> DraftValues<'a> {
    fn of(draft: &'a EventDraft, now: DateTime<Utc>) -> DraftValues<'a> {
        DraftValues {
            draft,
            date: draft.date.to_string(),
            start_time: time_text(draft.start_time),
            end_time: time_text(draft.end_time),
            waitlist_opens_at: time_text(draft.waitlist_opens_at),
            format: draft.format.as_str(),
            at: timestamp(now),
        }
    }

    fn params(&self) -> Vec<(&'static str, &dyn ToSql)> {
        let d = self.draft;
        vec![
            (":title", &d.title),
            (":date", &self.date),
            (":start_time", &self.start_time),
            (":end_time", &self.end_time),
            (":venue_name", &d.venue_name),
            (":venue_address", &d.venue_address),
            (":capacity", &d.capacity),
            (":online_url", &d.online_url),
            (":format", &self.format),
            (":registration_limit", &d.registration_limit),
            (":waitlist_opens_at", &self.waitlist_opens_at),
            (":at", &self.at),
        ]
    }
}

/// Inserts a validated event; shared by [`Store::create_event`] and the demo loader's transaction.
pub(crate) fn insert_event(conn: &Connection, draft: EventDraft, now: DateTime<Utc>) -> Result<Event> {
    let d = draft.normalized()?;
    let values = DraftValues::of(&d, now);
    conn.execute(
        "INSERT INTO event (title, date, start_time, end_time, venue_name, venue_address, capacity, online_url,
                            format, registration_limit, waitlist_opens_at, created_at, updated_at)
         VALUES (:title, :date, :start_time, :end_time, :venue_name, :venue_address, :capacity, :online_url,
                 :format, :registration_limit, :waitlist_opens_at, :at, :at)",
        values.params().as_slice(),
    )?;
    Ok(Event {
        id: EventId(conn.last_insert_rowid()),
        details: d,
        created_at: now,
        updated_at: now,
    })
}

pub(crate) fn find_event(conn: &Connection, id: EventId) -> Result<Event> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM event WHERE id = ?1"))?
        .query_row([id.0], event_from_row)
        .optional()?
        .ok_or(StoreError::EventNotFound(id))
}

impl Store {
    /// Creates an event from a draft; [`tsudoi_core::ValidationError`]s come back unchanged.
    pub fn create_event(&mut self, draft: EventDraft, now: DateTime<Utc>) -> Result<Event> {
        insert_event(&self.conn, draft, now)
    }

    /// Replaces an event's details; its id and creation time stay. A larger capacity gives places
    /// to the people waiting, in the same transaction.
    pub fn update_event(&mut self, id: EventId, draft: EventDraft, now: DateTime<Utc>) -> Result<Event> {
        let d = draft.normalized()?;
        let values = DraftValues::of(&d, now);
        let mut params = values.params();
        params.push((":id", &id.0));
        let tx = self.conn.transaction()?;
        let n_changed = tx.execute(
            "UPDATE event SET title = :title, date = :date, start_time = :start_time, end_time = :end_time,
                              venue_name = :venue_name, venue_address = :venue_address, capacity = :capacity,
                              online_url = :online_url, format = :format,
                              registration_limit = :registration_limit, waitlist_opens_at = :waitlist_opens_at,
                              updated_at = :at
             WHERE id = :id",
            params.as_slice(),
        )?;
        if n_changed == 0 {
            return Err(StoreError::EventNotFound(id));
        }
        crate::attendee::promote_waiting(&tx, id, now)?;
        let event = find_event(&tx, id)?;
        tx.commit()?;
        Ok(event)
    }

    /// One event, or [`StoreError::EventNotFound`].
    pub fn event(&self, id: EventId) -> Result<Event> {
        find_event(&self.conn, id)
    }

    /// All events, by date (the project's first gathering first).
    pub fn events(&self) -> Result<Vec<Event>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM event ORDER BY date, start_time, id"
        ))?;
        let events = statement
            .query_map([], event_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(events)
    }

    /// Whether the database holds no event yet (the first start, when the demo is offered).
    pub fn is_empty(&self) -> Result<bool> {
        let n_events: i64 = self
            .conn
            .query_row("SELECT count(*) FROM event", [], |row| row.get(0))?;
        Ok(n_events == 0)
    }
}

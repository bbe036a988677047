//! The `event` table.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use tsudoi_core::{Event, EventDraft, EventFormat, EventId};

use crate::sql::{get_choice, get_date, get_time, get_timestamp, time_text, timestamp};
use crate::{Result, Store, StoreError};

const COLUMNS: &str =
    "id, title, date, start_time, end_time, venue_name, venue_address, capacity, online_url, \
                       format, created_at, updated_at";

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
        },
        created_at: get_timestamp(row, 10)?,
        updated_at: get_timestamp(row, 11)?,
    })
}

/// Inserts a validated event; shared by [`Store::create_event`] and the demo loader's transaction.
pub(crate) fn insert_event(conn: &Connection, draft: EventDraft, now: DateTime<Utc>) -> Result<Event> {
    let d = draft.normalized()?;
    let at = timestamp(now);
    conn.execute(
        "INSERT INTO event (title, date, start_time, end_time, venue_name, venue_address, capacity, online_url,
                            format, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            d.title,
            d.date.to_string(),
            time_text(d.start_time),
            time_text(d.end_time),
            d.venue_name,
            d.venue_address,
            d.capacity,
            d.online_url,
            d.format.as_str(),
            at
        ],
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

    /// Replaces an event's details; its id and creation time stay.
    pub fn update_event(&mut self, id: EventId, draft: EventDraft, now: DateTime<Utc>) -> Result<Event> {
        let d = draft.normalized()?;
        let n_changed = self.conn.execute(
            "UPDATE event SET title = ?2, date = ?3, start_time = ?4, end_time = ?5, venue_name = ?6,
                              venue_address = ?7, capacity = ?8, online_url = ?9, format = ?10, updated_at = ?11
             WHERE id = ?1",
            params![
                id.0,
                d.title,
                d.date.to_string(),
                time_text(d.start_time),
                time_text(d.end_time),
                d.venue_name,
                d.venue_address,
                d.capacity,
                d.online_url,
                d.format.as_str(),
                timestamp(now)
            ],
        )?;
        if n_changed == 0 {
            return Err(StoreError::EventNotFound(id));
        }
        find_event(&self.conn, id)
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

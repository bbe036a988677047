//! The `speaker`, `agenda_item` and `agenda_speaker` tables: the programme and who is on it.

use chrono::{DateTime, NaiveTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use tsudoi_core::agenda::{
    check_schedule, reflow, AgendaItem, AgendaItemDraft, AgendaItemId, AgendaKind, ItemPlace, ScheduleIssue,
    Speaker, SpeakerDraft, SpeakerId,
};
use tsudoi_core::EventId;

use crate::event::find_event;
use crate::sql::{get_choice, timestamp};
use crate::{Result, Store, StoreError};

const SPEAKER_COLUMNS: &str = "id, name, kana, organization, title, biography, contact";

fn speaker_from_row(row: &Row<'_>) -> rusqlite::Result<Speaker> {
    Ok(Speaker {
        id: SpeakerId(row.get(0)?),
        details: SpeakerDraft {
            name: row.get(1)?,
            kana: row.get(2)?,
            organization: row.get(3)?,
            title: row.get(4)?,
            biography: row.get(5)?,
            contact: row.get(6)?,
        },
    })
}

fn find_speaker(conn: &Connection, id: SpeakerId) -> Result<Speaker> {
    conn.prepare_cached(&format!("SELECT {SPEAKER_COLUMNS} FROM speaker WHERE id = ?1"))?
        .query_row([id.0], speaker_from_row)
        .optional()?
        .ok_or(StoreError::SpeakerNotFound(id.0))
}

fn hhmm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

fn parse_hhmm(row: &Row<'_>, index: usize) -> rusqlite::Result<NaiveTime> {
    let text: String = row.get(index)?;
    NaiveTime::parse_from_str(&text, "%H:%M").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The items of an event in programme order, with their speakers.
pub(crate) fn agenda_items(conn: &Connection, event_id: EventId) -> Result<Vec<AgendaItem>> {
    let rows: Vec<(AgendaItem, Option<SpeakerId>)> = conn
        .prepare_cached(
            "SELECT id, event_id, position, starts_at, ends_at, kind, title, place, moderator_id, notes
             FROM agenda_item WHERE event_id = ?1 ORDER BY position",
        )?
        .query_map([event_id.0], |row| {
            let moderator_id: Option<i64> = row.get(8)?;
            Ok((
                AgendaItem {
                    id: AgendaItemId(row.get(0)?),
                    event_id: EventId(row.get(1)?),
                    position: row.get(2)?,
                    details: AgendaItemDraft {
                        starts_at: parse_hhmm(row, 3)?,
                        ends_at: parse_hhmm(row, 4)?,
                        kind: get_choice(row, 5, AgendaKind::parse)?,
                        title: row.get(6)?,
                        place: get_choice(row, 7, ItemPlace::parse)?,
                        speaker_ids: Vec::new(),
                        moderator_id: moderator_id.map(SpeakerId),
                        notes: row.get(9)?,
                    },
                    speakers: Vec::new(),
                    moderator: None,
                },
                moderator_id.map(SpeakerId),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut items = Vec::with_capacity(rows.len());
    for (mut item, moderator) in rows {
        item.speakers = conn
            .prepare_cached(&format!(
                "SELECT {} FROM agenda_speaker x JOIN speaker s ON s.id = x.speaker_id
                 WHERE x.agenda_item_id = ?1 ORDER BY x.position",
                SPEAKER_COLUMNS
                    .split(", ")
                    .map(|c| format!("s.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))?
            .query_map([item.id.0], speaker_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        item.details.speaker_ids = item.speakers.iter().map(|s| s.id).collect();
        item.moderator = moderator.map(|id| find_speaker(conn, id)).transpose()?;
        items.push(item);
    }
    Ok(items)
}

/// Fails with [`StoreError::AgendaItemNotFound`] unless the item exists: one indexed read, for
/// the minutes' saves that come with every pause in typing.
pub(crate) fn require_agenda_item(conn: &Connection, id: AgendaItemId) -> Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM agenda_item WHERE id = ?1)")?
        .query_row([id.0], |row| row.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(StoreError::AgendaItemNotFound(id.0))
    }
}

pub(crate) fn find_agenda_item(conn: &Connection, id: AgendaItemId) -> Result<AgendaItem> {
    let event_id: i64 = conn
        .prepare_cached("SELECT event_id FROM agenda_item WHERE id = ?1")?
        .query_row([id.0], |row| row.get(0))
        .optional()?
        .ok_or(StoreError::AgendaItemNotFound(id.0))?;
    agenda_items(conn, EventId(event_id))?
        .into_iter()
        .find(|item| item.id == id)
        .ok_or(StoreError::AgendaItemNotFound(id.0))
}

fn write_speakers(conn: &Connection, id: AgendaItemId, draft: &AgendaItemDraft) -> Result<()> {
    for speaker in draft.speaker_ids.iter().chain(draft.moderator_id.iter()) {
        find_speaker(conn, *speaker)?;
    }
    conn.execute("DELETE FROM agenda_speaker WHERE agenda_item_id = ?1", [id.0])?;
    for (position, speaker) in draft.speaker_ids.iter().enumerate() {
        conn.execute(
            "INSERT INTO agenda_speaker (agenda_item_id, speaker_id, position) VALUES (?1, ?2, ?3)",
            params![id.0, speaker.0, position as i64],
        )?;
    }
    Ok(())
}

/// A validated item's columns as named parameters, shared by the insert and the update so the
/// two cannot drift apart.
struct ItemValues<'a> {
    draft: &'a AgendaItemDraft,
    starts_at: String,
    ends_at: String,
    kind: &'static str,
    place: &'static str,
    moderator_id: Option<i64>,
    at: String,
}

impl<'a> ItemValues<'a> {
    fn of(draft: &'a AgendaItemDraft, now: DateTime<Utc>) -> ItemValues<'a> {
        ItemValues {
            draft,
            starts_at: hhmm(draft.starts_at),
            ends_at: hhmm(draft.ends_at),
            kind: draft.kind.as_str(),
            place: draft.place.as_str(),
            moderator_id: draft.moderator_id.map(|s| s.0),
            at: timestamp(now),
        }
    }

    fn params(&self) -> Vec<(&'static str, &dyn rusqlite::ToSql)> {
        vec![
            (":starts_at", &self.starts_at),
            (":ends_at", &self.ends_at),
            (":kind", &self.kind),
            (":title", &self.draft.title),
            (":place", &self.place),
            (":moderator_id", &self.moderator_id),
            (":notes", &self.draft.notes),
            (":at", &self.at),
        ]
    }
}

/// Inserts a speaker; shared by [`Store::add_speaker`] and the demo loader.
pub(crate) fn insert_speaker(
    conn: &Connection,
    draft: SpeakerDraft,
    now: DateTime<Utc>,
) -> Result<SpeakerId> {
    let d = draft.normalized()?;
    conn.execute(
        "INSERT INTO speaker (name, kana, organization, title, biography, contact, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            d.name,
            d.kana,
            d.organization,
            d.title,
            d.biography,
            d.contact,
            timestamp(now)
        ],
    )?;
    Ok(SpeakerId(conn.last_insert_rowid()))
}

/// Inserts an item at the end of an event's programme, with its speakers; shared by
/// [`Store::add_agenda_item`] and the demo loader. The caller holds the transaction.
pub(crate) fn insert_agenda_item(
    conn: &Connection,
    event_id: EventId,
    draft: AgendaItemDraft,
    now: DateTime<Utc>,
) -> Result<AgendaItemId> {
    let d = draft.normalized()?;
    let position: i64 = conn.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM agenda_item WHERE event_id = ?1",
        [event_id.0],
        |row| row.get(0),
    )?;
    let values = ItemValues::of(&d, now);
    let mut named = values.params();
    named.push((":event_id", &event_id.0));
    named.push((":position", &position));
    conn.execute(
        "INSERT INTO agenda_item (event_id, position, starts_at, ends_at, kind, title, place, moderator_id, notes,
                                  created_at, updated_at)
         VALUES (:event_id, :position, :starts_at, :ends_at, :kind, :title, :place, :moderator_id, :notes, :at, :at)",
        named.as_slice(),
    )?;
    let id = AgendaItemId(conn.last_insert_rowid());
    write_speakers(conn, id, &d)?;
    Ok(id)
}

impl Store {
    /// Adds a person to the list of speakers (shared by every event).
    pub fn add_speaker(&mut self, draft: SpeakerDraft, now: DateTime<Utc>) -> Result<Speaker> {
        let id = insert_speaker(&self.conn, draft, now)?;
        find_speaker(&self.conn, id)
    }

    pub fn update_speaker(
        &mut self,
        id: SpeakerId,
        draft: SpeakerDraft,
        now: DateTime<Utc>,
    ) -> Result<Speaker> {
        let d = draft.normalized()?;
        let n = self.conn.execute(
            "UPDATE speaker SET name = ?2, kana = ?3, organization = ?4, title = ?5, biography = ?6, contact = ?7,
                                updated_at = ?8 WHERE id = ?1",
            params![id.0, d.name, d.kana, d.organization, d.title, d.biography, d.contact, timestamp(now)],
        )?;
        if n == 0 {
            return Err(StoreError::SpeakerNotFound(id.0));
        }
        find_speaker(&self.conn, id)
    }

    /// Every speaker, in kana order.
    pub fn speakers(&self) -> Result<Vec<Speaker>> {
        let speakers = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SPEAKER_COLUMNS} FROM speaker ORDER BY kana = '', kana, name, id"
            ))?
            .query_map([], speaker_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(speakers)
    }

    /// The programme of an event, in order.
    pub fn agenda(&self, event_id: EventId) -> Result<Vec<AgendaItem>> {
        find_event(&self.conn, event_id)?;
        agenda_items(&self.conn, event_id)
    }

    /// One item of a programme.
    pub fn agenda_item(&self, id: AgendaItemId) -> Result<AgendaItem> {
        find_agenda_item(&self.conn, id)
    }

    /// What about the programme's timing deserves a look: overlaps, gaps, the event's hours.
    pub fn schedule_issues(&self, event_id: EventId) -> Result<Vec<ScheduleIssue>> {
        let event = find_event(&self.conn, event_id)?;
        let hours = event.details.start_time.zip(event.details.end_time);
        Ok(check_schedule(&agenda_items(&self.conn, event_id)?, hours))
    }

    /// Adds an item at the end of the programme.
    pub fn add_agenda_item(
        &mut self,
        event_id: EventId,
        draft: AgendaItemDraft,
        now: DateTime<Utc>,
    ) -> Result<AgendaItem> {
        let tx = self.conn.transaction()?;
        find_event(&tx, event_id)?;
        let id = insert_agenda_item(&tx, event_id, draft, now)?;
        let item = find_agenda_item(&tx, id)?;
        tx.commit()?;
        Ok(item)
    }

    /// Replaces an item's details (its place in the programme stays).
    pub fn update_agenda_item(
        &mut self,
        id: AgendaItemId,
        draft: AgendaItemDraft,
        now: DateTime<Utc>,
    ) -> Result<AgendaItem> {
        let d = draft.normalized()?;
        let tx = self.conn.transaction()?;
        let values = ItemValues::of(&d, now);
        let mut named = values.params();
        named.push((":id", &id.0));
        let n = tx.execute(
            "UPDATE agenda_item SET starts_at = :starts_at, ends_at = :ends_at, kind = :kind, title = :title,
                                    place = :place, moderator_id = :moderator_id, notes = :notes, updated_at = :at
             WHERE id = :id",
            named.as_slice(),
        )?;
        if n == 0 {
            return Err(StoreError::AgendaItemNotFound(id.0));
        }
        write_speakers(&tx, id, &d)?;
        crate::photo::reattach_photos(&tx, find_agenda_item(&tx, id)?.event_id)?;
        let item = find_agenda_item(&tx, id)?;
        tx.commit()?;
        Ok(item)
    }

    /// Moves an item to another place in the programme and re-times the programme in one
    /// transaction: each item keeps its length, the programme still starts when it did.
    pub fn move_agenda_item(
        &mut self,
        id: AgendaItemId,
        to_position: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<AgendaItem>> {
        let tx = self.conn.transaction()?;
        let event_id = find_agenda_item(&tx, id)?.event_id;
        let mut items = agenda_items(&tx, event_id)?;
        let Some(from) = items.iter().position(|item| item.id == id) else {
            return Err(StoreError::AgendaItemNotFound(id.0));
        };
        let start = items.iter().map(|item| item.details.starts_at).min();
        let moved = items.remove(from);
        items.insert((to_position as usize).min(items.len()), moved);
        let durations: Vec<u32> = items.iter().map(|item| item.details.minutes()).collect();
        let slots = match start {
            Some(start) => reflow(&durations, start),
            None => Vec::new(),
        };
        for (position, (item, (starts_at, ends_at))) in items.iter().zip(slots).enumerate() {
            tx.execute(
                "UPDATE agenda_item SET position = ?2, starts_at = ?3, ends_at = ?4, updated_at = ?5 WHERE id = ?1",
                params![item.id.0, position as i64, hhmm(starts_at), hhmm(ends_at), timestamp(now)],
            )?;
        }
        crate::photo::reattach_photos(&tx, event_id)?;
        let items = agenda_items(&tx, event_id)?;
        tx.commit()?;
        Ok(items)
    }

    /// Deletes an item without minutes; the items after it move up. Its photos lose their item.
    pub fn delete_agenda_item(&mut self, id: AgendaItemId) -> Result<()> {
        let tx = self.conn.transaction()?;
        let event_id = find_agenda_item(&tx, id)?.event_id;
        let has_minutes: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM minutes_note WHERE agenda_item_id = ?1 AND text != '')
                 OR EXISTS (SELECT 1 FROM minutes WHERE agenda_item_id = ?1
                            AND (talk_summary != '' OR decisions != '' OR follow_ups != ''))",
            [id.0],
            |row| row.get(0),
        )?;
        if has_minutes {
            return Err(StoreError::AgendaItemHasMinutes(id.0));
        }
        tx.execute("DELETE FROM agenda_item WHERE id = ?1", [id.0])?;
        let ids: Vec<i64> = tx
            .prepare("SELECT id FROM agenda_item WHERE event_id = ?1 ORDER BY position")?
            .query_map([event_id.0], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for (position, id) in ids.iter().enumerate() {
            tx.execute(
                "UPDATE agenda_item SET position = ?2 WHERE id = ?1",
                params![id, position as i64],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

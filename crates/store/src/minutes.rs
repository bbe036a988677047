//! The `minutes` and `minutes_note` tables: what was said, saved as it is typed.
//!
//! Every keystroke batch the window sends is one durable commit, so a crash or a power cut a
//! moment later loses at most what was typed since the last save (the window saves within a
//! second of the last keystroke).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use tsudoi_core::agenda::{AgendaItemId, ItemMinutesText, MinutesField, MinutesNote, NoteId};
use tsudoi_core::EventId;

use crate::agenda::require_agenda_item;
use crate::event::find_event;
use crate::sql::{get_timestamp, timestamp};
use crate::{Result, Store, StoreError};

/// The minutes of one item of the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemMinutes {
    pub agenda_item_id: AgendaItemId,
    #[serde(flatten)]
    pub text: ItemMinutesText,
    pub notes: Vec<MinutesNote>,
}

impl Store {
    /// The minutes of every item of an event, in programme order.
    pub fn minutes(&self, event_id: EventId) -> Result<Vec<ItemMinutes>> {
        find_event(&self.conn, event_id)?;
        let items = crate::agenda::agenda_items(&self.conn, event_id)?;
        let mut all = Vec::with_capacity(items.len());
        for item in items {
            let text = self
                .conn
                .prepare_cached(
                    "SELECT talk_summary, decisions, follow_ups FROM minutes WHERE agenda_item_id = ?1",
                )?
                .query_row([item.id.0], |row| {
                    Ok(ItemMinutesText {
                        talk_summary: row.get(0)?,
                        decisions: row.get(1)?,
                        follow_ups: row.get(2)?,
                    })
                })
                .optional()?
                .unwrap_or_default();
            let notes = self
                .conn
                .prepare_cached(
                    "SELECT id, agenda_item_id, at, text FROM minutes_note WHERE agenda_item_id = ?1 ORDER BY at, id",
                )?
                .query_map([item.id.0], |row| {
                    Ok(MinutesNote {
                        id: NoteId(row.get(0)?),
                        agenda_item_id: AgendaItemId(row.get(1)?),
                        at: get_timestamp(row, 2)?,
                        text: row.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            all.push(ItemMinutes {
                agenda_item_id: item.id,
                text,
                notes,
            });
        }
        Ok(all)
    }

    /// Saves one of an item's texts (talk summary, decisions, follow-ups) as typed so far.
    pub fn save_minutes_text(
        &mut self,
        item: AgendaItemId,
        field: MinutesField,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        require_agenda_item(&self.conn, item)?;
        let column = match field {
            MinutesField::TalkSummary => "talk_summary",
            MinutesField::Decisions => "decisions",
            MinutesField::FollowUps => "follow_ups",
        };
        self.conn
            .prepare_cached(&format!(
                "INSERT INTO minutes (agenda_item_id, {column}, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (agenda_item_id) DO UPDATE SET {column} = excluded.{column}, updated_at = excluded.updated_at"
            ))?
            .execute(params![item.0, text, timestamp(now)])?;
        Ok(())
    }

    /// Saves a running note as typed so far: a new one (stamped now) when `note` is none, else
    /// the same note rewritten. A note typed empty again is removed.
    pub fn save_note(
        &mut self,
        item: AgendaItemId,
        note: Option<NoteId>,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<MinutesNote>> {
        require_agenda_item(&self.conn, item)?;
        let id = match note {
            None if text.trim().is_empty() => return Ok(None),
            None => {
                self.conn
                    .prepare_cached(
                        "INSERT INTO minutes_note (agenda_item_id, at, text, updated_at) VALUES (?1, ?2, ?3, ?2)",
                    )?
                    .execute(params![item.0, timestamp(now), text])?;
                NoteId(self.conn.last_insert_rowid())
            }
            Some(id) if text.trim().is_empty() => {
                self.conn
                    .execute("DELETE FROM minutes_note WHERE id = ?1", [id.0])?;
                return Ok(None);
            }
            Some(id) => {
                let n = self
                    .conn
                    .prepare_cached(
                        "UPDATE minutes_note SET text = ?2, updated_at = ?3, agenda_item_id = ?4 WHERE id = ?1",
                    )?
                    .execute(params![id.0, text, timestamp(now), item.0])?;
                if n == 0 {
                    return Err(StoreError::AgendaItemNotFound(item.0));
                }
                id
            }
        };
        Ok(self
            .conn
            .prepare_cached("SELECT id, agenda_item_id, at, text FROM minutes_note WHERE id = ?1")?
            .query_row([id.0], |row| {
                Ok(MinutesNote {
                    id: NoteId(row.get(0)?),
                    agenda_item_id: AgendaItemId(row.get(1)?),
                    at: get_timestamp(row, 2)?,
                    text: row.get(3)?,
                })
            })
            .optional()?)
    }
}

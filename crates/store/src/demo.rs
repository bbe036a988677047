//! Loading the demo project in one transaction.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;
use tsudoi_core::agenda::{AgendaItemDraft, SpeakerDraft, SpeakerId};
use tsudoi_core::demo::demo_events;
use tsudoi_core::EventId;

use crate::agenda::{insert_agenda_item, insert_speaker};
use crate::attendee::{insert_attendee, Seating};
use crate::event::insert_event;
use crate::sql::timestamp;
use crate::{Result, Store, StoreError};

/// What the demo loader added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DemoReport {
    pub event_ids: Vec<EventId>,
    pub n_attendees: usize,
}

impl Store {
    /// Adds the demo project's events and attendees, all or nothing. Refused with
    /// [`StoreError::DemoAlreadyLoaded`] the second time.
    pub fn load_demo(&mut self, now: DateTime<Utc>) -> Result<DemoReport> {
        let demo = demo_events().map_err(|e| StoreError::Corrupt {
            path: "assets/demo/atotsugi-2026.json".into(),
            detail: e.to_string(),
        })?;
        let tx = self.conn.transaction()?;
        let loaded: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'demo_loaded_at'", [], |row| {
                row.get(0)
            })
            .optional()?;
        if loaded.is_some() {
            return Err(StoreError::DemoAlreadyLoaded);
        }
        let mut report = DemoReport {
            event_ids: Vec::new(),
            n_attendees: 0,
        };
        let mut speakers: std::collections::HashMap<String, SpeakerId> = std::collections::HashMap::new();
        for demo_event in demo {
            let event = insert_event(&tx, demo_event.event, now)?;
            for person in demo_event.attendees {
                insert_attendee(&tx, event.id, person, Seating::WaitWhenFull, now)?;
                report.n_attendees += 1;
            }
            for item in demo_event.agenda {
                let mut speaker_id = |draft: SpeakerDraft| -> Result<SpeakerId> {
                    if let Some(id) = speakers.get(draft.name.trim()) {
                        return Ok(*id);
                    }
                    let name = draft.name.trim().to_string();
                    let id = insert_speaker(&tx, draft, now)?;
                    speakers.insert(name, id);
                    Ok(id)
                };
                let moderator_id = item.moderator.map(&mut speaker_id).transpose()?;
                let speaker_ids = item
                    .speakers
                    .into_iter()
                    .map(&mut speaker_id)
                    .collect::<Result<Vec<_>>>()?;
                let draft = AgendaItemDraft {
                    starts_at: item.starts_at,
                    ends_at: item.ends_at,
                    kind: item.kind,
                    title: item.title,
                    place: item.place,
                    speaker_ids,
                    moderator_id,
                    notes: item.notes,
                };
                let item_id = insert_agenda_item(&tx, event.id, draft, now)?;
                if !item.talk_summary.is_empty() {
                    tx.execute(
                        "INSERT INTO minutes (agenda_item_id, talk_summary, updated_at) VALUES (?1, ?2, ?3)",
                        rusqlite::params![item_id.0, item.talk_summary, timestamp(now)],
                    )?;
                }
            }
            report.event_ids.push(event.id);
        }
        // The report's texts and the project's record, unless someone wrote their own first.
        for (section, text) in tsudoi_core::demo::demo_report_texts() {
            tx.execute(
                "INSERT OR IGNORE INTO report_text (section, text, updated_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![section.as_str(), text, timestamp(now)],
            )?;
        }
        let project = tsudoi_core::demo::DEMO_PROJECT;
        tx.execute(
            "INSERT OR IGNORE INTO project (id, title, contract_number, bureau_section, contractor, period_start, period_end, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                project.title,
                project.contract_number,
                project.bureau_section,
                project.contractor,
                project.period.0,
                project.period.1,
                timestamp(now)
            ],
        )?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('demo_loaded_at', ?1)",
            [timestamp(now)],
        )?;
        tx.commit()?;
        Ok(report)
    }
}

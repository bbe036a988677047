//! The `audit_log` table (監査ログ): every time personal data left the database in a file or came
//! into it from one. The contract's security annex asks who handled whose data, and when.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
pub use tsudoi_core::privacy::AuditAction;
use tsudoi_core::EventId;

use crate::sql::{get_choice, get_timestamp, timestamp};
use crate::{Result, Store};

/// One line of the privacy log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEntry {
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    /// Who did it: the operator named at the desk or in the command.
    pub actor: String,
    pub action: AuditAction,
    pub event_id: Option<EventId>,
    pub n_people: u32,
    pub file: String,
    pub detail: String,
}

/// What to record; the id and time are the store's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord<'a> {
    pub actor: &'a str,
    pub action: AuditAction,
    pub event_id: Option<EventId>,
    pub n_people: u32,
    pub file: &'a str,
    pub detail: &'a str,
}

pub(crate) fn record(conn: &Connection, entry: &AuditRecord<'_>, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, event_id, n_people, file, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        timestamp(now),
        entry.actor,
        entry.action.as_str(),
        entry.event_id.map(|id| id.0),
        entry.n_people,
        entry.file,
        entry.detail
    ])?;
    Ok(())
}

impl Store {
    /// Adds a line to the privacy log (for an export, after the file is written).
    pub fn record_audit(&mut self, entry: &AuditRecord<'_>, now: DateTime<Utc>) -> Result<()> {
        record(&self.conn, entry, now)
    }

    /// The privacy log, newest first.
    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, at, actor, action, event_id, n_people, file, detail FROM audit_log
             ORDER BY id DESC LIMIT ?1",
        )?;
        let entries = statement
            .query_map([limit], |row| {
                Ok(AuditEntry {
                    id: row.get(0)?,
                    at: get_timestamp(row, 1)?,
                    actor: row.get(2)?,
                    action: get_choice(row, 3, AuditAction::parse)?,
                    event_id: row.get::<_, Option<i64>>(4)?.map(EventId),
                    n_people: row.get(5)?,
                    file: row.get(6)?,
                    detail: row.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(entries)
    }
}

//! The `incident` table: the incident records (インシデント記録), and their append-only history
//! (`incident_change`). Each recording or change writes its history line and its privacy-log line
//! in its own transaction.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use tsudoi_core::incident::{IncidentDraft, IncidentKind, IncidentStatus};

use crate::audit::AuditRecord;
use crate::sql::{get_choice, get_timestamp, timestamp};
use crate::{Result, Store, StoreError};

/// An incident as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Incident {
    pub id: i64,
    #[serde(flatten)]
    pub details: IncidentDraft,
    /// Who recorded it.
    pub created_by: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: DateTime<Utc>,
}

/// One line of an incident's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncidentChange {
    pub incident_id: i64,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    pub actor: String,
    pub change: String,
}

const COLUMNS: &str = "id, title, happened_at, noticed_at, kind, data_involved, n_people, bureau_contact, \
     bureau_told_at, actions_taken, status, created_by, created_at, updated_at";

fn incident_from_row(row: &Row<'_>) -> rusqlite::Result<Incident> {
    Ok(Incident {
        id: row.get(0)?,
        details: IncidentDraft {
            title: row.get(1)?,
            happened_at: row.get(2)?,
            noticed_at: row.get(3)?,
            kind: get_choice(row, 4, IncidentKind::parse)?,
            data_involved: row.get(5)?,
            n_people: row.get(6)?,
            bureau_contact: row.get(7)?,
            bureau_told_at: row.get(8)?,
            actions_taken: row.get(9)?,
            status: get_choice(row, 10, IncidentStatus::parse)?,
        },
        created_by: row.get(11)?,
        created_at: get_timestamp(row, 12)?,
        updated_at: get_timestamp(row, 13)?,
    })
}

fn find_incident(conn: &Connection, id: i64) -> Result<Incident> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM incident WHERE id = ?1"),
        [id],
        incident_from_row,
    )
    .optional()?
    .ok_or(StoreError::IncidentNotFound(id))
}

fn record_change(
    conn: &Connection,
    incident_id: i64,
    actor: &str,
    change: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO incident_change (incident_id, at, actor, change) VALUES (?1, ?2, ?3, ?4)",
        params![incident_id, timestamp(now), actor, change],
    )?;
    Ok(())
}

/// The fields that differ between two drafts, by their identifiers (the history's line).
fn changed_fields(old: &IncidentDraft, new: &IncidentDraft) -> Vec<&'static str> {
    let mut fields = Vec::new();
    let mut differs = |name: &'static str, changed: bool| {
        if changed {
            fields.push(name);
        }
    };
    differs("title", old.title != new.title);
    differs("happened_at", old.happened_at != new.happened_at);
    differs("noticed_at", old.noticed_at != new.noticed_at);
    differs("kind", old.kind != new.kind);
    differs("data_involved", old.data_involved != new.data_involved);
    differs("n_people", old.n_people != new.n_people);
    differs("bureau_contact", old.bureau_contact != new.bureau_contact);
    differs("bureau_told_at", old.bureau_told_at != new.bureau_told_at);
    differs("actions_taken", old.actions_taken != new.actions_taken);
    differs("status", old.status != new.status);
    fields
}

/// The privacy-log line of a recording or change, naming the record by its number (the title may
/// name a person).
fn log_line(conn: &Connection, audit: &AuditRecord<'_>, detail: &str, now: DateTime<Utc>) -> Result<()> {
    let line = AuditRecord {
        detail,
        ..audit.clone()
    };
    crate::audit::record(conn, &line, now)
}

impl Store {
    /// Records an incident, with its first history line and its privacy-log line (`audit`, whose
    /// detail becomes the record's number), all in one transaction.
    pub fn add_incident(
        &mut self,
        draft: IncidentDraft,
        audit: &AuditRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<Incident> {
        let d = draft.normalized()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO incident (title, happened_at, noticed_at, kind, data_involved, n_people, bureau_contact,
                                   bureau_told_at, actions_taken, status, created_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
            params![
                d.title,
                d.happened_at,
                d.noticed_at,
                d.kind.as_str(),
                d.data_involved,
                d.n_people,
                d.bureau_contact,
                d.bureau_told_at,
                d.actions_taken,
                d.status.as_str(),
                audit.actor,
                timestamp(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        record_change(
            &tx,
            id,
            audit.actor,
            &format!("recorded ({})", d.status.as_str()),
            now,
        )?;
        log_line(&tx, audit, &format!("#{id}"), now)?;
        let incident = find_incident(&tx, id)?;
        tx.commit()?;
        Ok(incident)
    }

    /// Replaces an incident's details; the history says which fields changed, and the privacy
    /// log has its line, in the same transaction. A draft that changes nothing writes nothing.
    pub fn update_incident(
        &mut self,
        id: i64,
        draft: IncidentDraft,
        audit: &AuditRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<Incident> {
        let d = draft.normalized()?;
        let tx = self.conn.transaction()?;
        let old = find_incident(&tx, id)?;
        let fields = changed_fields(&old.details, &d);
        if fields.is_empty() {
            return Ok(old);
        }
        tx.execute(
            "UPDATE incident SET title = ?2, happened_at = ?3, noticed_at = ?4, kind = ?5, data_involved = ?6,
                                 n_people = ?7, bureau_contact = ?8, bureau_told_at = ?9, actions_taken = ?10,
                                 status = ?11, updated_at = ?12
             WHERE id = ?1",
            params![
                id,
                d.title,
                d.happened_at,
                d.noticed_at,
                d.kind.as_str(),
                d.data_involved,
                d.n_people,
                d.bureau_contact,
                d.bureau_told_at,
                d.actions_taken,
                d.status.as_str(),
                timestamp(now)
            ],
        )?;
        let change = format!("changed {}", fields.join(", "));
        record_change(&tx, id, audit.actor, &change, now)?;
        log_line(&tx, audit, &format!("#{id}: {}", fields.join(", ")), now)?;
        let incident = find_incident(&tx, id)?;
        tx.commit()?;
        Ok(incident)
    }

    /// Every incident, the newest noticed first.
    pub fn incidents(&self) -> Result<Vec<Incident>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM incident ORDER BY noticed_at DESC, id DESC"
        ))?;
        let incidents = statement
            .query_map([], incident_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(incidents)
    }

    /// One incident by its number.
    pub fn incident(&self, id: i64) -> Result<Incident> {
        find_incident(&self.conn, id)
    }

    /// An incident's history, oldest first.
    pub fn incident_changes(&self, id: i64) -> Result<Vec<IncidentChange>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT incident_id, at, actor, change FROM incident_change WHERE incident_id = ?1 ORDER BY id",
        )?;
        let changes = statement
            .query_map([id], |row| {
                Ok(IncidentChange {
                    incident_id: row.get(0)?,
                    at: get_timestamp(row, 1)?,
                    actor: row.get(2)?,
                    change: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(changes)
    }
}

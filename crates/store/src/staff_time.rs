//! The `staff_time` table: hours worked for 人件費, each with the person's agreed hourly rate.
//! A mistaken line is voided with a reason, never deleted.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use tsudoi_core::money::ledger::{monthly_sheets, StaffTime, StaffTimeDraft, StaffTimeId, StaffTimeSheet};
use tsudoi_core::money::Yen;
use tsudoi_core::EventId;

use crate::event::find_event;
use crate::sql::{get_date, timestamp};
use crate::{Result, Store, StoreError};

const COLUMNS: &str = "id, person, date, minutes, work, hourly_rate, event_id, voided_reason";

fn staff_time_from_row(row: &Row<'_>) -> rusqlite::Result<StaffTime> {
    let details = StaffTimeDraft {
        person: row.get(1)?,
        date: get_date(row, 2)?,
        minutes: row.get(3)?,
        work: row.get(4)?,
        hourly_rate: Yen(row.get(5)?),
        event_id: row.get::<_, Option<i64>>(6)?.map(EventId),
    };
    // The rate and minutes were checked when stored; an amount too large to compute cannot be
    // written, so a failure here means a damaged row.
    let cost = details.cost().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Integer, Box::new(e))
    })?;
    Ok(StaffTime {
        id: StaffTimeId(row.get(0)?),
        details,
        cost,
        voided_reason: row.get(7)?,
    })
}

fn find_staff_time(conn: &Connection, id: StaffTimeId) -> Result<StaffTime> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM staff_time WHERE id = ?1"))?
        .query_row([id.0], staff_time_from_row)
        .optional()?
        .ok_or(StoreError::StaffTimeNotFound(id.0))
}

/// Every staff time line, voided ones included, by date.
pub(crate) fn all_staff_time(conn: &Connection) -> Result<Vec<StaffTime>> {
    let lines = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM staff_time ORDER BY date, id"))?
        .query_map([], staff_time_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(lines)
}

impl Store {
    /// Records time worked. The cost (minutes × rate ÷ 60, cut off) is computed when read.
    pub fn add_staff_time(&mut self, draft: StaffTimeDraft, now: DateTime<Utc>) -> Result<StaffTime> {
        let d = draft.normalized()?;
        d.cost()?;
        if let Some(event_id) = d.event_id {
            find_event(&self.conn, event_id)?;
        }
        self.conn.execute(
            "INSERT INTO staff_time (person, date, minutes, work, hourly_rate, event_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                d.person,
                d.date.to_string(),
                d.minutes,
                d.work,
                d.hourly_rate.0,
                d.event_id.map(|e| e.0),
                timestamp(now)
            ],
        )?;
        find_staff_time(&self.conn, StaffTimeId(self.conn.last_insert_rowid()))
    }

    /// Voids a mistaken line with a reason; it stays, and counts nowhere.
    pub fn void_staff_time(
        &mut self,
        id: StaffTimeId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<StaffTime> {
        let reason = tsudoi_core::text::normalize_display(reason);
        if reason.is_empty() {
            return Err(tsudoi_core::ValidationError::ReasonRequired.into());
        }
        let line = find_staff_time(&self.conn, id)?;
        if line.voided_reason.is_some() {
            return Err(StoreError::StaffTimeAlreadyVoid(id.0));
        }
        self.conn.execute(
            "UPDATE staff_time SET voided_at = ?2, voided_reason = ?3 WHERE id = ?1",
            params![id.0, timestamp(now), reason],
        )?;
        find_staff_time(&self.conn, id)
    }

    /// Every staff time line, voided ones included, by date.
    pub fn staff_time(&self) -> Result<Vec<StaffTime>> {
        all_staff_time(&self.conn)
    }

    /// The monthly sheets: per person per month, the standing lines and their totals.
    pub fn staff_time_sheets(&self) -> Result<Vec<StaffTimeSheet>> {
        Ok(monthly_sheets(&all_staff_time(&self.conn)?)?)
    }
}

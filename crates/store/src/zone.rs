//! The `zone_setting`, `zone_mapping` and `zone_move` tables: where people sit, and how many fit.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use tsudoi_core::{
    Attendee, AttendeeId, Category, EventId, SeatZone, ValidationError, ZoneMapping, ZonePlan, ZoneSetting,
};

use crate::attendee::find_attendee;
use crate::event::find_event;
use crate::sql::{get_choice, timestamp};
use crate::{Result, Store};

/// An event's zone plan: its rows, completed with the defaults.
pub(crate) fn zone_plan(conn: &Connection, event_id: EventId) -> Result<ZonePlan> {
    let zones = conn
        .prepare_cached("SELECT zone, capacity FROM zone_setting WHERE event_id = ?1")?
        .query_map([event_id.0], |row| {
            Ok(ZoneSetting {
                zone: get_choice(row, 0, SeatZone::parse)?,
                capacity: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mapping = conn
        .prepare_cached("SELECT category, zone FROM zone_mapping WHERE event_id = ?1")?
        .query_map([event_id.0], |row| {
            Ok(ZoneMapping {
                category: get_choice(row, 0, Category::parse)?,
                zone: get_choice(row, 1, SeatZone::parse)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ZonePlan { zones, mapping }.normalized())
}

/// A recorded move of a person to another zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ZoneMove {
    pub attendee_id: AttendeeId,
    pub from_zone: SeatZone,
    pub to_zone: SeatZone,
    pub reason: String,
    pub operator: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
}

impl Store {
    /// Each zone's capacity and where each category sits at this event.
    pub fn zone_plan(&self, event_id: EventId) -> Result<ZonePlan> {
        find_event(&self.conn, event_id)?;
        zone_plan(&self.conn, event_id)
    }

    /// Replaces the event's zone plan (completed with the defaults) in one transaction.
    pub fn set_zone_plan(&mut self, event_id: EventId, plan: ZonePlan) -> Result<ZonePlan> {
        let plan = plan.normalized();
        let tx = self.conn.transaction()?;
        find_event(&tx, event_id)?;
        tx.execute("DELETE FROM zone_setting WHERE event_id = ?1", [event_id.0])?;
        tx.execute("DELETE FROM zone_mapping WHERE event_id = ?1", [event_id.0])?;
        for setting in &plan.zones {
            tx.execute(
                "INSERT INTO zone_setting (event_id, zone, capacity) VALUES (?1, ?2, ?3)",
                params![event_id.0, setting.zone.as_str(), setting.capacity],
            )?;
        }
        for mapping in &plan.mapping {
            tx.execute(
                "INSERT INTO zone_mapping (event_id, category, zone) VALUES (?1, ?2, ?3)",
                params![event_id.0, mapping.category.as_str(), mapping.zone.as_str()],
            )?;
        }
        tx.commit()?;
        Ok(plan)
    }

    /// Moves a person to another zone than their category's (`None`: back to the category's),
    /// with a written reason that is kept. A move without a reason is refused.
    pub fn move_to_zone(
        &mut self,
        attendee_id: AttendeeId,
        zone: Option<SeatZone>,
        reason: &str,
        operator: &str,
        now: DateTime<Utc>,
    ) -> Result<Attendee> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ValidationError::ReasonRequired.into());
        }
        let tx = self.conn.transaction()?;
        let attendee = find_attendee(&tx, attendee_id)?;
        let plan = zone_plan(&tx, attendee.event_id)?;
        let from = plan.zone_of(attendee.details.category, attendee.zone_override);
        let to = plan.zone_of(attendee.details.category, zone);
        tx.execute(
            "UPDATE attendee SET zone_override = ?2, updated_at = ?3 WHERE id = ?1",
            params![attendee_id.0, zone.map(SeatZone::as_str), timestamp(now)],
        )?;
        tx.execute(
            "INSERT INTO zone_move (attendee_id, from_zone, to_zone, reason, operator, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![attendee_id.0, from.as_str(), to.as_str(), reason, operator.trim(), timestamp(now)],
        )?;
        // A seated person gets a seat in the new zone (when it has a seat plan) in place of the old.
        let had_seat = crate::seat::seat_of(&tx, attendee_id)?.is_some();
        crate::seat::release_misplaced_seat(&tx, attendee_id)?;
        if had_seat && crate::seat::seat_of(&tx, attendee_id)?.is_none() {
            crate::seat::seat_person(&tx, attendee.event_id, attendee_id, to, None, now)?;
        }
        let moved = find_attendee(&tx, attendee_id)?;
        tx.commit()?;
        Ok(moved)
    }

    /// The moves of an event's people, oldest first.
    pub fn zone_moves(&self, event_id: EventId) -> Result<Vec<ZoneMove>> {
        find_event(&self.conn, event_id)?;
        let moves = self
            .conn
            .prepare_cached(
                "SELECT m.attendee_id, m.from_zone, m.to_zone, m.reason, m.operator, m.at
                 FROM zone_move m JOIN attendee a ON a.id = m.attendee_id
                 WHERE a.event_id = ?1 ORDER BY m.id",
            )?
            .query_map([event_id.0], |row| {
                Ok(ZoneMove {
                    attendee_id: AttendeeId(row.get(0)?),
                    from_zone: get_choice(row, 1, SeatZone::parse)?,
                    to_zone: get_choice(row, 2, SeatZone::parse)?,
                    reason: row.get(3)?,
                    operator: row.get(4)?,
                    at: crate::sql::get_timestamp(row, 5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(moves)
    }
}

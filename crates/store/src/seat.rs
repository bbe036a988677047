//! The `seat_block` and `seat_assignment` tables: the optional seat plan and who sits where.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use tsudoi_core::seating::ChartSeat;
use tsudoi_core::{AttendeeId, EventId, SeatBlock, SeatPlan, SeatZone, ValidationError};

use crate::attendee::find_attendee;
use crate::event::find_event;
use crate::sql::{get_choice, timestamp};
use crate::zone::zone_plan;
use crate::{Result, Store};

pub(crate) fn seat_plan(conn: &Connection, event_id: EventId) -> Result<SeatPlan> {
    let blocks = conn
        .prepare_cached("SELECT zone, label, n_seats FROM seat_block WHERE event_id = ?1 ORDER BY position")?
        .query_map([event_id.0], |row| {
            Ok(SeatBlock {
                zone: get_choice(row, 0, SeatZone::parse)?,
                label: row.get(1)?,
                n_seats: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SeatPlan { blocks })
}

/// The seat a person has, if any.
pub(crate) fn seat_of(conn: &Connection, attendee_id: AttendeeId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT seat FROM seat_assignment WHERE attendee_id = ?1")?
        .query_row([attendee_id.0], |row| row.get(0))
        .optional()?)
}

fn taken_seats(conn: &Connection, event_id: EventId) -> Result<HashSet<String>> {
    let seats = conn
        .prepare_cached("SELECT seat FROM seat_assignment WHERE event_id = ?1")?
        .query_map([event_id.0], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(seats)
}

/// Frees a person's seat (an undone entry, a cancellation, a move to another zone).
pub(crate) fn free_seat(conn: &Connection, attendee_id: AttendeeId) -> Result<()> {
    conn.prepare_cached("DELETE FROM seat_assignment WHERE attendee_id = ?1")?
        .execute([attendee_id.0])?;
    Ok(())
}

/// Frees a person's seat when it no longer fits them: the registration was cancelled, or their
/// category or a move put them in another zone.
pub(crate) fn release_misplaced_seat(conn: &Connection, attendee_id: AttendeeId) -> Result<()> {
    let Some(seat) = seat_of(conn, attendee_id)? else {
        return Ok(());
    };
    let person = find_attendee(conn, attendee_id)?;
    let zone = zone_plan(conn, person.event_id)?.zone_of(person.details.category, person.zone_override);
    let cancelled = person.details.status == tsudoi_core::AttendeeStatus::Cancelled;
    if cancelled || seat_plan(conn, person.event_id)?.zone_of_seat(&seat) != Some(zone) {
        free_seat(conn, attendee_id)?;
    }
    Ok(())
}

/// Gives a person a seat in their zone: the one asked for (when the plan has it in that zone and
/// it is free), else the seat they already have, else the zone's next free seat. `None` when the
/// zone has no seat plan or no free seat (the zone's capacity, not the plan, limits the room).
pub(crate) fn seat_person(
    conn: &Connection,
    event_id: EventId,
    attendee_id: AttendeeId,
    zone: SeatZone,
    requested: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let plan = seat_plan(conn, event_id)?;
    if !plan.has_seats(zone) {
        return Ok(None);
    }
    let current = seat_of(conn, attendee_id)?;
    let mut taken = taken_seats(conn, event_id)?;
    if let Some(current) = &current {
        taken.remove(current);
    }
    let seat = match requested.map(str::trim).filter(|r| !r.is_empty()) {
        Some(typed) => {
            let seat = plan
                .canonical_seat(typed)
                .filter(|seat| plan.zone_of_seat(seat) == Some(zone) && !taken.contains(seat))
                .ok_or_else(|| ValidationError::SeatUnavailable(typed.to_string()))?;
            Some(seat)
        }
        None => current.clone().or_else(|| plan.next_free(zone, &taken)),
    };
    if seat != current {
        if let Some(seat) = &seat {
            conn.prepare_cached(
                "INSERT INTO seat_assignment (attendee_id, event_id, seat, assigned_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (attendee_id) DO UPDATE SET seat = excluded.seat, assigned_at = excluded.assigned_at",
            )?
            .execute(params![attendee_id.0, event_id.0, seat, timestamp(now)])?;
        }
    }
    Ok(seat)
}

impl Store {
    /// The event's seat plan (empty when it has none).
    pub fn seat_plan(&self, event_id: EventId) -> Result<SeatPlan> {
        find_event(&self.conn, event_id)?;
        seat_plan(&self.conn, event_id)
    }

    /// Replaces the event's seat plan in one transaction. People keep their seats when the plan
    /// still has them in their zone; the others lose them (and are offered a new one at their
    /// next entry).
    pub fn set_seat_plan(&mut self, event_id: EventId, plan: SeatPlan) -> Result<SeatPlan> {
        let plan = plan.normalized()?;
        let tx = self.conn.transaction()?;
        find_event(&tx, event_id)?;
        tx.execute("DELETE FROM seat_block WHERE event_id = ?1", [event_id.0])?;
        for (position, block) in plan.blocks.iter().enumerate() {
            tx.execute(
                "INSERT INTO seat_block (event_id, position, zone, label, n_seats) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![event_id.0, position as i64, block.zone.as_str(), block.label, block.n_seats],
            )?;
        }
        let zones = zone_plan(&tx, event_id)?;
        let seated: Vec<(AttendeeId, String)> = tx
            .prepare("SELECT attendee_id, seat FROM seat_assignment WHERE event_id = ?1")?
            .query_map([event_id.0], |row| Ok((AttendeeId(row.get(0)?), row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, seat) in seated {
            let person = find_attendee(&tx, id)?;
            let zone = zones.zone_of(person.details.category, person.zone_override);
            if plan.zone_of_seat(&seat) != Some(zone) {
                free_seat(&tx, id)?;
            }
        }
        tx.commit()?;
        Ok(plan)
    }

    /// Gives a person a seat of their zone: `seat` when it is free, else the next free one.
    pub fn assign_seat(
        &mut self,
        attendee_id: AttendeeId,
        seat: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<String>> {
        let tx = self.conn.transaction()?;
        let person = find_attendee(&tx, attendee_id)?;
        let zone = zone_plan(&tx, person.event_id)?.zone_of(person.details.category, person.zone_override);
        let given = seat_person(&tx, person.event_id, attendee_id, zone, seat, now)?;
        tx.commit()?;
        Ok(given)
    }

    /// A person's seat, if they have one.
    pub fn seat_of(&self, attendee_id: AttendeeId) -> Result<Option<String>> {
        seat_of(&self.conn, attendee_id)
    }

    /// Every seat of the plan in order, with who sits in it.
    pub fn seat_chart(&self, event_id: EventId) -> Result<Vec<ChartSeat>> {
        let plan = self.seat_plan(event_id)?;
        let mut statement = self.conn.prepare_cached(
            "SELECT s.seat, a.id, a.name, a.organization FROM seat_assignment s JOIN attendee a ON a.id = s.attendee_id
             WHERE s.event_id = ?1",
        )?;
        let people: std::collections::HashMap<String, (AttendeeId, String, String)> = statement
            .query_map([event_id.0], |row| {
                Ok((row.get(0)?, (AttendeeId(row.get(1)?), row.get(2)?, row.get(3)?)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(plan
            .blocks
            .iter()
            .flat_map(|block| {
                (1..=block.n_seats).map(move |n| (block, tsudoi_core::seating::seat_label(&block.label, n)))
            })
            .map(|(block, seat)| {
                let person = people.get(&seat);
                ChartSeat {
                    zone: block.zone,
                    block: block.label.clone(),
                    attendee_id: person.map(|p| p.0),
                    name: person.map(|p| p.1.clone()),
                    organization: person.map(|p| p.2.clone()),
                    seat,
                }
            })
            .collect())
    }
}

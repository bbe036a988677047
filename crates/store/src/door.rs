//! The `door_attempt` table: every attempt at the reception desk, and the live counts, which are
//! recounted from the attempts that stand rather than kept as counters that could drift.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde::Serialize;
use tsudoi_core::door::{
    decide, Attempt, Decision, DoorNotice, PersonAtDoor, Presence, Room, Subject, ZoneRoom,
};
use tsudoi_core::{
    AttendanceMode, Attendee, AttendeeDraft, AttendeeId, AttendeeStatus, Category, Direction, DoorMethod,
    DoorOutcome, DoorStatus, EventId, RegistrationSource, SeatZone, TicketToken, ZonePlan,
};

use crate::attendee::{find_attendee, insert_attendee, Seating};
use crate::event::find_event;
use crate::seat::{free_seat, seat_of, seat_person};
use crate::sql::{get_choice, get_optional_choice, get_optional_timestamp, get_timestamp, timestamp};
use crate::ticket::ticket_holder;
use crate::zone::zone_plan;
use crate::{Result, Store, StoreError};

/// Longest scanned text kept in the log: enough for any code, not for a pasted document.
const MAX_CODE_CHARS: usize = 64;

/// One attempt at the desk.
#[derive(Debug, Clone)]
pub struct DoorRequest {
    pub direction: Direction,
    pub method: DoorMethod,
    /// What was scanned or typed (QR, camera); `None` when the person was picked by name.
    pub code: Option<String>,
    /// Who was picked from a name search.
    pub attendee_id: Option<AttendeeId>,
    pub desk: String,
    pub operator: String,
    /// An operator's reason to let the person through a refusal that allows it.
    pub override_reason: Option<String>,
    /// The seat an operator chose, when the event has a seat plan (else the next free one).
    pub seat: Option<String>,
    /// Now on the venue's wall clock, for the waiting list's time.
    pub local_now: NaiveDateTime,
}

/// A recorded attempt, as the desk's log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoorAttempt {
    pub id: i64,
    pub event_id: EventId,
    pub attendee_id: Option<AttendeeId>,
    pub attendee_name: Option<String>,
    pub code: String,
    pub direction: Direction,
    pub method: DoorMethod,
    pub outcome: DoorOutcome,
    pub desk: String,
    pub operator: String,
    pub override_reason: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub undone_at: Option<DateTime<Utc>>,
    pub undone_by: Option<String>,
    pub undo_reason: Option<String>,
}

/// When and where a person last passed the door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PassRecord {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    pub desk: String,
}

/// What the desk shows after an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoorResult {
    pub attempt: DoorAttempt,
    pub attendee: Option<Attendee>,
    pub zone: Option<SeatZone>,
    /// The zone's people in the room and its places, when the zone has a capacity of its own.
    pub zone_in_room: Option<u32>,
    pub zone_capacity: Option<u32>,
    /// For "already checked in" and a repeated scan: the pass that already happened.
    pub previous: Option<PassRecord>,
    pub in_room: u32,
    pub capacity: u32,
    pub nearly_full: bool,
    /// The person's seat, when the event has a seat plan for their zone: given at entry.
    pub seat: Option<String>,
    /// What the operator must be told about this pass.
    pub notice: Option<DoorNotice>,
    /// For a waiting person refused before the waiting list's time: when they may come back.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub waitlist_opens: Option<NaiveDateTime>,
}

const ATTEMPT_COLUMNS: &str =
    "d.id, d.event_id, d.attendee_id, a.name, d.code, d.direction, d.method, d.outcome, \
    d.desk, d.operator, d.override_reason, d.at, d.undone_at, d.undone_by, d.undo_reason";
const ATTEMPT_FROM: &str = "door_attempt d LEFT JOIN attendee a ON a.id = d.attendee_id";

fn attempt_from_row(row: &Row<'_>) -> rusqlite::Result<DoorAttempt> {
    Ok(DoorAttempt {
        id: row.get(0)?,
        event_id: EventId(row.get(1)?),
        attendee_id: row.get::<_, Option<i64>>(2)?.map(AttendeeId),
        attendee_name: row.get(3)?,
        code: row.get(4)?,
        direction: get_choice(row, 5, Direction::parse)?,
        method: get_choice(row, 6, DoorMethod::parse)?,
        outcome: get_choice(row, 7, DoorOutcome::parse)?,
        desk: row.get(8)?,
        operator: row.get(9)?,
        override_reason: row.get(10)?,
        at: get_timestamp(row, 11)?,
        undone_at: get_optional_timestamp(row, 12)?,
        undone_by: row.get(13)?,
        undo_reason: row.get(14)?,
    })
}

fn find_attempt(conn: &Connection, id: i64) -> Result<DoorAttempt> {
    conn.query_row(
        &format!("SELECT {ATTEMPT_COLUMNS} FROM {ATTEMPT_FROM} WHERE d.id = ?1"),
        [id],
        attempt_from_row,
    )
    .optional()?
    .ok_or(StoreError::AttemptNotFound(id))
}

/// Attempts that count: passed and not undone.
const STANDING: &str = "outcome = 'ok' AND undone_at IS NULL";

/// Entries that stand minus exits that stand, for one person at one event.
fn is_in_room(conn: &Connection, event_id: EventId, attendee_id: AttendeeId) -> Result<bool> {
    let balance: i64 = conn
        .prepare_cached(&format!(
            "SELECT coalesce(sum(CASE direction WHEN 'entry' THEN 1 ELSE -1 END), 0)
             FROM door_attempt WHERE event_id = ?1 AND attendee_id = ?2 AND {STANDING}"
        ))?
        .query_row(params![event_id.0, attendee_id.0], |row| row.get(0))?;
    Ok(balance > 0)
}

/// How many people are in the room now. Each person's entries minus exits is 0 or 1: an entry
/// passes only for someone outside, an exit only for someone inside, and only a person's latest
/// pass can be undone. So the room is the entries that stand minus the exits that stand, counted
/// on a partial index.
fn count_in_room(conn: &Connection, event_id: EventId) -> Result<u32> {
    let balance: i64 = conn
        .prepare_cached(&format!(
            "SELECT (SELECT count(*) FROM door_attempt WHERE event_id = ?1 AND direction = 'entry' AND {STANDING})
                  - (SELECT count(*) FROM door_attempt WHERE event_id = ?1 AND direction = 'exit' AND {STANDING})"
        ))?
        .query_row([event_id.0], |row| row.get(0))?;
    Ok(u32::try_from(balance).unwrap_or(0))
}

/// The places of `zone` at this event, when the plan gives the zone a capacity of its own; its
/// people in the room are recounted from the attempts that stand, placed by the plan.
fn zone_room(
    conn: &Connection,
    event_id: EventId,
    plan: &ZonePlan,
    zone: Option<SeatZone>,
) -> Result<Option<ZoneRoom>> {
    let Some((zone, capacity)) = zone.and_then(|z| plan.capacity(z).map(|c| (z, c))) else {
        return Ok(None);
    };
    let mut statement = conn.prepare_cached(&format!(
        "SELECT a.category, a.zone_override, d.direction FROM door_attempt d JOIN attendee a ON a.id = d.attendee_id
         WHERE d.event_id = ?1 AND d.{STANDING}"
    ))?;
    let mut balance: i64 = 0;
    let mut rows = statement.query([event_id.0])?;
    while let Some(row) = rows.next()? {
        let category = get_choice(row, 0, Category::parse)?;
        let moved = get_optional_choice(row, 1, SeatZone::parse)?;
        if plan.zone_of(category, moved) == zone {
            balance += if get_choice(row, 2, Direction::parse)? == Direction::Entry {
                1
            } else {
                -1
            };
        }
    }
    Ok(Some(ZoneRoom {
        zone,
        in_room: u32::try_from(balance).unwrap_or(0),
        capacity,
    }))
}

/// The person's last entry that stands, for "already checked in at … at desk …".
fn last_entry(conn: &Connection, event_id: EventId, attendee_id: AttendeeId) -> Result<Option<PassRecord>> {
    let found = conn
        .query_row(
            &format!(
                "SELECT at, desk FROM door_attempt
                 WHERE event_id = ?1 AND attendee_id = ?2 AND direction = 'entry' AND {STANDING}
                 ORDER BY id DESC LIMIT 1"
            ),
            params![event_id.0, attendee_id.0],
            |row| {
                Ok(PassRecord {
                    at: get_timestamp(row, 0)?,
                    desk: row.get(1)?,
                })
            },
        )
        .optional()?;
    Ok(found)
}

/// When this person's code last passed the same way at this event *at this desk*, for telling a
/// scanner's double read from a second visit (an exit right after an entry is no repeat). The same
/// code at another desk is another person with a copy of the ticket, never a repeat.
fn last_pass_of_code(
    conn: &Connection,
    event_id: EventId,
    attendee_id: AttendeeId,
    code: &str,
    direction: Direction,
    desk: &str,
) -> Result<Option<DateTime<Utc>>> {
    let found = conn
        .prepare_cached(&format!(
            "SELECT at FROM door_attempt
             WHERE attendee_id = ?1 AND event_id = ?2 AND {STANDING} AND code = ?3 AND direction = ?4
                   AND desk = ?5
             ORDER BY id DESC LIMIT 1"
        ))?
        .query_row(
            params![attendee_id.0, event_id.0, code, direction.as_str(), desk.trim()],
            |row| get_timestamp(row, 0),
        )
        .optional()?;
    Ok(found)
}

struct Recorded<'a> {
    event_id: EventId,
    attendee_id: Option<AttendeeId>,
    code: &'a str,
    direction: Direction,
    method: DoorMethod,
    decision: Decision,
    desk: &'a str,
    operator: &'a str,
    override_reason: Option<&'a str>,
    /// The seat asked for at the door.
    seat: Option<&'a str>,
    now: DateTime<Utc>,
    /// The waiting list's time, told to a waiting person who came too early.
    waitlist_opens: Option<NaiveDateTime>,
}

impl Recorded<'_> {
    /// The reason is kept only when an override actually let the person through.
    fn stored_override_reason(&self) -> Option<&str> {
        if self.decision.overridden {
            self.override_reason.map(str::trim)
        } else {
            None
        }
    }
}

fn record(conn: &Connection, r: &Recorded<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO door_attempt (event_id, attendee_id, code, direction, method, outcome, desk, operator,
                                   override_reason, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        r.event_id.0,
        r.attendee_id.map(|id| id.0),
        r.code,
        r.direction.as_str(),
        r.method.as_str(),
        r.decision.outcome.as_str(),
        r.desk.trim(),
        r.operator.trim(),
        if r.decision.overridden {
            r.override_reason.map(str::trim)
        } else {
            None
        },
        timestamp(r.now)
    ])?;
    Ok(conn.last_insert_rowid())
}

/// What the desk shows, built from what was just recorded (no second read of the row).
fn result(
    conn: &Connection,
    id: i64,
    recorded: &Recorded<'_>,
    attendee: Option<Attendee>,
    zone: Option<SeatZone>,
    room_before: Room,
) -> Result<DoorResult> {
    let outcome = recorded.decision.outcome;
    let previous = match (&attendee, outcome) {
        (Some(a), DoorOutcome::Duplicate | DoorOutcome::Repeat) => last_entry(conn, recorded.event_id, a.id)?,
        _ => None,
    };
    let in_room = match (outcome, recorded.direction) {
        (DoorOutcome::Ok, Direction::Entry) => room_before.in_room + 1,
        (DoorOutcome::Ok, Direction::Exit) => room_before.in_room.saturating_sub(1),
        _ => room_before.in_room,
    };
    let passed_in = outcome == DoorOutcome::Ok;
    let zone_room = room_before.zone.map(|z| ZoneRoom {
        in_room: match recorded.direction {
            Direction::Entry if passed_in => z.in_room + 1,
            Direction::Exit if passed_in => z.in_room.saturating_sub(1),
            _ => z.in_room,
        },
        ..z
    });
    let room = Room {
        in_room,
        zone: zone_room,
        ..room_before
    };
    let attempt = DoorAttempt {
        id,
        event_id: recorded.event_id,
        attendee_id: recorded.attendee_id,
        attendee_name: attendee.as_ref().map(|a| a.details.name.clone()),
        code: recorded.code.to_string(),
        direction: recorded.direction,
        method: recorded.method,
        outcome,
        desk: recorded.desk.trim().to_string(),
        operator: recorded.operator.trim().to_string(),
        override_reason: recorded.stored_override_reason().map(str::to_string),
        at: recorded.now,
        undone_at: None,
        undone_by: None,
        undo_reason: None,
    };
    Ok(DoorResult {
        zone,
        zone_in_room: zone_room.map(|z| z.in_room),
        zone_capacity: zone_room.map(|z| z.capacity),
        attendee,
        previous,
        in_room,
        capacity: room.capacity,
        nearly_full: room.is_nearly_full(),
        seat: None,
        notice: recorded.decision.notice,
        waitlist_opens: recorded
            .waitlist_opens
            .filter(|_| outcome == DoorOutcome::Waitlisted),
        attempt,
    })
}

/// The room as the door sees it, and the zone the person (their category, and any move) sits
/// in, with that zone's own places when it has a capacity.
fn room_at_door(
    conn: &Connection,
    event_id: EventId,
    person: Option<(Category, Option<SeatZone>)>,
) -> Result<(Option<SeatZone>, Room)> {
    let event = find_event(conn, event_id)?;
    let plan = zone_plan(conn, event_id)?;
    let zone = person.map(|(category, moved)| plan.zone_of(category, moved));
    let room = Room {
        in_room: count_in_room(conn, event_id)?,
        capacity: event.details.capacity,
        has_venue: event.details.format.has_venue(),
        zone: zone_room(conn, event_id, &plan, zone)?,
    };
    Ok((zone, room))
}

/// Writes the attempt, builds what the desk shows, and commits: the answer and the record are
/// one transaction.
fn record_and_report(
    tx: rusqlite::Transaction<'_>,
    recorded: &Recorded<'_>,
    attendee: Option<Attendee>,
    zone: Option<SeatZone>,
    room: Room,
) -> Result<DoorResult> {
    // A seat is given at an entry that passed (the one asked for, or the next free one); any
    // other answer shows the seat the person already has. A seat asked for but not free refuses
    // the whole attempt before anything is written.
    let passed_in = recorded.decision.outcome == DoorOutcome::Ok && recorded.direction == Direction::Entry;
    let seat = match (&attendee, zone) {
        (Some(person), Some(zone)) if passed_in => seat_person(
            &tx,
            recorded.event_id,
            person.id,
            zone,
            recorded.seat,
            recorded.now,
        )?,
        (Some(person), _) => seat_of(&tx, person.id)?,
        _ => None,
    };
    let attempt_id = record(&tx, recorded)?;
    let result = DoorResult {
        seat,
        ..result(&tx, attempt_id, recorded, attendee, zone, room)?
    };
    tx.commit()?;
    Ok(result)
}

impl Store {
    /// Records an attempt at the door of `event_id` and decides it, in one transaction: the
    /// answer the desk shows is the one written to disk.
    pub fn door(
        &mut self,
        event_id: EventId,
        request: DoorRequest,
        now: DateTime<Utc>,
    ) -> Result<DoorResult> {
        let now = now.trunc_subsecs(3); // as stored, so the result equals a later read
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let event = find_event(&tx, event_id)?;
        let mut code = String::new();
        let mut well_formed = false;
        let mut revoked = false;
        let attendee = match (&request.code, request.attendee_id) {
            (_, Some(id)) => Some(find_attendee(&tx, id)?),
            (Some(raw), None) => match TicketToken::parse(raw) {
                Ok(token) => {
                    code = token.as_str().to_string();
                    well_formed = true;
                    match ticket_holder(&tx, &token)? {
                        Some((id, is_revoked)) => {
                            revoked = is_revoked;
                            Some(find_attendee(&tx, id)?)
                        }
                        None => None,
                    }
                }
                Err(_) => {
                    code = raw.trim().chars().take(MAX_CODE_CHARS).collect();
                    None
                }
            },
            (None, None) => None,
        };
        // Where the person sits, and whether that zone has places of its own to fill.
        let seat = attendee
            .as_ref()
            .filter(|a| a.event_id == event_id)
            .map(|a| (a.details.category, a.zone_override));
        let (zone, room) = room_at_door(&tx, event_id, seat)?;
        let subject = match &attendee {
            Some(a) => Subject::Person(PersonAtDoor {
                ticket_revoked: revoked,
                same_event: a.event_id == event_id,
                status: a.details.status,
                waitlisted: a.waitlisted_at.is_some(),
                in_room: is_in_room(&tx, event_id, a.id)?,
                mode: a.details.mode,
            }),
            None if well_formed => Subject::UnknownCode,
            None => Subject::Misread,
        };
        let last_pass = match &attendee {
            Some(a) if !code.is_empty() => {
                last_pass_of_code(&tx, event_id, a.id, &code, request.direction, &request.desk)?
            }
            _ => None,
        };
        let decision = decide(&Attempt {
            direction: request.direction,
            subject: &subject,
            room,
            last_pass_of_code: last_pass,
            now,
            local_now: request.local_now,
            waitlist_opens: event.details.waitlist_opens(),
            override_reason: request.override_reason.as_deref(),
        });
        let recorded = Recorded {
            event_id,
            attendee_id: attendee.as_ref().map(|a| a.id),
            code: &code,
            direction: request.direction,
            method: request.method,
            decision,
            desk: &request.desk,
            operator: &request.operator,
            override_reason: request.override_reason.as_deref(),
            seat: request.seat.as_deref(),
            now,
            waitlist_opens: event.details.waitlist_opens(),
        };
        record_and_report(tx, &recorded, attendee, zone, room)
    }

    /// Registers a person at the desk (当日参加) and lets them in, in one transaction. In a full
    /// room the refusal is recorded and nobody is registered, unless an operator overrides it.
    pub fn walk_in(
        &mut self,
        event_id: EventId,
        draft: AttendeeDraft,
        desk: &str,
        operator: &str,
        override_reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<DoorResult> {
        let now = now.trunc_subsecs(3); // as stored, so the result equals a later read
        let draft = AttendeeDraft {
            source: RegistrationSource::WalkIn,
            status: AttendeeStatus::Registered,
            ..draft
        }
        .normalized()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (zone, room) = room_at_door(&tx, event_id, Some((draft.category, None)))?;
        let arriving = PersonAtDoor {
            ticket_revoked: false,
            same_event: true,
            status: AttendeeStatus::Registered,
            waitlisted: false,
            in_room: false,
            // Whatever the form says, a walk-in is at the venue's door: nothing to tell.
            mode: AttendanceMode::Venue,
        };
        let decision = decide(&Attempt {
            direction: Direction::Entry,
            subject: &Subject::Person(arriving),
            room,
            last_pass_of_code: None,
            now,
            local_now: now.naive_utc(),
            waitlist_opens: None,
            override_reason,
        });
        let attendee = if decision.outcome == DoorOutcome::Ok {
            Some(insert_attendee(&tx, event_id, draft, Seating::AtTheDoor, now)?)
        } else {
            None
        };
        let recorded = Recorded {
            event_id,
            attendee_id: attendee.as_ref().map(|a| a.id),
            code: "",
            direction: Direction::Entry,
            method: DoorMethod::WalkIn,
            decision,
            desk,
            operator,
            override_reason,
            seat: None,
            now,
            waitlist_opens: None,
        };
        record_and_report(tx, &recorded, attendee, zone, room)
    }

    /// Marks a passed attempt as a mistake: it stays in the log, and no longer counts.
    pub fn undo_attempt(
        &mut self,
        attempt_id: i64,
        reason: &str,
        desk: &str,
        now: DateTime<Utc>,
    ) -> Result<DoorAttempt> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let attempt = find_attempt(&tx, attempt_id)?;
        if attempt.outcome != DoorOutcome::Ok || attempt.undone_at.is_some() {
            return Err(StoreError::NotUndoable { id: attempt_id });
        }
        // Only a person's latest pass: undoing an entry after the exit that followed it would
        // leave the person "out" twice.
        let later_pass: bool = tx.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM door_attempt
                                WHERE event_id = ?1 AND attendee_id IS ?2 AND id > ?3 AND {STANDING})"
            ),
            params![attempt.event_id.0, attempt.attendee_id.map(|id| id.0), attempt_id],
            |row| row.get(0),
        )?;
        if later_pass {
            return Err(StoreError::NotUndoable { id: attempt_id });
        }
        tx.execute(
            "UPDATE door_attempt SET undone_at = ?2, undone_by = ?3, undo_reason = ?4 WHERE id = ?1",
            params![attempt_id, timestamp(now), desk.trim(), reason.trim()],
        )?;
        // An undone entry that was the person's only one: they never came in, the seat is free.
        if let (Direction::Entry, Some(person)) = (attempt.direction, attempt.attendee_id) {
            let still_entered: bool = tx.query_row(
                &format!(
                    "SELECT EXISTS (SELECT 1 FROM door_attempt
                                    WHERE event_id = ?1 AND attendee_id = ?2 AND direction = 'entry' AND {STANDING})"
                ),
                params![attempt.event_id.0, person.0],
                |row| row.get(0),
            )?;
            if !still_entered {
                free_seat(&tx, person)?;
            }
        }
        let undone = find_attempt(&tx, attempt_id)?;
        tx.commit()?;
        Ok(undone)
    }

    /// The live counts of an event's door.
    pub fn door_status(&self, event_id: EventId) -> Result<DoorStatus> {
        let event = find_event(&self.conn, event_id)?;
        let mut statement = self.conn.prepare_cached(
            "SELECT a.category, a.mode, a.status, a.source = 'walk_in', a.zone_override, a.waitlisted_at IS NOT NULL,
                    coalesce(sum(d.direction = 'entry'), 0) > 0,
                    coalesce(sum(CASE d.direction WHEN 'entry' THEN 1 WHEN 'exit' THEN -1 END), 0) > 0
             FROM attendee a
             LEFT JOIN door_attempt d ON d.attendee_id = a.id AND d.event_id = a.event_id
                                       AND d.outcome = 'ok' AND d.undone_at IS NULL
             WHERE a.event_id = ?1
             GROUP BY a.id",
        )?;
        let plan = zone_plan(&self.conn, event_id)?;
        let people = statement
            .query_map([event_id.0], |row| {
                let category = get_choice(row, 0, Category::parse)?;
                let moved = get_optional_choice(row, 4, SeatZone::parse)?;
                Ok(Presence {
                    category,
                    zone: plan.zone_of(category, moved),
                    mode: get_choice(row, 1, AttendanceMode::parse)?,
                    status: get_choice(row, 2, AttendeeStatus::parse)?,
                    walk_in: row.get(3)?,
                    waitlisted: row.get(5)?,
                    checked_in: row.get(6)?,
                    in_room: row.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(DoorStatus::tally(
            &people,
            event.details.capacity,
            event.details.format.has_venue(),
            &plan,
        ))
    }

    /// The latest attempts at an event's door, newest first.
    pub fn door_attempts(&self, event_id: EventId, limit: u32) -> Result<Vec<DoorAttempt>> {
        find_event(&self.conn, event_id)?;
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {ATTEMPT_COLUMNS} FROM {ATTEMPT_FROM} WHERE d.event_id = ?1 ORDER BY d.id DESC LIMIT ?2"
        ))?;
        let attempts = statement
            .query_map(params![event_id.0, limit], attempt_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(attempts)
    }
}

//! The attendee list as an organizer works it on the day: each person with where they stand at
//! the door, filters, likely duplicates, merging two registrations of one person, and deleting a
//! person on request (their personal data goes; the anonymous row stays so the counts add up).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use tsudoi_core::attendee::likely_duplicate;
use tsudoi_core::door::attended_mode;
use tsudoi_core::text::search_key;
use tsudoi_core::{
    AttendanceMode, Attendee, AttendeeDraft, AttendeeId, AttendeeStatus, Category, DuplicateReason, EventId,
    PresenceFilter,
};

use crate::attendee::{
    attendee_from_row, draft_from_row, find_attendee, promote_waiting, DRAFT_COLUMNS, LISTED_COLUMNS,
    LISTED_FROM,
};
use crate::error::MergeRefusal;
use crate::event::find_event;
use crate::sql::timestamp;
use crate::{AuditRecord, Result, Store, StoreError};

/// What an erased person's name reads as in old desk logs: the column must not be empty, and
/// nothing of the person is left in it.
pub const ERASED_NAME: &str = "—";

/// One person of the list with where they stand at the door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListedAttendee {
    #[serde(flatten)]
    pub attendee: Attendee,
    /// Passed the door at least once (an entry that stands).
    pub checked_in: bool,
    pub in_room: bool,
    /// How the person attended: at the venue once they passed its door, whatever they
    /// registered for ([`attended_mode`]).
    pub attended_mode: AttendanceMode,
    /// The person's latest pass that stands, which an organizer may undo from the list.
    pub last_pass_attempt: Option<i64>,
}

/// Which people of an event to list.
#[derive(Debug, Clone, Default)]
pub struct PeopleQuery {
    pub search: Option<String>,
    pub presence: Option<PresenceFilter>,
    pub category: Option<Category>,
    /// The mode registered with.
    pub mode: Option<AttendanceMode>,
    pub limit: Option<u32>,
}

/// A registration that looks like the person being added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PossibleDuplicate {
    pub attendee: Attendee,
    pub reason: DuplicateReason,
}

/// Each listed person's standing passes, summed once per event (not a lookup per person).
const PRESENCE_JOIN: &str = "LEFT JOIN (
        SELECT attendee_id,
               max(direction = 'entry') AS checked_in,
               sum(CASE direction WHEN 'entry' THEN 1 ELSE -1 END) AS balance,
               max(id) AS last_pass
        FROM door_attempt
        WHERE event_id = ?1 AND attendee_id IS NOT NULL AND outcome = 'ok' AND undone_at IS NULL
        GROUP BY attendee_id
    ) p ON p.attendee_id = a.id";

impl Store {
    /// The people of an event with where they stand, filtered; deleted people are left out.
    pub fn people(&self, event_id: EventId, query: &PeopleQuery) -> Result<Vec<ListedAttendee>> {
        let event = find_event(&self.conn, event_id)?;
        let has_venue = event.details.format.has_venue();
        let key = query.search.as_deref().map(search_key).unwrap_or_default();
        let presence = query.presence.map_or("", PresenceFilter::as_str);
        let category = query.category.map_or("", Category::as_str);
        let mode = query.mode.map_or("", AttendanceMode::as_str);
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {LISTED_COLUMNS}, coalesce(p.checked_in, 0), coalesce(p.balance, 0) > 0, p.last_pass
             FROM {LISTED_FROM} {PRESENCE_JOIN}
             WHERE a.erased_at IS NULL
               AND (?2 = '' OR instr(a.search_text, ?2) > 0)
               AND (?3 = ''
                    OR (?3 = 'not_checked_in' AND a.status = 'registered' AND a.waitlisted_at IS NULL
                        AND coalesce(p.checked_in, 0) = 0)
                    OR (?3 = 'checked_in' AND coalesce(p.checked_in, 0) = 1)
                    OR (?3 = 'in_room' AND coalesce(p.balance, 0) > 0)
                    OR (?3 = 'waiting' AND a.status = 'registered' AND a.waitlisted_at IS NOT NULL
                        AND coalesce(p.checked_in, 0) = 0)
                    OR (?3 = 'cancelled' AND a.status = 'cancelled'))
               AND (?4 = '' OR a.category = ?4)
               AND (?5 = '' OR a.mode = ?5)
             ORDER BY a.kana = '', a.kana, a.name, a.id
             LIMIT ?6"
        ))?;
        let limit = query.limit.map_or(-1, i64::from);
        let people = statement
            .query_map(params![event_id.0, key, presence, category, mode, limit], |row| {
                let attendee = attendee_from_row(row)?;
                let checked_in: bool = row.get(20)?;
                Ok(ListedAttendee {
                    attended_mode: attended_mode(attendee.details.mode, checked_in, has_venue),
                    attendee,
                    checked_in,
                    in_room: row.get(21)?,
                    last_pass_attempt: row.get(22)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(people)
    }

    /// Registrations of the event that look like `draft` (the same email, name, or reading at
    /// the same organisation), most certain first; `except` is the person being edited.
    pub fn possible_duplicates(
        &self,
        event_id: EventId,
        draft: &AttendeeDraft,
        except: Option<AttendeeId>,
    ) -> Result<Vec<PossibleDuplicate>> {
        find_event(&self.conn, event_id)?;
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT a.id, {DRAFT_COLUMNS} FROM attendee a WHERE a.event_id = ?1 AND a.erased_at IS NULL"
        ))?;
        let mut found: Vec<(AttendeeId, DuplicateReason)> = Vec::new();
        let mut rows = statement.query([event_id.0])?;
        while let Some(row) = rows.next()? {
            let id = AttendeeId(row.get(0)?);
            if Some(id) == except {
                continue;
            }
            if let Some(reason) = likely_duplicate(draft, &draft_from_row(row, 1)?) {
                found.push((id, reason));
            }
        }
        found.sort_by_key(|(id, reason)| (DuplicateReason::ALL.iter().position(|r| r == reason), *id));
        found
            .into_iter()
            .take(5)
            .map(|(id, reason)| {
                Ok(PossibleDuplicate {
                    attendee: find_attendee(&self.conn, id)?,
                    reason,
                })
            })
            .collect()
    }

    /// Makes two registrations of one person one: `keep` stays, with the empty fields filled from
    /// `absorb`; `absorb`'s passes at the door, zone move and online attendance move to `keep`;
    /// its ticket stops opening the door (the desk finds the person by name); then it goes. One
    /// transaction, with its line in the privacy log.
    pub fn merge_attendees(
        &mut self,
        keep: AttendeeId,
        absorb: AttendeeId,
        audit: &AuditRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<Attendee> {
        let refuse = |why| StoreError::CannotMerge { keep, absorb, why };
        if keep == absorb {
            return Err(refuse(MergeRefusal::SamePerson));
        }
        let tx = self.conn.transaction()?;
        let kept = live_attendee(&tx, keep)?;
        let gone = live_attendee(&tx, absorb)?;
        if kept.event_id != gone.event_id {
            return Err(refuse(MergeRefusal::OtherEvent));
        }
        let passed = |id: AttendeeId| -> Result<bool> {
            Ok(tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM door_attempt
                                WHERE attendee_id = ?1 AND outcome = 'ok' AND undone_at IS NULL)",
                [id.0],
                |row| row.get(0),
            )?)
        };
        if passed(keep)? && passed(absorb)? {
            return Err(refuse(MergeRefusal::BothCheckedIn));
        }
        let (k, g) = (&kept.details, &gone.details);
        let fill = |mine: &str, theirs: &str| {
            if mine.is_empty() {
                theirs.to_string()
            } else {
                mine.to_string()
            }
        };
        let notes = match (k.notes.is_empty(), g.notes.is_empty()) {
            (_, true) => k.notes.clone(),
            (true, false) => g.notes.clone(),
            (false, false) => format!("{}\n{}", k.notes, g.notes),
        };
        let merged = AttendeeDraft {
            kana: fill(&k.kana, &g.kana),
            organization: fill(&k.organization, &g.organization),
            title: fill(&k.title, &g.title),
            email: fill(&k.email, &g.email),
            phone: fill(&k.phone, &g.phone),
            notes,
            // Either registration standing means the person is coming.
            status: if k.status == AttendeeStatus::Registered || g.status == AttendeeStatus::Registered {
                AttendeeStatus::Registered
            } else {
                AttendeeStatus::Cancelled
            },
            // Agreement given in either registration was given by this person.
            consent: k.consent || g.consent,
            ..k.clone()
        }
        .normalized()?;
        crate::attendee::write_attendee_details(&tx, keep, &merged, now)?;
        // The earlier of the two places in the queue (or a place, if either had one).
        tx.execute(
            "UPDATE attendee SET waitlisted_at = CASE
                 WHEN waitlisted_at IS NULL OR ?2 IS NULL THEN NULL
                 ELSE min(waitlisted_at, ?2) END
             WHERE id = ?1",
            params![keep.0, gone.waitlisted_at.map(timestamp)],
        )?;
        tx.execute(
            "UPDATE door_attempt SET attendee_id = ?1 WHERE attendee_id = ?2",
            params![keep.0, absorb.0],
        )?;
        tx.execute(
            "UPDATE ticket SET attendee_id = ?1, revoked_at = coalesce(revoked_at, ?3) WHERE attendee_id = ?2",
            params![keep.0, absorb.0, timestamp(now)],
        )?;
        tx.execute(
            "UPDATE zone_move SET attendee_id = ?1 WHERE attendee_id = ?2",
            params![keep.0, absorb.0],
        )?;
        for table in ["online_attendance", "seat_assignment"] {
            // Kept from `keep` when it has one; else taken over from `absorb`.
            tx.execute(
                &format!(
                    "UPDATE OR IGNORE {table} SET attendee_id = ?1 WHERE attendee_id = ?2
                     AND NOT EXISTS (SELECT 1 FROM {table} WHERE attendee_id = ?1)"
                ),
                params![keep.0, absorb.0],
            )?;
            tx.execute(&format!("DELETE FROM {table} WHERE attendee_id = ?1"), [absorb.0])?;
        }
        tx.execute("DELETE FROM attendee WHERE id = ?1", [absorb.0])?;
        promote_waiting(&tx, kept.event_id, now)?;
        crate::audit::record(&tx, audit, now)?;
        let result = find_attendee(&tx, keep)?;
        tx.commit()?;
        Ok(result)
    }

    /// Deletes a person's personal data on their request: name, reading, organisation, title,
    /// email, phone and notes go, with their ticket, seat, zone move and online record. The row
    /// stays, anonymous (category, mode, status and its passes at the door), so that the counts
    /// of who came do not change. One transaction, with its line in the privacy log.
    pub fn erase_attendee(
        &mut self,
        id: AttendeeId,
        audit: &AuditRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let person = live_attendee(&tx, id)?;
        tx.execute(
            "UPDATE attendee SET name = ?2, kana = '', organization = '', title = '', email = '', phone = '',
                                 notes = '', search_text = '', consent = 0, erased_at = ?3, updated_at = ?3
             WHERE id = ?1",
            params![id.0, ERASED_NAME, timestamp(now)],
        )?;
        tx.execute("DELETE FROM ticket WHERE attendee_id = ?1", [id.0])?;
        for table in ["seat_assignment", "zone_move", "online_attendance"] {
            tx.execute(&format!("DELETE FROM {table} WHERE attendee_id = ?1"), [id.0])?;
        }
        // A waiting person's place in the queue goes with them.
        if person.waitlisted_at.is_some() {
            tx.execute(
                "UPDATE attendee SET status = 'cancelled', waitlisted_at = NULL WHERE id = ?1",
                [id.0],
            )?;
        }
        crate::audit::record(&tx, audit, now)?;
        tx.commit()?;
        Ok(())
    }
}

/// An attendee who was not deleted on request.
fn live_attendee(conn: &rusqlite::Connection, id: AttendeeId) -> Result<Attendee> {
    let erased: Option<bool> = conn
        .query_row(
            "SELECT erased_at IS NOT NULL FROM attendee WHERE id = ?1",
            [id.0],
            |row| row.get(0),
        )
        .optional()?;
    match erased {
        None => Err(StoreError::AttendeeNotFound(id)),
        Some(true) => Err(StoreError::AttendeeErased(id)),
        Some(false) => find_attendee(conn, id),
    }
}

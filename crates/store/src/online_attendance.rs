//! The `online_attendance` table: people seen in the online meeting, from a Teams or Zoom
//! attendance report.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use tsudoi_core::attendance::{
    match_participants, MatchedBy, OnlineParticipant, ParticipantMatch, ReportSource,
};
use tsudoi_core::{AttendanceMode, AttendeeId, EventId};

use crate::attendee::{attendee_from_row, LISTED_COLUMNS, LISTED_FROM};
use crate::audit::{self, AuditAction, AuditRecord};
use crate::event::find_event;
use crate::registration_import::ImportOptions;
use crate::sql::timestamp;
use crate::{Result, Store};

/// A participant found among the registrations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MatchedParticipant {
    pub row: u32,
    pub attendee_id: AttendeeId,
    /// The registered name (the report's may be spelled otherwise).
    pub name: String,
    pub by: MatchedBy,
    pub minutes: Option<u32>,
    /// Registered for the venue but seen online: worth a look.
    pub registered_for_venue: bool,
}

/// A participant no registration matches (the organizer's staff, a changed display name), for
/// the person to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnmatchedParticipant {
    pub row: u32,
    pub name: String,
    pub email: Option<String>,
    pub role: Option<String>,
    /// Several registrations have this name and none the email.
    pub ambiguous: bool,
}

/// What importing an attendance report did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OnlineAttendanceImport {
    pub dry_run: bool,
    pub source: ReportSource,
    pub matched: Vec<MatchedParticipant>,
    pub unmatched: Vec<UnmatchedParticipant>,
    /// Matched people not marked as attended online before this report.
    pub newly_attended: u32,
}

fn n_online_attended(conn: &rusqlite::Connection, event_id: EventId) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM online_attendance o JOIN attendee a ON a.id = o.attendee_id WHERE a.event_id = ?1",
        )?
        .query_row([event_id.0], |row| row.get(0))?)
}

impl Store {
    /// Marks the participants of an online meeting as attended, matching them to the event's
    /// registrations by email, then by name. All or nothing; a second import of the same report
    /// changes nothing.
    pub fn import_online_attendance(
        &mut self,
        event_id: EventId,
        source: ReportSource,
        participants: &[OnlineParticipant],
        options: &ImportOptions<'_>,
        now: DateTime<Utc>,
    ) -> Result<OnlineAttendanceImport> {
        let tx = self.conn.transaction()?;
        find_event(&tx, event_id)?;
        let registered = tx
            .prepare_cached(&format!(
                "SELECT {LISTED_COLUMNS} FROM {LISTED_FROM} WHERE a.event_id = ?1 AND a.status = 'registered' AND a.erased_at IS NULL"
            ))?
            .query_map([event_id.0], attendee_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let matches = match_participants(&registered, participants);
        let n_attended_before = n_online_attended(&tx, event_id)?;
        let mut report = OnlineAttendanceImport {
            dry_run: options.dry_run,
            source,
            matched: Vec::new(),
            unmatched: Vec::new(),
            newly_attended: 0,
        };
        let fmt = |t: Option<chrono::NaiveDateTime>| t.map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string());
        for (participant, found) in participants.iter().zip(matches) {
            match found {
                ParticipantMatch::Found { id, by } => {
                    let Some(person) = registered.iter().find(|p| p.id == id) else {
                        continue;
                    };
                    tx.prepare_cached(
                            "INSERT INTO online_attendance (attendee_id, source, first_join, last_leave, minutes, imported_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                             ON CONFLICT (attendee_id) DO UPDATE SET source = excluded.source,
                                 first_join = excluded.first_join, last_leave = excluded.last_leave,
                                 minutes = excluded.minutes, imported_at = excluded.imported_at
                             WHERE (source, first_join, last_leave, minutes)
                                   IS NOT (excluded.source, excluded.first_join, excluded.last_leave, excluded.minutes)",
                        )?
                        .execute(params![
                            id.0,
                            source.as_str(),
                            fmt(participant.first_join),
                            fmt(participant.last_leave),
                            participant.minutes,
                            timestamp(now)
                        ])?;
                    report.matched.push(MatchedParticipant {
                        row: participant.row,
                        attendee_id: id,
                        name: person.details.name.clone(),
                        by,
                        minutes: participant.minutes,
                        registered_for_venue: person.details.mode == AttendanceMode::Venue,
                    });
                }
                ParticipantMatch::Unmatched | ParticipantMatch::Ambiguous => {
                    report.unmatched.push(UnmatchedParticipant {
                        row: participant.row,
                        name: participant.name.clone(),
                        email: participant.email.clone(),
                        role: participant.role.clone(),
                        ambiguous: found == ParticipantMatch::Ambiguous,
                    })
                }
            }
        }
        report.newly_attended = n_online_attended(&tx, event_id)? - n_attended_before;
        if options.dry_run {
            return Ok(report);
        }
        audit::record(
            &tx,
            &AuditRecord {
                actor: options.actor,
                action: AuditAction::OnlineAttendanceImport,
                event_id: Some(event_id),
                n_people: report.matched.len() as u32,
                file: options.file,
                detail: &tsudoi_core::privacy::AuditDetail::OnlineImport {
                    source: source.as_str().to_string(),
                    matched: u32::try_from(report.matched.len()).unwrap_or(u32::MAX),
                    unmatched: u32::try_from(report.unmatched.len()).unwrap_or(u32::MAX),
                }
                .encode(),
            },
            now,
        )?;
        tx.commit()?;
        Ok(report)
    }
}

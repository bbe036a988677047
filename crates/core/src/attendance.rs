//! Who attended: online participants matched to registrations, and the lines and summary of the
//! attendance file the bureau receives.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::attendee::{AttendanceMode, Attendee, AttendeeId, AttendeeStatus, RegistrationSource};
use crate::door::SeatZone;
use crate::text::{email_key, search_key};

choice_enum! {
    /// Which meeting service wrote an attendance report (told apart by its headers).
    pub enum ReportSource as "report source" {
        Teams = "teams", "Teams", "Teams";
        Zoom = "zoom", "Zoom", "Zoom";
        #[default]
        Other = "other", "その他", "Other";
    }
}

/// One person in an online meeting; a person who joined several times is one participant with
/// the earliest join, the latest leave and the minutes added up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OnlineParticipant {
    /// The first row of the person in the file.
    pub row: u32,
    pub name: String,
    pub email: Option<String>,
    /// The report's own role (`Organizer`, `Presenter`, `Attendee`), when it has one.
    pub role: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub first_join: Option<NaiveDateTime>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub last_leave: Option<NaiveDateTime>,
    pub minutes: Option<u32>,
}

/// How a participant was found among the registrations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    Email,
    /// The name alone, when exactly one registration has it.
    Name,
}

/// The outcome of matching one participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParticipantMatch {
    Found {
        id: AttendeeId,
        by: MatchedBy,
    },
    /// No registration has the email or the name.
    Unmatched,
    /// Several registrations have the name and none the email: a person decides.
    Ambiguous,
}

/// Matches participants to registrations: by email (case ignored) first, then by name (widths,
/// kana and spaces folded) when exactly one registration has it.
pub fn match_participants(
    registered: &[Attendee],
    participants: &[OnlineParticipant],
) -> Vec<ParticipantMatch> {
    let mut by_email: HashMap<String, AttendeeId> = HashMap::new();
    let mut by_name: HashMap<String, Vec<AttendeeId>> = HashMap::new();
    for person in registered {
        if !person.details.email.is_empty() {
            by_email
                .entry(email_key(&person.details.email))
                .or_insert(person.id);
        }
        by_name
            .entry(search_key(&person.details.name))
            .or_default()
            .push(person.id);
    }
    participants
        .iter()
        .map(|participant| {
            if let Some(id) = participant
                .email
                .as_deref()
                .and_then(|e| by_email.get(&email_key(e)))
            {
                return ParticipantMatch::Found {
                    id: *id,
                    by: MatchedBy::Email,
                };
            }
            match by_name.get(&search_key(&participant.name)).map(Vec::as_slice) {
                Some([id]) => ParticipantMatch::Found {
                    id: *id,
                    by: MatchedBy::Name,
                },
                Some([_, _, ..]) => ParticipantMatch::Ambiguous,
                _ => ParticipantMatch::Unmatched,
            }
        })
        .collect()
}

/// One person's line in the attendance file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttendanceLine {
    pub attendee: Attendee,
    pub zone: SeatZone,
    /// When the person answered the registration form (its local time), for imported people.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub answered_at: Option<NaiveDateTime>,
    /// The first entry that stands (not undone).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub checked_in_at: Option<DateTime<Utc>>,
    /// The last exit, when the person has not come back in since.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub checked_out_at: Option<DateTime<Utc>>,
    /// Minutes in the online meeting, from an imported report; none when not seen online.
    pub online_minutes: Option<u32>,
    pub online_attended: bool,
    /// The seat given at the door, when the event has a seat plan.
    pub seat: Option<String>,
}

impl AttendanceLine {
    pub fn is_walk_in(&self) -> bool {
        self.attendee.details.source == RegistrationSource::WalkIn
    }

    /// Came to the venue or was seen in the online meeting.
    pub fn attended(&self) -> bool {
        self.checked_in_at.is_some() || self.online_attended
    }

    /// How the person attended: at the venue once they passed its door, whatever they
    /// registered for ([`crate::door::attended_mode`]).
    pub fn attended_mode(&self) -> AttendanceMode {
        crate::door::attended_mode(self.attendee.details.mode, self.checked_in_at.is_some(), true)
    }

    /// Whether the person is among those the event counts: a registration that stands and has
    /// a place, or anyone who came. Cancelled and waiting people who did not come are not.
    pub fn is_counted(&self) -> bool {
        if self.attendee.details.status == AttendeeStatus::Cancelled {
            return self.attended();
        }
        self.attendee.waitlisted_at.is_none() || self.attended()
    }
}

/// Counts of one group of people in the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttendanceCount {
    /// Registrations that stand (cancelled and waiting people are not counted).
    pub n_registered: u32,
    pub n_attended: u32,
}

/// The summary the bureau reads first: general and stakeholder apart, venue and online apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttendanceSummary {
    pub general_venue: AttendanceCount,
    pub general_online: AttendanceCount,
    pub stakeholder_venue: AttendanceCount,
    pub stakeholder_online: AttendanceCount,
    pub n_walk_ins: u32,
    pub n_cancelled: u32,
    pub n_waitlisted: u32,
}

impl AttendanceSummary {
    pub fn of(lines: &[AttendanceLine]) -> AttendanceSummary {
        let mut summary = AttendanceSummary::default();
        for line in lines {
            let person = &line.attendee;
            if person.details.status == AttendeeStatus::Cancelled {
                summary.n_cancelled += 1;
                continue;
            }
            if person.waitlisted_at.is_some() && !line.attended() {
                summary.n_waitlisted += 1;
                continue;
            }
            if line.is_walk_in() {
                summary.n_walk_ins += 1;
            }
            let count = match (line.zone, line.attended_mode()) {
                (SeatZone::General, AttendanceMode::Venue) => &mut summary.general_venue,
                (SeatZone::General, AttendanceMode::Online) => &mut summary.general_online,
                (SeatZone::Stakeholder, AttendanceMode::Venue) => &mut summary.stakeholder_venue,
                (SeatZone::Stakeholder, AttendanceMode::Online) => &mut summary.stakeholder_online,
            };
            count.n_registered += 1;
            if line.attended() {
                count.n_attended += 1;
            }
        }
        summary
    }
}

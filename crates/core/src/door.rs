//! The reception desk's rules (受付): who may come in, and how the room is counted.
//!
//! Every scan, search or walk-in at the door is an attempt with an outcome, kept even when it is
//! refused. The counts are never stored: they are recounted from the attempts that stand (not
//! undone), so they cannot drift from what happened.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::attendee::{AttendanceMode, AttendeeStatus, Category};
use crate::i18n::Lang;

/// A scan of the same code this soon after a successful one *at the same desk* is the scanner (or
/// a nervous hand) reading twice: it shows the same result and is not a second check-in. At
/// another desk the same code is a second person with a copy of the ticket: a duplicate.
pub const REPEAT_WINDOW_MS: i64 = 2_000;

/// From this share of the capacity on, the desk warns that the room is filling.
pub const NEARLY_FULL_PERCENT: u32 = 90;

choice_enum! {
    /// Which way a person passes the desk.
    pub enum Direction as "direction" {
        #[default]
        Entry = "entry", "入場", "Entry";
        Exit = "exit", "退場", "Exit";
    }
}

choice_enum! {
    /// How the desk found the person.
    pub enum DoorMethod as "method" {
        /// A code typed by a USB scanner or by hand into the scan field (or given to the CLI).
        #[default]
        Qr = "qr", "QRコード", "QR code";
        /// A code read by the webcam.
        Camera = "camera", "カメラ", "Camera";
        /// Picked from a name search.
        Search = "search", "名前検索", "Name search";
        /// Registered at the desk on the day.
        WalkIn = "walk_in", "当日参加", "Walk-in";
    }
}

choice_enum! {
    /// What came of an attempt at the door. The labels are the desk's headlines: the window and
    /// the CLI show the same words (see [`DoorVerdict`]).
    pub enum DoorOutcome as "outcome" {
        #[default]
        Ok = "ok", "受付完了", "Checked in";
        Duplicate = "duplicate", "受付済みです", "Already checked in";
        Unknown = "unknown", "登録のない受付票です", "Unknown ticket";
        Misread = "misread", "読み取れませんでした", "Could not read the code";
        Revoked = "revoked", "無効な受付票です（再発行済み）", "Revoked ticket (reissued)";
        Cancelled = "cancelled", "キャンセル済みの登録です", "Registration cancelled";
        WrongEvent = "wrong_event", "別のイベントの受付票です", "Ticket of another event";
        Full = "full", "満席です", "The room is full";
        Repeat = "repeat", "二重読み取り", "Same scan again";
        NotInRoom = "not_in_room", "入場の記録がありません", "Not checked in";
        Waitlisted = "waitlisted", "キャンセル待ちの方です", "On the waiting list";
    }
}

impl DoorOutcome {
    /// Whether the person passed (a repeat shows the pass that just happened).
    pub fn passed(self) -> bool {
        matches!(self, DoorOutcome::Ok | DoorOutcome::Repeat)
    }

    /// Whether an operator may let the person through anyway, with a written reason.
    pub fn can_override(self) -> bool {
        matches!(
            self,
            DoorOutcome::Full | DoorOutcome::Cancelled | DoorOutcome::Waitlisted
        )
    }

    /// The colour and sound of the outcome at the desk.
    pub fn kind(self) -> OutcomeKind {
        match self {
            DoorOutcome::Ok | DoorOutcome::Repeat => OutcomeKind::Pass,
            DoorOutcome::Duplicate => OutcomeKind::Notice,
            DoorOutcome::Misread | DoorOutcome::Unknown => OutcomeKind::Retry,
            DoorOutcome::Full => OutcomeKind::Full,
            DoorOutcome::Revoked
            | DoorOutcome::Cancelled
            | DoorOutcome::WrongEvent
            | DoorOutcome::NotInRoom
            | DoorOutcome::Waitlisted => OutcomeKind::Refusal,
        }
    }
}

choice_enum! {
    /// Something the desk must tell the operator about a person who passes.
    pub enum DoorNotice as "notice" {
        /// On the waiting list, let in because the waiting list's time has come and there is room.
        #[default]
        FromWaitingList = "from_waiting_list", "キャンセル待ちの方です。空席があるため入場できます", "On the waiting list: admitted, there are places";
        /// Registered to join online, came to the venue: counted at the venue from now on.
        OnlineAtVenue = "online_at_venue", "オンライン参加で申し込まれた方です。会場参加として記録します", "Registered online: recorded as attending at the venue";
    }
}

/// How the desk shows an outcome: a pass, "already here", "scan again", a ticket that cannot
/// enter, a full room. Each kind has its colour and its sound, so the desk knows what to do next
/// at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    Pass,
    Notice,
    Retry,
    Full,
    Refusal,
}

/// What the desk is told about an attempt: the rule's answers, so that no door computes them,
/// and the headline both doors show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoorVerdict {
    pub passed: bool,
    pub can_override: bool,
    pub kind: OutcomeKind,
    pub title: String,
    /// What the operator must know about a pass (a person from the waiting list, an online
    /// registrant at the venue), in the context's language.
    pub notice: Option<String>,
    /// A sentence that needs the facts of this attempt (when a waiting person may come back);
    /// none: the desk's usual hint for the outcome.
    pub detail: Option<String>,
}

/// The facts of an attempt a verdict is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VerdictFacts {
    pub outcome: DoorOutcome,
    pub direction: Direction,
    /// The zone whose own capacity refused the person (the title then says which zone is full,
    /// not the whole room).
    pub full_zone: Option<SeatZone>,
    pub notice: Option<DoorNotice>,
    /// For a waiting person refused before the waiting list's time: when they may come back.
    pub waitlist_opens: Option<NaiveDateTime>,
}

impl DoorVerdict {
    /// The verdict on an attempt, in `lang`.
    pub fn of(facts: VerdictFacts, lang: Lang) -> DoorVerdict {
        let VerdictFacts {
            outcome,
            direction,
            full_zone,
            notice,
            waitlist_opens,
        } = facts;
        let title = match (outcome, direction, full_zone) {
            (DoorOutcome::Ok | DoorOutcome::Repeat, Direction::Exit, _) => {
                lang.pick("退場を記録しました", "Exit recorded").to_string()
            }
            (DoorOutcome::Repeat, Direction::Entry, _) => DoorOutcome::Ok.label(lang).to_string(),
            (DoorOutcome::Full, _, Some(zone)) => match lang {
                Lang::Ja => format!("{}が満席です", zone.label(lang)),
                Lang::En => format!("The {} are full", zone.label(lang).to_lowercase()),
            },
            _ => outcome.label(lang).to_string(),
        };
        let detail = match (outcome, waitlist_opens) {
            (DoorOutcome::Waitlisted, Some(opens)) => Some(match lang {
                Lang::Ja => format!(
                    "{}から、空席があれば入場できます。その頃にもう一度お越しください。",
                    opens.format("%H:%M")
                ),
                Lang::En => format!(
                    "From {}, people on the waiting list are let in while there are places. Please come back then.",
                    opens.format("%H:%M")
                ),
            }),
            _ => None,
        };
        DoorVerdict {
            passed: outcome.passed(),
            can_override: outcome.can_override(),
            kind: outcome.kind(),
            title,
            notice: notice
                .filter(|_| outcome.passed())
                .map(|n| n.label(lang).to_string()),
            detail,
        }
    }
}

choice_enum! {
    /// Where a person sits (関係者席 / 一般者席): stakeholders apart, so that they never pad the
    /// count of the general public.
    pub enum SeatZone as "zone" {
        #[default]
        General = "general", "一般者席", "General seats";
        Stakeholder = "stakeholder", "関係者席", "Stakeholder seats";
    }
}

impl Category {
    /// The zone a category sits in by default (docs/GLOSSARY.md).
    pub fn default_zone(self) -> SeatZone {
        match self {
            Category::Stakeholder => SeatZone::Stakeholder,
            _ => SeatZone::General,
        }
    }
}

/// Whether a new registration must wait for a place: only people coming to the venue take one,
/// and only while the venue's registrations reach the limit (the event's registration limit,
/// which may exceed the seats because some registered people never come, else its capacity;
/// see [`crate::event::EventDraft::venue_registration_limit`]).
pub fn must_wait(
    mode: crate::AttendanceMode,
    n_venue_registered: u32,
    registration_limit: u32,
    has_venue: bool,
) -> bool {
    has_venue && mode == crate::AttendanceMode::Venue && n_venue_registered >= registration_limit
}

/// One zone's place in an event's plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ZoneSetting {
    pub zone: SeatZone,
    /// Places in the zone; none when only the venue's capacity limits it.
    pub capacity: Option<u32>,
}

/// Which zone a category sits in at one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ZoneMapping {
    pub category: Category,
    pub zone: SeatZone,
}

/// An event's seating: each zone's capacity and where each category sits. Complete: every zone
/// and every category has an entry (see [`ZonePlan::normalized`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ZonePlan {
    pub zones: Vec<ZoneSetting>,
    pub mapping: Vec<ZoneMapping>,
}

impl Default for ZonePlan {
    /// Stakeholders apart, everyone else in the general seats (docs/GLOSSARY.md); no zone
    /// limits beyond the venue's.
    fn default() -> ZonePlan {
        ZonePlan {
            zones: SeatZone::ALL
                .iter()
                .map(|zone| ZoneSetting {
                    zone: *zone,
                    capacity: None,
                })
                .collect(),
            mapping: Category::ALL
                .iter()
                .map(|c| ZoneMapping {
                    category: *c,
                    zone: c.default_zone(),
                })
                .collect(),
        }
    }
}

impl ZonePlan {
    /// Fills in what is missing from the defaults, keeping one entry per zone and category.
    pub fn normalized(self) -> ZonePlan {
        let defaults = ZonePlan::default();
        let zones = defaults
            .zones
            .iter()
            .map(|d| {
                self.zones
                    .iter()
                    .rev()
                    .find(|z| z.zone == d.zone)
                    .copied()
                    .unwrap_or(*d)
            })
            .collect();
        let mapping = defaults
            .mapping
            .iter()
            .map(|d| {
                self.mapping
                    .iter()
                    .rev()
                    .find(|m| m.category == d.category)
                    .copied()
                    .unwrap_or(*d)
            })
            .collect();
        ZonePlan { zones, mapping }
    }

    pub fn capacity(&self, zone: SeatZone) -> Option<u32> {
        self.zones
            .iter()
            .find(|z| z.zone == zone)
            .and_then(|z| z.capacity)
    }

    /// Where a person sits: an operator's move wins over the category's mapping.
    pub fn zone_of(&self, category: Category, moved_to: Option<SeatZone>) -> SeatZone {
        moved_to.unwrap_or_else(|| {
            self.mapping
                .iter()
                .find(|m| m.category == category)
                .map_or(category.default_zone(), |m| m.zone)
        })
    }
}

/// What the desk knows about the person an attempt is about, gathered by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// The code is not a ticket code at all (a misread).
    Misread,
    /// A well-formed code that no ticket has.
    UnknownCode,
    /// A person, found by ticket or by name.
    Person(PersonAtDoor),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonAtDoor {
    /// The person's ticket was replaced; this code no longer opens the door.
    pub ticket_revoked: bool,
    /// The person is registered for the event the desk serves.
    pub same_event: bool,
    pub status: AttendeeStatus,
    /// Registered beyond the venue's capacity and not promoted yet.
    pub waitlisted: bool,
    /// Entries that stand minus exits that stand is more than zero.
    pub in_room: bool,
    /// How the person registered to attend (an online registrant at the venue is told of).
    pub mode: AttendanceMode,
}

/// What the desk knows about the room when the attempt is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Room {
    pub in_room: u32,
    pub capacity: u32,
    /// Whether the event has a venue at all (an online-only event has no room to fill).
    pub has_venue: bool,
    /// The seating zone the person would sit in, when it has a capacity of its own.
    pub zone: Option<ZoneRoom>,
}

/// One seating zone's places, as far as the door is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneRoom {
    pub zone: SeatZone,
    pub in_room: u32,
    pub capacity: u32,
}

impl Room {
    /// The room, or the person's zone, has no place left.
    pub fn is_full(&self) -> bool {
        self.venue_is_full() || self.zone_is_full()
    }

    pub fn venue_is_full(&self) -> bool {
        self.has_venue && self.in_room >= self.capacity
    }

    pub fn zone_is_full(&self) -> bool {
        self.has_venue && self.zone.is_some_and(|z| z.in_room >= z.capacity)
    }

    pub fn is_nearly_full(&self) -> bool {
        self.has_venue && self.in_room * 100 >= self.capacity * NEARLY_FULL_PERCENT
    }
}

/// One attempt's circumstances.
#[derive(Debug, Clone)]
pub struct Attempt<'a> {
    pub direction: Direction,
    pub subject: &'a Subject,
    pub room: Room,
    /// When this code last passed at this event's desk, if it did.
    pub last_pass_of_code: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
    /// Now on the venue's wall clock, for the waiting list's time.
    pub local_now: NaiveDateTime,
    /// From when people on the waiting list are let in while there are places (the event's
    /// setting, by default its start); none: only by an operator's override.
    pub waitlist_opens: Option<NaiveDateTime>,
    /// An operator's written reason to let the person through a refusal that allows it.
    pub override_reason: Option<&'a str>,
}

/// The outcome of an attempt, whether an override made it, and what the desk must be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub outcome: DoorOutcome,
    pub overridden: bool,
    pub notice: Option<DoorNotice>,
}

/// Decides an attempt at the door. The order of the checks is the order in which a person at
/// the desk would want to hear about problems: is this a ticket, is it ours, is it valid, is the
/// person already in, is there room.
pub fn decide(attempt: &Attempt<'_>) -> Decision {
    let refused = |outcome| Decision {
        outcome,
        overridden: false,
        notice: None,
    };
    let person = match attempt.subject {
        Subject::Misread => return refused(DoorOutcome::Misread),
        Subject::UnknownCode => return refused(DoorOutcome::Unknown),
        Subject::Person(person) => person,
    };
    if let Some(last) = attempt.last_pass_of_code {
        let since = attempt.now.signed_duration_since(last).num_milliseconds();
        if (0..REPEAT_WINDOW_MS).contains(&since) {
            return refused(DoorOutcome::Repeat);
        }
    }
    if person.ticket_revoked {
        return refused(DoorOutcome::Revoked);
    }
    if !person.same_event {
        return refused(DoorOutcome::WrongEvent);
    }
    let reason = attempt.override_reason.map(str::trim).filter(|r| !r.is_empty());
    let mut overridden = false;
    let mut notice = None;
    if person.status == AttendeeStatus::Cancelled {
        if reason.is_none() {
            return refused(DoorOutcome::Cancelled);
        }
        overridden = true;
    }
    let entering = attempt.direction == Direction::Entry && !person.in_room;
    if person.waitlisted && entering {
        // With no time known (no setting, no start time), only an operator lets a waiting
        // person in: the places belong to registered people who may still come.
        let too_early = attempt
            .waitlist_opens
            .is_none_or(|opens| attempt.local_now < opens);
        match (reason, too_early) {
            (Some(_), _) => overridden = true,
            (None, true) => return refused(DoorOutcome::Waitlisted),
            // Some registered people never come: from the waiting list's time, a waiting person
            // takes a free place like anyone else (the room's check below still applies).
            (None, false) => notice = Some(DoorNotice::FromWaitingList),
        }
    }
    if entering && attempt.room.has_venue && person.mode == AttendanceMode::Online {
        notice = Some(DoorNotice::OnlineAtVenue);
    }
    let pass = |overridden| Decision {
        outcome: DoorOutcome::Ok,
        overridden,
        notice,
    };
    match attempt.direction {
        Direction::Exit if !person.in_room => refused(DoorOutcome::NotInRoom),
        Direction::Exit => Decision {
            notice: None,
            ..pass(overridden)
        },
        Direction::Entry if person.in_room => refused(DoorOutcome::Duplicate),
        Direction::Entry if attempt.room.is_full() => match reason {
            Some(_) => pass(true),
            None => refused(DoorOutcome::Full),
        },
        Direction::Entry => pass(overridden),
    }
}

/// How a person attended: someone who passed the venue's door attended at the venue, whatever
/// they registered for (the registered mode is kept for the record). Counts and the attendance
/// export use this, so an online registrant who came counts among the venue's people.
pub fn attended_mode(
    registered: AttendanceMode,
    checked_in_at_door: bool,
    has_venue: bool,
) -> AttendanceMode {
    if checked_in_at_door && has_venue {
        AttendanceMode::Venue
    } else {
        registered
    }
}

/// One registered person's standing at the door, as the store reads it from the attempts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    pub category: Category,
    /// Where the person sits: the event's mapping of their category, or an operator's move.
    pub zone: SeatZone,
    pub mode: AttendanceMode,
    pub status: AttendeeStatus,
    pub walk_in: bool,
    /// Registered beyond the capacity, without a place yet.
    pub waitlisted: bool,
    /// Passed the door at least once (an entry that stands).
    pub checked_in: bool,
    pub in_room: bool,
}

/// The live counts of one group (a category, a mode, a zone).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupCount {
    pub registered: u32,
    pub checked_in: u32,
    pub in_room: u32,
}

impl GroupCount {
    fn add(&mut self, presence: &Presence) {
        self.registered += u32::from(presence.status == AttendeeStatus::Registered);
        self.checked_in += u32::from(presence.checked_in);
        self.in_room += u32::from(presence.in_room);
    }
}

/// The live counts of one seating zone, with its own capacity when it has one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ZoneCount {
    /// Places in the zone; none when only the venue's capacity limits it.
    pub capacity: Option<u32>,
    pub registered: u32,
    pub checked_in: u32,
    pub in_room: u32,
}

/// The desk's live panel and `tsudoi status`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoorStatus {
    /// Registrations that stand (cancelled ones excluded).
    pub registered: u32,
    /// People who passed the door at least once.
    pub checked_in: u32,
    /// People in the room now: entries minus exits.
    pub in_room: u32,
    pub capacity: u32,
    /// Places left in the room (never below zero, even after an override).
    pub remaining: u32,
    pub nearly_full: bool,
    pub full: bool,
    pub walk_ins: u32,
    /// Registrations waiting for a place (not in `registered`).
    pub waitlisted: u32,
    pub by_category: BTreeMap<String, GroupCount>,
    pub by_mode: BTreeMap<String, GroupCount>,
    pub by_zone: BTreeMap<String, ZoneCount>,
}

impl DoorStatus {
    /// Tallies the people of an event. Cancelled people who never came count nowhere; a cancelled
    /// person let in by an override counts as present.
    pub fn tally(people: &[Presence], capacity: u32, has_venue: bool, plan: &ZonePlan) -> DoorStatus {
        let mut status = DoorStatus {
            capacity,
            ..DoorStatus::default()
        };
        for category in Category::ALL {
            status
                .by_category
                .insert(category.as_str().into(), GroupCount::default());
        }
        for mode in AttendanceMode::ALL {
            status.by_mode.insert(mode.as_str().into(), GroupCount::default());
        }
        for zone in SeatZone::ALL {
            let count = ZoneCount {
                capacity: plan.capacity(*zone),
                ..ZoneCount::default()
            };
            status.by_zone.insert(zone.as_str().into(), count);
        }
        for person in people {
            if person.status == AttendeeStatus::Cancelled && !person.checked_in {
                continue;
            }
            if person.waitlisted && !person.checked_in {
                status.waitlisted += u32::from(person.status == AttendeeStatus::Registered);
                continue;
            }
            status.registered += u32::from(person.status == AttendeeStatus::Registered);
            status.checked_in += u32::from(person.checked_in);
            status.in_room += u32::from(person.in_room);
            status.walk_ins += u32::from(person.walk_in);
            if let Some(group) = status.by_category.get_mut(person.category.as_str()) {
                group.add(person);
            }
            let mode = attended_mode(person.mode, person.checked_in, has_venue);
            if let Some(group) = status.by_mode.get_mut(mode.as_str()) {
                group.add(person);
            }
            if let Some(zone) = status.by_zone.get_mut(person.zone.as_str()) {
                zone.registered += u32::from(person.status == AttendeeStatus::Registered);
                zone.checked_in += u32::from(person.checked_in);
                zone.in_room += u32::from(person.in_room);
            }
        }
        let room = Room {
            in_room: status.in_room,
            capacity,
            has_venue,
            zone: None,
        };
        status.remaining = capacity.saturating_sub(status.in_room);
        status.full = room.is_full();
        status.nearly_full = room.is_nearly_full();
        status
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 25, 4, 20, 0).unwrap()
    }

    fn person() -> PersonAtDoor {
        PersonAtDoor {
            ticket_revoked: false,
            same_event: true,
            status: AttendeeStatus::Registered,
            waitlisted: false,
            in_room: false,
            mode: AttendanceMode::Venue,
        }
    }

    const ROOM: Room = Room {
        in_room: 10,
        capacity: 70,
        has_venue: true,
        zone: None,
    };
    const FULL: Room = Room {
        in_room: 70,
        capacity: 70,
        has_venue: true,
        zone: None,
    };

    /// Why, which way, who, the room, the code's last pass, an override, and what comes of it.
    type Case<'a> = (
        &'a str,
        Direction,
        Subject,
        Room,
        Option<DateTime<Utc>>,
        Option<&'a str>,
        DoorOutcome,
        bool,
    );

    #[test]
    fn the_rules_of_the_door() {
        let in_room = PersonAtDoor {
            in_room: true,
            ..person()
        };
        let cancelled = PersonAtDoor {
            status: AttendeeStatus::Cancelled,
            ..person()
        };
        let revoked = PersonAtDoor {
            ticket_revoked: true,
            ..person()
        };
        let elsewhere = PersonAtDoor {
            same_event: false,
            ..person()
        };
        let online_only = Room {
            in_room: 500,
            capacity: 0,
            has_venue: false,
            zone: None,
        };
        let just_now = Some(now() - Duration::milliseconds(800));
        let a_while_ago = Some(now() - Duration::seconds(30));
        use Direction::{Entry, Exit};
        use DoorOutcome::*;
        #[rustfmt::skip]
        let cases: Vec<Case<'_>> = vec![
            ("a registered person enters", Entry, Subject::Person(person()), ROOM, None, None, Ok, false),
            ("a code that is no code", Entry, Subject::Misread, ROOM, None, None, Misread, false),
            ("a code we never issued", Entry, Subject::UnknownCode, ROOM, None, None, Unknown, false),
            ("a replaced ticket", Entry, Subject::Person(revoked), ROOM, None, None, Revoked, false),
            ("another event's ticket", Entry, Subject::Person(elsewhere), ROOM, None, None, WrongEvent, false),
            ("a cancelled registration", Entry, Subject::Person(cancelled.clone()), ROOM, None, None, Cancelled, false),
            ("a cancelled one let in", Entry, Subject::Person(cancelled), ROOM, None, Some("当日復活"), Ok, true),
            ("already in the room", Entry, Subject::Person(in_room.clone()), ROOM, a_while_ago, None, Duplicate, false),
            ("the scanner reads twice", Entry, Subject::Person(in_room.clone()), ROOM, just_now, None, Repeat, false),
            ("a full room", Entry, Subject::Person(person()), FULL, None, None, Full, false),
            ("a blank reason is no reason", Entry, Subject::Person(person()), FULL, None, Some("  "), Full, false),
            ("a full room, overridden", Entry, Subject::Person(person()), FULL, None, Some("登壇者の同行者"), Ok, true),
            ("someone waiting let in by an operator", Entry, Subject::Person(PersonAtDoor { waitlisted: true, ..person() }), ROOM, None, Some("空席あり"), Ok, true),
            ("online-only events never fill", Entry, Subject::Person(person()), online_only, None, None, Ok, false),
            ("a person leaves", Exit, Subject::Person(in_room), ROOM, a_while_ago, None, Ok, false),
            ("leaving without coming in", Exit, Subject::Person(person()), ROOM, None, None, NotInRoom, false),
            ("leaving a full room is fine", Exit, Subject::Person(PersonAtDoor { in_room: true, ..person() }), FULL, None, None, Ok, false),
        ];
        for (why, direction, subject, room, last_pass_of_code, override_reason, outcome, overridden) in cases
        {
            let attempt = Attempt {
                direction,
                subject: &subject,
                room,
                last_pass_of_code,
                now: now(),
                local_now: local(13, 20),
                waitlist_opens: None,
                override_reason,
            };
            let decision = decide(&attempt);
            assert_eq!(
                (decision.outcome, decision.overridden),
                (outcome, overridden),
                "{why}"
            );
            assert_eq!(decision.notice, None, "{why}");
        }
    }

    fn local(hour: u32, minute: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 7, 25)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .expect("a valid time")
    }

    /// Why, the room, now, the waiting list's time, an override, and what comes of it.
    type WaitingCase<'a> = (
        &'a str,
        Room,
        NaiveDateTime,
        Option<NaiveDateTime>,
        Option<&'a str>,
        DoorOutcome,
        Option<DoorNotice>,
    );

    /// The waiting list at the door: told when to come back before its time; from then on let
    /// in while the room and the zone have places, with a notice; an operator may let in anyone.
    #[test]
    fn the_waiting_list_opens_at_its_time() {
        let waiting = Subject::Person(PersonAtDoor {
            waitlisted: true,
            ..person()
        });
        let zone_full = Room {
            zone: Some(ZoneRoom {
                zone: SeatZone::General,
                in_room: 40,
                capacity: 40,
            }),
            ..ROOM
        };
        let opens = Some(local(13, 0));
        use DoorOutcome::*;
        #[rustfmt::skip]
        let cases: Vec<WaitingCase<'_>> = vec![
            ("a minute before the time", ROOM, local(12, 59), opens, None, Waitlisted, None),
            ("at the time, the room with places", ROOM, local(13, 0), opens, None, Ok, Some(DoorNotice::FromWaitingList)),
            ("after the time, the room full", FULL, local(13, 30), opens, None, Full, None),
            ("after the time, their zone full", zone_full, local(13, 30), opens, None, Full, None),
            ("no time known: only an operator lets them in", ROOM, local(15, 0), None, None, Waitlisted, None),
            ("before the time, an operator's reason", ROOM, local(12, 0), opens, Some("主催者判断"), Ok, None),
        ];
        for (why, room, local_now, waitlist_opens, override_reason, outcome, notice) in cases {
            let decision = decide(&Attempt {
                direction: Direction::Entry,
                subject: &waiting,
                room,
                last_pass_of_code: None,
                now: now(),
                local_now,
                waitlist_opens,
                override_reason,
            });
            assert_eq!((decision.outcome, decision.notice), (outcome, notice), "{why}");
        }
    }

    #[test]
    fn an_online_registrant_at_the_venue_is_told_of_and_counted_there() {
        let online = Subject::Person(PersonAtDoor {
            mode: AttendanceMode::Online,
            ..person()
        });
        let decision = decide(&Attempt {
            direction: Direction::Entry,
            subject: &online,
            room: ROOM,
            last_pass_of_code: None,
            now: now(),
            local_now: local(13, 0),
            waitlist_opens: None,
            override_reason: None,
        });
        assert_eq!(
            (decision.outcome, decision.notice),
            (DoorOutcome::Ok, Some(DoorNotice::OnlineAtVenue))
        );
        assert_eq!(
            attended_mode(AttendanceMode::Online, true, true),
            AttendanceMode::Venue
        );
        assert_eq!(
            attended_mode(AttendanceMode::Online, false, true),
            AttendanceMode::Online
        );
        assert_eq!(
            attended_mode(AttendanceMode::Online, true, false),
            AttendanceMode::Online,
            "an online-only event has no venue to count at"
        );
        let verdict = DoorVerdict::of(
            VerdictFacts {
                outcome: DoorOutcome::Ok,
                notice: decision.notice,
                ..VerdictFacts::default()
            },
            Lang::Ja,
        );
        assert!(verdict.notice.is_some_and(|n| n.contains("会場参加")));
        let told = DoorVerdict::of(
            VerdictFacts {
                outcome: DoorOutcome::Waitlisted,
                waitlist_opens: Some(local(13, 0)),
                ..VerdictFacts::default()
            },
            Lang::Ja,
        );
        assert!(told.detail.is_some_and(|d| d.starts_with("13:00から")));
    }

    #[test]
    fn only_venue_registrations_beyond_capacity_wait() {
        use crate::AttendanceMode::{Online, Venue};
        assert!(!must_wait(Venue, 69, 70, true));
        assert!(must_wait(Venue, 70, 70, true));
        assert!(
            !must_wait(Venue, 79, 80, true),
            "a registration limit above the seats takes more registrations"
        );
        assert!(must_wait(Venue, 80, 80, true));
        assert!(
            !must_wait(Online, 500, 70, true),
            "online attendees never use venue places"
        );
        assert!(
            !must_wait(Venue, 500, 0, false),
            "an online-only event has no places to wait for"
        );
    }

    #[test]
    fn the_room_warns_from_ninety_percent() {
        let at = |in_room| Room {
            in_room,
            capacity: 70,
            has_venue: true,
            zone: None,
        };
        assert!(!at(62).is_nearly_full());
        assert!(at(63).is_nearly_full());
        assert!(!at(69).is_full());
        assert!(at(70).is_full());
    }

    #[test]
    fn counts_keep_stakeholders_apart_and_skip_cancellations() {
        let p = |category: Category, mode, status, checked_in, in_room| Presence {
            category,
            zone: category.default_zone(),
            mode,
            status,
            walk_in: false,
            waitlisted: false,
            checked_in,
            in_room,
        };
        use AttendanceMode::{Online, Venue};
        use AttendeeStatus::{Cancelled, Registered};
        let people = [
            p(Category::Atotsugi, Venue, Registered, true, true),
            p(Category::Atotsugi, Venue, Registered, true, false),
            p(Category::Supporter, Online, Registered, false, false),
            p(Category::Stakeholder, Venue, Registered, true, true),
            p(Category::Senior, Venue, Cancelled, false, false),
        ];
        let status = DoorStatus::tally(&people, 70, true, &ZonePlan::default());
        assert_eq!(
            (
                status.registered,
                status.checked_in,
                status.in_room,
                status.remaining
            ),
            (4, 3, 2, 68)
        );
        assert_eq!(
            status.by_zone["stakeholder"],
            ZoneCount {
                capacity: None,
                registered: 1,
                checked_in: 1,
                in_room: 1
            }
        );
        assert_eq!(
            status.by_zone["general"],
            ZoneCount {
                capacity: None,
                registered: 3,
                checked_in: 2,
                in_room: 1
            }
        );
        assert_eq!(
            status.by_category["senior"],
            GroupCount::default(),
            "a cancellation counts nowhere"
        );
        assert_eq!(status.by_mode["online"].registered, 1);
        assert!(!status.full && !status.nearly_full);
    }
}

#[cfg(test)]
mod zone_tests {
    use super::*;

    #[test]
    fn a_full_zone_refuses_even_when_the_room_has_places() {
        let general_full = Room {
            in_room: 30,
            capacity: 70,
            has_venue: true,
            zone: Some(ZoneRoom {
                zone: SeatZone::General,
                in_room: 20,
                capacity: 20,
            }),
        };
        assert!(general_full.is_full() && general_full.zone_is_full() && !general_full.venue_is_full());
        let online_only = Room {
            has_venue: false,
            ..general_full
        };
        assert!(
            !online_only.is_full(),
            "an online-only event has no seats to fill"
        );
    }

    #[test]
    fn the_plan_maps_categories_and_honours_moves() {
        let plan = ZonePlan {
            zones: vec![ZoneSetting {
                zone: SeatZone::Stakeholder,
                capacity: Some(12),
            }],
            mapping: vec![ZoneMapping {
                category: Category::Supporter,
                zone: SeatZone::Stakeholder,
            }],
        }
        .normalized();
        assert_eq!(plan.zones.len(), SeatZone::ALL.len(), "every zone is in the plan");
        assert_eq!(
            plan.mapping.len(),
            Category::ALL.len(),
            "every category is in the plan"
        );
        assert_eq!(plan.capacity(SeatZone::Stakeholder), Some(12));
        assert_eq!(plan.capacity(SeatZone::General), None);
        assert_eq!(
            plan.zone_of(Category::Supporter, None),
            SeatZone::Stakeholder,
            "the event's mapping"
        );
        assert_eq!(
            plan.zone_of(Category::Atotsugi, None),
            SeatZone::General,
            "the default mapping"
        );
        assert_eq!(
            plan.zone_of(Category::Stakeholder, Some(SeatZone::General)),
            SeatZone::General,
            "a move wins"
        );
    }
}

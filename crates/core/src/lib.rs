//! Tsudoi's domain: events, attendees and the rules that keep them valid.
//!
//! Architecture invariant: nothing in this crate reads the clock, touches a file, or knows SQL or
//! Tauri. Time and generated values come in as arguments, so every rule is tested the same way
//! every run; `store` persists what this crate validates, and the CLI and the desktop shell only
//! translate between people and these types.

// Store and core return errors; a panic at the venue desk would lose the queue.
#![deny(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod choice;

pub mod agenda;
pub mod attendance;
pub mod attendee;
pub mod demo;
pub mod document;
pub mod door;
pub mod error;
pub mod event;
pub mod handler;
pub mod hearing;
pub mod i18n;
pub mod incident;
pub mod limits;
pub mod mail;
pub mod money;
pub mod privacy;
pub mod registration;
pub mod report;
pub mod roster;
pub mod seating;
pub mod security;
pub mod survey;
pub mod text;
pub mod ticket;
mod time_format;

pub use attendee::{
    AttendanceMode, Attendee, AttendeeDraft, AttendeeId, AttendeeStatus, Category, DuplicateReason,
    PresenceFilter, RegistrationSource,
};
pub use document::{BureauDocument, Disclosure};
pub use door::{
    Direction, DoorMethod, DoorNotice, DoorOutcome, DoorStatus, DoorVerdict, GroupCount, OutcomeKind,
    SeatZone, ZoneCount, ZoneMapping, ZonePlan, ZoneSetting,
};
pub use error::{Localized, ValidationError};
pub use event::{Event, EventDraft, EventForm, EventFormat, EventId, DEFAULT_CAPACITY};
pub use i18n::Lang;
pub use seating::{SeatBlock, SeatPlan};
pub use ticket::{TicketToken, TokenError};

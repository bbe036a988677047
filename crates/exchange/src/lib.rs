//! Files in and out. In: registration exports (Microsoft and Google Forms, Peatix, sheets kept by
//! hand) and the attendance reports of Teams and Zoom. Out: the attendance file for the bureau.
//!
//! Real office files arrive in many shapes: UTF-8 with or without a byte-order mark, CP932 from
//! Excel on a Japanese PC, UTF-16 from Teams; commas or tabs; title lines above the header; a
//! summary block before the list. This crate turns the bytes into rows and the rows into
//! [`tsudoi_core::registration::IncomingRegistration`]s or [`online::OnlineParticipant`]s, and
//! refuses what it cannot read with a message that says what to do. The use-case layer
//! (`tsudoi-app`) reads the file, has the store apply what was read in one transaction, and logs.
//!
//! Architecture invariants: reading and writing are pure (bytes in, rows out; rows in, bytes out),
//! so the same file gives the same rows every time and a dry run shows exactly what an import
//! will do. This crate never touches the disk or the store.

#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod budget;
mod decode;
mod error;
pub mod export;
pub mod handler_roster;
pub mod mapping;
pub mod online;
pub mod payments;
pub mod photos;
pub mod registrations;
pub mod security;
mod sheet;
pub mod survey;
mod when;

pub use decode::{decode_text, TextEncoding};
pub use error::ImportError;
pub use mapping::{ColumnMapping, Field};
pub use online::{read_online_report, OnlineReport};
pub use registrations::{
    read_registrations, CategoryChoices, ReadOptions, RegistrationFile, UnmatchedCategory,
};
pub use sheet::{FileFormat, Sheet, SheetRow};

pub type Result<T, E = ImportError> = std::result::Result<T, E>;

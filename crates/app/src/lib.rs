//! Tsudoi's use cases: one function per thing a person does, grouped by area, each taking one
//! context ([`Ctx`]: the open database, the language, who is acting, the clock). The window's
//! commands (`src-tauri`) and the CLI's (`crates/cli`) are thin adapters over these functions, so
//! both doors do the same thing, say the same words and log the same way.
//!
//! Architecture invariants:
//! - The doors reach the store only through this crate: they hold a [`Database`], never a
//!   `Store`, and call the functions of the area modules.
//! - Every operation on personal data (an import, an export of any kind, a deletion) goes through
//!   [`audit`]: it writes the privacy-log line with the operator, and an export whose line cannot
//!   be written is removed again, the same way everywhere.
//! - The step "read a file → apply in one transaction → log" lives here; `tsudoi-exchange` and
//!   `tsudoi-report` stay pure (bytes in, rows or bytes out).
//! - Rules are core's: the doors are told results (passed or not, whether an override is
//!   possible, which agenda item is running), never compute them.

#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod about;
pub mod agenda;
pub mod attendees;
pub mod audit;
pub mod backup_schedule;
pub mod budget;
pub mod desk;
pub mod erasure;
mod error;
pub mod events;
pub mod exchange;
pub mod handlers;
pub mod incidents;
pub mod keychain;
pub mod mail;
pub mod output;
pub mod payments;
pub mod photos;
pub mod printouts;
pub mod privacy;
pub mod report;
pub mod seating;
pub mod security;
pub mod settings;
pub mod vault;

/// How much of an existing database file is checked when it is opened.
pub use tsudoi_store::OpenCheck;
pub mod survey;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use tsudoi_core::Lang;
use tsudoi_store::Store;

pub use error::AppError;

/// The types the doors show or send: re-exported so that a door depends on this crate and core
/// only, never on the store.
pub mod types {
    pub use tsudoi_exchange::export::{CsvEncoding, UnencodableChar};
    pub use tsudoi_exchange::{
        CategoryChoices, ColumnMapping, Field, FileFormat, TextEncoding, UnmatchedCategory,
    };
    pub use tsudoi_report::agenda::Disclosure;
    pub use tsudoi_store::AuditChainReport;
    pub use tsudoi_store::{
        AttendeeQuery, AttendeeUpdate, AuditEntry, DemoReport, DeskSettings, DoorAttempt, DoorResult,
        EventCounts, ExternalService, Handler, ItemMinutes, ListedAttendee, MatchedParticipant,
        OnlineAttendanceImport, PassRecord, PhotoChange, PhotoDeletion, PossibleDuplicate,
        RegistrationImport, UnmatchedParticipant, ZoneMove, APP_VERSION, DB_ENV_VAR,
        DEFAULT_IDLE_LOCK_SECONDS, SCHEMA_VERSION,
    };
    pub use tsudoi_store::{BackupSchedule, ScheduledBackupOutcome};
    pub use tsudoi_store::{Hearing, StoredQuestionnaire};
    pub use tsudoi_store::{Incident, IncidentChange};
    pub use tsudoi_store::{Mailing, OutboxCounts, OutboxEntry};
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// An open Tsudoi database. The doors hold one and hand it to [`Ctx::new`]; only this crate
/// reads or writes through it.
pub struct Database {
    store: Store,
}

impl Database {
    /// Opens (or creates) the database at `path`: the file is checked whole (`quick_check`)
    /// before anything is written, and the schema brought up to date.
    pub fn open(path: &Path) -> Result<Database> {
        Ok(Database {
            store: Store::open(path)?,
        })
    }

    /// Opens the database for one short command (the CLI): the header and the schema are
    /// checked, not every page, so a check-in on a large file stays fast. A file that must be
    /// migrated is checked in full all the same.
    pub fn open_for_one_command(path: &Path) -> Result<Database> {
        Ok(Database {
            store: Store::open_with(path, tsudoi_store::OpenCheck::Quick)?,
        })
    }

    /// The file this database lives in.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The language saved in this database's settings.
    pub fn language(&self) -> Result<Lang> {
        Ok(self.store.language()?)
    }

    /// The default database file of this user (the app's data folder), if the system has one.
    pub fn default_path() -> Option<PathBuf> {
        tsudoi_store::default_db_path()
    }
}

/// The time of an action: one instant for everything it does, and the local offset used to
/// show times and to date photos taken without a time of their own.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    now: DateTime<Utc>,
    offset: FixedOffset,
}

impl Clock {
    /// This computer's clock and time zone, read once.
    pub fn system() -> Clock {
        let local = chrono::Local::now();
        Clock {
            now: local.with_timezone(&Utc),
            offset: *local.offset(),
        }
    }

    /// A given instant (tests, benchmarks).
    pub fn fixed(now: DateTime<Utc>, offset: FixedOffset) -> Clock {
        Clock { now, offset }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn offset(&self) -> FixedOffset {
        self.offset
    }

    /// Now on the local wall clock (the venue's time).
    pub fn local_now(&self) -> NaiveDateTime {
        self.now.with_timezone(&self.offset).naive_local()
    }
}

/// Who is acting: the name the privacy log and the desk's log record, and their role when they
/// signed in as a person on the roster (none: a name typed at the desk or on the command line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub name: String,
    pub role: Option<tsudoi_core::handler::HandlerRole>,
}

/// Everything a use case needs: the database, the person's language, who acts, and when.
pub struct Ctx<'d> {
    pub(crate) store: &'d mut Store,
    pub lang: Lang,
    pub operator: Operator,
    pub clock: Clock,
}

impl<'d> Ctx<'d> {
    /// A context for one action. The operator is the one set for this computer (the desk's
    /// operator), else the system's user name; [`Ctx::acting_as`] names another.
    pub fn new(db: &'d mut Database, lang: Lang, clock: Clock) -> Ctx<'d> {
        let operator = Operator {
            name: settings::operator_name(&db.store),
            role: None,
        };
        Ctx {
            store: &mut db.store,
            lang,
            operator,
            clock,
        }
    }

    /// The same context with a person who signed in (their PIN checked) acting.
    pub fn signed_in(mut self, person: Option<&handlers::SignedIn>) -> Ctx<'d> {
        if let Some(person) = person {
            self.operator = Operator {
                name: person.name.clone(),
                role: Some(person.role),
            };
        }
        self
    }

    /// Refuses what the acting person's role may not do, saying who may. A database with no
    /// roster yet (the demo, a fresh file) works as before the roster, until its first handler.
    pub fn require(&self, permission: tsudoi_core::handler::Permission) -> Result<()> {
        if self.store.n_handlers()? == 0 {
            return Ok(());
        }
        match self.operator.role {
            Some(role) if role.may(permission) => Ok(()),
            role => Err(AppError::NotPermitted { permission, role }),
        }
    }

    /// The same context with another person acting (`--operator` on the command line).
    pub fn acting_as(mut self, name: Option<&str>) -> Ctx<'d> {
        self.act_as(name);
        self
    }

    /// Another person acts from now on; an empty or missing name changes nothing.
    pub fn act_as(&mut self, name: Option<&str>) {
        if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
            self.operator = Operator {
                name: name.to_string(),
                role: None,
            };
        }
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

//! What crosses the IPC line besides core's own types. TypeScript declarations for all of them
//! are generated into `ui/src/bindings.ts` (see `bindings.rs`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use tsudoi_core::{AttendeeId, Direction, DoorMethod, Event, Lang};
use tsudoi_store::EventCounts;

/// Every failed command returns this: the UI switches on `code`, and shows `message`, which
/// says what happened and what to do in the person's language.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

/// What the window needs to know before it shows anything.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    pub db_path: String,
    pub app_version: String,
    pub language: Lang,
    /// No event yet: the window offers the demo.
    pub is_empty: bool,
    /// The database could not be opened; the window shows this instead of the app.
    pub error: Option<ApiError>,
}

/// An event with its registration counts, for the event list.
#[derive(Debug, Clone, Serialize, TS)]
pub struct EventSummary {
    pub event: Event,
    pub counts: EventCounts,
}

/// At most this many people answer a name search at the desk.
pub const DESK_SEARCH_LIMIT: u32 = 8;

/// One attempt at the door as the desk sends it; the desk's name and operator are added from
/// the settings.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct DoorInput {
    pub direction: Direction,
    pub method: DoorMethod,
    pub code: Option<String>,
    pub attendee_id: Option<AttendeeId>,
    pub override_reason: Option<String>,
}

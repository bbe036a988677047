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
    /// A seat chosen at the desk (the event's seat plan); none: the next free one.
    #[serde(default)]
    #[ts(optional)]
    pub seat: Option<String>,
}

/// The seat plan as the window edits it: each zone's rows or tables as text (`A:10, B:10`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct SeatPlanForm {
    pub general: String,
    pub stakeholder: String,
    /// Seats in each zone (read-only).
    #[serde(default)]
    pub n_general: u32,
    #[serde(default)]
    pub n_stakeholder: u32,
}

impl SeatPlanForm {
    pub fn of(plan: &tsudoi_core::SeatPlan) -> SeatPlanForm {
        use tsudoi_core::SeatZone;
        SeatPlanForm {
            general: plan.blocks_text(SeatZone::General),
            stakeholder: plan.blocks_text(SeatZone::Stakeholder),
            n_general: plan.seats(SeatZone::General).count() as u32,
            n_stakeholder: plan.seats(SeatZone::Stakeholder).count() as u32,
        }
    }

    pub fn into_plan(self) -> Result<tsudoi_core::SeatPlan, tsudoi_core::ValidationError> {
        use tsudoi_core::{SeatPlan, SeatZone};
        let mut blocks = SeatPlan::parse_blocks(SeatZone::Stakeholder, &self.stakeholder)?;
        blocks.extend(SeatPlan::parse_blocks(SeatZone::General, &self.general)?);
        SeatPlan { blocks }.normalized()
    }
}

/// The programme and what about its timing deserves a look.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AgendaView {
    pub items: Vec<tsudoi_core::agenda::AgendaItem>,
    pub issues: Vec<tsudoi_core::agenda::ScheduleIssue>,
}

/// A photo with its thumbnail as a `data:` URL (the window loads nothing from disk itself).
#[derive(Debug, Clone, Serialize, TS)]
pub struct PhotoView {
    pub photo: tsudoi_core::agenda::Photo,
    pub thumbnail: String,
}

/// One file of several added: the photo, or why it was refused.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PhotoAddResult {
    pub file: String,
    pub added: Option<PhotoView>,
    /// False when the same photo was already there.
    pub new: bool,
    pub error: Option<ApiError>,
}

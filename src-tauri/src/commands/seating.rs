//! Zones, the seat plan and the seat chart.

use std::path::Path;

use tauri::State;
use tsudoi_app::output::Replace;
use tsudoi_app::seating::{self, SeatChartExport, SeatPlanForm};
use tsudoi_core::{Attendee, AttendeeId, EventId, SeatZone, ZonePlan};

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn zone_plan(state: State<'_, AppState>, event_id: EventId) -> Reply<ZonePlan> {
    state.run(|ctx| seating::zone_plan(ctx, event_id))
}

#[tauri::command]
pub fn set_zone_plan(state: State<'_, AppState>, event_id: EventId, plan: ZonePlan) -> Reply<ZonePlan> {
    state.run(|ctx| seating::set_zone_plan(ctx, event_id, plan))
}

/// Moves a person to another zone (`None`: back to their category's), with a written reason.
#[tauri::command]
pub fn move_to_zone(
    state: State<'_, AppState>,
    attendee_id: AttendeeId,
    zone: Option<SeatZone>,
    reason: String,
) -> Reply<Attendee> {
    state.run(|ctx| seating::move_to_zone(ctx, attendee_id, zone, &reason))
}

#[tauri::command]
pub fn seat_plan(state: State<'_, AppState>, event_id: EventId) -> Reply<SeatPlanForm> {
    state.run(|ctx| seating::seat_plan(ctx, event_id))
}

#[tauri::command]
pub fn set_seat_plan(
    state: State<'_, AppState>,
    event_id: EventId,
    form: SeatPlanForm,
) -> Reply<SeatPlanForm> {
    state.run(|ctx| seating::set_seat_plan(ctx, event_id, Some(&form.general), Some(&form.stakeholder)))
}

/// Gives a person the seat chosen at the desk (`None`: the next free one).
#[tauri::command]
pub fn assign_seat(
    state: State<'_, AppState>,
    attendee_id: AttendeeId,
    seat: Option<String>,
) -> Reply<Option<String>> {
    state.run(|ctx| seating::assign_seat(ctx, attendee_id, seat.as_deref()))
}

/// Writes the printable seat chart (PDF, 非公表用); logged.
#[tauri::command]
pub fn export_seat_chart(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    replace: bool,
) -> Reply<SeatChartExport> {
    state.run(|ctx| seating::export_seat_chart(ctx, event_id, Path::new(path.trim()), Replace(replace)))
}

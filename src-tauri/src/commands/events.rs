//! Events and the demo.

use tauri::State;
use tsudoi_app::events::{self, EventSummary};
use tsudoi_app::types::DemoReport;
use tsudoi_core::{Event, EventForm, EventId};

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn load_demo(state: State<'_, AppState>) -> Reply<DemoReport> {
    state.run(events::load_demo)
}

#[tauri::command]
pub fn list_events(state: State<'_, AppState>) -> Reply<Vec<EventSummary>> {
    state.run(|ctx| events::list(ctx))
}

#[tauri::command]
pub fn create_event(state: State<'_, AppState>, form: EventForm) -> Reply<Event> {
    state.run(|ctx| events::create(ctx, form.into_draft()?))
}

#[tauri::command]
pub fn update_event(state: State<'_, AppState>, id: EventId, form: EventForm) -> Reply<Event> {
    state.run(|ctx| events::update(ctx, id, form.into_draft()?))
}

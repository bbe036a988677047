//! The commands the window calls: each takes the state and a DTO and calls one store function.

use chrono::Utc;
use tauri::State;
use tsudoi_core::{Attendee, AttendeeDraft, AttendeeId, Event, EventForm, EventId, Lang};
use tsudoi_store::{AttendeeQuery, DemoReport};

use crate::dto::{ApiError, AppStatus, EventSummary};
use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    let is_empty = state.with_store(|store| store.is_empty()).unwrap_or(false);
    AppStatus {
        db_path: state
            .db_path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        app_version: tsudoi_store::APP_VERSION.to_string(),
        language: state.lang(),
        is_empty,
        error: state.open_error(),
    }
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: Lang) -> Reply<Lang> {
    state.with_store(|store| store.set_language(language))?;
    state.remember_lang(language);
    Ok(language)
}

#[tauri::command]
pub fn load_demo(state: State<'_, AppState>) -> Reply<DemoReport> {
    state.with_store(|store| store.load_demo(Utc::now()))
}

#[tauri::command]
pub fn list_events(state: State<'_, AppState>) -> Reply<Vec<EventSummary>> {
    state.with_store(|store| {
        let events = store.events()?;
        events
            .into_iter()
            .map(|event| {
                Ok(EventSummary {
                    counts: store.event_counts(event.id)?,
                    event,
                })
            })
            .collect()
    })
}

#[tauri::command]
pub fn get_event(state: State<'_, AppState>, id: EventId) -> Reply<EventSummary> {
    state.with_store(|store| {
        Ok(EventSummary {
            event: store.event(id)?,
            counts: store.event_counts(id)?,
        })
    })
}

#[tauri::command]
pub fn create_event(state: State<'_, AppState>, form: EventForm) -> Reply<Event> {
    state.with_store(|store| store.create_event(form.into_draft()?, Utc::now()))
}

#[tauri::command]
pub fn update_event(state: State<'_, AppState>, id: EventId, form: EventForm) -> Reply<Event> {
    state.with_store(|store| store.update_event(id, form.into_draft()?, Utc::now()))
}

#[tauri::command]
pub fn list_attendees(
    state: State<'_, AppState>,
    event_id: EventId,
    search: Option<String>,
) -> Reply<Vec<Attendee>> {
    state.with_store(|store| store.attendees(event_id, &AttendeeQuery { search }))
}

#[tauri::command]
pub fn create_attendee(
    state: State<'_, AppState>,
    event_id: EventId,
    draft: AttendeeDraft,
) -> Reply<Attendee> {
    state.with_store(|store| store.add_attendee(event_id, draft, Utc::now()))
}

#[tauri::command]
pub fn update_attendee(state: State<'_, AppState>, id: AttendeeId, draft: AttendeeDraft) -> Reply<Attendee> {
    state.with_store(|store| store.update_attendee(id, draft, Utc::now()))
}

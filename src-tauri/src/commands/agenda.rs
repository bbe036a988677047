//! The programme, speakers and minutes.

use std::path::Path;

use tauri::State;
use tsudoi_app::agenda::{self, AgendaExport, AgendaView, MinutesExport};
use tsudoi_app::output::Replace;
use tsudoi_app::types::{Disclosure, ItemMinutes};
use tsudoi_core::agenda::{
    AgendaItemDraft, AgendaItemId, MinutesField, MinutesNote, NoteId, Speaker, SpeakerDraft, SpeakerId,
};
use tsudoi_core::EventId;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn list_speakers(state: State<'_, AppState>) -> Reply<Vec<Speaker>> {
    state.run(|ctx| agenda::speakers(ctx))
}

#[tauri::command]
pub fn create_speaker(state: State<'_, AppState>, draft: SpeakerDraft) -> Reply<Speaker> {
    state.run(|ctx| agenda::add_speaker(ctx, draft))
}

#[tauri::command]
pub fn update_speaker(state: State<'_, AppState>, id: SpeakerId, draft: SpeakerDraft) -> Reply<Speaker> {
    state.run(|ctx| agenda::update_speaker(ctx, id, draft))
}

#[tauri::command]
pub fn agenda(state: State<'_, AppState>, event_id: EventId) -> Reply<AgendaView> {
    state.run(|ctx| agenda::view(ctx, event_id))
}

/// The item running now (the same rule that attaches photos to items).
#[tauri::command]
pub fn running_agenda_item(state: State<'_, AppState>, event_id: EventId) -> Reply<Option<AgendaItemId>> {
    state.run(|ctx| agenda::running_item(ctx, event_id))
}

#[tauri::command]
pub fn create_agenda_item(
    state: State<'_, AppState>,
    event_id: EventId,
    draft: AgendaItemDraft,
) -> Reply<AgendaView> {
    state.run(|ctx| {
        agenda::add_item(ctx, event_id, draft)?;
        agenda::view(ctx, event_id)
    })
}

#[tauri::command]
pub fn update_agenda_item(
    state: State<'_, AppState>,
    id: AgendaItemId,
    draft: AgendaItemDraft,
) -> Reply<AgendaView> {
    state.run(|ctx| {
        let item = agenda::update_item(ctx, id, draft)?;
        agenda::view(ctx, item.event_id)
    })
}

/// Moves an item to a place in the programme (from 0) and re-times the programme.
#[tauri::command]
pub fn move_agenda_item(state: State<'_, AppState>, id: AgendaItemId, to: u32) -> Reply<AgendaView> {
    state.run(|ctx| agenda::move_item(ctx, id, to))
}

#[tauri::command]
pub fn delete_agenda_item(state: State<'_, AppState>, id: AgendaItemId) -> Reply<AgendaView> {
    state.run(|ctx| agenda::delete_item(ctx, id))
}

#[tauri::command]
pub fn export_agenda(
    state: State<'_, AppState>,
    event_id: EventId,
    dir: String,
    public: bool,
    replace: bool,
) -> Reply<AgendaExport> {
    state.run(|ctx| {
        agenda::export_agenda(
            ctx,
            event_id,
            Path::new(dir.trim()),
            Disclosure::from_public(public),
            Replace(replace),
        )
    })
}

#[tauri::command]
pub fn export_minutes(
    state: State<'_, AppState>,
    event_id: EventId,
    dir: String,
    public: bool,
    replace: bool,
) -> Reply<MinutesExport> {
    state.run(|ctx| {
        agenda::export_minutes(
            ctx,
            event_id,
            Path::new(dir.trim()),
            Disclosure::from_public(public),
            Replace(replace),
        )
    })
}

#[tauri::command]
pub fn minutes(state: State<'_, AppState>, event_id: EventId) -> Reply<Vec<ItemMinutes>> {
    state.run(|ctx| agenda::minutes(ctx, event_id))
}

/// Saves a text of an item's minutes as typed so far (the window calls it while typing).
#[tauri::command]
pub fn save_minutes_text(
    state: State<'_, AppState>,
    item: AgendaItemId,
    field: MinutesField,
    text: String,
) -> Reply<()> {
    state.run(|ctx| agenda::save_minutes_text(ctx, item, field, &text))
}

/// Saves a running note as typed so far; a new note when `note` is none.
#[tauri::command]
pub fn save_note(
    state: State<'_, AppState>,
    item: AgendaItemId,
    note: Option<NoteId>,
    text: String,
) -> Reply<Option<MinutesNote>> {
    state.run(|ctx| agenda::save_note(ctx, item, note, &text))
}

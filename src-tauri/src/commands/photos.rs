//! Photos: added, changed, deleted (logged).

use tauri::State;
use tsudoi_app::photos::{self, PhotoAddResult, PhotoView};
use tsudoi_app::types::{PhotoChange, PhotoDeletion};
use tsudoi_core::agenda::PhotoId;
use tsudoi_core::EventId;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn photos(state: State<'_, AppState>, event_id: EventId) -> Reply<Vec<PhotoView>> {
    state.run(|ctx| photos::list(ctx, event_id))
}

/// Adds photo files (picked or dropped); each is checked on its own, a broken one refused.
#[tauri::command]
pub fn add_photos(
    state: State<'_, AppState>,
    event_id: EventId,
    paths: Vec<String>,
) -> Reply<Vec<PhotoAddResult>> {
    state.run(|ctx| Ok(photos::add_files(ctx, event_id, &paths)))
}

/// Adds a photo taken with the webcam (JPEG bytes).
#[tauri::command]
pub fn add_photo_bytes(
    state: State<'_, AppState>,
    event_id: EventId,
    bytes: Vec<u8>,
    name: String,
) -> Reply<PhotoView> {
    state.run(|ctx| photos::add_webcam_frame(ctx, event_id, &bytes, &name))
}

#[tauri::command]
pub fn update_photo(state: State<'_, AppState>, id: PhotoId, change: PhotoChange) -> Reply<PhotoView> {
    state.run(|ctx| photos::update(ctx, id, &change))
}

#[tauri::command]
pub fn delete_photo(state: State<'_, AppState>, id: PhotoId) -> Reply<PhotoDeletion> {
    state.run(|ctx| photos::delete(ctx, id))
}

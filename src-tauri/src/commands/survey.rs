//! The survey (アンケート) at this window: the results, a Forms import with its preview, the
//! paper entry, and the kiosk's answers.

use std::path::Path;

use tauri::State;
use tsudoi_app::survey::{self, PaperEntry, SurveyImport, SurveyImportOptions, SurveyOverview};
use tsudoi_app::types::StoredQuestionnaire;
use tsudoi_core::survey::Response;
use tsudoi_core::{AttendanceMode, Category, EventId};

use super::Reply;
use crate::state::AppState;

/// The event's current questionnaire, if it has one.
#[tauri::command]
pub fn survey_questionnaire(
    state: State<'_, AppState>,
    event_id: EventId,
) -> Reply<Option<StoredQuestionnaire>> {
    state.run(|ctx| survey::questionnaire(ctx, event_id))
}

/// The results: counts, means, free texts, the response rate, the cross-tabulations.
#[tauri::command]
pub fn survey_results(state: State<'_, AppState>, event_id: EventId) -> Reply<SurveyOverview> {
    state.run(|ctx| survey::results(ctx, event_id))
}

/// What importing a Forms answers export would do (the guessed kinds first); nothing is saved.
#[tauri::command]
pub fn preview_survey_import(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    options: SurveyImportOptions,
) -> Reply<SurveyImport> {
    let options = SurveyImportOptions {
        dry_run: true,
        ..options
    };
    state.run(|ctx| survey::import_answers(ctx, event_id, Path::new(path.trim()), &options))
}

/// Imports a Forms answers export with the kinds the person confirmed.
#[tauri::command]
pub fn import_survey(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    options: SurveyImportOptions,
) -> Reply<SurveyImport> {
    let options = SurveyImportOptions {
        dry_run: false,
        ..options
    };
    state.run(|ctx| survey::import_answers(ctx, event_id, Path::new(path.trim()), &options))
}

/// Enters one paper sheet as typed (choices by their number keys).
#[tauri::command]
pub fn enter_paper_sheet(
    state: State<'_, AppState>,
    event_id: EventId,
    sheet: Option<u32>,
    category: Option<Category>,
    mode: Option<AttendanceMode>,
    cells: Vec<String>,
) -> Reply<PaperEntry> {
    state.run(|ctx| survey::enter_typed_sheet(ctx, event_id, sheet, category, mode, &cells))
}

/// Keeps one answer given at the kiosk; answers how many the event has.
#[tauri::command]
pub fn kiosk_answer(state: State<'_, AppState>, event_id: EventId, response: Response) -> Reply<u32> {
    state.run(|ctx| survey::kiosk_answer(ctx, event_id, response))
}

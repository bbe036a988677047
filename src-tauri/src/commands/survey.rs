//! The survey (アンケート) at this window: the results, a Forms import with its preview, the
//! paper entry, and the kiosk's answers.

use std::path::Path;

use tauri::State;
use tsudoi_app::survey::{self, KioskVisitor, PaperEntry, SurveyImport, SurveyImportOptions, SurveyOverview};
use tsudoi_app::types::StoredQuestionnaire;
use tsudoi_core::survey::{Question, Questionnaire, Response};
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

/// Keeps one answer given at the kiosk (with the ticket scanned first, if any); answers how many
/// the event has.
#[tauri::command]
pub fn kiosk_answer(
    state: State<'_, AppState>,
    event_id: EventId,
    response: Response,
    ticket: Option<String>,
) -> Reply<u32> {
    state.run(|ctx| survey::kiosk_answer(ctx, event_id, response, ticket.as_deref()))
}

/// Reads a ticket scanned at the kiosk: its person's category and way of attending, never a name.
#[tauri::command]
pub fn kiosk_ticket(state: State<'_, AppState>, event_id: EventId, ticket: String) -> Reply<KioskVisitor> {
    state.run(|ctx| survey::kiosk_ticket(ctx, event_id, &ticket))
}

/// The built-in questionnaire, to start the questions from.
#[tauri::command]
pub fn survey_standard_questions() -> Reply<Questionnaire> {
    Ok(survey::standard_questionnaire())
}

/// Keeps the event's own questions; once answered, they become the next version.
#[tauri::command]
pub fn save_questionnaire(
    state: State<'_, AppState>,
    event_id: EventId,
    questions: Vec<Question>,
) -> Reply<StoredQuestionnaire> {
    state.run(|ctx| {
        survey::save_questionnaire(
            ctx,
            event_id,
            Questionnaire {
                version: 0,
                questions,
            },
        )
    })
}

/// Keeps the questions both gatherings share; once answered, they become the next version.
#[tauri::command]
pub fn save_shared_questionnaire(
    state: State<'_, AppState>,
    questions: Vec<Question>,
) -> Reply<StoredQuestionnaire> {
    state.run(|ctx| {
        survey::save_shared_questionnaire(
            ctx,
            Questionnaire {
                version: 0,
                questions,
            },
        )
    })
}

/// The shared questionnaire's results over both gatherings together.
#[tauri::command]
pub fn survey_results_together(state: State<'_, AppState>) -> Reply<SurveyOverview> {
    state.run(|ctx| survey::results_together(ctx))
}

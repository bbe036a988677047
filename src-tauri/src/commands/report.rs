//! The project report (事業報告書): its texts, the checks, the flagged passages, the export.

use std::path::Path;

use tauri::State;
use tsudoi_app::output::Replace;
use tsudoi_app::report::{self, FlagDecision, ReportExport, ReportFormat, ReportTexts};
use tsudoi_core::report::{FlagSource, FlaggedPassage, ReportSection};
use tsudoi_core::Disclosure;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn report_texts(state: State<'_, AppState>) -> Reply<ReportTexts> {
    state.run(|ctx| report::texts(ctx))
}

/// Saves an organizer's text as typed so far (autosave).
#[tauri::command]
pub fn save_report_text(state: State<'_, AppState>, section: ReportSection, text: String) -> Reply<()> {
    state.run(|ctx| report::save_text(ctx, section, &text))
}

#[tauri::command]
pub fn report_flags(state: State<'_, AppState>) -> Reply<Vec<FlaggedPassage>> {
    state.run(|ctx| report::flags(ctx))
}

#[tauri::command]
pub fn resolve_report_flag(
    state: State<'_, AppState>,
    source: FlagSource,
    passage: String,
    decision: FlagDecision,
) -> Reply<Vec<FlaggedPassage>> {
    state.run(|ctx| report::resolve_flag(ctx, &source, &passage, decision))
}

/// What the checks say before an export of both editions, in the reader's language.
#[tauri::command]
pub fn report_check(state: State<'_, AppState>) -> Reply<Vec<String>> {
    state.run(|ctx| {
        let mut messages = Vec::new();
        for edition in [Disclosure::Public, Disclosure::Internal] {
            for issue in report::check(ctx, edition)? {
                let message = issue.message(ctx.lang);
                if !messages.contains(&message) {
                    messages.push(message);
                }
            }
        }
        Ok(messages)
    })
}

#[tauri::command]
pub fn export_report(
    state: State<'_, AppState>,
    dir: String,
    editions: Vec<Disclosure>,
    formats: Vec<ReportFormat>,
    replace: bool,
) -> Reply<ReportExport> {
    state.run(|ctx| report::export(ctx, Path::new(dir.trim()), &editions, &formats, Replace(replace)))
}

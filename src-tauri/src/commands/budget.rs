//! The budget and the expense ledger (予算・経費) at this window.

use std::path::Path;

use tauri::State;
use tsudoi_app::budget::{
    self, BudgetExport, BudgetView, CorrectionEntry, ExpenseEntry, LedgerLine, PlanEntry, ProjectSettings,
    ProjectView, RefundEntry, StaffSheet, StaffTimeEntry, StaffTimeLine, SubcontractEntry, SubcontractLine,
};
use tsudoi_app::output::Replace;

use super::Reply;
use crate::state::AppState;

/// The budget: plan and actuals by category, by gathering, the warnings.
#[tauri::command]
pub fn budget_show(state: State<'_, AppState>) -> Reply<BudgetView> {
    state.run(|ctx| budget::show(ctx))
}

/// Sets the contract's terms that are given.
#[tauri::command]
pub fn set_project(state: State<'_, AppState>, settings: ProjectSettings) -> Reply<ProjectView> {
    state.run(|ctx| budget::set_project(ctx, &settings))
}

/// Replaces the plan by category.
#[tauri::command]
pub fn set_budget_plan(state: State<'_, AppState>, entries: Vec<PlanEntry>) -> Reply<BudgetView> {
    state.run(|ctx| {
        budget::set_plan(ctx, &entries)?;
        budget::show(ctx)
    })
}

/// Every ledger line, corrections and refunds included.
#[tauri::command]
pub fn list_expenses(state: State<'_, AppState>) -> Reply<Vec<LedgerLine>> {
    state.run(|ctx| budget::expenses(ctx))
}

/// Books an expense with its receipt files.
#[tauri::command]
pub fn add_expense(state: State<'_, AppState>, entry: ExpenseEntry) -> Reply<Vec<LedgerLine>> {
    state.run(|ctx| budget::add_expense(ctx, &entry))
}

/// Books a refund against a line.
#[tauri::command]
pub fn refund_expense(state: State<'_, AppState>, entry: RefundEntry) -> Reply<Vec<LedgerLine>> {
    state.run(|ctx| budget::refund(ctx, &entry))
}

/// Reverses a line and books its replacement.
#[tauri::command]
pub fn correct_expense(state: State<'_, AppState>, entry: CorrectionEntry) -> Reply<Vec<LedgerLine>> {
    state.run(|ctx| budget::correct(ctx, &entry))
}

/// Every staff time line.
#[tauri::command]
pub fn list_staff_time(state: State<'_, AppState>) -> Reply<Vec<StaffTimeLine>> {
    state.run(|ctx| budget::staff_time(ctx))
}

/// Records time worked for 人件費.
#[tauri::command]
pub fn add_staff_time(state: State<'_, AppState>, entry: StaffTimeEntry) -> Reply<StaffTimeLine> {
    state.run(|ctx| budget::add_staff_time(ctx, &entry))
}

/// Voids a mistaken staff time line with a reason.
#[tauri::command]
pub fn void_staff_time(state: State<'_, AppState>, id: i64, reason: String) -> Reply<StaffTimeLine> {
    state.run(|ctx| budget::void_staff_time(ctx, id, &reason))
}

/// The monthly sheets per person.
#[tauri::command]
pub fn staff_sheets(state: State<'_, AppState>) -> Reply<Vec<StaffSheet>> {
    state.run(|ctx| budget::staff_sheets(ctx))
}

/// Every subcontract.
#[tauri::command]
pub fn list_subcontracts(state: State<'_, AppState>) -> Reply<Vec<SubcontractLine>> {
    state.run(|ctx| budget::subcontracts(ctx))
}

/// Records a subcontract (booked in the ledger at once).
#[tauri::command]
pub fn add_subcontract(state: State<'_, AppState>, entry: SubcontractEntry) -> Reply<SubcontractLine> {
    state.run(|ctx| budget::add_subcontract(ctx, &entry))
}

/// Writes one of the settlement's documents: `sheet` (the budget sheet XLSX), `ledger` (the
/// ledger XLSX with its receipts index) or `settlement` (the summary PDF 非公表用).
#[tauri::command]
pub fn export_budget(
    state: State<'_, AppState>,
    what: String,
    path: String,
    replace: bool,
) -> Reply<BudgetExport> {
    let path = Path::new(path.trim());
    state.run(|ctx| match what.as_str() {
        "ledger" => budget::export_ledger(ctx, path, Replace(replace)),
        "settlement" => budget::export_settlement(ctx, path, Replace(replace)),
        _ => budget::export_budget_sheet(ctx, path, Replace(replace)),
    })
}

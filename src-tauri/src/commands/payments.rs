//! Speakers' fees and travel (謝金・旅費) at this window: payees, payments with their figures and
//! warnings, the statement and receipt PDFs, and the tax office's figures.

use std::path::Path;

use tauri::State;
use tsudoi_app::output::Replace;
use tsudoi_app::payments::{
    self, PaymentDocument, PaymentDocumentExport, PaymentPreview, PaymentRequest, PaymentShown, TaxFileExport,
};
use tsudoi_core::money::payment::{Payee, PayeeDraft, PayeeId, PaymentId, PaymentRecordLine, TaxMonth};
use tsudoi_core::EventId;

use super::Reply;
use crate::state::AppState;

/// Every payee, with their address and bank details (the keepers' own).
#[tauri::command]
pub fn list_payees(state: State<'_, AppState>) -> Reply<Vec<Payee>> {
    state.run(|ctx| payments::list_payees(ctx))
}

/// Adds a payee, or replaces the details of the payee `id`.
#[tauri::command]
pub fn save_payee(state: State<'_, AppState>, id: Option<PayeeId>, draft: PayeeDraft) -> Reply<Payee> {
    state.run(|ctx| match id {
        Some(id) => payments::update_payee(ctx, id, draft),
        None => payments::add_payee(ctx, draft),
    })
}

/// Payments by date, with their figures and warnings (one gathering's, or all).
#[tauri::command]
pub fn list_payments(state: State<'_, AppState>, event_id: Option<EventId>) -> Reply<Vec<PaymentShown>> {
    state.run(|ctx| payments::list_payments(ctx, event_id, None))
}

/// What a payment being typed comes to, and its warnings (shown before it is saved).
#[tauri::command]
pub fn preview_payment(state: State<'_, AppState>, request: PaymentRequest) -> Reply<PaymentPreview> {
    state.run(|ctx| payments::preview(ctx, &request))
}

/// Records a payment (and its ledger lines).
#[tauri::command]
pub fn add_payment(state: State<'_, AppState>, request: PaymentRequest) -> Reply<PaymentShown> {
    state.run(|ctx| payments::add_payment(ctx, request))
}

/// Voids a payment with a reason.
#[tauri::command]
pub fn void_payment(state: State<'_, AppState>, id: PaymentId, reason: String) -> Reply<PaymentShown> {
    state.run(|ctx| payments::void_payment(ctx, id, &reason))
}

/// Writes a payee's statement (非公表用) or receipt form as a PDF at `path` (a file or a folder).
#[tauri::command]
pub fn print_payment_document(
    state: State<'_, AppState>,
    payee_id: PayeeId,
    document: PaymentDocument,
    path: String,
    replace: bool,
) -> Reply<PaymentDocumentExport> {
    state.run(|ctx| {
        payments::print(
            ctx,
            payee_id,
            document,
            None,
            Path::new(path.trim()),
            Replace(replace),
        )
    })
}

/// The tax withheld by month of payment, with the due dates.
#[tauri::command]
pub fn tax_months(state: State<'_, AppState>) -> Reply<Vec<TaxMonth>> {
    state.run(|ctx| payments::tax_months(ctx))
}

/// The yearly payment-record data (支払調書 needed above ¥50,000).
#[tauri::command]
pub fn payment_records(state: State<'_, AppState>) -> Reply<Vec<PaymentRecordLine>> {
    state.run(|ctx| payments::payment_records(ctx, None))
}

/// Writes the tax by month as CSV or XLSX (by the extension).
#[tauri::command]
pub fn export_tax_months(state: State<'_, AppState>, path: String, replace: bool) -> Reply<TaxFileExport> {
    state.run(|ctx| payments::export_tax_months(ctx, Path::new(path.trim()), Replace(replace)))
}

/// Writes the payment-record data as CSV or XLSX (by the extension); logged as an export.
#[tauri::command]
pub fn export_payment_records(
    state: State<'_, AppState>,
    path: String,
    replace: bool,
) -> Reply<TaxFileExport> {
    state.run(|ctx| payments::export_payment_records(ctx, None, Path::new(path.trim()), Replace(replace)))
}

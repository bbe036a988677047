//! The budget and the expense ledger (予算・経費): the contract's terms, the plan by category, the
//! ledger with its receipt files, staff time for 人件費, subcontracts, the budget with its
//! warnings, and the exports for the settlement (the budget sheet, the ledger with its receipts
//! index, the settlement summary 非公表用).
//!
//! Amounts arrive as people type them (`１２，０００`, `¥12,000`) and are read by core; the
//! figures are core's ([`tsudoi_core::money::budget::compute_budget`]). Receipt files are kept by
//! content through the store's one pair of receipt-file functions.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tsudoi_core::event::parse_date;
use tsudoi_core::handler::Permission;
use tsudoi_core::money::budget::{Budget, CategoryAmount, ExpenseCategory, Project, ProjectChange};
use tsudoi_core::money::ledger::{
    parse_hours, Expense, ExpenseDraft, ExpenseId, ExpenseSplit, PaymentMethod, StaffTime, StaffTimeDraft,
    StaffTimeId, StaffTimeSheet, Subcontract, SubcontractDraft,
};
use tsudoi_core::money::{Rate, Yen};
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::{EventId, Lang};
use tsudoi_exchange::budget::{budget_sheet_xlsx, ledger_xlsx, ReceiptIndexEntry};
use tsudoi_report::settlement::{settlement_pdf, SettlementSheet};
use tsudoi_store::{ExpenseCorrection, StoreError};

use crate::audit::{exported, logged_path, Written};
use crate::output::{check_file, write_file, Replace};
use crate::{AppError, Ctx, Result};

fn money<T>(result: std::result::Result<T, tsudoi_core::money::MoneyError>) -> Result<T> {
    result.map_err(|e| AppError::Store(StoreError::from(e)))
}

fn amount(text: &str) -> Result<Yen> {
    money(Yen::parse(text))
}

fn optional_text(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

// ---------------------------------------------------------------------------------------------
// The project (the contract's terms) and the plan.

/// The contract record as the doors show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectView {
    pub title: String,
    pub contract_number: String,
    pub bureau_section: String,
    pub contractor: String,
    pub cap: Yen,
    /// `10%`, `12.5%`.
    pub overhead_rate: String,
    pub consumption_tax_rate: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
}

impl From<&Project> for ProjectView {
    fn from(p: &Project) -> ProjectView {
        ProjectView {
            title: p.title.clone(),
            contract_number: p.contract_number.clone(),
            bureau_section: p.bureau_section.clone(),
            contractor: p.contractor.clone(),
            cap: p.terms.cap,
            overhead_rate: p.terms.overhead_rate.to_string(),
            consumption_tax_rate: p.terms.consumption_tax_rate.to_string(),
            period_start: p.terms.period.map(|(s, _)| s.to_string()),
            period_end: p.terms.period.map(|(_, e)| e.to_string()),
        }
    }
}

/// A change to the project as typed: each field given is set. The period needs both days.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ProjectSettings {
    pub title: Option<String>,
    pub contract_number: Option<String>,
    pub bureau_section: Option<String>,
    pub contractor: Option<String>,
    /// Yen with tax, as typed.
    pub cap: Option<String>,
    /// Percent, as typed (`10`, `10.5%`).
    pub overhead_rate: Option<String>,
    pub consumption_tax_rate: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
}

/// The contract record (its defaults until set).
pub fn project(ctx: &Ctx<'_>) -> Result<ProjectView> {
    ctx.require(Permission::DayWork)?;
    Ok(ProjectView::from(&ctx.store.project()?))
}

/// Sets the project's fields that are given. The period is set only with both days.
pub fn set_project(ctx: &mut Ctx<'_>, settings: &ProjectSettings) -> Result<ProjectView> {
    ctx.require(Permission::DayWork)?;
    let period = match (optional_text(&settings.start), optional_text(&settings.end)) {
        (Some(start), Some(end)) => Some(Some((parse_date(start)?, parse_date(end)?))),
        (None, None) => None,
        _ => return Err(AppError::PeriodIncomplete),
    };
    let rate = |text: &Option<String>| -> Result<Option<Rate>> {
        optional_text(text)
            .map(|t| money(Rate::parse_percent(t)))
            .transpose()
    };
    let change = ProjectChange {
        title: settings.title.clone(),
        contract_number: settings.contract_number.clone(),
        bureau_section: settings.bureau_section.clone(),
        contractor: settings.contractor.clone(),
        cap: optional_text(&settings.cap).map(amount).transpose()?,
        overhead_rate: rate(&settings.overhead_rate)?,
        consumption_tax_rate: rate(&settings.consumption_tax_rate)?,
        period,
    };
    let now = ctx.now();
    Ok(ProjectView::from(&ctx.store.set_project(&change, now)?))
}

/// One planned amount as typed.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanEntry {
    pub category: ExpenseCategory,
    pub amount: String,
}

/// Replaces the plan by category (an empty amount leaves the category out).
pub fn set_plan(ctx: &mut Ctx<'_>, entries: &[PlanEntry]) -> Result<Vec<CategoryAmount>> {
    ctx.require(Permission::DayWork)?;
    let mut amounts = Vec::new();
    for entry in entries.iter().filter(|e| !e.amount.trim().is_empty()) {
        amounts.push(CategoryAmount {
            category: entry.category,
            amount: amount(&entry.amount)?,
        });
    }
    Ok(ctx.store.set_budget_plan(&amounts)?)
}

// ---------------------------------------------------------------------------------------------
// The ledger.

/// One ledger line as the doors show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LedgerLine {
    pub id: i64,
    pub voucher_id: i64,
    pub date: String,
    pub category: ExpenseCategory,
    pub payee: String,
    pub description: String,
    /// Without tax.
    pub amount: Yen,
    pub tax: Yen,
    pub amount_with_tax: Yen,
    pub event_id: Option<i64>,
    pub payment_method: PaymentMethod,
    /// The SHA-256 of each receipt file of the voucher.
    pub receipts: Vec<String>,
    /// The line this one corrects or refunds.
    pub corrects: Option<i64>,
    pub notes: String,
}

impl From<&Expense> for LedgerLine {
    fn from(e: &Expense) -> LedgerLine {
        LedgerLine {
            id: e.id.0,
            voucher_id: e.voucher_id.0,
            date: e.date.to_string(),
            category: e.category,
            payee: e.payee.clone(),
            description: e.description.clone(),
            amount: e.amount,
            tax: e.tax,
            amount_with_tax: Yen(e.amount.0.saturating_add(e.tax.0)),
            event_id: e.event_id.map(|id| id.0),
            payment_method: e.payment_method,
            receipts: e.receipts.clone(),
            corrects: e.corrects.map(|id| id.0),
            notes: e.notes.clone(),
        }
    }
}

/// One part of an expense as typed: a category and its amounts.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SplitEntry {
    pub category: ExpenseCategory,
    #[serde(default)]
    pub description: String,
    /// Without tax, as typed.
    pub amount: String,
    /// The tax, as typed; empty is zero.
    #[serde(default)]
    pub tax: String,
}

/// An expense as typed: one voucher (a receipt, a transfer), split over one or more categories,
/// with the paths of its receipt files.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExpenseEntry {
    pub date: String,
    pub payee: String,
    pub description: String,
    #[serde(default)]
    pub event_id: Option<i64>,
    #[serde(default)]
    pub payment_method: PaymentMethod,
    pub lines: Vec<SplitEntry>,
    /// Paths of the receipt files (PDF, photo).
    #[serde(default)]
    pub receipts: Vec<String>,
    #[serde(default)]
    pub notes: String,
}

fn split(entry: &SplitEntry) -> Result<ExpenseSplit> {
    Ok(ExpenseSplit {
        category: entry.category,
        description: entry.description.clone(),
        amount: amount(&entry.amount)?,
        tax: if entry.tax.trim().is_empty() {
            Yen::ZERO
        } else {
            amount(&entry.tax)?
        },
    })
}

/// Reads the receipt files, refuses one already in the ledger (before anything is written), and
/// keeps them by content.
/// Receipt files kept for one voucher: each one's SHA-256 and original name, and the files this
/// call wrote (removed again if the voucher cannot be booked).
pub(crate) struct KeptReceipts {
    pub(crate) named: Vec<(String, String)>,
    pub(crate) written: Vec<PathBuf>,
    /// The SHA-256 of each path given, in order (a file given twice appears twice).
    pub(crate) per_path: Vec<String>,
}

pub(crate) fn keep_receipts(ctx: &Ctx<'_>, paths: &[String]) -> Result<KeptReceipts> {
    // Every file is read and checked before any is written: a refusal leaves nothing behind.
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    let mut per_path = Vec::new();
    for path in paths {
        let path = Path::new(path);
        let bytes = std::fs::read(path).map_err(AppError::io(path))?;
        let sha256 = tsudoi_store::receipt_sha256(&bytes);
        if let Some(voucher_id) = ctx.store.receipt_voucher(&sha256)? {
            return Err(StoreError::ReceiptAlreadyUsed {
                sha256,
                voucher_id: voucher_id.0,
            }
            .into());
        }
        per_path.push(sha256.clone());
        if seen.insert(sha256) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((bytes, name));
        }
    }
    let mut kept = Vec::new();
    let mut written = Vec::new();
    for (bytes, name) in files {
        match ctx.store.write_receipt_file(&bytes, &name) {
            Ok((sha256, new_file)) => {
                written.extend(new_file);
                kept.push((sha256, name));
            }
            Err(error) => {
                for path in &written {
                    let _ = std::fs::remove_file(path);
                }
                return Err(error.into());
            }
        }
    }
    Ok(KeptReceipts {
        named: kept,
        written,
        per_path,
    })
}

fn book(ctx: &mut Ctx<'_>, draft: ExpenseDraft, receipts: &[String]) -> Result<Vec<LedgerLine>> {
    let KeptReceipts {
        named: kept, written, ..
    } = keep_receipts(ctx, receipts)?;
    let draft = ExpenseDraft {
        receipts: kept.iter().map(|(sha, _)| sha.clone()).collect(),
        ..draft
    };
    let now = ctx.now();
    match ctx.store.add_expense(draft, now) {
        Ok(lines) => {
            // The names are for the receipts index; the voucher already stands without them.
            let _ = ctx.store.name_receipts(&kept);
            Ok(lines.iter().map(LedgerLine::from).collect())
        }
        Err(error) => {
            for path in &written {
                let _ = std::fs::remove_file(path);
            }
            Err(error.into())
        }
    }
}

/// Books an expense with its receipt files. A receipt already backing another voucher is
/// refused and nothing is written.
pub fn add_expense(ctx: &mut Ctx<'_>, entry: &ExpenseEntry) -> Result<Vec<LedgerLine>> {
    ctx.require(Permission::DayWork)?;
    let lines = entry.lines.iter().map(split).collect::<Result<Vec<_>>>()?;
    let draft = ExpenseDraft {
        date: parse_date(&entry.date)?,
        payee: entry.payee.clone(),
        description: entry.description.clone(),
        event_id: entry.event_id.map(EventId),
        payment_method: entry.payment_method,
        receipts: Vec::new(),
        lines,
        corrects: None,
        notes: entry.notes.clone(),
    };
    book(ctx, draft, &entry.receipts)
}

/// A refund of (part of) a ledger line as typed: money that came back. Booked as its own line
/// with negative amounts naming the line, never an edit.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefundEntry {
    pub expense_id: i64,
    pub date: String,
    /// The amount refunded without tax, as a positive number.
    pub amount: String,
    #[serde(default)]
    pub tax: String,
    pub reason: String,
    #[serde(default)]
    pub receipts: Vec<String>,
}

/// Books a refund against a line: a voucher whose line has the refunded amounts negated.
pub fn refund(ctx: &mut Ctx<'_>, entry: &RefundEntry) -> Result<Vec<LedgerLine>> {
    ctx.require(Permission::DayWork)?;
    let original = ctx.store.expense(ExpenseId(entry.expense_id))?;
    let negate = |y: Yen| money(Yen::ZERO.checked_sub(y));
    let refunded = amount(&entry.amount)?;
    let tax = if entry.tax.trim().is_empty() {
        Yen::ZERO
    } else {
        amount(&entry.tax)?
    };
    let reason = entry.reason.trim();
    let description = match ctx.lang {
        Lang::Ja => format!(
            "返金: {}",
            if reason.is_empty() {
                &original.description
            } else {
                reason
            }
        ),
        Lang::En => format!(
            "Refund: {}",
            if reason.is_empty() {
                &original.description
            } else {
                reason
            }
        ),
    };
    let draft = ExpenseDraft {
        date: parse_date(&entry.date)?,
        payee: original.payee.clone(),
        description: description.clone(),
        event_id: original.event_id,
        payment_method: original.payment_method,
        receipts: Vec::new(),
        lines: vec![ExpenseSplit {
            category: original.category,
            description,
            amount: negate(Yen(refunded.0.abs()))?,
            tax: negate(Yen(tax.0.abs()))?,
        }],
        corrects: Some(original.id),
        notes: String::new(),
    };
    book(ctx, draft, &entry.receipts)
}

/// A correction as typed: the line is reversed and, when a replacement is given, booked again
/// as it should have been.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CorrectionEntry {
    pub expense_id: i64,
    pub date: String,
    pub reason: String,
    #[serde(default)]
    pub replacement: Option<SplitEntry>,
}

/// Corrects a line: a new voucher reverses it (and replaces it); the original stays.
pub fn correct(ctx: &mut Ctx<'_>, entry: &CorrectionEntry) -> Result<Vec<LedgerLine>> {
    ctx.require(Permission::DayWork)?;
    let correction = ExpenseCorrection {
        date: parse_date(&entry.date)?,
        reason: entry.reason.clone(),
        replacement: entry.replacement.as_ref().map(split).transpose()?,
    };
    let now = ctx.now();
    let lines = ctx
        .store
        .correct_expense(ExpenseId(entry.expense_id), &correction, now)?;
    Ok(lines.iter().map(LedgerLine::from).collect())
}

/// Adds receipt files to a voucher booked without them (an invoice that came later).
pub fn attach_receipts(ctx: &mut Ctx<'_>, voucher_id: i64, paths: &[String]) -> Result<Vec<LedgerLine>> {
    ctx.require(Permission::DayWork)?;
    let KeptReceipts {
        named: kept, written, ..
    } = keep_receipts(ctx, paths)?;
    let now = ctx.now();
    let mut lines = Vec::new();
    for (sha256, name) in &kept {
        match ctx.store.attach_receipt(
            tsudoi_core::money::ledger::VoucherId(voucher_id),
            sha256,
            name,
            now,
        ) {
            Ok(stored) => lines = stored,
            Err(error) => {
                for path in &written {
                    let _ = std::fs::remove_file(path);
                }
                return Err(error.into());
            }
        }
    }
    Ok(lines.iter().map(LedgerLine::from).collect())
}

/// Every ledger line, corrections and refunds included, by date.
pub fn expenses(ctx: &Ctx<'_>) -> Result<Vec<LedgerLine>> {
    ctx.require(Permission::DayWork)?;
    Ok(ctx.store.expenses()?.iter().map(LedgerLine::from).collect())
}

/// The bytes of one receipt file (to show or open it).
pub fn receipt_bytes(ctx: &Ctx<'_>, sha256: &str) -> Result<Vec<u8>> {
    ctx.require(Permission::DayWork)?;
    Ok(ctx.store.read_receipt_file(sha256)?)
}

// ---------------------------------------------------------------------------------------------
// Staff time.

/// A staff time line as the doors show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StaffTimeLine {
    pub id: i64,
    pub person: String,
    pub date: String,
    pub minutes: i64,
    /// `7.5` hours; minutes that are not a tenth of an hour show as `7:20`.
    pub hours: String,
    pub work: String,
    pub hourly_rate: Yen,
    pub cost: Yen,
    pub event_id: Option<i64>,
    pub voided_reason: Option<String>,
}

/// Hours as people read them: `7.5`, `8`, or `7:20` when not a whole tenth.
pub fn hours_text(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    if m == 0 {
        h.to_string()
    } else if m % 6 == 0 {
        let tenths = m / 6;
        format!("{h}.{tenths}")
    } else if m % 15 == 0 {
        format!("{h}.{}", m * 100 / 60)
    } else {
        format!("{h}:{m:02}")
    }
}

impl From<&StaffTime> for StaffTimeLine {
    fn from(t: &StaffTime) -> StaffTimeLine {
        StaffTimeLine {
            id: t.id.0,
            person: t.details.person.clone(),
            date: t.details.date.to_string(),
            minutes: t.details.minutes,
            hours: hours_text(t.details.minutes),
            work: t.details.work.clone(),
            hourly_rate: t.details.hourly_rate,
            cost: t.cost,
            event_id: t.details.event_id.map(|e| e.0),
            voided_reason: t.voided_reason.clone(),
        }
    }
}

/// Staff time as typed.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StaffTimeEntry {
    pub person: String,
    pub date: String,
    /// `7.5`, `7:30`, `７．５`.
    pub hours: String,
    /// The hourly rate agreed for the person, as typed.
    pub rate: String,
    #[serde(default)]
    pub work: String,
    #[serde(default)]
    pub event_id: Option<i64>,
}

/// Records time worked for 人件費.
pub fn add_staff_time(ctx: &mut Ctx<'_>, entry: &StaffTimeEntry) -> Result<StaffTimeLine> {
    ctx.require(Permission::DayWork)?;
    let work = if entry.work.trim().is_empty() {
        ctx.lang.pick("事業の実施", "Project work").to_string()
    } else {
        entry.work.clone()
    };
    let draft = StaffTimeDraft {
        person: entry.person.clone(),
        date: parse_date(&entry.date)?,
        minutes: money(parse_hours(&entry.hours))?,
        work,
        hourly_rate: amount(&entry.rate)?,
        event_id: entry.event_id.map(EventId),
    };
    let now = ctx.now();
    Ok(StaffTimeLine::from(&ctx.store.add_staff_time(draft, now)?))
}

/// Voids a mistaken staff time line with a reason; it stays and counts nowhere.
pub fn void_staff_time(ctx: &mut Ctx<'_>, id: i64, reason: &str) -> Result<StaffTimeLine> {
    ctx.require(Permission::DayWork)?;
    let now = ctx.now();
    Ok(StaffTimeLine::from(&ctx.store.void_staff_time(
        StaffTimeId(id),
        reason,
        now,
    )?))
}

/// Every staff time line, voided ones included.
pub fn staff_time(ctx: &Ctx<'_>) -> Result<Vec<StaffTimeLine>> {
    ctx.require(Permission::DayWork)?;
    Ok(ctx.store.staff_time()?.iter().map(StaffTimeLine::from).collect())
}

/// One person's month: the standing lines and their totals (the monthly sheet).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StaffSheet {
    pub person: String,
    /// `2026-07`.
    pub month: String,
    pub minutes: i64,
    pub hours: String,
    pub cost: Yen,
    pub lines: Vec<StaffTimeLine>,
}

impl From<&StaffTimeSheet> for StaffSheet {
    fn from(s: &StaffTimeSheet) -> StaffSheet {
        StaffSheet {
            person: s.person.clone(),
            month: format!("{:04}-{:02}", s.year, s.month),
            minutes: s.minutes,
            hours: hours_text(s.minutes),
            cost: s.cost,
            lines: s.lines.iter().map(StaffTimeLine::from).collect(),
        }
    }
}

/// The monthly sheets, per person per month.
pub fn staff_sheets(ctx: &Ctx<'_>) -> Result<Vec<StaffSheet>> {
    ctx.require(Permission::DayWork)?;
    Ok(ctx
        .store
        .staff_time_sheets()?
        .iter()
        .map(StaffSheet::from)
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Subcontracts.

/// A subcontract as the doors show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubcontractLine {
    pub id: i64,
    pub name: String,
    pub amount_with_tax: Yen,
    pub scope: String,
    pub selection: String,
    pub touches_core_management: bool,
    pub date: String,
    pub event_id: Option<i64>,
}

impl From<&Subcontract> for SubcontractLine {
    fn from(s: &Subcontract) -> SubcontractLine {
        SubcontractLine {
            id: s.id.0,
            name: s.details.name.clone(),
            amount_with_tax: s.details.amount_with_tax,
            scope: s.details.scope.clone(),
            selection: s.details.selection.clone(),
            touches_core_management: s.details.touches_core_management,
            date: s.details.date.to_string(),
            event_id: s.details.event_id.map(|e| e.0),
        }
    }
}

/// A subcontract as typed.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubcontractEntry {
    pub name: String,
    pub amount_with_tax: String,
    pub scope: String,
    /// How the supplier was chosen (quotes compared).
    #[serde(default)]
    pub selection: String,
    #[serde(default)]
    pub touches_core_management: bool,
    /// The contract's date; empty is today.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub event_id: Option<i64>,
}

/// Records a subcontract; its amount is booked in the ledger at the same time.
pub fn add_subcontract(ctx: &mut Ctx<'_>, entry: &SubcontractEntry) -> Result<SubcontractLine> {
    ctx.require(Permission::DayWork)?;
    let draft = SubcontractDraft {
        name: entry.name.clone(),
        amount_with_tax: amount(&entry.amount_with_tax)?,
        scope: entry.scope.clone(),
        selection: entry.selection.clone(),
        touches_core_management: entry.touches_core_management,
        date: if entry.date.trim().is_empty() {
            ctx.clock.local_now().date()
        } else {
            parse_date(&entry.date)?
        },
        event_id: entry.event_id.map(EventId),
    };
    let now = ctx.now();
    Ok(SubcontractLine::from(&ctx.store.add_subcontract(draft, now)?))
}

/// Every subcontract, by date.
pub fn subcontracts(ctx: &Ctx<'_>) -> Result<Vec<SubcontractLine>> {
    ctx.require(Permission::DayWork)?;
    Ok(ctx
        .store
        .subcontracts()?
        .iter()
        .map(SubcontractLine::from)
        .collect())
}

// ---------------------------------------------------------------------------------------------
// The budget.

/// One category of the budget form: plan, actual and what is left of the plan.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BudgetRow {
    pub category: ExpenseCategory,
    pub label: String,
    /// `Ⅱ 事業費`.
    pub part: String,
    pub plan: Option<Yen>,
    pub actual: Yen,
    /// plan − actual.
    pub remaining: Option<Yen>,
}

/// The actuals of one gathering (none: costs of the whole project).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventBudget {
    pub event_id: Option<i64>,
    pub title: String,
    pub total_without_tax: Yen,
}

/// A warning: a stable code and the message in the person's language. Never blocking.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BudgetWarningView {
    pub code: String,
    pub message: String,
}

/// The planned totals beside the actual ones.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanTotals {
    pub general_admin: Yen,
    pub subtotal: Yen,
    pub consumption_tax: Yen,
    pub total: Yen,
}

/// The budget as the doors show it. The amounts are the actuals without tax, except `total`,
/// `cap` and `remaining` (with tax); the subcontract ratio is from the amounts with tax.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BudgetView {
    pub personnel: Yen,
    pub direct: Yen,
    pub subcontract: Yen,
    pub general_admin: Yen,
    pub subtotal: Yen,
    pub consumption_tax: Yen,
    pub total: Yen,
    pub cap: Yen,
    pub remaining: Yen,
    pub subcontract_with_tax: Yen,
    /// One decimal, as text: `"48.2"`.
    pub subcontract_ratio_percent: String,
    pub subcontract_over_half: bool,
    pub rows: Vec<BudgetRow>,
    pub plan: Option<PlanTotals>,
    pub by_event: Vec<EventBudget>,
    pub warnings: Vec<BudgetWarningView>,
    pub project: ProjectView,
}

fn event_titles(ctx: &Ctx<'_>) -> Result<Vec<(EventId, String)>> {
    Ok(ctx
        .store
        .events()?
        .into_iter()
        .map(|e| (e.id, e.details.title))
        .collect())
}

fn view(budget: &Budget, project: &Project, events: &[(EventId, String)], lang: Lang) -> BudgetView {
    let a = &budget.actual;
    let plan = budget.plan.as_ref();
    let rows = a
        .by_category
        .iter()
        .map(|c| {
            let planned = plan.map(|p| p.amount(c.category));
            BudgetRow {
                category: c.category,
                label: c.category.label(lang).to_string(),
                part: c.category.group().label(lang).to_string(),
                plan: planned,
                actual: c.amount,
                remaining: planned.map(|p| Yen(p.0.saturating_sub(c.amount.0))),
            }
        })
        .collect();
    let by_event = budget
        .by_event
        .iter()
        .map(|e| EventBudget {
            event_id: e.event_id.map(|id| id.0),
            title: match e.event_id {
                Some(id) => events
                    .iter()
                    .find(|(event, _)| *event == id)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_else(|| format!("#{}", id.0)),
                None => lang.pick("事業全体", "Whole project").to_string(),
            },
            total_without_tax: e.total_without_tax,
        })
        .collect();
    BudgetView {
        personnel: a.personnel,
        direct: a.direct,
        subcontract: a.subcontract,
        general_admin: a.general_admin,
        subtotal: a.subtotal,
        consumption_tax: a.consumption_tax,
        total: a.total,
        cap: a.cap,
        remaining: a.remaining,
        subcontract_with_tax: a.subcontract_with_tax,
        subcontract_ratio_percent: a.subcontract_ratio_percent.clone(),
        subcontract_over_half: a.subcontract_over_half,
        rows,
        plan: plan.map(|p| PlanTotals {
            general_admin: p.general_admin,
            subtotal: p.subtotal,
            consumption_tax: p.consumption_tax,
            total: p.total,
        }),
        by_event,
        warnings: budget
            .warnings
            .iter()
            .map(|w| BudgetWarningView {
                code: w.code().to_string(),
                message: w.message(lang),
            })
            .collect(),
        project: ProjectView::from(project),
    }
}

/// The budget: plan and actuals by category, by gathering, and the warnings.
pub fn show(ctx: &Ctx<'_>) -> Result<BudgetView> {
    ctx.require(Permission::DayWork)?;
    let records = ctx.store.budget_records()?;
    let budget = records.compute()?;
    Ok(view(&budget, &records.project, &event_titles(ctx)?, ctx.lang))
}

// ---------------------------------------------------------------------------------------------
// Exports.

/// What an export of the budget wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BudgetExport {
    pub file: String,
}

/// The budget sheet's file name when a folder is chosen: always says 非公表用.
pub fn budget_sheet_file_name(lang: Lang) -> String {
    tsudoi_core::document::BureauDocument::BudgetSheet.file_name(
        tsudoi_core::document::Disclosure::Internal,
        lang,
        "xlsx",
    )
}

/// The ledger's file name when a folder is chosen: always says 非公表用.
pub fn ledger_file_name(lang: Lang) -> String {
    tsudoi_core::document::BureauDocument::Ledger.file_name(
        tsudoi_core::document::Disclosure::Internal,
        lang,
        "xlsx",
    )
}

/// The settlement summary's file name when a folder is chosen: always says 非公表用.
pub fn settlement_file_name(lang: Lang) -> String {
    tsudoi_core::document::BureauDocument::SettlementSummary.file_name(
        tsudoi_core::document::Disclosure::Internal,
        lang,
        "pdf",
    )
}

fn place(path: &Path, name: &str) -> PathBuf {
    if path.is_dir() && !path.is_symlink() {
        path.join(name)
    } else {
        path.to_path_buf()
    }
}

fn documents(format: &str, public: Option<bool>) -> String {
    AuditDetail::Documents {
        formats: format.into(),
        public,
        photos: None,
    }
    .encode()
}

/// Writes the budget sheet (the contract's form, thousands of yen) as XLSX.
pub fn export_budget_sheet(ctx: &mut Ctx<'_>, path: &Path, replace: Replace) -> Result<BudgetExport> {
    let path = place(path, &budget_sheet_file_name(ctx.lang));
    exported(ctx, AuditAction::BudgetSheetExport, None, |ctx| {
        check_file(&path, replace)?;
        let records = ctx.store.budget_records()?;
        let budget = records.compute()?;
        let bytes = budget_sheet_xlsx(&records.project, &budget, ctx.lang)?;
        let written = write_file(&path, &bytes, replace)?;
        Ok(Written {
            value: BudgetExport {
                file: logged_path(&path),
            },
            n_people: 0,
            target: path.clone(),
            detail: documents("xlsx", None),
            files: vec![written],
        })
    })
}

/// Writes the ledger as XLSX with the receipts index; the payees may be people, so it is logged
/// with their number.
pub fn export_ledger(ctx: &mut Ctx<'_>, path: &Path, replace: Replace) -> Result<BudgetExport> {
    let path = place(path, &ledger_file_name(ctx.lang));
    exported(ctx, AuditAction::LedgerExport, None, |ctx| {
        check_file(&path, replace)?;
        let lines = ctx.store.expenses()?;
        let data_dir = ctx.store.receipt_dir();
        let base = data_dir.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut receipts = Vec::new();
        for receipt in ctx.store.receipt_files()? {
            let stored_as = ctx
                .store
                .receipt_path(&receipt.sha256)?
                .map(|p| {
                    p.strip_prefix(&base)
                        .unwrap_or(&p)
                        .to_string_lossy()
                        .replace('\\', "/")
                })
                .unwrap_or_default();
            receipts.push(ReceiptIndexEntry {
                sha256: receipt.sha256,
                voucher_id: receipt.voucher_id,
                original_name: receipt.original_name,
                stored_as,
            });
        }
        let events = event_titles(ctx)?;
        let bytes = ledger_xlsx(&lines, &receipts, &events, ctx.lang)?;
        let written = write_file(&path, &bytes, replace)?;
        let n_payees = lines
            .iter()
            .map(|l| l.payee.as_str())
            .filter(|p| !p.is_empty())
            .collect::<BTreeSet<_>>()
            .len();
        Ok(Written {
            value: BudgetExport {
                file: logged_path(&path),
            },
            n_people: u32::try_from(n_payees).unwrap_or(u32::MAX),
            target: path.clone(),
            detail: documents("xlsx", Some(false)),
            files: vec![written],
        })
    })
}

/// Writes the settlement summary as a PDF headed 非公表用 on every page.
pub fn export_settlement(ctx: &mut Ctx<'_>, path: &Path, replace: Replace) -> Result<BudgetExport> {
    let path = place(path, &settlement_file_name(ctx.lang));
    exported(ctx, AuditAction::SettlementExport, None, |ctx| {
        check_file(&path, replace)?;
        let records = ctx.store.budget_records()?;
        let budget = records.compute()?;
        let events = event_titles(ctx)?;
        let sheet = SettlementSheet {
            lang: ctx.lang,
            project: &records.project,
            budget: &budget,
            events: &events,
            printed_on: ctx.clock.local_now().date().format("%Y-%m-%d").to_string(),
        };
        let pdf = settlement_pdf(&sheet)?;
        let written = write_file(&path, &pdf, replace)?;
        Ok(Written {
            value: BudgetExport {
                file: logged_path(&path),
            },
            n_people: 0,
            target: path.clone(),
            detail: documents("pdf", Some(false)),
            files: vec![written],
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_read_as_people_write_them() {
        assert_eq!(hours_text(450), "7.5");
        assert_eq!(hours_text(480), "8");
        assert_eq!(hours_text(435), "7.25");
        assert_eq!(hours_text(440), "7:20");
        assert_eq!(hours_text(6), "0.1");
    }
}

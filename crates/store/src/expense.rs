//! The expense ledger: `expense_voucher` (one receipt or transfer), `expense` (its lines by
//! category) and `expense_receipt` (receipt files by SHA-256, each backing one voucher).
//!
//! History is never erased: triggers in the schema refuse to change or delete a voucher, a line
//! or a receipt. A refund or a correction is a new voucher whose lines name the line they
//! correct. Payments to speakers and subcontracts write their vouchers here, in their own
//! transaction (`payment_id`, `subcontract_id` on the voucher).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use tsudoi_core::money::budget::{
    compute_budget, Budget, BudgetInput, CategoryAmount, ExpenseCategory, Project,
};
use tsudoi_core::money::ledger::{
    Expense, ExpenseDraft, ExpenseId, ExpenseSplit, PaymentMethod, StaffTime, Subcontract, SubcontractId,
    VoucherId,
};
use tsudoi_core::money::payment::PaymentId;
use tsudoi_core::money::{normalize_sha256, Yen};
use tsudoi_core::EventId;

use crate::event::find_event;
use crate::sql::{get_choice, get_date, get_timestamp, timestamp};
use crate::{Result, Store, StoreError};

/// A voucher's own columns, as written by the ledger, a payment or a subcontract.
pub(crate) struct VoucherValues<'a> {
    pub date: NaiveDate,
    pub payee: &'a str,
    pub description: &'a str,
    pub event_id: Option<EventId>,
    pub payment_method: PaymentMethod,
    pub payment_id: Option<PaymentId>,
    pub subcontract_id: Option<SubcontractId>,
    pub notes: &'a str,
}

/// A line to write: a split, and the line it corrects.
pub(crate) struct LineValues {
    pub split: ExpenseSplit,
    pub corrects: Option<ExpenseId>,
}

/// Refuses a receipt already backing a voucher.
fn require_unused_receipt(conn: &Connection, sha256: &str) -> Result<()> {
    let used: Option<i64> = conn
        .prepare_cached("SELECT voucher_id FROM expense_receipt WHERE sha256 = ?1")?
        .query_row([sha256], |row| row.get(0))
        .optional()?;
    match used {
        Some(voucher_id) => Err(StoreError::ReceiptAlreadyUsed {
            sha256: sha256.to_string(),
            voucher_id,
        }),
        None => Ok(()),
    }
}

fn require_expense(conn: &Connection, id: ExpenseId) -> Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM expense WHERE id = ?1)")?
        .query_row([id.0], |row| row.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(StoreError::ExpenseNotFound(id.0))
    }
}

/// Writes a voucher, its lines and its receipts. The caller holds the transaction and has
/// validated the values; the event, the corrected lines and the receipts are checked here.
pub(crate) fn insert_voucher(
    conn: &Connection,
    voucher: &VoucherValues<'_>,
    lines: &[LineValues],
    receipts: &[String],
    now: DateTime<Utc>,
) -> Result<VoucherId> {
    if let Some(event_id) = voucher.event_id {
        find_event(conn, event_id)?;
    }
    for line in lines {
        if let Some(corrected) = line.corrects {
            require_expense(conn, corrected)?;
        }
    }
    let at = timestamp(now);
    conn.prepare_cached(
        "INSERT INTO expense_voucher (date, payee, description, event_id, payment_method, payment_id, subcontract_id,
                                      notes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        voucher.date.to_string(),
        voucher.payee,
        voucher.description,
        voucher.event_id.map(|e| e.0),
        voucher.payment_method.as_str(),
        voucher.payment_id.map(|p| p.0),
        voucher.subcontract_id.map(|s| s.0),
        voucher.notes,
        at
    ])?;
    let voucher_id = VoucherId(conn.last_insert_rowid());
    for (position, line) in lines.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO expense (voucher_id, position, category, description, amount, tax, corrects)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            voucher_id.0,
            position as i64,
            line.split.category.as_str(),
            line.split.description,
            line.split.amount.0,
            line.split.tax.0,
            line.corrects.map(|c| c.0)
        ])?;
    }
    for sha256 in receipts {
        insert_receipt(conn, voucher_id, sha256, "", now)?;
    }
    Ok(voucher_id)
}

fn insert_receipt(
    conn: &Connection,
    voucher_id: VoucherId,
    sha256: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    require_unused_receipt(conn, sha256)?;
    conn.prepare_cached(
        "INSERT INTO expense_receipt (sha256, voucher_id, original_name, added_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![sha256, voucher_id.0, name.trim(), timestamp(now)])?;
    Ok(())
}

const SELECT_LINES: &str = "SELECT e.id, e.voucher_id, v.date, v.payee, e.description, e.category, e.amount, e.tax,
                                   v.event_id, v.payment_method, e.corrects, v.payment_id, v.subcontract_id, v.notes,
                                   v.created_at
                            FROM expense e JOIN expense_voucher v ON v.id = e.voucher_id";

fn expense_from_row(row: &Row<'_>) -> rusqlite::Result<Expense> {
    Ok(Expense {
        id: ExpenseId(row.get(0)?),
        voucher_id: VoucherId(row.get(1)?),
        date: get_date(row, 2)?,
        payee: row.get(3)?,
        description: row.get(4)?,
        category: get_choice(row, 5, ExpenseCategory::parse)?,
        amount: Yen(row.get(6)?),
        tax: Yen(row.get(7)?),
        event_id: row.get::<_, Option<i64>>(8)?.map(EventId),
        payment_method: get_choice(row, 9, PaymentMethod::parse)?,
        receipts: Vec::new(),
        corrects: row.get::<_, Option<i64>>(10)?.map(ExpenseId),
        payment_id: row.get::<_, Option<i64>>(11)?.map(PaymentId),
        subcontract_id: row.get::<_, Option<i64>>(12)?.map(SubcontractId),
        notes: row.get(13)?,
        created_at: get_timestamp(row, 14)?,
    })
}

/// Fills each line's receipts from one read of the receipt table.
fn with_receipts(
    conn: &Connection,
    mut lines: Vec<Expense>,
    voucher: Option<VoucherId>,
) -> Result<Vec<Expense>> {
    let mut by_voucher: HashMap<i64, Vec<String>> = HashMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT voucher_id, sha256 FROM expense_receipt WHERE ?1 IS NULL OR voucher_id = ?1 ORDER BY added_at, sha256",
    )?;
    let rows = statement.query_map([voucher.map(|v| v.0)], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (voucher_id, sha256) = row?;
        by_voucher.entry(voucher_id).or_default().push(sha256);
    }
    for line in &mut lines {
        if let Some(receipts) = by_voucher.get(&line.voucher_id.0) {
            line.receipts = receipts.clone();
        }
    }
    Ok(lines)
}

/// Every ledger line, by date, then voucher, then line.
pub(crate) fn all_expenses(conn: &Connection) -> Result<Vec<Expense>> {
    let lines = conn
        .prepare_cached(&format!(
            "{SELECT_LINES} ORDER BY v.date, e.voucher_id, e.position"
        ))?
        .query_map([], expense_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    with_receipts(conn, lines, None)
}

pub(crate) fn voucher_lines(conn: &Connection, voucher_id: VoucherId) -> Result<Vec<Expense>> {
    let lines = conn
        .prepare_cached(&format!(
            "{SELECT_LINES} WHERE e.voucher_id = ?1 ORDER BY e.position"
        ))?
        .query_map([voucher_id.0], expense_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if lines.is_empty() {
        return Err(StoreError::VoucherNotFound(voucher_id.0));
    }
    with_receipts(conn, lines, Some(voucher_id))
}

fn find_expense(conn: &Connection, id: ExpenseId) -> Result<Expense> {
    let line = conn
        .prepare_cached(&format!("{SELECT_LINES} WHERE e.id = ?1"))?
        .query_row([id.0], expense_from_row)
        .optional()?
        .ok_or(StoreError::ExpenseNotFound(id.0))?;
    let voucher = line.voucher_id;
    Ok(with_receipts(conn, vec![line], Some(voucher))?.remove(0))
}

/// A correction of one ledger line: the line is reversed (a line of the opposite sign that
/// names it) and, when `replacement` is given, replaced by a line that names it too, both on one
/// new voucher dated `date`.
#[derive(Debug, Clone)]
pub struct ExpenseCorrection {
    pub date: NaiveDate,
    /// Why: kept as the voucher's description (`訂正: …`).
    pub reason: String,
    pub replacement: Option<ExpenseSplit>,
}

/// Everything the budget is computed from, read in one go.
#[derive(Debug, Clone)]
pub struct BudgetRecords {
    pub project: Project,
    pub expenses: Vec<Expense>,
    pub staff_time: Vec<StaffTime>,
    pub subcontracts: Vec<Subcontract>,
    pub plan: Vec<CategoryAmount>,
}

impl BudgetRecords {
    /// Core's computation over these records.
    pub fn compute(&self) -> Result<Budget> {
        Ok(compute_budget(BudgetInput {
            terms: &self.project.terms,
            expenses: &self.expenses,
            staff_time: &self.staff_time,
            subcontracts: &self.subcontracts,
            plan: &self.plan,
        })?)
    }
}

impl Store {
    /// Books a voucher and its lines (one receipt split over categories is one voucher with
    /// several lines), in one transaction. A receipt already backing another voucher is refused
    /// ([`StoreError::ReceiptAlreadyUsed`]); nothing is written then.
    pub fn add_expense(&mut self, draft: ExpenseDraft, now: DateTime<Utc>) -> Result<Vec<Expense>> {
        let d = draft.normalized()?;
        let tx = self.conn.transaction()?;
        let lines: Vec<LineValues> = d
            .lines
            .iter()
            .map(|split| LineValues {
                split: split.clone(),
                corrects: d.corrects,
            })
            .collect();
        let voucher_id = insert_voucher(
            &tx,
            &VoucherValues {
                date: d.date,
                payee: &d.payee,
                description: &d.description,
                event_id: d.event_id,
                payment_method: d.payment_method,
                payment_id: None,
                subcontract_id: None,
                notes: &d.notes,
            },
            &lines,
            &d.receipts,
            now,
        )?;
        let stored = voucher_lines(&tx, voucher_id)?;
        tx.commit()?;
        Ok(stored)
    }

    /// Reverses a line and optionally replaces it (see [`ExpenseCorrection`]), in one
    /// transaction. The original stays as it was.
    pub fn correct_expense(
        &mut self,
        id: ExpenseId,
        correction: &ExpenseCorrection,
        now: DateTime<Utc>,
    ) -> Result<Vec<Expense>> {
        let reason = tsudoi_core::text::normalize_display(&correction.reason);
        if reason.is_empty() {
            return Err(tsudoi_core::ValidationError::ReasonRequired.into());
        }
        let tx = self.conn.transaction()?;
        let original = find_expense(&tx, id)?;
        let mut lines = vec![LineValues {
            split: ExpenseSplit {
                category: original.category,
                description: format!("取消: {}", original.description),
                amount: Yen(0).checked_sub(original.amount)?,
                tax: Yen(0).checked_sub(original.tax)?,
            },
            corrects: Some(id),
        }];
        if let Some(replacement) = &correction.replacement {
            let draft = ExpenseDraft {
                lines: vec![replacement.clone()],
                ..ExpenseDraft::single(
                    correction.date,
                    replacement.category,
                    Yen(0),
                    Yen(0),
                    "",
                    &original.description,
                )
            }
            .normalized()?;
            lines.extend(draft.lines.into_iter().map(|split| LineValues {
                split,
                corrects: Some(id),
            }));
        }
        let description = format!("訂正: {reason}");
        let voucher_id = insert_voucher(
            &tx,
            &VoucherValues {
                date: correction.date,
                payee: &original.payee,
                description: &description,
                event_id: original.event_id,
                payment_method: original.payment_method,
                payment_id: original.payment_id,
                subcontract_id: original.subcontract_id,
                notes: "",
            },
            &lines,
            &[],
            now,
        )?;
        let stored = voucher_lines(&tx, voucher_id)?;
        tx.commit()?;
        Ok(stored)
    }

    /// Adds a receipt file (by SHA-256) to a voucher that had none or needs another (the signed
    /// receipt of a speaker, an invoice that came later). The same file on another voucher is
    /// refused.
    pub fn attach_receipt(
        &mut self,
        voucher_id: VoucherId,
        sha256: &str,
        original_name: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Expense>> {
        let sha256 = normalize_sha256(sha256)?;
        let tx = self.conn.transaction()?;
        voucher_lines(&tx, voucher_id)?;
        insert_receipt(&tx, voucher_id, &sha256, original_name, now)?;
        let stored = voucher_lines(&tx, voucher_id)?;
        tx.commit()?;
        Ok(stored)
    }

    /// The voucher a receipt file backs, if any: lets a caller say so before copying the file.
    pub fn receipt_voucher(&self, sha256: &str) -> Result<Option<VoucherId>> {
        let sha256 = normalize_sha256(sha256)?;
        Ok(self
            .conn
            .prepare_cached("SELECT voucher_id FROM expense_receipt WHERE sha256 = ?1")?
            .query_row([sha256], |row| row.get(0))
            .optional()?
            .map(VoucherId))
    }

    pub fn expense(&self, id: ExpenseId) -> Result<Expense> {
        find_expense(&self.conn, id)
    }

    /// The lines of one voucher.
    pub fn voucher(&self, id: VoucherId) -> Result<Vec<Expense>> {
        voucher_lines(&self.conn, id)
    }

    /// Every ledger line, corrections included, by date.
    pub fn expenses(&self) -> Result<Vec<Expense>> {
        all_expenses(&self.conn)
    }

    /// Everything core's budget needs: the project, every ledger line, every staff time line,
    /// the subcontracts and the plan, read in one read transaction so they agree.
    pub fn budget_records(&self) -> Result<BudgetRecords> {
        // A read-only transaction: a shared borrow is enough, and nothing is written.
        let tx = self.conn.unchecked_transaction()?;
        let records = BudgetRecords {
            project: crate::project::read_project(&tx)?,
            expenses: all_expenses(&tx)?,
            staff_time: crate::staff_time::all_staff_time(&tx)?,
            subcontracts: crate::subcontract::all_subcontracts(&tx)?,
            plan: crate::project::read_plan(&tx)?,
        };
        tx.commit()?;
        Ok(records)
    }

    /// The budget: actuals, plan, by gathering, warnings.
    pub fn budget(&self) -> Result<Budget> {
        self.budget_records()?.compute()
    }
}

//! The `payment` and `payment_travel` tables: what was agreed with a payee for one gathering.
//! Only the inputs are stored; core computes the withholding when a payment is read.
//!
//! A payment becomes ledger lines in the same transaction: one voucher named by the payment
//! (`expense_voucher.payment_id`) with a 謝金 (`honoraria`) line for the fee (its stated
//! consumption tax as the line's tax) and a 旅費 (`travel`) line per travel cost, reimbursed or
//! paid to the carrier, split into the amount without tax and the tax at the project's rate
//! (fares and hotels are quoted with tax; the contract adds consumption tax on the subtotal, so
//! the ledger books them without it). A declined payment books only the travel paid to carriers.
//! A payment is never changed or deleted: it is voided with a reason, and its lines are
//! reversed by correction lines in the same transaction.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use tsudoi_core::agenda::SpeakerId;
use tsudoi_core::money::budget::ExpenseCategory;
use tsudoi_core::money::ledger::{ExpenseId, ExpenseSplit, PaymentMethod};
use tsudoi_core::money::payment::{
    payment_records, payment_warnings, tax_by_month, PayeeId, Payment, PaymentCircumstances, PaymentDraft,
    PaymentId, PaymentRecordLine, PaymentWarning, TaxMonth,
};
use tsudoi_core::money::withholding::{PayeeKind, PaymentTerms, TravelLine, TravelPaidTo};
use tsudoi_core::money::{split_tax_included, Yen};
use tsudoi_core::text::search_key;
use tsudoi_core::EventId;

use crate::event::find_event;
use crate::expense::{insert_voucher, LineValues, VoucherValues};
use crate::payee::find_payee;
use crate::sql::{get_choice, get_date, timestamp};
use crate::{Result, Store, StoreError};

const COLUMNS: &str = "p.id, p.payee_id, y.name, p.payee_kind, p.event_id, p.paid_on, p.fee, p.fee_is_net,
                       p.consumption_tax, p.declined, p.notes, p.voided_reason";

fn travel_of(conn: &Connection, id: i64) -> Result<Vec<TravelLine>> {
    let lines = conn
        .prepare_cached(
            "SELECT description, amount, paid_to, receipt_sha256 FROM payment_travel WHERE payment_id = ?1 ORDER BY position",
        )?
        .query_map([id], |row| {
            Ok(TravelLine {
                description: row.get(0)?,
                amount: Yen(row.get(1)?),
                paid_to: get_choice(row, 2, TravelPaidTo::parse)?,
                receipt_sha256: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(lines)
}

/// Reads payments matching `filter` (an SQL condition on `p`) with their travel, computing each.
fn read_payments(conn: &Connection, filter: &str, id: Option<i64>) -> Result<Vec<Payment>> {
    let rows: Vec<(Payment, i64)> = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM payment p JOIN payee y ON y.id = p.payee_id WHERE {filter} ORDER BY p.paid_on, p.id"
        ))?
        .query_map([id], |row| {
            let id: i64 = row.get(0)?;
            let terms = PaymentTerms {
                payee_kind: get_choice(row, 3, PayeeKind::parse)?,
                fee: Yen(row.get(6)?),
                fee_is_net: row.get(7)?,
                consumption_tax: Yen(row.get(8)?),
                travel: Vec::new(),
                declined: row.get(9)?,
            };
            Ok((
                Payment {
                    id: PaymentId(id),
                    payee_id: PayeeId(row.get(1)?),
                    payee_name: row.get(2)?,
                    event_id: row.get::<_, Option<i64>>(4)?.map(EventId),
                    paid_on: get_date(row, 5)?,
                    terms,
                    notes: row.get(10)?,
                    voided_reason: row.get(11)?,
                    calculation: Default::default(),
                },
                id,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut payments = Vec::with_capacity(rows.len());
    for (mut payment, id) in rows {
        payment.terms.travel = travel_of(conn, id)?;
        payment.calculation = payment.terms.calculate()?;
        payments.push(payment);
    }
    Ok(payments)
}

fn find_payment(conn: &Connection, id: PaymentId) -> Result<Payment> {
    read_payments(conn, "p.id = ?1", Some(id.0))?
        .pop()
        .ok_or(StoreError::PaymentNotFound(id.0))
}

fn all_payments(conn: &Connection) -> Result<Vec<Payment>> {
    read_payments(conn, "?1 IS NULL", None)
}

/// The ledger lines of a payment (see the module's comment).
fn ledger_lines(payment: &Payment, rate: tsudoi_core::money::Rate) -> Result<Vec<LineValues>> {
    let mut lines = Vec::new();
    let c = &payment.calculation;
    if !payment.terms.declined && (c.fee.0 > 0 || c.consumption_tax.0 > 0) {
        lines.push(LineValues {
            split: ExpenseSplit {
                category: ExpenseCategory::Honoraria,
                description: format!("謝金 {}", payment.payee_name),
                amount: c.fee,
                tax: c.consumption_tax,
            },
            corrects: None,
        });
    }
    for travel in &payment.terms.travel {
        if payment.terms.declined && travel.paid_to == TravelPaidTo::Payee {
            continue;
        }
        let (amount, tax) = split_tax_included(travel.amount, rate)?;
        let how = match travel.paid_to {
            TravelPaidTo::Payee => "本人精算",
            TravelPaidTo::Carrier => "直接支払",
        };
        lines.push(LineValues {
            split: ExpenseSplit {
                category: ExpenseCategory::Travel,
                description: format!("旅費 {}（{how}）", travel.description),
                amount,
                tax,
            },
            corrects: None,
        });
    }
    Ok(lines)
}

impl Store {
    /// Records a payment and books it in the ledger, in one transaction, and returns it with
    /// its calculation. The payee's kind is kept on the payment.
    pub fn add_payment(&mut self, draft: PaymentDraft, now: DateTime<Utc>) -> Result<Payment> {
        let d = draft.normalized()?;
        let tx = self.conn.transaction()?;
        let payee = find_payee(&tx, d.payee_id)?;
        if let Some(event_id) = d.event_id {
            find_event(&tx, event_id)?;
        }
        let terms = PaymentTerms {
            payee_kind: payee.details.kind,
            ..d.terms
        };
        terms.calculate()?;
        tx.execute(
            "INSERT INTO payment (payee_id, payee_kind, event_id, paid_on, fee, fee_is_net, consumption_tax, declined,
                                  notes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                payee.id.0,
                terms.payee_kind.as_str(),
                d.event_id.map(|e| e.0),
                d.paid_on.to_string(),
                terms.fee.0,
                terms.fee_is_net,
                terms.consumption_tax.0,
                terms.declined,
                d.notes,
                timestamp(now)
            ],
        )?;
        let id = PaymentId(tx.last_insert_rowid());
        for (position, line) in terms.travel.iter().enumerate() {
            tx.execute(
                "INSERT INTO payment_travel (payment_id, position, description, amount, paid_to, receipt_sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id.0, position as i64, line.description, line.amount.0, line.paid_to.as_str(), line.receipt_sha256],
            )?;
        }
        let payment = find_payment(&tx, id)?;
        let rate = crate::project::read_project(&tx)?.terms.consumption_tax_rate;
        let lines = ledger_lines(&payment, rate)?;
        if !lines.is_empty() {
            let mut receipts: Vec<String> = Vec::new();
            for hash in terms.travel.iter().filter_map(|t| t.receipt_sha256.clone()) {
                if !receipts.contains(&hash) {
                    receipts.push(hash);
                }
            }
            let description = format!("謝金・旅費 {}", payee.details.name);
            insert_voucher(
                &tx,
                &VoucherValues {
                    date: d.paid_on,
                    payee: &payee.details.name,
                    description: &description,
                    event_id: d.event_id,
                    payment_method: PaymentMethod::BankTransfer,
                    payment_id: Some(id),
                    subcontract_id: None,
                    notes: "",
                },
                &lines,
                &receipts,
                now,
            )?;
        }
        tx.commit()?;
        Ok(payment)
    }

    pub fn payment(&self, id: PaymentId) -> Result<Payment> {
        find_payment(&self.conn, id)
    }

    /// Every payment (void ones included, marked), by date.
    pub fn payments(&self) -> Result<Vec<Payment>> {
        all_payments(&self.conn)
    }

    /// The ledger lines a payment wrote (and their corrections).
    pub fn payment_expenses(&self, id: PaymentId) -> Result<Vec<tsudoi_core::money::ledger::Expense>> {
        find_payment(&self.conn, id)?;
        Ok(crate::expense::all_expenses(&self.conn)?
            .into_iter()
            .filter(|e| e.payment_id == Some(id))
            .collect())
    }

    /// Cancels a payment with a reason: it stays, counts in no tax summary, and every ledger
    /// line it wrote is brought back to zero by a correction line, in one transaction.
    pub fn void_payment(&mut self, id: PaymentId, reason: &str, now: DateTime<Utc>) -> Result<Payment> {
        let reason = tsudoi_core::text::normalize_display(reason);
        if reason.is_empty() {
            return Err(tsudoi_core::ValidationError::ReasonRequired.into());
        }
        let tx = self.conn.transaction()?;
        let payment = find_payment(&tx, id)?;
        if payment.is_void() {
            return Err(StoreError::PaymentAlreadyVoid(id.0));
        }
        tx.execute(
            "UPDATE payment SET voided_at = ?2, voided_reason = ?3 WHERE id = ?1",
            params![id.0, timestamp(now), reason],
        )?;
        // What each original line of the payment still amounts to, its corrections included.
        let standing: Vec<(i64, String, String, i64, i64)> = tx
            .prepare(
                "SELECT e.id, e.category, e.description,
                        e.amount + coalesce((SELECT sum(c.amount) FROM expense c WHERE c.corrects = e.id), 0),
                        e.tax + coalesce((SELECT sum(c.tax) FROM expense c WHERE c.corrects = e.id), 0)
                 FROM expense e JOIN expense_voucher v ON v.id = e.voucher_id
                 WHERE v.payment_id = ?1 AND e.corrects IS NULL ORDER BY e.id",
            )?
            .query_map([id.0], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut lines = Vec::new();
        for (line_id, category, description, amount, tax) in standing {
            if amount == 0 && tax == 0 {
                continue;
            }
            lines.push(LineValues {
                split: ExpenseSplit {
                    category: ExpenseCategory::parse(&category)?,
                    description: format!("取消: {description}"),
                    amount: Yen(0).checked_sub(Yen(amount))?,
                    tax: Yen(0).checked_sub(Yen(tax))?,
                },
                corrects: Some(ExpenseId(line_id)),
            });
        }
        if !lines.is_empty() {
            let description = format!("支払取消: {reason}");
            insert_voucher(
                &tx,
                &VoucherValues {
                    // The day in Japan, where the books are kept (UTC+9, no summer time).
                    date: (now + chrono::Duration::hours(9)).date_naive(),
                    payee: &payment.payee_name,
                    description: &description,
                    event_id: payment.event_id,
                    payment_method: PaymentMethod::BankTransfer,
                    payment_id: Some(id),
                    subcontract_id: None,
                    notes: "",
                },
                &lines,
                &[],
                now,
            )?;
        }
        let payment = find_payment(&tx, id)?;
        tx.commit()?;
        Ok(payment)
    }

    /// What to look at again about a payment: the payee registered as an ordinary attendee of
    /// the gathering, a fee without a talk in its programme, a date outside the contract period.
    pub fn payment_warnings(&self, id: PaymentId) -> Result<Vec<PaymentWarning>> {
        let payment = find_payment(&self.conn, id)?;
        self.draft_payment_warnings(
            payment.payee_id,
            payment.event_id,
            payment.paid_on,
            !payment.terms.declined && payment.calculation.fee.0 > 0,
        )
    }

    /// The same warnings for a payment not yet recorded, so that both doors show them before it
    /// is saved: `has_fee` is whether it pays a fee (not declined, above zero).
    pub fn draft_payment_warnings(
        &self,
        payee_id: PayeeId,
        event_id: Option<EventId>,
        paid_on: NaiveDate,
        has_fee: bool,
    ) -> Result<Vec<PaymentWarning>> {
        let payee = find_payee(&self.conn, payee_id)?;
        let key = search_key(&payee.details.name);
        let payee_is_attendee = match event_id {
            Some(event_id) => self
                .conn
                .prepare_cached(
                    "SELECT name FROM attendee
                     WHERE event_id = ?1 AND status = 'registered' AND category <> 'stakeholder'
                       AND erased_at IS NULL",
                )?
                .query_map([event_id.0], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .iter()
                .any(|name| search_key(name) == key),
            None => false,
        };
        let has_talk = match payee.details.speaker_id {
            Some(SpeakerId(speaker)) => self.conn.query_row(
                "SELECT EXISTS (
                     SELECT 1 FROM agenda_item i
                     WHERE (?2 IS NULL OR i.event_id = ?2)
                       AND (i.moderator_id = ?1
                            OR EXISTS (SELECT 1 FROM agenda_speaker s WHERE s.agenda_item_id = i.id AND s.speaker_id = ?1)))",
                params![speaker, event_id.map(|e| e.0)],
                |row| row.get(0),
            )?,
            None => false,
        };
        let project = crate::project::read_project(&self.conn)?;
        Ok(payment_warnings(&PaymentCircumstances {
            payee_is_attendee,
            has_talk,
            has_fee,
            paid_on: Some(paid_on),
            period: project.terms.period,
        }))
    }

    /// The tax withheld by month of payment, with each month's due date.
    pub fn tax_months(&self) -> Result<Vec<TaxMonth>> {
        Ok(tax_by_month(&all_payments(&self.conn)?)?)
    }

    /// Per payee per calendar year: totals paid and withheld, and whether a 支払調書 is needed.
    pub fn payment_records(&self) -> Result<Vec<PaymentRecordLine>> {
        Ok(payment_records(&all_payments(&self.conn)?)?)
    }
}

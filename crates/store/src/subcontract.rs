//! The `subcontract` table: work given to another company (再委託・外注). Adding one books its
//! amount in the ledger (category `subcontract`, split into the amount without tax and the tax
//! at the project's rate) on a voucher that names it, in the same transaction.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};
use tsudoi_core::money::budget::ExpenseCategory;
use tsudoi_core::money::ledger::{ExpenseSplit, PaymentMethod, Subcontract, SubcontractDraft, SubcontractId};
use tsudoi_core::money::{split_tax_included, Yen};
use tsudoi_core::EventId;

use crate::expense::{insert_voucher, LineValues, VoucherValues};
use crate::sql::{get_date, timestamp};
use crate::{Result, Store};

const COLUMNS: &str = "id, name, amount_with_tax, scope, selection, touches_core_management, date, event_id";

fn subcontract_from_row(row: &Row<'_>) -> rusqlite::Result<Subcontract> {
    Ok(Subcontract {
        id: SubcontractId(row.get(0)?),
        details: SubcontractDraft {
            name: row.get(1)?,
            amount_with_tax: Yen(row.get(2)?),
            scope: row.get(3)?,
            selection: row.get(4)?,
            touches_core_management: row.get(5)?,
            date: get_date(row, 6)?,
            event_id: row.get::<_, Option<i64>>(7)?.map(EventId),
        },
    })
}

pub(crate) fn all_subcontracts(conn: &Connection) -> Result<Vec<Subcontract>> {
    let list = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM subcontract ORDER BY date, id"))?
        .query_map([], subcontract_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}

impl Store {
    /// Records a subcontract and books it in the ledger, in one transaction. The invoice is
    /// attached later to the voucher ([`Store::attach_receipt`]); a change of amount is a
    /// correction of the ledger line.
    pub fn add_subcontract(&mut self, draft: SubcontractDraft, now: DateTime<Utc>) -> Result<Subcontract> {
        let d = draft.normalized()?;
        let tx = self.conn.transaction()?;
        let rate = crate::project::read_project(&tx)?.terms.consumption_tax_rate;
        tx.execute(
            "INSERT INTO subcontract (name, amount_with_tax, scope, selection, touches_core_management, date, event_id,
                                      created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                d.name,
                d.amount_with_tax.0,
                d.scope,
                d.selection,
                d.touches_core_management,
                d.date.to_string(),
                d.event_id.map(|e| e.0),
                timestamp(now)
            ],
        )?;
        let id = SubcontractId(tx.last_insert_rowid());
        let (amount, tax) = split_tax_included(d.amount_with_tax, rate)?;
        let description = format!("再委託・外注: {}", d.scope);
        insert_voucher(
            &tx,
            &VoucherValues {
                date: d.date,
                payee: &d.name,
                description: &description,
                event_id: d.event_id,
                payment_method: PaymentMethod::BankTransfer,
                payment_id: None,
                subcontract_id: Some(id),
                notes: "",
            },
            &[LineValues {
                split: ExpenseSplit {
                    category: ExpenseCategory::Subcontract,
                    description: description.clone(),
                    amount,
                    tax,
                },
                corrects: None,
            }],
            &[],
            now,
        )?;
        let stored = tx
            .prepare_cached(&format!("SELECT {COLUMNS} FROM subcontract WHERE id = ?1"))?
            .query_row([id.0], subcontract_from_row)?;
        tx.commit()?;
        Ok(stored)
    }

    /// Every subcontract, by date.
    pub fn subcontracts(&self) -> Result<Vec<Subcontract>> {
        all_subcontracts(&self.conn)
    }
}

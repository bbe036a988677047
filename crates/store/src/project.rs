//! The `project` table (the contract record, 事業: one row, defaults until it is set) and the
//! `budget_plan` table (the planned amounts by category).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use tsudoi_core::money::budget::{CategoryAmount, ContractTerms, ExpenseCategory, Project, ProjectChange};
use tsudoi_core::money::{Rate, Yen};

use crate::sql::{get_choice, get_date, timestamp};
use crate::{Result, Store};

/// The project as stored, or the defaults when it was never set.
pub(crate) fn read_project(conn: &Connection) -> Result<Project> {
    let project = conn
        .prepare_cached(
            "SELECT title, contract_number, bureau_section, contractor, period_start, period_end, cap,
                    overhead_rate_bp, consumption_tax_rate_bp
             FROM project WHERE id = 1",
        )?
        .query_row([], |row| {
            let has_period =
                row.get::<_, Option<String>>(4)?.is_some() && row.get::<_, Option<String>>(5)?.is_some();
            let period = if has_period {
                Some((get_date(row, 4)?, get_date(row, 5)?))
            } else {
                None
            };
            Ok(Project {
                title: row.get(0)?,
                contract_number: row.get(1)?,
                bureau_section: row.get(2)?,
                contractor: row.get(3)?,
                terms: ContractTerms {
                    cap: Yen(row.get(6)?),
                    overhead_rate: Rate(row.get(7)?),
                    consumption_tax_rate: Rate(row.get(8)?),
                    period,
                },
            })
        })
        .optional()?;
    Ok(project.unwrap_or_default())
}

impl Store {
    /// The contract record; its defaults (cap ¥5,000,000, overhead 10%, consumption tax 10%, no
    /// period) until someone sets it.
    pub fn project(&self) -> Result<Project> {
        read_project(&self.conn)
    }

    /// Sets the fields `change` names, creating the row on the first call.
    pub fn set_project(&mut self, change: &ProjectChange, now: DateTime<Utc>) -> Result<Project> {
        let tx = self.conn.transaction()?;
        let project = read_project(&tx)?.changed(change)?;
        let period = project.terms.period;
        tx.execute(
            "INSERT INTO project (id, title, contract_number, bureau_section, contractor, period_start, period_end, cap,
                                  overhead_rate_bp, consumption_tax_rate_bp, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (id) DO UPDATE SET
                 title = excluded.title, contract_number = excluded.contract_number,
                 bureau_section = excluded.bureau_section, contractor = excluded.contractor,
                 period_start = excluded.period_start, period_end = excluded.period_end, cap = excluded.cap,
                 overhead_rate_bp = excluded.overhead_rate_bp,
                 consumption_tax_rate_bp = excluded.consumption_tax_rate_bp, updated_at = excluded.updated_at",
            params![
                project.title,
                project.contract_number,
                project.bureau_section,
                project.contractor,
                period.map(|(start, _)| start.to_string()),
                period.map(|(_, end)| end.to_string()),
                project.terms.cap.0,
                project.terms.overhead_rate.0,
                project.terms.consumption_tax_rate.0,
                timestamp(now),
            ],
        )?;
        tx.commit()?;
        Ok(project)
    }

    /// The planned amounts by category, in the form's order; empty when no plan is set.
    pub fn budget_plan(&self) -> Result<Vec<CategoryAmount>> {
        read_plan(&self.conn)
    }

    /// Replaces the plan with `amounts` (a category named twice is summed), in one transaction.
    /// 一般管理費 is computed, so it cannot be planned by hand.
    pub fn set_budget_plan(&mut self, amounts: &[CategoryAmount]) -> Result<Vec<CategoryAmount>> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM budget_plan", [])?;
        for amount in amounts {
            if amount.category == ExpenseCategory::GeneralAdmin {
                return Err(tsudoi_core::money::MoneyError::GeneralAdminBooked.into());
            }
            if amount.amount.is_negative() {
                return Err(tsudoi_core::money::MoneyError::Negative {
                    field: "予算額 / planned amount",
                }
                .into());
            }
            tx.execute(
                "INSERT INTO budget_plan (category, amount) VALUES (?1, ?2)
                 ON CONFLICT (category) DO UPDATE SET amount = amount + excluded.amount",
                params![amount.category.as_str(), amount.amount.0],
            )?;
        }
        let plan = read_plan(&tx)?;
        tx.commit()?;
        Ok(plan)
    }
}

pub(crate) fn read_plan(conn: &Connection) -> Result<Vec<CategoryAmount>> {
    let mut plan: Vec<CategoryAmount> = conn
        .prepare_cached("SELECT category, amount FROM budget_plan")?
        .query_map([], |row| {
            Ok(CategoryAmount {
                category: get_choice(row, 0, ExpenseCategory::parse)?,
                amount: Yen(row.get(1)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    plan.sort_by_key(|a| ExpenseCategory::ALL.iter().position(|c| *c == a.category));
    Ok(plan)
}

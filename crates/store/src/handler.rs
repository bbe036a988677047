//! The `handler` table: the information-handler roster, the PIN hashes, wrong-PIN counts, and
//! the roster's history (`handler_change`).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};
use serde::Serialize;
use tsudoi_core::handler::{HandlerDraft, HandlerOrganization, HandlerRole, ServiceDraft};

use crate::sql::{get_choice, get_optional_timestamp, get_timestamp, timestamp};
use crate::{Result, Store, StoreError};

/// A person on the roster. The PIN hash never leaves the store except for checking a PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Handler {
    pub id: i64,
    #[serde(flatten)]
    pub details: HandlerDraft,
    pub active: bool,
    /// Wrong PINs in a row.
    pub failures: u32,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub wait_until: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
}

impl Handler {
    /// The roster as everyone but the 情報管理責任者 sees it: no sensitive columns.
    pub fn without_sensitive(mut self) -> Handler {
        self.details.home_address.clear();
        self.details.birth_date.clear();
        self.details.passport_number.clear();
        self.details.nationality.clear();
        self
    }
}

const COLUMNS: &str = "id, name, department, title, organization, company, role, home_address, birth_date, \
     passport_number, nationality, active, failures, wait_until, created_at";

fn handler_from_row(row: &Row<'_>) -> rusqlite::Result<Handler> {
    Ok(Handler {
        id: row.get(0)?,
        details: HandlerDraft {
            name: row.get(1)?,
            department: row.get(2)?,
            title: row.get(3)?,
            organization: get_choice(row, 4, HandlerOrganization::parse)?,
            company: row.get(5)?,
            role: get_choice(row, 6, HandlerRole::parse)?,
            home_address: row.get(7)?,
            birth_date: row.get(8)?,
            passport_number: row.get(9)?,
            nationality: row.get(10)?,
        },
        active: row.get(11)?,
        failures: row.get(12)?,
        wait_until: get_optional_timestamp(row, 13)?,
        created_at: get_timestamp(row, 14)?,
    })
}

/// A validated draft's columns as named parameters, shared by the insert and the update.
/// `choices` holds the draft's organisation and role as text.
fn draft_values<'a>(
    d: &'a HandlerDraft,
    choices: &'a [&'static str; 2],
) -> Vec<(&'static str, &'a dyn ToSql)> {
    vec![
        (":name", &d.name),
        (":department", &d.department),
        (":title", &d.title),
        (":organization", &choices[0]),
        (":company", &d.company),
        (":role", &choices[1]),
        (":home_address", &d.home_address),
        (":birth_date", &d.birth_date),
        (":passport_number", &d.passport_number),
        (":nationality", &d.nationality),
    ]
}

fn record_change(
    conn: &Connection,
    handler_id: i64,
    actor: &str,
    change: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO handler_change (handler_id, at, actor, change) VALUES (?1, ?2, ?3, ?4)",
        params![handler_id, timestamp(now), actor, change],
    )?;
    Ok(())
}

/// One entry of the roster's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandlerChange {
    pub handler_id: i64,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    pub actor: String,
    pub change: String,
}

impl Store {
    /// How many active people the roster has; none means the database works as before the roster
    /// (the demo, a fresh file), until the first handler is added.
    pub fn n_handlers(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM handler WHERE active = 1", [], |row| {
                row.get(0)
            })?)
    }

    /// Adds a person to the roster with their PIN's hash; the change is kept with who made it.
    pub fn add_handler(
        &mut self,
        draft: HandlerDraft,
        pin_hash: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Handler> {
        let d = draft.normalized()?;
        let tx = self.conn.transaction()?;
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM handler WHERE name = ?1)",
            [&d.name],
            |row| row.get(0),
        )?;
        if taken {
            return Err(StoreError::HandlerExists(d.name));
        }
        let choices = [d.organization.as_str(), d.role.as_str()];
        let mut values = draft_values(&d, &choices);
        let (hash, at) = (pin_hash, timestamp(now));
        values.extend([(":pin_hash", &hash as &dyn ToSql), (":at", &at)]);
        tx.execute(
            "INSERT INTO handler (name, department, title, organization, company, role, home_address, birth_date,
                                  passport_number, nationality, pin_hash, created_at, updated_at)
             VALUES (:name, :department, :title, :organization, :company, :role, :home_address, :birth_date,
                     :passport_number, :nationality, :pin_hash, :at, :at)",
            values.as_slice(),
        )?;
        let id = tx.last_insert_rowid();
        record_change(&tx, id, actor, &format!("added as {}", d.role.as_str()), now)?;
        let handler = find_handler(&tx, id)?;
        tx.commit()?;
        Ok(handler)
    }

    /// Changes a person's details, role or whether they are still on the roster (a handler who
    /// leaves is kept, inactive, so the log's names stay explained). Each change is kept with who
    /// made it, and `audit` is written with the changes as its detail in the same transaction, so
    /// the roster and the privacy log change together (nothing is logged when nothing changed).
    pub fn update_handler(
        &mut self,
        id: i64,
        draft: HandlerDraft,
        active: bool,
        actor: &str,
        audit: &crate::AuditRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<Handler> {
        let d = draft.normalized()?;
        let tx = self.conn.transaction()?;
        let before = find_handler(&tx, id)?;
        if before.details.name != d.name {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM handler WHERE name = ?1 AND id != ?2)",
                params![d.name, id],
                |row| row.get(0),
            )?;
            if taken {
                return Err(StoreError::HandlerExists(d.name));
            }
        }
        let stays_officer = active && d.role == HandlerRole::Officer;
        if before.details.role == HandlerRole::Officer && before.active && !stays_officer {
            let others: u32 = tx.query_row(
                "SELECT count(*) FROM handler WHERE role = 'officer' AND active = 1 AND id != ?1",
                [id],
                |row| row.get(0),
            )?;
            if others == 0 {
                return Err(StoreError::LastOfficer);
            }
        }
        let mut changes = Vec::new();
        let b = &before.details;
        for (field, old, new) in [
            ("name", b.name.as_str(), d.name.as_str()),
            ("role", b.role.as_str(), d.role.as_str()),
            ("department", &b.department, &d.department),
            ("title", &b.title, &d.title),
            ("organization", b.organization.as_str(), d.organization.as_str()),
            ("company", &b.company, &d.company),
        ] {
            if old != new {
                changes.push(format!("{field}: {old} → {new}"));
            }
        }
        if (
            b.home_address.as_str(),
            b.birth_date.as_str(),
            b.passport_number.as_str(),
            b.nationality.as_str(),
        ) != (
            d.home_address.as_str(),
            d.birth_date.as_str(),
            d.passport_number.as_str(),
            d.nationality.as_str(),
        ) {
            // The sensitive values themselves never go into the history.
            changes.push("sensitive columns changed".to_string());
        }
        if before.active != active {
            changes.push(
                if active {
                    "back on the roster"
                } else {
                    "left the roster"
                }
                .to_string(),
            );
        }
        let choices = [d.organization.as_str(), d.role.as_str()];
        let mut values = draft_values(&d, &choices);
        let at = timestamp(now);
        values.extend([(":id", &id as &dyn ToSql), (":active", &active), (":at", &at)]);
        tx.execute(
            "UPDATE handler SET name = :name, department = :department, title = :title, organization = :organization,
                                company = :company, role = :role, home_address = :home_address,
                                birth_date = :birth_date, passport_number = :passport_number,
                                nationality = :nationality, active = :active, updated_at = :at
             WHERE id = :id",
            values.as_slice(),
        )?;
        let summary = changes.join("; ");
        if !changes.is_empty() {
            record_change(&tx, id, actor, &summary, now)?;
            let line = crate::AuditRecord {
                detail: &summary,
                ..audit.clone()
            };
            crate::audit::record(&tx, &line, now)?;
        }
        let handler = find_handler(&tx, id)?;
        tx.commit()?;
        Ok(handler)
    }

    /// The roster in the order people were added.
    pub fn handlers(&self) -> Result<Vec<Handler>> {
        let mut statement = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM handler ORDER BY id"))?;
        let handlers = statement
            .query_map([], handler_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(handlers)
    }

    /// An active handler by name, with their PIN's hash, for signing in.
    pub fn handler_for_sign_in(&self, name: &str) -> Result<Option<(Handler, String)>> {
        let found = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS}, pin_hash FROM handler WHERE name = ?1 AND active = 1"),
                [name.trim()],
                |row| Ok((handler_from_row(row)?, row.get::<_, String>(15)?)),
            )
            .optional()?;
        Ok(found)
    }

    /// Counts a wrong PIN and sets until when the next try must wait.
    pub fn record_failed_sign_in(&mut self, id: i64, wait_until: Option<DateTime<Utc>>) -> Result<u32> {
        self.conn.execute(
            "UPDATE handler SET failures = failures + 1, wait_until = ?2 WHERE id = ?1",
            params![id, wait_until.map(timestamp)],
        )?;
        Ok(self
            .conn
            .query_row("SELECT failures FROM handler WHERE id = ?1", [id], |row| {
                row.get(0)
            })?)
    }

    /// A right PIN: the count of wrong ones starts again.
    pub fn record_sign_in(&mut self, id: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE handler SET failures = 0, wait_until = NULL WHERE id = ?1",
            [id],
        )?;
        Ok(())
    }

    /// The roster's history, newest first.
    pub fn handler_changes(&self) -> Result<Vec<HandlerChange>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT handler_id, at, actor, change FROM handler_change ORDER BY id DESC")?;
        let changes = statement
            .query_map([], |row| {
                Ok(HandlerChange {
                    handler_id: row.get(0)?,
                    at: get_timestamp(row, 1)?,
                    actor: row.get(2)?,
                    change: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(changes)
    }
}

fn find_handler(conn: &Connection, id: i64) -> Result<Handler> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM handler WHERE id = ?1"),
        [id],
        handler_from_row,
    )
    .optional()?
    .ok_or(StoreError::HandlerNotFound(id))
}

/// An external service in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExternalService {
    pub id: i64,
    #[serde(flatten)]
    pub details: ServiceDraft,
    pub created_by: String,
}

impl Store {
    /// Adds a service to the register (or, with `id`, changes one).
    pub fn save_service(
        &mut self,
        id: Option<i64>,
        draft: ServiceDraft,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<ExternalService> {
        let d = draft.normalized()?;
        let approved_on = Some(d.approved_on.as_str()).filter(|a| !a.is_empty());
        let id = match id {
            Some(id) => {
                let n = self.conn.execute(
                    "UPDATE external_service SET name = ?2, purpose = ?3, personal_data = ?4, approved_on = ?5,
                                                 approved_by = ?6, updated_at = ?7
                     WHERE id = ?1",
                    params![id, d.name, d.purpose, d.personal_data, approved_on, d.approved_by, timestamp(now)],
                )?;
                if n == 0 {
                    return Err(StoreError::ServiceNotFound(id));
                }
                id
            }
            None => {
                self.conn.execute(
                    "INSERT INTO external_service (name, purpose, personal_data, approved_on, approved_by, created_by,
                                                   created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![d.name, d.purpose, d.personal_data, approved_on, d.approved_by, actor, timestamp(now)],
                )?;
                self.conn.last_insert_rowid()
            }
        };
        self.services()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or(StoreError::ServiceNotFound(id))
    }

    /// The register, in the order services were added.
    pub fn services(&self) -> Result<Vec<ExternalService>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name, purpose, personal_data, coalesce(approved_on, ''), approved_by, created_by
             FROM external_service ORDER BY id",
        )?;
        let services = statement
            .query_map([], |row| {
                Ok(ExternalService {
                    id: row.get(0)?,
                    details: ServiceDraft {
                        name: row.get(1)?,
                        purpose: row.get(2)?,
                        personal_data: row.get(3)?,
                        approved_on: row.get(4)?,
                        approved_by: row.get(5)?,
                    },
                    created_by: row.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(services)
    }
}

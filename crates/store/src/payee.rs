//! The `payee` table: people and companies paid by the project. The address and bank details are
//! sensitive and only leave through callers that check the handler's role; there is no column
//! for the individual number (マイナンバー).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use tsudoi_core::agenda::SpeakerId;
use tsudoi_core::money::payment::{Payee, PayeeDraft, PayeeId};
use tsudoi_core::money::withholding::PayeeKind;
use tsudoi_core::privacy::{AuditAction, AuditDetail};

use crate::sql::{get_choice, timestamp};
use crate::{AuditRecord, Result, Store, StoreError};

const COLUMNS: &str = "id, name, kana, kind, speaker_id, address, bank_account, notes";

fn payee_from_row(row: &Row<'_>) -> rusqlite::Result<Payee> {
    Ok(Payee {
        id: PayeeId(row.get(0)?),
        details: PayeeDraft {
            name: row.get(1)?,
            kana: row.get(2)?,
            kind: get_choice(row, 3, PayeeKind::parse)?,
            speaker_id: row.get::<_, Option<i64>>(4)?.map(SpeakerId),
            address: row.get(5)?,
            bank_account: row.get(6)?,
            notes: row.get(7)?,
        },
    })
}

pub(crate) fn find_payee(conn: &Connection, id: PayeeId) -> Result<Payee> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM payee WHERE id = ?1"))?
        .query_row([id.0], payee_from_row)
        .optional()?
        .ok_or(StoreError::PayeeNotFound(id.0))
}

fn require_speaker(conn: &Connection, speaker: Option<SpeakerId>) -> Result<()> {
    if let Some(speaker) = speaker {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM speaker WHERE id = ?1)",
            [speaker.0],
            |row| row.get(0),
        )?;
        if !exists {
            return Err(StoreError::SpeakerNotFound(speaker.0));
        }
    }
    Ok(())
}

/// The names of the fields that differ between two versions of a payee (for a new payee: those
/// given). Names only: the privacy log never holds an address or a bank account.
fn changed_fields(before: &PayeeDraft, after: &PayeeDraft) -> Vec<String> {
    [
        ("name", before.name != after.name),
        ("kana", before.kana != after.kana),
        ("kind", before.kind != after.kind),
        ("speaker", before.speaker_id != after.speaker_id),
        ("address", before.address != after.address),
        ("bank_account", before.bank_account != after.bank_account),
        ("notes", before.notes != after.notes),
    ]
    .into_iter()
    .filter(|(_, changed)| *changed)
    .map(|(field, _)| field.to_string())
    .collect()
}

fn log_change(
    conn: &Connection,
    actor: &str,
    payee: PayeeId,
    added: bool,
    fields: Vec<String>,
    now: DateTime<Utc>,
) -> Result<()> {
    let detail = AuditDetail::PayeeChange {
        payee: payee.0,
        added,
        fields,
    }
    .encode();
    crate::audit::record(
        conn,
        &AuditRecord {
            actor,
            action: AuditAction::PayeeChange,
            event_id: None,
            n_people: 1,
            file: "",
            detail: &detail,
        },
        now,
    )
}

impl Store {
    /// Adds a payee, optionally linked to a speaker of the programme, and writes a privacy-log
    /// line (who added which payee, with the fields given, never their values) in the same
    /// transaction.
    pub fn add_payee(&mut self, draft: PayeeDraft, actor: &str, now: DateTime<Utc>) -> Result<Payee> {
        let d = draft.normalized()?;
        let tx = self.conn.transaction()?;
        require_speaker(&tx, d.speaker_id)?;
        tx.execute(
            "INSERT INTO payee (name, kana, kind, speaker_id, address, bank_account, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                d.name,
                d.kana,
                d.kind.as_str(),
                d.speaker_id.map(|s| s.0),
                d.address,
                d.bank_account,
                d.notes,
                timestamp(now)
            ],
        )?;
        let payee = find_payee(&tx, PayeeId(tx.last_insert_rowid()))?;
        let given = changed_fields(&PayeeDraft::default(), &payee.details);
        log_change(&tx, actor, payee.id, true, given, now)?;
        tx.commit()?;
        Ok(payee)
    }

    /// Changes a payee's details. Payments already made keep the kind (individual or company)
    /// they were made with: it is stored on each payment. A change writes a privacy-log line
    /// naming the payee's number and the fields changed (never their values) in the same
    /// transaction; saving the same details again writes none.
    pub fn update_payee(
        &mut self,
        id: PayeeId,
        draft: PayeeDraft,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Payee> {
        let d = draft.normalized()?;
        let tx = self.conn.transaction()?;
        let before = find_payee(&tx, id)?;
        require_speaker(&tx, d.speaker_id)?;
        tx.execute(
            "UPDATE payee SET name = ?2, kana = ?3, kind = ?4, speaker_id = ?5, address = ?6, bank_account = ?7,
                              notes = ?8, updated_at = ?9
             WHERE id = ?1",
            params![
                id.0,
                d.name,
                d.kana,
                d.kind.as_str(),
                d.speaker_id.map(|s| s.0),
                d.address,
                d.bank_account,
                d.notes,
                timestamp(now)
            ],
        )?;
        let after = find_payee(&tx, id)?;
        let changed = changed_fields(&before.details, &after.details);
        if !changed.is_empty() {
            log_change(&tx, actor, id, false, changed, now)?;
        }
        tx.commit()?;
        Ok(after)
    }

    pub fn payee(&self, id: PayeeId) -> Result<Payee> {
        find_payee(&self.conn, id)
    }

    /// Every payee, by reading (kana) then name.
    pub fn payees(&self) -> Result<Vec<Payee>> {
        let payees = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM payee ORDER BY kana, name, id"))?
            .query_map([], payee_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(payees)
    }

    /// Whether any payment (void or not) was made to the payee.
    pub fn payee_has_payments(&self, id: PayeeId) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM payment WHERE payee_id = ?1)",
            [id.0],
            |row| row.get(0),
        )?)
    }
}

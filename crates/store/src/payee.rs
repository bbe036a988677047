//! The `payee` table: people and companies paid by the project. The address and bank details are
//! sensitive and only leave through callers that check the handler's role; there is no column
//! for the individual number (マイナンバー).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use tsudoi_core::agenda::SpeakerId;
use tsudoi_core::money::payment::{Payee, PayeeDraft, PayeeId};
use tsudoi_core::money::withholding::PayeeKind;

use crate::sql::{get_choice, timestamp};
use crate::{Result, Store, StoreError};

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

impl Store {
    /// Adds a payee, optionally linked to a speaker of the programme.
    pub fn add_payee(&mut self, draft: PayeeDraft, now: DateTime<Utc>) -> Result<Payee> {
        let d = draft.normalized()?;
        require_speaker(&self.conn, d.speaker_id)?;
        self.conn.execute(
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
        find_payee(&self.conn, PayeeId(self.conn.last_insert_rowid()))
    }

    /// Changes a payee's details. Payments already made keep the kind (individual or company)
    /// they were made with: it is stored on each payment.
    pub fn update_payee(&mut self, id: PayeeId, draft: PayeeDraft, now: DateTime<Utc>) -> Result<Payee> {
        let d = draft.normalized()?;
        require_speaker(&self.conn, d.speaker_id)?;
        let n = self.conn.execute(
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
        if n == 0 {
            return Err(StoreError::PayeeNotFound(id.0));
        }
        find_payee(&self.conn, id)
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

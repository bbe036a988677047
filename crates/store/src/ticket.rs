//! The `ticket` table: each registration's door code, drawn from the OS's random generator.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use tsudoi_core::ticket::RANDOM_BYTES;
use tsudoi_core::{AttendeeId, TicketToken};

use crate::attendee::find_attendee;
use crate::sql::timestamp;
use crate::{Result, Store, StoreError};

/// 80 bits from the operating system's generator: unguessable, so a ticket cannot be forged by
/// counting.
fn random_token() -> Result<TicketToken> {
    let mut bytes = [0u8; RANDOM_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Random(e.to_string()))?;
    Ok(TicketToken::from_random(bytes))
}

/// Gives a person a new standing ticket. The caller has revoked any previous one.
pub(crate) fn issue_ticket(
    conn: &Connection,
    attendee_id: AttendeeId,
    now: DateTime<Utc>,
) -> Result<TicketToken> {
    let token = random_token()?;
    conn.execute(
        "INSERT INTO ticket (attendee_id, token, issued_at) VALUES (?1, ?2, ?3)",
        params![attendee_id.0, token.as_str(), timestamp(now)],
    )?;
    Ok(token)
}

/// Issues tickets to everyone who has none (people registered before tickets existed).
pub(crate) fn issue_missing_tickets(conn: &mut Connection, now: DateTime<Utc>) -> Result<usize> {
    let tx = conn.transaction()?;
    let ids: Vec<i64> = tx
        .prepare(
            "SELECT a.id FROM attendee a
             WHERE NOT EXISTS (SELECT 1 FROM ticket t WHERE t.attendee_id = a.id AND t.revoked_at IS NULL)",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        issue_ticket(&tx, AttendeeId(*id), now)?;
    }
    tx.commit()?;
    Ok(ids.len())
}

impl Store {
    /// Replaces a person's ticket: the old code is revoked (the desk answers "revoked" to it) and a
    /// new one is returned, in one transaction.
    pub fn reissue_ticket(&mut self, attendee_id: AttendeeId, now: DateTime<Utc>) -> Result<TicketToken> {
        let tx = self.conn.transaction()?;
        find_attendee(&tx, attendee_id)?;
        tx.execute(
            "UPDATE ticket SET revoked_at = ?2 WHERE attendee_id = ?1 AND revoked_at IS NULL",
            params![attendee_id.0, timestamp(now)],
        )?;
        let token = issue_ticket(&tx, attendee_id, now)?;
        tx.commit()?;
        Ok(token)
    }
}

/// The person a token was issued to, and whether it has been revoked since.
pub(crate) fn ticket_holder(conn: &Connection, token: &TicketToken) -> Result<Option<(AttendeeId, bool)>> {
    let found = conn
        .prepare_cached("SELECT attendee_id, revoked_at IS NOT NULL FROM ticket WHERE token = ?1")?
        .query_row([token.as_str()], |row| Ok((AttendeeId(row.get(0)?), row.get(1)?)))
        .optional()?;
    Ok(found)
}

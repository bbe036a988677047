//! The `audit_log` table (監査ログ): every time personal data left the database in a file or came
//! into it from one. The contract's security annex asks who handled whose data, and when.
//!
//! The log is hash-chained so that editing or deleting a line by hand shows: each line keeps the
//! hash of the line before (`prev_hash`) and its own (`hash`, SHA-256 over its content and
//! `prev_hash`, see [`line_hash`]); the `meta` row `audit_head` keeps the latest hash, updated in
//! the line's own transaction, so a deleted last line shows too. Lines written before the chain
//! (migration 0012) have no hashes and are counted apart; every line after them must be chained.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use sha2::{Digest, Sha256};
pub use tsudoi_core::privacy::AuditAction;
use tsudoi_core::EventId;

use crate::sql::{get_choice, get_timestamp, timestamp};
use crate::{Result, Store};

/// One line of the privacy log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEntry {
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    /// Who did it: the operator named at the desk or in the command.
    pub actor: String,
    pub action: AuditAction,
    pub event_id: Option<EventId>,
    pub n_people: u32,
    pub file: String,
    pub detail: String,
}

/// What to record; the id and time are the store's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord<'a> {
    pub actor: &'a str,
    pub action: AuditAction,
    pub event_id: Option<EventId>,
    pub n_people: u32,
    pub file: &'a str,
    pub detail: &'a str,
}

/// The `prev_hash` of the chain's first line: the hash of nothing.
pub const AUDIT_GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What [`Store::verify_audit_chain`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditChainReport {
    /// Every chained line matches its content and the line before, and the last one is the head.
    pub intact: bool,
    /// The lines of the log, chained or not.
    pub lines: u32,
    /// Lines written before the chain existed (before migration 0012): they cannot be checked.
    pub unchained: u32,
    /// The id of the first line that does not match its content or the line before; for lines
    /// missing at the end of the log, the id after the last line left.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub first_broken: Option<i64>,
}

/// A line's content as stored, in the order it is hashed.
struct StoredLine {
    id: i64,
    at: String,
    actor: String,
    action: String,
    event_id: Option<i64>,
    n_people: i64,
    file: String,
    detail: String,
}

/// SHA-256 (lower-case hex) of a line's content and the hash of the line before. Each field is
/// written as its length in bytes, a colon and its text, so that no two different lines give
/// the same bytes (a field cannot swallow the next); a missing event is `-`, which no id writes.
fn line_hash(line: &StoredLine, prev_hash: &str) -> String {
    let event_id = line
        .event_id
        .map(|id| id.to_string())
        .unwrap_or_else(|| "-".into());
    let fields: [&str; 10] = [
        "tsudoi-audit-v1",
        &line.id.to_string(),
        &line.at,
        &line.actor,
        &line.action,
        &event_id,
        &line.n_people.to_string(),
        &line.file,
        &line.detail,
        prev_hash,
    ];
    let mut hasher = Sha256::new();
    for field in fields {
        hasher.update(format!("{}:", field.len()).as_bytes());
        hasher.update(field.as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn meta_value(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?)
}

/// Writes a line chained to the head. The caller holds the write transaction (an import's, a
/// deletion's, or [`Store::record_audit`]'s), so the line, its id and the head move together.
pub(crate) fn record(conn: &Connection, entry: &AuditRecord<'_>, now: DateTime<Utc>) -> Result<()> {
    // The line chains to the head, not to the last line present: after a last line was
    // deleted by hand, the next line still names the missing one and the gap shows.
    let prev_hash = meta_value(conn, "audit_head")?.unwrap_or_else(|| AUDIT_GENESIS.to_string());
    // The id is part of the hash, so it is chosen here: the next after the largest, as SQLite
    // would, inside the same transaction.
    let id: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM audit_log")?
        .query_row([], |row| row.get(0))?;
    let line = StoredLine {
        id,
        at: timestamp(now),
        actor: entry.actor.to_string(),
        action: entry.action.as_str().to_string(),
        event_id: entry.event_id.map(|id| id.0),
        n_people: i64::from(entry.n_people),
        file: entry.file.to_string(),
        detail: entry.detail.to_string(),
    };
    let hash = line_hash(&line, &prev_hash);
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, actor, action, event_id, n_people, file, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        line.id,
        line.at,
        line.actor,
        line.action,
        line.event_id,
        line.n_people,
        line.file,
        line.detail,
        prev_hash,
        hash
    ])?;
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES ('audit_head', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([&hash])?;
    Ok(())
}

impl Store {
    /// Adds a line to the privacy log (for an export, after the file is written).
    pub fn record_audit(&mut self, entry: &AuditRecord<'_>, now: DateTime<Utc>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        record(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Checks the privacy log's chain from its first line: each chained line's hash against its
    /// content, its `prev_hash` against the line before, and the last hash against the head
    /// kept in `meta`. Lines from before the chain are counted, not checked; a line without
    /// hashes after them is a break (every line written since is chained).
    pub fn verify_audit_chain(&self) -> Result<AuditChainReport> {
        let head = meta_value(&self.conn, "audit_head")?;
        // A database whose chain started with an empty log has 0 here; a missing row (removed
        // by hand) lets every unchained line count as from before, but the head still decides.
        let chain_after: i64 = meta_value(&self.conn, "audit_chain_after")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut statement = self.conn.prepare(
            "SELECT id, at, actor, action, event_id, n_people, file, detail, prev_hash, hash
             FROM audit_log ORDER BY id",
        )?;
        let mut rows = statement.query([])?;
        let mut lines = 0u32;
        let mut unchained = 0u32;
        let mut first_broken = None;
        let mut expected_prev = AUDIT_GENESIS.to_string();
        let mut last_id = 0i64;
        while let Some(row) = rows.next()? {
            let line = StoredLine {
                id: row.get(0)?,
                at: row.get(1)?,
                actor: row.get(2)?,
                action: row.get(3)?,
                event_id: row.get(4)?,
                n_people: row.get(5)?,
                file: row.get(6)?,
                detail: row.get(7)?,
            };
            let prev_hash: Option<String> = row.get(8)?;
            let hash: Option<String> = row.get(9)?;
            lines = lines.saturating_add(1);
            last_id = line.id;
            if first_broken.is_some() {
                continue;
            }
            match (prev_hash, hash) {
                (None, None) if line.id <= chain_after => unchained = unchained.saturating_add(1),
                (Some(prev_hash), Some(hash))
                    if line.id > chain_after
                        && prev_hash == expected_prev
                        && line_hash(&line, &prev_hash) == hash =>
                {
                    expected_prev = hash;
                }
                _ => first_broken = Some(line.id),
            }
        }
        if first_broken.is_none() && head.as_deref() != Some(expected_prev.as_str()) {
            // The head names a line that is not there: lines were removed from the end.
            first_broken = Some(last_id.max(chain_after) + 1);
        }
        Ok(AuditChainReport {
            intact: first_broken.is_none(),
            lines,
            unchained,
            first_broken,
        })
    }

    /// The privacy log, newest first.
    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, at, actor, action, event_id, n_people, file, detail FROM audit_log
             ORDER BY id DESC LIMIT ?1",
        )?;
        let entries = statement
            .query_map([limit], |row| {
                Ok(AuditEntry {
                    id: row.get(0)?,
                    at: get_timestamp(row, 1)?,
                    actor: row.get(2)?,
                    action: get_choice(row, 3, AuditAction::parse)?,
                    event_id: row.get::<_, Option<i64>>(4)?.map(EventId),
                    n_people: row.get(5)?,
                    file: row.get(6)?,
                    detail: row.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(entries)
    }
}

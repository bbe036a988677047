//! The `mailing`, `outbox` and `mailing_left_out` tables: a mailing as prepared and approved, and
//! one outbox row per recipient whose state is committed on its own after each message, so that
//! an interrupted mailing resumes with no one sent twice and no one left out.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use tsudoi_core::mail::{
    LeftOut, LeftOutReason, MailFilter, MailServer, MailTemplate, MailText, OutboxState,
};
use tsudoi_core::Lang;
use tsudoi_core::{AttendeeId, EventId};

use crate::audit::AuditRecord;
use crate::setting::put_setting;
use crate::sql::{get_choice, get_optional_timestamp, get_timestamp, timestamp};
use crate::{Result, Store, StoreError};

/// How many messages of a mailing stand where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutboxCounts {
    pub waiting: u32,
    pub sending: u32,
    pub sent: u32,
    pub failed: u32,
}

/// A mailing as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mailing {
    pub id: i64,
    pub event_id: EventId,
    pub purpose: String,
    pub template: MailTemplate,
    pub filter: MailFilter,
    pub created_by: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    pub approved_by: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub approved_at: Option<DateTime<Utc>>,
    pub counts: OutboxCounts,
    pub left_out: Vec<LeftOut>,
    /// The language and the words the mailing was prepared with (fixed then).
    pub lang: Lang,
    pub text: MailText,
}

/// What a mailing is, before it has a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailingDraft {
    pub event_id: EventId,
    pub purpose: String,
    pub template: MailTemplate,
    pub filter: MailFilter,
    pub lang: Lang,
    pub text: MailText,
}

/// One message of a mailing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutboxEntry {
    pub id: i64,
    pub mailing_id: i64,
    pub attendee_id: AttendeeId,
    pub address: String,
    pub state: OutboxState,
    /// The server's answer, or why it failed.
    pub answer: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub attempted_at: Option<DateTime<Utc>>,
}

/// The `setting` key of the remembered mail server (JSON, no password).
const MAIL_SERVER: &str = "mail_server";

const MAILING_COLUMNS: &str =
    "id, event_id, purpose, template, filter, created_by, created_at, approved_by, approved_at, lang, subject, body";

/// The `setting` key of the language mailings are prepared in.
const MAIL_LANGUAGE: &str = "mail_language";

fn mailing_row(row: &Row<'_>) -> rusqlite::Result<Mailing> {
    let filter: String = row.get(4)?;
    let template = get_choice(row, 3, MailTemplate::parse)?;
    let lang = Lang::parse(&row.get::<_, String>(9)?).unwrap_or_default();
    let text = match (
        row.get::<_, Option<String>>(10)?,
        row.get::<_, Option<String>>(11)?,
    ) {
        (Some(subject), Some(body)) => MailText { subject, body },
        // Prepared before the words were kept: the built-in ones, which it was prepared with.
        _ => template.built_in(lang),
    };
    Ok(Mailing {
        id: row.get(0)?,
        event_id: EventId(row.get(1)?),
        purpose: row.get(2)?,
        template,
        filter: serde_json::from_str(&filter).unwrap_or_default(),
        created_by: row.get(5)?,
        created_at: get_timestamp(row, 6)?,
        approved_by: row.get(7)?,
        approved_at: get_optional_timestamp(row, 8)?,
        counts: OutboxCounts::default(),
        left_out: Vec::new(),
        lang,
        text,
    })
}

fn outbox_row(row: &Row<'_>) -> rusqlite::Result<OutboxEntry> {
    Ok(OutboxEntry {
        id: row.get(0)?,
        mailing_id: row.get(1)?,
        attendee_id: AttendeeId(row.get(2)?),
        address: row.get(3)?,
        state: get_choice(row, 4, OutboxState::parse)?,
        answer: row.get(5)?,
        attempted_at: get_optional_timestamp(row, 6)?,
    })
}

fn find_mailing(conn: &Connection, id: i64) -> Result<Mailing> {
    let mut mailing = conn
        .query_row(
            &format!("SELECT {MAILING_COLUMNS} FROM mailing WHERE id = ?1"),
            [id],
            mailing_row,
        )
        .optional()?
        .ok_or(StoreError::MailingNotFound(id))?;
    let mut stmt = conn.prepare("SELECT state, count(*) FROM outbox WHERE mailing_id = ?1 GROUP BY state")?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
    for row in rows {
        let (state, n) = row?;
        match OutboxState::parse(&state) {
            Ok(OutboxState::Waiting) => mailing.counts.waiting = n,
            Ok(OutboxState::Sending) => mailing.counts.sending = n,
            Ok(OutboxState::Sent) => mailing.counts.sent = n,
            Ok(OutboxState::Failed) => mailing.counts.failed = n,
            Err(_) => {}
        }
    }
    let mut stmt = conn
        .prepare("SELECT attendee_id, reason FROM mailing_left_out WHERE mailing_id = ?1 ORDER BY rowid")?;
    let rows = stmt.query_map([id], |r| {
        Ok(LeftOut {
            attendee: AttendeeId(r.get(0)?),
            reason: get_choice(r, 1, LeftOutReason::parse)?,
        })
    })?;
    for row in rows {
        mailing.left_out.push(row?);
    }
    Ok(mailing)
}

impl Store {
    /// Stores a prepared mailing: its outbox (one waiting row per recipient, with the address the
    /// message will go to), the people left out with their reason and its privacy-log line (its
    /// detail made by `detail_for` from the mailing's number), in one transaction.
    pub fn create_mailing(
        &mut self,
        draft: &MailingDraft,
        recipients: &[(AttendeeId, String)],
        left_out: &[LeftOut],
        audit: &AuditRecord<'_>,
        detail_for: &dyn Fn(i64) -> String,
        now: DateTime<Utc>,
    ) -> Result<Mailing> {
        let tx = self.conn.transaction()?;
        let filter = serde_json::to_string(&draft.filter).unwrap_or_default();
        tx.execute(
            "INSERT INTO mailing (event_id, purpose, template, filter, created_by, created_at, lang, subject, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                draft.event_id.0,
                draft.purpose,
                draft.template.as_str(),
                filter,
                audit.actor,
                timestamp(now),
                draft.lang.as_str(),
                draft.text.subject,
                draft.text.body
            ],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut insert = tx.prepare(
                "INSERT INTO outbox (mailing_id, attendee_id, address, state) VALUES (?1, ?2, ?3, 'waiting')",
            )?;
            for (attendee, address) in recipients {
                insert.execute(params![id, attendee.0, address])?;
            }
            let mut insert = tx.prepare(
                "INSERT INTO mailing_left_out (mailing_id, attendee_id, reason) VALUES (?1, ?2, ?3)",
            )?;
            for l in left_out {
                insert.execute(params![id, l.attendee.0, l.reason.as_str()])?;
            }
        }
        let detail = detail_for(id);
        crate::audit::record(
            &tx,
            &AuditRecord {
                detail: &detail,
                ..audit.clone()
            },
            now,
        )?;
        let mailing = find_mailing(&tx, id)?;
        tx.commit()?;
        Ok(mailing)
    }

    /// A mailing with its counts and the people left out.
    pub fn mailing(&self, id: i64) -> Result<Mailing> {
        find_mailing(&self.conn, id)
    }

    /// Every mailing of an event, newest first.
    pub fn mailings(&self, event_id: EventId) -> Result<Vec<Mailing>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM mailing WHERE event_id = ?1 ORDER BY id DESC")?;
        let ids = stmt
            .query_map([event_id.0], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.into_iter().map(|id| find_mailing(&self.conn, id)).collect()
    }

    /// Records the approval with its privacy-log line in one transaction. An approval is kept: a
    /// mailing already approved keeps its first approver.
    pub fn approve_mailing(
        &mut self,
        id: i64,
        approver: &str,
        audit: &AuditRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<Mailing> {
        let tx = self.conn.transaction()?;
        find_mailing(&tx, id)?;
        tx.execute(
            "UPDATE mailing SET approved_by = ?2, approved_at = ?3 WHERE id = ?1 AND approved_by IS NULL",
            params![id, approver, timestamp(now)],
        )?;
        crate::audit::record(&tx, audit, now)?;
        let mailing = find_mailing(&tx, id)?;
        tx.commit()?;
        Ok(mailing)
    }

    /// The messages of a mailing, in the order they are sent.
    pub fn outbox(&self, mailing_id: i64) -> Result<Vec<OutboxEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, mailing_id, attendee_id, address, state, answer, attempted_at
             FROM outbox WHERE mailing_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([mailing_id], outbox_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The people an event's earlier mailings of `template` reached.
    pub fn mailed_attendees(&self, event_id: EventId, template: MailTemplate) -> Result<Vec<AttendeeId>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT o.attendee_id FROM outbox o JOIN mailing m ON m.id = o.mailing_id
             WHERE m.event_id = ?1 AND m.template = ?2 AND o.state = 'sent' ORDER BY o.attendee_id",
        )?;
        let rows = stmt.query_map(params![event_id.0, template.as_str()], |r| {
            Ok(AttendeeId(r.get(0)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Moves one message to `state` with the server's answer or the reason, committed at once (a
    /// single statement is its own transaction): what is recorded survives a kill that follows.
    /// Only a message that is not yet sent moves, so a sent message is never marked again.
    pub fn mark_outbox(
        &mut self,
        entry_id: i64,
        state: OutboxState,
        answer: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE outbox SET state = ?2, answer = ?3, attempted_at = ?4 WHERE id = ?1 AND state != 'sent'",
            params![entry_id, state.as_str(), answer, timestamp(now)],
        )?;
        Ok(())
    }

    /// After an interruption: a message whose conversation with the server had begun may have
    /// arrived, so it becomes failed with `reason` (sent again only on request), never waiting.
    pub fn settle_interrupted(&mut self, mailing_id: i64, reason: &str) -> Result<u32> {
        let n = self.conn.execute(
            "UPDATE outbox SET state = 'failed', answer = ?2 WHERE mailing_id = ?1 AND state = 'sending'",
            params![mailing_id, reason],
        )?;
        Ok(n as u32)
    }

    /// Puts a mailing's failed messages back in the queue, on request (one transaction).
    pub fn retry_failed(&mut self, mailing_id: i64) -> Result<u32> {
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE outbox SET state = 'waiting' WHERE mailing_id = ?1 AND state = 'failed'",
            [mailing_id],
        )?;
        tx.commit()?;
        Ok(n as u32)
    }

    /// The mail server last used (never a password), if one was saved.
    pub fn mail_server(&self) -> Result<Option<MailServer>> {
        Ok(self
            .setting(MAIL_SERVER)?
            .and_then(|json| serde_json::from_str(&json).ok()))
    }

    /// Remembers the mail server for the next mailing.
    pub fn set_mail_server(&mut self, server: &MailServer) -> Result<()> {
        // Serializing strings and numbers cannot fail; were it to, nothing would be remembered.
        let json = serde_json::to_string(server).unwrap_or_default();
        put_setting(&self.conn, MAIL_SERVER, &json)
    }

    /// A person's own words for a template in a language, if they saved any.
    pub fn mail_template_text(&self, template: MailTemplate, lang: Lang) -> Result<Option<MailText>> {
        Ok(self
            .conn
            .query_row(
                "SELECT subject, body FROM mail_template_text WHERE template = ?1 AND lang = ?2",
                [template.as_str(), lang.as_str()],
                |r| {
                    Ok(MailText {
                        subject: r.get(0)?,
                        body: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// Keeps a person's words for a template in a language (replacing earlier ones).
    pub fn set_mail_template_text(
        &mut self,
        template: MailTemplate,
        lang: Lang,
        text: &MailText,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO mail_template_text (template, lang, subject, body, updated_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (template, lang) DO UPDATE SET subject = excluded.subject, body = excluded.body,
                 updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            params![
                template.as_str(),
                lang.as_str(),
                text.subject,
                text.body,
                by,
                timestamp(now)
            ],
        )?;
        Ok(())
    }

    /// Back to the built-in words: a person's words for the template in the language go.
    pub fn clear_mail_template_text(&mut self, template: MailTemplate, lang: Lang) -> Result<()> {
        self.conn.execute(
            "DELETE FROM mail_template_text WHERE template = ?1 AND lang = ?2",
            [template.as_str(), lang.as_str()],
        )?;
        Ok(())
    }

    /// The language mailings are prepared in: Japanese until someone chooses English.
    pub fn mail_language(&self) -> Result<Lang> {
        Ok(self
            .setting(MAIL_LANGUAGE)?
            .and_then(|s| Lang::parse(&s))
            .unwrap_or_default())
    }

    pub fn set_mail_language(&mut self, lang: Lang) -> Result<()> {
        put_setting(&self.conn, MAIL_LANGUAGE, lang.as_str())
    }
}

//! The survey's tables: questionnaire versions (`survey_questionnaire`, frozen once answered),
//! the answers (`survey_response`: paper sheets by number, kiosk answers, Forms rows by their
//! identity), and the hearings (`hearing` with its notes, tags and quotes). Every change of more
//! than one row is one transaction.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::Serialize;
use tsudoi_core::hearing::{HearingDraft, HearingError, HearingMethod, HearingNote, Quote};
use tsudoi_core::survey::{AnswerSource, Question, Questionnaire, Response};
use tsudoi_core::{AttendanceMode, Category, EventId};

use crate::audit::AuditRecord;
use crate::sql::{get_choice, get_optional_choice, get_timestamp, timestamp};
use crate::{Result, Store, StoreError};

/// A questionnaire version as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredQuestionnaire {
    pub id: i64,
    pub event_id: Option<i64>,
    #[serde(flatten)]
    pub questionnaire: Questionnaire,
    /// How many answers it has (frozen when any).
    pub n_responses: u32,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
}

/// An answer sheet to keep.
#[derive(Debug, Clone, PartialEq)]
pub struct NewResponse {
    pub questionnaire_id: i64,
    pub source: AnswerSource,
    /// A paper sheet's number.
    pub sheet_number: Option<u32>,
    /// A Forms row's identity.
    pub row_key: Option<String>,
    /// When it was sent, as the form wrote it.
    pub submitted_at: String,
    pub response: Response,
}

/// An answer sheet as kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredResponse {
    pub id: i64,
    pub questionnaire_id: i64,
    pub version: u32,
    pub source: AnswerSource,
    pub sheet_number: Option<u32>,
    pub submitted_at: String,
    #[serde(flatten)]
    pub response: Response,
}

/// What adding answers did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddedResponses {
    pub added: u32,
    /// Forms rows already there (the same file imported again).
    pub unchanged: u32,
}

/// A hearing as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Hearing {
    pub id: i64,
    #[serde(flatten)]
    pub details: HearingDraft,
    pub created_by: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
}

fn questionnaire_from_row(row: &Row<'_>) -> rusqlite::Result<StoredQuestionnaire> {
    let json: String = row.get(3)?;
    let questions: Vec<Question> = serde_json::from_str(&json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(StoredQuestionnaire {
        id: row.get(0)?,
        event_id: row.get(1)?,
        questionnaire: Questionnaire {
            version: row.get(2)?,
            questions,
        },
        n_responses: row.get(4)?,
        created_at: get_timestamp(row, 5)?,
    })
}

const QUESTIONNAIRE_COLUMNS: &str = "q.id, q.event_id, q.version, q.questions,
     (SELECT count(*) FROM survey_response r WHERE r.questionnaire_id = q.id), q.created_at";

/// The latest version of the event's own questionnaire, or (`None`) of the shared one.
fn latest_questionnaire(conn: &Connection, event: Option<EventId>) -> Result<Option<StoredQuestionnaire>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {QUESTIONNAIRE_COLUMNS} FROM survey_questionnaire q WHERE q.event_id IS ?1
                 ORDER BY q.version DESC LIMIT 1"
            ),
            [event.map(|e| e.0)],
            questionnaire_from_row,
        )
        .optional()?)
}

/// The versions of the event's own questionnaire, or (`None`) of the shared one, oldest first.
fn versions_of(conn: &Connection, event: Option<EventId>) -> Result<Vec<StoredQuestionnaire>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {QUESTIONNAIRE_COLUMNS} FROM survey_questionnaire q WHERE q.event_id IS ?1 ORDER BY q.version"
    ))?;
    let versions = statement
        .query_map([event.map(|e| e.0)], questionnaire_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(versions)
}

/// Keeps a questionnaire (the event's own, or with `None` the shared one) in `tx`: the same
/// questions as the current version change nothing; a version without answers is changed in
/// place; a version with answers is frozen, so the questions become the next version.
fn save_version(
    tx: &Transaction<'_>,
    event: Option<EventId>,
    questionnaire: &Questionnaire,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let current = latest_questionnaire(tx, event)?;
    Ok(match &current {
        Some(current) if current.questionnaire.asks_the_same(questionnaire) => current.id,
        Some(current) if current.n_responses == 0 => {
            tx.execute(
                "UPDATE survey_questionnaire SET questions = ?2, created_by = ?3, created_at = ?4 WHERE id = ?1",
                params![current.id, json(&questionnaire.questions)?, actor, timestamp(now)],
            )?;
            current.id
        }
        current => {
            let version = current.as_ref().map_or(1, |c| c.questionnaire.version + 1);
            tx.execute(
                "INSERT INTO survey_questionnaire (event_id, version, questions, created_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    event.map(|e| e.0),
                    version,
                    json(&questionnaire.questions)?,
                    actor,
                    timestamp(now)
                ],
            )?;
            tx.last_insert_rowid()
        }
    })
}

fn questionnaire_by_id(conn: &Connection, id: i64) -> Result<Option<StoredQuestionnaire>> {
    Ok(conn
        .query_row(
            &format!("SELECT {QUESTIONNAIRE_COLUMNS} FROM survey_questionnaire q WHERE q.id = ?1"),
            [id],
            questionnaire_from_row,
        )
        .optional()?)
}

fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))
}

fn hearing_error(error: HearingError) -> StoreError {
    match error {
        HearingError::Survey(e) => StoreError::Survey(e),
        HearingError::Validation(e) => StoreError::Validation(e),
    }
}

/// Inserts answer sheets inside `tx`, each checked against its questionnaire version.
fn insert_responses(
    tx: &Transaction<'_>,
    event: EventId,
    responses: &[NewResponse],
    actor: &str,
    now: DateTime<Utc>,
) -> Result<AddedResponses> {
    let mut done = AddedResponses::default();
    let mut versions: Vec<StoredQuestionnaire> = Vec::new();
    for new in responses {
        if !versions.iter().any(|v| v.id == new.questionnaire_id) {
            let version = questionnaire_by_id(tx, new.questionnaire_id)?
                .filter(|v| v.event_id == Some(event.0) || v.event_id.is_none())
                .ok_or(StoreError::NoQuestionnaire(event.0))?;
            versions.push(version);
        }
        if let Some(version) = versions.iter().find(|v| v.id == new.questionnaire_id) {
            version.questionnaire.check(&new.response)?;
        }
        if let Some(sheet) = new.sheet_number {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM survey_response WHERE event_id = ?1 AND sheet_number = ?2)",
                params![event.0, sheet],
                |r| r.get(0),
            )?;
            if taken {
                return Err(StoreError::DuplicateSheet { sheet });
            }
        }
        let inserted = tx.execute(
            "INSERT INTO survey_response (event_id, questionnaire_id, source, sheet_number, row_key, category, mode,
                                          answers, submitted_at, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (event_id, row_key) WHERE row_key IS NOT NULL DO NOTHING",
            params![
                event.0,
                new.questionnaire_id,
                new.source.as_str(),
                new.sheet_number,
                new.row_key,
                new.response.category.map(Category::as_str),
                new.response.mode.map(AttendanceMode::as_str),
                json(&new.response.answers)?,
                new.submitted_at,
                actor,
                timestamp(now)
            ],
        )?;
        if inserted == 0 {
            done.unchanged += 1;
        } else {
            done.added += 1;
        }
    }
    Ok(done)
}

impl Store {
    /// The event's current questionnaire: the latest version of its own, else of the shared one
    /// (the questionnaire both gatherings use), if there is one.
    pub fn questionnaire(&self, event: EventId) -> Result<Option<StoredQuestionnaire>> {
        match latest_questionnaire(&self.conn, Some(event))? {
            Some(own) => Ok(Some(own)),
            None => latest_questionnaire(&self.conn, None),
        }
    }

    /// The shared questionnaire's current version, if there is one.
    pub fn shared_questionnaire(&self) -> Result<Option<StoredQuestionnaire>> {
        latest_questionnaire(&self.conn, None)
    }

    /// Every version an answer of the event may be for, oldest first: the shared questionnaire's
    /// versions, then the event's own. The last is the current one.
    pub fn questionnaire_versions(&self, event: EventId) -> Result<Vec<StoredQuestionnaire>> {
        let mut versions = versions_of(&self.conn, None)?;
        versions.extend(versions_of(&self.conn, Some(event))?);
        Ok(versions)
    }

    /// Every version of the shared questionnaire, oldest first.
    pub fn shared_questionnaire_versions(&self) -> Result<Vec<StoredQuestionnaire>> {
        versions_of(&self.conn, None)
    }

    /// Keeps the event's own questionnaire (see [`save_version`]).
    pub fn save_questionnaire(
        &mut self,
        event: EventId,
        questionnaire: Questionnaire,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<StoredQuestionnaire> {
        let questionnaire = questionnaire.normalized()?;
        let tx = self.conn.transaction()?;
        crate::event::find_event(&tx, event)?;
        let id = save_version(&tx, Some(event), &questionnaire, actor, now)?;
        let stored = questionnaire_by_id(&tx, id)?.ok_or(StoreError::NoQuestionnaire(event.0))?;
        tx.commit()?;
        Ok(stored)
    }

    /// Keeps the questionnaire shared by the project's gatherings: an event without one of its
    /// own answers this one (see [`save_version`]).
    pub fn save_shared_questionnaire(
        &mut self,
        questionnaire: Questionnaire,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<StoredQuestionnaire> {
        let questionnaire = questionnaire.normalized()?;
        let tx = self.conn.transaction()?;
        let id = save_version(&tx, None, &questionnaire, actor, now)?;
        let stored = questionnaire_by_id(&tx, id)?.ok_or(StoreError::NoQuestionnaire(0))?;
        tx.commit()?;
        Ok(stored)
    }

    /// Every answer sheet to the shared questionnaire, of every event, with its event.
    pub fn shared_survey_responses(&self) -> Result<Vec<(EventId, StoredResponse)>> {
        let events: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT r.event_id FROM survey_response r
                 JOIN survey_questionnaire q ON q.id = r.questionnaire_id
                 WHERE q.event_id IS NULL ORDER BY r.event_id",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let shared: Vec<i64> = versions_of(&self.conn, None)?.iter().map(|v| v.id).collect();
        let mut all = Vec::new();
        for event in events {
            for response in self.survey_responses(EventId(event))? {
                if shared.contains(&response.questionnaire_id) {
                    all.push((EventId(event), response));
                }
            }
        }
        Ok(all)
    }

    /// Who a ticket scanned at the kiosk is, in the survey's broad terms only: the category and
    /// the way of attending (at the venue once they passed its door), never the name. `None`: the
    /// ticket is unknown, revoked, of another event, or its person cancelled or erased.
    pub fn kiosk_visitor(
        &self,
        event: EventId,
        token: &tsudoi_core::TicketToken,
    ) -> Result<Option<(Category, AttendanceMode)>> {
        let Some((attendee_id, revoked)) = crate::ticket::ticket_holder(&self.conn, token)? else {
            return Ok(None);
        };
        if revoked {
            return Ok(None);
        }
        let attendee = crate::attendee::find_attendee(&self.conn, attendee_id)?;
        let erased: bool = self.conn.query_row(
            "SELECT erased_at IS NOT NULL FROM attendee WHERE id = ?1",
            [attendee_id.0],
            |r| r.get(0),
        )?;
        if attendee.event_id != event
            || erased
            || attendee.details.status != tsudoi_core::AttendeeStatus::Registered
        {
            return Ok(None);
        }
        let passed_door: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM door_attempt WHERE attendee_id = ?1 AND direction = 'entry'
                            AND outcome = 'ok' AND undone_at IS NULL)",
            [attendee_id.0],
            |r| r.get(0),
        )?;
        let mode = if passed_door {
            AttendanceMode::Venue
        } else {
            attendee.details.mode
        };
        Ok(Some((attendee.details.category, mode)))
    }

    /// Whether the ticket (by its fingerprint) already answered the event's survey at the kiosk.
    pub fn kiosk_ticket_used(&self, event: EventId, ticket_sha256: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM survey_ticket_used WHERE event_id = ?1 AND ticket_sha256 = ?2)",
            params![event.0, ticket_sha256],
            |r| r.get(0),
        )?)
    }

    /// Keeps one kiosk answer given after a ticket scan, and marks the ticket as having answered,
    /// in one transaction: a ticket answers once ([`StoreError::TicketAlreadyAnswered`]). The
    /// mark names the ticket by its fingerprint only and is kept apart from the answers, with
    /// no time and no order, so an answer cannot be traced back to the person.
    pub fn add_kiosk_response_with_ticket(
        &mut self,
        event: EventId,
        response: &NewResponse,
        ticket_sha256: &str,
        now: DateTime<Utc>,
    ) -> Result<AddedResponses> {
        let tx = self.conn.transaction()?;
        crate::event::find_event(&tx, event)?;
        let inserted = tx.execute(
            "INSERT INTO survey_ticket_used (event_id, ticket_sha256) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![event.0, ticket_sha256],
        )?;
        if inserted == 0 {
            return Err(StoreError::TicketAlreadyAnswered);
        }
        let done = insert_responses(&tx, event, std::slice::from_ref(response), "", now)?;
        tx.commit()?;
        Ok(done)
    }

    /// Adds answer sheets to the event in one transaction: all of them or none. A paper sheet
    /// whose number is already entered refuses the whole batch ([`StoreError::DuplicateSheet`]);
    /// a Forms row already there is counted as unchanged. With `audit`, its privacy-log line is
    /// written in the same transaction, its detail made from what was added (`detail`).
    pub fn add_survey_responses(
        &mut self,
        event: EventId,
        responses: &[NewResponse],
        audit: Option<(&AuditRecord<'_>, &dyn Fn(AddedResponses) -> String)>,
        now: DateTime<Utc>,
    ) -> Result<AddedResponses> {
        let actor = audit.map_or("", |(a, _)| a.actor);
        let tx = self.conn.transaction()?;
        crate::event::find_event(&tx, event)?;
        let done = insert_responses(&tx, event, responses, actor, now)?;
        if let Some((audit, detail)) = audit {
            let detail = detail(done);
            let line = AuditRecord {
                detail: &detail,
                n_people: done.added,
                ..audit.clone()
            };
            crate::audit::record(&tx, &line, now)?;
        }
        tx.commit()?;
        Ok(done)
    }

    /// Every answer sheet of the event, in the order entered.
    pub fn survey_responses(&self, event: EventId) -> Result<Vec<StoredResponse>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT r.id, r.questionnaire_id, q.version, r.source, r.sheet_number, r.submitted_at, r.category,
                    r.mode, r.answers
             FROM survey_response r JOIN survey_questionnaire q ON q.id = r.questionnaire_id
             WHERE r.event_id = ?1 ORDER BY r.id",
        )?;
        let responses = statement
            .query_map([event.0], |row| {
                let answers: String = row.get(8)?;
                Ok(StoredResponse {
                    id: row.get(0)?,
                    questionnaire_id: row.get(1)?,
                    version: row.get(2)?,
                    source: get_choice(row, 3, AnswerSource::parse)?,
                    sheet_number: row.get(4)?,
                    submitted_at: row.get(5)?,
                    response: Response {
                        category: get_optional_choice(row, 6, Category::parse)?,
                        mode: get_optional_choice(row, 7, AttendanceMode::parse)?,
                        answers: serde_json::from_str(&answers).map_err(|e| {
                            rusqlite::Error::FromSqlConversionFailure(
                                8,
                                rusqlite::types::Type::Text,
                                Box::new(e),
                            )
                        })?,
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(responses)
    }

    /// The paper sheets entered for the event, and the next free sheet number.
    pub fn paper_sheets(&self, event: EventId) -> Result<(u32, u32)> {
        Ok(self.conn.query_row(
            "SELECT count(*), ifnull(max(sheet_number), 0) + 1 FROM survey_response
             WHERE event_id = ?1 AND source = 'paper'",
            [event.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Records a hearing with its notes, tags and quotes, and its privacy-log line (`audit`,
    /// whose detail becomes the record's number), in one transaction.
    pub fn add_hearing(
        &mut self,
        draft: HearingDraft,
        audit: &AuditRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<Hearing> {
        let d = draft.normalized().map_err(hearing_error)?;
        let tx = self.conn.transaction()?;
        if let Some(event) = d.event_id {
            crate::event::find_event(&tx, EventId(event))?;
        }
        tx.execute(
            "INSERT INTO hearing (event_id, attendee_id, person, organization, held_at, method, interviewer,
                                  quote_consent, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                d.event_id,
                d.attendee_id,
                d.person,
                d.organization,
                d.held_at,
                d.method.as_str(),
                d.interviewer,
                d.quote_consent,
                audit.actor,
                timestamp(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        for note in &d.notes {
            tx.execute(
                "INSERT INTO hearing_note (hearing_id, theme, text) VALUES (?1, ?2, ?3)",
                params![id, note.theme, note.text],
            )?;
        }
        for tag in &d.tags {
            tx.execute(
                "INSERT INTO hearing_tag (hearing_id, tag) VALUES (?1, ?2)",
                params![id, tag],
            )?;
        }
        for quote in &d.quotes {
            tx.execute(
                "INSERT INTO hearing_quote (hearing_id, text, tag, publishable) VALUES (?1, ?2, ?3, ?4)",
                params![id, quote.text, quote.tag, quote.publishable],
            )?;
        }
        let detail = format!("#{id}");
        crate::audit::record(
            &tx,
            &AuditRecord {
                detail: &detail,
                ..audit.clone()
            },
            now,
        )?;
        let hearing = find_hearing(&tx, id)?;
        tx.commit()?;
        Ok(hearing)
    }

    /// The hearings (of one event, or all), the oldest held first.
    pub fn hearings(&self, event: Option<EventId>) -> Result<Vec<Hearing>> {
        let ids: Vec<i64> = {
            let mut statement = self.conn.prepare_cached(
                "SELECT id FROM hearing WHERE ?1 IS NULL OR event_id = ?1 ORDER BY held_at, id",
            )?;
            let ids = statement
                .query_map([event.map(|e| e.0)], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            ids
        };
        ids.into_iter().map(|id| find_hearing(&self.conn, id)).collect()
    }

    /// One hearing by its number.
    pub fn hearing(&self, id: i64) -> Result<Hearing> {
        find_hearing(&self.conn, id)
    }
}

fn find_hearing(conn: &Connection, id: i64) -> Result<Hearing> {
    let hearing = conn
        .query_row(
            "SELECT id, event_id, attendee_id, person, organization, held_at, method, interviewer, quote_consent,
                    created_by, created_at
             FROM hearing WHERE id = ?1",
            [id],
            |row| {
                Ok(Hearing {
                    id: row.get(0)?,
                    details: HearingDraft {
                        event_id: row.get(1)?,
                        attendee_id: row.get(2)?,
                        person: row.get(3)?,
                        organization: row.get(4)?,
                        held_at: row.get(5)?,
                        method: get_choice(row, 6, HearingMethod::parse)?,
                        interviewer: row.get(7)?,
                        quote_consent: row.get(8)?,
                        notes: Vec::new(),
                        tags: Vec::new(),
                        quotes: Vec::new(),
                    },
                    created_by: row.get(9)?,
                    created_at: get_timestamp(row, 10)?,
                })
            },
        )
        .optional()?
        .ok_or(StoreError::HearingNotFound(id));
    let mut hearing = hearing?;
    let mut notes =
        conn.prepare_cached("SELECT theme, text FROM hearing_note WHERE hearing_id = ?1 ORDER BY id")?;
    hearing.details.notes = notes
        .query_map([id], |r| {
            Ok(HearingNote {
                theme: r.get(0)?,
                text: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut tags = conn.prepare_cached("SELECT tag FROM hearing_tag WHERE hearing_id = ?1 ORDER BY rowid")?;
    hearing.details.tags = tags
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut quotes = conn.prepare_cached(
        "SELECT text, tag, publishable FROM hearing_quote WHERE hearing_id = ?1 ORDER BY id",
    )?;
    hearing.details.quotes = quotes
        .query_map([id], |r| {
            Ok(Quote {
                text: r.get(0)?,
                tag: r.get(1)?,
                publishable: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(hearing)
}

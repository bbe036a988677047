//! Applying a registration file (the plan of [`tsudoi_core::registration`]) in one transaction,
//! and the `import_mapping` table that remembers how a file's columns were read.

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use tsudoi_core::door::must_wait;
use tsudoi_core::registration::{plan_registrations, IncomingRegistration, MergedRow, RegisteredPerson};
use tsudoi_core::{AttendanceMode, AttendeeId, Category, EventFormat, EventId};

use crate::attendee::{
    draft_from_row, n_venue_seated, promote_waiting, write_attendee_details, write_new_attendee,
    DRAFT_COLUMNS,
};
use crate::audit::{self, AuditAction, AuditRecord};
use crate::event::find_event;
use crate::sql::{get_choice, timestamp};
use crate::{Result, Store};

/// How an import runs.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions<'a> {
    /// Work everything out, report it, and keep nothing.
    pub dry_run: bool,
    /// Who imports, for the privacy log.
    pub actor: &'a str,
    /// The file read, for the privacy log.
    pub file: &'a str,
    /// The header signature and the mapping (JSON) to remember for files with these headers.
    pub remember_mapping: Option<(&'a str, &'a str)>,
    /// Category words the person decided, to remember for every later import.
    pub remember_categories: Vec<(String, Category)>,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegistrationImport {
    pub dry_run: bool,
    /// New people registered.
    pub imported: u32,
    /// Rows that were a person already present (registered before, or earlier in the file).
    pub merged: u32,
    /// Registered people whose details a newer answer changed.
    pub updated: u32,
    /// Registered people the file names again with nothing new.
    pub unchanged: u32,
    /// New venue registrations beyond the capacity, on the waiting list.
    pub waitlisted: u32,
    pub merges: Vec<MergedRow>,
}

/// Answer times are stored as the form's local time.
pub(crate) const ANSWERED_AT: &str = "%Y-%m-%dT%H:%M:%S";

fn registered_people(conn: &Connection, event_id: EventId) -> Result<Vec<RegisteredPerson>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT id, {DRAFT_COLUMNS}, answered_at FROM attendee WHERE event_id = ?1 AND erased_at IS NULL ORDER BY id"
    ))?;
    let people = statement
        .query_map([event_id.0], |row| {
            let answered_at: Option<String> = row.get(13)?;
            Ok(RegisteredPerson {
                id: AttendeeId(row.get(0)?),
                draft: draft_from_row(row, 1)?,
                answered_at: answered_at
                    .and_then(|text| NaiveDateTime::parse_from_str(&text, ANSWERED_AT).ok()),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(people)
}

fn set_answered_at(conn: &Connection, id: AttendeeId, answered_at: Option<NaiveDateTime>) -> Result<()> {
    if let Some(at) = answered_at {
        conn.prepare_cached("UPDATE attendee SET answered_at = ?2 WHERE id = ?1")?
            .execute(params![id.0, at.format(ANSWERED_AT).to_string()])?;
    }
    Ok(())
}

impl Store {
    /// Imports the rows of a registration file into an event, all or nothing: new people are
    /// registered (beyond the capacity, on the waiting list, in the order they answered), the same
    /// person again is merged with the newest answer winning, and importing the same file twice
    /// changes nothing. A dry run reports the same and keeps nothing.
    pub fn import_registrations(
        &mut self,
        event_id: EventId,
        rows: Vec<IncomingRegistration>,
        options: &ImportOptions<'_>,
        now: DateTime<Utc>,
    ) -> Result<RegistrationImport> {
        let tx = self.conn.transaction()?;
        let event = find_event(&tx, event_id)?;
        let default_mode = match event.details.format {
            EventFormat::Online => AttendanceMode::Online,
            EventFormat::Hybrid | EventFormat::Venue => AttendanceMode::Venue,
        };
        let registered = registered_people(&tx, event_id)?;
        let plan = plan_registrations(&registered, rows, default_mode);

        // Normalise and validate everything before the first write, so a bad row stops nothing
        // half-way (the transaction would undo it anyway; this gives the row number).
        let mut n_seated = n_venue_seated(&tx, event_id)?;
        let has_venue = event.details.format.has_venue();
        let mut report = RegistrationImport {
            dry_run: options.dry_run,
            merged: plan.merged.len() as u32,
            unchanged: plan.n_unchanged,
            ..RegistrationImport::default()
        };
        for new in &plan.new {
            let d = new.draft.clone().normalized()?;
            let waits = must_wait(
                d.mode,
                n_seated,
                event.details.venue_registration_limit(),
                has_venue,
            );
            if waits {
                report.waitlisted += 1;
            } else if d.mode == AttendanceMode::Venue {
                n_seated += 1;
            }
            let (id, _) = write_new_attendee(&tx, event_id, &d, waits, now)?;
            set_answered_at(&tx, id, new.answered_at)?;
            report.imported += 1;
        }
        for change in &plan.changed {
            let d = change.draft.clone().normalized()?;
            write_attendee_details(&tx, change.id, &d, now)?;
            set_answered_at(&tx, change.id, change.answered_at)?;
            report.updated += 1;
        }
        // A person who now attends online gives their place to the first one waiting.
        promote_waiting(&tx, event_id, now)?;
        report.merges = plan.merged;
        if options.dry_run {
            return Ok(report);
        }
        if let Some((signature, mapping)) = options.remember_mapping {
            remember_mapping(&tx, signature, mapping, now)?;
        }
        for (word, category) in &options.remember_categories {
            tx.prepare_cached(
                "INSERT INTO category_word (word, category, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (word) DO UPDATE SET category = excluded.category, updated_at = excluded.updated_at",
            )?
            .execute(params![word, category.as_str(), timestamp(now)])?;
        }
        audit::record(
            &tx,
            &AuditRecord {
                actor: options.actor,
                action: AuditAction::RegistrationImport,
                event_id: Some(event_id),
                n_people: report.imported + report.updated,
                file: options.file,
                detail: &tsudoi_core::privacy::AuditDetail::RegistrationImport {
                    imported: report.imported,
                    updated: report.updated,
                    merged: report.merged,
                    unchanged: report.unchanged,
                }
                .encode(),
            },
            now,
        )?;
        tx.commit()?;
        Ok(report)
    }

    /// The category words people decided in earlier imports.
    pub fn remembered_category_words(&self) -> Result<Vec<(String, Category)>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT word, category FROM category_word")?;
        let words = statement
            .query_map([], |row| Ok((row.get(0)?, get_choice(row, 1, Category::parse)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(words)
    }

    /// The mapping (JSON) a person confirmed for files with these headers, if any.
    pub fn remembered_mapping(&self, signature: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT mapping FROM import_mapping WHERE signature = ?1")?
            .query_row([signature], |row| row.get(0))
            .optional()?)
    }
}

fn remember_mapping(conn: &Connection, signature: &str, mapping: &str, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO import_mapping (signature, mapping, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
    )?
    .execute(params![signature, mapping, timestamp(now)])?;
    Ok(())
}

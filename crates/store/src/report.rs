//! The project report's tables: `report_text` (the organizer's texts, saved as typed) and
//! `report_flag_resolution` (what a person decided about a passage naming a registered person).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use tsudoi_core::report::{FlagResolution, FlagSource, ReportSection};

use crate::sql::timestamp;
use crate::{Result, Store};

/// A decision as stored: the passage it is about and the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResolution {
    pub source: FlagSource,
    pub passage: String,
    pub resolution: FlagResolution,
}

impl Store {
    /// The organizer's text of a section; empty until something is typed.
    pub fn report_text(&self, section: ReportSection) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached("SELECT text FROM report_text WHERE section = ?1")?
            .query_row([section.as_str()], |row| row.get(0))
            .optional()?
            .unwrap_or_default())
    }

    /// Saves a section's text as typed so far: one durable commit, like the minutes.
    pub fn save_report_text(&mut self, section: ReportSection, text: &str, now: DateTime<Utc>) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO report_text (section, text, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (section) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            )?
            .execute(params![section.as_str(), text, timestamp(now)])?;
        Ok(())
    }

    /// Every decision on a flagged passage.
    pub fn report_flag_resolutions(&self) -> Result<Vec<StoredResolution>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT source, passage, decision, replacement, decided_by FROM report_flag_resolution ORDER BY id",
        )?;
        let rows = statement.query_map([], |row| {
            let decision: String = row.get(2)?;
            let decided_by: String = row.get(4)?;
            let resolution = if decision == "rewrite" {
                FlagResolution::Rewrite {
                    text: row.get(3)?,
                    decided_by,
                }
            } else {
                FlagResolution::Keep { decided_by }
            };
            Ok(StoredResolution {
                source: FlagSource(row.get(0)?),
                passage: row.get(1)?,
                resolution,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Records (or replaces) a person's decision on a passage.
    pub fn resolve_report_flag(
        &mut self,
        source: &FlagSource,
        passage: &str,
        resolution: &FlagResolution,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (decision, replacement, decided_by) = match resolution {
            FlagResolution::Keep { decided_by } => ("keep", "", decided_by.as_str()),
            FlagResolution::Rewrite { text, decided_by } => ("rewrite", text.as_str(), decided_by.as_str()),
        };
        self.conn
            .prepare_cached(
                "INSERT INTO report_flag_resolution (source, passage, decision, replacement, decided_by, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (source, passage) DO UPDATE SET decision = excluded.decision,
                     replacement = excluded.replacement, decided_by = excluded.decided_by,
                     decided_at = excluded.decided_at",
            )?
            .execute(params![source.0, passage, decision, replacement, decided_by, timestamp(now)])?;
        Ok(())
    }
}

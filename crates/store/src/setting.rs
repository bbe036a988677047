//! The `setting` table: this installation's choices (the interface language, the desk's name).

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use tsudoi_core::Lang;

use crate::{Result, Store};

const LANGUAGE: &str = "language";
const DESK_NAME: &str = "desk_name";
const DESK_OPERATOR: &str = "desk_operator";
const IDLE_LOCK_SECONDS: &str = "idle_lock_seconds";
const BACKUP_SCHEDULE: &str = "backup_schedule";
const BACKUP_SCHEDULE_LAST: &str = "backup_schedule_last";

/// How long the window waits without a key or a click before it locks, unless set.
pub const DEFAULT_IDLE_LOCK_SECONDS: u32 = 600;

/// The name every attempt at this computer's desk is recorded under, and who staffs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeskSettings {
    pub name: String,
    pub operator: String,
}

/// Backups made on a schedule into a chosen folder (a USB stick), keeping the newest `keep`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupSchedule {
    pub folder: String,
    pub keep: u32,
    pub every_hours: u32,
}

/// How the last scheduled backup went: when it was tried, and the file or why it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScheduledBackupOutcome {
    /// RFC 3339.
    pub at: String,
    pub file: Option<String>,
    pub problem: Option<String>,
}

/// The desk name a new installation starts with.
pub const DEFAULT_DESK_NAME: &str = "受付1";

pub(crate) fn put_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Serialising these plain structs cannot fail.
fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

impl Store {
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?)
    }

    /// The interface language; Japanese until someone chooses English.
    pub fn language(&self) -> Result<Lang> {
        Ok(self
            .setting(LANGUAGE)?
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default())
    }

    /// Seconds without a key or a click before a signed-in window locks.
    pub fn idle_lock_seconds(&self) -> Result<u32> {
        Ok(self
            .setting(IDLE_LOCK_SECONDS)?
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_IDLE_LOCK_SECONDS))
    }

    pub fn set_idle_lock_seconds(&mut self, seconds: u32) -> Result<()> {
        put_setting(&self.conn, IDLE_LOCK_SECONDS, &seconds.to_string())
    }

    /// The backup schedule, if one is set.
    pub fn backup_schedule(&self) -> Result<Option<BackupSchedule>> {
        Ok(self
            .setting(BACKUP_SCHEDULE)?
            .and_then(|json| serde_json::from_str(&json).ok()))
    }

    /// Sets the schedule, or removes it (`None`); the last outcome is forgotten either way.
    pub fn set_backup_schedule(&mut self, schedule: Option<&BackupSchedule>) -> Result<()> {
        let tx = self.conn.transaction()?;
        match schedule {
            Some(schedule) => put_setting(&tx, BACKUP_SCHEDULE, &json(schedule))?,
            None => {
                tx.execute("DELETE FROM setting WHERE key = ?1", [BACKUP_SCHEDULE])?;
            }
        }
        tx.execute("DELETE FROM setting WHERE key = ?1", [BACKUP_SCHEDULE_LAST])?;
        tx.commit()?;
        Ok(())
    }

    /// How the last scheduled backup went, if one was tried since the schedule was set.
    pub fn scheduled_backup_outcome(&self) -> Result<Option<ScheduledBackupOutcome>> {
        Ok(self
            .setting(BACKUP_SCHEDULE_LAST)?
            .and_then(|json| serde_json::from_str(&json).ok()))
    }

    pub fn set_scheduled_backup_outcome(&mut self, outcome: &ScheduledBackupOutcome) -> Result<()> {
        put_setting(&self.conn, BACKUP_SCHEDULE_LAST, &json(outcome))
    }

    pub fn set_language(&mut self, lang: Lang) -> Result<()> {
        put_setting(&self.conn, LANGUAGE, lang.as_str())
    }

    /// This computer's desk.
    pub fn desk(&self) -> Result<DeskSettings> {
        Ok(DeskSettings {
            name: self
                .setting(DESK_NAME)?
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_DESK_NAME.into()),
            operator: self.setting(DESK_OPERATOR)?.unwrap_or_default(),
        })
    }

    /// Names the desk; an empty name falls back to the default.
    pub fn set_desk(&mut self, desk: &DeskSettings) -> Result<DeskSettings> {
        let name = desk.name.trim();
        let tx = self.conn.transaction()?;
        put_setting(
            &tx,
            DESK_NAME,
            if name.is_empty() { DEFAULT_DESK_NAME } else { name },
        )?;
        put_setting(&tx, DESK_OPERATOR, desk.operator.trim())?;
        tx.commit()?;
        self.desk()
    }
}

//! Backups on a schedule into a chosen folder (a USB stick), keeping the newest N.
//!
//! Each run writes one backup file (see [`crate::vault::backup`]), named by its time so that the
//! names sort oldest first, then removes the oldest of Tsudoi's own backups in that folder
//! beyond N. Only files that match the name pattern are ever removed; anything else a person
//! keeps there is left alone. Every backup and every removal is in the privacy log, so the
//! erasure at the end of the contract knows which copies exist and which are already gone.
//!
//! The window checks every minute whether a run is due ([`run_if_due`]): the first run as soon
//! as the schedule is set, then every `every_hours`. An absent folder (the stick is not plugged
//! in) is a problem shown in the window, tried again at the next check.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use tsudoi_core::handler::Permission;
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::Localized;
use tsudoi_store::{BackupSchedule, ScheduledBackupOutcome};

use crate::audit::logged_path;
use crate::vault::{BackupDone, VaultRefusal};
use crate::{Ctx, Result};

/// The start of every file name a scheduled backup writes: `tsudoi-backup-20261126-093000.tsudoi`.
pub const FILE_PREFIX: &str = "tsudoi-backup-";
pub const FILE_EXTENSION: &str = "tsudoi";
/// How many backups a schedule keeps at most, and how seldom it runs at most (a week).
pub const MAX_KEEP: u32 = 100;
pub const MAX_EVERY_HOURS: u32 = 24 * 7;

/// What one backup into the folder did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FolderBackupDone {
    pub backup: BackupDone,
    /// The older backups removed so that `keep` remain.
    pub removed: Vec<String>,
}

/// The schedule and how its last run went, for the window.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScheduleStatus {
    pub schedule: Option<BackupSchedule>,
    pub last: Option<ScheduledBackupOutcome>,
}

pub fn status(ctx: &Ctx<'_>) -> Result<ScheduleStatus> {
    Ok(ScheduleStatus {
        schedule: ctx.store.backup_schedule()?,
        last: ctx.store.scheduled_backup_outcome()?,
    })
}

/// Sets the schedule (or removes it with `None`). The folder must exist now, so that a typing
/// mistake is caught while the person is there, and lie outside the data folder (a backup
/// beside the data it protects is lost with it). Who may make backups may set it.
pub fn set(ctx: &mut Ctx<'_>, schedule: Option<BackupSchedule>) -> Result<ScheduleStatus> {
    ctx.require(Permission::ExportPersonalData)?;
    if let Some(schedule) = &schedule {
        if !(1..=MAX_KEEP).contains(&schedule.keep) || !(1..=MAX_EVERY_HOURS).contains(&schedule.every_hours)
        {
            return Err(VaultRefusal::ScheduleOutOfRange {
                keep: schedule.keep,
                every_hours: schedule.every_hours,
            }
            .into());
        }
        check_folder(ctx, Path::new(&schedule.folder))?;
    }
    ctx.store.set_backup_schedule(schedule.as_ref())?;
    status(ctx)
}

fn check_folder(ctx: &Ctx<'_>, folder: &Path) -> Result<PathBuf> {
    if !folder.is_dir() {
        return Err(VaultRefusal::BackupFolderMissing {
            path: folder.to_path_buf(),
        }
        .into());
    }
    let folder = folder.canonicalize().unwrap_or_else(|_| folder.to_path_buf());
    let data = ctx
        .store
        .path()
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let data = data.canonicalize().unwrap_or_else(|_| data.to_path_buf());
    if folder.starts_with(&data) {
        return Err(VaultRefusal::BackupFolderInsideData { path: folder, data }.into());
    }
    Ok(folder)
}

/// The file name of a backup made at `at` (this computer's time), without its extension.
fn stem(at: chrono::NaiveDateTime) -> String {
    format!("{FILE_PREFIX}{}", at.format("%Y%m%d-%H%M%S"))
}

/// Whether `name` is one of the files this module writes (so one it may remove).
fn is_scheduled_backup_name(name: &str) -> bool {
    let Some(stamp) = name
        .strip_prefix(FILE_PREFIX)
        .and_then(|rest| rest.strip_suffix(&format!(".{FILE_EXTENSION}")))
    else {
        return false;
    };
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").is_ok()
}

/// Makes one backup into `folder` now and removes the oldest of Tsudoi's backups there beyond
/// `keep`. The new file is written and verified before anything older is removed.
pub fn backup_into_folder(ctx: &mut Ctx<'_>, folder: &Path, keep: u32) -> Result<FolderBackupDone> {
    let folder = check_folder(ctx, folder)?;
    let keep = keep.clamp(1, MAX_KEEP) as usize;
    let stem = stem(ctx.clock.local_now());
    let mut out = folder.join(format!("{stem}.{FILE_EXTENSION}"));
    // Two runs within a second (a person pressing twice) must not replace each other.
    let mut n = 1;
    while out.exists() {
        n += 1;
        out = folder.join(format!("{stem}-{n}.{FILE_EXTENSION}"));
    }
    let backup = crate::vault::backup(ctx, &out, false)?;

    let mut ours: Vec<PathBuf> = fs::read_dir(&folder)
        .map_err(crate::AppError::io(&folder))?
        .flatten()
        .filter(|entry| entry.file_type().map(|t| t.is_file()).unwrap_or(false))
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            is_scheduled_backup_name(&name) || is_scheduled_backup_name(&without_counter(&name))
        })
        .map(|entry| entry.path())
        .collect();
    // By time, then by the counter a second backup in the same second gets.
    ours.sort_by_key(|path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        (without_counter(&name), name.len(), name)
    });
    let surplus = ours.len().saturating_sub(keep);
    let mut removed = Vec::new();
    for old in ours.into_iter().take(surplus) {
        if old == out {
            continue;
        }
        if fs::remove_file(&old).is_ok() {
            let file = logged_path(&old);
            let record = tsudoi_store::AuditRecord {
                actor: &ctx.operator.name,
                action: AuditAction::BackupRemoved,
                event_id: None,
                n_people: 0,
                file: &file,
                detail: &AuditDetail::Files { files: 1, people: 0 }.encode(),
            };
            ctx.store.record_audit(&record, ctx.now())?;
            removed.push(file);
        }
    }
    Ok(FolderBackupDone { backup, removed })
}

/// `tsudoi-backup-20261126-093000-2.tsudoi` → `tsudoi-backup-20261126-093000.tsudoi`: the
/// counter a second backup within the same second gets is dropped; other names stay as they are.
fn without_counter(name: &str) -> String {
    const STAMP: usize = "20261126-093000".len();
    let body = name
        .strip_prefix(FILE_PREFIX)
        .and_then(|rest| rest.strip_suffix(&format!(".{FILE_EXTENSION}")));
    match body.and_then(|body| Some((body.get(..STAMP)?, body.get(STAMP..)?))) {
        Some((stamp, counter))
            if counter.len() > 1
                && counter.starts_with('-')
                && counter[1..].chars().all(|c| c.is_ascii_digit()) =>
        {
            format!("{FILE_PREFIX}{stamp}.{FILE_EXTENSION}")
        }
        _ => name.to_string(),
    }
}

/// Whether a scheduled run is due at `now`: never run since the schedule was set, or the last
/// try is `every_hours` old. A failed try waits for the next minute's check, not the next period:
/// the stick plugged in a minute later is used.
pub fn is_due(schedule: &BackupSchedule, last: Option<&ScheduledBackupOutcome>, now: DateTime<Utc>) -> bool {
    let Some(last) = last else {
        return true;
    };
    if last.problem.is_some() {
        return true;
    }
    match DateTime::parse_from_rfc3339(&last.at) {
        Ok(at) => now - at.with_timezone(&Utc) >= Duration::hours(i64::from(schedule.every_hours)),
        Err(_) => true,
    }
}

/// Runs the scheduled backup if one is set and due; records how it went (the file, or the
/// problem in the person's language) and returns it. `None`: nothing was due.
pub fn run_if_due(ctx: &mut Ctx<'_>) -> Result<Option<ScheduledBackupOutcome>> {
    let Some(schedule) = ctx.store.backup_schedule()? else {
        return Ok(None);
    };
    let last = ctx.store.scheduled_backup_outcome()?;
    if !is_due(&schedule, last.as_ref(), ctx.now()) {
        return Ok(None);
    }
    let outcome = match backup_into_folder(ctx, Path::new(&schedule.folder), schedule.keep) {
        Ok(done) => ScheduledBackupOutcome {
            at: ctx.now().to_rfc3339(),
            file: Some(done.backup.path),
            problem: None,
        },
        Err(error) => ScheduledBackupOutcome {
            at: ctx.now().to_rfc3339(),
            file: None,
            problem: Some(error.message(ctx.lang)),
        },
    };
    // A repeated problem is not rewritten every minute with a new time: the first try's time
    // says since when backups have been failing.
    let unchanged_problem =
        matches!((&last, &outcome.problem), (Some(l), Some(p)) if l.problem.as_ref() == Some(p));
    if !unchanged_problem {
        ctx.store.set_scheduled_backup_outcome(&outcome)?;
    }
    Ok(Some(outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_are_ours() {
        assert!(is_scheduled_backup_name("tsudoi-backup-20261126-093000.tsudoi"));
        assert!(is_scheduled_backup_name(&without_counter(
            "tsudoi-backup-20261126-093000-2.tsudoi"
        )));
        assert!(!is_scheduled_backup_name("tsudoi-backup-20261126.tsudoi"));
        assert!(!is_scheduled_backup_name("my-notes.tsudoi"));
        assert!(!is_scheduled_backup_name("tsudoi-backup-20261126-093000.zip"));
        assert!(!is_scheduled_backup_name(&without_counter(
            "tsudoi-backup-2026.tsudoi"
        )));
    }

    #[test]
    fn due_after_the_period_or_after_a_problem() {
        let schedule = BackupSchedule {
            folder: "/media/usb".into(),
            keep: 3,
            every_hours: 24,
        };
        let now = DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let tried = |at: &str, problem: Option<&str>| ScheduledBackupOutcome {
            at: at.into(),
            file: None,
            problem: problem.map(str::to_string),
        };
        assert!(is_due(&schedule, None, now));
        assert!(!is_due(
            &schedule,
            Some(&tried("2026-11-25T12:00:01Z", None)),
            now
        ));
        assert!(is_due(&schedule, Some(&tried("2026-11-25T12:00:00Z", None)), now));
        assert!(is_due(
            &schedule,
            Some(&tried("2026-11-26T11:59:00Z", Some("no stick"))),
            now
        ));
    }
}

//! `tsudoi setting …` and `tsudoi info`.

use tsudoi_app::{backup_schedule, settings, Ctx};
use tsudoi_core::Lang;

use crate::args::SettingCommand;
use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn run(command: &SettingCommand, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        SettingCommand::Desk { name, operator } => {
            let desk = settings::set_desk(ctx, name.clone(), operator.clone()).or_fail(lang)?;
            out.print_desk(&desk);
        }
        SettingCommand::Language { value } => {
            if let Some(value) = value {
                settings::set_language(ctx, *value).or_fail(lang)?;
            }
            let current = settings::language(ctx).or_fail(lang)?;
            out.setting("language", current.as_str());
        }
        SettingCommand::IdleLock { seconds } => {
            if let Some(seconds) = seconds {
                settings::set_idle_lock_seconds(ctx, *seconds).or_fail(lang)?;
            }
            let current = settings::idle_lock_seconds(ctx).or_fail(lang)?;
            out.setting("idle_lock_seconds", &current.to_string());
        }
        SettingCommand::Backup {
            folder,
            keep,
            every_hours,
            off,
        } => {
            let status = if *off {
                backup_schedule::set(ctx, None).or_fail(lang)?
            } else if let (Some(folder), Some(keep), Some(every_hours)) = (folder, keep, every_hours) {
                let schedule = tsudoi_app::types::BackupSchedule {
                    folder: folder.display().to_string(),
                    keep: *keep,
                    every_hours: *every_hours,
                };
                backup_schedule::set(ctx, Some(schedule)).or_fail(lang)?
            } else {
                backup_schedule::status(ctx).or_fail(lang)?
            };
            out.print_json_or(&status, || match (&status.schedule, lang) {
                (None, Lang::Ja) => "定期バックアップは設定されていません。".into(),
                (None, Lang::En) => "No backup schedule is set.".into(),
                (Some(s), Lang::Ja) => format!(
                    "定期バックアップ: {} 時間ごとに「{}」へ（新しい {} 件を残す）",
                    s.every_hours, s.folder, s.keep
                ),
                (Some(s), Lang::En) => format!(
                    "Backup schedule: every {} hours into “{}” (keeping the newest {})",
                    s.every_hours, s.folder, s.keep
                ),
            });
        }
    }
    Ok(())
}

pub fn info(ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let info = settings::info(ctx).or_fail(ctx.lang)?;
    let about = tsudoi_app::about::about().or_fail(ctx.lang)?;
    out.info(
        std::path::Path::new(&info.db_path),
        info.schema_version,
        info.n_events as usize,
        &about,
        ctx.lang,
    );
    Ok(())
}

//! `tsudoi setting …` and `tsudoi info`.

use tsudoi_app::{settings, Ctx};

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

//! Settings of this installation: the interface's language and the desk's name and operator.

use tsudoi_core::Lang;
use tsudoi_store::{DeskSettings, Store};

use crate::{Ctx, Result};

/// Who acts when nobody is named: the operator set for this computer (the desk's operator,
/// `tsudoi setting desk --operator`), else the system's user name.
pub(crate) fn operator_name(store: &Store) -> String {
    store
        .desk()
        .ok()
        .map(|desk| desk.operator)
        .filter(|operator| !operator.trim().is_empty())
        .or_else(|| {
            ["USER", "LOGNAME", "USERNAME"]
                .into_iter()
                .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        })
        .unwrap_or_else(|| "unknown".to_string())
}

pub fn language(ctx: &Ctx<'_>) -> Result<Lang> {
    Ok(ctx.store.language()?)
}

pub fn set_language(ctx: &mut Ctx<'_>, language: Lang) -> Result<Lang> {
    ctx.store.set_language(language)?;
    ctx.lang = language;
    Ok(language)
}

pub fn desk(ctx: &Ctx<'_>) -> Result<DeskSettings> {
    Ok(ctx.store.desk()?)
}

/// Changes the desk's name or operator; what is not given stays.
pub fn set_desk(ctx: &mut Ctx<'_>, name: Option<String>, operator: Option<String>) -> Result<DeskSettings> {
    let current = ctx.store.desk()?;
    if name.is_none() && operator.is_none() {
        return Ok(current);
    }
    let desk = DeskSettings {
        name: name.unwrap_or(current.name),
        operator: operator.unwrap_or(current.operator),
    };
    let saved = ctx.store.set_desk(&desk)?;
    if !saved.operator.trim().is_empty() {
        ctx.operator.name = saved.operator.clone();
    }
    Ok(saved)
}

/// What `tsudoi info` and the window's status show.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Info {
    pub db_path: String,
    pub schema_version: i64,
    pub app_version: String,
    pub n_events: u32,
    pub is_empty: bool,
}

pub fn info(ctx: &Ctx<'_>) -> Result<Info> {
    Ok(Info {
        db_path: ctx.store.path().display().to_string(),
        schema_version: ctx.store.schema_version()?,
        app_version: tsudoi_store::APP_VERSION.to_string(),
        n_events: ctx.store.events()?.len() as u32,
        is_empty: ctx.store.is_empty()?,
    })
}

/// The shortest idle time before the window locks: a lock every few seconds would make the desk
/// unusable; tests set this floor.
pub const MIN_IDLE_LOCK_SECONDS: u32 = 2;

/// Seconds without a key or a click before a signed-in window locks.
pub fn idle_lock_seconds(ctx: &Ctx<'_>) -> Result<u32> {
    Ok(ctx.store.idle_lock_seconds()?)
}

/// Sets the idle time before the window locks: a security setting, the 情報管理責任者's.
pub fn set_idle_lock_seconds(ctx: &mut Ctx<'_>, seconds: u32) -> Result<u32> {
    ctx.require(tsudoi_core::handler::Permission::Roster)?;
    let seconds = seconds.max(MIN_IDLE_LOCK_SECONDS);
    ctx.store.set_idle_lock_seconds(seconds)?;
    Ok(seconds)
}

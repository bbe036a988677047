//! The information-handler roster (情報取扱者名簿) and signing in: a person on the roster
//! signs in with their name and a PIN or passphrase, kept only as an argon2id hash; wrong PINs
//! slow the next try ([`tsudoi_core::handler::wait_after_failures`]) and are logged.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::Duration;
use serde::Serialize;
use tsudoi_core::handler::{check_new_pin, wait_after_failures, HandlerDraft, HandlerRole, Permission};
use tsudoi_core::privacy::AuditAction;
use tsudoi_store::{AuditRecord, Handler};

use crate::{AppError, Ctx, Result};

/// A person who proved who they are: the context acts as them ([`Ctx::signed_in`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignedIn {
    pub name: String,
    pub role: HandlerRole,
}

/// The PIN's hash as the roster keeps it: argon2id (memory-hard) with a random salt, in the PHC
/// string form that names its own parameters.
pub fn hash_pin(pin: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AppError::Crypto(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::Crypto(e.to_string()))?;
    Ok(Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map_err(|e| AppError::Crypto(e.to_string()))?
        .to_string())
}

fn pin_matches(hash: &str, pin: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| Argon2::default().verify_password(pin.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// Adds a person to the roster. The first person must be the 情報管理責任者, and only they add
/// the others.
pub fn add(ctx: &mut Ctx<'_>, draft: HandlerDraft, pin: &str) -> Result<Handler> {
    let first = ctx.store.n_handlers()? == 0;
    if first && draft.role != HandlerRole::Officer {
        return Err(AppError::FirstHandlerIsOfficer);
    }
    if !first {
        ctx.require(Permission::Roster)?;
    }
    check_new_pin(pin)?;
    let hash = hash_pin(pin)?;
    let now = ctx.now();
    let actor = if first {
        draft.name.clone()
    } else {
        ctx.operator.name.clone()
    };
    Ok(ctx.store.add_handler(draft, &hash, &actor, now)?)
}

/// Changes a person on the roster (details, role, or leaving it): the officer's. The change is
/// kept in the roster's history and written to the privacy log, never the sensitive values.
pub fn update(ctx: &mut Ctx<'_>, id: i64, draft: HandlerDraft, active: bool) -> Result<Handler> {
    ctx.require(Permission::Roster)?;
    let now = ctx.now();
    let actor = ctx.operator.name.clone();
    Ok(ctx.store.update_handler(
        id,
        draft,
        active,
        &actor,
        &AuditRecord {
            actor: &actor,
            action: AuditAction::HandlerChange,
            event_id: None,
            n_people: 1,
            file: "",
            detail: "",
        },
        now,
    )?)
}

/// One person on the roster (the sensitive columns only for the 情報管理責任者).
pub fn get(ctx: &Ctx<'_>, id: i64) -> Result<Handler> {
    list(ctx)?
        .into_iter()
        .find(|h| h.id == id)
        .ok_or(AppError::Store(tsudoi_store::StoreError::HandlerNotFound(id)))
}

/// The roster; the sensitive columns only for the 情報管理責任者.
pub fn list(ctx: &Ctx<'_>) -> Result<Vec<Handler>> {
    let handlers = ctx.store.handlers()?;
    let officer = ctx.operator.role == Some(HandlerRole::Officer);
    Ok(handlers
        .into_iter()
        .map(|h| if officer { h } else { h.without_sensitive() })
        .collect())
}

/// The names to choose from when signing in (nothing else of the roster).
pub fn names(ctx: &Ctx<'_>) -> Result<Vec<String>> {
    Ok(ctx
        .store
        .handlers()?
        .into_iter()
        .filter(|h| h.active)
        .map(|h| h.details.name)
        .collect())
}

/// Checks a person's PIN. A wrong one (or an unknown name: the answer is the same, so names
/// cannot be probed) is counted and logged; after three in a row each next try waits longer.
pub fn sign_in(ctx: &mut Ctx<'_>, name: &str, pin: &str) -> Result<SignedIn> {
    let now = ctx.now();
    let Some((handler, hash)) = ctx.store.handler_for_sign_in(name)? else {
        log_failure(ctx, name)?;
        return Err(AppError::SignInRefused);
    };
    if let Some(until) = handler.wait_until.filter(|until| *until > now) {
        // A try while waiting is logged too (someone guessing keeps trying), but not checked.
        log_failure(ctx, name)?;
        let seconds = (until - now).num_seconds().max(1);
        return Err(AppError::SignInWait { seconds });
    }
    if !pin_matches(&hash, pin) {
        let wait = wait_after_failures(handler.failures + 1);
        let until = (wait > 0).then(|| now + Duration::seconds(wait));
        ctx.store.record_failed_sign_in(handler.id, until)?;
        log_failure(ctx, name)?;
        return Err(AppError::SignInRefused);
    }
    ctx.store.record_sign_in(handler.id)?;
    Ok(SignedIn {
        name: handler.details.name,
        role: handler.details.role,
    })
}

fn log_failure(ctx: &mut Ctx<'_>, name: &str) -> Result<()> {
    let now = ctx.now();
    let record = AuditRecord {
        actor: name.trim(),
        action: AuditAction::SignInFailed,
        event_id: None,
        n_people: 0,
        file: "",
        detail: "",
    };
    Ok(ctx.store.record_audit(&record, now)?)
}

/// The roster written as a file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RosterExport {
    pub file: String,
    pub n_people: u32,
    /// Whether the sensitive columns are in it (only for the 情報管理責任者).
    pub with_sensitive: bool,
}

/// Writes the roster in the annex's layout, as a PDF (with the 情報管理体制図) or an XLSX sheet by
/// the file's extension, headed 非公表用. The 情報管理責任者's own; the sensitive columns go in
/// only for them. Logged like every export of names.
pub fn export_roster(
    ctx: &mut Ctx<'_>,
    path: &std::path::Path,
    replace: crate::output::Replace,
) -> Result<RosterExport> {
    ctx.require(Permission::Roster)?;
    let with_sensitive = ctx.operator.role == Some(HandlerRole::Officer);
    let is_xlsx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    crate::audit::exported(ctx, AuditAction::HandlerRosterExport, None, |ctx| {
        crate::output::check_file(path, replace)?;
        let people: Vec<HandlerDraft> = ctx
            .store
            .handlers()?
            .into_iter()
            .filter(|h| h.active)
            .map(|h| h.details)
            .collect();
        let bytes = if is_xlsx {
            tsudoi_exchange::handler_roster::roster_xlsx(&people, with_sensitive, ctx.lang)?
        } else {
            let printed = ctx.clock.local_now().date().format("%Y-%m-%d").to_string();
            tsudoi_report::handler_roster::handler_roster_pdf(&people, with_sensitive, &printed, ctx.lang)?
        };
        let written = crate::output::write_file(path, &bytes, replace)?;
        let n_people = u32::try_from(people.len()).unwrap_or(u32::MAX);
        Ok(crate::audit::Written {
            value: RosterExport {
                file: crate::audit::logged_path(path),
                n_people,
                with_sensitive,
            },
            n_people,
            target: path.to_path_buf(),
            detail: tsudoi_core::privacy::AuditDetail::Documents {
                formats: if is_xlsx { "xlsx" } else { "pdf" }.into(),
                public: Some(false),
                photos: None,
            }
            .encode(),
            files: vec![written],
        })
    })
}

/// Adds a service to the register of external services used with personal data, or changes one
/// (`id`): the 情報管理責任者's, as a security setting.
pub fn save_service(
    ctx: &mut Ctx<'_>,
    id: Option<i64>,
    draft: tsudoi_core::handler::ServiceDraft,
) -> Result<tsudoi_store::ExternalService> {
    ctx.require(Permission::Roster)?;
    let now = ctx.now();
    let actor = ctx.operator.name.clone();
    Ok(ctx.store.save_service(id, draft, &actor, now)?)
}

/// The register of external services; anyone on the roster may read it.
pub fn services(ctx: &Ctx<'_>) -> Result<Vec<tsudoi_store::ExternalService>> {
    Ok(ctx.store.services()?)
}

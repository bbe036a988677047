//! Mail to each person (個別メール) at this window: prepare, preview, approve by a second
//! handler, send over SMTP in short runs (so the outbox can be watched) or write `.eml` files.

use std::path::Path;

use tauri::State;
use tsudoi_app::mail::{
    self, EmlExport, MailServer, MailText, MailingRequest, PreparedMailing, SendReport, SmtpAccount,
    TemplateInfo,
};
use tsudoi_app::output::Replace;
use tsudoi_app::types::{Mailing, OutboxEntry};
use tsudoi_core::mail::{MailFilter, MailTemplate, RenderedMail};
use tsudoi_core::{AttendeeId, EventId, Lang};

use super::Reply;
use crate::state::AppState;

/// The environment variable a script may give the SMTP password in, as the CLI reads it.
const PASSWORD_ENV_VAR: &str = "TSUDOI_SMTP_PASSWORD";

/// The templates as mailings are prepared with them now (the mail language, a person's words).
#[tauri::command]
pub fn mail_templates(state: State<'_, AppState>) -> Reply<Vec<TemplateInfo>> {
    state.run(|ctx| mail::current_templates(ctx))
}

/// The language of the mailings prepared from now on.
#[tauri::command]
pub fn set_mail_language(state: State<'_, AppState>, lang: Lang) -> Reply<Vec<TemplateInfo>> {
    state.run(|ctx| mail::set_mail_language(ctx, lang))
}

/// Saves a person's words for a template (in the mail language).
#[tauri::command]
pub fn save_mail_template(
    state: State<'_, AppState>,
    template: MailTemplate,
    text: MailText,
) -> Reply<TemplateInfo> {
    state.run(|ctx| mail::save_template(ctx, template, text))
}

/// Back to the built-in words of a template (in the mail language).
#[tauri::command]
pub fn reset_mail_template(state: State<'_, AppState>, template: MailTemplate) -> Reply<TemplateInfo> {
    state.run(|ctx| mail::reset_template(ctx, template))
}

/// An event's mailings, the newest first.
#[tauri::command]
pub fn list_mailings(state: State<'_, AppState>, event_id: EventId) -> Reply<Vec<Mailing>> {
    state.run(|ctx| mail::list(ctx, event_id))
}

/// Chooses the recipients and stores the mailing, unsent and unapproved.
#[tauri::command]
pub fn prepare_mailing(
    state: State<'_, AppState>,
    event_id: EventId,
    template: MailTemplate,
    filter: MailFilter,
    purpose: Option<String>,
) -> Reply<PreparedMailing> {
    let request = MailingRequest {
        event_id,
        template,
        filter,
        purpose,
    };
    state.run(|ctx| mail::prepare(ctx, request))
}

/// A mailing with its counts and the people left out.
#[tauri::command]
pub fn mailing_status(state: State<'_, AppState>, id: i64) -> Reply<Mailing> {
    state.run(|ctx| mail::status(ctx, id))
}

/// The messages of a mailing with their state.
#[tauri::command]
pub fn mailing_outbox(state: State<'_, AppState>, id: i64) -> Reply<Vec<OutboxEntry>> {
    state.run(|ctx| mail::outbox(ctx, id))
}

/// The message one recipient will get, as it will be sent.
#[tauri::command]
pub fn preview_mail(
    state: State<'_, AppState>,
    id: i64,
    attendee: Option<AttendeeId>,
) -> Reply<RenderedMail> {
    state.run(|ctx| mail::preview(ctx, id, attendee))
}

/// Approval by a second handler: their name and PIN (with a roster), or their name (before it).
#[tauri::command]
pub fn approve_mailing(
    state: State<'_, AppState>,
    id: i64,
    approver: String,
    pin: Option<String>,
) -> Reply<Mailing> {
    state.run(|ctx| mail::approve_as_second_handler(ctx, id, &approver, pin.as_deref()))
}

/// The mail server remembered from the last time (never a password).
#[tauri::command]
pub fn mail_server(state: State<'_, AppState>) -> Reply<Option<MailServer>> {
    state.run(|ctx| mail::server(ctx))
}

/// Sends up to `at_most` waiting messages and remembers the server. The password typed for this
/// run (or `TSUDOI_SMTP_PASSWORD`) is used and forgotten, unless the person asked to keep it in
/// the OS keychain; with `keychain` and nothing typed, the keychain's is used. Runs off the
/// window's thread.
#[allow(clippy::too_many_arguments)] // One command, the window's send form as it is.
#[tauri::command(async)]
pub fn send_mailing(
    state: State<'_, AppState>,
    id: i64,
    server: MailServer,
    password: Option<String>,
    keychain: bool,
    per_minute: u32,
    retry_failed: bool,
    at_most: u32,
) -> Reply<SendReport> {
    let typed = password
        .filter(|p| !p.is_empty())
        .or_else(|| std::env::var(PASSWORD_ENV_VAR).ok());
    state.run(|ctx| {
        let server = mail::set_server(ctx, server)?;
        let password = mail::password_for(&server, typed, keychain)?;
        let account = SmtpAccount::of(&server, password);
        mail::send_at_most(ctx, id, &account, per_minute, retry_failed, Some(at_most))
    })
}

/// Removes the password the OS keychain keeps for the server's account.
#[tauri::command]
pub fn forget_mail_password(state: State<'_, AppState>, server: MailServer) -> Reply<()> {
    state.run(|_| tsudoi_app::keychain::forget(&server))
}

/// Writes one `.eml` file per waiting recipient into `dir`, for sending from a mail program.
#[tauri::command]
pub fn export_mailing_eml(
    state: State<'_, AppState>,
    id: i64,
    dir: String,
    from: String,
    replace: bool,
) -> Reply<EmlExport> {
    state.run(|ctx| mail::export_eml(ctx, id, Path::new(dir.trim()), from.trim(), Replace(replace)))
}

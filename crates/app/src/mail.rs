//! Mail to each person (個別メール): prepare a mailing, preview it, have a second handler approve
//! it, then send one message per person over SMTP (or write one `.eml` file per person).
//!
//! Each message has only its person's address in To, no Cc and no Bcc header. The outbox state of
//! each message is committed right after its send, and a message whose conversation with the
//! server had begun when the program stopped is never sent again on its own: a mailing resumed
//! after a kill sends no one twice and leaves no one out without saying so.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::address::Envelope;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{SmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::Message;
use serde::Serialize;
use tsudoi_core::handler::Permission;
use tsudoi_core::mail::{
    render_text, select_recipients, ticket_attachment_name, unknown_placeholders, LeftOut, MailFilter,
    MailTemplate, OutboxState, RenderedMail, MAX_BODY_CHARS, MAX_SUBJECT_CHARS,
};
pub use tsudoi_core::mail::{MailServer, MailText, SmtpSecurity};
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::{AttendanceMode, AttendeeId, AttendeeStatus, EventId, Lang, Localized, TicketToken};
use tsudoi_report::tickets::{ticket_cards_pdf, TicketSheet};
use tsudoi_store::{AttendeeQuery, AuditRecord, Mailing, MailingDraft, OutboxEntry};

use crate::audit::logged_path;
use crate::output::{FolderOutput, Replace};
use crate::{AppError, Ctx, Result};

/// Why a mailing step was refused before anything was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailRefusal {
    #[error("mailing {0} is not approved")]
    NotApproved(i64),
    #[error("the approver is the person who prepared the mailing")]
    SameApprover,
    #[error("no approver named")]
    NoApprover,
    #[error("with a roster, the approver signs in")]
    ApproverMustSignIn,
    #[error("plain SMTP to {host}")]
    PlainNotLocal { host: String },
    #[error("no sender address")]
    NoSender,
    #[error("bad address {0}")]
    BadAddress(String),
    #[error("cannot reach the mail server: {reason}")]
    ServerUnavailable { reason: String, sent: u32, waiting: u32 },
    #[error("the mail server asked to wait: {reason}")]
    ServerBusy { reason: String, sent: u32, waiting: u32 },
    #[error("the recipient is not in the mailing")]
    NotARecipient,
    #[error("a template's subject or body is empty")]
    EmptyTemplate,
    #[error("a template's subject or body is too long")]
    TemplateTooLong,
    #[error("{{{0}}} is not a placeholder")]
    UnknownPlaceholder(String),
    #[error("the online link is typed into the words of a mailing to venue attendees")]
    OnlineLinkInText,
    #[error("the OS keychain: {0}")]
    Keychain(String),
    #[error("no password is kept in the OS keychain for this account")]
    NoPasswordKept,
}

impl Localized for MailRefusal {
    fn code(&self) -> &'static str {
        match self {
            MailRefusal::NotApproved(_) => "mail.not_approved",
            MailRefusal::SameApprover => "mail.same_approver",
            MailRefusal::NoApprover => "mail.no_approver",
            MailRefusal::ApproverMustSignIn => "mail.approver_must_sign_in",
            MailRefusal::PlainNotLocal { .. } => "mail.plain_not_local",
            MailRefusal::NoSender => "mail.no_sender",
            MailRefusal::BadAddress(_) => "mail.bad_address",
            MailRefusal::ServerUnavailable { .. } => "mail.server_unavailable",
            MailRefusal::ServerBusy { .. } => "mail.server_busy",
            MailRefusal::NotARecipient => "mail.not_a_recipient",
            MailRefusal::EmptyTemplate => "mail.empty_template",
            MailRefusal::TemplateTooLong => "mail.template_too_long",
            MailRefusal::UnknownPlaceholder(_) => "mail.unknown_placeholder",
            MailRefusal::OnlineLinkInText => "mail.online_link_in_text",
            MailRefusal::Keychain(_) => "mail.keychain",
            MailRefusal::NoPasswordKept => "mail.no_password_kept",
        }
    }

    fn message(&self, lang: Lang) -> String {
        use MailRefusal::*;
        match (self, lang) {
            (NotApproved(id), Lang::Ja) => format!(
                "メール送信 {id} はまだ承認されていません。別の担当者がプレビューと件数を確認して承認（tsudoi mail approve {id}）してから送信してください。何も送っていません。"
            ),
            (NotApproved(id), Lang::En) => format!(
                "Mailing {id} is not approved yet. Another handler checks the preview and the count and approves it (tsudoi mail approve {id}) before it is sent. Nothing was sent."
            ),
            (SameApprover, Lang::Ja) => "準備した人は自分の送信を承認できません。別の担当者に承認を頼んでください。".into(),
            (SameApprover, Lang::En) => "The person who prepared a mailing cannot approve it. Ask another handler to approve it.".into(),
            (NoApprover, Lang::Ja) => "承認者の名前がありません。承認する人の名前を入力してください（--approver 名前）。".into(),
            (NoApprover, Lang::En) => "No approver is named. Enter the approving person's name (--approver NAME).".into(),
            (ApproverMustSignIn, Lang::Ja) => "情報取扱者名簿があるため、承認者は名前を入力するのではなくサインインして承認してください。".into(),
            (ApproverMustSignIn, Lang::En) => "With a handler roster, the approver signs in to approve instead of typing a name.".into(),
            (PlainNotLocal { host }, Lang::Ja) => format!(
                "暗号化なしのSMTPは 127.0.0.1 にだけ使えます（{host} は不可）。--starttls か --tls を付けてください。"
            ),
            (PlainNotLocal { host }, Lang::En) => format!(
                "Plain SMTP without TLS is only for 127.0.0.1 (not {host}). Add --starttls or --tls."
            ),
            (NoSender, Lang::Ja) => "差出人のメールアドレスがありません。--from で指定してください。".into(),
            (NoSender, Lang::En) => "There is no sender address. Give one with --from.".into(),
            (BadAddress(a), Lang::Ja) => format!("「{a}」はメールアドレスとして使えません。確認してください。"),
            (BadAddress(a), Lang::En) => format!("“{a}” cannot be used as an email address. Check it."),
            (ServerUnavailable { reason, sent, waiting }, Lang::Ja) => format!(
                "メールサーバーに接続できません（{reason}）。送信済み {sent} 件、送信待ち {waiting} 件です。サーバーと接続先を確認して、もう一度送信してください。送信済みの人には二重に送りません。"
            ),
            (ServerUnavailable { reason, sent, waiting }, Lang::En) => format!(
                "Cannot reach the mail server ({reason}). {sent} sent, {waiting} waiting. Check the server and its address and send again: nobody already sent gets it twice."
            ),
            (ServerBusy { reason, sent, waiting }, Lang::Ja) => format!(
                "メールサーバーから時間をおくよう求められました（{reason}）。送信済み {sent} 件、送信待ち {waiting} 件です。しばらくしてからもう一度送信してください。"
            ),
            (ServerBusy { reason, sent, waiting }, Lang::En) => format!(
                "The mail server asked to wait ({reason}). {sent} sent, {waiting} waiting. Send again in a while."
            ),
            (NotARecipient, Lang::Ja) => "その参加者はこのメール送信の宛先にいません。宛先の一覧から選んでください。".into(),
            (NotARecipient, Lang::En) => "That attendee is not a recipient of this mailing. Choose one from its recipients.".into(),
            (EmptyTemplate, Lang::Ja) => "件名と本文の両方を入力してください。".into(),
            (EmptyTemplate, Lang::En) => "Enter both a subject and a body.".into(),
            (TemplateTooLong, Lang::Ja) => format!(
                "件名は {MAX_SUBJECT_CHARS} 文字、本文は {MAX_BODY_CHARS} 文字までです。短くしてください。"
            ),
            (TemplateTooLong, Lang::En) => format!(
                "A subject holds at most {MAX_SUBJECT_CHARS} characters and a body {MAX_BODY_CHARS}. Shorten it."
            ),
            (UnknownPlaceholder(name), Lang::Ja) => format!(
                "{{{name}}} は差し込み項目ではありません。使えるのは {} です。綴りを確かめてください。",
                placeholder_list()
            ),
            (UnknownPlaceholder(name), Lang::En) => format!(
                "{{{name}}} is not a placeholder. The placeholders are {}. Check the spelling.",
                placeholder_list()
            ),
            (Keychain(why), Lang::Ja) => format!(
                "OSのキーチェーンを使えませんでした（{why}）。パスワードを入力して送信してください（保存はされません）。"
            ),
            (Keychain(why), Lang::En) => format!(
                "The OS keychain could not be used ({why}). Type the password to send (it is not kept)."
            ),
            (NoPasswordKept, Lang::Ja) => "このアカウントのパスワードはOSのキーチェーンにありません。パスワードを入力してください（「キーチェーンに保存」にすると次から入力は要りません）。".into(),
            (NoPasswordKept, Lang::En) => "The OS keychain keeps no password for this account. Type it (with “keep in the keychain” it is not asked again).".into(),
            (OnlineLinkInText, Lang::Ja) => "本文か件名にオンライン参加のURLがそのまま書かれています。会場参加の人にも届いてしまうため、URLの代わりに {online_url} と書いてください（オンライン参加の人にだけ入ります）。".into(),
            (OnlineLinkInText, Lang::En) => "The online link is typed into the subject or body, so venue attendees would get it too. Write {online_url} instead: it is filled in for online attendees only.".into(),
        }
    }
}

fn placeholder_list() -> String {
    tsudoi_core::mail::PLACEHOLDERS
        .iter()
        .map(|p| format!("{{{p}}}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A template as shown to a person.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    pub name: MailTemplate,
    pub label: String,
    pub subject: String,
    pub body: String,
    pub attaches_ticket: bool,
    /// The language of the words (the mail language setting).
    pub lang: Lang,
    /// Whether these are a person's words rather than the built-in ones.
    pub customized: bool,
}

/// The built-in templates in Japanese, as they ship.
pub fn templates(lang: Lang) -> Vec<TemplateInfo> {
    MailTemplate::ALL
        .iter()
        .map(|t| template_info(*t, lang, Lang::Ja, t.built_in(Lang::Ja), false))
        .collect()
}

fn template_info(
    template: MailTemplate,
    label_lang: Lang,
    lang: Lang,
    text: MailText,
    customized: bool,
) -> TemplateInfo {
    TemplateInfo {
        name: template,
        label: template.label(label_lang).to_string(),
        subject: text.subject,
        body: text.body,
        attaches_ticket: template.attaches_ticket(),
        lang,
        customized,
    }
}

/// The words a mailing of `template` is prepared with now: a person's, or the built-in ones,
/// in the mail language.
fn current_text(ctx: &Ctx<'_>, template: MailTemplate, lang: Lang) -> Result<(MailText, bool)> {
    Ok(match ctx.store.mail_template_text(template, lang)? {
        Some(text) => (text, true),
        None => (template.built_in(lang), false),
    })
}

/// The templates as mailings are prepared with them now: the mail language's words, a
/// person's where they saved some.
pub fn current_templates(ctx: &Ctx<'_>) -> Result<Vec<TemplateInfo>> {
    let lang = ctx.store.mail_language()?;
    MailTemplate::ALL
        .iter()
        .map(|t| {
            let (text, customized) = current_text(ctx, *t, lang)?;
            Ok(template_info(*t, ctx.lang, lang, text, customized))
        })
        .collect()
}

/// The language mailings are prepared in (Japanese unless English was chosen).
pub fn mail_language(ctx: &Ctx<'_>) -> Result<Lang> {
    Ok(ctx.store.mail_language()?)
}

/// Chooses the language of the mailings prepared from now on (those prepared keep theirs).
pub fn set_mail_language(ctx: &mut Ctx<'_>, lang: Lang) -> Result<Vec<TemplateInfo>> {
    ctx.require(Permission::ExportPersonalData)?;
    ctx.store.set_mail_language(lang)?;
    current_templates(ctx)
}

/// Saves a person's words for a template in the mail language. The subject is one line; every
/// name in braces must be a placeholder; neither may be empty or beyond its limit.
pub fn save_template(ctx: &mut Ctx<'_>, template: MailTemplate, text: MailText) -> Result<TemplateInfo> {
    ctx.require(Permission::ExportPersonalData)?;
    let text = MailText {
        subject: text.subject.replace(['\r', '\n'], " ").trim().to_string(),
        body: text.body.replace("\r\n", "\n"),
    };
    if text.subject.is_empty() || text.body.trim().is_empty() {
        return Err(MailRefusal::EmptyTemplate.into());
    }
    if text.subject.chars().count() > MAX_SUBJECT_CHARS || text.body.chars().count() > MAX_BODY_CHARS {
        return Err(MailRefusal::TemplateTooLong.into());
    }
    let mut unknown = unknown_placeholders(&text.subject);
    unknown.extend(unknown_placeholders(&text.body));
    if let Some(name) = unknown.into_iter().next() {
        return Err(MailRefusal::UnknownPlaceholder(name).into());
    }
    let lang = ctx.store.mail_language()?;
    let now = ctx.now();
    let by = ctx.operator.name.clone();
    ctx.store
        .set_mail_template_text(template, lang, &text, &by, now)?;
    Ok(template_info(template, ctx.lang, lang, text, true))
}

/// Back to the built-in words of a template in the mail language.
pub fn reset_template(ctx: &mut Ctx<'_>, template: MailTemplate) -> Result<TemplateInfo> {
    ctx.require(Permission::ExportPersonalData)?;
    let lang = ctx.store.mail_language()?;
    ctx.store.clear_mail_template_text(template, lang)?;
    Ok(template_info(
        template,
        ctx.lang,
        lang,
        template.built_in(lang),
        false,
    ))
}

/// What to prepare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailingRequest {
    pub event_id: EventId,
    pub template: MailTemplate,
    pub filter: MailFilter,
    /// Why the mailing is sent; the template's name when none is given.
    pub purpose: Option<String>,
}

/// A prepared mailing: how many people it goes to and who is left out, with why.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreparedMailing {
    pub id: i64,
    pub recipients: u32,
    pub left_out: Vec<LeftOut>,
}

fn log_detail(mailing: i64, purpose: &str, step: &str, approver: &str, sent: u32, failed: u32) -> String {
    AuditDetail::Mailing {
        mailing,
        purpose: purpose.to_string(),
        step: step.to_string(),
        approver: approver.to_string(),
        sent,
        failed,
    }
    .encode()
}

/// When a message was tried: the real time, not the moment the command began (a run at a rate
/// limit lasts long).
fn attempt_time() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Chooses the recipients (core's rules) and stores the mailing with its outbox, unsent and
/// unapproved. Only people who may export personal data (情報取扱管理者 and above) mail people.
pub fn prepare(ctx: &mut Ctx<'_>, request: MailingRequest) -> Result<PreparedMailing> {
    ctx.require(Permission::ExportPersonalData)?;
    let event = ctx.store.event(request.event_id)?;
    let lang = ctx.store.mail_language()?;
    let (text, _) = current_text(ctx, request.template, lang)?;
    // The online link reaches online attendees only through `{online_url}`; typed into the
    // words of a mailing that may reach venue attendees, it would reach them too.
    let link = event.details.online_url.trim();
    let online_only = request.template.only_mode().or(request.filter.mode) == Some(AttendanceMode::Online);
    if !link.is_empty() && !online_only && (text.subject.contains(link) || text.body.contains(link)) {
        return Err(MailRefusal::OnlineLinkInText.into());
    }
    let attendees = ctx.store.attendees(request.event_id, &AttendeeQuery::default())?;
    let already = ctx.store.mailed_attendees(request.event_id, request.template)?;
    let selection = select_recipients(request.template, &request.filter, &attendees, &already);
    let recipients: Vec<(AttendeeId, String)> = selection
        .recipients
        .iter()
        .filter_map(|id| {
            attendees
                .iter()
                .find(|a| a.id == *id)
                .map(|a| (*id, a.details.email.trim().to_string()))
        })
        .collect();
    let purpose = request
        .purpose
        .clone()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| request.template.label(Lang::Ja).to_string());
    let draft = MailingDraft {
        event_id: request.event_id,
        purpose: purpose.clone(),
        template: request.template,
        filter: request.filter,
        lang,
        text,
    };
    let actor = ctx.operator.name.clone();
    let record = AuditRecord {
        actor: &actor,
        action: AuditAction::Mailing,
        event_id: Some(request.event_id),
        n_people: recipients.len() as u32,
        file: "",
        detail: "",
    };
    let now = ctx.now();
    let detail_for = |id: i64| log_detail(id, &purpose, "prepared", "", 0, 0);
    let mailing = ctx.store.create_mailing(
        &draft,
        &recipients,
        &selection.left_out,
        &record,
        &detail_for,
        now,
    )?;
    Ok(PreparedMailing {
        id: mailing.id,
        recipients: recipients.len() as u32,
        left_out: selection.left_out,
    })
}

/// A mailing with its counts (waiting, sent, failed) and the people left out.
pub fn status(ctx: &Ctx<'_>, id: i64) -> Result<Mailing> {
    ctx.require(Permission::ExportPersonalData)?;
    Ok(ctx.store.mailing(id)?)
}

/// An event's mailings, the newest first.
pub fn list(ctx: &Ctx<'_>, event_id: EventId) -> Result<Vec<Mailing>> {
    ctx.require(Permission::ExportPersonalData)?;
    Ok(ctx.store.mailings(event_id)?)
}

/// The mail server remembered from the last time (no password is ever kept).
pub fn server(ctx: &Ctx<'_>) -> Result<Option<MailServer>> {
    ctx.require(Permission::ExportPersonalData)?;
    Ok(ctx.store.mail_server()?)
}

/// Remembers the mail server for the next mailing, after checking the sender's address.
pub fn set_server(ctx: &mut Ctx<'_>, server: MailServer) -> Result<MailServer> {
    ctx.require(Permission::ExportPersonalData)?;
    let server = MailServer {
        host: server.host.trim().to_string(),
        user: server.user.trim().to_string(),
        from: server.from.trim().to_string(),
        ..server
    };
    if server.from.is_empty() {
        return Err(MailRefusal::NoSender.into());
    }
    mailbox(&server.from)?;
    ctx.store.set_mail_server(&server)?;
    Ok(server)
}

/// The messages of a mailing, with their state and the server's answer or the reason.
pub fn outbox(ctx: &Ctx<'_>, id: i64) -> Result<Vec<OutboxEntry>> {
    ctx.require(Permission::ExportPersonalData)?;
    Ok(ctx.store.outbox(id)?)
}

/// The message one recipient (the first when none is named) will get, as it will be sent.
pub fn preview(ctx: &Ctx<'_>, id: i64, attendee: Option<AttendeeId>) -> Result<RenderedMail> {
    ctx.require(Permission::ExportPersonalData)?;
    let mailing = ctx.store.mailing(id)?;
    let outbox = ctx.store.outbox(id)?;
    let entry = match attendee {
        Some(a) => outbox.iter().find(|e| e.attendee_id == a),
        None => outbox.first(),
    }
    .ok_or(MailRefusal::NotARecipient)?;
    let (mail, _) = message_for(ctx, &mailing, entry, Attachments::Skipped)?;
    Ok(mail)
}

/// Approves a mailing after its preview and count were seen. With a roster the approver is the
/// signed-in person, who must not be the one who prepared it; before the roster, the approver's
/// name is typed (`--approver`) and must differ as well. The approval is kept and logged.
pub fn approve(ctx: &mut Ctx<'_>, id: i64, approver: Option<&str>) -> Result<Mailing> {
    ctx.require(Permission::ExportPersonalData)?;
    let mailing = ctx.store.mailing(id)?;
    let with_roster = ctx.store.n_handlers()? > 0;
    let name = if with_roster {
        if approver.is_some_and(|a| a.trim() != ctx.operator.name) {
            return Err(MailRefusal::ApproverMustSignIn.into());
        }
        ctx.operator.name.clone()
    } else {
        approver
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .ok_or(MailRefusal::NoApprover)?
            .to_string()
    };
    if name == mailing.created_by {
        return Err(MailRefusal::SameApprover.into());
    }
    if mailing.approved_by.is_some() {
        return Ok(mailing);
    }
    let detail = log_detail(id, &mailing.purpose, "approved", &name, 0, 0);
    let actor = ctx.operator.name.clone();
    let total = mailing.counts.waiting + mailing.counts.sending + mailing.counts.sent + mailing.counts.failed;
    let record = AuditRecord {
        actor: &actor,
        action: AuditAction::Mailing,
        event_id: Some(mailing.event_id),
        n_people: total,
        file: "",
        detail: &detail,
    };
    let now = ctx.now();
    Ok(ctx.store.approve_mailing(id, &name, &record, now)?)
}

/// The mail server and the account that sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpAccount {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub user: Option<String>,
    /// Never stored: asked each time or taken from the environment by the door.
    pub password: Option<String>,
    /// The sender's address (From).
    pub from: String,
}

impl SmtpAccount {
    /// The account of a remembered server, with the password typed for this run (none when the
    /// server takes mail without signing in).
    pub fn of(server: &MailServer, password: Option<String>) -> SmtpAccount {
        let user = Some(server.user.trim().to_string()).filter(|u| !u.is_empty());
        SmtpAccount {
            host: server.host.trim().to_string(),
            port: server.port,
            security: server.security,
            password: user.as_ref().and(password),
            user,
            from: server.from.trim().to_string(),
        }
    }
}

/// The password for a sending run. Typed: used, and kept in the OS keychain when asked. Not
/// typed: the one the keychain keeps, when asked (none kept is refused), else none. A server
/// taking mail without a user name needs none. The password is never written anywhere else.
pub fn password_for(
    server: &MailServer,
    typed: Option<String>,
    use_keychain: bool,
) -> Result<Option<String>> {
    if server.user.trim().is_empty() {
        return Ok(None);
    }
    match typed.filter(|p| !p.is_empty()) {
        Some(password) => {
            if use_keychain {
                crate::keychain::keep(server, &password)?;
            }
            Ok(Some(password))
        }
        None if use_keychain => match crate::keychain::password(server)? {
            Some(password) => Ok(Some(password)),
            None => Err(MailRefusal::NoPasswordKept.into()),
        },
        None => Ok(None),
    }
}

/// How a sending run went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SendReport {
    pub waiting: u32,
    pub sent: u32,
    pub failed: u32,
}

/// What goes with a message that carries the ticket: the QR code (PNG) and the person's ticket
/// card (PDF, one card, as on the printed sheet).
struct TicketFiles {
    png: Vec<u8>,
    pdf: Option<Vec<u8>>,
}

/// Whether to make the attachments (sending, `.eml`) or the text alone (a preview).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attachments {
    Made,
    Skipped,
}

/// The message one outbox row stands for: the text (from the person's registration now) and
/// the ticket's files, addressed to the row's address only.
fn message_for(
    ctx: &Ctx<'_>,
    mailing: &Mailing,
    entry: &OutboxEntry,
    attachments: Attachments,
) -> Result<(RenderedMail, Option<TicketFiles>)> {
    let event = ctx.store.event(mailing.event_id)?;
    let attendee = ctx.store.attendee(entry.attendee_id)?;
    let mut mail = render_text(mailing.template, &mailing.text, mailing.lang, &event, &attendee);
    mail.to = entry.address.clone();
    let files = match (&mail.ticket, attachments) {
        (Some(token), Attachments::Made) => {
            let token = TicketToken::parse(token).map_err(|_| MailRefusal::NotARecipient)?;
            let png = tsudoi_report::qr::ticket_png(&token, 8)?;
            // The card is the printed sheet's, in the mailing's language.
            let sheet = TicketSheet::for_event(&event, std::slice::from_ref(&attendee), mailing.lang);
            let pdf = if sheet.cards.is_empty() {
                None
            } else {
                Some(ticket_cards_pdf(&sheet)?)
            };
            Some(TicketFiles { png, pdf })
        }
        _ => None,
    };
    Ok((mail, files))
}

fn mailbox(address: &str) -> Result<Mailbox> {
    address
        .parse::<Mailbox>()
        .map_err(|_| MailRefusal::BadAddress(address.to_string()).into())
}

/// Builds the message: From, one To, a UTF-8 subject (RFC 2047) and body, and the ticket's QR
/// code as a PNG with its card as a PDF. Nothing else is addressed: no Cc, no Bcc.
fn build_message(from: &str, mail: &RenderedMail, lang: Lang, files: Option<TicketFiles>) -> Result<Message> {
    let builder = Message::builder()
        .from(mailbox(from)?)
        .to(mailbox(&mail.to)?)
        .subject(mail.subject.clone());
    let text = SinglePart::plain(mail.body.clone());
    let built = match (files, &mail.ticket) {
        (Some(files), Some(token)) => {
            let png_type = ContentType::parse("image/png").map_err(|_| MailRefusal::NoSender)?;
            let png = Attachment::new(ticket_attachment_name(token, lang, "png")).body(files.png, png_type);
            let mut parts = MultiPart::mixed().singlepart(text).singlepart(png);
            if let Some(pdf) = files.pdf {
                let pdf_type = ContentType::parse("application/pdf").map_err(|_| MailRefusal::NoSender)?;
                parts = parts.singlepart(
                    Attachment::new(ticket_attachment_name(token, lang, "pdf")).body(pdf, pdf_type),
                );
            }
            builder.multipart(parts)
        }
        _ => builder.singlepart(text),
    };
    built.map_err(|e| MailRefusal::BadAddress(e.to_string()).into())
}

fn is_local_address(host: &str) -> bool {
    host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn connect(account: &SmtpAccount) -> std::result::Result<SmtpConnection, lettre::transport::smtp::Error> {
    let hello = ClientId::default();
    let timeout = Some(Duration::from_secs(30));
    let address = (account.host.as_str(), account.port);
    let mut conn = match account.security {
        SmtpSecurity::Tls => {
            let tls = TlsParameters::new(account.host.clone())?;
            SmtpConnection::connect(address, timeout, &hello, Some(&tls), None)?
        }
        SmtpSecurity::StartTls => {
            let tls = TlsParameters::new(account.host.clone())?;
            let mut conn = SmtpConnection::connect(address, timeout, &hello, None, None)?;
            conn.starttls(&tls, &hello)?;
            conn
        }
        SmtpSecurity::Plain => SmtpConnection::connect(address, timeout, &hello, None, None)?,
    };
    if let Some(user) = &account.user {
        let credentials = Credentials::new(user.clone(), account.password.clone().unwrap_or_default());
        conn.auth(&[Mechanism::Plain, Mechanism::Login], &credentials)?;
    }
    Ok(conn)
}

fn answer_text(response: &lettre::transport::smtp::response::Response) -> String {
    let lines: Vec<&str> = response.message().collect();
    format!("{} {}", response.code(), lines.join(" "))
}

fn ensure_approved(mailing: &Mailing) -> Result<()> {
    if mailing.approved_by.is_none() {
        return Err(MailRefusal::NotApproved(mailing.id).into());
    }
    Ok(())
}

fn interrupted_reason(lang: Lang) -> &'static str {
    lang.pick(
        "送信の途中で中断しました。届いている可能性があるため自動では再送しません。確認してから再送を指示してください。",
        "Interrupted while sending: it may have arrived, so it is not sent again on its own. Check, then ask for a retry.",
    )
}

/// Sends an approved mailing's waiting messages, one connection at a time, at most
/// `per_minute` a minute. Each message is marked `sending` before the server is spoken to and
/// `sent` (with the server's answer) or `failed` (with why) right after, each its own commit.
/// With `retry_failed`, failed messages are queued again first.
pub fn send(
    ctx: &mut Ctx<'_>,
    id: i64,
    account: &SmtpAccount,
    per_minute: u32,
    retry_failed: bool,
) -> Result<SendReport> {
    send_at_most(ctx, id, account, per_minute, retry_failed, None)
}

/// `send`, stopping after `at_most` messages (none: all that wait). The window sends in such
/// runs, so that the database is free between them and the outbox can be watched as it goes.
pub fn send_at_most(
    ctx: &mut Ctx<'_>,
    id: i64,
    account: &SmtpAccount,
    per_minute: u32,
    retry_failed: bool,
    at_most: Option<u32>,
) -> Result<SendReport> {
    ctx.require(Permission::ExportPersonalData)?;
    let mailing = ctx.store.mailing(id)?;
    ensure_approved(&mailing)?;
    if account.security == SmtpSecurity::Plain && !is_local_address(&account.host) {
        return Err(MailRefusal::PlainNotLocal {
            host: account.host.clone(),
        }
        .into());
    }
    mailbox(&account.from)?;
    let reason = interrupted_reason(ctx.lang).to_string();
    ctx.store.settle_interrupted(id, &reason)?;
    if retry_failed {
        ctx.store.retry_failed(id)?;
    }
    let pause = Duration::from_millis(60_000 / u64::from(per_minute.max(1)));
    let mut conn: Option<SmtpConnection> = None;
    let mut run = SendReport::default();
    let mut stop: Option<MailRefusal> = None;
    let waiting: Vec<OutboxEntry> = ctx
        .store
        .outbox(id)?
        .into_iter()
        .filter(|e| e.state == OutboxState::Waiting)
        .take(at_most.map_or(usize::MAX, |n| n as usize))
        .collect();
    for (index, entry) in waiting.iter().enumerate() {
        if index > 0 {
            std::thread::sleep(pause);
        }
        // A registration cancelled or withdrawn since the approval gets nothing.
        let attendee = ctx.store.attendee(entry.attendee_id)?;
        if attendee.details.status == AttendeeStatus::Cancelled || !attendee.details.consent {
            let why = ctx.lang.pick(
                "承認後にキャンセルまたは同意の撤回があったため送っていません。",
                "Cancelled or consent withdrawn after the approval: not sent.",
            );
            ctx.store
                .mark_outbox(entry.id, OutboxState::Failed, why, attempt_time())?;
            run.failed += 1;
            continue;
        }
        let (mail, files) = match message_for(ctx, &mailing, entry, Attachments::Made) {
            Ok(made) => made,
            Err(error) => {
                // One person's card that cannot be made (a character the fonts lack) stops
                // only their message, with why.
                ctx.store.mark_outbox(
                    entry.id,
                    OutboxState::Failed,
                    &error.message(ctx.lang),
                    attempt_time(),
                )?;
                run.failed += 1;
                continue;
            }
        };
        let message = build_message(&account.from, &mail, mailing.lang, files)?;
        let envelope = Envelope::new(
            Some(mailbox(&account.from)?.email),
            vec![mailbox(&entry.address)?.email],
        )
        .map_err(|e| MailRefusal::BadAddress(e.to_string()))?;
        if conn.as_ref().is_none_or(|c| c.has_broken()) {
            match connect(account) {
                Ok(c) => conn = Some(c),
                Err(e) => {
                    stop = Some(MailRefusal::ServerUnavailable {
                        reason: e.to_string(),
                        sent: 0,
                        waiting: 0,
                    });
                    break;
                }
            }
        }
        let Some(c) = conn.as_mut() else { break };
        ctx.store
            .mark_outbox(entry.id, OutboxState::Sending, "", attempt_time())?;
        match c.send(&envelope, &message.formatted()) {
            Ok(response) => {
                ctx.store.mark_outbox(
                    entry.id,
                    OutboxState::Sent,
                    &answer_text(&response),
                    attempt_time(),
                )?;
                run.sent += 1;
            }
            Err(e) if e.is_transient() => {
                // The server said "later" before taking the message: it stays waiting.
                ctx.store
                    .mark_outbox(entry.id, OutboxState::Waiting, &e.to_string(), attempt_time())?;
                stop = Some(MailRefusal::ServerBusy {
                    reason: e.to_string(),
                    sent: 0,
                    waiting: 0,
                });
                break;
            }
            Err(e) if e.is_permanent() || e.is_client() => {
                ctx.store
                    .mark_outbox(entry.id, OutboxState::Failed, &e.to_string(), attempt_time())?;
                run.failed += 1;
            }
            Err(e) => {
                // The connection broke mid-conversation: the message may have arrived.
                let why = format!("{} ({e})", interrupted_reason(ctx.lang));
                ctx.store
                    .mark_outbox(entry.id, OutboxState::Failed, &why, attempt_time())?;
                run.failed += 1;
            }
        }
    }
    if let Some(mut c) = conn {
        let _ = c.quit();
    }
    let after = ctx.store.mailing(id)?;
    let detail = log_detail(
        id,
        &mailing.purpose,
        "sent",
        mailing.approved_by.as_deref().unwrap_or(""),
        run.sent,
        run.failed,
    );
    let actor = ctx.operator.name.clone();
    let record = AuditRecord {
        actor: &actor,
        action: AuditAction::Mailing,
        event_id: Some(mailing.event_id),
        n_people: run.sent,
        file: &format!("smtp://{}:{}", account.host, account.port),
        detail: &detail,
    };
    let now = ctx.now();
    ctx.store.record_audit(&record, now)?;
    let report = SendReport {
        waiting: after.counts.waiting,
        sent: after.counts.sent,
        failed: after.counts.failed,
    };
    match stop {
        Some(MailRefusal::ServerUnavailable { reason, .. }) => Err(MailRefusal::ServerUnavailable {
            reason,
            sent: report.sent,
            waiting: report.waiting,
        }
        .into()),
        Some(MailRefusal::ServerBusy { reason, .. }) => Err(MailRefusal::ServerBusy {
            reason,
            sent: report.sent,
            waiting: report.waiting,
        }
        .into()),
        _ => Ok(report),
    }
}

/// Approval at a window where someone else is signed in: the approver proves who they are with
/// their own name and PIN (a sign-in, logged as any), and approves as themselves, without taking
/// over the window. Before the roster exists, the approver's name alone is the second
/// confirmation.
pub fn approve_as_second_handler(
    ctx: &mut Ctx<'_>,
    id: i64,
    name: &str,
    pin: Option<&str>,
) -> Result<Mailing> {
    if ctx.store.n_handlers()? == 0 {
        return approve(ctx, id, Some(name));
    }
    // The person at the window may hand out mail; the approver must be allowed it as well.
    ctx.require(Permission::ExportPersonalData)?;
    let approver = crate::handlers::sign_in(ctx, name, pin.unwrap_or(""))?;
    let at_window = std::mem::replace(
        &mut ctx.operator,
        crate::Operator {
            name: approver.name,
            role: Some(approver.role),
        },
    );
    let approved = approve(ctx, id, None);
    ctx.operator = at_window;
    approved
}

/// What writing `.eml` files did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EmlExport {
    pub dir: String,
    pub files: u32,
}

/// For people who must send from their own mail program: one `.eml` file per waiting recipient
/// in `dir` (the same message, the same rules: approved first, one address each), written as a
/// set; those messages are then marked sent, answered with their file.
pub fn export_eml(ctx: &mut Ctx<'_>, id: i64, dir: &Path, from: &str, replace: Replace) -> Result<EmlExport> {
    ctx.require(Permission::ExportPersonalData)?;
    let mailing = ctx.store.mailing(id)?;
    ensure_approved(&mailing)?;
    mailbox(from)?;
    let waiting: Vec<OutboxEntry> = ctx
        .store
        .outbox(id)?
        .into_iter()
        .filter(|e| e.state == OutboxState::Waiting)
        .collect();
    let mut out = FolderOutput::new(dir);
    let mut names: Vec<(i64, PathBuf)> = Vec::new();
    for entry in &waiting {
        let (mail, files) = message_for(ctx, &mailing, entry, Attachments::Made)?;
        let message = build_message(from, &mail, mailing.lang, files)?;
        let name = format!("mail-{id}-{:05}-attendee-{}.eml", entry.id, entry.attendee_id);
        let path = out.add(&name, message.formatted());
        names.push((entry.id, path));
    }
    let written = out.write(replace)?;
    for (entry_id, path) in &names {
        let answer = format!("eml: {}", logged_path(path));
        ctx.store
            .mark_outbox(*entry_id, OutboxState::Sent, &answer, attempt_time())?;
    }
    let detail = log_detail(
        id,
        &mailing.purpose,
        "eml",
        mailing.approved_by.as_deref().unwrap_or(""),
        names.len() as u32,
        0,
    );
    let actor = ctx.operator.name.clone();
    let file = logged_path(dir);
    let record = AuditRecord {
        actor: &actor,
        action: AuditAction::Mailing,
        event_id: Some(mailing.event_id),
        n_people: names.len() as u32,
        file: &file,
        detail: &detail,
    };
    let now = ctx.now();
    if let Err(error) = ctx.store.record_audit(&record, now) {
        crate::audit::remove_written(&written);
        return Err(AppError::from(error));
    }
    Ok(EmlExport {
        dir: file,
        files: names.len() as u32,
    })
}

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
    render, select_recipients, LeftOut, MailFilter, MailTemplate, OutboxState, RenderedMail,
};
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::{AttendeeId, AttendeeStatus, EventId, Lang, Localized, TicketToken};
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
        }
    }
}

/// A built-in template as shown to a person.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    pub name: MailTemplate,
    pub label: String,
    pub subject: String,
    pub body: String,
    pub attaches_ticket: bool,
}

/// The built-in templates.
pub fn templates(lang: Lang) -> Vec<TemplateInfo> {
    MailTemplate::ALL
        .iter()
        .map(|t| TemplateInfo {
            name: *t,
            label: t.label(lang).to_string(),
            subject: t.subject().to_string(),
            body: t.body().to_string(),
            attaches_ticket: t.attaches_ticket(),
        })
        .collect()
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
    ctx.store.event(request.event_id)?;
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
    let (mail, _) = message_for(ctx, &mailing, entry)?;
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

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SmtpSecurity {
    /// No TLS: only to 127.0.0.1 (tests and a local relay).
    Plain,
    /// STARTTLS after connecting (usually port 587).
    #[default]
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
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

/// How a sending run went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SendReport {
    pub waiting: u32,
    pub sent: u32,
    pub failed: u32,
}

/// The message one outbox row stands for: the text (from the person's registration now) and
/// the message with the QR code attached, addressed to the row's address only.
fn message_for(
    ctx: &Ctx<'_>,
    mailing: &Mailing,
    entry: &OutboxEntry,
) -> Result<(RenderedMail, Option<Vec<u8>>)> {
    let event = ctx.store.event(mailing.event_id)?;
    let attendee = ctx.store.attendee(entry.attendee_id)?;
    let mut mail = render(mailing.template, &event, &attendee);
    mail.to = entry.address.clone();
    let png = match &mail.ticket {
        Some(token) => {
            let token = TicketToken::parse(token).map_err(|_| MailRefusal::NotARecipient)?;
            Some(tsudoi_report::qr::ticket_png(&token, 8)?)
        }
        None => None,
    };
    Ok((mail, png))
}

fn mailbox(address: &str) -> Result<Mailbox> {
    address
        .parse::<Mailbox>()
        .map_err(|_| MailRefusal::BadAddress(address.to_string()).into())
}

/// Builds the message: From, one To, a UTF-8 subject (RFC 2047) and body, and the ticket's QR
/// code as a PNG. Nothing else is addressed: no Cc, no Bcc.
fn build_message(from: &str, mail: &RenderedMail, png: Option<Vec<u8>>) -> Result<Message> {
    let builder = Message::builder()
        .from(mailbox(from)?)
        .to(mailbox(&mail.to)?)
        .subject(mail.subject.clone());
    let text = SinglePart::plain(mail.body.clone());
    let built = match (png, &mail.ticket) {
        (Some(png), Some(token)) => {
            let png_type = ContentType::parse("image/png").map_err(|_| MailRefusal::NoSender)?;
            let attachment = Attachment::new(format!("ticket-{token}.png")).body(png, png_type);
            builder.multipart(MultiPart::mixed().singlepart(text).singlepart(attachment))
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
        let (mail, png) = message_for(ctx, &mailing, entry)?;
        let message = build_message(&account.from, &mail, png)?;
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
        let (mail, png) = message_for(ctx, &mailing, entry)?;
        let message = build_message(from, &mail, png)?;
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

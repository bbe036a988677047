//! `tsudoi mail …`: mail to each person (個別メール): templates, prepare, preview, approve, send,
//! status.

use serde_json::json;
use tsudoi_app::mail::{self, MailServer, MailingRequest, SmtpAccount, SmtpSecurity};
use tsudoi_app::output::Replace;
use tsudoi_app::Ctx;
use tsudoi_core::mail::{MailFilter, MailTemplate};
use tsudoi_core::{AttendanceMode, AttendeeId, Category, EventId, Lang, Localized};

use crate::args::MailCommand;
use crate::failure::{Failure, OrFail};
use crate::output::Output;

const PASSWORD_ENV_VAR: &str = "TSUDOI_SMTP_PASSWORD";

pub fn run(command: &MailCommand, replace: Replace, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        MailCommand::Template { name } => {
            let all = mail::current_templates(ctx).or_fail(lang)?;
            match name {
                Some(name) => {
                    let wanted = MailTemplate::parse(name).or_fail(lang)?;
                    let template = all.iter().find(|t| t.name == wanted);
                    out.print_json_or(&template, || {
                        template
                            .map(|t| format!("{}\n\n{}\n\n{}", t.label, t.subject, t.body))
                            .unwrap_or_default()
                    });
                }
                None => out.print_json_or(&all, || {
                    all.iter()
                        .map(|t| format!("{}\t{}\t{}", t.name.as_str(), t.label, t.subject))
                        .collect::<Vec<_>>()
                        .join("\n")
                }),
            }
        }
        MailCommand::Prepare {
            event,
            template,
            mode,
            category,
            not_yet_sent,
            purpose,
        } => {
            let request = MailingRequest {
                event_id: EventId(*event),
                template: MailTemplate::parse(template).or_fail(lang)?,
                filter: MailFilter {
                    mode: mode
                        .as_deref()
                        .map(AttendanceMode::parse)
                        .transpose()
                        .or_fail(lang)?,
                    category: category
                        .as_deref()
                        .map(Category::parse)
                        .transpose()
                        .or_fail(lang)?,
                    not_yet_sent: *not_yet_sent,
                },
                purpose: purpose.clone(),
            };
            let prepared = mail::prepare(ctx, request).or_fail(lang)?;
            out.print_json_or(&prepared, || {
                let mut text = match lang {
                    Lang::Ja => format!(
                        "メール送信 #{} を準備しました: 宛先 {} 名、対象外 {} 名。別の担当者が tsudoi mail preview {} で確認し、tsudoi mail approve {} で承認してから送信します。",
                        prepared.id, prepared.recipients, prepared.left_out.len(), prepared.id, prepared.id
                    ),
                    Lang::En => format!(
                        "Mailing #{} prepared: {} recipients, {} left out. Another handler checks it (tsudoi mail preview {}) and approves it (tsudoi mail approve {}) before it is sent.",
                        prepared.id, prepared.recipients, prepared.left_out.len(), prepared.id, prepared.id
                    ),
                };
                for l in &prepared.left_out {
                    text.push_str(&format!("\n  #{}\t{}", l.attendee, l.reason.label(lang)));
                }
                text
            });
        }
        MailCommand::Preview { id, attendee } => {
            let message = mail::preview(ctx, *id, attendee.map(AttendeeId)).or_fail(lang)?;
            out.print_json_or(&message, || {
                format!(
                    "To: {}\nSubject: {}\n{}\n\n{}",
                    message.to,
                    message.subject,
                    message
                        .ticket
                        .as_ref()
                        .map(|t| format!("{} ticket-{t}.png", lang.pick("添付:", "Attached:")))
                        .unwrap_or_default(),
                    message.body
                )
            });
        }
        MailCommand::Approve { id, approver } => {
            let mailing = mail::approve(ctx, *id, approver.as_deref()).or_fail(lang)?;
            out.print_json_or(&mailing, || {
                format!(
                    "{} #{} ({}: {})",
                    lang.pick("承認しました:", "Approved:"),
                    mailing.id,
                    lang.pick("承認者", "approver"),
                    mailing.approved_by.as_deref().unwrap_or("")
                )
            });
        }
        MailCommand::Send {
            id,
            smtp,
            starttls,
            tls,
            user,
            from,
            per_minute,
            retry_failed,
            keychain,
            eml,
        } => {
            let from = from
                .clone()
                .or_else(|| user.clone().filter(|u| u.contains('@')))
                .ok_or_else(|| Failure::missing_argument("--from", lang))?;
            if let Some(dir) = eml {
                let done = mail::export_eml(ctx, *id, dir, &from, replace).or_fail(lang)?;
                out.print_json_or(&done, || {
                    format!(
                        "{} {} ({})",
                        lang.pick(".eml を書き出しました:", "Wrote .eml files:"),
                        done.dir,
                        done.files
                    )
                });
                return Ok(());
            }
            let smtp = smtp
                .as_deref()
                .ok_or_else(|| Failure::missing_argument("--smtp", lang))?;
            let (host, port) = smtp
                .rsplit_once(':')
                .and_then(|(h, p)| {
                    p.parse::<u16>()
                        .ok()
                        .map(|p| (h.trim_matches(['[', ']']).to_string(), p))
                })
                .ok_or_else(|| Failure::missing_argument("--smtp HOST:PORT", lang))?;
            let security = if *tls {
                SmtpSecurity::Tls
            } else if *starttls {
                SmtpSecurity::StartTls
            } else {
                SmtpSecurity::Plain
            };
            let server = MailServer {
                host: host.clone(),
                port,
                security,
                user: user.clone().unwrap_or_default(),
                from: from.clone(),
            };
            // The environment first (scripts), then the keychain when asked, then a prompt.
            let typed = std::env::var(PASSWORD_ENV_VAR).ok();
            let password = match mail::password_for(&server, typed, *keychain) {
                Err(e) if e.code() == "mail.no_password_kept" => {
                    let asked =
                        rpassword::prompt_password(lang.pick("SMTPのパスワード: ", "SMTP password: "))
                            .map_err(|_| Failure::missing_argument(PASSWORD_ENV_VAR, lang))?;
                    mail::password_for(&server, Some(asked), true).or_fail(lang)?
                }
                Ok(None) if user.is_some() => Some(
                    rpassword::prompt_password(lang.pick("SMTPのパスワード: ", "SMTP password: "))
                        .map_err(|_| Failure::missing_argument(PASSWORD_ENV_VAR, lang))?,
                ),
                other => other.or_fail(lang)?,
            };
            let account = SmtpAccount {
                host,
                port,
                security,
                user: user.clone(),
                password,
                from,
            };
            let report = mail::send(ctx, *id, &account, *per_minute, *retry_failed).or_fail(lang)?;
            out.print_json_or(&report, || match lang {
                Lang::Ja => format!(
                    "送信済み {} 件、失敗 {} 件、送信待ち {} 件",
                    report.sent, report.failed, report.waiting
                ),
                Lang::En => format!(
                    "{} sent, {} failed, {} waiting",
                    report.sent, report.failed, report.waiting
                ),
            });
        }
        MailCommand::Status { id, messages } => {
            let mailing = mail::status(ctx, *id).or_fail(lang)?;
            if *messages {
                let outbox = mail::outbox(ctx, *id).or_fail(lang)?;
                out.print_json_or(&outbox, || {
                    outbox
                        .iter()
                        .map(|e| {
                            format!(
                                "#{}\t{}\t{}\t{}",
                                e.attendee_id,
                                e.address,
                                e.state.label(lang),
                                e.answer
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                });
                return Ok(());
            }
            let counts = mailing.counts;
            // A message interrupted mid-send counts as failed: it is sent again only on request.
            let value = json!({
                "waiting": counts.waiting,
                "sent": counts.sent,
                "failed": counts.failed + counts.sending,
                "approved_by": mailing.approved_by,
                "template": mailing.template,
                "purpose": mailing.purpose,
            });
            out.print_json_or(&value, || match lang {
                Lang::Ja => format!(
                    "#{} {}（{}）承認者: {}\n送信待ち {} 件、送信済み {} 件、失敗 {} 件",
                    mailing.id,
                    mailing.purpose,
                    mailing.template.label(lang),
                    mailing.approved_by.as_deref().unwrap_or("未承認"),
                    counts.waiting,
                    counts.sent,
                    counts.failed + counts.sending
                ),
                Lang::En => format!(
                    "#{} {} ({}) approved by: {}\n{} waiting, {} sent, {} failed",
                    mailing.id,
                    mailing.purpose,
                    mailing.template.label(lang),
                    mailing.approved_by.as_deref().unwrap_or("not approved"),
                    counts.waiting,
                    counts.sent,
                    counts.failed + counts.sending
                ),
            });
        }
    }
    Ok(())
}

//! `tsudoi handler …`: the information-handler roster.

use tsudoi_app::{handlers, Ctx};
use tsudoi_core::handler::{HandlerDraft, HandlerOrganization, HandlerRole};

use crate::args::HandlerCommand;
use crate::failure::{Failure, OrFail};
use crate::output::Output;

/// The new person's PIN or passphrase, for scripts (never on the command line, where other
/// users of the machine could read it).
const NEW_PIN_ENV_VAR: &str = "TSUDOI_NEW_PIN";

pub fn run(
    command: &HandlerCommand,
    replace: tsudoi_app::output::Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        HandlerCommand::Add {
            name,
            role,
            department,
            title,
            organization,
            company,
        } => {
            let draft = HandlerDraft {
                name: name.clone(),
                department: department.clone(),
                title: title.clone(),
                organization: HandlerOrganization::parse(organization).or_fail(lang)?,
                company: company.clone(),
                role: HandlerRole::parse(role).or_fail(lang)?,
                ..HandlerDraft::default()
            };
            let pin = std::env::var(NEW_PIN_ENV_VAR).unwrap_or_default();
            let added = handlers::add(ctx, draft, &pin).or_fail(lang)?;
            out.print_json_or(&added, || {
                format!(
                    "{} {}（{}）",
                    lang.pick("名簿に登録しました:", "Added to the roster:"),
                    added.details.name,
                    added.details.role.label(lang)
                )
            });
        }
        HandlerCommand::Export { out: path } => {
            let done = handlers::export_roster(ctx, path, replace).or_fail(lang)?;
            out.print_json_or(&done, || {
                format!(
                    "{} {}（{} {}）",
                    lang.pick("情報取扱者名簿を書き出しました:", "Wrote the handler roster:"),
                    done.file,
                    done.n_people,
                    lang.pick("名", "people")
                )
            });
        }
        HandlerCommand::Update {
            id,
            name,
            role,
            department,
            title,
            company,
            left,
        } => {
            let current = handlers::get(ctx, *id).or_fail(lang)?;
            let mut draft = current.details;
            if let Some(name) = name {
                draft.name = name.clone();
            }
            if let Some(role) = role {
                draft.role = HandlerRole::parse(role).or_fail(lang)?;
            }
            if let Some(department) = department {
                draft.department = department.clone();
            }
            if let Some(title) = title {
                draft.title = title.clone();
            }
            if let Some(company) = company {
                draft.company = company.clone();
            }
            let updated = handlers::update(ctx, *id, draft, !*left).or_fail(lang)?;
            out.print_json_or(&updated, || {
                format!(
                    "{} {}（{}）",
                    lang.pick("名簿を変更しました:", "Roster changed:"),
                    updated.details.name,
                    updated.details.role.label(lang)
                )
            });
        }
        HandlerCommand::Service {
            id,
            name,
            purpose,
            data,
            approved_on,
            approved_by,
        } => {
            let draft = tsudoi_core::handler::ServiceDraft {
                name: name.clone(),
                purpose: purpose.clone(),
                personal_data: data.clone(),
                approved_on: approved_on.clone(),
                approved_by: approved_by.clone(),
            };
            let saved = handlers::save_service(ctx, *id, draft).or_fail(lang)?;
            out.print_json_or(&saved, || {
                format!(
                    "{} {}",
                    lang.pick("外部サービスを登録しました:", "Registered the service:"),
                    saved.details.name
                )
            });
        }
        HandlerCommand::Services => {
            let services = handlers::services(ctx).or_fail(lang)?;
            out.print_json_or(&services, || {
                services
                    .iter()
                    .map(|s| {
                        let approved = if s.details.approved_on.is_empty() {
                            lang.pick("未承認", "not approved").to_string()
                        } else {
                            s.details.approved_on.clone()
                        };
                        format!("{}\t{}\t{}\t{approved}", s.id, s.details.name, s.details.purpose)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        HandlerCommand::List => {
            let roster = handlers::list(ctx).or_fail(lang)?;
            out.print_json_or(&roster, || {
                roster
                    .iter()
                    .map(|h| {
                        format!(
                            "{}\t{}\t{}\t{}\t{}",
                            h.id,
                            h.details.name,
                            h.details.role.label(lang),
                            h.details.department,
                            h.details.organization.label(lang)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

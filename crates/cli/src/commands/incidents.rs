//! `tsudoi incident …`: incident records (インシデント記録).

use tsudoi_app::output::Replace;
use tsudoi_app::types::Incident;
use tsudoi_app::{incidents, Ctx};
use tsudoi_core::incident::{IncidentDraft, IncidentKind, IncidentStatus};
use tsudoi_core::Lang;

use crate::args::{IncidentCommand, IncidentFields};
use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn run(
    command: &IncidentCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        IncidentCommand::Add(fields) => {
            let draft = apply(fields, IncidentDraft::default(), lang)?;
            let added = incidents::add(ctx, draft).or_fail(lang)?;
            out.print_json_or(&added, || {
                format!(
                    "{} #{} {}",
                    lang.pick("インシデントを記録しました:", "Incident recorded:"),
                    added.id,
                    added.details.title
                )
            });
        }
        IncidentCommand::Update { id, fields } => {
            let current = incidents::get(ctx, *id).or_fail(lang)?;
            let draft = apply(fields, current.details, lang)?;
            let updated = incidents::update(ctx, *id, draft).or_fail(lang)?;
            out.print_json_or(&updated, || {
                format!(
                    "{} #{} {}（{}）",
                    lang.pick("インシデントの記録を更新しました:", "Incident record updated:"),
                    updated.id,
                    updated.details.title,
                    updated.details.status.label(lang)
                )
            });
        }
        IncidentCommand::List => {
            let all = incidents::list(ctx).or_fail(lang)?;
            out.print_json_or(&all, || {
                all.iter()
                    .map(|i| {
                        format!(
                            "{}\t{}\t{}\t{}\t{}",
                            i.id,
                            i.details.noticed_at,
                            i.details.kind.label(lang),
                            i.details.status.label(lang),
                            i.details.title
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        IncidentCommand::Show { id } => {
            let incident = incidents::get(ctx, *id).or_fail(lang)?;
            out.print_json_or(&incident, || shown(&incident, lang));
        }
        IncidentCommand::Print { id, out: path } => {
            let done = incidents::print(ctx, *id, path, replace).or_fail(lang)?;
            out.print_json_or(&done, || {
                format!(
                    "{} {}",
                    lang.pick("インシデント報告を書き出しました:", "Wrote the incident report:"),
                    done.file
                )
            });
        }
    }
    Ok(())
}

/// The given fields over `draft` (all of them for `add`, the changed ones for `update`).
fn apply(fields: &IncidentFields, mut draft: IncidentDraft, lang: Lang) -> Result<IncidentDraft, Failure> {
    let text = |value: &Option<String>, current: &mut String| {
        if let Some(value) = value {
            *current = value.clone();
        }
    };
    text(&fields.title, &mut draft.title);
    text(&fields.happened, &mut draft.happened_at);
    text(&fields.noticed, &mut draft.noticed_at);
    text(&fields.data, &mut draft.data_involved);
    text(&fields.bureau_contact, &mut draft.bureau_contact);
    text(&fields.bureau_told, &mut draft.bureau_told_at);
    text(&fields.actions, &mut draft.actions_taken);
    if let Some(kind) = &fields.kind {
        draft.kind = IncidentKind::parse(kind).or_fail(lang)?;
    }
    if let Some(status) = &fields.status {
        draft.status = IncidentStatus::parse(status).or_fail(lang)?;
    }
    if let Some(people) = fields.people {
        draft.n_people = people;
    }
    Ok(draft)
}

fn shown(incident: &Incident, lang: Lang) -> String {
    let d = &incident.details;
    let rows = [
        (lang.pick("番号", "Number"), format!("#{}", incident.id)),
        (lang.pick("件名", "Title"), d.title.clone()),
        (lang.pick("種類", "Kind"), d.kind.label(lang).to_string()),
        (lang.pick("状況", "Status"), d.status.label(lang).to_string()),
        (lang.pick("発生日時", "Happened"), d.happened_at.clone()),
        (lang.pick("発覚日時", "Noticed"), d.noticed_at.clone()),
        (lang.pick("対象の情報", "Data involved"), d.data_involved.clone()),
        (lang.pick("対象の人数", "People"), d.n_people.to_string()),
        (
            lang.pick("局への報告先", "Told at the bureau"),
            d.bureau_contact.clone(),
        ),
        (
            lang.pick("局への報告日時", "Bureau told at"),
            d.bureau_told_at.clone(),
        ),
        (lang.pick("対応", "Actions taken"), d.actions_taken.clone()),
        (lang.pick("記録者", "Recorded by"), incident.created_by.clone()),
    ];
    rows.iter()
        .map(|(label, value)| format!("{label}\t{value}"))
        .collect::<Vec<_>>()
        .join("\n")
}

//! `tsudoi speaker …`, `tsudoi agenda …` and `tsudoi minutes export`.

use serde_json::json;
use tsudoi_app::output::Replace;
use tsudoi_app::types::Disclosure;
use tsudoi_app::{agenda, Ctx};
use tsudoi_core::agenda::{AgendaItemDraft, AgendaItemId, AgendaKind, ItemPlace, SpeakerDraft, SpeakerId};
use tsudoi_core::event::parse_time;
use tsudoi_core::{EventId, ValidationError};

use crate::args::{AgendaCommand, AgendaFields, MinutesCommand, SpeakerCommand, SpeakerFields};
use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn speaker(command: &SpeakerCommand, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        SpeakerCommand::Add(fields) => {
            let speaker =
                agenda::add_speaker(ctx, speaker_draft(SpeakerDraft::default(), fields)).or_fail(lang)?;
            out.print_json_or(&speaker, || format!("{} {}", speaker.id.0, speaker.details.name));
        }
        SpeakerCommand::Update { id, fields } => {
            let speaker =
                agenda::update_speaker_with(ctx, SpeakerId(*id), |current| speaker_draft(current, fields))
                    .or_fail(lang)?;
            out.print_json_or(&speaker, || format!("{} {}", speaker.id.0, speaker.details.name));
        }
        SpeakerCommand::List => {
            let speakers = agenda::speakers(ctx).or_fail(lang)?;
            out.speakers(&speakers, lang);
        }
    }
    Ok(())
}

pub fn agenda(
    command: &AgendaCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        AgendaCommand::List { event } => {
            let view = agenda::view(ctx, EventId(*event)).or_fail(lang)?;
            out.agenda(&view.items, &view.issues, lang);
        }
        AgendaCommand::Add { event, fields } => {
            let (Some(start), Some(end), Some(title)) = (&fields.start, &fields.end, &fields.title) else {
                return Err(Failure::missing_argument("--start, --end, --title", lang));
            };
            let draft = AgendaItemDraft {
                starts_at: parse_time(start).or_fail(lang)?,
                ends_at: parse_time(end).or_fail(lang)?,
                kind: AgendaKind::Talk,
                title: title.clone(),
                place: ItemPlace::Hybrid,
                speaker_ids: Vec::new(),
                moderator_id: None,
                notes: String::new(),
            };
            let draft = agenda_draft(draft, fields).or_fail(lang)?;
            let item = agenda::add_item(ctx, EventId(*event), draft).or_fail(lang)?;
            out.print_json_or(&item, || format!("{} {}", item.id.0, item.details.title));
        }
        AgendaCommand::Update { id, fields } => {
            let item =
                agenda::update_item_with(ctx, AgendaItemId(*id), |current| agenda_draft(current, fields))
                    .or_fail(lang)?;
            out.print_json_or(&item, || format!("{} {}", item.id.0, item.details.title));
        }
        AgendaCommand::Move { id, to } => {
            let view = agenda::move_item(ctx, AgendaItemId(*id), to.saturating_sub(1)).or_fail(lang)?;
            out.agenda(&view.items, &view.issues, lang);
        }
        AgendaCommand::Delete { id } => {
            agenda::delete_item(ctx, AgendaItemId(*id)).or_fail(lang)?;
            out.print_json_or(&json!({ "deleted": id }), || {
                lang.pick("削除しました。", "Deleted.").to_string()
            });
        }
        AgendaCommand::Export {
            event,
            out: dir,
            public,
        } => {
            let done = agenda::export_agenda(
                ctx,
                EventId(*event),
                dir,
                Disclosure::from_public(*public),
                replace,
            )
            .or_fail(lang)?;
            out.print_json_or(&done, || format!("{}\n{}\n{}", done.pdf, done.html, done.csv));
        }
    }
    Ok(())
}

pub fn minutes(
    command: &MinutesCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        MinutesCommand::Export {
            event,
            out: dir,
            public,
        } => {
            let done = agenda::export_minutes(
                ctx,
                EventId(*event),
                dir,
                Disclosure::from_public(*public),
                replace,
            )
            .or_fail(lang)?;
            out.print_json_or(&done, || {
                format!(
                    "{}\n{}\n{}\n({} photos)",
                    done.markdown, done.html, done.pdf, done.n_photos
                )
            });
        }
    }
    Ok(())
}

fn speaker_draft(current: SpeakerDraft, f: &SpeakerFields) -> SpeakerDraft {
    SpeakerDraft {
        name: f.name.clone().unwrap_or(current.name),
        kana: f.kana.clone().unwrap_or(current.kana),
        organization: f.organization.clone().unwrap_or(current.organization),
        title: f.title.clone().unwrap_or(current.title),
        biography: f.biography.clone().unwrap_or(current.biography),
        contact: f.contact.clone().unwrap_or(current.contact),
    }
}

fn agenda_draft(current: AgendaItemDraft, f: &AgendaFields) -> Result<AgendaItemDraft, ValidationError> {
    let time = |text: &Option<String>, current| -> Result<_, ValidationError> {
        match text {
            Some(text) => parse_time(text),
            None => Ok(current),
        }
    };
    Ok(AgendaItemDraft {
        starts_at: time(&f.start, current.starts_at)?,
        ends_at: time(&f.end, current.ends_at)?,
        kind: f
            .kind
            .as_deref()
            .map(AgendaKind::parse)
            .transpose()?
            .unwrap_or(current.kind),
        title: f.title.clone().unwrap_or(current.title),
        place: f
            .place
            .as_deref()
            .map(ItemPlace::parse)
            .transpose()?
            .unwrap_or(current.place),
        speaker_ids: if f.speakers.is_empty() {
            current.speaker_ids
        } else {
            f.speakers.iter().map(|id| SpeakerId(*id)).collect()
        },
        moderator_id: f.moderator.map(SpeakerId).or(current.moderator_id),
        notes: f.notes.clone().unwrap_or(current.notes),
    })
}

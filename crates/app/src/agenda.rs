//! The programme (次第), its speakers, and the minutes (議事録) typed during the event, with the
//! documents made of them.

use std::path::Path;

use serde::Serialize;
use tsudoi_core::agenda::{
    item_running_at, AgendaItem, AgendaItemDraft, AgendaItemId, MinutesField, MinutesNote, NoteId,
    ScheduleIssue, Speaker, SpeakerDraft, SpeakerId,
};
use tsudoi_core::document::BureauDocument;
use tsudoi_core::privacy::AuditAction;
use tsudoi_core::EventId;
use tsudoi_report::agenda::{
    agenda_html, agenda_pdf, minutes_html, minutes_markdown, minutes_pdf, Disclosure, DocumentHead,
    MinutesItem, MinutesPhoto,
};
use tsudoi_store::ItemMinutes;

use crate::audit::{exported, logged_path, Written};
use crate::output::{FolderOutput, Replace};
use crate::{Ctx, Result};

pub fn speakers(ctx: &Ctx<'_>) -> Result<Vec<Speaker>> {
    Ok(ctx.store.speakers()?)
}

pub fn add_speaker(ctx: &mut Ctx<'_>, draft: SpeakerDraft) -> Result<Speaker> {
    let now = ctx.now();
    Ok(ctx.store.add_speaker(draft, now)?)
}

pub fn update_speaker(ctx: &mut Ctx<'_>, id: SpeakerId, draft: SpeakerDraft) -> Result<Speaker> {
    let now = ctx.now();
    Ok(ctx.store.update_speaker(id, draft, now)?)
}

/// Changes some fields of a speaker: `change` edits the speaker as they are now.
pub fn update_speaker_with(
    ctx: &mut Ctx<'_>,
    id: SpeakerId,
    change: impl FnOnce(SpeakerDraft) -> SpeakerDraft,
) -> Result<Speaker> {
    let current = ctx
        .store
        .speakers()?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or(tsudoi_store::StoreError::SpeakerNotFound(id.0))?;
    update_speaker(ctx, id, change(current.details))
}

/// The programme, what about its timing deserves a look, and the item running now (on the
/// event's day, by this computer's clock: the same rule that attaches photos to items).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaView {
    pub items: Vec<AgendaItem>,
    pub issues: Vec<ScheduleIssue>,
    pub running: Option<AgendaItemId>,
}

pub fn view(ctx: &Ctx<'_>, event_id: EventId) -> Result<AgendaView> {
    let items = ctx.store.agenda(event_id)?;
    Ok(AgendaView {
        issues: ctx.store.schedule_issues(event_id)?,
        running: running_in(ctx, event_id, &items)?,
        items,
    })
}

fn running_in(ctx: &Ctx<'_>, event_id: EventId, items: &[AgendaItem]) -> Result<Option<AgendaItemId>> {
    let now = ctx.clock.local_now();
    let event = ctx.store.event(event_id)?;
    Ok((event.details.date == now.date())
        .then(|| item_running_at(items, now.time()))
        .flatten())
}

/// The item running now, if the event is today and an item is running.
pub fn running_item(ctx: &Ctx<'_>, event_id: EventId) -> Result<Option<AgendaItemId>> {
    let items = ctx.store.agenda(event_id)?;
    running_in(ctx, event_id, &items)
}

pub fn add_item(ctx: &mut Ctx<'_>, event_id: EventId, draft: AgendaItemDraft) -> Result<AgendaItem> {
    let now = ctx.now();
    Ok(ctx.store.add_agenda_item(event_id, draft, now)?)
}

pub fn item(ctx: &Ctx<'_>, id: AgendaItemId) -> Result<AgendaItem> {
    Ok(ctx.store.agenda_item(id)?)
}

pub fn update_item(ctx: &mut Ctx<'_>, id: AgendaItemId, draft: AgendaItemDraft) -> Result<AgendaItem> {
    let now = ctx.now();
    Ok(ctx.store.update_agenda_item(id, draft, now)?)
}

/// Changes some fields of an item: `change` edits the item as it is now.
pub fn update_item_with(
    ctx: &mut Ctx<'_>,
    id: AgendaItemId,
    change: impl FnOnce(AgendaItemDraft) -> Result<AgendaItemDraft, tsudoi_core::ValidationError>,
) -> Result<AgendaItem> {
    let draft = change(ctx.store.agenda_item(id)?.details)?;
    update_item(ctx, id, draft)
}

/// Moves an item to a place in the programme (from 0) and re-times the programme.
pub fn move_item(ctx: &mut Ctx<'_>, id: AgendaItemId, to: u32) -> Result<AgendaView> {
    let event_id = ctx.store.agenda_item(id)?.event_id;
    let now = ctx.now();
    ctx.store.move_agenda_item(id, to, now)?;
    view(ctx, event_id)
}

pub fn delete_item(ctx: &mut Ctx<'_>, id: AgendaItemId) -> Result<AgendaView> {
    let event_id = ctx.store.agenda_item(id)?.event_id;
    ctx.store.delete_agenda_item(id)?;
    view(ctx, event_id)
}

pub fn minutes(ctx: &Ctx<'_>, event_id: EventId) -> Result<Vec<ItemMinutes>> {
    Ok(ctx.store.minutes(event_id)?)
}

/// Saves a text of an item's minutes as typed so far: one durable commit.
pub fn save_minutes_text(
    ctx: &mut Ctx<'_>,
    item: AgendaItemId,
    field: MinutesField,
    text: &str,
) -> Result<()> {
    ctx.require(tsudoi_core::handler::Permission::DayWork)?;
    let now = ctx.now();
    Ok(ctx.store.save_minutes_text(item, field, text, now)?)
}

/// Saves a running note as typed so far; a new note when `note` is none.
pub fn save_note(
    ctx: &mut Ctx<'_>,
    item: AgendaItemId,
    note: Option<NoteId>,
    text: &str,
) -> Result<Option<MinutesNote>> {
    ctx.require(tsudoi_core::handler::Permission::DayWork)?;
    let now = ctx.now();
    Ok(ctx.store.save_note(item, note, text, now)?)
}

/// How many people a programme names (speakers and moderators, each once): the privacy log's
/// count for an export of the programme or the minutes.
fn n_people_named(items: &[AgendaItem]) -> u32 {
    items
        .iter()
        .flat_map(|i| {
            i.speakers
                .iter()
                .map(|s| s.id)
                .chain(i.moderator.as_ref().map(|m| m.id))
        })
        .collect::<std::collections::BTreeSet<_>>()
        .len() as u32
}

/// The programme written for the day: a one-page PDF, an HTML page for the venue's screen, CSV.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaExport {
    pub pdf: String,
    pub html: String,
    pub csv: String,
    pub n_items: u32,
}

/// Writes `次第_公表用.pdf`, `.html` and `.csv` (the edition in the name, English names in
/// English) into `dir`, whole or not at all, and logs it: the programme names the speakers.
pub fn export_agenda(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    dir: &Path,
    disclosure: Disclosure,
    replace: Replace,
) -> Result<AgendaExport> {
    exported(ctx, AuditAction::AgendaExport, Some(event_id), |ctx| {
        let lang = ctx.lang;
        let event = ctx.store.event(event_id)?;
        let items = ctx.store.agenda(event_id)?;
        let pdf = agenda_pdf(&event, &items, lang, disclosure)?;
        let html = agenda_html(&event, &items, lang, disclosure);
        let csv = tsudoi_exchange::export::agenda_csv(&items, lang)?;
        let stem = BureauDocument::Programme.file_stem(disclosure, lang);
        let mut output = FolderOutput::new(dir);
        let pdf_path = output.add(format!("{stem}.pdf"), pdf);
        let html_path = output.add(format!("{stem}.html"), html.into_bytes());
        let csv_path = output.add(format!("{stem}.csv"), csv);
        let files = output.write(replace)?;
        let n_speakers = n_people_named(&items);
        Ok(Written {
            value: AgendaExport {
                pdf: logged_path(&pdf_path),
                html: logged_path(&html_path),
                csv: logged_path(&csv_path),
                n_items: items.len() as u32,
            },
            n_people: n_speakers,
            target: dir.to_path_buf(),
            detail: tsudoi_core::privacy::AuditDetail::Documents {
                formats: "pdf, html, csv".into(),
                public: Some(disclosure == Disclosure::Public),
                photos: None,
            }
            .encode(),
            files,
        })
    })
}

/// The minutes written: Markdown, printable HTML and PDF, with the photos copied beside them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MinutesExport {
    pub markdown: String,
    pub html: String,
    pub pdf: String,
    pub n_photos: u32,
}

/// Writes the minutes into `dir` (`議事録_公表用.md`, `.html`, `.pdf` and `photos/`), whole or not at
/// all, and logs it. A public (公表用) export shows only the photos people agreed may be published.
pub fn export_minutes(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    dir: &Path,
    disclosure: Disclosure,
    replace: Replace,
) -> Result<MinutesExport> {
    exported(ctx, AuditAction::MinutesExport, Some(event_id), |ctx| {
        let event = ctx.store.event(event_id)?;
        let items = ctx.store.agenda(event_id)?;
        let minutes = ctx.store.minutes(event_id)?;
        let photos = ctx.store.photos(event_id)?;
        let mut documented = Vec::with_capacity(items.len());
        for item in &items {
            let Some(text) = minutes.iter().find(|m| m.agenda_item_id == item.id) else {
                continue;
            };
            let mut shown = Vec::new();
            for photo in photos.iter().filter(|p| p.agenda_item_id == Some(item.id)) {
                if disclosure == Disclosure::Public && !photo.public_ok {
                    continue;
                }
                let source = ctx.store.photo_path(photo);
                let extension = source.extension().and_then(|e| e.to_str()).unwrap_or("jpg");
                shown.push(MinutesPhoto {
                    file_name: format!("{:03}-{}.{extension}", photo.id.0, &photo.sha256[..8]),
                    caption: photo.caption.clone(),
                    bytes: ctx.store.read_photo(photo)?,
                });
            }
            documented.push(MinutesItem {
                item,
                talk_summary: &text.text.talk_summary,
                decisions: &text.text.decisions,
                follow_ups: &text.text.follow_ups,
                notes: &text.notes,
                photos: shown,
            });
        }
        let head = DocumentHead {
            event: &event,
            lang: ctx.lang,
            disclosure,
            offset: ctx.clock.offset(),
        };
        let pdf = minutes_pdf(&head, &documented)?;
        let stem = BureauDocument::Minutes.file_stem(disclosure, ctx.lang);
        let mut output = FolderOutput::new(dir);
        let mut n_photos = 0;
        for item in &documented {
            for photo in &item.photos {
                output.add(Path::new("photos").join(&photo.file_name), photo.bytes.clone());
                n_photos += 1;
            }
        }
        let markdown = output.add(
            format!("{stem}.md"),
            minutes_markdown(&head, &documented).into_bytes(),
        );
        let html = output.add(
            format!("{stem}.html"),
            minutes_html(&head, &documented).into_bytes(),
        );
        let pdf_path = output.add(format!("{stem}.pdf"), pdf);
        let files = output.write(replace)?;
        let n_speakers = n_people_named(&items);
        Ok(Written {
            value: MinutesExport {
                markdown: logged_path(&markdown),
                html: logged_path(&html),
                pdf: logged_path(&pdf_path),
                n_photos,
            },
            n_people: n_speakers,
            target: dir.to_path_buf(),
            detail: tsudoi_core::privacy::AuditDetail::Documents {
                formats: "md, html, pdf".into(),
                public: Some(disclosure == Disclosure::Public),
                photos: Some(n_photos),
            }
            .encode(),
            files,
        })
    })
}

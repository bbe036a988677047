//! `tsudoi event …` and `tsudoi demo`.

use tsudoi_app::{events, Ctx};
use tsudoi_core::event::{parse_date, parse_time};
use tsudoi_core::{EventDraft, EventFormat, EventId, ValidationError};

use crate::args::{EventCommand, EventFields};
use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn run(command: &EventCommand, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        EventCommand::Create(fields) => {
            let (Some(title), Some(date)) = (&fields.title, &fields.date) else {
                return Err(Failure::missing_argument("--title, --date", lang));
            };
            let draft = EventDraft::new(title.clone(), parse_date(date).or_fail(lang)?);
            let draft = apply_event_fields(draft, fields).or_fail(lang)?;
            let event = events::create(ctx, draft).or_fail(lang)?;
            out.event(&event, None, lang);
        }
        EventCommand::Update { id, fields } => {
            let event = events::update_with(ctx, EventId(*id), |draft| apply_event_fields(draft, fields))
                .or_fail(lang)?;
            out.event(&event, None, lang);
        }
        EventCommand::List => {
            let summaries = events::list(ctx).or_fail(lang)?;
            out.events(&summaries, lang);
        }
        EventCommand::Show { id } => {
            let summary = events::get(ctx, EventId(*id)).or_fail(lang)?;
            out.event(&summary.event, Some(&summary.counts), lang);
        }
    }
    Ok(())
}

pub fn demo(ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let report = events::load_demo(ctx).or_fail(ctx.lang)?;
    out.demo(&report, ctx.lang);
    Ok(())
}

fn apply_event_fields(mut draft: EventDraft, f: &EventFields) -> Result<EventDraft, ValidationError> {
    if let Some(title) = &f.title {
        draft.title = title.clone();
    }
    if let Some(date) = &f.date {
        draft.date = parse_date(date)?;
    }
    if let Some(start) = &f.start {
        draft.start_time = optional_time(start)?;
    }
    if let Some(end) = &f.end {
        draft.end_time = optional_time(end)?;
    }
    if let Some(venue) = &f.venue {
        draft.venue_name = venue.clone();
    }
    if let Some(address) = &f.address {
        draft.venue_address = address.clone();
    }
    if let Some(capacity) = f.capacity {
        draft.capacity = capacity;
    }
    if let Some(url) = &f.online_url {
        draft.online_url = url.clone();
    }
    if let Some(format) = &f.format {
        draft.format = EventFormat::parse(format)?;
    }
    if let Some(limit) = &f.registration_limit {
        draft.registration_limit = tsudoi_core::event::parse_optional_count(limit)?;
    }
    if let Some(opens) = &f.waitlist_opens {
        draft.waitlist_opens_at = optional_time(opens)?;
    }
    Ok(draft)
}

/// An empty argument clears a time (`--end ""`).
fn optional_time(value: &str) -> Result<Option<chrono::NaiveTime>, ValidationError> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse_time(value).map(Some)
    }
}

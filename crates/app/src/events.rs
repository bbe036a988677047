//! Events (回): the gatherings of the project, and the demo that fills an empty database.

use serde::Serialize;
use tsudoi_core::{Event, EventDraft, EventId};
use tsudoi_store::{DemoReport, EventCounts};

use crate::{Ctx, Result};

/// An event with its registration counts, for the event list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventSummary {
    pub event: Event,
    pub counts: EventCounts,
}

pub fn list(ctx: &Ctx<'_>) -> Result<Vec<EventSummary>> {
    ctx.store
        .events()?
        .into_iter()
        .map(|event| {
            Ok(EventSummary {
                counts: ctx.store.event_counts(event.id)?,
                event,
            })
        })
        .collect()
}

pub fn get(ctx: &Ctx<'_>, id: EventId) -> Result<EventSummary> {
    Ok(EventSummary {
        event: ctx.store.event(id)?,
        counts: ctx.store.event_counts(id)?,
    })
}

pub fn create(ctx: &mut Ctx<'_>, draft: EventDraft) -> Result<Event> {
    let now = ctx.now();
    Ok(ctx.store.create_event(draft, now)?)
}

pub fn update(ctx: &mut Ctx<'_>, id: EventId, draft: EventDraft) -> Result<Event> {
    let now = ctx.now();
    Ok(ctx.store.update_event(id, draft, now)?)
}

/// Changes some fields of an event: `change` edits the event as it is now.
pub fn update_with(
    ctx: &mut Ctx<'_>,
    id: EventId,
    change: impl FnOnce(EventDraft) -> Result<EventDraft, tsudoi_core::ValidationError>,
) -> Result<Event> {
    let draft = change(ctx.store.event(id)?.details)?;
    update(ctx, id, draft)
}

/// Loads the demo project (two gatherings, about 80 people each) into an empty database.
pub fn load_demo(ctx: &mut Ctx<'_>) -> Result<DemoReport> {
    let now = ctx.now();
    Ok(ctx.store.load_demo(now)?)
}

//! The reception desk (受付): scans, name-search picks, walk-ins, exits, undo, and the counts.
//! Every answer carries the rule's verdict ([`DoorVerdict`]) so that the window and the CLI show
//! the same words and neither decides who passed.

use serde::Serialize;
use tsudoi_core::door::VerdictFacts;
use tsudoi_core::{
    AttendeeDraft, AttendeeId, Direction, DoorMethod, DoorStatus, DoorVerdict, EventId, SeatZone,
};
use tsudoi_store::{DoorAttempt, DoorRequest, DoorResult};

use crate::{Ctx, Result};

/// Which desk an attempt is recorded under: this computer's setting unless named.
#[derive(Debug, Clone, Default)]
pub struct DeskChoice {
    pub desk: Option<String>,
}

/// One attempt at the door as a desk sends it; the desk's name and the operator come from the
/// context.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoorInput {
    pub direction: Direction,
    pub method: DoorMethod,
    /// What was scanned or typed; `None` when the person was picked by name.
    pub code: Option<String>,
    pub attendee_id: Option<AttendeeId>,
    pub override_reason: Option<String>,
    /// A seat an operator chose; none: the next free one of the person's zone.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub seat: Option<String>,
}

/// A door attempt and what the desk should show of it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeskAnswer {
    #[serde(flatten)]
    pub result: DoorResult,
    pub verdict: DoorVerdict,
}

fn desk_name(ctx: &Ctx<'_>, choice: &DeskChoice) -> Result<String> {
    match choice.desk.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(desk) => Ok(desk.to_string()),
        None => Ok(ctx.store.desk()?.name),
    }
}

/// The verdict on a recorded attempt, in the context's language.
pub fn verdict(ctx: &Ctx<'_>, result: &DoorResult) -> DoorVerdict {
    let full_zone = match (result.zone, result.zone_in_room, result.zone_capacity) {
        (Some(zone), Some(n), Some(capacity)) if n >= capacity => Some(zone),
        _ => None::<SeatZone>,
    };
    DoorVerdict::of(
        VerdictFacts {
            outcome: result.attempt.outcome,
            direction: result.attempt.direction,
            full_zone,
            notice: result.notice,
            waitlist_opens: result.waitlist_opens,
        },
        ctx.lang,
    )
}

fn answer(ctx: &Ctx<'_>, result: DoorResult) -> DeskAnswer {
    DeskAnswer {
        verdict: verdict(ctx, &result),
        result,
    }
}

/// A scan, a pick from the name search, or an exit, recorded under the desk and the operator.
pub fn door(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    input: DoorInput,
    choice: &DeskChoice,
) -> Result<DeskAnswer> {
    ctx.require(tsudoi_core::handler::Permission::DayWork)?;
    let request = DoorRequest {
        direction: input.direction,
        method: input.method,
        code: input.code,
        attendee_id: input.attendee_id,
        desk: desk_name(ctx, choice)?,
        operator: ctx.operator.name.clone(),
        override_reason: input.override_reason,
        seat: input.seat,
        local_now: ctx.clock.local_now(),
    };
    let now = ctx.now();
    let result = ctx.store.door(event_id, request, now)?;
    Ok(answer(ctx, result))
}

/// Registers a person at the desk and lets them in, in one step.
pub fn walk_in(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    draft: AttendeeDraft,
    override_reason: Option<&str>,
    choice: &DeskChoice,
) -> Result<DeskAnswer> {
    ctx.require(tsudoi_core::handler::Permission::DayWork)?;
    let desk = desk_name(ctx, choice)?;
    let now = ctx.now();
    let operator = ctx.operator.name.clone();
    let result = ctx
        .store
        .walk_in(event_id, draft, &desk, &operator, override_reason, now)?;
    Ok(answer(ctx, result))
}

/// Marks an attempt as a mistake, with a reason; the counts follow at once.
pub fn undo(ctx: &mut Ctx<'_>, attempt_id: i64, reason: &str, choice: &DeskChoice) -> Result<DoorAttempt> {
    ctx.require(tsudoi_core::handler::Permission::DayWork)?;
    let desk = desk_name(ctx, choice)?;
    let now = ctx.now();
    Ok(ctx.store.undo_attempt(attempt_id, reason, &desk, now)?)
}

pub fn status(ctx: &Ctx<'_>, event_id: EventId) -> Result<DoorStatus> {
    Ok(ctx.store.door_status(event_id)?)
}

pub fn attempts(ctx: &Ctx<'_>, event_id: EventId, limit: u32) -> Result<Vec<DoorAttempt>> {
    ctx.require(tsudoi_core::handler::Permission::DayWork)?;
    Ok(ctx.store.door_attempts(event_id, limit)?)
}

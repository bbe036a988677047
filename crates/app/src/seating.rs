//! Seating: the zones (一般者席 / 関係者席) with their capacities and categories, moves between
//! them with a reason, the optional seat plan, and the printable seat chart.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tsudoi_core::privacy::AuditAction;
use tsudoi_core::{Attendee, AttendeeId, EventId, SeatPlan, SeatZone, ZonePlan};

use crate::audit::{exported, logged_path, Written};
use crate::output::{write_file, Replace};
use crate::{Ctx, Result};

pub fn zone_plan(ctx: &Ctx<'_>, event_id: EventId) -> Result<ZonePlan> {
    Ok(ctx.store.zone_plan(event_id)?)
}

pub fn set_zone_plan(ctx: &mut Ctx<'_>, event_id: EventId, plan: ZonePlan) -> Result<ZonePlan> {
    Ok(ctx.store.set_zone_plan(event_id, plan)?)
}

/// Changes part of an event's zone plan: `change` edits the plan as it is now.
pub fn change_zone_plan(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    change: impl FnOnce(ZonePlan) -> Result<ZonePlan, tsudoi_core::ValidationError>,
) -> Result<ZonePlan> {
    let plan = change(ctx.store.zone_plan(event_id)?)?;
    set_zone_plan(ctx, event_id, plan)
}

/// Moves a person to another zone (`None`: back to their category's), with a written reason
/// kept under the operator's name.
pub fn move_to_zone(
    ctx: &mut Ctx<'_>,
    attendee_id: AttendeeId,
    zone: Option<SeatZone>,
    reason: &str,
) -> Result<Attendee> {
    let now = ctx.now();
    let operator = ctx.operator.name.clone();
    Ok(ctx
        .store
        .move_to_zone(attendee_id, zone, reason, &operator, now)?)
}

/// The seat plan as people edit it: each zone's rows or tables as text (`A:10, B:10`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeatPlanForm {
    pub general: String,
    pub stakeholder: String,
    /// Seats in each zone (read-only).
    #[serde(default)]
    pub n_general: u32,
    #[serde(default)]
    pub n_stakeholder: u32,
}

impl SeatPlanForm {
    pub fn of(plan: &SeatPlan) -> SeatPlanForm {
        SeatPlanForm {
            general: plan.blocks_text(SeatZone::General),
            stakeholder: plan.blocks_text(SeatZone::Stakeholder),
            n_general: plan.seats(SeatZone::General).count() as u32,
            n_stakeholder: plan.seats(SeatZone::Stakeholder).count() as u32,
        }
    }
}

pub fn seat_plan(ctx: &Ctx<'_>, event_id: EventId) -> Result<SeatPlanForm> {
    Ok(SeatPlanForm::of(&ctx.store.seat_plan(event_id)?))
}

/// Sets the rows or tables of the zones given (`None`: that zone's blocks stay as they are).
pub fn set_seat_plan(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    general: Option<&str>,
    stakeholder: Option<&str>,
) -> Result<SeatPlanForm> {
    let current = ctx.store.seat_plan(event_id)?;
    if general.is_none() && stakeholder.is_none() {
        return Ok(SeatPlanForm::of(&current));
    }
    let mut blocks = Vec::new();
    for (zone, text) in [(SeatZone::Stakeholder, stakeholder), (SeatZone::General, general)] {
        blocks.extend(match text {
            Some(text) => SeatPlan::parse_blocks(zone, text)?,
            None => current
                .blocks
                .iter()
                .filter(|b| b.zone == zone)
                .cloned()
                .collect(),
        });
    }
    let plan = SeatPlan { blocks }.normalized()?;
    Ok(SeatPlanForm::of(&ctx.store.set_seat_plan(event_id, plan)?))
}

/// Gives a person the seat chosen (`None`: the next free one of their zone).
pub fn assign_seat(ctx: &mut Ctx<'_>, attendee_id: AttendeeId, seat: Option<&str>) -> Result<Option<String>> {
    let now = ctx.now();
    Ok(ctx.store.assign_seat(attendee_id, seat, now)?)
}

/// Who sits where, for the screen (no file, nothing logged: the person asked to see it).
pub fn seat_chart(ctx: &Ctx<'_>, event_id: EventId) -> Result<Vec<tsudoi_core::seating::ChartSeat>> {
    ctx.store.event(event_id)?;
    Ok(ctx.store.seat_chart(event_id)?)
}

/// A seat chart written to a PDF.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeatChartExport {
    pub file: String,
    pub n_seated: u32,
}

/// Writes the printable seat chart (PDF, 非公表用: it carries names) at `path`, or in the folder
/// `path` as `座席表_非公表用.pdf`; logged, and removed when it cannot be logged.
pub fn export_seat_chart(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
    replace: Replace,
) -> Result<SeatChartExport> {
    exported(ctx, AuditAction::SeatChartExport, Some(event_id), |ctx| {
        let path = &if path.is_dir() && !path.is_symlink() {
            path.join(tsudoi_core::document::BureauDocument::SeatChart.file_name(
                tsudoi_core::document::Disclosure::Internal,
                ctx.lang,
                "pdf",
            ))
        } else {
            path.to_path_buf()
        };
        crate::output::check_file(path, replace)?;
        let event = ctx.store.event(event_id)?;
        let seats = ctx.store.seat_chart(event_id)?;
        let when = tsudoi_report::tickets::event_when(&event);
        let pdf = tsudoi_report::seat_chart::seat_chart_pdf(&event.details.title, &when, &seats, ctx.lang)?;
        let written = write_file(path, &pdf, replace)?;
        let n_seated = seats.iter().filter(|s| s.name.is_some()).count() as u32;
        Ok(Written {
            value: SeatChartExport {
                file: logged_path(path),
                n_seated,
            },
            n_people: n_seated,
            target: path.to_path_buf(),
            detail: tsudoi_core::privacy::AuditDetail::Documents {
                formats: "pdf".into(),
                public: Some(false),
                photos: None,
            }
            .encode(),
            files: vec![written],
        })
    })
}

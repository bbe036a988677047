//! `tsudoi zone …` and `tsudoi seat …`.

use tsudoi_app::output::Replace;
use tsudoi_app::{desk, seating, Ctx};
use tsudoi_core::{AttendeeId, Category, EventId, SeatZone, ZoneMapping, ZoneSetting};

use super::desk::{parse_capacity, print_zones};
use crate::args::{SeatCommand, ZoneCommand};
use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn zone(command: &ZoneCommand, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        ZoneCommand::List { event } => {
            let plan = seating::zone_plan(ctx, EventId(*event)).or_fail(lang)?;
            let status = desk::status(ctx, EventId(*event)).or_fail(lang)?;
            print_zones(out, &plan, &status, lang);
        }
        ZoneCommand::Set {
            event,
            zone,
            capacity,
            categories,
        } => {
            let zone = SeatZone::parse(zone).or_fail(lang)?;
            let plan = seating::change_zone_plan(ctx, EventId(*event), |mut plan| {
                if let Some(capacity) = capacity {
                    let capacity = parse_capacity(capacity)?;
                    plan.zones.retain(|z| z.zone != zone);
                    plan.zones.push(ZoneSetting { zone, capacity });
                }
                for category in categories {
                    let category = Category::parse(category)?;
                    plan.mapping.retain(|m| m.category != category);
                    plan.mapping.push(ZoneMapping { category, zone });
                }
                Ok(plan)
            })
            .or_fail(lang)?;
            let status = desk::status(ctx, EventId(*event)).or_fail(lang)?;
            print_zones(out, &plan, &status, lang);
        }
        ZoneCommand::Move {
            attendee,
            zone,
            reason,
            operator,
        } => {
            let target = if zone == "category" {
                None
            } else {
                Some(SeatZone::parse(zone).or_fail(lang)?)
            };
            ctx.act_as(operator.as_deref());
            let moved = seating::move_to_zone(ctx, AttendeeId(*attendee), target, reason).or_fail(lang)?;
            out.attendee(&moved, lang);
        }
    }
    Ok(())
}

pub fn seat(command: &SeatCommand, replace: Replace, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        SeatCommand::Plan {
            event,
            general,
            stakeholder,
        } => {
            let form =
                seating::set_seat_plan(ctx, EventId(*event), general.as_deref(), stakeholder.as_deref())
                    .or_fail(lang)?;
            out.seat_plan(&form, lang);
        }
        SeatCommand::Assign { attendee, seat } => {
            let given = seating::assign_seat(ctx, AttendeeId(*attendee), seat.as_deref()).or_fail(lang)?;
            out.print_seat(AttendeeId(*attendee), given.as_deref(), lang);
        }
        SeatCommand::Chart { event, out: path } => match path {
            None => {
                let seats = seating::seat_chart(ctx, EventId(*event)).or_fail(lang)?;
                out.seat_chart(&seats, lang);
            }
            Some(path) => {
                let done = seating::export_seat_chart(ctx, EventId(*event), path, replace).or_fail(lang)?;
                out.seat_chart_written(&done, lang);
            }
        },
    }
    Ok(())
}

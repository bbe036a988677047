//! The printable seat chart (座席表): every row or table of the event's seat plan, with who sits
//! where, for the venue staff who show people to their seats.

use serde::Serialize;
use tsudoi_core::seating::ChartSeat;
use tsudoi_core::{Lang, SeatZone};

use crate::typst_world::DocumentWorld;
use crate::ReportError;

const TEMPLATE: &str = include_str!("../templates/seat-chart.typ");

#[derive(Serialize)]
struct SeatData<'a> {
    seat: &'a str,
    name: Option<&'a str>,
    organization: &'a str,
}

#[derive(Serialize)]
struct BlockData<'a> {
    label: &'a str,
    seats: Vec<SeatData<'a>>,
}

#[derive(Serialize)]
struct ZoneData<'a> {
    label: &'static str,
    count: String,
    blocks: Vec<BlockData<'a>>,
}

#[derive(Serialize)]
struct ChartData<'a> {
    title: String,
    disclosure: &'static str,
    lang: &'static str,
    event_title: &'a str,
    when: &'a str,
    zones: Vec<ZoneData<'a>>,
}

/// The chart as a PDF: A4 landscape, ten seats a line, every page headed 非公表用.
pub fn seat_chart_pdf(
    event_title: &str,
    when: &str,
    seats: &[ChartSeat],
    lang: Lang,
) -> Result<Vec<u8>, ReportError> {
    let zones = SeatZone::ALL
        .iter()
        .filter(|zone| seats.iter().any(|s| s.zone == **zone))
        .map(|zone| {
            let in_zone: Vec<&ChartSeat> = seats.iter().filter(|s| s.zone == *zone).collect();
            let n_taken = in_zone.iter().filter(|s| s.name.is_some()).count();
            let mut blocks: Vec<BlockData<'_>> = Vec::new();
            for seat in in_zone.iter() {
                if blocks.last().is_none_or(|b| b.label != seat.block) {
                    blocks.push(BlockData {
                        label: &seat.block,
                        seats: Vec::new(),
                    });
                }
                if let Some(block) = blocks.last_mut() {
                    block.seats.push(SeatData {
                        seat: &seat.seat,
                        name: seat.name.as_deref(),
                        organization: seat.organization.as_deref().unwrap_or_default(),
                    });
                }
            }
            ZoneData {
                label: zone.label(lang),
                count: match lang {
                    Lang::Ja => format!("着席 {n_taken} / {} 席", in_zone.len()),
                    Lang::En => format!("{n_taken} of {} seats taken", in_zone.len()),
                },
                blocks,
            }
        })
        .collect();
    let data = ChartData {
        title: match lang {
            Lang::Ja => format!("座席表 — {event_title}"),
            Lang::En => format!("Seat chart — {event_title}"),
        },
        disclosure: lang.pick("非公表用", "Internal (非公表用)"),
        lang: lang.as_str(),
        event_title,
        when,
        zones,
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(TEMPLATE, json)?.pdf()
}

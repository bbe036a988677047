//! The optional seat plan (座席表): rows or tables of seats in each zone, and the rule for which
//! seat a person arriving at the desk is offered.
//!
//! A plan is a list of blocks (a row `A` of 10 seats, a table `T1` of 6); a seat's label is the
//! block's label and its number, `A-3`. Blocks keep their order: the desk offers the first free
//! seat of the person's zone in that order (front rows first), or the seat an operator chooses.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::door::SeatZone;
use crate::error::ValidationError;

/// Seats in one block at most: a long row of a hall.
pub const MAX_SEATS_PER_BLOCK: u32 = 100;

/// A row or a table of seats in a zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeatBlock {
    pub zone: SeatZone,
    /// `A`, `B` … for rows; `T1`, `T2` … for tables; what the venue's signs say.
    pub label: String,
    pub n_seats: u32,
}

/// An event's seats; empty when the event does not use a seat plan (zones only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeatPlan {
    pub blocks: Vec<SeatBlock>,
}

impl SeatPlan {
    /// The plan as stored: labels trimmed and NFKC, each block 1–100 seats, labels unique.
    pub fn normalized(self) -> Result<SeatPlan, ValidationError> {
        let mut seen = HashSet::new();
        let mut blocks = Vec::with_capacity(self.blocks.len());
        for block in self.blocks {
            let label = crate::text::normalize_display(&block.label).replace(' ', "");
            if label.is_empty() || label.contains(',') || label.contains(':') {
                return Err(ValidationError::BadSeatBlock(block.label));
            }
            if block.n_seats == 0 || block.n_seats > MAX_SEATS_PER_BLOCK {
                return Err(ValidationError::BadSeatBlock(format!(
                    "{label}:{}",
                    block.n_seats
                )));
            }
            if !seen.insert(label.to_lowercase()) {
                return Err(ValidationError::DuplicateSeatBlock(label));
            }
            blocks.push(SeatBlock { label, ..block });
        }
        Ok(SeatPlan { blocks })
    }

    /// Reads one zone's blocks as people type them: `A:10, B:10, C:8` (a label and its seats,
    /// separated by commas, 、 or spaces).
    pub fn parse_blocks(zone: SeatZone, text: &str) -> Result<Vec<SeatBlock>, ValidationError> {
        let text = crate::text::normalize_display(text);
        text.split([',', '、', ' ', ';'])
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                let (label, seats) = part
                    .split_once(':')
                    .ok_or_else(|| ValidationError::BadSeatBlock(part.to_string()))?;
                let n_seats = seats
                    .trim()
                    .parse()
                    .map_err(|_| ValidationError::BadSeatBlock(part.to_string()))?;
                Ok(SeatBlock {
                    zone,
                    label: label.trim().to_string(),
                    n_seats,
                })
            })
            .collect()
    }

    /// One zone's blocks written back as `A:10, B:10`.
    pub fn blocks_text(&self, zone: SeatZone) -> String {
        self.blocks
            .iter()
            .filter(|b| b.zone == zone)
            .map(|b| format!("{}:{}", b.label, b.n_seats))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether the zone has seats (otherwise people just sit anywhere in it).
    pub fn has_seats(&self, zone: SeatZone) -> bool {
        self.blocks.iter().any(|b| b.zone == zone)
    }

    /// Every seat of a zone, in the order the desk offers them.
    pub fn seats(&self, zone: SeatZone) -> impl Iterator<Item = String> + '_ {
        self.blocks
            .iter()
            .filter(move |b| b.zone == zone)
            .flat_map(|b| (1..=b.n_seats).map(move |n| seat_label(&b.label, n)))
    }

    /// The zone a seat is in, or `None` when the plan has no such seat.
    pub fn zone_of_seat(&self, seat: &str) -> Option<SeatZone> {
        let (label, number) = seat.rsplit_once('-')?;
        let number: u32 = number.parse().ok()?;
        self.blocks
            .iter()
            .find(|b| b.label.eq_ignore_ascii_case(label) && (1..=b.n_seats).contains(&number))
            .map(|b| b.zone)
    }

    /// The seat a person arriving is offered: the first of the zone's seats nobody has.
    pub fn next_free(&self, zone: SeatZone, taken: &HashSet<String>) -> Option<String> {
        self.seats(zone).find(|seat| !taken.contains(seat))
    }

    /// A seat as typed (`a-3`, `Ａ－３`) in its stored spelling, when the plan has it.
    pub fn canonical_seat(&self, typed: &str) -> Option<String> {
        let typed = crate::text::normalize_display(typed)
            .replace(['ー', '－', '―'], "-")
            .replace(' ', "");
        let (label, number) = typed.rsplit_once('-')?;
        let number: u32 = number.parse().ok()?;
        self.blocks
            .iter()
            .find(|b| b.label.eq_ignore_ascii_case(label) && (1..=b.n_seats).contains(&number))
            .map(|b| seat_label(&b.label, number))
    }
}

/// One seat of the chart, with the person in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChartSeat {
    pub zone: SeatZone,
    pub block: String,
    pub seat: String,
    pub attendee_id: Option<crate::attendee::AttendeeId>,
    pub name: Option<String>,
    pub organization: Option<String>,
}

/// `A` and 3 make `A-3`.
pub fn seat_label(block: &str, number: u32) -> String {
    format!("{block}-{number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> SeatPlan {
        let mut blocks = SeatPlan::parse_blocks(SeatZone::Stakeholder, "A:2").unwrap();
        blocks.extend(SeatPlan::parse_blocks(SeatZone::General, "B:3、 C:2").unwrap());
        SeatPlan { blocks }.normalized().unwrap()
    }

    #[test]
    fn the_first_free_seat_of_the_zone_is_offered_front_first() {
        let plan = plan();
        let mut taken = HashSet::new();
        assert_eq!(plan.next_free(SeatZone::General, &taken).as_deref(), Some("B-1"));
        taken.extend(["B-1".to_string(), "B-3".to_string()]);
        assert_eq!(
            plan.next_free(SeatZone::General, &taken).as_deref(),
            Some("B-2"),
            "a freed gap is filled first"
        );
        taken.extend(["B-2", "C-1", "C-2"].map(String::from));
        assert_eq!(
            plan.next_free(SeatZone::General, &taken),
            None,
            "a full zone offers none"
        );
        assert_eq!(
            plan.next_free(SeatZone::Stakeholder, &taken).as_deref(),
            Some("A-1"),
            "zones never share seats"
        );
    }

    #[test]
    fn seats_are_found_however_they_are_typed() {
        let plan = plan();
        assert_eq!(plan.canonical_seat("ｂ－２").as_deref(), Some("B-2"));
        assert_eq!(plan.canonical_seat("B-4"), None, "row B has 3 seats");
        assert_eq!(plan.zone_of_seat("A-2"), Some(SeatZone::Stakeholder));
        assert_eq!(plan.blocks_text(SeatZone::General), "B:3, C:2");
    }

    #[test]
    fn bad_plans_are_refused() {
        let dup = SeatPlan {
            blocks: SeatPlan::parse_blocks(SeatZone::General, "A:3, a:4").unwrap(),
        };
        assert_eq!(
            dup.normalized(),
            Err(ValidationError::DuplicateSeatBlock("a".into()))
        );
        assert!(SeatPlan::parse_blocks(SeatZone::General, "A10").is_err());
        let empty = SeatPlan {
            blocks: SeatPlan::parse_blocks(SeatZone::General, "A:0").unwrap(),
        };
        assert!(empty.normalized().is_err());
    }
}

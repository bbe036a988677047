//! Seating zones against a real file: capacities per zone, the category mapping, moves with a
//! reason, and a property test over random sequences at the door.

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use tsudoi_core::event::parse_date;
use tsudoi_core::{
    AttendeeDraft, AttendeeId, Category, Direction, DoorMethod, DoorOutcome, EventDraft, EventId, SeatZone,
    ZoneMapping, ZonePlan, ZoneSetting,
};
use tsudoi_store::{AttendeeQuery, DoorRequest, Store, StoreError};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 25, 4, 0, 0).unwrap()
}

fn open(capacity: u32) -> (tempfile::TempDir, Store, EventId) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
    let draft = EventDraft {
        capacity,
        ..EventDraft::new("第1回", parse_date("2026-07-25").unwrap())
    };
    let event = store.create_event(draft, t0()).unwrap().id;
    (dir, store, event)
}

fn entry(person: AttendeeId, reason: Option<&str>) -> DoorRequest {
    DoorRequest {
        direction: Direction::Entry,
        method: DoorMethod::Search,
        code: None,
        attendee_id: Some(person),
        desk: "受付1".into(),
        operator: "佐藤".into(),
        override_reason: reason.map(Into::into),
        seat: None,
        local_now: chrono::NaiveDate::from_ymd_opt(2026, 7, 25)
            .unwrap()
            .and_hms_opt(13, 0, 0)
            .unwrap(),
    }
}

fn plan(general: Option<u32>, stakeholder: Option<u32>, supporters_sit_apart: bool) -> ZonePlan {
    ZonePlan {
        zones: vec![
            ZoneSetting {
                zone: SeatZone::General,
                capacity: general,
            },
            ZoneSetting {
                zone: SeatZone::Stakeholder,
                capacity: stakeholder,
            },
        ],
        mapping: if supporters_sit_apart {
            vec![ZoneMapping {
                category: Category::Supporter,
                zone: SeatZone::Stakeholder,
            }]
        } else {
            vec![]
        },
    }
}

#[test]
fn a_new_event_seats_stakeholders_apart_with_no_zone_limits() {
    let (_dir, store, event) = open(70);
    let plan = store.zone_plan(event).unwrap();
    assert_eq!(plan, ZonePlan::default());
    assert_eq!(plan.zone_of(Category::Stakeholder, None), SeatZone::Stakeholder);
    assert_eq!(plan.zone_of(Category::Supporter, None), SeatZone::General);
}

#[test]
fn a_full_zone_refuses_while_the_room_has_places() {
    let (_dir, mut store, event) = open(70);
    store.set_zone_plan(event, plan(None, Some(1), false)).unwrap();
    let a = store
        .add_attendee(
            event,
            AttendeeDraft {
                category: Category::Stakeholder,
                ..AttendeeDraft::new("局員 一")
            },
            t0(),
        )
        .unwrap();
    let b = store
        .add_attendee(
            event,
            AttendeeDraft {
                category: Category::Stakeholder,
                ..AttendeeDraft::new("局員 二")
            },
            t0(),
        )
        .unwrap();
    let c = store
        .add_attendee(event, AttendeeDraft::new("一般 太郎"), t0())
        .unwrap();
    let first = store.door(event, entry(a.id, None), t0()).unwrap();
    assert_eq!(
        (first.zone, first.zone_in_room, first.zone_capacity),
        (Some(SeatZone::Stakeholder), Some(1), Some(1))
    );
    let refused = store.door(event, entry(b.id, None), t0()).unwrap();
    assert_eq!(
        refused.attempt.outcome,
        DoorOutcome::Full,
        "the stakeholder seats are full"
    );
    assert_eq!(
        store
            .door(event, entry(c.id, None), t0())
            .unwrap()
            .attempt
            .outcome,
        DoorOutcome::Ok,
        "general seats are not"
    );
    let overridden = store.door(event, entry(b.id, Some("局長の随行")), t0()).unwrap();
    assert_eq!(overridden.attempt.outcome, DoorOutcome::Ok);
    let status = store.door_status(event).unwrap();
    assert_eq!(status.by_zone["stakeholder"].capacity, Some(1));
    assert_eq!(status.by_zone["stakeholder"].in_room, 2);
    assert_eq!(status.by_zone["general"].in_room, 1);
}

#[test]
fn the_mapping_decides_where_a_category_is_counted() {
    let (_dir, mut store, event) = open(70);
    store.set_zone_plan(event, plan(None, None, true)).unwrap();
    let banker = store
        .add_attendee(
            event,
            AttendeeDraft {
                category: Category::Supporter,
                ..AttendeeDraft::new("金融 一")
            },
            t0(),
        )
        .unwrap();
    let result = store.door(event, entry(banker.id, None), t0()).unwrap();
    assert_eq!(result.zone, Some(SeatZone::Stakeholder));
    let status = store.door_status(event).unwrap();
    assert_eq!(
        (
            status.by_zone["stakeholder"].in_room,
            status.by_zone["general"].in_room
        ),
        (1, 0)
    );
}

#[test]
fn a_move_needs_a_reason_and_is_recorded() {
    let (_dir, mut store, event) = open(70);
    let speaker = store
        .add_attendee(
            event,
            AttendeeDraft {
                category: Category::Stakeholder,
                ..AttendeeDraft::new("登壇 者")
            },
            t0(),
        )
        .unwrap();
    let refused = store.move_to_zone(speaker.id, Some(SeatZone::General), "  ", "佐藤", t0());
    assert!(
        matches!(refused, Err(StoreError::Validation(_))),
        "no move without a reason"
    );
    let moved = store
        .move_to_zone(
            speaker.id,
            Some(SeatZone::General),
            "一般参加として申込み直し",
            "佐藤",
            t0(),
        )
        .unwrap();
    assert_eq!(moved.zone_override, Some(SeatZone::General));
    store.door(event, entry(speaker.id, None), t0()).unwrap();
    assert_eq!(store.door_status(event).unwrap().by_zone["general"].in_room, 1);
    let moves = store.zone_moves(event).unwrap();
    assert_eq!(
        (moves[0].from_zone, moves[0].to_zone),
        (SeatZone::Stakeholder, SeatZone::General)
    );
    assert_eq!(moves[0].reason, "一般参加として申込み直し");
}

/// Whether an operator's recorded decision can explain a room or zone over its capacity: a
/// person let in with a reason, or an exit undone with a reason (the person never left, so the
/// room really holds them, even after others took the place).
fn recorded_override(log: &[tsudoi_store::DoorAttempt]) -> bool {
    log.iter().any(|a| {
        (a.override_reason.is_some() && a.undone_at.is_none())
            || (a.direction == Direction::Exit && a.undone_at.is_some())
    })
}

/// One step at the door in the property test.
#[derive(Debug, Clone)]
enum Step {
    Enter { person: usize, overriding: bool },
    Leave { person: usize },
    UndoLatest { person: usize },
    WalkIn { stakeholder: bool, overriding: bool },
    Move { person: usize, to_stakeholder: bool },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..8usize, prop::bool::weighted(0.2)).prop_map(|(person, overriding)| Step::Enter { person, overriding }),
        2 => (0..8usize).prop_map(|person| Step::Leave { person }),
        1 => (0..8usize).prop_map(|person| Step::UndoLatest { person }),
        1 => (any::<bool>(), prop::bool::weighted(0.3)).prop_map(|(stakeholder, overriding)| Step::WalkIn { stakeholder, overriding }),
        1 => (0..8usize, any::<bool>()).prop_map(|(person, to_stakeholder)| Step::Move { person, to_stakeholder }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// For any sequence of entries, exits, undos, walk-ins, overrides and moves: the counts equal a
    /// recount from the recorded attempts; no zone or room passes its capacity without a recorded
    /// override or move; nobody is counted in a zone their category does not map to unless moved.
    #[test]
    fn the_counts_always_equal_a_recount_and_limits_hold(steps in prop::collection::vec(step(), 1..40)) {
        let (_dir, mut store, event) = open(4);
        store.set_zone_plan(event, plan(Some(3), Some(1), true)).unwrap();
        let categories = [Category::Atotsugi, Category::Stakeholder, Category::Supporter, Category::Senior];
        let mut people: Vec<AttendeeId> = (0..8)
            .map(|i| {
                let draft = AttendeeDraft { category: categories[i % 4], ..AttendeeDraft::new(format!("参加 {i}")) };
                store.add_attendee(event, draft, t0()).unwrap().id
            })
            .collect();
        let mut clock = t0();
        for step in steps {
            clock += Duration::seconds(5);
            match step {
                Step::Enter { person, overriding } => {
                    let reason = overriding.then_some("許可");
                    let before = store.door_status(event).unwrap();
                    let result = store.door(event, entry(people[person % people.len()], reason), clock).unwrap();
                    if result.attempt.outcome == DoorOutcome::Ok && result.attempt.override_reason.is_none() {
                        let zone = result.zone.unwrap();
                        let zone_before = before.by_zone[zone.as_str()];
                        prop_assert!(before.in_room < 4, "let in without an override into a full room");
                        prop_assert!(
                            zone_before.capacity.is_none_or(|c| zone_before.in_room < c),
                            "let in without an override into a full zone {:?}", zone
                        );
                    }
                }
                Step::Leave { person } => {
                    let request = DoorRequest { direction: Direction::Exit, ..entry(people[person % people.len()], None) };
                    store.door(event, request, clock).unwrap();
                }
                Step::UndoLatest { person } => {
                    let id = people[person % people.len()];
                    let latest = store.door_attempts(event, 1000).unwrap().into_iter()
                        .find(|a| a.attendee_id == Some(id) && a.outcome == DoorOutcome::Ok && a.undone_at.is_none());
                    if let Some(latest) = latest {
                        store.undo_attempt(latest.id, "誤り", "受付1", clock).unwrap();
                    }
                }
                Step::WalkIn { stakeholder, overriding } => {
                    let category = if stakeholder { Category::Stakeholder } else { Category::Atotsugi };
                    let draft = AttendeeDraft { category, ..AttendeeDraft::new("当日 参加") };
                    let before = store.door_status(event).unwrap();
                    let result = store.walk_in(event, draft, "受付1", "", overriding.then_some("許可"), clock).unwrap();
                    if result.attempt.outcome == DoorOutcome::Ok && result.attempt.override_reason.is_none() {
                        let zone_before = before.by_zone[result.zone.unwrap().as_str()];
                        prop_assert!(before.in_room < 4, "a walk-in let into a full room without an override");
                        prop_assert!(zone_before.capacity.is_none_or(|c| zone_before.in_room < c), "a walk-in let into a full zone");
                    }
                    if let Some(a) = result.attendee {
                        people.push(a.id);
                    }
                }
                Step::Move { person, to_stakeholder } => {
                    let zone = if to_stakeholder { SeatZone::Stakeholder } else { SeatZone::General };
                    store.move_to_zone(people[person % people.len()], Some(zone), "席替え", "佐藤", clock).unwrap();
                }
            }

            // Recount from the log alone.
            let log = store.door_attempts(event, 10_000).unwrap();
            let mut balance: HashMap<AttendeeId, i64> = HashMap::new();
            let mut entered: HashMap<AttendeeId, bool> = HashMap::new();
            for a in log.iter().filter(|a| a.outcome == DoorOutcome::Ok && a.undone_at.is_none()) {
                let id = a.attendee_id.unwrap();
                *balance.entry(id).or_default() += if a.direction == Direction::Entry { 1 } else { -1 };
                if a.direction == Direction::Entry {
                    entered.insert(id, true);
                }
            }
            prop_assert!(balance.values().all(|b| *b == 0 || *b == 1), "each person is in or out: {balance:?}");
            let in_room: Vec<AttendeeId> = balance.iter().filter(|(_, b)| **b == 1).map(|(id, _)| *id).collect();
            let status = store.door_status(event).unwrap();
            prop_assert_eq!(status.in_room as usize, in_room.len());
            prop_assert_eq!(status.checked_in as usize, entered.len());

            // Zones, placed independently from each person's category, the plan and moves.
            let plan = store.zone_plan(event).unwrap();
            let everyone = store.attendees(event, &AttendeeQuery::default()).unwrap();
            let zone_of: HashMap<AttendeeId, SeatZone> = everyone
                .iter()
                .map(|a| (a.id, plan.zone_of(a.details.category, a.zone_override)))
                .collect();
            for zone in SeatZone::ALL {
                let n = in_room.iter().filter(|id| zone_of[id] == *zone).count() as u32;
                prop_assert_eq!(status.by_zone[zone.as_str()].in_room, n, "zone {:?}", zone);
                if let Some(capacity) = plan.capacity(*zone) {
                    let overridden = recorded_override(&log);
                    let moved = !store.zone_moves(event).unwrap().is_empty();
                    prop_assert!(n <= capacity || overridden || moved, "zone {zone:?} holds {n} of {capacity} with no override");
                }
            }
            let overridden = recorded_override(&log);
            prop_assert!(status.in_room <= 4 || overridden, "the room holds {} of 4 with no override", status.in_room);
            for a in &everyone {
                if a.details.category == Category::Stakeholder && a.zone_override.is_none() {
                    prop_assert_eq!(zone_of[&a.id], SeatZone::Stakeholder, "a stakeholder is never counted as general");
                }
            }
        }
    }
}

//! The optional seat plan against a real SQLite file: seats given at entry, kept, freed.

use chrono::{DateTime, Duration, TimeZone, Utc};
use tsudoi_core::event::parse_date;
use tsudoi_core::{
    AttendeeDraft, AttendeeId, AttendeeStatus, Category, Direction, DoorMethod, DoorOutcome, EventDraft,
    EventId, SeatPlan, SeatZone,
};
use tsudoi_store::{DoorRequest, DoorResult, Store, StoreError};

struct Venue {
    _dir: tempfile::TempDir,
    store: Store,
    event: EventId,
    clock: DateTime<Utc>,
}

impl Venue {
    fn new() -> Venue {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 7, 25, 4, 0, 0).unwrap();
        let event = store
            .create_event(EventDraft::new("第1回", parse_date("2026-07-25").unwrap()), t0)
            .unwrap()
            .id;
        let mut blocks = SeatPlan::parse_blocks(SeatZone::Stakeholder, "S:2").unwrap();
        blocks.extend(SeatPlan::parse_blocks(SeatZone::General, "A:2, B:2").unwrap());
        store.set_seat_plan(event, SeatPlan { blocks }).unwrap();
        Venue {
            _dir: dir,
            store,
            event,
            clock: t0,
        }
    }

    fn register(&mut self, name: &str, category: Category) -> AttendeeId {
        let draft = AttendeeDraft {
            category,
            ..AttendeeDraft::new(name)
        };
        self.store.add_attendee(self.event, draft, self.clock).unwrap().id
    }

    fn pass(
        &mut self,
        direction: Direction,
        person: AttendeeId,
        seat: Option<&str>,
    ) -> Result<DoorResult, StoreError> {
        self.clock += Duration::seconds(30);
        let request = DoorRequest {
            direction,
            method: DoorMethod::Search,
            code: None,
            attendee_id: Some(person),
            desk: "受付1".into(),
            operator: "佐藤".into(),
            override_reason: None,
            seat: seat.map(Into::into),
            local_now: chrono::NaiveDate::from_ymd_opt(2026, 7, 25)
                .unwrap()
                .and_hms_opt(13, 0, 0)
                .unwrap(),
        };
        self.store.door(self.event, request, self.clock)
    }
}

#[test]
fn each_zone_fills_its_own_seats_front_first() {
    let mut v = Venue::new();
    let a = v.register("大友 慎吾", Category::Atotsugi);
    let b = v.register("熊谷 一", Category::Supporter);
    let press = v.register("河北 記者", Category::Stakeholder);
    assert_eq!(
        v.pass(Direction::Entry, a, None).unwrap().seat.as_deref(),
        Some("A-1")
    );
    assert_eq!(
        v.pass(Direction::Entry, b, None).unwrap().seat.as_deref(),
        Some("A-2")
    );
    assert_eq!(
        v.pass(Direction::Entry, press, None).unwrap().seat.as_deref(),
        Some("S-1"),
        "a stakeholder never takes a general seat"
    );
    let again = v.pass(Direction::Entry, a, None).unwrap();
    assert_eq!(again.attempt.outcome, DoorOutcome::Duplicate);
    assert_eq!(
        again.seat.as_deref(),
        Some("A-1"),
        "already here: the seat is shown again"
    );
}

#[test]
fn a_seat_is_kept_through_exits_and_freed_by_undo_cancellation_or_move() {
    let mut v = Venue::new();
    let a = v.register("大友 慎吾", Category::Atotsugi);
    let b = v.register("熊谷 一", Category::Supporter);
    let first = v.pass(Direction::Entry, a, None).unwrap();
    v.pass(Direction::Exit, a, None).unwrap();
    assert_eq!(
        v.pass(Direction::Entry, a, None).unwrap().seat.as_deref(),
        Some("A-1"),
        "back to the same seat"
    );

    let entry_b = v.pass(Direction::Entry, b, None).unwrap();
    assert_eq!(entry_b.seat.as_deref(), Some("A-2"));
    v.store
        .undo_attempt(entry_b.attempt.id, "誤って受付", "受付1", v.clock)
        .unwrap();
    assert_eq!(
        v.store.seat_of(b).unwrap(),
        None,
        "an undone entry frees the seat"
    );

    let mut cancelled = v.store.attendee(a).unwrap().details;
    cancelled.status = AttendeeStatus::Cancelled;
    v.store.update_attendee(a, cancelled, v.clock).unwrap();
    assert_eq!(v.store.seat_of(a).unwrap(), None, "a cancellation frees the seat");
    assert_eq!(first.seat.as_deref(), Some("A-1"));

    let c = v.register("遠藤 美穂", Category::Supporter);
    v.pass(Direction::Entry, c, None).unwrap();
    v.store
        .move_to_zone(c, Some(SeatZone::Stakeholder), "登壇者のため", "佐藤", v.clock)
        .unwrap();
    assert_eq!(
        v.store.seat_of(c).unwrap().as_deref(),
        Some("S-1"),
        "moved: a seat in the new zone"
    );
}

#[test]
fn a_chosen_seat_must_be_free_and_in_the_zone() {
    let mut v = Venue::new();
    let a = v.register("大友 慎吾", Category::Atotsugi);
    let b = v.register("熊谷 一", Category::Supporter);
    assert_eq!(
        v.pass(Direction::Entry, a, Some("b-2")).unwrap().seat.as_deref(),
        Some("B-2")
    );
    let n_attempts = v.store.door_attempts(v.event, 100).unwrap().len();
    for taken_or_wrong in ["B-2", "S-1", "Z-9"] {
        let refused = v.pass(Direction::Entry, b, Some(taken_or_wrong));
        assert!(
            matches!(refused, Err(StoreError::Validation(_))),
            "{taken_or_wrong}: {refused:?}"
        );
    }
    assert_eq!(
        v.store.door_attempts(v.event, 100).unwrap().len(),
        n_attempts,
        "a refused seat leaves no half-recorded entry"
    );
    assert_eq!(
        v.store.assign_seat(a, Some("A-1"), v.clock).unwrap().as_deref(),
        Some("A-1"),
        "changing seats"
    );
    assert_eq!(
        v.pass(Direction::Entry, b, None).unwrap().seat.as_deref(),
        Some("A-2")
    );
    let chart = v.store.seat_chart(v.event).unwrap();
    assert_eq!(chart.len(), 6);
    let names: Vec<(String, Option<String>)> = chart.into_iter().map(|s| (s.seat, s.name)).collect();
    assert_eq!(names[2], ("A-1".to_string(), Some("大友 慎吾".to_string())));
    assert_eq!(names[5], ("B-2".to_string(), None), "B-2 was freed by the change");
}

#[test]
fn a_smaller_plan_drops_only_the_seats_it_no_longer_has() {
    let mut v = Venue::new();
    let a = v.register("大友 慎吾", Category::Atotsugi);
    let b = v.register("熊谷 一", Category::Supporter);
    v.pass(Direction::Entry, a, None).unwrap();
    v.pass(Direction::Entry, b, Some("B-2")).unwrap();
    let smaller = SeatPlan {
        blocks: SeatPlan::parse_blocks(SeatZone::General, "A:2, B:1").unwrap(),
    };
    v.store.set_seat_plan(v.event, smaller).unwrap();
    assert_eq!(v.store.seat_of(a).unwrap().as_deref(), Some("A-1"));
    assert_eq!(v.store.seat_of(b).unwrap(), None, "B-2 is gone from the plan");
}

//! The reception desk against a real SQLite file: tickets, check-ins, exits, undo, walk-ins.

use chrono::{DateTime, Duration, TimeZone, Utc};
use tsudoi_core::event::parse_date;
use tsudoi_core::{
    AttendanceMode, Attendee, AttendeeDraft, AttendeeStatus, Category, Direction, DoorMethod, DoorOutcome,
    EventDraft, EventId, SeatZone, TicketToken,
};
use tsudoi_store::{AttendeeQuery, DeskSettings, DoorRequest, DoorResult, Store, StoreError};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 25, 4, 0, 0).unwrap()
}

struct Desk {
    _dir: tempfile::TempDir,
    store: Store,
    event: EventId,
    clock: DateTime<Utc>,
}

impl Desk {
    fn new(capacity: u32) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
        let draft = EventDraft {
            capacity,
            ..EventDraft::new("第1回", parse_date("2026-07-25").unwrap())
        };
        let event = store.create_event(draft, t0()).unwrap().id;
        Desk {
            _dir: dir,
            store,
            event,
            clock: t0(),
        }
    }

    fn register(&mut self, name: &str, category: Category) -> Attendee {
        let draft = AttendeeDraft {
            category,
            ..AttendeeDraft::new(name)
        };
        self.store.add_attendee(self.event, draft, t0()).unwrap()
    }

    /// Moves the clock on so that the next scan is not a repeated read.
    fn later(&mut self) -> DateTime<Utc> {
        self.clock += Duration::seconds(30);
        self.clock
    }

    fn request(direction: Direction, code: &str, override_reason: Option<&str>) -> DoorRequest {
        DoorRequest {
            direction,
            method: DoorMethod::Qr,
            code: Some(code.into()),
            attendee_id: None,
            desk: "受付1".into(),
            operator: "佐藤".into(),
            override_reason: override_reason.map(Into::into),
            seat: None,
            local_now: chrono::NaiveDate::from_ymd_opt(2026, 7, 25)
                .unwrap()
                .and_hms_opt(13, 0, 0)
                .unwrap(),
        }
    }

    fn scan(&mut self, code: &str) -> DoorResult {
        let now = self.later();
        self.store
            .door(self.event, Self::request(Direction::Entry, code, None), now)
            .unwrap()
    }

    fn scan_overriding(&mut self, code: &str, reason: &str) -> DoorResult {
        let now = self.later();
        self.store
            .door(
                self.event,
                Self::request(Direction::Entry, code, Some(reason)),
                now,
            )
            .unwrap()
    }

    fn leave(&mut self, code: &str) -> DoorResult {
        let now = self.later();
        self.store
            .door(self.event, Self::request(Direction::Exit, code, None), now)
            .unwrap()
    }
}

fn ticket(attendee: &Attendee) -> String {
    attendee
        .ticket
        .as_ref()
        .expect("every registration has a ticket")
        .as_str()
        .to_string()
}

#[test]
fn every_registration_gets_its_own_well_formed_ticket() {
    let mut desk = Desk::new(70);
    let a = desk.register("大友 慎吾", Category::Atotsugi);
    let b = desk.register("熊谷 一", Category::Supporter);
    assert_ne!(ticket(&a), ticket(&b));
    assert!(TicketToken::parse(&ticket(&a)).is_ok());
    let listed = desk
        .store
        .attendees(desk.event, &AttendeeQuery::default())
        .unwrap();
    assert!(
        listed.iter().all(|p| p.ticket.is_some()),
        "the list shows each person's ticket"
    );
    let mut demo_store = desk.store;
    demo_store.load_demo(t0()).unwrap();
    let events = demo_store.events().unwrap();
    let demo_people = demo_store
        .attendees(events[1].id, &AttendeeQuery::default())
        .unwrap();
    assert!(
        demo_people.iter().all(|p| p.ticket.is_some()),
        "the demo's people have tickets"
    );
}

#[test]
fn a_ticket_checks_in_once_and_shows_the_seating_zone() {
    let mut desk = Desk::new(70);
    let guest = desk.register("大友 慎吾", Category::Atotsugi);
    let staff = desk.register("東北 局員", Category::Stakeholder);

    let ok = desk.scan(&ticket(&guest));
    assert_eq!(ok.attempt.outcome, DoorOutcome::Ok);
    assert_eq!(ok.attendee.as_ref().unwrap().details.name, "大友 慎吾");
    assert_eq!(ok.zone, Some(SeatZone::General));
    assert_eq!((ok.in_room, ok.capacity), (1, 70));

    let again = desk.scan(&ticket(&guest));
    assert_eq!(again.attempt.outcome, DoorOutcome::Duplicate);
    let previous = again
        .previous
        .expect("a duplicate says when and where the person came in");
    assert_eq!((previous.at, previous.desk.as_str()), (ok.attempt.at, "受付1"));
    assert_eq!(again.in_room, 1, "a duplicate does not count twice");

    let staff_result = desk.scan(&ticket(&staff).to_lowercase());
    assert_eq!(
        staff_result.attempt.outcome,
        DoorOutcome::Ok,
        "case and width are forgiven"
    );
    assert_eq!(
        staff_result.zone,
        Some(SeatZone::Stakeholder),
        "stakeholders sit apart"
    );
}

#[test]
fn a_scan_read_twice_within_two_seconds_is_not_a_second_check_in() {
    let mut desk = Desk::new(70);
    let guest = desk.register("大友 慎吾", Category::Atotsugi);
    let first = desk
        .store
        .door(
            desk.event,
            Desk::request(Direction::Entry, &ticket(&guest), None),
            t0(),
        )
        .unwrap();
    let echo = desk
        .store
        .door(
            desk.event,
            Desk::request(Direction::Entry, &ticket(&guest), None),
            t0() + Duration::milliseconds(700),
        )
        .unwrap();
    assert_eq!(first.attempt.outcome, DoorOutcome::Ok);
    assert_eq!(echo.attempt.outcome, DoorOutcome::Repeat);
    assert!(
        echo.attempt.outcome.passed(),
        "the desk shows the same green result"
    );
    assert_eq!(echo.in_room, 1);
    let exit = desk
        .store
        .door(
            desk.event,
            Desk::request(Direction::Exit, &ticket(&guest), None),
            t0() + Duration::milliseconds(900),
        )
        .unwrap();
    assert_eq!(
        exit.attempt.outcome,
        DoorOutcome::Ok,
        "an exit right after the entry is no repeated read"
    );
    let back = desk
        .store
        .door(
            desk.event,
            Desk::request(Direction::Entry, &ticket(&guest), None),
            t0() + Duration::seconds(5),
        )
        .unwrap();
    assert_eq!(back.attempt.outcome, DoorOutcome::Ok, "re-entry after the exit");
    let later = desk
        .store
        .door(
            desk.event,
            Desk::request(Direction::Entry, &ticket(&guest), None),
            t0() + Duration::seconds(8),
        )
        .unwrap();
    assert_eq!(
        later.attempt.outcome,
        DoorOutcome::Duplicate,
        "after the window it is a real second visit"
    );
}

#[test]
fn refusals_name_what_is_wrong_and_are_recorded() {
    let mut desk = Desk::new(70);
    let guest = desk.register("大友 慎吾", Category::Atotsugi);
    let cancelled = desk.register("三浦 かおり", Category::Atotsugi);
    desk.store
        .update_attendee(
            cancelled.id,
            AttendeeDraft {
                status: AttendeeStatus::Cancelled,
                ..cancelled.details.clone()
            },
            t0(),
        )
        .unwrap();
    let other_event = desk
        .store
        .create_event(EventDraft::new("第2回", parse_date("2026-10-24").unwrap()), t0())
        .unwrap()
        .id;
    let elsewhere = desk
        .store
        .add_attendee(other_event, AttendeeDraft::new("庄司 早苗"), t0())
        .unwrap();
    let old_code = ticket(&guest);
    let new_code = desk.store.reissue_ticket(guest.id, t0()).unwrap();

    let unknown = TicketToken::from_random([7; 10]);
    let mut misread = ticket(&elsewhere);
    misread.replace_range(3..4, if &misread[3..4] == "A" { "B" } else { "A" });
    let cases = [
        (old_code.as_str(), DoorOutcome::Revoked),
        (unknown.as_str(), DoorOutcome::Unknown),
        (misread.as_str(), DoorOutcome::Misread),
        ("https://example.jp/", DoorOutcome::Misread),
        (&ticket(&elsewhere), DoorOutcome::WrongEvent),
        (&ticket(&cancelled), DoorOutcome::Cancelled),
    ];
    for (code, expected) in cases {
        let result = desk.scan(code);
        assert_eq!(result.attempt.outcome, expected, "scanning {code}");
        assert_eq!(result.in_room, 0);
    }
    assert_eq!(
        desk.scan(new_code.as_str()).attempt.outcome,
        DoorOutcome::Ok,
        "the new ticket opens the door"
    );

    let let_in = desk.scan_overriding(&ticket(&cancelled), "当日、参加に変更");
    assert_eq!(let_in.attempt.outcome, DoorOutcome::Ok);
    assert_eq!(
        let_in.attempt.override_reason.as_deref(),
        Some("当日、参加に変更")
    );
    assert_eq!(let_in.attempt.operator, "佐藤", "who overrode is recorded");

    let log = desk.store.door_attempts(desk.event, 100).unwrap();
    assert_eq!(
        log.len(),
        cases.len() + 2,
        "every attempt is in the log, refused ones too"
    );
    assert_eq!(log[0].outcome, DoorOutcome::Ok, "newest first");
}

#[test]
fn a_full_room_refuses_until_someone_leaves_or_an_operator_overrides() {
    let mut desk = Desk::new(2);
    // Registered online (so they never wait for a place), but they come to the venue.
    let people: Vec<_> = ["一", "二", "三"]
        .iter()
        .map(|n| {
            let draft = AttendeeDraft {
                mode: AttendanceMode::Online,
                ..AttendeeDraft::new(*n)
            };
            desk.store.add_attendee(desk.event, draft, t0()).unwrap()
        })
        .collect();
    assert_eq!(desk.scan(&ticket(&people[0])).attempt.outcome, DoorOutcome::Ok);
    let second = desk.scan(&ticket(&people[1]));
    assert_eq!(
        (second.attempt.outcome, second.nearly_full),
        (DoorOutcome::Ok, true)
    );
    let refused = desk.scan(&ticket(&people[2]));
    assert_eq!(refused.attempt.outcome, DoorOutcome::Full);

    assert_eq!(desk.leave(&ticket(&people[0])).attempt.outcome, DoorOutcome::Ok);
    assert_eq!(
        desk.scan(&ticket(&people[2])).attempt.outcome,
        DoorOutcome::Ok,
        "an exit frees a place"
    );
    let overridden = desk.scan_overriding(&ticket(&people[0]), "登壇者のため");
    assert_eq!(overridden.attempt.outcome, DoorOutcome::Ok);
    assert_eq!(overridden.in_room, 3);
    let status = desk.store.door_status(desk.event).unwrap();
    assert_eq!((status.in_room, status.remaining, status.full), (3, 0, true));
}

#[test]
fn exits_and_reentry_count_people_in_the_room() {
    let mut desk = Desk::new(70);
    let guest = desk.register("大友 慎吾", Category::Atotsugi);
    assert_eq!(
        desk.leave(&ticket(&guest)).attempt.outcome,
        DoorOutcome::NotInRoom
    );
    desk.scan(&ticket(&guest));
    assert_eq!(desk.leave(&ticket(&guest)).in_room, 0);
    assert_eq!(
        desk.scan(&ticket(&guest)).attempt.outcome,
        DoorOutcome::Ok,
        "re-entry after an exit"
    );
    let status = desk.store.door_status(desk.event).unwrap();
    assert_eq!((status.checked_in, status.in_room), (1, 1));
}

#[test]
fn an_undone_check_in_stays_in_the_log_and_stops_counting() {
    let mut desk = Desk::new(70);
    let guest = desk.register("大友 慎吾", Category::Atotsugi);
    let ok = desk.scan(&ticket(&guest));
    let undone = desk
        .store
        .undo_attempt(ok.attempt.id, "別人を受付", "受付2", t0())
        .unwrap();
    assert_eq!(undone.undone_by.as_deref(), Some("受付2"));
    assert_eq!(desk.store.door_status(desk.event).unwrap().checked_in, 0);
    assert!(matches!(
        desk.store.undo_attempt(ok.attempt.id, "again", "受付1", t0()),
        Err(StoreError::NotUndoable { .. })
    ));
    assert_eq!(
        desk.scan(&ticket(&guest)).attempt.outcome,
        DoorOutcome::Ok,
        "the person can still come in"
    );
    assert_eq!(desk.store.door_attempts(desk.event, 10).unwrap().len(), 2);
}

#[test]
fn a_walk_in_is_registered_and_let_in_at_once() {
    let mut desk = Desk::new(1);
    let draft = AttendeeDraft {
        kana: "とうじつ".into(),
        mode: AttendanceMode::Venue,
        ..AttendeeDraft::new("当日 太郎")
    };
    let result = desk
        .store
        .walk_in(desk.event, draft.clone(), "受付1", "佐藤", None, t0())
        .unwrap();
    assert_eq!(result.attempt.outcome, DoorOutcome::Ok);
    assert_eq!(result.attempt.method, DoorMethod::WalkIn);
    let walk_in = result.attendee.unwrap();
    assert_eq!(walk_in.details.source, tsudoi_core::RegistrationSource::WalkIn);
    assert!(walk_in.ticket.is_some());
    let status = desk.store.door_status(desk.event).unwrap();
    assert_eq!((status.registered, status.checked_in, status.walk_ins), (1, 1, 1));

    let refused = desk
        .store
        .walk_in(
            desk.event,
            AttendeeDraft::new("満席 次郎"),
            "受付1",
            "",
            None,
            t0(),
        )
        .unwrap();
    assert_eq!(refused.attempt.outcome, DoorOutcome::Full);
    assert!(refused.attendee.is_none());
    assert_eq!(
        desk.store
            .attendees(desk.event, &AttendeeQuery::default())
            .unwrap()
            .len(),
        1,
        "nobody half-registered"
    );
    let invalid = desk
        .store
        .walk_in(desk.event, AttendeeDraft::new(" "), "受付1", "", Some("x"), t0());
    assert!(matches!(invalid, Err(StoreError::Validation(_))));
}

#[test]
fn the_desk_has_a_name_that_persists() {
    let mut desk = Desk::new(70);
    assert_eq!(desk.store.desk().unwrap().name, "受付1");
    let set = desk
        .store
        .set_desk(&DeskSettings {
            name: " 受付B ".into(),
            operator: "鈴木".into(),
        })
        .unwrap();
    assert_eq!(
        set,
        DeskSettings {
            name: "受付B".into(),
            operator: "鈴木".into()
        }
    );
}

#[test]
fn only_a_persons_latest_pass_can_be_undone() {
    let mut desk = Desk::new(70);
    let guest = desk.register("大友 慎吾", Category::Atotsugi);
    let entry = desk.scan(&ticket(&guest));
    let exit = desk.leave(&ticket(&guest));
    assert!(
        matches!(
            desk.store.undo_attempt(entry.attempt.id, "x", "受付1", t0()),
            Err(StoreError::NotUndoable { .. })
        ),
        "an entry followed by an exit cannot be undone alone"
    );
    desk.store
        .undo_attempt(exit.attempt.id, "退場の押し間違い", "受付1", t0())
        .unwrap();
    assert_eq!(
        desk.store.door_status(desk.event).unwrap().in_room,
        1,
        "undoing the exit puts the person back"
    );
    desk.store
        .undo_attempt(entry.attempt.id, "誤って受付", "受付1", t0())
        .unwrap();
    assert_eq!(desk.store.door_status(desk.event).unwrap().in_room, 0);
}

#[test]
fn someone_still_waiting_for_a_place_is_refused_unless_let_in() {
    let mut desk = Desk::new(1);
    let seated = desk.register("一", Category::Atotsugi);
    let waiting = desk.register("二", Category::Atotsugi);
    assert!(seated.waitlisted_at.is_none() && waiting.waitlist_position == Some(1));
    assert_eq!(
        desk.scan(&ticket(&waiting)).attempt.outcome,
        DoorOutcome::Waitlisted
    );
    assert_eq!(desk.scan(&ticket(&seated)).attempt.outcome, DoorOutcome::Ok);
    let status = desk.store.door_status(desk.event).unwrap();
    assert_eq!(
        (status.registered, status.waitlisted),
        (1, 1),
        "people waiting are counted apart"
    );
}

/// A request at a given local time and desk.
fn request_at(code: &str, desk: &str, local: (u32, u32)) -> DoorRequest {
    DoorRequest {
        desk: desk.into(),
        local_now: parse_date("2026-07-25")
            .unwrap()
            .and_hms_opt(local.0, local.1, 0)
            .unwrap(),
        ..Desk::request(Direction::Entry, code, None)
    }
}

#[test]
fn the_waiting_list_is_let_in_from_its_time_while_the_room_has_places() {
    let mut desk = Desk::new(1);
    let mut event = desk.store.event(desk.event).unwrap().details;
    event.start_time = tsudoi_core::event::parse_time("13:30").ok();
    event.waitlist_opens_at = tsudoi_core::event::parse_time("13:15").ok();
    desk.store.update_event(desk.event, event, t0()).unwrap();
    let seated = desk.register("一", Category::Atotsugi);
    let waiting = desk.register("二", Category::Atotsugi);
    let also_waiting = desk.register("三", Category::Atotsugi);
    assert!(seated.waitlisted_at.is_none() && waiting.waitlisted_at.is_some());

    let at = desk.later();
    let early = desk
        .store
        .door(desk.event, request_at(&ticket(&waiting), "受付1", (13, 0)), at)
        .unwrap();
    assert_eq!(early.attempt.outcome, DoorOutcome::Waitlisted);
    assert_eq!(
        early
            .waitlist_opens
            .map(|t| t.format("%H:%M").to_string())
            .as_deref(),
        Some("13:15"),
        "told when to come back"
    );

    let at = desk.later();
    let on_time = desk
        .store
        .door(desk.event, request_at(&ticket(&waiting), "受付1", (13, 15)), at)
        .unwrap();
    assert_eq!(on_time.attempt.outcome, DoorOutcome::Ok, "the room is empty");
    assert_eq!(
        on_time.notice,
        Some(tsudoi_core::door::DoorNotice::FromWaitingList)
    );

    let at = desk.later();
    let no_room = desk
        .store
        .door(
            desk.event,
            request_at(&ticket(&also_waiting), "受付1", (13, 20)),
            at,
        )
        .unwrap();
    assert_eq!(
        no_room.attempt.outcome,
        DoorOutcome::Full,
        "the one place is taken"
    );
    let status = desk.store.door_status(desk.event).unwrap();
    assert_eq!((status.checked_in, status.waitlisted), (1, 1));
}

#[test]
fn a_registration_limit_takes_more_registrations_than_seats() {
    let mut desk = Desk::new(2);
    let mut event = desk.store.event(desk.event).unwrap().details;
    event.registration_limit = Some(3);
    desk.store.update_event(desk.event, event, t0()).unwrap();
    let people: Vec<Attendee> = ["一", "二", "三", "四"]
        .iter()
        .map(|name| desk.register(name, Category::Atotsugi))
        .collect();
    let waiting: Vec<bool> = people.iter().map(|p| p.waitlisted_at.is_some()).collect();
    assert_eq!(
        waiting,
        [false, false, false, true],
        "three places to register, two seats"
    );
    let status = desk.store.door_status(desk.event).unwrap();
    assert_eq!((status.registered, status.capacity, status.waitlisted), (3, 2, 1));
}

#[test]
fn the_repeat_window_is_one_desks_double_read_not_another_desks_copy() {
    let mut desk = Desk::new(70);
    let guest = desk.register("大友 慎吾", Category::Atotsugi);
    let code = ticket(&guest);
    let first = desk
        .store
        .door(desk.event, request_at(&code, "受付A", (13, 0)), t0())
        .unwrap();
    let copy = desk
        .store
        .door(
            desk.event,
            request_at(&code, "受付B", (13, 0)),
            t0() + Duration::milliseconds(600),
        )
        .unwrap();
    let echo = desk
        .store
        .door(
            desk.event,
            request_at(&code, "受付A", (13, 0)),
            t0() + Duration::milliseconds(900),
        )
        .unwrap();
    assert_eq!(first.attempt.outcome, DoorOutcome::Ok);
    assert_eq!(
        copy.attempt.outcome,
        DoorOutcome::Duplicate,
        "the same code at another desk is a second person"
    );
    assert_eq!(
        echo.attempt.outcome,
        DoorOutcome::Repeat,
        "desk A's scanner reading twice"
    );
}

#[test]
fn an_online_registrant_at_the_door_is_told_of_and_counted_at_the_venue() {
    let mut desk = Desk::new(70);
    let draft = AttendeeDraft {
        mode: AttendanceMode::Online,
        ..AttendeeDraft::new("遠方 太郎")
    };
    let online = desk.store.add_attendee(desk.event, draft, t0()).unwrap();
    let result = desk.scan(&ticket(&online));
    assert_eq!(result.attempt.outcome, DoorOutcome::Ok);
    assert_eq!(result.notice, Some(tsudoi_core::door::DoorNotice::OnlineAtVenue));
    let status = desk.store.door_status(desk.event).unwrap();
    assert_eq!(status.by_mode["venue"].checked_in, 1, "counted at the venue");
    assert_eq!(status.by_mode["online"].registered, 0);
    assert_eq!(
        desk.store.attendee(online.id).unwrap().details.mode,
        AttendanceMode::Online,
        "the registered mode is kept for the record"
    );
}

fn audit_line(action: tsudoi_core::privacy::AuditAction) -> tsudoi_store::AuditRecord<'static> {
    tsudoi_store::AuditRecord {
        actor: "佐藤",
        action,
        event_id: None,
        n_people: 1,
        file: "",
        detail: "本人の申出",
    }
}

#[test]
fn the_list_says_where_each_person_stands_and_filters_by_it() {
    use tsudoi_core::PresenceFilter;
    use tsudoi_store::PeopleQuery;
    let mut desk = Desk::new(3);
    let came = desk.register("一 来た", Category::Atotsugi);
    let left = desk.register("二 帰った", Category::Supporter);
    let not_yet = desk.register("三 未着", Category::Atotsugi);
    let waiting = desk.register("四 待ち", Category::Atotsugi);
    desk.scan(&ticket(&came));
    desk.scan(&ticket(&left));
    desk.leave(&ticket(&left));
    let _ = (&not_yet, &waiting);
    let names = |presence| -> Vec<String> {
        desk.store
            .people(
                desk.event,
                &PeopleQuery {
                    presence: Some(presence),
                    ..PeopleQuery::default()
                },
            )
            .unwrap()
            .into_iter()
            .map(|p| p.attendee.details.name)
            .collect()
    };
    assert_eq!(names(PresenceFilter::CheckedIn), ["一 来た", "二 帰った"]);
    assert_eq!(names(PresenceFilter::InRoom), ["一 来た"]);
    assert_eq!(names(PresenceFilter::NotCheckedIn), ["三 未着"]);
    assert_eq!(names(PresenceFilter::Waiting), ["四 待ち"]);
    let supporters = desk
        .store
        .people(
            desk.event,
            &PeopleQuery {
                category: Some(Category::Supporter),
                ..PeopleQuery::default()
            },
        )
        .unwrap();
    assert_eq!(supporters.len(), 1);
    assert!(supporters[0].checked_in && !supporters[0].in_room);
    assert!(
        supporters[0].last_pass_attempt.is_some(),
        "the exit can be undone from the list"
    );
}

#[test]
fn two_registrations_of_one_person_become_one_and_keep_the_check_in() {
    use tsudoi_core::privacy::AuditAction;
    let mut desk = Desk::new(70);
    let registered = desk
        .store
        .add_attendee(
            desk.event,
            AttendeeDraft {
                email: "otomo@example.jp".into(),
                ..AttendeeDraft::new("大友 慎吾")
            },
            t0(),
        )
        .unwrap();
    let walk_in = desk
        .store
        .walk_in(
            desk.event,
            AttendeeDraft {
                kana: "おおとも しんご".into(),
                organization: "大友製作所".into(),
                ..AttendeeDraft::new("大友慎吾")
            },
            "受付1",
            "佐藤",
            None,
            t0(),
        )
        .unwrap();
    let walk_in_id = walk_in.attendee.unwrap().id;
    let found = desk
        .store
        .possible_duplicates(desk.event, &AttendeeDraft::new("大友　慎吾"), None)
        .unwrap();
    assert_eq!(found.len(), 2, "both registrations look like the name typed");

    let merged = desk
        .store
        .merge_attendees(
            registered.id,
            walk_in_id,
            &audit_line(AuditAction::AttendeeMerge),
            t0(),
        )
        .unwrap();
    assert_eq!(
        merged.details.kana, "オオトモ シンゴ",
        "empty fields are filled from the other"
    );
    assert_eq!(merged.details.email, "otomo@example.jp");
    let status = desk.store.door_status(desk.event).unwrap();
    assert_eq!(
        (status.registered, status.checked_in),
        (1, 1),
        "one person, still checked in"
    );
    assert!(matches!(
        desk.store.attendee(walk_in_id),
        Err(StoreError::AttendeeNotFound(_))
    ));
    assert_eq!(
        desk.scan(&ticket(&registered)).attempt.outcome,
        DoorOutcome::Duplicate,
        "the kept ticket finds the person already in"
    );
    let log = desk.store.audit_log(10).unwrap();
    assert_eq!(log[0].action, AuditAction::AttendeeMerge);
}

#[test]
fn merging_two_people_both_checked_in_is_refused_and_changes_nothing() {
    use tsudoi_core::privacy::AuditAction;
    let mut desk = Desk::new(70);
    let a = desk.register("一", Category::Atotsugi);
    let b = desk.register("二", Category::Atotsugi);
    desk.scan(&ticket(&a));
    desk.scan(&ticket(&b));
    let refused = desk
        .store
        .merge_attendees(a.id, b.id, &audit_line(AuditAction::AttendeeMerge), t0())
        .unwrap_err();
    assert_eq!(tsudoi_core::Localized::code(&refused), "merge.both_checked_in");
    assert!(desk.store.attendee(b.id).is_ok());
    assert_eq!(desk.store.door_status(desk.event).unwrap().checked_in, 2);
}

#[test]
fn a_person_deleted_on_request_leaves_no_personal_data_and_the_counts_stay() {
    use tsudoi_core::privacy::AuditAction;
    let mut desk = Desk::new(70);
    let person = desk
        .store
        .add_attendee(
            desk.event,
            AttendeeDraft {
                kana: "ケス タロウ".into(),
                email: "kesu@example.jp".into(),
                phone: "090-0000-0000".into(),
                organization: "消す商事".into(),
                ..AttendeeDraft::new("消す 太郎")
            },
            t0(),
        )
        .unwrap();
    desk.scan(&ticket(&person));
    let before = desk.store.door_status(desk.event).unwrap();
    desk.store
        .erase_attendee(person.id, &audit_line(AuditAction::AttendeeErase), t0())
        .unwrap();
    let after = desk.store.door_status(desk.event).unwrap();
    assert_eq!(before, after, "the anonymous counts do not change");
    assert!(desk
        .store
        .attendees(desk.event, &AttendeeQuery::default())
        .unwrap()
        .is_empty());
    assert_eq!(
        desk.scan(&ticket(&person)).attempt.outcome,
        DoorOutcome::Unknown,
        "the ticket opens nothing"
    );
    let path = desk._dir.path().join("tsudoi.sqlite3");
    drop(desk.store);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let dump: String = raw
        .query_row(
            "SELECT group_concat(name || kana || organization || email || phone || search_text) FROM attendee",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for gone in ["消す", "ケス", "kesu", "090"] {
        assert!(!dump.contains(gone), "{gone} is still in the database: {dump}");
    }
}

//! The handler roster on a real database: the first person is the 情報管理責任者, roles decide
//! who may export, a wrong PIN is refused, logged and slowed, and no PIN is kept in clear.

use chrono::{Duration, FixedOffset, TimeZone, Utc};
use tsudoi_app::exchange::{export_attendance, ExportRequest};
use tsudoi_app::handlers::{self, SignedIn};
use tsudoi_app::{Clock, Ctx, Database};
use tsudoi_core::handler::{HandlerDraft, HandlerRole};
use tsudoi_core::privacy::AuditAction;
use tsudoi_core::{EventDraft, EventId, Lang, Localized};

struct Office {
    dir: tempfile::TempDir,
    db: Database,
    event: EventId,
    at: chrono::DateTime<Utc>,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 7, 25).unwrap();
        let event = {
            let mut ctx = Ctx::new(
                &mut db,
                Lang::Ja,
                Clock::fixed(at, FixedOffset::east_opt(9 * 3600).unwrap()),
            );
            tsudoi_app::events::create(&mut ctx, EventDraft::new("第1回", date))
                .unwrap()
                .id
        };
        Office { dir, db, event, at }
    }

    fn ctx(&mut self, who: Option<&SignedIn>) -> Ctx<'_> {
        let clock = Clock::fixed(self.at, FixedOffset::east_opt(9 * 3600).unwrap());
        Ctx::new(&mut self.db, Lang::Ja, clock).signed_in(who)
    }

    fn export(&mut self, who: Option<&SignedIn>) -> Result<(), String> {
        let path = self
            .dir
            .path()
            .join(format!("出欠-{}.csv", self.at.timestamp_nanos_opt().unwrap_or(0)));
        self.at += Duration::seconds(1);
        let event = self.event;
        export_attendance(
            &mut self.ctx(who),
            event,
            &path,
            &ExportRequest {
                format: None,
                encoding: Default::default(),
                include_contact: false,
                substitute_unencodable: false,
                replace: false,
                include_not_attending: false,
            },
        )
        .map(|_| ())
        .map_err(|e| format!("{}: {}", e.code(), e.message(Lang::Ja)))
    }
}

fn person(name: &str, role: HandlerRole) -> HandlerDraft {
    HandlerDraft {
        name: name.into(),
        department: "事業部".into(),
        role,
        home_address: "仙台市青葉区".into(),
        ..HandlerDraft::default()
    }
}

#[test]
fn roles_decide_who_may_export_once_the_roster_exists() {
    let mut office = Office::new();
    office
        .export(None)
        .expect("a database with no roster works as before");

    let refused = handlers::add(
        &mut office.ctx(None),
        person("佐藤 一郎", HandlerRole::Staff),
        "1234",
    )
    .unwrap_err();
    assert_eq!(refused.code(), "auth.first_is_officer");
    handlers::add(
        &mut office.ctx(None),
        person("責任 者", HandlerRole::Officer),
        "9876",
    )
    .unwrap();
    let officer = handlers::sign_in(&mut office.ctx(None), "責任 者", "9876").unwrap();
    handlers::add(
        &mut office.ctx(Some(&officer)),
        person("管理 者", HandlerRole::Manager),
        "5555",
    )
    .unwrap();
    handlers::add(
        &mut office.ctx(Some(&officer)),
        person("従事 者", HandlerRole::Staff),
        "4444",
    )
    .unwrap();
    let staff = handlers::sign_in(&mut office.ctx(None), "従事 者", "4444").unwrap();
    let manager = handlers::sign_in(&mut office.ctx(None), "管理 者", "5555").unwrap();
    let by_staff = handlers::add(
        &mut office.ctx(Some(&staff)),
        person("勝手 追加", HandlerRole::Staff),
        "0000",
    );
    assert_eq!(
        by_staff.unwrap_err().code(),
        "auth.not_permitted",
        "only the officer keeps the roster"
    );

    let nobody = office.export(None).unwrap_err();
    assert!(nobody.starts_with("auth.sign_in_required"), "{nobody}");
    let staff_export = office.export(Some(&staff)).unwrap_err();
    assert!(
        staff_export.starts_with("auth.not_permitted") && staff_export.contains("情報取扱管理者以上"),
        "the refusal says who may: {staff_export}"
    );
    office.export(Some(&manager)).expect("a manager exports");
    office.export(Some(&officer)).expect("the officer exports");

    let seen_by_staff = handlers::list(&office.ctx(Some(&staff))).unwrap();
    assert!(
        seen_by_staff.iter().all(|h| h.details.home_address.is_empty()),
        "sensitive columns hidden"
    );
    let seen_by_officer = handlers::list(&office.ctx(Some(&officer))).unwrap();
    assert!(seen_by_officer
        .iter()
        .all(|h| h.details.home_address == "仙台市青葉区"));
}

#[test]
fn a_wrong_pin_is_refused_logged_and_slowed_and_no_pin_is_kept_in_clear() {
    let mut office = Office::new();
    handlers::add(
        &mut office.ctx(None),
        person("責任 者", HandlerRole::Officer),
        "7319",
    )
    .unwrap();
    for attempt in 1..=3 {
        let wrong = handlers::sign_in(&mut office.ctx(None), "責任 者", "0000").unwrap_err();
        assert_eq!(wrong.code(), "auth.sign_in_refused", "wrong PIN {attempt}");
    }
    let unknown = handlers::sign_in(&mut office.ctx(None), "知らない 人", "7319").unwrap_err();
    assert_eq!(
        unknown.code(),
        "auth.sign_in_refused",
        "an unknown name reads the same"
    );
    // After three wrong PINs in a row the next try waits, even with the right PIN.
    let waiting = handlers::sign_in(&mut office.ctx(None), "責任 者", "7319").unwrap_err();
    assert_eq!(waiting.code(), "auth.wait");
    office.at += Duration::seconds(6);
    let signed = handlers::sign_in(&mut office.ctx(None), "責任 者", "7319").unwrap();
    assert_eq!(signed.role, HandlerRole::Officer);

    let log = tsudoi_app::privacy::log(&office.ctx(None), 20).unwrap();
    let failures = log
        .iter()
        .filter(|e| e.action == AuditAction::SignInFailed)
        .count();
    assert_eq!(
        failures, 5,
        "every wrong PIN, unknown name and try while waiting is logged"
    );

    // The database and its write-ahead log, as they are on the disk.
    let mut raw = std::fs::read(office.dir.path().join("tsudoi.sqlite3")).unwrap();
    raw.extend(std::fs::read(office.dir.path().join("tsudoi.sqlite3-wal")).unwrap_or_default());
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("$argon2id$"), "the PIN is kept as an argon2id hash");
    assert!(!text.contains("7319"), "and never in clear");
}

#[test]
fn a_role_change_is_logged_and_the_last_officer_stays() {
    let mut office = Office::new();
    let chief = handlers::add(
        &mut office.ctx(None),
        person("責任 者", HandlerRole::Officer),
        "9876",
    )
    .unwrap();
    let officer = handlers::sign_in(&mut office.ctx(None), "責任 者", "9876").unwrap();
    let staff = handlers::add(
        &mut office.ctx(Some(&officer)),
        person("従事 者", HandlerRole::Staff),
        "4444",
    )
    .unwrap();

    let promoted = handlers::update(
        &mut office.ctx(Some(&officer)),
        staff.id,
        HandlerDraft {
            role: HandlerRole::Manager,
            passport_number: "TK1234567".into(),
            ..staff.details.clone()
        },
        true,
    )
    .unwrap();
    assert_eq!(promoted.details.role, HandlerRole::Manager);
    let log = tsudoi_app::privacy::log(&office.ctx(None), 5).unwrap();
    assert_eq!(log[0].action, AuditAction::HandlerChange);
    assert!(
        log[0].detail.contains("role: staff → manager"),
        "{}",
        log[0].detail
    );
    assert!(
        !log[0].detail.contains("TK1234567"),
        "sensitive values never go into the log"
    );

    let leaving = handlers::update(
        &mut office.ctx(Some(&officer)),
        chief.id,
        chief.details.clone(),
        false,
    );
    assert_eq!(
        leaving.unwrap_err().code(),
        "store.last_officer",
        "the roster keeps its officer"
    );
    let by_manager = handlers::sign_in(&mut office.ctx(None), "従事 者", "4444").unwrap();
    let refused = handlers::update(
        &mut office.ctx(Some(&by_manager)),
        chief.id,
        chief.details.clone(),
        true,
    );
    assert_eq!(
        refused.unwrap_err().code(),
        "auth.not_permitted",
        "only the officer changes the roster"
    );
}

#[test]
fn the_desk_and_the_minutes_need_someone_on_the_roster_once_it_exists() {
    use tsudoi_app::desk::{self, DeskChoice, DoorInput};
    let mut office = Office::new();
    let event = office.event;
    let walk_in = |office: &mut Office, who: Option<&SignedIn>, name: &str| {
        desk::walk_in(
            &mut office.ctx(who),
            event,
            tsudoi_core::AttendeeDraft::new(name),
            None,
            &DeskChoice::default(),
        )
        .map(|_| ())
        .map_err(|e| e.code().to_string())
    };
    walk_in(&mut office, None, "当日 一").expect("no roster: the desk works as before");
    handlers::add(
        &mut office.ctx(None),
        person("責任 者", HandlerRole::Officer),
        "9876",
    )
    .unwrap();
    handlers::add(
        &mut office.ctx(Some(&SignedIn {
            name: "責任 者".into(),
            role: HandlerRole::Officer,
        })),
        person("従事 者", HandlerRole::Staff),
        "4444",
    )
    .unwrap();
    assert_eq!(
        walk_in(&mut office, None, "当日 二").unwrap_err(),
        "auth.sign_in_required"
    );
    let search = tsudoi_app::attendees::desk_search(&office.ctx(None), event, "当日");
    assert_eq!(
        search.unwrap_err().code(),
        "auth.sign_in_required",
        "no one is shown unsigned"
    );
    let scan = desk::door(
        &mut office.ctx(None),
        event,
        DoorInput {
            direction: tsudoi_core::Direction::Entry,
            method: tsudoi_core::DoorMethod::Qr,
            code: Some("AAAAAAAAAAAAAAAAA".into()),
            attendee_id: None,
            override_reason: None,
            seat: None,
        },
        &DeskChoice::default(),
    );
    assert_eq!(scan.unwrap_err().code(), "auth.sign_in_required");

    let staff = handlers::sign_in(&mut office.ctx(None), "従事 者", "4444").unwrap();
    walk_in(&mut office, Some(&staff), "当日 二").expect("any handler runs the desk");
    let found = tsudoi_app::attendees::desk_search(&office.ctx(Some(&staff)), event, "当日").unwrap();
    assert_eq!(found.len(), 2);
    let attempts = desk::attempts(&office.ctx(Some(&staff)), event, 10).unwrap();
    assert!(
        attempts.iter().any(|a| a.operator == "従事 者"),
        "the door attempt names the signed-in person"
    );
}

//! The files of the event day on a real database: the attendance file says who attended, where
//! and in which seat, and holds the people the event counts unless asked for the others; people
//! on the waiting list get no ticket until they move up.

use chrono::{FixedOffset, TimeZone, Utc};
use tsudoi_app::desk::{door, DeskChoice, DoorInput};
use tsudoi_app::exchange::{export_attendance, export_tickets, ExportFormat, ExportRequest};
use tsudoi_app::output::Replace;
use tsudoi_app::{attendees, Clock, Ctx, Database};
use tsudoi_core::{
    AttendanceMode, AttendeeDraft, AttendeeStatus, Direction, DoorMethod, EventDraft, EventId, Lang,
};
use tsudoi_exchange::export::CsvEncoding;

fn clock() -> Clock {
    Clock::fixed(
        Utc.with_ymd_and_hms(2026, 7, 25, 4, 30, 0).unwrap(),
        FixedOffset::east_opt(9 * 3600).unwrap(),
    )
}

struct Day {
    dir: tempfile::TempDir,
    db: Database,
    event: EventId,
}

impl Day {
    fn ctx(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.db, Lang::Ja, clock()).acting_as(Some("佐藤"))
    }

    fn add(&mut self, name: &str, mode: AttendanceMode) -> tsudoi_core::Attendee {
        let event = self.event;
        let draft = AttendeeDraft {
            mode,
            ..AttendeeDraft::new(name)
        };
        attendees::add(&mut self.ctx(), event, draft).unwrap()
    }

    fn scan(&mut self, person: &tsudoi_core::Attendee) {
        let event = self.event;
        let input = DoorInput {
            direction: Direction::Entry,
            method: DoorMethod::Qr,
            code: person.ticket.as_ref().map(|t| t.as_str().to_string()),
            attendee_id: None,
            override_reason: None,
            seat: None,
        };
        let answer = door(&mut self.ctx(), event, input, &DeskChoice::default()).unwrap();
        assert!(
            answer.verdict.passed,
            "{} passes: {}",
            person.details.name, answer.verdict.title
        );
    }

    fn csv(&mut self, include_not_attending: bool) -> String {
        let path = self.dir.path().join(format!("出欠-{include_not_attending}.csv"));
        let event = self.event;
        let request = ExportRequest {
            format: Some(ExportFormat::Csv),
            encoding: CsvEncoding::Utf8,
            include_contact: false,
            substitute_unencodable: false,
            replace: false,
            include_not_attending,
        };
        export_attendance(&mut self.ctx(), event, &path, &request).unwrap();
        std::fs::read_to_string(path).unwrap()
    }
}

fn day() -> Day {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 7, 25).unwrap();
    let mut ctx = Ctx::new(&mut db, Lang::Ja, clock());
    let event = tsudoi_app::events::create(
        &mut ctx,
        EventDraft {
            capacity: 3,
            ..EventDraft::new("第1回 交流会", date)
        },
    )
    .unwrap()
    .id;
    tsudoi_app::seating::set_seat_plan(&mut ctx, event, Some("A:5"), None).unwrap();
    Day { dir, db, event }
}

#[test]
fn the_attendance_file_says_who_attended_where_and_in_which_seat() {
    let mut d = day();
    let came = d.add("来た 人", AttendanceMode::Venue);
    let online_came = d.add("遠方 から来た", AttendanceMode::Online);
    let _absent = d.add("来ない 人", AttendanceMode::Venue);
    let cancelled = d.add("取消 人", AttendanceMode::Venue);
    let _waiting = d.add("待ち 人", AttendanceMode::Venue);
    let _also_waiting = d.add("待ち 二", AttendanceMode::Venue);
    attendees::update_with(&mut d.ctx(), cancelled.id, |draft| {
        Ok(AttendeeDraft {
            status: AttendeeStatus::Cancelled,
            ..draft
        })
    })
    .unwrap();
    d.scan(&came);
    d.scan(&online_came);

    let counted = d.csv(false);
    let header = counted.lines().next().unwrap();
    for column in ["座席", "参加方法（申込）", "参加方法（当日）", "出席"] {
        assert!(header.contains(column), "{column} in {header}");
    }
    let line_of = |text: &str, name: &str| text.lines().find(|l| l.contains(name)).map(str::to_string);
    let came_line = line_of(&counted, "来た 人").unwrap();
    assert!(
        came_line.contains("A-1") && came_line.contains("○"),
        "{came_line}"
    );
    let online_line = line_of(&counted, "遠方 から来た").unwrap();
    assert!(
        online_line.contains("オンライン,会場"),
        "registered online, attended at the venue: {online_line}"
    );
    assert!(
        line_of(&counted, "来ない 人").is_some(),
        "a registration that stands is counted"
    );
    assert!(
        line_of(&counted, "取消 人").is_none(),
        "a cancellation is not in the count"
    );
    assert!(
        line_of(&counted, "待ち 人").is_some(),
        "the cancellation gave the first person waiting a place"
    );
    assert!(
        line_of(&counted, "待ち 二").is_none(),
        "nor are people still waiting"
    );

    let everyone = d.csv(true);
    assert!(line_of(&everyone, "取消 人").is_some() && line_of(&everyone, "待ち 二").is_some());
}

#[test]
fn people_on_the_waiting_list_get_no_ticket_until_they_move_up() {
    let mut d = day();
    for name in ["一", "二", "三", "四 待ち"] {
        d.add(name, AttendanceMode::Venue);
    }
    let event = d.event;
    let dir = d.dir.path().join("受付票");
    let done = export_tickets(&mut d.ctx(), event, &dir, Replace(false)).unwrap();
    assert_eq!((done.n_tickets, done.n_waiting_without_ticket), (3, 1));
}

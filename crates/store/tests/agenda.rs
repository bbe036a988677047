//! The programme and the minutes against a real SQLite file.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use tsudoi_core::agenda::{
    AgendaItemDraft, AgendaKind, ItemPlace, MinutesField, ScheduleIssue, SpeakerDraft,
};
use tsudoi_core::{EventDraft, EventId};
use tsudoi_store::{Store, StoreError};

fn t(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap()
}

fn item(start: &str, end: &str, title: &str) -> AgendaItemDraft {
    AgendaItemDraft {
        starts_at: t(start),
        ends_at: t(end),
        kind: AgendaKind::Talk,
        title: title.into(),
        place: ItemPlace::Hybrid,
        speaker_ids: vec![],
        moderator_id: None,
        notes: String::new(),
    }
}

fn event(store: &mut Store) -> EventId {
    let now = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
    let draft = EventDraft {
        start_time: Some(t("13:30")),
        end_time: Some(t("17:00")),
        ..EventDraft::new("第1回", NaiveDate::from_ymd_opt(2026, 7, 25).unwrap())
    };
    store.create_event(draft, now).unwrap().id
}

#[test]
fn order_timing_checks_and_speakers_reused_across_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
    let first = event(&mut store);
    let second = event(&mut store);
    let speaker = store
        .add_speaker(
            SpeakerDraft {
                name: "山田　太郎".into(),
                kana: "やまだ たろう".into(),
                ..SpeakerDraft::default()
            },
            now,
        )
        .unwrap();
    assert_eq!(speaker.details.name, "山田 太郎");
    assert_eq!(speaker.details.kana, "ヤマダ タロウ");
    let a = store
        .add_agenda_item(first, item("13:30", "13:40", "開会"), now)
        .unwrap();
    let b = store
        .add_agenda_item(
            first,
            AgendaItemDraft {
                speaker_ids: vec![speaker.id],
                ..item("13:35", "14:35", "基調講演")
            },
            now,
        )
        .unwrap();
    let c = store
        .add_agenda_item(first, item("14:45", "15:00", "休憩"), now)
        .unwrap();
    store
        .add_agenda_item(
            second,
            AgendaItemDraft {
                speaker_ids: vec![speaker.id],
                ..item("13:30", "14:30", "講演")
            },
            now,
        )
        .unwrap();
    assert_eq!(
        b.speakers[0].details.name, "山田 太郎",
        "the same speaker record in both events"
    );
    let issues = store.schedule_issues(first).unwrap();
    assert!(issues.contains(&ScheduleIssue::Overlap {
        item: b.id,
        previous: a.id,
        minutes: 5
    }));
    assert!(issues.contains(&ScheduleIssue::Gap {
        item: c.id,
        previous: b.id,
        minutes: 10
    }));
    assert!(issues.contains(&ScheduleIssue::ShortOfEvent { minutes: 120 }));

    let moved = store.move_agenda_item(c.id, 0, now).unwrap();
    let order: Vec<_> = moved
        .iter()
        .map(|i| (i.details.title.as_str(), i.details.starts_at, i.details.ends_at))
        .collect();
    assert_eq!(
        order,
        [
            ("休憩", t("13:30"), t("13:45")),
            ("開会", t("13:45"), t("13:55")),
            ("基調講演", t("13:55"), t("14:55"))
        ],
        "each item keeps its length; the programme starts when it did"
    );
    assert_eq!(moved.iter().map(|i| i.position).collect::<Vec<_>>(), [0, 1, 2]);

    store
        .save_minutes_text(b.id, MinutesField::Decisions, "次回は10月", now)
        .unwrap();
    assert!(
        matches!(
            store.delete_agenda_item(b.id),
            Err(StoreError::AgendaItemHasMinutes(_))
        ),
        "minutes are never lost with an item"
    );
    store.delete_agenda_item(c.id).unwrap();
    assert_eq!(
        store
            .agenda(first)
            .unwrap()
            .iter()
            .map(|i| i.position)
            .collect::<Vec<_>>(),
        [0, 1]
    );
}

#[test]
fn notes_are_saved_as_typed_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tsudoi.sqlite3");
    let now = Utc.with_ymd_and_hms(2026, 7, 25, 5, 0, 0).unwrap();
    let (item, note) = {
        let mut store = Store::open(&path).unwrap();
        let event = event(&mut store);
        let item = store
            .add_agenda_item(event, item("13:30", "14:30", "基調講演"), now)
            .unwrap()
            .id;
        let note = store.save_note(item, None, "事業承継は", now).unwrap().unwrap();
        store
            .save_note(item, Some(note.id), "事業承継は十年がかり", now)
            .unwrap();
        store
            .save_minutes_text(item, MinutesField::TalkSummary, "概要の途中", now)
            .unwrap();
        // Dropped without closing, as a crash would.
        std::mem::forget(store);
        (item, note)
    };
    let store = Store::open(&path).unwrap();
    let event = store.agenda_item(item).unwrap().event_id;
    let minutes = store.minutes(event).unwrap();
    assert_eq!(minutes[0].notes.len(), 1);
    assert_eq!(minutes[0].notes[0].id, note.id);
    assert_eq!(minutes[0].notes[0].text, "事業承継は十年がかり");
    assert_eq!(minutes[0].text.talk_summary, "概要の途中");
}

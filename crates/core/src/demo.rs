//! The demo project: this year's two gatherings with realistic registrations, offered on the first
//! start so that a newcomer sees a working event before typing anything. The people are invented;
//! their addresses use the reserved `.example` domain.

use serde::Deserialize;

use crate::agenda::{AgendaKind, ItemPlace, SpeakerDraft};
use crate::attendee::AttendeeDraft;
use crate::event::EventDraft;

const DEMO_JSON: &str = include_str!("../../../assets/demo/atotsugi-2026.json");

/// One demo event, the people registered for it and its programme.
#[derive(Debug, Clone, Deserialize)]
pub struct DemoEvent {
    pub event: EventDraft,
    pub attendees: Vec<AttendeeDraft>,
    #[serde(default)]
    pub agenda: Vec<DemoAgendaItem>,
}

/// An item of a demo programme; its speakers are records (the same name in two events is one
/// speaker).
#[derive(Debug, Clone, Deserialize)]
pub struct DemoAgendaItem {
    #[serde(with = "crate::time_format::hhmm")]
    pub starts_at: chrono::NaiveTime,
    #[serde(with = "crate::time_format::hhmm")]
    pub ends_at: chrono::NaiveTime,
    pub kind: AgendaKind,
    pub title: String,
    pub place: ItemPlace,
    pub speakers: Vec<SpeakerDraft>,
    #[serde(default)]
    pub moderator: Option<SpeakerDraft>,
    #[serde(default)]
    pub notes: String,
    /// The talk's summary in the minutes (講演概要), so that the demo's report reads as one.
    #[serde(default)]
    pub talk_summary: String,
}

/// The demo project's record (事業): what the report's cover shows.
pub struct DemoProject {
    pub title: &'static str,
    pub contract_number: &'static str,
    pub bureau_section: &'static str,
    pub contractor: &'static str,
    pub period: (&'static str, &'static str),
}

pub const DEMO_PROJECT: DemoProject = DemoProject {
    title: "令和8年度 東北地域アトツギ支援ネットワーク構築事業",
    contract_number: "東北経済産業局 第2026-0417号",
    bureau_section: "東北経済産業局 産業部 中小企業課",
    contractor: "株式会社つどいデモ",
    period: ("2026-05-01", "2027-03-15"),
};

/// The organizer's texts of the demo's report: the outline, the aims and the measures needed.
pub fn demo_report_texts() -> [(crate::report::ReportSection, &'static str); 3] {
    use crate::report::ReportSection;
    [
        (
            ReportSection::Outline,
            "東北6県の中小企業の後継者（アトツギ）と、その支援者・先輩経営者が出会い、学び合う場として交流会を2回開催した。\n各回とも会場とオンラインのハイブリッドで行い、講演、パネルディスカッション、グループワークと交流会を組み合わせた。",
        ),
        (
            ReportSection::Aims,
            "アトツギが承継の前後に抱える課題を共有し、地域の支援機関との関係をつくること。\n新事業に取り組むアトツギを増やし、アトツギ甲子園への応募につなげること。",
        ),
        (
            ReportSection::Measures,
            "相談の入口を一つにまとめ、商工会・金融機関・士業が情報を共有する仕組みが必要である。\n承継計画を早く書き始めるための伴走支援と、新事業を小さく試す資金の手当てを検討すべきである。",
        ),
    ]
}

/// The demo events, in date order.
pub fn demo_events() -> Result<Vec<DemoEvent>, serde_json::Error> {
    serde_json::from_str(DEMO_JSON)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendee::{AttendanceMode, Category, RegistrationSource};

    #[test]
    fn the_demo_is_valid_and_realistic() {
        let events = demo_events().expect("the demo JSON parses");
        assert_eq!(events.len(), 2, "the project's two gatherings");
        assert!(events[0].event.date < events[1].event.date);
        let first = &events[0];
        assert!((70..=90).contains(&first.attendees.len()), "about 80 attendees");
        for demo in &events {
            demo.event
                .clone()
                .normalized()
                .expect("every demo event is valid");
            let hours = (
                demo.event.start_time.expect("a start"),
                demo.event.end_time.expect("an end"),
            );
            let items: Vec<crate::agenda::AgendaItem> = demo
                .agenda
                .iter()
                .enumerate()
                .map(|(i, item)| crate::agenda::AgendaItem {
                    id: crate::agenda::AgendaItemId(i as i64),
                    event_id: crate::event::EventId(1),
                    position: i as u32,
                    details: crate::agenda::AgendaItemDraft {
                        starts_at: item.starts_at,
                        ends_at: item.ends_at,
                        kind: item.kind,
                        title: item.title.clone(),
                        place: item.place,
                        speaker_ids: vec![],
                        moderator_id: None,
                        notes: item.notes.clone(),
                    },
                    speakers: vec![],
                    moderator: None,
                })
                .collect();
            assert!(items.len() >= 5, "a full programme");
            assert_eq!(
                crate::agenda::check_schedule(&items, Some(hours)),
                [],
                "the demo programme fills the event's hours without overlaps or gaps"
            );
            for person in &demo.attendees {
                let stored = person.clone().normalized().expect("every demo attendee is valid");
                assert_eq!(stored.source, RegistrationSource::Demo);
                assert!(!stored.kana.is_empty(), "{} has a kana reading", stored.name);
                assert!(
                    stored.email.ends_with(".example"),
                    "{} has a reserved address",
                    stored.name
                );
            }
            for category in Category::ALL.iter().filter(|c| **c != Category::Other) {
                assert!(
                    demo.attendees.iter().any(|a| a.category == *category),
                    "{category:?} appears"
                );
            }
            assert!(demo.attendees.iter().any(|a| a.mode == AttendanceMode::Online));
            let venue = demo
                .attendees
                .iter()
                .filter(|a| a.mode == AttendanceMode::Venue)
                .count();
            assert!(
                venue <= demo.event.capacity as usize,
                "the demo venue is not over capacity"
            );
        }
    }
}

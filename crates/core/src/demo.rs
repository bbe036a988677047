//! The demo project: this year's two gatherings with realistic registrations, offered on the first
//! start so that a newcomer sees a working event before typing anything. The people are invented;
//! their addresses use the reserved `.example` domain.

use serde::Deserialize;

use crate::attendee::AttendeeDraft;
use crate::event::EventDraft;

const DEMO_JSON: &str = include_str!("../../../assets/demo/atotsugi-2026.json");

/// One demo event and the people registered for it.
#[derive(Debug, Clone, Deserialize)]
pub struct DemoEvent {
    pub event: EventDraft,
    pub attendees: Vec<AttendeeDraft>,
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

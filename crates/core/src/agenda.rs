//! The programme (次第) of an event, its speakers (登壇者), the minutes (議事録) kept per item, and
//! the photos that prove what happened. Rules only: which items overlap or leave a gap, how a
//! reordered programme is re-timed, which item was running when a photo was taken.

use chrono::{DateTime, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::event::EventId;
use crate::limits;
use crate::text::{normalize_display, normalize_kana};

choice_enum! {
    /// What an item of the programme is.
    pub enum AgendaKind as "kind" {
        Opening = "opening", "開会", "Opening";
        Keynote = "keynote", "基調講演", "Keynote";
        Panel = "panel", "パネルディスカッション", "Panel discussion";
        #[default]
        Talk = "talk", "講演", "Talk";
        Networking = "networking", "交流会", "Networking";
        Break = "break", "休憩", "Break";
        GroupWork = "group_work", "グループワーク", "Group work";
        Closing = "closing", "閉会", "Closing";
    }
}

impl AgendaKind {
    /// Whether the item is a talk whose summary the minutes keep and the project report prints
    /// (a keynote, a talk, a panel); greetings, breaks and group work are not summarised.
    pub fn is_talk(self) -> bool {
        matches!(self, AgendaKind::Keynote | AgendaKind::Talk | AgendaKind::Panel)
    }
}

choice_enum! {
    /// Where an item happens.
    pub enum ItemPlace as "place" {
        #[default]
        Hybrid = "hybrid", "会場＋オンライン", "Venue + online";
        Venue = "venue", "会場のみ", "Venue only";
        Online = "online", "オンラインのみ", "Online only";
    }
}

/// The database identity of a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct SpeakerId(pub i64);

/// A person on the programme, kept across events (the same keynote speaker in both gatherings).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct SpeakerDraft {
    pub name: String,
    pub kana: String,
    pub organization: String,
    pub title: String,
    /// A short biography for the programme (講師略歴).
    pub biography: String,
    /// How to reach the person: email or phone, as the organizer keeps it.
    pub contact: String,
}

impl SpeakerDraft {
    /// A name, and every field within its limit ([`crate::limits`]).
    pub fn normalized(self) -> Result<SpeakerDraft, ValidationError> {
        let name = normalize_display(&self.name);
        if name.is_empty() {
            return Err(ValidationError::EmptyName);
        }
        let draft = SpeakerDraft {
            name,
            kana: normalize_kana(&self.kana),
            organization: normalize_display(&self.organization),
            title: normalize_display(&self.title),
            biography: self.biography.trim().to_string(),
            contact: self.contact.trim().to_string(),
        };
        limits::NAME.check(&draft.name)?;
        limits::KANA.check(&draft.kana)?;
        limits::ORGANIZATION.check(&draft.organization)?;
        limits::POSITION.check(&draft.title)?;
        limits::BIOGRAPHY.check(&draft.biography)?;
        limits::CONTACT.check(&draft.contact)?;
        Ok(draft)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Speaker {
    pub id: SpeakerId,
    #[serde(flatten)]
    pub details: SpeakerDraft,
}

/// The database identity of an agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct AgendaItemId(pub i64);

/// What an organizer enters for an item of the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaItemDraft {
    #[serde(with = "crate::time_format::hhmm")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub starts_at: NaiveTime,
    #[serde(with = "crate::time_format::hhmm")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub ends_at: NaiveTime,
    pub kind: AgendaKind,
    pub title: String,
    pub place: ItemPlace,
    /// In the order they are introduced.
    #[serde(default)]
    pub speaker_ids: Vec<SpeakerId>,
    #[serde(default)]
    pub moderator_id: Option<SpeakerId>,
    #[serde(default)]
    pub notes: String,
}

impl AgendaItemDraft {
    /// A title, an end after the start (items do not run past midnight), and the title and notes
    /// within their limits ([`crate::limits`]).
    pub fn normalized(self) -> Result<AgendaItemDraft, ValidationError> {
        let title = normalize_display(&self.title);
        if title.is_empty() {
            return Err(ValidationError::EmptyTitle);
        }
        if self.ends_at <= self.starts_at {
            return Err(ValidationError::EndNotAfterStart {
                start: self.starts_at.format("%H:%M").to_string(),
                end: self.ends_at.format("%H:%M").to_string(),
            });
        }
        limits::TITLE.check(&title)?;
        let notes = self.notes.trim().to_string();
        limits::NOTES.check(&notes)?;
        let mut speaker_ids = Vec::new();
        for id in self.speaker_ids {
            if !speaker_ids.contains(&id) {
                speaker_ids.push(id);
            }
        }
        Ok(AgendaItemDraft {
            title,
            notes,
            speaker_ids,
            ..self
        })
    }

    pub fn minutes(&self) -> u32 {
        minutes_between(self.starts_at, self.ends_at)
    }
}

/// A stored item, with its speakers and moderator as records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub event_id: EventId,
    /// Its place in the programme, from 0.
    pub position: u32,
    #[serde(flatten)]
    pub details: AgendaItemDraft,
    pub speakers: Vec<Speaker>,
    pub moderator: Option<Speaker>,
}

fn minutes_between(start: NaiveTime, end: NaiveTime) -> u32 {
    let to_minutes = |t: NaiveTime| t.hour() * 60 + t.minute();
    to_minutes(end).saturating_sub(to_minutes(start))
}

/// Something about the programme's timing a person should look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScheduleIssue {
    /// The item starts before the one before it ends.
    Overlap {
        item: AgendaItemId,
        previous: AgendaItemId,
        minutes: u32,
    },
    /// Time with nothing planned between two items.
    Gap {
        item: AgendaItemId,
        previous: AgendaItemId,
        minutes: u32,
    },
    /// The item starts before the event does.
    BeforeEvent { item: AgendaItemId, minutes: u32 },
    /// The item ends after the event does.
    AfterEvent { item: AgendaItemId, minutes: u32 },
    /// The programme starts later or ends earlier than the event's hours.
    ShortOfEvent { minutes: u32 },
}

/// The programme's timing checked item by item in programme order, and as a whole against the
/// event's hours (when the event has them).
pub fn check_schedule(
    items: &[AgendaItem],
    event_hours: Option<(NaiveTime, NaiveTime)>,
) -> Vec<ScheduleIssue> {
    let mut issues = Vec::new();
    for pair in items.windows(2) {
        let (previous, item) = (&pair[0], &pair[1]);
        let (end, start) = (previous.details.ends_at, item.details.starts_at);
        if start < end {
            issues.push(ScheduleIssue::Overlap {
                item: item.id,
                previous: previous.id,
                minutes: minutes_between(start, end),
            });
        } else if start > end {
            issues.push(ScheduleIssue::Gap {
                item: item.id,
                previous: previous.id,
                minutes: minutes_between(end, start),
            });
        }
    }
    if let (Some((open, close)), Some(first), Some(last)) = (event_hours, items.first(), items.last()) {
        for item in items {
            if item.details.starts_at < open {
                issues.push(ScheduleIssue::BeforeEvent {
                    item: item.id,
                    minutes: minutes_between(item.details.starts_at, open),
                });
            }
            if item.details.ends_at > close {
                issues.push(ScheduleIssue::AfterEvent {
                    item: item.id,
                    minutes: minutes_between(close, item.details.ends_at),
                });
            }
        }
        let short = minutes_between(open, first.details.starts_at.max(open))
            + minutes_between(last.details.ends_at.min(close), close);
        if short > 0 {
            issues.push(ScheduleIssue::ShortOfEvent { minutes: short });
        }
    }
    issues
}

/// Start and end times for items in a new order: each keeps its length, the first starts when
/// the first of the old order did, and each next one starts when the one before ends.
pub fn reflow(durations: &[u32], start: NaiveTime) -> Vec<(NaiveTime, NaiveTime)> {
    let mut at = start;
    durations
        .iter()
        .map(|minutes| {
            let end = at
                .overflowing_add_signed(chrono::Duration::minutes(i64::from(*minutes)))
                .0
                .max(at);
            let slot = (at, end);
            at = end;
            slot
        })
        .collect()
}

/// The item that was running at a moment of the event's day (a photo's time): the last item
/// that had started and not yet ended; at an item's end the next one counts.
pub fn item_running_at(items: &[AgendaItem], time: NaiveTime) -> Option<AgendaItemId> {
    items
        .iter()
        .filter(|item| item.details.starts_at <= time && time < item.details.ends_at)
        .max_by_key(|item| item.details.starts_at)
        .map(|item| item.id)
}

/// The database identity of a note in the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct NoteId(pub i64);

/// A timestamped note a note-taker wrote during an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MinutesNote {
    pub id: NoteId,
    pub agenda_item_id: AgendaItemId,
    /// When the note was begun.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    pub text: String,
}

/// The minutes of one item: the running notes, and what the report needs from it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ItemMinutesText {
    /// 講演概要: the summary of a talk.
    pub talk_summary: String,
    pub decisions: String,
    pub follow_ups: String,
}

/// Which of an item's texts a keystroke changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MinutesField {
    TalkSummary,
    Decisions,
    FollowUps,
}

/// The database identity of a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct PhotoId(pub i64);

/// A photo of the event, stored once under its content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Photo {
    pub id: PhotoId,
    pub event_id: EventId,
    /// SHA-256 of the original file, hex: the same photo twice is one photo.
    pub sha256: String,
    pub original_name: String,
    pub media_type: String,
    pub width: u32,
    pub height: u32,
    /// When the camera says it was taken (EXIF, the camera's local time), else when it was added.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub taken_at: Option<NaiveDateTime>,
    pub agenda_item_id: Option<AgendaItemId>,
    /// Moved to its item by a person (a later change of the programme does not move it back).
    pub placed_by_hand: bool,
    pub caption: String,
    /// The people in it agreed that it may appear in the public report (default: no).
    pub public_ok: bool,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub added_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> NaiveTime {
        NaiveTime::parse_from_str(text, "%H:%M").unwrap()
    }

    fn item(id: i64, start: &str, end: &str) -> AgendaItem {
        AgendaItem {
            id: AgendaItemId(id),
            event_id: EventId(1),
            position: id as u32,
            details: AgendaItemDraft {
                starts_at: t(start),
                ends_at: t(end),
                kind: AgendaKind::Talk,
                title: format!("item {id}"),
                place: ItemPlace::Hybrid,
                speaker_ids: vec![],
                moderator_id: None,
                notes: String::new(),
            },
            speakers: vec![],
            moderator: None,
        }
    }

    #[test]
    fn overlaps_gaps_and_the_event_hours_are_pointed_out() {
        let items = [
            item(1, "13:30", "13:40"),
            item(2, "13:35", "14:30"),
            item(3, "14:45", "17:10"),
        ];
        let issues = check_schedule(&items, Some((t("13:30"), t("17:00"))));
        assert_eq!(
            issues,
            [
                ScheduleIssue::Overlap {
                    item: AgendaItemId(2),
                    previous: AgendaItemId(1),
                    minutes: 5
                },
                ScheduleIssue::Gap {
                    item: AgendaItemId(3),
                    previous: AgendaItemId(2),
                    minutes: 15
                },
                ScheduleIssue::AfterEvent {
                    item: AgendaItemId(3),
                    minutes: 10
                },
            ]
        );
        let short = check_schedule(&[item(1, "14:00", "16:00")], Some((t("13:30"), t("17:00"))));
        assert_eq!(short, [ScheduleIssue::ShortOfEvent { minutes: 90 }]);
        assert!(check_schedule(&[item(1, "13:30", "17:00")], Some((t("13:30"), t("17:00")))).is_empty());
    }

    #[test]
    fn a_reordered_programme_keeps_each_length() {
        assert_eq!(
            reflow(&[60, 10, 30], t("13:30")),
            [
                (t("13:30"), t("14:30")),
                (t("14:30"), t("14:40")),
                (t("14:40"), t("15:10"))
            ]
        );
    }

    #[test]
    fn a_photo_belongs_to_the_item_running_when_it_was_taken() {
        let items = [item(1, "13:30", "14:00"), item(2, "14:00", "15:00")];
        assert_eq!(item_running_at(&items, t("13:59")), Some(AgendaItemId(1)));
        assert_eq!(
            item_running_at(&items, t("14:00")),
            Some(AgendaItemId(2)),
            "at the change, the next one"
        );
        assert_eq!(item_running_at(&items, t("15:30")), None);
    }

    #[test]
    fn an_item_needs_a_title_and_an_end_after_its_start() {
        let mut draft = item(1, "13:30", "13:30").details;
        assert!(matches!(
            draft.clone().normalized(),
            Err(ValidationError::EndNotAfterStart { .. })
        ));
        draft.ends_at = t("14:00");
        draft.title = "  ".into();
        assert_eq!(draft.clone().normalized(), Err(ValidationError::EmptyTitle));
        draft.title = "講演".into();
        draft.notes = "メモ".repeat(1_001);
        assert_eq!(
            draft.normalized(),
            Err(ValidationError::TooLong {
                limit: limits::NOTES,
                found: 2_002
            }),
            "notes beyond their limit are refused"
        );
    }

    #[test]
    fn a_speaker_needs_a_name_and_fields_within_their_limits() {
        let speaker = SpeakerDraft {
            name: "熊谷 一".into(),
            biography: "経歴".repeat(2_000),
            ..SpeakerDraft::default()
        };
        assert!(
            speaker.clone().normalized().is_ok(),
            "4,000 characters of biography fit"
        );
        let too_long = SpeakerDraft {
            biography: format!("{}。", speaker.biography),
            ..speaker
        };
        assert_eq!(
            too_long.normalized(),
            Err(ValidationError::TooLong {
                limit: limits::BIOGRAPHY,
                found: 4_001
            })
        );
    }
}

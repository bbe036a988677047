//! An event (回): one gathering of the project, at a venue, online, or both.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::limits;
use crate::text::normalize_display;
use crate::time_format::{format_hhmm, option_hhmm};

/// The contract asks for a venue that seats at least 70; it is the capacity a new event starts with.
pub const DEFAULT_CAPACITY: u32 = 70;

/// The database identity of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct EventId(pub i64);

impl std::fmt::Display for EventId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

choice_enum! {
    /// How an event is held.
    pub enum EventFormat as "format" {
        /// Venue and online at once: the project's gatherings.
        #[default]
        Hybrid = "hybrid", "ハイブリッド", "Hybrid";
        Venue = "venue", "会場のみ", "Venue only";
        Online = "online", "オンラインのみ", "Online only";
    }
}

impl EventFormat {
    /// Whether people sit in a room, so that the room's capacity applies.
    pub fn has_venue(self) -> bool {
        self != EventFormat::Online
    }
}

/// What a person enters to create or edit an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventDraft {
    pub title: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    #[serde(default, with = "option_hhmm")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub start_time: Option<NaiveTime>,
    #[serde(default, with = "option_hhmm")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub end_time: Option<NaiveTime>,
    #[serde(default)]
    pub venue_name: String,
    #[serde(default)]
    pub venue_address: String,
    /// In-person seats; online attendees never take one.
    #[serde(default = "default_capacity")]
    pub capacity: u32,
    #[serde(default)]
    pub online_url: String,
    #[serde(default)]
    pub format: EventFormat,
    /// Venue registrations accepted before new ones wait (some registered people never come, so
    /// an organizer may take more than the seats); none: the capacity.
    #[serde(default)]
    pub registration_limit: Option<u32>,
    /// From when people on the waiting list are let in at the door while there are places;
    /// none: the start time.
    #[serde(default, with = "option_hhmm")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub waitlist_opens_at: Option<NaiveTime>,
}

fn default_capacity() -> u32 {
    DEFAULT_CAPACITY
}

impl EventDraft {
    /// A hybrid event with the contract's default capacity and nothing else filled in.
    pub fn new(title: impl Into<String>, date: NaiveDate) -> EventDraft {
        EventDraft {
            title: title.into(),
            date,
            start_time: None,
            end_time: None,
            venue_name: String::new(),
            venue_address: String::new(),
            capacity: DEFAULT_CAPACITY,
            online_url: String::new(),
            format: EventFormat::Hybrid,
            registration_limit: None,
            waitlist_opens_at: None,
        }
    }

    /// Venue registrations taken before new ones wait: the registration limit, never below
    /// the seats.
    pub fn venue_registration_limit(&self) -> u32 {
        self.registration_limit
            .unwrap_or(self.capacity)
            .max(self.capacity)
    }

    /// From when people on the waiting list are let in at the door (the setting, else the start
    /// time); none when neither is known: then only an operator lets a waiting person in.
    pub fn waitlist_opens(&self) -> Option<chrono::NaiveDateTime> {
        self.waitlist_opens_at
            .or(self.start_time)
            .map(|time| self.date.and_time(time))
    }

    /// Returns the draft in its stored form, or the first rule it breaks.
    ///
    /// Rules: a title; an end after the start when both are given; a capacity of at least 1 when
    /// people meet at a venue; an online URL, when given, that is http(s); every field within its
    /// limit ([`crate::limits`]).
    pub fn normalized(self) -> Result<EventDraft, ValidationError> {
        let title = normalize_display(&self.title);
        if title.is_empty() {
            return Err(ValidationError::EmptyTitle);
        }
        if let (Some(start), Some(end)) = (self.start_time, self.end_time) {
            if end <= start {
                return Err(ValidationError::EndNotAfterStart {
                    start: format_hhmm(start),
                    end: format_hhmm(end),
                });
            }
        }
        if self.format.has_venue() && self.capacity == 0 {
            return Err(ValidationError::ZeroCapacity);
        }
        if let Some(limit) = self.registration_limit.filter(|limit| *limit < self.capacity) {
            return Err(ValidationError::LimitBelowCapacity {
                limit,
                capacity: self.capacity,
            });
        }
        let online_url = self.online_url.trim().to_string();
        let lower_url = online_url.to_ascii_lowercase();
        let is_web_address = lower_url.starts_with("https://") || lower_url.starts_with("http://");
        if !online_url.is_empty() && !is_web_address {
            return Err(ValidationError::BadUrl(online_url));
        }
        let draft = EventDraft {
            title,
            venue_name: normalize_display(&self.venue_name),
            venue_address: normalize_display(&self.venue_address),
            online_url,
            ..self
        };
        limits::TITLE.check(&draft.title)?;
        limits::VENUE_NAME.check(&draft.venue_name)?;
        limits::VENUE_ADDRESS.check(&draft.venue_address)?;
        limits::ONLINE_URL.check(&draft.online_url)?;
        Ok(draft)
    }
}

/// Parses a date as people and the CLI write it: `2026-07-25` or `2026/07/25`.
pub fn parse_date(value: &str) -> Result<NaiveDate, ValidationError> {
    let value = crate::text::narrow_digits(value);
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%Y/%m/%d"))
        .map_err(|_| ValidationError::BadDate(value.to_string()))
}

/// Parses a time of day such as `13:30`.
pub fn parse_time(value: &str) -> Result<NaiveTime, ValidationError> {
    crate::time_format::parse_hhmm(value).ok_or_else(|| ValidationError::BadTime(value.trim().to_string()))
}

/// An event as a form sends it: dates and times as the text typed, so that a slip gets a message
/// that says what to type rather than a decoding failure.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct EventForm {
    pub title: String,
    /// `YYYY-MM-DD` (or `YYYY/MM/DD`).
    pub date: String,
    /// `HH:MM`, or empty.
    pub start_time: String,
    /// `HH:MM`, or empty.
    pub end_time: String,
    pub venue_name: String,
    pub venue_address: String,
    pub capacity: u32,
    pub online_url: String,
    pub format: EventFormat,
    /// Digits, or empty for none (full-width digits read the same).
    pub registration_limit: String,
    /// `HH:MM`, or empty: the start time.
    pub waitlist_opens_at: String,
}

impl EventForm {
    /// Reads the typed text into a draft; [`EventDraft::normalized`] checks the rest.
    pub fn into_draft(self) -> Result<EventDraft, ValidationError> {
        let optional_time = |text: &str| {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                parse_time(text).map(Some)
            }
        };
        Ok(EventDraft {
            title: self.title,
            date: parse_date(&self.date)?,
            start_time: optional_time(&self.start_time)?,
            end_time: optional_time(&self.end_time)?,
            venue_name: self.venue_name,
            venue_address: self.venue_address,
            capacity: self.capacity,
            online_url: self.online_url,
            format: self.format,
            registration_limit: parse_optional_count(&self.registration_limit)?,
            waitlist_opens_at: optional_time(&self.waitlist_opens_at)?,
        })
    }
}

/// A count typed in a form: digits (full-width too, with thousands separators), or empty.
pub fn parse_optional_count(value: &str) -> Result<Option<u32>, ValidationError> {
    let text: String = crate::text::narrow_digits(value)
        .chars()
        .filter(|c| !matches!(c, ',' | ' '))
        .collect();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| ValidationError::BadNumber(value.trim().to_string()))
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Event {
    pub id: EventId,
    #[serde(flatten)]
    pub details: EventDraft,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> EventDraft {
        EventDraft::new("第1回 交流会", parse_date("2026-07-25").unwrap())
    }

    fn time(value: &str) -> Option<NaiveTime> {
        Some(parse_time(value).unwrap())
    }

    #[test]
    fn rules_of_an_event() {
        let cases: Vec<(&str, EventDraft, Result<(), ValidationError>)> = vec![
            ("a plain draft is valid", draft(), Ok(())),
            (
                "a blank title is refused",
                EventDraft {
                    title: " 　 ".into(),
                    ..draft()
                },
                Err(ValidationError::EmptyTitle),
            ),
            (
                "the end must come after the start",
                EventDraft {
                    start_time: time("17:00"),
                    end_time: time("13:30"),
                    ..draft()
                },
                Err(ValidationError::EndNotAfterStart {
                    start: "17:00".into(),
                    end: "13:30".into(),
                }),
            ),
            (
                "equal start and end are refused",
                EventDraft {
                    start_time: time("13:30"),
                    end_time: time("13:30"),
                    ..draft()
                },
                Err(ValidationError::EndNotAfterStart {
                    start: "13:30".into(),
                    end: "13:30".into(),
                }),
            ),
            (
                "a start alone is fine",
                EventDraft {
                    start_time: time("13:30"),
                    ..draft()
                },
                Ok(()),
            ),
            (
                "a venue needs seats",
                EventDraft {
                    capacity: 0,
                    ..draft()
                },
                Err(ValidationError::ZeroCapacity),
            ),
            (
                "an online-only event needs no seats",
                EventDraft {
                    capacity: 0,
                    format: EventFormat::Online,
                    ..draft()
                },
                Ok(()),
            ),
            (
                "the online URL must be http(s)",
                EventDraft {
                    online_url: "teams.example/meet".into(),
                    ..draft()
                },
                Err(ValidationError::BadUrl("teams.example/meet".into())),
            ),
            (
                "a title longer than its limit is refused",
                EventDraft {
                    title: "回".repeat(201),
                    ..draft()
                },
                Err(ValidationError::TooLong {
                    limit: limits::TITLE,
                    found: 201,
                }),
            ),
            (
                "so is a venue address",
                EventDraft {
                    venue_address: "丁目".repeat(151),
                    ..draft()
                },
                Err(ValidationError::TooLong {
                    limit: limits::VENUE_ADDRESS,
                    found: 302,
                }),
            ),
            (
                "an https URL is fine",
                EventDraft {
                    online_url: " https://teams.example/meet ".into(),
                    ..draft()
                },
                Ok(()),
            ),
        ];
        for (why, input, expected) in cases {
            assert_eq!(input.normalized().map(|_| ()), expected, "{why}");
        }
    }

    #[test]
    fn normalizing_tidies_the_text() {
        let tidy = EventDraft {
            title: "  第1回　アトツギ交流会 ".into(),
            venue_name: "仙台国際センター　会議棟".into(),
            online_url: " https://example.jp/m ".into(),
            ..draft()
        }
        .normalized()
        .unwrap();
        assert_eq!(tidy.title, "第1回 アトツギ交流会");
        assert_eq!(tidy.venue_name, "仙台国際センター 会議棟");
        assert_eq!(tidy.online_url, "https://example.jp/m");
    }

    #[test]
    fn a_form_with_typing_slips_says_what_to_type() {
        let form = EventForm {
            title: "回".into(),
            date: "2026-07-25".into(),
            start_time: "13:30".into(),
            capacity: 70,
            ..EventForm::default()
        };
        let draft = form.clone().into_draft().unwrap();
        assert_eq!(draft.start_time, time("13:30"));
        assert_eq!(draft.end_time, None, "an empty time is no time");
        let bad_date = EventForm {
            date: "7月25日".into(),
            ..form.clone()
        };
        assert_eq!(
            bad_date.into_draft(),
            Err(ValidationError::BadDate("7月25日".into()))
        );
        let bad_time = EventForm {
            end_time: "5pm".into(),
            ..form
        };
        assert_eq!(bad_time.into_draft(), Err(ValidationError::BadTime("5pm".into())));
    }

    #[test]
    fn dates_in_both_office_forms() {
        assert_eq!(parse_date("2026/07/25"), parse_date("2026-07-25"));
        assert_eq!(
            parse_date("25/07/2026"),
            Err(ValidationError::BadDate("25/07/2026".into()))
        );
    }

    #[test]
    fn formats_parse_by_identifier_or_japanese_label() {
        assert_eq!(EventFormat::parse("hybrid"), Ok(EventFormat::Hybrid));
        assert_eq!(EventFormat::parse("オンラインのみ"), Ok(EventFormat::Online));
        assert!(EventFormat::parse("zoom").is_err());
    }

    #[test]
    fn a_draft_travels_as_json_with_hhmm_times() {
        let draft = EventDraft {
            start_time: time("13:30"),
            ..draft()
        };
        let json = serde_json::to_value(&draft).unwrap();
        assert_eq!(json["start_time"], "13:30");
        assert_eq!(json["end_time"], serde_json::Value::Null);
        assert_eq!(json["date"], "2026-07-25");
        let back: EventDraft = serde_json::from_value(json).unwrap();
        assert_eq!(back, draft);
    }
}

//! An attendee (参加者): a person registered for one event.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::door::SeatZone;
use crate::error::ValidationError;
use crate::event::EventId;
use crate::limits;
use crate::text::{is_plausible_email, normalize_display, normalize_email, normalize_kana, normalize_phone};
use crate::ticket::TicketToken;

/// The database identity of an attendee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct AttendeeId(pub i64);

impl std::fmt::Display for AttendeeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

choice_enum! {
    /// Who a person is to the project (docs/GLOSSARY.md). The bureau counts the general public
    /// (everyone but stakeholders) apart from stakeholders.
    pub enum Category as "category" {
        /// A business successor or successor candidate: the main audience.
        #[default]
        Atotsugi = "atotsugi", "アトツギ", "Atotsugi (successor)";
        /// Chambers of commerce, 商工会, financial institutions, tax accountants and consultants.
        Supporter = "supporter", "支援者", "Supporter";
        /// An experienced owner who already took over.
        Senior = "senior", "先輩経営者", "Experienced owner";
        /// The bureau's staff, speakers, ambassadors, the organizer's staff, press.
        Stakeholder = "stakeholder", "関係者", "Stakeholder";
        Other = "other", "その他", "Other";
    }
}

choice_enum! {
    /// How a person attends.
    pub enum AttendanceMode as "mode" {
        #[default]
        Venue = "venue", "会場", "Venue";
        Online = "online", "オンライン", "Online";
    }
}

choice_enum! {
    /// Whether a registration stands.
    pub enum AttendeeStatus as "status" {
        #[default]
        Registered = "registered", "登録済み", "Registered";
        Cancelled = "cancelled", "キャンセル", "Cancelled";
    }
}

choice_enum! {
    /// Where a person stands on the day, for filtering the attendee list (the desk's counts
    /// use the same words).
    pub enum PresenceFilter as "presence" {
        /// Registered with a place and not checked in yet.
        #[default]
        NotCheckedIn = "not_checked_in", "未受付", "Not checked in";
        /// Passed the door at least once.
        CheckedIn = "checked_in", "受付済み", "Checked in";
        /// In the room now.
        InRoom = "in_room", "在室中", "In the room";
        /// On the waiting list.
        Waiting = "waiting", "キャンセル待ち", "Waiting list";
        Cancelled = "cancelled", "キャンセル", "Cancelled";
    }
}

choice_enum! {
    /// Why two registrations look like the same person.
    pub enum DuplicateReason as "duplicate_reason" {
        #[default]
        SameEmail = "same_email", "メールアドレスが同じ", "Same email address";
        SameName = "same_name", "氏名が同じ", "Same name";
        SameKana = "same_kana", "フリガナと所属が同じ", "Same reading and organisation";
    }
}

/// Whether `new` looks like the registration `existing` of the same person, and why: the same
/// email address, the same name (spaces and width ignored), or the same reading at the same
/// organisation. Names alone are a hint, not proof: the desk and the form offer the registered
/// person and warn; an organizer decides.
pub fn likely_duplicate(new: &AttendeeDraft, existing: &AttendeeDraft) -> Option<DuplicateReason> {
    use crate::text::{email_key, search_key};
    let same = |a: &str, b: &str| {
        let a = search_key(a);
        !a.is_empty() && a == search_key(b)
    };
    let new_email = email_key(&new.email);
    if !new_email.is_empty() && new_email == email_key(&existing.email) {
        Some(DuplicateReason::SameEmail)
    } else if same(&new.name, &existing.name) {
        Some(DuplicateReason::SameName)
    } else if same(&new.kana, &existing.kana) && same(&new.organization, &existing.organization) {
        Some(DuplicateReason::SameKana)
    } else {
        None
    }
}

choice_enum! {
    /// Where a registration came from.
    pub enum RegistrationSource as "source" {
        /// Typed in by hand, in the window or the CLI.
        #[default]
        Manual = "manual", "手入力", "Manual";
        /// Read from a registration file (Forms, Peatix, Excel).
        Import = "import", "取り込み", "Import";
        /// The demo data.
        Demo = "demo", "デモ", "Demo";
        /// Registered at the desk on the day (当日参加).
        WalkIn = "walk_in", "当日参加", "Walk-in";
    }
}

/// What a person enters to register or edit an attendee.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct AttendeeDraft {
    pub name: String,
    /// The reading (フリガナ), stored as full-width katakana.
    pub kana: String,
    pub organization: String,
    pub title: String,
    pub email: String,
    /// Text, never a number: leading zeros and hyphens are part of it.
    pub phone: String,
    pub category: Category,
    pub mode: AttendanceMode,
    /// Agreed to the handling of personal data.
    pub consent: bool,
    pub source: RegistrationSource,
    pub notes: String,
    pub status: AttendeeStatus,
}

impl AttendeeDraft {
    /// A registered, consenting venue attendee with only a name.
    pub fn new(name: impl Into<String>) -> AttendeeDraft {
        AttendeeDraft {
            name: name.into(),
            consent: true,
            ..AttendeeDraft::default()
        }
    }

    /// Returns the draft in its stored form, or the first rule it breaks.
    ///
    /// Rules: a name; an email, when given, that looks like one; every field within its limit
    /// ([`crate::limits`]). Text fields are normalised
    /// (see [`crate::text`]): the kana reading as katakana, names and organisations NFKC.
    pub fn normalized(self) -> Result<AttendeeDraft, ValidationError> {
        let name = normalize_display(&self.name);
        if name.is_empty() {
            return Err(ValidationError::EmptyName);
        }
        let email = normalize_email(&self.email);
        if !email.is_empty() && !is_plausible_email(&email) {
            return Err(ValidationError::BadEmail(email));
        }
        let draft = AttendeeDraft {
            name,
            kana: normalize_kana(&self.kana),
            organization: normalize_display(&self.organization),
            title: normalize_display(&self.title),
            email,
            phone: normalize_phone(&self.phone),
            notes: self.notes.trim().to_string(),
            ..self
        };
        draft.check_lengths()?;
        Ok(draft)
    }

    /// Each text field within its limit ([`crate::limits`]); the first too long is the error.
    pub fn check_lengths(&self) -> Result<(), ValidationError> {
        limits::NAME.check(&self.name)?;
        limits::KANA.check(&self.kana)?;
        limits::ORGANIZATION.check(&self.organization)?;
        limits::POSITION.check(&self.title)?;
        limits::EMAIL.check(&self.email)?;
        limits::PHONE.check(&self.phone)?;
        limits::NOTES.check(&self.notes)
    }

    /// The text that name search looks through: name, kana, organisation and email.
    pub fn search_text(&self) -> String {
        [
            self.name.as_str(),
            self.kana.as_str(),
            self.organization.as_str(),
            self.email.as_str(),
        ]
        .map(crate::text::search_key)
        .join("\u{1F}")
    }
}

/// A stored attendee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attendee {
    pub id: AttendeeId,
    pub event_id: EventId,
    #[serde(flatten)]
    pub details: AttendeeDraft,
    /// The ticket that opens the door; none only while a new registration is being written.
    pub ticket: Option<TicketToken>,
    /// The zone an operator moved the person to, away from their category's (with a reason
    /// kept in the store's record of moves).
    pub zone_override: Option<SeatZone>,
    /// On the waiting list since then (a venue registration beyond the capacity); none when the
    /// person has a place.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub waitlisted_at: Option<DateTime<Utc>>,
    /// The place in the waiting list, from 1.
    pub waitlist_position: Option<u32>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn rules_of_an_attendee() {
        let cases: Vec<(&str, AttendeeDraft, Result<(), ValidationError>)> = vec![
            ("a name alone is enough", AttendeeDraft::new("大友 慎吾"), Ok(())),
            (
                "a blank name is refused",
                AttendeeDraft::new("　"),
                Err(ValidationError::EmptyName),
            ),
            (
                "a mistyped email is refused",
                AttendeeDraft {
                    email: "otomo.example.jp".into(),
                    ..AttendeeDraft::new("大友 慎吾")
                },
                Err(ValidationError::BadEmail("otomo.example.jp".into())),
            ),
            (
                "a 10 MB organisation is refused at the door, naming the field",
                AttendeeDraft {
                    organization: "株".repeat(10_000_000),
                    ..AttendeeDraft::new("大友 慎吾")
                },
                Err(ValidationError::TooLong {
                    limit: limits::ORGANIZATION,
                    found: 10_000_000,
                }),
            ),
            (
                "a name of 101 characters is refused",
                AttendeeDraft::new("名".repeat(101)),
                Err(ValidationError::TooLong {
                    limit: limits::NAME,
                    found: 101,
                }),
            ),
            (
                "the limit counts the stored form: 100 half-width kana of a name fit",
                AttendeeDraft::new("ｱ".repeat(100)),
                Ok(()),
            ),
            (
                "an IME full-width email is accepted once normalised",
                AttendeeDraft {
                    email: "ｏｔｏｍｏ＠example.jp".into(),
                    ..AttendeeDraft::new("大友 慎吾")
                },
                Ok(()),
            ),
        ];
        for (why, input, expected) in cases {
            assert_eq!(input.normalized().map(|_| ()), expected, "{why}");
        }
    }

    #[test]
    fn normalizing_gives_one_stored_form() {
        let stored = AttendeeDraft {
            kana: "おおとも　しんご".into(),
            organization: "大友醤油㈱".into(),
            phone: "０２２－２２２－１２３４".into(),
            email: " S.Otomo@Example.JP ".into(),
            ..AttendeeDraft::new(" 大友　慎吾 ")
        }
        .normalized()
        .unwrap();
        assert_eq!(stored.name, "大友 慎吾");
        assert_eq!(stored.kana, "オオトモ シンゴ");
        assert_eq!(
            stored.organization, "大友醤油(株)",
            "NFKC spells out ㈱ so search finds (株)"
        );
        assert_eq!(stored.phone, "022-222-1234");
        assert_eq!(
            stored.email, "S.Otomo@Example.JP",
            "case is kept; comparison ignores it"
        );
    }

    #[test]
    fn choices_parse_from_identifiers_and_labels() {
        assert_eq!(Category::parse("supporter"), Ok(Category::Supporter));
        assert_eq!(Category::parse("先輩経営者"), Ok(Category::Senior));
        assert_eq!(Category::parse("stakeholder"), Ok(Category::Stakeholder));
        assert_eq!(
            Category::parse("stakeHolder"),
            Ok(Category::Stakeholder),
            "English label, any case"
        );
        assert_eq!(AttendanceMode::parse("オンライン"), Ok(AttendanceMode::Online));
        assert_eq!(
            RegistrationSource::parse("walk_in"),
            Ok(RegistrationSource::WalkIn)
        );
        let err = Category::parse("VIP").unwrap_err();
        assert!(err.to_string().contains("VIP"));
        assert!(
            crate::Localized::message(&err, Lang::Ja).contains("atotsugi, supporter"),
            "the message lists what is allowed"
        );
    }

    #[test]
    fn identifiers_equal_serde_names() {
        for category in Category::ALL {
            assert_eq!(serde_json::to_value(category).unwrap(), category.as_str());
        }
        for source in RegistrationSource::ALL {
            assert_eq!(serde_json::to_value(source).unwrap(), source.as_str());
        }
    }
}

#[cfg(test)]
mod duplicate_tests {
    use super::*;

    #[test]
    fn the_same_person_typed_twice_is_caught_and_namesakes_are_only_by_name() {
        let registered = AttendeeDraft {
            kana: "オオトモ シンゴ".into(),
            organization: "大友製作所".into(),
            email: "Otomo@example.jp".into(),
            ..AttendeeDraft::new("大友 慎吾")
        };
        let with = |f: fn(&mut AttendeeDraft)| {
            let mut d = AttendeeDraft::new("別人 花子");
            f(&mut d);
            d
        };
        let cases: Vec<(&str, AttendeeDraft, Option<DuplicateReason>)> = vec![
            (
                "email, another case",
                with(|d| d.email = "otomo@EXAMPLE.jp".into()),
                Some(DuplicateReason::SameEmail),
            ),
            (
                "the name without its space, full width",
                with(|d| d.name = "大友慎吾".into()),
                Some(DuplicateReason::SameName),
            ),
            (
                "the reading in hiragana at the same company",
                with(|d| {
                    d.kana = "おおとも しんご".into();
                    d.organization = "大友製作所".into();
                }),
                Some(DuplicateReason::SameKana),
            ),
            (
                "the same reading elsewhere",
                with(|d| d.kana = "オオトモシンゴ".into()),
                None,
            ),
            ("someone else", with(|_| {}), None),
            (
                "two empty emails are no match",
                AttendeeDraft::new("三人目"),
                None,
            ),
        ];
        for (why, new, expected) in cases {
            assert_eq!(likely_duplicate(&new, &registered), expected, "{why}");
        }
    }
}

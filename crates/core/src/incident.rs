//! The incident record (インシデント記録): what happened to personal data, when it was noticed,
//! whose data and how many people, who was told at the bureau and when, and what was done.
//!
//! The contract's security annex asks for one for every incident (a mail sent to many people with
//! their addresses visible to each other, a lost laptop or USB stick, a wrong attachment), kept
//! and printable for the bureau (非公表用). Anyone on the roster who notices one records it.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::text::{narrow_digits, normalize_display};

choice_enum! {
    /// What kind of incident it was.
    pub enum IncidentKind as "kind" {
        /// A mail to the wrong people, or to many with the addresses visible to each other.
        #[default]
        MisdirectedMail = "misdirected_mail", "誤送信", "Misdirected mail";
        /// A lost or stolen laptop, USB stick or paper list.
        Loss = "loss", "紛失・盗難", "Loss or theft";
        UnauthorizedAccess = "unauthorized_access", "不正アクセス", "Unauthorized access";
        /// Personal data published or handed out by mistake (a wrong attachment, a public page).
        WrongDisclosure = "wrong_disclosure", "誤公開", "Wrong disclosure";
        Other = "other", "その他", "Other";
    }
}

choice_enum! {
    /// Whether the incident is still being dealt with.
    pub enum IncidentStatus as "status" {
        #[default]
        Open = "open", "対応中", "Open";
        Closed = "closed", "対応済み", "Closed";
    }
}

/// The form of the times an incident record keeps: local wall-clock time, to the minute.
pub const DATE_TIME_FORMAT: &str = "%Y-%m-%d %H:%M";

/// An incident as the form sends it. The times are local wall-clock times, `YYYY-MM-DD HH:MM`;
/// `bureau_told_at` stays empty until the bureau is told.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct IncidentDraft {
    pub title: String,
    /// When it happened (`YYYY-MM-DD HH:MM`).
    pub happened_at: String,
    /// When someone noticed it (`YYYY-MM-DD HH:MM`).
    pub noticed_at: String,
    pub kind: IncidentKind,
    /// What data was involved (氏名・メールアドレス …).
    pub data_involved: String,
    /// How many people's data.
    pub n_people: u32,
    /// Who was told at the bureau.
    pub bureau_contact: String,
    /// When the bureau was told (`YYYY-MM-DD HH:MM`), empty until then.
    pub bureau_told_at: String,
    pub actions_taken: String,
    pub status: IncidentStatus,
}

/// A date and time as people type it (full-width digits, `/` or `-`, a `T` or spaces between the
/// date and the time) in the stored form `YYYY-MM-DD HH:MM`.
pub fn normalize_date_time(value: &str) -> Result<String, ValidationError> {
    let narrow = narrow_digits(value.trim());
    let cleaned = narrow.trim().replace('/', "-").replace('T', " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    NaiveDateTime::parse_from_str(&cleaned, DATE_TIME_FORMAT)
        .map(|at| at.format(DATE_TIME_FORMAT).to_string())
        .map_err(|_| ValidationError::BadDateTime(value.trim().to_string()))
}

impl IncidentDraft {
    /// The draft as it is kept: texts normalised, times in the form `YYYY-MM-DD HH:MM`.
    /// Errors: an empty title, a time that is not a date and time, a text over its limit.
    pub fn normalized(self) -> Result<IncidentDraft, ValidationError> {
        let title = normalize_display(&self.title);
        if title.is_empty() {
            return Err(ValidationError::EmptyIncidentTitle);
        }
        let bureau_told_at = if self.bureau_told_at.trim().is_empty() {
            String::new()
        } else {
            normalize_date_time(&self.bureau_told_at)?
        };
        let draft = IncidentDraft {
            title,
            happened_at: normalize_date_time(&self.happened_at)?,
            noticed_at: normalize_date_time(&self.noticed_at)?,
            data_involved: self.data_involved.trim().to_string(),
            bureau_contact: normalize_display(&self.bureau_contact),
            bureau_told_at,
            actions_taken: self.actions_taken.trim().to_string(),
            ..self
        };
        crate::limits::TITLE.check(&draft.title)?;
        crate::limits::NOTES.check(&draft.data_involved)?;
        crate::limits::NOTES.check(&draft.actions_taken)?;
        crate::limits::CONTACT.check(&draft.bureau_contact)?;
        Ok(draft)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> IncidentDraft {
        IncidentDraft {
            title: "案内メールの宛先が表示された".into(),
            happened_at: "2026-07-01 10:00".into(),
            noticed_at: "2026-07-01 10:30".into(),
            n_people: 120,
            ..IncidentDraft::default()
        }
    }

    #[test]
    fn times_are_read_as_people_type_them() {
        let cases = [
            ("2026-07-01 10:00", Ok("2026-07-01 10:00")),
            ("２０２６－０７－０１　１０：０５", Ok("2026-07-01 10:05")),
            ("2026/7/1 9:05", Ok("2026-07-01 09:05")),
            ("2026-07-01T10:00", Ok("2026-07-01 10:00")),
            ("  2026-07-01   10:00 ", Ok("2026-07-01 10:00")),
            ("2026-07-01", Err(())),
            ("10:00", Err(())),
            ("2026-02-30 10:00", Err(())),
            ("2026-07-01 25:00", Err(())),
            ("きのう", Err(())),
        ];
        for (typed, expected) in cases {
            let got = normalize_date_time(typed).map_err(|_| ());
            assert_eq!(got.as_deref(), expected.as_ref().map(|s| *s), "{typed}");
        }
    }

    #[test]
    fn a_draft_is_checked_and_kept_in_one_form() {
        let ok = draft().normalized().unwrap();
        assert_eq!(ok.happened_at, "2026-07-01 10:00");
        assert_eq!(ok.bureau_told_at, "", "the bureau not told yet is allowed");

        let told = IncidentDraft {
            bureau_told_at: "２０２６/０７/０１ １１：００".into(),
            bureau_contact: "  総務課　山田 ".into(),
            ..draft()
        }
        .normalized()
        .unwrap();
        assert_eq!(told.bureau_told_at, "2026-07-01 11:00");
        assert_eq!(told.bureau_contact, "総務課 山田");

        let cases: [(IncidentDraft, &str); 5] = [
            (
                IncidentDraft {
                    title: "　".into(),
                    ..draft()
                },
                "validation.empty_incident_title",
            ),
            (
                IncidentDraft {
                    happened_at: "".into(),
                    ..draft()
                },
                "validation.bad_date_time",
            ),
            (
                IncidentDraft {
                    noticed_at: "7月1日".into(),
                    ..draft()
                },
                "validation.bad_date_time",
            ),
            (
                IncidentDraft {
                    bureau_told_at: "昼".into(),
                    ..draft()
                },
                "validation.bad_date_time",
            ),
            (
                IncidentDraft {
                    actions_taken: "あ".repeat(2_001),
                    ..draft()
                },
                "validation.too_long",
            ),
        ];
        for (input, code) in cases {
            let error = input.clone().normalized().unwrap_err();
            assert_eq!(crate::Localized::code(&error), code, "{input:?}");
        }
    }

    #[test]
    fn kinds_and_statuses_read_their_labels() {
        assert_eq!(
            IncidentKind::parse("誤送信").unwrap(),
            IncidentKind::MisdirectedMail
        );
        assert_eq!(IncidentKind::parse("loss").unwrap(), IncidentKind::Loss);
        assert_eq!(IncidentStatus::parse("対応済み").unwrap(), IncidentStatus::Closed);
        assert!(IncidentStatus::parse("done").is_err());
    }
}

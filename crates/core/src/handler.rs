//! The information-handler roster (情報取扱者名簿) and what each role may do.
//!
//! The contract's security annex: only the people on the roster handle personal data; the
//! 情報管理責任者 keeps the roster and the security settings; exports, imports, mail and erasure
//! need a 情報取扱管理者 or above; any handler may run the desk and write minutes.

use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::text::normalize_display;

choice_enum! {
    /// A handler's role on the roster, highest first.
    pub enum HandlerRole as "role" {
        /// 情報管理責任者: keeps the roster and the security settings; may do everything.
        #[default]
        Officer = "officer", "情報管理責任者", "Information security officer";
        /// 情報取扱管理者: may export, import, mail and erase personal data.
        Manager = "manager", "情報取扱管理者", "Information handling manager";
        /// 業務従事者: runs the desk and writes minutes.
        Staff = "staff", "業務従事者", "Staff";
    }
}

choice_enum! {
    /// Whose person a handler is: the contractor's or a subcontractor's.
    pub enum HandlerOrganization as "organization" {
        #[default]
        Contractor = "contractor", "受託者", "Contractor";
        Subcontractor = "subcontractor", "再委託先", "Subcontractor";
    }
}

choice_enum! {
    /// Something only some roles may do.
    pub enum Permission as "permission" {
        /// Check people in at the desk, write minutes, add photos.
        #[default]
        DayWork = "day_work", "受付・議事録", "The desk and the minutes";
        /// Write personal data to a file (attendance, tickets, rosters, badges, documents).
        ExportPersonalData = "export_personal_data", "個人情報の書き出し", "Exporting personal data";
        /// Read registrations or attendance reports into the database.
        ImportPersonalData = "import_personal_data", "個人情報の取り込み", "Importing personal data";
        /// Merge registrations, delete a person on request.
        EditPersonalData = "edit_personal_data", "個人情報の統合・削除", "Merging and deleting people";
        /// The roster and the security settings.
        Roster = "roster", "情報取扱者名簿・セキュリティ設定", "The roster and security settings";
        /// Erase all data at the end of the contract.
        EraseAllData = "erase_all_data", "全データの消去", "Erasing all data";
    }
}

impl Permission {
    /// The lowest role that may do this.
    pub fn least_role(self) -> HandlerRole {
        match self {
            Permission::DayWork => HandlerRole::Staff,
            Permission::ExportPersonalData
            | Permission::ImportPersonalData
            | Permission::EditPersonalData => HandlerRole::Manager,
            Permission::Roster | Permission::EraseAllData => HandlerRole::Officer,
        }
    }
}

impl HandlerRole {
    /// Higher roles come first in [`HandlerRole::ALL`].
    fn rank(self) -> usize {
        HandlerRole::ALL
            .iter()
            .position(|r| *r == self)
            .unwrap_or(usize::MAX)
    }

    /// Whether this role may do `permission`: its own and everything below it.
    pub fn may(self, permission: Permission) -> bool {
        self.rank() <= permission.least_role().rank()
    }
}

/// A handler as the roster form sends it. The sensitive columns (address, date of birth,
/// passport and nationality) are optional and shown only to the 情報管理責任者.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct HandlerDraft {
    pub name: String,
    pub department: String,
    pub title: String,
    pub organization: HandlerOrganization,
    /// The company's name (the subcontractor's, when it is one).
    pub company: String,
    pub role: HandlerRole,
    pub home_address: String,
    pub birth_date: String,
    pub passport_number: String,
    pub nationality: String,
}

impl HandlerDraft {
    pub fn normalized(self) -> Result<HandlerDraft, ValidationError> {
        let name = normalize_display(&self.name);
        if name.is_empty() {
            return Err(ValidationError::EmptyName);
        }
        let draft = HandlerDraft {
            name,
            department: normalize_display(&self.department),
            title: normalize_display(&self.title),
            company: normalize_display(&self.company),
            home_address: normalize_display(&self.home_address),
            birth_date: normalize_display(&self.birth_date),
            passport_number: normalize_display(&self.passport_number),
            nationality: normalize_display(&self.nationality),
            ..self
        };
        crate::limits::NAME.check(&draft.name)?;
        for text in [
            &draft.department,
            &draft.title,
            &draft.company,
            &draft.nationality,
        ] {
            crate::limits::ORGANIZATION.check(text)?;
        }
        crate::limits::VENUE_ADDRESS.check(&draft.home_address)?;
        Ok(draft)
    }
}

/// The roster's columns (Japanese, English), and whether a column is one of the sensitive ones.
pub const ROSTER_COLUMNS: &[(&str, &str, bool)] = &[
    ("氏名", "Name", false),
    ("役割", "Role", false),
    ("所属（会社）", "Company", false),
    ("区分", "Organisation", false),
    ("部署", "Department", false),
    ("役職", "Title", false),
    ("住所", "Home address", true),
    ("生年月日", "Date of birth", true),
    ("パスポート番号", "Passport number", true),
    ("国籍", "Nationality", true),
];

/// One person's cells in the order of [`ROSTER_COLUMNS`] (the sensitive ones left out unless asked).
pub fn roster_cells(person: &HandlerDraft, with_sensitive: bool, lang: crate::Lang) -> Vec<String> {
    let all = [
        person.name.clone(),
        person.role.label(lang).to_string(),
        person.company.clone(),
        person.organization.label(lang).to_string(),
        person.department.clone(),
        person.title.clone(),
        person.home_address.clone(),
        person.birth_date.clone(),
        person.passport_number.clone(),
        person.nationality.clone(),
    ];
    all.into_iter()
        .zip(ROSTER_COLUMNS)
        .filter(|(_, (_, _, sensitive))| with_sensitive || !sensitive)
        .map(|(cell, _)| cell)
        .collect()
}

/// The shortest PIN or passphrase taken: four characters (a PIN typed at a busy desk), more is
/// better.
pub const MIN_PIN_CHARS: usize = 4;

/// Whether a new PIN or passphrase is acceptable.
pub fn check_new_pin(pin: &str) -> Result<(), ValidationError> {
    if pin.chars().count() < MIN_PIN_CHARS {
        return Err(ValidationError::PinTooShort { min: MIN_PIN_CHARS });
    }
    limits_check_pin(pin)
}

fn limits_check_pin(pin: &str) -> Result<(), ValidationError> {
    if pin.chars().count() > 200 {
        return Err(ValidationError::PinTooShort { min: MIN_PIN_CHARS });
    }
    Ok(())
}

/// Failed sign-ins allowed before each further try waits.
pub const FREE_FAILURES: u32 = 3;
/// The longest wait between tries.
pub const MAX_WAIT_SECONDS: i64 = 300;

/// How long the next try must wait after `failures` wrong PINs in a row: nothing for the first
/// three, then 5 s doubling each time up to 5 minutes, so that guessing a 4-digit PIN takes
/// weeks while a person who mistypes is barely slowed.
pub fn wait_after_failures(failures: u32) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES).min(16);
    (5_i64 << doublings).min(MAX_WAIT_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_may_do_their_own_and_everything_below() {
        use HandlerRole::*;
        use Permission::*;
        #[rustfmt::skip]
        let cases = [
            (Staff, DayWork, true), (Staff, ExportPersonalData, false), (Staff, ImportPersonalData, false),
            (Staff, EditPersonalData, false), (Staff, Roster, false),
            (Manager, DayWork, true), (Manager, ExportPersonalData, true), (Manager, ImportPersonalData, true),
            (Manager, EditPersonalData, true), (Manager, Roster, false),
            (Officer, DayWork, true), (Officer, ExportPersonalData, true), (Officer, Roster, true),
        ];
        for (role, permission, expected) in cases {
            assert_eq!(role.may(permission), expected, "{role:?} {permission:?}");
        }
    }

    #[test]
    fn wrong_pins_slow_down_from_the_fourth() {
        let cases = [
            (0, 0),
            (2, 0),
            (3, 5),
            (4, 10),
            (5, 20),
            (8, 160),
            (9, 300),
            (50, 300),
        ];
        for (failures, wait) in cases {
            assert_eq!(wait_after_failures(failures), wait, "{failures} failures");
        }
    }

    #[test]
    fn a_pin_has_at_least_four_characters() {
        assert!(check_new_pin("123").is_err());
        assert!(check_new_pin("1234").is_ok());
        assert!(check_new_pin("長い合言葉です").is_ok());
    }
}

/// An external service used with personal data (Microsoft Forms, Teams, a mail service), as the
/// register keeps it; the annex asks that the bureau approve each before use.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ServiceDraft {
    pub name: String,
    pub purpose: String,
    /// Which personal data goes through it (names, emails, attendance…).
    pub personal_data: String,
    /// The day the bureau approved it, YYYY-MM-DD (full-width digits read); empty: not yet.
    pub approved_on: String,
    /// Who at the bureau approved it.
    pub approved_by: String,
}

impl ServiceDraft {
    pub fn normalized(self) -> Result<ServiceDraft, ValidationError> {
        let name = normalize_display(&self.name);
        if name.is_empty() {
            return Err(ValidationError::EmptyName);
        }
        let approved_on = if self.approved_on.trim().is_empty() {
            String::new()
        } else {
            crate::event::parse_date(&self.approved_on)?.to_string()
        };
        let draft = ServiceDraft {
            name,
            purpose: normalize_display(&self.purpose),
            personal_data: normalize_display(&self.personal_data),
            approved_on,
            approved_by: normalize_display(&self.approved_by),
        };
        crate::limits::ORGANIZATION.check(&draft.name)?;
        crate::limits::NOTES.check(&draft.purpose)?;
        crate::limits::NOTES.check(&draft.personal_data)?;
        crate::limits::ORGANIZATION.check(&draft.approved_by)?;
        Ok(draft)
    }
}

#[cfg(test)]
mod service_tests {
    use super::*;

    #[test]
    fn a_service_needs_a_name_and_a_real_approval_date() {
        let ok = ServiceDraft {
            name: " Microsoft Forms ".into(),
            approved_on: "２０２６／０６／０１".into(),
            ..ServiceDraft::default()
        }
        .normalized()
        .unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.approved_on.as_str()),
            ("Microsoft Forms", "2026-06-01")
        );
        assert!(ServiceDraft::default().normalized().is_err(), "a name");
        let bad = ServiceDraft {
            name: "Teams".into(),
            approved_on: "6月1日".into(),
            ..ServiceDraft::default()
        };
        assert!(bad.normalized().is_err(), "a date that is not one");
    }
}

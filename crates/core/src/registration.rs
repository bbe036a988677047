//! Registrations read from someone else's file (a Forms or Peatix export, a sheet kept by hand):
//! what a row says, how the words people chose map to Tsudoi's choices, and the plan that merges
//! the rows with the people already registered.
//!
//! The plan is pure: the store hands in who is registered, this module decides who is new, who
//! is the same person again (same email, or same name and organisation) and which answer wins
//! (the newest), and the store writes the plan in one transaction.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::attendee::{AttendanceMode, AttendeeDraft, AttendeeId, Category, RegistrationSource};
use crate::error::ValidationError;
use crate::i18n::Lang;
use crate::text::{email_key, normalize_email, search_key};

/// One row of a registration file, read but not yet merged. `None` means the file has no such
/// column or the cell is empty: a merge then keeps what is stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IncomingRegistration {
    /// The row as a spreadsheet numbers it (the header is usually row 1).
    pub row: u32,
    /// When the person answered the form (the form's local time), when the file says.
    pub answered_at: Option<NaiveDateTime>,
    pub name: String,
    pub kana: Option<String>,
    pub organization: Option<String>,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub category: Option<Category>,
    pub mode: Option<AttendanceMode>,
    pub consent: Option<bool>,
    /// A note for the organizer (an unreadable email kept as it was typed).
    pub notes: Option<String>,
}

impl IncomingRegistration {
    /// The attendee this row registers when the person is new. Without a category the person is
    /// `other`; without a mode, `default_mode` (the event's usual way of attending).
    fn new_draft(&self, default_mode: AttendanceMode) -> AttendeeDraft {
        AttendeeDraft {
            name: self.name.clone(),
            kana: self.kana.clone().unwrap_or_default(),
            organization: self.organization.clone().unwrap_or_default(),
            title: self.title.clone().unwrap_or_default(),
            email: self.email.clone().unwrap_or_default(),
            phone: self.phone.clone().unwrap_or_default(),
            category: self.category.unwrap_or(Category::Other),
            mode: self.mode.unwrap_or(default_mode),
            consent: self.consent.unwrap_or(false),
            source: RegistrationSource::Import,
            notes: self.notes.clone().unwrap_or_default(),
            ..AttendeeDraft::default()
        }
    }

    /// Every field of the row within its limit once in its stored form ([`crate::limits`]):
    /// a row that is not is left out of an import, with the field named, rather than refusing the
    /// whole file or storing a value that breaks later exports.
    pub fn check_lengths(&self) -> Result<(), ValidationError> {
        match self.new_draft(AttendanceMode::Venue).normalized() {
            Err(error @ ValidationError::TooLong { .. }) => Err(error),
            // Other rules (a name, a plausible email) are the reader's and the plan's to apply.
            _ => Ok(()),
        }
    }

    /// `stored` with every field this row has written over it; status, notes and source stay.
    fn merged_into(&self, stored: &AttendeeDraft) -> AttendeeDraft {
        let pick = |new: &Option<String>, old: &String| new.clone().unwrap_or_else(|| old.clone());
        AttendeeDraft {
            name: self.name.clone(),
            kana: pick(&self.kana, &stored.kana),
            organization: pick(&self.organization, &stored.organization),
            title: pick(&self.title, &stored.title),
            email: pick(&self.email, &stored.email),
            phone: pick(&self.phone, &stored.phone),
            category: self.category.unwrap_or(stored.category),
            mode: self.mode.unwrap_or(stored.mode),
            consent: self.consent.unwrap_or(stored.consent),
            notes: match &self.notes {
                Some(note) if !stored.notes.contains(note.as_str()) => [stored.notes.as_str(), note.as_str()]
                    .join("\n")
                    .trim()
                    .to_string(),
                _ => stored.notes.clone(),
            },
            ..stored.clone()
        }
    }
}

/// The keys two registrations are the same person by: the email (case ignored), or the name and
/// the organisation together (widths, kana and spaces folded).
fn identity_keys(draft: &AttendeeDraft) -> (Option<String>, String) {
    let email = Some(email_key(&draft.email)).filter(|key| !key.is_empty());
    let person = format!(
        "{}\u{1F}{}",
        search_key(&draft.name),
        search_key(&draft.organization)
    );
    (email, person)
}

/// Why a row of a file was not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The name cell is empty.
    NoName,
    /// The form asks for consent to the handling of personal data, and this row did not give it.
    NoConsent,
    /// The row's name, organisation and email are all blank: an empty line of a sheet.
    Empty,
    /// A field is longer than its limit ([`crate::limits`]); the row's reason names it.
    TooLong,
}

impl SkipReason {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            SkipReason::NoName => lang.pick("氏名が空欄です", "the name is empty"),
            SkipReason::NoConsent => lang.pick(
                "個人情報の取扱いへの同意がありません",
                "no consent to the handling of personal data",
            ),
            SkipReason::Empty => lang.pick("空の行です", "the row is empty"),
            SkipReason::TooLong => lang.pick("長すぎる欄があります", "a field is too long"),
        }
    }
}

/// A row left out of an import, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkippedRow {
    pub row: u32,
    pub code: SkipReason,
    /// The reason in the person's language.
    pub reason: String,
}

/// Something about a row that was imported but deserves a look.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WarningKind {
    /// Not an email address; the person was imported without it and the text kept in the notes.
    BadEmail { value: String },
    /// A way of attending that is neither venue nor online; the event's usual mode was used.
    UnknownMode { value: String },
    /// An answer time that could not be read; the row counts as older than any dated one.
    BadAnswerTime { value: String },
}

/// A warning about one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowWarning {
    pub row: u32,
    #[serde(flatten)]
    pub kind: WarningKind,
    /// What happened, in the person's language.
    pub message: String,
}

impl RowWarning {
    pub fn new(row: u32, kind: WarningKind, lang: Lang) -> RowWarning {
        let message = match &kind {
            WarningKind::BadEmail { value } => match lang {
                Lang::Ja => format!(
                    "メールアドレスの形ではありません（{value}）。メールなしで取り込み、備考に残しました"
                ),
                Lang::En => {
                    format!("not an email address ({value}); imported without it and kept in the notes")
                }
            },
            WarningKind::UnknownMode { value } => match lang {
                Lang::Ja => {
                    format!("参加方法「{value}」が会場かオンラインか分かりません。回の標準にしました")
                }
                Lang::En => format!(
                    "cannot tell whether “{value}” is venue or online; the event's usual mode was used"
                ),
            },
            WarningKind::BadAnswerTime { value } => match lang {
                Lang::Ja => format!("回答日時「{value}」を読めません"),
                Lang::En => format!("cannot read the answer time “{value}”"),
            },
        };
        RowWarning { row, kind, message }
    }
}

/// Reads a category word as people write it on forms (`アトツギ（後継者・後継者候補）`, `金融機関`,
/// `商工会`, `税理士`, `先輩経営者`, `経済産業局`). `None` when no rule matches: the person decides.
///
/// Rules are tried from the most specific role to the least, so that a supporter of successors
/// (`アトツギ支援の金融機関`) is a supporter and an owner who took over (`先輩経営者（アトツギ経験者）`) is
/// an experienced owner.
pub fn category_from_word(word: &str) -> Option<Category> {
    if let Ok(category) = Category::parse(word) {
        return Some(category);
    }
    let key = word_key(word);
    if key.is_empty() {
        return None;
    }
    const RULES: &[(Category, &[&str])] = &[
        (
            Category::Stakeholder,
            &[
                "関係者",
                "経済産業",
                "経産局",
                "主催",
                "事務局",
                "運営",
                "登壇",
                "講師",
                "報道",
                "メディア",
                "記者",
                "アンバサダー",
                "staff",
                "speaker",
                "press",
                "organizer",
                "stakeholder",
            ],
        ),
        (
            Category::Supporter,
            &[
                "支援",
                "金融",
                "銀行",
                "信用金庫",
                "信金",
                "信用組合",
                "信組",
                "公庫",
                "商工会",
                "会議所",
                "士業",
                "税理士",
                "会計士",
                "会計事務所",
                "診断士",
                "弁護士",
                "司法書士",
                "行政書士",
                "社労士",
                "社会保険労務士",
                "コンサル",
                "自治体",
                "市役所",
                "県庁",
                "よろず",
                "supporter",
                "bank",
                "advisor",
                "adviser",
                "accountant",
                "consultant",
            ],
        ),
        (
            Category::Senior,
            &[
                "先輩",
                "経営者",
                "承継済",
                "承継した",
                "代表者",
                "owner",
                "senior",
            ],
        ),
        (
            Category::Atotsugi,
            &[
                "アトツギ",
                "あとつぎ",
                "後継",
                "跡継",
                "跡取",
                "承継予定",
                "successor",
                "atotsugi",
            ],
        ),
    ];
    RULES
        .iter()
        .find(|(_, words)| words.iter().any(|w| key.contains(&word_key(w))))
        .map(|(category, _)| *category)
}

/// Reads a way of attending (`会場`, `来場`, `対面`, `オンライン`, `Zoom`, `Web参加` …).
pub fn mode_from_word(word: &str) -> Option<AttendanceMode> {
    if let Ok(mode) = AttendanceMode::parse(word) {
        return Some(mode);
    }
    let key = word_key(word);
    const ONLINE: &[&str] = &[
        "オンライン",
        "online",
        "web",
        "ウェブ",
        "zoom",
        "teams",
        "配信",
        "リモート",
        "remote",
        "視聴",
    ];
    const VENUE: &[&str] = &[
        "会場",
        "来場",
        "対面",
        "現地",
        "リアル",
        "venue",
        "inperson",
        "onsite",
        "offline",
        "出席",
    ];
    // Online words first: 「会場またはオンライン」 is rare, 「オンライン（会場からの配信）」 is not.
    if ONLINE.iter().any(|w| key.contains(&word_key(w))) {
        Some(AttendanceMode::Online)
    } else if VENUE.iter().any(|w| key.contains(&word_key(w))) {
        Some(AttendanceMode::Venue)
    } else {
        None
    }
}

/// Reads a consent answer. `None` when it is neither clearly yes nor clearly no.
pub fn consent_from_word(word: &str) -> Option<bool> {
    let key = word_key(word);
    if key.is_empty() {
        return Some(false);
    }
    const NO: &[&str] = &[
        "いいえ",
        "同意しない",
        "しない",
        "不同意",
        "no",
        "false",
        "disagree",
        "×",
        "✕",
    ];
    const YES: &[&str] = &[
        "はい", "同意", "承諾", "了承", "yes", "true", "agree", "ok", "1", "○", "〇", "◯", "✓", "✔", "済",
    ];
    // No before yes: 「同意しない」 contains 「同意」.
    if NO.iter().any(|w| key.contains(&word_key(w))) || key == "0" {
        Some(false)
    } else if YES.iter().any(|w| key.contains(&word_key(w))) {
        Some(true)
    } else {
        None
    }
}

/// An email cell as a registration carries it: forms put `anonymous` where nobody signed in.
pub fn email_from_cell(cell: &str) -> Option<String> {
    let email = normalize_email(cell);
    if email.is_empty() || email.eq_ignore_ascii_case("anonymous") {
        None
    } else {
        Some(email)
    }
}

/// Folds a word for matching: NFKC, lower case, no spaces or brackets.
fn word_key(word: &str) -> String {
    word.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']' | '・' | '-' | '_' | '「' | '」')
        })
        .collect()
}

/// Someone already registered for the event, as the plan sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredPerson {
    pub id: AttendeeId,
    pub draft: AttendeeDraft,
    pub answered_at: Option<NaiveDateTime>,
}

/// Where a duplicate row went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "into", rename_all = "snake_case")]
pub enum MergeTarget {
    /// Into a person registered before this import.
    Attendee { id: AttendeeId },
    /// Into an earlier row of the same file (the row number of the first).
    Row { row: u32 },
}

/// A row that turned out to be a person already present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergedRow {
    pub row: u32,
    pub name: String,
    #[serde(flatten)]
    pub target: MergeTarget,
    /// Whether this row's answers replaced the others (it was the newest).
    pub won: bool,
}

/// A new person to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRegistration {
    /// The row of the answer that won (the newest of the person's rows).
    pub row: u32,
    pub draft: AttendeeDraft,
    pub answered_at: Option<NaiveDateTime>,
}

/// A registered person whose details the file changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedRegistration {
    pub id: AttendeeId,
    pub row: u32,
    pub draft: AttendeeDraft,
    pub answered_at: Option<NaiveDateTime>,
}

/// What an import will do. Applying it twice changes nothing the second time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegistrationPlan {
    /// In the order people answered, so that the waiting list keeps that order.
    pub new: Vec<NewRegistration>,
    pub changed: Vec<ChangedRegistration>,
    pub merged: Vec<MergedRow>,
    /// Registered people the file names again with nothing new.
    pub n_unchanged: u32,
}

/// Who an identity key points to during planning: a stored person (index into the registered
/// people) or a person new in this file (index into the plan's `new`).
#[derive(Debug, Clone, Copy)]
enum Known {
    Stored(usize),
    New(usize),
}

/// Merges the rows of a file with the people already registered.
///
/// Rows are taken in the order people answered (rows without a time keep their place before the
/// dated ones, in file order), so the newest answer of a person wins. A stored person is changed
/// only by an answer at least as new as the one stored (the same answer read with a new decision,
/// such as a category chosen for an unknown word, applies; an answer without a time counts as
/// newer: the file is the latest word), and only when something differs. Rows must already be valid (a name each).
pub fn plan_registrations(
    registered: &[RegisteredPerson],
    mut rows: Vec<IncomingRegistration>,
    default_mode: AttendanceMode,
) -> RegistrationPlan {
    rows.sort_by_key(|row| row.answered_at);

    let mut by_email: HashMap<String, Known> = HashMap::new();
    let mut by_person: HashMap<String, Known> = HashMap::new();
    for (index, person) in registered.iter().enumerate() {
        let (email, key) = identity_keys(&person.draft);
        if let Some(email) = email {
            by_email.entry(email).or_insert(Known::Stored(index));
        }
        by_person.entry(key).or_insert(Known::Stored(index));
    }

    let mut plan = RegistrationPlan::default();
    // The stored people this file rewrites, by index into `registered`: the draft so far.
    let mut rewritten: HashMap<usize, ChangedRegistration> = HashMap::new();
    let mut first_row_of_new: Vec<u32> = Vec::new();
    for row in rows {
        let probe = row.new_draft(default_mode);
        let (email, key) = identity_keys(&probe);
        let known = email
            .as_ref()
            .and_then(|email| by_email.get(email))
            .or_else(|| by_person.get(&key))
            .copied();
        match known {
            None => {
                let index = plan.new.len();
                if let Some(email) = email {
                    by_email.insert(email, Known::New(index));
                }
                by_person.insert(key, Known::New(index));
                first_row_of_new.push(row.row);
                plan.new.push(NewRegistration {
                    row: row.row,
                    draft: probe,
                    answered_at: row.answered_at,
                });
            }
            Some(Known::New(index)) => {
                let earlier = &mut plan.new[index];
                earlier.draft = row.merged_into(&earlier.draft);
                earlier.row = row.row;
                earlier.answered_at = row.answered_at.or(earlier.answered_at);
                plan.merged.push(MergedRow {
                    row: row.row,
                    name: row.name.clone(),
                    target: MergeTarget::Row {
                        row: first_row_of_new[index],
                    },
                    won: true,
                });
                remember_keys(&mut by_email, &mut by_person, &earlier.draft, Known::New(index));
            }
            Some(Known::Stored(index)) => {
                let person = &registered[index];
                let current = rewritten
                    .get(&index)
                    .map_or(&person.draft, |change| &change.draft);
                let current_answer = rewritten
                    .get(&index)
                    .map_or(person.answered_at, |change| change.answered_at);
                let newer = match (row.answered_at, current_answer) {
                    (Some(new), Some(old)) => new >= old,
                    _ => true,
                };
                let merged = row.merged_into(current);
                let wins = newer && normalized_differs(&merged, current);
                plan.merged.push(MergedRow {
                    row: row.row,
                    name: row.name.clone(),
                    target: MergeTarget::Attendee { id: person.id },
                    won: wins,
                });
                if wins {
                    remember_keys(&mut by_email, &mut by_person, &merged, Known::Stored(index));
                    rewritten.insert(
                        index,
                        ChangedRegistration {
                            id: person.id,
                            row: row.row,
                            draft: merged,
                            answered_at: row.answered_at.or(current_answer),
                        },
                    );
                }
            }
        }
    }
    let mut changed: Vec<ChangedRegistration> = rewritten.into_values().collect();
    changed.sort_by_key(|change| change.row);
    let n_stored_named = plan
        .merged
        .iter()
        .filter_map(|merge| match merge.target {
            MergeTarget::Attendee { id } => Some(id),
            MergeTarget::Row { .. } => None,
        })
        .collect::<std::collections::HashSet<_>>()
        .len();
    plan.n_unchanged = (n_stored_named - changed.len()) as u32;
    plan.changed = changed;
    plan
}

/// A merged person is also found by their new email and name from now on.
fn remember_keys(
    by_email: &mut HashMap<String, Known>,
    by_person: &mut HashMap<String, Known>,
    draft: &AttendeeDraft,
    known: Known,
) {
    let (email, key) = identity_keys(draft);
    if let Some(email) = email {
        by_email.entry(email).or_insert(known);
    }
    by_person.entry(key).or_insert(known);
}

/// Whether two drafts differ once both are in their stored form (so `ﾔﾏﾀﾞ` and `ヤマダ` do not).
fn normalized_differs(a: &AttendeeDraft, b: &AttendeeDraft) -> bool {
    match (a.clone().normalized(), b.clone().normalized()) {
        (Ok(a), Ok(b)) => a != b,
        _ => a != b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> Option<NaiveDateTime> {
        NaiveDate::from_ymd_opt(2026, 6, day).and_then(|d| d.and_hms_opt(hour, 0, 0))
    }

    fn row(row: u32, name: &str, email: &str, answered_at: Option<NaiveDateTime>) -> IncomingRegistration {
        IncomingRegistration {
            row,
            answered_at,
            name: name.into(),
            email: Some(email.into()).filter(|e: &String| !e.is_empty()),
            organization: Some("大友醤油株式会社".into()),
            consent: Some(true),
            ..IncomingRegistration::default()
        }
    }

    #[test]
    fn category_words_of_real_forms() {
        let cases = [
            ("アトツギ（後継者・後継者候補）", Some(Category::Atotsugi)),
            ("後継者候補", Some(Category::Atotsugi)),
            ("金融機関", Some(Category::Supporter)),
            ("商工会", Some(Category::Supporter)),
            ("商工会議所", Some(Category::Supporter)),
            ("士業（税理士・中小企業診断士等）", Some(Category::Supporter)),
            ("支援機関", Some(Category::Supporter)),
            ("アトツギ支援の金融機関", Some(Category::Supporter)),
            ("先輩経営者", Some(Category::Senior)),
            ("先輩経営者（アトツギ経験者）", Some(Category::Senior)),
            ("東北経済産業局", Some(Category::Stakeholder)),
            ("報道関係", Some(Category::Stakeholder)),
            ("ｱﾄﾂｷﾞ", Some(Category::Atotsugi)),
            ("supporter", Some(Category::Supporter)),
            ("その他", Some(Category::Other)),
            ("学生", None),
            ("", None),
        ];
        for (word, expected) in cases {
            assert_eq!(category_from_word(word), expected, "category of {word:?}");
        }
    }

    #[test]
    fn modes_and_consents_of_real_forms() {
        assert_eq!(mode_from_word("会場"), Some(AttendanceMode::Venue));
        assert_eq!(mode_from_word("会場で参加"), Some(AttendanceMode::Venue));
        assert_eq!(mode_from_word("オンライン（Zoom）"), Some(AttendanceMode::Online));
        assert_eq!(mode_from_word("ＷＥＢ参加"), Some(AttendanceMode::Online));
        assert_eq!(mode_from_word("未定"), None);
        assert_eq!(consent_from_word("はい"), Some(true));
        assert_eq!(consent_from_word("同意します"), Some(true));
        assert_eq!(
            consent_from_word("同意しない"),
            Some(false),
            "「同意しない」 contains 「同意」"
        );
        assert_eq!(consent_from_word("いいえ"), Some(false));
        assert_eq!(
            consent_from_word(""),
            Some(false),
            "an empty consent is no consent"
        );
        assert_eq!(consent_from_word("たぶん"), None);
        assert_eq!(email_from_cell(" anonymous "), None, "MS Forms writes anonymous");
    }

    #[test]
    fn duplicates_in_a_file_merge_and_the_newest_answer_wins() {
        let mut later = row(5, "大友 慎吾", "S.Otomo@example.jp", at(3, 9));
        later.title = Some("代表取締役".into());
        let earlier = IncomingRegistration {
            title: Some("専務".into()),
            phone: Some("022-111-2222".into()),
            ..row(2, "大友 慎吾", "s.otomo@example.jp", at(1, 9))
        };
        let plan = plan_registrations(&[], vec![later, earlier], AttendanceMode::Venue);
        assert_eq!(plan.new.len(), 1, "same email, case ignored: one person");
        let person = &plan.new[0];
        assert_eq!(person.draft.title, "代表取締役", "the newer answer (row 5) wins");
        assert_eq!(
            person.draft.phone, "022-111-2222",
            "what only the older answer has is kept"
        );
        assert_eq!(plan.merged.len(), 1);
        assert_eq!(plan.merged[0].row, 5);
        assert_eq!(plan.merged[0].target, MergeTarget::Row { row: 2 });
    }

    #[test]
    fn same_name_and_organization_is_the_same_person() {
        let a = row(2, "大友　慎吾", "", None);
        let b = row(3, "大友 慎吾", "", None);
        let other_company = IncomingRegistration {
            organization: Some("別の会社".into()),
            ..row(4, "大友 慎吾", "", None)
        };
        let plan = plan_registrations(&[], vec![a, b, other_company], AttendanceMode::Venue);
        assert_eq!(
            plan.new.len(),
            2,
            "a namesake at another company is another person"
        );
    }

    #[test]
    fn stored_people_change_only_for_a_newer_different_answer() {
        let stored = RegisteredPerson {
            id: AttendeeId(7),
            draft: row(2, "大友 慎吾", "s.otomo@example.jp", None).new_draft(AttendanceMode::Venue),
            answered_at: at(2, 9),
        };
        let same = row(2, "大友 慎吾", "s.otomo@example.jp", at(2, 9));
        let plan = plan_registrations(std::slice::from_ref(&stored), vec![same], AttendanceMode::Venue);
        assert!(
            plan.new.is_empty() && plan.changed.is_empty(),
            "the same file again changes nothing"
        );
        assert_eq!(plan.n_unchanged, 1);

        let older = IncomingRegistration {
            title: Some("専務".into()),
            ..row(2, "大友 慎吾", "s.otomo@example.jp", at(1, 9))
        };
        let plan = plan_registrations(std::slice::from_ref(&stored), vec![older], AttendanceMode::Venue);
        assert!(
            plan.changed.is_empty(),
            "an older answer does not overwrite a newer one"
        );

        let newer = IncomingRegistration {
            title: Some("社長".into()),
            ..row(9, "大友 慎吾", "s.otomo@example.jp", at(5, 9))
        };
        let plan = plan_registrations(std::slice::from_ref(&stored), vec![newer], AttendanceMode::Venue);
        assert_eq!(plan.changed.len(), 1);
        assert_eq!(plan.changed[0].draft.title, "社長");
        assert_eq!(plan.changed[0].id, AttendeeId(7));
    }

    #[test]
    fn a_width_difference_alone_is_no_change() {
        let stored = RegisteredPerson {
            id: AttendeeId(1),
            draft: AttendeeDraft {
                kana: "オオトモ".into(),
                ..row(2, "大友 慎吾", "a@example.jp", None).new_draft(AttendanceMode::Venue)
            }
            .normalized()
            .unwrap(),
            answered_at: None,
        };
        let incoming = IncomingRegistration {
            kana: Some("ｵｵﾄﾓ".into()),
            ..row(2, "大友　慎吾", "a@example.jp", None)
        };
        let plan = plan_registrations(&[stored], vec![incoming], AttendanceMode::Venue);
        assert!(
            plan.changed.is_empty(),
            "ｵｵﾄﾓ and オオトモ are stored the same: {plan:?}"
        );
    }
}

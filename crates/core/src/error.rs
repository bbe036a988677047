//! Errors of the domain rules, and the one way every Tsudoi error reaches a person.

use crate::i18n::Lang;
use crate::limits::FieldLimit;

/// An error that can be shown to a person: a stable `code` for programs (the UI switches on it,
/// never on text) and a message in the person's language that says what happened and what to do.
pub trait Localized {
    /// A stable, dotted identifier such as `validation.empty_name`.
    fn code(&self) -> &'static str;
    /// What happened and what to do, in `lang`.
    fn message(&self, lang: Lang) -> String;
}

/// Input that breaks a rule of the domain. Nothing is stored when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("the event title is empty")]
    EmptyTitle,
    #[error("the end time {end} is not after the start time {start}")]
    EndNotAfterStart { start: String, end: String },
    #[error("an event held at a venue needs a capacity of at least 1")]
    ZeroCapacity,
    #[error("the registration limit {limit} is below the capacity {capacity}")]
    LimitBelowCapacity { limit: u32, capacity: u32 },
    #[error("not a whole number: {0}")]
    BadNumber(String),
    #[error("a PIN or passphrase needs at least {min} characters")]
    PinTooShort { min: usize },
    #[error("the online URL does not start with http:// or https://: {0}")]
    BadUrl(String),
    #[error("not a date in the form YYYY-MM-DD: {0}")]
    BadDate(String),
    #[error("not a time in the form HH:MM: {0}")]
    BadTime(String),
    #[error("the name is empty")]
    EmptyName,
    #[error("the incident has no title")]
    EmptyIncidentTitle,
    #[error("not a date and time in the form YYYY-MM-DD HH:MM: {0}")]
    BadDateTime(String),
    #[error("not an email address: {0}")]
    BadEmail(String),
    #[error("a reason is required")]
    ReasonRequired,
    #[error("not a ticket code: {0}")]
    BadTicket(String),
    #[error("not a row or table of seats (LABEL:SEATS, 1 to 100 seats): {0}")]
    BadSeatBlock(String),
    #[error("two rows or tables are labelled {0}")]
    DuplicateSeatBlock(String),
    #[error("the seat plan has no free seat {0} in the person's zone")]
    SeatUnavailable(String),
    #[error("the {} is {found} characters long; at most {} are kept", limit.field, limit.max_chars)]
    TooLong { limit: FieldLimit, found: usize },
    /// People chosen for a printout (by their numbers) who are not among the event's standing
    /// registrations: cancelled, of another event, or no one.
    #[error("not registered for the event: {0}")]
    NotOnRoster(String),
    #[error("unknown {field}: {value}")]
    UnknownChoice {
        field: &'static str,
        value: String,
        allowed: String,
    },
}

impl Localized for ValidationError {
    fn code(&self) -> &'static str {
        match self {
            ValidationError::EmptyTitle => "validation.empty_title",
            ValidationError::EndNotAfterStart { .. } => "validation.end_not_after_start",
            ValidationError::ZeroCapacity => "validation.zero_capacity",
            ValidationError::LimitBelowCapacity { .. } => "validation.limit_below_capacity",
            ValidationError::BadNumber(_) => "validation.bad_number",
            ValidationError::PinTooShort { .. } => "validation.pin_too_short",
            ValidationError::BadUrl(_) => "validation.bad_url",
            ValidationError::BadDate(_) => "validation.bad_date",
            ValidationError::BadTime(_) => "validation.bad_time",
            ValidationError::EmptyName => "validation.empty_name",
            ValidationError::EmptyIncidentTitle => "validation.empty_incident_title",
            ValidationError::BadDateTime(_) => "validation.bad_date_time",
            ValidationError::BadEmail(_) => "validation.bad_email",
            ValidationError::BadTicket(_) => "validation.bad_ticket",
            ValidationError::ReasonRequired => "validation.reason_required",
            ValidationError::UnknownChoice { .. } => "validation.unknown_choice",
            ValidationError::BadSeatBlock(_) => "validation.bad_seat_block",
            ValidationError::DuplicateSeatBlock(_) => "validation.duplicate_seat_block",
            ValidationError::SeatUnavailable(_) => "validation.seat_unavailable",
            ValidationError::NotOnRoster(_) => "validation.not_on_roster",
            ValidationError::TooLong { .. } => "validation.too_long",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ValidationError::EmptyTitle, Lang::Ja) => "イベント名が空です。イベント名を入力してください。".into(),
            (ValidationError::EmptyTitle, Lang::En) => "The event title is empty. Enter a title.".into(),
            (ValidationError::EndNotAfterStart { start, end }, Lang::Ja) => {
                format!("終了時刻 {end} が開始時刻 {start} より後になっていません。時刻を確認してください。")
            }
            (ValidationError::EndNotAfterStart { start, end }, Lang::En) => {
                format!("The end time {end} is not after the start time {start}. Check the times.")
            }
            (ValidationError::ZeroCapacity, Lang::Ja) => {
                "会場で開催するイベントの定員は1以上にしてください。".into()
            }
            (ValidationError::ZeroCapacity, Lang::En) => {
                "An event held at a venue needs a capacity of at least 1.".into()
            }
            (ValidationError::LimitBelowCapacity { limit, capacity }, Lang::Ja) => format!(
                "申込の上限（{limit}人）が定員（{capacity}人）より少なくなっています。上限は定員以上にするか、空欄（定員まで）にしてください。"
            ),
            (ValidationError::LimitBelowCapacity { limit, capacity }, Lang::En) => format!(
                "The registration limit ({limit}) is below the capacity ({capacity}). Make it at least the capacity, or leave it empty (up to the capacity)."
            ),
            (ValidationError::PinTooShort { min }, Lang::Ja) => {
                format!("暗証番号（またはパスフレーズ）は {min} 文字以上にしてください。")
            }
            (ValidationError::PinTooShort { min }, Lang::En) => {
                format!("A PIN or passphrase needs at least {min} characters.")
            }
            (ValidationError::BadNumber(value), Lang::Ja) => {
                format!("「{value}」は数として読めません。120 のように数字で入力してください。")
            }
            (ValidationError::BadNumber(value), Lang::En) => {
                format!("“{value}” is not a whole number. Enter digits, like 120.")
            }
            (ValidationError::BadUrl(url), Lang::Ja) => format!(
                "オンラインURL「{url}」は http:// または https:// で始まっていません。URLを確認してください。"
            ),
            (ValidationError::BadUrl(url), Lang::En) => {
                format!("The online URL “{url}” does not start with http:// or https://. Check the URL.")
            }
            (ValidationError::BadDate(value), Lang::Ja) => {
                format!("「{value}」は日付として読めません。2026-07-25 のように入力してください。")
            }
            (ValidationError::BadDate(value), Lang::En) => {
                format!("“{value}” is not a date. Enter it like 2026-07-25.")
            }
            (ValidationError::BadTime(value), Lang::Ja) => {
                format!("「{value}」は時刻として読めません。13:30 のように入力してください。")
            }
            (ValidationError::BadTime(value), Lang::En) => {
                format!("“{value}” is not a time of day. Enter it like 13:30.")
            }
            (ValidationError::EmptyName, Lang::Ja) => "氏名が空です。氏名を入力してください。".into(),
            (ValidationError::EmptyName, Lang::En) => "The name is empty. Enter the person's name.".into(),
            (ValidationError::EmptyIncidentTitle, Lang::Ja) => {
                "インシデントの件名が空です。何が起きたかを一言で入力してください。".into()
            }
            (ValidationError::EmptyIncidentTitle, Lang::En) => {
                "The incident has no title. Say in a few words what happened.".into()
            }
            (ValidationError::BadDateTime(value), Lang::Ja) => {
                format!("「{value}」は日時として読めません。2026-07-25 13:30 のように入力してください。")
            }
            (ValidationError::BadDateTime(value), Lang::En) => {
                format!("“{value}” is not a date and time. Enter it like 2026-07-25 13:30.")
            }
            (ValidationError::BadEmail(value), Lang::Ja) => format!(
                "「{value}」はメールアドレスとして正しくありません。@ とドメインを確認するか、空欄にしてください。"
            ),
            (ValidationError::BadEmail(value), Lang::En) => format!(
                "“{value}” is not an email address. Check the @ and the domain, or leave it empty."
            ),
            (ValidationError::ReasonRequired, Lang::Ja) => {
                "理由を入力してください。理由は記録に残ります。".into()
            }
            (ValidationError::ReasonRequired, Lang::En) => "Give a reason; it is kept in the record.".into(),
            (ValidationError::BadTicket(value), Lang::Ja) => {
                format!("「{value}」は受付票のコードではありません。17文字の英数字を確認してください。")
            }
            (ValidationError::BadTicket(value), Lang::En) => {
                format!("“{value}” is not a ticket code. Check the 17 letters and digits.")
            }
            (ValidationError::UnknownChoice { field, value, allowed }, Lang::Ja) => {
                format!("{field} に「{value}」は使えません。次のいずれかを指定してください: {allowed}")
            }
            (ValidationError::UnknownChoice { field, value, allowed }, Lang::En) => {
                format!("“{value}” is not a valid {field}. Use one of: {allowed}")
            }
            (ValidationError::BadSeatBlock(value), Lang::Ja) => format!(
                "「{value}」は列・テーブルとして読めません。「A:10, B:10」のように、名前と席数（1〜100）をコロンで区切って入力してください。"
            ),
            (ValidationError::BadSeatBlock(value), Lang::En) => format!(
                "“{value}” is not a row or table. Write the label and its seats (1 to 100) like “A:10, B:10”."
            ),
            (ValidationError::DuplicateSeatBlock(label), Lang::Ja) => {
                format!("列・テーブル「{label}」が二つあります。名前を変えてください。")
            }
            (ValidationError::DuplicateSeatBlock(label), Lang::En) => {
                format!("Two rows or tables are labelled “{label}”. Rename one.")
            }
            (ValidationError::TooLong { limit, found }, Lang::Ja) => format!(
                "「{}」が長すぎます（{found} 文字。上限は {} 文字）。{} 文字以内に短くしてください。",
                limit.label(lang),
                limit.max_chars,
                limit.max_chars
            ),
            (ValidationError::TooLong { limit, found }, Lang::En) => format!(
                "The {} is too long ({found} characters; the limit is {}). Shorten it to {} characters or fewer.",
                limit.label(lang),
                limit.max_chars,
                limit.max_chars
            ),
            (ValidationError::SeatUnavailable(seat), Lang::Ja) => format!(
                "席「{seat}」は選べません（座席表にない、この人の席の区分にない、または使用中です）。空いている席を選んでください。"
            ),
            (ValidationError::SeatUnavailable(seat), Lang::En) => format!(
                "Seat “{seat}” cannot be given: it is not in the plan, not in the person's zone, or taken. Choose a free seat."
            ),
            (ValidationError::NotOnRoster(ids), Lang::Ja) => format!(
                "番号 {ids} の人はこのイベントの有効な申込者にいません（キャンセル済み、別のイベント、または存在しない番号）。何も書き出していません。参加者一覧で番号を確かめてから、もう一度出力してください。"
            ),
            (ValidationError::NotOnRoster(ids), Lang::En) => format!(
                "No standing registration of this event has the number {ids} (cancelled, another event's, or no one). Nothing was written. Check the numbers in the attendee list and export again."
            ),
        }
    }
}

/// The operating system's reason for a file error, in the person's language. The OS text itself is
/// English on most systems (and names no next step), so each common kind has our own words; any
/// other kind gives its OS error number, which a support person can look up.
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind::*;
    let (ja, en) = match error.kind() {
        NotFound => ("見つかりません", "not found"),
        PermissionDenied => ("権限がありません", "permission denied"),
        AlreadyExists => ("すでにあります", "already exists"),
        StorageFull => ("ディスクがいっぱいです", "the disk is full"),
        QuotaExceeded => ("使える容量を超えました", "the disk quota is exceeded"),
        ReadOnlyFilesystem => ("読み取り専用の場所です", "the location is read-only"),
        IsADirectory => ("フォルダーです", "it is a folder"),
        NotADirectory => (
            "途中にフォルダーでないものがあります",
            "a part of the path is not a folder",
        ),
        DirectoryNotEmpty => ("フォルダーが空ではありません", "the folder is not empty"),
        InvalidFilename => (
            "ファイル名が長すぎるか使えない文字を含みます",
            "the file name is too long or invalid",
        ),
        FileTooLarge => ("ファイルが大きすぎます", "the file is too large"),
        ResourceBusy | WouldBlock => ("ほかのアプリが使用中です", "another program is using it"),
        TimedOut => ("応答がありません", "it does not answer"),
        CrossesDevices => (
            "別のドライブへは移せません",
            "it cannot be moved to another drive",
        ),
        InvalidData | UnexpectedEof => (
            "中身が壊れているか途中で切れています",
            "its content is damaged or cut short",
        ),
        _ => {
            return match (lang, error.raw_os_error()) {
                (Lang::Ja, Some(n)) => format!("読み書きできません（OSのエラー番号 {n}）"),
                (Lang::Ja, None) => "読み書きできません".to_string(),
                (Lang::En, _) => format!("cannot be read or written ({error})"),
            }
        }
    };
    lang.pick(ja, en).to_string()
}

#[cfg(test)]
mod io_reason_tests {
    use super::*;

    #[test]
    fn file_errors_are_told_in_the_persons_language() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(io_reason(&denied, Lang::Ja), "権限がありません");
        let odd = std::io::Error::from_raw_os_error(71);
        let ja = io_reason(&odd, Lang::Ja);
        assert!(
            ja.contains("71") && !ja.is_ascii() && !ja.contains("Protocol"),
            "{ja}"
        );
    }
}

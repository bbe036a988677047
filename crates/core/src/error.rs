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
    #[error("the online URL does not start with http:// or https://: {0}")]
    BadUrl(String),
    #[error("not a date in the form YYYY-MM-DD: {0}")]
    BadDate(String),
    #[error("not a time in the form HH:MM: {0}")]
    BadTime(String),
    #[error("the name is empty")]
    EmptyName,
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
            ValidationError::BadUrl(_) => "validation.bad_url",
            ValidationError::BadDate(_) => "validation.bad_date",
            ValidationError::BadTime(_) => "validation.bad_time",
            ValidationError::EmptyName => "validation.empty_name",
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

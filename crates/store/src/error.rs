//! What can go wrong with the store, said so that a person knows what to do next.

use std::path::PathBuf;

use rusqlite::ErrorCode;
use tsudoi_core::money::MoneyError;
use tsudoi_core::{AttendeeId, EventId, Lang, Localized, ValidationError};

use crate::{APP_VERSION, SCHEMA_VERSION};

/// An error of the store. Whatever the variant, the data is as it was before the call.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a Tsudoi database (it is not an SQLite file, or another program's)")]
    NotTsudoi { path: PathBuf },
    #[error("{path} is damaged: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path} was written by a newer Tsudoi ({written_by}, schema {found}); this Tsudoi {APP_VERSION} reads schema up to {SCHEMA_VERSION}"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        written_by: String,
    },
    #[error("cannot create or read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path} is a folder, not a database file")]
    IsFolder { path: PathBuf },
    #[error("{path} cannot be written (read-only file or folder)")]
    ReadOnly { path: PathBuf },
    #[error("the disk is full; nothing was saved")]
    DiskFull,
    #[error(transparent)]
    Vault(#[from] tsudoi_vault::VaultError),
    #[error("the database is busy in another program")]
    Busy,
    #[error("no event has id {0}")]
    EventNotFound(EventId),
    #[error("no attendee has id {0}")]
    AttendeeNotFound(AttendeeId),
    #[error("no agenda item has id {0}")]
    AgendaItemNotFound(i64),
    #[error("no speaker has id {0}")]
    SpeakerNotFound(i64),
    #[error("no photo has id {0}")]
    PhotoNotFound(i64),
    #[error("agenda item {0} has minutes; it cannot be deleted")]
    AgendaItemHasMinutes(i64),
    #[error("no attempt at the door has id {0}")]
    AttemptNotFound(i64),
    #[error(
        "attempt {id} cannot be undone: only a person's latest entry or exit that passed and stands can"
    )]
    NotUndoable { id: i64 },
    #[error("the demo data is already in this database")]
    DemoAlreadyLoaded,
    #[error("no payee has id {0}")]
    PayeeNotFound(i64),
    #[error("no payment has id {0}")]
    PaymentNotFound(i64),
    #[error("payment {0} is already cancelled")]
    PaymentAlreadyVoid(i64),
    #[error("no ledger line has id {0}")]
    ExpenseNotFound(i64),
    #[error("no voucher has id {0}")]
    VoucherNotFound(i64),
    #[error("no staff time line has id {0}")]
    StaffTimeNotFound(i64),
    #[error("staff time line {0} is already voided")]
    StaffTimeAlreadyVoid(i64),
    #[error("the receipt {sha256} is already in the ledger (voucher {voucher_id})")]
    ReceiptAlreadyUsed { sha256: String, voucher_id: i64 },
    #[error("attendees {keep} and {absorb} cannot be merged: {why}")]
    CannotMerge {
        keep: AttendeeId,
        absorb: AttendeeId,
        why: MergeRefusal,
    },
    #[error("attendee {0} was deleted on request")]
    AttendeeErased(AttendeeId),
    #[error("the roster already has a person named {0}")]
    HandlerExists(String),
    #[error("the last information security officer cannot leave the roster or change role")]
    LastOfficer,
    #[error("nobody on the roster has number {0}")]
    HandlerNotFound(i64),
    #[error("the register of external services has no number {0}")]
    ServiceNotFound(i64),
    #[error("no incident has id {0}")]
    IncidentNotFound(i64),
    #[error("no mailing has id {0}")]
    MailingNotFound(i64),
    #[error(transparent)]
    Survey(#[from] tsudoi_core::survey::SurveyError),
    #[error("sheet {sheet} of this event is already entered")]
    DuplicateSheet { sheet: u32 },
    #[error("this ticket already answered the survey")]
    TicketAlreadyAnswered,
    #[error("event {0} has no questionnaire")]
    NoQuestionnaire(i64),
    #[error("no hearing has id {0}")]
    HearingNotFound(i64),
    #[error(transparent)]
    Validation(#[from] ValidationError),
    #[error(transparent)]
    Money(#[from] MoneyError),
    #[error("the system's random generator failed: {0}")]
    Random(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    /// Turns the SQLite conditions a person can act on into their own variants.
    fn from(error: rusqlite::Error) -> StoreError {
        match error.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(error),
        }
    }
}

impl Localized for StoreError {
    fn code(&self) -> &'static str {
        match self {
            StoreError::NotTsudoi { .. } => "store.not_tsudoi",
            StoreError::Corrupt { .. } => "store.corrupt",
            StoreError::NewerSchema { .. } => "store.newer_schema",
            StoreError::Io { .. } => "store.io",
            StoreError::ReadOnly { .. } => "store.read_only",
            StoreError::IsFolder { .. } => "store.is_folder",
            StoreError::DiskFull => "store.disk_full",
            StoreError::Vault(e) => e.code(),
            StoreError::Busy => "store.busy",
            StoreError::EventNotFound(_) => "store.event_not_found",
            StoreError::AttendeeNotFound(_) => "store.attendee_not_found",
            StoreError::AttemptNotFound(_) => "store.attempt_not_found",
            StoreError::AgendaItemNotFound(_) => "store.agenda_item_not_found",
            StoreError::SpeakerNotFound(_) => "store.speaker_not_found",
            StoreError::PhotoNotFound(_) => "store.photo_not_found",
            StoreError::AgendaItemHasMinutes(_) => "store.agenda_item_has_minutes",
            StoreError::NotUndoable { .. } => "store.not_undoable",
            StoreError::DemoAlreadyLoaded => "store.demo_already_loaded",
            StoreError::PayeeNotFound(_) => "store.payee_not_found",
            StoreError::PaymentNotFound(_) => "store.payment_not_found",
            StoreError::PaymentAlreadyVoid(_) => "store.payment_already_void",
            StoreError::ExpenseNotFound(_) => "store.expense_not_found",
            StoreError::VoucherNotFound(_) => "store.voucher_not_found",
            StoreError::StaffTimeNotFound(_) => "store.staff_time_not_found",
            StoreError::StaffTimeAlreadyVoid(_) => "store.staff_time_already_void",
            StoreError::ReceiptAlreadyUsed { .. } => "store.receipt_already_used",
            StoreError::CannotMerge { why, .. } => why.code(),
            StoreError::AttendeeErased(_) => "store.attendee_erased",
            StoreError::HandlerExists(_) => "store.handler_exists",
            StoreError::LastOfficer => "store.last_officer",
            StoreError::HandlerNotFound(_) => "store.handler_not_found",
            StoreError::ServiceNotFound(_) => "store.service_not_found",
            StoreError::IncidentNotFound(_) => "store.incident_not_found",
            StoreError::Survey(inner) => inner.code(),
            StoreError::DuplicateSheet { .. } => "store.duplicate_sheet",
            StoreError::TicketAlreadyAnswered => "store.ticket_already_answered",
            StoreError::NoQuestionnaire(_) => "store.no_questionnaire",
            StoreError::HearingNotFound(_) => "store.hearing_not_found",
            StoreError::MailingNotFound(_) => "store.mailing_not_found",
            StoreError::Validation(inner) => inner.code(),
            StoreError::Money(inner) => inner.code(),
            StoreError::Random(_) => "store.random",
            StoreError::Sqlite(_) => "store.sqlite",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::CannotMerge { why, .. }, lang) => why.message(lang),
            (StoreError::ServiceNotFound(id), Lang::Ja) => {
                format!("外部サービスの登録に {id} 番はありません。tsudoi service list で番号を確かめてください。")
            }
            (StoreError::ServiceNotFound(id), Lang::En) => {
                format!("The register of external services has no number {id}. Check with tsudoi service list.")
            }
            (StoreError::HandlerNotFound(id), Lang::Ja) => {
                format!("情報取扱者名簿に {id} 番の方はいません。tsudoi handler list で番号を確かめてください。")
            }
            (StoreError::HandlerNotFound(id), Lang::En) => {
                format!("Nobody on the roster has number {id}. Check the numbers with tsudoi handler list.")
            }
            (StoreError::LastOfficer, Lang::Ja) => {
                "情報管理責任者がいなくなるため、この変更はできません。先に別の方を情報管理責任者として登録してください。何も変更していません。".into()
            }
            (StoreError::LastOfficer, Lang::En) => {
                "This would leave the roster without an information security officer. Register another officer first. Nothing was changed.".into()
            }
            (StoreError::HandlerExists(name), Lang::Ja) => format!(
                "情報取扱者名簿に「{name}」さんはすでにいます。同姓同名の方は部署などを名前に添えて区別してください。"
            ),
            (StoreError::HandlerExists(name), Lang::En) => format!(
                "The roster already has {name}. For a namesake, add a department to the name to tell them apart."
            ),
            (StoreError::AttendeeErased(_), Lang::Ja) => {
                "この方は本人の申し出により削除済みです。個人情報は残っていません。".into()
            }
            (StoreError::AttendeeErased(_), Lang::En) => {
                "This person was deleted on request; none of their personal data is left.".into()
            }
            (StoreError::NotTsudoi { path }, Lang::Ja) => format!(
                "「{}」は集い（Tsudoi）のデータベースではありません。ファイルは変更していません。正しいファイルを --db または環境変数 TSUDOI_DB で指定してください。",
                path.display()
            ),
            (StoreError::NotTsudoi { path }, Lang::En) => format!(
                "“{}” is not a Tsudoi database. The file was not changed. Choose the right file with --db or the TSUDOI_DB environment variable.",
                path.display()
            ),
            (StoreError::Corrupt { path, detail }, Lang::Ja) => format!(
                "「{}」は壊れているため開けません（{detail}）。ファイルは変更していません。バックアップから戻すか、システム担当者に連絡してください。",
                path.display()
            ),
            (StoreError::Corrupt { path, detail }, Lang::En) => format!(
                "“{}” is damaged and cannot be opened ({detail}). The file was not changed. Restore a backup or contact your administrator.",
                path.display()
            ),
            (StoreError::NewerSchema { path, found, written_by }, Lang::Ja) => format!(
                "「{}」は新しい版の集い（{written_by}、スキーマ版 {found}）で保存されています。この集い（{APP_VERSION}）はスキーマ版 {SCHEMA_VERSION} までしか読めません。ファイルは変更していません。集いを更新してから開いてください。",
                path.display()
            ),
            (StoreError::NewerSchema { path, found, written_by }, Lang::En) => format!(
                "“{}” was saved by a newer Tsudoi ({written_by}, schema version {found}). This Tsudoi ({APP_VERSION}) reads schema versions up to {SCHEMA_VERSION}. The file was not changed. Update Tsudoi, then open it again.",
                path.display()
            ),
            (StoreError::Io { path, source }, Lang::Ja) => format!(
                "「{}」を作成または読み込みできません（{}）。フォルダーの場所と権限を確認してください。",
                path.display(),
                tsudoi_core::error::io_reason(source, Lang::Ja)
            ),
            (StoreError::Io { path, source }, Lang::En) => format!(
                "Cannot create or read “{}” ({}). Check the folder and its permissions.",
                path.display(),
                tsudoi_core::error::io_reason(source, Lang::En)
            ),
            (StoreError::IsFolder { path }, Lang::Ja) => format!(
                "「{}」はフォルダーです。データベースのファイル（例: {}）を指定してください。",
                path.display(),
                path.join("tsudoi.sqlite3").display()
            ),
            (StoreError::IsFolder { path }, Lang::En) => format!(
                "“{}” is a folder. Give the database file instead (for example {}).",
                path.display(),
                path.join("tsudoi.sqlite3").display()
            ),
            (StoreError::ReadOnly { path }, Lang::Ja) => format!(
                "「{}」に書き込めません（読み取り専用）。書き込めるフォルダーにコピーするか、権限を確認してください。",
                path.display()
            ),
            (StoreError::ReadOnly { path }, Lang::En) => format!(
                "“{}” cannot be written (read-only). Copy it to a folder you can write to, or check its permissions.",
                path.display()
            ),
            (StoreError::DiskFull, Lang::Ja) => {
                "ディスクの空き容量が足りないため保存できませんでした。データは操作の前のままです。空き容量を確保してから、もう一度操作してください。".into()
            }
            (StoreError::DiskFull, Lang::En) => {
                "The disk is full, so nothing was saved; the data is as it was. Free some space, then try again.".into()
            }
            (StoreError::Vault(e), lang) => e.message(lang),
            (StoreError::Busy, Lang::Ja) => {
                "データベースが別のプログラムで使用中です。少し待ってから、もう一度操作してください。".into()
            }
            (StoreError::Busy, Lang::En) => {
                "The database is in use by another program. Wait a moment, then try again.".into()
            }
            (StoreError::AgendaItemNotFound(id), Lang::Ja) => {
                format!("ID {id} の次第の項目はありません。画面を開き直してください。")
            }
            (StoreError::AgendaItemNotFound(id), Lang::En) => {
                format!("There is no agenda item with id {id}. Reopen the page.")
            }
            (StoreError::SpeakerNotFound(id), Lang::Ja) => format!("ID {id} の登壇者はいません。`tsudoi speaker list` で確認してください。"),
            (StoreError::SpeakerNotFound(id), Lang::En) => format!("There is no speaker with id {id}. Check `tsudoi speaker list`."),
            (StoreError::PhotoNotFound(id), Lang::Ja) => format!("ID {id} の写真はありません。画面を開き直してください。"),
            (StoreError::PhotoNotFound(id), Lang::En) => format!("There is no photo with id {id}. Reopen the page."),
            (StoreError::AgendaItemHasMinutes(_), Lang::Ja) => {
                "この項目には議事録のメモがあるため削除できません。メモを他の項目に移すか消してから削除してください。".into()
            }
            (StoreError::AgendaItemHasMinutes(_), Lang::En) => {
                "This item has notes in the minutes, so it cannot be deleted. Move or clear the notes first.".into()
            }
            (StoreError::EventNotFound(id), Lang::Ja) => format!(
                "ID {id} のイベントはありません。`tsudoi event list` またはイベント一覧でIDを確認してください。"
            ),
            (StoreError::EventNotFound(id), Lang::En) => {
                format!("There is no event with id {id}. Check the id with `tsudoi event list` or the event list.")
            }
            (StoreError::AttendeeNotFound(id), Lang::Ja) => format!(
                "ID {} の参加者はいません。参加者一覧でIDを確認してください。",
                id.0
            ),
            (StoreError::AttendeeNotFound(id), Lang::En) => {
                format!("There is no attendee with id {}. Check the id in the attendee list.", id.0)
            }
            (StoreError::AttemptNotFound(id), Lang::Ja) => {
                format!("受付記録 {id} は見つかりません。受付履歴で番号を確認してください。")
            }
            (StoreError::AttemptNotFound(id), Lang::En) => {
                format!("There is no door record {id}. Check the number in the desk's log.")
            }
            (StoreError::NotUndoable { id }, Lang::Ja) => format!(
                "受付記録 {id} は取り消せません。取り消せるのは、その人の最後の入場・退場（成立していて、まだ取り消されていないもの）だけです。"
            ),
            (StoreError::NotUndoable { id }, Lang::En) => format!(
                "Door record {id} cannot be undone: only the person's latest entry or exit that passed and was not undone yet can be."
            ),
            (StoreError::DemoAlreadyLoaded, Lang::Ja) => {
                "デモデータはこのデータベースに読み込み済みです。もう一度読み込む必要はありません。".into()
            }
            (StoreError::DemoAlreadyLoaded, Lang::En) => {
                "The demo data is already in this database; there is no need to load it again.".into()
            }
            (StoreError::PayeeNotFound(id), Lang::Ja) => format!("ID {id} の受取人はいません。受取人一覧でIDを確認してください。"),
            (StoreError::PayeeNotFound(id), Lang::En) => format!("There is no payee with id {id}. Check the id in the payee list."),
            (StoreError::PaymentNotFound(id), Lang::Ja) => format!("ID {id} の支払はありません。支払一覧でIDを確認してください。"),
            (StoreError::PaymentNotFound(id), Lang::En) => format!("There is no payment with id {id}. Check the id in the payment list."),
            (StoreError::PaymentAlreadyVoid(id), Lang::Ja) => format!("支払 {id} はすでに取り消されています。もう一度取り消す必要はありません。"),
            (StoreError::PaymentAlreadyVoid(id), Lang::En) => format!("Payment {id} is already cancelled; there is nothing more to do."),
            (StoreError::ExpenseNotFound(id), Lang::Ja) => format!("ID {id} の経費の行はありません。経費一覧でIDを確認してください。"),
            (StoreError::ExpenseNotFound(id), Lang::En) => format!("There is no ledger line with id {id}. Check the id in the expense list."),
            (StoreError::VoucherNotFound(id), Lang::Ja) => format!("ID {id} の伝票はありません。経費一覧で伝票番号を確認してください。"),
            (StoreError::VoucherNotFound(id), Lang::En) => format!("There is no voucher with id {id}. Check the number in the expense list."),
            (StoreError::Survey(inner), lang) => inner.message(lang),
            (StoreError::DuplicateSheet { sheet }, Lang::Ja) => format!(
                "用紙 {sheet} 番はすでに入力されています。用紙の番号を確かめてください（同じ用紙は一度だけ入力します）。"
            ),
            (StoreError::DuplicateSheet { sheet }, Lang::En) => format!(
                "Sheet {sheet} is already entered. Check the sheet's number (each sheet is entered once)."
            ),
            (StoreError::TicketAlreadyAnswered, Lang::Ja) => "この受付票ではすでにアンケートに回答済みです。ご協力ありがとうございました。".to_string(),
            (StoreError::TicketAlreadyAnswered, Lang::En) => "This ticket has already answered the survey. Thank you for taking part.".to_string(),
            (StoreError::NoQuestionnaire(event), Lang::Ja) => format!(
                "イベント {event} にはアンケートがありません。Forms の回答を取り込むか、設問を作ってください。"
            ),
            (StoreError::NoQuestionnaire(event), Lang::En) => format!(
                "Event {event} has no questionnaire. Import a Forms answers file, or write the questions."
            ),
            (StoreError::HearingNotFound(id), Lang::Ja) => {
                format!("ID {id} のヒアリングの記録はありません。一覧でIDを確認してください。")
            }
            (StoreError::HearingNotFound(id), Lang::En) => {
                format!("There is no hearing with id {id}. Check the id in the list.")
            }
            (StoreError::MailingNotFound(id), Lang::Ja) => {
                format!("ID {id} のメール送信はありません。`tsudoi mail status` の一覧でIDを確認してください。")
            }
            (StoreError::MailingNotFound(id), Lang::En) => {
                format!("There is no mailing with id {id}. Check the id in the list of mailings.")
            }
            (StoreError::IncidentNotFound(id), Lang::Ja) => {
                format!("ID {id} のインシデントの記録はありません。一覧でIDを確認してください。")
            }
            (StoreError::IncidentNotFound(id), Lang::En) => {
                format!("There is no incident record with id {id}. Check the id in the list.")
            }
            (StoreError::StaffTimeNotFound(id), Lang::Ja) => format!("ID {id} の従事時間の行はありません。一覧でIDを確認してください。"),
            (StoreError::StaffTimeNotFound(id), Lang::En) => format!("There is no staff time line with id {id}. Check the id in the list."),
            (StoreError::StaffTimeAlreadyVoid(id), Lang::Ja) => format!("従事時間の行 {id} はすでに取り消されています。"),
            (StoreError::StaffTimeAlreadyVoid(id), Lang::En) => format!("Staff time line {id} is already voided."),
            (StoreError::ReceiptAlreadyUsed { voucher_id, .. }, Lang::Ja) => format!("この領収書は伝票 {voucher_id} ですでに計上されています。同じ領収書を二重に計上することはできません。複数の費目に分けるときは、一つの伝票の中で行を分けてください。"),
            (StoreError::ReceiptAlreadyUsed { voucher_id, .. }, Lang::En) => format!("This receipt is already booked on voucher {voucher_id}; the same receipt cannot be booked twice. To split it over categories, add lines to one voucher."),
            (StoreError::Validation(inner), lang) => inner.message(lang),
            (StoreError::Money(inner), lang) => inner.message(lang),
            (StoreError::Random(inner), Lang::Ja) => format!(
                "受付票のコードを作るための乱数が得られませんでした（{inner}）。何も保存していません。もう一度操作してください。"
            ),
            (StoreError::Random(inner), Lang::En) => format!(
                "The system's random generator failed ({inner}), so no ticket code could be made. Nothing was saved. Try again."
            ),
            (StoreError::Sqlite(inner), Lang::Ja) => format!(
                "データベースの操作に失敗しました（{inner}）。データは操作の前のままです。繰り返し起きる場合はシステム担当者に連絡してください。"
            ),
            (StoreError::Sqlite(inner), Lang::En) => format!(
                "A database operation failed ({inner}); the data is as it was. If it happens again, contact your administrator."
            ),
        }
    }
}

/// Why two registrations cannot become one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeRefusal {
    /// The same registration twice.
    SamePerson,
    /// Registrations of two events are two visits, not one person typed twice.
    OtherEvent,
    /// Both passed the door: one of the check-ins must be undone first, or the count would
    /// hold the person twice.
    BothCheckedIn,
}

impl std::fmt::Display for MergeRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Localized for MergeRefusal {
    fn code(&self) -> &'static str {
        match self {
            MergeRefusal::SamePerson => "merge.same_person",
            MergeRefusal::OtherEvent => "merge.other_event",
            MergeRefusal::BothCheckedIn => "merge.both_checked_in",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (MergeRefusal::SamePerson, Lang::Ja) => "同じ登録どうしは統合できません。別の方を選んでください。".into(),
            (MergeRefusal::SamePerson, Lang::En) => "A registration cannot be merged with itself. Choose another one.".into(),
            (MergeRefusal::OtherEvent, Lang::Ja) => {
                "別のイベントの登録とは統合できません。同じイベントの登録を選んでください。".into()
            }
            (MergeRefusal::OtherEvent, Lang::En) => {
                "Registrations of different events cannot be merged. Choose one of the same event.".into()
            }
            (MergeRefusal::BothCheckedIn, Lang::Ja) => {
                "両方の登録に受付の記録があります。受付で片方の受付を取り消してから統合してください。何も変更していません。".into()
            }
            (MergeRefusal::BothCheckedIn, Lang::En) => {
                "Both registrations were checked in. Undo one of the check-ins at the desk, then merge. Nothing was changed.".into()
            }
        }
    }
}

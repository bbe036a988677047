//! Why a use case could not be done: one error type for both doors, with a stable code and a
//! message per language that says what happened and what to do. Nothing changed when one of
//! these is returned, unless the message says otherwise.

use std::path::PathBuf;

use tsudoi_core::{Lang, Localized, ValidationError};
use tsudoi_exchange::export::ExportError;
use tsudoi_exchange::photos::PhotoError;
use tsudoi_exchange::ImportError;
use tsudoi_files::OutputRefusal;
use tsudoi_report::ReportError;
use tsudoi_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Photo(#[from] PhotoError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error("cannot read or write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("will not write to {path}: {refusal:?}")]
    Output { path: PathBuf, refusal: OutputRefusal },
    /// Category words no rule knows: a person decides each before the import runs (a guess such
    /// as その他 would seat an official among the public).
    #[error("category words not decided: {0:?}")]
    CategoriesUndecided(Vec<String>),
    #[error("{permission:?} is not allowed for {role:?}")]
    NotPermitted {
        permission: tsudoi_core::handler::Permission,
        role: Option<tsudoi_core::handler::HandlerRole>,
    },
    #[error("the first person on the roster must be the information security officer")]
    FirstHandlerIsOfficer,
    /// A statement or receipt asked for a payee with no payment that stands.
    #[error("no payment to {payee} to print")]
    NoPaymentToPrint { payee: String },
    /// A ticket scanned at the survey kiosk is not a standing registration of the event.
    #[error("the ticket is not a registration of this event")]
    KioskTicketUnknown,
    /// The contract period was given with only one of its two days.
    #[error("the contract period needs both its first and its last day")]
    PeriodIncomplete,
    #[error("wrong name or PIN")]
    SignInRefused,
    #[error("too many wrong PINs; wait {seconds} s")]
    SignInWait { seconds: i64 },
    #[error("cryptography failed: {0}")]
    Crypto(String),
    #[error(transparent)]
    Key(#[from] tsudoi_vault::VaultError),
    #[error(transparent)]
    Vault(#[from] crate::vault::VaultRefusal),
    #[error(transparent)]
    Erasure(#[from] crate::erasure::ErasureRefusal),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailRefusal),
    /// The public edition of the project report waits for a person's decision on passages that
    /// name a registered person.
    #[error("{n} flagged passages are not resolved")]
    ReportFlagsUnresolved { n: u32 },
    /// A decision was asked for a passage that is not flagged (any more).
    #[error("no such flagged passage")]
    ReportFlagUnknown,
}

impl AppError {
    pub(crate) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> AppError + '_ {
        move |source| AppError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

use tsudoi_core::error::io_reason;

impl Localized for AppError {
    fn code(&self) -> &'static str {
        match self {
            AppError::Store(e) => e.code(),
            AppError::Invalid(e) => e.code(),
            AppError::Import(e) => e.code(),
            AppError::Export(e) => e.code(),
            AppError::Photo(e) => e.code(),
            AppError::CategoriesUndecided(_) => "import.category_undecided",
            AppError::NotPermitted { role: None, .. } => "auth.sign_in_required",
            AppError::NotPermitted { .. } => "auth.not_permitted",
            AppError::FirstHandlerIsOfficer => "auth.first_is_officer",
            AppError::NoPaymentToPrint { .. } => "payment.none_to_print",
            AppError::KioskTicketUnknown => "survey.kiosk_ticket_unknown",
            AppError::PeriodIncomplete => "budget.period_incomplete",
            AppError::SignInRefused => "auth.sign_in_refused",
            AppError::SignInWait { .. } => "auth.wait",
            AppError::Crypto(_) => "auth.crypto",
            AppError::Key(e) => e.code(),
            AppError::Vault(e) => e.code(),
            AppError::Erasure(e) => e.code(),
            AppError::Mail(e) => e.code(),
            AppError::Report(e) => e.code(),
            AppError::ReportFlagsUnresolved { .. } => "report.flags_unresolved",
            AppError::ReportFlagUnknown => "report.flag_unknown",
            AppError::Io { .. } => "file.io",
            AppError::Output { refusal, .. } => match refusal {
                OutputRefusal::Exists => "file.exists",
                OutputRefusal::Symlink => "file.symlink",
                OutputRefusal::NotAFile => "file.not_regular",
            },
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Store(e) => e.message(lang),
            AppError::Invalid(e) => e.message(lang),
            AppError::NotPermitted { permission, role } => {
                let who = permission.least_role().label(lang);
                let what = permission.label(lang);
                match (role, lang) {
                    (None, Lang::Ja) => format!(
                        "「{what}」は情報取扱者名簿の方だけができます。{who}以上の方がサインインしてから、もう一度操作してください。何も変更していません。"
                    ),
                    (None, Lang::En) => format!(
                        "“{what}” is only for people on the handler roster. Sign in as a {who} or above, then try again. Nothing was changed."
                    ),
                    (Some(role), Lang::Ja) => format!(
                        "{}の方は「{what}」ができません。{who}以上の方に頼んでください。何も変更していません。",
                        role.label(lang)
                    ),
                    (Some(role), Lang::En) => format!(
                        "A {} may not do “{what}”. Ask a {who} or above. Nothing was changed.",
                        role.label(lang)
                    ),
                }
            }
            AppError::KioskTicketUnknown => lang
                .pick(
                    "この受付票はこの回の参加登録として見つかりません。受付票なしでも回答できます（匿名）。",
                    "This ticket is not a registration of this event. You can answer without a ticket (anonymously).",
                )
                .to_string(),
            AppError::NoPaymentToPrint { payee } => match lang {
                Lang::Ja => format!(
                    "{payee} さんへの支払（取り消していないもの）がないため、書き出しませんでした。先に支払を登録するか、受取人を確認してください。"
                ),
                Lang::En => format!(
                    "There is no payment to {payee} that stands, so nothing was written. Record the payment first, or check the payee."
                ),
            },
            AppError::PeriodIncomplete => lang
                .pick(
                    "事業期間は開始日と終了日の両方を入力してください（例: 2026-04-01 と 2027-03-31）。",
                    "Enter both days of the contract period (say 2026-04-01 and 2027-03-31).",
                )
                .to_string(),
            AppError::FirstHandlerIsOfficer => lang
                .pick(
                    "名簿に最初に登録するのは情報管理責任者です。役割を「情報管理責任者」にして登録してください。",
                    "The first person on the roster is the information security officer. Choose that role.",
                )
                .to_string(),
            AppError::SignInRefused => lang
                .pick(
                    "名前か暗証番号が違います。もう一度入力してください。続けて間違えると、しばらく待つ必要があります。",
                    "The name or the PIN is wrong. Try again; after several wrong tries you will have to wait.",
                )
                .to_string(),
            AppError::SignInWait { seconds } => match lang {
                Lang::Ja => format!("暗証番号の間違いが続いたため、あと {seconds} 秒待ってからサインインしてください。"),
                Lang::En => format!("Too many wrong PINs: wait {seconds} seconds, then sign in."),
            },
            AppError::Key(e) => e.message(lang),
            AppError::Vault(e) => e.message(lang),
            AppError::Erasure(e) => e.message(lang),
            AppError::Mail(e) => e.message(lang),
            AppError::Crypto(detail) => match lang {
                Lang::Ja => format!("暗号の処理に失敗しました（{detail}）。何も変更していません。もう一度操作してください。"),
                Lang::En => format!("A cryptographic step failed ({detail}). Nothing was changed. Try again."),
            },
            AppError::CategoriesUndecided(words) => {
                let list = words
                    .iter()
                    .map(|w| format!("「{w}」"))
                    .collect::<Vec<_>>()
                    .join("、");
                match lang {
                    Lang::Ja => format!(
                        "区分の語 {list} をどの区分にするか決まっていません。取り込み画面でそれぞれ区分を選んでから、取り込んでください。何も取り込んでいません。"
                    ),
                    Lang::En => format!(
                        "The category words {list} have no category yet. Choose one for each in the import screen, then import. Nothing was imported."
                    ),
                }
            }
            AppError::Import(e) => e.message(lang),
            AppError::Export(e) => e.message(lang),
            AppError::Photo(e) => e.message(lang),
            AppError::Report(e) => e.message(lang),
            AppError::ReportFlagsUnresolved { n } => match lang {
                Lang::Ja => format!(
                    "参加者の名前を含む段落が {n} か所あり、まだ「そのまま掲載」か「書き換え」が決まっていません。報告書ページ（CLI では tsudoi report flags）で一つずつ決めてから、公表用を出力してください。何も書き出していません。"
                ),
                Lang::En => format!(
                    "{n} paragraphs name a registered person and have no decision yet (keep or rewrite). Decide each on the report page (tsudoi report flags on the command line), then export the public edition. Nothing was written."
                ),
            },
            AppError::ReportFlagUnknown => lang
                .pick(
                    "その段落は今は指摘の対象ではありません（文章が変わった可能性があります）。指摘の一覧を読み直してから、もう一度決めてください。",
                    "That paragraph is not flagged now (its text may have changed). Read the list of flags again, then decide.",
                )
                .to_string(),
            AppError::Io { path, source } => {
                let reason = io_reason(source, lang);
                match lang {
                    Lang::Ja => format!(
                        "「{}」を読み書きできません（{reason}）。場所と権限、ほかのアプリで開いていないかを確かめてください。データは変わっていません。",
                        path.display()
                    ),
                    Lang::En => format!(
                        "Cannot read or write “{}” ({reason}). Check the location, the permissions and that no other program has it open. No data changed.",
                        path.display()
                    ),
                }
            }
            AppError::Output { path, refusal } => {
                let path = path.display();
                match (refusal, lang) {
                    (OutputRefusal::Exists, Lang::Ja) => format!("「{path}」はすでにあります。別の名前にするか、上書きを選んでください（CLI では --force）。何も書き出していません。"),
                    (OutputRefusal::Exists, Lang::En) => format!("“{path}” already exists. Choose another name, or choose to replace it (--force on the command line). Nothing was written."),
                    (OutputRefusal::Symlink, Lang::Ja) => format!("「{path}」はシンボリックリンクです。リンク先を上書きしないよう、書き出しを止めました。通常のファイル名を指定してください。"),
                    (OutputRefusal::Symlink, Lang::En) => format!("“{path}” is a symbolic link. Nothing was written, so that whatever it points to is not replaced. Give an ordinary file name."),
                    (OutputRefusal::NotAFile, Lang::Ja) => format!("「{path}」は通常のファイルではありません（フォルダーや装置など）。書き出し先にはファイル名を指定してください。"),
                    (OutputRefusal::NotAFile, Lang::En) => format!("“{path}” is not an ordinary file (a folder, a device …). Give a file name to write to."),
                }
            }
        }
    }
}

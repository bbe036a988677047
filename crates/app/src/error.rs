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
            AppError::Report(e) => e.code(),
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

//! What a failed command reports: a coded error for `--json`, a message for people.

use tsudoi_core::{Lang, Localized};

pub struct Failure {
    pub code: &'static str,
    pub message: String,
    /// The command already printed its JSON document (a refusal at the door is a result).
    pub reported: bool,
}

impl Failure {
    pub fn from_error(error: &impl Localized, lang: Lang) -> Failure {
        Failure {
            code: error.code(),
            message: error.message(lang),
            reported: false,
        }
    }

    pub fn missing_argument(names: &str, lang: Lang) -> Failure {
        Failure {
            code: "cli.missing_argument",
            reported: false,
            message: match lang {
                Lang::Ja => format!("{names} を指定してください。"),
                Lang::En => format!("Give {names}."),
            },
        }
    }
}

/// `?` on a use case's or a rule's error inside a command: the error in the command's language.
pub trait OrFail<T> {
    fn or_fail(self, lang: Lang) -> Result<T, Failure>;
}

impl<T, E: Localized> OrFail<T> for Result<T, E> {
    fn or_fail(self, lang: Lang) -> Result<T, Failure> {
        self.map_err(|e| Failure::from_error(&e, lang))
    }
}

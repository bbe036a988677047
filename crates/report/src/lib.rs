//! Tsudoi's documents: QR images of tickets and printable PDFs.
//!
//! Architecture invariant: this crate turns core's types into bytes. It never opens the store,
//! never touches the disk, and never decides anything: the caller hands it what to draw and
//! writes what it makes.

#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod agenda;
pub mod docx;
pub mod erasure;
pub mod fonts;
pub mod handler_roster;
pub mod incident;
pub mod payment;
pub mod printouts;
pub mod project_report;
pub mod qr;
pub mod seat_chart;
pub mod security;
pub mod settlement;
pub mod survey;
pub mod tickets;
mod typst_world;

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot encode the QR code: {0}")]
    Qr(#[from] qrcode::types::QrError),
    #[error("cannot write the PNG image: {0}")]
    Png(#[from] png::EncodingError),
    #[error("cannot lay out the document: {0}")]
    Typst(String),
    /// A character of the data none of Tsudoi's fonts can draw: printing it would leave a box
    /// on paper and a gap in the text layer, so the document is refused instead.
    #[error("“{character}” ({code}) in the {field} “{text}” is in none of the document fonts", code = fonts::code_point(*.character))]
    MissingGlyph {
        character: char,
        /// The text it is in (cut around it when long).
        text: String,
        /// The field of the document's data (`name`, `organization`, `title`, `body`, …).
        field: String,
        /// The person's name or the item's title the text belongs to, when it belongs to one.
        owner: Option<String>,
        /// Whether the text is in a person's record (then `title` is a job title).
        person: bool,
    },
}

impl tsudoi_core::Localized for ReportError {
    fn code(&self) -> &'static str {
        match self {
            ReportError::Qr(_) | ReportError::Png(_) => "report.image",
            ReportError::Typst(_) => "report.layout",
            ReportError::MissingGlyph { .. } => "report.missing_glyph",
        }
    }

    fn message(&self, lang: tsudoi_core::Lang) -> String {
        use tsudoi_core::Lang;
        match (self, lang) {
            (
                ReportError::MissingGlyph {
                    character,
                    text,
                    field,
                    owner,
                    person,
                },
                lang,
            ) => {
                let (field_ja, field_en) = fonts::field_label(field, *person);
                let shown = fonts::quoted(*character, lang);
                let code = fonts::code_point(*character);
                match (lang, owner) {
                    (Lang::Ja, Some(owner)) => format!(
                        "{shown}（{code}）は Tsudoi の文書用フォントにない文字のため、文書を作成しませんでした。何も書き出していません。場所: 「{owner}」の{field_ja}「{text}」。この文字を別の文字（常用の字形など）に置き換えるか削除してから、もう一度出力してください。"
                    ),
                    (Lang::Ja, None) => format!(
                        "{shown}（{code}）は Tsudoi の文書用フォントにない文字のため、文書を作成しませんでした。何も書き出していません。場所: {field_ja}「{text}」。この文字を別の文字（常用の字形など）に置き換えるか削除してから、もう一度出力してください。"
                    ),
                    (Lang::En, Some(owner)) => format!(
                        "{shown} ({code}) is in none of Tsudoi's document fonts, so the document was not made. Nothing was written. Where: the {field_en} “{text}” of “{owner}”. Replace the character with another (a common form) or delete it, then export again."
                    ),
                    (Lang::En, None) => format!(
                        "{shown} ({code}) is in none of Tsudoi's document fonts, so the document was not made. Nothing was written. Where: the {field_en} “{text}”. Replace the character with another (a common form) or delete it, then export again."
                    ),
                }
            }
            (other, Lang::Ja) => format!(
                "文書を作成できませんでした（{other}）。何も書き出していません。もう一度出力し、同じ表示が出るときはこの文面を添えてサポートに連絡してください。"
            ),
            (other, Lang::En) => format!(
                "The document could not be made ({other}). Nothing was written. Try again; if the same message appears, send it to support."
            ),
        }
    }
}

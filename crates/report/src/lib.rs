//! Tsudoi's documents: QR images of tickets and printable PDFs.
//!
//! Architecture invariant: this crate turns core's types into bytes. It never opens the store,
//! never touches the disk, and never decides anything: the caller hands it what to draw and
//! writes what it makes.

#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod agenda;
pub mod qr;
pub mod seat_chart;
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
}

impl tsudoi_core::Localized for ReportError {
    fn code(&self) -> &'static str {
        match self {
            ReportError::Qr(_) | ReportError::Png(_) => "report.image",
            ReportError::Typst(_) => "report.layout",
        }
    }

    fn message(&self, lang: tsudoi_core::Lang) -> String {
        use tsudoi_core::Lang;
        match (self, lang) {
            (other, Lang::Ja) => format!(
                "文書を作成できませんでした（{other}）。何も書き出していません。フォント（fonts-noto-cjk など）を確認してください。"
            ),
            (other, Lang::En) => format!(
                "The document could not be made ({other}). Nothing was written. Check that Japanese fonts are installed."
            ),
        }
    }
}

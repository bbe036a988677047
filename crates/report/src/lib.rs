//! Tsudoi's documents: QR images of tickets now; printable PDFs and exports as they arrive.
//!
//! Architecture invariant: this crate turns core's types into bytes. It never opens the store
//! and never decides anything: the caller hands it what to draw.

#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod qr;

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot encode the QR code: {0}")]
    Qr(#[from] qrcode::types::QrError),
    #[error("cannot write the PNG image: {0}")]
    Png(#[from] png::EncodingError),
}

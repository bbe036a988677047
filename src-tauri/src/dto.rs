//! What crosses the IPC line besides the use cases' own types. TypeScript declarations for all
//! of them are generated into `ui/src/bindings.ts` (see `bindings.rs`).

use serde::Serialize;
use ts_rs::TS;
use tsudoi_core::Lang;

/// Every failed command returns this: the UI switches on `code`, and shows `message`, which
/// says what happened and what to do in the person's language.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

/// The About box: [`tsudoi_app::about::About`] and the WebView's version, which only the window
/// can know (empty when the system does not say).
#[derive(Debug, Clone, Serialize, TS)]
pub struct AboutBox {
    pub about: tsudoi_app::about::About,
    pub webview_version: String,
}

/// The passphrase and the OS keychain: whether this computer has one Tsudoi can use, and whether
/// it remembers this database's passphrase (then the window opens without asking).
#[derive(Debug, Clone, Serialize, TS)]
pub struct PassphraseKeychain {
    pub available: bool,
    pub remembered: bool,
}

/// What the window needs to know before it shows anything.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    pub db_path: String,
    pub app_version: String,
    pub language: Lang,
    /// No event yet: the window offers the demo.
    pub is_empty: bool,
    /// Seconds without a key or a click before a signed-in window locks.
    pub idle_lock_seconds: u32,
    /// The database could not be opened; the window shows this instead of the app.
    pub error: Option<ApiError>,
}

//! The app's status, the language, and the desk's settings.

use tauri::State;
use tsudoi_app::settings;
use tsudoi_app::types::DeskSettings;
use tsudoi_core::Lang;

use super::Reply;
use crate::dto::{AboutBox, AppStatus, PassphraseKeychain};
use crate::state::AppState;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    let is_empty = state
        .run(|ctx| settings::info(ctx))
        .map(|i| i.is_empty)
        .unwrap_or(false);
    AppStatus {
        db_path: state
            .db_path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        app_version: tsudoi_app::types::APP_VERSION.to_string(),
        language: state.lang(),
        is_empty,
        idle_lock_seconds: state
            .run(|ctx| settings::idle_lock_seconds(ctx))
            .unwrap_or(tsudoi_app::types::DEFAULT_IDLE_LOCK_SECONDS),
        error: state.open_error(),
    }
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: Lang) -> Reply<Lang> {
    state.run(|ctx| settings::set_language(ctx, language))
}

#[tauri::command]
pub fn desk_settings(state: State<'_, AppState>) -> Reply<DeskSettings> {
    state.run(|ctx| settings::desk(ctx))
}

#[tauri::command]
pub fn set_desk(state: State<'_, AppState>, desk: DeskSettings) -> Reply<DeskSettings> {
    state.run(|ctx| settings::set_desk(ctx, Some(desk.name), Some(desk.operator)))
}

/// Opens the encrypted database with its passphrase (the window's unlock screen), remembering
/// it in the OS keychain when the person ticks the box.
#[tauri::command]
pub fn unlock_database(state: State<'_, AppState>, passphrase: String, remember: bool) -> Reply<()> {
    state.unlock(&passphrase, remember)
}

/// Whether the OS keychain can remember the passphrase, and whether it does.
#[tauri::command]
pub fn passphrase_keychain(state: State<'_, AppState>) -> Reply<PassphraseKeychain> {
    state.keychain_status()
}

/// Forgets the passphrase remembered in the OS keychain: the next start asks for it.
#[tauri::command]
pub fn forget_passphrase(state: State<'_, AppState>) -> Reply<PassphraseKeychain> {
    state.forget_passphrase()
}

/// Creates the encrypted database of a first start (the passphrase typed twice).
#[tauri::command]
pub fn create_database(state: State<'_, AppState>, passphrase: String, repeated: String) -> Reply<()> {
    state.create(&passphrase, &repeated)
}

/// The About box: the app's version, its schema, and the versions of SQLite, SQLCipher and the
/// WebView the window runs in (WebView2 on Windows, WebKitGTK on Linux). Asks no database, so it
/// answers while the window still waits for the passphrase.
#[tauri::command]
pub fn about(state: State<'_, AppState>) -> Reply<AboutBox> {
    let about = tsudoi_app::about::about().map_err(|e| crate::dto::ApiError::new(&e, state.lang()))?;
    Ok(AboutBox {
        about,
        // The version of the engine on this PC, which Tauri reads from the system.
        webview_version: tauri::webview_version().unwrap_or_default(),
    })
}

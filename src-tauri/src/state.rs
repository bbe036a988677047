//! The app's state: one store, opened at start, shared by every command.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use tsudoi_core::{Lang, Localized};
use tsudoi_store::{default_db_path, Store, StoreError};

use crate::dto::ApiError;

/// The open store, or why it could not be opened (shown in the window instead of a crash).
pub struct AppState {
    pub db_path: Option<PathBuf>,
    store: Mutex<Result<Store, StoreError>>,
    lang: Mutex<Lang>,
}

impl AppState {
    /// Opens `db`, or the default database when none is given. Never fails: an unusable file is
    /// remembered and reported to the window, which tells the person what to do.
    pub fn open(db: Option<PathBuf>) -> AppState {
        let db_path = db.or_else(default_db_path);
        let store = match &db_path {
            Some(path) => Store::open(path),
            None => Err(StoreError::Io {
                path: PathBuf::from("?"),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no data folder on this system"),
            }),
        };
        let lang = store
            .as_ref()
            .ok()
            .and_then(|s| s.language().ok())
            .unwrap_or_default();
        AppState {
            db_path,
            store: Mutex::new(store),
            lang: Mutex::new(lang),
        }
    }

    /// The language messages are written in.
    pub fn lang(&self) -> Lang {
        *lock(&self.lang)
    }

    pub fn remember_lang(&self, lang: Lang) {
        *lock(&self.lang) = lang;
    }

    /// Runs `action` on the store; store errors become `{ code, message }` in the chosen language.
    pub fn with_store<T>(
        &self,
        action: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, ApiError> {
        let lang = self.lang();
        let mut guard = lock(&self.store);
        match guard.as_mut() {
            Ok(store) => action(store).map_err(|e| ApiError::new(&e, lang)),
            Err(open_error) => Err(ApiError::new(open_error, lang)),
        }
    }

    /// Like [`AppState::with_store`], for work whose errors are not only the store's (reading and
    /// writing files).
    pub fn with_store_and_files<T, E: Localized>(
        &self,
        action: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, ApiError> {
        let lang = self.lang();
        let mut guard = lock(&self.store);
        match guard.as_mut() {
            Ok(store) => action(store).map_err(|e| ApiError::new(&e, lang)),
            Err(open_error) => Err(ApiError::new(open_error, lang)),
        }
    }

    /// Why the store could not be opened, if it could not.
    pub fn open_error(&self) -> Option<ApiError> {
        lock(&self.store)
            .as_ref()
            .err()
            .map(|e| ApiError::new(e, self.lang()))
    }
}

/// A poisoned lock only means a command panicked mid-way; every store change is a transaction,
/// so the data behind the lock is consistent and the app can go on.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl ApiError {
    pub fn new(error: &impl Localized, lang: Lang) -> ApiError {
        ApiError {
            code: error.code().to_string(),
            message: error.message(lang),
        }
    }
}

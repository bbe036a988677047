//! The app's state: one database, opened at start, shared by every command.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use tsudoi_app::handlers::SignedIn;
use tsudoi_app::{AppError, Clock, Ctx, Database};
use tsudoi_core::{Lang, Localized};

use crate::dto::ApiError;

/// The open database, or why it could not be opened (shown in the window instead of a crash).
pub struct AppState {
    pub db_path: Option<PathBuf>,
    db: Mutex<Result<Database, AppError>>,
    lang: Mutex<Lang>,
    /// The person on the roster who signed in at this window, if anyone did.
    signed_in: Mutex<Option<SignedIn>>,
}

impl AppState {
    /// Opens `db`, or the default database when none is given. Never fails: an unusable file is
    /// remembered and reported to the window, which tells the person what to do.
    pub fn open(db: Option<PathBuf>) -> AppState {
        let db_path = db.or_else(Database::default_path);
        let db = match &db_path {
            Some(path) => Database::open(path),
            None => Err(AppError::Io {
                path: PathBuf::from("?"),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no data folder on this system"),
            }),
        };
        let lang = db
            .as_ref()
            .ok()
            .and_then(|d| d.language().ok())
            .unwrap_or_default();
        AppState {
            db_path,
            db: Mutex::new(db),
            lang: Mutex::new(lang),
            signed_in: Mutex::new(None),
        }
    }

    /// The language messages are written in.
    pub fn lang(&self) -> Lang {
        *lock(&self.lang)
    }

    /// Runs a use case in a context of its own (this computer's clock, the operator set here);
    /// its errors become `{ code, message }` in the person's language. The language the use
    /// case leaves in the context is kept (setting the language changes it).
    pub fn run<T>(&self, action: impl FnOnce(&mut Ctx<'_>) -> Result<T, AppError>) -> Result<T, ApiError> {
        let lang = self.lang();
        let mut guard = lock(&self.db);
        match guard.as_mut() {
            Ok(db) => {
                let signed_in = lock(&self.signed_in).clone();
                let mut ctx = Ctx::new(db, lang, Clock::system()).signed_in(signed_in.as_ref());
                let result = action(&mut ctx).map_err(|e| ApiError::new(&e, ctx.lang));
                *lock(&self.lang) = ctx.lang;
                result
            }
            Err(open_error) => Err(ApiError::new(open_error, lang)),
        }
    }

    /// Who acts at this window from now on (none: signed out).
    pub fn set_signed_in(&self, person: Option<SignedIn>) {
        *lock(&self.signed_in) = person;
    }

    pub fn signed_in(&self) -> Option<SignedIn> {
        lock(&self.signed_in).clone()
    }

    /// Why the database could not be opened, if it could not.
    pub fn open_error(&self) -> Option<ApiError> {
        lock(&self.db)
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

//! The app's state: one database, opened at start, shared by every command.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use tsudoi_app::handlers::SignedIn;
use tsudoi_app::{AppError, Clock, Ctx, Database};
use tsudoi_core::{Lang, Localized};

use crate::dto::{ApiError, PassphraseKeychain};

/// The open database, or why it could not be opened (shown in the window instead of a crash).
pub struct AppState {
    pub db_path: Option<PathBuf>,
    db: Mutex<Result<Database, AppError>>,
    lang: Mutex<Lang>,
    /// The person on the roster who signed in at this window, if anyone did.
    signed_in: Mutex<Option<SignedIn>>,
    /// Who kept the desk open when the window locked while idle at the desk (desk-only mode).
    desk_keeper: Mutex<Option<SignedIn>>,
}

impl AppState {
    /// Opens `db`, or the default database when none is given. Never fails: an unusable file is
    /// remembered and reported to the window, which tells the person what to do.
    pub fn open(db: Option<PathBuf>) -> AppState {
        let db_path = db.or_else(Database::default_path);
        let db = match &db_path {
            // Scripts and tests may give the passphrase as the CLI takes it (see the README for
            // its risk); a person types it in the window.
            Some(path) => match tsudoi_app::vault::passphrase_from_env() {
                // A first start asks for the passphrase: the window never makes a plain file.
                None if tsudoi_app::vault::is_new(path) => {
                    Err(tsudoi_app::vault::VaultRefusal::NewDatabase { path: path.clone() }.into())
                }
                // A passphrase remembered on this computer opens it without asking; one that no
                // longer opens it (changed elsewhere) is left aside, and the window asks.
                None => tsudoi_app::keychain::remembered_passphrase(path)
                    .and_then(|remembered| {
                        Database::open_encrypted(path, &remembered, tsudoi_app::OpenCheck::Full).ok()
                    })
                    .map(Ok)
                    .unwrap_or_else(|| {
                        tsudoi_app::vault::open_database(path, None, tsudoi_app::OpenCheck::Full)
                    }),
                passphrase => {
                    tsudoi_app::vault::open_database(path, passphrase.as_deref(), tsudoi_app::OpenCheck::Full)
                }
            },
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
            desk_keeper: Mutex::new(None),
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
        let person = lock(&self.signed_in).clone();
        self.run_as(person, action)
    }

    /// Runs a use case of the reception desk: as the person signed in, or, in desk-only mode
    /// (the window locked while idle at the desk), as the person who kept the desk open. Only
    /// the desk's commands come through here, so desk-only mode opens nothing else.
    pub fn run_at_desk<T>(
        &self,
        action: impl FnOnce(&mut Ctx<'_>) -> Result<T, AppError>,
    ) -> Result<T, ApiError> {
        let person = lock(&self.signed_in)
            .clone()
            .or_else(|| lock(&self.desk_keeper).clone());
        self.run_as(person, action)
    }

    fn run_as<T>(
        &self,
        person: Option<SignedIn>,
        action: impl FnOnce(&mut Ctx<'_>) -> Result<T, AppError>,
    ) -> Result<T, ApiError> {
        let lang = self.lang();
        let mut guard = lock(&self.db);
        match guard.as_mut() {
            Ok(db) => {
                let mut ctx = Ctx::new(db, lang, Clock::system()).signed_in(person.as_ref());
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
        *lock(&self.desk_keeper) = None;
    }

    /// Desk-only mode: the person is signed out of everything but the desk, which goes on
    /// under their name until someone signs in.
    pub fn lock_to_desk(&self) {
        let person = lock(&self.signed_in).take();
        if person.is_some() {
            *lock(&self.desk_keeper) = person;
        }
    }

    pub fn signed_in(&self) -> Option<SignedIn> {
        lock(&self.signed_in).clone()
    }

    /// Opens the encrypted database with the passphrase typed in the window, remembering it in
    /// the OS keychain when asked. A wrong one is refused, is never remembered, and leaves the
    /// window locked as it was.
    pub fn unlock(&self, passphrase: &str, remember: bool) -> Result<(), ApiError> {
        let lang = self.lang();
        let path = self.known_path()?;
        let opened = Database::open_encrypted(path, passphrase, tsudoi_app::OpenCheck::Full)
            .map_err(|e| ApiError::new(&e, lang))?;
        if remember {
            tsudoi_app::keychain::remember_passphrase(path, passphrase)
                .map_err(|e| ApiError::new(&e, lang))?;
        }
        if let Ok(saved) = opened.language() {
            *lock(&self.lang) = saved;
        }
        *lock(&self.db) = Ok(opened);
        Ok(())
    }

    /// Whether this computer has a keychain, and whether it remembers this database's passphrase.
    pub fn keychain_status(&self) -> Result<PassphraseKeychain, ApiError> {
        let path = self.known_path()?;
        Ok(PassphraseKeychain {
            available: tsudoi_app::keychain::available(),
            remembered: tsudoi_app::keychain::remembered_passphrase(path).is_some(),
        })
    }

    /// Forgets the passphrase remembered for this database.
    pub fn forget_passphrase(&self) -> Result<PassphraseKeychain, ApiError> {
        let path = self.known_path()?;
        tsudoi_app::keychain::forget_passphrase(path).map_err(|e| ApiError::new(&e, self.lang()))?;
        self.keychain_status()
    }

    /// Creates the encrypted database of a first start with the passphrase typed twice.
    pub fn create(&self, passphrase: &str, repeated: &str) -> Result<(), ApiError> {
        let lang = self.lang();
        let path = self.known_path()?;
        let created =
            Database::create_encrypted(path, passphrase, repeated).map_err(|e| ApiError::new(&e, lang))?;
        *lock(&self.db) = Ok(created);
        Ok(())
    }

    /// Restores a backup at a first start (no database here yet) and opens it with the backup's
    /// passphrase: moving to another laptop. Everything is verified before anything is written.
    pub fn restore(
        &self,
        backup: &std::path::Path,
        passphrase: &str,
    ) -> Result<tsudoi_app::vault::RestoreDone, ApiError> {
        let lang = self.lang();
        let path = self.known_path()?;
        let done = tsudoi_app::vault::restore(backup, path, passphrase, false)
            .map_err(|e| ApiError::new(&e, lang))?;
        self.unlock(passphrase, false)?;
        Ok(done)
    }

    /// Erases all data at the end of the contract (the 情報管理責任者's, confirmed by the typed
    /// word). Everything that can refuse is checked while the database is still open; then the
    /// database is handed to the erasure, and the window is left at the first start.
    pub fn erase_all(
        &self,
        certificate_dir: &std::path::Path,
        confirmation: &str,
    ) -> Result<tsudoi_app::erasure::ErasureCertificate, ApiError> {
        let lang = self.lang();
        let path = self.known_path()?.clone();
        self.run(|ctx| tsudoi_app::erasure::check_erase_all(ctx, certificate_dir, confirmation))?;
        let person = self.signed_in();
        let taken = std::mem::replace(
            &mut *lock(&self.db),
            Err(tsudoi_app::vault::VaultRefusal::NewDatabase { path }.into()),
        );
        let db = taken.map_err(|e| ApiError::new(&e, lang))?;
        let certificate =
            tsudoi_app::erasure::erase_all(db, lang, person.as_ref(), certificate_dir, confirmation)
                .map_err(|e| ApiError::new(&e, lang))?;
        self.set_signed_in(None);
        Ok(certificate)
    }

    fn known_path(&self) -> Result<&PathBuf, ApiError> {
        self.db_path.as_ref().ok_or_else(|| ApiError {
            code: "vault.no_database".into(),
            message: self
                .lang()
                .pick("データベースの場所がわかりません。", "No database path is known.")
                .into(),
        })
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

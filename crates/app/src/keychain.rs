//! The OS keychain: the one place a mail account's password, or a database's passphrase when a
//! person asks for it to be remembered, may be kept (never the database, a setting or a file).
//! On Linux it is the kernel's key store (keyutils, through the keyring ecosystem's
//! `keyring-core`), which works without a desktop session or D-Bus but is memory only: it lasts
//! until the computer restarts (or the kernel's persistent keyring expires, after three days
//! unused by default), then the secret is asked again. So a laptop lost switched off
//! gives nothing away, and one lost running is as safe as its screen lock. On Windows it is the
//! Credential Manager (a generic credential of this computer, protected by the user's Windows
//! sign-in). Elsewhere (macOS) no store is built in yet, and the secret is asked each time.

use std::path::{Path, PathBuf};

use tsudoi_core::mail::MailServer;

use crate::mail::MailRefusal;
use crate::vault::VaultRefusal;
use crate::Result;

/// The keychain's service name for Tsudoi's mail accounts.
const SERVICE: &str = "tsudoi-smtp";

/// Which account a password belongs to: the user at the server.
fn account(server: &MailServer) -> String {
    format!("{}:{}:{}", server.user.trim(), server.host.trim(), server.port)
}

#[cfg(target_os = "linux")]
fn ready() -> std::result::Result<(), String> {
    use std::sync::OnceLock;
    static READY: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    READY
        .get_or_init(|| {
            let store = linux_keyutils_keyring_store::Store::new().map_err(|e| e.to_string())?;
            keyring_core::set_default_store(store);
            // A process started without a session keyring of its own (a command from a shell
            // without pam_keyinit, a service) gets one the first time an entry links the
            // persistent keyring to it; an entry made before that holds the old keyring's id and
            // the kernel refuses to add a key to it (EACCES). One entry made here, and dropped,
            // installs the session keyring before any real entry is made.
            drop(keyring_core::Entry::new("tsudoi", "session").map_err(|e| e.to_string())?);
            Ok(())
        })
        .clone()
}

#[cfg(windows)]
fn ready() -> std::result::Result<(), String> {
    use std::sync::OnceLock;
    static READY: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    READY
        .get_or_init(|| {
            let store = windows_native_keyring_store::Store::new().map_err(|e| e.to_string())?;
            keyring_core::set_default_store(store);
            Ok(())
        })
        .clone()
}

#[cfg(not(any(target_os = "linux", windows)))]
fn ready() -> std::result::Result<(), String> {
    Err("no keychain store is built in for this system".into())
}

/// An entry of the default store. On Windows a generic credential kept on this computer only
/// (`Local`), not the store's default `Enterprise`, which a domain profile would carry to other
/// computers: the passphrase of one laptop's data stays on that laptop.
fn new_entry(service: &str, account: &str) -> keyring_core::Result<keyring_core::Entry> {
    if cfg!(windows) {
        let modifiers = std::collections::HashMap::from([("persistence", "Local")]);
        keyring_core::Entry::new_with_modifiers(service, account, &modifiers)
    } else {
        keyring_core::Entry::new(service, account)
    }
}

fn entry(server: &MailServer) -> Result<keyring_core::Entry> {
    ready().map_err(MailRefusal::Keychain)?;
    new_entry(SERVICE, &account(server)).map_err(|e| MailRefusal::Keychain(e.to_string()).into())
}

/// The password kept for the server's account, if the keychain has one.
pub fn password(server: &MailServer) -> Result<Option<String>> {
    match entry(server)?.get_password() {
        Ok(password) => Ok(Some(password)),
        Err(keyring_core::Error::NoEntry) => Ok(None),
        Err(e) => Err(MailRefusal::Keychain(e.to_string()).into()),
    }
}

/// Keeps the password for the server's account (replacing one kept before).
pub fn keep(server: &MailServer, password: &str) -> Result<()> {
    entry(server)?
        .set_password(password)
        .map_err(|e| MailRefusal::Keychain(e.to_string()).into())
}

/// Removes the password kept for the server's account; none kept is no error.
pub fn forget(server: &MailServer) -> Result<()> {
    match entry(server)?.delete_credential() {
        Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
        Err(e) => Err(MailRefusal::Keychain(e.to_string()).into()),
    }
}

/// The keychain's service name for the passphrases of Tsudoi's databases.
const PASSPHRASE_SERVICE: &str = "tsudoi-passphrase";

/// The keychain's account for a database: its full path (the folder resolved, so the same file
/// named two ways is one account, and a file already erased still finds its entry).
fn database_account(db: &Path) -> String {
    let full: PathBuf = match (db.parent(), db.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            std::fs::canonicalize(parent)
                .map(|p| p.join(name))
                .unwrap_or_else(|_| db.to_path_buf())
        }
        _ => db.to_path_buf(),
    };
    full.display().to_string()
}

fn passphrase_entry(db: &Path) -> std::result::Result<keyring_core::Entry, String> {
    ready()?;
    new_entry(PASSPHRASE_SERVICE, &database_account(db)).map_err(|e| e.to_string())
}

/// Whether this system has a keychain Tsudoi can keep a passphrase in.
pub fn available() -> bool {
    ready().is_ok()
}

/// The passphrase remembered for the database, if the keychain has one. A keychain that cannot
/// be used counts as none: the passphrase is then asked, as without the option.
pub fn remembered_passphrase(db: &Path) -> Option<String> {
    passphrase_entry(db).ok()?.get_password().ok()
}

/// Remembers the database's passphrase on this computer. The caller has proven it opens the
/// database: a wrong one is never kept.
pub fn remember_passphrase(db: &Path, passphrase: &str) -> Result<()> {
    passphrase_entry(db)
        .and_then(|entry| entry.set_password(passphrase).map_err(|e| e.to_string()))
        .map_err(|why| VaultRefusal::Keychain(why).into())
}

/// Forgets the database's passphrase; whether one was remembered. Without a keychain nothing
/// can have been remembered.
pub fn forget_passphrase(db: &Path) -> Result<bool> {
    let Ok(entry) = passphrase_entry(db) else {
        return Ok(false);
    };
    match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring_core::Error::NoEntry) => Ok(false),
        Err(e) => Err(VaultRefusal::Keychain(e.to_string()).into()),
    }
}

//! The OS keychain: the one place a mail account's password may be kept (never the database, a
//! setting or a file). On Linux it is the kernel's key store (keyutils, through the keyring
//! ecosystem's `keyring-core`), which works without a desktop session or D-Bus but is memory
//! only: it lasts until the computer restarts, then the password is asked again. Elsewhere no
//! store is built in yet, and the password is asked each time.

use tsudoi_core::mail::MailServer;

use crate::mail::MailRefusal;
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
            Ok(())
        })
        .clone()
}

#[cfg(not(target_os = "linux"))]
fn ready() -> std::result::Result<(), String> {
    Err("no keychain store is built in for this system".into())
}

fn entry(server: &MailServer) -> Result<keyring_core::Entry> {
    ready().map_err(MailRefusal::Keychain)?;
    keyring_core::Entry::new(SERVICE, &account(server))
        .map_err(|e| MailRefusal::Keychain(e.to_string()).into())
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

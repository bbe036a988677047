//! The database engine compiled into Tsudoi (SQLite, inside SQLCipher), named for `tsudoi info`
//! and the window's About box: the first thing to know when a file behaves oddly on one PC.

use rusqlite::Connection;

use crate::Result;

/// The versions of the engine this build links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineVersions {
    /// SQLite's, such as `3.50.4`.
    pub sqlite: String,
    /// SQLCipher's, such as `4.11.0 community`: what encrypts a database at rest.
    pub sqlcipher: String,
}

/// Asks a throwaway in-memory connection, so that it answers before any database is open or
/// unlocked (the About box of a window still asking for the passphrase).
pub fn engine_versions() -> Result<EngineVersions> {
    let conn = Connection::open_in_memory()?;
    let sqlite = conn.query_row("SELECT sqlite_version()", [], |row| row.get(0))?;
    let sqlcipher = conn.query_row("PRAGMA cipher_version", [], |row| row.get(0))?;
    Ok(EngineVersions { sqlite, sqlcipher })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_names_sqlite_and_sqlcipher() {
        let versions = engine_versions().unwrap();
        assert!(versions.sqlite.starts_with("3."), "SQLite 3: {}", versions.sqlite);
        assert!(
            versions.sqlcipher.starts_with('4'),
            "SQLCipher 4, which the key files are made for: {}",
            versions.sqlcipher
        );
    }
}

//! What this Tsudoi is made of, for `tsudoi info` and the window's About box: its version, the
//! schema it writes, and the versions of the components that matter when something goes wrong
//! on one PC (the database engine here; the window adds its WebView's).

use crate::Result;

/// The versions a person reads out when asking for help.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct About {
    pub app_version: String,
    /// The schema this Tsudoi writes; a database is migrated to it when opened.
    pub schema_version: i64,
    pub sqlite_version: String,
    /// What encrypts a database at rest.
    pub sqlcipher_version: String,
    /// The system and processor this build is for, such as `windows x86_64`.
    pub platform: String,
}

/// Answers before a database is open or unlocked: it asks the engine, not a file.
pub fn about() -> Result<About> {
    let engine = tsudoi_store::engine_versions()?;
    Ok(About {
        app_version: tsudoi_store::APP_VERSION.to_string(),
        schema_version: tsudoi_store::SCHEMA_VERSION,
        sqlite_version: engine.sqlite,
        sqlcipher_version: engine.sqlcipher,
        platform: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
    })
}

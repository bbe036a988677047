//! The `setting` table: this installation's choices, such as the interface language.

use rusqlite::OptionalExtension;
use tsudoi_core::Lang;

use crate::{Result, Store};

const LANGUAGE: &str = "language";

impl Store {
    /// The interface language; Japanese until someone chooses English.
    pub fn language(&self) -> Result<Lang> {
        let value: Option<String> = self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [LANGUAGE], |row| {
                row.get(0)
            })
            .optional()?;
        Ok(value.as_deref().and_then(Lang::parse).unwrap_or_default())
    }

    pub fn set_language(&mut self, lang: Lang) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [LANGUAGE, lang.as_str()],
        )?;
        Ok(())
    }
}

//! The two languages of the interface. Japanese is the default: the people at the desk are
//! Japanese office staff; English is a setting.

use serde::{Deserialize, Serialize};

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The identifier stored in settings and accepted on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Accepts `ja`/`en` and POSIX locale names such as `ja_JP.UTF-8` or `en_US`.
    pub fn parse(value: &str) -> Option<Lang> {
        let lower = value.trim().to_ascii_lowercase();
        if lower == "ja" || lower.starts_with("ja_") || lower.starts_with("ja-") || lower.starts_with("ja.") {
            Some(Lang::Ja)
        } else if lower == "en"
            || lower.starts_with("en_")
            || lower.starts_with("en-")
            || lower.starts_with("en.")
        {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Picks the Japanese or the English text.
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_identifiers_and_locales() {
        let cases = [
            ("ja", Some(Lang::Ja)),
            ("ja_JP.UTF-8", Some(Lang::Ja)),
            ("JA", Some(Lang::Ja)),
            ("en", Some(Lang::En)),
            ("en_US.UTF-8", Some(Lang::En)),
            ("C", None),
            ("", None),
            ("jam", None),
        ];
        for (input, expected) in cases {
            assert_eq!(Lang::parse(input), expected, "parsing {input:?}");
        }
    }
}

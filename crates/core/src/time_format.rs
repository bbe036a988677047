//! Times of day travel as `HH:MM` text: what people type and what the forms send.

use chrono::{NaiveTime, Timelike};

/// Parses `H:MM`, `HH:MM` or `HH:MM:SS` (seconds are dropped; the agenda works in minutes).
/// Full-width digits and colons (１７：００, typed with the Japanese IME on) read the same.
pub(crate) fn parse_hhmm(value: &str) -> Option<NaiveTime> {
    let value = crate::text::narrow_digits(value);
    let value = value.trim();
    let time = NaiveTime::parse_from_str(value, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(value, "%H:%M:%S"))
        .ok()?;
    NaiveTime::from_hms_opt(time.hour(), time.minute(), 0)
}

pub(crate) fn format_hhmm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// Serde for `Option<NaiveTime>` as `"HH:MM"` or null; an empty string reads as none.
pub(crate) mod option_hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<NaiveTime>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(time) => serializer.serialize_str(&super::format_hhmm(*time)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveTime>, D::Error> {
        let text: Option<String> = Option::deserialize(deserializer)?;
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => super::parse_hhmm(text)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("not a time of day (HH:MM): {text}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_people_type() {
        let cases = [
            ("13:30", Some("13:30")),
            ("9:05", Some("09:05")),
            (" 17:00 ", Some("17:00")),
            ("13:30:59", Some("13:30")),
            ("１７：００", Some("17:00")),
            ("９:０５", Some("09:05")),
            ("25:00", None),
            ("1330", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                parse_hhmm(input).map(format_hhmm).as_deref(),
                expected,
                "parsing {input:?}"
            );
        }
    }
}

/// Serde for `NaiveTime` as `"HH:MM"`.
pub(crate) mod hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &NaiveTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format_hhmm(*value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::parse_hhmm(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a time of day (HH:MM): {text}")))
    }
}

//! Reading the dates and durations that forms and meeting reports write, in their many locales.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// Reads an answer or join time: `2026/06/01 10:00`, `2026-06-01 10:00:00`, `2026-06-01T10:00`,
/// `6/1/2026 10:00:00 AM`, Teams' `7/25/26, 1:58:12 PM`, `2026年6月1日 10:00`, or a date alone.
pub fn parse_date_time(value: &str) -> Option<NaiveDateTime> {
    let value = value
        .trim()
        .replace(['年', '月'], "/")
        .replace('日', " ")
        .replace(", ", " ");
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    const FORMATS: &[&str] = &[
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y %I:%M %p",
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%m/%d/%y %I:%M:%S %p",
        "%m/%d/%y %H:%M:%S",
        "%m/%d/%y %H:%M",
        "%m/%d/%y %I:%M %p",
        "%Y/%m/%d %p %I:%M:%S",
    ];
    let value = value.replace("午前", "AM").replace("午後", "PM");
    FORMATS
        .iter()
        .find_map(|format| {
            NaiveDateTime::parse_from_str(&value, format)
                .ok()
                .filter(plausible)
        })
        .or_else(|| {
            ["%Y/%m/%d", "%Y-%m-%d", "%m/%d/%Y"]
                .iter()
                .find_map(|format| NaiveDate::parse_from_str(&value, format).ok())
                .and_then(|date| date.and_hms_opt(0, 0, 0))
                .filter(plausible)
        })
}

/// `%Y` also reads a two-digit year as the first century: `7/25/26` must try `%y` instead.
fn plausible(time: &NaiveDateTime) -> bool {
    (1990..=2200).contains(&time.year())
}

/// Reads a duration in whole minutes: Teams' `2h 33m 28s` or `1 時間 2 分 5 秒`, `01:02:05`, or
/// Zoom's plain number of minutes. Seconds are rounded to the nearest minute.
pub fn parse_minutes(value: &str) -> Option<u32> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if let Ok(minutes) = value.parse::<f64>() {
        return (minutes >= 0.0).then(|| minutes.round() as u32);
    }
    if value.contains(':') {
        let parts: Vec<u32> = value
            .split(':')
            .map(|p| p.trim().parse().ok())
            .collect::<Option<_>>()?;
        let seconds = match parts.as_slice() {
            [h, m, s] => h * 3600 + m * 60 + s,
            [m, s] => m * 60 + s,
            _ => return None,
        };
        return Some((seconds + 30) / 60);
    }
    let mut seconds = 0u32;
    let mut number = String::new();
    let mut any = false;
    for c in value.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' | 'H' | '時' => 3600,
            'm' | 'M' | '分' => 60,
            's' | 'S' | '秒' => 1,
            _ => 0,
        };
        if unit > 0 && !number.is_empty() {
            seconds += number.parse::<u32>().ok()? * unit;
            any = true;
            number.clear();
        } else if !c.is_whitespace() && !"間".contains(c) && !number.is_empty() {
            return None;
        }
    }
    any.then_some((seconds + 30) / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_forms_and_reports() {
        let expected = NaiveDate::from_ymd_opt(2026, 7, 25).and_then(|d| d.and_hms_opt(13, 58, 12));
        for text in [
            "2026/07/25 13:58:12",
            "2026-07-25 13:58:12",
            "2026-07-25T13:58:12",
            "7/25/26, 1:58:12 PM",
            "07/25/2026 01:58:12 PM",
            "2026年7月25日 13:58:12",
            "2026/07/25 午後 1:58:12",
        ] {
            assert_eq!(parse_date_time(text), expected, "{text}");
        }
        assert!(parse_date_time("2026/06/01 10:00").is_some());
        assert_eq!(parse_date_time("昨日"), None);
    }

    #[test]
    fn durations_of_reports() {
        assert_eq!(parse_minutes("2h 33m 28s"), Some(153));
        assert_eq!(parse_minutes("3h 15m"), Some(195));
        assert_eq!(parse_minutes("1 時間 2 分 5 秒"), Some(62));
        assert_eq!(parse_minutes("45"), Some(45));
        assert_eq!(parse_minutes("01:02:05"), Some(62));
        assert_eq!(parse_minutes("abc"), None);
    }
}

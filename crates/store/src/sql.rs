//! Conversions between core's types and the text SQLite stores.

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, Utc};
use rusqlite::types::Type;
use rusqlite::Row;

/// Timestamps are stored as UTC RFC 3339 text with milliseconds: sortable and readable.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn conversion_error(index: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, Type::Text, message.into())
}

pub(crate) fn get_timestamp(row: &Row<'_>, index: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(index)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|e| conversion_error(index, format!("timestamp {text:?}: {e}")))
}

pub(crate) fn get_date(row: &Row<'_>, index: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(index)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|e| conversion_error(index, format!("date {text:?}: {e}")))
}

pub(crate) fn get_time(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<NaiveTime>> {
    let text: Option<String> = row.get(index)?;
    text.map(|t| {
        NaiveTime::parse_from_str(&t, "%H:%M")
            .map_err(|e| conversion_error(index, format!("time {t:?}: {e}")))
    })
    .transpose()
}

pub(crate) fn time_text(time: Option<NaiveTime>) -> Option<String> {
    time.map(|t| t.format("%H:%M").to_string())
}

/// Reads a nullable timestamp column.
pub(crate) fn get_optional_timestamp(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = row.get(index)?;
    text.map(|_| get_timestamp(row, index)).transpose()
}

/// Reads a nullable column holding one of core's choice identifiers.
pub(crate) fn get_optional_choice<T, E: std::fmt::Display>(
    row: &Row<'_>,
    index: usize,
    parse: impl Fn(&str) -> Result<T, E>,
) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(index)?;
    text.map(|_| get_choice(row, index, parse)).transpose()
}

/// Reads a column holding one of core's choice identifiers.
pub(crate) fn get_choice<T, E: std::fmt::Display>(
    row: &Row<'_>,
    index: usize,
    parse: impl Fn(&str) -> Result<T, E>,
) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse(&text).map_err(|e| conversion_error(index, e.to_string()))
}

/// Reads a ticket token column (NULL when the person has no standing ticket).
pub(crate) fn get_token(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<tsudoi_core::TicketToken>> {
    let text: Option<String> = row.get(index)?;
    text.map(|t| {
        tsudoi_core::TicketToken::parse(&t).map_err(|e| conversion_error(index, format!("ticket {t:?}: {e}")))
    })
    .transpose()
}

//! Who attended an event, one line per registration: the source of the attendance export.

use chrono::NaiveDateTime;
use tsudoi_core::attendance::AttendanceLine;
use tsudoi_core::EventId;

use crate::attendee::{attendee_from_row, LISTED_COLUMNS, LISTED_FROM};
use crate::event::find_event;
use crate::registration_import::ANSWERED_AT;
use crate::sql::get_optional_timestamp;
use crate::zone::zone_plan;
use crate::{Result, Store};

impl Store {
    /// Every registration of an event (cancelled and waiting people too, so the file accounts for
    /// everyone) with its zone, first entry, last exit and online attendance, in kana order.
    pub fn attendance_lines(&self, event_id: EventId) -> Result<Vec<AttendanceLine>> {
        find_event(&self.conn, event_id)?;
        let plan = zone_plan(&self.conn, event_id)?;
        let passes = |direction: &str, aggregate: &str| {
            format!(
                "(SELECT {aggregate}(d.at) FROM door_attempt d WHERE d.attendee_id = a.id AND d.event_id = a.event_id
                   AND d.outcome = 'ok' AND d.undone_at IS NULL AND d.direction = '{direction}')"
            )
        };
        let mut statement = self.conn.prepare(&format!(
            "SELECT {LISTED_COLUMNS}, {first_entry}, {last_entry}, {last_exit}, o.minutes, o.attendee_id IS NOT NULL, a.answered_at,
                    s.seat
             FROM {LISTED_FROM} LEFT JOIN online_attendance o ON o.attendee_id = a.id
                  LEFT JOIN seat_assignment s ON s.attendee_id = a.id
             WHERE a.event_id = ?1 AND a.erased_at IS NULL
             ORDER BY a.kana = '', a.kana, a.name, a.id",
            first_entry = passes("entry", "min"),
            last_entry = passes("entry", "max"),
            last_exit = passes("exit", "max"),
        ))?;
        let lines = statement
            .query_map([event_id.0], |row| {
                let attendee = attendee_from_row(row)?;
                let last_entry = get_optional_timestamp(row, 21)?;
                let last_exit = get_optional_timestamp(row, 22)?;
                Ok(AttendanceLine {
                    zone: plan.zone_of(attendee.details.category, attendee.zone_override),
                    checked_in_at: get_optional_timestamp(row, 20)?,
                    checked_out_at: last_exit.filter(|exit| last_entry.is_some_and(|entry| *exit > entry)),
                    online_minutes: row.get(23)?,
                    online_attended: row.get(24)?,
                    answered_at: row
                        .get::<_, Option<String>>(25)?
                        .and_then(|text| NaiveDateTime::parse_from_str(&text, ANSWERED_AT).ok()),
                    seat: row.get(26)?,
                    attendee,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(lines)
    }
}

//! The attendance reports of Teams and Zoom: who was in the online meeting, and for how long.

use std::collections::HashMap;

use tsudoi_core::attendance::{OnlineParticipant, ReportSource};
use tsudoi_core::text::{email_key, normalize_display, search_key};

use crate::mapping::header_key;
use crate::sheet::Sheet;
use crate::when::{parse_date_time, parse_minutes};
use crate::{ImportError, Result};

/// A report, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineReport {
    pub source: ReportSource,
    pub participants: Vec<OnlineParticipant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Name,
    Email,
    FirstJoin,
    LastLeave,
    Minutes,
    Role,
}

/// Headers of Teams (English and Japanese) and Zoom (English and Japanese), folded.
const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Email,
        &[
            "email",
            "useremail",
            "メール",
            "メールアドレス",
            "ユーザーメール",
            "participantidupn",
        ],
    ),
    (
        Column::FirstJoin,
        &[
            "firstjoin",
            "jointime",
            "最初の参加",
            "最初の参加時刻",
            "参加時間",
            "参加時刻",
            "入室時間",
        ],
    ),
    (
        Column::LastLeave,
        &[
            "lastleave",
            "leavetime",
            "最後の退出",
            "最終退出",
            "退出時間",
            "退出時刻",
        ],
    ),
    (
        Column::Minutes,
        &[
            "inmeetingduration",
            "durationminutes",
            "duration",
            "会議の長さ",
            "会議時間",
            "会議中の時間",
            "期間分",
            "期間",
            "参加時間分",
            "滞在時間",
        ],
    ),
    (Column::Role, &["role", "役割", "ロール"]),
    (
        Column::Name,
        &[
            "name",
            "fullname",
            "nameoriginalname",
            "名前",
            "名前元の名前",
            "氏名",
            "表示名",
        ],
    ),
];

fn column_of(header: &str) -> Option<Column> {
    let key = header_key(header);
    HEADERS
        .iter()
        .find(|(_, words)| words.iter().any(|w| header_key(w) == key))
        .map(|(column, _)| *column)
}

/// Reads a Teams or Zoom attendance report. The list starts at the first row that names a
/// person and an email or join time; anything above it (Teams' summary, Zoom's meeting line) is
/// skipped, and it ends at the first blank row (Teams' in-meeting activities follow).
pub fn read_online_report(sheet: &Sheet) -> Result<OnlineReport> {
    let header_index = sheet
        .rows
        .iter()
        .position(|row| {
            let columns: Vec<Option<Column>> = row.cells.iter().map(|h| column_of(h)).collect();
            columns.contains(&Some(Column::Name))
                && (columns.contains(&Some(Column::Email)) || columns.contains(&Some(Column::FirstJoin)))
        })
        .ok_or(ImportError::NoParticipants)?;
    let headers = &sheet.rows[header_index].cells;
    let mut columns: HashMap<Column, usize> = HashMap::new();
    for (index, header) in headers.iter().enumerate() {
        if let Some(column) = column_of(header) {
            columns.entry(column).or_insert(index);
        }
    }
    let folded: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let source = if folded
        .iter()
        .any(|h| h == "inmeetingduration" || h == "participantidupn" || h == "firstjoin")
    {
        ReportSource::Teams
    } else if folded
        .iter()
        .any(|h| h == "useremail" || h == "durationminutes" || h.contains("ゲスト") || h == "guest")
    {
        ReportSource::Zoom
    } else {
        ReportSource::Other
    };

    let mut participants: Vec<OnlineParticipant> = Vec::new();
    let mut by_identity: HashMap<String, usize> = HashMap::new();
    for row in &sheet.rows[header_index + 1..] {
        if row.is_blank() || row.cells.iter().filter(|c| !c.trim().is_empty()).count() < 2 {
            break;
        }
        let cell = |column: Column| -> Option<String> {
            columns
                .get(&column)
                .and_then(|index| row.cells.get(*index))
                .map(|text| text.trim().to_string())
                .filter(|text| !text.is_empty())
        };
        let Some(name) = cell(Column::Name).map(|n| normalize_display(&n)) else {
            continue;
        };
        let email = cell(Column::Email).filter(|e| e.contains('@'));
        let seen = OnlineParticipant {
            row: row.number,
            name,
            email,
            role: cell(Column::Role),
            first_join: cell(Column::FirstJoin).and_then(|t| parse_date_time(&t)),
            last_leave: cell(Column::LastLeave).and_then(|t| parse_date_time(&t)),
            minutes: cell(Column::Minutes).and_then(|t| parse_minutes(&t)),
        };
        let identity = seen
            .email
            .as_deref()
            .map(email_key)
            .unwrap_or_else(|| search_key(&seen.name));
        match by_identity.get(&identity) {
            Some(&index) => {
                let earlier = &mut participants[index];
                earlier.first_join = earlier.first_join.into_iter().chain(seen.first_join).min();
                earlier.last_leave = earlier.last_leave.into_iter().chain(seen.last_leave).max();
                earlier.minutes = match (earlier.minutes, seen.minutes) {
                    (Some(a), Some(b)) => Some(a + b),
                    (a, b) => a.or(b),
                };
            }
            None => {
                by_identity.insert(identity, participants.len());
                participants.push(seen);
            }
        }
    }
    if participants.is_empty() {
        return Err(ImportError::NoParticipants);
    }
    Ok(OnlineReport { source, participants })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(text: &str) -> Sheet {
        Sheet::read(text.as_bytes()).unwrap()
    }

    #[test]
    fn zoom_report_with_a_meeting_line_and_rejoins() {
        let report = read_online_report(&sheet(
            "Meeting ID,Topic,Start Time\n123,第1回,07/25/2026 01:30:00 PM\n\n\
             Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n\
             三浦 かおり,p02@sample.example.jp,07/25/2026 01:58:00 PM,07/25/2026 02:30:00 PM,32,Yes\n\
             菊地 隆,,07/25/2026 02:00:00 PM,07/25/2026 04:00:00 PM,120,Yes\n\
             三浦 かおり,P02@sample.example.jp,07/25/2026 02:40:00 PM,07/25/2026 04:30:00 PM,110,Yes\n",
        ))
        .unwrap();
        assert_eq!(report.source, ReportSource::Zoom);
        assert_eq!(report.participants.len(), 2, "a rejoin is the same person");
        assert_eq!(report.participants[0].minutes, Some(142));
        assert_eq!(report.participants[1].email, None);
    }

    #[test]
    fn a_file_without_a_participant_list_is_refused() {
        assert_eq!(
            read_online_report(&sheet("氏名,所属\n大友,大友醤油\n")),
            Err(ImportError::NoParticipants)
        );
    }
}

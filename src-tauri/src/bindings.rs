//! The TypeScript declarations of every type that crosses the IPC line, generated from the Rust
//! types so that the two sides cannot drift apart. The test fails when `ui/src/bindings.ts` is
//! stale; `UPDATE_BINDINGS=1 cargo test -p tsudoi-desktop bindings` rewrites it.

use std::path::Path;

use ts_rs::{Config, TS};

fn declaration<T: TS>(cfg: &Config) -> String {
    format!("export {}\n", T::decl(cfg))
}

fn bindings_ts() -> String {
    // IDs are i64 in Rust but stay far below 2^53: plain numbers in JavaScript.
    let cfg = Config::new().with_large_int("number");
    let declarations = [
        declaration::<tsudoi_core::Lang>(&cfg),
        declaration::<tsudoi_core::EventId>(&cfg),
        declaration::<tsudoi_core::EventFormat>(&cfg),
        declaration::<tsudoi_core::EventDraft>(&cfg),
        declaration::<tsudoi_core::EventForm>(&cfg),
        declaration::<tsudoi_core::Event>(&cfg),
        declaration::<tsudoi_core::AttendeeId>(&cfg),
        declaration::<tsudoi_core::Category>(&cfg),
        declaration::<tsudoi_core::AttendanceMode>(&cfg),
        declaration::<tsudoi_core::AttendeeStatus>(&cfg),
        declaration::<tsudoi_core::RegistrationSource>(&cfg),
        declaration::<tsudoi_core::AttendeeDraft>(&cfg),
        declaration::<tsudoi_core::TicketToken>(&cfg),
        declaration::<tsudoi_core::Attendee>(&cfg),
        declaration::<tsudoi_core::Direction>(&cfg),
        declaration::<tsudoi_core::DoorMethod>(&cfg),
        declaration::<tsudoi_core::DoorOutcome>(&cfg),
        declaration::<tsudoi_core::SeatZone>(&cfg),
        declaration::<tsudoi_core::GroupCount>(&cfg),
        declaration::<tsudoi_core::ZoneCount>(&cfg),
        declaration::<tsudoi_core::ZoneSetting>(&cfg),
        declaration::<tsudoi_core::ZoneMapping>(&cfg),
        declaration::<tsudoi_core::ZonePlan>(&cfg),
        declaration::<tsudoi_core::DoorStatus>(&cfg),
        declaration::<tsudoi_store::EventCounts>(&cfg),
        declaration::<tsudoi_store::AttendeeUpdate>(&cfg),
        declaration::<tsudoi_store::DemoReport>(&cfg),
        declaration::<tsudoi_store::DeskSettings>(&cfg),
        declaration::<tsudoi_store::PassRecord>(&cfg),
        declaration::<tsudoi_store::DoorAttempt>(&cfg),
        declaration::<tsudoi_store::DoorResult>(&cfg),
        declaration::<crate::dto::DoorInput>(&cfg),
        declaration::<crate::dto::SeatPlanForm>(&cfg),
        declaration::<tsudoi_core::agenda::AgendaKind>(&cfg),
        declaration::<tsudoi_core::agenda::ItemPlace>(&cfg),
        declaration::<tsudoi_core::agenda::SpeakerId>(&cfg),
        declaration::<tsudoi_core::agenda::SpeakerDraft>(&cfg),
        declaration::<tsudoi_core::agenda::Speaker>(&cfg),
        declaration::<tsudoi_core::agenda::AgendaItemId>(&cfg),
        declaration::<tsudoi_core::agenda::AgendaItemDraft>(&cfg),
        declaration::<tsudoi_core::agenda::AgendaItem>(&cfg),
        declaration::<tsudoi_core::agenda::ScheduleIssue>(&cfg),
        declaration::<tsudoi_core::agenda::NoteId>(&cfg),
        declaration::<tsudoi_core::agenda::MinutesNote>(&cfg),
        declaration::<tsudoi_core::agenda::ItemMinutesText>(&cfg),
        declaration::<tsudoi_core::agenda::MinutesField>(&cfg),
        declaration::<tsudoi_core::agenda::PhotoId>(&cfg),
        declaration::<tsudoi_core::agenda::Photo>(&cfg),
        declaration::<tsudoi_store::ItemMinutes>(&cfg),
        declaration::<tsudoi_store::PhotoChange>(&cfg),
        declaration::<tsudoi_exchange::files::AgendaExport>(&cfg),
        declaration::<tsudoi_exchange::files::MinutesExport>(&cfg),
        declaration::<crate::dto::AgendaView>(&cfg),
        declaration::<crate::dto::PhotoView>(&cfg),
        declaration::<crate::dto::PhotoAddResult>(&cfg),
        declaration::<tsudoi_exchange::files::SeatChartExport>(&cfg),
        declaration::<tsudoi_report::tickets::TicketExport>(&cfg),
        declaration::<tsudoi_core::registration::SkipReason>(&cfg),
        declaration::<tsudoi_core::registration::SkippedRow>(&cfg),
        declaration::<tsudoi_core::registration::WarningKind>(&cfg),
        declaration::<tsudoi_core::registration::RowWarning>(&cfg),
        declaration::<tsudoi_core::registration::MergeTarget>(&cfg),
        declaration::<tsudoi_core::registration::MergedRow>(&cfg),
        declaration::<tsudoi_core::attendance::ReportSource>(&cfg),
        declaration::<tsudoi_core::attendance::MatchedBy>(&cfg),
        declaration::<tsudoi_core::attendance::AttendanceCount>(&cfg),
        declaration::<tsudoi_core::attendance::AttendanceSummary>(&cfg),
        declaration::<tsudoi_core::privacy::AuditAction>(&cfg),
        declaration::<tsudoi_store::RegistrationImport>(&cfg),
        declaration::<tsudoi_store::MatchedParticipant>(&cfg),
        declaration::<tsudoi_store::UnmatchedParticipant>(&cfg),
        declaration::<tsudoi_store::OnlineAttendanceImport>(&cfg),
        declaration::<tsudoi_store::AuditEntry>(&cfg),
        declaration::<tsudoi_exchange::TextEncoding>(&cfg),
        declaration::<tsudoi_exchange::FileFormat>(&cfg),
        declaration::<tsudoi_exchange::Field>(&cfg),
        declaration::<tsudoi_exchange::ColumnMapping>(&cfg),
        declaration::<tsudoi_exchange::UnmatchedCategory>(&cfg),
        declaration::<tsudoi_exchange::export::CsvEncoding>(&cfg),
        declaration::<tsudoi_exchange::export::UnencodableChar>(&cfg),
        declaration::<tsudoi_exchange::files::RegistrationRequest>(&cfg),
        declaration::<tsudoi_exchange::files::RegistrationOutcome>(&cfg),
        declaration::<tsudoi_exchange::files::ExportFormat>(&cfg),
        declaration::<tsudoi_exchange::files::ExportRequest>(&cfg),
        declaration::<tsudoi_exchange::files::ExportOutcome>(&cfg),
        declaration::<crate::dto::ApiError>(&cfg),
        declaration::<crate::dto::AppStatus>(&cfg),
        declaration::<crate::dto::EventSummary>(&cfg),
    ];
    format!(
        "// Generated from the Rust types by src-tauri/src/bindings.rs; do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p tsudoi-desktop bindings\n\n{}",
        declarations.join("\n")
    )
}

#[test]
fn typescript_bindings_are_fresh() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
    let generated = bindings_ts();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/bindings.ts no longer matches the Rust types: run `UPDATE_BINDINGS=1 cargo test -p tsudoi-desktop bindings` and commit the file"
    );
}

//! What the window and the Rust side share, generated so that the two cannot drift apart:
//! - `ui/src/bindings.ts`: the TypeScript declarations of every type that crosses the IPC line;
//! - `ui/src/vocabulary.ts`: the labels of every closed choice (Japanese and English, in the order
//!   forms list them), the names of the commands, and every error code the Rust side can return.
//!
//! The tests fail when a committed file is stale; `UPDATE_BINDINGS=1 cargo test -p
//! tsudoi-desktop bindings` rewrites both.

use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};
use tsudoi_core::Lang;

fn declaration<T: TS>(cfg: &Config) -> String {
    format!("export {}\n", T::decl(cfg))
}

fn bindings_ts() -> String {
    use tsudoi_app::types as t;
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
        declaration::<tsudoi_core::PresenceFilter>(&cfg),
        declaration::<tsudoi_core::DuplicateReason>(&cfg),
        declaration::<tsudoi_core::DoorNotice>(&cfg),
        declaration::<t::ListedAttendee>(&cfg),
        declaration::<t::PossibleDuplicate>(&cfg),
        declaration::<tsudoi_app::attendees::PeopleFilter>(&cfg),
        declaration::<tsudoi_core::Direction>(&cfg),
        declaration::<tsudoi_core::DoorMethod>(&cfg),
        declaration::<tsudoi_core::DoorOutcome>(&cfg),
        declaration::<tsudoi_core::OutcomeKind>(&cfg),
        declaration::<tsudoi_core::DoorVerdict>(&cfg),
        declaration::<tsudoi_core::SeatZone>(&cfg),
        declaration::<tsudoi_core::GroupCount>(&cfg),
        declaration::<tsudoi_core::ZoneCount>(&cfg),
        declaration::<tsudoi_core::ZoneSetting>(&cfg),
        declaration::<tsudoi_core::ZoneMapping>(&cfg),
        declaration::<tsudoi_core::ZonePlan>(&cfg),
        declaration::<tsudoi_core::DoorStatus>(&cfg),
        declaration::<t::EventCounts>(&cfg),
        declaration::<t::AttendeeUpdate>(&cfg),
        declaration::<t::DemoReport>(&cfg),
        declaration::<t::DeskSettings>(&cfg),
        declaration::<t::PassRecord>(&cfg),
        declaration::<t::DoorAttempt>(&cfg),
        declaration::<t::DoorResult>(&cfg),
        declaration::<tsudoi_app::desk::DoorInput>(&cfg),
        declaration::<tsudoi_app::desk::DeskAnswer>(&cfg),
        declaration::<tsudoi_app::seating::SeatPlanForm>(&cfg),
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
        declaration::<t::ItemMinutes>(&cfg),
        declaration::<t::PhotoChange>(&cfg),
        declaration::<t::PhotoDeletion>(&cfg),
        declaration::<tsudoi_app::agenda::AgendaExport>(&cfg),
        declaration::<tsudoi_app::agenda::MinutesExport>(&cfg),
        declaration::<tsudoi_app::agenda::AgendaView>(&cfg),
        declaration::<tsudoi_app::photos::PhotoView>(&cfg),
        declaration::<tsudoi_app::photos::Refusal>(&cfg),
        declaration::<tsudoi_app::photos::PhotoAddResult>(&cfg),
        declaration::<tsudoi_app::seating::SeatChartExport>(&cfg),
        declaration::<tsudoi_app::printouts::Printout>(&cfg),
        declaration::<tsudoi_app::printouts::PrintoutExport>(&cfg),
        declaration::<tsudoi_app::exchange::TicketExport>(&cfg),
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
        declaration::<tsudoi_core::mail::MailTemplate>(&cfg),
        declaration::<tsudoi_core::mail::LeftOutReason>(&cfg),
        declaration::<tsudoi_core::mail::OutboxState>(&cfg),
        declaration::<tsudoi_core::mail::SmtpSecurity>(&cfg),
        declaration::<tsudoi_core::mail::MailFilter>(&cfg),
        declaration::<tsudoi_core::mail::LeftOut>(&cfg),
        declaration::<tsudoi_core::mail::RenderedMail>(&cfg),
        declaration::<tsudoi_core::mail::MailServer>(&cfg),
        declaration::<tsudoi_core::mail::MailText>(&cfg),
        declaration::<t::OutboxCounts>(&cfg),
        declaration::<t::Mailing>(&cfg),
        declaration::<t::OutboxEntry>(&cfg),
        declaration::<tsudoi_app::mail::TemplateInfo>(&cfg),
        declaration::<tsudoi_app::mail::PreparedMailing>(&cfg),
        declaration::<tsudoi_app::mail::SendReport>(&cfg),
        declaration::<tsudoi_app::mail::EmlExport>(&cfg),
        declaration::<t::RegistrationImport>(&cfg),
        declaration::<t::MatchedParticipant>(&cfg),
        declaration::<t::UnmatchedParticipant>(&cfg),
        declaration::<t::OnlineAttendanceImport>(&cfg),
        declaration::<t::AuditEntry>(&cfg),
        declaration::<t::AuditChainReport>(&cfg),
        declaration::<t::TextEncoding>(&cfg),
        declaration::<t::FileFormat>(&cfg),
        declaration::<t::Field>(&cfg),
        declaration::<t::ColumnMapping>(&cfg),
        declaration::<t::UnmatchedCategory>(&cfg),
        declaration::<t::CsvEncoding>(&cfg),
        declaration::<t::UnencodableChar>(&cfg),
        declaration::<tsudoi_app::exchange::RegistrationRequest>(&cfg),
        declaration::<tsudoi_app::exchange::RegistrationOutcome>(&cfg),
        declaration::<tsudoi_app::exchange::ExportFormat>(&cfg),
        declaration::<tsudoi_app::exchange::ExportRequest>(&cfg),
        declaration::<tsudoi_app::exchange::ExportOutcome>(&cfg),
        declaration::<crate::dto::ApiError>(&cfg),
        declaration::<crate::dto::AppStatus>(&cfg),
        declaration::<tsudoi_app::about::About>(&cfg),
        declaration::<crate::dto::AboutBox>(&cfg),
        declaration::<crate::dto::PassphraseKeychain>(&cfg),
        declaration::<tsudoi_app::events::EventSummary>(&cfg),
        declaration::<tsudoi_core::handler::HandlerRole>(&cfg),
        declaration::<tsudoi_app::handlers::SignedIn>(&cfg),
        declaration::<tsudoi_core::handler::HandlerOrganization>(&cfg),
        declaration::<tsudoi_core::handler::HandlerDraft>(&cfg),
        declaration::<t::Handler>(&cfg),
        declaration::<tsudoi_app::handlers::RosterExport>(&cfg),
        declaration::<tsudoi_core::handler::ServiceDraft>(&cfg),
        declaration::<t::ExternalService>(&cfg),
        declaration::<tsudoi_core::incident::IncidentKind>(&cfg),
        declaration::<tsudoi_core::incident::IncidentStatus>(&cfg),
        declaration::<tsudoi_core::incident::IncidentDraft>(&cfg),
        declaration::<t::Incident>(&cfg),
        declaration::<tsudoi_app::incidents::IncidentReportExport>(&cfg),
        declaration::<tsudoi_app::vault::BackupDone>(&cfg),
        declaration::<tsudoi_app::vault::RestoreDone>(&cfg),
        declaration::<tsudoi_app::types::BackupSchedule>(&cfg),
        declaration::<tsudoi_app::types::ScheduledBackupOutcome>(&cfg),
        declaration::<tsudoi_app::backup_schedule::ScheduleStatus>(&cfg),
        declaration::<tsudoi_app::backup_schedule::FolderBackupDone>(&cfg),
        declaration::<tsudoi_app::erasure::FileKind>(&cfg),
        declaration::<tsudoi_app::erasure::Outcome>(&cfg),
        declaration::<tsudoi_app::erasure::ErasedFile>(&cfg),
        declaration::<tsudoi_app::erasure::ErasureCertificate>(&cfg),
        declaration::<tsudoi_core::security::MeasureStatus>(&cfg),
        declaration::<tsudoi_core::security::SecurityFacts>(&cfg),
        declaration::<tsudoi_core::security::MeasureLine>(&cfg),
        declaration::<tsudoi_app::security::SecurityReport>(&cfg),
        declaration::<tsudoi_core::money::Yen>(&cfg),
        declaration::<tsudoi_core::money::withholding::PayeeKind>(&cfg),
        declaration::<tsudoi_core::money::withholding::TravelPaidTo>(&cfg),
        declaration::<tsudoi_core::money::withholding::TravelLine>(&cfg),
        declaration::<tsudoi_core::money::withholding::PaymentTerms>(&cfg),
        declaration::<tsudoi_core::money::withholding::PaymentCalculation>(&cfg),
        declaration::<tsudoi_core::money::payment::PayeeId>(&cfg),
        declaration::<tsudoi_core::money::payment::PaymentId>(&cfg),
        declaration::<tsudoi_core::money::payment::PayeeDraft>(&cfg),
        declaration::<tsudoi_core::money::payment::Payee>(&cfg),
        declaration::<tsudoi_core::money::payment::Payment>(&cfg),
        declaration::<tsudoi_core::money::payment::TaxMonth>(&cfg),
        declaration::<tsudoi_core::money::payment::PaymentRecordLine>(&cfg),
        declaration::<tsudoi_app::payments::PaymentRequest>(&cfg),
        declaration::<tsudoi_app::payments::TravelEntry>(&cfg),
        declaration::<tsudoi_app::payments::PaymentPreview>(&cfg),
        declaration::<tsudoi_app::payments::PaymentNotice>(&cfg),
        declaration::<tsudoi_app::payments::PaymentShown>(&cfg),
        declaration::<tsudoi_app::payments::PaymentDocument>(&cfg),
        declaration::<tsudoi_app::payments::PaymentDocumentExport>(&cfg),
        declaration::<tsudoi_app::payments::TaxFileExport>(&cfg),
        declaration::<tsudoi_core::survey::QuestionKind>(&cfg),
        declaration::<tsudoi_core::survey::AnswerSource>(&cfg),
        declaration::<tsudoi_core::survey::Question>(&cfg),
        declaration::<tsudoi_core::survey::Questionnaire>(&cfg),
        declaration::<tsudoi_core::survey::Answer>(&cfg),
        declaration::<tsudoi_core::survey::Response>(&cfg),
        declaration::<tsudoi_core::survey::ChoiceCount>(&cfg),
        declaration::<tsudoi_core::survey::NumberSpread>(&cfg),
        declaration::<tsudoi_core::survey::QuestionResult>(&cfg),
        declaration::<tsudoi_core::survey::SurveyResults>(&cfg),
        declaration::<tsudoi_core::survey::ResponseRate>(&cfg),
        declaration::<tsudoi_core::survey::Group>(&cfg),
        declaration::<tsudoi_core::survey::GroupRow>(&cfg),
        declaration::<tsudoi_core::survey::CrossTable>(&cfg),
        declaration::<t::StoredQuestionnaire>(&cfg),
        declaration::<tsudoi_app::survey::SurveyImportOptions>(&cfg),
        declaration::<tsudoi_app::survey::RowNoteKind>(&cfg),
        declaration::<tsudoi_app::survey::RowNote>(&cfg),
        declaration::<tsudoi_app::survey::PlannedQuestion>(&cfg),
        declaration::<tsudoi_app::survey::SurveyImport>(&cfg),
        declaration::<tsudoi_app::survey::PaperEntry>(&cfg),
        declaration::<tsudoi_app::survey::AnswerCount>(&cfg),
        declaration::<tsudoi_app::survey::SurveyOverview>(&cfg),
        declaration::<tsudoi_app::survey::KioskVisitor>(&cfg),
        declaration::<tsudoi_core::money::budget::ExpenseCategory>(&cfg),
        declaration::<tsudoi_core::money::ledger::PaymentMethod>(&cfg),
        declaration::<tsudoi_app::budget::ProjectView>(&cfg),
        declaration::<tsudoi_app::budget::ProjectSettings>(&cfg),
        declaration::<tsudoi_app::budget::PlanEntry>(&cfg),
        declaration::<tsudoi_app::budget::LedgerLine>(&cfg),
        declaration::<tsudoi_app::budget::SplitEntry>(&cfg),
        declaration::<tsudoi_app::budget::ExpenseEntry>(&cfg),
        declaration::<tsudoi_app::budget::RefundEntry>(&cfg),
        declaration::<tsudoi_app::budget::CorrectionEntry>(&cfg),
        declaration::<tsudoi_app::budget::StaffTimeLine>(&cfg),
        declaration::<tsudoi_app::budget::StaffTimeEntry>(&cfg),
        declaration::<tsudoi_app::budget::StaffSheet>(&cfg),
        declaration::<tsudoi_app::budget::SubcontractLine>(&cfg),
        declaration::<tsudoi_app::budget::SubcontractEntry>(&cfg),
        declaration::<tsudoi_app::budget::BudgetRow>(&cfg),
        declaration::<tsudoi_app::budget::EventBudget>(&cfg),
        declaration::<tsudoi_app::budget::BudgetWarningView>(&cfg),
        declaration::<tsudoi_app::budget::PlanTotals>(&cfg),
        declaration::<tsudoi_app::budget::BudgetView>(&cfg),
        declaration::<tsudoi_app::budget::BudgetExport>(&cfg),
        declaration::<tsudoi_core::Disclosure>(&cfg),
        declaration::<tsudoi_core::report::ReportSection>(&cfg),
        declaration::<tsudoi_core::report::FlagSource>(&cfg),
        declaration::<tsudoi_core::report::FlagResolution>(&cfg),
        declaration::<tsudoi_core::report::FlaggedPassage>(&cfg),
        declaration::<tsudoi_core::report::ReportIssue>(&cfg),
        declaration::<tsudoi_app::report::ReportTexts>(&cfg),
        declaration::<tsudoi_app::report::FlagDecision>(&cfg),
        declaration::<tsudoi_app::report::ReportFormat>(&cfg),
        declaration::<tsudoi_app::report::ReportExport>(&cfg),
    ];
    format!(
        "// Generated from the Rust types by src-tauri/src/bindings.rs; do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p tsudoi-desktop bindings\n\n{}",
        declarations.join("\n")
    )
}

/// The labels of one closed choice as a TypeScript object literal, in the enum's order.
macro_rules! choice_labels {
    ($key:literal, $choice:ty) => {{
        let entries = <$choice>::ALL
            .iter()
            .map(|c| {
                format!(
                    "    {}: [{}, {}],",
                    c.as_str(),
                    js_string(c.label(Lang::Ja)),
                    js_string(c.label(Lang::En))
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        format!("  {}: {{\n{entries}\n  }},", $key)
    }};
}

fn js_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// Every error code returned by a `Localized::code` in the workspace's sources: the string
/// literals of the `fn code` bodies, sorted. Codes are never built at run time, so reading the
/// sources finds them all.
fn error_codes() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut codes = std::collections::BTreeSet::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let mut rest = text.as_str();
        while let Some(at) = rest.find("fn code(&self)") {
            rest = &rest[at..];
            let end = rest.find("fn message(").unwrap_or(rest.len());
            let body = &rest[..end];
            for literal in body.split('"').skip(1).step_by(2) {
                let is_code = literal.contains('.')
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
                if is_code {
                    codes.insert(literal.to_string());
                }
            }
            rest = &rest[end.min(rest.len())..];
            if end == 0 {
                break;
            }
        }
    }
    codes.into_iter().collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.ends_with("target") || path.ends_with("tests") {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn vocabulary_ts() -> String {
    use tsudoi_core::agenda::{AgendaKind, ItemPlace};
    use tsudoi_core::attendance::ReportSource;
    use tsudoi_core::privacy::AuditAction;
    use tsudoi_core::{
        AttendanceMode, AttendeeStatus, Category, Direction, DoorMethod, DoorOutcome, DuplicateReason,
        EventFormat, PresenceFilter, RegistrationSource, SeatZone,
    };
    let labels = [
        choice_labels!("category", Category),
        choice_labels!("mode", AttendanceMode),
        choice_labels!("status", AttendeeStatus),
        choice_labels!("source", RegistrationSource),
        choice_labels!("format", EventFormat),
        choice_labels!("zone", SeatZone),
        choice_labels!("presence", PresenceFilter),
        choice_labels!("duplicateReason", DuplicateReason),
        choice_labels!("direction", Direction),
        choice_labels!("method", DoorMethod),
        choice_labels!("outcome", DoorOutcome),
        choice_labels!("agendaKind", AgendaKind),
        choice_labels!("itemPlace", ItemPlace),
        choice_labels!("reportSource", ReportSource),
        choice_labels!("auditAction", AuditAction),
        choice_labels!("role", tsudoi_core::handler::HandlerRole),
        choice_labels!("handlerOrganization", tsudoi_core::handler::HandlerOrganization),
        choice_labels!("incidentKind", tsudoi_core::incident::IncidentKind),
        choice_labels!("incidentStatus", tsudoi_core::incident::IncidentStatus),
        choice_labels!("measureStatus", tsudoi_core::security::MeasureStatus),
        choice_labels!("payeeKind", tsudoi_core::money::withholding::PayeeKind),
        choice_labels!("travelPaidTo", tsudoi_core::money::withholding::TravelPaidTo),
        choice_labels!("questionKind", tsudoi_core::survey::QuestionKind),
        choice_labels!("expenseCategory", tsudoi_core::money::budget::ExpenseCategory),
        choice_labels!("paymentMethod", tsudoi_core::money::ledger::PaymentMethod),
        choice_labels!("mailTemplate", tsudoi_core::mail::MailTemplate),
        choice_labels!("leftOutReason", tsudoi_core::mail::LeftOutReason),
        choice_labels!("outboxState", tsudoi_core::mail::OutboxState),
        choice_labels!("smtpSecurity", tsudoi_core::mail::SmtpSecurity),
        choice_labels!("reportSection", tsudoi_core::report::ReportSection),
    ]
    .join("\n");
    let list = |items: &[String]| {
        items
            .iter()
            .map(|s| format!("  {},", js_string(s)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let commands: Vec<String> = crate::COMMAND_NAMES.iter().map(|s| s.to_string()).collect();
    let outcome_kinds = DoorOutcome::ALL
        .iter()
        .map(|o| {
            format!(
                "  {}: {},",
                o.as_str(),
                serde_json::to_string(&o.kind()).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "// Generated from the Rust side by src-tauri/src/bindings.rs; do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p tsudoi-desktop bindings\n\n\
         /** The labels of every closed choice, [Japanese, English], in the order forms list them. */\n\
         export const LABELS = {{\n{labels}\n}} as const;\n\n\
         /** The colour and sound of each door outcome (`DoorOutcome::kind`). */\n\
         export const OUTCOME_KIND = {{\n{outcome_kinds}\n}} as const;\n\n\
         /** The commands the Rust side answers. */\n\
         export const COMMAND_NAMES = [\n{}\n] as const;\n\
         export type CommandName = (typeof COMMAND_NAMES)[number];\n\n\
         /** Every error code the Rust side can return (`ApiError.code`). */\n\
         export const ERROR_CODES = [\n{}\n] as const;\n\
         export type ErrorCode = (typeof ERROR_CODES)[number];\n",
        list(&commands),
        list(&error_codes()),
    )
}

fn check_fresh(relative: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/src")
        .join(relative);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/{relative} no longer matches the Rust side: run `UPDATE_BINDINGS=1 cargo test -p tsudoi-desktop bindings` and commit the file"
    );
}

#[test]
fn typescript_bindings_are_fresh() {
    check_fresh("bindings.ts", &bindings_ts());
}

#[test]
fn vocabulary_is_fresh() {
    check_fresh("vocabulary.ts", &vocabulary_ts());
}

#[test]
fn error_codes_are_found() {
    let codes = error_codes();
    for expected in ["store.event_not_found", "file.exists", "validation.empty_name"] {
        assert!(
            codes.iter().any(|c| c == expected),
            "{expected} is returned by a Localized::code, so the scan must find it: {codes:?}"
        );
    }
}

//! Files in and out: registration exports and online attendance reports read into an event, the
//! attendance file and the tickets written out. Each is "read the file → apply in one store
//! transaction → log" or "build the bytes → write whole → log"; the readers and writers are
//! `tsudoi-exchange`'s and `tsudoi-report`'s, which never touch the disk or the store.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tsudoi_core::attendance::{AttendanceLine, AttendanceSummary};
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::registration::{RowWarning, SkippedRow};
use tsudoi_core::EventId;
use tsudoi_exchange::export::{
    attendance_csv, attendance_xlsx, AttendanceExport, CsvEncoding, UnencodableChar,
};
use tsudoi_exchange::mapping::{ColumnMapping, Field};
use tsudoi_exchange::online::read_online_report;
use tsudoi_exchange::registrations::{read_registrations, CategoryChoices, ReadOptions, UnmatchedCategory};
use tsudoi_exchange::{FileFormat, Sheet};
use tsudoi_store::{ImportOptions, OnlineAttendanceImport, RegistrationImport};

use crate::audit::{exported, logged_path, Written};
use crate::output::{write_file, FolderOutput, Replace};
use crate::{AppError, Ctx, Result};

/// Reads a file to import, refusing one beyond the size any import reads before a byte of it is
/// held in memory.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    let limit = tsudoi_core::limits::MAX_FILE_BYTES;
    let bytes = std::fs::metadata(path).map_err(AppError::io(path))?.len();
    if bytes > limit {
        return Err(tsudoi_exchange::ImportError::TooLarge { bytes, limit }.into());
    }
    std::fs::read(path).map_err(AppError::io(path))
}

/// What a person decided about a registration file (all optional: the guess stands otherwise).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct RegistrationRequest {
    /// The mapping the person confirmed in the preview.
    pub mapping: Option<ColumnMapping>,
    /// Header → field changes (the CLI's `--map`); `None` leaves the column out.
    #[cfg_attr(feature = "ts", ts(skip))]
    #[serde(skip)]
    pub overrides: Vec<(String, Option<Field>)>,
    /// Categories for the words no rule knows.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, Category>"))]
    pub category_choices: CategoryChoices,
    pub dry_run: bool,
}

/// A registration file read and applied (or, in a dry run, read and tried).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegistrationOutcome {
    pub file: String,
    pub format: FileFormat,
    pub header_row: u32,
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    /// The first rows as they are in the file.
    pub sample: Vec<Vec<String>>,
    /// Data rows in the file.
    pub n_rows: u32,
    #[serde(flatten)]
    pub result: RegistrationImport,
    pub skipped: Vec<SkippedRow>,
    pub warnings: Vec<RowWarning>,
    pub unmatched_categories: Vec<UnmatchedCategory>,
}

/// Reads a registration file and imports it into an event, all or nothing. The mapping used is
/// remembered for files with the same headers; the import and its log line are one transaction.
pub fn import_registrations(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
    request: &RegistrationRequest,
) -> Result<RegistrationOutcome> {
    ctx.require(tsudoi_core::handler::Permission::ImportPersonalData)?;
    let bytes = read_file(path)?;
    let sheet = Sheet::read(&bytes)?;
    let store = &*ctx.store;
    let remembered = |signature: &str| -> Option<ColumnMapping> {
        let json = store.remembered_mapping(signature).ok().flatten()?;
        serde_json::from_str(&json).ok()
    };
    // Words decided in earlier imports, then this person's decisions over them.
    let mut category_choices: CategoryChoices = store.remembered_category_words()?.into_iter().collect();
    category_choices.extend(request.category_choices.clone());
    let file = read_registrations(
        &sheet,
        &ReadOptions {
            mapping: request.mapping.clone(),
            remembered: Some(&remembered),
            overrides: request.overrides.clone(),
            category_choices,
        },
        ctx.lang,
    )?;
    // The file's bytes and its cells are not needed once read: freed before the store's
    // transaction, so that the file and the people are not all held at once at the peak.
    drop(sheet);
    drop(bytes);
    if !request.dry_run && !file.unmatched_categories.is_empty() {
        let words = file.unmatched_categories.iter().map(|u| u.word.clone()).collect();
        return Err(AppError::CategoriesUndecided(words));
    }
    let mapping_json = serde_json::to_string(&file.mapping).unwrap_or_default();
    let file_name = logged_path(path);
    let now = ctx.now();
    let actor = ctx.operator.name.clone();
    let result = ctx.store.import_registrations(
        event_id,
        file.registrations,
        &ImportOptions {
            dry_run: request.dry_run,
            actor: &actor,
            file: &file_name,
            remember_mapping: Some((&file.signature, &mapping_json)),
            remember_categories: request.category_choices.clone().into_iter().collect(),
        },
        now,
    )?;
    Ok(RegistrationOutcome {
        file: file_name,
        format: file.format,
        header_row: file.header_row,
        headers: file.headers,
        mapping: file.mapping,
        sample: file.sample,
        n_rows: file.n_rows,
        result,
        skipped: file.skipped,
        warnings: file.warnings,
        unmatched_categories: file.unmatched_categories,
    })
}

/// Reads a Teams or Zoom attendance report and marks the people in it as attended online; the
/// change and its log line are one transaction.
pub fn import_online_attendance(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
    dry_run: bool,
) -> Result<OnlineAttendanceImport> {
    ctx.require(tsudoi_core::handler::Permission::ImportPersonalData)?;
    let bytes = read_file(path)?;
    let report = read_online_report(&Sheet::read(&bytes)?)?;
    let file_name = logged_path(path);
    let now = ctx.now();
    let actor = ctx.operator.name.clone();
    Ok(ctx.store.import_online_attendance(
        event_id,
        report.source,
        &report.participants,
        &ImportOptions {
            dry_run,
            actor: &actor,
            file: &file_name,
            remember_mapping: None,
            remember_categories: Vec::new(),
        },
        now,
    )?)
}

/// The kind of attendance file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// From the file name: `.xlsx` is a workbook, anything else CSV.
    pub fn for_path(path: &Path) -> ExportFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("xlsx") => ExportFormat::Xlsx,
            _ => ExportFormat::Csv,
        }
    }
}

/// How to write an attendance file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportRequest {
    /// None: from the file name.
    pub format: Option<ExportFormat>,
    #[serde(default)]
    pub encoding: CsvEncoding,
    #[serde(default)]
    pub include_contact: bool,
    #[serde(default)]
    pub substitute_unencodable: bool,
    /// Replace a file already at the path (the window asks first; the CLI's `--force`).
    #[serde(default)]
    pub replace: bool,
    /// Also list cancelled and waiting people who did not come (by default the file holds the
    /// people the event counts; the summary counts the others either way).
    #[serde(default)]
    pub include_not_attending: bool,
}

/// The CSV encoding an export takes when none is asked for: CP932 (Shift_JIS) on a Windows set to
/// Japanese, where older systems and the bureau's own tools read CSV as the system's code page;
/// elsewhere UTF-8 with a byte-order mark, which Excel reads everywhere.
pub fn default_csv_encoding() -> CsvEncoding {
    csv_encoding_for(cfg!(windows), system_locale().as_deref())
}

/// The rule of [`default_csv_encoding`], apart from the system it asks.
fn csv_encoding_for(windows: bool, locale: Option<&str>) -> CsvEncoding {
    let japanese = locale.is_some_and(|l| l.to_ascii_lowercase().starts_with("ja"));
    if windows && japanese {
        CsvEncoding::Cp932
    } else {
        CsvEncoding::Utf8
    }
}

#[cfg(windows)]
fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}

#[cfg(not(windows))]
fn system_locale() -> Option<String> {
    None
}

/// An attendance file written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportOutcome {
    pub file: String,
    pub format: ExportFormat,
    pub encoding: Option<CsvEncoding>,
    pub n_people: u32,
    pub summary: AttendanceSummary,
    pub substituted: Vec<UnencodableChar>,
}

/// Writes an event's attendance to a file and logs the export. The file appears whole or not at
/// all, and an export that cannot be logged is removed.
pub fn export_attendance(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
    request: &ExportRequest,
) -> Result<ExportOutcome> {
    exported(ctx, AuditAction::AttendanceExport, Some(event_id), |ctx| {
        let replace = Replace(request.replace);
        crate::output::check_file(path, replace)?;
        let event = ctx.store.event(event_id)?;
        let mut lines = ctx.store.attendance_lines(event_id)?;
        let summary = AttendanceSummary::of(&lines);
        if !request.include_not_attending {
            lines.retain(AttendanceLine::is_counted);
        }
        let format = request.format.unwrap_or_else(|| ExportFormat::for_path(path));
        let date = event.details.date.format("%Y-%m-%d").to_string();
        let options = AttendanceExport {
            event_title: &event.details.title,
            event_date: &date,
            lang: ctx.lang,
            offset: ctx.clock.offset(),
            include_contact: request.include_contact,
            substitute_unencodable: request.substitute_unencodable,
        };
        let (bytes, written) = match format {
            ExportFormat::Csv => attendance_csv(&lines, request.encoding, &options)?,
            ExportFormat::Xlsx => attendance_xlsx(&lines, &summary, &options)?,
        };
        let file = write_file(path, &bytes, replace)?;
        let encoding = (format == ExportFormat::Csv).then_some(request.encoding);
        let detail = AuditDetail::AttendanceExport {
            format: match format {
                ExportFormat::Csv => "csv",
                ExportFormat::Xlsx => "xlsx",
            }
            .to_string(),
            encoding: encoding.map(|e| {
                match e {
                    CsvEncoding::Cp932 => "cp932",
                    CsvEncoding::Utf8 => "utf-8",
                }
                .to_string()
            }),
            with_contact: request.include_contact,
        }
        .encode();
        Ok(Written {
            value: ExportOutcome {
                file: path.display().to_string(),
                format,
                encoding,
                n_people: written.n_people,
                summary,
                substituted: written.substituted,
            },
            n_people: written.n_people,
            target: path.to_path_buf(),
            detail,
            files: vec![file],
        })
    })
}

/// General and stakeholder, venue and online: registered and attended.
pub fn attendance_summary(ctx: &Ctx<'_>, event_id: EventId) -> Result<AttendanceSummary> {
    Ok(AttendanceSummary::of(&ctx.store.attendance_lines(event_id)?))
}

/// What a ticket export wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TicketExport {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub dir: PathBuf,
    pub n_tickets: usize,
    /// People on the waiting list, who get no ticket until they move up.
    pub n_waiting_without_ticket: usize,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub pdf: PathBuf,
}

/// Writes each standing registration's QR code (PNG and SVG) and the printable cards
/// (`受付票_非公表用.pdf`) into `dir`: all the files or none, logged, and removed again when the log
/// line cannot be written.
pub fn export_tickets(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    dir: &Path,
    replace: Replace,
) -> Result<TicketExport> {
    exported(ctx, AuditAction::TicketExport, Some(event_id), |ctx| {
        let event = ctx.store.event(event_id)?;
        let everyone = ctx
            .store
            .attendees(event_id, &tsudoi_store::AttendeeQuery::default())?;
        // People on the waiting list get their ticket when they move up, not before: a ticket
        // in hand reads as a place.
        let (waiting, attendees): (Vec<_>, Vec<_>) = everyone.into_iter().partition(|a| {
            a.waitlisted_at.is_some() && a.details.status == tsudoi_core::AttendeeStatus::Registered
        });
        let tickets = tsudoi_report::tickets::ticket_files(&event, &attendees, ctx.lang)?;
        let mut output = FolderOutput::new(dir);
        for (name, bytes) in tickets.images {
            output.add(name, bytes);
        }
        let name = tsudoi_core::document::BureauDocument::Tickets.file_name(
            tsudoi_core::document::Disclosure::Internal,
            ctx.lang,
            "pdf",
        );
        let pdf = output.add(name, tickets.pdf);
        let files = output.write(replace)?;
        Ok(Written {
            value: TicketExport {
                dir: dir.to_path_buf(),
                n_tickets: tickets.n_tickets,
                n_waiting_without_ticket: waiting.len(),
                pdf,
            },
            n_people: tickets.n_tickets as u32,
            target: dir.to_path_buf(),
            detail: AuditDetail::Documents {
                formats: "png, svg, pdf".into(),
                public: None,
                photos: None,
            }
            .encode(),
            files,
        })
    })
}

/// Where exports of an event go unless the person picks another folder:
/// `Documents/Tsudoi/<date> <title>`.
pub fn default_export_dir(ctx: &Ctx<'_>, event_id: EventId) -> Result<PathBuf> {
    let event = ctx.store.event(event_id)?;
    let base = dirs::document_dir().or_else(dirs::home_dir).unwrap_or_default();
    let name = tsudoi_files::file_safe(&format!("{} {}", event.details.date, event.details.title), 80);
    Ok(base.join("Tsudoi").join(name))
}

#[cfg(test)]
mod default_encoding_tests {
    use super::*;

    #[test]
    fn cp932_is_the_default_only_on_a_windows_set_to_japanese() {
        assert_eq!(csv_encoding_for(true, Some("ja-JP")), CsvEncoding::Cp932);
        assert_eq!(csv_encoding_for(true, Some("ja")), CsvEncoding::Cp932);
        assert_eq!(csv_encoding_for(true, Some("en-US")), CsvEncoding::Utf8);
        assert_eq!(csv_encoding_for(true, None), CsvEncoding::Utf8, "unknown: UTF-8");
        assert_eq!(
            csv_encoding_for(false, Some("ja-JP")),
            CsvEncoding::Utf8,
            "Linux and macOS tools read UTF-8"
        );
    }
}

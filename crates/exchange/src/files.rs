//! From a path to the store and back: the steps the CLI and the window share, so that both
//! import, mark attendance and export the same way, and every one is logged.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use tsudoi_core::attendance::AttendanceSummary;
use tsudoi_core::registration::{RowWarning, SkippedRow};
use tsudoi_core::{EventId, Lang, Localized};
use tsudoi_store::{
    AuditAction, AuditRecord, ImportOptions, OnlineAttendanceImport, RegistrationImport, Store, StoreError,
};

use crate::export::{
    attendance_csv, attendance_xlsx, AttendanceExport, CsvEncoding, ExportError, UnencodableChar,
};
use crate::mapping::{ColumnMapping, Field};
use crate::online::read_online_report;
use crate::registrations::{read_registrations, CategoryChoices, ReadOptions, UnmatchedCategory};
use crate::sheet::{FileFormat, Sheet};
use crate::ImportError;

/// Why a file could not be imported or exported. Nothing changed when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Photo(#[from] crate::photos::PhotoError),
    #[error(transparent)]
    Report(#[from] tsudoi_report::ReportError),
    #[error("cannot read or write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl Localized for ExchangeError {
    fn code(&self) -> &'static str {
        match self {
            ExchangeError::Import(e) => e.code(),
            ExchangeError::Store(e) => e.code(),
            ExchangeError::Export(e) => e.code(),
            ExchangeError::Photo(e) => e.code(),
            ExchangeError::Report(e) => e.code(),
            ExchangeError::Io { .. } => "file.io",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            ExchangeError::Import(e) => e.message(lang),
            ExchangeError::Store(e) => e.message(lang),
            ExchangeError::Export(e) => e.message(lang),
            ExchangeError::Photo(e) => e.message(lang),
            ExchangeError::Report(e) => e.message(lang),
            ExchangeError::Io { path, source } => match lang {
                Lang::Ja => format!(
                    "{} を読み書きできません（{source}）。ファイルの場所と、ほかのアプリで開いていないかを確かめてください。データは変わっていません。",
                    path.display()
                ),
                Lang::En => format!(
                    "Cannot read or write {} ({source}). Check the location and that no other program has it open. No data changed.",
                    path.display()
                ),
            },
        }
    }
}

/// Who is acting, for the privacy log: the operator set for this computer (the desk's operator,
/// `tsudoi setting desk --operator`), else the system's user name.
pub fn actor_name(store: &Store) -> String {
    store
        .desk()
        .ok()
        .map(|desk| desk.operator)
        .filter(|operator| !operator.trim().is_empty())
        .or_else(|| {
            ["USER", "LOGNAME", "USERNAME"]
                .into_iter()
                .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// The path as the privacy log keeps it: absolute, so the entry says where the data went.
fn logged_path(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

fn read_file(path: &Path) -> Result<Vec<u8>, ExchangeError> {
    fs::read(path).map_err(|source| ExchangeError::Io {
        path: path.to_path_buf(),
        source,
    })
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
/// remembered for files with the same headers; the import is logged.
pub fn import_registration_file(
    store: &mut Store,
    event_id: EventId,
    path: &Path,
    request: &RegistrationRequest,
    actor: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<RegistrationOutcome, ExchangeError> {
    let bytes = read_file(path)?;
    let sheet = Sheet::read(&bytes)?;
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
        lang,
    )?;
    let mapping_json = serde_json::to_string(&file.mapping).unwrap_or_default();
    let file_name = logged_path(path);
    let result = store.import_registrations(
        event_id,
        file.registrations,
        &ImportOptions {
            dry_run: request.dry_run,
            actor,
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

/// Reads a Teams or Zoom attendance report and marks the people in it as attended online.
pub fn import_online_report_file(
    store: &mut Store,
    event_id: EventId,
    path: &Path,
    dry_run: bool,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<OnlineAttendanceImport, ExchangeError> {
    let bytes = read_file(path)?;
    let report = read_online_report(&Sheet::read(&bytes)?)?;
    let file_name = logged_path(path);
    Ok(store.import_online_attendance(
        event_id,
        report.source,
        &report.participants,
        &ImportOptions {
            dry_run,
            actor,
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
/// all (written beside its place, then renamed), and an export that cannot be logged is removed.
#[allow(clippy::too_many_arguments)]
pub fn export_attendance_file(
    store: &mut Store,
    event_id: EventId,
    path: &Path,
    request: &ExportRequest,
    actor: &str,
    lang: Lang,
    offset: FixedOffset,
    now: DateTime<Utc>,
) -> Result<ExportOutcome, ExchangeError> {
    let event = store.event(event_id)?;
    let lines = store.attendance_lines(event_id)?;
    let summary = AttendanceSummary::of(&lines);
    let format = request.format.unwrap_or_else(|| ExportFormat::for_path(path));
    let date = event.details.date.format("%Y-%m-%d").to_string();
    let options = AttendanceExport {
        event_title: &event.details.title,
        event_date: &date,
        lang,
        offset,
        include_contact: request.include_contact,
        substitute_unencodable: request.substitute_unencodable,
    };
    let (bytes, written) = match format {
        ExportFormat::Csv => attendance_csv(&lines, request.encoding, &options)?,
        ExportFormat::Xlsx => attendance_xlsx(&lines, &summary, &options)?,
    };
    write_whole(path, &bytes)?;
    let encoding = (format == ExportFormat::Csv).then_some(request.encoding);
    let detail = format!(
        "{}{}{}",
        match format {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        },
        match encoding {
            Some(CsvEncoding::Cp932) => " cp932",
            Some(CsvEncoding::Utf8) => " utf-8",
            None => "",
        },
        if request.include_contact {
            ", with email and phone"
        } else {
            ""
        }
    );
    let logged = store.record_audit(
        &AuditRecord {
            actor,
            action: AuditAction::AttendanceExport,
            event_id: Some(event_id),
            n_people: written.n_people,
            file: &logged_path(path),
            detail: &detail,
        },
        now,
    );
    if let Err(error) = logged {
        let _ = fs::remove_file(path);
        return Err(error.into());
    }
    Ok(ExportOutcome {
        file: path.display().to_string(),
        format,
        encoding,
        n_people: written.n_people,
        summary,
        substituted: written.substituted,
    })
}

/// Writes a file whole (see [`tsudoi_store::write_file_whole`]).
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), ExchangeError> {
    tsudoi_store::write_file_whole(path, bytes).map_err(|source| ExchangeError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// One photo file added (or found already there).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddedPhoto {
    pub photo: tsudoi_core::agenda::Photo,
    /// False when the same photo was already stored: it is one photo.
    pub new: bool,
}

/// Adds a photo file to an event: checked whole, copied under its hash, attached by its time.
pub fn add_photo_file(
    store: &mut Store,
    event_id: EventId,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<AddedPhoto, ExchangeError> {
    let bytes = read_file(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    add_photo_bytes(store, event_id, &bytes, &name, None, now)
}

/// Adds a photo from bytes (a webcam frame, a dropped file). `taken_at` is the time to use when
/// the file carries none (a webcam frame is taken now, in the venue's local time).
pub fn add_photo_bytes(
    store: &mut Store,
    event_id: EventId,
    bytes: &[u8],
    name: &str,
    taken_at: Option<chrono::NaiveDateTime>,
    now: DateTime<Utc>,
) -> Result<AddedPhoto, ExchangeError> {
    let mut prepared = crate::photos::prepare_photo(bytes, name)?;
    prepared.taken_at = prepared.taken_at.or(taken_at);
    let (photo, new) = store.add_photo(
        event_id,
        &tsudoi_store::NewPhoto {
            sha256: &prepared.sha256,
            original_name: name,
            media_type: prepared.media_type,
            width: prepared.width,
            height: prepared.height,
            taken_at: prepared.taken_at,
            bytes,
            thumbnail: &prepared.thumbnail,
        },
        now,
    )?;
    Ok(AddedPhoto { photo, new })
}

/// The programme written for the day: a one-page PDF, an HTML page for the venue's screen, CSV.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaExport {
    pub pdf: String,
    pub html: String,
    pub csv: String,
    pub n_items: u32,
}

/// Writes `次第.pdf`, `次第.html` and `次第.csv` (English names in English) into `dir`.
pub fn export_agenda(
    store: &Store,
    event_id: EventId,
    dir: &Path,
    lang: Lang,
    disclosure: tsudoi_report::agenda::Disclosure,
) -> Result<AgendaExport, ExchangeError> {
    let event = store.event(event_id)?;
    let items = store.agenda(event_id)?;
    let pdf = tsudoi_report::agenda::agenda_pdf(&event, &items, lang, disclosure)?;
    let html = tsudoi_report::agenda::agenda_html(&event, &items, lang, disclosure);
    let mut csv = crate::export::FormulaSafeCsv::new();
    let header = [
        lang.pick("開始", "Start"),
        lang.pick("終了", "End"),
        lang.pick("種類", "Kind"),
        lang.pick("題名", "Title"),
        lang.pick("場所", "Place"),
        lang.pick("登壇者", "Speakers"),
        lang.pick("モデレーター", "Moderator"),
        lang.pick("備考", "Notes"),
    ];
    csv.record(header)?;
    for item in &items {
        let d = &item.details;
        let speakers = item
            .speakers
            .iter()
            .map(|s| s.details.name.as_str())
            .collect::<Vec<_>>()
            .join(" / ");
        let moderator = item
            .moderator
            .as_ref()
            .map(|m| m.details.name.clone())
            .unwrap_or_default();
        let cells = [
            d.starts_at.format("%H:%M").to_string(),
            d.ends_at.format("%H:%M").to_string(),
            d.kind.label(lang).to_string(),
            d.title.clone(),
            d.place.label(lang).to_string(),
            speakers,
            moderator,
            d.notes.clone(),
        ];
        csv.record(&cells)?;
    }
    let csv = csv.into_utf8_with_bom()?;
    let stem = lang.pick("次第", "programme");
    let paths = [("pdf", pdf), ("html", html.into_bytes()), ("csv", csv)]
        .into_iter()
        .map(|(extension, bytes)| {
            let path = dir.join(format!("{stem}.{extension}"));
            write_whole(&path, &bytes)?;
            Ok(logged_path(&path))
        })
        .collect::<Result<Vec<_>, ExchangeError>>()?;
    Ok(AgendaExport {
        pdf: paths[0].clone(),
        html: paths[1].clone(),
        csv: paths[2].clone(),
        n_items: items.len() as u32,
    })
}

/// The minutes written: Markdown, printable HTML and PDF, with the photos copied beside them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MinutesExport {
    pub markdown: String,
    pub html: String,
    pub pdf: String,
    pub n_photos: u32,
}

/// Writes the minutes into `dir` (`議事録.md`, `.html`, `.pdf` and `photos/`). A public
/// (公表用) export shows only the photos people agreed may be published.
pub fn export_minutes(
    store: &Store,
    event_id: EventId,
    dir: &Path,
    lang: Lang,
    disclosure: tsudoi_report::agenda::Disclosure,
    offset: FixedOffset,
) -> Result<MinutesExport, ExchangeError> {
    use tsudoi_report::agenda::{
        minutes_html, minutes_markdown, minutes_pdf, Disclosure, DocumentHead, MinutesItem, MinutesPhoto,
    };
    let event = store.event(event_id)?;
    let items = store.agenda(event_id)?;
    let minutes = store.minutes(event_id)?;
    let photos = store.photos(event_id)?;
    let mut documented = Vec::with_capacity(items.len());
    for item in &items {
        let Some(text) = minutes.iter().find(|m| m.agenda_item_id == item.id) else {
            continue;
        };
        let mut shown = Vec::new();
        for photo in photos.iter().filter(|p| p.agenda_item_id == Some(item.id)) {
            if disclosure == Disclosure::Public && !photo.public_ok {
                continue;
            }
            let source = store.photo_path(photo);
            let extension = source.extension().and_then(|e| e.to_str()).unwrap_or("jpg");
            shown.push(MinutesPhoto {
                file_name: format!("{:03}-{}.{extension}", photo.id.0, &photo.sha256[..8]),
                caption: photo.caption.clone(),
                bytes: read_file(&source)?,
            });
        }
        documented.push(MinutesItem {
            item,
            talk_summary: &text.text.talk_summary,
            decisions: &text.text.decisions,
            follow_ups: &text.text.follow_ups,
            notes: &text.notes,
            photos: shown,
        });
    }
    let head = DocumentHead {
        event: &event,
        lang,
        disclosure,
        offset,
    };
    let pdf = minutes_pdf(&head, &documented)?;
    let mut n_photos = 0;
    for item in &documented {
        for photo in &item.photos {
            write_whole(&dir.join("photos").join(&photo.file_name), &photo.bytes)?;
            n_photos += 1;
        }
    }
    let stem = lang.pick("議事録", "minutes");
    let markdown = dir.join(format!("{stem}.md"));
    write_whole(&markdown, minutes_markdown(&head, &documented).as_bytes())?;
    let html = dir.join(format!("{stem}.html"));
    write_whole(&html, minutes_html(&head, &documented).as_bytes())?;
    let pdf_path = dir.join(format!("{stem}.pdf"));
    write_whole(&pdf_path, &pdf)?;
    Ok(MinutesExport {
        markdown: logged_path(&markdown),
        html: logged_path(&html),
        pdf: logged_path(&pdf_path),
        n_photos,
    })
}

/// Writes an event's tickets (a PNG and an SVG per person, the printable PDF) into `dir` and logs
/// the export.
pub fn export_tickets_file(
    store: &mut Store,
    event_id: EventId,
    dir: &Path,
    actor: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<tsudoi_report::tickets::TicketExport, ExchangeError> {
    let event = store.event(event_id)?;
    let attendees = store.attendees(event_id, &tsudoi_store::AttendeeQuery::default())?;
    let export = tsudoi_report::tickets::export_tickets(dir, &event, &attendees, lang)?;
    store.record_audit(
        &AuditRecord {
            actor,
            action: AuditAction::TicketExport,
            event_id: Some(event_id),
            n_people: export.n_tickets as u32,
            file: &logged_path(&export.dir),
            detail: "png, svg, pdf",
        },
        now,
    )?;
    Ok(export)
}

/// A seat chart written to a PDF.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeatChartExport {
    pub file: String,
    pub n_seated: u32,
}

/// Writes the printable seat chart (PDF, 非公表用: it carries names) and logs the export; an
/// export that cannot be logged is removed.
pub fn export_seat_chart_file(
    store: &mut Store,
    event_id: EventId,
    path: &Path,
    actor: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<SeatChartExport, ExchangeError> {
    let event = store.event(event_id)?;
    let seats = store.seat_chart(event_id)?;
    let when = tsudoi_report::tickets::event_when(&event);
    let pdf = tsudoi_report::seat_chart::seat_chart_pdf(&event.details.title, &when, &seats, lang)?;
    write_whole(path, &pdf)?;
    let n_seated = seats.iter().filter(|s| s.name.is_some()).count() as u32;
    let file = logged_path(path);
    let logged = store.record_audit(
        &AuditRecord {
            actor,
            action: AuditAction::SeatChartExport,
            event_id: Some(event_id),
            n_people: n_seated,
            file: &file,
            detail: "pdf",
        },
        now,
    );
    if let Err(error) = logged {
        let _ = fs::remove_file(path);
        return Err(error.into());
    }
    Ok(SeatChartExport { file, n_seated })
}

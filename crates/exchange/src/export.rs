//! The attendance file the bureau receives: CSV that opens correctly in Excel on a Japanese PC
//! (UTF-8 with a byte-order mark and CRLF, or CP932 on request) and XLSX with a summary sheet.
//!
//! Every cell is data, never a formula: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return is written so that Excel shows it as text (CSV: a leading apostrophe; XLSX:
//! a string cell with Excel's quote prefix).

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use encoding_rs::SHIFT_JIS;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use serde::Serialize;
use tsudoi_core::attendance::{AttendanceCount, AttendanceLine, AttendanceSummary};
use tsudoi_core::{AttendeeStatus, Lang};

/// The text encoding of a CSV export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark, so Excel reads it as UTF-8.
    #[default]
    Utf8,
    /// Shift_JIS with Microsoft's extensions, for old systems.
    Cp932,
}

/// How an attendance file is written.
#[derive(Debug, Clone)]
pub struct AttendanceExport<'a> {
    pub event_title: &'a str,
    pub event_date: &'a str,
    pub lang: Lang,
    /// Times are written in this offset (the venue's local time).
    pub offset: FixedOffset,
    /// Adds email and phone columns (off by default: the bureau's list does not need them).
    pub include_contact: bool,
    /// For CP932: write `〓` for a character CP932 cannot hold instead of refusing.
    pub substitute_unencodable: bool,
}

/// A character CP932 cannot hold, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnencodableChar {
    /// The line of the file (the header is line 1).
    pub line: u32,
    pub column: String,
    pub character: String,
    /// The cell's text, so the person can find it.
    pub text: String,
}

/// Why an attendance file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{} characters cannot be written in CP932", .0.len())]
    Unencodable(Vec<UnencodableChar>),
    #[error("cannot write the spreadsheet: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] csv::Error),
}

impl tsudoi_core::Localized for ExportError {
    fn code(&self) -> &'static str {
        match self {
            ExportError::Unencodable(_) => "export.unencodable",
            ExportError::Xlsx(_) | ExportError::Csv(_) => "export.write",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExportError::Unencodable(chars), Lang::Ja) => format!(
                "Shift_JIS（CP932）では書けない文字が {} 個あります（{}）。UTF-8 か Excel 形式で書き出すか、置き換えを許して書き出してください。何も書き出していません。",
                chars.len(),
                describe(chars, lang)
            ),
            (ExportError::Unencodable(chars), Lang::En) => format!(
                "{} characters cannot be written in Shift_JIS (CP932): {}. Export as UTF-8 or Excel, or allow substitution. Nothing was written.",
                chars.len(),
                describe(chars, lang)
            ),
            (_, Lang::Ja) => "ファイルの中身を作れませんでした。何も書き出していません。もう一度書き出し、続く場合は形式（CSV・Excel）を変えてください。".to_string(),
            (error, Lang::En) => format!("The file could not be made ({error}). Nothing was written."),
        }
    }
}

fn describe(chars: &[UnencodableChar], lang: Lang) -> String {
    let mut parts: Vec<String> = chars
        .iter()
        .take(5)
        .map(|c| match lang {
            Lang::Ja => format!("{} 行目「{}」の {}", c.line, c.column, c.character),
            Lang::En => format!("line {} “{}”: {}", c.line, c.column, c.character),
        })
        .collect();
    if chars.len() > 5 {
        parts.push("…".into());
    }
    parts.join(lang.pick("、", ", "))
}

/// Whether Excel would read a cell as a formula (or a DDE command): it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return.
pub fn is_formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A CSV cell that Excel shows as text and never runs.
pub fn neutralize_csv_cell(cell: &str) -> Cow<'_, str> {
    if is_formula_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// One cell of a line: text, or a time that XLSX writes as a real date.
enum Cell {
    Text(String),
    Time(Option<DateTime<Utc>>),
    /// A time already in local time (a form's answer time).
    LocalTime(NaiveDateTime),
}

struct Column {
    ja: &'static str,
    en: &'static str,
    width: f64,
}

const fn column(ja: &'static str, en: &'static str, width: f64) -> Column {
    Column { ja, en, width }
}

fn columns(include_contact: bool) -> Vec<Column> {
    let mut columns = vec![
        column("氏名", "Name", 16.0),
        column("ふりがな", "Kana", 18.0),
        column("所属", "Organization", 24.0),
        column("役職", "Title", 14.0),
        column("区分", "Category", 12.0),
        column("席", "Zone", 10.0),
        column("座席", "Seat", 8.0),
        column("参加方法（申込）", "Mode (registered)", 12.0),
        column("参加方法（当日）", "Mode (attended)", 12.0),
        column("状態", "Status", 12.0),
        column("出席", "Attended", 7.0),
        column("登録日時", "Registered at", 17.0),
        column("入場時刻", "Checked in at", 17.0),
        column("退場時刻", "Checked out at", 17.0),
        column("当日参加", "Walk-in", 9.0),
        column("オンライン出席", "Online attended", 13.0),
        column("オンライン参加時間（分）", "Online minutes", 12.0),
    ];
    if include_contact {
        columns.push(column("メールアドレス", "Email", 26.0));
        columns.push(column("電話番号", "Phone", 15.0));
    }
    columns
}

fn cells(line: &AttendanceLine, options: &AttendanceExport<'_>) -> Vec<Cell> {
    let lang = options.lang;
    let person = &line.attendee;
    let d = &person.details;
    let yes = |flag: bool| Cell::Text(if flag { lang.pick("○", "yes") } else { "" }.to_string());
    let status = if d.status == AttendeeStatus::Cancelled {
        d.status.label(lang)
    } else if person.waitlisted_at.is_some() {
        lang.pick("キャンセル待ち", "Waiting list")
    } else {
        d.status.label(lang)
    };
    let mut cells = vec![
        Cell::Text(d.name.clone()),
        Cell::Text(d.kana.clone()),
        Cell::Text(d.organization.clone()),
        Cell::Text(d.title.clone()),
        Cell::Text(d.category.label(lang).to_string()),
        Cell::Text(line.zone.label(lang).to_string()),
        Cell::Text(line.seat.clone().unwrap_or_default()),
        Cell::Text(d.mode.label(lang).to_string()),
        Cell::Text(
            if line.attended() {
                line.attended_mode().label(lang)
            } else {
                ""
            }
            .to_string(),
        ),
        Cell::Text(status.to_string()),
        yes(line.attended()),
        match line.answered_at {
            Some(answered) => Cell::LocalTime(answered),
            None => Cell::Time(Some(person.created_at)),
        },
        Cell::Time(line.checked_in_at),
        Cell::Time(line.checked_out_at),
        yes(line.is_walk_in()),
        yes(line.online_attended),
        Cell::Text(line.online_minutes.map(|m| m.to_string()).unwrap_or_default()),
    ];
    if options.include_contact {
        cells.push(Cell::Text(d.email.clone()));
        cells.push(Cell::Text(d.phone.clone()));
    }
    cells
}

/// Times as Excel on a Japanese PC reads them back as dates.
const TIME_TEXT: &str = "%Y/%m/%d %H:%M";

fn local_text(time: Option<DateTime<Utc>>, offset: FixedOffset) -> String {
    time.map(|t| t.with_timezone(&offset).format(TIME_TEXT).to_string())
        .unwrap_or_default()
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportedFile {
    pub n_people: u32,
    /// Characters written as `〓` because CP932 cannot hold them (only with substitution).
    pub substituted: Vec<UnencodableChar>,
}

/// A CSV written as Excel on a Japanese PC reads it: CRLF line ends, and no cell that could run as
/// a formula. Shared by every CSV Tsudoi writes.
pub struct FormulaSafeCsv {
    writer: csv::Writer<Vec<u8>>,
}

impl FormulaSafeCsv {
    pub fn new() -> FormulaSafeCsv {
        FormulaSafeCsv {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new()),
        }
    }

    /// Writes one line, each cell made safe by [`neutralize_csv_cell`].
    pub fn record<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> Result<(), ExportError> {
        self.writer.write_record(
            cells
                .into_iter()
                .map(|cell| neutralize_csv_cell(cell.as_ref()).into_owned()),
        )?;
        Ok(())
    }

    /// The text written (UTF-8: every cell came in as text).
    pub fn into_text(self) -> Result<String, ExportError> {
        let bytes = self
            .writer
            .into_inner()
            .map_err(|e| ExportError::Csv(e.into_error().into()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The bytes as UTF-8 with a byte-order mark, so that Excel reads them as UTF-8.
    pub fn into_utf8_with_bom(self) -> Result<Vec<u8>, ExportError> {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(self.into_text()?.as_bytes());
        Ok(bytes)
    }
}

impl Default for FormulaSafeCsv {
    fn default() -> FormulaSafeCsv {
        FormulaSafeCsv::new()
    }
}

/// The attendance list as CSV bytes: a header line, one line per person, CRLF line ends.
pub fn attendance_csv(
    lines: &[AttendanceLine],
    encoding: CsvEncoding,
    options: &AttendanceExport<'_>,
) -> Result<(Vec<u8>, ExportedFile), ExportError> {
    let columns = columns(options.include_contact);
    let mut writer = FormulaSafeCsv::new();
    writer.record(columns.iter().map(|c| options.lang.pick(c.ja, c.en)))?;
    let mut unencodable = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let texts: Vec<String> = cells(line, options)
            .into_iter()
            .map(|cell| match cell {
                Cell::Text(text) => text,
                Cell::Time(time) => local_text(time, options.offset),
                Cell::LocalTime(time) => time.format(TIME_TEXT).to_string(),
            })
            .collect();
        if encoding == CsvEncoding::Cp932 {
            for (text, column) in texts.iter().zip(&columns) {
                find_unencodable(
                    text,
                    index as u32 + 2,
                    options.lang.pick(column.ja, column.en),
                    &mut unencodable,
                );
            }
        }
        writer.record(&texts)?;
    }
    let bytes = match encoding {
        CsvEncoding::Utf8 => writer.into_utf8_with_bom()?,
        CsvEncoding::Cp932 => {
            if !unencodable.is_empty() && !options.substitute_unencodable {
                return Err(ExportError::Unencodable(unencodable));
            }
            encode_cp932(&writer.into_text()?)
        }
    };
    Ok((
        bytes,
        ExportedFile {
            n_people: lines.len() as u32,
            substituted: unencodable,
        },
    ))
}

fn find_unencodable(text: &str, line: u32, column: &str, found: &mut Vec<UnencodableChar>) {
    if text.is_ascii() || !SHIFT_JIS.encode(text).2 {
        return;
    }
    for c in text.chars() {
        let mut buffer = [0u8; 4];
        if SHIFT_JIS.encode(c.encode_utf8(&mut buffer)).2 {
            found.push(UnencodableChar {
                line,
                column: column.to_string(),
                character: c.to_string(),
                text: text.to_string(),
            });
        }
    }
}

/// CP932 bytes, with `〓` for what CP932 cannot hold (encoding_rs would write `&#…;`).
fn encode_cp932(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut buffer = [0u8; 4];
    let (bytes, _, unmappable) = SHIFT_JIS.encode(text);
    if !unmappable {
        return bytes.into_owned();
    }
    for c in text.chars() {
        let (bytes, _, unmappable) = SHIFT_JIS.encode(c.encode_utf8(&mut buffer));
        if unmappable {
            out.extend_from_slice(&[0x81, 0xAC]);
        } else {
            out.extend_from_slice(&bytes);
        }
    }
    out
}

/// The attendance list as an XLSX workbook: the list on the first sheet (every page headed
/// 非公表用: it holds personal data), the summary on the second.
pub fn attendance_xlsx(
    lines: &[AttendanceLine],
    summary: &AttendanceSummary,
    options: &AttendanceExport<'_>,
) -> Result<(Vec<u8>, ExportedFile), ExportError> {
    let lang = options.lang;
    let columns = columns(options.include_contact);
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border(FormatBorder::Thin);
    let text_format = Format::new().set_num_format("@");
    let quoted = Format::new().set_num_format("@").set_quote_prefix();
    let time_format = Format::new()
        .set_num_format("yyyy/mm/dd hh:mm")
        .set_align(FormatAlign::Left);

    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("出欠", "Attendance"))?;
    sheet.set_header(format!(
        "&L{}&C&\"-,Bold\"{}&R&P / &N",
        xlsx_header_text(options.event_title),
        tsudoi_core::document::Disclosure::Internal.header(lang)
    ));
    for (index, column) in columns.iter().enumerate() {
        let index = index as u16;
        sheet.write_string_with_format(0, index, lang.pick(column.ja, column.en), &header)?;
        sheet.set_column_width(index, column.width)?;
    }
    for (index, line) in lines.iter().enumerate() {
        let row = index as u32 + 1;
        for (column, cell) in cells(line, options).into_iter().enumerate() {
            let column = column as u16;
            match cell {
                Cell::Text(text) if is_formula_like(&text) => {
                    sheet.write_string_with_format(row, column, &text, &quoted)?;
                }
                Cell::Text(text) if !text.is_empty() => {
                    sheet.write_string_with_format(row, column, &text, &text_format)?;
                }
                Cell::Text(_) | Cell::Time(None) => {}
                Cell::Time(Some(time)) => {
                    let local = time.with_timezone(&options.offset).naive_local();
                    sheet.write_datetime_with_format(row, column, local, &time_format)?;
                }
                Cell::LocalTime(local) => {
                    sheet.write_datetime_with_format(row, column, local, &time_format)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, lines.len() as u32, columns.len() as u16 - 1)?;

    let sheet = workbook.add_worksheet();
    write_summary(sheet, summary, options, &header)?;
    let bytes = workbook.save_to_buffer()?;
    Ok((
        bytes,
        ExportedFile {
            n_people: lines.len() as u32,
            substituted: Vec::new(),
        },
    ))
}

/// `&` starts a code in Excel's page headers.
fn xlsx_header_text(text: &str) -> String {
    text.replace('&', "&&")
}

fn write_summary(
    sheet: &mut Worksheet,
    summary: &AttendanceSummary,
    options: &AttendanceExport<'_>,
    header: &Format,
) -> Result<(), XlsxError> {
    let lang = options.lang;
    sheet.set_name(lang.pick("集計", "Summary"))?;
    sheet.set_header(format!(
        "&C&\"-,Bold\"{}",
        tsudoi_core::document::Disclosure::Internal.header(lang)
    ));
    sheet.set_column_width(0, 22.0)?;
    for column in 1..=6 {
        sheet.set_column_width(column, 12.0)?;
    }
    let title = if is_formula_like(options.event_title) {
        format!("'{}", options.event_title)
    } else {
        options.event_title.to_string()
    };
    sheet.write_string(0, 0, format!("{title}（{}）", options.event_date))?;
    let heads = [
        lang.pick("区分", "Group"),
        lang.pick("会場 登録", "Venue registered"),
        lang.pick("会場 出席", "Venue attended"),
        lang.pick("オンライン 登録", "Online registered"),
        lang.pick("オンライン 出席", "Online attended"),
        lang.pick("合計 登録", "Total registered"),
        lang.pick("合計 出席", "Total attended"),
    ];
    for (column, head) in heads.iter().enumerate() {
        sheet.write_string_with_format(2, column as u16, *head, header)?;
    }
    let total = |a: AttendanceCount, b: AttendanceCount| AttendanceCount {
        n_registered: a.n_registered + b.n_registered,
        n_attended: a.n_attended + b.n_attended,
    };
    let rows = [
        (
            lang.pick("一般（一般者席）", "General public"),
            summary.general_venue,
            summary.general_online,
        ),
        (
            lang.pick("関係者（関係者席）", "Stakeholders"),
            summary.stakeholder_venue,
            summary.stakeholder_online,
        ),
        (
            lang.pick("合計", "Total"),
            total(summary.general_venue, summary.stakeholder_venue),
            total(summary.general_online, summary.stakeholder_online),
        ),
    ];
    for (index, (label, venue, online)) in rows.iter().enumerate() {
        let row = 3 + index as u32;
        let all = total(*venue, *online);
        sheet.write_string(row, 0, *label)?;
        for (column, n) in [
            venue.n_registered,
            venue.n_attended,
            online.n_registered,
            online.n_attended,
            all.n_registered,
            all.n_attended,
        ]
        .into_iter()
        .enumerate()
        {
            sheet.write_number(row, column as u16 + 1, f64::from(n))?;
        }
    }
    let notes = [
        (lang.pick("うち当日参加", "of which walk-ins"), summary.n_walk_ins),
        (lang.pick("キャンセル", "Cancelled"), summary.n_cancelled),
        (
            lang.pick("キャンセル待ち（未出席）", "Waiting list (not attended)"),
            summary.n_waitlisted,
        ),
    ];
    for (index, (label, n)) in notes.iter().enumerate() {
        let row = 8 + index as u32;
        sheet.write_string(row, 0, *label)?;
        sheet.write_number(row, 1, f64::from(*n))?;
    }
    Ok(())
}

/// The programme as CSV (UTF-8 with a byte-order mark, formula-safe): one line per item.
pub fn agenda_csv(items: &[tsudoi_core::agenda::AgendaItem], lang: Lang) -> Result<Vec<u8>, ExportError> {
    let mut csv = FormulaSafeCsv::new();
    csv.record([
        lang.pick("開始", "Start"),
        lang.pick("終了", "End"),
        lang.pick("種類", "Kind"),
        lang.pick("題名", "Title"),
        lang.pick("場所", "Place"),
        lang.pick("登壇者", "Speakers"),
        lang.pick("モデレーター", "Moderator"),
        lang.pick("備考", "Notes"),
    ])?;
    for item in items {
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
        csv.record([
            d.starts_at.format("%H:%M").to_string(),
            d.ends_at.format("%H:%M").to_string(),
            d.kind.label(lang).to_string(),
            d.title.clone(),
            d.place.label(lang).to_string(),
            speakers,
            moderator,
            d.notes.clone(),
        ])?;
    }
    csv.into_utf8_with_bom()
}

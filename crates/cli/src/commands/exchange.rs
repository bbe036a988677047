//! Files in and out: `tsudoi attendee import`, `tsudoi attendance …`, `tsudoi ticket …`.

use std::path::Path;

use tsudoi_app::exchange::{self, ExportFormat, ExportRequest, RegistrationRequest};
use tsudoi_app::output::Replace;
use tsudoi_app::types::{CategoryChoices, CsvEncoding, Field};
use tsudoi_app::{attendees, Ctx};
use tsudoi_core::{AttendeeId, Category, EventId, Lang};

use crate::args::{AttendanceCommand, TicketCommand};
use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn import_registrations(
    event: i64,
    file: &Path,
    dry_run: bool,
    map: &[String],
    category: &[String],
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let request = RegistrationRequest {
        mapping: None,
        overrides: parse_overrides(map, lang)?,
        category_choices: parse_category_choices(category, lang)?,
        dry_run,
    };
    let outcome = exchange::import_registrations(ctx, EventId(event), file, &request).or_fail(lang)?;
    out.registration_import(&outcome, lang);
    Ok(())
}

pub fn attendance(
    command: &AttendanceCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        AttendanceCommand::Import { event, file, dry_run } => {
            let outcome =
                exchange::import_online_attendance(ctx, EventId(*event), file, *dry_run).or_fail(lang)?;
            out.online_import(&outcome, lang);
        }
        AttendanceCommand::Export {
            event,
            out: path,
            format,
            encoding,
            include_contact,
            substitute,
            include_not_attending,
        } => {
            let request = ExportRequest {
                format: format.as_deref().map(|f| {
                    if f == "xlsx" {
                        ExportFormat::Xlsx
                    } else {
                        ExportFormat::Csv
                    }
                }),
                encoding: match encoding.as_deref() {
                    None => exchange::default_csv_encoding(),
                    Some(e) if e.starts_with("utf") => CsvEncoding::Utf8,
                    Some(_) => CsvEncoding::Cp932,
                },
                include_contact: *include_contact,
                substitute_unencodable: *substitute,
                replace: replace.0,
                include_not_attending: *include_not_attending,
            };
            let outcome = exchange::export_attendance(ctx, EventId(*event), path, &request).or_fail(lang)?;
            out.attendance_export(&outcome, lang);
        }
    }
    Ok(())
}

pub fn ticket(
    command: &TicketCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        TicketCommand::Export { event, out: dir } => {
            let export = exchange::export_tickets(ctx, EventId(*event), dir, replace).or_fail(lang)?;
            out.tickets_exported(&export, lang);
        }
        TicketCommand::Reissue { attendee } => {
            let attendee = attendees::reissue_ticket(ctx, AttendeeId(*attendee)).or_fail(lang)?;
            out.attendee(&attendee, lang);
        }
    }
    Ok(())
}

/// `--map 'お名前=name'`: a header and a field (empty: leave the column out).
fn parse_overrides(pairs: &[String], lang: Lang) -> Result<Vec<(String, Option<Field>)>, Failure> {
    pairs
        .iter()
        .map(|pair| {
            let bad = || Failure {
                code: "cli.bad_map",
                reported: false,
                message: match lang {
                    Lang::Ja => format!("--map {pair} を読めません。「見出し=項目」の形で、項目は name, kana, organization, title, email, phone, category, mode, consent, answered_at, family_name, given_name, family_kana, given_kana のどれか（空なら取り込まない）です。"),
                    Lang::En => format!("Cannot read --map {pair}. Write HEADER=FIELD, the field one of name, kana, organization, title, email, phone, category, mode, consent, answered_at, family_name, given_name, family_kana, given_kana (empty: leave out)."),
                },
            };
            let (header, field) = pair.rsplit_once('=').ok_or_else(bad)?;
            let field = match field.trim() {
                "" => None,
                field => Some(Field::parse(field).ok_or_else(bad)?),
            };
            Ok((header.to_string(), field))
        })
        .collect()
}

/// `--category '学生=other'`: a word of the file and the category it means.
fn parse_category_choices(pairs: &[String], lang: Lang) -> Result<CategoryChoices, Failure> {
    pairs
        .iter()
        .map(|pair| {
            let (word, category) = pair.rsplit_once('=').ok_or_else(|| Failure {
                code: "cli.bad_category",
                reported: false,
                message: match lang {
                    Lang::Ja => format!("--category {pair} を読めません。「区分の言葉=区分」の形で書いてください（例: 学生=other）。"),
                    Lang::En => format!("Cannot read --category {pair}. Write WORD=CATEGORY (e.g. student=other)."),
                },
            })?;
            let category = Category::parse(category).or_fail(lang)?;
            Ok((word.trim().to_string(), category))
        })
        .collect()
}

//! `tsudoi`: the command line of Tsudoi. A second door to the same store as the window, so every
//! change a person can make there can be scripted here. Thin by design: parse, call the store,
//! print.

mod args;
mod desk;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::Parser;
use serde_json::json;
use tsudoi_core::agenda::{AgendaItemDraft, AgendaItemId, AgendaKind, ItemPlace, SpeakerDraft, SpeakerId};
use tsudoi_core::event::{parse_date, parse_time};
use tsudoi_core::{
    AttendanceMode, AttendeeDraft, AttendeeId, AttendeeStatus, Category, Direction, EventDraft, EventFormat,
    EventId, Lang, Localized, RegistrationSource, SeatZone, ZoneMapping, ZoneSetting,
};
use tsudoi_exchange::export::CsvEncoding;
use tsudoi_exchange::files::{
    export_attendance_file, import_online_report_file, import_registration_file, ExportFormat, ExportRequest,
    RegistrationRequest,
};
use tsudoi_exchange::{CategoryChoices, Field};
use tsudoi_store::{default_db_path, AttendeeQuery, DeskSettings, Store};

use args::{
    AgendaCommand, AgendaFields, AttendanceCommand, AttendeeCommand, AttendeeFields, Cli, Command,
    EventCommand, EventFields, MinutesCommand, PhotoCommand, SeatCommand, SettingCommand, SpeakerCommand,
    SpeakerFields, TicketCommand, ZoneCommand,
};
use output::Output;

/// What a failed command reports: a coded error for `--json`, a message for people.
struct Failure {
    code: &'static str,
    message: String,
    /// The command already printed its JSON document (a refusal at the door is a result).
    reported: bool,
}

impl Failure {
    fn from_error(error: &impl Localized, lang: Lang) -> Failure {
        Failure {
            code: error.code(),
            message: error.message(lang),
            reported: false,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut lang = cli.lang.or_else(locale_lang).unwrap_or_default();
    let out = Output { json: cli.json };
    let result = (|| -> Result<(), Failure> {
        let path = database_path(&cli, lang)?;
        let mut store = Store::open(&path).map_err(|e| Failure::from_error(&e, lang))?;
        if cli.lang.is_none() {
            lang = store.language().map_err(|e| Failure::from_error(&e, lang))?;
        }
        run(&cli.command, &mut store, &out, lang)
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if cli.json && !failure.reported {
                out.print_json(&json!({ "error": { "code": failure.code, "message": failure.message } }));
            }
            eprintln!("{}: {}", lang.pick("エラー", "error"), failure.message);
            ExitCode::FAILURE
        }
    }
}

fn speaker_draft(current: SpeakerDraft, f: &SpeakerFields) -> SpeakerDraft {
    SpeakerDraft {
        name: f.name.clone().unwrap_or(current.name),
        kana: f.kana.clone().unwrap_or(current.kana),
        organization: f.organization.clone().unwrap_or(current.organization),
        title: f.title.clone().unwrap_or(current.title),
        biography: f.biography.clone().unwrap_or(current.biography),
        contact: f.contact.clone().unwrap_or(current.contact),
    }
}

fn agenda_draft(
    current: AgendaItemDraft,
    f: &AgendaFields,
) -> Result<AgendaItemDraft, tsudoi_core::ValidationError> {
    let time = |text: &Option<String>, current| -> Result<_, tsudoi_core::ValidationError> {
        match text {
            Some(text) => parse_time(text),
            None => Ok(current),
        }
    };
    Ok(AgendaItemDraft {
        starts_at: time(&f.start, current.starts_at)?,
        ends_at: time(&f.end, current.ends_at)?,
        kind: f
            .kind
            .as_deref()
            .map(AgendaKind::parse)
            .transpose()?
            .unwrap_or(current.kind),
        title: f.title.clone().unwrap_or(current.title),
        place: f
            .place
            .as_deref()
            .map(ItemPlace::parse)
            .transpose()?
            .unwrap_or(current.place),
        speaker_ids: if f.speakers.is_empty() {
            current.speaker_ids
        } else {
            f.speakers.iter().map(|id| SpeakerId(*id)).collect()
        },
        moderator_id: f.moderator.map(SpeakerId).or(current.moderator_id),
        notes: f.notes.clone().unwrap_or(current.notes),
    })
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
            let category = Category::parse(category).map_err(|e| Failure::from_error(&e, lang))?;
            Ok((word.trim().to_string(), category))
        })
        .collect()
}

/// The language of the terminal's locale, read before the database (and its setting) is open.
fn locale_lang() -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| Lang::parse(&value))
}

fn database_path(cli: &Cli, lang: Lang) -> Result<PathBuf, Failure> {
    cli.db.clone().or_else(default_db_path).ok_or_else(|| Failure {
        code: "cli.no_data_dir",
        reported: false,
        message: lang
            .pick(
                "データの保存場所が見つかりません。--db でデータベースのファイルを指定してください。",
                "No data folder was found. Give the database file with --db.",
            )
            .to_string(),
    })
}

fn run(command: &Command, store: &mut Store, out: &Output, lang: Lang) -> Result<(), Failure> {
    let fail = |e: tsudoi_store::StoreError| Failure::from_error(&e, lang);
    let invalid = |e: tsudoi_core::ValidationError| Failure::from_error(&e, lang);
    let now = Utc::now();
    match command {
        Command::Event(EventCommand::Create(fields)) => {
            let (Some(title), Some(date)) = (&fields.title, &fields.date) else {
                return Err(missing_argument("--title, --date", lang));
            };
            let draft = EventDraft::new(title.clone(), parse_date(date).map_err(invalid)?);
            let draft = apply_event_fields(draft, fields).map_err(invalid)?;
            let event = store.create_event(draft, now).map_err(fail)?;
            out.event(&event, None, lang);
        }
        Command::Event(EventCommand::Update { id, fields }) => {
            let current = store.event(EventId(*id)).map_err(fail)?;
            let draft = apply_event_fields(current.details, fields).map_err(invalid)?;
            let event = store.update_event(EventId(*id), draft, now).map_err(fail)?;
            out.event(&event, None, lang);
        }
        Command::Event(EventCommand::List) => {
            let events = store.events().map_err(fail)?;
            let counts = events
                .iter()
                .map(|e| store.event_counts(e.id))
                .collect::<Result<Vec<_>, _>>()
                .map_err(fail)?;
            out.events(&events, &counts, lang);
        }
        Command::Event(EventCommand::Show { id }) => {
            let event = store.event(EventId(*id)).map_err(fail)?;
            let counts = store.event_counts(event.id).map_err(fail)?;
            out.event(&event, Some(&counts), lang);
        }
        Command::Attendee(AttendeeCommand::Add { event, fields }) => {
            let draft = new_attendee_draft(fields, lang)?;
            let attendee = store.add_attendee(EventId(*event), draft, now).map_err(fail)?;
            out.attendee(&attendee, lang);
        }
        Command::Attendee(AttendeeCommand::Update { id, fields }) => {
            let current = store.attendee(AttendeeId(*id)).map_err(fail)?;
            let draft = apply_attendee_fields(current.details, fields).map_err(invalid)?;
            let update = store.update_attendee(AttendeeId(*id), draft, now).map_err(fail)?;
            out.attendee_update(&update, lang);
        }
        Command::Attendee(AttendeeCommand::Show { id }) => {
            let attendee = store.attendee(AttendeeId(*id)).map_err(fail)?;
            out.attendee(&attendee, lang);
        }
        Command::Attendee(AttendeeCommand::List { event, search }) => {
            let query = AttendeeQuery {
                search: search.clone(),
                ..AttendeeQuery::default()
            };
            let attendees = store.attendees(EventId(*event), &query).map_err(fail)?;
            out.attendees(&attendees, lang);
        }
        Command::Checkin(args) => {
            let result = desk::door(store, args, Direction::Entry).map_err(fail)?;
            desk::print_result(out, &result, lang);
            return passed_or_refused(&result, lang);
        }
        Command::Checkout(args) => {
            let result = desk::door(store, args, Direction::Exit).map_err(fail)?;
            desk::print_result(out, &result, lang);
            return passed_or_refused(&result, lang);
        }
        Command::WalkIn {
            event,
            fields,
            desk: desk_args,
            override_reason,
        } => {
            let draft = new_attendee_draft(fields, lang)?;
            let desk = desk::desk_of(store, desk_args).map_err(fail)?;
            let result = store
                .walk_in(
                    EventId(*event),
                    draft,
                    &desk.name,
                    &desk.operator,
                    override_reason.as_deref(),
                    now,
                )
                .map_err(fail)?;
            desk::print_result(out, &result, lang);
            return passed_or_refused(&result, lang);
        }
        Command::Undo {
            attempt,
            reason,
            desk: desk_args,
        } => {
            let desk = desk::desk_of(store, desk_args).map_err(fail)?;
            let undone = store
                .undo_attempt(*attempt, reason, &desk.name, now)
                .map_err(fail)?;
            desk::print_attempts(out, std::slice::from_ref(&undone), lang);
        }
        Command::Status { event } => {
            let status = store.door_status(EventId(*event)).map_err(fail)?;
            desk::print_status(out, &status, lang);
        }
        Command::Attempts { event, limit } => {
            let attempts = store.door_attempts(EventId(*event), *limit).map_err(fail)?;
            desk::print_attempts(out, &attempts, lang);
        }
        Command::Ticket(TicketCommand::Export { event, out: dir }) => {
            let actor = tsudoi_exchange::files::actor_name(store);
            let export =
                tsudoi_exchange::files::export_tickets_file(store, EventId(*event), dir, &actor, lang, now)
                    .map_err(|e| Failure::from_error(&e, lang))?;
            out.tickets_exported(&export, lang);
        }
        Command::Attendee(AttendeeCommand::Import {
            event,
            file,
            dry_run,
            map,
            category,
        }) => {
            let request = RegistrationRequest {
                mapping: None,
                overrides: parse_overrides(map, lang)?,
                category_choices: parse_category_choices(category, lang)?,
                dry_run: *dry_run,
            };
            let actor = tsudoi_exchange::files::actor_name(store);
            let outcome = import_registration_file(store, EventId(*event), file, &request, &actor, lang, now)
                .map_err(|e| Failure::from_error(&e, lang))?;
            out.registration_import(&outcome, lang);
        }
        Command::Attendance(AttendanceCommand::Import { event, file, dry_run }) => {
            let actor = tsudoi_exchange::files::actor_name(store);
            let outcome = import_online_report_file(store, EventId(*event), file, *dry_run, &actor, now)
                .map_err(|e| Failure::from_error(&e, lang))?;
            out.online_import(&outcome, lang);
        }
        Command::Attendance(AttendanceCommand::Export {
            event,
            out: path,
            format,
            encoding,
            include_contact,
            substitute,
        }) => {
            let request = ExportRequest {
                format: format.as_deref().map(|f| {
                    if f == "xlsx" {
                        ExportFormat::Xlsx
                    } else {
                        ExportFormat::Csv
                    }
                }),
                encoding: if encoding.starts_with("utf") {
                    CsvEncoding::Utf8
                } else {
                    CsvEncoding::Cp932
                },
                include_contact: *include_contact,
                substitute_unencodable: *substitute,
            };
            let actor = tsudoi_exchange::files::actor_name(store);
            let offset = *chrono::Local::now().offset();
            let outcome =
                export_attendance_file(store, EventId(*event), path, &request, &actor, lang, offset, now)
                    .map_err(|e| Failure::from_error(&e, lang))?;
            out.attendance_export(&outcome, lang);
        }
        Command::Seat(SeatCommand::Plan {
            event,
            general,
            stakeholder,
        }) => {
            let event = EventId(*event);
            let mut plan = store.seat_plan(event).map_err(fail)?;
            if general.is_some() || stakeholder.is_some() {
                let mut blocks = Vec::new();
                for (zone, text) in [(SeatZone::Stakeholder, stakeholder), (SeatZone::General, general)] {
                    blocks.extend(match text {
                        Some(text) => tsudoi_core::SeatPlan::parse_blocks(zone, text).map_err(invalid)?,
                        None => plan.blocks.iter().filter(|b| b.zone == zone).cloned().collect(),
                    });
                }
                plan = store
                    .set_seat_plan(event, tsudoi_core::SeatPlan { blocks })
                    .map_err(fail)?;
            }
            out.seat_plan(&plan, lang);
        }
        Command::Seat(SeatCommand::Assign { attendee, seat }) => {
            let given = store
                .assign_seat(AttendeeId(*attendee), seat.as_deref(), now)
                .map_err(fail)?;
            out.print_seat(AttendeeId(*attendee), given.as_deref(), lang);
        }
        Command::Seat(SeatCommand::Chart { event, out: path }) => {
            let event = store.event(EventId(*event)).map_err(fail)?;
            let seats = store.seat_chart(event.id).map_err(fail)?;
            match path {
                None => out.seat_chart(&seats, lang),
                Some(path) => {
                    let actor = tsudoi_exchange::files::actor_name(store);
                    let done = tsudoi_exchange::files::export_seat_chart_file(
                        store, event.id, path, &actor, lang, now,
                    )
                    .map_err(|e| Failure::from_error(&e, lang))?;
                    out.seat_chart_written(&done, lang);
                }
            }
        }
        Command::Speaker(SpeakerCommand::Add(fields)) => {
            let speaker = store
                .add_speaker(speaker_draft(SpeakerDraft::default(), fields), now)
                .map_err(fail)?;
            out.print_json_or(&speaker, || format!("{} {}", speaker.id.0, speaker.details.name));
        }
        Command::Speaker(SpeakerCommand::Update { id, fields }) => {
            let current = store
                .speakers()
                .map_err(fail)?
                .into_iter()
                .find(|s| s.id.0 == *id)
                .ok_or_else(|| fail(tsudoi_store::StoreError::SpeakerNotFound(*id)))?;
            let speaker = store
                .update_speaker(current.id, speaker_draft(current.details, fields), now)
                .map_err(fail)?;
            out.print_json_or(&speaker, || format!("{} {}", speaker.id.0, speaker.details.name));
        }
        Command::Speaker(SpeakerCommand::List) => {
            let speakers = store.speakers().map_err(fail)?;
            out.speakers(&speakers, lang);
        }
        Command::Agenda(AgendaCommand::List { event }) => {
            let items = store.agenda(EventId(*event)).map_err(fail)?;
            let issues = store.schedule_issues(EventId(*event)).map_err(fail)?;
            out.agenda(&items, &issues, lang);
        }
        Command::Agenda(AgendaCommand::Add { event, fields }) => {
            let (Some(start), Some(end), Some(title)) = (&fields.start, &fields.end, &fields.title) else {
                return Err(missing_argument("--start, --end, --title", lang));
            };
            let draft = AgendaItemDraft {
                starts_at: parse_time(start).map_err(invalid)?,
                ends_at: parse_time(end).map_err(invalid)?,
                kind: AgendaKind::Talk,
                title: title.clone(),
                place: ItemPlace::Hybrid,
                speaker_ids: Vec::new(),
                moderator_id: None,
                notes: String::new(),
            };
            let draft = agenda_draft(draft, fields).map_err(invalid)?;
            let item = store.add_agenda_item(EventId(*event), draft, now).map_err(fail)?;
            out.print_json_or(&item, || format!("{} {}", item.id.0, item.details.title));
        }
        Command::Agenda(AgendaCommand::Update { id, fields }) => {
            let current = store.agenda_item(AgendaItemId(*id)).map_err(fail)?;
            let draft = agenda_draft(current.details, fields).map_err(invalid)?;
            let item = store
                .update_agenda_item(AgendaItemId(*id), draft, now)
                .map_err(fail)?;
            out.print_json_or(&item, || format!("{} {}", item.id.0, item.details.title));
        }
        Command::Agenda(AgendaCommand::Move { id, to }) => {
            let items = store
                .move_agenda_item(AgendaItemId(*id), to.saturating_sub(1), now)
                .map_err(fail)?;
            let event = items.first().map(|i| i.event_id).unwrap_or(EventId(0));
            let issues = store.schedule_issues(event).map_err(fail)?;
            out.agenda(&items, &issues, lang);
        }
        Command::Agenda(AgendaCommand::Delete { id }) => {
            store.delete_agenda_item(AgendaItemId(*id)).map_err(fail)?;
            out.print_json_or(&json!({ "deleted": id }), || {
                lang.pick("削除しました。", "Deleted.").to_string()
            });
        }
        Command::Agenda(AgendaCommand::Export {
            event,
            out: dir,
            public,
        }) => {
            let done = tsudoi_exchange::files::export_agenda(
                store,
                EventId(*event),
                dir,
                lang,
                tsudoi_report::agenda::Disclosure::from_public(*public),
            )
            .map_err(|e| Failure::from_error(&e, lang))?;
            out.print_json_or(&done, || format!("{}\n{}\n{}", done.pdf, done.html, done.csv));
        }
        Command::Minutes(MinutesCommand::Export {
            event,
            out: dir,
            public,
        }) => {
            let offset = *chrono::Local::now().offset();
            let done = tsudoi_exchange::files::export_minutes(
                store,
                EventId(*event),
                dir,
                lang,
                tsudoi_report::agenda::Disclosure::from_public(*public),
                offset,
            )
            .map_err(|e| Failure::from_error(&e, lang))?;
            out.print_json_or(&done, || {
                format!(
                    "{}\n{}\n{}\n({} photos)",
                    done.markdown, done.html, done.pdf, done.n_photos
                )
            });
        }
        Command::Photo(PhotoCommand::Add { event, files }) => {
            let mut added = Vec::new();
            for file in files {
                let photo = tsudoi_exchange::files::add_photo_file(store, EventId(*event), file, now)
                    .map_err(|e| Failure::from_error(&e, lang))?;
                added.push(photo);
            }
            out.print_json_or(&added, || {
                added
                    .iter()
                    .map(|a| {
                        format!(
                            "{} {}{}",
                            a.photo.id.0,
                            a.photo.original_name,
                            if a.new {
                                ""
                            } else {
                                lang.pick("（追加済みの写真）", " (already there)")
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Photo(PhotoCommand::List { event }) => {
            let photos = store.photos(EventId(*event)).map_err(fail)?;
            out.print_json_or(&photos, || {
                photos
                    .iter()
                    .map(|p| {
                        format!(
                            "{} {} {} item={}",
                            p.id.0,
                            p.original_name,
                            p.taken_at.map(|t| t.to_string()).unwrap_or_default(),
                            p.agenda_item_id
                                .map(|i| i.0.to_string())
                                .unwrap_or_else(|| "-".into())
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Audit { limit } => {
            let entries = store.audit_log(*limit).map_err(fail)?;
            out.audit(&entries, lang);
        }
        Command::Ticket(TicketCommand::Reissue { attendee }) => {
            store.reissue_ticket(AttendeeId(*attendee), now).map_err(fail)?;
            let attendee = store.attendee(AttendeeId(*attendee)).map_err(fail)?;
            out.attendee(&attendee, lang);
        }
        Command::Setting(SettingCommand::Desk { name, operator }) => {
            let mut current = store.desk().map_err(fail)?;
            if name.is_some() || operator.is_some() {
                current = DeskSettings {
                    name: name.clone().unwrap_or(current.name),
                    operator: operator.clone().unwrap_or(current.operator),
                };
                current = store.set_desk(&current).map_err(fail)?;
            }
            out.print_desk(&current);
        }
        Command::Zone(ZoneCommand::List { event }) => {
            let plan = store.zone_plan(EventId(*event)).map_err(fail)?;
            let status = store.door_status(EventId(*event)).map_err(fail)?;
            desk::print_zones(out, &plan, &status, lang);
        }
        Command::Zone(ZoneCommand::Set {
            event,
            zone,
            capacity,
            categories,
        }) => {
            let zone = SeatZone::parse(zone).map_err(invalid)?;
            let mut plan = store.zone_plan(EventId(*event)).map_err(fail)?;
            if let Some(capacity) = capacity {
                let capacity = desk::parse_capacity(capacity).map_err(invalid)?;
                plan.zones.retain(|z| z.zone != zone);
                plan.zones.push(ZoneSetting { zone, capacity });
            }
            for category in categories {
                let category = Category::parse(category).map_err(invalid)?;
                plan.mapping.retain(|m| m.category != category);
                plan.mapping.push(ZoneMapping { category, zone });
            }
            let plan = store.set_zone_plan(EventId(*event), plan).map_err(fail)?;
            let status = store.door_status(EventId(*event)).map_err(fail)?;
            desk::print_zones(out, &plan, &status, lang);
        }
        Command::Zone(ZoneCommand::Move {
            attendee,
            zone,
            reason,
            operator,
        }) => {
            let target = if zone == "category" {
                None
            } else {
                Some(SeatZone::parse(zone).map_err(invalid)?)
            };
            let operator = match operator {
                Some(name) => name.clone(),
                None => store.desk().map_err(fail)?.operator,
            };
            let moved = store
                .move_to_zone(AttendeeId(*attendee), target, reason, &operator, now)
                .map_err(fail)?;
            out.attendee(&moved, lang);
        }
        Command::Demo => {
            let report = store.load_demo(now).map_err(fail)?;
            out.demo(&report, lang);
        }
        Command::Setting(SettingCommand::Language { value }) => {
            if let Some(value) = value {
                store.set_language(*value).map_err(fail)?;
            }
            let current = store.language().map_err(fail)?;
            out.setting("language", current.as_str());
        }
        Command::Info => {
            let version = store.schema_version().map_err(fail)?;
            let n_events = store.events().map_err(fail)?.len();
            out.info(store.path(), version, n_events, lang);
        }
    }
    Ok(())
}

/// A door command succeeds only when the person passed; a refusal is a non-zero exit, so a script
/// can tell them apart without reading the output.
fn passed_or_refused(result: &tsudoi_store::DoorResult, lang: Lang) -> Result<(), Failure> {
    if result.attempt.outcome.passed() {
        Ok(())
    } else {
        Err(Failure {
            code: "door.refused",
            message: result.attempt.outcome.label(lang).to_string(),
            reported: true,
        })
    }
}

fn missing_argument(names: &str, lang: Lang) -> Failure {
    Failure {
        code: "cli.missing_argument",
        reported: false,
        message: match lang {
            Lang::Ja => format!("{names} を指定してください。"),
            Lang::En => format!("Give {names}."),
        },
    }
}

fn apply_event_fields(
    mut draft: EventDraft,
    f: &EventFields,
) -> Result<EventDraft, tsudoi_core::ValidationError> {
    if let Some(title) = &f.title {
        draft.title = title.clone();
    }
    if let Some(date) = &f.date {
        draft.date = parse_date(date)?;
    }
    if let Some(start) = &f.start {
        draft.start_time = optional_time(start)?;
    }
    if let Some(end) = &f.end {
        draft.end_time = optional_time(end)?;
    }
    if let Some(venue) = &f.venue {
        draft.venue_name = venue.clone();
    }
    if let Some(address) = &f.address {
        draft.venue_address = address.clone();
    }
    if let Some(capacity) = f.capacity {
        draft.capacity = capacity;
    }
    if let Some(url) = &f.online_url {
        draft.online_url = url.clone();
    }
    if let Some(format) = &f.format {
        draft.format = EventFormat::parse(format)?;
    }
    Ok(draft)
}

/// An empty argument clears a time (`--end ""`).
fn optional_time(value: &str) -> Result<Option<chrono::NaiveTime>, tsudoi_core::ValidationError> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse_time(value).map(Some)
    }
}

/// A new registration from the command line: a name is required, consent is assumed unless
/// `--no-consent` says otherwise.
fn new_attendee_draft(fields: &AttendeeFields, lang: Lang) -> Result<AttendeeDraft, Failure> {
    if fields.name.is_none() {
        return Err(missing_argument("--name", lang));
    }
    let draft = AttendeeDraft {
        consent: true,
        ..AttendeeDraft::default()
    };
    apply_attendee_fields(draft, fields).map_err(|e| Failure::from_error(&e, lang))
}

fn apply_attendee_fields(
    mut draft: AttendeeDraft,
    f: &AttendeeFields,
) -> Result<AttendeeDraft, tsudoi_core::ValidationError> {
    let text_fields = [
        (&f.name, &mut draft.name),
        (&f.kana, &mut draft.kana),
        (&f.org, &mut draft.organization),
        (&f.title, &mut draft.title),
        (&f.email, &mut draft.email),
        (&f.phone, &mut draft.phone),
        (&f.notes, &mut draft.notes),
    ];
    for (given, field) in text_fields {
        if let Some(value) = given {
            *field = value.clone();
        }
    }
    if let Some(category) = &f.category {
        draft.category = Category::parse(category)?;
    }
    if let Some(mode) = &f.mode {
        draft.mode = AttendanceMode::parse(mode)?;
    }
    if let Some(status) = &f.status {
        draft.status = AttendeeStatus::parse(status)?;
    }
    if let Some(source) = &f.source {
        draft.source = RegistrationSource::parse(source)?;
    }
    if f.no_consent {
        draft.consent = false;
    }
    if f.consent {
        draft.consent = true;
    }
    Ok(draft)
}

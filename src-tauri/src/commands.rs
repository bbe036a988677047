//! The commands the window calls: each takes the state and a DTO and calls one store function.

use chrono::Utc;
use std::path::Path;
use tauri::State;
use tsudoi_core::{
    Attendee, AttendeeDraft, AttendeeId, DoorStatus, Event, EventForm, EventId, Lang, SeatZone, TicketToken,
    ZonePlan,
};

use tsudoi_core::agenda::{
    AgendaItemDraft, AgendaItemId, MinutesField, MinutesNote, NoteId, Photo, PhotoId, Speaker, SpeakerDraft,
    SpeakerId,
};
use tsudoi_core::attendance::AttendanceSummary;
use tsudoi_exchange::files::{
    export_attendance_file, import_online_report_file, import_registration_file, ExportOutcome,
    ExportRequest, RegistrationOutcome, RegistrationRequest,
};
use tsudoi_exchange::files::{AgendaExport, MinutesExport, SeatChartExport};
use tsudoi_report::agenda::Disclosure;
use tsudoi_report::tickets::TicketExport;
use tsudoi_store::{
    AttendeeQuery, AttendeeUpdate, AuditEntry, DemoReport, DeskSettings, DoorAttempt, DoorRequest,
    DoorResult, OnlineAttendanceImport, Store,
};
use tsudoi_store::{ItemMinutes, PhotoChange};

use crate::dto::{
    AgendaView, ApiError, AppStatus, DoorInput, EventSummary, PhotoAddResult, PhotoView, SeatPlanForm,
    DESK_SEARCH_LIMIT,
};
use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    let is_empty = state.with_store(|store| store.is_empty()).unwrap_or(false);
    AppStatus {
        db_path: state
            .db_path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        app_version: tsudoi_store::APP_VERSION.to_string(),
        language: state.lang(),
        is_empty,
        error: state.open_error(),
    }
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: Lang) -> Reply<Lang> {
    state.with_store(|store| store.set_language(language))?;
    state.remember_lang(language);
    Ok(language)
}

#[tauri::command]
pub fn load_demo(state: State<'_, AppState>) -> Reply<DemoReport> {
    state.with_store(|store| store.load_demo(Utc::now()))
}

#[tauri::command]
pub fn list_events(state: State<'_, AppState>) -> Reply<Vec<EventSummary>> {
    state.with_store(|store| {
        let events = store.events()?;
        events
            .into_iter()
            .map(|event| {
                Ok(EventSummary {
                    counts: store.event_counts(event.id)?,
                    event,
                })
            })
            .collect()
    })
}

#[tauri::command]
pub fn get_event(state: State<'_, AppState>, id: EventId) -> Reply<EventSummary> {
    state.with_store(|store| {
        Ok(EventSummary {
            event: store.event(id)?,
            counts: store.event_counts(id)?,
        })
    })
}

#[tauri::command]
pub fn create_event(state: State<'_, AppState>, form: EventForm) -> Reply<Event> {
    state.with_store(|store| store.create_event(form.into_draft()?, Utc::now()))
}

#[tauri::command]
pub fn update_event(state: State<'_, AppState>, id: EventId, form: EventForm) -> Reply<Event> {
    state.with_store(|store| store.update_event(id, form.into_draft()?, Utc::now()))
}

#[tauri::command]
pub fn list_attendees(
    state: State<'_, AppState>,
    event_id: EventId,
    search: Option<String>,
) -> Reply<Vec<Attendee>> {
    state.with_store(|store| store.attendees(event_id, &AttendeeQuery { search, limit: None }))
}

#[tauri::command]
pub fn create_attendee(
    state: State<'_, AppState>,
    event_id: EventId,
    draft: AttendeeDraft,
) -> Reply<Attendee> {
    state.with_store(|store| store.add_attendee(event_id, draft, Utc::now()))
}

#[tauri::command]
pub fn update_attendee(
    state: State<'_, AppState>,
    id: AttendeeId,
    draft: AttendeeDraft,
) -> Reply<AttendeeUpdate> {
    state.with_store(|store| store.update_attendee(id, draft, Utc::now()))
}

#[tauri::command]
pub fn desk_settings(state: State<'_, AppState>) -> Reply<DeskSettings> {
    state.with_store(|store| store.desk())
}

#[tauri::command]
pub fn set_desk(state: State<'_, AppState>, desk: DeskSettings) -> Reply<DeskSettings> {
    state.with_store(|store| store.set_desk(&desk))
}

/// A scan, a pick from the name search, or an exit, recorded under this computer's desk.
#[tauri::command]
pub fn door(state: State<'_, AppState>, event_id: EventId, input: DoorInput) -> Reply<DoorResult> {
    state.with_store(|store| {
        let desk = store.desk()?;
        let request = DoorRequest {
            direction: input.direction,
            method: input.method,
            code: input.code,
            attendee_id: input.attendee_id,
            desk: desk.name,
            operator: desk.operator,
            override_reason: input.override_reason,
            seat: input.seat,
        };
        store.door(event_id, request, Utc::now())
    })
}

#[tauri::command]
pub fn walk_in(
    state: State<'_, AppState>,
    event_id: EventId,
    draft: AttendeeDraft,
    override_reason: Option<String>,
) -> Reply<DoorResult> {
    state.with_store(|store| {
        let desk = store.desk()?;
        store.walk_in(
            event_id,
            draft,
            &desk.name,
            &desk.operator,
            override_reason.as_deref(),
            Utc::now(),
        )
    })
}

#[tauri::command]
pub fn undo_attempt(state: State<'_, AppState>, attempt_id: i64, reason: String) -> Reply<DoorAttempt> {
    state.with_store(|store| {
        let desk = store.desk()?;
        store.undo_attempt(attempt_id, &reason, &desk.name, Utc::now())
    })
}

#[tauri::command]
pub fn door_status(state: State<'_, AppState>, event_id: EventId) -> Reply<DoorStatus> {
    state.with_store(|store| store.door_status(event_id))
}

#[tauri::command]
pub fn door_attempts(state: State<'_, AppState>, event_id: EventId, limit: u32) -> Reply<Vec<DoorAttempt>> {
    state.with_store(|store| store.door_attempts(event_id, limit))
}

/// The desk's name search: a few people who match what was typed, never the whole list (the
/// desk's screen faces a queue).
#[tauri::command]
pub fn desk_search(state: State<'_, AppState>, event_id: EventId, query: String) -> Reply<Vec<Attendee>> {
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    state.with_store(|store| {
        store.attendees(
            event_id,
            &AttendeeQuery {
                search: Some(query),
                limit: Some(DESK_SEARCH_LIMIT),
            },
        )
    })
}

#[tauri::command]
pub fn reissue_ticket(state: State<'_, AppState>, attendee_id: AttendeeId) -> Reply<Attendee> {
    state.with_store(|store| {
        store.reissue_ticket(attendee_id, Utc::now())?;
        store.attendee(attendee_id)
    })
}

/// The QR code of a ticket, as SVG, to show on screen.
#[tauri::command]
pub fn ticket_qr_svg(state: State<'_, AppState>, token: String) -> Reply<String> {
    let lang = state.lang();
    let token = TicketToken::parse(&token)
        .map_err(|_| ApiError::new(&tsudoi_core::ValidationError::BadTicket(token.clone()), lang))?;
    tsudoi_report::qr::ticket_svg(&token).map_err(|e| ApiError::new(&e, lang))
}

/// Where exports of an event go unless the person picks another folder:
/// `Documents/Tsudoi/<date> <title>`.
#[tauri::command]
pub fn default_export_dir(state: State<'_, AppState>, event_id: EventId) -> Reply<String> {
    let event = state.with_store(|store| store.event(event_id))?;
    let base = dirs::document_dir().or_else(dirs::home_dir).unwrap_or_default();
    let name = tsudoi_report::tickets::file_safe(&format!("{} {}", event.details.date, event.details.title));
    Ok(base.join("Tsudoi").join(name).display().to_string())
}

/// Writes the event's tickets (PNG, SVG and the printable PDF) into `dir`.
#[tauri::command]
pub fn export_tickets(state: State<'_, AppState>, event_id: EventId, dir: String) -> Reply<TicketExport> {
    let lang = state.lang();
    state.with_store_and_files(|store| {
        let actor = tsudoi_exchange::files::actor_name(store);
        tsudoi_exchange::files::export_tickets_file(
            store,
            event_id,
            Path::new(dir.trim()),
            &actor,
            lang,
            Utc::now(),
        )
    })
}

/// Reads a registration file and shows what importing it would do; changes nothing.
#[tauri::command]
pub fn preview_registration_import(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    request: RegistrationRequest,
) -> Reply<RegistrationOutcome> {
    registration_import(
        &state,
        event_id,
        &path,
        RegistrationRequest {
            dry_run: true,
            ..request
        },
    )
}

/// Imports a registration file with the mapping and categories the person confirmed.
#[tauri::command]
pub fn import_registrations(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    request: RegistrationRequest,
) -> Reply<RegistrationOutcome> {
    registration_import(
        &state,
        event_id,
        &path,
        RegistrationRequest {
            dry_run: false,
            ..request
        },
    )
}

fn registration_import(
    state: &AppState,
    event_id: EventId,
    path: &str,
    request: RegistrationRequest,
) -> Reply<RegistrationOutcome> {
    let lang = state.lang();
    state.with_store_and_files(|store| {
        let actor = tsudoi_exchange::files::actor_name(store);
        import_registration_file(
            store,
            event_id,
            Path::new(path.trim()),
            &request,
            &actor,
            lang,
            Utc::now(),
        )
    })
}

/// Marks the people of a Teams or Zoom attendance report as attended online.
#[tauri::command]
pub fn import_online_attendance(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    dry_run: bool,
) -> Reply<OnlineAttendanceImport> {
    state.with_store_and_files(|store| {
        let actor = tsudoi_exchange::files::actor_name(store);
        import_online_report_file(
            store,
            event_id,
            Path::new(path.trim()),
            dry_run,
            &actor,
            Utc::now(),
        )
    })
}

/// Writes the event's attendance to a CSV or XLSX file; logged.
#[tauri::command]
pub fn export_attendance(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
    request: ExportRequest,
) -> Reply<ExportOutcome> {
    let lang = state.lang();
    state.with_store_and_files(|store| {
        let actor = tsudoi_exchange::files::actor_name(store);
        let offset = *chrono::Local::now().offset();
        export_attendance_file(
            store,
            event_id,
            Path::new(path.trim()),
            &request,
            &actor,
            lang,
            offset,
            Utc::now(),
        )
    })
}

/// General and stakeholder, venue and online: registered and attended.
#[tauri::command]
pub fn attendance_summary(state: State<'_, AppState>, event_id: EventId) -> Reply<AttendanceSummary> {
    state.with_store(|store| Ok(AttendanceSummary::of(&store.attendance_lines(event_id)?)))
}

/// The privacy log, newest first.
#[tauri::command]
pub fn audit_log(state: State<'_, AppState>, limit: u32) -> Reply<Vec<AuditEntry>> {
    state.with_store(|store| store.audit_log(limit))
}

#[tauri::command]
pub fn zone_plan(state: State<'_, AppState>, event_id: EventId) -> Reply<ZonePlan> {
    state.with_store(|store| store.zone_plan(event_id))
}

#[tauri::command]
pub fn set_zone_plan(state: State<'_, AppState>, event_id: EventId, plan: ZonePlan) -> Reply<ZonePlan> {
    state.with_store(|store| store.set_zone_plan(event_id, plan))
}

/// Moves a person to another zone (`None`: back to their category's), with a written reason.
#[tauri::command]
pub fn move_to_zone(
    state: State<'_, AppState>,
    attendee_id: AttendeeId,
    zone: Option<SeatZone>,
    reason: String,
) -> Reply<Attendee> {
    state.with_store(|store| {
        let operator = store.desk()?.operator;
        store.move_to_zone(attendee_id, zone, &reason, &operator, Utc::now())
    })
}

#[tauri::command]
pub fn seat_plan(state: State<'_, AppState>, event_id: EventId) -> Reply<SeatPlanForm> {
    state.with_store(|store| Ok(SeatPlanForm::of(&store.seat_plan(event_id)?)))
}

#[tauri::command]
pub fn set_seat_plan(
    state: State<'_, AppState>,
    event_id: EventId,
    form: SeatPlanForm,
) -> Reply<SeatPlanForm> {
    state.with_store(|store| {
        Ok(SeatPlanForm::of(
            &store.set_seat_plan(event_id, form.into_plan()?)?,
        ))
    })
}

/// Gives a person the seat chosen at the desk (`None`: the next free one).
#[tauri::command]
pub fn assign_seat(
    state: State<'_, AppState>,
    attendee_id: AttendeeId,
    seat: Option<String>,
) -> Reply<Option<String>> {
    state.with_store(|store| store.assign_seat(attendee_id, seat.as_deref(), Utc::now()))
}

/// Writes the printable seat chart (PDF, 非公表用); logged.
#[tauri::command]
pub fn export_seat_chart(
    state: State<'_, AppState>,
    event_id: EventId,
    path: String,
) -> Reply<SeatChartExport> {
    let lang = state.lang();
    state.with_store_and_files(|store| {
        let actor = tsudoi_exchange::files::actor_name(store);
        tsudoi_exchange::files::export_seat_chart_file(
            store,
            event_id,
            Path::new(path.trim()),
            &actor,
            lang,
            Utc::now(),
        )
    })
}

#[tauri::command]
pub fn list_speakers(state: State<'_, AppState>) -> Reply<Vec<Speaker>> {
    state.with_store(|store| store.speakers())
}

#[tauri::command]
pub fn create_speaker(state: State<'_, AppState>, draft: SpeakerDraft) -> Reply<Speaker> {
    state.with_store(|store| store.add_speaker(draft, Utc::now()))
}

#[tauri::command]
pub fn update_speaker(state: State<'_, AppState>, id: SpeakerId, draft: SpeakerDraft) -> Reply<Speaker> {
    state.with_store(|store| store.update_speaker(id, draft, Utc::now()))
}

fn agenda_view(store: &Store, event_id: EventId) -> Result<AgendaView, tsudoi_store::StoreError> {
    Ok(AgendaView {
        items: store.agenda(event_id)?,
        issues: store.schedule_issues(event_id)?,
    })
}

#[tauri::command]
pub fn agenda(state: State<'_, AppState>, event_id: EventId) -> Reply<AgendaView> {
    state.with_store(|store| agenda_view(store, event_id))
}

#[tauri::command]
pub fn create_agenda_item(
    state: State<'_, AppState>,
    event_id: EventId,
    draft: AgendaItemDraft,
) -> Reply<AgendaView> {
    state.with_store(|store| {
        store.add_agenda_item(event_id, draft, Utc::now())?;
        agenda_view(store, event_id)
    })
}

#[tauri::command]
pub fn update_agenda_item(
    state: State<'_, AppState>,
    id: AgendaItemId,
    draft: AgendaItemDraft,
) -> Reply<AgendaView> {
    state.with_store(|store| {
        let item = store.update_agenda_item(id, draft, Utc::now())?;
        agenda_view(store, item.event_id)
    })
}

/// Moves an item to a place in the programme (from 0) and re-times the programme.
#[tauri::command]
pub fn move_agenda_item(state: State<'_, AppState>, id: AgendaItemId, to: u32) -> Reply<AgendaView> {
    state.with_store(|store| {
        let event_id = store.agenda_item(id)?.event_id;
        store.move_agenda_item(id, to, Utc::now())?;
        agenda_view(store, event_id)
    })
}

#[tauri::command]
pub fn delete_agenda_item(state: State<'_, AppState>, id: AgendaItemId) -> Reply<AgendaView> {
    state.with_store(|store| {
        let event_id = store.agenda_item(id)?.event_id;
        store.delete_agenda_item(id)?;
        agenda_view(store, event_id)
    })
}

#[tauri::command]
pub fn export_agenda(
    state: State<'_, AppState>,
    event_id: EventId,
    dir: String,
    public: bool,
) -> Reply<AgendaExport> {
    let lang = state.lang();
    state.with_store_and_files(|store| {
        tsudoi_exchange::files::export_agenda(
            store,
            event_id,
            Path::new(dir.trim()),
            lang,
            Disclosure::from_public(public),
        )
    })
}

#[tauri::command]
pub fn export_minutes(
    state: State<'_, AppState>,
    event_id: EventId,
    dir: String,
    public: bool,
) -> Reply<MinutesExport> {
    let lang = state.lang();
    let offset = *chrono::Local::now().offset();
    state.with_store_and_files(|store| {
        tsudoi_exchange::files::export_minutes(
            store,
            event_id,
            Path::new(dir.trim()),
            lang,
            Disclosure::from_public(public),
            offset,
        )
    })
}

#[tauri::command]
pub fn minutes(state: State<'_, AppState>, event_id: EventId) -> Reply<Vec<ItemMinutes>> {
    state.with_store(|store| store.minutes(event_id))
}

/// Saves a text of an item's minutes as typed so far (the window calls it while typing).
#[tauri::command]
pub fn save_minutes_text(
    state: State<'_, AppState>,
    item: AgendaItemId,
    field: MinutesField,
    text: String,
) -> Reply<()> {
    state.with_store(|store| store.save_minutes_text(item, field, &text, Utc::now()))
}

/// Saves a running note as typed so far; a new note when `note` is none.
#[tauri::command]
pub fn save_note(
    state: State<'_, AppState>,
    item: AgendaItemId,
    note: Option<NoteId>,
    text: String,
) -> Reply<Option<MinutesNote>> {
    state.with_store(|store| store.save_note(item, note, &text, Utc::now()))
}

fn photo_view(store: &Store, photo: Photo) -> PhotoView {
    use base64::Engine;
    let thumbnail = std::fs::read(store.thumbnail_path(&photo))
        .map(|bytes| {
            format!(
                "data:image/jpeg;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            )
        })
        .unwrap_or_default();
    PhotoView { photo, thumbnail }
}

#[tauri::command]
pub fn photos(state: State<'_, AppState>, event_id: EventId) -> Reply<Vec<PhotoView>> {
    state.with_store(|store| {
        let photos = store.photos(event_id)?;
        Ok(photos.into_iter().map(|p| photo_view(store, p)).collect())
    })
}

/// Adds photo files (picked or dropped); each is checked on its own, a broken one refused.
#[tauri::command]
pub fn add_photos(
    state: State<'_, AppState>,
    event_id: EventId,
    paths: Vec<String>,
) -> Reply<Vec<PhotoAddResult>> {
    let lang = state.lang();
    state.with_store(|store| {
        Ok(paths
            .into_iter()
            .map(|path| {
                match tsudoi_exchange::files::add_photo_file(store, event_id, Path::new(&path), Utc::now()) {
                    Ok(added) => PhotoAddResult {
                        file: path,
                        new: added.new,
                        added: Some(photo_view(store, added.photo)),
                        error: None,
                    },
                    Err(error) => PhotoAddResult {
                        file: path,
                        new: false,
                        added: None,
                        error: Some(ApiError::new(&error, lang)),
                    },
                }
            })
            .collect())
    })
}

/// Adds a photo taken with the webcam (JPEG bytes).
#[tauri::command]
pub fn add_photo_bytes(
    state: State<'_, AppState>,
    event_id: EventId,
    bytes: Vec<u8>,
    name: String,
) -> Reply<PhotoView> {
    state.with_store_and_files(|store| {
        let taken_now = chrono::Local::now().naive_local();
        let added = tsudoi_exchange::files::add_photo_bytes(
            store,
            event_id,
            &bytes,
            &name,
            Some(taken_now),
            Utc::now(),
        )?;
        Ok::<_, tsudoi_exchange::files::ExchangeError>(photo_view(store, added.photo))
    })
}

#[tauri::command]
pub fn update_photo(state: State<'_, AppState>, id: PhotoId, change: PhotoChange) -> Reply<PhotoView> {
    state.with_store(|store| {
        let photo = store.update_photo(id, &change)?;
        Ok(photo_view(store, photo))
    })
}

#[tauri::command]
pub fn delete_photo(state: State<'_, AppState>, id: PhotoId) -> Reply<()> {
    state.with_store(|store| store.delete_photo(id))
}

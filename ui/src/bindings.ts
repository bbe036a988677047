// Generated from the Rust types by src-tauri/src/bindings.rs; do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p tsudoi-desktop bindings

export type Lang = "ja" | "en";

export type EventId = number;

export type EventFormat = "hybrid" | "venue" | "online";

export type EventDraft = { title: string, date: string, start_time: string | null, end_time: string | null, venue_name: string, venue_address: string, 
/**
 * In-person seats; online attendees never take one.
 */
capacity: number, online_url: string, format: EventFormat, 
/**
 * Venue registrations accepted before new ones wait (some registered people never come, so
 * an organizer may take more than the seats); none: the capacity.
 */
registration_limit: number | null, 
/**
 * From when people on the waiting list are let in at the door while there are places;
 * none: the start time.
 */
waitlist_opens_at: string | null, };

export type EventForm = { title: string, 
/**
 * `YYYY-MM-DD` (or `YYYY/MM/DD`).
 */
date: string, 
/**
 * `HH:MM`, or empty.
 */
start_time: string, 
/**
 * `HH:MM`, or empty.
 */
end_time: string, venue_name: string, venue_address: string, capacity: number, online_url: string, format: EventFormat, 
/**
 * Digits, or empty for none (full-width digits read the same).
 */
registration_limit: string, 
/**
 * `HH:MM`, or empty: the start time.
 */
waitlist_opens_at: string, };

export type Event = { id: EventId, created_at: string, updated_at: string, title: string, date: string, start_time: string | null, end_time: string | null, venue_name: string, venue_address: string, 
/**
 * In-person seats; online attendees never take one.
 */
capacity: number, online_url: string, format: EventFormat, 
/**
 * Venue registrations accepted before new ones wait (some registered people never come, so
 * an organizer may take more than the seats); none: the capacity.
 */
registration_limit: number | null, 
/**
 * From when people on the waiting list are let in at the door while there are places;
 * none: the start time.
 */
waitlist_opens_at: string | null, };

export type AttendeeId = number;

export type Category = "atotsugi" | "supporter" | "senior" | "stakeholder" | "other";

export type AttendanceMode = "venue" | "online";

export type AttendeeStatus = "registered" | "cancelled";

export type RegistrationSource = "manual" | "import" | "demo" | "walk_in";

export type AttendeeDraft = { name: string, 
/**
 * The reading (フリガナ), stored as full-width katakana.
 */
kana: string, organization: string, title: string, email: string, 
/**
 * Text, never a number: leading zeros and hyphens are part of it.
 */
phone: string, category: Category, mode: AttendanceMode, 
/**
 * Agreed to the handling of personal data.
 */
consent: boolean, source: RegistrationSource, notes: string, status: AttendeeStatus, };

export type TicketToken = string;

export type Attendee = { id: AttendeeId, event_id: EventId, 
/**
 * The ticket that opens the door; none only while a new registration is being written.
 */
ticket: TicketToken | null, 
/**
 * The zone an operator moved the person to, away from their category's (with a reason
 * kept in the store's record of moves).
 */
zone_override: SeatZone | null, 
/**
 * On the waiting list since then (a venue registration beyond the capacity); none when the
 * person has a place.
 */
waitlisted_at: string | null, 
/**
 * The place in the waiting list, from 1.
 */
waitlist_position: number | null, created_at: string, updated_at: string, name: string, 
/**
 * The reading (フリガナ), stored as full-width katakana.
 */
kana: string, organization: string, title: string, email: string, 
/**
 * Text, never a number: leading zeros and hyphens are part of it.
 */
phone: string, category: Category, mode: AttendanceMode, 
/**
 * Agreed to the handling of personal data.
 */
consent: boolean, source: RegistrationSource, notes: string, status: AttendeeStatus, };

export type PresenceFilter = "not_checked_in" | "checked_in" | "in_room" | "waiting" | "cancelled";

export type DuplicateReason = "same_email" | "same_name" | "same_kana";

export type DoorNotice = "from_waiting_list" | "online_at_venue";

export type ListedAttendee = { 
/**
 * Passed the door at least once (an entry that stands).
 */
checked_in: boolean, in_room: boolean, 
/**
 * How the person attended: at the venue once they passed its door, whatever they
 * registered for ([`attended_mode`]).
 */
attended_mode: AttendanceMode, 
/**
 * The person's latest pass that stands, which an organizer may undo from the list.
 */
last_pass_attempt: number | null, id: AttendeeId, event_id: EventId, 
/**
 * The ticket that opens the door; none only while a new registration is being written.
 */
ticket: TicketToken | null, 
/**
 * The zone an operator moved the person to, away from their category's (with a reason
 * kept in the store's record of moves).
 */
zone_override: SeatZone | null, 
/**
 * On the waiting list since then (a venue registration beyond the capacity); none when the
 * person has a place.
 */
waitlisted_at: string | null, 
/**
 * The place in the waiting list, from 1.
 */
waitlist_position: number | null, created_at: string, updated_at: string, name: string, 
/**
 * The reading (フリガナ), stored as full-width katakana.
 */
kana: string, organization: string, title: string, email: string, 
/**
 * Text, never a number: leading zeros and hyphens are part of it.
 */
phone: string, category: Category, mode: AttendanceMode, 
/**
 * Agreed to the handling of personal data.
 */
consent: boolean, source: RegistrationSource, notes: string, status: AttendeeStatus, };

export type PossibleDuplicate = { attendee: Attendee, reason: DuplicateReason, };

export type PeopleFilter = { search: string | null, presence: PresenceFilter | null, category: Category | null, mode: AttendanceMode | null, };

export type Direction = "entry" | "exit";

export type DoorMethod = "qr" | "camera" | "search" | "walk_in";

export type DoorOutcome = "ok" | "duplicate" | "unknown" | "misread" | "revoked" | "cancelled" | "wrong_event" | "full" | "repeat" | "not_in_room" | "waitlisted";

export type OutcomeKind = "pass" | "notice" | "retry" | "full" | "refusal";

export type DoorVerdict = { passed: boolean, can_override: boolean, kind: OutcomeKind, title: string, 
/**
 * What the operator must know about a pass (a person from the waiting list, an online
 * registrant at the venue), in the context's language.
 */
notice: string | null, 
/**
 * A sentence that needs the facts of this attempt (when a waiting person may come back);
 * none: the desk's usual hint for the outcome.
 */
detail: string | null, };

export type SeatZone = "general" | "stakeholder";

export type GroupCount = { registered: number, checked_in: number, in_room: number, };

export type ZoneCount = { 
/**
 * Places in the zone; none when only the venue's capacity limits it.
 */
capacity: number | null, registered: number, checked_in: number, in_room: number, };

export type ZoneSetting = { zone: SeatZone, 
/**
 * Places in the zone; none when only the venue's capacity limits it.
 */
capacity: number | null, };

export type ZoneMapping = { category: Category, zone: SeatZone, };

export type ZonePlan = { zones: Array<ZoneSetting>, mapping: Array<ZoneMapping>, };

export type DoorStatus = { 
/**
 * Registrations that stand (cancelled ones excluded).
 */
registered: number, 
/**
 * People who passed the door at least once.
 */
checked_in: number, 
/**
 * People in the room now: entries minus exits.
 */
in_room: number, capacity: number, 
/**
 * Places left in the room (never below zero, even after an override).
 */
remaining: number, nearly_full: boolean, full: boolean, walk_ins: number, 
/**
 * Registrations waiting for a place (not in `registered`).
 */
waitlisted: number, by_category: { [key in string]: GroupCount }, by_mode: { [key in string]: GroupCount }, by_zone: { [key in string]: ZoneCount }, };

export type EventCounts = { 
/**
 * Registrations with a place (people waiting are in `n_waitlisted`).
 */
n_registered: number, n_waitlisted: number, n_cancelled: number, n_venue: number, n_online: number, };

export type AttendeeUpdate = { attendee: Attendee, promoted: Array<Attendee>, };

export type DemoReport = { event_ids: Array<EventId>, n_attendees: number, };

export type DeskSettings = { name: string, operator: string, };

export type PassRecord = { at: string, desk: string, };

export type DoorAttempt = { id: number, event_id: EventId, attendee_id: AttendeeId | null, attendee_name: string | null, code: string, direction: Direction, method: DoorMethod, outcome: DoorOutcome, desk: string, operator: string, override_reason: string | null, at: string, undone_at: string | null, undone_by: string | null, undo_reason: string | null, };

export type DoorResult = { attempt: DoorAttempt, attendee: Attendee | null, zone: SeatZone | null, 
/**
 * The zone's people in the room and its places, when the zone has a capacity of its own.
 */
zone_in_room: number | null, zone_capacity: number | null, 
/**
 * For "already checked in" and a repeated scan: the pass that already happened.
 */
previous: PassRecord | null, in_room: number, capacity: number, nearly_full: boolean, 
/**
 * The person's seat, when the event has a seat plan for their zone: given at entry.
 */
seat: string | null, 
/**
 * What the operator must be told about this pass.
 */
notice: DoorNotice | null, 
/**
 * For a waiting person refused before the waiting list's time: when they may come back.
 */
waitlist_opens: string | null, };

export type DoorInput = { direction: Direction, method: DoorMethod, 
/**
 * What was scanned or typed; `None` when the person was picked by name.
 */
code: string | null, attendee_id: AttendeeId | null, override_reason: string | null, 
/**
 * A seat an operator chose; none: the next free one of the person's zone.
 */
seat?: string, };

export type DeskAnswer = { verdict: DoorVerdict, attempt: DoorAttempt, attendee: Attendee | null, zone: SeatZone | null, 
/**
 * The zone's people in the room and its places, when the zone has a capacity of its own.
 */
zone_in_room: number | null, zone_capacity: number | null, 
/**
 * For "already checked in" and a repeated scan: the pass that already happened.
 */
previous: PassRecord | null, in_room: number, capacity: number, nearly_full: boolean, 
/**
 * The person's seat, when the event has a seat plan for their zone: given at entry.
 */
seat: string | null, 
/**
 * What the operator must be told about this pass.
 */
notice: DoorNotice | null, 
/**
 * For a waiting person refused before the waiting list's time: when they may come back.
 */
waitlist_opens: string | null, };

export type SeatPlanForm = { general: string, stakeholder: string, 
/**
 * Seats in each zone (read-only).
 */
n_general: number, n_stakeholder: number, };

export type AgendaKind = "opening" | "keynote" | "panel" | "talk" | "networking" | "break" | "group_work" | "closing";

export type ItemPlace = "hybrid" | "venue" | "online";

export type SpeakerId = number;

export type SpeakerDraft = { name: string, kana: string, organization: string, title: string, 
/**
 * A short biography for the programme (講師略歴).
 */
biography: string, 
/**
 * How to reach the person: email or phone, as the organizer keeps it.
 */
contact: string, };

export type Speaker = { id: SpeakerId, name: string, kana: string, organization: string, title: string, 
/**
 * A short biography for the programme (講師略歴).
 */
biography: string, 
/**
 * How to reach the person: email or phone, as the organizer keeps it.
 */
contact: string, };

export type AgendaItemId = number;

export type AgendaItemDraft = { starts_at: string, ends_at: string, kind: AgendaKind, title: string, place: ItemPlace, 
/**
 * In the order they are introduced.
 */
speaker_ids: Array<SpeakerId>, moderator_id: SpeakerId | null, notes: string, };

export type AgendaItem = { id: AgendaItemId, event_id: EventId, 
/**
 * Its place in the programme, from 0.
 */
position: number, speakers: Array<Speaker>, moderator: Speaker | null, starts_at: string, ends_at: string, kind: AgendaKind, title: string, place: ItemPlace, 
/**
 * In the order they are introduced.
 */
speaker_ids: Array<SpeakerId>, moderator_id: SpeakerId | null, notes: string, };

export type ScheduleIssue = { "kind": "overlap", item: AgendaItemId, previous: AgendaItemId, minutes: number, } | { "kind": "gap", item: AgendaItemId, previous: AgendaItemId, minutes: number, } | { "kind": "before_event", item: AgendaItemId, minutes: number, } | { "kind": "after_event", item: AgendaItemId, minutes: number, } | { "kind": "short_of_event", minutes: number, };

export type NoteId = number;

export type MinutesNote = { id: NoteId, agenda_item_id: AgendaItemId, 
/**
 * When the note was begun.
 */
at: string, text: string, };

export type ItemMinutesText = { 
/**
 * 講演概要: the summary of a talk.
 */
talk_summary: string, decisions: string, follow_ups: string, };

export type MinutesField = "talk_summary" | "decisions" | "follow_ups";

export type PhotoId = number;

export type Photo = { id: PhotoId, event_id: EventId, 
/**
 * SHA-256 of the original file, hex: the same photo twice is one photo.
 */
sha256: string, original_name: string, media_type: string, width: number, height: number, 
/**
 * When the camera says it was taken (EXIF, the camera's local time), else when it was added.
 */
taken_at: string | null, agenda_item_id: AgendaItemId | null, 
/**
 * Moved to its item by a person (a later change of the programme does not move it back).
 */
placed_by_hand: boolean, caption: string, 
/**
 * The people in it agreed that it may appear in the public report (default: no).
 */
public_ok: boolean, added_at: string, };

export type ItemMinutes = { agenda_item_id: AgendaItemId, notes: Array<MinutesNote>, 
/**
 * 講演概要: the summary of a talk.
 */
talk_summary: string, decisions: string, follow_ups: string, };

export type PhotoChange = { 
/**
 * Moves the photo to this item (none: to no item); absent: leaves it where it is.
 */
agenda_item_id?: AgendaItemId | null | undefined, caption?: string, public_ok?: boolean, };

export type PhotoDeletion = { photo: Photo, files_left: Array<string>, };

export type AgendaExport = { pdf: string, html: string, csv: string, n_items: number, };

export type MinutesExport = { markdown: string, html: string, pdf: string, n_photos: number, };

export type AgendaView = { items: Array<AgendaItem>, issues: Array<ScheduleIssue>, running: AgendaItemId | null, };

export type PhotoView = { photo: Photo, thumbnail: string, };

export type Refusal = { code: string, message: string, };

export type PhotoAddResult = { file: string, added: PhotoView | null, 
/**
 * False when the same photo was already there.
 */
new: boolean, error: Refusal | null, };

export type SeatChartExport = { file: string, n_seated: number, };

export type Printout = "roster" | "badges";

export type PrintoutExport = { file: string, 
/**
 * People printed: on the roster, with a place and waiting; badges, one each.
 */
n_people: number, 
/**
 * Of them, people on the waiting list (the roster's last section).
 */
n_waiting: number, };

export type TicketExport = { dir: string, n_tickets: number, 
/**
 * People on the waiting list, who get no ticket until they move up.
 */
n_waiting_without_ticket: number, pdf: string, };

export type SkipReason = "no_name" | "no_consent" | "empty" | "too_long";

export type SkippedRow = { row: number, code: SkipReason, 
/**
 * The reason in the person's language.
 */
reason: string, };

export type WarningKind = { "kind": "bad_email", value: string, } | { "kind": "unknown_mode", value: string, } | { "kind": "bad_answer_time", value: string, };

export type RowWarning = { row: number, 
/**
 * What happened, in the person's language.
 */
message: string, } & ({ "kind": "bad_email", value: string, } | { "kind": "unknown_mode", value: string, } | { "kind": "bad_answer_time", value: string, });

export type MergeTarget = { "into": "attendee", id: AttendeeId, } | { "into": "row", row: number, };

export type MergedRow = { row: number, name: string, 
/**
 * Whether this row's answers replaced the others (it was the newest).
 */
won: boolean, } & ({ "into": "attendee", id: AttendeeId, } | { "into": "row", row: number, });

export type ReportSource = "teams" | "zoom" | "other";

export type MatchedBy = "email" | "name";

export type AttendanceCount = { 
/**
 * Registrations that stand (cancelled and waiting people are not counted).
 */
n_registered: number, n_attended: number, };

export type AttendanceSummary = { general_venue: AttendanceCount, general_online: AttendanceCount, stakeholder_venue: AttendanceCount, stakeholder_online: AttendanceCount, n_walk_ins: number, n_cancelled: number, n_waitlisted: number, };

export type AuditAction = "attendance_export" | "ticket_export" | "seat_chart_export" | "registration_import" | "online_attendance_import" | "agenda_export" | "minutes_export" | "photo_delete" | "attendee_merge" | "attendee_erase" | "roster_print" | "badge_print" | "sign_in_failed" | "handler_roster_export" | "handler_change" | "incident_record" | "incident_print" | "database_encrypt" | "passphrase_change" | "backup" | "backup_removed" | "restore" | "event_erase" | "security_report_export" | "payment_statement" | "payment_record_export" | "survey_import" | "survey_export" | "hearing_record" | "budget_sheet_export" | "ledger_export" | "settlement_export" | "mailing" | "project_report_export" | "payee_change";

export type MailTemplate = "ticket" | "online" | "reminder" | "thanks";

export type LeftOutReason = "no_consent" | "cancelled" | "waiting" | "no_email" | "bad_email" | "duplicate_email" | "no_ticket" | "already_sent";

export type OutboxState = "waiting" | "sending" | "sent" | "failed";

export type SmtpSecurity = "starttls" | "tls" | "plain";

export type MailFilter = { mode: AttendanceMode | null, category: Category | null, 
/**
 * Leave out people an earlier mailing of the same template already reached.
 */
not_yet_sent: boolean, };

export type LeftOut = { attendee: AttendeeId, reason: LeftOutReason, };

export type RenderedMail = { to: string, subject: string, body: string, 
/**
 * The ticket whose QR code goes with the message.
 */
ticket: string | null, 
/**
 * The attached files' names (the QR image, the ticket card), as [`ticket_attachment_name`]
 * makes them; empty without a ticket.
 */
attachments: Array<string>, };

export type MailServer = { host: string, port: number, security: SmtpSecurity, 
/**
 * The account's user name; empty when the server takes mail without signing in.
 */
user: string, 
/**
 * The sender's address (From).
 */
from: string, };

export type MailText = { subject: string, body: string, };

export type OutboxCounts = { waiting: number, sending: number, sent: number, failed: number, };

export type Mailing = { id: number, event_id: EventId, purpose: string, template: MailTemplate, filter: MailFilter, created_by: string, created_at: string, approved_by: string | null, approved_at: string | null, counts: OutboxCounts, left_out: Array<LeftOut>, 
/**
 * The language and the words the mailing was prepared with (fixed then).
 */
lang: Lang, text: MailText, };

export type OutboxEntry = { id: number, mailing_id: number, attendee_id: AttendeeId, address: string, state: OutboxState, 
/**
 * The server's answer, or why it failed.
 */
answer: string, attempted_at: string | null, };

export type TemplateInfo = { name: MailTemplate, label: string, subject: string, body: string, attaches_ticket: boolean, 
/**
 * The language of the words (the mail language setting).
 */
lang: Lang, 
/**
 * Whether these are a person's words rather than the built-in ones.
 */
customized: boolean, };

export type PreparedMailing = { id: number, recipients: number, left_out: Array<LeftOut>, };

export type SendReport = { waiting: number, sent: number, failed: number, };

export type EmlExport = { dir: string, files: number, };

export type RegistrationImport = { dry_run: boolean, 
/**
 * New people registered.
 */
imported: number, 
/**
 * Rows that were a person already present (registered before, or earlier in the file).
 */
merged: number, 
/**
 * Registered people whose details a newer answer changed.
 */
updated: number, 
/**
 * Registered people the file names again with nothing new.
 */
unchanged: number, 
/**
 * New venue registrations beyond the capacity, on the waiting list.
 */
waitlisted: number, merges: Array<MergedRow>, };

export type MatchedParticipant = { row: number, attendee_id: AttendeeId, 
/**
 * The registered name (the report's may be spelled otherwise).
 */
name: string, by: MatchedBy, minutes: number | null, 
/**
 * Registered for the venue but seen online: worth a look.
 */
registered_for_venue: boolean, };

export type UnmatchedParticipant = { row: number, name: string, email: string | null, role: string | null, 
/**
 * Several registrations have this name and none the email.
 */
ambiguous: boolean, };

export type OnlineAttendanceImport = { dry_run: boolean, source: ReportSource, matched: Array<MatchedParticipant>, unmatched: Array<UnmatchedParticipant>, 
/**
 * Matched people not marked as attended online before this report.
 */
newly_attended: number, };

export type AuditEntry = { id: number, at: string, 
/**
 * Who did it: the operator named at the desk or in the command.
 */
actor: string, action: AuditAction, event_id: EventId | null, n_people: number, file: string, detail: string, };

export type AuditChainReport = { 
/**
 * Every chained line matches its content and the line before, and the last one is the head.
 */
intact: boolean, 
/**
 * The lines of the log, chained or not.
 */
lines: number, 
/**
 * Lines written before the chain existed (before migration 0012): they cannot be checked.
 */
unchained: number, 
/**
 * The id of the first line that does not match its content or the line before; for lines
 * missing at the end of the log, the id after the last line left.
 */
first_broken: number | null, };

export type TextEncoding = "utf8" | "utf8_bom" | "utf16_le" | "utf16_be" | "cp932";

export type FileFormat = { "kind": "csv", encoding: TextEncoding, delimiter: string, } | { "kind": "spreadsheet" };

export type Field = "name" | "family_name" | "given_name" | "kana" | "family_kana" | "given_kana" | "organization" | "title" | "email" | "phone" | "category" | "mode" | "consent" | "answered_at";

export type ColumnMapping = Array<Field | null>;

export type UnmatchedCategory = { word: string, 
/**
 * The rows that use it.
 */
rows: Array<number>, };

export type CsvEncoding = "utf8" | "cp932";

export type UnencodableChar = { 
/**
 * The line of the file (the header is line 1).
 */
line: number, column: string, character: string, 
/**
 * The cell's text, so the person can find it.
 */
text: string, };

export type RegistrationRequest = { 
/**
 * The mapping the person confirmed in the preview.
 */
mapping: ColumnMapping | null, 
/**
 * Categories for the words no rule knows.
 */
category_choices: Record<string, Category>, dry_run: boolean, };

export type RegistrationOutcome = { file: string, format: FileFormat, header_row: number, headers: Array<string>, mapping: ColumnMapping, 
/**
 * The first rows as they are in the file.
 */
sample: Array<Array<string>>, 
/**
 * Data rows in the file.
 */
n_rows: number, skipped: Array<SkippedRow>, warnings: Array<RowWarning>, unmatched_categories: Array<UnmatchedCategory>, dry_run: boolean, 
/**
 * New people registered.
 */
imported: number, 
/**
 * Rows that were a person already present (registered before, or earlier in the file).
 */
merged: number, 
/**
 * Registered people whose details a newer answer changed.
 */
updated: number, 
/**
 * Registered people the file names again with nothing new.
 */
unchanged: number, 
/**
 * New venue registrations beyond the capacity, on the waiting list.
 */
waitlisted: number, merges: Array<MergedRow>, };

export type ExportFormat = "csv" | "xlsx";

export type ExportRequest = { 
/**
 * None: from the file name.
 */
format: ExportFormat | null, encoding: CsvEncoding, include_contact: boolean, substitute_unencodable: boolean, 
/**
 * Replace a file already at the path (the window asks first; the CLI's `--force`).
 */
replace: boolean, 
/**
 * Also list cancelled and waiting people who did not come (by default the file holds the
 * people the event counts; the summary counts the others either way).
 */
include_not_attending: boolean, };

export type ExportOutcome = { file: string, format: ExportFormat, encoding: CsvEncoding | null, n_people: number, summary: AttendanceSummary, substituted: Array<UnencodableChar>, };

export type ApiError = { code: string, message: string, };

export type AppStatus = { db_path: string, app_version: string, language: Lang, 
/**
 * No event yet: the window offers the demo.
 */
is_empty: boolean, 
/**
 * Seconds without a key or a click before a signed-in window locks.
 */
idle_lock_seconds: number, 
/**
 * The database could not be opened; the window shows this instead of the app.
 */
error: ApiError | null, };

export type About = { app_version: string, 
/**
 * The schema this Tsudoi writes; a database is migrated to it when opened.
 */
schema_version: number, sqlite_version: string, 
/**
 * What encrypts a database at rest.
 */
sqlcipher_version: string, 
/**
 * The system and processor this build is for, such as `windows x86_64`.
 */
platform: string, };

export type AboutBox = { about: About, webview_version: string, };

export type PassphraseKeychain = { available: boolean, remembered: boolean, };

export type EventSummary = { event: Event, counts: EventCounts, };

export type HandlerRole = "officer" | "manager" | "staff";

export type SignedIn = { name: string, role: HandlerRole, };

export type HandlerOrganization = "contractor" | "subcontractor";

export type HandlerDraft = { name: string, department: string, title: string, organization: HandlerOrganization, 
/**
 * The company's name (the subcontractor's, when it is one).
 */
company: string, role: HandlerRole, home_address: string, birth_date: string, passport_number: string, nationality: string, };

export type Handler = { id: number, active: boolean, 
/**
 * Wrong PINs in a row.
 */
failures: number, wait_until: string | null, created_at: string, name: string, department: string, title: string, organization: HandlerOrganization, 
/**
 * The company's name (the subcontractor's, when it is one).
 */
company: string, role: HandlerRole, home_address: string, birth_date: string, passport_number: string, nationality: string, };

export type RosterExport = { file: string, n_people: number, 
/**
 * Whether the sensitive columns are in it (only for the 情報管理責任者).
 */
with_sensitive: boolean, };

export type ServiceDraft = { name: string, purpose: string, 
/**
 * Which personal data goes through it (names, emails, attendance…).
 */
personal_data: string, 
/**
 * The day the bureau approved it, YYYY-MM-DD (full-width digits read); empty: not yet.
 */
approved_on: string, 
/**
 * Who at the bureau approved it.
 */
approved_by: string, };

export type ExternalService = { id: number, created_by: string, name: string, purpose: string, 
/**
 * Which personal data goes through it (names, emails, attendance…).
 */
personal_data: string, 
/**
 * The day the bureau approved it, YYYY-MM-DD (full-width digits read); empty: not yet.
 */
approved_on: string, 
/**
 * Who at the bureau approved it.
 */
approved_by: string, };

export type IncidentKind = "misdirected_mail" | "loss" | "unauthorized_access" | "wrong_disclosure" | "other";

export type IncidentStatus = "open" | "closed";

export type IncidentDraft = { title: string, 
/**
 * When it happened (`YYYY-MM-DD HH:MM`).
 */
happened_at: string, 
/**
 * When someone noticed it (`YYYY-MM-DD HH:MM`).
 */
noticed_at: string, kind: IncidentKind, 
/**
 * What data was involved (氏名・メールアドレス …).
 */
data_involved: string, 
/**
 * How many people's data.
 */
n_people: number, 
/**
 * Who was told at the bureau.
 */
bureau_contact: string, 
/**
 * When the bureau was told (`YYYY-MM-DD HH:MM`), empty until then.
 */
bureau_told_at: string, actions_taken: string, status: IncidentStatus, };

export type Incident = { id: number, 
/**
 * Who recorded it.
 */
created_by: string, created_at: string, updated_at: string, title: string, 
/**
 * When it happened (`YYYY-MM-DD HH:MM`).
 */
happened_at: string, 
/**
 * When someone noticed it (`YYYY-MM-DD HH:MM`).
 */
noticed_at: string, kind: IncidentKind, 
/**
 * What data was involved (氏名・メールアドレス …).
 */
data_involved: string, 
/**
 * How many people's data.
 */
n_people: number, 
/**
 * Who was told at the bureau.
 */
bureau_contact: string, 
/**
 * When the bureau was told (`YYYY-MM-DD HH:MM`), empty until then.
 */
bureau_told_at: string, actions_taken: string, status: IncidentStatus, };

export type IncidentReportExport = { file: string, };

export type BackupDone = { path: string, bytes: number, files: number, tables: number, };

export type RestoreDone = { path: string, files: number, tables: number, rows: number, };

export type BackupSchedule = { folder: string, keep: number, every_hours: number, };

export type ScheduledBackupOutcome = { 
/**
 * RFC 3339.
 */
at: string, file: string | null, problem: string | null, };

export type ScheduleStatus = { schedule: BackupSchedule | null, last: ScheduledBackupOutcome | null, };

export type FolderBackupDone = { backup: BackupDone, 
/**
 * The older backups removed so that `keep` remain.
 */
removed: Array<string>, };

export type FileKind = "key" | "database" | "database_journal" | "photo" | "receipt" | "schema_backup" | "backup" | "export";

export type Outcome = "erased" | "not_found" | "failed";

export type ErasedFile = { kind: FileKind, path: string, size: number | null, sha256: string | null, outcome: Outcome, };

export type ErasureCertificate = { 
/**
 * `all` or `event`.
 */
scope: string, event_id: number | null, database: string, erased_at: string, erased_by: string, files: Array<ErasedFile>, 
/**
 * What a person must confirm by hand (not found, not removable, a folder of exports).
 */
to_confirm_by_hand: Array<string>, 
/**
 * People made anonymous (event erasure).
 */
people_anonymised: number, 
/**
 * What stays (event erasure): the anonymous counts.
 */
kept: Array<string>, certificate_pdf: string, certificate_json: string, };

export type MeasureStatus = "done" | "not_done" | "not_applicable";

export type SecurityFacts = { 
/**
 * People on the roster (active), and how many of them are 情報管理責任者.
 */
handlers: number, officers: number, encrypted: boolean, 
/**
 * The privacy log's chain: whole or not, and its lines.
 */
audit_intact: boolean, audit_lines: number, 
/**
 * Exports of personal data logged in the period.
 */
exports: number, backups: number, 
/**
 * Incidents recorded in the period, and those still open.
 */
incidents: number, incidents_open: number, 
/**
 * External services registered, and those without the bureau's approval date.
 */
services: number, services_unapproved: number, idle_lock_seconds: number, failed_sign_ins: number, 
/**
 * Erasures done in the period (an event's personal data, early).
 */
erasures: number, };

export type MeasureLine = { 
/**
 * A stable key (`roster`, `encryption` …) a person's correction names.
 */
key: string, item: string, status: MeasureStatus, note: string, };

export type SecurityReport = { from: string, to: string, facts: SecurityFacts, measures: Array<MeasureLine>, };

export type Yen = number;

export type PayeeKind = "individual" | "company";

export type TravelPaidTo = "payee" | "carrier";

export type TravelLine = { 
/**
 * The route or what it was: `東京⇔大阪 新幹線`, `ホテル1泊`.
 */
description: string, 
/**
 * What was paid, consumption tax included (fares and hotels are quoted that way).
 */
amount: Yen, paid_to: TravelPaidTo, 
/**
 * The SHA-256 of the receipt file, when there is one.
 */
receipt_sha256: string | null, };

export type PaymentTerms = { payee_kind: PayeeKind, 
/**
 * The fee (謝金) without consumption tax; when `fee_is_net`, what the payee is to receive
 * for the talk after withholding.
 */
fee: Yen, fee_is_net: boolean, 
/**
 * Consumption tax stated separately on the payee's invoice, on top of the fee.
 */
consumption_tax: Yen, travel: Array<TravelLine>, 
/**
 * The speaker declined payment: no fee, no tax, no reimbursement; travel we paid to a
 * carrier is still our cost.
 */
declined: boolean, };

export type PaymentCalculation = { 
/**
 * The fee before withholding (grossed up when it was agreed as net).
 */
fee: Yen, 
/**
 * Consumption tax stated on the invoice.
 */
consumption_tax: Yen, 
/**
 * Travel reimbursed to the payee.
 */
reimbursed_travel: Yen, 
/**
 * What the payee is owed before withholding: fee + stated consumption tax + reimbursed travel.
 */
gross: Yen, 
/**
 * What the tax is computed on: fee + reimbursed travel (stated consumption tax and travel
 * paid to carriers left out); zero for a company.
 */
withholding_base: Yen, withholding: Yen, 
/**
 * What is transferred to the payee: gross − withholding.
 */
net_paid: Yen, 
/**
 * Travel the organizer paid directly to carriers and hotels.
 */
direct_travel: Yen, 
/**
 * Everything this payment costs the project: gross + direct travel (the withheld tax is
 * part of the gross; it goes to the tax office instead of the payee).
 */
total_cost: Yen, };

export type PayeeId = number;

export type PaymentId = number;

export type PayeeDraft = { name: string, 
/**
 * The reading (フリガナ), stored as full-width katakana.
 */
kana: string, kind: PayeeKind, 
/**
 * The speaker this payee is, when they are on the programme.
 */
speaker_id: SpeakerId | null, 
/**
 * Sensitive: for the payment record and the statement.
 */
address: string, 
/**
 * Sensitive: bank, branch, account type, number and holder, as the payee wrote them.
 */
bank_account: string, notes: string, };

export type Payee = { id: PayeeId, name: string, 
/**
 * The reading (フリガナ), stored as full-width katakana.
 */
kana: string, kind: PayeeKind, 
/**
 * The speaker this payee is, when they are on the programme.
 */
speaker_id: SpeakerId | null, 
/**
 * Sensitive: for the payment record and the statement.
 */
address: string, 
/**
 * Sensitive: bank, branch, account type, number and holder, as the payee wrote them.
 */
bank_account: string, notes: string, };

export type Payment = { id: PaymentId, payee_id: PayeeId, payee_name: string, event_id: EventId | null, paid_on: string, terms: PaymentTerms, notes: string, 
/**
 * Set when the payment was cancelled (取消); it then counts nowhere, and its ledger lines
 * were reversed by correction lines.
 */
voided_reason: string | null, 
/**
 * The fee before withholding (grossed up when it was agreed as net).
 */
fee: Yen, 
/**
 * Consumption tax stated on the invoice.
 */
consumption_tax: Yen, 
/**
 * Travel reimbursed to the payee.
 */
reimbursed_travel: Yen, 
/**
 * What the payee is owed before withholding: fee + stated consumption tax + reimbursed travel.
 */
gross: Yen, 
/**
 * What the tax is computed on: fee + reimbursed travel (stated consumption tax and travel
 * paid to carriers left out); zero for a company.
 */
withholding_base: Yen, withholding: Yen, 
/**
 * What is transferred to the payee: gross − withholding.
 */
net_paid: Yen, 
/**
 * Travel the organizer paid directly to carriers and hotels.
 */
direct_travel: Yen, 
/**
 * Everything this payment costs the project: gross + direct travel (the withheld tax is
 * part of the gross; it goes to the tax office instead of the payee).
 */
total_cost: Yen, };

export type TaxMonth = { year: number, month: number, 
/**
 * 人員: the people paid (each payee once).
 */
n_payees: number, n_payments: number, 
/**
 * 支給額: the amounts the tax was computed on.
 */
total_paid: Yen, 
/**
 * 税額.
 */
total_withheld: Yen, 
/**
 * 納期限: the 10th of the next month or the next business day.
 */
due: string, };

export type PaymentRecordLine = { year: number, payee_id: PayeeId, payee_name: string, payee_kind: PayeeKind, n_payments: number, 
/**
 * 支払金額: fee and reimbursed travel, without the separately stated consumption tax (the
 * NTA allows the amount without tax when the invoice states the tax apart; travel paid to
 * carriers is not paid to the payee and is left out).
 */
total_paid: Yen, 
/**
 * The consumption tax stated on the invoices, for the record's remarks (摘要).
 */
total_consumption_tax: Yen, 
/**
 * 源泉徴収税額.
 */
total_withheld: Yen, 
/**
 * Over ¥50,000 paid to an individual in the year: a 支払調書 is needed. Companies are not
 * marked: a fee for a talk to a company is outside 所得税法第204条.
 */
requires_record: boolean, };

export type PaymentRequest = { payee_id: PayeeId, event_id: EventId | null, 
/**
 * The day of payment, `YYYY-MM-DD`; empty: today.
 */
paid_on: string, 
/**
 * The fee as agreed: what is paid before withholding, or (with `fee_is_net`) what the
 * payee receives.
 */
fee: Yen, fee_is_net: boolean, 
/**
 * Consumption tax stated on the payee's invoice on top of the fee.
 */
consumption_tax: Yen, travel: Array<TravelEntry>, 
/**
 * The speaker declines the fee (travel paid to carriers is still booked).
 */
declined: boolean, notes: string, };

export type TravelEntry = { 
/**
 * The receipt file's path; empty: none (or the line already names its receipt by SHA-256).
 */
receipt_file: string, 
/**
 * The route or what it was: `東京⇔大阪 新幹線`, `ホテル1泊`.
 */
description: string, 
/**
 * What was paid, consumption tax included (fares and hotels are quoted that way).
 */
amount: Yen, paid_to: TravelPaidTo, 
/**
 * The SHA-256 of the receipt file, when there is one.
 */
receipt_sha256: string | null, };

export type PaymentPreview = { warnings: Array<PaymentNotice>, 
/**
 * The fee before withholding (grossed up when it was agreed as net).
 */
fee: Yen, 
/**
 * Consumption tax stated on the invoice.
 */
consumption_tax: Yen, 
/**
 * Travel reimbursed to the payee.
 */
reimbursed_travel: Yen, 
/**
 * What the payee is owed before withholding: fee + stated consumption tax + reimbursed travel.
 */
gross: Yen, 
/**
 * What the tax is computed on: fee + reimbursed travel (stated consumption tax and travel
 * paid to carriers left out); zero for a company.
 */
withholding_base: Yen, withholding: Yen, 
/**
 * What is transferred to the payee: gross − withholding.
 */
net_paid: Yen, 
/**
 * Travel the organizer paid directly to carriers and hotels.
 */
direct_travel: Yen, 
/**
 * Everything this payment costs the project: gross + direct travel (the withheld tax is
 * part of the gross; it goes to the tax office instead of the payee).
 */
total_cost: Yen, };

export type PaymentNotice = { code: string, message: string, };

export type PaymentShown = { event_title: string, warnings: Array<PaymentNotice>, id: PaymentId, payee_id: PayeeId, payee_name: string, event_id: EventId | null, paid_on: string, terms: PaymentTerms, notes: string, 
/**
 * Set when the payment was cancelled (取消); it then counts nowhere, and its ledger lines
 * were reversed by correction lines.
 */
voided_reason: string | null, 
/**
 * The fee before withholding (grossed up when it was agreed as net).
 */
fee: Yen, 
/**
 * Consumption tax stated on the invoice.
 */
consumption_tax: Yen, 
/**
 * Travel reimbursed to the payee.
 */
reimbursed_travel: Yen, 
/**
 * What the payee is owed before withholding: fee + stated consumption tax + reimbursed travel.
 */
gross: Yen, 
/**
 * What the tax is computed on: fee + reimbursed travel (stated consumption tax and travel
 * paid to carriers left out); zero for a company.
 */
withholding_base: Yen, withholding: Yen, 
/**
 * What is transferred to the payee: gross − withholding.
 */
net_paid: Yen, 
/**
 * Travel the organizer paid directly to carriers and hotels.
 */
direct_travel: Yen, 
/**
 * Everything this payment costs the project: gross + direct travel (the withheld tax is
 * part of the gross; it goes to the tax office instead of the payee).
 */
total_cost: Yen, };

export type PaymentDocument = "statement" | "receipt";

export type PaymentDocumentExport = { file: string, n_payments: number, 
/**
 * What the payee was transferred in the payments printed.
 */
net_paid: Yen, };

export type TaxFileExport = { file: string, format: ExportFormat, n_lines: number, };

export type QuestionKind = "single" | "multiple" | "scale" | "number" | "free_text";

export type AnswerSource = "paper" | "kiosk" | "forms";

export type Question = { text: string, kind: QuestionKind, required: boolean, 
/**
 * The choices (single, multiple) in the order the form lists them; for a scale, the words
 * of its points from 1 up (empty: the points are only numbers).
 */
choices: Array<string>, };

export type Questionnaire = { version: number, questions: Array<Question>, };

export type Answer = "blank" | { "choice": Array<number> } | { "scale": number } | { "number": number } | { "text": string };

export type Response = { category: Category | null, mode: AttendanceMode | null, 
/**
 * One answer per question, in the questionnaire's order.
 */
answers: Array<Answer>, };

export type ChoiceCount = { choice: string, n: number, 
/**
 * Of the people who answered the question, in percent (one decimal). A multiple choice's
 * percentages add up to more than 100.
 */
percent: number, };

export type NumberSpread = { min: number, max: number, median: number, };

export type QuestionResult = { text: string, kind: QuestionKind, 
/**
 * How many answered it (a blank is not an answer).
 */
answers: number, 
/**
 * Per choice (single, multiple) or per point (scale, 1 to 5), in the form's order; a
 * multiple-choice answer counts once under each choice it picked. As JSON, an object from
 * the choice to its count.
 */
counts: Record<string, number>, 
/**
 * The same counts with their percentages, in order.
 */
distribution: Array<ChoiceCount>, 
/**
 * The mean of a scale or a number (two decimals); none without answers.
 */
mean: number | null, spread: NumberSpread | null, 
/**
 * The free-text answers, in the order they came.
 */
texts: Array<string>, };

export type SurveyResults = { responses: number, questions: Array<QuestionResult>, };

export type ResponseRate = { venue_answers: number, n_checked_in: number, 
/**
 * Percent, one decimal; none when nobody checked in.
 */
venue_rate: number | null, online_answers: number, n_attended_online: number, online_rate: number | null, 
/**
 * Answers that do not say how the person attended (a paper sheet without the box ticked).
 */
unknown_mode_answers: number, total_answers: number, total_rate: number | null, };

export type Group = { "group": "category", "value": Category } | { "group": "mode", "value": AttendanceMode } | { "group": "answer", "value": [number, string] } | { "group": "unknown" } | { "group": "folded" };

export type GroupRow = { group: Group, 
/**
 * How many in the group answered the question.
 */
answers: number, distribution: Array<ChoiceCount>, mean: number | null, };

export type CrossTable = { text: string, kind: QuestionKind, groups: Array<GroupRow>, };

export type StoredQuestionnaire = { id: number, event_id: number | null, 
/**
 * How many answers it has (frozen when any).
 */
n_responses: number, created_at: string, version: number, questions: Array<Question>, };

export type SurveyImportOptions = { 
/**
 * The kind of each question, in order, when the event has no questionnaire yet (the
 * preview's guesses, changed where the person disagreed).
 */
kinds: Array<QuestionKind> | null, 
/**
 * The survey's last day: answers sent after it are reported and left out.
 */
closes_on: string | null, 
/**
 * The form was changed: its questions become the questionnaire's next version.
 */
new_version: boolean, 
/**
 * Only say what the import would do.
 */
dry_run: boolean, };

export type RowNoteKind = "unreadable" | "late" | "older_version" | "unknown_time";

export type RowNote = { row: number, kind: RowNoteKind, message: string, };

export type PlannedQuestion = { text: string, kind: QuestionKind, choices: Array<string>, };

export type SurveyImport = { 
/**
 * The questionnaire version the rows are for.
 */
version: number, 
/**
 * Whether the import made the questionnaire (or its new version) from the file's headers.
 */
made_questionnaire: boolean, questions: Array<PlannedQuestion>, added: number, unchanged: number, left_out: number, rows: Array<RowNote>, dry_run: boolean, };

export type PaperEntry = { sheet_number: number, n_sheets: number, next_sheet: number, };

export type AnswerCount = { label: string, n: number, };

export type SurveyOverview = { 
/**
 * The current version (none: no questionnaire yet).
 */
version: number | null, rate: ResponseRate, by_category: Array<CrossTable>, by_mode: Array<CrossTable>, 
/**
 * By the prefecture answered in the "about you" block (empty without that question).
 */
by_prefecture: Array<CrossTable>, 
/**
 * By the company size answered in the "about you" block (empty without that question).
 */
by_company_size: Array<CrossTable>, by_version: Array<AnswerCount>, by_source: Array<AnswerCount>, responses: number, questions: Array<QuestionResult>, };

export type KioskVisitor = { category: Category, mode: AttendanceMode, };

export type ExpenseCategory = "personnel" | "travel" | "venue" | "honoraria" | "equipment" | "rental" | "consumables" | "printing" | "assistant_wages" | "other" | "subcontract" | "general_admin";

export type PaymentMethod = "bank_transfer" | "cash" | "card" | "electronic" | "other";

export type ProjectView = { title: string, contract_number: string, bureau_section: string, contractor: string, cap: Yen, 
/**
 * `10%`, `12.5%`.
 */
overhead_rate: string, consumption_tax_rate: string, period_start: string | null, period_end: string | null, };

export type ProjectSettings = { title: string | null, contract_number: string | null, bureau_section: string | null, contractor: string | null, 
/**
 * Yen with tax, as typed.
 */
cap: string | null, 
/**
 * Percent, as typed (`10`, `10.5%`).
 */
overhead_rate: string | null, consumption_tax_rate: string | null, start: string | null, end: string | null, };

export type PlanEntry = { category: ExpenseCategory, amount: string, };

export type LedgerLine = { id: number, voucher_id: number, date: string, category: ExpenseCategory, payee: string, description: string, 
/**
 * Without tax.
 */
amount: Yen, tax: Yen, amount_with_tax: Yen, event_id: number | null, payment_method: PaymentMethod, 
/**
 * The SHA-256 of each receipt file of the voucher.
 */
receipts: Array<string>, 
/**
 * The line this one corrects or refunds.
 */
corrects: number | null, notes: string, };

export type SplitEntry = { category: ExpenseCategory, description: string, 
/**
 * Without tax, as typed.
 */
amount: string, 
/**
 * The tax, as typed; empty is zero.
 */
tax: string, };

export type ExpenseEntry = { date: string, payee: string, description: string, event_id: number | null, payment_method: PaymentMethod, lines: Array<SplitEntry>, 
/**
 * Paths of the receipt files (PDF, photo).
 */
receipts: Array<string>, notes: string, };

export type RefundEntry = { expense_id: number, date: string, 
/**
 * The amount refunded without tax, as a positive number.
 */
amount: string, tax: string, reason: string, receipts: Array<string>, };

export type CorrectionEntry = { expense_id: number, date: string, reason: string, replacement: SplitEntry | null, };

export type StaffTimeLine = { id: number, person: string, date: string, minutes: number, 
/**
 * `7.5` hours; minutes that are not a tenth of an hour show as `7:20`.
 */
hours: string, work: string, hourly_rate: Yen, cost: Yen, event_id: number | null, voided_reason: string | null, };

export type StaffTimeEntry = { person: string, date: string, 
/**
 * `7.5`, `7:30`, `７．５`.
 */
hours: string, 
/**
 * The hourly rate agreed for the person, as typed.
 */
rate: string, work: string, event_id: number | null, };

export type StaffSheet = { person: string, 
/**
 * `2026-07`.
 */
month: string, minutes: number, hours: string, cost: Yen, lines: Array<StaffTimeLine>, };

export type SubcontractLine = { id: number, name: string, amount_with_tax: Yen, scope: string, selection: string, touches_core_management: boolean, date: string, event_id: number | null, };

export type SubcontractEntry = { name: string, amount_with_tax: string, scope: string, 
/**
 * How the supplier was chosen (quotes compared).
 */
selection: string, touches_core_management: boolean, 
/**
 * The contract's date; empty is today.
 */
date: string, event_id: number | null, };

export type BudgetRow = { category: ExpenseCategory, label: string, 
/**
 * `Ⅱ 事業費`.
 */
part: string, plan: Yen | null, actual: Yen, 
/**
 * plan − actual.
 */
remaining: Yen | null, };

export type EventBudget = { event_id: number | null, title: string, total_without_tax: Yen, };

export type BudgetWarningView = { code: string, message: string, };

export type PlanTotals = { general_admin: Yen, subtotal: Yen, consumption_tax: Yen, total: Yen, };

export type BudgetView = { personnel: Yen, direct: Yen, subcontract: Yen, general_admin: Yen, subtotal: Yen, consumption_tax: Yen, total: Yen, cap: Yen, remaining: Yen, subcontract_with_tax: Yen, 
/**
 * One decimal, as text: `"48.2"`.
 */
subcontract_ratio_percent: string, subcontract_over_half: boolean, rows: Array<BudgetRow>, plan: PlanTotals | null, by_event: Array<EventBudget>, warnings: Array<BudgetWarningView>, project: ProjectView, };

export type BudgetExport = { file: string, };

export type Disclosure = "public" | "internal";

export type ReportSection = "outline" | "aims" | "measures";

export type FlagSource = string;

export type FlagResolution = { "decision": "keep", decided_by: string, } | { "decision": "rewrite", text: string, decided_by: string, };

export type FlaggedPassage = { source: FlagSource, 
/**
 * What the source is, for people (「事業の概要」, 「第1回 基調講演の講演概要」).
 */
place: string, 
/**
 * The paragraph as written.
 */
passage: string, 
/**
 * The registered name found in it.
 */
name: string, 
/**
 * What a person decided; none: not resolved, the public edition waits.
 */
resolution: FlagResolution | null, };

export type ReportIssue = { "kind": "empty_section", section: ReportSection, } | { "kind": "no_summary", event: string, items: Array<string>, } | { "kind": "no_photos", event: string, } | { "kind": "counts_differ", event: string, what: string, report: number, desk: number, } | { "kind": "unresolved_flag", place: string, name: string, } | { "kind": "photo_without_consent", event: string, n_photos: number, };

export type ReportTexts = { outline: string, aims: string, measures: string, 
/**
 * The hearings' tags, the most frequent first, to write the measures with.
 */
hearing_tags: Array<string>, };

export type FlagDecision = { "decision": "keep" } | { "decision": "rewrite", text: string, };

export type ReportFormat = "pdf" | "docx";

export type ReportExport = { files: Array<string>, issues: Array<ReportIssue>, 
/**
 * The checks' findings in the reader's language.
 */
messages: Array<string>, };

// The only caller of `invoke`: every request to the Rust side goes through here, typed by the
// declarations generated from the Rust types (bindings.ts).

import { invoke } from "@tauri-apps/api/core";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import type { CommandName, ErrorCode } from "./vocabulary";
import { t } from "./i18n";
import type {
  AttendanceMode,
  Category,
  PaperEntry,
  KioskVisitor,
  Question,
  Questionnaire,
  Response,
  StoredQuestionnaire,
  SurveyImport,
  SurveyImportOptions,
  SurveyOverview,
  Disclosure,
  FlagDecision,
  FlaggedPassage,
  FlagSource,
  ReportExport,
  ReportFormat,
  ReportSection,
  ReportTexts,
  BudgetExport,
  BudgetView,
  CorrectionEntry,
  ExpenseEntry,
  LedgerLine,
  PlanEntry,
  ProjectSettings,
  ProjectView,
  RefundEntry,
  StaffSheet,
  StaffTimeEntry,
  StaffTimeLine,
  SubcontractEntry,
  SubcontractLine,
  AgendaItemId,
  AboutBox,
  PassphraseKeychain,
  ApiError,
  AppStatus,
  Attendee,
  BackupDone,
  BackupSchedule,
  ErasureCertificate,
  FolderBackupDone,
  RestoreDone,
  ScheduleStatus,
  AttendeeDraft,
  AttendeeUpdate,
  AttendanceSummary,
  AuditChainReport,
  AuditEntry,
  ExportOutcome,
  ExportRequest,
  OnlineAttendanceImport,
  RegistrationOutcome,
  RegistrationRequest,
  SeatChartExport,
  Printout,
  PrintoutExport,
  SeatPlanForm,
  AgendaExport,
  AgendaItemDraft,
  AgendaView,
  ItemMinutes,
  MinutesExport,
  MinutesField,
  MinutesNote,
  PhotoAddResult,
  PhotoChange,
  PhotoDeletion,
  PhotoView,
  Speaker,
  SpeakerDraft,
  DemoReport,
  DeskSettings,
  DoorAttempt,
  DoorInput,
  DeskAnswer,
  DoorStatus,
  Event,
  EventForm,
  EventSummary,
  Lang,
  ListedAttendee,
  Handler,
  HandlerDraft,
  RosterExport,
  SecurityReport,
  ExternalService,
  ServiceDraft,
  Incident,
  IncidentDraft,
  IncidentReportExport,
  EmlExport,
  MailFilter,
  MailServer,
  MailTemplate,
  MailText,
  Mailing,
  OutboxEntry,
  PreparedMailing,
  RenderedMail,
  SendReport,
  TemplateInfo,
  Payee,
  PayeeDraft,
  PaymentPreview,
  PaymentDocument,
  PaymentDocumentExport,
  PaymentRecordLine,
  PaymentRequest,
  PaymentShown,
  TaxFileExport,
  TaxMonth,
  SignedIn,
  PeopleFilter,
  PossibleDuplicate,
  SeatZone,
  TicketExport,
  ZonePlan,
} from "./bindings";

/** The codes the window itself raises (a dialog that failed, a form left incomplete). */
export type WindowErrorCode =
  | "ipc.failed"
  | "dialog.failed"
  | "desk.reason_required"
  | "desk.possible_duplicate"
  | "camera.unavailable"
  | "attendee.possible_duplicate";

/** A failed command: `code` is stable (switch on it), `message` is for people. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode | WindowErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs an export; when a file is already at its place, asks the person whether to replace it
 * and runs it again with `replace` if they agree. `null` when they chose not to.
 */
export async function withReplaceConfirmation<T>(run: (replace: boolean) => Promise<T>, ask: (message: string) => boolean): Promise<T | null> {
  try {
    return await run(false);
  } catch (error) {
    if (error instanceof ApiFailure && error.code === "file.exists") {
      return ask(error.message) ? run(true) : null;
    }
    throw error;
  }
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

async function call<T>(command: CommandName, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isApiError(error)) throw new ApiFailure(error.code as ErrorCode, error.message);
    throw new ApiFailure("ipc.failed", ipcMessage(String(error)));
  }
}

/**
 * What a person reads when the window's request itself did not reach the Rust side in a shape it
 * takes (a value typed in a form that is not a number or a time): never the developer's text.
 */
function ipcMessage(raw: string): string {
  if (raw.startsWith("invalid args")) return t("invalidInput");
  return t("ipcFailed");
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  about: () => call<AboutBox>("about"),
  unlockDatabase: (passphrase: string, remember: boolean) => call<null>("unlock_database", { passphrase, remember }),
  passphraseKeychain: () => call<PassphraseKeychain>("passphrase_keychain", {}),
  forgetPassphrase: () => call<PassphraseKeychain>("forget_passphrase", {}),
  createDatabase: (passphrase: string, repeated: string) => call<null>("create_database", { passphrase, repeated }),
  setLanguage: (language: Lang) => call<Lang>("set_language", { language }),
  loadDemo: () => call<DemoReport>("load_demo"),
  listEvents: () => call<EventSummary[]>("list_events"),
  createEvent: (form: EventForm) => call<Event>("create_event", { form }),
  updateEvent: (id: number, form: EventForm) => call<Event>("update_event", { id, form }),
  listAttendees: (eventId: number, filter: PeopleFilter) => call<ListedAttendee[]>("list_attendees", { eventId, filter }),
  possibleDuplicates: (eventId: number, draft: AttendeeDraft, except: number | null) =>
    call<PossibleDuplicate[]>("possible_duplicates", { eventId, draft, except }),
  mergeAttendees: (keep: number, absorb: number, reason: string) => call<Attendee>("merge_attendees", { keep, absorb, reason }),
  eraseAttendee: (id: number, reason: string) => call<null>("erase_attendee", { id, reason }),
  createAttendee: (eventId: number, draft: AttendeeDraft) => call<Attendee>("create_attendee", { eventId, draft }),
  updateAttendee: (id: number, draft: AttendeeDraft) => call<AttendeeUpdate>("update_attendee", { id, draft }),
  deskSettings: () => call<DeskSettings>("desk_settings"),
  handlerNames: () => call<string[]>("handler_names"),
  signIn: (name: string, pin: string) => call<SignedIn>("sign_in", { name, pin }),
  signOut: () => call<null>("sign_out"),
  lockToDesk: () => call<null>("lock_to_desk"),
  signedIn: () => call<SignedIn | null>("signed_in"),
  listHandlers: () => call<Handler[]>("list_handlers"),
  addHandler: (draft: HandlerDraft, pin: string) => call<Handler>("add_handler", { draft, pin }),
  listServices: () => call<ExternalService[]>("list_services"),
  saveService: (id: number | null, draft: ServiceDraft) => call<ExternalService>("save_service", { id, draft }),
  updateHandler: (id: number, draft: HandlerDraft, active: boolean) => call<Handler>("update_handler", { id, draft, active }),
  exportHandlerRoster: (path: string, replace: boolean) => call<RosterExport>("export_handler_roster", { path, replace }),
  makeBackup: (path: string, replace: boolean) => call<BackupDone>("make_backup", { path, replace }),
  backupScheduleStatus: () => call<ScheduleStatus>("backup_schedule_status"),
  setBackupSchedule: (schedule: BackupSchedule | null) => call<ScheduleStatus>("set_backup_schedule", { schedule }),
  backupIntoFolder: (folder: string, keep: number) => call<FolderBackupDone>("backup_into_folder", { folder, keep }),
  restoreBackup: (path: string, passphrase: string) => call<RestoreDone>("restore_backup", { path, passphrase }),
  eraseAllData: (certificateDir: string, confirmation: string) =>
    call<ErasureCertificate>("erase_all_data", { certificateDir, confirmation }),
  eraseEventData: (eventId: number, certificateDir: string, confirmation: string) =>
    call<ErasureCertificate>("erase_event_data", { eventId, certificateDir, confirmation }),
  exportSecurityReport: (path: string, from: string, to: string, replace: boolean) =>
    call<SecurityReport>("export_security_report", { path, from, to, replace }),
  listIncidents: () => call<Incident[]>("list_incidents"),
  addIncident: (draft: IncidentDraft) => call<Incident>("add_incident", { draft }),
  updateIncident: (id: number, draft: IncidentDraft) => call<Incident>("update_incident", { id, draft }),
  printIncident: (id: number, path: string, replace: boolean) => call<IncidentReportExport>("print_incident", { id, path, replace }),
  mailTemplates: () => call<TemplateInfo[]>("mail_templates"),
  setMailLanguage: (lang: Lang) => call<TemplateInfo[]>("set_mail_language", { lang }),
  saveMailTemplate: (template: MailTemplate, text: MailText) => call<TemplateInfo>("save_mail_template", { template, text }),
  resetMailTemplate: (template: MailTemplate) => call<TemplateInfo>("reset_mail_template", { template }),
  listMailings: (eventId: number) => call<Mailing[]>("list_mailings", { eventId }),
  prepareMailing: (eventId: number, template: MailTemplate, filter: MailFilter, purpose: string | null) =>
    call<PreparedMailing>("prepare_mailing", { eventId, template, filter, purpose }),
  mailingStatus: (id: number) => call<Mailing>("mailing_status", { id }),
  mailingOutbox: (id: number) => call<OutboxEntry[]>("mailing_outbox", { id }),
  previewMail: (id: number, attendee: number | null) => call<RenderedMail>("preview_mail", { id, attendee }),
  approveMailing: (id: number, approver: string, pin: string | null) => call<Mailing>("approve_mailing", { id, approver, pin }),
  mailServer: () => call<MailServer | null>("mail_server"),
  sendMailing: (id: number, server: MailServer, password: string | null, keychain: boolean, perMinute: number, retryFailed: boolean, atMost: number) =>
    call<SendReport>("send_mailing", { id, server, password, keychain, perMinute, retryFailed, atMost }),
  forgetMailPassword: (server: MailServer) => call<null>("forget_mail_password", { server }),
  exportMailingEml: (id: number, dir: string, from: string, replace: boolean) => call<EmlExport>("export_mailing_eml", { id, dir, from, replace }),
  listPayees: () => call<Payee[]>("list_payees"),
  savePayee: (id: number | null, draft: PayeeDraft) => call<Payee>("save_payee", { id, draft }),
  listPayments: (eventId: number | null) => call<PaymentShown[]>("list_payments", { eventId }),
  previewPayment: (request: PaymentRequest) => call<PaymentPreview>("preview_payment", { request }),
  addPayment: (request: PaymentRequest) => call<PaymentShown>("add_payment", { request }),
  voidPayment: (id: number, reason: string) => call<PaymentShown>("void_payment", { id, reason }),
  printPaymentDocument: (payeeId: number, document: PaymentDocument, path: string, replace: boolean) =>
    call<PaymentDocumentExport>("print_payment_document", { payeeId, document, path, replace }),
  taxMonths: () => call<TaxMonth[]>("tax_months"),
  paymentRecords: () => call<PaymentRecordLine[]>("payment_records"),
  exportTaxMonths: (path: string, replace: boolean) => call<TaxFileExport>("export_tax_months", { path, replace }),
  exportPaymentRecords: (path: string, replace: boolean) => call<TaxFileExport>("export_payment_records", { path, replace }),
  surveyQuestionnaire: (eventId: number) => call<StoredQuestionnaire | null>("survey_questionnaire", { eventId }),
  surveyResults: (eventId: number) => call<SurveyOverview>("survey_results", { eventId }),
  previewSurveyImport: (eventId: number, path: string, options: SurveyImportOptions) =>
    call<SurveyImport>("preview_survey_import", { eventId, path, options }),
  importSurvey: (eventId: number, path: string, options: SurveyImportOptions) => call<SurveyImport>("import_survey", { eventId, path, options }),
  enterPaperSheet: (eventId: number, sheet: number | null, category: Category | null, mode: AttendanceMode | null, cells: string[]) =>
    call<PaperEntry>("enter_paper_sheet", { eventId, sheet, category, mode, cells }),
  kioskAnswer: (eventId: number, response: Response, ticket: string | null = null) => call<number>("kiosk_answer", { eventId, response, ticket }),
  kioskTicket: (eventId: number, ticket: string) => call<KioskVisitor>("kiosk_ticket", { eventId, ticket }),
  surveyStandardQuestions: () => call<Questionnaire>("survey_standard_questions", {}),
  saveQuestionnaire: (eventId: number, questions: Question[]) => call<StoredQuestionnaire>("save_questionnaire", { eventId, questions }),
  saveSharedQuestionnaire: (questions: Question[]) => call<StoredQuestionnaire>("save_shared_questionnaire", { questions }),
  surveyResultsTogether: () => call<SurveyOverview>("survey_results_together", {}),
  budgetShow: () => call<BudgetView>("budget_show"),
  setProject: (settings: ProjectSettings) => call<ProjectView>("set_project", { settings }),
  setBudgetPlan: (entries: PlanEntry[]) => call<BudgetView>("set_budget_plan", { entries }),
  listExpenses: () => call<LedgerLine[]>("list_expenses"),
  addExpense: (entry: ExpenseEntry) => call<LedgerLine[]>("add_expense", { entry }),
  refundExpense: (entry: RefundEntry) => call<LedgerLine[]>("refund_expense", { entry }),
  correctExpense: (entry: CorrectionEntry) => call<LedgerLine[]>("correct_expense", { entry }),
  listStaffTime: () => call<StaffTimeLine[]>("list_staff_time"),
  addStaffTime: (entry: StaffTimeEntry) => call<StaffTimeLine>("add_staff_time", { entry }),
  voidStaffTime: (id: number, reason: string) => call<StaffTimeLine>("void_staff_time", { id, reason }),
  staffSheets: () => call<StaffSheet[]>("staff_sheets"),
  listSubcontracts: () => call<SubcontractLine[]>("list_subcontracts"),
  addSubcontract: (entry: SubcontractEntry) => call<SubcontractLine>("add_subcontract", { entry }),
  exportBudget: (what: "sheet" | "ledger" | "settlement", path: string, replace: boolean) =>
    call<BudgetExport>("export_budget", { what, path, replace }),
  setDesk: (desk: DeskSettings) => call<DeskSettings>("set_desk", { desk }),
  door: (eventId: number, input: DoorInput) => call<DeskAnswer>("door", { eventId, input }),
  walkIn: (eventId: number, draft: AttendeeDraft, overrideReason: string | null) =>
    call<DeskAnswer>("walk_in", { eventId, draft, overrideReason }),
  undoAttempt: (attemptId: number, reason: string) => call<DoorAttempt>("undo_attempt", { attemptId, reason }),
  doorStatus: (eventId: number) => call<DoorStatus>("door_status", { eventId }),
  doorAttempts: (eventId: number, limit: number) => call<DoorAttempt[]>("door_attempts", { eventId, limit }),
  deskSearch: (eventId: number, query: string) => call<ListedAttendee[]>("desk_search", { eventId, query }),
  reissueTicket: (attendeeId: number) => call<Attendee>("reissue_ticket", { attendeeId }),
  ticketQrSvg: (token: string) => call<string>("ticket_qr_svg", { token }),
  defaultExportDir: (eventId: number) => call<string>("default_export_dir", { eventId }),
  reportTexts: () => call<ReportTexts>("report_texts", {}),
  saveReportText: (section: ReportSection, text: string) => call<null>("save_report_text", { section, text }),
  reportFlags: () => call<FlaggedPassage[]>("report_flags", {}),
  resolveReportFlag: (source: FlagSource, passage: string, decision: FlagDecision) =>
    call<FlaggedPassage[]>("resolve_report_flag", { source, passage, decision }),
  reportCheck: () => call<string[]>("report_check", {}),
  exportReport: (dir: string, editions: Disclosure[], formats: ReportFormat[], replace: boolean) =>
    call<ReportExport>("export_report", { dir, editions, formats, replace }),
  exportTickets: (eventId: number, dir: string, replace: boolean) => call<TicketExport>("export_tickets", { eventId, dir, replace }),
  zonePlan: (eventId: number) => call<ZonePlan>("zone_plan", { eventId }),
  setZonePlan: (eventId: number, plan: ZonePlan) => call<ZonePlan>("set_zone_plan", { eventId, plan }),
  moveToZone: (attendeeId: number, zone: SeatZone | null, reason: string) =>
    call<Attendee>("move_to_zone", { attendeeId, zone, reason }),
  previewRegistrationImport: (eventId: number, path: string, request: RegistrationRequest) =>
    call<RegistrationOutcome>("preview_registration_import", { eventId, path, request }),
  importRegistrations: (eventId: number, path: string, request: RegistrationRequest) =>
    call<RegistrationOutcome>("import_registrations", { eventId, path, request }),
  importOnlineAttendance: (eventId: number, path: string, dryRun: boolean) =>
    call<OnlineAttendanceImport>("import_online_attendance", { eventId, path, dryRun }),
  exportAttendance: (eventId: number, path: string, request: ExportRequest) =>
    call<ExportOutcome>("export_attendance", { eventId, path, request }),
  attendanceSummary: (eventId: number) => call<AttendanceSummary>("attendance_summary", { eventId }),
  auditLog: (limit: number) => call<AuditEntry[]>("audit_log", { limit }),
  verifyAuditChain: () => call<AuditChainReport>("verify_audit_chain"),
  seatPlan: (eventId: number) => call<SeatPlanForm>("seat_plan", { eventId }),
  setSeatPlan: (eventId: number, form: SeatPlanForm) => call<SeatPlanForm>("set_seat_plan", { eventId, form }),
  assignSeat: (attendeeId: number, seat: string | null) => call<string | null>("assign_seat", { attendeeId, seat }),
  exportSeatChart: (eventId: number, path: string, replace: boolean) =>
    call<SeatChartExport>("export_seat_chart", { eventId, path, replace }),
  defaultPrintoutPath: (eventId: number, printout: Printout) => call<string>("default_printout_path", { eventId, printout }),
  printRoster: (eventId: number, path: string, replace: boolean) => call<PrintoutExport>("print_roster", { eventId, path, replace }),
  printBadges: (eventId: number, path: string, ids: number[] | null, replace: boolean) =>
    call<PrintoutExport>("print_badges", { eventId, path, ids, replace }),
  speakers: () => call<Speaker[]>("list_speakers"),
  createSpeaker: (draft: SpeakerDraft) => call<Speaker>("create_speaker", { draft }),
  updateSpeaker: (id: number, draft: SpeakerDraft) => call<Speaker>("update_speaker", { id, draft }),
  agenda: (eventId: number) => call<AgendaView>("agenda", { eventId }),
  runningAgendaItem: (eventId: number) => call<AgendaItemId | null>("running_agenda_item", { eventId }),
  createAgendaItem: (eventId: number, draft: AgendaItemDraft) => call<AgendaView>("create_agenda_item", { eventId, draft }),
  updateAgendaItem: (id: number, draft: AgendaItemDraft) => call<AgendaView>("update_agenda_item", { id, draft }),
  moveAgendaItem: (id: number, to: number) => call<AgendaView>("move_agenda_item", { id, to }),
  deleteAgendaItem: (id: number) => call<AgendaView>("delete_agenda_item", { id }),
  exportAgenda: (eventId: number, dir: string, isPublic: boolean, replace: boolean) =>
    call<AgendaExport>("export_agenda", { eventId, dir, public: isPublic, replace }),
  exportMinutes: (eventId: number, dir: string, isPublic: boolean, replace: boolean) =>
    call<MinutesExport>("export_minutes", { eventId, dir, public: isPublic, replace }),
  minutes: (eventId: number) => call<ItemMinutes[]>("minutes", { eventId }),
  saveMinutesText: (item: number, field: MinutesField, text: string) => call<null>("save_minutes_text", { item, field, text }),
  saveNote: (item: number, note: number | null, text: string) => call<MinutesNote | null>("save_note", { item, note, text }),
  photos: (eventId: number) => call<PhotoView[]>("photos", { eventId }),
  addPhotos: (eventId: number, paths: string[]) => call<PhotoAddResult[]>("add_photos", { eventId, paths }),
  addPhotoBytes: (eventId: number, bytes: number[], name: string) => call<PhotoView>("add_photo_bytes", { eventId, bytes, name }),
  updatePhoto: (id: number, change: PhotoChange) => call<PhotoView>("update_photo", { id, change }),
  deletePhoto: (id: number) => call<PhotoDeletion>("delete_photo", { id }),
  /** The system's file picker for several files; an empty list when the person cancels. */
  pickFiles: async (extensions: string[], filterName: string): Promise<string[]> => {
    try {
      const chosen = await openDialog({ directory: false, multiple: true, filters: [{ name: filterName, extensions }] });
      return Array.isArray(chosen) ? chosen : typeof chosen === "string" ? [chosen] : [];
    } catch (error) {
      throw new ApiFailure("dialog.failed", String(error));
    }
  },
  /** The system's file picker for a file to read; null when the person cancels. */
  pickFile: async (extensions: string[], filterName: string): Promise<string | null> => {
    try {
      const chosen = await openDialog({ directory: false, multiple: false, filters: [{ name: filterName, extensions }] });
      return typeof chosen === "string" ? chosen : null;
    } catch (error) {
      throw new ApiFailure("dialog.failed", String(error));
    }
  },
  /** The system's "save as" dialog; null when the person cancels. */
  pickSavePath: async (defaultPath: string, extensions: string[], filterName: string): Promise<string | null> => {
    try {
      return await saveDialog({ defaultPath, filters: [{ name: filterName, extensions }] });
    } catch (error) {
      throw new ApiFailure("dialog.failed", String(error));
    }
  },
  /** The system's folder picker; null when the person cancels. */
  pickFolder: async (defaultPath: string): Promise<string | null> => {
    try {
      const chosen = await openDialog({ directory: true, multiple: false, defaultPath });
      return typeof chosen === "string" ? chosen : null;
    } catch (error) {
      throw new ApiFailure("dialog.failed", String(error));
    }
  },
};

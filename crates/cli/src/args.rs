//! The command line's words.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use tsudoi_core::Lang;

mod money;
pub use money::*;

#[derive(Parser)]
#[command(
    name = "tsudoi",
    version,
    about = "集い (Tsudoi): run events end to end — the command line",
    long_about = "集い (Tsudoi): run events end to end — the command line.\n\n\
                  Works on the same database as the desktop app. With --json every command prints one \
                  JSON document on stdout; the exit status is 0 on success."
)]
pub struct Cli {
    /// The database file (default: the desktop app's, in the OS data folder).
    #[arg(long, global = true, env = "TSUDOI_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Print one JSON document on stdout instead of a table.
    #[arg(long, global = true)]
    pub json: bool,
    /// Language of messages and tables: ja or en (default: the app's setting).
    #[arg(long, global = true, value_parser = parse_lang, value_name = "ja|en")]
    pub lang: Option<Lang>,
    /// Replace files already at an export's place (never a symlink, a folder or a device).
    #[arg(long, global = true)]
    pub force: bool,
    #[command(subcommand)]
    pub command: Command,
}

fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::parse(value).ok_or_else(|| format!("unknown language {value:?}: use ja or en"))
}

#[derive(Subcommand)]
pub enum Command {
    /// Events (回): create, list, show, update.
    #[command(subcommand)]
    Event(EventCommand),
    /// Attendees (参加者) of an event: add, list, show, update.
    #[command(subcommand)]
    Attendee(AttendeeCommand),
    /// Check a person in at the door by ticket code (or --attendee); exits 0 only when let in.
    Checkin(DoorArgs),
    /// Record a person leaving the room (退場).
    Checkout(DoorArgs),
    /// Register a person at the desk (当日参加) and check them in at once.
    WalkIn {
        #[arg(long)]
        event: i64,
        #[command(flatten)]
        fields: AttendeeFields,
        #[command(flatten)]
        desk: DeskArgs,
        /// Let the person in although the room is full, for this written reason.
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
    },
    /// Undo a mistaken check-in or exit; it stays in the log and stops counting.
    Undo {
        /// The attempt's number (from `tsudoi attempts` or the check-in's JSON).
        attempt: i64,
        #[arg(long, default_value = "")]
        reason: String,
        #[command(flatten)]
        desk: DeskArgs,
    },
    /// The live counts of an event's door: registered, checked in, in the room, by group.
    Status {
        #[arg(long)]
        event: i64,
    },
    /// The latest attempts at an event's door, refused ones too.
    Attempts {
        #[arg(long)]
        event: i64,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Seating zones (関係者席 / 一般者席): capacities, where each category sits, moves.
    #[command(subcommand)]
    Zone(ZoneCommand),
    /// The optional seat plan (座席表): rows or tables per zone, seats, the printable chart.
    #[command(subcommand)]
    Seat(SeatCommand),
    /// Tickets (受付票): QR images for mailing or printing, and reissuing.
    #[command(subcommand)]
    Ticket(TicketCommand),
    /// The reception roster (受付名簿): the desk's printed fallback, in kana order, 非公表用.
    #[command(subcommand)]
    Roster(RosterCommand),
    /// Name badges (名札) as an A4 PDF: everyone whose registration stands, or those chosen.
    Badges(BadgeArgs),
    /// Online attendance from Teams/Zoom reports, and the attendance file for the bureau.
    #[command(subcommand)]
    Attendance(AttendanceCommand),
    /// Speakers (登壇者), kept across events.
    #[command(subcommand)]
    Speaker(SpeakerCommand),
    /// The programme (次第): items, order, timing checks, and the printable programme.
    #[command(subcommand)]
    Agenda(AgendaCommand),
    /// The minutes (議事録): written in the window; exported here.
    #[command(subcommand)]
    Minutes(MinutesCommand),
    /// Photos of the day, attached to the item running when they were taken.
    #[command(subcommand)]
    Photo(PhotoCommand),
    /// The privacy log: every import and export of personal data, newest first.
    Audit {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[command(subcommand)]
        command: Option<AuditCommand>,
    },
    /// The information-handler roster (情報取扱者名簿): who may handle personal data, and how.
    #[command(subcommand)]
    Handler(HandlerCommand),
    /// Incident records (インシデント記録): what happened to personal data, and what was done.
    #[command(subcommand)]
    Incident(IncidentCommand),
    /// Mail to each person (個別メール): one message per person, approved by a second handler.
    #[command(subcommand)]
    Mail(MailCommand),
    /// Payees of speakers' fees and travel (謝金・旅費の受取人).
    #[command(subcommand)]
    Payee(PayeeCommand),
    /// Payments of fees and travel with the tax withheld at source (源泉徴収), their statements
    /// and the tax office's figures.
    #[command(subcommand)]
    Payment(PaymentCommand),
    /// The half-year security measures report (情報セキュリティ対策の実施状況), pre-filled.
    #[command(subcommand)]
    Security(SecurityCommand),
    /// The survey (アンケート): import Forms answers, enter paper sheets, results, documents.
    #[command(subcommand)]
    Survey(SurveyCommand),
    /// Hearings (ヒアリング) with participants: record, list, summary by tag.
    #[command(subcommand)]
    Hearing(HearingCommand),
    /// The contract record (事業): cap, overhead rate, period.
    #[command(subcommand)]
    Project(ProjectCommand),
    /// The project report (事業報告書): its texts, the checks, the flagged passages, the export
    /// in two editions (公表用, 非公表用) as PDF and DOCX.
    #[command(subcommand)]
    Report(ReportCommand),
    /// The expense ledger (経費): add, list, refund, correct, export with the receipts index.
    #[command(subcommand)]
    Expense(ExpenseCommand),
    /// Staff time for 人件費: hours at each person's agreed rate, the monthly sheets.
    #[command(subcommand)]
    Time(TimeCommand),
    /// Subcontracts (再委託・外注): add, list.
    #[command(subcommand)]
    Subcontract(SubcontractCommand),
    /// The budget (予算): plan and actuals, warnings, the budget sheet and the settlement summary.
    #[command(subcommand)]
    Budget(BudgetCommand),
    /// Load the demo project (this year's two gatherings) into the database.
    Demo,
    /// Encrypt a plain database (the passphrase from TSUDOI_PASSPHRASE, or asked twice). The
    /// plain file is removed only after the encrypted copy is verified.
    Encrypt,
    /// Change the passphrase of an encrypted database (the old one from TSUDOI_PASSPHRASE or
    /// asked; the new one from TSUDOI_NEW_PASSPHRASE or asked twice).
    Passphrase,
    /// Remember this database's passphrase in the OS keychain, so that commands and the window
    /// open it without asking (on Linux until a restart or a few days unused), or forget it.
    #[command(subcommand)]
    Keychain(KeychainCommand),
    /// Write one encrypted backup file: the database, its photos and receipts. --out names the
    /// file; --folder writes a time-named file into a folder (a USB stick) and keeps the newest
    /// --keep there; --if-due runs the schedule set with `setting backup` when it is due (for the
    /// system's task scheduler while the window is closed).
    Backup {
        #[arg(long, value_name = "FILE", required_unless_present_any = ["folder", "if_due"], conflicts_with_all = ["folder", "if_due"])]
        out: Option<std::path::PathBuf>,
        #[arg(long, value_name = "DIR", conflicts_with = "if_due")]
        folder: Option<std::path::PathBuf>,
        #[arg(long, default_value_t = 5, requires = "folder")]
        keep: u32,
        #[arg(long)]
        if_due: bool,
    },
    /// Restore a backup into the --db path (asks for the backup's passphrase). Everything is
    /// verified before anything is replaced; an existing database needs --force.
    Restore {
        #[arg(value_name = "FILE")]
        file: std::path::PathBuf,
    },
    /// Erase all data at the end of the contract (or, with --event, one event's personal data,
    /// keeping its anonymous counts), and write an erasure certificate (消去証明書).
    Erase {
        #[arg(long)]
        event: Option<i64>,
        /// The folder the certificate is written to (outside the data folder).
        #[arg(long, value_name = "DIR", default_value = ".")]
        certificate: std::path::PathBuf,
        /// Do not ask for the typed confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Settings of this installation.
    #[command(subcommand)]
    Setting(SettingCommand),
    /// Where the database is and which schema it has.
    Info,
    /// Check every page of the database (as the window does when it opens it).
    Check,
}

#[derive(Subcommand)]
pub enum KeychainCommand {
    /// Remember the passphrase (from TSUDOI_PASSPHRASE, or asked); it must open the database.
    Remember,
    /// Forget the remembered passphrase.
    Forget,
    /// Whether this system has a keychain, and whether it remembers this database's passphrase.
    Status,
}

#[derive(Subcommand)]
pub enum EventCommand {
    /// Create an event; prints it (with --json, at least {"id": ...}).
    Create(#[command(flatten)] EventFields),
    /// List the events by date.
    List,
    /// Show one event with its registration counts.
    Show { id: i64 },
    /// Change the given fields of an event.
    Update {
        id: i64,
        #[command(flatten)]
        fields: EventFields,
    },
}

#[derive(Args)]
pub struct EventFields {
    /// Title, e.g. "第1回 交流会" (required to create).
    #[arg(long)]
    pub title: Option<String>,
    /// Date, YYYY-MM-DD (required to create).
    #[arg(long)]
    pub date: Option<String>,
    /// Start time, HH:MM.
    #[arg(long)]
    pub start: Option<String>,
    /// End time, HH:MM.
    #[arg(long)]
    pub end: Option<String>,
    /// Venue name.
    #[arg(long)]
    pub venue: Option<String>,
    /// Venue address.
    #[arg(long)]
    pub address: Option<String>,
    /// In-person capacity (default 70).
    #[arg(long)]
    pub capacity: Option<u32>,
    /// Online meeting URL.
    #[arg(long)]
    pub online_url: Option<String>,
    /// hybrid, venue or online (default hybrid).
    #[arg(long)]
    pub format: Option<String>,
    /// Venue registrations taken before new ones wait, when more than the capacity (some people
    /// never come); "" for the capacity.
    #[arg(long)]
    pub registration_limit: Option<String>,
    /// From when people on the waiting list are let in at the door while there are places,
    /// HH:MM; "" for the start time.
    #[arg(long)]
    pub waitlist_opens: Option<String>,
}

#[derive(Subcommand)]
pub enum AttendeeCommand {
    /// Register a person for an event.
    Add {
        #[arg(long)]
        event: i64,
        #[command(flatten)]
        fields: AttendeeFields,
    },
    /// List an event's attendees in kana order.
    List {
        #[arg(long)]
        event: i64,
        /// Keep those whose name, kana, organization or email contain this (やまだ finds ヤマダ).
        #[arg(long)]
        search: Option<String>,
        /// Where people stand on the day: not_checked_in, checked_in, in_room, waiting, cancelled.
        #[arg(long)]
        presence: Option<String>,
        /// Only this category.
        #[arg(long)]
        category: Option<String>,
        /// Only this registered mode (venue or online).
        #[arg(long)]
        mode: Option<String>,
    },
    /// Make two registrations of one person one: ABSORB's check-ins, zone move and online
    /// attendance go to KEEP, its empty fields fill KEEP's, and ABSORB goes. Logged.
    Merge {
        keep: i64,
        absorb: i64,
        /// Why (kept in the privacy log).
        #[arg(long)]
        reason: String,
    },
    /// Delete a person's personal data at their request; the anonymous counts of the door stay.
    /// Logged (the log names the row, never the person).
    Erase {
        id: i64,
        /// Why (kept in the privacy log).
        #[arg(long)]
        reason: String,
    },
    /// Show one attendee.
    Show { id: i64 },
    /// Change the given fields of an attendee (--status cancelled cancels).
    Update {
        id: i64,
        #[command(flatten)]
        fields: AttendeeFields,
    },
    /// Import registrations from a CSV or Excel file (Microsoft/Google Forms, Peatix, a sheet kept
    /// by hand; UTF-8, CP932 or UTF-16). All or nothing; the same file twice changes nothing.
    Import {
        #[arg(long)]
        event: i64,
        /// The CSV or XLSX file.
        file: PathBuf,
        /// Show what would happen and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Read a column as a field: 'お名前=name', 'Company=organization', '備考=' (ignore).
        /// Fields: name family_name given_name kana family_kana given_kana organization title
        /// email phone category mode consent answered_at.
        #[arg(long = "map", value_name = "HEADER=FIELD")]
        map: Vec<String>,
        /// The category for a word no rule knows: '学生=other', '行政=stakeholder'.
        #[arg(long = "category", value_name = "WORD=CATEGORY")]
        category: Vec<String>,
    },
}

#[derive(Subcommand)]
pub enum SpeakerCommand {
    Add(#[command(flatten)] SpeakerFields),
    List,
    Update {
        id: i64,
        #[command(flatten)]
        fields: SpeakerFields,
    },
}

#[derive(Args)]
pub struct SpeakerFields {
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub kana: Option<String>,
    #[arg(long = "org")]
    pub organization: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long = "bio")]
    pub biography: Option<String>,
    #[arg(long)]
    pub contact: Option<String>,
}

#[derive(Subcommand)]
pub enum AgendaCommand {
    /// The programme in order, with overlaps, gaps and the event's hours checked.
    List {
        #[arg(long)]
        event: i64,
    },
    /// Add an item at the end of the programme.
    Add {
        #[arg(long)]
        event: i64,
        #[command(flatten)]
        fields: AgendaFields,
    },
    /// Change the given fields of an item.
    Update {
        id: i64,
        #[command(flatten)]
        fields: AgendaFields,
    },
    /// Move an item to place N (from 1); the programme is re-timed, each item keeping its length.
    Move {
        id: i64,
        #[arg(long)]
        to: u32,
    },
    Delete {
        id: i64,
    },
    /// Write the programme as a one-page PDF, an HTML page for the screen, and CSV.
    Export {
        #[arg(long)]
        event: i64,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Head every page 公表用 (public) instead of 非公表用 (internal).
        #[arg(long)]
        public: bool,
    },
}

#[derive(Args)]
pub struct AgendaFields {
    #[arg(long, value_name = "HH:MM")]
    pub start: Option<String>,
    #[arg(long, value_name = "HH:MM")]
    pub end: Option<String>,
    /// opening, keynote, panel, talk, networking, break, group_work, closing
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    /// hybrid, venue or online
    #[arg(long)]
    pub place: Option<String>,
    /// A speaker's id; repeat for several (replaces the list).
    #[arg(long = "speaker")]
    pub speakers: Vec<i64>,
    #[arg(long)]
    pub moderator: Option<i64>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Subcommand)]
pub enum MinutesCommand {
    /// Write the minutes as Markdown, printable HTML and PDF, with the photos of each item.
    Export {
        #[arg(long)]
        event: i64,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Head every page 公表用 and show only photos people agreed may be published.
        #[arg(long)]
        public: bool,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the privacy log's hash chain: exit 0 when whole, 1 when a line was edited or
    /// deleted (with --json: {"intact", "lines", "first_broken", "unchained"}).
    Verify,
}

#[derive(Subcommand)]
pub enum PhotoCommand {
    /// Add photo files (JPEG, PNG): each checked, stored once, attached by the time it was taken.
    Add {
        #[arg(long)]
        event: i64,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// The photos of an event: id, file name, time taken, the item it belongs to.
    List {
        #[arg(long)]
        event: i64,
    },
    /// Delete a photo (logged); its files go when no event uses them.
    Delete { id: i64 },
}

#[derive(Subcommand)]
pub enum SeatCommand {
    /// Show or set the rows or tables of each zone: --general 'A:10, B:10' --stakeholder 'S:6'
    /// (a label and its seats; an empty text removes the zone's seats).
    Plan {
        #[arg(long)]
        event: i64,
        #[arg(long, value_name = "BLOCKS")]
        general: Option<String>,
        #[arg(long, value_name = "BLOCKS")]
        stakeholder: Option<String>,
    },
    /// Give a person a seat of their zone: the one named, or the next free one.
    Assign { attendee: i64, seat: Option<String> },
    /// The seat chart: every seat and who sits in it; with --out, a printable PDF.
    Chart {
        #[arg(long)]
        event: i64,
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum AttendanceCommand {
    /// Mark online attendees as attended from a Teams or Zoom attendance report.
    Import {
        #[arg(long)]
        event: i64,
        file: PathBuf,
        /// Show the matches and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write who attended to a CSV (UTF-8 with BOM, or CP932 on a Windows set to Japanese) or XLSX
    /// file. Logged.
    Export {
        #[arg(long)]
        event: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// csv or xlsx (default: from the file name).
        #[arg(long, value_parser = ["csv", "xlsx"])]
        format: Option<String>,
        /// For CSV: utf-8 (with BOM) or cp932 (Shift_JIS). Default: cp932 on a Windows set to
        /// Japanese, utf-8 elsewhere.
        #[arg(long, value_parser = ["utf-8", "utf8", "cp932", "shift_jis", "sjis"])]
        encoding: Option<String>,
        /// Add email and phone columns.
        #[arg(long)]
        include_contact: bool,
        /// For CP932: write 〓 for characters it cannot hold instead of refusing.
        #[arg(long)]
        substitute: bool,
        /// Also list cancelled and waiting people who did not come.
        #[arg(long)]
        include_not_attending: bool,
    },
}

#[derive(Args)]
pub struct AttendeeFields {
    /// Name (required to add).
    #[arg(long)]
    pub name: Option<String>,
    /// Reading (フリガナ), in hiragana or katakana.
    #[arg(long)]
    pub kana: Option<String>,
    /// Organization.
    #[arg(long)]
    pub org: Option<String>,
    /// Job title.
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// atotsugi, supporter, senior, stakeholder or other (default atotsugi).
    #[arg(long)]
    pub category: Option<String>,
    /// venue or online (default venue).
    #[arg(long)]
    pub mode: Option<String>,
    /// registered or cancelled.
    #[arg(long)]
    pub status: Option<String>,
    /// manual, import, demo or walk_in (default manual).
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    /// The person has not agreed to the handling of personal data.
    #[arg(long, conflicts_with = "consent")]
    pub no_consent: bool,
    /// The person has agreed to the handling of personal data (the default when adding).
    #[arg(long)]
    pub consent: bool,
}

#[derive(Args)]
pub struct DoorArgs {
    #[arg(long)]
    pub event: i64,
    /// The ticket code as scanned or typed.
    #[arg(required_unless_present = "attendee", conflicts_with = "attendee")]
    pub code: Option<String>,
    /// The attendee's id instead of a code (as when picked from a name search).
    #[arg(long)]
    pub attendee: Option<i64>,
    #[command(flatten)]
    pub desk: DeskArgs,
    /// Let the person in through a refusal that allows it (a full room, a cancellation), for this
    /// written reason.
    #[arg(long = "override", value_name = "REASON")]
    pub override_reason: Option<String>,
    /// The seat to give, when the event has a seat plan; default: the next free one.
    #[arg(long)]
    pub seat: Option<String>,
}

#[derive(Args)]
pub struct DeskArgs {
    /// The desk the attempt is recorded under (default: this installation's desk name).
    #[arg(long)]
    pub desk: Option<String>,
    /// Who is at the desk (default: the desk's operator setting).
    #[arg(long)]
    pub operator: Option<String>,
}

#[derive(Subcommand)]
pub enum ZoneCommand {
    /// Each zone's capacity and people, and where each category sits.
    List {
        #[arg(long)]
        event: i64,
    },
    /// Set a zone's own capacity (`none` for no limit beyond the venue's) or map a category to it.
    Set {
        #[arg(long)]
        event: i64,
        /// general (一般者席) or stakeholder (関係者席).
        #[arg(long)]
        zone: String,
        /// Places in the zone, or `none`.
        #[arg(long)]
        capacity: Option<String>,
        /// Categories that sit in this zone (repeat the flag for several).
        #[arg(long = "category")]
        categories: Vec<String>,
    },
    /// Move a person to another zone than their category's, with a written reason.
    Move {
        /// The attendee's id.
        attendee: i64,
        /// general or stakeholder; `category` moves the person back to their category's zone.
        #[arg(long)]
        zone: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        operator: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum TicketCommand {
    /// Write each attendee's QR code as PNG and SVG into a folder.
    Export {
        #[arg(long)]
        event: i64,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Replace an attendee's ticket: the old code stops working.
    Reissue { attendee: i64 },
}

#[derive(Subcommand)]
pub enum RosterCommand {
    /// Write the roster as a PDF (a box to tick a person, the waiting list apart at the end).
    Print {
        #[arg(long)]
        event: i64,
        /// The PDF to write, or a folder to write 受付名簿_非公表用.pdf into.
        #[arg(long, value_name = "FILE.pdf|DIR")]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct BadgeArgs {
    #[arg(long)]
    pub event: i64,
    /// The PDF to write, or a folder to write 名札_非公表用.pdf into.
    #[arg(long, value_name = "FILE.pdf|DIR")]
    pub out: PathBuf,
    /// Only these attendees (their numbers, comma-separated); default: everyone registered.
    #[arg(long, value_delimiter = ',', value_name = "ID,ID,…")]
    pub ids: Vec<i64>,
}

#[derive(Subcommand)]
pub enum SettingCommand {
    /// Show or set the interface language (ja or en).
    Language {
        #[arg(value_parser = parse_lang)]
        value: Option<Lang>,
    },
    /// Show or set the seconds without a key or a click before a signed-in window locks
    /// (the 情報管理責任者's setting once the roster has people).
    IdleLock { seconds: Option<u32> },
    /// Show or set this computer's desk name and operator, recorded with every attempt.
    Desk {
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        operator: Option<String>,
    },
    /// Show or set the backup schedule: every --every-hours into --folder (a USB stick),
    /// keeping the newest --keep; --off removes it. The window runs it while open; `tsudoi backup
    /// --if-due` runs it from the system's task scheduler.
    Backup {
        #[arg(long, value_name = "DIR", conflicts_with = "off", requires_all = ["keep", "every_hours"])]
        folder: Option<std::path::PathBuf>,
        #[arg(long)]
        keep: Option<u32>,
        #[arg(long)]
        every_hours: Option<u32>,
        #[arg(long)]
        off: bool,
    },
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Write the report into DIR: 事業報告書_公表用.pdf, 事業報告書_非公表用.docx … (the edition in
    /// every page's header and in the file name). The public edition is refused while a flagged
    /// passage waits for a decision (`tsudoi report flags`). Logged.
    Export {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// public (公表用), internal (非公表用) or both.
        #[arg(long, default_value = "both")]
        edition: String,
        /// pdf, docx or both, comma-separated.
        #[arg(long, default_value = "pdf,docx")]
        format: String,
    },
    /// What is missing or inconsistent before an export (of --edition, default both).
    Check {
        #[arg(long, default_value = "both")]
        edition: String,
    },
    /// The passages of free text that name a registered person, numbered, with their decision.
    Flags,
    /// Decide on flagged passage N (from `tsudoi report flags`): --keep publishes it as written,
    /// --rewrite TEXT prints TEXT in the public edition instead.
    Resolve {
        number: usize,
        #[arg(long, conflicts_with = "rewrite")]
        keep: bool,
        #[arg(long, value_name = "TEXT")]
        rewrite: Option<String>,
    },
    /// Save one of the organizer's texts: outline (事業の概要), aims (事業の目的) or measures
    /// (今後必要な施策); without --text, print them all.
    Text {
        section: Option<String>,
        #[arg(long)]
        text: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum SecurityCommand {
    /// Each measure with 実施 / 未実施 / 該当なし, pre-filled from what Tsudoi knows for the
    /// period; `--set KEY=done|not_done|not_applicable[:what was done]` (or 実施 / 未実施 / 該当なし) corrects one (keys: roster, sign_in,
    /// roles, idle_lock, encryption, audit_log, exports, incidents, services, erasure); `--out`
    /// writes it as PDF or XLSX (非公表用, logged).
    Report {
        #[arg(long, value_name = "DATE")]
        from: String,
        #[arg(long, value_name = "DATE")]
        to: String,
        #[arg(long = "set", value_name = "KEY=STATUS[:NOTE]")]
        corrections: Vec<String>,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum HandlerCommand {
    /// Add a person to the roster. The first is the 情報管理責任者 (--role officer); after that
    /// only they add people (sign in with TSUDOI_OPERATOR and TSUDOI_PIN). The new person's PIN
    /// or passphrase is read from TSUDOI_NEW_PIN.
    Add {
        #[arg(long)]
        name: String,
        /// officer (情報管理責任者), manager (情報取扱管理者) or staff (業務従事者).
        #[arg(long)]
        role: String,
        #[arg(long, default_value = "")]
        department: String,
        #[arg(long, default_value = "")]
        title: String,
        /// contractor (受託者) or subcontractor (再委託先).
        #[arg(long, default_value = "contractor")]
        organization: String,
        /// The company's name.
        #[arg(long, default_value = "")]
        company: String,
    },
    /// The roster (the sensitive columns only for the 情報管理責任者).
    List,
    /// Change a person on the roster (the officer's): the given fields, the role, or
    /// `--left` when they leave it (kept, inactive, so the log's names stay explained).
    Update {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        department: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        company: Option<String>,
        /// The person left the roster.
        #[arg(long)]
        left: bool,
    },
    /// Add a service used with personal data to the register (or change one with --id), with the
    /// day the bureau approved it: the 情報管理責任者's.
    Service {
        #[arg(long)]
        id: Option<i64>,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        purpose: String,
        /// Which personal data goes through it.
        #[arg(long, default_value = "")]
        data: String,
        /// YYYY-MM-DD; empty while not approved.
        #[arg(long, default_value = "")]
        approved_on: String,
        #[arg(long, default_value = "")]
        approved_by: String,
    },
    /// The register of external services used with personal data.
    Services,
    /// Write the roster in the annex's layout: a PDF with the 情報管理体制図, or an XLSX sheet,
    /// by the file's extension; headed 非公表用. The 情報管理責任者's own.
    Export {
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
}

/// The fields of an incident record; on `update`, only those given change.
#[derive(Args, Default)]
pub struct IncidentFields {
    /// What happened, in a few words.
    #[arg(long)]
    pub title: Option<String>,
    /// misdirected_mail (誤送信), loss (紛失・盗難), unauthorized_access (不正アクセス),
    /// wrong_disclosure (誤公開) or other (その他).
    #[arg(long)]
    pub kind: Option<String>,
    /// When it happened: YYYY-MM-DD HH:MM.
    #[arg(long)]
    pub happened: Option<String>,
    /// When it was noticed: YYYY-MM-DD HH:MM.
    #[arg(long)]
    pub noticed: Option<String>,
    /// What data was involved.
    #[arg(long)]
    pub data: Option<String>,
    /// How many people's data.
    #[arg(long)]
    pub people: Option<u32>,
    /// Who was told at the bureau.
    #[arg(long)]
    pub bureau_contact: Option<String>,
    /// When the bureau was told: YYYY-MM-DD HH:MM.
    #[arg(long)]
    pub bureau_told: Option<String>,
    /// What was done.
    #[arg(long)]
    pub actions: Option<String>,
    /// open (対応中) or closed (対応済み).
    #[arg(long)]
    pub status: Option<String>,
}

#[derive(Subcommand)]
pub enum IncidentCommand {
    /// Record an incident (--title, --kind, --happened and --noticed are needed).
    Add(#[command(flatten)] IncidentFields),
    /// Change the given fields of an incident (say, --status closed --actions "…").
    Update {
        id: i64,
        #[command(flatten)]
        fields: IncidentFields,
    },
    /// Every incident, the newest noticed first.
    List,
    /// One incident, every field.
    Show { id: i64 },
    /// Write one incident's report as a PDF (非公表用 on every page): a file, or a folder for
    /// インシデント報告_非公表用.pdf.
    Print {
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
}

/// A payee's fields; on `update`, only those given change.
#[derive(Args, Default)]
pub struct PayeeFields {
    /// The person's or company's name (required to add).
    #[arg(long)]
    pub name: Option<String>,
    /// The reading (ふりがな).
    #[arg(long)]
    pub kana: Option<String>,
    /// individual (個人, withheld) or company (法人, not withheld).
    #[arg(long)]
    pub kind: Option<String>,
    /// The speaker of the programme this payee is (to check the talk is in the programme).
    #[arg(long)]
    pub speaker: Option<i64>,
    /// The address (personal data: handlers only, never in a public document).
    #[arg(long)]
    pub address: Option<String>,
    /// The bank account to transfer to (personal data).
    #[arg(long)]
    pub bank_account: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Subcommand)]
pub enum PayeeCommand {
    /// Add a payee: --name NAME --kind individual|company [--speaker ID].
    Add(#[command(flatten)] PayeeFields),
    /// Change the given fields of a payee.
    Update {
        id: i64,
        #[command(flatten)]
        fields: PayeeFields,
    },
    /// Every payee, by reading.
    List,
    /// One payee, every field.
    Show { id: i64 },
}

#[derive(Subcommand)]
pub enum PaymentCommand {
    /// Record a payment; prints it with gross, withholding_base, withholding and net_paid.
    Add {
        /// The gathering it is for.
        #[arg(long)]
        event: i64,
        #[arg(long)]
        payee: i64,
        /// The fee in yen (23000, ¥23,000); with --net, what the payee receives.
        #[arg(long)]
        fee: String,
        /// The fee is the net amount to receive: it is grossed up so that the fee minus the tax
        /// is exactly this.
        #[arg(long)]
        net: bool,
        /// Consumption tax stated on the payee's invoice on top of the fee (left out of the base).
        #[arg(long, value_name = "YEN")]
        consumption_tax: Option<String>,
        /// A travel cost: YEN:payee (reimbursed to the payee, part of the base) or YEN:carrier
        /// (paid by us to the carrier or hotel), optionally :DESCRIPTION; repeat for each.
        #[arg(long, value_name = "YEN:payee|carrier[:WHAT]")]
        travel: Vec<String>,
        /// The receipt file of the N-th --travel (from 1): N=PATH; repeat for each. Kept by
        /// content, encrypted with the ledger's receipts.
        #[arg(long, value_name = "N=PATH")]
        travel_receipt: Vec<String>,
        /// The day of payment, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
        /// The speaker declines the fee (travel paid to carriers is still booked).
        #[arg(long)]
        declined: bool,
        #[arg(long)]
        notes: Option<String>,
        /// Show the figures and the warnings without recording anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Payments by date, with their figures and warnings.
    List {
        #[arg(long)]
        event: Option<i64>,
        #[arg(long)]
        payee: Option<i64>,
    },
    /// One payment: its terms, figures (gross, withholding_base, withholding, net_paid) and
    /// warnings.
    Show { id: i64 },
    /// Void a mistaken payment (it stays, marked; its ledger lines are reversed).
    Void {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Write a payee's payment statement (支払明細, 非公表用) as a PDF: a file, or a folder for
    /// 支払明細_非公表用_<name>.pdf.
    Statement {
        #[arg(long)]
        payee: i64,
        /// Only the payments for this gathering.
        #[arg(long)]
        event: Option<i64>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a payee's receipt form (受領書) to sign, as a PDF: a file, or a folder.
    Receipt {
        #[arg(long)]
        payee: i64,
        #[arg(long)]
        event: Option<i64>,
        #[arg(long)]
        out: PathBuf,
    },
    /// The tax withheld by month of payment (people, amount paid, tax, due date), or with --out
    /// written as CSV or XLSX (by the extension).
    TaxMonths {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The yearly payment-record data (支払調書 needed above ¥50,000), or with --out written as
    /// CSV or XLSX (by the extension).
    Records {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}
#[derive(Subcommand)]
pub enum SurveyCommand {
    /// Read a Microsoft or Google Forms answers export (CSV or XLSX, any encoding); with no
    /// questionnaire yet, the file's headers make one. The same file again changes nothing.
    Import {
        #[arg(long)]
        event: i64,
        file: PathBuf,
        /// The survey's last day (YYYY-MM-DD): answers sent later are reported and left out.
        #[arg(long)]
        closes: Option<String>,
        /// The form was changed: its questions become the questionnaire's next version.
        #[arg(long)]
        new_version: bool,
        /// The kind of each question, in order, when the file makes the questionnaire:
        /// single, multiple, scale, number or free_text, separated by commas.
        #[arg(long, value_delimiter = ',')]
        kinds: Vec<String>,
        /// Only say what the import would do.
        #[arg(long)]
        dry_run: bool,
    },
    /// The event's questionnaire (its current version: its own, else the shared one), or with
    /// --shared the questionnaire both gatherings share.
    Questionnaire {
        #[arg(long, required_unless_present = "shared")]
        event: Option<i64>,
        #[arg(long, conflicts_with = "event")]
        shared: bool,
    },
    /// Write the event's questions (or with --shared those both gatherings share) from a JSON
    /// file: a list of {"text", "kind", "required", "choices"} (kind: single, multiple, scale,
    /// number or free_text; a scale's choices are its five words from 1 up, or none); or with
    /// --standard the built-in questionnaire (with the optional "about you" block: category,
    /// prefecture, company size). Once answered, the questions become the next version.
    Questions {
        #[arg(long, required_unless_present = "shared")]
        event: Option<i64>,
        #[arg(long, conflicts_with = "event")]
        shared: bool,
        #[arg(long, conflicts_with = "file")]
        standard: bool,
        #[arg(required_unless_present = "standard")]
        file: Option<PathBuf>,
    },
    /// Enter one paper sheet: one answer per question, in order ("" for blank); choices by
    /// their number (1, 2 …; several as 1,3) or their text, scales as 1–5.
    Paper {
        #[arg(long)]
        event: i64,
        /// The sheet's number (default: the next one).
        #[arg(long)]
        sheet: Option<u32>,
        /// The category ticked on the sheet (アトツギ, 支援者 …).
        #[arg(long)]
        category: Option<String>,
        /// The way of attending ticked on the sheet (会場, オンライン).
        #[arg(long)]
        mode: Option<String>,
        answers: Vec<String>,
    },
    /// The results: counts and percentages per choice, means, free texts, the response rate
    /// and the cross-tabulations (by category, mode, prefecture and company size; groups under 3
    /// answers folded). One gathering's (--event), or the shared questionnaire's over both
    /// gatherings together (--together).
    Results {
        #[arg(long, required_unless_present = "together")]
        event: Option<i64>,
        #[arg(long, conflicts_with = "event")]
        together: bool,
    },
    /// Write the results as XLSX (raw answers + summary): a file, or a folder.
    Export {
        #[arg(long)]
        event: i64,
        #[arg(long)]
        out: PathBuf,
        /// The public edition (公表用): without the free texts. Default: 非公表用.
        #[arg(long)]
        public: bool,
    },
    /// Write the printable A4 paper questionnaire (PDF): a file, or a folder.
    Form {
        #[arg(long)]
        event: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the survey report (調査報告書, PDF), 公表用 with --public, else 非公表用.
    Report {
        #[arg(long)]
        event: i64,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        public: bool,
    },
}

#[derive(Subcommand)]
pub enum HearingCommand {
    /// Record a hearing.
    Add(Box<HearingFields>),
    /// The hearings (of one event, or all).
    List {
        #[arg(long)]
        event: Option<i64>,
    },
    /// The hearings summed up by tag; --public: only publishable quotes, without names.
    Summary {
        #[arg(long)]
        event: Option<i64>,
        #[arg(long)]
        public: bool,
    },
}

/// A hearing's record.
#[derive(Args)]
pub struct HearingFields {
    #[arg(long)]
    pub event: Option<i64>,
    /// The registered person's number, when they are one.
    #[arg(long)]
    pub attendee: Option<i64>,
    /// Who it was held with (a name, or a role).
    #[arg(long)]
    pub person: String,
    #[arg(long, default_value = "")]
    pub organization: String,
    /// When: YYYY-MM-DD HH:MM.
    #[arg(long)]
    pub at: String,
    /// venue (会場), online (オンライン) or phone (電話).
    #[arg(long, default_value = "venue")]
    pub method: String,
    #[arg(long, default_value = "")]
    pub interviewer: String,
    /// The person agreed to be quoted in published documents.
    #[arg(long)]
    pub consent: bool,
    /// A tag (課題, 必要な支援, 成功事例 …); repeat for more.
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// Notes on a theme, as "THEME: TEXT"; repeat for more.
    #[arg(long = "note")]
    pub notes: Vec<String>,
    /// A quote not to publish, as "TEXT" or "TAG: TEXT"; repeat for more.
    #[arg(long = "quote")]
    pub quotes: Vec<String>,
    /// A quote that may be published (needs --consent), as "TEXT" or "TAG: TEXT".
    #[arg(long = "public-quote")]
    pub public_quotes: Vec<String>,
}

#[derive(Subcommand)]
pub enum MailCommand {
    /// The built-in templates (ticket, online, reminder, thanks), or one with its text.
    Template { name: Option<String> },
    /// Choose the recipients and store the mailing, unsent (with --json: {"id", "recipients",
    /// "left_out": [{"attendee", "reason"}]}).
    Prepare {
        #[arg(long)]
        event: i64,
        #[arg(long)]
        template: String,
        /// venue or online.
        #[arg(long)]
        mode: Option<String>,
        /// Only people of this category.
        #[arg(long)]
        category: Option<String>,
        /// Leave out people an earlier mailing of the same template reached.
        #[arg(long)]
        not_yet_sent: bool,
        /// Why the mailing is sent (the template's name when not given).
        #[arg(long)]
        purpose: Option<String>,
    },
    /// The message one recipient (the first when none is named) will get.
    Preview {
        id: i64,
        #[arg(long)]
        attendee: Option<i64>,
    },
    /// Approve a mailing after looking at its preview and count: a second signed-in handler, or
    /// --approver NAME while there is no roster.
    Approve {
        id: i64,
        #[arg(long)]
        approver: Option<String>,
    },
    /// Send an approved mailing over SMTP (the password from TSUDOI_SMTP_PASSWORD or asked), or
    /// write one .eml file per person with --eml DIR.
    Send {
        id: i64,
        /// HOST:PORT of the mail server; plain SMTP without TLS only to 127.0.0.1.
        #[arg(long, required_unless_present = "eml")]
        smtp: Option<String>,
        #[arg(long, conflicts_with = "tls")]
        starttls: bool,
        #[arg(long)]
        tls: bool,
        #[arg(long)]
        user: Option<String>,
        /// The sender's address (the --user when it is an address).
        #[arg(long)]
        from: Option<String>,
        /// At most this many messages a minute.
        #[arg(long, default_value_t = 30)]
        per_minute: u32,
        /// Send the failed messages again too.
        #[arg(long)]
        retry_failed: bool,
        /// Take the password from the OS keychain; asked once and kept there when it has none.
        #[arg(long)]
        keychain: bool,
        /// Write one .eml file per person into this folder instead of sending.
        #[arg(long, conflicts_with = "smtp")]
        eml: Option<PathBuf>,
    },
    /// How many messages are waiting, sent and failed (with --json: {"waiting", "sent", "failed"}).
    Status {
        id: i64,
        /// Every message with its state and the server's answer or the reason.
        #[arg(long)]
        messages: bool,
    },
}

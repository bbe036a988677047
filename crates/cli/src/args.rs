//! The command line's words.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use tsudoi_core::Lang;

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
    /// Load the demo project (this year's two gatherings) into the database.
    Demo,
    /// Settings of this installation.
    #[command(subcommand)]
    Setting(SettingCommand),
    /// Where the database is and which schema it has.
    Info,
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
    },
    /// Show one attendee.
    Show { id: i64 },
    /// Change the given fields of an attendee (--status cancelled cancels).
    Update {
        id: i64,
        #[command(flatten)]
        fields: AttendeeFields,
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

#[derive(Subcommand)]
pub enum SettingCommand {
    /// Show or set the interface language (ja or en).
    Language {
        #[arg(value_parser = parse_lang)]
        value: Option<Lang>,
    },
}

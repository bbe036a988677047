//! The commands, one file per area: each parses its flags into a use case's arguments, runs it,
//! and prints the answer. No rule and no store access here: those are `tsudoi-app`'s.

mod agenda;
mod attendees;
mod budget;
pub mod desk;
mod events;
mod exchange;
mod handlers;
mod incidents;
mod mail;
mod payments;
mod photos;
mod printouts;
mod privacy;
mod report;
mod seating;
mod security;
mod settings;
mod survey;
pub mod vault;

use tsudoi_app::output::Replace;
use tsudoi_app::Ctx;

use crate::args::{AuditCommand, Cli, Command};
use crate::failure::Failure;
use crate::output::Output;

pub fn run(cli: &Cli, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let replace = Replace(cli.force);
    match &cli.command {
        Command::Event(command) => events::run(command, ctx, out),
        Command::Demo => events::demo(ctx, out),
        Command::Security(command) => security::run(command, replace, ctx, out),
        Command::Backup {
            out: file,
            folder,
            keep,
            if_due,
        } => match (file, folder) {
            (Some(file), _) => vault::backup(file, replace, ctx, out),
            (None, Some(folder)) => vault::backup_into_folder(folder, *keep, ctx, out),
            (None, None) if *if_due => vault::backup_if_due(ctx, out),
            (None, None) => Ok(()),
        },
        Command::Erase {
            event: Some(event),
            certificate,
            yes,
        } => vault::erase_event(*event, certificate, *yes, ctx, out),
        // Run before the database is opened (see `vault::run_before_open`).
        Command::Encrypt
        | Command::Passphrase
        | Command::Keychain(_)
        | Command::Restore { .. }
        | Command::Erase { event: None, .. } => Ok(()),
        Command::Attendee(command) => attendees::run(command, ctx, out),
        Command::Checkin(args) => desk::door(args, tsudoi_core::Direction::Entry, ctx, out),
        Command::Checkout(args) => desk::door(args, tsudoi_core::Direction::Exit, ctx, out),
        Command::WalkIn {
            event,
            fields,
            desk: desk_args,
            override_reason,
        } => desk::walk_in(*event, fields, desk_args, override_reason.as_deref(), ctx, out),
        Command::Undo {
            attempt,
            reason,
            desk: desk_args,
        } => desk::undo(*attempt, reason, desk_args, ctx, out),
        Command::Status { event } => desk::status(*event, ctx, out),
        Command::Attempts { event, limit } => desk::attempts(*event, *limit, ctx, out),
        Command::Zone(command) => seating::zone(command, ctx, out),
        Command::Seat(command) => seating::seat(command, replace, ctx, out),
        Command::Ticket(command) => exchange::ticket(command, replace, ctx, out),
        Command::Roster(command) => printouts::roster(command, replace, ctx, out),
        Command::Badges(args) => printouts::badges(args, replace, ctx, out),
        Command::Attendance(command) => exchange::attendance(command, replace, ctx, out),
        Command::Speaker(command) => agenda::speaker(command, ctx, out),
        Command::Agenda(command) => agenda::agenda(command, replace, ctx, out),
        Command::Minutes(command) => agenda::minutes(command, replace, ctx, out),
        Command::Photo(command) => photos::run(command, ctx, out),
        Command::Audit { limit, command: None } => privacy::audit(*limit, ctx, out),
        Command::Audit {
            command: Some(AuditCommand::Verify),
            ..
        } => privacy::verify(ctx, out),
        Command::Handler(command) => handlers::run(command, replace, ctx, out),
        Command::Incident(command) => incidents::run(command, replace, ctx, out),
        Command::Mail(command) => mail::run(command, replace, ctx, out),
        Command::Payee(command) => payments::payee(command, ctx, out),
        Command::Payment(command) => payments::payment(command, replace, ctx, out),
        Command::Survey(command) => survey::run(command, replace, ctx, out),
        Command::Hearing(command) => survey::hearing(command, ctx, out),
        Command::Project(command) => budget::project(command, ctx, out),
        Command::Report(command) => report::run(command, replace, ctx, out),
        Command::Expense(command) => budget::expense(command, replace, ctx, out),
        Command::Time(command) => budget::time(command, ctx, out),
        Command::Subcontract(command) => budget::subcontract(command, ctx, out),
        Command::Budget(command) => budget::budget(command, replace, ctx, out),
        Command::Setting(command) => settings::run(command, ctx, out),
        Command::Info | Command::Check => settings::info(ctx, out),
    }
}

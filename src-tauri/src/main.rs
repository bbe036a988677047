//! Tsudoi's desktop shell: a Tauri window over the same store as the `tsudoi` CLI.
//!
//! Architecture invariant: this is the only crate that knows Tauri. Commands are thin: take the
//! state and a DTO, run one use case of `tsudoi-app`, map the error to `{ code, message }`.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dto;
mod state;
mod webview;

/// Every command the window may call, by area: the handler Tauri dispatches to, and the names
/// that `bindings.rs` generates into TypeScript (`CommandName`), from this one list.
macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            settings: app_status, about, set_language, desk_settings, set_desk, unlock_database, create_database,
                passphrase_keychain, forget_passphrase;
            events: load_demo, list_events, create_event, update_event;
            attendees: list_attendees, create_attendee, update_attendee, reissue_ticket, ticket_qr_svg,
                possible_duplicates, merge_attendees, erase_attendee;
            desk: door, walk_in, undo_attempt, door_status, door_attempts, desk_search;
            seating: zone_plan, set_zone_plan, move_to_zone, seat_plan, set_seat_plan, assign_seat,
                export_seat_chart;
            agenda: list_speakers, create_speaker, update_speaker, agenda, running_agenda_item,
                create_agenda_item, update_agenda_item, move_agenda_item, delete_agenda_item, export_agenda,
                export_minutes, minutes, save_minutes_text, save_note;
            photos: photos, add_photos, add_photo_bytes, update_photo, delete_photo;
            printouts: default_printout_path, print_roster, print_badges;
            exchange: preview_registration_import, import_registrations, import_online_attendance,
                export_attendance, attendance_summary, default_export_dir, export_tickets;
            privacy: audit_log, verify_audit_chain;
            handlers: handler_names, sign_in, sign_out, lock_to_desk, signed_in, make_backup, export_security_report, list_handlers, add_handler,
                export_handler_roster, update_handler, list_services, save_service;
            vault: backup_schedule_status, set_backup_schedule, backup_into_folder, restore_backup, erase_all_data,
                erase_event_data;
            report: report_texts, save_report_text, report_flags, resolve_report_flag, report_check, export_report;
            incidents: list_incidents, add_incident, update_incident, print_incident;
            mail: mail_templates, set_mail_language, save_mail_template, reset_mail_template, list_mailings, prepare_mailing, mailing_status, mailing_outbox, preview_mail,
                approve_mailing, mail_server, send_mailing, forget_mail_password, export_mailing_eml;
            payments: list_payees, save_payee, list_payments, preview_payment, add_payment, void_payment,
                print_payment_document, tax_months, payment_records, export_tax_months, export_payment_records;
            survey: survey_questionnaire, survey_results, preview_survey_import, import_survey, enter_paper_sheet,
                kiosk_answer, kiosk_ticket, survey_standard_questions, save_questionnaire,
                save_shared_questionnaire, survey_results_together;
            budget: budget_show, set_project, set_budget_plan, list_expenses, add_expense, refund_expense,
                correct_expense, list_staff_time, add_staff_time, void_staff_time, staff_sheets, list_subcontracts,
                add_subcontract, export_budget;
        }
    };
}

macro_rules! handler_of {
    ($($area:ident: $($name:ident),+;)+) => {
        tauri::generate_handler![$($(commands::$area::$name),+),+]
    };
}

#[cfg(test)]
macro_rules! names_of {
    ($($area:ident: $($name:ident),+;)+) => {
        &[$($(stringify!($name)),+),+]
    };
}

macro_rules! invoke_handler {
    () => {
        with_commands!(handler_of)
    };
}

/// The names of the commands, as the window calls them.
#[cfg(test)]
pub(crate) const COMMAND_NAMES: &[&str] = with_commands!(names_of);

#[cfg(test)]
mod bindings;

use std::path::PathBuf;

use clap::Parser;

/// Command-line options of the desktop app (the same `--db`/`TSUDOI_DB` as the CLI).
#[derive(Parser)]
#[command(name = "tsudoi-desktop", version, about = "集い (Tsudoi): the desktop app")]
struct Args {
    /// The database file (default: the app's data folder).
    #[arg(long, env = "TSUDOI_DB", value_name = "PATH")]
    db: Option<PathBuf>,
}

/// Checks once a minute whether the backup schedule is due and runs it (as the person signed
/// in: a backup is an export of personal data). How it went is kept in the store and shown on
/// the data-protection page; a failure is tried again at the next check.
fn start_backup_schedule(app: tauri::AppHandle) {
    use tauri::Manager;
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(60));
        let state = app.state::<state::AppState>();
        if state.open_error().is_none() {
            let _ = state.run(tsudoi_app::backup_schedule::run_if_due);
        }
    });
}

fn main() {
    let args = Args::parse();
    let state = state::AppState::open(args.db);
    let result = tauri::Builder::default()
        .manage(state)
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            use tauri::Manager;
            if let Some(window) = app.get_webview_window("main") {
                webview::allow_camera_for_own_page(&window)?;
            }
            start_backup_schedule(app.handle().clone());
            Ok(())
        })
        .invoke_handler(invoke_handler!())
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("Tsudoi could not start its window: {error}");
        std::process::exit(1);
    }
}

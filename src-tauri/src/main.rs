//! Tsudoi's desktop shell: a Tauri window over the same store as the `tsudoi` CLI.
//!
//! Architecture invariant: this is the only crate that knows Tauri. Commands are thin: take the
//! state and a DTO, call one store function, map the error to `{ code, message }`.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dto;
mod state;
mod webview;

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
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::set_language,
            commands::load_demo,
            commands::list_events,
            commands::get_event,
            commands::create_event,
            commands::update_event,
            commands::list_attendees,
            commands::create_attendee,
            commands::update_attendee,
            commands::desk_settings,
            commands::set_desk,
            commands::door,
            commands::walk_in,
            commands::undo_attempt,
            commands::door_status,
            commands::door_attempts,
            commands::desk_search,
            commands::reissue_ticket,
            commands::ticket_qr_svg,
            commands::default_export_dir,
            commands::export_tickets,
            commands::preview_registration_import,
            commands::import_registrations,
            commands::import_online_attendance,
            commands::export_attendance,
            commands::attendance_summary,
            commands::audit_log,
            commands::seat_plan,
            commands::set_seat_plan,
            commands::assign_seat,
            commands::export_seat_chart,
            commands::list_speakers,
            commands::create_speaker,
            commands::update_speaker,
            commands::agenda,
            commands::create_agenda_item,
            commands::update_agenda_item,
            commands::move_agenda_item,
            commands::delete_agenda_item,
            commands::export_agenda,
            commands::export_minutes,
            commands::minutes,
            commands::save_minutes_text,
            commands::save_note,
            commands::photos,
            commands::add_photos,
            commands::add_photo_bytes,
            commands::update_photo,
            commands::delete_photo,
            commands::zone_plan,
            commands::set_zone_plan,
            commands::move_to_zone,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("Tsudoi could not start its window: {error}");
        std::process::exit(1);
    }
}

//! Tidy tests (after rust-analyzer's): they keep the walls of the architecture up by reading the
//! sources, so a shortcut fails here before it spreads.

use std::path::{Path, PathBuf};

use tsudoi_core::privacy::AuditAction;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "target" || name == "node_modules" || name.starts_with('.') || name == "dist" {
            continue;
        }
        if path.is_dir() {
            files(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

fn sources_under(relative: &str, extension: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    files(&root().join(relative), extension, &mut found);
    found
        .into_iter()
        .map(|path| {
            let shown = path.strip_prefix(root()).unwrap_or(&path).display().to_string();
            (shown, std::fs::read_to_string(&path).unwrap_or_default())
        })
        .collect()
}

fn manifests() -> Vec<(String, String)> {
    let mut all = sources_under("crates", "toml");
    all.extend(sources_under("src-tauri", "toml"));
    all.into_iter()
        .filter(|(path, _)| path.ends_with("Cargo.toml"))
        .collect()
}

#[test]
fn only_the_store_knows_sql() {
    // The benchmarks time the store beside raw rusqlite in the same run: the one other user.
    // Tests may open a second connection to break or inspect a file on purpose.
    for (path, text) in manifests() {
        let allowed = path.starts_with("crates/store/") || path.starts_with("crates/bench/");
        let dependencies = text.split("[dev-dependencies]").next().unwrap_or_default();
        assert!(
            allowed || !dependencies.contains("rusqlite"),
            "{path} depends on rusqlite: SQL belongs to crates/store"
        );
    }
    for dir in ["crates", "src-tauri/src"] {
        for (path, text) in sources_under(dir, "rs")
            .into_iter()
            .filter(|(p, _)| !p.contains("/tests/"))
        {
            let allowed = path.starts_with("crates/store/") || path.starts_with("crates/bench/");
            assert!(
                allowed || !text.contains("rusqlite::"),
                "{path} uses rusqlite: SQL belongs to crates/store"
            );
        }
    }
}

#[test]
fn only_the_desktop_shell_knows_tauri() {
    for (path, text) in manifests() {
        assert!(
            path.starts_with("src-tauri/") || !text.contains("tauri"),
            "{path} depends on Tauri: only src-tauri may"
        );
    }
    for (path, text) in sources_under("crates", "rs") {
        let uses = ["tauri", "::"].concat();
        assert!(!text.contains(&uses), "{path} uses Tauri: only src-tauri may");
    }
}

#[test]
fn the_doors_reach_the_store_only_through_the_use_cases() {
    for door in ["crates/cli/", "src-tauri/"] {
        for (path, text) in manifests().into_iter().filter(|(p, _)| p.starts_with(door)) {
            for crate_name in ["tsudoi-store", "tsudoi-exchange", "tsudoi-report"] {
                let dependencies = text.split("[dev-dependencies]").next().unwrap_or_default();
                assert!(
                    !dependencies.contains(crate_name),
                    "{path} depends on {crate_name}: a door calls tsudoi-app, which calls the store and the file crates"
                );
            }
        }
    }
    for dir in ["crates/cli/src", "src-tauri/src"] {
        for (path, text) in sources_under(dir, "rs") {
            for crate_name in ["tsudoi_store", "tsudoi_exchange", "tsudoi_report"] {
                assert!(
                    !text.contains(crate_name),
                    "{path} names {crate_name}: a door goes through tsudoi_app"
                );
            }
        }
    }
}

#[test]
fn exchange_and_report_are_pure() {
    for dir in ["crates/exchange/src", "crates/report/src"] {
        for (path, text) in sources_under(dir, "rs") {
            for forbidden in ["std::fs", "fs::write", "fs::read", "File::create", "tsudoi_store"] {
                assert!(
                    !text.contains(forbidden),
                    "{path} uses {forbidden}: exchange and report turn bytes into rows and rows into bytes; the use cases touch the disk and the store"
                );
            }
        }
    }
}

/// `attendance_export` → `AttendanceExport`.
fn variant_name(identifier: &str) -> String {
    identifier
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn every_privacy_log_action_is_written_by_some_operation() {
    let app = sources_under("crates/app/src", "rs")
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join("\n");
    let store = sources_under("crates/store/src", "rs")
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join("\n");
    for action in AuditAction::ALL {
        let variant = format!("AuditAction::{}", variant_name(action.as_str()));
        let written_by_the_store = matches!(
            action,
            AuditAction::RegistrationImport | AuditAction::OnlineAttendanceImport | AuditAction::PayeeChange
        );
        assert!(
            app.contains(&variant) || (written_by_the_store && store.contains(&variant)),
            "no operation writes {variant} to the privacy log: an action nobody records is a promise the log cannot keep"
        );
    }
}

#[test]
fn every_call_the_window_can_make_is_used() {
    let api = std::fs::read_to_string(root().join("ui/src/api.ts")).unwrap();
    let views = ["ui/src/views", "ui/src"]
        .iter()
        .flat_map(|dir| sources_under(dir, "ts"))
        .filter(|(path, _)| !path.ends_with("api.ts") && !path.ends_with("bindings.ts"))
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join("\n");
    let start = api.find("export const api = {").expect("api.ts declares `api`");
    for line in api[start..].lines().skip(1) {
        let Some(name) = line
            .strip_prefix("  ")
            .and_then(|l| l.split(':').next())
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric()))
        else {
            continue;
        };
        assert!(
            views.contains(&format!("api.{name}(")),
            "api.{name} is never called by the window: use it or remove it (and its command)"
        );
    }
}

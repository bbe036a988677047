//! Encryption at rest, backups and erasure from the command line, on real files: the bytes on
//! disk hold no name in clear, a wrong passphrase changes nothing, a backup restores the same
//! data and refuses a flipped byte, erasure removes every file it lists and proves it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const PASSPHRASE: &str = "みちのく 秋祭り 2026";

fn tsudoi(db: &Path, env: &[(&str, &str)], args: &[&str]) -> (Output, Value) {
    let mut command = Command::new(common::tsudoi_bin());
    command.arg("--db").arg(db).arg("--json").args(args);
    for key in [
        "TSUDOI_OPERATOR",
        "TSUDOI_PIN",
        "TSUDOI_NEW_PIN",
        "TSUDOI_PASSPHRASE",
        "TSUDOI_NEW_PASSPHRASE",
    ] {
        command.env_remove(key);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().unwrap();
    let document = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output, document)
}

fn ok(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn with_key() -> [(&'static str, &'static str); 1] {
    [("TSUDOI_PASSPHRASE", PASSPHRASE)]
}

/// The demo's names and emails (what must never be readable on disk).
fn demo_people(db: &Path, env: &[(&str, &str)]) -> Vec<String> {
    let (listed, people) = tsudoi(db, env, &["attendee", "list", "--event", "1"]);
    ok(&listed);
    let mut found = Vec::new();
    for person in people.as_array().unwrap() {
        for field in ["name", "email"] {
            if let Some(text) = person[field].as_str().filter(|t| t.len() >= 6) {
                found.push(text.to_string());
            }
        }
    }
    assert!(found.len() > 20, "the demo has people: {found:?}");
    found
}

fn photo_file(dir: &Path) -> PathBuf {
    let path = dir.join("会場.png");
    let image = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
    image.save(&path).unwrap();
    path
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(files_under(&path));
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn holds_any(bytes: &[u8], texts: &[String]) -> Option<String> {
    texts
        .iter()
        .find(|t| bytes.windows(t.len()).any(|w| w == t.as_bytes()))
        .cloned()
}

#[test]
fn an_encrypted_database_and_its_photos_hold_no_name_in_clear_and_a_wrong_passphrase_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("tsudoi.sqlite3");
    ok(&tsudoi(&db, &with_key(), &["demo"]).0);
    let photo = photo_file(dir.path());
    ok(&tsudoi(
        &db,
        &with_key(),
        &["photo", "add", "--event", "1", photo.to_str().unwrap()],
    )
    .0);
    let receipt = dir.path().join("領収書.txt");
    std::fs::write(&receipt, "領収書 会場使用料 青葉会館 55,000円").unwrap();
    let (booked, _) = tsudoi(
        &db,
        &with_key(),
        &[
            "expense",
            "add",
            "--date",
            "2026-07-25",
            "--category",
            "venue",
            "--amount",
            "50000",
            "--tax",
            "5000",
            "--payee",
            "青葉会館",
            "--description",
            "会場使用料",
            "--receipt",
            receipt.to_str().unwrap(),
        ],
    );
    ok(&booked);
    let mut people = demo_people(&db, &with_key());
    people.push("青葉会館 55,000円".to_string());
    // The photo's own bytes must not be found either.
    let png = std::fs::read(&photo).unwrap();
    for file in files_under(db.parent().unwrap()) {
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(
            holds_any(&bytes, &people),
            None,
            "{} holds a name in clear",
            file.display()
        );
        assert!(
            !bytes.windows(64).any(|w| w == &png[png.len() - 64..]),
            "{} holds the photo",
            file.display()
        );
        // Windows keeps a file to its owner by the profile folder's rights, not by a mode.
        #[cfg(unix)]
        if common::testing_this_build() {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{} is for its owner only", file.display());
        }
    }
    // The photo still shows (its thumbnail is opened with the key).
    let (listed, photos) = tsudoi(&db, &with_key(), &["photo", "list", "--event", "1"]);
    ok(&listed);
    assert_eq!(photos.as_array().unwrap().len(), 1);

    let before = std::fs::read(&db).unwrap();
    let (refused, error) = tsudoi(
        &db,
        &[("TSUDOI_PASSPHRASE", "みちのく 秋祭り 2025")],
        &["status", "--event", "1"],
    );
    assert!(!refused.status.success());
    assert_eq!(error["error"]["code"], "vault.wrong_passphrase");
    let (refused, error) = tsudoi(&db, &[], &["status", "--event", "1"]);
    assert!(!refused.status.success());
    assert_eq!(error["error"]["code"], "vault.passphrase_needed");
    assert_eq!(std::fs::read(&db).unwrap(), before, "refusals change nothing");

    // Without the key SQLite reads nothing.
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert!(conn
        .query_row("SELECT count(*) FROM attendee", [], |r| r.get::<_, i64>(0))
        .is_err());

    // A new passphrase opens it; the old one no longer does.
    let (changed, _) = tsudoi(
        &db,
        &[
            ("TSUDOI_PASSPHRASE", PASSPHRASE),
            ("TSUDOI_NEW_PASSPHRASE", "新しい合言葉は長めに"),
        ],
        &["passphrase"],
    );
    ok(&changed);
    ok(&tsudoi(
        &db,
        &[("TSUDOI_PASSPHRASE", "新しい合言葉は長めに")],
        &["status", "--event", "1"],
    )
    .0);
    assert!(!tsudoi(&db, &with_key(), &["status", "--event", "1"])
        .0
        .status
        .success());
}

#[test]
fn a_plain_database_is_encrypted_on_request_and_nothing_plain_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let (made, _) = tsudoi(&db, &[], &["demo"]);
    ok(&made);
    assert!(
        String::from_utf8_lossy(&made.stderr).contains("TSUDOI_PASSPHRASE"),
        "the plain file is pointed out"
    );
    let photo = photo_file(dir.path());
    ok(&tsudoi(
        &db,
        &[],
        &["photo", "add", "--event", "1", photo.to_str().unwrap()],
    )
    .0);
    let people = demo_people(&db, &[]);
    let (_, status_before) = tsudoi(&db, &[], &["status", "--event", "1"]);

    let (short, error) = tsudoi(&db, &[("TSUDOI_PASSPHRASE", "short")], &["encrypt"]);
    assert!(!short.status.success());
    assert_eq!(error["error"]["code"], "vault.passphrase_too_short");

    let (encrypted, done) = tsudoi(&db, &with_key(), &["encrypt"]);
    ok(&encrypted);
    assert!(done["rows"].as_u64().unwrap() > 50, "{done}");
    assert_eq!(done["files_sealed"], 2, "the photo and its thumbnail");
    let leftovers: Vec<_> = files_under(dir.path())
        .into_iter()
        .filter(|f| f.to_string_lossy().contains("plain") || f.to_string_lossy().contains("encrypting"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    for file in files_under(&dir.path().join("photos"))
        .into_iter()
        .chain([db.clone()])
    {
        assert_eq!(
            holds_any(&std::fs::read(&file).unwrap(), &people),
            None,
            "{}",
            file.display()
        );
    }
    let (_, status_after) = tsudoi(&db, &with_key(), &["status", "--event", "1"]);
    assert_eq!(status_before, status_after, "the same data, encrypted");
    let (again, error) = tsudoi(&db, &with_key(), &["encrypt"]);
    assert!(!again.status.success());
    assert_eq!(error["error"]["code"], "vault.already_encrypted");
    let (_, log) = tsudoi(&db, &with_key(), &["audit"]);
    assert!(log.to_string().contains("database_encrypt"), "{log}");
}

#[test]
fn a_backup_restores_the_same_data_elsewhere_and_a_flipped_byte_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a").join("tsudoi.sqlite3");
    ok(&tsudoi(&db, &with_key(), &["demo"]).0);
    let photo = photo_file(dir.path());
    ok(&tsudoi(
        &db,
        &with_key(),
        &["photo", "add", "--event", "1", photo.to_str().unwrap()],
    )
    .0);
    ok(&tsudoi(&db, &with_key(), &["checkin", "--event", "1", "--attendee", "3"]).0);
    let backup = dir.path().join("backup.tsudoi");
    let (made, done) = tsudoi(&db, &with_key(), &["backup", "--out", backup.to_str().unwrap()]);
    ok(&made);
    assert_eq!(done["files"], 2, "{done}");
    let people = demo_people(&db, &with_key());
    assert_eq!(
        holds_any(&std::fs::read(&backup).unwrap(), &people),
        None,
        "the backup is encrypted"
    );

    // Restored on a fresh data folder ("another laptop").
    let elsewhere = dir.path().join("b").join("tsudoi.sqlite3");
    let (restored, _) = tsudoi(&elsewhere, &with_key(), &["restore", backup.to_str().unwrap()]);
    ok(&restored);
    for args in [
        &["attendee", "list", "--event", "1"][..],
        &["status", "--event", "1"],
        &["photo", "list", "--event", "1"],
    ] {
        let (_, original) = tsudoi(&db, &with_key(), args);
        let (_, copy) = tsudoi(&elsewhere, &with_key(), args);
        assert_eq!(original, copy, "{args:?}");
    }
    let original_photos = files_under(&db.parent().unwrap().join("photos"));
    let copied_photos = files_under(&elsewhere.parent().unwrap().join("photos"));
    assert_eq!(original_photos.len(), copied_photos.len());

    // A wrong passphrase, a flipped byte and a foreign file are refused, and nothing is written.
    let third = dir.path().join("c").join("tsudoi.sqlite3");
    let (wrong, error) = tsudoi(
        &third,
        &[("TSUDOI_PASSPHRASE", "ちがう合言葉ですよね")],
        &["restore", backup.to_str().unwrap()],
    );
    assert!(!wrong.status.success());
    assert_eq!(error["error"]["code"], "vault.wrong_passphrase");
    let bytes = std::fs::read(&backup).unwrap();
    for at in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 200] {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x20;
        let damaged = dir.path().join("damaged.tsudoi");
        std::fs::write(&damaged, &flipped).unwrap();
        let (refused, error) = tsudoi(&third, &with_key(), &["restore", damaged.to_str().unwrap()]);
        assert!(!refused.status.success(), "byte {at} flipped was accepted");
        let code = error["error"]["code"].as_str().unwrap().to_string();
        assert!(
            code.starts_with("backup.") || code.starts_with("vault."),
            "{code}"
        );
        assert!(!third.exists(), "nothing restored from a damaged file");
    }
    let foreign = dir.path().join("foreign.zip");
    std::fs::write(&foreign, b"PK\x03\x04 not really").unwrap();
    let (refused, error) = tsudoi(&third, &with_key(), &["restore", foreign.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert_eq!(error["error"]["code"], "backup.not_a_backup");
    // An existing database is replaced only when told.
    let (kept, error) = tsudoi(&elsewhere, &with_key(), &["restore", backup.to_str().unwrap()]);
    assert!(!kept.status.success());
    assert_eq!(error["error"]["code"], "backup.target_exists");
}

#[test]
fn erasure_removes_every_listed_file_proves_it_and_a_second_run_finds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("tsudoi.sqlite3");
    ok(&tsudoi(&db, &with_key(), &["demo"]).0);
    let photo = photo_file(dir.path());
    ok(&tsudoi(
        &db,
        &with_key(),
        &["photo", "add", "--event", "1", photo.to_str().unwrap()],
    )
    .0);
    let exported = dir.path().join("出欠.csv");
    ok(&tsudoi(
        &db,
        &with_key(),
        &[
            "attendance",
            "export",
            "--event",
            "1",
            "--out",
            exported.to_str().unwrap(),
        ],
    )
    .0);
    let backup = dir.path().join("backup.tsudoi");
    ok(&tsudoi(&db, &with_key(), &["backup", "--out", backup.to_str().unwrap()]).0);
    let moved = dir.path().join("moved.csv");
    ok(&tsudoi(
        &db,
        &with_key(),
        &[
            "attendance",
            "export",
            "--event",
            "2",
            "--out",
            moved.to_str().unwrap(),
        ],
    )
    .0);
    std::fs::rename(&moved, dir.path().join("on-a-usb-stick.csv")).unwrap();
    let people = demo_people(&db, &with_key());

    let certificates = dir.path().join("certificates");
    std::fs::create_dir(&certificates).unwrap();
    // Inside the data folder, or without --yes in a script: refused, nothing erased.
    let (inside, error) = tsudoi(
        &db,
        &with_key(),
        &["erase", "--certificate", data.to_str().unwrap(), "--yes"],
    );
    assert!(!inside.status.success());
    assert_eq!(error["error"]["code"], "erase.certificate_inside_data");
    let (unconfirmed, _) = tsudoi(
        &db,
        &with_key(),
        &["erase", "--certificate", certificates.to_str().unwrap()],
    );
    assert!(!unconfirmed.status.success());
    assert!(db.exists());

    let listed_before = files_under(&data);
    let (erased, certificate) = tsudoi(
        &db,
        &with_key(),
        &["erase", "--certificate", certificates.to_str().unwrap(), "--yes"],
    );
    ok(&erased);
    assert!(files_under(&data).is_empty(), "left: {:?}", files_under(&data));
    assert!(!exported.exists() && !backup.exists());
    let files = certificate["files"].as_array().unwrap();
    for path in &listed_before {
        let shown = std::path::absolute(path).unwrap();
        let entry = files
            .iter()
            .find(|f| common::answered_is(&f["path"], &shown))
            .unwrap_or_else(|| panic!("{} listed", shown.display()));
        assert_eq!(entry["outcome"], "erased");
        assert_eq!(entry["sha256"].as_str().unwrap().len(), 64);
    }
    for gone in [&exported, &backup] {
        assert!(
            files
                .iter()
                .any(|f| common::answered_is(&f["path"], gone) && f["outcome"] == "erased"),
            "{}",
            gone.display()
        );
    }
    let by_hand = certificate["to_confirm_by_hand"].to_string();
    assert!(
        by_hand.contains("moved.csv"),
        "the moved export is for a person: {by_hand}"
    );
    let pdf = common::answered_file(certificate["certificate_pdf"].as_str().unwrap(), &certificates);
    assert!(pdf.file_name().unwrap().to_string_lossy().contains("非公表用"));
    let json = std::fs::read(common::answered_file(
        certificate["certificate_json"].as_str().unwrap(),
        &certificates,
    ))
    .unwrap();
    assert_eq!(
        holds_any(&json, &people),
        None,
        "the certificate names no attendee"
    );
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("非公表用") && text.contains("消去証明書"), "{text}");

    let (second, nothing) = tsudoi(
        &db,
        &with_key(),
        &["erase", "--certificate", certificates.to_str().unwrap(), "--yes"],
    );
    ok(&second);
    assert_eq!(nothing["nothing_left"], true);
}

#[test]
fn erasing_one_event_early_keeps_its_counts_and_removes_its_people() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("tsudoi.sqlite3");
    ok(&tsudoi(&db, &with_key(), &["demo"]).0);
    let photo = photo_file(dir.path());
    ok(&tsudoi(
        &db,
        &with_key(),
        &["photo", "add", "--event", "1", photo.to_str().unwrap()],
    )
    .0);
    ok(&tsudoi(&db, &with_key(), &["checkin", "--event", "1", "--attendee", "2"]).0);
    let people = demo_people(&db, &with_key());
    let (_, status_before) = tsudoi(&db, &with_key(), &["status", "--event", "1"]);
    let (_, other_before) = tsudoi(&db, &with_key(), &["attendee", "list", "--event", "2"]);
    let certificates = dir.path().join("certificates");
    std::fs::create_dir(&certificates).unwrap();

    let (erased, certificate) = tsudoi(
        &db,
        &with_key(),
        &[
            "erase",
            "--event",
            "1",
            "--certificate",
            certificates.to_str().unwrap(),
            "--yes",
        ],
    );
    ok(&erased);
    assert!(certificate["people_anonymised"].as_u64().unwrap() > 20);
    assert_eq!(
        certificate["files"].as_array().unwrap().len(),
        2,
        "the photo and its thumbnail"
    );
    let (_, status_after) = tsudoi(&db, &with_key(), &["status", "--event", "1"]);
    assert_eq!(status_before, status_after, "the counts stay");
    let (_, listed) = tsudoi(&db, &with_key(), &["attendee", "list", "--event", "1"]);
    assert_eq!(holds_any(listed.to_string().as_bytes(), &people), None);
    let (_, other_after) = tsudoi(&db, &with_key(), &["attendee", "list", "--event", "2"]);
    assert_eq!(other_before, other_after, "the other event is untouched");
    let (_, photos) = tsudoi(&db, &with_key(), &["photo", "list", "--event", "1"]);
    assert_eq!(photos.as_array().unwrap().len(), 0);
}

#[test]
fn a_backup_schedule_runs_when_due_into_a_folder_and_keeps_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("tsudoi.sqlite3");
    std::fs::create_dir(db.parent().unwrap()).unwrap();
    let stick = dir.path().join("USB stick");
    std::fs::create_dir(&stick).unwrap();
    let env = with_key();
    ok(&tsudoi(&db, &env, &["demo"]).0);

    let stick_arg = stick.to_str().unwrap();
    let (set, status) = tsudoi(
        &db,
        &env,
        &[
            "setting",
            "backup",
            "--folder",
            stick_arg,
            "--keep",
            "2",
            "--every-hours",
            "24",
        ],
    );
    ok(&set);
    assert_eq!(status["schedule"]["keep"], 2);

    // Due at once, then not again within the day.
    let (first, outcome) = tsudoi(&db, &env, &["backup", "--if-due"]);
    ok(&first);
    assert!(outcome["file"].as_str().unwrap().contains("tsudoi-backup-"));
    let (second, outcome) = tsudoi(&db, &env, &["backup", "--if-due"]);
    ok(&second);
    assert!(outcome.is_null(), "not due: {outcome}");

    // Backups made by hand into the folder count too: three made, two kept.
    for _ in 0..2 {
        ok(&tsudoi(&db, &env, &["backup", "--folder", stick_arg, "--keep", "2"]).0);
    }
    let kept = std::fs::read_dir(&stick).unwrap().count();
    assert_eq!(kept, 2);

    // Removed, the schedule says so; a missing folder fails `--if-due` so a task scheduler shows it.
    let (off, status) = tsudoi(&db, &env, &["setting", "backup", "--off"]);
    ok(&off);
    assert!(status["schedule"].is_null());
    let (refused, _) = tsudoi(
        &db,
        &env,
        &[
            "setting",
            "backup",
            "--folder",
            "/no/such/stick",
            "--keep",
            "2",
            "--every-hours",
            "1",
        ],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("/no/such/stick"));
}

#[test]
fn a_passphrase_remembered_in_the_keychain_opens_the_database_until_it_is_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("鍵の記憶.sqlite3");
    ok(&tsudoi(&db, &with_key(), &["demo"]).0);
    let (status, answer) = tsudoi(&db, &[], &["keychain", "status"]);
    ok(&status);
    assert_eq!(
        answer["available"], true,
        "Linux has the kernel's key store, Windows its Credential Manager"
    );
    assert_eq!(answer["remembered"], false);
    let (refused, _) = tsudoi(&db, &[], &["event", "list"]);
    assert!(!refused.status.success(), "without it, the passphrase is needed");

    let wrong = [("TSUDOI_PASSPHRASE", "ちがう ことばの ならび")];
    let (kept, _) = tsudoi(&db, &wrong, &["keychain", "remember"]);
    assert!(!kept.status.success(), "a wrong passphrase is never kept");
    assert_eq!(tsudoi(&db, &[], &["keychain", "status"]).1["remembered"], false);

    let (kept, answer) = tsudoi(&db, &with_key(), &["keychain", "remember"]);
    ok(&kept);
    assert_eq!(answer["remembered"], true);
    let (opened, events) = tsudoi(&db, &[], &["event", "list"]);
    ok(&opened);
    assert_eq!(
        events.as_array().map(Vec::len),
        Some(2),
        "opened with the remembered passphrase: {events}"
    );

    let (forgot, answer) = tsudoi(&db, &[], &["keychain", "forget"]);
    ok(&forgot);
    assert_eq!(answer["forgotten"], true);
    let (refused, _) = tsudoi(&db, &[], &["event", "list"]);
    assert!(
        !refused.status.success(),
        "forgotten: the passphrase is needed again"
    );
}

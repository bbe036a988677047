//! A conversion to encryption cut short at any step loses nothing: the next open finishes it or
//! puts the plain file back, on real files.

use std::fs;
use std::path::{Path, PathBuf};

use tsudoi_app::vault::{self, recover_interrupted_encryption};
use tsudoi_app::{attendees, events, Clock, Ctx, Database, OpenCheck};
use tsudoi_core::{EventId, Lang};

const PASSPHRASE: &str = "とうほく 経済 産業局";

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn names(db: &mut Database) -> Vec<String> {
    let ctx = Ctx::new(db, Lang::Ja, Clock::system());
    let mut names: Vec<String> = attendees::list(&ctx, EventId(1), None)
        .unwrap()
        .into_iter()
        .map(|a| a.details.name)
        .collect();
    names.sort();
    names
}

fn plain_demo(dir: &Path) -> (PathBuf, Vec<String>) {
    let path = dir.join("tsudoi.sqlite3");
    let mut db = Database::open(&path).unwrap();
    events::load_demo(&mut Ctx::new(&mut db, Lang::Ja, Clock::system())).unwrap();
    let names = names(&mut db);
    assert!(names.len() > 20);
    (path, names)
}

#[test]
fn cut_short_before_the_swap_the_plain_file_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (path, before) = plain_demo(dir.path());
    // The state a crash leaves between moving the plain file aside and moving the copy in.
    fs::rename(&path, sibling(&path, ".plain-before-encryption")).unwrap();
    fs::write(sibling(&path, ".encrypting"), b"half an encrypted copy").unwrap();
    fs::write(sibling(&path, ".key.pending"), b"{}").unwrap();
    recover_interrupted_encryption(&path).unwrap();
    assert!(!vault::is_encrypted(&path));
    for leftover in [".plain-before-encryption", ".encrypting", ".key.pending"] {
        assert!(!sibling(&path, leftover).exists(), "{leftover}");
    }
    let mut db = vault::open_database(&path, None, OpenCheck::Full).unwrap();
    assert_eq!(names(&mut db), before);
}

#[test]
fn cut_short_after_the_swap_the_encryption_is_finished() {
    let dir = tempfile::tempdir().unwrap();
    let (path, before) = plain_demo(dir.path());
    let plain_copy = fs::read(&path).unwrap();
    vault::encrypt(&path, PASSPHRASE, PASSPHRASE, "test").unwrap();
    // The state a crash leaves after the encrypted file took the plain one's place but before
    // the key file's rename and the plain copy's removal.
    fs::rename(tsudoi_vault::key_file_path(&path), sibling(&path, ".key.pending")).unwrap();
    fs::write(sibling(&path, ".plain-before-encryption"), &plain_copy).unwrap();
    let mut db = Database::open_encrypted(&path, PASSPHRASE, OpenCheck::Full).unwrap();
    assert!(db.is_encrypted());
    assert_eq!(names(&mut db), before);
    assert!(
        !sibling(&path, ".plain-before-encryption").exists(),
        "no plain copy is left"
    );
    assert!(!sibling(&path, ".key.pending").exists());
}

#[test]
fn a_wrong_passphrase_and_an_interrupted_passphrase_change_leave_the_old_one_working() {
    let dir = tempfile::tempdir().unwrap();
    let (path, before) = plain_demo(dir.path());
    vault::encrypt(&path, PASSPHRASE, PASSPHRASE, "test").unwrap();
    let key_before = fs::read(tsudoi_vault::key_file_path(&path)).unwrap();
    let wrong = vault::change_passphrase(
        &path,
        "まちがった パスフレーズ",
        "新しい長い合言葉ですよね",
        "新しい長い合言葉ですよね",
        "test",
    );
    use tsudoi_core::Localized;
    assert_eq!(wrong.unwrap_err().code(), "vault.wrong_passphrase");
    assert_eq!(fs::read(tsudoi_vault::key_file_path(&path)).unwrap(), key_before);
    // A change cut short leaves only a partial file beside the key, never a half key file.
    let partial = tsudoi_files::partial_path(&tsudoi_vault::key_file_path(&path));
    fs::write(&partial, b"{\"format\":1,").unwrap();
    let mut db = Database::open_encrypted(&path, PASSPHRASE, OpenCheck::Full).unwrap();
    assert_eq!(names(&mut db), before);
}

fn at(clock: &str) -> Clock {
    let now = chrono::DateTime::parse_from_rfc3339(clock).unwrap();
    Clock::fixed(now.with_timezone(&chrono::Utc), *now.offset())
}

fn backups_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn scheduled_backups_keep_the_newest_and_the_erasure_knows_which_are_gone() {
    use tsudoi_app::backup_schedule;
    use tsudoi_app::types::BackupSchedule;

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let (path, _) = plain_demo(&data);
    vault::encrypt(&path, PASSPHRASE, PASSPHRASE, "test").unwrap();
    let stick = dir.path().join("USB メモリ");
    fs::create_dir(&stick).unwrap();
    fs::write(stick.join("notes.txt"), "a person's own file, never removed").unwrap();
    let mut db = Database::open_encrypted(&path, PASSPHRASE, OpenCheck::Full).unwrap();

    // A folder inside the data folder, a missing folder and silly numbers are refused.
    let schedule = |folder: &Path, keep, every_hours| BackupSchedule {
        folder: folder.display().to_string(),
        keep,
        every_hours,
    };
    {
        let mut ctx = Ctx::new(&mut db, Lang::Ja, at("2026-11-26T09:00:00+09:00"));
        for refused in [
            schedule(&data, 2, 24),
            schedule(&dir.path().join("no such stick"), 2, 24),
            schedule(&stick, 0, 24),
            schedule(&stick, 2, 0),
        ] {
            assert!(backup_schedule::set(&mut ctx, Some(refused)).is_err());
        }
        assert!(backup_schedule::status(&ctx).unwrap().schedule.is_none());
        backup_schedule::set(&mut ctx, Some(schedule(&stick, 2, 24))).unwrap();
    }

    // Due at once; not again within the period; again after it: three runs, two kept.
    let runs = [
        ("2026-11-26T09:00:00+09:00", true),
        ("2026-11-26T20:00:00+09:00", false),
        ("2026-11-27T09:00:00+09:00", true),
        ("2026-11-28T09:30:00+09:00", true),
    ];
    for (clock, due) in runs {
        let mut ctx = Ctx::new(&mut db, Lang::Ja, at(clock));
        let outcome = backup_schedule::run_if_due(&mut ctx).unwrap();
        assert_eq!(outcome.is_some(), due, "{clock}");
        if let Some(outcome) = outcome {
            assert!(outcome.problem.is_none(), "{:?}", outcome.problem);
        }
    }
    assert_eq!(
        backups_in(&stick),
        [
            "notes.txt",
            "tsudoi-backup-20261127-090000.tsudoi",
            "tsudoi-backup-20261128-093000.tsudoi"
        ]
    );
    // The kept backup restores.
    let restored = dir.path().join("elsewhere").join("tsudoi.sqlite3");
    fs::create_dir(restored.parent().unwrap()).unwrap();
    vault::restore(
        &stick.join("tsudoi-backup-20261128-093000.tsudoi"),
        &restored,
        PASSPHRASE,
        false,
    )
    .unwrap();

    // A stick pulled out is a problem recorded, tried again at the next check.
    let moved = dir.path().join("pulled out");
    fs::rename(&stick, &moved).unwrap();
    {
        let mut ctx = Ctx::new(&mut db, Lang::Ja, at("2026-11-29T10:00:00+09:00"));
        let outcome = backup_schedule::run_if_due(&mut ctx).unwrap().unwrap();
        assert!(outcome.problem.unwrap().contains("USBメモリ"));
        assert!(backup_schedule::status(&ctx)
            .unwrap()
            .last
            .unwrap()
            .problem
            .is_some());
    }
    fs::rename(&moved, &stick).unwrap();
    {
        let mut ctx = Ctx::new(&mut db, Lang::Ja, at("2026-11-29T10:01:00+09:00"));
        let outcome = backup_schedule::run_if_due(&mut ctx).unwrap().unwrap();
        assert!(outcome.problem.is_none());
    }
    assert_eq!(backups_in(&stick).len(), 3, "notes and the newest two");

    // The erasure erases the two that exist and does not ask a person to look for the removed.
    let certificates = dir.path().join("certificates");
    fs::create_dir(&certificates).unwrap();
    let certificate = tsudoi_app::erasure::erase_all(db, Lang::Ja, None, &certificates, "消去").unwrap();
    let backups: Vec<_> = certificate
        .files
        .iter()
        .filter(|f| f.kind == tsudoi_app::erasure::FileKind::Backup)
        .collect();
    assert_eq!(backups.len(), 2, "{backups:?}");
    assert!(backups
        .iter()
        .all(|f| f.outcome == tsudoi_app::erasure::Outcome::Erased));
    assert!(
        certificate
            .to_confirm_by_hand
            .iter()
            .all(|p| !p.contains("tsudoi-backup-")),
        "{:?}",
        certificate.to_confirm_by_hand
    );
    assert_eq!(backups_in(&stick), ["notes.txt"]);
}

/// The passphrase remembered in the OS keychain (the kernel's keyutils on Linux: no D-Bus, no
/// desktop session): kept only when asked, following a change of passphrase, and gone with the
/// erasure at the end of the contract.
#[test]
fn a_remembered_passphrase_follows_a_change_and_goes_with_the_erasure() {
    use tsudoi_app::keychain;
    assert!(keychain::available(), "Linux has the kernel's key store");
    let dir = tempfile::tempdir().unwrap();
    let (path, before) = plain_demo(dir.path());
    vault::encrypt(&path, PASSPHRASE, PASSPHRASE, "test").unwrap();
    assert_eq!(
        keychain::remembered_passphrase(&path),
        None,
        "nothing is kept unless asked"
    );

    keychain::remember_passphrase(&path, PASSPHRASE).unwrap();
    // The same file named another way is the same entry.
    let named_otherwise = dir.path().join(".").join("tsudoi.sqlite3");
    assert_eq!(
        keychain::remembered_passphrase(&named_otherwise).as_deref(),
        Some(PASSPHRASE)
    );
    let mut db = vault::open_database(
        &path,
        keychain::remembered_passphrase(&path).as_deref(),
        OpenCheck::Full,
    )
    .unwrap();
    assert_eq!(names(&mut db), before);
    drop(db);

    let changed = "あたらしい 合言葉 です";
    vault::change_passphrase(&path, PASSPHRASE, changed, changed, "test").unwrap();
    assert_eq!(
        keychain::remembered_passphrase(&path).as_deref(),
        Some(changed),
        "the remembered passphrase follows the change"
    );

    let certificates = tempfile::tempdir().unwrap();
    let db = Database::open_encrypted(&path, changed, OpenCheck::Quick).unwrap();
    let certificate =
        tsudoi_app::erasure::erase_all(db, Lang::Ja, None, certificates.path(), "消去").unwrap();
    assert!(
        !certificate
            .to_confirm_by_hand
            .iter()
            .any(|p| p.contains("キーチェーン")),
        "{:?}",
        certificate.to_confirm_by_hand
    );
    assert_eq!(
        keychain::remembered_passphrase(&path),
        None,
        "the erasure forgets it"
    );
    assert!(
        !keychain::forget_passphrase(&path).unwrap(),
        "nothing left to forget"
    );
}

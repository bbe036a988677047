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

//! Encryption at rest, passphrases, and backups.
//!
//! An encrypted database has a key file beside it (`tsudoi.sqlite3.key`, see `tsudoi-vault`):
//! opening it takes the passphrase. A plain database (the CLI's without `TSUDOI_PASSPHRASE`, or
//! one made before encryption existed) is converted by [`encrypt`], in steps that can each be
//! interrupted: the plain file is removed only after the encrypted copy is verified, and the
//! next open finishes or undoes a conversion cut short ([`recover_interrupted_encryption`]).
//!
//! A backup is one zip file: the key file (useless without the passphrase), a sealed manifest
//! (each part's size and SHA-256, each table's row count and a digest of every row), the
//! database as an encrypted copy, and the photo and receipt files sealed. Restoring verifies all
//! of it before it replaces anything.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::{Lang, Localized};
use tsudoi_store::{OpenCheck, Store};
use tsudoi_vault::{key_file_path, KeyFile, VaultError};

use crate::audit::logged_path;
use crate::{AppError, Ctx, Database, Result};

/// The environment variable scripts give the passphrase in. Anyone who can read the process's
/// environment (the same user, an administrator) can read it: for scripts and tests, not people.
pub const PASSPHRASE_ENV_VAR: &str = "TSUDOI_PASSPHRASE";

const PLAIN_BEFORE_SUFFIX: &str = ".plain-before-encryption";
const ENCRYPTING_SUFFIX: &str = ".encrypting";
const KEY_PENDING_SUFFIX: &str = ".key.pending";
const RESTORING_SUFFIX: &str = ".restoring";

/// What a backup file is named in its header, to tell it from any other zip.
const BACKUP_FORMAT: &str = "tsudoi-backup-1";
const BACKUP_HEADER: &str = "tsudoi-backup.json";
const BACKUP_DATABASE: &str = "database.sqlite3";

/// Why an encryption, backup or restore step was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultRefusal {
    #[error("{path} is encrypted: its passphrase is needed")]
    PassphraseNeeded { path: PathBuf },
    #[error("{path} is already encrypted")]
    AlreadyEncrypted { path: PathBuf },
    #[error("{path} is not encrypted")]
    NotEncrypted { path: PathBuf },
    #[error("{path} does not exist")]
    NoDatabase { path: PathBuf },
    #[error("the encrypted copy differs from the original: {detail}")]
    CopyDiffers { detail: String },
    #[error("{path} is not a Tsudoi backup")]
    NotABackup { path: PathBuf },
    #[error("the backup {path} is damaged: {detail}")]
    BackupDamaged { path: PathBuf, detail: String },
    #[error("{path} already exists")]
    RestoreTargetExists { path: PathBuf },
    #[error("{path} does not exist yet: a passphrase is needed to create it encrypted")]
    NewDatabase { path: PathBuf },
    #[error("the backup folder {path} does not exist")]
    BackupFolderMissing { path: PathBuf },
    #[error("the backup folder {path} is inside the data folder {data}")]
    BackupFolderInsideData { path: PathBuf, data: PathBuf },
    #[error("keep {keep} backups every {every_hours} hours is out of range")]
    ScheduleOutOfRange { keep: u32, every_hours: u32 },
    #[error("the OS keychain could not be used: {0}")]
    Keychain(String),
}

impl Localized for VaultRefusal {
    fn code(&self) -> &'static str {
        match self {
            VaultRefusal::PassphraseNeeded { .. } => "vault.passphrase_needed",
            VaultRefusal::AlreadyEncrypted { .. } => "vault.already_encrypted",
            VaultRefusal::NotEncrypted { .. } => "vault.not_encrypted",
            VaultRefusal::NoDatabase { .. } => "vault.no_database",
            VaultRefusal::CopyDiffers { .. } => "vault.copy_differs",
            VaultRefusal::NotABackup { .. } => "backup.not_a_backup",
            VaultRefusal::BackupDamaged { .. } => "backup.damaged",
            VaultRefusal::RestoreTargetExists { .. } => "backup.target_exists",
            VaultRefusal::NewDatabase { .. } => "vault.new_database",
            VaultRefusal::BackupFolderMissing { .. } => "backup.folder_missing",
            VaultRefusal::BackupFolderInsideData { .. } => "backup.folder_inside_data",
            VaultRefusal::ScheduleOutOfRange { .. } => "backup.schedule_out_of_range",
            VaultRefusal::Keychain(_) => "vault.keychain",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (VaultRefusal::PassphraseNeeded { path }, Lang::Ja) => format!(
                "「{}」は暗号化されています。パスフレーズを入力してください（スクリプトでは環境変数 {PASSPHRASE_ENV_VAR}）。",
                path.display()
            ),
            (VaultRefusal::PassphraseNeeded { path }, Lang::En) => format!(
                "“{}” is encrypted. Enter its passphrase (scripts: the {PASSPHRASE_ENV_VAR} variable).",
                path.display()
            ),
            (VaultRefusal::AlreadyEncrypted { path }, Lang::Ja) => {
                format!("「{}」はすでに暗号化されています。何も変更していません。", path.display())
            }
            (VaultRefusal::AlreadyEncrypted { path }, Lang::En) => {
                format!("“{}” is already encrypted. Nothing was changed.", path.display())
            }
            (VaultRefusal::NotEncrypted { path }, Lang::Ja) => format!(
                "「{}」は暗号化されていません。先に暗号化してください（tsudoi encrypt）。何も変更していません。",
                path.display()
            ),
            (VaultRefusal::NotEncrypted { path }, Lang::En) => format!(
                "“{}” is not encrypted. Encrypt it first (tsudoi encrypt). Nothing was changed.",
                path.display()
            ),
            (VaultRefusal::NoDatabase { path }, Lang::Ja) => {
                format!("「{}」というデータベースはありません。ファイルの場所を確かめてください。", path.display())
            }
            (VaultRefusal::NoDatabase { path }, Lang::En) => {
                format!("There is no database “{}”. Check where the file is.", path.display())
            }
            (VaultRefusal::CopyDiffers { detail }, Lang::Ja) => format!(
                "暗号化したコピーが元と一致しないため、暗号化を取りやめました（{detail}）。元のファイルはそのままです。"
            ),
            (VaultRefusal::CopyDiffers { detail }, Lang::En) => format!(
                "The encrypted copy did not match the original, so encryption was abandoned ({detail}). The original is untouched."
            ),
            (VaultRefusal::NotABackup { path }, Lang::Ja) => format!(
                "「{}」は集いのバックアップではありません。集いの「バックアップ」で作ったファイルを選んでください。何も変更していません。",
                path.display()
            ),
            (VaultRefusal::NotABackup { path }, Lang::En) => format!(
                "“{}” is not a Tsudoi backup. Choose a file made by Tsudoi's Backup. Nothing was changed.",
                path.display()
            ),
            (VaultRefusal::BackupDamaged { path, detail }, Lang::Ja) => format!(
                "バックアップ「{}」は壊れているか、書き換えられています（{detail}）。何も置き換えていません。別のバックアップを使ってください。",
                path.display()
            ),
            (VaultRefusal::BackupDamaged { path, detail }, Lang::En) => format!(
                "The backup “{}” is damaged or was altered ({detail}). Nothing was replaced. Use another backup.",
                path.display()
            ),
            (VaultRefusal::RestoreTargetExists { path }, Lang::Ja) => format!(
                "「{}」にはすでにデータベースがあります。置き換える場合は --force を付けてください（画面では「置き換える」を選んでください）。何も変更していません。",
                path.display()
            ),
            (VaultRefusal::NewDatabase { .. }, Lang::Ja) => {
                "初めての起動です。データを守るパスフレーズを決めてください（10文字以上）。このパソコンを失くしても、パスフレーズがなければ中身は読めません。".into()
            }
            (VaultRefusal::NewDatabase { .. }, Lang::En) => {
                "First start: choose a passphrase that protects the data (10 characters or more). Without it, nobody can read the data, even with the laptop.".into()
            }
            (VaultRefusal::BackupFolderMissing { path }, Lang::Ja) => format!(
                "バックアップの保存先「{}」が見つかりません。USBメモリが差してあるか、フォルダの場所が正しいか確かめてください。",
                path.display()
            ),
            (VaultRefusal::BackupFolderMissing { path }, Lang::En) => format!(
                "The backup folder “{}” was not found. Check that the USB stick is plugged in and the folder is right.",
                path.display()
            ),
            (VaultRefusal::BackupFolderInsideData { path, data }, Lang::Ja) => format!(
                "バックアップの保存先「{}」がデータのフォルダ「{}」の中にあります。パソコンと一緒に失われないよう、別の場所（USBメモリなど）を選んでください。",
                path.display(),
                data.display()
            ),
            (VaultRefusal::BackupFolderInsideData { path, data }, Lang::En) => format!(
                "The backup folder “{}” is inside the data folder “{}”. Choose another place (a USB stick), so a backup is not lost with the laptop.",
                path.display(),
                data.display()
            ),
            (VaultRefusal::ScheduleOutOfRange { .. }, Lang::Ja) => format!(
                "残す数は1〜{}、間隔は1〜{}時間で指定してください。設定は変えていません。",
                crate::backup_schedule::MAX_KEEP,
                crate::backup_schedule::MAX_EVERY_HOURS
            ),
            (VaultRefusal::ScheduleOutOfRange { .. }, Lang::En) => format!(
                "Keep 1 to {} backups, every 1 to {} hours. The schedule was not changed.",
                crate::backup_schedule::MAX_KEEP,
                crate::backup_schedule::MAX_EVERY_HOURS
            ),
            (VaultRefusal::Keychain(why), Lang::Ja) => format!(
                "OSのキーチェーンを使えませんでした（{why}）。パスフレーズは記憶していません。開くたびに入力してください。"
            ),
            (VaultRefusal::Keychain(why), Lang::En) => format!(
                "The OS keychain could not be used ({why}). The passphrase was not remembered: type it each time."
            ),
            (VaultRefusal::RestoreTargetExists { path }, Lang::En) => format!(
                "There is already a database at “{}”. Add --force to replace it (in the window: choose Replace). Nothing was changed.",
                path.display()
            ),
        }
    }
}

/// A file beside the database: its name with `suffix` added (`.key.pending`, `-wal` …).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The passphrase scripts give in `TSUDOI_PASSPHRASE`; an empty value counts as none.
pub fn passphrase_from_env() -> Option<String> {
    std::env::var(PASSPHRASE_ENV_VAR)
        .ok()
        .filter(|value| !value.is_empty())
}

/// Whether a database file is still to be made at `path`.
pub fn is_new(path: &Path) -> bool {
    !fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

/// Whether the database at `path` is encrypted (its key file is there).
pub fn is_encrypted(path: &Path) -> bool {
    key_file_path(path).exists()
}

fn read_key_file(path: &Path) -> Result<KeyFile> {
    let key_path = key_file_path(path);
    let bytes = fs::read(&key_path).map_err(AppError::io(&key_path))?;
    Ok(KeyFile::from_json(&bytes)?)
}

fn write_key_file(target: &Path, file: &KeyFile) -> Result<()> {
    tsudoi_files::write_whole(target, &file.to_json()).map_err(AppError::io(target))
}

impl Database {
    /// Opens the encrypted database at `path` with its passphrase (a wrong one changes
    /// nothing), finishing an interrupted conversion first.
    pub fn open_encrypted(path: &Path, passphrase: &str, check: OpenCheck) -> Result<Database> {
        recover_interrupted_encryption(path)?;
        open_recovered(path, passphrase, check)
    }

    /// Creates a new encrypted database at `path` (which must not exist yet) under
    /// `passphrase`, typed twice.
    pub fn create_encrypted(path: &Path, passphrase: &str, repeated: &str) -> Result<Database> {
        tsudoi_vault::check_new_passphrase(passphrase, repeated)?;
        if fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false) {
            return Err(VaultRefusal::AlreadyEncrypted {
                path: path.to_path_buf(),
            }
            .into());
        }
        let (file, key) = KeyFile::create(passphrase)?;
        // The key file first: a crash before the database exists leaves a key that the next
        // start simply uses for the new file.
        write_key_file(&key_file_path(path), &file)?;
        let store = Store::open_encrypted(path, OpenCheck::Full, &key)?;
        Ok(Database { store })
    }

    /// Whether this database is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.store.is_encrypted()
    }
}

/// Opens an encrypted database whose interrupted conversion, if any, was already recovered. The
/// plain copy a conversion keeps until every file is sealed marks one cut short while sealing:
/// only then are the content files read and sealed (each whole), and the copy removed. An
/// ordinary open reads no photo.
fn open_recovered(path: &Path, passphrase: &str, check: OpenCheck) -> Result<Database> {
    let key = read_key_file(path)?.unlock(passphrase)?;
    let store = Store::open_encrypted(path, check, &key)?;
    let plain_before = sibling(path, PLAIN_BEFORE_SUFFIX);
    if plain_before.exists() {
        store.seal_plain_content_files()?;
        fs::remove_file(&plain_before).map_err(AppError::io(&plain_before))?;
    }
    Ok(Database { store })
}

/// Opens the database at `path` the way its file asks: with `passphrase` when it is encrypted
/// (refused without one), plain otherwise. A new file is encrypted when a passphrase is given.
pub fn open_database(path: &Path, passphrase: Option<&str>, check: OpenCheck) -> Result<Database> {
    recover_interrupted_encryption(path)?;
    let exists = fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
    match (is_encrypted(path), passphrase) {
        (true, Some(passphrase)) => open_recovered(path, passphrase, check),
        (true, None) => Err(VaultRefusal::PassphraseNeeded {
            path: path.to_path_buf(),
        }
        .into()),
        (false, Some(passphrase)) if !exists => Database::create_encrypted(path, passphrase, passphrase),
        (false, _) => Ok(Database {
            store: Store::open_with(path, check)?,
        }),
    }
}

/// Finishes or undoes a conversion to encryption that was cut short, from what is on the disk:
/// once the encrypted file is in place its key is put in place too (the plain copy stays until
/// the next encrypted open has sealed every file, see `open_recovered`); before that, the plain
/// file is put back and the unfinished parts removed.
pub fn recover_interrupted_encryption(path: &Path) -> Result<()> {
    let plain_before = sibling(path, PLAIN_BEFORE_SUFFIX);
    let encrypting = sibling(path, ENCRYPTING_SUFFIX);
    let key_pending = sibling(path, KEY_PENDING_SUFFIX);
    let key = key_file_path(path);
    let remove = |p: &Path| match fs::remove_file(p) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(AppError::io(p)(e)),
        _ => Ok(()),
    };
    if plain_before.exists() {
        if path.exists() && !encrypting.exists() && (key.exists() || key_pending.exists()) {
            // The encrypted file is in place: only the key's rename, the sealing of the files
            // and the plain copy's removal were left.
            if !key.exists() {
                fs::rename(&key_pending, &key).map_err(AppError::io(&key))?;
            }
        } else {
            // Cut short before the encrypted file took the plain one's place.
            if !path.exists() {
                fs::rename(&plain_before, path).map_err(AppError::io(path))?;
            } else {
                remove(&plain_before)?;
            }
            remove(&encrypting)?;
            remove(&key_pending)?;
        }
    } else if !key.exists() {
        remove(&encrypting)?;
        remove(&key_pending)?;
    }
    Ok(())
}

/// What an encryption did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EncryptionDone {
    pub tables: u32,
    pub rows: u64,
    pub files_sealed: u32,
    /// Plain copies kept from before migrations, removed: they held the data in clear.
    pub plain_backups_removed: Vec<String>,
}

/// Encrypts the plain database at `path` (closed by every door) under `passphrase`, typed twice.
pub fn encrypt(path: &Path, passphrase: &str, repeated: &str, actor: &str) -> Result<EncryptionDone> {
    recover_interrupted_encryption(path)?;
    if is_encrypted(path) {
        return Err(VaultRefusal::AlreadyEncrypted {
            path: path.to_path_buf(),
        }
        .into());
    }
    if !path.exists() {
        return Err(VaultRefusal::NoDatabase {
            path: path.to_path_buf(),
        }
        .into());
    }
    tsudoi_vault::check_new_passphrase(passphrase, repeated)?;
    let (key_file, key) = KeyFile::create(passphrase)?;
    let encrypting = sibling(path, ENCRYPTING_SUFFIX);
    let key_pending = sibling(path, KEY_PENDING_SUFFIX);
    let plain_before = sibling(path, PLAIN_BEFORE_SUFFIX);

    let counts = {
        let plain = Store::open(path)?;
        plain.write_encrypted_copy(&encrypting, &key)?;
        let original = plain.table_counts()?;
        let copied = tsudoi_store::verify_encrypted_file(&encrypting, &key)?;
        if original != copied {
            let _ = fs::remove_file(&encrypting);
            return Err(VaultRefusal::CopyDiffers {
                detail: "row counts".into(),
            }
            .into());
        }
        original
        // The plain store closes here: its WAL is merged and removed by SQLite.
    };
    write_key_file(&key_pending, &key_file)?;
    fs::rename(path, &plain_before).map_err(AppError::io(path))?;
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(sibling(path, suffix));
    }
    fs::rename(&encrypting, path).map_err(AppError::io(path))?;
    fs::rename(&key_pending, key_file_path(path)).map_err(AppError::io(path))?;

    let mut plain_backups_removed = Vec::new();
    for backup in schema_backups(path) {
        if fs::remove_file(&backup).is_ok() {
            plain_backups_removed.push(backup.display().to_string());
        }
    }
    let store = Store::open_encrypted(path, OpenCheck::Full, &key)?;
    // The plain copy goes only once every file is sealed: it marks a conversion to finish.
    let files_sealed = store.seal_plain_content_files()?;
    fs::remove_file(&plain_before).map_err(AppError::io(&plain_before))?;
    let mut db = Database { store };
    let mut ctx = Ctx::new(&mut db, Lang::Ja, crate::Clock::system());
    ctx.operator.name = actor.to_string();
    log(&mut ctx, AuditAction::DatabaseEncrypt, path, files_sealed as u32)?;
    Ok(EncryptionDone {
        tables: counts.len() as u32,
        rows: counts.iter().map(|(_, n)| *n as u64).sum(),
        files_sealed: files_sealed as u32,
        plain_backups_removed,
    })
}

/// The copies kept before migrations (`tsudoi.sqlite3.before-schema-N.bak`) beside `path`.
pub fn schema_backups(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let prefix = format!("{name}.before-schema-");
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    n.starts_with(&prefix) && n.ends_with(".bak")
                })
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Changes the passphrase of the encrypted database at `path`: the data key stays, only the
/// key file is rewritten (whole), so an interruption leaves the old passphrase working.
pub fn change_passphrase(path: &Path, old: &str, new: &str, repeated: &str, actor: &str) -> Result<()> {
    tsudoi_vault::check_new_passphrase(new, repeated)?;
    if !is_encrypted(path) {
        return Err(VaultRefusal::NotEncrypted {
            path: path.to_path_buf(),
        }
        .into());
    }
    let rewrapped = read_key_file(path)?.rewrapped(old, new)?;
    write_key_file(&key_file_path(path), &rewrapped)?;
    // A remembered passphrase follows the change: the old one would no longer open the file.
    if crate::keychain::remembered_passphrase(path).is_some() {
        crate::keychain::remember_passphrase(path, new)?;
    }
    let mut db = Database::open_encrypted(path, new, OpenCheck::Quick)?;
    let mut ctx = Ctx::new(&mut db, Lang::Ja, crate::Clock::system());
    ctx.operator.name = actor.to_string();
    log(&mut ctx, AuditAction::PassphraseChange, &key_file_path(path), 1)
}

fn log(ctx: &mut Ctx<'_>, action: AuditAction, file: &Path, files: u32) -> Result<()> {
    let file = logged_path(file);
    let detail = AuditDetail::Files { files, people: 0 }.encode();
    let record = tsudoi_store::AuditRecord {
        actor: &ctx.operator.name,
        action,
        event_id: None,
        n_people: 0,
        file: &file,
        detail: &detail,
    };
    ctx.store.record_audit(&record, ctx.now())?;
    Ok(())
}

/// One part of a backup, as its sealed manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct BackupPart {
    name: String,
    size: u64,
    sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct BackupManifest {
    made_at: String,
    app_version: String,
    tables: Vec<(String, i64)>,
    parts: Vec<BackupPart>,
}

/// The backup file's header: its format, the key file, and the manifest sealed.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct BackupHeader {
    format: String,
    key_file: KeyFile,
    sealed_manifest: String,
}

/// What a backup wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupDone {
    pub path: String,
    pub bytes: u64,
    pub files: u32,
    pub tables: u32,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Writes one encrypted backup file of the open (encrypted) database: the database, its photos
/// and receipts. The file is written under a temporary name and renamed when whole. Logged.
pub fn backup(ctx: &mut Ctx<'_>, out: &Path, replace: bool) -> Result<BackupDone> {
    ctx.require(tsudoi_core::handler::Permission::ExportPersonalData)?;
    let db_path = ctx.store.path().to_path_buf();
    if !ctx.store.is_encrypted() {
        return Err(VaultRefusal::NotEncrypted { path: db_path }.into());
    }
    tsudoi_files::check_output_file(out, replace).map_err(|refusal| AppError::Output {
        path: out.to_path_buf(),
        refusal,
    })?;
    let key_file = read_key_file(&db_path)?;
    let key = ctx.store.data_key().ok_or_else(|| VaultRefusal::NotEncrypted {
        path: db_path.clone(),
    })?;

    let scratch = tempfile_beside(out)?;
    let copy = scratch.join(BACKUP_DATABASE);
    ctx.store.write_encrypted_copy(&copy, &key)?;
    let tables = tsudoi_store::verify_encrypted_file(&copy, &key)?;

    let base = db_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut parts = Vec::new();
    let mut payloads: Vec<(String, PathBuf)> = vec![(BACKUP_DATABASE.into(), copy.clone())];
    for file in ctx.store.content_files() {
        let Ok(relative) = file.strip_prefix(base) else {
            continue;
        };
        let name = format!("files/{}", relative.to_string_lossy().replace('\\', "/"));
        payloads.push((name, file));
    }
    let partial = tsudoi_files::partial_path(out);
    let written = (|| -> Result<()> {
        let file = fs::File::create(&partial).map_err(AppError::io(&partial))?;
        let mut zip = zip::ZipWriter::new(file);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(true);
        for (name, source) in &payloads {
            let mut bytes = fs::read(source).map_err(AppError::io(source))?;
            if name != BACKUP_DATABASE && !tsudoi_vault::is_sealed(&bytes) {
                bytes = key.seal(&bytes)?;
            }
            parts.push(BackupPart {
                name: name.clone(),
                size: bytes.len() as u64,
                sha256: sha256_hex(&bytes),
            });
            zip.start_file(name.as_str(), stored).map_err(zip_error(out))?;
            zip.write_all(&bytes).map_err(AppError::io(out))?;
        }
        let manifest = BackupManifest {
            made_at: ctx.now().to_rfc3339(),
            app_version: tsudoi_store::APP_VERSION.to_string(),
            tables: tables.clone(),
            parts: parts.clone(),
        };
        let manifest_json = serde_json::to_vec(&manifest).map_err(|e| AppError::Crypto(e.to_string()))?;
        let header = BackupHeader {
            format: BACKUP_FORMAT.into(),
            key_file: key_file.clone(),
            sealed_manifest: hex::encode(&key.seal(&manifest_json)?),
        };
        zip.start_file(BACKUP_HEADER, stored).map_err(zip_error(out))?;
        zip.write_all(&serde_json::to_vec_pretty(&header).map_err(|e| AppError::Crypto(e.to_string()))?)
            .map_err(AppError::io(out))?;
        let file = zip.finish().map_err(zip_error(out))?;
        file.sync_all().map_err(AppError::io(out))?;
        fs::rename(&partial, out).map_err(AppError::io(out))?;
        Ok(())
    })();
    let _ = fs::remove_dir_all(&scratch);
    if let Err(error) = written {
        let _ = fs::remove_file(&partial);
        return Err(error);
    }
    let n_files = (parts.len() - 1) as u32;
    if let Err(error) = log(ctx, AuditAction::Backup, out, n_files + 1) {
        let _ = fs::remove_file(out);
        return Err(error);
    }
    Ok(BackupDone {
        path: logged_path(out),
        bytes: fs::metadata(out).map(|m| m.len()).unwrap_or(0),
        files: n_files,
        tables: tables.len() as u32,
    })
}

fn zip_error(path: &Path) -> impl Fn(zip::result::ZipError) -> AppError + '_ {
    move |error| AppError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(error.to_string()),
    }
}

/// A scratch folder beside `near` (same disk, so renames stay renames), owner-only.
fn tempfile_beside(near: &Path) -> Result<PathBuf> {
    let dir = near
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut suffix = [0u8; 6];
    getrandom::fill(&mut suffix).map_err(|e| AppError::Crypto(e.to_string()))?;
    let scratch = dir.join(format!(".tsudoi-scratch-{}", hex::encode(suffix)));
    fs::create_dir_all(&scratch).map_err(AppError::io(&scratch))?;
    Ok(scratch)
}

/// What a restore put in place.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoreDone {
    pub path: String,
    pub files: u32,
    pub tables: u32,
    pub rows: u64,
}

/// Restores a backup into `db_path` with the backup's passphrase. Everything is read and
/// verified first (every part's SHA-256 against the sealed manifest, every sealed file opened,
/// the database's integrity and row counts); only then are the files put in place, the database
/// last. An existing database is replaced only when `replace` says so.
pub fn restore(backup_path: &Path, db_path: &Path, passphrase: &str, replace: bool) -> Result<RestoreDone> {
    let damaged = |detail: &str| -> AppError {
        VaultRefusal::BackupDamaged {
            path: backup_path.to_path_buf(),
            detail: detail.to_string(),
        }
        .into()
    };
    let not_backup = || -> AppError {
        VaultRefusal::NotABackup {
            path: backup_path.to_path_buf(),
        }
        .into()
    };
    if db_path.exists() && !replace {
        return Err(VaultRefusal::RestoreTargetExists {
            path: db_path.to_path_buf(),
        }
        .into());
    }
    let file = fs::File::open(backup_path).map_err(AppError::io(backup_path))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|_| not_backup())?;
    let read_part = |zip: &mut zip::ZipArchive<fs::File>, name: &str| -> Result<Vec<u8>> {
        let mut entry = zip
            .by_name(name)
            .map_err(|_| damaged(&format!("{name} missing")))?;
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|_| damaged(&format!("{name} unreadable")))?;
        Ok(bytes)
    };
    let header_bytes = read_part(&mut zip, BACKUP_HEADER).map_err(|_| not_backup())?;
    let header: BackupHeader = serde_json::from_slice(&header_bytes).map_err(|_| damaged("header"))?;
    if header.format != BACKUP_FORMAT {
        return Err(not_backup());
    }
    let key = header.key_file.unlock(passphrase).map_err(|e| match e {
        VaultError::WrongPassphrase => AppError::from(e),
        _ => damaged("key"),
    })?;
    let sealed_manifest = hex::decode(&header.sealed_manifest).map_err(|_| damaged("manifest"))?;
    let manifest: BackupManifest =
        serde_json::from_slice(&key.open(&sealed_manifest).map_err(|_| damaged("manifest"))?)
            .map_err(|_| damaged("manifest"))?;
    if zip.len() != manifest.parts.len() + 1 {
        return Err(damaged("parts"));
    }

    let base = db_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    fs::create_dir_all(&base).map_err(AppError::io(&base))?;
    let restoring = sibling(db_path, RESTORING_SUFFIX);
    let _ = fs::remove_file(&restoring);
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for part in &manifest.parts {
        let bytes = read_part(&mut zip, &part.name)?;
        if bytes.len() as u64 != part.size || sha256_hex(&bytes) != part.sha256 {
            return Err(damaged(&part.name));
        }
        if part.name == BACKUP_DATABASE {
            tsudoi_files::write_whole(&restoring, &bytes).map_err(AppError::io(&restoring))?;
            continue;
        }
        let relative = part
            .name
            .strip_prefix("files/")
            .ok_or_else(|| damaged(&part.name))?;
        // A part's name may not climb out of the data folder.
        if relative.split('/').any(|c| c == ".." || c.is_empty())
            || !(relative.starts_with("photos/") || relative.starts_with("receipts/"))
        {
            return Err(damaged(&part.name));
        }
        key.open(&bytes).map_err(|_| damaged(&part.name))?;
        files.push((base.join(relative), bytes));
    }
    let verified = tsudoi_store::verify_encrypted_file(&restoring, &key)
        .ok()
        .filter(|counts| *counts == manifest.tables);
    let Some(counts) = verified else {
        let _ = fs::remove_file(&restoring);
        return Err(damaged(BACKUP_DATABASE));
    };

    // Everything checked: now the files go in place, the database last.
    for (path, bytes) in &files {
        tsudoi_files::write_whole(path, bytes).map_err(AppError::io(path))?;
    }
    write_key_file(&key_file_path(db_path), &header.key_file)?;
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(sibling(db_path, suffix));
    }
    fs::rename(&restoring, db_path).map_err(AppError::io(db_path))?;
    let mut db = Database::open_encrypted(db_path, passphrase, OpenCheck::Full)?;
    let mut ctx = Ctx::new(&mut db, Lang::Ja, crate::Clock::system());
    log(&mut ctx, AuditAction::Restore, backup_path, files.len() as u32)?;
    Ok(RestoreDone {
        path: logged_path(db_path),
        files: files.len() as u32,
        tables: counts.len() as u32,
        rows: counts.iter().map(|(_, n)| *n as u64).sum(),
    })
}

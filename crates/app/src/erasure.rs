//! Erasure with proof: at the end of the contract every copy Tsudoi knows of, and earlier one
//! event's personal data; each time an erasure certificate (消去証明書, 非公表用) as PDF and JSON,
//! written outside the erased folder, naming files, sizes and hashes but no attendee.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use tsudoi_core::handler::Permission;
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::{EventId, Lang, Localized};
use tsudoi_report::erasure::{erasure_pdf, CertifiedFile, ErasureSheet};

use crate::audit::logged_path;
use crate::vault::sibling;
use crate::{AppError, Ctx, Database, Result};

/// Why an erasure was refused before anything was erased.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErasureRefusal {
    #[error("the certificate folder {dir} is inside the data folder {data}")]
    CertificateInsideData { dir: PathBuf, data: PathBuf },
    #[error("the certificate folder {dir} does not exist")]
    NoCertificateFolder { dir: PathBuf },
    #[error("the confirmation typed does not match")]
    NotConfirmed,
}

impl Localized for ErasureRefusal {
    fn code(&self) -> &'static str {
        match self {
            ErasureRefusal::CertificateInsideData { .. } => "erase.certificate_inside_data",
            ErasureRefusal::NoCertificateFolder { .. } => "erase.no_certificate_folder",
            ErasureRefusal::NotConfirmed => "erase.not_confirmed",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ErasureRefusal::CertificateInsideData { dir, data }, Lang::Ja) => format!(
                "消去証明書の保存先「{}」が消去するデータのフォルダ「{}」の中にあります。別のフォルダ（USBメモリなど）を選んでください。何も消去していません。",
                dir.display(),
                data.display()
            ),
            (ErasureRefusal::CertificateInsideData { dir, data }, Lang::En) => format!(
                "The certificate folder “{}” is inside the data folder being erased (“{}”). Choose another folder (a USB stick). Nothing was erased.",
                dir.display(),
                data.display()
            ),
            (ErasureRefusal::NoCertificateFolder { dir }, Lang::Ja) => format!(
                "消去証明書の保存先「{}」がありません。フォルダを作ってから、もう一度実行してください。何も消去していません。",
                dir.display()
            ),
            (ErasureRefusal::NoCertificateFolder { dir }, Lang::En) => format!(
                "The certificate folder “{}” does not exist. Create it, then try again. Nothing was erased.",
                dir.display()
            ),
            (ErasureRefusal::NotConfirmed, Lang::Ja) => {
                "確認の言葉が一致しないため、消去しませんでした。表示どおりに入力してください。".into()
            }
            (ErasureRefusal::NotConfirmed, Lang::En) => {
                "The confirmation typed does not match, so nothing was erased. Type it exactly as shown.".into()
            }
        }
    }
}

/// The word a person types to confirm the erasure of everything.
pub const CONFIRMATION_WORD: &str = "消去";

/// What a file on the certificate was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FileKind {
    Key,
    Database,
    DatabaseJournal,
    Photo,
    Receipt,
    SchemaBackup,
    Backup,
    Export,
}

impl FileKind {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            FileKind::Key => lang.pick("暗号鍵", "Key"),
            FileKind::Database => lang.pick("データベース", "Database"),
            FileKind::DatabaseJournal => lang.pick("データベースの作業ファイル", "Database journal"),
            FileKind::Photo => lang.pick("写真", "Photo"),
            FileKind::Receipt => lang.pick("領収書", "Receipt"),
            FileKind::SchemaBackup => lang.pick("更新前の控え", "Copy before an upgrade"),
            FileKind::Backup => lang.pick("バックアップ", "Backup"),
            FileKind::Export => lang.pick("書き出したファイル", "Exported file"),
        }
    }
}

/// What became of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Outcome {
    Erased,
    /// Listed by the log but not there (moved, or on a USB stick that is absent): by hand.
    NotFound,
    /// There but could not be removed: by hand.
    Failed,
}

impl Outcome {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Outcome::Erased => lang.pick("消去", "Erased"),
            Outcome::NotFound => lang.pick("見つからない（手作業で確認）", "Not found (confirm by hand)"),
            Outcome::Failed => lang.pick("消去できず（手作業で確認）", "Could not erase (confirm by hand)"),
        }
    }
}

/// One file on the certificate.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErasedFile {
    pub kind: FileKind,
    pub path: String,
    pub size: Option<u64>,
    pub sha256: Option<String>,
    pub outcome: Outcome,
}

/// The certificate, as its JSON copy holds it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErasureCertificate {
    /// `all` or `event`.
    pub scope: String,
    pub event_id: Option<i64>,
    pub database: String,
    pub erased_at: String,
    pub erased_by: String,
    pub files: Vec<ErasedFile>,
    /// What a person must confirm by hand (not found, not removable, a folder of exports).
    pub to_confirm_by_hand: Vec<String>,
    /// People made anonymous (event erasure).
    pub people_anonymised: u32,
    /// What stays (event erasure): the anonymous counts.
    pub kept: Vec<String>,
    pub certificate_pdf: String,
    pub certificate_json: String,
}

fn hash_file(path: &Path) -> Option<(u64, String)> {
    let mut file = fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buffer).ok()?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buffer[..n]);
    }
    Some((size, hex::encode(hasher.finalize())))
}

/// Hashes, then removes, one file; what became of it.
fn erase_file(kind: FileKind, path: &Path) -> ErasedFile {
    let shown = logged_path(path);
    match hash_file(path) {
        None => ErasedFile {
            kind,
            path: shown,
            size: None,
            sha256: None,
            outcome: Outcome::NotFound,
        },
        Some((size, sha256)) => ErasedFile {
            kind,
            path: shown,
            size: Some(size),
            sha256: Some(sha256),
            outcome: if fs::remove_file(path).is_ok() {
                Outcome::Erased
            } else {
                Outcome::Failed
            },
        },
    }
}

fn data_folder(db: &Path) -> PathBuf {
    let dir = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// Refuses a certificate folder that is missing or inside the data folder.
fn check_certificate_dir(dir: &Path, db: &Path) -> Result<PathBuf> {
    let Ok(dir) = fs::canonicalize(dir) else {
        return Err(ErasureRefusal::NoCertificateFolder {
            dir: dir.to_path_buf(),
        }
        .into());
    };
    if !dir.is_dir() {
        return Err(ErasureRefusal::NoCertificateFolder { dir }.into());
    }
    let data = data_folder(db);
    if dir.starts_with(&data) {
        return Err(ErasureRefusal::CertificateInsideData { dir, data }.into());
    }
    Ok(dir)
}

/// Everything that can refuse an erasure of all data, checked while the database is still open
/// (the window hands its database over only when this passes): the permission, the typed word
/// and the certificate folder.
pub fn check_erase_all(ctx: &Ctx<'_>, certificate_dir: &Path, confirmation: &str) -> Result<()> {
    ctx.require(Permission::EraseAllData)?;
    if confirmation.trim() != CONFIRMATION_WORD {
        return Err(ErasureRefusal::NotConfirmed.into());
    }
    check_certificate_dir(certificate_dir, ctx.store.path())?;
    Ok(())
}

/// Erases everything: the key first (every encrypted copy becomes unreadable), the database
/// with its WAL and SHM, photos, receipts, the copies kept before upgrades, and every backup and
/// export the privacy log names. What is not found or cannot be removed is listed for a person
/// to confirm by hand. `confirmation` must be [`CONFIRMATION_WORD`]. The certificate goes to
/// `certificate_dir`, outside the data folder.
pub fn erase_all(
    mut db: Database,
    lang: Lang,
    actor: Option<&crate::handlers::SignedIn>,
    certificate_dir: &Path,
    confirmation: &str,
) -> Result<ErasureCertificate> {
    let db_path = db.path().to_path_buf();
    let (actor_name, logged) = {
        let ctx = Ctx::new(&mut db, lang, crate::Clock::system()).signed_in(actor);
        ctx.require(Permission::EraseAllData)?;
        let logged = ctx.store.audit_log(u32::MAX)?;
        (ctx.operator.name.clone(), logged)
    };
    if confirmation.trim() != CONFIRMATION_WORD {
        return Err(ErasureRefusal::NotConfirmed.into());
    }
    let certificate_dir = check_certificate_dir(certificate_dir, &db_path)?;
    let content_files = db.store.content_files();
    let receipt_dir = db.store.receipt_dir();
    let content_dirs = db.store.content_dirs();
    drop(db);

    let mut files = Vec::new();
    files.push(erase_file(FileKind::Key, &tsudoi_vault::key_file_path(&db_path)));
    let mut to_confirm_by_hand = Vec::new();
    // A passphrase remembered in the OS keychain opens nothing once the key file is gone, but
    // it is the contract's data all the same: it goes too, or a person is told where it is.
    if let Err(e) = crate::keychain::forget_passphrase(&db_path) {
        to_confirm_by_hand.push(format!(
            "{}: {}",
            lang.pick(
                "OSのキーチェーン（tsudoi-passphrase）",
                "The OS keychain (tsudoi-passphrase)"
            ),
            e.message(lang)
        ));
    }
    files.push(erase_file(FileKind::Database, &db_path));
    for suffix in ["-wal", "-shm", "-journal"] {
        let path = sibling(&db_path, suffix);
        if path.exists() {
            files.push(erase_file(FileKind::DatabaseJournal, &path));
        }
    }
    for path in &content_files {
        let kind = if path.starts_with(&receipt_dir) {
            FileKind::Receipt
        } else {
            FileKind::Photo
        };
        files.push(erase_file(kind, path));
    }
    for dir in &content_dirs {
        remove_empty_dirs(dir);
    }
    for backup in crate::vault::schema_backups(&db_path) {
        files.push(erase_file(FileKind::SchemaBackup, &backup));
    }
    // A backup the schedule removed later is gone already, not left for a person to confirm.
    let mut seen: std::collections::BTreeSet<String> = logged
        .iter()
        .filter(|entry| entry.action == AuditAction::BackupRemoved)
        .map(|entry| entry.file.clone())
        .collect();
    for entry in logged.iter().rev() {
        if entry.action == AuditAction::BackupRemoved {
            continue;
        }
        let is_import = matches!(
            entry.action,
            AuditAction::RegistrationImport | AuditAction::OnlineAttendanceImport | AuditAction::Restore
        );
        if entry.file.is_empty()
            || is_import
            || entry.file == logged_path(&db_path)
            || !seen.insert(entry.file.clone())
        {
            continue;
        }
        let path = PathBuf::from(&entry.file);
        let kind = if entry.action == AuditAction::Backup {
            FileKind::Backup
        } else {
            FileKind::Export
        };
        if path.is_dir() {
            // A folder of exported documents: which of its files are ours is for a person to see.
            to_confirm_by_hand.push(entry.file.clone());
            continue;
        }
        files.push(erase_file(kind, &path));
    }
    // The files the log never named as existing are not listed as "not found".
    files.retain(|f| !(f.outcome == Outcome::NotFound && matches!(f.kind, FileKind::Key)));
    for file in &files {
        if file.outcome != Outcome::Erased {
            to_confirm_by_hand.push(file.path.clone());
        }
    }
    write_certificate(
        lang,
        ErasureCertificate {
            scope: "all".into(),
            event_id: None,
            database: logged_path(&db_path),
            erased_at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            erased_by: actor_name,
            files,
            to_confirm_by_hand,
            people_anonymised: 0,
            kept: Vec::new(),
            certificate_pdf: String::new(),
            certificate_json: String::new(),
        },
        &certificate_dir,
    )
}

fn remove_empty_dirs(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                remove_empty_dirs(&entry.path());
            }
        }
    }
    let _ = fs::remove_dir(dir);
}

/// Erases one event's personal data early, keeping its anonymous counts (see the store's
/// `erase_event_people`); a certificate is written to `certificate_dir`.
pub fn erase_event(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    certificate_dir: &Path,
) -> Result<ErasureCertificate> {
    ctx.require(Permission::EditPersonalData)?;
    let db_path = ctx.store.path().to_path_buf();
    let certificate_dir = check_certificate_dir(certificate_dir, &db_path)?;
    let event = ctx.store.event(event_id)?;
    // Hashes before erasure: the files are still there now.
    let photos = ctx.store.photos(event_id)?;
    let mut before = std::collections::BTreeMap::new();
    for photo in &photos {
        for path in [ctx.store.photo_path(photo), ctx.store.thumbnail_path(photo)] {
            if let Some(found) = hash_file(&path) {
                before.insert(path, found);
            }
        }
    }
    let detail = AuditDetail::Files {
        files: before.len() as u32,
        people: 0,
    }
    .encode();
    let actor = ctx.operator.name.clone();
    let erased = ctx.store.erase_event_people(
        event_id,
        &tsudoi_store::AuditRecord {
            actor: &actor,
            action: AuditAction::EventErase,
            event_id: Some(event_id),
            n_people: 0,
            file: "",
            detail: &detail,
        },
        ctx.now(),
    )?;
    let files = before
        .into_iter()
        .map(|(path, (size, sha256))| ErasedFile {
            kind: FileKind::Photo,
            outcome: if erased.files_left.contains(&path) {
                Outcome::Failed
            } else if path.exists() {
                // Still used by another event: not this event's to erase.
                Outcome::NotFound
            } else {
                Outcome::Erased
            },
            path: logged_path(&path),
            size: Some(size),
            sha256: Some(sha256),
        })
        .collect::<Vec<_>>();
    let lang = ctx.lang;
    let to_confirm_by_hand = files
        .iter()
        .filter(|f| f.outcome == Outcome::Failed)
        .map(|f| f.path.clone())
        .collect();
    write_certificate(
        lang,
        ErasureCertificate {
            scope: "event".into(),
            event_id: Some(event_id.0),
            database: logged_path(&db_path),
            erased_at: ctx.clock.local_now().format("%Y-%m-%d %H:%M:%S").to_string(),
            erased_by: actor,
            files,
            to_confirm_by_hand,
            people_anonymised: erased.n_people,
            kept: vec![
                format!("{} (#{})", event.details.title, event_id.0),
                lang.pick(
                    "区分・参加方法・状態・ゾーン・座席・受付の記録（匿名）、議事録、アンケートの集計",
                    "Category, mode, status, zone, seat and door records (anonymous), minutes, survey tallies",
                )
                .to_string(),
            ],
            certificate_pdf: String::new(),
            certificate_json: String::new(),
        },
        &certificate_dir,
    )
}

/// Writes the certificate's PDF and JSON copy (both whole) and returns it with their paths.
fn write_certificate(
    lang: Lang,
    mut certificate: ErasureCertificate,
    dir: &Path,
) -> Result<ErasureCertificate> {
    let stamp = certificate.erased_at.replace([':', ' '], "-");
    // The certificate's name stays Japanese: it is filed with the bureau as it is.
    let stem = tsudoi_core::document::BureauDocument::ErasureCertificate
        .file_stem(tsudoi_core::document::Disclosure::Internal, Lang::Ja);
    let base = match certificate.event_id {
        Some(id) => format!("{stem}_行事{id}_{stamp}"),
        None => format!("{stem}_{stamp}"),
    };
    let pdf_path = dir.join(format!("{base}.pdf"));
    let json_path = dir.join(format!("{base}.json"));
    certificate.certificate_pdf = pdf_path.display().to_string();
    certificate.certificate_json = json_path.display().to_string();
    let scope = match (certificate.event_id, lang) {
        (None, Lang::Ja) => "全データ（契約終了時）".to_string(),
        (None, Lang::En) => "All data (end of contract)".to_string(),
        (Some(id), Lang::Ja) => format!("行事 #{id} の個人情報"),
        (Some(id), Lang::En) => format!("Personal data of event #{id}"),
    };
    let mut facts = vec![
        (lang.pick("範囲", "Scope").to_string(), scope),
        (
            lang.pick("データベース", "Database").to_string(),
            certificate.database.clone(),
        ),
        (
            lang.pick("日時", "When").to_string(),
            certificate.erased_at.clone(),
        ),
        (
            lang.pick("実施者", "By").to_string(),
            certificate.erased_by.clone(),
        ),
        (
            lang.pick("消去したファイル", "Files erased").to_string(),
            certificate
                .files
                .iter()
                .filter(|f| f.outcome == Outcome::Erased)
                .count()
                .to_string(),
        ),
    ];
    if certificate.event_id.is_some() {
        facts.push((
            lang.pick("匿名にした参加者", "People made anonymous").to_string(),
            certificate.people_anonymised.to_string(),
        ));
        facts.push((
            lang.pick("残したもの", "Kept").to_string(),
            certificate.kept.join(" / "),
        ));
    } else {
        facts.push((
            lang.pick("方法", "Method").to_string(),
            lang.pick(
                "暗号鍵を破棄したうえでファイルを削除（暗号化された写し・バックアップは鍵なしでは読めません）",
                "The key destroyed, then the files deleted (encrypted copies and backups cannot be read without it)",
            )
            .to_string(),
        ));
    }
    let sheet = ErasureSheet {
        lang,
        facts,
        files: certificate
            .files
            .iter()
            .map(|f| CertifiedFile {
                kind: f.kind.label(lang).to_string(),
                path: &f.path,
                size: f.size,
                sha256: f.sha256.as_deref(),
                outcome: f.outcome.label(lang).to_string(),
            })
            .collect(),
        by_hand: certificate.to_confirm_by_hand.clone(),
        printed_on: certificate.erased_at.clone(),
    };
    let pdf = erasure_pdf(&sheet)?;
    let json = serde_json::to_vec_pretty(&certificate).map_err(|e| AppError::Crypto(e.to_string()))?;
    tsudoi_files::write_whole(&json_path, &json).map_err(AppError::io(&json_path))?;
    tsudoi_files::write_whole(&pdf_path, &pdf).map_err(AppError::io(&pdf_path))?;
    Ok(certificate)
}

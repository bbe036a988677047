//! `tsudoi encrypt|passphrase|keychain|backup|restore|erase`: encryption at rest, the passphrase
//! remembered in the OS keychain, backups, and erasure with a certificate. The commands that replace or remove the database file run before (or
//! instead of) the usual open.

use std::path::Path;

use tsudoi_app::handlers::SignedIn;
use tsudoi_app::output::Replace;
use tsudoi_app::vault::{self, PASSPHRASE_ENV_VAR};
use tsudoi_app::OpenCheck;
use tsudoi_app::{erasure, Clock, Ctx, Database};
use tsudoi_core::handler::Permission;
use tsudoi_core::{EventId, Lang};

use crate::args::{Cli, Command, KeychainCommand};
use crate::failure::{Failure, OrFail};
use crate::output::Output;

/// The new passphrase for scripts (`tsudoi passphrase`).
const NEW_PASSPHRASE_ENV_VAR: &str = "TSUDOI_NEW_PASSPHRASE";

fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// The passphrase of an encrypted database: `TSUDOI_PASSPHRASE`, else the one remembered in the
/// OS keychain (`tsudoi keychain remember`), else asked in a terminal.
pub fn passphrase_for(path: &Path, lang: Lang) -> Option<String> {
    if let Some(value) = vault::passphrase_from_env() {
        return Some(value);
    }
    if !vault::is_encrypted(path) {
        return None;
    }
    if let Some(remembered) = tsudoi_app::keychain::remembered_passphrase(path) {
        return Some(remembered);
    }
    if interactive() {
        return rpassword::prompt_password(lang.pick("パスフレーズ: ", "Passphrase: ")).ok();
    }
    None
}

/// A new passphrase: from `env_var` (taken as typed twice), else asked twice in a terminal.
fn new_passphrase(env_var: &str, lang: Lang) -> Result<(String, String), Failure> {
    if let Some(value) = std::env::var(env_var).ok().filter(|v| !v.is_empty()) {
        return Ok((value.clone(), value));
    }
    if !interactive() {
        return Err(Failure::missing_argument(env_var, lang));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt).map_err(|_| Failure::missing_argument(env_var, lang))
    };
    let first = ask(lang.pick("新しいパスフレーズ: ", "New passphrase: "))?;
    let second = ask(lang.pick("もう一度: ", "Again: "))?;
    Ok((first, second))
}

/// Opens the database, signs the script's or terminal's person in, and checks `permission`;
/// the database is closed again when this returns.
fn authorize(
    path: &Path,
    passphrase: Option<&str>,
    lang: Lang,
    permission: Permission,
) -> Result<(String, Option<SignedIn>), Failure> {
    let mut db = vault::open_database(path, passphrase, OpenCheck::Quick).or_fail(lang)?;
    let mut ctx = Ctx::new(&mut db, lang, Clock::system());
    let person = match crate::credentials(&ctx, lang) {
        Some((name, pin)) => Some(tsudoi_app::handlers::sign_in(&mut ctx, &name, &pin).or_fail(lang)?),
        None => None,
    };
    let ctx = ctx.signed_in(person.as_ref());
    ctx.require(permission).or_fail(lang)?;
    Ok((ctx.operator.name.clone(), person))
}

/// Runs the commands that must not hold the database open, or `None` for every other command.
pub fn run_before_open(cli: &Cli, path: &Path, lang: Lang, out: &Output) -> Option<Result<(), Failure>> {
    let result = match &cli.command {
        Command::Encrypt => encrypt(path, lang, out),
        Command::Passphrase => change_passphrase(path, lang, out),
        Command::Keychain(command) => keychain(command, path, lang, out),
        Command::Restore { file } => restore(file, path, cli.force, lang, out),
        Command::Erase {
            event: None,
            certificate,
            yes,
        } => erase_all(path, certificate, *yes, lang, out),
        _ => return None,
    };
    Some(result)
}

fn encrypt(path: &Path, lang: Lang, out: &Output) -> Result<(), Failure> {
    if !path.exists() {
        return Err(vault::VaultRefusal::NoDatabase {
            path: path.to_path_buf(),
        })
        .or_fail(lang);
    }
    if vault::is_encrypted(path) {
        return Err(vault::VaultRefusal::AlreadyEncrypted {
            path: path.to_path_buf(),
        })
        .or_fail(lang);
    }
    let (actor, _) = authorize(path, None, lang, Permission::Roster)?;
    let (passphrase, repeated) = new_passphrase(PASSPHRASE_ENV_VAR, lang)?;
    let done = vault::encrypt(path, &passphrase, &repeated, &actor).or_fail(lang)?;
    out.print_json_or(&done, || match lang {
        Lang::Ja => format!(
            "暗号化しました: 表 {} 件・{} 行、ファイル {} 件。以後はパスフレーズが必要です。",
            done.tables, done.rows, done.files_sealed
        ),
        Lang::En => format!(
            "Encrypted: {} tables, {} rows, {} files. From now on the passphrase is needed.",
            done.tables, done.rows, done.files_sealed
        ),
    });
    Ok(())
}

/// `tsudoi keychain remember|forget|status`.
fn keychain(command: &KeychainCommand, path: &Path, lang: Lang, out: &Output) -> Result<(), Failure> {
    use tsudoi_app::keychain;
    match command {
        KeychainCommand::Remember => {
            if !vault::is_encrypted(path) {
                return Err(vault::VaultRefusal::NotEncrypted {
                    path: path.to_path_buf(),
                })
                .or_fail(lang);
            }
            // Typed or given now, never the one already remembered: this proves it afresh.
            let passphrase = match vault::passphrase_from_env() {
                Some(value) => value,
                None if interactive() => {
                    rpassword::prompt_password(lang.pick("パスフレーズ: ", "Passphrase: "))
                        .map_err(|_| Failure::missing_argument(PASSPHRASE_ENV_VAR, lang))?
                }
                None => return Err(Failure::missing_argument(PASSPHRASE_ENV_VAR, lang)),
            };
            // A wrong passphrase is refused here, before it is kept.
            drop(vault::open_database(path, Some(&passphrase), OpenCheck::Quick).or_fail(lang)?);
            keychain::remember_passphrase(path, &passphrase).or_fail(lang)?;
            out.print_json_or(&serde_json::json!({ "remembered": true }), || {
                lang.pick(
                    "パスフレーズをOSのキーチェーンに記憶しました。このパソコンでは入力せずに開けます（Linuxでは再起動するか数日使わないと忘れます）。",
                    "The passphrase is remembered in the OS keychain: this computer opens the database without asking (on Linux until a restart or a few days unused).",
                )
                .to_string()
            });
        }
        KeychainCommand::Forget => {
            let forgotten = keychain::forget_passphrase(path).or_fail(lang)?;
            out.print_json_or(&serde_json::json!({ "forgotten": forgotten }), || {
                if forgotten {
                    lang.pick(
                        "記憶していたパスフレーズを消しました。",
                        "The remembered passphrase is forgotten.",
                    )
                } else {
                    lang.pick(
                        "記憶しているパスフレーズはありません。",
                        "No passphrase was remembered.",
                    )
                }
                .to_string()
            });
        }
        KeychainCommand::Status => {
            let available = keychain::available();
            let remembered = keychain::remembered_passphrase(path).is_some();
            out.print_json_or(
                &serde_json::json!({ "available": available, "remembered": remembered }),
                || match (available, remembered, lang) {
                    (false, _, Lang::Ja) => {
                        "このシステムではOSのキーチェーンを使えません。パスフレーズは毎回入力します。".into()
                    }
                    (false, _, Lang::En) => {
                        "This system has no keychain Tsudoi can use: the passphrase is asked each time."
                            .into()
                    }
                    (true, true, Lang::Ja) => "パスフレーズはOSのキーチェーンに記憶されています。".into(),
                    (true, true, Lang::En) => "The passphrase is remembered in the OS keychain.".into(),
                    (true, false, Lang::Ja) => {
                        "パスフレーズは記憶されていません（tsudoi keychain remember で記憶できます）。".into()
                    }
                    (true, false, Lang::En) => {
                        "The passphrase is not remembered (tsudoi keychain remember keeps it).".to_string()
                    }
                },
            );
        }
    }
    Ok(())
}

fn change_passphrase(path: &Path, lang: Lang, out: &Output) -> Result<(), Failure> {
    let old =
        passphrase_for(path, lang).ok_or_else(|| Failure::missing_argument(PASSPHRASE_ENV_VAR, lang))?;
    let (actor, _) = authorize(path, Some(&old), lang, Permission::Roster)?;
    let (new, repeated) = new_passphrase(NEW_PASSPHRASE_ENV_VAR, lang)?;
    vault::change_passphrase(path, &old, &new, &repeated, &actor).or_fail(lang)?;
    out.print_json_or(&serde_json::json!({ "changed": true }), || {
        lang.pick("パスフレーズを変更しました。", "The passphrase was changed.")
            .to_string()
    });
    Ok(())
}

fn restore(file: &Path, path: &Path, replace: bool, lang: Lang, out: &Output) -> Result<(), Failure> {
    let passphrase = match vault::passphrase_from_env().ok_or(()) {
        Ok(value) => value,
        Err(_) if interactive() => {
            rpassword::prompt_password(lang.pick("バックアップのパスフレーズ: ", "The backup's passphrase: "))
                .map_err(|_| Failure::missing_argument(PASSPHRASE_ENV_VAR, lang))?
        }
        Err(_) => return Err(Failure::missing_argument(PASSPHRASE_ENV_VAR, lang)),
    };
    let done = vault::restore(file, path, &passphrase, replace).or_fail(lang)?;
    out.print_json_or(&done, || match lang {
        Lang::Ja => format!(
            "復元しました: {}（表 {} 件・{} 行、ファイル {} 件）",
            done.path, done.tables, done.rows, done.files
        ),
        Lang::En => format!(
            "Restored: {} ({} tables, {} rows, {} files)",
            done.path, done.tables, done.rows, done.files
        ),
    });
    Ok(())
}

/// The typed confirmation, unless `--yes`.
fn confirmed(yes: bool, lang: Lang) -> Result<String, Failure> {
    use std::io::{BufRead, Write};
    if yes {
        return Ok(erasure::CONFIRMATION_WORD.to_string());
    }
    if !interactive() {
        return Err(Failure::missing_argument("--yes", lang));
    }
    eprint!(
        "{}",
        match lang {
            Lang::Ja => format!(
                "すべてのデータを消去します。元に戻せません。続けるには「{}」と入力してください: ",
                erasure::CONFIRMATION_WORD
            ),
            Lang::En => format!(
                "Every record will be erased, for good. Type “{}” to go on: ",
                erasure::CONFIRMATION_WORD
            ),
        }
    );
    let _ = std::io::stderr().flush();
    let mut typed = String::new();
    let _ = std::io::stdin().lock().read_line(&mut typed);
    Ok(typed)
}

fn erase_all(path: &Path, certificate: &Path, yes: bool, lang: Lang, out: &Output) -> Result<(), Failure> {
    if !path.exists() {
        let nothing = serde_json::json!({ "files": [], "to_confirm_by_hand": [], "nothing_left": true });
        out.print_json_or(&nothing, || {
            lang.pick("消去するものは残っていません。", "Nothing is left to erase.")
                .to_string()
        });
        return Ok(());
    }
    let passphrase = passphrase_for(path, lang);
    let (_, person) = authorize(path, passphrase.as_deref(), lang, Permission::EraseAllData)?;
    let typed = confirmed(yes, lang)?;
    let db: Database = vault::open_database(path, passphrase.as_deref(), OpenCheck::Quick).or_fail(lang)?;
    let done = erasure::erase_all(db, lang, person.as_ref(), certificate, &typed).or_fail(lang)?;
    print_certificate(&done, lang, out);
    Ok(())
}

fn print_certificate(done: &erasure::ErasureCertificate, lang: Lang, out: &Output) {
    out.print_json_or(done, || {
        let erased = done
            .files
            .iter()
            .filter(|f| f.outcome == erasure::Outcome::Erased)
            .count();
        let mut text = match lang {
            Lang::Ja => format!(
                "消去しました: ファイル {erased} 件。消去証明書: {}",
                done.certificate_pdf
            ),
            Lang::En => format!("Erased: {erased} files. Certificate: {}", done.certificate_pdf),
        };
        if !done.to_confirm_by_hand.is_empty() {
            text.push_str(lang.pick("\n手作業で確認してください:", "\nConfirm by hand:"));
            for path in &done.to_confirm_by_hand {
                text.push_str(&format!("\n  {path}"));
            }
        }
        text
    });
}

/// `tsudoi backup --out FILE`.
pub fn backup(file: &Path, replace: Replace, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    let done = vault::backup(ctx, file, replace.0).or_fail(lang)?;
    out.print_json_or(&done, || match lang {
        Lang::Ja => format!(
            "バックアップを作成しました: {}（{} バイト、ファイル {} 件）",
            done.path, done.bytes, done.files
        ),
        Lang::En => format!(
            "Backup written: {} ({} bytes, {} files)",
            done.path, done.bytes, done.files
        ),
    });
    Ok(())
}

/// `tsudoi backup --folder DIR --keep N`.
pub fn backup_into_folder(folder: &Path, keep: u32, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    let done = tsudoi_app::backup_schedule::backup_into_folder(ctx, folder, keep).or_fail(lang)?;
    out.print_json_or(&done, || {
        let mut text = match lang {
            Lang::Ja => format!("バックアップを作成しました: {}", done.backup.path),
            Lang::En => format!("Backup written: {}", done.backup.path),
        };
        for removed in &done.removed {
            text.push_str(&match lang {
                Lang::Ja => format!("\n古いバックアップを削除しました: {removed}"),
                Lang::En => format!("\nOld backup removed: {removed}"),
            });
        }
        text
    });
    Ok(())
}

/// `tsudoi backup --if-due`: the schedule's run, for the system's task scheduler. A problem
/// (the stick not plugged in) fails the command, so the scheduler shows it.
pub fn backup_if_due(ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    let outcome = tsudoi_app::backup_schedule::run_if_due(ctx).or_fail(lang)?;
    if let Some(problem) = outcome.as_ref().and_then(|o| o.problem.clone()) {
        return Err(Failure {
            code: "backup.scheduled_failed",
            message: problem,
            reported: false,
        });
    }
    out.print_json_or(&outcome, || match (&outcome, lang) {
        (None, Lang::Ja) => "定期バックアップの時刻ではありません（または設定がありません）。".into(),
        (None, Lang::En) => "No scheduled backup is due (or none is set).".into(),
        (Some(o), Lang::Ja) => format!(
            "バックアップを作成しました: {}",
            o.file.clone().unwrap_or_default()
        ),
        (Some(o), Lang::En) => format!("Backup written: {}", o.file.clone().unwrap_or_default()),
    });
    Ok(())
}

/// `tsudoi erase --event ID`.
pub fn erase_event(
    event: i64,
    certificate: &Path,
    yes: bool,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    if confirmed(yes, lang)?.trim() != erasure::CONFIRMATION_WORD {
        return Err(erasure::ErasureRefusal::NotConfirmed).or_fail(lang);
    }
    let done = erasure::erase_event(ctx, EventId(event), certificate).or_fail(lang)?;
    print_certificate(&done, lang, out);
    Ok(())
}

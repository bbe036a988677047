//! `tsudoi`: the command line of Tsudoi. A second door to the same database as the window, so
//! every change a person can make there can be scripted here. Thin by design: parse, run one use
//! case of `tsudoi-app`, print.

mod args;
mod commands;
mod failure;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use serde_json::json;
use tsudoi_app::{Clock, Ctx, Database};
use tsudoi_core::Lang;

use args::Cli;
use failure::{Failure, OrFail};
use output::Output;

/// Who a script acts as, and their PIN or passphrase.
const OPERATOR_ENV_VAR: &str = "TSUDOI_OPERATOR";
const PIN_ENV_VAR: &str = "TSUDOI_PIN";

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(usage) => return usage_error(usage),
    };
    let mut lang = cli.lang.or_else(locale_lang).unwrap_or_default();
    let out = Output { json: cli.json };
    let result = (|| -> Result<(), Failure> {
        let path = database_path(&cli, lang)?;
        if let Some(done) = commands::vault::run_before_open(&cli, &path, lang, &out) {
            return done;
        }
        // Every page is checked by the window's open and by `tsudoi check`; a single command
        // checks the header and the schema, so a check-in stays fast on a large file.
        let check = if matches!(cli.command, args::Command::Check) {
            tsudoi_app::OpenCheck::Full
        } else {
            tsudoi_app::OpenCheck::Quick
        };
        let passphrase = commands::vault::passphrase_for(&path, lang);
        let new_file = !std::fs::metadata(&path).is_ok_and(|m| m.len() > 0);
        let mut db = tsudoi_app::vault::open_database(&path, passphrase.as_deref(), check).or_fail(lang)?;
        if new_file && passphrase.is_none() {
            eprintln!(
                "{}",
                lang.pick(
                    "注意: TSUDOI_PASSPHRASE が無いため、暗号化していないデータベースを作りました。個人情報を入れる前に tsudoi encrypt で暗号化してください。",
                    "Note: without TSUDOI_PASSPHRASE this new database is not encrypted. Encrypt it with tsudoi encrypt before it holds personal data.",
                )
            );
        }
        if cli.lang.is_none() {
            lang = db.language().or_fail(lang)?;
        }
        let mut ctx = Ctx::new(&mut db, lang, Clock::system());
        // Scripts act as a person on the roster: TSUDOI_OPERATOR and TSUDOI_PIN (see README for
        // the risk of a PIN in the environment). Without them, what needs a role is refused.
        if let Some((name, pin)) = credentials(&ctx, lang) {
            let person = tsudoi_app::handlers::sign_in(&mut ctx, &name, &pin).or_fail(lang)?;
            ctx = ctx.signed_in(Some(&person));
        }
        commands::run(&cli, &mut ctx, &out)
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if cli.json && !failure.reported {
                out.print_json(&json!({ "error": { "code": failure.code, "message": failure.message } }));
            }
            eprintln!("{}: {}", lang.pick("エラー", "error"), failure.message);
            ExitCode::FAILURE
        }
    }
}

/// Who signs in for this command: `TSUDOI_OPERATOR` and `TSUDOI_PIN` for scripts; in a terminal,
/// once the roster has people, the name and the PIN are asked (the PIN without echo). Neither:
/// the command runs unsigned, and whatever needs a role is refused.
pub(crate) fn credentials(ctx: &Ctx<'_>, lang: Lang) -> Option<(String, String)> {
    use std::io::{BufRead, IsTerminal, Write};
    if let (Ok(name), Ok(pin)) = (std::env::var(OPERATOR_ENV_VAR), std::env::var(PIN_ENV_VAR)) {
        return Some((name, pin));
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let has_roster = tsudoi_app::handlers::names(ctx).is_ok_and(|names| !names.is_empty());
    if !interactive || !has_roster {
        return None;
    }
    eprint!(
        "{}",
        lang.pick("名前（情報取扱者名簿）: ", "Name (handler roster): ")
    );
    let _ = std::io::stderr().flush();
    let mut name = String::new();
    std::io::stdin().lock().read_line(&mut name).ok()?;
    let pin = rpassword::prompt_password(lang.pick("暗証番号: ", "PIN: ")).ok()?;
    Some((name.trim().to_string(), pin))
}

/// A command line clap cannot read: help and version print as usual; a mistake is exit 2, and
/// with `--json` it is also a JSON error document on stdout, like every other failure.
fn usage_error(usage: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(usage.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = usage.print();
        return ExitCode::SUCCESS;
    }
    if std::env::args().any(|a| a == "--json") {
        let message = usage.render().to_string();
        Output { json: true }
            .print_json(&json!({ "error": { "code": "cli.usage", "message": message.trim() } }));
    }
    let _ = usage.print();
    ExitCode::from(2)
}

/// The language of the terminal's locale, read before the database (and its setting) is open.
fn locale_lang() -> Option<Lang> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| Lang::parse(&value))
}

fn database_path(cli: &Cli, lang: Lang) -> Result<PathBuf, Failure> {
    cli.db
        .clone()
        .or_else(Database::default_path)
        .ok_or_else(|| Failure {
            code: "cli.no_data_dir",
            reported: false,
            message: lang
                .pick(
                    "データの保存場所が見つかりません。--db でデータベースのファイルを指定してください。",
                    "No data folder was found. Give the database file with --db.",
                )
                .to_string(),
        })
}

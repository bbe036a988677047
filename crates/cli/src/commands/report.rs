//! `tsudoi report`: the project report (事業報告書): export, check, flags, resolve, texts.

use tsudoi_app::output::Replace;
use tsudoi_app::report::{self, FlagDecision, ReportFormat};
use tsudoi_app::Ctx;
use tsudoi_core::report::{FlagResolution, ReportSection};
use tsudoi_core::{Disclosure, Lang};

use crate::args::ReportCommand;
use crate::failure::{Failure, OrFail};
use crate::output::Output;

/// `public`, `internal` or `both` (公表用, 非公表用 too).
fn editions(word: &str, lang: Lang) -> Result<Vec<Disclosure>, Failure> {
    match word.trim() {
        "public" | "公表用" => Ok(vec![Disclosure::Public]),
        "internal" | "非公表用" => Ok(vec![Disclosure::Internal]),
        "both" | "" => Ok(vec![Disclosure::Public, Disclosure::Internal]),
        _ => Err(Failure::missing_argument("--edition public|internal|both", lang)),
    }
}

fn formats(words: &str, lang: Lang) -> Result<Vec<ReportFormat>, Failure> {
    let mut formats = Vec::new();
    for word in words.split(',').filter(|w| !w.trim().is_empty()) {
        let format =
            ReportFormat::parse(word).ok_or_else(|| Failure::missing_argument("--format pdf,docx", lang))?;
        if !formats.contains(&format) {
            formats.push(format);
        }
    }
    if formats.is_empty() {
        return Err(Failure::missing_argument("--format pdf,docx", lang));
    }
    Ok(formats)
}

pub fn run(
    command: &ReportCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        ReportCommand::Export {
            out: dir,
            edition,
            format,
        } => {
            let editions = editions(edition, lang)?;
            let formats = formats(format, lang)?;
            let done = report::export(ctx, dir, &editions, &formats, replace).or_fail(lang)?;
            out.print_json_or(&done, || {
                done.messages
                    .iter()
                    .map(|m| format!("! {m}"))
                    .chain(done.files.iter().cloned())
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ReportCommand::Check { edition } => {
            let mut issues = Vec::new();
            for edition in editions(edition, lang)? {
                for issue in report::check(ctx, edition).or_fail(lang)? {
                    if !issues.contains(&issue) {
                        issues.push(issue);
                    }
                }
            }
            out.print_json_or(&issues, || {
                if issues.is_empty() {
                    lang.pick("問題は見つかりませんでした。", "Nothing missing or inconsistent.")
                        .to_string()
                } else {
                    issues
                        .iter()
                        .map(|i| i.message(lang))
                        .collect::<Vec<_>>()
                        .join("\n")
                }
            });
        }
        ReportCommand::Flags => {
            let flags = report::flags(ctx).or_fail(lang)?;
            out.print_json_or(&flags, || {
                flags
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let decision = match &f.resolution {
                            None => lang.pick("未決定", "undecided").to_string(),
                            Some(FlagResolution::Keep { decided_by }) => {
                                format!("{}（{decided_by}）", lang.pick("そのまま掲載", "kept"))
                            }
                            Some(FlagResolution::Rewrite { text, decided_by }) => {
                                format!("{}「{text}」（{decided_by}）", lang.pick("書き換え", "rewritten"))
                            }
                        };
                        format!("{}\t{}\t{}\t{}\t{decision}", i + 1, f.place, f.name, f.passage)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ReportCommand::Resolve {
            number,
            keep,
            rewrite,
        } => {
            let flags = report::flags(ctx).or_fail(lang)?;
            let Some(flag) = number.checked_sub(1).and_then(|i| flags.get(i)) else {
                return Err(Failure::from_error(
                    &tsudoi_app::AppError::ReportFlagUnknown,
                    lang,
                ));
            };
            let decision = match (keep, rewrite) {
                (true, None) => FlagDecision::Keep,
                (false, Some(text)) => FlagDecision::Rewrite { text: text.clone() },
                _ => return Err(Failure::missing_argument("--keep / --rewrite TEXT", lang)),
            };
            let (source, passage) = (flag.source.clone(), flag.passage.clone());
            let flags = report::resolve_flag(ctx, &source, &passage, decision).or_fail(lang)?;
            out.print_json_or(&flags, || {
                let open = flags.iter().filter(|f| f.resolution.is_none()).count();
                match lang {
                    Lang::Ja => format!("決定を保存しました。未決定の段落: {open}"),
                    Lang::En => format!("Saved. Paragraphs still undecided: {open}"),
                }
            });
        }
        ReportCommand::Text { section, text } => {
            match (section, text) {
                (Some(section), Some(text)) => {
                    let section = ReportSection::parse(section).or_fail(lang)?;
                    report::save_text(ctx, section, text).or_fail(lang)?;
                }
                (Some(_), None) => return Err(Failure::missing_argument("--text", lang)),
                _ => {}
            }
            let texts = report::texts(ctx).or_fail(lang)?;
            out.print_json_or(&texts, || {
                [
                    (ReportSection::Outline, &texts.outline),
                    (ReportSection::Aims, &texts.aims),
                    (ReportSection::Measures, &texts.measures),
                ]
                .iter()
                .map(|(s, t)| format!("【{}】\n{t}", s.label(lang)))
                .collect::<Vec<_>>()
                .join("\n\n")
            });
        }
    }
    Ok(())
}

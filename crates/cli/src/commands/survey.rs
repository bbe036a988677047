//! `tsudoi survey …` and `tsudoi hearing …`: the survey (アンケート) and the hearings (ヒアリング).

use tsudoi_app::output::Replace;
use tsudoi_app::survey::{self, SurveyImportOptions};
use tsudoi_app::Ctx;
use tsudoi_core::hearing::{HearingDraft, HearingMethod, HearingNote, Quote};
use tsudoi_core::survey::QuestionKind;
use tsudoi_core::{AttendanceMode, Category, EventId, Lang};

use crate::args::{HearingCommand, SurveyCommand};
use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn run(
    command: &SurveyCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        SurveyCommand::Import {
            event,
            file,
            closes,
            new_version,
            kinds,
            dry_run,
        } => {
            let closes_on = closes
                .as_deref()
                .map(tsudoi_core::event::parse_date)
                .transpose()
                .or_fail(lang)?;
            let kinds = if kinds.is_empty() {
                None
            } else {
                Some(
                    kinds
                        .iter()
                        .map(|k| QuestionKind::parse(k))
                        .collect::<Result<Vec<_>, _>>()
                        .or_fail(lang)?,
                )
            };
            let options = SurveyImportOptions {
                kinds,
                closes_on,
                new_version: *new_version,
                dry_run: *dry_run,
            };
            let done = survey::import_answers(ctx, EventId(*event), file, &options).or_fail(lang)?;
            out.print_json_or(&done, || {
                let mut lines = Vec::new();
                if done.dry_run {
                    lines.push(
                        lang.pick("（試行: 何も保存していません）", "(dry run: nothing saved)")
                            .to_string(),
                    );
                }
                if done.made_questionnaire {
                    lines.push(match lang {
                        Lang::Ja => format!("見出しからアンケート（第{}版）を作りました:", done.version),
                        Lang::En => format!(
                            "Made the questionnaire (version {}) from the headers:",
                            done.version
                        ),
                    });
                    for (i, q) in done.questions.iter().enumerate() {
                        lines.push(format!("  Q{} [{}] {}", i + 1, q.kind.label(lang), q.text));
                    }
                }
                lines.push(match lang {
                    Lang::Ja => format!(
                        "追加 {} 件、変更なし {} 件、取り込まず {} 件",
                        done.added, done.unchanged, done.left_out
                    ),
                    Lang::En => format!(
                        "{} added, {} unchanged, {} left out",
                        done.added, done.unchanged, done.left_out
                    ),
                });
                for note in &done.rows {
                    lines.push(format!(
                        "  {} {}: {}",
                        lang.pick("行", "row"),
                        note.row,
                        note.message
                    ));
                }
                lines.join("\n")
            });
        }
        SurveyCommand::Questionnaire { event, shared: _ } => {
            let current = match event {
                Some(event) => survey::questionnaire(ctx, EventId(*event)),
                None => survey::shared_questionnaire(ctx),
            }
            .or_fail(lang)?;
            out.print_json_or(&current, || match &current {
                None => lang
                    .pick("アンケートはまだありません。", "No questionnaire yet.")
                    .to_string(),
                Some(q) => {
                    let mut lines = vec![match lang {
                        Lang::Ja => format!("第{}版（回答 {} 件）", q.questionnaire.version, q.n_responses),
                        Lang::En => {
                            format!("Version {} ({} answers)", q.questionnaire.version, q.n_responses)
                        }
                    }];
                    for (i, question) in q.questionnaire.questions.iter().enumerate() {
                        lines.push(format!(
                            "Q{} [{}] {}",
                            i + 1,
                            question.kind.label(lang),
                            question.text
                        ));
                        for (n, choice) in question.choices.iter().enumerate() {
                            lines.push(format!("    {} {choice}", n + 1));
                        }
                    }
                    lines.join("\n")
                }
            });
        }
        SurveyCommand::Questions {
            event,
            shared: _,
            standard,
            file,
        } => {
            let questionnaire = match (file, standard) {
                (Some(file), false) => survey::read_questions_file(file).or_fail(lang)?,
                _ => survey::standard_questionnaire(),
            };
            let saved = match event {
                Some(event) => survey::save_questionnaire(ctx, EventId(*event), questionnaire),
                None => survey::save_shared_questionnaire(ctx, questionnaire),
            }
            .or_fail(lang)?;
            out.print_json_or(&saved, || match lang {
                Lang::Ja => format!(
                    "アンケート第{}版を保存しました（設問 {} 問）",
                    saved.questionnaire.version,
                    saved.questionnaire.questions.len()
                ),
                Lang::En => format!(
                    "Saved version {} of the questionnaire ({} questions)",
                    saved.questionnaire.version,
                    saved.questionnaire.questions.len()
                ),
            });
        }
        SurveyCommand::Paper {
            event,
            sheet,
            category,
            mode,
            answers,
        } => {
            let category = category
                .as_deref()
                .map(Category::parse)
                .transpose()
                .or_fail(lang)?;
            let mode = mode
                .as_deref()
                .map(AttendanceMode::parse)
                .transpose()
                .or_fail(lang)?;
            let done = survey::enter_typed_sheet(ctx, EventId(*event), *sheet, category, mode, answers)
                .or_fail(lang)?;
            out.print_json_or(&done, || match lang {
                Lang::Ja => format!(
                    "用紙 {} 番を入力しました（入力済み {} 枚、次は {} 番）",
                    done.sheet_number, done.n_sheets, done.next_sheet
                ),
                Lang::En => format!(
                    "Entered sheet {} ({} sheets in, next is {})",
                    done.sheet_number, done.n_sheets, done.next_sheet
                ),
            });
        }
        SurveyCommand::Results { event, together: _ } => {
            let results = match event {
                Some(event) => survey::results(ctx, EventId(*event)),
                None => survey::results_together(ctx),
            }
            .or_fail(lang)?;
            out.print_json_or(&results, || results_text(&results, lang));
        }
        SurveyCommand::Export {
            event,
            out: path,
            public,
        } => {
            let done = survey::export_workbook(ctx, EventId(*event), path, *public, replace).or_fail(lang)?;
            out.print_json_or(&done, || written_text(&done, lang));
        }
        SurveyCommand::Form { event, out: path } => {
            let done = survey::paper_form(ctx, EventId(*event), path, replace).or_fail(lang)?;
            out.print_json_or(&done, || written_text(&done, lang));
        }
        SurveyCommand::Report {
            event,
            out: path,
            public,
        } => {
            let done = survey::export_report(ctx, EventId(*event), path, *public, replace).or_fail(lang)?;
            out.print_json_or(&done, || written_text(&done, lang));
        }
    }
    Ok(())
}

fn written_text(done: &survey::SurveyExport, lang: Lang) -> String {
    let mut lines = vec![format!(
        "{} {}",
        lang.pick("書き出しました:", "Wrote:"),
        done.file
    )];
    if !done.flagged.is_empty() {
        lines.push(
            lang.pick(
                "登録者の氏名を含む自由記述（公表用には載せません）:",
                "Free texts naming a registered person (left out of public documents):",
            )
            .to_string(),
        );
        for f in &done.flagged {
            lines.push(format!("  {}: {}", f.question, f.text));
        }
    }
    lines.join("\n")
}

fn results_text(results: &survey::SurveyOverview, lang: Lang) -> String {
    let mut lines = Vec::new();
    let r = &results.rate;
    lines.push(match lang {
        Lang::Ja => format!(
            "回答 {} 件（会場 {} / 受付 {} 名、オンライン {} / 出席 {} 名）",
            results.results.responses, r.venue_answers, r.n_checked_in, r.online_answers, r.n_attended_online
        ),
        Lang::En => format!(
            "{} responses (venue {} of {} checked in, online {} of {} attended)",
            results.results.responses, r.venue_answers, r.n_checked_in, r.online_answers, r.n_attended_online
        ),
    });
    for (i, q) in results.results.questions.iter().enumerate() {
        lines.push(String::new());
        lines.push(format!(
            "Q{} [{}] {}（{} {}）",
            i + 1,
            q.kind.label(lang),
            q.text,
            q.answers,
            lang.pick("件", "answers")
        ));
        for c in &q.distribution {
            lines.push(format!("  {:<20}\t{}\t{:.1}%", c.choice, c.n, c.percent));
        }
        if let Some(mean) = q.mean {
            lines.push(format!("  {}\t{mean:.2}", lang.pick("平均", "Mean")));
        }
        for t in &q.texts {
            lines.push(format!("  ・{t}"));
        }
    }
    for (title, tables) in [
        (lang.pick("区分別", "By category"), &results.by_category),
        (lang.pick("参加方法別", "By mode"), &results.by_mode),
        (lang.pick("都道府県別", "By prefecture"), &results.by_prefecture),
        (
            lang.pick("従業員数別", "By company size"),
            &results.by_company_size,
        ),
    ] {
        if tables.iter().all(|t| t.groups.is_empty()) {
            continue;
        }
        lines.push(String::new());
        lines.push(format!(
            "{title}{}",
            lang.pick("（3件未満の群は統合）", " (groups under 3 folded)")
        ));
        for table in tables {
            lines.push(format!("  {}", table.text));
            for g in &table.groups {
                let counts: Vec<String> = g
                    .distribution
                    .iter()
                    .map(|c| format!("{} {}", c.choice, c.n))
                    .collect();
                lines.push(format!(
                    "    {}\t{}\t{}",
                    g.group.label(lang),
                    g.answers,
                    counts.join(" / ")
                ));
            }
        }
    }
    lines.join("\n")
}

/// `TAG: TEXT` or `TEXT`.
fn tagged(value: &str) -> (String, String) {
    match value.split_once([':', '：']) {
        Some((tag, text)) if !tag.trim().is_empty() && tag.chars().count() <= 20 => {
            (tag.trim().to_string(), text.trim().to_string())
        }
        _ => (String::new(), value.trim().to_string()),
    }
}

pub fn hearing(command: &HearingCommand, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        HearingCommand::Add(fields) => {
            let crate::args::HearingFields {
                event,
                attendee,
                person,
                organization,
                at,
                method,
                interviewer,
                consent,
                tags,
                notes,
                quotes,
                public_quotes,
            } = fields.as_ref();
            let quote = |value: &String, publishable: bool| {
                let (tag, text) = tagged(value);
                Quote {
                    text,
                    tag,
                    publishable,
                }
            };
            let draft = HearingDraft {
                event_id: *event,
                attendee_id: *attendee,
                person: person.clone(),
                organization: organization.clone(),
                held_at: at.clone(),
                method: HearingMethod::parse(method).or_fail(lang)?,
                interviewer: interviewer.clone(),
                quote_consent: *consent,
                notes: notes
                    .iter()
                    .map(|n| {
                        let (theme, text) = tagged(n);
                        HearingNote { theme, text }
                    })
                    .collect(),
                tags: tags.clone(),
                quotes: quotes
                    .iter()
                    .map(|q| quote(q, false))
                    .chain(public_quotes.iter().map(|q| quote(q, true)))
                    .collect(),
            };
            let added = survey::add_hearing(ctx, draft).or_fail(lang)?;
            out.print_json_or(&added, || {
                format!(
                    "{} #{} {}（{}）",
                    lang.pick("ヒアリングを記録しました:", "Hearing recorded:"),
                    added.id,
                    added.details.person,
                    added.details.held_at
                )
            });
        }
        HearingCommand::List { event } => {
            let all = survey::hearings(ctx, event.map(EventId)).or_fail(lang)?;
            out.print_json_or(&all, || {
                all.iter()
                    .map(|h| {
                        format!(
                            "{}\t{}\t{}\t{}\t{}",
                            h.id,
                            h.details.held_at,
                            h.details.method.label(lang),
                            h.details.person,
                            h.details.tags.join("・")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        HearingCommand::Summary { event, public } => {
            let summary = survey::hearing_summary(ctx, event.map(EventId), *public).or_fail(lang)?;
            out.print_json_or(&summary, || {
                let mut lines = Vec::new();
                for tag in &summary {
                    lines.push(match lang {
                        Lang::Ja => format!("■ {}（{} 件）", tag.tag, tag.n_hearings),
                        Lang::En => format!("■ {} ({} hearings)", tag.tag, tag.n_hearings),
                    });
                    for q in &tag.quotes {
                        match &q.said_by {
                            Some(who) => lines.push(format!("  「{}」— {who}", q.text)),
                            None => lines.push(format!("  「{}」", q.text)),
                        }
                    }
                }
                lines.join("\n")
            });
        }
    }
    Ok(())
}

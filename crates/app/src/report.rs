//! The project report (事業報告書) in one click: built from what the store holds (the project
//! record, the organizer's texts, each gathering's programme, attendance, talk summaries and
//! photos, the survey and the hearings), in two editions from one source. The 公表用 edition
//! names no attendee who is not a speaker or organizer, shows no contact detail and no photo
//! without consent, folds small groups, and is refused while a passage naming a registered person
//! waits for a person's decision. The 非公表用 edition is complete. Both are written as PDF and
//! DOCX, the label in every header and in every file name; each edition written is logged.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tsudoi_core::attendance::AttendanceSummary;
use tsudoi_core::document::{BureauDocument, Disclosure};
use tsudoi_core::handler::Permission;
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::report::{
    flag_passages, fold_small_groups, public_text, FlagResolution, FlagSource, FlaggedPassage, ReportIssue,
    ReportSection,
};
use tsudoi_core::survey::names_a_person;
use tsudoi_core::{Category, Event, EventId, Lang};
use tsudoi_report::project_report::{Block, ReportDocument};

use crate::audit::{exported, logged_path, Written};
use crate::output::{FolderOutput, Replace};
use crate::{AppError, Ctx, Result};

/// The organizer's texts as saved, with the hearings' tags at hand for the measures.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportTexts {
    pub outline: String,
    pub aims: String,
    pub measures: String,
    /// The hearings' tags, the most frequent first, to write the measures with.
    pub hearing_tags: Vec<String>,
}

/// The texts and the tags.
pub fn texts(ctx: &Ctx<'_>) -> Result<ReportTexts> {
    ctx.require(Permission::DayWork)?;
    let drafts: Vec<_> = ctx.store.hearings(None)?.into_iter().map(|h| h.details).collect();
    Ok(ReportTexts {
        outline: ctx.store.report_text(ReportSection::Outline)?,
        aims: ctx.store.report_text(ReportSection::Aims)?,
        measures: ctx.store.report_text(ReportSection::Measures)?,
        hearing_tags: tsudoi_core::hearing::summarize_by_tag(&drafts, true)
            .into_iter()
            .map(|t| t.tag)
            .collect(),
    })
}

/// Saves a section's text as typed so far (the window's autosave): one durable commit.
pub fn save_text(ctx: &mut Ctx<'_>, section: ReportSection, text: &str) -> Result<()> {
    ctx.require(Permission::DayWork)?;
    let now = ctx.now();
    Ok(ctx.store.save_report_text(section, text, now)?)
}

/// The names the public edition must not print: every registered person of every gathering,
/// except those who are speakers or on the organizer's roster (they are named by their role).
fn private_names(ctx: &Ctx<'_>) -> Result<Vec<String>> {
    let squeeze = |s: &str| -> String {
        tsudoi_core::text::search_key(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let public: BTreeSet<String> = ctx
        .store
        .speakers()?
        .into_iter()
        .map(|s| squeeze(&s.details.name))
        .chain(
            ctx.store
                .handlers()?
                .into_iter()
                .map(|h| squeeze(&h.details.name)),
        )
        .collect();
    let mut names = BTreeSet::new();
    for event in ctx.store.events()? {
        for line in ctx.store.attendance_lines(event.id)? {
            let name = line.attendee.details.name;
            if !public.contains(&squeeze(&name)) {
                names.insert(name);
            }
        }
    }
    Ok(names.into_iter().collect())
}

fn gathering_label(index: usize, event: &Event, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("第{}回 {}", index + 1, event.details.title),
        Lang::En => format!("Gathering {}: {}", index + 1, event.details.title),
    }
}

/// The free texts the report prints, each with where it is from and what people call that.
fn free_texts(ctx: &Ctx<'_>) -> Result<Vec<(FlagSource, String, String)>> {
    let lang = ctx.lang;
    let mut texts = Vec::new();
    for section in ReportSection::ALL {
        texts.push((
            FlagSource::section(*section),
            format!("「{}」", section.label(lang)),
            ctx.store.report_text(*section)?,
        ));
    }
    for (i, event) in ctx.store.events()?.iter().enumerate() {
        let items = ctx.store.agenda(event.id)?;
        for minutes in ctx.store.minutes(event.id)? {
            let title = items
                .iter()
                .find(|item| item.id == minutes.agenda_item_id)
                .map(|item| item.details.title.clone())
                .unwrap_or_default();
            let place = match lang {
                Lang::Ja => format!("{}「{title}」の講演概要", gathering_label(i, event, lang)),
                Lang::En => format!(
                    "the talk summary of “{title}” ({})",
                    gathering_label(i, event, lang)
                ),
            };
            texts.push((
                FlagSource::talk_summary(minutes.agenda_item_id.0),
                place,
                minutes.text.talk_summary,
            ));
        }
    }
    Ok(texts)
}

/// The passages of the organizer's texts and the talk summaries that name a registered person
/// (not a speaker or organizer), each with the decision a person made about it, if any.
pub fn flags(ctx: &Ctx<'_>) -> Result<Vec<FlaggedPassage>> {
    ctx.require(Permission::DayWork)?;
    let names = private_names(ctx)?;
    let resolutions = ctx.store.report_flag_resolutions()?;
    let mut flags = Vec::new();
    for (source, place, text) in free_texts(ctx)? {
        for (passage, name) in flag_passages(&text, &names) {
            let resolution = resolutions
                .iter()
                .find(|r| r.source == source && r.passage == passage)
                .map(|r| r.resolution.clone());
            flags.push(FlaggedPassage {
                source: source.clone(),
                place: place.clone(),
                passage,
                name,
                resolution,
            });
        }
    }
    Ok(flags)
}

/// A person's decision on a flagged passage.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum FlagDecision {
    /// Publish as written (the person agreed to be named).
    Keep,
    /// Print `text` in the public edition instead.
    Rewrite { text: String },
}

/// Records the acting person's decision on a passage (keep it, or print another text in the
/// public edition). The passage must be one flagged now.
pub fn resolve_flag(
    ctx: &mut Ctx<'_>,
    source: &FlagSource,
    passage: &str,
    decision: FlagDecision,
) -> Result<Vec<FlaggedPassage>> {
    ctx.require(Permission::ExportPersonalData)?;
    let passage = passage.trim();
    if !flags(ctx)?
        .iter()
        .any(|f| &f.source == source && f.passage == passage)
    {
        return Err(AppError::ReportFlagUnknown);
    }
    let decided_by = ctx.operator.name.clone();
    let resolution = match decision {
        FlagDecision::Keep => FlagResolution::Keep { decided_by },
        FlagDecision::Rewrite { text } => FlagResolution::Rewrite {
            text: text.trim().to_string(),
            decided_by,
        },
    };
    let now = ctx.now();
    ctx.store.resolve_report_flag(source, passage, &resolution, now)?;
    flags(ctx)
}

/// What the checks before an export found, for the edition asked.
pub fn check(ctx: &Ctx<'_>, disclosure: Disclosure) -> Result<Vec<ReportIssue>> {
    ctx.require(Permission::DayWork)?;
    let mut issues = Vec::new();
    for section in ReportSection::ALL {
        if ctx.store.report_text(*section)?.trim().is_empty() {
            issues.push(ReportIssue::EmptySection { section: *section });
        }
    }
    let lang = ctx.lang;
    for (i, event) in ctx.store.events()?.iter().enumerate() {
        let label = gathering_label(i, event, lang);
        let minutes = ctx.store.minutes(event.id)?;
        let talks_without: Vec<String> = ctx
            .store
            .agenda(event.id)?
            .iter()
            .filter(|item| item.details.kind.is_talk() && !item.speakers.is_empty())
            .filter(|item| {
                !minutes
                    .iter()
                    .any(|m| m.agenda_item_id == item.id && !m.text.talk_summary.trim().is_empty())
            })
            .map(|item| item.details.title.clone())
            .collect();
        if !talks_without.is_empty() {
            issues.push(ReportIssue::NoSummary {
                event: label.clone(),
                items: talks_without,
            });
        }
        let photos = ctx.store.photos(event.id)?;
        if photos.is_empty() {
            issues.push(ReportIssue::NoPhotos { event: label.clone() });
        }
        let n_private = photos.iter().filter(|p| !p.public_ok).count() as u32;
        if disclosure == Disclosure::Public && n_private > 0 {
            issues.push(ReportIssue::PhotoWithoutConsent {
                event: label.clone(),
                n_photos: n_private,
            });
        }
        let (summary, desk) = counts(ctx, event.id)?;
        let registered = total(&summary, |c| c.n_registered);
        let venue_attended = summary.general_venue.n_attended + summary.stakeholder_venue.n_attended;
        for (what, report, desk) in [
            (lang.pick("申込数", "registrations"), registered, desk.registered),
            (
                lang.pick("会場の受付数", "venue check-ins"),
                venue_attended,
                desk.checked_in,
            ),
        ] {
            if report != desk {
                issues.push(ReportIssue::CountsDiffer {
                    event: label.clone(),
                    what: what.to_string(),
                    report,
                    desk,
                });
            }
        }
    }
    for flag in flags(ctx)? {
        if flag.resolution.is_none() {
            issues.push(ReportIssue::UnresolvedFlag {
                place: flag.place,
                name: flag.name,
            });
        }
    }
    Ok(issues)
}

/// The attendance of an event as the attendance file counts it, and the desk's own counts.
fn counts(ctx: &Ctx<'_>, event_id: EventId) -> Result<(AttendanceSummary, tsudoi_core::DoorStatus)> {
    Ok((
        crate::exchange::attendance_summary(ctx, event_id)?,
        ctx.store.door_status(event_id)?,
    ))
}

fn total(
    summary: &AttendanceSummary,
    pick: impl Fn(&tsudoi_core::attendance::AttendanceCount) -> u32,
) -> u32 {
    [
        summary.general_venue,
        summary.general_online,
        summary.stakeholder_venue,
        summary.stakeholder_online,
    ]
    .iter()
    .map(pick)
    .sum()
}

fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

fn paragraphs_or_none(text: &str, lang: Lang) -> Block {
    if text.trim().is_empty() {
        Block::Note {
            text: lang.pick("（未記入）", "(not written)").to_string(),
        }
    } else {
        Block::Paragraph {
            text: text.trim().to_string(),
        }
    }
}

/// The report laid out for one edition. Refused for the public edition while a flagged passage
/// waits for a decision.
pub fn document(ctx: &Ctx<'_>, disclosure: Disclosure) -> Result<ReportDocument> {
    ctx.require(Permission::DayWork)?;
    let lang = ctx.lang;
    let public = disclosure == Disclosure::Public;
    let flags = flags(ctx)?;
    let n_unresolved = flags.iter().filter(|f| f.resolution.is_none()).count() as u32;
    if public && n_unresolved > 0 {
        return Err(AppError::ReportFlagsUnresolved { n: n_unresolved });
    }
    // The public edition prints each free text with its flagged passages as decided.
    let shown = |source: &FlagSource, text: &str| -> String {
        if public {
            public_text(text, source, &flags)
        } else {
            text.trim().to_string()
        }
    };
    let project = ctx.store.project()?;
    let events = ctx.store.events()?;
    let title = if project.title.trim().is_empty() {
        lang.pick("事業報告書", "Project report").to_string()
    } else {
        project.title.clone()
    };
    let period = project
        .terms
        .period
        .map(|(a, b)| format!("{a} – {b}"))
        .unwrap_or_default();
    let printed_on = ctx.clock.local_now().date().format("%Y-%m-%d").to_string();
    let cover = vec![
        (lang.pick("事業名", "Project").to_string(), title.clone()),
        (
            lang.pick("契約番号", "Contract number").to_string(),
            project.contract_number.clone(),
        ),
        (lang.pick("事業期間", "Period").to_string(), period),
        (
            lang.pick("担当課", "Bureau section").to_string(),
            project.bureau_section.clone(),
        ),
        (
            lang.pick("受託者", "Contractor").to_string(),
            project.contractor.clone(),
        ),
        (lang.pick("作成日", "Made").to_string(), printed_on.clone()),
    ];
    let mut blocks = Vec::new();
    let mut photos = Vec::new();

    blocks.push(heading(1, ReportSection::Outline.label(lang)));
    let outline = ctx.store.report_text(ReportSection::Outline)?;
    blocks.push(paragraphs_or_none(
        &shown(&FlagSource::section(ReportSection::Outline), &outline),
        lang,
    ));
    blocks.push(heading(1, ReportSection::Aims.label(lang)));
    let aims = ctx.store.report_text(ReportSection::Aims)?;
    blocks.push(paragraphs_or_none(
        &shown(&FlagSource::section(ReportSection::Aims), &aims),
        lang,
    ));

    blocks.push(heading(1, lang.pick("開催実績", "The gatherings")));
    let mut attendees_appendix: Vec<Vec<String>> = Vec::new();
    let mut surveys = Vec::new();
    for (i, event) in events.iter().enumerate() {
        let label = gathering_label(i, event, lang);
        blocks.push(heading(2, label.clone()));
        let d = &event.details;
        let venue = [d.venue_name.as_str(), d.venue_address.as_str()]
            .join(" ")
            .trim()
            .to_string();
        blocks.push(Block::Table {
            head: vec![
                lang.pick("項目", "Item").into(),
                lang.pick("内容", "Detail").into(),
            ],
            rows: vec![
                vec![
                    lang.pick("日時", "Date").into(),
                    tsudoi_report::tickets::event_when(event),
                ],
                vec![lang.pick("会場", "Venue").into(), venue],
                vec![
                    lang.pick("開催形式", "Format").into(),
                    d.format.label(lang).into(),
                ],
            ],
        });

        // The programme with its speakers.
        let items = ctx.store.agenda(event.id)?;
        blocks.push(heading(3, lang.pick("プログラム", "Programme")));
        blocks.push(Block::Table {
            head: vec![
                lang.pick("時間", "Time").into(),
                lang.pick("内容", "Item").into(),
                lang.pick("登壇者", "Speakers").into(),
            ],
            rows: items
                .iter()
                .map(|item| {
                    let mut people: Vec<String> = item
                        .speakers
                        .iter()
                        .map(|s| {
                            [
                                s.details.name.as_str(),
                                s.details.organization.as_str(),
                                s.details.title.as_str(),
                            ]
                            .iter()
                            .filter(|t| !t.is_empty())
                            .copied()
                            .collect::<Vec<_>>()
                            .join(" ")
                        })
                        .collect();
                    if let Some(m) = &item.moderator {
                        people.push(format!(
                            "{}: {}",
                            lang.pick("モデレーター", "Moderator"),
                            m.details.name
                        ));
                    }
                    vec![
                        format!(
                            "{}–{}",
                            item.details.starts_at.format("%H:%M"),
                            item.details.ends_at.format("%H:%M")
                        ),
                        format!("{}　{}", item.details.kind.label(lang), item.details.title),
                        people.join(lang.pick("、", ", ")),
                    ]
                })
                .collect(),
        });

        // Attendance: the attendance file's count, the desk's log beside it.
        let (summary, desk) = counts(ctx, event.id)?;
        blocks.push(heading(3, lang.pick("参加状況", "Attendance")));
        let row = |what: &str, c: tsudoi_core::attendance::AttendanceCount| {
            vec![
                what.to_string(),
                c.n_registered.to_string(),
                c.n_attended.to_string(),
            ]
        };
        let all = tsudoi_core::attendance::AttendanceCount {
            n_registered: total(&summary, |c| c.n_registered),
            n_attended: total(&summary, |c| c.n_attended),
        };
        blocks.push(Block::Table {
            head: vec![
                lang.pick("区分", "Group").into(),
                lang.pick("申込", "Registered").into(),
                lang.pick("出席", "Attended").into(),
            ],
            rows: vec![
                row(lang.pick("一般・会場", "General, venue"), summary.general_venue),
                row(
                    lang.pick("一般・オンライン", "General, online"),
                    summary.general_online,
                ),
                row(
                    lang.pick("関係者・会場", "Stakeholders, venue"),
                    summary.stakeholder_venue,
                ),
                row(
                    lang.pick("関係者・オンライン", "Stakeholders, online"),
                    summary.stakeholder_online,
                ),
                row(lang.pick("合計", "Total"), all),
            ],
        });
        blocks.push(Block::Note {
            text: match lang {
                Lang::Ja => format!(
                    "受付の記録: 申込 {} 名・受付 {} 名・当日参加 {} 名（オンラインの出席は参加レポートの取り込みから）",
                    desk.registered, desk.checked_in, desk.walk_ins
                ),
                Lang::En => format!(
                    "The desk's log: {} registered, {} checked in, {} walk-ins (online attendance from the reports imported)",
                    desk.registered, desk.checked_in, desk.walk_ins
                ),
            },
        });
        let by_category: Vec<(String, u32)> = Category::ALL
            .iter()
            .map(|c| {
                (
                    c.label(lang).to_string(),
                    desk.by_category.get(c.as_str()).map_or(0, |g| g.registered),
                )
            })
            .collect();
        let by_category = if public {
            fold_small_groups(
                &by_category,
                lang.pick("その他（3名未満の区分）", "Other (groups under 3)"),
            )
        } else {
            by_category
        };
        blocks.push(Block::Table {
            head: vec![
                lang.pick("参加者区分", "Category").into(),
                lang.pick("申込", "Registered").into(),
            ],
            rows: by_category
                .into_iter()
                .map(|(c, n)| vec![c, n.to_string()])
                .collect(),
        });

        // The talks' summaries from the minutes.
        let minutes = ctx.store.minutes(event.id)?;
        blocks.push(heading(3, lang.pick("講演概要", "Talk summaries")));
        let mut n_talks = 0;
        for item in &items {
            let Some(m) = minutes.iter().find(|m| m.agenda_item_id == item.id) else {
                continue;
            };
            let text = shown(&FlagSource::talk_summary(item.id.0), &m.text.talk_summary);
            if text.is_empty() {
                continue;
            }
            n_talks += 1;
            blocks.push(Block::Paragraph {
                text: format!("【{}】", item.details.title),
            });
            blocks.push(Block::Paragraph { text });
        }
        if n_talks == 0 {
            blocks.push(paragraphs_or_none("", lang));
        }

        // The photos: in the public edition only those people agreed to publish.
        let stored = ctx.store.photos(event.id)?;
        let shown_photos: Vec<_> = stored.iter().filter(|p| !public || p.public_ok).collect();
        if !shown_photos.is_empty() {
            blocks.push(heading(3, lang.pick("写真", "Photos")));
        }
        for photo in shown_photos {
            let extension = if photo.media_type == "image/png" {
                "png"
            } else {
                "jpg"
            };
            let path = format!("/photos/{}-{}.{extension}", event.id.0, photo.id.0);
            photos.push((path.clone(), ctx.store.read_photo(photo)?));
            blocks.push(Block::Photo {
                path,
                caption: photo.caption.clone(),
            });
        }

        // The people, for the internal edition's appendix only.
        if !public {
            for line in ctx.store.attendance_lines(event.id)? {
                let a = &line.attendee.details;
                attendees_appendix.push(vec![
                    format!("{}", i + 1),
                    a.name.clone(),
                    a.organization.clone(),
                    a.category.label(lang).to_string(),
                    line.attended_mode().label(lang).to_string(),
                    if line.attended() { "○" } else { "" }.to_string(),
                    a.email.clone(),
                    a.phone.clone(),
                ]);
            }
        }
        surveys.push((label, event.clone()));
    }

    // The survey's results, with the survey report's own charts and tables.
    blocks.push(heading(1, lang.pick("アンケート結果", "Survey results")));
    let names = private_names(ctx)?;
    let mut questionnaires = Vec::new();
    for (label, event) in &surveys {
        let overview = crate::survey::results(ctx, event.id)?;
        if overview.version.is_none() {
            continue;
        }
        blocks.push(heading(2, label.clone()));
        let mut withheld: Vec<(usize, Vec<String>)> = Vec::new();
        if public {
            for (i, q) in overview.results.questions.iter().enumerate() {
                let texts: Vec<String> = q
                    .texts
                    .iter()
                    .filter(|t| names_a_person(t, &names))
                    .cloned()
                    .collect();
                if !texts.is_empty() {
                    withheld.push((i, texts));
                }
            }
        }
        let hearings = crate::survey::hearing_summary(ctx, Some(event.id), public)?;
        let survey = tsudoi_report::survey::SurveyReport {
            lang,
            event_title: &event.details.title,
            event_date: event.details.date.format("%Y-%m-%d").to_string(),
            public,
            results: &overview.results,
            rate: &overview.rate,
            by_category: &overview.by_category,
            by_mode: &overview.by_mode,
            withheld,
            hearings: &hearings,
            printed_on: printed_on.clone(),
        };
        blocks.extend(tsudoi_report::project_report::survey_blocks(&survey, 3)?);
        if let Some(q) = crate::survey::questionnaire(ctx, event.id)? {
            questionnaires.push((label.clone(), q.questionnaire));
        }
    }
    if questionnaires.is_empty() {
        blocks.push(paragraphs_or_none("", lang));
    }

    // The hearings' findings by tag.
    blocks.push(heading(
        1,
        lang.pick("ヒアリング結果（テーマ別）", "Hearings (by tag)"),
    ));
    let tags = crate::survey::hearing_summary(ctx, None, public)?;
    if tags.is_empty() {
        blocks.push(paragraphs_or_none("", lang));
    }
    for tag in tags {
        blocks.push(heading(2, tag.tag.clone()));
        blocks.push(Block::Note {
            text: match lang {
                Lang::Ja => format!("ヒアリング {} 件", tag.n_hearings),
                Lang::En => format!("{} hearings", tag.n_hearings),
            },
        });
        for quote in tag.quotes {
            blocks.push(Block::Paragraph {
                text: match &quote.said_by {
                    Some(who) if !public => format!("「{}」— {who}", quote.text),
                    _ => format!("「{}」", quote.text),
                },
            });
        }
    }

    blocks.push(heading(1, ReportSection::Measures.label(lang)));
    let measures = ctx.store.report_text(ReportSection::Measures)?;
    blocks.push(paragraphs_or_none(
        &shown(&FlagSource::section(ReportSection::Measures), &measures),
        lang,
    ));

    // Appendices: the questionnaires (the programmes stand in each gathering's section), and in
    // the internal edition the people who registered.
    blocks.push(Block::PageBreak);
    blocks.push(heading(1, lang.pick("付録", "Appendices")));
    blocks.push(heading(
        2,
        lang.pick("付録A アンケート調査票", "Appendix A: the questionnaires"),
    ));
    for (label, questionnaire) in &questionnaires {
        blocks.push(heading(3, label.clone()));
        blocks.push(Block::Table {
            head: vec![
                lang.pick("設問", "Question").into(),
                lang.pick("形式", "Kind").into(),
                lang.pick("選択肢", "Choices").into(),
            ],
            rows: questionnaire
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    vec![
                        format!("Q{} {}", i + 1, q.text),
                        q.kind.label(lang).to_string(),
                        q.choices.join(lang.pick("／", " / ")),
                    ]
                })
                .collect(),
        });
    }
    if !public {
        blocks.push(heading(
            2,
            lang.pick(
                "付録B 参加者一覧（非公表）",
                "Appendix B: the people registered (internal)",
            ),
        ));
        blocks.push(Block::Table {
            head: vec![
                lang.pick("回", "#").into(),
                lang.pick("氏名", "Name").into(),
                lang.pick("所属", "Organisation").into(),
                lang.pick("区分", "Category").into(),
                lang.pick("参加方法", "Mode").into(),
                lang.pick("出席", "Attended").into(),
                lang.pick("メール", "Email").into(),
                lang.pick("電話", "Phone").into(),
            ],
            rows: attendees_appendix,
        });
    }

    Ok(ReportDocument {
        lang,
        disclosure,
        subtitle: match lang {
            Lang::Ja => format!("事業報告書（{}）", disclosure.label()),
            Lang::En => format!("Project report ({})", disclosure.header(lang)),
        },
        title,
        cover,
        printed_on,
        blocks,
        photos,
    })
}

/// The formats of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Pdf,
    Docx,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Docx => "docx",
        }
    }

    /// Reads `pdf` or `docx` (any case).
    pub fn parse(word: &str) -> Option<ReportFormat> {
        match word.trim().to_ascii_lowercase().as_str() {
            "pdf" => Some(ReportFormat::Pdf),
            "docx" | "word" => Some(ReportFormat::Docx),
            _ => None,
        }
    }
}

/// What an export wrote, and what the checks said.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportExport {
    pub files: Vec<String>,
    pub issues: Vec<ReportIssue>,
    /// The checks' findings in the reader's language.
    pub messages: Vec<String>,
}

/// Writes the editions asked for in the formats asked for into `dir`
/// (`事業報告書_公表用.pdf`, `事業報告書_非公表用.docx` …), each edition whole or not at all and
/// logged as an export. The public edition is refused while a flagged passage waits; nothing is
/// written then, not even the internal edition.
pub fn export(
    ctx: &mut Ctx<'_>,
    dir: &Path,
    editions: &[Disclosure],
    formats: &[ReportFormat],
    replace: Replace,
) -> Result<ReportExport> {
    let mut issues = Vec::new();
    for edition in editions {
        for issue in check(ctx, *edition)? {
            if !issues.contains(&issue) {
                issues.push(issue);
            }
        }
    }
    if editions.contains(&Disclosure::Public) {
        let n = issues.iter().filter(|i| i.blocks_public()).count() as u32;
        if n > 0 {
            return Err(AppError::ReportFlagsUnresolved { n });
        }
    }
    let mut files = Vec::new();
    for edition in editions {
        let written = exported(ctx, AuditAction::ProjectReportExport, None, |ctx| {
            let document = document(ctx, *edition)?;
            let mut output = FolderOutput::new(dir);
            let mut names = Vec::new();
            for format in formats {
                let bytes = match format {
                    ReportFormat::Pdf => tsudoi_report::project_report::project_report_pdf(&document)?,
                    ReportFormat::Docx => tsudoi_report::docx::project_report_docx(&document)?,
                };
                let name = BureauDocument::ProjectReport.file_name(*edition, ctx.lang, format.extension());
                names.push(logged_path(&output.add(name, bytes)));
            }
            let written = output.write(replace)?;
            // The internal edition lists every registered person; the public one names speakers
            // and organizers only.
            let n_people = if *edition == Disclosure::Internal {
                let mut n = 0;
                for event in ctx.store.events()? {
                    n += ctx.store.attendance_lines(event.id)?.len() as u32;
                }
                n
            } else {
                0
            };
            Ok(Written {
                value: names,
                n_people,
                target: dir.to_path_buf(),
                detail: AuditDetail::Documents {
                    formats: formats
                        .iter()
                        .map(|f| f.extension())
                        .collect::<Vec<_>>()
                        .join(", "),
                    public: Some(*edition == Disclosure::Public),
                    photos: Some(document.photos.len() as u32),
                }
                .encode(),
                files: written,
            })
        })?;
        files.extend(written);
    }
    let lang = ctx.lang;
    Ok(ReportExport {
        files,
        messages: issues.iter().map(|i| i.message(lang)).collect(),
        issues,
    })
}

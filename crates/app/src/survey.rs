//! The survey (アンケート) and the hearings (ヒアリング): the questionnaire, answers from a Forms
//! export, paper sheets and the kiosk, the results, the exports, and the hearing records.
//!
//! A Forms import reads the file, plans it (core's `plan_forms`), reads each row against the
//! questionnaire version the file asks, and has the store add the rows and the privacy-log line
//! in one transaction. Rows that cannot be read (a choice not on the list, 7 on a 1–5 scale, an
//! answer after the closing date) are reported by row number and left out, never guessed; rows
//! already imported are counted as unchanged, so importing the same file again changes nothing.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tsudoi_core::handler::Permission;
use tsudoi_core::hearing::{summarize_by_tag, HearingDraft, TagSummary};
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::survey::{
    cross_tabulate, plan_forms, read_forms_row, response_rate, tabulate, AboutYou, AnswerSource, CrossTable,
    FormsPlan, Grouping, QuestionKind, Questionnaire, Response, ResponseRate, SurveyResults,
};
use tsudoi_core::{EventId, Localized};
use tsudoi_exchange::survey::{parse_submitted_at, read_answer_rows};
use tsudoi_exchange::Sheet;
use tsudoi_store::{AddedResponses, AuditRecord, Hearing, NewResponse, StoredQuestionnaire, StoredResponse};

use crate::audit::change_record;
use crate::{AppError, Ctx, Result};

/// Reads a file to import, refusing one beyond the size any import reads.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    let limit = tsudoi_core::limits::MAX_FILE_BYTES;
    let bytes = std::fs::metadata(path).map_err(AppError::io(path))?.len();
    if bytes > limit {
        return Err(tsudoi_exchange::ImportError::TooLarge { bytes, limit }.into());
    }
    std::fs::read(path).map_err(AppError::io(path))
}

/// What a person decided about a Forms file (all optional: the guess stands otherwise).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct SurveyImportOptions {
    /// The kind of each question, in order, when the event has no questionnaire yet (the
    /// preview's guesses, changed where the person disagreed).
    pub kinds: Option<Vec<QuestionKind>>,
    /// The survey's last day: answers sent after it are reported and left out.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub closes_on: Option<NaiveDate>,
    /// The form was changed: its questions become the questionnaire's next version.
    pub new_version: bool,
    /// Only say what the import would do.
    pub dry_run: bool,
}

/// Why a row was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RowNoteKind {
    /// A cell is not an answer to its question: the row is left out.
    Unreadable,
    /// Sent after the closing date: the row is left out.
    Late,
    /// An answer to an older version of the questionnaire: kept under that version.
    OlderVersion,
    /// The time it was sent cannot be read, so the closing date cannot be checked: kept.
    UnknownTime,
}

/// A row of the file that was not simply added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowNote {
    pub row: u32,
    pub kind: RowNoteKind,
    pub message: String,
}

/// A question as the import reads it: its kind (guessed or kept) and its choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedQuestion {
    pub text: String,
    pub kind: QuestionKind,
    pub choices: Vec<String>,
}

/// What a Forms import did (or, on a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SurveyImport {
    /// The questionnaire version the rows are for.
    pub version: u32,
    /// Whether the import made the questionnaire (or its new version) from the file's headers.
    pub made_questionnaire: bool,
    pub questions: Vec<PlannedQuestion>,
    pub added: u32,
    pub unchanged: u32,
    pub left_out: u32,
    pub rows: Vec<RowNote>,
    pub dry_run: bool,
}

fn planned(questionnaire: &Questionnaire) -> Vec<PlannedQuestion> {
    questionnaire
        .questions
        .iter()
        .map(|q| PlannedQuestion {
            text: q.text.clone(),
            kind: q.kind,
            choices: q.choices.clone(),
        })
        .collect()
}

/// Which stored version a file is for, or the questionnaire the import makes.
enum Target {
    Stored(StoredQuestionnaire),
    /// A new questionnaire (or new version) from the file's headers.
    New(Questionnaire),
}

/// Reads a Forms answers export into the event. See the module's comment for the rules.
pub fn import_answers(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
    options: &SurveyImportOptions,
) -> Result<SurveyImport> {
    ctx.require(Permission::ImportPersonalData)?;
    ctx.store.event(event_id)?;
    let bytes = read_file(path)?;
    let file = read_answer_rows(&Sheet::read(&bytes)?)?;
    let cells: Vec<Vec<String>> = file.rows.iter().map(|(_, c)| c.clone()).collect();
    let mut plan: FormsPlan = plan_forms(&file.header, &cells);
    if let Some(kinds) = &options.kinds {
        plan = plan.with_kinds(kinds, &cells);
    }
    let versions = ctx.store.questionnaire_versions(event_id)?;
    let target = match versions.last() {
        None => Target::New(plan.questionnaire.clone()),
        Some(latest) if plan.columns_for(&latest.questionnaire).is_some() => Target::Stored(latest.clone()),
        Some(latest) => match versions
            .iter()
            .rev()
            .find(|v| plan.columns_for(&v.questionnaire).is_some())
        {
            Some(older) => Target::Stored(older.clone()),
            None if options.new_version => Target::New(plan.questionnaire.clone()),
            None => {
                return Err(tsudoi_store::StoreError::from(plan.differences(&latest.questionnaire)).into())
            }
        },
    };
    let latest_version = versions.last().map_or(0, |v| v.questionnaire.version);
    let lang = ctx.lang;
    let (questionnaire, stored_id, made) = match target {
        Target::Stored(stored) => (stored.questionnaire.clone(), Some(stored.id), false),
        Target::New(questionnaire) => {
            let questionnaire = questionnaire
                .normalized()
                .map_err(tsudoi_store::StoreError::from)?;
            if options.dry_run {
                (questionnaire, None, true)
            } else {
                let actor = ctx.operator.name.clone();
                let now = ctx.now();
                let stored = ctx
                    .store
                    .save_questionnaire(event_id, questionnaire, &actor, now)?;
                (stored.questionnaire.clone(), Some(stored.id), true)
            }
        }
    };
    let version = if made && options.dry_run {
        latest_version + 1
    } else {
        questionnaire.version
    };
    let columns = plan
        .columns_for(&questionnaire)
        .ok_or_else(|| tsudoi_store::StoreError::from(plan.differences(&questionnaire)))?;
    let mut notes = Vec::new();
    let mut news = Vec::new();
    for (number, row) in &file.rows {
        let read = match read_forms_row(&plan, &columns, &questionnaire, row) {
            Ok(read) => read,
            Err(error) => {
                notes.push(RowNote {
                    row: *number,
                    kind: RowNoteKind::Unreadable,
                    message: error.message(lang),
                });
                continue;
            }
        };
        if let Some(closes_on) = options.closes_on {
            let sent = parse_submitted_at(&read.submitted_at);
            if sent.is_none() {
                notes.push(RowNote {
                    row: *number,
                    kind: RowNoteKind::UnknownTime,
                    message: match lang {
                        tsudoi_core::Lang::Ja => format!(
                            "送信時刻「{}」が読めないため、締切（{closes_on}）を過ぎたか確かめられません。取り込みました。",
                            read.submitted_at
                        ),
                        tsudoi_core::Lang::En => format!(
                            "The time sent “{}” cannot be read, so the closing date ({closes_on}) cannot be checked; imported.",
                            read.submitted_at
                        ),
                    },
                });
            }
            if let Some(sent) = sent.filter(|t| t.date() > closes_on) {
                notes.push(RowNote {
                    row: *number,
                    kind: RowNoteKind::Late,
                    message: match lang {
                        tsudoi_core::Lang::Ja => format!(
                            "{} に送信された回答で、締切（{closes_on}）を過ぎています。取り込んでいません。",
                            sent.format("%Y-%m-%d %H:%M")
                        ),
                        tsudoi_core::Lang::En => format!(
                            "Sent {} after the closing date ({closes_on}); not imported.",
                            sent.format("%Y-%m-%d %H:%M")
                        ),
                    },
                });
                continue;
            }
        }
        if !made && questionnaire.version < latest_version {
            notes.push(RowNote {
                row: *number,
                kind: RowNoteKind::OlderVersion,
                message: match lang {
                    tsudoi_core::Lang::Ja => format!(
                        "アンケートの第{}版への回答です（現在は第{latest_version}版）。第{}版の回答として取り込みます。",
                        questionnaire.version, questionnaire.version
                    ),
                    tsudoi_core::Lang::En => format!(
                        "An answer to version {} of the questionnaire (now version {latest_version}); kept as such.",
                        questionnaire.version
                    ),
                },
            });
        }
        news.push(NewResponse {
            questionnaire_id: stored_id.unwrap_or(0),
            source: AnswerSource::Forms,
            sheet_number: None,
            row_key: Some(read.row_key),
            submitted_at: read.submitted_at,
            response: read.response,
        });
    }
    let left_out = notes
        .iter()
        .filter(|n| matches!(n.kind, RowNoteKind::Unreadable | RowNoteKind::Late))
        .count() as u32;
    let done = if options.dry_run {
        AddedResponses {
            added: news.len() as u32,
            unchanged: 0,
        }
    } else {
        let actor = ctx.operator.name.clone();
        let file_name = crate::audit::logged_path(path);
        let detail = |done: AddedResponses| {
            AuditDetail::SurveyImport {
                added: done.added,
                unchanged: done.unchanged,
                left_out,
            }
            .encode()
        };
        let record = AuditRecord {
            actor: &actor,
            action: AuditAction::SurveyImport,
            event_id: Some(event_id),
            n_people: 0,
            file: &file_name,
            detail: "",
        };
        let now = ctx.now();
        ctx.store
            .add_survey_responses(event_id, &news, Some((&record, &detail)), now)?
    };
    Ok(SurveyImport {
        version,
        made_questionnaire: made,
        questions: planned(&questionnaire),
        added: done.added,
        unchanged: done.unchanged,
        left_out,
        rows: notes,
        dry_run: options.dry_run,
    })
}

/// The event's questionnaire (its current version), if it has one.
pub fn questionnaire(ctx: &Ctx<'_>, event_id: EventId) -> Result<Option<StoredQuestionnaire>> {
    Ok(ctx.store.questionnaire(event_id)?)
}

/// Keeps the event's questionnaire; once answered, a change becomes the next version.
pub fn save_questionnaire(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    questionnaire: Questionnaire,
) -> Result<StoredQuestionnaire> {
    ctx.require(Permission::DayWork)?;
    let actor = ctx.operator.name.clone();
    let now = ctx.now();
    Ok(ctx
        .store
        .save_questionnaire(event_id, questionnaire, &actor, now)?)
}

/// Reads questions from a JSON file (a list of core's `Question`). A file that is not such a
/// list is refused with what was wrong.
pub fn read_questions_file(path: &Path) -> Result<Questionnaire> {
    let bytes = read_file(path)?;
    let questions: Vec<tsudoi_core::survey::Question> = serde_json::from_slice(&bytes).map_err(|e| {
        tsudoi_store::StoreError::from(tsudoi_core::survey::SurveyError::BadQuestionsFile(e.to_string()))
    })?;
    Ok(Questionnaire {
        version: 0,
        questions,
    })
}

/// Keeps the event's questions read from a JSON file ([`read_questions_file`]), as
/// [`save_questionnaire`] does.
pub fn save_questionnaire_file(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
) -> Result<StoredQuestionnaire> {
    let questionnaire = read_questions_file(path)?;
    save_questionnaire(ctx, event_id, questionnaire)
}

/// The built-in questionnaire (satisfaction, what helped, coming again, comments, and the
/// optional "about you" block: category, prefecture, company size), to start from or keep as is.
pub fn standard_questionnaire() -> Questionnaire {
    tsudoi_core::survey::standard_questionnaire()
}

/// The questionnaire shared by the project's gatherings (its current version), if there is one.
/// An event without a questionnaire of its own answers this one.
pub fn shared_questionnaire(ctx: &Ctx<'_>) -> Result<Option<StoredQuestionnaire>> {
    Ok(ctx.store.shared_questionnaire()?)
}

/// Keeps the questionnaire shared by both gatherings; once answered, a change becomes the next
/// version.
pub fn save_shared_questionnaire(
    ctx: &mut Ctx<'_>,
    questionnaire: Questionnaire,
) -> Result<StoredQuestionnaire> {
    ctx.require(Permission::DayWork)?;
    let actor = ctx.operator.name.clone();
    let now = ctx.now();
    Ok(ctx.store.save_shared_questionnaire(questionnaire, &actor, now)?)
}

/// What entering a paper sheet did: its number, how many sheets are in, the next number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaperEntry {
    pub sheet_number: u32,
    pub n_sheets: u32,
    pub next_sheet: u32,
}

fn current_questionnaire(ctx: &Ctx<'_>, event_id: EventId) -> Result<StoredQuestionnaire> {
    ctx.store
        .questionnaire(event_id)?
        .ok_or_else(|| tsudoi_store::StoreError::NoQuestionnaire(event_id.0).into())
}

/// Enters one paper sheet (the next number when none is given). A blank sheet is allowed; the
/// same number twice is refused.
pub fn enter_paper_sheet(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    sheet_number: Option<u32>,
    response: Response,
) -> Result<PaperEntry> {
    ctx.require(Permission::DayWork)?;
    let questionnaire = current_questionnaire(ctx, event_id)?;
    let sheet_number = match sheet_number {
        Some(n) => n,
        None => ctx.store.paper_sheets(event_id)?.1,
    };
    let new = NewResponse {
        questionnaire_id: questionnaire.id,
        source: AnswerSource::Paper,
        sheet_number: Some(sheet_number),
        row_key: None,
        submitted_at: String::new(),
        response,
    };
    let now = ctx.now();
    ctx.store.add_survey_responses(event_id, &[new], None, now)?;
    let (n_sheets, next_sheet) = ctx.store.paper_sheets(event_id)?;
    Ok(PaperEntry {
        sheet_number,
        n_sheets,
        next_sheet,
    })
}

/// Enters one paper sheet as typed: one cell per question in order (blank cells for blank
/// answers), choices by their number on the sheet or their text ([`Question::read_keyed`]).
///
/// [`Question::read_keyed`]: tsudoi_core::survey::Question::read_keyed
pub fn enter_typed_sheet(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    sheet_number: Option<u32>,
    category: Option<tsudoi_core::Category>,
    mode: Option<tsudoi_core::AttendanceMode>,
    cells: &[String],
) -> Result<PaperEntry> {
    let questionnaire = current_questionnaire(ctx, event_id)?;
    let questions = &questionnaire.questionnaire.questions;
    if cells.len() > questions.len() {
        return Err(
            tsudoi_store::StoreError::from(tsudoi_core::survey::SurveyError::AnswerCount {
                expected: questions.len(),
                found: cells.len(),
            })
            .into(),
        );
    }
    let answers = questions
        .iter()
        .enumerate()
        .map(|(i, q)| q.read_keyed(cells.get(i).map_or("", String::as_str)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(tsudoi_store::StoreError::from)?;
    let response = Response {
        category,
        mode,
        answers,
    };
    enter_paper_sheet(ctx, event_id, sheet_number, response)
}

/// Who scanned their ticket at the kiosk, in the survey's terms only (never a name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KioskVisitor {
    pub category: tsudoi_core::Category,
    pub mode: tsudoi_core::AttendanceMode,
}

fn ticket_fingerprint(token: &tsudoi_core::TicketToken) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_str().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads a ticket scanned at the kiosk before the questions: its person's category and way of
/// attending. Refused when the ticket is not a standing registration of this event, or already
/// answered (one answer per attendee).
pub fn kiosk_ticket(ctx: &Ctx<'_>, event_id: EventId, scanned: &str) -> Result<KioskVisitor> {
    let token = tsudoi_core::TicketToken::parse(scanned).map_err(|_| AppError::KioskTicketUnknown)?;
    let Some((category, mode)) = ctx.store.kiosk_visitor(event_id, &token)? else {
        return Err(AppError::KioskTicketUnknown);
    };
    if ctx
        .store
        .kiosk_ticket_used(event_id, &ticket_fingerprint(&token))?
    {
        return Err(tsudoi_store::StoreError::TicketAlreadyAnswered.into());
    }
    Ok(KioskVisitor { category, mode })
}

/// Keeps one answer given at the kiosk: anonymous (the category and mode at most). With a
/// scanned ticket the answer takes its person's category and way of attending (never the name)
/// and the ticket cannot answer again; without one it stays anonymous, as it always may.
pub fn kiosk_answer(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    response: Response,
    ticket: Option<&str>,
) -> Result<u32> {
    let questionnaire = current_questionnaire(ctx, event_id)?;
    let mut new = NewResponse {
        questionnaire_id: questionnaire.id,
        source: AnswerSource::Kiosk,
        sheet_number: None,
        row_key: None,
        submitted_at: ctx.clock.local_now().format("%Y-%m-%d %H:%M").to_string(),
        response,
    };
    let now = ctx.now();
    match ticket.map(str::trim).filter(|t| !t.is_empty()) {
        Some(scanned) => {
            let visitor = kiosk_ticket(ctx, event_id, scanned)?;
            let token = tsudoi_core::TicketToken::parse(scanned).map_err(|_| AppError::KioskTicketUnknown)?;
            new.response.category = Some(visitor.category);
            new.response.mode = Some(visitor.mode);
            ctx.store
                .add_kiosk_response_with_ticket(event_id, &new, &ticket_fingerprint(&token), now)?;
        }
        None => {
            ctx.store.add_survey_responses(event_id, &[new], None, now)?;
        }
    }
    Ok(ctx.store.survey_responses(event_id)?.len() as u32)
}

/// How many answers each version and each source has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnswerCount {
    pub label: String,
    pub n: u32,
}

/// The results of an event's survey: the figures per question (every version's answers put in
/// the current version's terms), the response rate, the cross-tabulations (small groups
/// folded), and how many answers each version and source has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SurveyOverview {
    /// The current version (none: no questionnaire yet).
    pub version: Option<u32>,
    #[serde(flatten)]
    pub results: SurveyResults,
    pub rate: ResponseRate,
    pub by_category: Vec<CrossTable>,
    pub by_mode: Vec<CrossTable>,
    /// By the prefecture answered in the "about you" block (empty without that question).
    pub by_prefecture: Vec<CrossTable>,
    /// By the company size answered in the "about you" block (empty without that question).
    pub by_company_size: Vec<CrossTable>,
    pub by_version: Vec<AnswerCount>,
    pub by_source: Vec<AnswerCount>,
}

/// The current questionnaire, and every answer's stored row (where it came from; its answers
/// moved out) beside its answers in the current version's terms.
pub(crate) type InCurrentTerms = (Questionnaire, Vec<(StoredResponse, Response)>);

/// The current questionnaire and every answer in its terms, with each answer's version.
pub(crate) fn answers_in_current_terms(ctx: &Ctx<'_>, event_id: EventId) -> Result<Option<InCurrentTerms>> {
    let versions = ctx.store.questionnaire_versions(event_id)?;
    let Some(current) = versions.last() else {
        return Ok(None);
    };
    let stored = ctx.store.survey_responses(event_id)?;
    let responses = stored
        .into_iter()
        .map(|mut r| {
            // The answer moves to the second place; the stored row keeps where it came from.
            let mapped = match versions.iter().find(|v| v.id == r.questionnaire_id) {
                Some(v) if v.id != current.id => v.questionnaire.remap(&r.response, &current.questionnaire),
                _ => std::mem::take(&mut r.response),
            };
            (r, mapped)
        })
        .collect();
    Ok(Some((current.questionnaire.clone(), responses)))
}

/// The checked-in (venue) and attended (online) counts of an event, for the response rate.
fn attended(ctx: &Ctx<'_>, event_id: EventId) -> Result<(u32, u32)> {
    let summary = crate::exchange::attendance_summary(ctx, event_id)?;
    let n_checked_in = summary.general_venue.n_attended + summary.stakeholder_venue.n_attended;
    let n_online = summary.general_online.n_attended + summary.stakeholder_online.n_attended;
    Ok((n_checked_in, n_online))
}

fn empty_overview(rate: ResponseRate) -> SurveyOverview {
    SurveyOverview {
        version: None,
        results: SurveyResults {
            responses: 0,
            questions: Vec::new(),
        },
        rate,
        by_category: Vec::new(),
        by_mode: Vec::new(),
        by_prefecture: Vec::new(),
        by_company_size: Vec::new(),
        by_version: Vec::new(),
        by_source: Vec::new(),
    }
}

/// The overview of answers already in the questionnaire's terms: the figures, the rate against
/// the people who could answer, the cross-tabulations (by category, mode, prefecture and company
/// size; small groups folded) and the counts by version and source.
fn overview_of(
    ctx: &Ctx<'_>,
    questionnaire: &Questionnaire,
    answers: Vec<(StoredResponse, Response)>,
    (n_checked_in, n_online): (u32, u32),
) -> SurveyOverview {
    let (stored, mut responses): (Vec<StoredResponse>, Vec<Response>) = answers.into_iter().unzip();
    // An anonymous answer's "about you" category counts under its category too.
    for response in &mut responses {
        response.category = questionnaire.category_of(response);
    }
    let count_by = |label: &dyn Fn(&StoredResponse) -> String| {
        let mut counts: Vec<AnswerCount> = Vec::new();
        for stored in &stored {
            let key = label(stored);
            match counts.iter_mut().find(|c| c.label == key) {
                Some(c) => c.n += 1,
                None => counts.push(AnswerCount { label: key, n: 1 }),
            }
        }
        counts
    };
    let by_answer = |about: AboutYou| match about.find(questionnaire) {
        Some(index) => cross_tabulate(questionnaire, &responses, Grouping::Answer(index)),
        None => Vec::new(),
    };
    let lang = ctx.lang;
    SurveyOverview {
        version: Some(questionnaire.version),
        results: tabulate(questionnaire, &responses),
        rate: response_rate(&responses, n_checked_in, n_online),
        by_category: cross_tabulate(questionnaire, &responses, Grouping::Category),
        by_mode: cross_tabulate(questionnaire, &responses, Grouping::Mode),
        by_prefecture: by_answer(AboutYou::Prefecture),
        by_company_size: by_answer(AboutYou::CompanySize),
        by_version: count_by(&|r| match lang {
            tsudoi_core::Lang::Ja => format!("第{}版", r.version),
            tsudoi_core::Lang::En => format!("version {}", r.version),
        }),
        by_source: count_by(&|r| r.source.label(lang).to_string()),
    }
}

/// The results of the event's survey; only for people on the roster (the free texts may say
/// more than a count does). With the shared questionnaire, this gathering's answers alone.
pub fn results(ctx: &Ctx<'_>, event_id: EventId) -> Result<SurveyOverview> {
    ctx.require(Permission::DayWork)?;
    ctx.store.event(event_id)?;
    let counts = attended(ctx, event_id)?;
    let Some((questionnaire, answers)) = answers_in_current_terms(ctx, event_id)? else {
        return Ok(empty_overview(response_rate(&[], counts.0, counts.1)));
    };
    Ok(overview_of(ctx, &questionnaire, answers, counts))
}

/// The results of the shared questionnaire over every gathering that answered it, together
/// (older versions' answers in the current version's terms); the response rate is against the
/// people of those gatherings together.
pub fn results_together(ctx: &Ctx<'_>) -> Result<SurveyOverview> {
    ctx.require(Permission::DayWork)?;
    let versions = ctx.store.shared_questionnaire_versions()?;
    let Some(current) = versions.last() else {
        return Ok(empty_overview(response_rate(&[], 0, 0)));
    };
    let mut answers = Vec::new();
    let mut events: Vec<EventId> = Vec::new();
    for (event, mut stored) in ctx.store.shared_survey_responses()? {
        if !events.contains(&event) {
            events.push(event);
        }
        let mapped = match versions.iter().find(|v| v.id == stored.questionnaire_id) {
            Some(v) if v.id != current.id => v.questionnaire.remap(&stored.response, &current.questionnaire),
            _ => std::mem::take(&mut stored.response),
        };
        answers.push((stored, mapped));
    }
    let mut counts = (0, 0);
    for event in events {
        let (venue, online) = attended(ctx, event)?;
        counts = (counts.0 + venue, counts.1 + online);
    }
    Ok(overview_of(ctx, &current.questionnaire, answers, counts))
}

/// Records a hearing. Any signed-in handler may; the privacy log names the record's number.
pub fn add_hearing(ctx: &mut Ctx<'_>, draft: HearingDraft) -> Result<Hearing> {
    ctx.require(Permission::DayWork)?;
    let actor = ctx.operator.name.clone();
    let event = draft.event_id.map(EventId);
    let record = change_record(&actor, AuditAction::HearingRecord, event, 1, "", "");
    let now = ctx.now();
    Ok(ctx.store.add_hearing(draft, &record, now)?)
}

/// The hearings (of one event, or all); only for people on the roster.
pub fn hearings(ctx: &Ctx<'_>, event_id: Option<EventId>) -> Result<Vec<Hearing>> {
    ctx.require(Permission::DayWork)?;
    Ok(ctx.store.hearings(event_id)?)
}

/// The hearings summed up by tag: for a public summary only publishable quotes of people who
/// consented, without names.
pub fn hearing_summary(ctx: &Ctx<'_>, event_id: Option<EventId>, public: bool) -> Result<Vec<TagSummary>> {
    ctx.require(Permission::DayWork)?;
    let drafts: Vec<HearingDraft> = ctx
        .store
        .hearings(event_id)?
        .into_iter()
        .map(|h| h.details)
        .collect();
    Ok(summarize_by_tag(&drafts, public))
}

/// The file name of a survey document when a folder is chosen: the edition is in the name.
pub fn document_file_name(kind: SurveyDocument, public: bool, lang: tsudoi_core::Lang) -> String {
    use tsudoi_core::document::{BureauDocument, Disclosure};
    let asked = Disclosure::from_public(public);
    match kind {
        SurveyDocument::Report => BureauDocument::SurveyReport.file_name(asked, lang, "pdf"),
        SurveyDocument::Workbook => BureauDocument::SurveyWorkbook.file_name(asked, lang, "xlsx"),
        SurveyDocument::PaperForm => BureauDocument::SurveyForm.file_name(asked, lang, "pdf"),
    }
}

/// The survey's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyDocument {
    Report,
    Workbook,
    PaperForm,
}

/// Where a document goes: `path` itself, or the document's name in the folder `path`.
pub(crate) fn target_path(
    path: &Path,
    kind: SurveyDocument,
    public: bool,
    lang: tsudoi_core::Lang,
) -> PathBuf {
    if path.is_dir() && !path.is_symlink() {
        path.join(document_file_name(kind, public, lang))
    } else {
        path.to_path_buf()
    }
}

/// A free text that names a registered person: left out of public documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FlaggedText {
    pub question: String,
    pub text: String,
}

/// What writing a survey document did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SurveyExport {
    pub file: String,
    /// Free texts naming a registered person (left out of a public document).
    pub flagged: Vec<FlaggedText>,
}

/// The free texts that name one of the event's registered people, by question index.
fn flagged_texts(
    ctx: &Ctx<'_>,
    event_id: EventId,
    overview: &SurveyOverview,
) -> Result<Vec<(usize, FlaggedText)>> {
    let names: Vec<String> = ctx
        .store
        .attendance_lines(event_id)?
        .into_iter()
        .map(|line| line.attendee.details.name)
        .collect();
    let mut flagged = Vec::new();
    for (i, question) in overview.results.questions.iter().enumerate() {
        for text in &question.texts {
            if tsudoi_core::survey::names_a_person(text, &names) {
                flagged.push((
                    i,
                    FlaggedText {
                        question: question.text.clone(),
                        text: text.clone(),
                    },
                ));
            }
        }
    }
    Ok(flagged)
}

fn edition_detail(format: &str, public: bool) -> String {
    AuditDetail::Documents {
        formats: format.into(),
        public: Some(public),
        photos: None,
    }
    .encode()
}

/// What a survey document is drawn from: the event, its results, and the free texts naming a
/// registered person (by question index).
struct DocumentInputs<'a> {
    event: &'a tsudoi_core::Event,
    overview: &'a SurveyOverview,
    flagged: &'a [(usize, FlaggedText)],
}

/// The one path of the survey's exports (the workbook and the report): the file checked, the
/// results and the flagged free texts gathered, the document drawn by `draw`, written whole and
/// logged as an export with its edition.
fn export_document(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
    public: bool,
    replace: crate::output::Replace,
    kind: SurveyDocument,
    draw: impl FnOnce(&Ctx<'_>, DocumentInputs<'_>) -> Result<Vec<u8>>,
) -> Result<SurveyExport> {
    let path = target_path(path, kind, public, ctx.lang);
    let format = match kind {
        SurveyDocument::Workbook => "xlsx",
        SurveyDocument::Report | SurveyDocument::PaperForm => "pdf",
    };
    crate::audit::exported(ctx, AuditAction::SurveyExport, Some(event_id), |ctx| {
        crate::output::check_file(&path, replace)?;
        let event = ctx.store.event(event_id)?;
        let overview = results(ctx, event_id)?;
        let flagged = flagged_texts(ctx, event_id, &overview)?;
        let bytes = draw(
            ctx,
            DocumentInputs {
                event: &event,
                overview: &overview,
                flagged: &flagged,
            },
        )?;
        let written = crate::output::write_file(&path, &bytes, replace)?;
        Ok(crate::audit::Written {
            value: SurveyExport {
                file: crate::audit::logged_path(&path),
                flagged: flagged.into_iter().map(|(_, f)| f).collect(),
            },
            n_people: 0,
            target: path.clone(),
            detail: edition_detail(format, public),
            files: vec![written],
        })
    })
}

/// Writes the survey's results as a workbook (回答 and 集計 sheets; the edition in every page's
/// header and in the file name when a folder is given). A public workbook leaves the free
/// texts out. Logged as an export.
pub fn export_workbook(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
    public: bool,
    replace: crate::output::Replace,
) -> Result<SurveyExport> {
    export_document(
        ctx,
        event_id,
        path,
        public,
        replace,
        SurveyDocument::Workbook,
        |ctx, inputs| {
            let (questionnaire, answers) = answers_in_current_terms(ctx, event_id)?
                .ok_or(tsudoi_store::StoreError::NoQuestionnaire(event_id.0))?;
            let lang = ctx.lang;
            let rows: Vec<(String, Response)> = answers
                .into_iter()
                .map(|(stored, response)| {
                    let label = match stored.sheet_number {
                        Some(n) => format!("{} {n}", stored.source.label(lang)),
                        None => stored.source.label(lang).to_string(),
                    };
                    (label, response)
                })
                .collect();
            Ok(tsudoi_exchange::survey::survey_xlsx(
                &tsudoi_exchange::survey::SurveyWorkbook {
                    lang,
                    event_title: &inputs.event.details.title,
                    questionnaire: &questionnaire,
                    responses: &rows,
                    results: &inputs.overview.results,
                    public,
                },
            )?)
        },
    )
}

/// Writes the survey report (調査報告書) as a PDF, 公表用 or 非公表用 on every page and in the file
/// name when a folder is given: the results with a bar chart per question, the
/// cross-tabulation by category (small groups folded), the free texts (in the public edition
/// without those naming a registered person) and the hearings by tag. Logged as an export.
pub fn export_report(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
    public: bool,
    replace: crate::output::Replace,
) -> Result<SurveyExport> {
    export_document(
        ctx,
        event_id,
        path,
        public,
        replace,
        SurveyDocument::Report,
        |ctx, inputs| {
            let mut withheld: Vec<(usize, Vec<String>)> = Vec::new();
            if public {
                for (i, f) in inputs.flagged {
                    match withheld.iter_mut().find(|(index, _)| index == i) {
                        Some((_, texts)) => texts.push(f.text.clone()),
                        None => withheld.push((*i, vec![f.text.clone()])),
                    }
                }
            }
            let hearings = hearing_summary(ctx, Some(event_id), public)?;
            let overview = inputs.overview;
            Ok(tsudoi_report::survey::survey_report_pdf(
                &tsudoi_report::survey::SurveyReport {
                    lang: ctx.lang,
                    event_title: &inputs.event.details.title,
                    event_date: inputs.event.details.date.format("%Y-%m-%d").to_string(),
                    public,
                    results: &overview.results,
                    rate: &overview.rate,
                    by_category: &overview.by_category,
                    by_mode: &overview.by_mode,
                    withheld,
                    hearings: &hearings,
                    printed_on: ctx.clock.local_now().date().format("%Y-%m-%d").to_string(),
                },
            )?)
        },
    )
}

/// Writes the printable paper questionnaire (A4 PDF) of the event's current version. It holds
/// no personal data, so it is not an export of any.
pub fn paper_form(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
    replace: crate::output::Replace,
) -> Result<SurveyExport> {
    let path = target_path(path, SurveyDocument::PaperForm, false, ctx.lang);
    crate::output::check_file(&path, replace)?;
    let event = ctx.store.event(event_id)?;
    let questionnaire = current_questionnaire(ctx, event_id)?;
    let pdf = tsudoi_report::survey::paper_form_pdf(&tsudoi_report::survey::PaperForm {
        lang: ctx.lang,
        event_title: &event.details.title,
        event_date: event.details.date.format("%Y-%m-%d").to_string(),
        questionnaire: &questionnaire.questionnaire,
    })?;
    crate::output::write_file(&path, &pdf, replace)?;
    Ok(SurveyExport {
        file: crate::audit::logged_path(&path),
        flagged: Vec::new(),
    })
}

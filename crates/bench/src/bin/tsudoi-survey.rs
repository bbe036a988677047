//! `tsudoi-survey`: tabulating 10,000 survey answers (issue 15), timed beside a raw SQLite
//! baseline in the same run. Prints Markdown rows for BENCHMARKS.md.
//!
//! Ours is the use case both doors call for the results (`tsudoi_app::survey::results`: read
//! every answer sheet, put older versions in the current version's terms, count, means, free
//! texts, the response rate, both cross-tabulations with small groups folded). The baseline reads
//! the same answer column with raw rusqlite and does nothing with it: the floor, not a rival.
//! Core's tabulation alone is timed too, on answers already in memory. The runs alternate so
//! that drift in the machine's speed hits all alike.
//!
//! Run: `cargo run --release -p tsudoi-bench --bin tsudoi-survey` (`--quick` for a smoke run).

use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone, Utc};
use clap::Parser;
use rusqlite::Connection;
use tsudoi_app::{survey, Clock, Ctx, Database};
use tsudoi_core::event::parse_date;
use tsudoi_core::survey::{
    cross_tabulate, tabulate, Answer, AnswerSource, Grouping, Question, QuestionKind, Questionnaire, Response,
};
use tsudoi_core::{AttendanceMode, Category, EventDraft, Lang};
use tsudoi_store::{NewResponse, Store};

#[derive(Parser)]
#[command(about = "Times the survey's tabulation beside raw SQLite")]
struct Args {
    /// A few iterations on a few answers only, to check that the benchmark runs.
    #[arg(long)]
    quick: bool,
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index.min(samples.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn questionnaire() -> Questionnaire {
    let q = |text: &str, kind: QuestionKind, choices: &[&str]| Question {
        text: text.into(),
        kind,
        required: false,
        choices: choices.iter().map(|c| c.to_string()).collect(),
    };
    Questionnaire {
        version: 1,
        questions: vec![
            q(
                "本日のセミナーの満足度",
                QuestionKind::Scale,
                &["不満", "やや不満", "どちらともいえない", "満足", "大変満足"],
            ),
            q(
                "ご所属の区分",
                QuestionKind::Single,
                &["後継者", "支援機関", "経営者", "その他"],
            ),
            q(
                "参考になったプログラム（複数回答可）",
                QuestionKind::Multiple,
                &[
                    "基調講演",
                    "パネルディスカッション",
                    "グループワーク",
                    "名刺交換・交流",
                ],
            ),
            q("交流は十分でしたか", QuestionKind::Scale, &[]),
            q("社員数", QuestionKind::Number, &[]),
            q(
                "今後取り上げてほしいテーマ",
                QuestionKind::Single,
                &["事業承継税制", "資金調達", "組織づくり", "新規事業"],
            ),
            q("ご意見・ご感想", QuestionKind::FreeText, &[]),
        ],
    }
}

/// The i-th answer sheet: every kind of answer, a comment on every third sheet, a blank on every
/// eleventh, categories and modes spread so that some groups are small.
fn sheet(i: usize) -> Response {
    let categories = [
        Some(Category::Atotsugi),
        Some(Category::Supporter),
        Some(Category::Senior),
        Some(Category::Atotsugi),
        None,
    ];
    let picked: Vec<u16> = (0..4u16).filter(|c| (i >> c) & 1 == 1).collect();
    let answers = if i.is_multiple_of(11) {
        vec![Answer::Blank; 7]
    } else {
        vec![
            Answer::Scale((i % 5) as u8 + 1),
            Answer::Choice(vec![(i % 4) as u16]),
            Answer::Choice(picked),
            Answer::Scale(((i / 3) % 5) as u8 + 1),
            Answer::Number((i % 300) as f64),
            Answer::Choice(vec![((i / 7) % 4) as u16]),
            if i.is_multiple_of(3) {
                Answer::Text(format!(
                    "第{i}番の感想: 登壇者の実体験が参考になりました。次回も参加したい。"
                ))
            } else {
                Answer::Blank
            },
        ]
    };
    Response {
        category: categories[i % categories.len()],
        mode: Some(if i.is_multiple_of(4) {
            AttendanceMode::Online
        } else {
            AttendanceMode::Venue
        }),
        answers,
    }
}

fn main() {
    let args = Args::parse();
    let n_answers = if args.quick { 200 } else { 10_000 };
    let n_runs = if args.quick { 3 } else { 30 };
    let now = Utc.with_ymd_and_hms(2026, 10, 24, 8, 0, 0).unwrap();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("survey.sqlite3");

    let event = {
        let mut store = Store::open(&path).expect("open the store");
        let event = store
            .create_event(
                EventDraft::new("第2回 交流会", parse_date("2026-10-24").unwrap()),
                now,
            )
            .expect("an event");
        let q = store
            .save_questionnaire(event.id, questionnaire(), "bench", now)
            .expect("the questionnaire");
        let sheets: Vec<NewResponse> = (0..n_answers)
            .map(|i| NewResponse {
                questionnaire_id: q.id,
                source: AnswerSource::Forms,
                sheet_number: None,
                row_key: Some(format!("id:{i}")),
                submitted_at: String::new(),
                response: sheet(i),
            })
            .collect();
        store
            .add_survey_responses(event.id, &sheets, None, now)
            .expect("the answers");
        event.id
    };

    let mut db = Database::open(&path).expect("open the database");
    let raw = Connection::open(&path).expect("open the baseline connection");
    raw.pragma_update(None, "synchronous", "FULL").expect("FULL");
    let in_memory: Vec<Response> = (0..n_answers).map(sheet).collect();
    let q = questionnaire();
    let clock = Clock::fixed(now, FixedOffset::east_opt(9 * 3600).unwrap());

    let (mut ours, mut core, mut baseline) = (Vec::new(), Vec::new(), Vec::new());
    let mut checked = 0u32;
    for _ in 0..n_runs {
        let start = Instant::now();
        let results = {
            let ctx = Ctx::new(&mut db, Lang::Ja, clock);
            survey::results(&ctx, event).expect("the results")
        };
        ours.push(start.elapsed());
        checked = results.results.responses;

        let start = Instant::now();
        let table = tabulate(&q, &in_memory);
        let by_category = cross_tabulate(&q, &in_memory, Grouping::Category);
        let by_mode = cross_tabulate(&q, &in_memory, Grouping::Mode);
        core.push(start.elapsed());
        assert_eq!(table.responses as usize, n_answers);
        assert!(!by_category.is_empty() && !by_mode.is_empty());

        let start = Instant::now();
        let mut statement = raw
            .prepare_cached("SELECT answers FROM survey_response WHERE event_id = ?1")
            .expect("prepare");
        let bytes: usize = statement
            .query_map([event.0], |row| row.get::<_, String>(0))
            .expect("query")
            .map(|text| text.map(|t| t.len()).unwrap_or(0))
            .sum();
        baseline.push(start.elapsed());
        assert!(bytes > 0);
    }
    assert_eq!(checked as usize, n_answers, "every answer was counted");

    let (o50, o99) = (percentile(&mut ours, 0.5), percentile(&mut ours, 0.99));
    let (c50, c99) = (percentile(&mut core, 0.5), percentile(&mut core, 0.99));
    let (b50, b99) = (percentile(&mut baseline, 0.5), percentile(&mut baseline, 0.99));
    println!("| figure | p50 ms | p99 ms | raw SQLite p50 ms | raw SQLite p99 ms | p50 ratio | target |");
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| the results of {n_answers} answers (read, tabulate, rate, cross-tabulate twice) | {} | {} | {} | {} | {:.0}× | < 1,000 ms p99 |",
        ms(o50),
        ms(o99),
        ms(b50),
        ms(b99),
        o50.as_secs_f64() / b50.as_secs_f64()
    );
    println!(
        "| of which core's tabulation alone (answers in memory) | {} | {} | – | – | – | – |",
        ms(c50),
        ms(c99)
    );
}

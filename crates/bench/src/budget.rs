//! The budget over 10,000 ledger lines: the workload of `crates/store/tests/money_timing.rs`
//! (2,000 vouchers of five lines over seven categories, a refund every 50th voucher, no receipt
//! every 7th, words to check on every line, 200 staff time lines, a contract period), timed
//! through the use case the doors call (`tsudoi_app::budget::show`) beside the floor: one raw
//! `SELECT category, sum(amount) … GROUP BY category` on the same file, alternating.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use tsudoi_core::money::budget::{ExpenseCategory, ProjectChange};
use tsudoi_core::money::ledger::{ExpenseDraft, ExpenseSplit, PaymentMethod, StaffTimeDraft};
use tsudoi_core::money::Yen;
use tsudoi_core::EventDraft;
use tsudoi_store::Store;

/// The samples of one run: the use case, the raw floor, and the number of ledger lines.
pub struct BudgetTimes {
    pub show: Vec<Duration>,
    pub raw: Vec<Duration>,
    pub n_lines: usize,
}

/// Fills `path` with the workload (`n_vouchers` × 5 lines) and times `n_runs` budgets.
pub fn time_budget(path: &Path, n_vouchers: usize, n_runs: usize, now: DateTime<Utc>) -> BudgetTimes {
    let mut store = Store::open(path).expect("open the budget database");
    let start = NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date");
    let end = NaiveDate::from_ymd_opt(2027, 2, 26).expect("a date");
    store
        .set_project(
            &ProjectChange {
                period: Some(Some((start, end))),
                ..ProjectChange::default()
            },
            now,
        )
        .expect("set the project");
    let event = store
        .create_event(EventDraft::new("計測の回（予算）", start), now)
        .expect("create the event");
    let categories = [
        ExpenseCategory::Travel,
        ExpenseCategory::Venue,
        ExpenseCategory::Honoraria,
        ExpenseCategory::Consumables,
        ExpenseCategory::Printing,
        ExpenseCategory::Rental,
        ExpenseCategory::Other,
    ];
    let words = [
        "会場使用料",
        "名札ケース 一式",
        "チラシ印刷",
        "講師旅費 東京⇔仙台",
        "机・椅子レンタル",
        "PCR検査",
        "事務用品",
    ];
    let mut first_line = None;
    for i in 0..n_vouchers {
        let refund = i % 50 == 49;
        let lines = if refund {
            vec![
                ExpenseSplit {
                    category: ExpenseCategory::Venue,
                    description: "返金".into(),
                    amount: Yen(-500),
                    tax: Yen(-50),
                };
                5
            ]
        } else {
            (0..5)
                .map(|j| ExpenseSplit {
                    category: categories[(i + j) % categories.len()],
                    description: format!("{} {i}-{j}", words[(i + j) % words.len()]),
                    amount: Yen(1_000 + ((i * 37 + j * 101) % 90_000) as i64),
                    tax: Yen(100),
                })
                .collect()
        };
        let draft = ExpenseDraft {
            date: start + chrono::Duration::days((i % 250) as i64),
            payee: format!("支払先{}", i % 120),
            description: format!("伝票 {i}"),
            event_id: Some(event.id),
            payment_method: PaymentMethod::BankTransfer,
            receipts: if i % 7 == 0 {
                vec![]
            } else {
                vec![format!("{i:064x}")]
            },
            lines,
            corrects: if refund { first_line } else { None },
            notes: String::new(),
        };
        let stored = store.add_expense(draft, now).expect("book a voucher");
        first_line = first_line.or(Some(stored[0].id));
    }
    for i in 0..200 {
        let draft = StaffTimeDraft {
            person: format!("職員{}", i % 4),
            date: start + chrono::Duration::days(i % 200),
            minutes: 450,
            work: "事業の運営".into(),
            hourly_rate: Yen(3_000),
            event_id: None,
        };
        store.add_staff_time(draft, now).expect("record staff time");
    }
    let n_lines = store.expenses().expect("the ledger").len();
    drop(store);

    use tsudoi_app::{budget, Clock, Ctx, Database};
    let offset = chrono::FixedOffset::east_opt(9 * 3600).expect("JST");
    let mut db = Database::open(path).expect("open the database for the use case");
    let raw = rusqlite::Connection::open(path).expect("raw connection");
    let (mut show, mut floor) = (Vec::with_capacity(n_runs), Vec::with_capacity(n_runs));
    for _ in 0..n_runs {
        let started = Instant::now();
        let sums: Vec<(String, i64)> = raw
            .prepare_cached("SELECT category, sum(amount) FROM expense GROUP BY category")
            .expect("prepare")
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        floor.push(started.elapsed());
        std::hint::black_box(sums);

        let ctx = Ctx::new(&mut db, tsudoi_core::Lang::Ja, Clock::fixed(now, offset));
        let started = Instant::now();
        let shown = budget::show(&ctx).expect("the budget");
        show.push(started.elapsed());
        assert!(
            shown.total.0 > 0 && !shown.warnings.is_empty(),
            "the workload has figures and warnings"
        );
        std::hint::black_box(shown);
    }
    BudgetTimes {
        show,
        raw: floor,
        n_lines,
    }
}

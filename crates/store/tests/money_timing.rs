//! The budget over 10,000 ledger lines, timed. Ignored by default (a figure, not a check); the
//! same workload as `tsudoi-bench --budget`, which needs the whole workspace built in release.
//! Run: `cargo test --release -p tsudoi-store --test money_timing -- --ignored --nocapture`.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use tsudoi_core::money::budget::{ExpenseCategory, ProjectChange};
use tsudoi_core::money::ledger::{ExpenseDraft, ExpenseSplit, PaymentMethod, StaffTimeDraft};
use tsudoi_core::money::Yen;
use tsudoi_core::EventDraft;
use tsudoi_store::Store;

#[test]
#[ignore = "a timing, run in release with --ignored --nocapture"]
fn budget_over_ten_thousand_ledger_lines() {
    let now = Utc.with_ymd_and_hms(2026, 7, 25, 4, 0, 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("budget.sqlite3")).unwrap();
    let start = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2027, 2, 26).unwrap();
    store
        .set_project(
            &ProjectChange {
                period: Some(Some((start, end))),
                ..ProjectChange::default()
            },
            now,
        )
        .unwrap();
    let event = store
        .create_event(EventDraft::new("計測の回（予算）", start), now)
        .unwrap();
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
    for i in 0..2_000_usize {
        let refund = i % 50 == 49;
        let lines = if refund {
            vec![
                ExpenseSplit {
                    category: ExpenseCategory::Venue,
                    description: "返金".into(),
                    amount: Yen(-500),
                    tax: Yen(-50)
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
        let stored = store.add_expense(draft, now).unwrap();
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
        store.add_staff_time(draft, now).unwrap();
    }
    let n_lines = store.expenses().unwrap().len();
    assert_eq!(n_lines, 10_000);
    let percentile = |samples: &mut Vec<Duration>, p: f64| {
        samples.sort();
        samples[((samples.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0
    };
    // The floor beside it: one raw GROUP BY over the same lines.
    let raw = rusqlite::Connection::open(dir.path().join("budget.sqlite3")).unwrap();
    let (mut whole, mut compute, mut floor) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..30 {
        let started = Instant::now();
        let sums: Vec<(String, i64)> = raw
            .prepare_cached("SELECT category, sum(amount) FROM expense GROUP BY category")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        floor.push(started.elapsed());
        std::hint::black_box(sums);
        let started = Instant::now();
        let budget = store.budget().unwrap();
        whole.push(started.elapsed());
        assert!(budget.actual.total.0 > 0 && !budget.warnings.is_empty());
        let records = store.budget_records().unwrap();
        let started = Instant::now();
        std::hint::black_box(records.compute().unwrap());
        compute.push(started.elapsed());
    }
    println!(
        "budget over {n_lines} lines + 200 staff time: p50 {:.1} ms, p99 {:.1} ms; core's computation alone p50 {:.1} ms, p99 {:.1} ms; raw GROUP BY p50 {:.1} ms, p99 {:.1} ms",
        percentile(&mut whole, 0.5),
        percentile(&mut whole, 0.99),
        percentile(&mut compute, 0.5),
        percentile(&mut compute, 0.99),
        percentile(&mut floor, 0.5),
        percentile(&mut floor, 0.99)
    );
}

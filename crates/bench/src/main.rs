//! `tsudoi-bench`: times the store's hot paths and, in the same run, a raw SQLite baseline, then
//! prints Markdown rows for BENCHMARKS.md. Percentiles, not means: a person at the desk feels
//! the slow tail.
//!
//! Run: `cargo run --release -p tsudoi-bench` (add `--quick` for a smoke run).

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use clap::Parser;
use rusqlite::Connection;
use tsudoi_core::event::parse_date;
use tsudoi_core::{AttendeeDraft, EventDraft};
use tsudoi_store::Store;

#[derive(Parser)]
#[command(about = "Times Tsudoi's store beside raw SQLite")]
struct Args {
    /// A few iterations only, to check that the benchmark runs.
    #[arg(long)]
    quick: bool,
}

/// Sorted samples and their percentiles.
struct Samples(Vec<Duration>);

impl Samples {
    fn new(mut samples: Vec<Duration>) -> Samples {
        samples.sort();
        Samples(samples)
    }

    fn percentile(&self, p: f64) -> Duration {
        let index = ((self.0.len() as f64 - 1.0) * p).round() as usize;
        self.0[index.min(self.0.len() - 1)]
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn row(name: &str, target: &str, ours: &Samples, baseline: Option<&Samples>) {
    let (base50, base99, ratio) = match baseline {
        Some(b) => (
            ms(b.percentile(0.5)),
            ms(b.percentile(0.99)),
            format!(
                "{:.2}×",
                ours.percentile(0.5).as_secs_f64() / b.percentile(0.5).as_secs_f64()
            ),
        ),
        None => ("–".into(), "–".into(), "–".into()),
    };
    println!(
        "| {name} | {} | {} | {base50} | {base99} | {ratio} | {target} |",
        ms(ours.percentile(0.5)),
        ms(ours.percentile(0.99)),
    );
}

/// The same durable settings as the store: WAL, synchronous=FULL.
fn raw_connection(path: &Path) -> Connection {
    let conn = Connection::open(path).expect("open the baseline database");
    conn.pragma_update(None, "journal_mode", "WAL").expect("WAL");
    conn.pragma_update(None, "synchronous", "FULL").expect("FULL");
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS person (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kana TEXT NOT NULL)",
    )
    .expect("create the baseline table");
    conn
}

fn main() {
    let args = Args::parse();
    let n_writes = if args.quick { 20 } else { 2_000 };
    let n_opens = if args.quick { 5 } else { 200 };
    let now = Utc
        .with_ymd_and_hms(2026, 7, 25, 4, 0, 0)
        .single()
        .expect("a valid time");
    let dir = tempfile::tempdir().expect("a temporary folder");

    // Open an existing database with the demo in it: what every start of the app and every CLI
    // call pays (read-only inspection, quick_check, pragmas, migration check).
    let store_path = dir.path().join("tsudoi.sqlite3");
    let mut store = Store::open(&store_path).expect("create the store");
    store.load_demo(now).expect("load the demo");
    let event = store
        .create_event(
            EventDraft::new("計測の回", parse_date("2026-07-25").expect("a date")),
            now,
        )
        .expect("create the event");
    drop(store);
    let opens = Samples::new(
        (0..n_opens)
            .map(|_| {
                let start = Instant::now();
                let store = Store::open(&store_path).expect("open the store");
                let elapsed = start.elapsed();
                drop(store);
                elapsed
            })
            .collect(),
    );
    let raw_opens = Samples::new(
        (0..n_opens)
            .map(|_| {
                let start = Instant::now();
                let conn = Connection::open(&store_path).expect("open raw");
                conn.pragma_update(None, "synchronous", "FULL").expect("FULL");
                let _: i64 = conn
                    .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                    .expect("read");
                start.elapsed()
            })
            .collect(),
    );

    // One durable single-row write, alternating with the raw baseline so that drift in the
    // machine's speed hits both alike.
    let mut store = Store::open(&store_path).expect("open the store");
    let raw = raw_connection(&dir.path().join("baseline.sqlite3"));
    let mut ours = Vec::with_capacity(n_writes);
    let mut theirs = Vec::with_capacity(n_writes);
    for i in 0..n_writes {
        let draft = AttendeeDraft {
            kana: "おおとも しんご".into(),
            organization: "大友醤油株式会社".into(),
            ..AttendeeDraft::new(format!("大友 慎吾 {i}"))
        };
        let start = Instant::now();
        store.add_attendee(event.id, draft, now).expect("add an attendee");
        ours.push(start.elapsed());

        let start = Instant::now();
        raw.execute(
            "INSERT INTO person (name, kana) VALUES (?1, ?2)",
            (format!("大友 慎吾 {i}"), "オオトモ シンゴ"),
        )
        .expect("raw insert");
        theirs.push(start.elapsed());
    }

    println!("| figure | p50 ms | p99 ms | raw SQLite p50 ms | raw SQLite p99 ms | p50 ratio | target |");
    println!("|---|---|---|---|---|---|---|");
    row(
        "open an existing store (demo data, 152 people)",
        "< 50 ms p99",
        &opens,
        Some(&Samples::new(raw_opens.0)),
    );
    row(
        "add one attendee, durable (lookup, validate, insert, commit)",
        "≤ 1.5× raw p50",
        &Samples::new(ours),
        Some(&Samples::new(theirs)),
    );
    println!("\n{n_opens} opens, {n_writes} writes of each kind.");
}

#[cfg(test)]
mod tests {
    #[test]
    fn percentiles_pick_from_the_sorted_samples() {
        use std::time::Duration;
        let samples = super::Samples::new((1..=100).rev().map(Duration::from_millis).collect());
        assert_eq!(samples.percentile(0.5), Duration::from_millis(51));
        assert_eq!(samples.percentile(0.99), Duration::from_millis(99));
        assert_eq!(samples.percentile(1.0), Duration::from_millis(100));
    }
}

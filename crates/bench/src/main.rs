//! `tsudoi-bench`: times the store's hot paths and, in the same run, a raw SQLite baseline, then
//! prints Markdown rows for BENCHMARKS.md. Percentiles, not means: a person at the desk feels
//! the slow tail.
//!
//! Run: `cargo run --release -p tsudoi-bench` (add `--quick` for a smoke run, `--budget` for the
//! budget over 10,000 ledger lines alone).

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use clap::Parser;
use rusqlite::Connection;
use tsudoi_core::event::parse_date;
use tsudoi_core::{AttendeeDraft, Direction, DoorMethod, DoorOutcome, EventDraft};
use tsudoi_store::{AttendeeQuery, DoorRequest, Store};

#[derive(Parser)]
#[command(about = "Times Tsudoi's store beside raw SQLite")]
struct Args {
    /// A few iterations only, to check that the benchmark runs.
    #[arg(long)]
    quick: bool,
    /// Only the budget over 10,000 ledger lines (beside its raw GROUP BY floor).
    #[arg(long)]
    budget: bool,
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

/// The budget over the ledger workload (10,000 lines), through the use case the doors call.
fn budget_row(dir: &Path, quick: bool, now: chrono::DateTime<Utc>) {
    let (n_vouchers, n_runs) = if quick { (100, 3) } else { (2_000, 30) };
    let times = tsudoi_bench::budget::time_budget(&dir.join("budget.sqlite3"), n_vouchers, n_runs, now);
    row(
        &format!(
            "budget over {} ledger lines and 200 staff time lines (app's budget show: read every record, figures, warnings, by gathering)",
            times.n_lines
        ),
        "< 200 ms p99",
        &Samples::new(times.show),
        Some(&Samples::new(times.raw)),
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
    if args.budget {
        println!("| figure | p50 ms | p99 ms | raw SQLite p50 ms | raw SQLite p99 ms | p50 ratio | target |");
        println!("|---|---|---|---|---|---|---|");
        budget_row(dir.path(), args.quick, now);
        return;
    }

    // Open an existing database with the demo in it: what every start of the app and every CLI
    // call pays (read-only inspection, quick_check, pragmas, migration check).
    let store_path = dir.path().join("tsudoi.sqlite3");
    let mut store = Store::open(&store_path).expect("create the store");
    store.load_demo(now).expect("load the demo");
    let event = store
        .create_event(
            EventDraft {
                capacity: 10_000,
                ..EventDraft::new("計測の回", parse_date("2026-07-25").expect("a date"))
            },
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

    // The desk: 10,000 registrations, then check-ins by scanned code, each durable, alternating
    // with the bare insert; and name searches over all of them.
    let n_people = if args.quick { 200 } else { 10_000 };
    let n_checkins = if args.quick { 20 } else { 2_000 };
    let n_searches = if args.quick { 20 } else { 1_000 };
    let desk_event = store
        .create_event(
            EventDraft {
                capacity: 20_000,
                ..EventDraft::new("計測の回（受付）", parse_date("2026-07-25").expect("a date"))
            },
            now,
        )
        .expect("create the desk event");
    let families = [
        "さとう",
        "すずき",
        "たかはし",
        "おおとも",
        "くまがい",
        "えんどう",
        "おのでら",
        "しょうじ",
        "きくち",
        "みうら",
    ];
    let givens = [
        "しんご",
        "かおり",
        "はじめ",
        "みほ",
        "れん",
        "さなえ",
        "たかし",
        "ゆい",
        "けんた",
        "あや",
    ];
    let mut tickets = Vec::with_capacity(n_people);
    for i in 0..n_people {
        let (family, given) = (
            families[i % families.len()],
            givens[(i / families.len()) % givens.len()],
        );
        let draft = AttendeeDraft {
            kana: format!("{family} {given}"),
            organization: format!("株式会社テスト{}", i % 300),
            email: format!("p{i}@bench.example"),
            ..AttendeeDraft::new(format!("計測 太郎{i}"))
        };
        let attendee = store.add_attendee(desk_event.id, draft, now).expect("register");
        tickets.push(attendee.ticket.expect("a ticket").as_str().to_string());
    }
    let mut checkins = Vec::with_capacity(n_checkins);
    let mut bare = Vec::with_capacity(n_checkins);
    for (i, code) in tickets.iter().take(n_checkins).enumerate() {
        let request = DoorRequest {
            direction: Direction::Entry,
            method: DoorMethod::Qr,
            code: Some(code.clone()),
            attendee_id: None,
            desk: "受付1".into(),
            operator: String::new(),
            override_reason: None,
            seat: None,
            local_now: now.naive_utc(),
        };
        let start = Instant::now();
        let result = store.door(desk_event.id, request, now).expect("check in");
        checkins.push(start.elapsed());
        assert_eq!(
            result.attempt.outcome,
            DoorOutcome::Ok,
            "every benchmark check-in passes"
        );

        let start = Instant::now();
        raw.execute(
            "INSERT INTO person (name, kana) VALUES (?1, ?2)",
            (format!("受付 {i}"), "ウケツケ"),
        )
        .expect("raw insert");
        bare.push(start.elapsed());
    }
    let queries = [
        "オオトモ",
        "くまがい",
        "ｻﾄｳ",
        "テスト12",
        "しんご",
        "p77",
        "みうら かおり",
        "たかし",
    ];
    let time_searches = |limit: Option<u32>| {
        Samples::new(
            (0..n_searches)
                .map(|i| {
                    let query = AttendeeQuery {
                        search: Some(queries[i % queries.len()].to_string()),
                        limit,
                    };
                    let start = Instant::now();
                    let found = store.attendees(desk_event.id, &query).expect("search");
                    let elapsed = start.elapsed();
                    std::hint::black_box(found);
                    elapsed
                })
                .collect(),
        )
    };
    let desk_searches = time_searches(Some(8));
    let list_searches = time_searches(None);

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
    row(
        &format!("check in one scanned ticket, durable ({n_people} registered)"),
        "≤ 1.5× raw p50",
        &Samples::new(checkins),
        Some(&Samples::new(bare)),
    );
    row(
        &format!("desk name search over {n_people} attendees (first 8 matches, kana/width/case folded)"),
        "< 10 ms p99",
        &desk_searches,
        None,
    );
    row(
        &format!("attendee list search over {n_people} attendees (every match, up to 1,000)"),
        "–",
        &list_searches,
        None,
    );
    let n_file_runs = if args.quick { 1 } else { 5 };
    let files = time_files(dir.path(), &mut store, n_file_runs, now);
    row(
        "import a 10,000-row registration CSV (decode, map, normalise, dedupe, one transaction)",
        "< 1 s",
        &files.import,
        Some(&files.raw_import),
    );
    row(
        "export 10,000 attendees to CSV (UTF-8 BOM, formula-safe)",
        "< 1 s",
        &files.export_csv,
        Some(&files.raw_export),
    );
    row(
        "export 10,000 attendees to XLSX (two sheets)",
        "< 1 s",
        &files.export_xlsx,
        Some(&files.raw_export),
    );
    budget_row(dir.path(), args.quick, now);
    println!(
        "\n{n_opens} opens, {n_writes} writes, {n_checkins} check-ins, {n_searches} searches, {n_file_runs} runs of each file figure."
    );
    time_encryption(dir.path(), args.quick, now);
    time_signed_in_desk(dir.path(), args.quick, now);
}

/// The desk through the use case with a roster and a signed-in person (every check-in checks the
/// role), beside the same use case on a database with no roster, alternating.
fn time_signed_in_desk(dir: &Path, quick: bool, now: chrono::DateTime<Utc>) {
    use tsudoi_app::desk::{door, DeskChoice, DoorInput};
    use tsudoi_app::handlers::{self, SignedIn};
    use tsudoi_app::{Clock, Ctx, Database};
    let n_people = if quick { 200 } else { 10_000 };
    let n_checkins = if quick { 20 } else { 2_000 };
    let offset = chrono::FixedOffset::east_opt(9 * 3600).expect("JST");
    let clock = Clock::fixed(now, offset);
    let mut databases = Vec::new();
    let mut tickets = Vec::new();
    let mut events = Vec::new();
    for name in ["desk-no-roster.sqlite3", "desk-roster.sqlite3"] {
        let path = dir.join(name);
        let mut store = Store::open(&path).expect("store");
        let event = store
            .create_event(
                EventDraft {
                    capacity: 20_000,
                    ..EventDraft::new("署名計測の回", parse_date("2026-07-25").expect("a date"))
                },
                now,
            )
            .expect("event");
        let mut codes = Vec::with_capacity(n_people);
        for i in 0..n_people {
            let draft = AttendeeDraft {
                kana: "おおとも しんご".into(),
                ..AttendeeDraft::new(format!("計測 太郎{i}"))
            };
            let attendee = store.add_attendee(event.id, draft, now).expect("register");
            codes.push(attendee.ticket.expect("a ticket").as_str().to_string());
        }
        drop(store);
        databases.push(Database::open(&path).expect("database"));
        tickets.push(codes);
        events.push(event.id);
    }
    let officer = tsudoi_core::handler::HandlerDraft {
        name: "受付 責任者".into(),
        role: tsudoi_core::handler::HandlerRole::Officer,
        ..Default::default()
    };
    handlers::add(
        &mut Ctx::new(&mut databases[1], tsudoi_core::Lang::Ja, clock),
        officer,
        "2468",
    )
    .expect("the officer");
    let person: SignedIn = handlers::sign_in(
        &mut Ctx::new(&mut databases[1], tsudoi_core::Lang::Ja, clock),
        "受付 責任者",
        "2468",
    )
    .expect("signed in");
    let mut times: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for (bare_code, roster_code) in tickets[0].iter().zip(&tickets[1]).take(n_checkins) {
        for (which, code) in [bare_code, roster_code].into_iter().enumerate() {
            let who = (which == 1).then_some(&person);
            let mut ctx = Ctx::new(&mut databases[which], tsudoi_core::Lang::Ja, clock).signed_in(who);
            let input = DoorInput {
                direction: Direction::Entry,
                method: DoorMethod::Qr,
                code: Some(code.clone()),
                attendee_id: None,
                override_reason: None,
                seat: None,
            };
            let start = Instant::now();
            let answer = door(&mut ctx, events[which], input, &DeskChoice::default()).expect("check in");
            times[which].push(start.elapsed());
            std::hint::black_box(answer);
        }
    }
    let [no_roster, signed_in] = times;
    println!("\nThe desk with the roster (the use case, the same run; the baseline column has no roster):\n");
    println!("| figure | signed in p50 ms | signed in p99 ms | no roster p50 ms | no roster p99 ms | p50 ratio | target |");
    println!("|---|---|---|---|---|---|---|");
    row(
        &format!("check in one scanned ticket through the use case ({n_people} registered)"),
        "≤ 1.1× no roster p50",
        &Samples::new(signed_in),
        Some(&Samples::new(no_roster)),
    );
}

/// Encryption at rest beside the plain store, in the same run, alternating so that drift in the
/// machine's speed hits both alike: a check-in on 10,000 registrations, an open, a 10,000-row
/// import; and the passphrase's key derivation, paid once per start.
fn time_encryption(dir: &Path, quick: bool, now: chrono::DateTime<Utc>) {
    use tsudoi_app::exchange::{import_registrations, RegistrationRequest};
    use tsudoi_app::{Clock, Ctx};
    let n_people = if quick { 200 } else { 10_000 };
    let n_checkins = if quick { 20 } else { 2_000 };
    let n_opens = if quick { 5 } else { 100 };
    let n_imports = if quick { 1 } else { 5 };
    let passphrase = "計測用の長いパスフレーズ";
    let (key_file, key) = tsudoi_vault::KeyFile::create(passphrase).expect("a key");
    let plain_path = dir.join("plain-desk.sqlite3");
    let sealed_path = dir.join("encrypted-desk.sqlite3");
    let mut stores = [
        Store::open(&plain_path).expect("plain store"),
        Store::open_encrypted(&sealed_path, tsudoi_store::OpenCheck::Full, &key).expect("encrypted store"),
    ];
    let mut tickets: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    let mut events = Vec::new();
    for (store, tickets) in stores.iter_mut().zip(tickets.iter_mut()) {
        let event = store
            .create_event(
                EventDraft {
                    capacity: 20_000,
                    ..EventDraft::new("暗号化計測の回", parse_date("2026-07-25").expect("a date"))
                },
                now,
            )
            .expect("create the event");
        for i in 0..n_people {
            let draft = AttendeeDraft {
                kana: "おおとも しんご".into(),
                organization: format!("株式会社テスト{}", i % 300),
                email: format!("p{i}@bench.example"),
                ..AttendeeDraft::new(format!("計測 太郎{i}"))
            };
            let attendee = store.add_attendee(event.id, draft, now).expect("register");
            tickets.push(attendee.ticket.expect("a ticket").as_str().to_string());
        }
        events.push(event.id);
    }
    let mut checkins: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for (plain_code, sealed_code) in tickets[0].iter().zip(&tickets[1]).take(n_checkins) {
        for (which, code) in [plain_code, sealed_code].into_iter().enumerate() {
            let request = DoorRequest {
                direction: Direction::Entry,
                method: DoorMethod::Qr,
                code: Some(code.clone()),
                attendee_id: None,
                desk: "受付1".into(),
                operator: String::new(),
                override_reason: None,
                seat: None,
                local_now: now.naive_utc(),
            };
            let start = Instant::now();
            let result = stores[which].door(events[which], request, now).expect("check in");
            checkins[which].push(start.elapsed());
            assert_eq!(result.attempt.outcome, DoorOutcome::Ok);
        }
    }
    drop(stores);
    let mut opens: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..n_opens {
        let start = Instant::now();
        drop(Store::open(&plain_path).expect("open plain"));
        opens[0].push(start.elapsed());
        let start = Instant::now();
        drop(
            Store::open_encrypted(&sealed_path, tsudoi_store::OpenCheck::Full, &key).expect("open encrypted"),
        );
        opens[1].push(start.elapsed());
    }
    let unlocks = Samples::new(
        (0..if quick { 2 } else { 10 })
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(key_file.unlock(passphrase).expect("unlock"));
                start.elapsed()
            })
            .collect(),
    );

    let csv_path = dir.join("registrations-10k-encryption.csv");
    std::fs::write(&csv_path, tsudoi_bench::files::registration_csv(10_000)).expect("write the file");
    let offset = chrono::FixedOffset::east_opt(9 * 3600).expect("JST");
    let mut databases = [
        tsudoi_app::vault::open_database(
            &dir.join("plain-import.sqlite3"),
            None,
            tsudoi_store::OpenCheck::Full,
        )
        .expect("plain database"),
        tsudoi_app::vault::open_database(
            &dir.join("encrypted-import.sqlite3"),
            Some(passphrase),
            tsudoi_store::OpenCheck::Full,
        )
        .expect("encrypted database"),
    ];
    let mut imports: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for run in 0..n_imports {
        for which in 0..2 {
            let mut ctx = Ctx::new(
                &mut databases[which],
                tsudoi_core::Lang::Ja,
                Clock::fixed(now, offset),
            )
            .acting_as(Some("bench"));
            let event = tsudoi_app::events::create(
                &mut ctx,
                EventDraft {
                    capacity: 20_000,
                    ..EventDraft::new(
                        format!("取り込み {run}"),
                        parse_date("2026-07-25").expect("a date"),
                    )
                },
            )
            .expect("create the event");
            let start = Instant::now();
            import_registrations(&mut ctx, event.id, &csv_path, &RegistrationRequest::default())
                .expect("import");
            imports[which].push(start.elapsed());
        }
    }

    println!("\nEncryption at rest (SQLCipher, the same run; the baseline column is the plain store):\n");
    println!(
        "| figure | encrypted p50 ms | encrypted p99 ms | plain p50 ms | plain p99 ms | p50 ratio | target |"
    );
    println!("|---|---|---|---|---|---|---|");
    let [plain_checkins, sealed_checkins] = checkins;
    row(
        &format!("check in one scanned ticket, durable ({n_people} registered)"),
        "encrypted ≤ 1.5× plain p50",
        &Samples::new(sealed_checkins),
        Some(&Samples::new(plain_checkins)),
    );
    let [plain_opens, sealed_opens] = opens;
    row(
        "open the store (key given; full check)",
        "< 50 ms p99",
        &Samples::new(sealed_opens),
        Some(&Samples::new(plain_opens)),
    );
    let [plain_imports, sealed_imports] = imports;
    row(
        "import a 10,000-row registration CSV",
        "< 1 s",
        &Samples::new(sealed_imports),
        Some(&Samples::new(plain_imports)),
    );
    row(
        "derive the key from the passphrase (argon2id 64 MiB × 3, once per start)",
        "< 1 s",
        &unlocks,
        None,
    );
    println!("\n{n_checkins} check-ins each, {n_opens} opens each, {n_imports} imports each, alternating.");
}

struct FileTimes {
    import: Samples,
    raw_import: Samples,
    export_csv: Samples,
    export_xlsx: Samples,
    raw_export: Samples,
}

fn time_files(dir: &Path, store: &mut Store, n_runs: usize, now: chrono::DateTime<Utc>) -> FileTimes {
    use tsudoi_app::exchange::{
        export_attendance, import_registrations, ExportFormat, ExportRequest, RegistrationRequest,
    };
    use tsudoi_app::{Clock, Ctx, Database};
    let n_rows = 10_000;
    let csv_path = dir.join("registrations-10k.csv");
    std::fs::write(&csv_path, tsudoi_bench::files::registration_csv(n_rows))
        .expect("write the registration file");
    let offset = chrono::FixedOffset::east_opt(9 * 3600).expect("JST");
    // The use cases on a second connection to the same file, as the doors run them.
    let mut db = Database::open(store.path()).expect("open the database for the use cases");
    let mut import = Vec::new();
    let mut raw_import = Vec::new();
    let mut export_csv = Vec::new();
    let mut export_xlsx = Vec::new();
    let mut raw_export = Vec::new();
    for run in 0..n_runs {
        let event = store
            .create_event(
                EventDraft {
                    capacity: 20_000,
                    ..EventDraft::new(
                        format!("取り込み計測 {run}"),
                        parse_date("2026-07-25").expect("a date"),
                    )
                },
                now,
            )
            .expect("create the event");
        let start = Instant::now();
        let mut ctx =
            Ctx::new(&mut db, tsudoi_core::Lang::Ja, Clock::fixed(now, offset)).acting_as(Some("bench"));
        let outcome = import_registrations(&mut ctx, event.id, &csv_path, &RegistrationRequest::default())
            .expect("import");
        import.push(start.elapsed());
        assert_eq!(outcome.result.imported as usize, n_rows);

        // Baseline: read the same file with the csv crate and insert its rows in one transaction.
        let raw_path = dir.join(format!("raw-import-{run}.sqlite3"));
        let mut raw = raw_connection(&raw_path);
        let start = Instant::now();
        let bytes = std::fs::read(&csv_path).expect("read");
        let tx = raw.transaction().expect("begin");
        {
            let mut insert = tx
                .prepare("INSERT INTO person (name, kana) VALUES (?1, ?2)")
                .expect("prepare");
            let mut reader = csv::Reader::from_reader(&bytes[3..]);
            for record in reader.records() {
                let record = record.expect("a record");
                // The name and its kana.
                insert.execute([&record[3], &record[4]]).expect("insert");
            }
        }
        tx.commit().expect("commit");
        raw_import.push(start.elapsed());

        for (format, times) in [
            (ExportFormat::Csv, &mut export_csv),
            (ExportFormat::Xlsx, &mut export_xlsx),
        ] {
            let out = dir.join(format!("attendance-{run}.{format:?}"));
            let request = ExportRequest {
                format: Some(format),
                encoding: Default::default(),
                include_contact: false,
                substitute_unencodable: false,
                replace: true,
                include_not_attending: false,
            };
            let start = Instant::now();
            export_attendance(&mut ctx, event.id, &out, &request).expect("export");
            times.push(start.elapsed());
        }

        // Baseline: read the raw rows and write them with the csv crate.
        let start = Instant::now();
        let mut writer = csv::Writer::from_writer(Vec::new());
        let mut select = raw.prepare("SELECT name, kana FROM person").expect("prepare");
        let mut rows = select.query([]).expect("query");
        while let Some(row) = rows.next().expect("a row") {
            let name: String = row.get(0).expect("name");
            let kana: String = row.get(1).expect("kana");
            writer.write_record([name, kana]).expect("write");
        }
        std::fs::write(
            dir.join(format!("raw-export-{run}.csv")),
            writer.into_inner().expect("bytes"),
        )
        .expect("write");
        raw_export.push(start.elapsed());
    }
    FileTimes {
        import: Samples::new(import),
        raw_import: Samples::new(raw_import),
        export_csv: Samples::new(export_csv),
        export_xlsx: Samples::new(export_xlsx),
        raw_export: Samples::new(raw_export),
    }
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

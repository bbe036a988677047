//! `tsudoi-report`: the whole project report (事業報告書) for the demo (two gatherings, photos),
//! both editions as PDF and DOCX, timed beside a baseline measured in the same run: the minutes
//! of both gatherings with the same photos, the heaviest document Tsudoi wrote before the report
//! (the same typst, the same fonts, the same photo files). The runs alternate so that drift in the
//! machine's speed hits both alike. Prints Markdown rows for BENCHMARKS.md.
//!
//! Run: `cargo run --release -p tsudoi-bench --bin tsudoi-report` (`--quick` for a smoke run).

use std::io::Cursor;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone, Utc};
use clap::Parser;
use tsudoi_app::output::Replace;
use tsudoi_app::report::{self, ReportFormat};
use tsudoi_app::types::{Disclosure, PhotoChange};
use tsudoi_app::{Clock, Ctx, Database};
use tsudoi_core::Lang;

#[derive(Parser)]
#[command(about = "Times the project report beside the minutes")]
struct Args {
    /// Two runs only, to check that the benchmark runs.
    #[arg(long)]
    quick: bool,
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index.min(samples.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

/// A photo as a camera makes one: 1600 × 1200, JPEG, different for each `seed`.
fn photo(seed: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(1600, 1200, |x, y| {
        image::Rgb([
            (x / 7 + seed * 31) as u8,
            (y / 5 + seed * 17) as u8,
            ((x ^ y) / 9) as u8,
        ])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .unwrap_or_else(|e| panic!("cannot make a photo: {e}"));
    bytes
}

fn main() {
    let args = Args::parse();
    let runs = if args.quick { 2 } else { 10 };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut db = Database::open(&dir.path().join("tsudoi.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    let clock = Clock::fixed(
        Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
            .single()
            .unwrap_or_default(),
        FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| panic!("offset")),
    );
    let events = {
        let mut ctx = Ctx::new(&mut db, Lang::Ja, clock);
        let events = tsudoi_app::events::load_demo(&mut ctx)
            .unwrap_or_else(|e| panic!("{e}"))
            .event_ids;
        // Six photos a gathering, half of them agreed to be published.
        for (e, event) in events.iter().enumerate() {
            for i in 0..6u32 {
                let added =
                    tsudoi_app::photos::add_bytes(&mut ctx, *event, &photo(e as u32 * 10 + i), "p.jpg", None)
                        .unwrap_or_else(|e| panic!("{e}"));
                tsudoi_app::photos::update(
                    &mut ctx,
                    added.photo.id,
                    &PhotoChange {
                        public_ok: Some(i % 2 == 0),
                        caption: Some(format!("会場の様子 {}", i + 1)),
                        ..PhotoChange::default()
                    },
                )
                .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        events
    };
    let mut ours = Vec::new();
    let mut baseline = Vec::new();
    let mut bytes = 0u64;
    for run in 0..runs {
        let out = dir.path().join(format!("report-{run}"));
        let start = Instant::now();
        let done = report::export(
            &mut Ctx::new(&mut db, Lang::Ja, clock),
            &out,
            &[Disclosure::Public, Disclosure::Internal],
            &[ReportFormat::Pdf, ReportFormat::Docx],
            Replace(false),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        ours.push(start.elapsed());
        bytes = done
            .files
            .iter()
            .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
            .sum();

        let start = Instant::now();
        for event in &events {
            tsudoi_app::agenda::export_minutes(
                &mut Ctx::new(&mut db, Lang::Ja, clock),
                *event,
                &dir.path().join(format!("minutes-{run}-{}", event.0)),
                Disclosure::Internal,
                Replace(false),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        baseline.push(start.elapsed());
    }
    println!("| figure | p50 ms | max ms | baseline p50 ms | baseline max ms | p50 ratio |");
    println!("|---|---|---|---|---|---|");
    let ratio = percentile(&mut ours, 0.5).as_secs_f64() / percentile(&mut baseline, 0.5).as_secs_f64();
    println!(
        "| the demo's report, both editions, PDF + DOCX ({runs} runs, {:.1} MB written) | {} | {} | {} | {} | {ratio:.2}× |",
        bytes as f64 / 1_000_000.0,
        ms(percentile(&mut ours, 0.5)),
        ms(percentile(&mut ours, 1.0)),
        ms(percentile(&mut baseline, 0.5)),
        ms(percentile(&mut baseline, 1.0)),
    );
}

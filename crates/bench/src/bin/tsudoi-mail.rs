//! `tsudoi-mail`: the time per message of mail to each person with the ticket card (PDF) attached
//! beside the QR image, timed beside the QR image alone (what a message carried before the card)
//! in the same run. Prints Markdown rows for BENCHMARKS.md.
//!
//! Per person, alternating: the QR image alone (`ticket_png`, the baseline), the one-card PDF
//! alone (`ticket_cards_pdf`, the cost the card adds), and the whole message as the use case makes
//! it (`mail::export_eml`: the text, the QR image, the card, MIME, the file written whole), divided
//! by the people in the mailing.
//!
//! Run: `cargo run --release -p tsudoi-bench --bin tsudoi-mail` (`--quick` for a smoke run).

use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone, Utc};
use clap::Parser;
use tsudoi_app::mail::{self, MailingRequest};
use tsudoi_app::output::Replace;
use tsudoi_app::{Clock, Ctx, Database};
use tsudoi_core::event::parse_date;
use tsudoi_core::mail::{MailFilter, MailTemplate};
use tsudoi_core::{AttendeeDraft, EventDraft, Lang};
use tsudoi_report::tickets::{ticket_cards_pdf, TicketSheet};

#[derive(Parser)]
#[command(about = "Times a message with the ticket card beside the QR image alone")]
struct Args {
    /// A few iterations on a few people only, to check that the benchmark runs.
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

fn main() {
    run(Args::parse().quick);
}

fn run(quick: bool) {
    let (n_people, n_runs) = if quick { (3, 2) } else { (20, 5) };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let now = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
    let clock = Clock::fixed(now, FixedOffset::east_opt(9 * 3600).unwrap());
    let mut db = Database::open(&dir.path().join("bench.sqlite3")).expect("open the database");
    let (event, attendees) = {
        let mut ctx = Ctx::new(&mut db, Lang::Ja, clock).acting_as(Some("準備 花子"));
        let mut draft = EventDraft::new(
            "アトツギ交流会 in 仙台",
            parse_date("2026-07-25").expect("a date"),
        );
        draft.venue_name = "仙台国際センター".into();
        let event = tsudoi_app::events::create(&mut ctx, draft).expect("the event");
        let attendees: Vec<_> = (0..n_people)
            .map(|i| {
                let draft = AttendeeDraft {
                    email: format!("p{i:03}@example.jp"),
                    organization: "株式会社 仙台精密".into(),
                    ..AttendeeDraft::new(format!("佐々木 𠮷子 {i}"))
                };
                tsudoi_app::attendees::add(&mut ctx, event.id, draft).expect("an attendee")
            })
            .collect();
        (event, attendees)
    };
    let (mut png_only, mut card_only, mut whole) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..n_runs {
        for a in &attendees {
            let token = a.ticket.as_ref().expect("a ticket");
            let start = Instant::now();
            let png = tsudoi_report::qr::ticket_png(token, 8).expect("the QR image");
            png_only.push(start.elapsed());
            assert!(!png.is_empty());

            let start = Instant::now();
            let sheet = TicketSheet::for_event(&event, std::slice::from_ref(a), Lang::Ja);
            let pdf = ticket_cards_pdf(&sheet).expect("the card");
            card_only.push(start.elapsed());
            assert!(pdf.starts_with(b"%PDF"));
        }
        let mut ctx = Ctx::new(&mut db, Lang::Ja, clock).acting_as(Some("準備 花子"));
        let prepared = mail::prepare(
            &mut ctx,
            MailingRequest {
                event_id: event.id,
                template: MailTemplate::Reminder,
                filter: MailFilter::default(),
                purpose: Some(format!("bench {run}")),
            },
        )
        .expect("the mailing");
        mail::approve(&mut ctx, prepared.id, Some("確認 太郎")).expect("approved");
        let out = dir.path().join(format!("eml-{run}"));
        let start = Instant::now();
        let done = mail::export_eml(
            &mut ctx,
            prepared.id,
            &out,
            "jimukyoku@example.jp",
            Replace(false),
        )
        .expect("the .eml files");
        let elapsed = start.elapsed();
        assert_eq!(done.files as usize, n_people);
        whole.push(elapsed / n_people as u32);
    }
    let row = |name: &str, samples: &mut Vec<Duration>| {
        println!(
            "| {name} | {} | {} | {} |",
            ms(percentile(samples, 0.5)),
            ms(percentile(samples, 0.99)),
            samples.len()
        );
    };
    println!("| per message | p50 ms | p99 ms | samples |");
    println!("|---|---|---|---|");
    row(
        "the QR image alone (baseline: what a message carried before)",
        &mut png_only,
    );
    row("the ticket card alone (one-card PDF)", &mut card_only);
    row(
        "the whole message: text, QR image, card, MIME, .eml written (per person of the mailing)",
        &mut whole,
    );
}

/// A smoke run (the benchmark works) and the full one (`--ignored --nocapture` prints the table).
#[cfg(test)]
mod tests {
    #[test]
    fn runs() {
        super::run(true);
    }

    #[test]
    #[ignore]
    fn full() {
        super::run(false);
    }
}

//! `tsudoi-limits`: what a hostile or huge file costs the app, in memory and time, beside an
//! ordinary file in the same run; and the registration list timed at growing lengths to show
//! that it grows linearly. Prints Markdown tables for BENCHMARKS.md.
//!
//! Each case runs in a child process of its own (this program, `--run CASE`), so that its peak
//! resident memory (Linux `VmHWM`) is its own. The child goes through the use cases the window
//! and the CLI call: `tsudoi_app::exchange::import_registrations`, `tsudoi_app::photos::add_files`
//! and `tsudoi_app::attendees::list`, on a fresh database.
//!
//! Run: `cargo run --release -p tsudoi-bench --bin tsudoi-limits` (`--case NAME` for some cases).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use clap::Parser;
use tsudoi_app::exchange::{import_registrations, RegistrationRequest};
use tsudoi_app::{attendees, events, photos, Clock, Ctx, Database};
use tsudoi_bench::files;
use tsudoi_core::event::parse_date;
use tsudoi_core::{EventDraft, Lang};

#[derive(Parser)]
#[command(about = "Measures the memory and time hostile and huge files cost the app")]
struct Args {
    /// Only these cases (by name; repeatable). All of them when none is given.
    #[arg(long = "case")]
    cases: Vec<String>,
    /// Internal: run one case in this process (the child's side).
    #[arg(long, hide = true)]
    run: Option<String>,
    /// Internal: the folder holding the case's file.
    #[arg(long, hide = true)]
    dir: Option<PathBuf>,
}

/// Which door of the app a case's file goes through.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Door {
    /// A registration import, then (for files that import) the list of everyone, timed.
    Registrations,
    /// A photo added from a file.
    Photo,
}

struct Case {
    name: &'static str,
    what: &'static str,
    door: Door,
    /// The file's name (its extension is what the app sees) and how to make its bytes.
    file: &'static str,
    make: fn() -> Vec<u8>,
}

const GIB: usize = 1 << 30;
const MIB: usize = 1 << 20;

const CASES: &[Case] = &[
    Case {
        name: "csv-100",
        what: "baseline: an ordinary registration CSV, 100 rows",
        door: Door::Registrations,
        file: "registrations-100.csv",
        make: || files::registration_csv(100).into_bytes(),
    },
    Case {
        name: "csv-10k",
        what: "registration CSV, 10,000 rows",
        door: Door::Registrations,
        file: "registrations-10k.csv",
        make: || files::registration_csv(10_000).into_bytes(),
    },
    Case {
        name: "csv-40k",
        what: "registration CSV, 40,000 rows",
        door: Door::Registrations,
        file: "registrations-40k.csv",
        make: || files::registration_csv(40_000).into_bytes(),
    },
    Case {
        name: "csv-400k",
        what: "registration CSV, 400,000 rows (issue 12's 50 MB file)",
        door: Door::Registrations,
        file: "registrations-400k.csv",
        make: || files::registration_csv(400_000).into_bytes(),
    },
    Case {
        name: "xfd1048576",
        what: "XLSX, one cell at XFD1048576",
        door: Door::Registrations,
        file: "far-cell.xlsx",
        make: || files::far_cell_xlsx("XFD1048576"),
    },
    Case {
        name: "z1000000",
        what: "XLSX, one cell at Z1000000",
        door: Door::Registrations,
        file: "z1000000.xlsx",
        make: || files::far_cell_xlsx("Z1000000"),
    },
    Case {
        name: "zip-bomb",
        what: "XLSX zip bomb: its sheet unpacks to 1 GiB",
        door: Door::Registrations,
        file: "zip-bomb.xlsx",
        make: || files::zip_bomb_xlsx(GIB),
    },
    Case {
        name: "forged-bomb",
        what: "the same bomb, its declared sizes forged to 1 KB",
        door: Door::Registrations,
        file: "forged-bomb.xlsx",
        make: || files::forge_declared_sizes(&files::zip_bomb_xlsx(GIB), 1_024),
    },
    Case {
        name: "huge-cell",
        what: "XLSX holding one 512 MiB cell (shared string)",
        door: Door::Registrations,
        file: "huge-cell.xlsx",
        make: || files::huge_cell_xlsx(512 * MIB),
    },
    Case {
        name: "long-field",
        what: "CSV with one 10 MB organisation",
        door: Door::Registrations,
        file: "long-field.csv",
        make: || files::long_field_csv(10 * MIB).into_bytes(),
    },
    Case {
        name: "widest-csv",
        what: "the most cells a CSV may hold: a header and 499,998 people × 20 short cells",
        door: Door::Registrations,
        file: "widest.csv",
        make: || files::widest_csv(499_998, 20).into_bytes(),
    },
    Case {
        name: "widest-xlsx",
        what: "near the most an XLSX may unpack to: a header and 290,000 people × 25 number cells (190 MiB of sheet)",
        door: Door::Registrations,
        file: "widest.xlsx",
        make: || files::widest_xlsx(290_000, 25),
    },
    Case {
        name: "photo-camera",
        what: "baseline: a 12-megapixel camera JPEG (4,000 × 3,000)",
        door: Door::Photo,
        file: "camera.jpg",
        make: || files::camera_jpeg(4_000, 3_000),
    },
    Case {
        name: "photo-cut-jpeg",
        what: "the first 5% of a 5-megapixel JPEG of noise",
        door: Door::Photo,
        file: "cut.jpg",
        make: || {
            let jpeg = files::noisy_jpeg(2_592, 1_944);
            jpeg[..jpeg.len() / 20].to_vec()
        },
    },
    Case {
        name: "photo-png-bomb",
        what: "image bomb: a PNG that says 30,000 × 30,000 pixels",
        door: Door::Photo,
        file: "bomb.png",
        make: || files::png_bomb(30_000, 30_000),
    },
    Case {
        name: "photo-jpeg-bomb",
        what: "image bomb: a JPEG that says 60,000 × 50,000 pixels",
        door: Door::Photo,
        file: "bomb.jpg",
        make: || files::jpeg_bomb(60_000, 50_000),
    },
    Case {
        name: "photo-at-limit",
        what: "a real PNG at the pixel limit: 10,950 × 10,950 RGBA, one colour (457 MiB decoded)",
        door: Door::Photo,
        file: "at-limit.png",
        make: || files::plain_png(10_950, false),
    },
    Case {
        name: "photo-at-limit-16",
        what: "the same picture in 16-bit RGB (686 MiB decoded)",
        door: Door::Photo,
        file: "at-limit-16.png",
        make: || files::plain_png(10_950, true),
    },
];

fn main() {
    let args = Args::parse();
    match (args.run, args.dir) {
        (Some(case), Some(dir)) => run(&case, &dir),
        _ => drive(&args.cases),
    }
}

/// What a child reports: one line of tab-separated fields.
struct Report {
    outcome: String,
    seconds: f64,
    rest_mib: f64,
    peak_mib: f64,
    /// For imports that imported: the list of everyone, timed.
    listing: Option<Listing>,
}

struct Listing {
    n_listed: usize,
    n_waiting: usize,
    /// The fastest and the slowest of three listings.
    fastest: Duration,
    slowest: Duration,
    peak_mib: f64,
}

impl Report {
    fn to_line(&self) -> String {
        let mut line = format!(
            "{}\t{:.3}\t{:.0}\t{:.0}",
            self.outcome.replace('\t', " "),
            self.seconds,
            self.rest_mib,
            self.peak_mib
        );
        if let Some(l) = &self.listing {
            line.push_str(&format!(
                "\t{}\t{}\t{:.4}\t{:.4}\t{:.0}",
                l.n_listed,
                l.n_waiting,
                l.fastest.as_secs_f64(),
                l.slowest.as_secs_f64(),
                l.peak_mib
            ));
        }
        line
    }

    fn from_line(line: &str) -> Option<Report> {
        let fields: Vec<&str> = line.trim_end().split('\t').collect();
        let number = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
        let listing = if fields.len() >= 9 {
            Some(Listing {
                n_listed: fields[4].parse().ok()?,
                n_waiting: fields[5].parse().ok()?,
                fastest: Duration::from_secs_f64(number(6)?),
                slowest: Duration::from_secs_f64(number(7)?),
                peak_mib: number(8)?,
            })
        } else {
            None
        };
        Some(Report {
            outcome: fields.first()?.to_string(),
            seconds: number(1)?,
            rest_mib: number(2)?,
            peak_mib: number(3)?,
            listing,
        })
    }
}

/// Makes each case's file, runs the case in a child process, and prints the tables.
fn drive(only: &[String]) {
    let exe = std::env::current_exe().expect("this program's path");
    let mut rows = Vec::new();
    for case in CASES
        .iter()
        .filter(|c| only.is_empty() || only.iter().any(|o| o == c.name))
    {
        // A folder per case: its database and photos go when the case is done.
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join(case.file);
        let bytes = (case.make)();
        std::fs::write(&path, &bytes).expect("write the case's file");
        let size = bytes.len() as u64;
        drop(bytes);
        eprintln!("{}: {} …", case.name, human(size));
        let started = Instant::now();
        let output = Command::new(&exe)
            .args(["--run", case.name, "--dir"])
            .arg(dir.path())
            .output()
            .expect("start the case's process");
        let wall = started.elapsed();
        let report = String::from_utf8_lossy(&output.stdout)
            .lines()
            .last()
            .and_then(Report::from_line);
        let report = match report {
            Some(report) if output.status.success() => report,
            _ => Report {
                outcome: format!(
                    "**CRASHED** ({}): {}",
                    output.status,
                    String::from_utf8_lossy(&output.stderr)
                        .lines()
                        .last()
                        .unwrap_or_default()
                ),
                seconds: wall.as_secs_f64(),
                rest_mib: f64::NAN,
                peak_mib: f64::NAN,
                listing: None,
            },
        };
        eprintln!("  {}", report.to_line());
        rows.push((case, size, report));
    }

    println!("| file | size | outcome | time s | at rest MiB | peak MiB |");
    println!("|---|---|---|---|---|---|");
    for (case, size, report) in &rows {
        // 1 GB is 954 MiB.
        let flag = if report.peak_mib * 1.048_576 > 1000.0 {
            " **over 1 GB**"
        } else {
            ""
        };
        println!(
            "| {} | {} | {} | {:.2} | {:.0} | {:.0}{flag} |",
            case.what,
            human(*size),
            report.outcome,
            report.seconds,
            report.rest_mib,
            report.peak_mib
        );
    }
    let listings: Vec<_> = rows
        .iter()
        .filter_map(|(case, _, r)| r.listing.as_ref().map(|l| (case, r, l)))
        .collect();
    if listings.is_empty() {
        return;
    }
    println!();
    println!("| file | people listed | of them waiting | import s | list all, fastest of 3, s | slowest s | µs a person | peak MiB after the list |");
    println!("|---|---|---|---|---|---|---|---|");
    for (case, report, l) in &listings {
        println!(
            "| {} | {} | {} | {:.2} | {:.4} | {:.4} | {:.2} | {:.0} |",
            case.name,
            l.n_listed,
            l.n_waiting,
            report.seconds,
            l.fastest.as_secs_f64(),
            l.slowest.as_secs_f64(),
            l.fastest.as_secs_f64() * 1e6 / l.n_listed.max(1) as f64,
            l.peak_mib
        );
    }
}

fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

/// The child's side: a fresh database and event, then the case's file through the app's door.
fn run(name: &str, dir: &Path) {
    let case = CASES
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case {name}"));
    let path = dir.join(case.file);
    let now = Utc
        .with_ymd_and_hms(2026, 7, 1, 0, 0, 0)
        .single()
        .expect("a valid time");
    let offset = chrono::FixedOffset::east_opt(9 * 3600).expect("JST");
    let mut db = Database::open(&dir.join("tsudoi.sqlite3")).expect("open the database");
    let mut ctx = Ctx::new(&mut db, Lang::Ja, Clock::fixed(now, offset)).acting_as(Some("計測"));
    // A new event as the window makes it: the contract's default capacity, so that most of a
    // long registration list waits.
    let event = events::create(
        &mut ctx,
        EventDraft::new("上限の計測", parse_date("2026-07-25").expect("a date")),
    )
    .expect("create the event");
    let rest_mib = peak_memory_mib();
    let started = Instant::now();
    let (outcome, imported) = match case.door {
        Door::Registrations => {
            match import_registrations(&mut ctx, event.id, &path, &RegistrationRequest::default()) {
                Ok(o) => (
                    format!(
                        "{} imported ({} waiting), {} skipped",
                        o.result.imported,
                        o.result.waitlisted,
                        o.skipped.len()
                    ),
                    o.result.imported > 0,
                ),
                Err(e) => (format!("refused: `{}`", tsudoi_core::Localized::code(&e)), false),
            }
        }
        Door::Photo => {
            let added = photos::add_files(&mut ctx, event.id, &[path.display().to_string()]);
            let outcome = match added.first() {
                Some(photos::PhotoAddResult {
                    added: Some(view), ..
                }) => format!("added, {} × {}", view.photo.width, view.photo.height),
                Some(photos::PhotoAddResult {
                    error: Some(refusal), ..
                }) => format!("refused: `{}`", refusal.code),
                _ => "no answer".to_string(),
            };
            (outcome, false)
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let peak_mib = peak_memory_mib();
    let listing = imported.then(|| {
        let mut times = Vec::new();
        let mut listed = Vec::new();
        for _ in 0..3 {
            let started = Instant::now();
            listed = attendees::list(&ctx, event.id, None).expect("list the attendees");
            times.push(started.elapsed());
        }
        times.sort();
        Listing {
            n_listed: listed.len(),
            n_waiting: listed.iter().filter(|a| a.waitlist_position.is_some()).count(),
            fastest: times[0],
            slowest: times[times.len() - 1],
            peak_mib: peak_memory_mib(),
        }
    });
    let report = Report {
        outcome,
        seconds,
        rest_mib,
        peak_mib,
        listing,
    };
    println!("{}", report.to_line());
}

/// The process's peak resident memory so far, in MiB (Linux `VmHWM` in `/proc/self/status`).
fn peak_memory_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_survives_its_line() {
        let report = Report {
            outcome: "400000 imported (299930 waiting),\t0 skipped".into(),
            seconds: 39.28,
            rest_mib: 7.0,
            peak_mib: 581.0,
            listing: Some(Listing {
                n_listed: 400_000,
                n_waiting: 299_930,
                fastest: Duration::from_millis(8_461),
                slowest: Duration::from_millis(10_377),
                peak_mib: 581.0,
            }),
        };
        let back = Report::from_line(&report.to_line()).expect("the line reads back");
        assert_eq!(
            back.outcome, "400000 imported (299930 waiting), 0 skipped",
            "a tab in the outcome would split it"
        );
        assert_eq!((back.seconds, back.peak_mib), (39.28, 581.0));
        let listing = back.listing.expect("the listing came along");
        assert_eq!((listing.n_listed, listing.n_waiting), (400_000, 299_930));
        assert_eq!(listing.fastest, Duration::from_millis(8_461));
        let refused = Report::from_line("refused: `import.too_many_rows`\t0.000\t6\t7").expect("a refusal");
        assert!(refused.listing.is_none(), "a refused file lists nobody");
    }

    #[test]
    fn every_case_has_its_own_name() {
        let mut names: Vec<&str> = CASES.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(
            names.len(),
            CASES.len(),
            "--case and --run find a case by its name"
        );
    }
}

//! Printing results: one JSON document with `--json`, otherwise a table for people.

use std::path::Path;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;
use serde_json::json;
use tsudoi_core::{Attendee, Event, Lang};
use tsudoi_store::{DemoReport, EventCounts};

pub struct Output {
    pub json: bool,
}

/// A table for people: compact borders, columns fitted to the terminal.
pub fn table(header: Vec<&str>) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    table
}

fn time_range(event: &Event) -> String {
    let d = &event.details;
    match (d.start_time, d.end_time) {
        (Some(start), Some(end)) => format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")),
        (Some(start), None) => format!("{}–", start.format("%H:%M")),
        _ => String::new(),
    }
}

impl Output {
    pub fn print_json(&self, value: &impl Serialize) {
        match serde_json::to_string_pretty(value) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("cannot write JSON: {e}"),
        }
    }

    pub fn event(&self, event: &Event, counts: Option<&EventCounts>, lang: Lang) {
        if self.json {
            let mut value = json!(event);
            if let Some(counts) = counts {
                value["counts"] = json!(counts);
            }
            return self.print_json(&value);
        }
        let d = &event.details;
        let mut rows = vec![
            (lang.pick("ID", "ID"), event.id.to_string()),
            (lang.pick("イベント名", "Title"), d.title.clone()),
            (lang.pick("日付", "Date"), d.date.to_string()),
            (lang.pick("時間", "Time"), time_range(event)),
            (lang.pick("形式", "Format"), d.format.label(lang).to_string()),
            (lang.pick("会場", "Venue"), d.venue_name.clone()),
            (lang.pick("所在地", "Address"), d.venue_address.clone()),
            (
                lang.pick("定員（会場）", "Capacity (venue)"),
                d.capacity.to_string(),
            ),
            (lang.pick("オンラインURL", "Online URL"), d.online_url.clone()),
        ];
        if let Some(c) = counts {
            rows.push((lang.pick("登録者", "Registered"), c.n_registered.to_string()));
            rows.push((
                lang.pick("うち会場 / オンライン", "Venue / online"),
                format!("{} / {}", c.n_venue, c.n_online),
            ));
            rows.push((lang.pick("キャンセル", "Cancelled"), c.n_cancelled.to_string()));
        }
        let mut t = table(vec![lang.pick("項目", "Field"), lang.pick("内容", "Value")]);
        for (label, value) in rows {
            t.add_row(vec![label.to_string(), value]);
        }
        println!("{t}");
    }

    pub fn events(&self, events: &[Event], counts: &[EventCounts], lang: Lang) {
        if self.json {
            let list: Vec<_> = events
                .iter()
                .zip(counts)
                .map(|(event, counts)| {
                    let mut value = json!(event);
                    value["counts"] = json!(counts);
                    value
                })
                .collect();
            return self.print_json(&list);
        }
        if events.is_empty() {
            println!(
                "{}",
                lang.pick(
                    "イベントはまだありません。`tsudoi event create` で作成するか、`tsudoi demo` でデモを読み込んでください。",
                    "No events yet. Create one with `tsudoi event create`, or load the demo with `tsudoi demo`."
                )
            );
            return;
        }
        let mut t = table(vec![
            "ID",
            lang.pick("日付", "Date"),
            lang.pick("時間", "Time"),
            lang.pick("イベント名", "Title"),
            lang.pick("会場", "Venue"),
            lang.pick("定員", "Capacity"),
            lang.pick("登録者", "Registered"),
        ]);
        for (event, c) in events.iter().zip(counts) {
            t.add_row(vec![
                event.id.to_string(),
                event.details.date.to_string(),
                time_range(event),
                event.details.title.clone(),
                event.details.venue_name.clone(),
                event.details.capacity.to_string(),
                c.n_registered.to_string(),
            ]);
        }
        println!("{t}");
    }

    pub fn attendee(&self, attendee: &Attendee, lang: Lang) {
        if self.json {
            return self.print_json(attendee);
        }
        self.attendees(std::slice::from_ref(attendee), lang);
    }

    /// The changed attendee, and who got a place from the waiting list because of it.
    pub fn attendee_update(&self, update: &tsudoi_store::AttendeeUpdate, lang: Lang) {
        if self.json {
            let mut value = json!(update.attendee);
            value["promoted"] = json!(update.promoted);
            return self.print_json(&value);
        }
        self.attendees(std::slice::from_ref(&update.attendee), lang);
        for person in &update.promoted {
            match lang {
                Lang::Ja => println!(
                    "キャンセル待ちから繰り上げ: {}（ID {}）",
                    person.details.name, person.id
                ),
                Lang::En => println!(
                    "Moved up from the waiting list: {} (id {})",
                    person.details.name, person.id
                ),
            }
        }
    }

    pub fn attendees(&self, attendees: &[Attendee], lang: Lang) {
        if self.json {
            return self.print_json(&attendees);
        }
        let mut t = table(vec![
            "ID",
            lang.pick("氏名", "Name"),
            lang.pick("ふりがな", "Kana"),
            lang.pick("所属", "Organization"),
            lang.pick("役職", "Title"),
            lang.pick("区分", "Category"),
            lang.pick("参加方法", "Mode"),
            lang.pick("状態", "Status"),
            lang.pick("メール", "Email"),
        ]);
        for a in attendees {
            let d = &a.details;
            t.add_row(vec![
                a.id.to_string(),
                d.name.clone(),
                d.kana.clone(),
                d.organization.clone(),
                d.title.clone(),
                d.category.label(lang).to_string(),
                d.mode.label(lang).to_string(),
                match a.waitlist_position {
                    Some(n) => format!("{} {n}", lang.pick("キャンセル待ち", "waiting")),
                    None => d.status.label(lang).to_string(),
                },
                d.email.clone(),
            ]);
        }
        println!("{t}");
        println!(
            "{}",
            lang.pick(
                &format!("{} 名", attendees.len()),
                &format!("{} people", attendees.len())
            )
        );
    }

    pub fn demo(&self, report: &DemoReport, lang: Lang) {
        if self.json {
            return self.print_json(report);
        }
        match lang {
            Lang::Ja => println!(
                "デモデータを読み込みました: イベント {} 件、参加者 {} 名。",
                report.event_ids.len(),
                report.n_attendees
            ),
            Lang::En => println!(
                "Loaded the demo: {} events, {} attendees.",
                report.event_ids.len(),
                report.n_attendees
            ),
        }
    }

    pub fn setting(&self, key: &str, value: &str) {
        if self.json {
            return self.print_json(&json!({ key: value }));
        }
        println!("{key} = {value}");
    }

    pub fn info(&self, path: &Path, schema_version: i64, n_events: usize, lang: Lang) {
        if self.json {
            return self.print_json(&json!({
                "database": path,
                "schema_version": schema_version,
                "app_version": tsudoi_store::APP_VERSION,
                "n_events": n_events,
            }));
        }
        println!("{}: {}", lang.pick("データベース", "Database"), path.display());
        println!("{}: {schema_version}", lang.pick("スキーマ版", "Schema version"));
        println!(
            "{}: {}",
            lang.pick("集いの版", "Tsudoi version"),
            tsudoi_store::APP_VERSION
        );
        println!("{}: {n_events}", lang.pick("イベント数", "Events"));
    }

    pub fn tickets_exported(&self, export: &tsudoi_report::tickets::TicketExport, lang: Lang) {
        if self.json {
            return self.print_json(export);
        }
        match lang {
            Lang::Ja => println!(
                "{} 名分の受付票（PNG・SVG と印刷用の {}）を {} に書き出しました。",
                export.n_tickets,
                export.pdf.display(),
                export.dir.display()
            ),
            Lang::En => println!(
                "Wrote {} tickets (PNG, SVG and the printable {}) to {}.",
                export.n_tickets,
                export.pdf.display(),
                export.dir.display()
            ),
        }
    }

    pub fn print_desk(&self, desk: &tsudoi_store::DeskSettings) {
        if self.json {
            return self.print_json(&json!({ "name": desk.name, "operator": desk.operator }));
        }
        println!("desk = {}\noperator = {}", desk.name, desk.operator);
    }
}

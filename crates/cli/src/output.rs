//! Printing results: one JSON document with `--json`, otherwise a table for people.

use std::path::Path;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;
use serde_json::json;
use tsudoi_app::events::EventSummary;
use tsudoi_app::types::{DemoReport, EventCounts};
use tsudoi_core::{Attendee, Event, Lang};

/// `println!` for the command's answer, but a closed pipe (`tsudoi … --json | head`) ends the
/// program quietly instead of a panic: the reader has what it wanted.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::output::write_line(format_args!($($arg)*))
    };
}

pub fn write_line(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = writeln!(stdout, "{line}").and_then(|()| stdout.flush()) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("cannot write the answer: {error}");
        std::process::exit(1);
    }
}

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
            Ok(text) => outln!("{text}"),
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
        outln!("{t}");
    }

    pub fn events(&self, summaries: &[EventSummary], lang: Lang) {
        if self.json {
            let list: Vec<_> = summaries
                .iter()
                .map(|summary| {
                    let mut value = json!(summary.event);
                    value["counts"] = json!(summary.counts);
                    value
                })
                .collect();
            return self.print_json(&list);
        }
        if summaries.is_empty() {
            outln!(
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
        for EventSummary { event, counts: c } in summaries {
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
        outln!("{t}");
    }

    pub fn attendee(&self, attendee: &Attendee, lang: Lang) {
        if self.json {
            return self.print_json(attendee);
        }
        self.attendees(std::slice::from_ref(attendee), lang);
    }

    /// The changed attendee, and who got a place from the waiting list because of it.
    pub fn attendee_update(&self, update: &tsudoi_app::types::AttendeeUpdate, lang: Lang) {
        if self.json {
            let mut value = json!(update.attendee);
            value["promoted"] = json!(update.promoted);
            return self.print_json(&value);
        }
        self.attendees(std::slice::from_ref(&update.attendee), lang);
        for person in &update.promoted {
            match lang {
                Lang::Ja => outln!(
                    "キャンセル待ちから繰り上げ: {}（ID {}）",
                    person.details.name,
                    person.id
                ),
                Lang::En => outln!(
                    "Moved up from the waiting list: {} (id {})",
                    person.details.name,
                    person.id
                ),
            }
        }
    }

    /// The attendee list with where each person stands (JSON: each attendee with `checked_in`,
    /// `in_room`, `attended_mode`).
    pub fn people(&self, people: &[tsudoi_app::types::ListedAttendee], lang: Lang) {
        if self.json {
            return self.print_json(&people);
        }
        let attendees: Vec<Attendee> = people.iter().map(|p| p.attendee.clone()).collect();
        self.attendees(&attendees, lang);
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
        outln!("{t}");
        outln!(
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
            Lang::Ja => outln!(
                "デモデータを読み込みました: イベント {} 件、参加者 {} 名。",
                report.event_ids.len(),
                report.n_attendees
            ),
            Lang::En => outln!(
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
        outln!("{key} = {value}");
    }

    pub fn info(
        &self,
        path: &Path,
        schema_version: i64,
        n_events: usize,
        about: &tsudoi_app::about::About,
        lang: Lang,
    ) {
        if self.json {
            return self.print_json(&json!({
                "database": path,
                "schema_version": schema_version,
                "app_version": about.app_version,
                "n_events": n_events,
                "about": about,
            }));
        }
        outln!("{}: {}", lang.pick("データベース", "Database"), path.display());
        outln!("{}: {schema_version}", lang.pick("スキーマ版", "Schema version"));
        outln!(
            "{}: {}",
            lang.pick("集いの版", "Tsudoi version"),
            about.app_version
        );
        outln!("{}: {n_events}", lang.pick("イベント数", "Events"));
        outln!("SQLite: {}", about.sqlite_version);
        outln!("SQLCipher: {}", about.sqlcipher_version);
        outln!("{}: {}", lang.pick("動作環境", "Platform"), about.platform);
    }

    pub fn tickets_exported(&self, export: &tsudoi_app::exchange::TicketExport, lang: Lang) {
        if self.json {
            return self.print_json(export);
        }
        match lang {
            Lang::Ja => outln!(
                "{} 名分の受付票（PNG・SVG と印刷用の {}）を {} に書き出しました。",
                export.n_tickets,
                export.pdf.display(),
                export.dir.display()
            ),
            Lang::En => outln!(
                "Wrote {} tickets (PNG, SVG and the printable {}) to {}.",
                export.n_tickets,
                export.pdf.display(),
                export.dir.display()
            ),
        }
    }

    pub fn registration_import(&self, outcome: &tsudoi_app::exchange::RegistrationOutcome, lang: Lang) {
        if self.json {
            return self.print_json(outcome);
        }
        let r = &outcome.result;
        let headline = match (lang, r.dry_run) {
            (Lang::Ja, true) => "試行（何も変えていません）",
            (Lang::Ja, false) => "取り込みました",
            (Lang::En, true) => "Dry run (nothing changed)",
            (Lang::En, false) => "Imported",
        };
        match lang {
            Lang::Ja => outln!(
                "{headline}: {} 行を読み、新規 {} 名（うちキャンセル待ち {}）、重複をまとめた行 {}（更新 {} 名・変更なし {} 名）、取り込まなかった行 {}、注意 {} 件。",
                outcome.n_rows, r.imported, r.waitlisted, r.merged, r.updated, r.unchanged, outcome.skipped.len(), outcome.warnings.len()
            ),
            Lang::En => outln!(
                "{headline}: read {} rows; {} new (of which {} waiting), {} rows merged as duplicates ({} updated, {} unchanged), {} rows left out, {} warnings.",
                outcome.n_rows, r.imported, r.waitlisted, r.merged, r.updated, r.unchanged, outcome.skipped.len(), outcome.warnings.len()
            ),
        }
        if !outcome.skipped.is_empty() || !outcome.warnings.is_empty() {
            let mut table = table(vec![lang.pick("行", "Row"), lang.pick("内容", "What")]);
            for skipped in &outcome.skipped {
                table.add_row(vec![
                    skipped.row.to_string(),
                    format!("{}: {}", lang.pick("取り込まず", "left out"), skipped.reason),
                ]);
            }
            for warning in &outcome.warnings {
                table.add_row(vec![warning.row.to_string(), warning.message.clone()]);
            }
            outln!("{table}");
        }
        for unmatched in &outcome.unmatched_categories {
            let rows = unmatched
                .rows
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            match lang {
                Lang::Ja => outln!(
                    "区分「{}」（{} 行目）はどの区分か分からないため「その他」にしました。決めるには --category '{}=supporter' のように指定してください。",
                    unmatched.word, rows, unmatched.word
                ),
                Lang::En => outln!(
                    "The category “{}” (rows {}) matches none and was read as Other. Decide with --category '{}=supporter'.",
                    unmatched.word, rows, unmatched.word
                ),
            }
        }
    }

    pub fn online_import(&self, outcome: &tsudoi_app::types::OnlineAttendanceImport, lang: Lang) {
        if self.json {
            return self.print_json(outcome);
        }
        match lang {
            Lang::Ja => outln!(
                "{}{} 名をオンライン出席として照合しました（新たに {} 名）。照合できなかった人: {} 名。",
                if outcome.dry_run {
                    "試行（何も変えていません）: "
                } else {
                    ""
                },
                outcome.matched.len(),
                outcome.newly_attended,
                outcome.unmatched.len()
            ),
            Lang::En => outln!(
                "{}{} people matched as attended online ({} new). Not matched: {}.",
                if outcome.dry_run {
                    "Dry run (nothing changed): "
                } else {
                    ""
                },
                outcome.matched.len(),
                outcome.newly_attended,
                outcome.unmatched.len()
            ),
        }
        if !outcome.unmatched.is_empty() {
            let mut table = table(vec![
                lang.pick("行", "Row"),
                lang.pick("名前", "Name"),
                lang.pick("メール", "Email"),
                lang.pick("役割", "Role"),
            ]);
            for person in &outcome.unmatched {
                table.add_row(vec![
                    person.row.to_string(),
                    person.name.clone(),
                    person.email.clone().unwrap_or_default(),
                    person.role.clone().unwrap_or_default(),
                ]);
            }
            outln!("{table}");
        }
    }

    pub fn attendance_export(&self, outcome: &tsudoi_app::exchange::ExportOutcome, lang: Lang) {
        if self.json {
            return self.print_json(outcome);
        }
        let s = &outcome.summary;
        match lang {
            Lang::Ja => outln!(
                "{} 名分の出欠を {} に書き出しました。\n一般: 会場 {}/{}・オンライン {}/{}　関係者: 会場 {}/{}・オンライン {}/{}（出席/登録）",
                outcome.n_people, outcome.file,
                s.general_venue.n_attended, s.general_venue.n_registered, s.general_online.n_attended, s.general_online.n_registered,
                s.stakeholder_venue.n_attended, s.stakeholder_venue.n_registered, s.stakeholder_online.n_attended, s.stakeholder_online.n_registered,
            ),
            Lang::En => outln!(
                "Wrote the attendance of {} people to {}.\nGeneral: venue {}/{}, online {}/{}; stakeholders: venue {}/{}, online {}/{} (attended/registered)",
                outcome.n_people, outcome.file,
                s.general_venue.n_attended, s.general_venue.n_registered, s.general_online.n_attended, s.general_online.n_registered,
                s.stakeholder_venue.n_attended, s.stakeholder_venue.n_registered, s.stakeholder_online.n_attended, s.stakeholder_online.n_registered,
            ),
        }
        for c in &outcome.substituted {
            outln!(
                "{}",
                match lang {
                    Lang::Ja => format!(
                        "{} 行目「{}」の {} は Shift_JIS にないため 〓 にしました（{}）",
                        c.line, c.column, c.character, c.text
                    ),
                    Lang::En => format!(
                        "line {} “{}”: {} is not in Shift_JIS and was written as 〓 ({})",
                        c.line, c.column, c.character, c.text
                    ),
                }
            );
        }
    }

    pub fn audit(&self, entries: &[tsudoi_app::types::AuditEntry], lang: Lang) {
        if self.json {
            return self.print_json(&entries);
        }
        let mut table = table(vec![
            lang.pick("日時", "When"),
            lang.pick("誰が", "Who"),
            lang.pick("何を", "What"),
            lang.pick("回", "Event"),
            lang.pick("人数", "People"),
            lang.pick("ファイル", "File"),
            lang.pick("詳細", "Detail"),
        ]);
        for e in entries {
            table.add_row(vec![
                e.at.with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string(),
                e.actor.clone(),
                e.action.label(lang).to_string(),
                e.event_id.map(|id| id.to_string()).unwrap_or_default(),
                e.n_people.to_string(),
                e.file.clone(),
                e.detail.clone(),
            ]);
        }
        outln!("{table}");
    }

    /// The chain check: whole, or where it breaks (the failure message says what to do).
    pub fn audit_chain(&self, report: &tsudoi_app::types::AuditChainReport, lang: Lang) {
        if self.json {
            return self.print_json(report);
        }
        if report.intact {
            outln!(
                "{}",
                match lang {
                    Lang::Ja => format!("監査ログは改ざんされていません（{} 行）。", report.lines),
                    Lang::En => format!("The privacy log is intact ({} lines).", report.lines),
                }
            );
        }
        if report.unchained > 0 {
            outln!(
                "{}",
                match lang {
                    Lang::Ja => format!(
                        "うち {} 行は改ざん検知の導入前に書かれたため確認できません。",
                        report.unchained
                    ),
                    Lang::En => format!(
                        "{} lines were written before the chain began and cannot be checked.",
                        report.unchained
                    ),
                }
            );
        }
    }

    pub fn seat_plan(&self, plan: &tsudoi_app::seating::SeatPlanForm, lang: Lang) {
        if self.json {
            return self.print_json(plan);
        }
        if plan.general.is_empty() && plan.stakeholder.is_empty() {
            outln!(
                "{}",
                lang.pick(
                    "座席表はありません（席の区分だけで受付します）。",
                    "No seat plan: people sit anywhere in their zone."
                )
            );
            return;
        }
        for (zone, text, n) in [
            (
                tsudoi_core::SeatZone::Stakeholder,
                &plan.stakeholder,
                plan.n_stakeholder,
            ),
            (tsudoi_core::SeatZone::General, &plan.general, plan.n_general),
        ] {
            if !text.is_empty() {
                outln!("{}: {text}（{n} {}）", zone.label(lang), lang.pick("席", "seats"));
            }
        }
    }

    pub fn print_seat(&self, attendee: tsudoi_core::AttendeeId, seat: Option<&str>, lang: Lang) {
        if self.json {
            return self.print_json(&json!({ "attendee_id": attendee, "seat": seat }));
        }
        match seat {
            Some(seat) => outln!("{} {seat}", lang.pick("席:", "Seat:")),
            None => outln!(
                "{}",
                lang.pick(
                    "この人の席の区分には座席表がないか、空席がありません。",
                    "The person's zone has no seat plan or no free seat."
                )
            ),
        }
    }

    pub fn seat_chart(&self, seats: &[tsudoi_core::seating::ChartSeat], lang: Lang) {
        if self.json {
            return self.print_json(&seats);
        }
        let mut table = table(vec![
            lang.pick("席の区分", "Zone"),
            lang.pick("席", "Seat"),
            lang.pick("氏名", "Name"),
            lang.pick("所属", "Organization"),
        ]);
        for s in seats {
            table.add_row(vec![
                s.zone.label(lang).to_string(),
                s.seat.clone(),
                s.name.clone().unwrap_or_default(),
                s.organization.clone().unwrap_or_default(),
            ]);
        }
        outln!("{table}");
    }

    pub fn seat_chart_written(&self, done: &tsudoi_app::seating::SeatChartExport, lang: Lang) {
        if self.json {
            return self.print_json(done);
        }
        match lang {
            Lang::Ja => outln!(
                "座席表（着席 {} 名）を {} に書き出しました。",
                done.n_seated,
                done.file
            ),
            Lang::En => outln!(
                "Wrote the seat chart ({} seated) to {}.",
                done.n_seated,
                done.file
            ),
        }
    }

    /// JSON when asked, else the line(s) for people.
    pub fn print_json_or(&self, value: &impl Serialize, text: impl FnOnce() -> String) {
        if self.json {
            self.print_json(value);
        } else {
            outln!("{}", text());
        }
    }

    pub fn speakers(&self, speakers: &[tsudoi_core::agenda::Speaker], lang: Lang) {
        if self.json {
            return self.print_json(&speakers);
        }
        let mut table = table(vec![
            "ID",
            lang.pick("氏名", "Name"),
            lang.pick("所属", "Organization"),
            lang.pick("役職", "Title"),
        ]);
        for s in speakers {
            table.add_row(vec![
                s.id.0.to_string(),
                s.details.name.clone(),
                s.details.organization.clone(),
                s.details.title.clone(),
            ]);
        }
        outln!("{table}");
    }

    pub fn agenda(
        &self,
        items: &[tsudoi_core::agenda::AgendaItem],
        issues: &[tsudoi_core::agenda::ScheduleIssue],
        lang: Lang,
    ) {
        if self.json {
            return self.print_json(&json!({ "items": items, "issues": issues }));
        }
        let mut table = table(vec![
            "ID",
            lang.pick("時間", "Time"),
            lang.pick("種類", "Kind"),
            lang.pick("題名", "Title"),
            lang.pick("登壇者", "Speakers"),
        ]);
        for item in items {
            let d = &item.details;
            table.add_row(vec![
                item.id.0.to_string(),
                format!("{}–{}", d.starts_at.format("%H:%M"), d.ends_at.format("%H:%M")),
                d.kind.label(lang).to_string(),
                d.title.clone(),
                item.speakers
                    .iter()
                    .map(|s| s.details.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ]);
        }
        outln!("{table}");
        for issue in issues {
            outln!("! {}", schedule_issue_text(issue, items, lang));
        }
    }

    pub fn print_desk(&self, desk: &tsudoi_app::types::DeskSettings) {
        if self.json {
            return self.print_json(&json!({ "name": desk.name, "operator": desk.operator }));
        }
        outln!("desk = {}\noperator = {}", desk.name, desk.operator);
    }
}

/// A timing issue of the programme, in words.
pub fn schedule_issue_text(
    issue: &tsudoi_core::agenda::ScheduleIssue,
    items: &[tsudoi_core::agenda::AgendaItem],
    lang: Lang,
) -> String {
    use tsudoi_core::agenda::ScheduleIssue;
    let title = |id: tsudoi_core::agenda::AgendaItemId| {
        items
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.details.title.clone())
            .unwrap_or_default()
    };
    match (issue, lang) {
        (
            ScheduleIssue::Overlap {
                item,
                previous,
                minutes,
            },
            Lang::Ja,
        ) => format!(
            "「{}」が「{}」と {minutes} 分重なっています",
            title(*item),
            title(*previous)
        ),
        (
            ScheduleIssue::Overlap {
                item,
                previous,
                minutes,
            },
            Lang::En,
        ) => format!(
            "“{}” overlaps “{}” by {minutes} min",
            title(*item),
            title(*previous)
        ),
        (
            ScheduleIssue::Gap {
                item,
                previous,
                minutes,
            },
            Lang::Ja,
        ) => format!(
            "「{}」と「{}」の間が {minutes} 分空いています",
            title(*previous),
            title(*item)
        ),
        (
            ScheduleIssue::Gap {
                item,
                previous,
                minutes,
            },
            Lang::En,
        ) => format!(
            "{minutes} min free between “{}” and “{}”",
            title(*previous),
            title(*item)
        ),
        (ScheduleIssue::BeforeEvent { item, minutes }, Lang::Ja) => {
            format!("「{}」が開始時刻より {minutes} 分早く始まります", title(*item))
        }
        (ScheduleIssue::BeforeEvent { item, minutes }, Lang::En) => {
            format!("“{}” starts {minutes} min before the event", title(*item))
        }
        (ScheduleIssue::AfterEvent { item, minutes }, Lang::Ja) => {
            format!("「{}」が終了時刻を {minutes} 分過ぎます", title(*item))
        }
        (ScheduleIssue::AfterEvent { item, minutes }, Lang::En) => {
            format!("“{}” ends {minutes} min after the event", title(*item))
        }
        (ScheduleIssue::ShortOfEvent { minutes }, Lang::Ja) => {
            format!("次第が開催時間より合計 {minutes} 分短くなっています")
        }
        (ScheduleIssue::ShortOfEvent { minutes }, Lang::En) => {
            format!("the programme is {minutes} min shorter than the event's hours")
        }
    }
}

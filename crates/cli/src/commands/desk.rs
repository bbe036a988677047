//! The desk's commands: check-in, exit, walk-in, undo, counts and the log.

use chrono::{DateTime, Local, Utc};
use serde_json::json;
use tsudoi_app::desk::{self, DeskAnswer, DeskChoice, DoorInput};
use tsudoi_app::types::DoorAttempt;
use tsudoi_app::Ctx;
use tsudoi_core::{
    AttendanceMode, AttendeeId, Category, Direction, DoorMethod, DoorOutcome, DoorStatus, EventId,
    GroupCount, Lang, SeatZone,
};

use crate::args::{AttendeeFields, DeskArgs, DoorArgs};
use crate::failure::{Failure, OrFail};
use crate::output::{table, Output};

/// The context acting as `--operator`, and the desk named by `--desk`.
fn desk_choice(args: &DeskArgs) -> DeskChoice {
    DeskChoice {
        desk: args.desk.clone(),
    }
}

fn with_operator<'c, 'd>(ctx: &'c mut Ctx<'d>, args: &DeskArgs) -> &'c mut Ctx<'d> {
    ctx.act_as(args.operator.as_deref());
    ctx
}

pub fn door(args: &DoorArgs, direction: Direction, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    let input = DoorInput {
        direction,
        method: if args.attendee.is_some() {
            DoorMethod::Search
        } else {
            DoorMethod::Qr
        },
        code: args.code.clone(),
        attendee_id: args.attendee.map(AttendeeId),
        override_reason: args.override_reason.clone(),
        seat: args.seat.clone(),
    };
    let ctx = with_operator(ctx, &args.desk);
    let answer = desk::door(ctx, EventId(args.event), input, &desk_choice(&args.desk)).or_fail(lang)?;
    print_result(out, &answer, lang);
    passed_or_refused(&answer)
}

pub fn walk_in(
    event: i64,
    fields: &AttendeeFields,
    args: &DeskArgs,
    override_reason: Option<&str>,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let draft = super::attendees::new_attendee_draft(fields, lang)?;
    let ctx = with_operator(ctx, args);
    let answer =
        desk::walk_in(ctx, EventId(event), draft, override_reason, &desk_choice(args)).or_fail(lang)?;
    print_result(out, &answer, lang);
    passed_or_refused(&answer)
}

pub fn undo(
    attempt: i64,
    reason: &str,
    args: &DeskArgs,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let ctx = with_operator(ctx, args);
    let undone = desk::undo(ctx, attempt, reason, &desk_choice(args)).or_fail(lang)?;
    print_attempts(out, std::slice::from_ref(&undone), lang);
    Ok(())
}

pub fn status(event: i64, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let status = desk::status(ctx, EventId(event)).or_fail(ctx.lang)?;
    print_status(out, &status, ctx.lang);
    Ok(())
}

pub fn attempts(event: i64, limit: u32, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let attempts = desk::attempts(ctx, EventId(event), limit).or_fail(ctx.lang)?;
    print_attempts(out, &attempts, ctx.lang);
    Ok(())
}

/// A door command succeeds only when the person passed; a refusal is a non-zero exit, so a script
/// can tell them apart without reading the output.
fn passed_or_refused(answer: &DeskAnswer) -> Result<(), Failure> {
    if answer.verdict.passed {
        Ok(())
    } else {
        Err(Failure {
            code: "door.refused",
            message: answer.verdict.title.clone(),
            reported: true,
        })
    }
}

fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%H:%M:%S").to_string()
}

/// Prints a door result; the JSON's `result` reads `ok` for a repeated read of a pass, which is
/// the same pass (`repeat` says so).
pub fn print_result(out: &Output, answer: &DeskAnswer, lang: Lang) {
    let result = &answer.result;
    let outcome = result.attempt.outcome;
    if out.json {
        let shown = if outcome == DoorOutcome::Repeat {
            DoorOutcome::Ok
        } else {
            outcome
        };
        return out.print_json(&json!({
            "result": shown.as_str(),
            "repeat": outcome == DoorOutcome::Repeat,
            "title": answer.verdict.title,
            "notice": result.notice,
            "notice_text": answer.verdict.notice,
            "detail": answer.verdict.detail,
            "overridden": result.attempt.override_reason.is_some(),
            "direction": result.attempt.direction,
            "attempt_id": result.attempt.id,
            "attendee": result.attendee,
            "zone": result.zone,
            "seat": result.seat,
            "previous": result.previous,
            "in_room": result.in_room,
            "capacity": result.capacity,
            "nearly_full": result.nearly_full,
        }));
    }
    let mark = if answer.verdict.passed { "✓" } else { "✗" };
    crate::outln!("{mark} {}", answer.verdict.title);
    if let Some(a) = &result.attendee {
        let d = &a.details;
        crate::outln!(
            "  {}（{}）{}  {}",
            d.name,
            d.kana,
            d.organization,
            d.category.label(lang)
        );
    }
    if let (Some(zone), true) = (result.zone, answer.verdict.passed) {
        match &result.seat {
            Some(seat) => crate::outln!("  {}  {} {seat}", zone.label(lang), lang.pick("席", "seat")),
            None => crate::outln!("  {}", zone.label(lang)),
        }
    }
    for line in [&answer.verdict.notice, &answer.verdict.detail]
        .into_iter()
        .flatten()
    {
        crate::outln!("  {line}");
    }
    if let Some(previous) = &result.previous {
        match lang {
            Lang::Ja => crate::outln!("  {} に {} で受付済み", local_time(previous.at), previous.desk),
            Lang::En => crate::outln!("  checked in at {} at {}", local_time(previous.at), previous.desk),
        }
    }
    match lang {
        Lang::Ja => crate::outln!(
            "  在室 {} / 定員 {}（記録番号 {}）",
            result.in_room,
            result.capacity,
            result.attempt.id
        ),
        Lang::En => crate::outln!(
            "  in the room {} / capacity {} (record {})",
            result.in_room,
            result.capacity,
            result.attempt.id
        ),
    }
}

pub fn print_status(out: &Output, status: &DoorStatus, lang: Lang) {
    if out.json {
        return out.print_json(status);
    }
    let mut t = table(vec![
        lang.pick("区分", "Group"),
        lang.pick("登録", "Registered"),
        lang.pick("受付済み", "Checked in"),
        lang.pick("在室", "In the room"),
    ]);
    t.add_row(vec![
        lang.pick("合計", "Total").to_string(),
        status.registered.to_string(),
        status.checked_in.to_string(),
        status.in_room.to_string(),
    ]);
    let mut rows: Vec<(String, Option<GroupCount>)> = Vec::new();
    rows.extend(SeatZone::ALL.iter().map(|z| {
        let zone = status.by_zone.get(z.as_str());
        let label = match zone.and_then(|c| c.capacity) {
            Some(capacity) => format!("{} ({} {capacity})", z.label(lang), lang.pick("定員", "capacity")),
            None => z.label(lang).to_string(),
        };
        let count = zone.map(|c| GroupCount {
            registered: c.registered,
            checked_in: c.checked_in,
            in_room: c.in_room,
        });
        (label, count)
    }));
    rows.extend(Category::ALL.iter().map(|c| {
        (
            c.label(lang).to_string(),
            status.by_category.get(c.as_str()).copied(),
        )
    }));
    rows.extend(
        AttendanceMode::ALL
            .iter()
            .map(|m| (m.label(lang).to_string(), status.by_mode.get(m.as_str()).copied())),
    );
    for (label, count) in rows {
        let count = count.unwrap_or_default();
        t.add_row(vec![
            format!("  {label}"),
            count.registered.to_string(),
            count.checked_in.to_string(),
            count.in_room.to_string(),
        ]);
    }
    crate::outln!("{t}");
    match lang {
        Lang::Ja => crate::outln!(
            "定員 {}、残り {}（当日参加 {} 名）",
            status.capacity,
            status.remaining,
            status.walk_ins
        ),
        Lang::En => crate::outln!(
            "capacity {}, {} places left ({} walk-ins)",
            status.capacity,
            status.remaining,
            status.walk_ins
        ),
    }
}

pub fn print_attempts(out: &Output, attempts: &[DoorAttempt], lang: Lang) {
    if out.json {
        return out.print_json(&attempts);
    }
    let mut t = table(vec![
        lang.pick("番号", "No."),
        lang.pick("時刻", "Time"),
        lang.pick("方向", "Way"),
        lang.pick("方法", "How"),
        lang.pick("結果", "Outcome"),
        lang.pick("氏名", "Name"),
        lang.pick("受付", "Desk"),
        lang.pick("備考", "Notes"),
    ]);
    for a in attempts {
        let mut notes = Vec::new();
        if let Some(reason) = &a.override_reason {
            notes.push(format!("{}: {reason}", lang.pick("許可", "override")));
        }
        if let Some(undone_by) = &a.undone_by {
            notes.push(format!("{} ({undone_by})", lang.pick("取消", "undone")));
        }
        t.add_row(vec![
            a.id.to_string(),
            local_time(a.at),
            a.direction.label(lang).to_string(),
            a.method.label(lang).to_string(),
            a.outcome.label(lang).to_string(),
            a.attendee_name.clone().unwrap_or_default(),
            a.desk.clone(),
            notes.join("; "),
        ]);
    }
    crate::outln!("{t}");
}

/// `none` (or empty) for no limit, else a number of places.
pub fn parse_capacity(value: &str) -> Result<Option<u32>, tsudoi_core::ValidationError> {
    let value = value.trim();
    if value.is_empty() || value.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    value
        .parse()
        .map(Some)
        .map_err(|_| tsudoi_core::ValidationError::UnknownChoice {
            field: "capacity",
            value: value.to_string(),
            allowed: "0, 1, 2, …, none".into(),
        })
}

pub fn print_zones(out: &Output, plan: &tsudoi_core::ZonePlan, status: &DoorStatus, lang: Lang) {
    if out.json {
        return out.print_json(&serde_json::json!({ "zones": status.by_zone, "mapping": plan.mapping }));
    }
    let mut t = table(vec![
        lang.pick("席の区分", "Zone"),
        lang.pick("定員", "Capacity"),
        lang.pick("登録", "Registered"),
        lang.pick("受付済み", "Checked in"),
        lang.pick("在室", "In the room"),
        lang.pick("この席の参加区分", "Categories seated here"),
    ]);
    for zone in SeatZone::ALL {
        let count = status.by_zone.get(zone.as_str()).copied().unwrap_or_default();
        let categories: Vec<&str> = plan
            .mapping
            .iter()
            .filter(|m| m.zone == *zone)
            .map(|m| m.category.label(lang))
            .collect();
        t.add_row(vec![
            zone.label(lang).to_string(),
            count.capacity.map_or_else(
                || lang.pick("会場の定員まで", "up to the venue's").to_string(),
                |c| c.to_string(),
            ),
            count.registered.to_string(),
            count.checked_in.to_string(),
            count.in_room.to_string(),
            categories.join("、"),
        ]);
    }
    crate::outln!("{t}");
}

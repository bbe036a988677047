//! The event day's printouts: the reception roster (受付名簿), the desk's paper fallback, and the
//! name badges (名札). Both carry names, so both are personal-data exports: logged through
//! [`exported`], written only where they may be ([`Replace`]), headed 非公表用 on every page.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tsudoi_core::document::{BureauDocument, Disclosure};
use tsudoi_core::privacy::AuditAction;
use tsudoi_core::roster::{badge_lines, BadgeChoice, Roster};
use tsudoi_core::{EventId, Lang, ValidationError};
use tsudoi_report::printouts::{badges_pdf, roster_pdf, PrintHead};

use crate::audit::{exported, logged_path, Written};
use crate::output::{write_file, Replace};
use crate::{Ctx, Result};

/// Which printout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Printout {
    /// 受付名簿: everyone whose registration stands, with a box to tick.
    Roster,
    /// 名札: a badge for each person.
    Badges,
}

impl Printout {
    /// The file's name: what it is and its label, so the label shows before the file is opened.
    pub fn file_name(self, lang: Lang) -> String {
        let document = match self {
            Printout::Roster => BureauDocument::Roster,
            Printout::Badges => BureauDocument::Badges,
        };
        document.file_name(Disclosure::Internal, lang, "pdf")
    }
}

/// Where a printout goes unless the person picks another place: the event's export folder.
pub fn default_printout_path(ctx: &Ctx<'_>, event_id: EventId, printout: Printout) -> Result<PathBuf> {
    Ok(crate::exchange::default_export_dir(ctx, event_id)?.join(printout.file_name(ctx.lang)))
}

/// A printout written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrintoutExport {
    pub file: String,
    /// People printed: on the roster, with a place and waiting; badges, one each.
    pub n_people: u32,
    /// Of them, people on the waiting list (the roster's last section).
    pub n_waiting: u32,
}

/// A folder given as the place gets the printout's own name inside it.
fn file_at(path: &Path, printout: Printout, lang: Lang) -> PathBuf {
    if path.is_dir() && !path.is_symlink() {
        path.join(printout.file_name(lang))
    } else {
        path.to_path_buf()
    }
}

fn roster_and_head(ctx: &Ctx<'_>, event_id: EventId) -> Result<(Roster, PrintHead)> {
    let event = ctx.store.event(event_id)?;
    let attendees = ctx
        .store
        .attendees(event_id, &tsudoi_store::AttendeeQuery::default())?;
    let plan = ctx.store.zone_plan(event_id)?;
    let seats = ctx.store.seat_chart(event_id)?;
    let printed_on = ctx.clock.local_now().date().format("%Y-%m-%d").to_string();
    Ok((
        Roster::of(&attendees, &plan, &seats),
        PrintHead::for_event(&event, ctx.lang, printed_on),
    ))
}

/// Writes the reception roster (PDF): everyone whose registration stands in kana order, the
/// waiting list apart at the end, cancelled people left out. Logged; removed again when the log
/// line cannot be written. `path` may be a folder: the file then gets its own name in it.
pub fn print_roster(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
    replace: Replace,
) -> Result<PrintoutExport> {
    let path = file_at(path, Printout::Roster, ctx.lang);
    exported(ctx, AuditAction::RosterPrint, Some(event_id), |ctx| {
        crate::output::check_file(&path, replace)?;
        let (roster, head) = roster_and_head(ctx, event_id)?;
        let pdf = roster_pdf(&head, &roster)?;
        let written = write_file(&path, &pdf, replace)?;
        let n_people = roster.len() as u32;
        let n_waiting = roster.waiting.len() as u32;
        Ok(Written {
            value: PrintoutExport {
                file: logged_path(&path),
                n_people,
                n_waiting,
            },
            n_people,
            target: path.clone(),
            detail: internal_pdf(),
            files: vec![written],
        })
    })
}

/// Writes name badges (PDF) for everyone whose registration stands, or for the people chosen.
/// A chosen number that is not a standing registration of the event refuses the whole printout
/// (nothing written), naming the numbers. Logged like every export of names.
pub fn print_badges(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    path: &Path,
    choice: &BadgeChoice,
    replace: Replace,
) -> Result<PrintoutExport> {
    let path = file_at(path, Printout::Badges, ctx.lang);
    exported(ctx, AuditAction::BadgePrint, Some(event_id), |ctx| {
        crate::output::check_file(&path, replace)?;
        let (roster, head) = roster_and_head(ctx, event_id)?;
        let (lines, unknown) = badge_lines(&roster, choice);
        if !unknown.is_empty() {
            let ids: Vec<String> = unknown.iter().map(|id| id.to_string()).collect();
            return Err(ValidationError::NotOnRoster(ids.join(", ")).into());
        }
        let pdf = badges_pdf(&head, &lines)?;
        let written = write_file(&path, &pdf, replace)?;
        let n_people = lines.len() as u32;
        let n_waiting = lines
            .iter()
            .filter(|l| roster.waiting.iter().any(|w| w.id == l.id))
            .count() as u32;
        let detail = internal_pdf();
        Ok(Written {
            value: PrintoutExport {
                file: logged_path(&path),
                n_people,
                n_waiting,
            },
            n_people,
            target: path.clone(),
            detail,
            files: vec![written],
        })
    })
}

/// The log line's detail of a printout: a PDF of the internal (非公表用) edition, in the reader's
/// language ([`AuditDetail`]).
fn internal_pdf() -> String {
    tsudoi_core::privacy::AuditDetail::Documents {
        formats: "pdf".into(),
        public: Some(false),
        photos: None,
    }
    .encode()
}

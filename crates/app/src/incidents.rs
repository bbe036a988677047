//! Incident records (インシデント記録): anyone on the roster who notices an incident records it,
//! and it is updated as it is dealt with. Each recording and change writes its privacy-log line
//! in the store's transaction; the printed report (非公表用) is an export of personal data.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tsudoi_core::handler::Permission;
use tsudoi_core::incident::IncidentDraft;
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::Lang;
use tsudoi_report::incident::{incident_pdf, IncidentSheet};
use tsudoi_store::Incident;

use crate::audit::{change_record, exported, logged_path, Written};
use crate::output::{write_file, Replace};
use crate::{Ctx, Result};

/// Records an incident. Any signed-in handler may: whoever notices must be able to report.
pub fn add(ctx: &mut Ctx<'_>, draft: IncidentDraft) -> Result<Incident> {
    ctx.require(Permission::DayWork)?;
    let actor = ctx.operator.name.clone();
    let record = change_record(&actor, AuditAction::IncidentRecord, None, draft.n_people, "", "");
    let now = ctx.now();
    Ok(ctx.store.add_incident(draft, &record, now)?)
}

/// Replaces an incident's details (its status, what was done, who at the bureau was told).
pub fn update(ctx: &mut Ctx<'_>, id: i64, draft: IncidentDraft) -> Result<Incident> {
    ctx.require(Permission::DayWork)?;
    let actor = ctx.operator.name.clone();
    let record = change_record(&actor, AuditAction::IncidentRecord, None, draft.n_people, "", "");
    let now = ctx.now();
    Ok(ctx.store.update_incident(id, draft, &record, now)?)
}

/// Every incident, the newest noticed first; only for people on the roster.
pub fn list(ctx: &Ctx<'_>) -> Result<Vec<Incident>> {
    ctx.require(Permission::DayWork)?;
    Ok(ctx.store.incidents()?)
}

/// One incident by its number.
pub fn get(ctx: &Ctx<'_>, id: i64) -> Result<Incident> {
    ctx.require(Permission::DayWork)?;
    Ok(ctx.store.incident(id)?)
}

/// The report's file name when a folder is chosen.
pub fn report_file_name(lang: Lang) -> String {
    tsudoi_core::document::BureauDocument::IncidentReport.file_name(
        tsudoi_core::document::Disclosure::Internal,
        lang,
        "pdf",
    )
}

/// What printing an incident report wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncidentReportExport {
    pub file: String,
}

/// Writes one incident's report as a PDF (非公表用 on every page) at `path`, or in the folder
/// `path` under [`report_file_name`]; logged as an export of the people it concerns.
pub fn print(ctx: &mut Ctx<'_>, id: i64, path: &Path, replace: Replace) -> Result<IncidentReportExport> {
    let path: PathBuf = if path.is_dir() && !path.is_symlink() {
        path.join(report_file_name(ctx.lang))
    } else {
        path.to_path_buf()
    };
    exported(ctx, AuditAction::IncidentPrint, None, |ctx| {
        crate::output::check_file(&path, replace)?;
        let incident = ctx.store.incident(id)?;
        let sheet = IncidentSheet {
            lang: ctx.lang,
            id,
            details: &incident.details,
            recorded_by: &incident.created_by,
            printed_on: ctx.clock.local_now().date().format("%Y-%m-%d").to_string(),
        };
        let pdf = incident_pdf(&sheet)?;
        let written = write_file(&path, &pdf, replace)?;
        let detail = AuditDetail::Documents {
            formats: "pdf".into(),
            public: Some(false),
            photos: None,
        }
        .encode();
        Ok(Written {
            value: IncidentReportExport {
                file: logged_path(&path),
            },
            n_people: incident.details.n_people,
            target: path.clone(),
            detail,
            files: vec![written],
        })
    })
}

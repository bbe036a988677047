//! The half-year security measures report: the facts gathered from the roster, the log, the
//! incidents, the services register and the file's encryption; the measures pre-filled by core's
//! rule; a person's corrections applied; written as PDF or XLSX (非公表用), logged.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use tsudoi_core::handler::{HandlerRole, Permission};
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::security::{security_measures, MeasureLine, MeasureStatus, SecurityFacts};

use crate::{Ctx, Result};

/// A person's correction of one measure: its key, the status, and what to say instead.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureCorrection {
    pub key: String,
    pub status: MeasureStatus,
    pub note: Option<String>,
}

/// The report for a period: the facts and the measures.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SecurityReport {
    pub from: String,
    pub to: String,
    pub facts: SecurityFacts,
    pub measures: Vec<MeasureLine>,
}

/// Counts what Tsudoi knows for `from`..=`to` (local dates) and pre-fills the measures, then
/// applies `corrections`. The 情報管理責任者's (a security setting).
pub fn report(
    ctx: &Ctx<'_>,
    from: NaiveDate,
    to: NaiveDate,
    corrections: &[MeasureCorrection],
) -> Result<SecurityReport> {
    ctx.require(Permission::Roster)?;
    let handlers: Vec<_> = ctx.store.handlers()?.into_iter().filter(|h| h.active).collect();
    let chain = ctx.store.verify_audit_chain()?;
    let in_period = |at: chrono::DateTime<chrono::Utc>| {
        let local = at.with_timezone(&ctx.clock.offset()).date_naive();
        local >= from && local <= to
    };
    let log = ctx.store.audit_log(u32::MAX)?;
    let count = |pick: &dyn Fn(AuditAction) -> bool| {
        log.iter().filter(|e| pick(e.action) && in_period(e.at)).count() as u32
    };
    let incidents = ctx.store.incidents()?;
    let incidents_in_period: Vec<_> = incidents.iter().filter(|i| in_period(i.created_at)).collect();
    let services = ctx.store.services()?;
    let facts = SecurityFacts {
        handlers: handlers.len() as u32,
        officers: handlers
            .iter()
            .filter(|h| h.details.role == HandlerRole::Officer)
            .count() as u32,
        encrypted: ctx.store.is_encrypted(),
        audit_intact: chain.intact,
        audit_lines: chain.lines,
        exports: count(&|a| a.as_str().ends_with("_export") || a.as_str().ends_with("_print")),
        backups: count(&|a| a == AuditAction::Backup),
        incidents: incidents_in_period.len() as u32,
        incidents_open: incidents_in_period
            .iter()
            .filter(|i| i.details.status == tsudoi_core::incident::IncidentStatus::Open)
            .count() as u32,
        services: services.len() as u32,
        services_unapproved: services
            .iter()
            .filter(|s| s.details.approved_on.is_empty())
            .count() as u32,
        idle_lock_seconds: ctx.store.idle_lock_seconds()?,
        failed_sign_ins: count(&|a| a == AuditAction::SignInFailed),
        erasures: count(&|a| a == AuditAction::EventErase),
    };
    let mut measures = security_measures(&facts, ctx.lang);
    for correction in corrections {
        if let Some(line) = measures.iter_mut().find(|l| l.key == correction.key) {
            line.status = correction.status;
            if let Some(note) = &correction.note {
                line.note = note.clone();
            }
        }
    }
    Ok(SecurityReport {
        from: from.to_string(),
        to: to.to_string(),
        facts,
        measures,
    })
}

/// Writes the report (PDF, or XLSX by the file's extension), 非公表用, logged.
pub fn export(
    ctx: &mut Ctx<'_>,
    path: &Path,
    from: NaiveDate,
    to: NaiveDate,
    corrections: &[MeasureCorrection],
    replace: crate::output::Replace,
) -> Result<SecurityReport> {
    let report = report(ctx, from, to, corrections)?;
    let is_xlsx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    crate::audit::exported(ctx, AuditAction::SecurityReportExport, None, |ctx| {
        crate::output::check_file(path, replace)?;
        let (from, to) = (report.from.as_str(), report.to.as_str());
        let bytes = if is_xlsx {
            tsudoi_exchange::security::security_report_xlsx(&report.measures, from, to, ctx.lang)?
        } else {
            let printed = ctx.clock.local_now().date().format("%Y-%m-%d").to_string();
            tsudoi_report::security::security_report_pdf(&report.measures, from, to, &printed, ctx.lang)?
        };
        let written = crate::output::write_file(path, &bytes, replace)?;
        Ok(crate::audit::Written {
            value: report.clone(),
            n_people: 0,
            target: path.to_path_buf(),
            detail: AuditDetail::Documents {
                formats: if is_xlsx { "xlsx" } else { "pdf" }.into(),
                public: Some(false),
                photos: None,
            }
            .encode(),
            files: vec![written],
        })
    })
}

//! Incident records (インシデント記録): anyone on the roster who notices an incident records it,
//! and it is updated as it is dealt with. Each recording and change writes its privacy-log line
//! in the store's transaction.

use tsudoi_core::handler::Permission;
use tsudoi_core::incident::IncidentDraft;
use tsudoi_core::privacy::AuditAction;
use tsudoi_store::Incident;

use crate::audit::change_record;
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

//! The privacy log (監査ログ): who did what with personal data, newest first.

use tsudoi_store::AuditEntry;

use crate::{Ctx, Result};

pub fn log(ctx: &Ctx<'_>, limit: u32) -> Result<Vec<AuditEntry>> {
    Ok(ctx.store.audit_log(limit)?)
}

//! The privacy log (監査ログ): who did what with personal data, newest first.

use tsudoi_core::privacy::AuditDetail;
use tsudoi_store::AuditEntry;

use crate::{Ctx, Result};

/// The latest lines of the log, their details in the context's language.
pub fn log(ctx: &Ctx<'_>, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut entries = ctx.store.audit_log(limit)?;
    for entry in &mut entries {
        entry.detail = AuditDetail::describe_stored(&entry.detail, ctx.lang);
    }
    Ok(entries)
}

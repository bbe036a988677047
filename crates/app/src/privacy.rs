//! The privacy log (監査ログ): who did what with personal data, newest first.

use tsudoi_core::privacy::AuditDetail;
use tsudoi_store::{AuditChainReport, AuditEntry};

use crate::{Ctx, Result};

/// The latest lines of the log, their details in the context's language.
pub fn log(ctx: &Ctx<'_>, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut entries = ctx.store.audit_log(limit)?;
    for entry in &mut entries {
        entry.detail = AuditDetail::describe_stored(&entry.detail, ctx.lang);
    }
    Ok(entries)
}

/// Whether the log's hash chain is whole, or the first line where it breaks: an edited or
/// deleted line, or lines missing at its end. A break is an incident to report to the
/// 情報管理責任者.
pub fn verify(ctx: &Ctx<'_>) -> Result<AuditChainReport> {
    Ok(ctx.store.verify_audit_chain()?)
}

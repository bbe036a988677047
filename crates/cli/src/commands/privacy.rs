//! `tsudoi audit`: the privacy log.

use tsudoi_app::{privacy, Ctx};
use tsudoi_core::Lang;

use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn audit(limit: u32, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let entries = privacy::log(ctx, limit).or_fail(ctx.lang)?;
    out.audit(&entries, ctx.lang);
    Ok(())
}

/// `tsudoi audit verify`: a broken chain is a failed command (exit 1), so a script notices.
pub fn verify(ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let report = privacy::verify(ctx).or_fail(ctx.lang)?;
    out.audit_chain(&report, ctx.lang);
    match report.first_broken {
        Some(line) if !report.intact => Err(Failure {
            code: "audit.chain_broken",
            message: match ctx.lang {
                Lang::Ja => format!(
                    "監査ログの {line} 行目以降が改ざんされています。情報管理責任者にインシデントとして報告してください。"
                ),
                Lang::En => format!(
                    "The privacy log was tampered with from line {line} on. Report it as an incident to the information security officer (情報管理責任者)."
                ),
            },
            reported: out.json,
        }),
        _ => Ok(()),
    }
}

//! `tsudoi audit`: the privacy log.

use tsudoi_app::{privacy, Ctx};

use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn audit(limit: u32, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let entries = privacy::log(ctx, limit).or_fail(ctx.lang)?;
    out.audit(&entries, ctx.lang);
    Ok(())
}

//! `tsudoi security report`: the half-year security measures report, pre-filled.

use tsudoi_app::output::Replace;
use tsudoi_app::security::{self, MeasureCorrection};
use tsudoi_app::Ctx;
use tsudoi_core::event::parse_date;
use tsudoi_core::security::MeasureStatus;
use tsudoi_core::Lang;

use crate::args::SecurityCommand;
use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn run(
    command: &SecurityCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let SecurityCommand::Report {
        from,
        to,
        corrections,
        out: file,
    } = command;
    let (from, to) = (parse_date(from).or_fail(lang)?, parse_date(to).or_fail(lang)?);
    let corrections = corrections
        .iter()
        .map(|text| correction(text, lang))
        .collect::<Result<Vec<_>, _>>()?;
    let report = match file {
        Some(path) => security::export(ctx, path, from, to, &corrections, replace).or_fail(lang)?,
        None => security::report(ctx, from, to, &corrections).or_fail(lang)?,
    };
    out.print_json_or(&report, || {
        report
            .measures
            .iter()
            .map(|m| format!("{}\t{}\t{}", m.status.label(lang), m.item, m.note))
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}

/// `KEY=STATUS[:NOTE]`, e.g. `incidents=na:期間中の事故なし`.
fn correction(text: &str, lang: Lang) -> Result<MeasureCorrection, Failure> {
    let Some((key, rest)) = text.split_once('=') else {
        return Err(Failure::missing_argument("--set KEY=STATUS[:NOTE]", lang));
    };
    let (status, note) = match rest.split_once(':') {
        Some((status, note)) => (status, Some(note.to_string())),
        None => (rest, None),
    };
    Ok(MeasureCorrection {
        key: key.trim().to_string(),
        status: MeasureStatus::parse(status).or_fail(lang)?,
        note,
    })
}

//! `tsudoi roster print …` and `tsudoi badges …`: the event day's printouts.

use tsudoi_app::output::Replace;
use tsudoi_app::printouts::{self, PrintoutExport};
use tsudoi_app::Ctx;
use tsudoi_core::roster::BadgeChoice;
use tsudoi_core::{AttendeeId, EventId, Lang};

use crate::args::{BadgeArgs, RosterCommand};
use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn roster(
    command: &RosterCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        RosterCommand::Print { event, out: path } => {
            let done = printouts::print_roster(ctx, EventId(*event), path, replace).or_fail(lang)?;
            out.print_json_or(&done, || match lang {
                Lang::Ja => format!(
                    "受付名簿（{} 名、うちキャンセル待ち {} 名）を {} に書き出しました。",
                    done.n_people, done.n_waiting, done.file
                ),
                Lang::En => format!(
                    "Wrote the reception roster ({} people, {} of them waiting) to {}.",
                    done.n_people, done.n_waiting, done.file
                ),
            });
        }
    }
    Ok(())
}

pub fn badges(args: &BadgeArgs, replace: Replace, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    let choice = if args.ids.is_empty() {
        BadgeChoice::All
    } else {
        BadgeChoice::Only(args.ids.iter().map(|id| AttendeeId(*id)).collect())
    };
    let done: PrintoutExport =
        printouts::print_badges(ctx, EventId(args.event), &args.out, &choice, replace).or_fail(lang)?;
    out.print_json_or(&done, || match lang {
        Lang::Ja => format!(
            "名札（{} 名分）を {} に書き出しました。",
            done.n_people, done.file
        ),
        Lang::En => format!("Wrote name badges for {} people to {}.", done.n_people, done.file),
    });
    Ok(())
}

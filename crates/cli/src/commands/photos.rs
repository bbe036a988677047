//! `tsudoi photo …`.

use tsudoi_app::{photos, Ctx};
use tsudoi_core::EventId;

use crate::args::PhotoCommand;
use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn run(command: &PhotoCommand, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        PhotoCommand::Add { event, files } => {
            let mut added = Vec::new();
            for file in files {
                added.push(photos::add_file(ctx, EventId(*event), file).or_fail(lang)?);
            }
            out.print_json_or(&added, || {
                added
                    .iter()
                    .map(|a| {
                        format!(
                            "{} {}{}",
                            a.photo.id.0,
                            a.photo.original_name,
                            if a.new {
                                ""
                            } else {
                                lang.pick("（追加済みの写真）", " (already there)")
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        PhotoCommand::List { event } => {
            let photos = photos::photos(ctx, EventId(*event)).or_fail(lang)?;
            out.print_json_or(&photos, || {
                photos
                    .iter()
                    .map(|p| {
                        format!(
                            "{} {} {} item={}",
                            p.id.0,
                            p.original_name,
                            p.taken_at.map(|t| t.to_string()).unwrap_or_default(),
                            p.agenda_item_id
                                .map(|i| i.0.to_string())
                                .unwrap_or_else(|| "-".into())
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        PhotoCommand::Delete { id } => {
            let deleted = photos::delete(ctx, tsudoi_core::agenda::PhotoId(*id)).or_fail(lang)?;
            out.print_json_or(&deleted, || {
                let mut text = format!(
                    "{} {}",
                    lang.pick("写真を削除しました:", "Deleted the photo:"),
                    deleted.photo.original_name
                );
                for file in &deleted.files_left {
                    text.push_str(&match lang {
                        tsudoi_core::Lang::Ja => {
                            format!("\n消せなかったファイル（手で削除してください）: {file}")
                        }
                        tsudoi_core::Lang::En => {
                            format!("\nA file could not be removed (delete it by hand): {file}")
                        }
                    });
                }
                text
            });
        }
    }
    Ok(())
}

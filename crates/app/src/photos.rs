//! Photos of the event (写真): added from files or the webcam, attached to the item running when
//! they were taken, captioned, marked for publication, deleted (logged: a photo shows people).

use std::path::Path;

use base64::Engine;
use serde::Serialize;
use tsudoi_core::agenda::{Photo, PhotoId};
use tsudoi_core::privacy::AuditAction;
use tsudoi_core::{EventId, Localized};
use tsudoi_store::{PhotoChange, PhotoDeletion};

use crate::audit::change_record;
use crate::{AppError, Ctx, Result};

/// A photo with its thumbnail as a `data:` URL (the window loads nothing from disk itself).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhotoView {
    pub photo: Photo,
    pub thumbnail: String,
}

/// One file of several added: the photo, or why it was refused (in the person's language).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhotoAddResult {
    pub file: String,
    pub added: Option<PhotoView>,
    /// False when the same photo was already there.
    pub new: bool,
    pub error: Option<Refusal>,
}

/// Why one of several things was refused: the error's code and its message.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Refusal {
    pub code: String,
    pub message: String,
}

impl Refusal {
    pub fn of(error: &impl Localized, lang: tsudoi_core::Lang) -> Refusal {
        Refusal {
            code: error.code().to_string(),
            message: error.message(lang),
        }
    }
}

fn view_of(ctx: &Ctx<'_>, photo: Photo) -> PhotoView {
    // A missing thumbnail shows as an empty frame; the photo itself is still listed.
    let thumbnail = ctx
        .store
        .read_thumbnail(&photo)
        .map(|bytes| {
            format!(
                "data:image/jpeg;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            )
        })
        .unwrap_or_default();
    PhotoView { photo, thumbnail }
}

pub fn list(ctx: &Ctx<'_>, event_id: EventId) -> Result<Vec<PhotoView>> {
    let photos = ctx.store.photos(event_id)?;
    Ok(photos.into_iter().map(|p| view_of(ctx, p)).collect())
}

/// Photos as stored (the CLI's list).
pub fn photos(ctx: &Ctx<'_>, event_id: EventId) -> Result<Vec<Photo>> {
    Ok(ctx.store.photos(event_id)?)
}

/// One photo file added (or found already there).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddedPhoto {
    pub photo: Photo,
    /// False when the same photo was already stored: it is one photo.
    pub new: bool,
}

/// Adds a photo file to an event: checked whole, copied under its hash, attached by its time.
pub fn add_file(ctx: &mut Ctx<'_>, event_id: EventId, path: &Path) -> Result<AddedPhoto> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A file beyond the photo limit is refused before it is read into memory.
    let limit = tsudoi_core::limits::MAX_PHOTO_BYTES;
    let size = std::fs::metadata(path).map_err(AppError::io(path))?.len();
    if size > limit {
        return Err(tsudoi_exchange::photos::PhotoError::TooLarge {
            name,
            bytes: size,
            limit,
        }
        .into());
    }
    let bytes = std::fs::read(path).map_err(AppError::io(path))?;
    add_bytes(ctx, event_id, &bytes, &name, None)
}

/// Adds photo files (picked or dropped); each is checked on its own, a broken one refused.
pub fn add_files(ctx: &mut Ctx<'_>, event_id: EventId, paths: &[String]) -> Vec<PhotoAddResult> {
    paths
        .iter()
        .map(|path| match add_file(ctx, event_id, Path::new(path)) {
            Ok(added) => PhotoAddResult {
                file: path.clone(),
                new: added.new,
                added: Some(view_of(ctx, added.photo)),
                error: None,
            },
            Err(error) => PhotoAddResult {
                file: path.clone(),
                new: false,
                added: None,
                error: Some(Refusal::of(&error, ctx.lang)),
            },
        })
        .collect()
}

/// Adds a photo from bytes (a webcam frame, a dropped file). `taken_at` is the time to use when
/// the file carries none.
pub fn add_bytes(
    ctx: &mut Ctx<'_>,
    event_id: EventId,
    bytes: &[u8],
    name: &str,
    taken_at: Option<chrono::NaiveDateTime>,
) -> Result<AddedPhoto> {
    ctx.require(tsudoi_core::handler::Permission::DayWork)?;
    let mut prepared = tsudoi_exchange::photos::prepare_photo(bytes, name)?;
    prepared.taken_at = prepared.taken_at.or(taken_at);
    let now = ctx.now();
    let (photo, new) = ctx.store.add_photo(
        event_id,
        &tsudoi_store::NewPhoto {
            sha256: &prepared.sha256,
            original_name: name,
            media_type: prepared.media_type,
            width: prepared.width,
            height: prepared.height,
            taken_at: prepared.taken_at,
            bytes,
            thumbnail: &prepared.thumbnail,
        },
        now,
    )?;
    Ok(AddedPhoto { photo, new })
}

/// A webcam frame taken now, in the venue's local time.
pub fn add_webcam_frame(ctx: &mut Ctx<'_>, event_id: EventId, bytes: &[u8], name: &str) -> Result<PhotoView> {
    let taken_now = ctx.clock.local_now();
    let added = add_bytes(ctx, event_id, bytes, name, Some(taken_now))?;
    Ok(view_of(ctx, added.photo))
}

pub fn update(ctx: &mut Ctx<'_>, id: PhotoId, change: &PhotoChange) -> Result<PhotoView> {
    let photo = ctx.store.update_photo(id, change)?;
    Ok(view_of(ctx, photo))
}

/// Deletes a photo, logged in the same transaction; files that could not be removed are named.
pub fn delete(ctx: &mut Ctx<'_>, id: PhotoId) -> Result<PhotoDeletion> {
    let photo = ctx.store.photo(id)?;
    let file = ctx.store.photo_path(&photo).display().to_string();
    let detail = tsudoi_core::privacy::AuditDetail::PhotoDelete {
        name: photo.original_name.clone(),
        sha256: photo.sha256.chars().take(12).collect(),
    }
    .encode();
    let now = ctx.now();
    let actor = ctx.operator.name.clone();
    let record = change_record(
        &actor,
        AuditAction::PhotoDelete,
        Some(photo.event_id),
        0,
        &file,
        &detail,
    );
    Ok(ctx.store.delete_photo(id, &record, now)?)
}

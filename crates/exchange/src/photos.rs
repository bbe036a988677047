//! Photos brought in from a camera, a phone or the webcam: checked by decoding them whole, their
//! time read from EXIF, a thumbnail made. The original bytes are kept as they are.

use std::io::Cursor;

use chrono::NaiveDateTime;
use image::{ImageFormat, ImageReader};
use sha2::{Digest, Sha256};
use tsudoi_core::{Lang, Localized};

/// Why a file is not a photo Tsudoi can keep. Nothing is stored when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("{name}: HEIC/HEIF photos cannot be decoded on this computer")]
    Heic { name: String },
    #[error("{name}: not a JPEG or PNG image")]
    NotAnImage { name: String },
    #[error("{name}: the image is damaged or cut short ({detail})")]
    Broken { name: String, detail: String },
}

impl Localized for PhotoError {
    fn code(&self) -> &'static str {
        match self {
            PhotoError::Heic { .. } => "photo.heic",
            PhotoError::NotAnImage { .. } => "photo.not_an_image",
            PhotoError::Broken { .. } => "photo.broken",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PhotoError::Heic { name }, Lang::Ja) => format!("「{name}」は HEIC 形式で、このパソコンでは読めません。iPhone の「設定 → カメラ → フォーマット → 互換性優先」で撮るか、JPEG に変換してから追加してください。何も追加していません。"),
            (PhotoError::Heic { name }, Lang::En) => format!("“{name}” is a HEIC photo, which this computer cannot decode. Convert it to JPEG (or set the iPhone camera to “Most Compatible”) and add it again. Nothing was added."),
            (PhotoError::NotAnImage { name }, Lang::Ja) => format!("「{name}」は写真（JPEG・PNG）ではありません。写真のファイルを選んでください。何も追加していません。"),
            (PhotoError::NotAnImage { name }, Lang::En) => format!("“{name}” is not a photo (JPEG or PNG). Choose a photo file. Nothing was added."),
            (PhotoError::Broken { name, detail }, Lang::Ja) => format!("「{name}」は壊れているか途中で切れています（{detail}）。元の写真をもう一度コピーしてください。何も追加していません。"),
            (PhotoError::Broken { name, detail }, Lang::En) => format!("“{name}” is damaged or cut short ({detail}). Copy the original again. Nothing was added."),
        }
    }
}

/// A photo checked and ready for the store.
#[derive(Debug, Clone)]
pub struct PreparedPhoto {
    pub sha256: String,
    pub media_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub taken_at: Option<NaiveDateTime>,
    pub thumbnail: Vec<u8>,
}

/// The long side of a thumbnail, in pixels.
const THUMBNAIL_SIZE: u32 = 320;

/// Checks a photo by decoding it whole (a cut-short JPEG fails here, not later in a report),
/// reads when it was taken and makes its thumbnail.
pub fn prepare_photo(bytes: &[u8], name: &str) -> Result<PreparedPhoto, PhotoError> {
    if bytes.len() > 12
        && &bytes[4..8] == b"ftyp"
        && [b"heic", b"heix", b"mif1", b"hevc", b"heif"]
            .iter()
            .any(|b| &bytes[8..12] == *b)
    {
        return Err(PhotoError::Heic {
            name: name.to_string(),
        });
    }
    let format = image::guess_format(bytes).map_err(|_| PhotoError::NotAnImage {
        name: name.to_string(),
    })?;
    let media_type = match format {
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::Png => "image/png",
        _ => {
            return Err(PhotoError::NotAnImage {
                name: name.to_string(),
            })
        }
    };
    let image = ImageReader::with_format(Cursor::new(bytes), format)
        .decode()
        .map_err(|e| PhotoError::Broken {
            name: name.to_string(),
            detail: e.to_string(),
        })?;
    let thumbnail = image.thumbnail(THUMBNAIL_SIZE, THUMBNAIL_SIZE).to_rgb8();
    let mut thumbnail_bytes = Vec::new();
    thumbnail
        .write_to(&mut Cursor::new(&mut thumbnail_bytes), ImageFormat::Jpeg)
        .map_err(|e| PhotoError::Broken {
            name: name.to_string(),
            detail: e.to_string(),
        })?;
    Ok(PreparedPhoto {
        sha256: Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect(),
        media_type,
        width: image.width(),
        height: image.height(),
        taken_at: exif_taken_at(bytes),
        thumbnail: thumbnail_bytes,
    })
}

/// EXIF DateTimeOriginal (else DateTime): the camera's local time.
fn exif_taken_at(bytes: &[u8]) -> Option<NaiveDateTime> {
    let exif = exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .ok()?;
    [exif::Tag::DateTimeOriginal, exif::Tag::DateTime]
        .iter()
        .find_map(|tag| {
            let field = exif.get_field(*tag, exif::In::PRIMARY)?;
            let exif::Value::Ascii(values) = &field.value else {
                return None;
            };
            let text = std::str::from_utf8(values.first()?).ok()?;
            NaiveDateTime::parse_from_str(text.trim_end_matches('\0'), "%Y:%m:%d %H:%M:%S").ok()
        })
}

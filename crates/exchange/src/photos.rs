//! Photos brought in from a camera, a phone or the webcam: checked by decoding them whole, their
//! time read from EXIF, a thumbnail made. The original bytes are kept as they are.

use std::io::Cursor;

use chrono::NaiveDateTime;
use image::{ImageFormat, ImageReader};
use sha2::{Digest, Sha256};
use tsudoi_core::{limits, Lang, Localized};

/// Why a file is not a photo Tsudoi can keep. Nothing is stored when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("{name}: HEIC/HEIF photos cannot be decoded on this computer")]
    Heic { name: String },
    #[error("{name}: not a JPEG or PNG image")]
    NotAnImage { name: String },
    #[error("{name}: the image is damaged or cut short ({detail})")]
    Broken { name: String, detail: String },
    #[error("{name}: the image is {width}×{height} pixels; at most {limit} pixels are kept")]
    TooManyPixels {
        name: String,
        width: u32,
        height: u32,
        limit: u64,
    },
    #[error("{name}: the file is {bytes} bytes; at most {limit} are read")]
    TooLarge { name: String, bytes: u64, limit: u64 },
}

impl Localized for PhotoError {
    fn code(&self) -> &'static str {
        match self {
            PhotoError::Heic { .. } => "photo.heic",
            PhotoError::NotAnImage { .. } => "photo.not_an_image",
            PhotoError::Broken { .. } => "photo.broken",
            PhotoError::TooManyPixels { .. } => "photo.too_many_pixels",
            PhotoError::TooLarge { .. } => "photo.too_large",
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
            (PhotoError::TooManyPixels { name, width, height, limit }, Lang::Ja) => format!("「{name}」は画素数が多すぎます（{width}×{height}。追加できるのは {} 万画素まで）。写真を縮小してから追加してください。何も追加していません。", limit / 10_000),
            (PhotoError::TooManyPixels { name, width, height, limit }, Lang::En) => format!("“{name}” has too many pixels ({width}×{height}; at most {} megapixels are kept). Resize the photo, then add it again. Nothing was added.", limit / 1_000_000),
            (PhotoError::TooLarge { name, bytes, limit }, Lang::Ja) => format!("「{name}」は大きすぎます（{} MB。追加できるのは {} MB まで）。写真を縮小してから追加してください。何も追加していません。", bytes.div_ceil(1 << 20), limit >> 20),
            (PhotoError::TooLarge { name, bytes, limit }, Lang::En) => format!("“{name}” is too large ({} MB; at most {} MB is read). Resize the photo, then add it again. Nothing was added.", bytes.div_ceil(1 << 20), limit >> 20),
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
///
/// Refused: a file or a picture beyond the limits of [`tsudoi_core::limits`] (measured from the
/// header, before anything is decoded), and a JPEG that does not end where its structure says it
/// does (the decoder fills a cut-short JPEG with grey rather than failing).
pub fn prepare_photo(bytes: &[u8], name: &str) -> Result<PreparedPhoto, PhotoError> {
    if bytes.len() as u64 > limits::MAX_PHOTO_BYTES {
        return Err(PhotoError::TooLarge {
            name: name.to_string(),
            bytes: bytes.len() as u64,
            limit: limits::MAX_PHOTO_BYTES,
        });
    }
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
    let broken = |detail: String| PhotoError::Broken {
        name: name.to_string(),
        detail,
    };
    if format == ImageFormat::Jpeg {
        check_jpeg_whole(bytes).map_err(|detail| broken(detail.to_string()))?;
    }
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|e| broken(e.to_string()))?;
    if u64::from(width) * u64::from(height) > limits::MAX_IMAGE_PIXELS {
        return Err(PhotoError::TooManyPixels {
            name: name.to_string(),
            width,
            height,
            limit: limits::MAX_IMAGE_PIXELS,
        });
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut image_limits = image::Limits::default();
    // The decoder's own allowance: the pixels above at four bytes each, and some room.
    image_limits.max_alloc = Some(limits::MAX_IMAGE_PIXELS * 4 + (64 << 20));
    reader.limits(image_limits);
    let image = reader.decode().map_err(|e| broken(e.to_string()))?;
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

/// Walks a JPEG's structure from its start-of-image to its end-of-image marker: the marker
/// segments by their lengths, the entropy-coded data of each scan byte by byte (a 0xFF there is
/// followed by 0x00 or a restart marker). A file that runs out before the end-of-image marker
/// was cut short. Bytes after it (some cameras append data) are allowed.
fn check_jpeg_whole(bytes: &[u8]) -> Result<(), &'static str> {
    const CUT_SHORT: &str = "the JPEG ends before its end-of-image marker";
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err("no JPEG start-of-image marker");
    }
    let mut at = 2;
    loop {
        // Markers may be padded with any number of 0xFF.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(CUT_SHORT);
        };
        at += 2;
        match marker {
            0xD9 => return Ok(()),
            // Markers without a length: restarts, TEM.
            0xD0..=0xD7 | 0x01 => continue,
            _ => {}
        }
        let (Some(&high), Some(&low)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(CUT_SHORT);
        };
        at += usize::from(u16::from_be_bytes([high, low]));
        if at > bytes.len() {
            return Err(CUT_SHORT);
        }
        if marker == 0xDA {
            // The scan's data runs to the next marker that is neither a stuffed 0x00 nor a restart.
            loop {
                match (bytes.get(at), bytes.get(at + 1)) {
                    (Some(&0xFF), Some(&(0x00 | 0xD0..=0xD7))) => at += 2,
                    // Fill before a marker.
                    (Some(&0xFF), Some(&0xFF)) => at += 1,
                    (Some(&0xFF), Some(_)) => break,
                    (Some(_), _) => at += 1,
                    (None, _) => return Err(CUT_SHORT),
                }
            }
        }
    }
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

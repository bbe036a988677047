//! Every size Tsudoi accepts at the door, in one list: the length of each text field, and the
//! size of the files it reads (registration files, attendance reports, photos).
//!
//! Why limits at all: a field is shown in a list, printed on a ticket, written to an Excel cell
//! (at most 32,767 characters) and used in a file name; a 10 MB organisation name imported once
//! would break every later export of its event. And a file is read whole into memory: the file
//! limits keep any file a person can choose from taking more than about 1 GB to read, however
//! it was made. Documented in ARCHITECTURE.md ("Limits").

use crate::error::ValidationError;
use crate::i18n::Lang;

/// A text field and the most characters (Unicode scalar values, after normalisation) it keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldLimit {
    /// The field's identifier, as in the JSON of the drafts and the CLI's flags.
    pub field: &'static str,
    ja: &'static str,
    en: &'static str,
    pub max_chars: usize,
}

impl FieldLimit {
    const fn new(field: &'static str, ja: &'static str, en: &'static str, max_chars: usize) -> FieldLimit {
        FieldLimit {
            field,
            ja,
            en,
            max_chars,
        }
    }

    /// The field's name as the window shows it.
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.ja, self.en)
    }

    /// `Ok` when `value` fits, else [`ValidationError::TooLong`] naming this field.
    pub fn check(&self, value: &str) -> Result<(), ValidationError> {
        // Counting stops just past the limit: a 10 MB value costs no more than a short one.
        let found = value.chars().take(self.max_chars + 1).count();
        if found > self.max_chars {
            return Err(ValidationError::TooLong {
                limit: *self,
                found: value.chars().count(),
            });
        }
        Ok(())
    }
}

/// A person's or a speaker's name.
pub const NAME: FieldLimit = FieldLimit::new("name", "氏名", "name", 100);
/// The reading (フリガナ).
pub const KANA: FieldLimit = FieldLimit::new("kana", "フリガナ", "reading (kana)", 200);
pub const ORGANIZATION: FieldLimit = FieldLimit::new("organization", "所属", "organisation", 200);
/// A person's role or position (役職).
pub const POSITION: FieldLimit = FieldLimit::new("title", "役職", "position", 100);
/// RFC 5321's longest address.
pub const EMAIL: FieldLimit = FieldLimit::new("email", "メールアドレス", "email", 254);
pub const PHONE: FieldLimit = FieldLimit::new("phone", "電話番号", "phone", 30);
/// An attendee's or an agenda item's notes.
pub const NOTES: FieldLimit = FieldLimit::new("notes", "備考", "notes", 2_000);
/// An event's or an agenda item's title.
pub const TITLE: FieldLimit = FieldLimit::new("title", "名称", "title", 200);
pub const VENUE_NAME: FieldLimit = FieldLimit::new("venue_name", "会場名", "venue name", 200);
pub const VENUE_ADDRESS: FieldLimit = FieldLimit::new("venue_address", "会場の住所", "venue address", 300);
pub const ONLINE_URL: FieldLimit = FieldLimit::new("online_url", "オンラインURL", "online URL", 2_000);
/// A speaker's biography for the programme (講師略歴).
pub const BIOGRAPHY: FieldLimit = FieldLimit::new("biography", "略歴", "biography", 4_000);
/// How to reach a speaker.
pub const CONTACT: FieldLimit = FieldLimit::new("contact", "連絡先", "contact", 300);

/// Every field limit, for the documentation and its test.
pub const FIELDS: &[FieldLimit] = &[
    NAME,
    KANA,
    ORGANIZATION,
    POSITION,
    EMAIL,
    PHONE,
    NOTES,
    TITLE,
    VENUE_NAME,
    VENUE_ADDRESS,
    ONLINE_URL,
    BIOGRAPHY,
    CONTACT,
];

/// The largest registration file or attendance report read (CSV or XLSX): a form export of
/// 400,000 people is about 50 MB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most rows a sheet may have (blank rows between the first and last included).
pub const MAX_ROWS: u32 = 500_000;
/// The most columns a row may have.
pub const MAX_COLUMNS: u32 = 512;
/// The most cells a sheet may hold, rows × columns as laid out (each cell costs memory even when
/// empty).
pub const MAX_CELLS: u64 = 10_000_000;
/// The longest cell: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The most text a sheet's cells may hold together (an XLSX cell that repeats a shared string
/// costs its length each time).
pub const MAX_SHEET_TEXT_BYTES: u64 = 256 * 1024 * 1024;
/// The most bytes the parts of an XLSX file may unpack to, all parts together.
pub const MAX_XLSX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;
/// The most a part of an XLSX file may be compressed (unpacked size ÷ packed size), for parts
/// larger than [`XLSX_RATIO_FROM_BYTES`]: real workbooks pack 5 to 50 times, zip bombs thousands.
pub const MAX_XLSX_RATIO: u64 = 250;
/// Parts smaller than this unpacked are not held to [`MAX_XLSX_RATIO`].
pub const XLSX_RATIO_FROM_BYTES: u64 = 1024 * 1024;
/// The largest photo file read.
pub const MAX_PHOTO_BYTES: u64 = 64 * 1024 * 1024;
/// The most pixels a photo may have (a 108-megapixel phone camera's picture fits).
pub const MAX_IMAGE_PIXELS: u64 = 120_000_000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Localized;

    #[test]
    fn every_limit_fits_an_excel_cell_and_has_labels() {
        for limit in FIELDS {
            assert!(
                limit.max_chars <= MAX_CELL_CHARS,
                "{} must fit in one Excel cell",
                limit.field
            );
            assert!(!limit.label(Lang::Ja).is_empty() && !limit.label(Lang::En).is_empty());
        }
    }

    #[test]
    fn a_value_at_the_limit_passes_and_one_more_character_is_refused() {
        assert_eq!(NAME.check(&"あ".repeat(100)), Ok(()));
        let error = NAME.check(&"あ".repeat(101)).unwrap_err();
        assert_eq!(
            error,
            ValidationError::TooLong {
                limit: NAME,
                found: 101
            }
        );
        assert_eq!(error.code(), "validation.too_long");
        let message = error.message(Lang::Ja);
        assert!(
            message.contains("氏名") && message.contains("100") && message.contains("101"),
            "the message names the field, its limit and the length found: {message}"
        );
        assert!(error.message(Lang::En).contains("Shorten"), "and says what to do");
    }
}

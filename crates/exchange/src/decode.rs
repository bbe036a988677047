//! From bytes to text: which encoding a Japanese office file is in.

use encoding_rs::{Encoding, SHIFT_JIS, UTF_16BE, UTF_16LE};
use serde::Serialize;

use crate::{ImportError, Result};

/// The encoding a text file turned out to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 with a byte-order mark: Excel's “CSV UTF-8”, Microsoft Forms.
    Utf8Bom,
    /// UTF-16 little-endian: Teams attendance reports, Excel's “Unicode text”.
    Utf16Le,
    Utf16Be,
    /// Shift_JIS with Microsoft's extensions (CP932, Windows-31J): Excel's plain “CSV” on a
    /// Japanese PC. Covers NEC and IBM extensions such as ① and 髙.
    Cp932,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Cp932 => "Shift_JIS (CP932)",
        }
    }
}

/// Decodes a text file, refusing rather than guessing: a byte that is not valid in the detected
/// encoding is an error, never a replacement character in someone's name.
pub fn decode_text(bytes: &[u8]) -> Result<(String, TextEncoding)> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|_| ImportError::BrokenText { encoding: "UTF-8" })?;
        (text.to_string(), TextEncoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (decode_strict(UTF_16LE, rest, "UTF-16")?, TextEncoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (decode_strict(UTF_16BE, rest, "UTF-16")?, TextEncoding::Utf16Be)
    } else if let Some(big_endian) = looks_like_utf16(bytes) {
        if big_endian {
            (decode_strict(UTF_16BE, bytes, "UTF-16")?, TextEncoding::Utf16Be)
        } else {
            (decode_strict(UTF_16LE, bytes, "UTF-16")?, TextEncoding::Utf16Le)
        }
    } else if bytes.contains(&0) {
        return Err(ImportError::NotText);
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), TextEncoding::Utf8)
    } else {
        let text = SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(ImportError::UnknownEncoding)?;
        (text.into_owned(), TextEncoding::Cp932)
    };
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if is_binary(&text) {
        return Err(ImportError::NotText);
    }
    Ok((text, encoding))
}

fn decode_strict(encoding: &'static Encoding, bytes: &[u8], name: &'static str) -> Result<String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(ImportError::BrokenText { encoding: name });
    }
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
        .ok_or(ImportError::BrokenText { encoding: name })
}

/// UTF-16 without a byte-order mark: ASCII text leaves every other byte zero. `Some(true)` for
/// big-endian.
fn looks_like_utf16(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let zero_odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if zero_odd * 10 >= pairs * 3 && zero_even == 0 {
        Some(false)
    } else if zero_even * 10 >= pairs * 3 && zero_odd == 0 {
        Some(true)
    } else {
        None
    }
}

/// Control characters other than tab and line breaks do not occur in office text; junk that
/// happened to decode is full of them.
fn is_binary(text: &str) -> bool {
    let n_control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
        .count();
    n_control > 0 && n_control * 100 >= text.chars().count().min(10_000) || text.contains('\u{0}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut bytes = if bom { vec![0xFF, 0xFE] } else { vec![] };
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn every_supported_encoding_gives_the_same_text() {
        let text = "氏名,所属\r\n髙橋 ①,\"株式会社\"\"東北\"\"\"\r\n";
        let (cp932, _, unmappable) = SHIFT_JIS.encode(text);
        assert!(!unmappable, "髙 and ① are in CP932");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let cases: Vec<(&str, Vec<u8>, TextEncoding)> = vec![
            ("UTF-8", text.as_bytes().to_vec(), TextEncoding::Utf8),
            ("UTF-8 with BOM", bom, TextEncoding::Utf8Bom),
            ("CP932", cp932.into_owned(), TextEncoding::Cp932),
            ("UTF-16LE with BOM", utf16le(text, true), TextEncoding::Utf16Le),
            (
                "UTF-16LE without BOM",
                utf16le(text, false),
                TextEncoding::Utf16Le,
            ),
            ("UTF-16BE with BOM", be, TextEncoding::Utf16Be),
        ];
        for (why, bytes, expected) in cases {
            let (decoded, encoding) = decode_text(&bytes).unwrap_or_else(|e| panic!("{why}: {e}"));
            assert_eq!(decoded, text, "{why}");
            assert_eq!(encoding, expected, "{why}");
        }
    }

    #[test]
    fn broken_files_are_refused_not_guessed() {
        let mut cut = utf16le("氏名,所属\r\n", true);
        cut.pop();
        let cases: Vec<(&str, Vec<u8>, ImportError)> = vec![
            ("empty", vec![], ImportError::Empty),
            ("only a BOM", b"\xEF\xBB\xBF".to_vec(), ImportError::Empty),
            (
                "UTF-16 cut in the middle of a character",
                cut,
                ImportError::BrokenText { encoding: "UTF-16" },
            ),
            (
                "bad UTF-8 after a BOM",
                b"\xEF\xBB\xBF\xE6\xB0".to_vec(),
                ImportError::BrokenText { encoding: "UTF-8" },
            ),
            (
                "binary junk",
                (0u8..=255).cycle().take(4096).collect(),
                ImportError::NotText,
            ),
            (
                "a PNG",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
                ImportError::NotText,
            ),
            (
                "neither UTF-8 nor CP932",
                b"name\n\x82\xFF\x81".to_vec(),
                ImportError::UnknownEncoding,
            ),
        ];
        for (why, bytes, expected) in cases {
            assert_eq!(decode_text(&bytes).map(|_| ()), Err(expected), "{why}");
        }
    }
}

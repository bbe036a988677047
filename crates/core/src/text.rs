//! Normalising the text people type, so that the same person reads the same whoever typed them.
//!
//! Japanese input arrives in many shapes: full-width Latin letters and digits from an active IME,
//! half-width katakana from old systems, hiragana or katakana readings, ideographic spaces. These
//! functions give each field one stored form and give search one comparable key.

use unicode_normalization::UnicodeNormalization;

/// Full-width digits and the signs typed around numbers, dates and times (０–９ ： ／ － ．) as
/// their ASCII forms: people type them with the Japanese IME on, and mean the same thing.
pub fn narrow_digits(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_digit(u32::from(c) - u32::from('０'), 10).unwrap_or(c),
            '：' => ':',
            '／' => '/',
            '－' | '−' | 'ー' => '-',
            '．' => '.',
            '，' => ',',
            '　' => ' ',
            other => other,
        })
        .collect()
}

/// NFKC, trimmed, with every run of white space (ideographic spaces included) folded to one space.
/// For names, organisations and titles: NFKC keeps kanji such as 髙 and 﨑 as they are, and turns
/// full-width ASCII and half-width katakana into their usual forms.
pub fn normalize_display(value: &str) -> String {
    collapse_whitespace(&value.nfkc().collect::<String>())
}

/// The stored form of a kana reading: NFKC, hiragana turned to full-width katakana (the form of
/// フリガナ on Japanese office forms), white space folded.
pub fn normalize_kana(value: &str) -> String {
    let folded: String = value.nfkc().map(hiragana_to_katakana).collect();
    collapse_whitespace(&folded)
}

/// The key that name search compares: NFKC, lower case, katakana as hiragana, no white space.
/// With it, `やまだ`, `ヤマダ`, `ﾔﾏﾀﾞ` and `ヤマダ　タロウ` all meet.
pub fn search_key(value: &str) -> String {
    value
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(katakana_to_hiragana)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// An email address as stored: trimmed, NFKC (a full-width ＠ from an IME becomes @), case kept.
pub fn normalize_email(value: &str) -> String {
    value.nfkc().collect::<String>().trim().to_string()
}

/// The key two email addresses are compared by: normalised and lower case.
pub fn email_key(value: &str) -> String {
    normalize_email(value).to_lowercase()
}

/// A plausible address: one `@`, something before it, a dotted domain after it, no spaces.
/// Deliverability is not ours to judge; this catches typing slips such as a missing `@`.
pub fn is_plausible_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
}

/// A phone number as stored: NFKC (full-width digits become ASCII), trimmed; always text, so the
/// leading zero of 022-… survives every export.
pub fn normalize_phone(value: &str) -> String {
    collapse_whitespace(&value.nfkc().collect::<String>())
}

fn collapse_whitespace(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ァ (U+30A1) … ヶ (U+30F6) have hiragana twins 0x60 below them; ヷ–ヺ and ー do not.
fn katakana_to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

fn hiragana_to_katakana(c: char) -> char {
    match c {
        '\u{3041}'..='\u{3096}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_text_is_nfkc_and_single_spaced() {
        let cases = [
            ("  大友　慎吾  ", "大友 慎吾"),
            ("ＡＢＣ商事　株式会社", "ABC商事 株式会社"),
            ("ｶﾌﾞｼｷｶﾞｲｼｬ", "カブシキガイシャ"),
            ("髙橋 﨑", "髙橋 﨑"),
            ("Sarah\tKimura", "Sarah Kimura"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_display(input), expected, "normalising {input:?}");
        }
    }

    #[test]
    fn kana_is_stored_as_full_width_katakana() {
        let cases = [
            ("おおとも しんご", "オオトモ シンゴ"),
            ("ｵｵﾄﾓ ｼﾝｺﾞ", "オオトモ シンゴ"),
            ("オオトモ　シンゴ", "オオトモ シンゴ"),
            ("ゔぁいおりん", "ヴァイオリン"),
            ("さら きむら", "サラ キムラ"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_kana(input), expected, "normalising {input:?}");
        }
    }

    #[test]
    fn search_keys_meet_across_scripts_widths_and_spaces() {
        let same = [
            ("やまだ", "ヤマダ　タロウ"),
            ("ﾔﾏﾀﾞ", "やまだたろう"),
            ("yamada", "ＹＡＭＡＤＡ Taro"),
            ("たろう", "ヤマダ タロウ"),
        ];
        for (query, record) in same {
            assert!(
                search_key(record).contains(&search_key(query)),
                "{query:?} should find {record:?}: keys {:?} / {:?}",
                search_key(query),
                search_key(record)
            );
        }
        assert!(!search_key("やまだ").contains(&search_key("やまもと")));
    }

    #[test]
    fn emails_are_trimmed_and_compared_without_case() {
        assert_eq!(normalize_email("  Taro@Example.JP "), "Taro@Example.JP");
        assert_eq!(normalize_email("taro＠example.jp"), "taro@example.jp");
        assert_eq!(email_key(" Taro@Example.JP"), "taro@example.jp");
    }

    #[test]
    fn plausible_emails() {
        let cases = [
            ("p00@sample.example.jp", true),
            ("a@b.c", true),
            ("no-at-sign.example.jp", false),
            ("two@@example.jp", false),
            ("@example.jp", false),
            ("taro@localhost", false),
            ("taro@example.", false),
            ("ta ro@example.jp", false),
        ];
        for (input, expected) in cases {
            assert_eq!(is_plausible_email(input), expected, "judging {input:?}");
        }
    }

    #[test]
    fn phones_keep_leading_zeros_as_text() {
        assert_eq!(normalize_phone("０２２－１２３－４５６７"), "022-123-4567");
        assert_eq!(normalize_phone(" 090 1234 5678 "), "090 1234 5678");
    }
}

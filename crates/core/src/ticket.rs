//! Ticket tokens (受付票): what a person shows at the desk, as a QR code or printed text.
//!
//! A token is 16 symbols of Crockford's base 32 (80 random bits) and one check symbol, upper-case
//! letters and digits only. That alphabet survives every way a code reaches the scan field: a USB
//! scanner typing on a US or Japanese (JIS) layout, or typing through an active Japanese IME,
//! which turns lower-case letters into kana but passes Shift+letter and digits through (at worst
//! as full-width forms, which NFKC folds back). It also makes the QR code's compact alphanumeric
//! mode possible. The check symbol (Luhn mod 32) catches every single misread symbol and most
//! swapped neighbours, so a misread is told apart from a ticket we never issued.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Crockford's base 32: no I, L, O or U, so nothing is mistaken for 1, 0 or V.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Symbols of randomness: 16 × 5 bits = 80 bits.
pub const BODY_LEN: usize = 16;
/// Bytes of randomness a token is made from.
pub const RANDOM_BYTES: usize = 10;

/// A well-formed ticket token, in its canonical 17-symbol form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct TicketToken(String);

/// Why typed or scanned text is not a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("nothing was scanned")]
    Empty,
    #[error("a ticket code has {expected} symbols, this has {found}")]
    WrongLength { expected: usize, found: usize },
    #[error("{0:?} does not occur in ticket codes")]
    BadSymbol(char),
    #[error("the check symbol does not match: a misread")]
    BadCheck,
}

fn value_of(symbol: u8) -> Option<u32> {
    // Crockford's decoding: I and L read as 1, O as 0.
    let symbol = match symbol {
        b'I' | b'L' => b'1',
        b'O' => b'0',
        other => other,
    };
    ALPHABET.iter().position(|&s| s == symbol).map(|p| p as u32)
}

/// Luhn mod 32 over the body's symbol values: the check symbol's value.
fn check_value(body: &[u32]) -> u32 {
    let mut sum = 0;
    for (index, value) in body.iter().rev().enumerate() {
        let addend = if index % 2 == 0 { value * 2 } else { *value };
        sum += addend / 32 + addend % 32;
    }
    (32 - sum % 32) % 32
}

impl TicketToken {
    /// Makes a token from random bytes (the caller draws them from the OS's generator).
    pub fn from_random(bytes: [u8; RANDOM_BYTES]) -> TicketToken {
        let bits = bytes.iter().fold(0u128, |acc, b| (acc << 8) | u128::from(*b));
        let body: Vec<u32> = (0..BODY_LEN)
            .rev()
            .map(|i| ((bits >> (i * 5)) & 31) as u32)
            .collect();
        let check = check_value(&body);
        let text = body
            .iter()
            .chain(std::iter::once(&check))
            .map(|v| ALPHABET[*v as usize] as char)
            .collect();
        TicketToken(text)
    }

    /// Reads what a scanner or a person typed: NFKC (full-width input from an IME), case, spaces
    /// and hyphens are forgiven; the length, the alphabet and the check symbol are not.
    pub fn parse(input: &str) -> Result<TicketToken, TokenError> {
        let cleaned: String = input
            .nfkc()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if cleaned.is_empty() {
            return Err(TokenError::Empty);
        }
        let n_symbols = cleaned.chars().count();
        if n_symbols != BODY_LEN + 1 {
            return Err(TokenError::WrongLength {
                expected: BODY_LEN + 1,
                found: n_symbols,
            });
        }
        let mut values = Vec::with_capacity(BODY_LEN + 1);
        for c in cleaned.chars() {
            let value = u8::try_from(c)
                .ok()
                .and_then(value_of)
                .ok_or(TokenError::BadSymbol(c))?;
            values.push(value);
        }
        let (body, check) = values.split_at(BODY_LEN);
        if check[0] != check_value(body) {
            return Err(TokenError::BadCheck);
        }
        Ok(TicketToken(
            values.iter().map(|v| ALPHABET[*v as usize] as char).collect(),
        ))
    }

    /// The canonical form: what the QR code holds and the database stores.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For reading aloud or typing by hand: `XXXX-XXXX-XXXX-XXXX-C`.
    pub fn grouped(&self) -> String {
        let symbols: Vec<char> = self.0.chars().collect();
        symbols
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-")
    }
}

impl std::fmt::Display for TicketToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> TicketToken {
        TicketToken::from_random([0x3C, 0x91, 0x07, 0xFE, 0x55, 0xA0, 0x12, 0xC4, 0x8B, 0x6D])
    }

    #[test]
    fn a_token_is_seventeen_upper_case_letters_and_digits() {
        for seed in 0..=255u8 {
            let token = TicketToken::from_random([seed; RANDOM_BYTES]);
            assert_eq!(token.as_str().len(), 17);
            assert!(
                token
                    .as_str()
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
                "{token}"
            );
            assert_eq!(
                TicketToken::parse(token.as_str()),
                Ok(token.clone()),
                "a token reads back as itself"
            );
        }
    }

    #[test]
    fn every_bit_of_randomness_reaches_the_token() {
        let zero = TicketToken::from_random([0; RANDOM_BYTES]);
        for byte in 0..RANDOM_BYTES {
            for bit in 0..8 {
                let mut bytes = [0; RANDOM_BYTES];
                bytes[byte] = 1 << bit;
                assert_ne!(
                    TicketToken::from_random(bytes),
                    zero,
                    "byte {byte} bit {bit} is used"
                );
            }
        }
    }

    #[test]
    fn what_scanners_and_imes_type_reads_the_same() {
        let token = sample();
        let full_width: String = token
            .as_str()
            .chars()
            .map(|c| char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap())
            .collect();
        let inputs = [
            token.as_str().to_string(),
            format!("  {}\n", token.as_str()),
            token.grouped(),
            token.as_str().to_lowercase(),
            full_width,
            format!("{}　", token.grouped()),
        ];
        for input in inputs {
            assert_eq!(TicketToken::parse(&input), Ok(token.clone()), "reading {input:?}");
        }
    }

    #[test]
    fn every_single_misread_symbol_is_caught() {
        let token = sample();
        let symbols: Vec<u8> = token.as_str().bytes().collect();
        for position in 0..symbols.len() {
            for &replacement in ALPHABET {
                if replacement == symbols[position] {
                    continue;
                }
                let mut misread = symbols.clone();
                misread[position] = replacement;
                let misread = String::from_utf8(misread).unwrap();
                assert_eq!(
                    TicketToken::parse(&misread),
                    Err(TokenError::BadCheck),
                    "{misread} is a misread"
                );
            }
        }
    }

    #[test]
    fn swapped_neighbours_are_mostly_caught() {
        let mut n_swaps = 0;
        let mut n_caught = 0;
        for seed in 0..64u8 {
            let token = TicketToken::from_random([seed.wrapping_mul(37); RANDOM_BYTES]);
            let symbols: Vec<u8> = token.as_str().bytes().collect();
            for i in 0..symbols.len() - 1 {
                if symbols[i] == symbols[i + 1] {
                    continue;
                }
                let mut swapped = symbols.clone();
                swapped.swap(i, i + 1);
                n_swaps += 1;
                n_caught += usize::from(TicketToken::parse(std::str::from_utf8(&swapped).unwrap()).is_err());
            }
        }
        assert!(
            n_caught * 100 >= n_swaps * 90,
            "caught {n_caught} of {n_swaps} swaps"
        );
    }

    #[test]
    fn what_is_not_a_token_says_why() {
        let cases = [
            ("", TokenError::Empty),
            ("  ", TokenError::Empty),
            (
                "ABC",
                TokenError::WrongLength {
                    expected: 17,
                    found: 3,
                },
            ),
            (
                "https://example.jp/x",
                TokenError::WrongLength {
                    expected: 17,
                    found: 20,
                },
            ),
            ("0123456789ABCDEFU", TokenError::BadSymbol('U')),
            (
                "やまだたろうやまだたろうやまだたろう",
                TokenError::WrongLength {
                    expected: 17,
                    found: 18,
                },
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(TicketToken::parse(input), Err(expected), "reading {input:?}");
        }
    }

    #[test]
    fn crockford_look_alikes_read_as_digits() {
        let token = sample();
        let look_alike = token.as_str().replace('1', "I").replace('0', "O");
        assert_eq!(TicketToken::parse(&look_alike), Ok(token));
    }
}

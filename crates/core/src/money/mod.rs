//! Money: integer yen, rates in basis points, and the rules that turn them into what is paid and
//! charged (withholding on speakers' fees, the budget of the contract).
//!
//! Architecture invariant: no float ever holds an amount. Yen are `i64`, rates are integers over
//! 10,000, and every fraction of a yen is cut off (切り捨て) at the one place a rule says so.

pub mod budget;
pub mod ledger;
pub mod payment;
pub mod withholding;

use serde::{Deserialize, Serialize};

use crate::error::Localized;
use crate::i18n::Lang;

/// An amount of money in whole yen. Negative amounts exist (a refund, a correction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct Yen(pub i64);

impl Yen {
    pub const ZERO: Yen = Yen(0);

    pub fn checked_add(self, other: Yen) -> Result<Yen, MoneyError> {
        self.0.checked_add(other.0).map(Yen).ok_or(MoneyError::Overflow)
    }

    pub fn checked_sub(self, other: Yen) -> Result<Yen, MoneyError> {
        self.0.checked_sub(other.0).map(Yen).ok_or(MoneyError::Overflow)
    }

    /// `self × numerator ÷ denominator`, the fraction of a yen cut off towards minus infinity
    /// (for the positive amounts the rules apply it to, that is 切り捨て).
    pub fn mul_div_floor(self, numerator: i64, denominator: i64) -> Result<Yen, MoneyError> {
        if denominator <= 0 {
            return Err(MoneyError::Overflow);
        }
        let product = i128::from(self.0) * i128::from(numerator);
        let quotient = product.div_euclid(i128::from(denominator));
        i64::try_from(quotient).map(Yen).map_err(|_| MoneyError::Overflow)
    }

    /// Sums amounts, failing instead of wrapping.
    pub fn sum<I: IntoIterator<Item = Yen>>(amounts: I) -> Result<Yen, MoneyError> {
        amounts.into_iter().try_fold(Yen::ZERO, Yen::checked_add)
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Reads an amount as people type it: `1234567`, `1,234,567`, `¥1,234,567`, `1234567円`,
    /// full-width digits, a leading minus for refunds.
    pub fn parse(text: &str) -> Result<Yen, MoneyError> {
        let normalized = crate::text::normalize_display(text);
        let trimmed = normalized
            .trim()
            .trim_start_matches(['¥', '\\', '￥'])
            .trim_end_matches('円')
            .trim();
        let (negative, digits) = match trimmed.strip_prefix(['-', '−', 'ー']) {
            Some(rest) => (true, rest.trim_start_matches(['¥', '\\', '￥'])),
            None => (false, trimmed),
        };
        let digits: String = digits.chars().filter(|c| *c != ',').collect();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(MoneyError::BadAmount(text.trim().to_string()));
        }
        let value: i64 = digits
            .parse()
            .map_err(|_| MoneyError::BadAmount(text.trim().to_string()))?;
        Ok(Yen(if negative { -value } else { value }))
    }
}

impl std::fmt::Display for Yen {
    /// `¥1,234,567`, `-¥500`: the way amounts are printed on Japanese forms.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self.0.unsigned_abs().to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}¥{grouped}")
    }
}

/// A rate as an integer number of basis points (1/100 of a percent): 10% is 1,000. Rates in
/// contracts and tax law are at most two decimals of a percent, so nothing is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct Rate(pub u32);

impl Rate {
    pub const BASIS: i64 = 10_000;

    pub fn from_percent(percent: u32) -> Rate {
        Rate(percent.saturating_mul(100))
    }

    /// `amount × rate`, the fraction of a yen cut off.
    pub fn of(self, amount: Yen) -> Result<Yen, MoneyError> {
        amount.mul_div_floor(i64::from(self.0), Rate::BASIS)
    }

    /// Reads a percentage such as `10`, `10.5`, `8.25%` or `１０％` (up to two decimals, up to 100%).
    pub fn parse_percent(text: &str) -> Result<Rate, MoneyError> {
        let bad = || MoneyError::BadRate(text.trim().to_string());
        let normalized = crate::text::normalize_display(text);
        let value = normalized.trim().trim_end_matches('%').trim();
        let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
        if whole.is_empty()
            || fraction.len() > 2
            || !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit())
        {
            return Err(bad());
        }
        let whole: u32 = whole.parse().map_err(|_| bad())?;
        let fraction: u32 = if fraction.is_empty() {
            0
        } else {
            format!("{fraction:0<2}").parse().map_err(|_| bad())?
        };
        let bp = whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(fraction))
            .ok_or_else(bad)?;
        if bp > 10_000 {
            return Err(bad());
        }
        Ok(Rate(bp))
    }
}

impl std::fmt::Display for Rate {
    /// `10%`, `10.5%`, `8.25%`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, fraction) = (self.0 / 100, self.0 % 100);
        match fraction {
            0 => write!(f, "{whole}%"),
            n if n % 10 == 0 => write!(f, "{whole}.{}%", n / 10),
            n => write!(f, "{whole}.{n:02}%"),
        }
    }
}

/// Splits an amount that includes consumption tax into the amount without tax and the tax, the
/// way an invoice does: the amount without tax is the smallest whole yen whose tax (cut off)
/// brings it to at least the amount paid, i.e. `ceil(paid × 10000 / (10000 + rate))`, and the
/// tax is the rest. ¥1,100,000 at 10% is ¥1,000,000 + ¥100,000; ¥1,000,000 is ¥909,091 + ¥90,909.
/// Where no amount without tax adds up exactly (¥10 at 10%), the tax is one yen below the
/// invoice's and the amount without tax keeps the yen: the budget then counts it in the base.
pub fn split_tax_included(paid: Yen, rate: Rate) -> Result<(Yen, Yen), MoneyError> {
    let denominator = Rate::BASIS + i64::from(rate.0);
    let numerator = i128::from(paid.0) * i128::from(Rate::BASIS);
    let d = i128::from(denominator);
    // Ceiling division that is right for negative amounts (a refunded fare) too.
    let without = -((-numerator).div_euclid(d));
    let without = Yen(i64::try_from(without).map_err(|_| MoneyError::Overflow)?);
    Ok((without, paid.checked_sub(without)?))
}

/// What is wrong with an amount, a rate or a money record. Nothing is stored when one of these is
/// returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("an amount is too large to compute")]
    Overflow,
    #[error("not an amount of yen: {0}")]
    BadAmount(String),
    #[error("not a percentage: {0}")]
    BadRate(String),
    #[error("{field} cannot be negative")]
    Negative { field: &'static str },
    #[error("{field} is empty")]
    Empty { field: &'static str },
    #[error("一般管理費 is computed from the rate, never booked")]
    GeneralAdminBooked,
    #[error("an expense needs at least one line")]
    NoLines,
    #[error("the contract period ends {end} before it starts {start}")]
    PeriodReversed { start: String, end: String },
    #[error("not a receipt's SHA-256: {0}")]
    BadReceiptHash(String),
    #[error("no gross amount gives the net amount {0}")]
    NetUnreachable(Yen),
}

impl Localized for MoneyError {
    fn code(&self) -> &'static str {
        match self {
            MoneyError::Overflow => "money.overflow",
            MoneyError::BadAmount(_) => "money.bad_amount",
            MoneyError::BadRate(_) => "money.bad_rate",
            MoneyError::Negative { .. } => "money.negative",
            MoneyError::Empty { .. } => "money.empty",
            MoneyError::GeneralAdminBooked => "money.general_admin_booked",
            MoneyError::NoLines => "money.no_lines",
            MoneyError::PeriodReversed { .. } => "money.period_reversed",
            MoneyError::BadReceiptHash(_) => "money.bad_receipt_hash",
            MoneyError::NetUnreachable(_) => "money.net_unreachable",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (MoneyError::Overflow, Lang::Ja) => {
                "金額が大きすぎて計算できません。金額の桁を確認してください。".into()
            }
            (MoneyError::Overflow, Lang::En) => "An amount is too large to compute. Check its digits.".into(),
            (MoneyError::BadAmount(text), Lang::Ja) => {
                format!("「{text}」は金額として読めません。1234567 や 1,234,567 のように円単位の整数で入力してください。")
            }
            (MoneyError::BadAmount(text), Lang::En) => {
                format!("“{text}” is not an amount. Enter whole yen like 1234567 or 1,234,567.")
            }
            (MoneyError::BadRate(text), Lang::Ja) => {
                format!("「{text}」は率として読めません。10 や 10.5 のように、0〜100 のパーセント（小数2桁まで）で入力してください。")
            }
            (MoneyError::BadRate(text), Lang::En) => {
                format!("“{text}” is not a rate. Enter a percentage from 0 to 100 with at most two decimals, like 10 or 10.5.")
            }
            (MoneyError::Negative { field }, Lang::Ja) => {
                format!("{field} にマイナスの金額は使えません。返金や訂正は、元の行を指定して訂正行として登録してください。")
            }
            (MoneyError::Negative { field }, Lang::En) => {
                format!("{field} cannot be negative. Enter a refund or a correction as its own line that refers to the original.")
            }
            (MoneyError::Empty { field }, Lang::Ja) => format!("{field} が空です。入力してください。"),
            (MoneyError::Empty { field }, Lang::En) => format!("{field} is empty. Fill it in."),
            (MoneyError::GeneralAdminBooked, Lang::Ja) => {
                "一般管理費は（人件費＋事業費）× 一般管理費率で自動計算されるため、経費として登録できません。別の費目を選んでください。".into()
            }
            (MoneyError::GeneralAdminBooked, Lang::En) => {
                "General administration is computed as (personnel + direct costs) × the overhead rate; it cannot be booked. Choose another category.".into()
            }
            (MoneyError::NoLines, Lang::Ja) => "費目と金額の行が一つもありません。少なくとも一行入力してください。".into(),
            (MoneyError::NoLines, Lang::En) => "There is no line with a category and an amount. Enter at least one.".into(),
            (MoneyError::PeriodReversed { start, end }, Lang::Ja) => {
                format!("事業期間の終了日 {end} が開始日 {start} より前です。日付を確認してください。")
            }
            (MoneyError::PeriodReversed { start, end }, Lang::En) => {
                format!("The contract period ends ({end}) before it starts ({start}). Check the dates.")
            }
            (MoneyError::BadReceiptHash(text), Lang::Ja) => {
                format!("「{text}」は領収書ファイルの SHA-256 ではありません。ファイルを選び直してください。")
            }
            (MoneyError::BadReceiptHash(text), Lang::En) => {
                format!("“{text}” is not a receipt file's SHA-256. Choose the file again.")
            }
            (MoneyError::NetUnreachable(net), Lang::Ja) => {
                format!("手取り {net} になる支払額が見つかりません。支払額（税込前）で入力してください。")
            }
            (MoneyError::NetUnreachable(net), Lang::En) => {
                format!("No gross amount leaves exactly {net}. Enter the gross fee instead.")
            }
        }
    }
}

/// Checks that a text is a SHA-256 in lower-case hex (how receipts are named by content).
pub fn normalize_sha256(text: &str) -> Result<String, MoneyError> {
    let lower = text.trim().to_ascii_lowercase();
    if lower.len() == 64 && lower.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(lower)
    } else {
        Err(MoneyError::BadReceiptHash(text.trim().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yen_prints_like_a_japanese_form() {
        let cases = [
            (0, "¥0"),
            (5, "¥5"),
            (999, "¥999"),
            (1_000, "¥1,000"),
            (1_234_567, "¥1,234,567"),
            (100_000_000, "¥100,000,000"),
            (-1_500, "-¥1,500"),
            (i64::MIN, "-¥9,223,372,036,854,775,808"),
        ];
        for (value, text) in cases {
            assert_eq!(Yen(value).to_string(), text, "{value}");
        }
    }

    #[test]
    fn yen_reads_what_people_type() {
        let cases = [
            ("1234567", Ok(Yen(1_234_567))),
            ("1,234,567", Ok(Yen(1_234_567))),
            ("¥1,234,567", Ok(Yen(1_234_567))),
            ("１２３４円", Ok(Yen(1234))),
            ("-500", Ok(Yen(-500))),
            ("-¥500", Ok(Yen(-500))),
            ("12.5", Err(())),
            ("", Err(())),
            ("abc", Err(())),
            ("99999999999999999999", Err(())),
        ];
        for (text, expected) in cases {
            assert_eq!(Yen::parse(text).map_err(|_| ()), expected, "{text:?}");
        }
    }

    #[test]
    fn arithmetic_fails_instead_of_wrapping() {
        assert_eq!(Yen(i64::MAX).checked_add(Yen(1)), Err(MoneyError::Overflow));
        assert_eq!(Yen(i64::MIN).checked_sub(Yen(1)), Err(MoneyError::Overflow));
        assert_eq!(Yen(i64::MAX).mul_div_floor(2, 1), Err(MoneyError::Overflow));
        assert_eq!(Yen::sum([Yen(i64::MAX), Yen(1)]), Err(MoneyError::Overflow));
        assert_eq!(Yen::sum([Yen(1), Yen(2), Yen(-3)]), Ok(Yen(0)));
        // A product beyond i64 still divides correctly through i128.
        assert_eq!(
            Yen(i64::MAX).mul_div_floor(1021, 10_000),
            Ok(Yen(941_706_284_962_872_609))
        );
    }

    #[test]
    fn rates_are_basis_points() {
        let cases = [
            ("10", Ok(Rate(1000))),
            ("10.5", Ok(Rate(1050))),
            ("8.25%", Ok(Rate(825))),
            ("１０％", Ok(Rate(1000))),
            ("0", Ok(Rate(0))),
            ("100", Ok(Rate(10_000))),
            ("100.01", Err(())),
            ("10.123", Err(())),
            ("-5", Err(())),
            ("", Err(())),
            ("ten", Err(())),
        ];
        for (text, expected) in cases {
            assert_eq!(Rate::parse_percent(text).map_err(|_| ()), expected, "{text:?}");
        }
        for (rate, text) in [
            (Rate(1000), "10%"),
            (Rate(1050), "10.5%"),
            (Rate(825), "8.25%"),
            (Rate(5), "0.05%"),
        ] {
            assert_eq!(rate.to_string(), text);
        }
        // 10% of ¥12,345 is ¥1,234.5: the half yen is cut off.
        assert_eq!(Rate::from_percent(10).of(Yen(12_345)), Ok(Yen(1_234)));
    }

    #[test]
    fn a_price_with_tax_splits_the_way_an_invoice_adds_up() {
        let ten = Rate::from_percent(10);
        let cases = [
            (1_100_000, 1_000_000, 100_000),
            (1_000_000, 909_091, 90_909),
            (23_000, 20_910, 2_090),
            (110, 100, 10),
            (1, 1, 0),
            (0, 0, 0),
            (-1_100, -1_000, -100),
        ];
        for (paid, without, tax) in cases {
            assert_eq!(
                split_tax_included(Yen(paid), ten),
                Ok((Yen(without), Yen(tax))),
                "{paid}"
            );
        }
        // Whatever the price, without + tax is the price and the tax is what the invoice's
        // floor(without × 10%) gives, or one yen less where no amount without tax reaches the
        // price exactly (¥10: ¥10 + ¥1 would be ¥11, so ¥10 + ¥0).
        for paid in 0..20_000 {
            let (without, tax) = split_tax_included(Yen(paid), ten).unwrap();
            assert_eq!(without.0 + tax.0, paid);
            let invoice_tax = without.0 / 10;
            assert!(
                tax.0 == invoice_tax || tax.0 + 1 == invoice_tax,
                "{paid}: {without} + {tax}"
            );
        }
        assert_eq!(split_tax_included(Yen(1000), Rate(0)), Ok((Yen(1000), Yen(0))));
    }
}

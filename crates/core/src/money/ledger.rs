//! The expense ledger (経費), staff time (人件費) and subcontracts (再委託・外注): the records the
//! budget is computed from. History is never erased: a refund or a correction is a line of its
//! own that refers to the line it corrects.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::budget::ExpenseCategory;
use super::payment::PaymentId;
use super::{normalize_sha256, MoneyError, Yen};
use crate::event::EventId;
use crate::text::normalize_display;

/// The database identity of one ledger line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct ExpenseId(pub i64);

/// The database identity of a voucher (伝票): one receipt or one transaction, split over one or
/// more ledger lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct VoucherId(pub i64);

/// The database identity of a staff time line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct StaffTimeId(pub i64);

/// The database identity of a subcontract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct SubcontractId(pub i64);

macro_rules! display_id {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}
display_id!(ExpenseId, VoucherId, StaffTimeId, SubcontractId);

choice_enum! {
    /// How an expense was paid.
    pub enum PaymentMethod as "payment method" {
        #[default]
        BankTransfer = "bank_transfer", "銀行振込", "Bank transfer";
        Cash = "cash", "現金", "Cash";
        Card = "card", "クレジットカード", "Credit card";
        Electronic = "electronic", "電子マネー・IC", "Electronic money";
        Other = "other", "その他", "Other";
    }
}

/// One line of a voucher: a category and its amount.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ExpenseSplit {
    pub category: ExpenseCategory,
    /// What this part was; the voucher's description when empty.
    pub description: String,
    /// Without consumption tax.
    pub amount: Yen,
    /// The consumption tax on it (zero for costs outside consumption tax such as fees to people).
    pub tax: Yen,
}

/// An expense as it is entered: one voucher (a receipt, a transfer) split over one or more
/// categories. A refund or a correction is a voucher that names the line it `corrects`; only
/// those may have negative amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpenseDraft {
    pub date: NaiveDate,
    /// Who was paid (支払先).
    pub payee: String,
    pub description: String,
    pub event_id: Option<EventId>,
    pub payment_method: PaymentMethod,
    /// The SHA-256 of each receipt file (the files themselves are kept by content elsewhere).
    pub receipts: Vec<String>,
    pub lines: Vec<ExpenseSplit>,
    pub corrects: Option<ExpenseId>,
    pub notes: String,
}

impl ExpenseDraft {
    /// A voucher with one line.
    pub fn single(
        date: NaiveDate,
        category: ExpenseCategory,
        amount: Yen,
        tax: Yen,
        payee: &str,
        description: &str,
    ) -> ExpenseDraft {
        ExpenseDraft {
            date,
            payee: payee.into(),
            description: description.into(),
            event_id: None,
            payment_method: PaymentMethod::default(),
            receipts: Vec::new(),
            lines: vec![ExpenseSplit {
                category,
                description: String::new(),
                amount,
                tax,
            }],
            corrects: None,
            notes: String::new(),
        }
    }

    /// The draft in its stored form, or the first rule it breaks: a description, at least one
    /// line, no line booked as 一般管理費 (it is computed), negative amounts only on a
    /// correction, receipts named by SHA-256 (each once).
    pub fn normalized(self) -> Result<ExpenseDraft, MoneyError> {
        let description = normalize_display(&self.description);
        if description.is_empty() {
            return Err(MoneyError::Empty {
                field: "内容 / description",
            });
        }
        if self.lines.is_empty() {
            return Err(MoneyError::NoLines);
        }
        let mut lines = Vec::with_capacity(self.lines.len());
        for line in self.lines {
            if line.category == ExpenseCategory::GeneralAdmin {
                return Err(MoneyError::GeneralAdminBooked);
            }
            if self.corrects.is_none() && (line.amount.is_negative() || line.tax.is_negative()) {
                return Err(MoneyError::Negative {
                    field: "金額 / amount",
                });
            }
            let own = normalize_display(&line.description);
            lines.push(ExpenseSplit {
                description: if own.is_empty() { description.clone() } else { own },
                ..line
            });
        }
        let mut receipts = Vec::with_capacity(self.receipts.len());
        for receipt in &self.receipts {
            let hash = normalize_sha256(receipt)?;
            if !receipts.contains(&hash) {
                receipts.push(hash);
            }
        }
        Ok(ExpenseDraft {
            payee: normalize_display(&self.payee),
            description,
            receipts,
            lines,
            notes: self.notes.trim().to_string(),
            ..self
        })
    }
}

/// One stored ledger line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expense {
    pub id: ExpenseId,
    pub voucher_id: VoucherId,
    pub date: NaiveDate,
    pub payee: String,
    /// The line's own description (the voucher's when it had none).
    pub description: String,
    pub category: ExpenseCategory,
    pub amount: Yen,
    pub tax: Yen,
    pub event_id: Option<EventId>,
    pub payment_method: PaymentMethod,
    /// The voucher's receipt files (SHA-256).
    pub receipts: Vec<String>,
    pub corrects: Option<ExpenseId>,
    /// The payment to a speaker this line comes from (謝金, 旅費), when it does.
    pub payment_id: Option<PaymentId>,
    /// The subcontract this line comes from, when it does.
    pub subcontract_id: Option<SubcontractId>,
    pub notes: String,
    pub created_at: DateTime<Utc>,
}

impl Expense {
    pub fn amount_with_tax(&self) -> Result<Yen, MoneyError> {
        self.amount.checked_add(self.tax)
    }
}

/// Hours worked, as people write them: `7.5`, `7.25`, `7:30`, `７．５`. Stored in minutes, so
/// quarter and tenth hours stay exact.
pub fn parse_hours(text: &str) -> Result<i64, MoneyError> {
    let bad = || MoneyError::BadAmount(text.trim().to_string());
    let value = normalize_display(text)
        .trim()
        .trim_end_matches(['h', '時', '間'])
        .trim()
        .to_string();
    if let Some((hours, minutes)) = value.split_once(':') {
        let h: i64 = hours.parse().map_err(|_| bad())?;
        let m: i64 = minutes.parse().map_err(|_| bad())?;
        if h < 0 || !(0..60).contains(&m) || minutes.len() != 2 {
            return Err(bad());
        }
        return Ok(h * 60 + m);
    }
    let (whole, fraction) = value.split_once('.').unwrap_or((value.as_str(), ""));
    if whole.is_empty()
        || !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit())
        || fraction.len() > 2
    {
        return Err(bad());
    }
    let h: i64 = whole.parse().map_err(|_| bad())?;
    let hundredths: i64 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<2}").parse().map_err(|_| bad())?
    };
    // 0.1 h = 6 min, 0.25 h = 15 min; a fraction that is not whole minutes is refused.
    if hundredths * 60 % 100 != 0 {
        return Err(bad());
    }
    h.checked_mul(60)
        .and_then(|m| m.checked_add(hundredths * 60 / 100))
        .ok_or_else(bad)
}

/// Staff time for 人件費 as it is entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffTimeDraft {
    pub person: String,
    pub date: NaiveDate,
    /// Time worked in minutes (7.5 h = 450).
    pub minutes: i64,
    /// What was done.
    pub work: String,
    /// The hourly rate agreed for this person (時間単価), in yen.
    pub hourly_rate: Yen,
    pub event_id: Option<EventId>,
}

impl StaffTimeDraft {
    pub fn normalized(self) -> Result<StaffTimeDraft, MoneyError> {
        let person = normalize_display(&self.person);
        if person.is_empty() {
            return Err(MoneyError::Empty {
                field: "従事者 / person",
            });
        }
        let work = normalize_display(&self.work);
        if work.is_empty() {
            return Err(MoneyError::Empty {
                field: "業務内容 / work",
            });
        }
        if self.minutes <= 0 {
            return Err(MoneyError::Negative {
                field: "時間 / hours",
            });
        }
        if self.hourly_rate.is_negative() {
            return Err(MoneyError::Negative {
                field: "時間単価 / hourly rate",
            });
        }
        Ok(StaffTimeDraft { person, work, ..self })
    }

    /// `minutes × hourly rate ÷ 60`, the fraction of a yen cut off, line by line (each line of
    /// the monthly sheet shows whole yen, and the sheet's total is the sum of its lines).
    pub fn cost(&self) -> Result<Yen, MoneyError> {
        self.hourly_rate.mul_div_floor(self.minutes, 60)
    }
}

/// A stored staff time line. A mistaken line is voided with a reason, never deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffTime {
    pub id: StaffTimeId,
    #[serde(flatten)]
    pub details: StaffTimeDraft,
    pub cost: Yen,
    pub voided_reason: Option<String>,
}

/// One person's month of staff time (the monthly sheet, 従事日誌).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffTimeSheet {
    pub person: String,
    pub year: i32,
    pub month: u32,
    pub lines: Vec<StaffTime>,
    pub minutes: i64,
    pub cost: Yen,
}

/// Groups standing staff time by person and month, people by name, lines by date.
pub fn monthly_sheets(lines: &[StaffTime]) -> Result<Vec<StaffTimeSheet>, MoneyError> {
    use chrono::Datelike;
    let mut standing: Vec<&StaffTime> = lines.iter().filter(|l| l.voided_reason.is_none()).collect();
    standing.sort_by(|a, b| {
        let key = |l: &StaffTime| {
            (
                l.details.date.year(),
                l.details.date.month(),
                l.details.person.clone(),
            )
        };
        key(a)
            .cmp(&key(b))
            .then(a.details.date.cmp(&b.details.date))
            .then(a.id.cmp(&b.id))
    });
    let mut sheets: Vec<StaffTimeSheet> = Vec::new();
    for line in standing {
        let (year, month) = (line.details.date.year(), line.details.date.month());
        let same = sheets
            .last()
            .is_some_and(|s| s.year == year && s.month == month && s.person == line.details.person);
        if !same {
            sheets.push(StaffTimeSheet {
                person: line.details.person.clone(),
                year,
                month,
                lines: Vec::new(),
                minutes: 0,
                cost: Yen::ZERO,
            });
        }
        if let Some(sheet) = sheets.last_mut() {
            sheet.minutes = sheet
                .minutes
                .checked_add(line.details.minutes)
                .ok_or(MoneyError::Overflow)?;
            sheet.cost = sheet.cost.checked_add(line.cost)?;
            sheet.lines.push(line.clone());
        }
    }
    Ok(sheets)
}

/// A subcontract (再委託・外注) as it is entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubcontractDraft {
    pub name: String,
    /// The amount contracted, consumption tax included.
    pub amount_with_tax: Yen,
    /// What the supplier does.
    pub scope: String,
    /// How the supplier was chosen (quotes compared, 相見積), in words.
    pub selection: String,
    /// The scope touches the planning or core management of the project, which may not be
    /// subcontracted: a warning on the budget.
    pub touches_core_management: bool,
    /// The day it is booked in the ledger.
    pub date: NaiveDate,
    pub event_id: Option<EventId>,
}

impl SubcontractDraft {
    pub fn normalized(self) -> Result<SubcontractDraft, MoneyError> {
        let name = normalize_display(&self.name);
        if name.is_empty() {
            return Err(MoneyError::Empty {
                field: "再委託先 / name",
            });
        }
        let scope = normalize_display(&self.scope);
        if scope.is_empty() {
            return Err(MoneyError::Empty {
                field: "業務範囲 / scope",
            });
        }
        if self.amount_with_tax.is_negative() {
            return Err(MoneyError::Negative {
                field: "金額 / amount",
            });
        }
        Ok(SubcontractDraft {
            name,
            scope,
            selection: normalize_display(&self.selection),
            ..self
        })
    }
}

/// A stored subcontract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subcontract {
    pub id: SubcontractId,
    #[serde(flatten)]
    pub details: SubcontractDraft,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 7, 25).unwrap()
    }

    #[test]
    fn hours_are_read_into_minutes() {
        let cases = [
            ("7.5", Ok(450)),
            ("7:30", Ok(450)),
            ("７．５", Ok(450)),
            ("0.1", Ok(6)),
            ("1.25", Ok(75)),
            ("8", Ok(480)),
            ("8h", Ok(480)),
            ("1.33", Err(())),
            ("7:5", Err(())),
            ("-1", Err(())),
            ("", Err(())),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_hours(text).map_err(|_| ()), expected, "{text:?}");
        }
    }

    #[test]
    fn staff_cost_cuts_the_fraction_per_line() {
        let line = |minutes, rate| StaffTimeDraft {
            person: "田中".into(),
            date: date(),
            minutes,
            work: "会場手配".into(),
            hourly_rate: Yen(rate),
            event_id: None,
        };
        assert_eq!(line(450, 3_000).cost(), Ok(Yen(22_500)));
        // 50 min × ¥2,345 / 60 = ¥1,954.166… → ¥1,954.
        assert_eq!(line(50, 2_345).cost(), Ok(Yen(1_954)));
        assert!(line(0, 3_000).normalized().is_err());
    }

    #[test]
    fn an_expense_is_checked_before_it_is_stored() {
        let ok = ExpenseDraft::single(
            date(),
            ExpenseCategory::Venue,
            Yen(300_000),
            Yen(30_000),
            "会館",
            "会場費",
        );
        assert!(ok.clone().normalized().is_ok());
        let general_admin = ExpenseDraft {
            lines: vec![ExpenseSplit {
                category: ExpenseCategory::GeneralAdmin,
                ..ExpenseSplit::default()
            }],
            ..ok.clone()
        };
        assert_eq!(general_admin.normalized(), Err(MoneyError::GeneralAdminBooked));
        let negative = ExpenseDraft::single(date(), ExpenseCategory::Venue, Yen(-1), Yen(0), "会館", "返金");
        assert!(
            negative.clone().normalized().is_err(),
            "a refund must name the line it refunds"
        );
        assert!(ExpenseDraft {
            corrects: Some(ExpenseId(1)),
            ..negative
        }
        .normalized()
        .is_ok());
        assert_eq!(
            ExpenseDraft {
                lines: vec![],
                ..ok.clone()
            }
            .normalized(),
            Err(MoneyError::NoLines)
        );
        let receipts = ExpenseDraft {
            receipts: vec!["AB".repeat(32), "ab".repeat(32)],
            ..ok.clone()
        }
        .normalized()
        .unwrap();
        assert_eq!(
            receipts.receipts,
            vec!["ab".repeat(32)],
            "the same file named twice is one receipt"
        );
        assert!(ExpenseDraft {
            receipts: vec!["receipt.pdf".into()],
            ..ok
        }
        .normalized()
        .is_err());
    }
}

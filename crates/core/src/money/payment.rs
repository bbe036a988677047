//! Payees (受取人) and payments (支払) to speakers and experts, and the summaries the tax office
//! asks for: the tax withheld by month of payment (納付) and the yearly payment record (支払調書).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::withholding::{tax_due_date, PayeeKind, PaymentCalculation, PaymentTerms};
use super::{MoneyError, Yen};
use crate::agenda::SpeakerId;
use crate::event::EventId;
use crate::text::{normalize_display, normalize_kana};

/// The database identity of a payee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct PayeeId(pub i64);

/// The database identity of a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct PaymentId(pub i64);

impl std::fmt::Display for PayeeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::fmt::Display for PaymentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A person or company paid by the project. The address and the bank details are sensitive
/// (handlers only, never printed in a public document). The individual number (マイナンバー) is
/// never kept: there is no field for it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PayeeDraft {
    pub name: String,
    /// The reading (フリガナ), stored as full-width katakana.
    pub kana: String,
    pub kind: PayeeKind,
    /// The speaker this payee is, when they are on the programme.
    pub speaker_id: Option<SpeakerId>,
    /// Sensitive: for the payment record and the statement.
    pub address: String,
    /// Sensitive: bank, branch, account type, number and holder, as the payee wrote them.
    pub bank_account: String,
    pub notes: String,
}

impl PayeeDraft {
    /// The draft in its stored form, or the first rule it breaks (a name is needed).
    pub fn normalized(self) -> Result<PayeeDraft, MoneyError> {
        let name = normalize_display(&self.name);
        if name.is_empty() {
            return Err(MoneyError::Empty {
                field: "氏名・名称 / name",
            });
        }
        Ok(PayeeDraft {
            name,
            kana: normalize_kana(&self.kana),
            address: self.address.trim().to_string(),
            bank_account: self.bank_account.trim().to_string(),
            notes: self.notes.trim().to_string(),
            ..self
        })
    }
}

/// A stored payee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Payee {
    pub id: PayeeId,
    #[serde(flatten)]
    pub details: PayeeDraft,
}

/// A payment as it is entered: who, for which gathering, when, and the agreed terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentDraft {
    pub payee_id: PayeeId,
    pub event_id: Option<EventId>,
    /// The day the money is transferred: it decides the month the tax is paid over.
    pub paid_on: NaiveDate,
    /// Only `fee`, `fee_is_net`, `consumption_tax`, `travel` and `declined` are taken from
    /// here; the payee's kind comes from the payee.
    pub terms: PaymentTerms,
    pub notes: String,
}

impl PaymentDraft {
    /// Checks the terms and normalises the receipt hashes of the travel lines.
    pub fn normalized(mut self) -> Result<PaymentDraft, MoneyError> {
        self.terms.validate()?;
        for line in &mut self.terms.travel {
            line.description = normalize_display(&line.description);
            if line.description.is_empty() {
                return Err(MoneyError::Empty {
                    field: "旅費の内容 / travel description",
                });
            }
            line.receipt_sha256 = line
                .receipt_sha256
                .as_deref()
                .map(super::normalize_sha256)
                .transpose()?;
        }
        self.notes = self.notes.trim().to_string();
        Ok(self)
    }
}

/// A stored payment: its inputs, and (computed when it is read, never stored) what it comes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Payment {
    pub id: PaymentId,
    pub payee_id: PayeeId,
    pub payee_name: String,
    pub event_id: Option<EventId>,
    pub paid_on: NaiveDate,
    pub terms: PaymentTerms,
    pub notes: String,
    /// Set when the payment was cancelled (取消); it then counts nowhere, and its ledger lines
    /// were reversed by correction lines.
    pub voided_reason: Option<String>,
    /// Flattened, so a payment's JSON answers `gross`, `withholding_base`, `withholding`,
    /// `net_paid` … at its top level (the agreed fee stays under `terms`).
    #[serde(flatten)]
    pub calculation: PaymentCalculation,
}

impl Payment {
    pub fn is_void(&self) -> bool {
        self.voided_reason.is_some()
    }
}

/// The tax withheld on fees paid in one month, as the 報酬・料金 line of the payment slip
/// (所得税徴収高計算書) wants it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TaxMonth {
    pub year: i32,
    pub month: u32,
    /// 人員: the people paid (each payee once).
    pub n_payees: usize,
    pub n_payments: usize,
    /// 支給額: the amounts the tax was computed on.
    pub total_paid: Yen,
    /// 税額.
    pub total_withheld: Yen,
    /// 納期限: the 10th of the next month or the next business day.
    pub due: NaiveDate,
}

/// Groups the payments with tax withheld by the month they were paid. Void payments and
/// payments with nothing withheld (companies, declined) are left out.
pub fn tax_by_month(payments: &[Payment]) -> Result<Vec<TaxMonth>, MoneyError> {
    let mut months: Vec<TaxMonth> = Vec::new();
    let mut payees: Vec<((i32, u32), PayeeId)> = Vec::new();
    let mut sorted: Vec<&Payment> = payments
        .iter()
        .filter(|p| !p.is_void() && p.calculation.withholding.0 > 0)
        .collect();
    sorted.sort_by_key(|p| (p.paid_on, p.id));
    for payment in sorted {
        let key = (payment.paid_on.year(), payment.paid_on.month());
        if months.last().map(|m| (m.year, m.month)) != Some(key) {
            let due = tax_due_date(key.0, key.1).ok_or(MoneyError::Overflow)?;
            months.push(TaxMonth {
                year: key.0,
                month: key.1,
                n_payees: 0,
                n_payments: 0,
                total_paid: Yen::ZERO,
                total_withheld: Yen::ZERO,
                due,
            });
        }
        let Some(month) = months.last_mut() else { continue };
        if !payees.contains(&(key, payment.payee_id)) {
            payees.push((key, payment.payee_id));
            month.n_payees += 1;
        }
        month.n_payments += 1;
        month.total_paid = month
            .total_paid
            .checked_add(payment.calculation.withholding_base)?;
        month.total_withheld = month
            .total_withheld
            .checked_add(payment.calculation.withholding)?;
    }
    Ok(months)
}

/// Above this, a payee's yearly total needs a payment record (支払調書): 「報酬、料金、契約金
/// 及び賞金の支払調書」 is filed for 原稿料・講演料 etc. (所得税法第204条第1項第1号) when the total
/// paid to one person in the calendar year is over ¥50,000 (所得税法施行規則第84条第2項第1号;
/// NTA, 「[手続名]報酬、料金、契約金及び賞金の支払調書（同合計表）」).
pub const PAYMENT_RECORD_THRESHOLD: Yen = Yen(50_000);

/// One payee's year, for the payment record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentRecordLine {
    pub year: i32,
    pub payee_id: PayeeId,
    pub payee_name: String,
    pub payee_kind: PayeeKind,
    pub n_payments: usize,
    /// 支払金額: fee and reimbursed travel, without the separately stated consumption tax (the
    /// NTA allows the amount without tax when the invoice states the tax apart; travel paid to
    /// carriers is not paid to the payee and is left out).
    pub total_paid: Yen,
    /// The consumption tax stated on the invoices, for the record's remarks (摘要).
    pub total_consumption_tax: Yen,
    /// 源泉徴収税額.
    pub total_withheld: Yen,
    /// Over ¥50,000 paid to an individual in the year: a 支払調書 is needed. Companies are not
    /// marked: a fee for a talk to a company is outside 所得税法第204条.
    pub requires_record: bool,
}

/// Per payee per calendar year: the totals and whether a payment record is needed. Void
/// payments are left out; declined payments count for nothing. Ordered by year, then payee name.
pub fn payment_records(payments: &[Payment]) -> Result<Vec<PaymentRecordLine>, MoneyError> {
    let mut lines: Vec<PaymentRecordLine> = Vec::new();
    for payment in payments.iter().filter(|p| !p.is_void() && !p.terms.declined) {
        let year = payment.paid_on.year();
        let index = match lines
            .iter()
            .position(|l| l.year == year && l.payee_id == payment.payee_id)
        {
            Some(index) => index,
            None => {
                lines.push(PaymentRecordLine {
                    year,
                    payee_id: payment.payee_id,
                    payee_name: payment.payee_name.clone(),
                    payee_kind: payment.terms.payee_kind,
                    n_payments: 0,
                    total_paid: Yen::ZERO,
                    total_consumption_tax: Yen::ZERO,
                    total_withheld: Yen::ZERO,
                    requires_record: false,
                });
                lines.len() - 1
            }
        };
        let line = &mut lines[index];
        let c = &payment.calculation;
        line.n_payments += 1;
        line.total_paid = line
            .total_paid
            .checked_add(c.fee.checked_add(c.reimbursed_travel)?)?;
        line.total_consumption_tax = line.total_consumption_tax.checked_add(c.consumption_tax)?;
        line.total_withheld = line.total_withheld.checked_add(c.withholding)?;
    }
    for line in &mut lines {
        line.requires_record =
            line.payee_kind == PayeeKind::Individual && line.total_paid > PAYMENT_RECORD_THRESHOLD;
    }
    lines.sort_by(|a, b| (a.year, &a.payee_name, a.payee_id).cmp(&(b.year, &b.payee_name, b.payee_id)));
    Ok(lines)
}

/// What is known about a payment's circumstances, gathered by the store for the warnings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PaymentCircumstances {
    /// The payee's name matches a registered attendee of the gathering who is not a
    /// stakeholder (関係者): the contract bans paying attendees to attract them.
    pub payee_is_attendee: bool,
    /// The payee is a speaker with an item in the gathering's programme.
    pub has_talk: bool,
    /// The payment has a fee (not declined, fee above zero).
    pub has_fee: bool,
    /// The payment date, and the contract period when one is set.
    pub paid_on: Option<NaiveDate>,
    pub period: Option<(NaiveDate, NaiveDate)>,
}

/// A reason to look at a payment again. Never blocking: a person decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PaymentWarning {
    PayeeIsAttendee,
    NoTalkInProgramme,
    OutsideContractPeriod { paid_on: NaiveDate },
}

impl PaymentWarning {
    pub fn code(&self) -> &'static str {
        match self {
            PaymentWarning::PayeeIsAttendee => "payment.payee_is_attendee",
            PaymentWarning::NoTalkInProgramme => "payment.no_talk_in_programme",
            PaymentWarning::OutsideContractPeriod { .. } => "payment.outside_contract_period",
        }
    }

    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        match (self, lang) {
            (PaymentWarning::PayeeIsAttendee, Lang::Ja) => "受取人が一般参加者としても登録されています。参加者への謝礼による集客は契約で禁じられています。登壇者なら区分を関係者にしてください。".into(),
            (PaymentWarning::PayeeIsAttendee, Lang::En) => "The payee is also registered as an ordinary attendee. The contract bans paying attendees to attract them; if they speak, make their category stakeholder.".into(),
            (PaymentWarning::NoTalkInProgramme, Lang::Ja) => "謝金がありますが、この回の次第に受取人の登壇がありません。次第に登壇者として登録するか、支払を確認してください。".into(),
            (PaymentWarning::NoTalkInProgramme, Lang::En) => "There is a fee, but the payee has no item in this gathering's programme. Add them to the programme as a speaker, or check the payment.".into(),
            (PaymentWarning::OutsideContractPeriod { paid_on }, Lang::Ja) => format!("支払日 {paid_on} が事業期間の外です。期間外の支払は精算の対象外になることがあります。日付を確認してください。"),
            (PaymentWarning::OutsideContractPeriod { paid_on }, Lang::En) => format!("The payment date {paid_on} is outside the contract period; it may not be settled. Check the date."),
        }
    }
}

/// The warnings for one payment.
pub fn payment_warnings(facts: &PaymentCircumstances) -> Vec<PaymentWarning> {
    let mut warnings = Vec::new();
    if facts.payee_is_attendee {
        warnings.push(PaymentWarning::PayeeIsAttendee);
    }
    if facts.has_fee && !facts.has_talk {
        warnings.push(PaymentWarning::NoTalkInProgramme);
    }
    if let (Some(paid_on), Some((start, end))) = (facts.paid_on, facts.period) {
        if paid_on < start || paid_on > end {
            warnings.push(PaymentWarning::OutsideContractPeriod { paid_on });
        }
    }
    warnings
}

/// Convenience for callers holding drafts: the calculation of terms with the payee's kind.
pub fn calculate(terms: &PaymentTerms, kind: PayeeKind) -> Result<PaymentCalculation, MoneyError> {
    PaymentTerms {
        payee_kind: kind,
        ..terms.clone()
    }
    .calculate()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::withholding::{TravelLine, TravelPaidTo};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn payment(
        id: i64,
        payee: i64,
        kind: PayeeKind,
        paid_on: NaiveDate,
        fee: i64,
        reimbursed: i64,
    ) -> Payment {
        let terms = PaymentTerms {
            payee_kind: kind,
            fee: Yen(fee),
            travel: vec![TravelLine {
                description: "新幹線".into(),
                amount: Yen(reimbursed),
                paid_to: TravelPaidTo::Payee,
                receipt_sha256: None,
            }],
            ..PaymentTerms::default()
        };
        Payment {
            id: PaymentId(id),
            payee_id: PayeeId(payee),
            payee_name: format!("受取人{payee}"),
            event_id: None,
            paid_on,
            calculation: terms.calculate().unwrap(),
            terms,
            notes: String::new(),
            voided_reason: None,
        }
    }

    #[test]
    fn the_tax_is_grouped_by_month_of_payment() {
        let mut void = payment(5, 1, PayeeKind::Individual, date(2026, 7, 30), 500_000, 0);
        void.voided_reason = Some("二重登録".into());
        let payments = [
            payment(1, 1, PayeeKind::Individual, date(2026, 7, 25), 100_000, 20_000), // base 120,000, tax 12,252
            payment(2, 2, PayeeKind::Individual, date(2026, 7, 31), 50_000, 0),       // tax 5,105
            payment(3, 1, PayeeKind::Individual, date(2026, 7, 31), 30_000, 0), // tax 3,063, same person
            payment(4, 3, PayeeKind::Company, date(2026, 7, 31), 200_000, 0),   // not withheld
            void,
            payment(6, 2, PayeeKind::Individual, date(2026, 9, 1), 100_000, 0), // tax 10,210
        ];
        let months = tax_by_month(&payments).unwrap();
        assert_eq!(months.len(), 2, "July and September; August had nothing");
        let july = &months[0];
        assert_eq!(
            (july.year, july.month, july.n_payees, july.n_payments),
            (2026, 7, 2, 3)
        );
        assert_eq!(july.total_paid, Yen(200_000), "120,000 + 50,000 + 30,000");
        assert_eq!(july.total_withheld, Yen(12_252 + 5_105 + 3_063));
        assert_eq!(july.due, date(2026, 8, 10));
        assert_eq!(
            months[1].due,
            date(2026, 10, 13),
            "10 October 2026 is a Saturday, the 12th スポーツの日"
        );
    }

    #[test]
    fn the_payment_record_is_needed_above_fifty_thousand_a_year() {
        let payments = [
            payment(1, 1, PayeeKind::Individual, date(2026, 7, 25), 50_000, 0), // exactly 50,000: not above
            payment(2, 2, PayeeKind::Individual, date(2026, 7, 25), 30_000, 0),
            payment(3, 2, PayeeKind::Individual, date(2026, 11, 1), 20_000, 1), // 50,001 in the year
            payment(4, 3, PayeeKind::Company, date(2026, 7, 25), 300_000, 0),
            payment(5, 2, PayeeKind::Individual, date(2027, 1, 15), 60_000, 0), // another year
        ];
        let lines = payment_records(&payments).unwrap();
        let summary: Vec<(i32, i64, i64, bool)> = lines
            .iter()
            .map(|l| (l.year, l.payee_id.0, l.total_paid.0, l.requires_record))
            .collect();
        assert_eq!(
            summary,
            vec![
                (2026, 1, 50_000, false),
                (2026, 2, 50_001, true),
                (2026, 3, 300_000, false),
                (2027, 2, 60_000, true)
            ]
        );
        assert_eq!(
            lines[1].total_withheld,
            Yen(3_063 + 2_042),
            "30,000 → 3,063; 20,001 → 2,042"
        );
    }

    #[test]
    fn a_payment_answers_its_figures_at_the_top_of_its_json() {
        let json = serde_json::to_value(payment(
            1,
            1,
            PayeeKind::Individual,
            date(2026, 7, 25),
            100_000,
            23_000,
        ))
        .unwrap();
        for (key, value) in [
            ("gross", 123_000),
            ("withholding_base", 123_000),
            ("withholding", 12_558),
            ("net_paid", 110_442),
        ] {
            assert_eq!(json[key], value, "{key}");
        }
        assert_eq!(
            json["terms"]["fee"], 100_000,
            "the agreed fee stays with the terms"
        );
    }

    #[test]
    fn warnings_for_a_payment() {
        let period = Some((date(2026, 6, 1), date(2027, 2, 28)));
        let fine = PaymentCircumstances {
            has_talk: true,
            has_fee: true,
            paid_on: Some(date(2026, 7, 25)),
            period,
            ..Default::default()
        };
        assert!(payment_warnings(&fine).is_empty());
        let all = PaymentCircumstances {
            payee_is_attendee: true,
            has_talk: false,
            has_fee: true,
            paid_on: Some(date(2027, 3, 1)),
            period,
        };
        let codes: Vec<&str> = payment_warnings(&all).iter().map(PaymentWarning::code).collect();
        assert_eq!(
            codes,
            [
                "payment.payee_is_attendee",
                "payment.no_talk_in_programme",
                "payment.outside_contract_period"
            ]
        );
        let declined = PaymentCircumstances {
            has_fee: false,
            ..fine
        };
        assert!(
            payment_warnings(&declined).is_empty(),
            "no fee, no talk needed (travel only)"
        );
    }

    #[test]
    fn a_payee_needs_a_name_and_has_no_place_for_an_individual_number() {
        assert!(PayeeDraft::default().normalized().is_err());
        let payee = PayeeDraft {
            name: "　山田　太郎 ".into(),
            kana: "やまだ たろう".into(),
            ..PayeeDraft::default()
        }
        .normalized()
        .unwrap();
        assert_eq!(
            (payee.name.as_str(), payee.kana.as_str()),
            ("山田 太郎", "ヤマダ タロウ")
        );
        let json = serde_json::to_string(&payee).unwrap();
        assert!(!json.contains("mynumber"));
        assert!(!json.contains("my_number") && !json.contains("individual_number"));
    }
}

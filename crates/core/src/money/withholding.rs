//! Income tax withheld at source (源泉徴収) on fees for talks, exact to the yen.
//!
//! The rule, as the National Tax Agency states it in タックスアンサー
//! No.2795「原稿料や講演料等を支払ったとき」
//! (<https://www.nta.go.jp/taxes/shiraberu/taxanswer/gensen/2795.htm>), for fees paid to an
//! individual (所得税法第204条第1項第1号, 第205条; 復興特別所得税 included):
//! - 10.21% of the payment up to ¥1,000,000, 20.42% of the part above (`(支払金額 − 100万円) ×
//!   20.42% + 102,100円`), fractions of a yen cut off;
//! - travel and lodging are part of the payment, unless the organizer pays the carrier or the
//!   hotel directly (an amount usually needed);
//! - consumption tax stated separately on the payee's invoice may be left out of the base
//!   (we always leave it out when it is stated);
//! - a company payee (内国法人) is not withheld on a fee for a talk.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{MoneyError, Yen};

/// The part of a payment taxed at the lower rate (所得税法第205条第1号: 100万円).
pub const THRESHOLD: Yen = Yen(1_000_000);
/// 10.21% (10% income tax × 1.021 復興特別所得税), as a fraction of 10,000.
pub const RATE_UP_TO_THRESHOLD: i64 = 1_021;
/// 20.42% (20% × 1.021) on the part above the threshold, as a fraction of 10,000.
pub const RATE_ABOVE_THRESHOLD: i64 = 2_042;
const RATE_BASIS: i64 = 10_000;
/// The tax on exactly the threshold: ¥1,000,000 × 10.21% = ¥102,100.
const TAX_AT_THRESHOLD: Yen = Yen(102_100);

choice_enum! {
    /// Whether a payee is a person or a company; only people are withheld on fees for talks.
    pub enum PayeeKind as "payee kind" {
        #[default]
        Individual = "individual", "個人", "Individual";
        Company = "company", "法人", "Company";
    }
}

choice_enum! {
    /// Who a travel cost is paid to: reimbursed to the payee (part of the withholding base) or
    /// paid by the organizer directly to the carrier or hotel (outside it).
    pub enum TravelPaidTo as "paid to" {
        #[default]
        Payee = "payee", "本人に支払（立替精算）", "Reimbursed to the payee";
        Carrier = "carrier", "交通機関・宿泊先に直接支払", "Paid to the carrier or hotel";
    }
}

/// The tax withheld on `base`, the amount subject to withholding. Zero for zero or less.
pub fn withholding_tax(base: Yen) -> Result<Yen, MoneyError> {
    if base.0 <= 0 {
        return Ok(Yen::ZERO);
    }
    if base <= THRESHOLD {
        return base.mul_div_floor(RATE_UP_TO_THRESHOLD, RATE_BASIS);
    }
    let above = base
        .checked_sub(THRESHOLD)?
        .mul_div_floor(RATE_ABOVE_THRESHOLD, RATE_BASIS)?;
    TAX_AT_THRESHOLD.checked_add(above)
}

/// What the payee keeps of `base`: `base − withholding_tax(base)`.
pub fn net_of(base: Yen) -> Result<Yen, MoneyError> {
    base.checked_sub(withholding_tax(base)?)
}

/// The smallest base whose net is exactly `net` (gross-up, 手取り額からの逆算).
///
/// Exact for every net: `net_of(b + 1) − net_of(b)` is 0 or 1, because the tax grows by 0 or 1
/// per yen at either rate (both are below 100%), and at the threshold itself
/// (`net_of(1,000,000) = 897,900`, `net_of(1,000,001) = 897,901`); with `net_of(1) = 1`, the net
/// passes through every whole yen. Where two bases leave the same net, the smaller one is taken:
/// the larger would only withhold one yen more. The closed form: up to the threshold,
/// `net_of(b) = ceil(b × 8979 / 10000)`, so the smallest `b` with `net_of(b) ≥ net` is
/// `floor((net − 1) × 10000 / 8979) + 1`; above it, the same with 7958 from ¥1,000,000 on.
/// `tests::gross_up_is_exact_for_every_net_up_to_two_million` checks every net from ¥1 to
/// ¥2,000,000 against the definition.
pub fn gross_up(net: Yen) -> Result<Yen, MoneyError> {
    if net.0 <= 0 {
        return Ok(Yen::ZERO);
    }
    let net_at_threshold = net_of(THRESHOLD)?;
    let base = if net <= net_at_threshold {
        Yen(net.0 - 1)
            .mul_div_floor(RATE_BASIS, RATE_BASIS - RATE_UP_TO_THRESHOLD)?
            .checked_add(Yen(1))?
    } else {
        let over = net.checked_sub(net_at_threshold)?;
        THRESHOLD.checked_add(
            Yen(over.0 - 1)
                .mul_div_floor(RATE_BASIS, RATE_BASIS - RATE_ABOVE_THRESHOLD)?
                .checked_add(Yen(1))?,
        )?
    };
    // The proof above says this holds; checking costs nothing and turns a slip into an error
    // instead of a wrong transfer.
    if net_of(base)? == net && (base.0 == 1 || net_of(Yen(base.0 - 1))? < net) {
        Ok(base)
    } else {
        Err(MoneyError::NetUnreachable(net))
    }
}

/// One travel cost of a payment (a fare, a night at a hotel).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TravelLine {
    /// The route or what it was: `東京⇔大阪 新幹線`, `ホテル1泊`.
    pub description: String,
    /// What was paid, consumption tax included (fares and hotels are quoted that way).
    pub amount: Yen,
    pub paid_to: TravelPaidTo,
    /// The SHA-256 of the receipt file, when there is one.
    pub receipt_sha256: Option<String>,
}

/// What was agreed with a payee for one payment: the inputs the calculation starts from, and
/// what the store keeps.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentTerms {
    pub payee_kind: PayeeKind,
    /// The fee (謝金) without consumption tax; when `fee_is_net`, what the payee is to receive
    /// for the talk after withholding.
    pub fee: Yen,
    pub fee_is_net: bool,
    /// Consumption tax stated separately on the payee's invoice, on top of the fee.
    pub consumption_tax: Yen,
    pub travel: Vec<TravelLine>,
    /// The speaker declined payment: no fee, no tax, no reimbursement; travel we paid to a
    /// carrier is still our cost.
    pub declined: bool,
}

/// What one payment comes to, in yen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentCalculation {
    /// The fee before withholding (grossed up when it was agreed as net).
    pub fee: Yen,
    /// Consumption tax stated on the invoice.
    pub consumption_tax: Yen,
    /// Travel reimbursed to the payee.
    pub reimbursed_travel: Yen,
    /// What the payee is owed before withholding: fee + stated consumption tax + reimbursed travel.
    pub gross: Yen,
    /// What the tax is computed on: fee + reimbursed travel (stated consumption tax and travel
    /// paid to carriers left out); zero for a company.
    pub withholding_base: Yen,
    pub withholding: Yen,
    /// What is transferred to the payee: gross − withholding.
    pub net_paid: Yen,
    /// Travel the organizer paid directly to carriers and hotels.
    pub direct_travel: Yen,
    /// Everything this payment costs the project: gross + direct travel (the withheld tax is
    /// part of the gross; it goes to the tax office instead of the payee).
    pub total_cost: Yen,
}

impl PaymentTerms {
    /// Checks the amounts: none negative (a refund of a payment is a correction, never a
    /// negative payment).
    pub fn validate(&self) -> Result<(), MoneyError> {
        if self.fee.is_negative() {
            return Err(MoneyError::Negative {
                field: "謝金 / fee"
            });
        }
        if self.consumption_tax.is_negative() {
            return Err(MoneyError::Negative {
                field: "消費税 / consumption tax",
            });
        }
        if self.travel.iter().any(|t| t.amount.is_negative()) {
            return Err(MoneyError::Negative {
                field: "旅費 / travel",
            });
        }
        Ok(())
    }

    fn travel_to(&self, paid_to: TravelPaidTo) -> Result<Yen, MoneyError> {
        Yen::sum(
            self.travel
                .iter()
                .filter(|t| t.paid_to == paid_to)
                .map(|t| t.amount),
        )
    }

    /// Computes the payment. With `fee_is_net` the fee is grossed up so that the payee receives
    /// exactly the agreed net for the talk on top of the reimbursed travel and the stated
    /// consumption tax: the base `b` is the smallest with `b − tax(b) = net + reimbursed travel`,
    /// and the fee is `b − reimbursed travel`. For a company (not withheld) net and gross agree.
    pub fn calculate(&self) -> Result<PaymentCalculation, MoneyError> {
        self.validate()?;
        let direct_travel = self.travel_to(TravelPaidTo::Carrier)?;
        if self.declined {
            return Ok(PaymentCalculation {
                direct_travel,
                total_cost: direct_travel,
                ..PaymentCalculation::default()
            });
        }
        let reimbursed_travel = self.travel_to(TravelPaidTo::Payee)?;
        let withheld = self.payee_kind == PayeeKind::Individual;
        let fee = if self.fee_is_net && withheld {
            gross_up(self.fee.checked_add(reimbursed_travel)?)?.checked_sub(reimbursed_travel)?
        } else {
            self.fee
        };
        let gross = fee
            .checked_add(self.consumption_tax)?
            .checked_add(reimbursed_travel)?;
        let withholding_base = if withheld {
            fee.checked_add(reimbursed_travel)?
        } else {
            Yen::ZERO
        };
        let withholding = withholding_tax(withholding_base)?;
        Ok(PaymentCalculation {
            fee,
            consumption_tax: self.consumption_tax,
            reimbursed_travel,
            gross,
            withholding_base,
            withholding,
            net_paid: gross.checked_sub(withholding)?,
            direct_travel,
            total_cost: gross.checked_add(direct_travel)?,
        })
    }
}

/// The day the tax withheld in a month must be paid over: the 10th of the next month
/// (所得税法第212条), moved to the next day that is neither a Saturday, a Sunday nor a national
/// holiday (国税通則法第10条第2項).
///
/// The holidays known here are those that can fall on the 10th to the 13th, the only days the
/// rule can land on: 成人の日 and スポーツの日 (second Monday of January and October),
/// 建国記念の日 (11 February) and 山の日 (11 August) with their substitute day (振替休日) when
/// they fall on a Sunday. That is every holiday of the law as it stands since 2022 (in 2020 and
/// 2021 the Olympics moved 山の日 and スポーツの日). 納期の特例 (twice a year, for payers
/// with fewer than ten employees) is not modelled.
pub fn tax_due_date(year: i32, month: u32) -> Option<NaiveDate> {
    let (year, month) = if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let mut day = NaiveDate::from_ymd_opt(year, month, 10)?;
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || is_holiday_near_the_tenth(day) {
        day += Duration::days(1);
    }
    Some(day)
}

fn is_holiday_near_the_tenth(day: NaiveDate) -> bool {
    let second_monday = day.weekday() == Weekday::Mon && (8..=14).contains(&day.day());
    let fixed_or_substitute =
        |d: u32| day.day() == d || (day.day() == d + 1 && day.weekday() == Weekday::Mon);
    match day.month() {
        1 | 10 => second_monday,
        2 | 8 => fixed_or_substitute(11),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn individual(fee: i64) -> PaymentTerms {
        PaymentTerms {
            fee: Yen(fee),
            ..PaymentTerms::default()
        }
    }

    fn travel(amount: i64, paid_to: TravelPaidTo) -> TravelLine {
        TravelLine {
            description: "新幹線".into(),
            amount: Yen(amount),
            paid_to,
            receipt_sha256: None,
        }
    }

    #[test]
    fn the_tax_at_and_around_the_threshold() {
        // (base, tax): 10.21% floored up to ¥1,000,000, then 102,100 + 20.42% of the rest floored.
        let cases = [
            (0, 0),
            (-5, 0),
            (1, 0),  // 0.1021
            (9, 0),  // 0.9189
            (10, 1), // 1.021
            (10_000, 1_021),
            (30_000, 3_063),
            (50_000, 5_105),
            (100_000, 10_210),
            (123_457, 12_604),  // 12,604.9597
            (999_999, 102_099), // 102,099.8979
            (1_000_000, 102_100),
            (1_000_001, 102_100), // 102,100 + 0.2042
            (1_000_005, 102_101), // 102,100 + 1.021
            (1_100_000, 122_520), // 102,100 + 20,420
            (2_000_000, 306_300), // 102,100 + 204,200
        ];
        for (base, tax) in cases {
            assert_eq!(withholding_tax(Yen(base)), Ok(Yen(tax)), "base {base}");
        }
    }

    #[test]
    fn payments_at_the_threshold_with_travel_and_consumption_tax() {
        struct Case {
            name: &'static str,
            terms: PaymentTerms,
            gross: i64,
            base: i64,
            withholding: i64,
            net_paid: i64,
            direct: i64,
            total_cost: i64,
        }
        let cases = [
            Case {
                name: "999,999",
                terms: individual(999_999),
                gross: 999_999,
                base: 999_999,
                withholding: 102_099,
                net_paid: 897_900,
                direct: 0,
                total_cost: 999_999,
            },
            Case {
                name: "1,000,000",
                terms: individual(1_000_000),
                gross: 1_000_000,
                base: 1_000_000,
                withholding: 102_100,
                net_paid: 897_900,
                direct: 0,
                total_cost: 1_000_000,
            },
            Case {
                name: "1,000,001",
                terms: individual(1_000_001),
                gross: 1_000_001,
                base: 1_000_001,
                withholding: 102_100,
                net_paid: 897_901,
                direct: 0,
                total_cost: 1_000_001,
            },
            // Reimbursed travel joins the base and pushes it over the threshold:
            // 999,999 + 23,000 = 1,022,999 → 102,100 + floor(22,999 × 0.2042 = 4,696.3958) = 106,796.
            Case {
                name: "999,999 + reimbursed 23,000",
                terms: PaymentTerms {
                    travel: vec![travel(23_000, TravelPaidTo::Payee)],
                    ..individual(999_999)
                },
                gross: 1_022_999,
                base: 1_022_999,
                withholding: 106_796,
                net_paid: 916_203,
                direct: 0,
                total_cost: 1_022_999,
            },
            // Travel paid to the carrier stays out of the base and out of the transfer.
            Case {
                name: "1,000,000 + direct 23,000",
                terms: PaymentTerms {
                    travel: vec![travel(23_000, TravelPaidTo::Carrier)],
                    ..individual(1_000_000)
                },
                gross: 1_000_000,
                base: 1_000_000,
                withholding: 102_100,
                net_paid: 897_900,
                direct: 23_000,
                total_cost: 1_023_000,
            },
            // Both kinds of travel on one payment: 50,000 + 12,000 reimbursed = 62,000 base,
            // 62,000 × 10.21% = 6,330.2 → 6,330.
            Case {
                name: "50,000 + reimbursed 12,000 + hotel 15,000 direct",
                terms: PaymentTerms {
                    travel: vec![
                        travel(12_000, TravelPaidTo::Payee),
                        travel(15_000, TravelPaidTo::Carrier),
                    ],
                    ..individual(50_000)
                },
                gross: 62_000,
                base: 62_000,
                withholding: 6_330,
                net_paid: 55_670,
                direct: 15_000,
                total_cost: 77_000,
            },
            // Consumption tax stated on the invoice is paid but not taxed: base 1,000,000.
            Case {
                name: "1,000,000 + stated consumption tax 100,000",
                terms: PaymentTerms {
                    consumption_tax: Yen(100_000),
                    ..individual(1_000_000)
                },
                gross: 1_100_000,
                base: 1_000_000,
                withholding: 102_100,
                net_paid: 997_900,
                direct: 0,
                total_cost: 1_100_000,
            },
            Case {
                name: "999,999 + stated tax 99,999 + reimbursed 1",
                terms: PaymentTerms {
                    consumption_tax: Yen(99_999),
                    travel: vec![travel(1, TravelPaidTo::Payee)],
                    ..individual(999_999)
                },
                gross: 1_099_999,
                base: 1_000_000,
                withholding: 102_100,
                net_paid: 997_899,
                direct: 0,
                total_cost: 1_099_999,
            },
            // A company is not withheld on a fee for a talk.
            Case {
                name: "company 1,000,001 + tax + travel",
                terms: PaymentTerms {
                    payee_kind: PayeeKind::Company,
                    consumption_tax: Yen(100_000),
                    travel: vec![travel(23_000, TravelPaidTo::Payee)],
                    ..individual(1_000_001)
                },
                gross: 1_123_001,
                base: 0,
                withholding: 0,
                net_paid: 1_123_001,
                direct: 0,
                total_cost: 1_123_001,
            },
            // A speaker who declines gets nothing; the train we booked is still our cost.
            Case {
                name: "declined",
                terms: PaymentTerms {
                    declined: true,
                    travel: vec![
                        travel(8_000, TravelPaidTo::Payee),
                        travel(23_000, TravelPaidTo::Carrier),
                    ],
                    ..individual(100_000)
                },
                gross: 0,
                base: 0,
                withholding: 0,
                net_paid: 0,
                direct: 23_000,
                total_cost: 23_000,
            },
            Case {
                name: "zero fee",
                terms: individual(0),
                gross: 0,
                base: 0,
                withholding: 0,
                net_paid: 0,
                direct: 0,
                total_cost: 0,
            },
        ];
        for case in cases {
            let c = case
                .terms
                .calculate()
                .unwrap_or_else(|e| panic!("{}: {e}", case.name));
            assert_eq!(
                (
                    c.gross,
                    c.withholding_base,
                    c.withholding,
                    c.net_paid,
                    c.direct_travel,
                    c.total_cost
                ),
                (
                    Yen(case.gross),
                    Yen(case.base),
                    Yen(case.withholding),
                    Yen(case.net_paid),
                    Yen(case.direct),
                    Yen(case.total_cost)
                ),
                "{}",
                case.name
            );
            assert_eq!(
                c.net_paid.0 + c.withholding.0,
                c.gross.0,
                "{}: nothing is lost",
                case.name
            );
        }
    }

    #[test]
    fn gross_up_is_exact_for_every_net_up_to_two_million() {
        // Walks the bases upwards once, so every net is checked against the definition (the
        // smallest base whose net is exactly it), not against the closed form.
        let mut base = 0_i64;
        let mut net_of_base = 0_i64;
        for net in 1..=2_000_000_i64 {
            while net_of_base < net {
                base += 1;
                net_of_base = base - withholding_tax(Yen(base)).unwrap().0;
            }
            assert_eq!(net_of_base, net, "the net {net} is reached exactly (base {base})");
            assert_eq!(
                gross_up(Yen(net)),
                Ok(Yen(base)),
                "the smallest base for the net {net}"
            );
        }
    }

    #[test]
    fn a_fee_agreed_as_net_leaves_exactly_that_net() {
        let cases = [
            // (net, reimbursed travel, stated tax, fee, withholding)
            // ¥100,000 and ¥99,999 both leave ¥89,790: the smaller gross is taken.
            (89_790, 0, 0, 99_999, 10_209),
            (100_000, 0, 0, 111_370, 11_370),
            // ¥999,999 and ¥1,000,000 both leave ¥897,900.
            (897_900, 0, 0, 999_999, 102_099),
            (897_901, 0, 0, 1_000_001, 102_100),
            // Travel is received in full on top of the net: the base grosses up net + travel,
            // 123,000 → base 136,986 (tax 13,986), fee 136,986 − 23,000 = 113,986.
            (100_000, 23_000, 0, 113_986, 13_986),
            (100_000, 0, 10_000, 111_370, 11_370),
        ];
        for (net, reimbursed, stated, fee, withholding) in cases {
            let terms = PaymentTerms {
                fee: Yen(net),
                fee_is_net: true,
                consumption_tax: Yen(stated),
                travel: if reimbursed > 0 {
                    vec![travel(reimbursed, TravelPaidTo::Payee)]
                } else {
                    vec![]
                },
                ..PaymentTerms::default()
            };
            let c = terms.calculate().unwrap();
            assert_eq!((c.fee, c.withholding), (Yen(fee), Yen(withholding)), "net {net}");
            assert_eq!(
                c.net_paid,
                Yen(net + reimbursed + stated),
                "net {net}: the payee receives the agreed net, the travel and the stated tax"
            );
        }
        // A company's net fee is its fee: nothing is withheld.
        let company = PaymentTerms {
            payee_kind: PayeeKind::Company,
            fee: Yen(100_000),
            fee_is_net: true,
            ..PaymentTerms::default()
        };
        assert_eq!(company.calculate().unwrap().gross, Yen(100_000));
    }

    #[test]
    fn negative_amounts_are_refused() {
        assert!(individual(-1).calculate().is_err());
        let terms = PaymentTerms {
            travel: vec![travel(-1, TravelPaidTo::Carrier)],
            ..individual(1)
        };
        assert!(terms.calculate().is_err());
    }

    #[test]
    fn the_tax_is_due_on_the_tenth_or_the_next_business_day() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let cases = [
            // (month of payment, due)
            ((2026, 7), d(2026, 8, 10)),   // Monday 10 August
            ((2026, 9), d(2026, 10, 13)),  // Sat 10, Sun 11, Mon 12 スポーツの日 → Tue 13
            ((2026, 12), d(2027, 1, 12)),  // Sun 10, Mon 11 成人の日 → Tue 12
            ((2026, 10), d(2026, 11, 10)), // Tuesday
            ((2026, 4), d(2026, 5, 11)),   // Sun 10 → Mon 11
            ((2027, 1), d(2027, 2, 10)),   // Wednesday 10, 建国記念の日 the 11th does not matter
            ((2025, 7), d(2025, 8, 12)),   // Sun 10, Mon 11 山の日 → Tue 12
            ((2029, 1), d(2029, 2, 13)),   // Sat 10, Sun 11 建国記念の日, Mon 12 振替休日 → Tue 13
            ((2026, 1), d(2026, 2, 10)),   // Tuesday
        ];
        for ((year, month), due) in cases {
            assert_eq!(tax_due_date(year, month), Some(due), "{year}-{month}");
        }
    }
}

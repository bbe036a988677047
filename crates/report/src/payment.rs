//! The documents of a payment to a speaker: the payment statement (支払明細, 非公表用: fee,
//! travel, the withholding base, the tax withheld and the amount transferred) and the receipt
//! form (受領書) the payee signs. The figures are core's (`PaymentTerms::calculate`); this module
//! only lays them out.

use serde::Serialize;
use tsudoi_core::money::payment::Payment;
use tsudoi_core::money::withholding::{PaymentCalculation, TravelPaidTo};
use tsudoi_core::money::Yen;
use tsudoi_core::Lang;

use crate::typst_world::DocumentWorld;
use crate::ReportError;

const STATEMENT_TEMPLATE: &str = include_str!("../templates/payment-statement.typ");
const RECEIPT_TEMPLATE: &str = include_str!("../templates/payment-receipt.typ");

/// What a statement or a receipt shows: one payee's payments (void ones left out by the caller),
/// each with the title of its gathering.
pub struct PaymentSheet<'a> {
    pub lang: Lang,
    pub payee_name: &'a str,
    /// 個人 or 法人, in `lang`.
    pub payee_kind: &'a str,
    /// Who pays: the contractor (受託者), else the project's title.
    pub payer: &'a str,
    pub payments: &'a [(Payment, String)],
    /// The local date of printing (`YYYY-MM-DD`).
    pub printed_on: String,
}

#[derive(Serialize)]
struct Figures {
    fee: String,
    consumption_tax: String,
    reimbursed_travel: String,
    gross: String,
    withholding_base: String,
    withholding: String,
    net_paid: String,
    direct_travel: String,
}

impl Figures {
    fn of(c: &PaymentCalculation) -> Figures {
        Figures {
            fee: c.fee.to_string(),
            consumption_tax: c.consumption_tax.to_string(),
            reimbursed_travel: c.reimbursed_travel.to_string(),
            gross: c.gross.to_string(),
            withholding_base: c.withholding_base.to_string(),
            withholding: c.withholding.to_string(),
            net_paid: c.net_paid.to_string(),
            direct_travel: c.direct_travel.to_string(),
        }
    }
}

#[derive(Serialize)]
struct Line {
    date: String,
    event_title: String,
    note: String,
    figures: Figures,
}

#[derive(Serialize)]
struct Travel {
    date: String,
    text: String,
    amount: String,
    paid_to: &'static str,
}

#[derive(Serialize)]
struct SheetData {
    title: String,
    heading: &'static str,
    disclosure: &'static str,
    lang: &'static str,
    printed: String,
    name: String,
    kind: String,
    payer: String,
    labels: Vec<&'static str>,
    lines: Vec<Line>,
    total_label: &'static str,
    total: Figures,
    travel_heading: &'static str,
    travel_labels: Vec<&'static str>,
    travel: Vec<Travel>,
    notes: Vec<&'static str>,
    // The receipt's own words.
    amount_label: &'static str,
    amount: String,
    purpose: String,
    received: &'static str,
    sign_labels: Vec<&'static str>,
}

/// The sum of every payment's figures.
fn total(payments: &[(Payment, String)]) -> Result<PaymentCalculation, ReportError> {
    let mut t = PaymentCalculation::default();
    let add = |a: Yen, b: Yen| a.checked_add(b).map_err(|e| ReportError::Typst(e.to_string()));
    for (p, _) in payments {
        let c = &p.calculation;
        t.fee = add(t.fee, c.fee)?;
        t.consumption_tax = add(t.consumption_tax, c.consumption_tax)?;
        t.reimbursed_travel = add(t.reimbursed_travel, c.reimbursed_travel)?;
        t.gross = add(t.gross, c.gross)?;
        t.withholding_base = add(t.withholding_base, c.withholding_base)?;
        t.withholding = add(t.withholding, c.withholding)?;
        t.net_paid = add(t.net_paid, c.net_paid)?;
        t.direct_travel = add(t.direct_travel, c.direct_travel)?;
        t.total_cost = add(t.total_cost, c.total_cost)?;
    }
    Ok(t)
}

fn sheet_data(sheet: &PaymentSheet<'_>, receipt: bool) -> Result<SheetData, ReportError> {
    let lang = sheet.lang;
    let total = total(sheet.payments)?;
    let heading = if receipt {
        lang.pick("受領書", "Receipt")
    } else {
        lang.pick("支払明細書", "Payment statement")
    };
    let lines = sheet
        .payments
        .iter()
        .map(|(p, event_title)| Line {
            date: p.paid_on.to_string(),
            event_title: event_title.clone(),
            note: if p.terms.declined {
                lang.pick("謝金辞退", "Fee declined").to_string()
            } else if p.terms.fee_is_net {
                lang.pick("手取額で合意", "Agreed as net").to_string()
            } else {
                String::new()
            },
            figures: Figures::of(&p.calculation),
        })
        .collect();
    let travel = sheet
        .payments
        .iter()
        .flat_map(|(p, _)| {
            p.terms.travel.iter().map(move |t| Travel {
                date: p.paid_on.to_string(),
                text: t.description.clone(),
                amount: t.amount.to_string(),
                paid_to: match t.paid_to {
                    TravelPaidTo::Payee => {
                        lang.pick("本人に支払（支払額に含む）", "Reimbursed (in the payment)")
                    }
                    TravelPaidTo::Carrier => lang.pick(
                        "交通機関等に直接支払（支払額に含まない）",
                        "Paid to the carrier (not in the payment)",
                    ),
                },
            })
        })
        .collect();
    let events: Vec<&str> = {
        let mut seen: Vec<&str> = Vec::new();
        for (_, title) in sheet.payments {
            if !title.is_empty() && !seen.contains(&title.as_str()) {
                seen.push(title);
            }
        }
        seen
    };
    let purpose = match lang {
        Lang::Ja if events.is_empty() => "但し、講演謝金・旅費として".to_string(),
        Lang::Ja => format!("但し、講演謝金・旅費として（{}）", events.join("、")),
        Lang::En if events.is_empty() => "For the fee for a talk and travel".to_string(),
        Lang::En => format!("For the fee for a talk and travel ({})", events.join(", ")),
    };
    Ok(SheetData {
        title: match lang {
            Lang::Ja => format!("{heading} — {} 様", sheet.payee_name),
            Lang::En => format!("{heading} — {}", sheet.payee_name),
        },
        heading,
        disclosure: lang.pick("非公表用", "Internal (非公表用)"),
        lang: lang.as_str(),
        printed: match lang {
            Lang::Ja => format!("作成日 {}", sheet.printed_on),
            Lang::En => format!("Made {}", sheet.printed_on),
        },
        name: match lang {
            Lang::Ja => format!("{} 様", sheet.payee_name),
            Lang::En => sheet.payee_name.to_string(),
        },
        kind: sheet.payee_kind.to_string(),
        payer: match (lang, receipt) {
            _ if sheet.payer.trim().is_empty() => String::new(),
            (Lang::Ja, true) => format!("{} 御中", sheet.payer),
            (Lang::Ja, false) => format!("支払者: {}", sheet.payer),
            (Lang::En, true) => format!("To {}", sheet.payer),
            (Lang::En, false) => format!("Paid by {}", sheet.payer),
        },
        labels: vec![
            lang.pick("支払日", "Paid on"),
            lang.pick("回", "Gathering"),
            lang.pick("謝金", "Fee"),
            lang.pick("消費税", "Consumption tax"),
            lang.pick("旅費（本人精算）", "Travel reimbursed"),
            lang.pick("支払額", "Gross"),
            lang.pick("源泉徴収の対象額", "Withholding base"),
            lang.pick("源泉徴収税額", "Tax withheld"),
            lang.pick("差引振込額", "Amount transferred"),
        ],
        lines,
        total_label: lang.pick("合計", "Total"),
        total: Figures::of(&total),
        travel_heading: lang.pick("旅費の内訳", "Travel"),
        travel_labels: vec![
            lang.pick("支払日", "Paid on"),
            lang.pick("内容", "What"),
            lang.pick("金額", "Amount"),
            lang.pick("支払先", "Paid to"),
        ],
        travel,
        notes: vec![
            lang.pick(
                "源泉徴収税額は所得税及び復興特別所得税です（支払金額の10.21%、100万円を超える部分は20.42%、1円未満切捨て）。",
                "The tax withheld is income tax with the reconstruction surtax (10.21% of the payment, 20.42% of the part above ¥1,000,000, fractions of a yen cut off).",
            ),
            lang.pick(
                "区分して記載された消費税と、交通機関・宿泊先に直接支払った旅費は源泉徴収の対象に含みません。",
                "Consumption tax stated separately and travel paid directly to the carrier or hotel are not part of the base.",
            ),
        ],
        amount_label: lang.pick("受領金額", "Amount received"),
        amount: total.net_paid.to_string(),
        purpose,
        received: lang.pick(
            "上記の金額を正に受領しました。",
            "I have received the amount above.",
        ),
        sign_labels: vec![
            lang.pick("受領日", "Date"),
            lang.pick("住所", "Address"),
            lang.pick("氏名（署名または記名押印）", "Name (signature)"),
        ],
    })
}

fn world(sheet: &PaymentSheet<'_>, receipt: bool) -> Result<DocumentWorld, ReportError> {
    let data = sheet_data(sheet, receipt)?;
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(
        if receipt {
            RECEIPT_TEMPLATE
        } else {
            STATEMENT_TEMPLATE
        },
        json,
    )
}

/// The payment statement (支払明細書) as a PDF: A4 landscape, one line per payment with its
/// figures and a total, the travel lines, 非公表用 in every page's header.
pub fn payment_statement_pdf(sheet: &PaymentSheet<'_>) -> Result<Vec<u8>, ReportError> {
    world(sheet, false)?.pdf()
}

/// The receipt form (受領書) for the payee to sign: the amount transferred, its breakdown, and
/// lines for the date, address and signature; 非公表用 in the header.
pub fn payment_receipt_pdf(sheet: &PaymentSheet<'_>) -> Result<Vec<u8>, ReportError> {
    world(sheet, true)?.pdf()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use tsudoi_core::money::payment::{PayeeId, PaymentId};
    use tsudoi_core::money::withholding::{PaymentTerms, TravelLine};
    use typst::layout::{Frame, FrameItem};

    fn texts(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => texts(&group.frame, out),
                FrameItem::Text(text) => out.push_str(&text.text),
                _ => {}
            }
        }
    }

    fn payment(id: i64, fee: i64, travel: i64) -> (Payment, String) {
        let terms = PaymentTerms {
            fee: Yen(fee),
            travel: vec![TravelLine {
                description: "新幹線 東京－大阪".into(),
                amount: Yen(travel),
                paid_to: TravelPaidTo::Payee,
                receipt_sha256: None,
            }],
            ..PaymentTerms::default()
        };
        (
            Payment {
                id: PaymentId(id),
                payee_id: PayeeId(1),
                payee_name: "山田 太郎".into(),
                event_id: None,
                paid_on: NaiveDate::from_ymd_opt(2026, 7, 25).unwrap(),
                calculation: terms.calculate().unwrap(),
                terms,
                notes: String::new(),
                voided_reason: None,
            },
            "第1回 交流会".into(),
        )
    }

    #[test]
    fn every_page_is_marked_internal_and_shows_the_figures() {
        // Enough payments to run onto a second page.
        let payments: Vec<(Payment, String)> = (1..=40).map(|i| payment(i, 100_000, 23_000)).collect();
        let sheet = PaymentSheet {
            lang: Lang::Ja,
            payee_name: "山田 太郎",
            payee_kind: "個人",
            payer: "株式会社つどい",
            payments: &payments,
            printed_on: "2026-07-26".into(),
        };
        let document = world(&sheet, false).unwrap().layout().unwrap();
        assert!(document.pages().len() >= 2, "forty lines run on");
        let mut all = String::new();
        for (i, page) in document.pages().iter().enumerate() {
            let mut text = String::new();
            texts(&page.frame, &mut text);
            assert!(text.contains("非公表用"), "page {} is marked: {text}", i + 1);
            all.push_str(&text);
        }
        // 123,000 each: tax 12,558, net 110,442; forty of them.
        assert!(all.contains("¥110,442"), "{all}");
        assert!(all.contains("¥4,417,680"), "the total transferred: {all}");
        let receipt = world(&sheet, true).unwrap().layout().unwrap();
        let mut text = String::new();
        texts(&receipt.pages()[0].frame, &mut text);
        assert!(
            text.contains("受領書") && text.contains("¥4,417,680") && text.contains("非公表用"),
            "{text}"
        );
        assert!(payment_statement_pdf(&sheet).unwrap().starts_with(b"%PDF"));
    }
}

//! The settlement summary (精算概要): the budget as the settlement reports it, plan and actuals by
//! category in yen, the totals, the subcontract ratio, the actuals by gathering and every warning,
//! every page marked 非公表用.

use serde::Serialize;
use tsudoi_core::money::budget::{Budget, Project};
use tsudoi_core::money::Yen;
use tsudoi_core::{EventId, Lang};

use crate::typst_world::DocumentWorld;
use crate::ReportError;

const SETTLEMENT_TEMPLATE: &str = include_str!("../templates/settlement.typ");

/// What the summary shows: the project, its budget, the gatherings' titles, in `lang`.
pub struct SettlementSheet<'a> {
    pub lang: Lang,
    pub project: &'a Project,
    pub budget: &'a Budget,
    pub events: &'a [(EventId, String)],
    /// The local date of printing (`YYYY-MM-DD`).
    pub printed_on: String,
}

#[derive(Serialize)]
struct SettlementData {
    title: String,
    heading: String,
    disclosure: &'static str,
    lang: &'static str,
    printed: String,
    project: Vec<String>,
    columns: Vec<&'static str>,
    rows: Vec<[String; 5]>,
    totals: Vec<[String; 4]>,
    facts: Vec<[String; 2]>,
    events_heading: &'static str,
    events: Vec<[String; 2]>,
    warnings_heading: &'static str,
    no_warnings: &'static str,
    warnings: Vec<String>,
}

fn yen(amount: Yen) -> String {
    amount.to_string()
}

fn settlement_world(sheet: &SettlementSheet<'_>) -> Result<DocumentWorld, ReportError> {
    let lang = sheet.lang;
    let budget = sheet.budget;
    let actual = &budget.actual;
    let plan = budget.plan.as_ref();
    let planned = |amount: Option<Yen>| amount.map(yen).unwrap_or_else(|| "—".into());
    let difference = |p: Option<Yen>, a: Yen| {
        p.and_then(|p| p.checked_sub(a).ok())
            .map(yen)
            .unwrap_or_else(|| "—".into())
    };
    let rows = actual
        .by_category
        .iter()
        .map(|a| {
            let p = plan.map(|p| p.amount(a.category));
            [
                a.category.group().label(lang).to_string(),
                a.category.label(lang).to_string(),
                planned(p),
                yen(a.amount),
                difference(p, a.amount),
            ]
        })
        .collect();
    let totals = [
        (
            lang.pick("小計（Ⅰ〜Ⅳ）", "Subtotal (I–IV)"),
            plan.map(|p| p.subtotal),
            actual.subtotal,
        ),
        (
            lang.pick("消費税及び地方消費税", "Consumption tax"),
            plan.map(|p| p.consumption_tax),
            actual.consumption_tax,
        ),
        (
            lang.pick("合計（税込）", "Total (with tax)"),
            plan.map(|p| p.total),
            actual.total,
        ),
    ]
    .into_iter()
    .map(|(label, p, a)| [label.to_string(), planned(p), yen(a), difference(p, a)])
    .collect();
    let terms = &sheet.project.terms;
    let mut facts = vec![
        [
            lang.pick("上限額（税込）", "Cap (with tax)").to_string(),
            yen(actual.cap),
        ],
        [
            lang.pick("残額（税込）", "Remaining (with tax)").to_string(),
            yen(actual.remaining),
        ],
        [
            lang.pick("再委託・外注費（税込）", "Subcontracting (with tax)")
                .to_string(),
            yen(actual.subcontract_with_tax),
        ],
        [
            lang.pick("再委託費率（上限 50%）", "Subcontract ratio (at most 50%)")
                .to_string(),
            format!("{}%", actual.subcontract_ratio_percent),
        ],
        [
            lang.pick("一般管理費率", "Overhead rate").to_string(),
            terms.overhead_rate.to_string(),
        ],
        [
            lang.pick("消費税率", "Consumption tax rate").to_string(),
            terms.consumption_tax_rate.to_string(),
        ],
    ];
    if let Some((start, end)) = terms.period {
        facts.push([
            lang.pick("事業期間", "Contract period").to_string(),
            format!("{start} 〜 {end}"),
        ]);
    }
    let events = budget
        .by_event
        .iter()
        .map(|e| {
            let title = match e.event_id {
                Some(id) => sheet
                    .events
                    .iter()
                    .find(|(event, _)| *event == id)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_else(|| format!("#{}", id.0)),
                None => lang
                    .pick("事業全体（回に属さない経費）", "The whole project")
                    .to_string(),
            };
            [
                title,
                format!(
                    "{}{}",
                    yen(e.total_without_tax),
                    lang.pick("（税抜）", " (without tax)")
                ),
            ]
        })
        .collect();
    let mut project = Vec::new();
    for (label, value) in [
        (lang.pick("事業名", "Project"), &sheet.project.title),
        (
            lang.pick("契約番号", "Contract number"),
            &sheet.project.contract_number,
        ),
        (lang.pick("受託者", "Contractor"), &sheet.project.contractor),
    ] {
        if !value.is_empty() {
            project.push(format!("{label}: {value}"));
        }
    }
    let data = SettlementData {
        title: match lang {
            Lang::Ja => format!("精算概要 {}", sheet.project.title),
            Lang::En => format!("Settlement summary {}", sheet.project.title),
        },
        heading: lang.pick("精算概要", "Settlement summary").to_string(),
        disclosure: lang.pick("非公表用", "Internal (非公表用)"),
        lang: lang.as_str(),
        printed: match lang {
            Lang::Ja => format!("印刷日 {}", sheet.printed_on),
            Lang::En => format!("Printed {}", sheet.printed_on),
        },
        project,
        columns: vec![
            lang.pick("区分", "Part"),
            lang.pick("費目", "Category"),
            lang.pick("予算額", "Plan"),
            lang.pick("実績額", "Actual"),
            lang.pick("差額", "Difference"),
        ],
        rows,
        totals,
        facts,
        events_heading: lang.pick("回ごとの実績（税抜）", "Actuals by gathering (without tax)"),
        events,
        warnings_heading: lang.pick("確認事項", "Warnings"),
        no_warnings: lang.pick("確認事項はありません。", "No warnings."),
        warnings: budget.warnings.iter().map(|w| w.message(lang)).collect(),
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(SETTLEMENT_TEMPLATE, json)
}

/// The settlement summary as a PDF: A4 portrait, 非公表用 in every page's header.
pub fn settlement_pdf(sheet: &SettlementSheet<'_>) -> Result<Vec<u8>, ReportError> {
    settlement_world(sheet)?.pdf()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tsudoi_core::money::budget::{compute_budget, BudgetInput, CategoryAmount, ExpenseCategory};
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

    #[test]
    fn the_summary_shows_the_totals_and_is_marked_internal() {
        let project = Project::default();
        let plan = [CategoryAmount {
            category: ExpenseCategory::Venue,
            amount: Yen(300_000),
        }];
        let budget = compute_budget(BudgetInput {
            terms: &project.terms,
            expenses: &[],
            staff_time: &[],
            subcontracts: &[],
            plan: &plan,
        })
        .unwrap();
        let sheet = SettlementSheet {
            lang: Lang::Ja,
            project: &project,
            budget: &budget,
            events: &[],
            printed_on: "2027-03-10".into(),
        };
        let document = settlement_world(&sheet).unwrap().layout().unwrap();
        for page in document.pages() {
            let mut text = String::new();
            texts(&page.frame, &mut text);
            assert!(text.contains("非公表用"), "every page is marked: {text}");
        }
        let mut first = String::new();
        texts(&document.pages()[0].frame, &mut first);
        assert!(first.contains("¥300,000"), "the plan is shown: {first}");
        assert!(first.contains("¥5,000,000"), "the cap is shown: {first}");
        assert!(settlement_pdf(&sheet).unwrap().starts_with(b"%PDF"));
    }
}

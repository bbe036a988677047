//! The half-year security measures report as a PDF, headed 非公表用 on every page.

use serde::Serialize;
use tsudoi_core::security::MeasureLine;
use tsudoi_core::Lang;

use crate::typst_world::DocumentWorld;
use crate::ReportError;

const SECURITY_TEMPLATE: &str = include_str!("../templates/security.typ");

#[derive(Serialize)]
struct SecurityData {
    title: String,
    heading: String,
    disclosure: &'static str,
    lang: &'static str,
    printed: String,
    period: String,
    columns: Vec<&'static str>,
    lines: Vec<(String, String, String)>,
}

/// The report for the half year `from`–`to` (`YYYY-MM-DD`), printed on `printed_on`.
pub fn security_report_pdf(
    lines: &[MeasureLine],
    from: &str,
    to: &str,
    printed_on: &str,
    lang: Lang,
) -> Result<Vec<u8>, ReportError> {
    let heading = lang
        .pick("情報セキュリティ対策の実施状況", "Security measures report")
        .to_string();
    let data = SecurityData {
        title: heading.clone(),
        heading,
        disclosure: lang.pick("非公表用", "Internal (非公表用)"),
        lang: lang.as_str(),
        printed: match lang {
            Lang::Ja => format!("作成日 {printed_on}"),
            Lang::En => format!("Made {printed_on}"),
        },
        period: match lang {
            Lang::Ja => format!("対象期間：{from} 〜 {to}"),
            Lang::En => format!("Period: {from} to {to}"),
        },
        columns: vec![
            "#",
            lang.pick("対策", "Measure"),
            lang.pick("状況", "Status"),
            lang.pick("実施内容・理由", "What was done, or why not"),
        ],
        lines: lines
            .iter()
            .map(|l| (l.item.clone(), l.status.label(lang).to_string(), l.note.clone()))
            .collect(),
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(SECURITY_TEMPLATE, json)?.pdf()
}

//! The incident report (インシデント報告): one incident record on paper for the bureau, every page
//! marked 非公表用.

use serde::Serialize;
use tsudoi_core::incident::IncidentDraft;
use tsudoi_core::Lang;

use crate::typst_world::DocumentWorld;
use crate::ReportError;

const INCIDENT_TEMPLATE: &str = include_str!("../templates/incident.typ");

/// One incident as the report shows it: the record and who recorded it, in `lang`.
pub struct IncidentSheet<'a> {
    pub lang: Lang,
    pub id: i64,
    pub details: &'a IncidentDraft,
    pub recorded_by: &'a str,
    /// The local date of printing (`YYYY-MM-DD`).
    pub printed_on: String,
}

#[derive(Serialize)]
struct IncidentData {
    title: String,
    heading: String,
    disclosure: &'static str,
    lang: &'static str,
    printed: String,
    rows: Vec<(&'static str, String)>,
}

/// The label and value of every field, in the order the annex lists them.
fn rows(sheet: &IncidentSheet<'_>) -> Vec<(&'static str, String)> {
    let lang = sheet.lang;
    let d = sheet.details;
    let or_dash = |text: &str| {
        if text.is_empty() {
            "—".to_string()
        } else {
            text.to_string()
        }
    };
    vec![
        (lang.pick("番号", "Number"), format!("#{}", sheet.id)),
        (lang.pick("件名", "Title"), d.title.clone()),
        (lang.pick("種類", "Kind"), d.kind.label(lang).to_string()),
        (lang.pick("発生日時", "Happened at"), d.happened_at.clone()),
        (lang.pick("発覚日時", "Noticed at"), d.noticed_at.clone()),
        (
            lang.pick("対象の情報", "Data involved"),
            or_dash(&d.data_involved),
        ),
        (lang.pick("対象の人数", "People affected"), d.n_people.to_string()),
        (
            lang.pick("局への報告先", "Told at the bureau"),
            or_dash(&d.bureau_contact),
        ),
        (
            lang.pick("局への報告日時", "Bureau told at"),
            or_dash(&d.bureau_told_at),
        ),
        (
            lang.pick("対応の内容", "Actions taken"),
            or_dash(&d.actions_taken),
        ),
        (lang.pick("状況", "Status"), d.status.label(lang).to_string()),
        (lang.pick("記録者", "Recorded by"), sheet.recorded_by.to_string()),
    ]
}

fn incident_world(sheet: &IncidentSheet<'_>) -> Result<DocumentWorld, ReportError> {
    let lang = sheet.lang;
    let data = IncidentData {
        title: match lang {
            Lang::Ja => format!("インシデント報告 #{} — {}", sheet.id, sheet.details.title),
            Lang::En => format!("Incident report #{} — {}", sheet.id, sheet.details.title),
        },
        heading: lang.pick("インシデント報告", "Incident report").to_string(),
        disclosure: lang.pick("非公表用", "Internal (非公表用)"),
        lang: lang.as_str(),
        printed: match lang {
            Lang::Ja => format!("印刷日 {}", sheet.printed_on),
            Lang::En => format!("Printed {}", sheet.printed_on),
        },
        rows: rows(sheet),
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(INCIDENT_TEMPLATE, json)
}

/// The incident report as a PDF: A4 portrait, the fields as a table, 非公表用 in every page's
/// header.
pub fn incident_pdf(sheet: &IncidentSheet<'_>) -> Result<Vec<u8>, ReportError> {
    incident_world(sheet)?.pdf()
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn every_page_is_marked_internal() {
        let details = IncidentDraft {
            title: "案内メールを宛先が見える形で送信".into(),
            happened_at: "2026-07-01 09:30".into(),
            noticed_at: "2026-07-01 10:00".into(),
            // Long enough to run onto a second page.
            actions_taken: "全員にお詫びと削除のお願いを送信した。".repeat(120),
            n_people: 120,
            ..IncidentDraft::default()
        };
        let sheet = IncidentSheet {
            lang: Lang::Ja,
            id: 7,
            details: &details,
            recorded_by: "受付 花子",
            printed_on: "2026-07-02".into(),
        };
        let document = incident_world(&sheet).unwrap().layout().unwrap();
        assert!(document.pages().len() >= 2, "the long text runs on");
        for (i, page) in document.pages().iter().enumerate() {
            let mut text = String::new();
            texts(&page.frame, &mut text);
            assert!(text.contains("非公表用"), "page {} is marked: {text}", i + 1);
        }
        let mut first = String::new();
        texts(&document.pages()[0].frame, &mut first);
        assert!(first.contains("120"), "{first}");
        assert!(incident_pdf(&sheet).unwrap().starts_with(b"%PDF"));
    }
}

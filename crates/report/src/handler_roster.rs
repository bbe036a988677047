//! The printable information-handler roster (情報取扱者名簿) and its 情報管理体制図: the people
//! who may handle personal data, in the annex's columns, and who reports to whom (the
//! 情報管理責任者, then the 情報取扱管理者, then the 業務従事者).

use serde::Serialize;
use tsudoi_core::handler::{roster_cells, HandlerDraft, HandlerRole, ROSTER_COLUMNS as COLUMNS};
use tsudoi_core::Lang;

use crate::typst_world::DocumentWorld;
use crate::ReportError;

const TEMPLATE: &str = include_str!("../templates/handler-roster.typ");

#[derive(Serialize)]
struct ChartPerson<'a> {
    role: &'static str,
    name: &'a str,
    department: &'a str,
}

#[derive(Serialize)]
struct RosterData<'a> {
    title: &'static str,
    disclosure: &'static str,
    lang: &'static str,
    printed: String,
    headers: Vec<&'static str>,
    widths: Vec<u32>,
    rows: Vec<Vec<String>>,
    chart_title: &'static str,
    chart: Vec<Vec<ChartPerson<'a>>>,
    chart_note: &'static str,
}

/// The roster as a PDF, every page headed 非公表用, with the chart of who reports to whom.
pub fn handler_roster_pdf(
    people: &[HandlerDraft],
    with_sensitive: bool,
    printed: &str,
    lang: Lang,
) -> Result<Vec<u8>, ReportError> {
    let columns: Vec<&(&str, &str, bool)> = COLUMNS.iter().filter(|c| with_sensitive || !c.2).collect();
    let widths = columns
        .iter()
        .map(|(ja, _, _)| match *ja {
            // Millimetres: with every column, 272 of the 273 an A4 landscape page has inside.
            "住所" => 40,
            "氏名" | "所属（会社）" => 34,
            "役割" => 30,
            "パスポート番号" => 28,
            "部署" => 26,
            "役職" | "生年月日" => 22,
            _ => 18,
        })
        .collect();
    let chart = HandlerRole::ALL
        .iter()
        .map(|role| {
            people
                .iter()
                .filter(|p| p.role == *role)
                .map(|p| ChartPerson {
                    role: role.label(lang),
                    name: &p.name,
                    department: &p.department,
                })
                .collect::<Vec<_>>()
        })
        .filter(|level| !level.is_empty())
        .collect();
    let data = RosterData {
        title: lang.pick("情報取扱者名簿", "Information handler roster (情報取扱者名簿)"),
        disclosure: lang.pick("非公表用", "Internal (非公表用)"),
        lang: lang.as_str(),
        printed: match lang {
            Lang::Ja => format!("印刷日 {printed}"),
            Lang::En => format!("Printed {printed}"),
        },
        headers: columns.iter().map(|(ja, en, _)| lang.pick(ja, en)).collect(),
        widths,
        rows: people.iter().map(|p| roster_cells(p, with_sensitive, lang)).collect(),
        chart_title: lang.pick("情報管理体制図", "Who reports to whom (情報管理体制図)"),
        chart,
        chart_note: lang.pick(
            "上から、情報管理責任者・情報取扱管理者・業務従事者。インシデントは上の方へ直ちに報告します。",
            "From the top: the security officer, the handling managers, the staff. Incidents are reported upwards at once.",
        ),
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(TEMPLATE, json)?.pdf()
}

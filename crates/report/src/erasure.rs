//! The erasure certificate (消去証明書): proof, for the bureau's officer, of what Tsudoi erased at
//! the end of the contract (or of one event's personal data), headed 非公表用 on every page. It
//! names files, sizes and hashes, never an attendee.

use serde::Serialize;
use tsudoi_core::Lang;

use crate::typst_world::DocumentWorld;
use crate::ReportError;

const ERASURE_TEMPLATE: &str = include_str!("../templates/erasure.typ");

/// One file on the certificate.
pub struct CertifiedFile<'a> {
    /// What it was (database, photo, export …), in the reader's language.
    pub kind: String,
    pub path: &'a str,
    pub size: Option<u64>,
    pub sha256: Option<&'a str>,
    /// What became of it (erased, not found …), in the reader's language.
    pub outcome: String,
}

/// The certificate's content.
pub struct ErasureSheet<'a> {
    pub lang: Lang,
    /// The facts at the top: scope, database, when, by whom, what was kept.
    pub facts: Vec<(String, String)>,
    pub files: Vec<CertifiedFile<'a>>,
    /// Copies Tsudoi could not reach, for a person to confirm by hand.
    pub by_hand: Vec<String>,
    /// The local date and time of the erasure.
    pub printed_on: String,
}

#[derive(Serialize)]
struct ErasureData {
    title: String,
    heading: String,
    disclosure: &'static str,
    lang: &'static str,
    printed: String,
    facts: Vec<(String, String)>,
    files_heading: String,
    file_columns: Vec<&'static str>,
    files: Vec<(String, String, String, String, String)>,
    by_hand_heading: String,
    by_hand: Vec<String>,
    nothing_by_hand: &'static str,
    checked_box: &'static str,
    confirmation_heading: &'static str,
    confirmation_text: &'static str,
    confirmation_date: &'static str,
    confirmation_name: &'static str,
}

fn erasure_world(sheet: &ErasureSheet<'_>) -> Result<DocumentWorld, ReportError> {
    let lang = sheet.lang;
    let data = ErasureData {
        title: lang
            .pick("消去証明書", "Erasure certificate (消去証明書)")
            .to_string(),
        heading: lang.pick("消去証明書", "Erasure certificate").to_string(),
        disclosure: lang.pick("非公表用", "Internal (非公表用)"),
        lang: lang.as_str(),
        printed: match lang {
            Lang::Ja => format!("作成 {}", sheet.printed_on),
            Lang::En => format!("Made {}", sheet.printed_on),
        },
        facts: sheet.facts.clone(),
        files_heading: match lang {
            Lang::Ja => format!("消去したファイル（{} 件）", sheet.files.len()),
            Lang::En => format!("Files erased ({})", sheet.files.len()),
        },
        file_columns: vec![
            lang.pick("種類", "Kind"),
            lang.pick("場所", "Where"),
            lang.pick("大きさ（バイト）", "Bytes"),
            lang.pick("消去前のSHA-256", "SHA-256 before erasure"),
            lang.pick("結果", "Outcome"),
        ],
        files: sheet
            .files
            .iter()
            .map(|f| {
                (
                    f.kind.clone(),
                    f.path.to_string(),
                    f.size.map(|n| n.to_string()).unwrap_or_else(|| "—".into()),
                    f.sha256.unwrap_or("—").to_string(),
                    f.outcome.clone(),
                )
            })
            .collect(),
        by_hand_heading: lang
            .pick("手作業で確認するもの", "To confirm by hand")
            .to_string(),
        by_hand: sheet.by_hand.clone(),
        nothing_by_hand: lang.pick("ありません。", "Nothing."),
        checked_box: lang.pick("□ 消去を確認", "□ erased"),
        confirmation_heading: lang.pick("委託元（経済産業局）の確認", "Confirmed by the bureau"),
        confirmation_text: lang.pick(
            "上記のとおり、委託業務で取り扱った情報が消去されたことを確認しました。",
            "I confirm that the information handled under the contract was erased as listed above.",
        ),
        confirmation_date: lang.pick("確認日：　　　年　　月　　日", "Date:"),
        confirmation_name: lang.pick("確認者（所属・氏名）：", "Name and section:"),
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(ERASURE_TEMPLATE, json)
}

/// The certificate as a PDF: A4 portrait, 非公表用 in every page's header.
pub fn erasure_pdf(sheet: &ErasureSheet<'_>) -> Result<Vec<u8>, ReportError> {
    erasure_world(sheet)?.pdf()
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
    fn every_page_is_marked_internal_and_each_file_is_listed() {
        let hash = "ab".repeat(32);
        let paths: Vec<String> = (0..80).map(|i| format!("/data/photos/ab/{i:03}.jpg")).collect();
        let sheet = ErasureSheet {
            lang: Lang::Ja,
            facts: vec![("範囲".into(), "全データ".into())],
            files: paths
                .iter()
                .map(|p| CertifiedFile {
                    kind: "写真".into(),
                    path: p,
                    size: Some(1234),
                    sha256: Some(&hash),
                    outcome: "消去".into(),
                })
                .collect(),
            by_hand: vec!["/media/usb/出欠_非公表用.xlsx".into()],
            printed_on: "2027-03-31 17:00".into(),
        };
        let document = erasure_world(&sheet).unwrap().layout().unwrap();
        assert!(document.pages().len() >= 2);
        let mut all = String::new();
        for page in document.pages() {
            let mut text = String::new();
            texts(&page.frame, &mut text);
            assert!(text.contains("非公表用"), "{text}");
            all.push_str(&text);
        }
        assert!(all.contains("079.jpg") && all.contains("出欠_非公表用.xlsx"));
        assert!(erasure_pdf(&sheet).unwrap().starts_with(b"%PDF"));
    }
}

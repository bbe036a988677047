//! The project report (事業報告書) as a document: the caller hands the sections it decided on
//! (for the public edition already without names, contacts and photos without consent), this
//! module lays them out as blocks (headings, paragraphs, tables, bar charts, photos), and the
//! same blocks become the PDF (typst: text layer, table of contents, page numbers, the shipped
//! fonts embedded, tagged as typst tags) and the DOCX (`crate::docx`). Every page and every
//! section's header carries 公表用 or 非公表用.

use serde::{Deserialize, Serialize};
use tsudoi_core::{Disclosure, Lang};

use crate::survey::SurveyReport;
use crate::typst_world::DocumentWorld;
use crate::ReportError;

const TEMPLATE: &str = include_str!("../templates/project-report.typ");

/// One bar of a chart: its label, its length in percent and the figure printed beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarRow {
    pub label: String,
    pub percent: f64,
    pub figure: String,
}

/// A piece of the report, in the order it is printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading {
        level: u8,
        text: String,
    },
    /// Body text as the organizer or the minutes wrote it.
    Paragraph {
        text: String,
    },
    /// A small line of explanation (a caption, a note on what was left out).
    Note {
        text: String,
    },
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A bar chart: the survey's, drawn as boxes so that its figures stay text.
    Bars {
        rows: Vec<BarRow>,
    },
    /// A photo: `path` names it in the document's files (`/photos/…`).
    Photo {
        path: String,
        caption: String,
    },
    PageBreak,
}

/// The report laid out: what heads it and its blocks, with the photos' bytes by path.
#[derive(Debug, Clone)]
pub struct ReportDocument {
    pub lang: Lang,
    pub disclosure: Disclosure,
    /// 事業報告書 — the project's title.
    pub title: String,
    pub subtitle: String,
    /// The cover's table: 事業名, 契約番号, 期間, 担当課, 受託者, 作成日.
    pub cover: Vec<(String, String)>,
    pub printed_on: String,
    pub blocks: Vec<Block>,
    pub photos: Vec<(String, Vec<u8>)>,
}

impl ReportDocument {
    /// The label as a page's or a section's header prints it.
    pub fn header(&self) -> &'static str {
        self.disclosure.header(self.lang)
    }

    /// Every text of the document, in order: what a reader of either format finds.
    pub fn texts(&self) -> Vec<&str> {
        let mut texts = vec![self.title.as_str(), self.subtitle.as_str()];
        for (a, b) in &self.cover {
            texts.push(a);
            texts.push(b);
        }
        for block in &self.blocks {
            match block {
                Block::Heading { text, .. } | Block::Paragraph { text } | Block::Note { text } => {
                    texts.push(text)
                }
                Block::Table { head, rows } => {
                    texts.extend(head.iter().map(String::as_str));
                    texts.extend(rows.iter().flatten().map(String::as_str));
                }
                Block::Bars { rows } => {
                    for r in rows {
                        texts.push(&r.label);
                        texts.push(&r.figure);
                    }
                }
                Block::Photo { caption, .. } => texts.push(caption),
                Block::PageBreak => {}
            }
        }
        texts
    }
}

#[derive(Serialize)]
struct Data<'a> {
    title: &'a str,
    subtitle: &'a str,
    disclosure: &'static str,
    lang: &'static str,
    printed: String,
    contents: &'static str,
    cover: &'a [(String, String)],
    blocks: &'a [Block],
}

/// The report as a PDF.
pub fn project_report_pdf(document: &ReportDocument) -> Result<Vec<u8>, ReportError> {
    let data = Data {
        title: &document.title,
        subtitle: &document.subtitle,
        disclosure: document.header(),
        lang: document.lang.as_str(),
        printed: match document.lang {
            Lang::Ja => format!("作成日 {}", document.printed_on),
            Lang::En => format!("Made {}", document.printed_on),
        },
        contents: document.lang.pick("目次", "Contents"),
        cover: &document.cover,
        blocks: &document.blocks,
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    let mut world = DocumentWorld::new(TEMPLATE, json)?;
    for (path, bytes) in &document.photos {
        world = world.with_file(path, bytes.clone())?;
    }
    world.pdf()
}

/// The survey's section of the report: the same figures, charts and cross-tabulations the
/// survey report draws (its data, read back), as blocks under `level`.
pub fn survey_blocks(report: &SurveyReport<'_>, level: u8) -> Result<Vec<Block>, ReportError> {
    #[derive(Deserialize)]
    struct Question {
        text: String,
        caption: String,
        bars: Vec<BarRow>,
        cross_head: Vec<String>,
        cross: Vec<Vec<String>>,
        texts: Vec<String>,
        withheld: String,
    }
    #[derive(Deserialize)]
    struct Survey {
        summary: Vec<(String, String)>,
        questions: Vec<Question>,
    }
    let value = serde_json::to_value(crate::survey::report_data(report))
        .map_err(|e| ReportError::Typst(e.to_string()))?;
    let survey: Survey = serde_json::from_value(value).map_err(|e| ReportError::Typst(e.to_string()))?;
    let lang = report.lang;
    let mut blocks = vec![Block::Table {
        head: vec![
            lang.pick("項目", "Item").to_string(),
            lang.pick("値", "Value").to_string(),
        ],
        rows: survey.summary.into_iter().map(|(a, b)| vec![a, b]).collect(),
    }];
    for (i, q) in survey.questions.into_iter().enumerate() {
        blocks.push(Block::Heading {
            level,
            text: format!("Q{} {}", i + 1, q.text),
        });
        blocks.push(Block::Note { text: q.caption });
        if !q.bars.is_empty() {
            blocks.push(Block::Bars { rows: q.bars });
        }
        if !q.cross.is_empty() {
            blocks.push(Block::Table {
                head: q.cross_head,
                rows: q.cross,
            });
        }
        for text in q.texts {
            blocks.push(Block::Paragraph {
                text: format!("・{text}"),
            });
        }
        if !q.withheld.is_empty() {
            blocks.push(Block::Note { text: q.withheld });
        }
    }
    Ok(blocks)
}

//! The survey's files: a Microsoft or Google Forms answers export read into rows (through the
//! same decoding and sheet reading as the registration import), and the results written as a
//! workbook (the raw answers on one sheet, the summary on another; no cell runs as a formula).

use chrono::NaiveDateTime;
use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};
use tsudoi_core::survey::{Answer, QuestionKind, Questionnaire, Response, SurveyResults};
use tsudoi_core::Lang;

use crate::export::{is_formula_like, ExportError};
use crate::sheet::Sheet;
use crate::{ImportError, Result};

/// The header and the answer rows of a Forms export, each row with its number in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRows {
    pub header: Vec<String>,
    /// (the row's number as a spreadsheet shows it, its cells, as many as the header).
    pub rows: Vec<(u32, Vec<String>)>,
}

/// Reads a Forms answers export: the first row with content is the header, blank rows are left
/// out, every row is cut or padded to the header's width.
pub fn read_answer_rows(sheet: &Sheet) -> Result<AnswerRows> {
    let mut rows = sheet.rows.iter().filter(|row| !row.is_blank());
    let header_row = rows.next().ok_or(ImportError::NoHeader)?;
    let header: Vec<String> = header_row
        .cells
        .iter()
        .map(|c| c.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    let width = header.len();
    let rows = rows
        .map(|row| {
            let mut cells = row.cells.clone();
            cells.resize(width, String::new());
            (row.number, cells)
        })
        .collect();
    Ok(AnswerRows { header, rows })
}

/// When an answer was sent, as the forms write it (`10/24/26 16:02:41`, `2026/10/24 16:02:41` …).
pub fn parse_submitted_at(cell: &str) -> Option<NaiveDateTime> {
    crate::when::parse_date_time(cell)
}

/// What a survey workbook holds.
pub struct SurveyWorkbook<'a> {
    pub lang: Lang,
    pub event_title: &'a str,
    pub questionnaire: &'a Questionnaire,
    /// The answers in the questionnaire's terms, with the version, source and sheet of each.
    pub responses: &'a [(String, Response)],
    pub results: &'a SurveyResults,
    /// 公表用 (true) or 非公表用.
    pub public: bool,
}

/// An answer as a cell's text.
pub fn answer_text(questionnaire: &Questionnaire, index: usize, answer: &Answer) -> String {
    let Some(question) = questionnaire.questions.get(index) else {
        return String::new();
    };
    match answer {
        Answer::Blank => String::new(),
        Answer::Choice(picked) => picked
            .iter()
            .filter_map(|i| question.choices.get(usize::from(*i)))
            .cloned()
            .collect::<Vec<_>>()
            .join(";"),
        Answer::Scale(point) => question.point_label(*point),
        Answer::Number(n) => n.to_string(),
        Answer::Text(text) => text.clone(),
    }
}

fn text_cell(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    text: &str,
    quoted: &Format,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        return Ok(());
    }
    if is_formula_like(text) {
        sheet.write_string_with_format(row, column, text, quoted)?;
    } else {
        sheet.write_string(row, column, text)?;
    }
    Ok(())
}

/// The results as a workbook: 回答 (one row per answer sheet, one column per question) and 集計
/// (per question: its counts and percentages, or its mean). Every page headed 公表用 or 非公表用.
/// A public workbook leaves the free texts out of the answers sheet.
pub fn survey_xlsx(book: &SurveyWorkbook<'_>) -> Result<Vec<u8>, ExportError> {
    let lang = book.lang;
    let edition = if book.public {
        lang.pick("公表用", "Public (公表用)")
    } else {
        lang.pick("非公表用", "Internal (非公表用)")
    };
    let mut workbook = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let quoted = Format::new().set_num_format("@").set_quote_prefix();
    let header_text = format!(
        "&L{}&C&\"-,Bold\"{}&R&P / &N",
        book.event_title.replace('&', "&&"),
        edition
    );

    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("回答", "Answers"))?;
    sheet.set_header(&header_text);
    let heads = [
        lang.pick("番号", "No."),
        lang.pick("回答票", "Sheet"),
        lang.pick("区分", "Category"),
        lang.pick("参加方法", "Mode"),
    ];
    for (c, head) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *head, &bold)?;
    }
    let first = heads.len() as u16;
    for (i, question) in book.questionnaire.questions.iter().enumerate() {
        let column = first + i as u16;
        text_cell(sheet, 0, column, &question.text, &quoted)?;
        sheet.set_column_width(column, 18.0)?;
    }
    for (r, (label, response)) in book.responses.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_number(row, 0, f64::from(row))?;
        text_cell(sheet, row, 1, label, &quoted)?;
        text_cell(
            sheet,
            row,
            2,
            response.category.map_or("", |c| c.label(lang)),
            &quoted,
        )?;
        text_cell(
            sheet,
            row,
            3,
            response.mode.map_or("", |m| m.label(lang)),
            &quoted,
        )?;
        for (i, answer) in response.answers.iter().enumerate() {
            let is_text = book
                .questionnaire
                .questions
                .get(i)
                .is_some_and(|q| q.kind == QuestionKind::FreeText);
            if book.public && is_text {
                continue;
            }
            match answer {
                Answer::Number(n) => {
                    sheet.write_number(row, first + i as u16, *n)?;
                }
                Answer::Scale(p) => {
                    sheet.write_number(row, first + i as u16, f64::from(*p))?;
                }
                other => {
                    let text = answer_text(book.questionnaire, i, other);
                    text_cell(sheet, row, first + i as u16, &text, &quoted)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, first)?;

    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("集計", "Summary"))?;
    sheet.set_header(&header_text);
    sheet.set_column_width(0, 40.0)?;
    sheet.set_column_width(1, 12.0)?;
    sheet.set_column_width(2, 12.0)?;
    let title = format!(
        "{}（{}：{}）",
        book.event_title,
        lang.pick("回答数", "Responses"),
        book.results.responses
    );
    text_cell(sheet, 0, 0, &title, &quoted)?;
    let mut row = 2u32;
    for question in &book.results.questions {
        text_cell(sheet, row, 0, &question.text, &quoted)?;
        sheet.write_string_with_format(row, 1, lang.pick("回答", "Answers"), &bold)?;
        sheet.write_number(row, 2, f64::from(question.answers))?;
        row += 1;
        for count in &question.distribution {
            text_cell(sheet, row, 0, &format!("  {}", count.choice), &quoted)?;
            sheet.write_number(row, 1, f64::from(count.n))?;
            sheet.write_number(row, 2, count.percent)?;
            row += 1;
        }
        if let Some(mean) = question.mean {
            sheet.write_string(row, 0, lang.pick("  平均", "  Mean"))?;
            sheet.write_number(row, 1, mean)?;
            row += 1;
        }
        if !book.public {
            for text in &question.texts {
                text_cell(sheet, row, 0, &format!("・{text}"), &quoted)?;
                row += 1;
            }
        }
        row += 1;
    }
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tsudoi_core::survey::{plan_forms, tabulate, Question};

    #[test]
    fn the_header_is_the_first_row_with_content_and_rows_take_its_width() {
        let sheet =
            Sheet::read("\u{feff}\nID,満足度,ご意見\n1,満足,\n,,\n2,不満,\"音声が\n途切れた\"\n".as_bytes())
                .unwrap();
        let rows = read_answer_rows(&sheet).unwrap();
        assert_eq!(rows.header, ["ID", "満足度", "ご意見"]);
        assert_eq!(rows.rows.len(), 2, "the blank row is left out");
        assert_eq!(rows.rows[0].1, ["1", "満足", ""]);
        assert_eq!(rows.rows[1].1[2], "音声が\n途切れた");
        assert_eq!(rows.rows[1].1.len(), 3);
        assert_eq!(
            parse_submitted_at("10/24/26 16:02:41")
                .map(|t| t.to_string())
                .as_deref(),
            Some("2026-10-24 16:02:41"),
            "Microsoft Forms' month/day/two-digit year"
        );
    }

    #[test]
    fn no_cell_of_the_workbook_runs_as_a_formula() {
        let header: Vec<String> = ["満足度", "ご意見"].iter().map(|s| s.to_string()).collect();
        let rows = vec![
            vec!["満足".to_string(), "=HYPERLINK(\"http://x\")".to_string()],
            vec!["不満".into(), "".into()],
        ];
        let plan = plan_forms(&header, &rows);
        let mut questionnaire = plan.questionnaire.clone();
        questionnaire.questions[1] = Question {
            text: "=1+1".into(),
            ..questionnaire.questions[1].clone()
        };
        let responses: Vec<(String, Response)> = rows
            .iter()
            .map(|row| {
                let answers = questionnaire
                    .questions
                    .iter()
                    .zip(row)
                    .map(|(q, c)| q.read(c).unwrap())
                    .collect();
                (
                    "Forms".to_string(),
                    Response {
                        answers,
                        ..Response::default()
                    },
                )
            })
            .collect();
        let plain: Vec<Response> = responses.iter().map(|(_, r)| r.clone()).collect();
        let results = tabulate(&questionnaire, &plain);
        let bytes = survey_xlsx(&SurveyWorkbook {
            lang: Lang::Ja,
            event_title: "=第2回",
            questionnaire: &questionnaire,
            responses: &responses,
            results: &results,
            public: false,
        })
        .unwrap();
        let sheet = Sheet::read(&bytes).unwrap();
        let cells: Vec<&String> = sheet.rows.iter().flat_map(|r| &r.cells).collect();
        assert!(
            cells.iter().any(|c| c.starts_with("=HYPERLINK")),
            "the text is kept as written"
        );
        // calamine reads formulas apart from values: a string cell is never one. The archive
        // has no <f> element at all.
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut file, &mut text).ok();
            assert!(!text.contains("<f>"), "{:?} holds a formula", file.name());
        }
    }
}

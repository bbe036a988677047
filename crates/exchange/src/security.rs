//! The half-year security measures report as an XLSX sheet (非公表用 in the printed header).

use rust_xlsxwriter::{Format, Workbook};
use tsudoi_core::security::MeasureLine;
use tsudoi_core::Lang;

use crate::export::ExportError;

/// One sheet: the measure, its status and what was done; every cell a string, so nothing typed
/// in a note can run as a formula.
pub fn security_report_xlsx(
    lines: &[MeasureLine],
    from: &str,
    to: &str,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.pick("セキュリティ対策", "Security measures"))?;
    sheet.set_header(format!(
        "&C&\"-,Bold\"{}",
        lang.pick("非公表用", "Internal (非公表用)")
    ));
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(
        0,
        0,
        match lang {
            Lang::Ja => format!("情報セキュリティ対策の実施状況（{from} 〜 {to}）"),
            Lang::En => format!("Security measures report ({from} to {to})"),
        },
        &bold,
    )?;
    let heads = [
        lang.pick("対策", "Measure"),
        lang.pick("状況", "Status"),
        lang.pick("実施内容・理由", "What was done, or why not"),
    ];
    for (column, head) in (0u16..).zip(heads) {
        sheet.write_string_with_format(2, column, head, &bold)?;
    }
    sheet.set_column_width(0, 44)?;
    sheet.set_column_width(1, 10)?;
    sheet.set_column_width(2, 60)?;
    for (row, line) in (3u32..).zip(lines) {
        sheet.write_string(row, 0, &line.item)?;
        sheet.write_string(row, 1, line.status.label(lang))?;
        sheet.write_string(row, 2, &line.note)?;
    }
    Ok(book.save_to_buffer()?)
}

//! The information-handler roster (情報取扱者名簿) as an XLSX sheet, in the annex's columns.

use rust_xlsxwriter::{Format, Workbook};
use tsudoi_core::handler::{roster_cells, HandlerDraft, ROSTER_COLUMNS};
use tsudoi_core::Lang;

use crate::export::ExportError;

/// The roster as one sheet: every cell a string (nothing a person typed can run as a formula),
/// 非公表用 in the printed page's header; the sensitive columns only when asked.
pub fn roster_xlsx(
    people: &[HandlerDraft],
    with_sensitive: bool,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.pick("情報取扱者名簿", "Handler roster"))?;
    sheet.set_header(format!(
        "&C&\"-,Bold\"{}",
        lang.pick("非公表用", "Internal (非公表用)")
    ));
    let bold = Format::new().set_bold();
    let headers = ROSTER_COLUMNS
        .iter()
        .filter(|c| with_sensitive || !c.2)
        .map(|(ja, en, _)| lang.pick(ja, en));
    for (column, head) in (0u16..).zip(headers) {
        sheet.write_string_with_format(0, column, head, &bold)?;
        sheet.set_column_width(column, 18)?;
    }
    for (row, person) in (1u32..).zip(people) {
        for (column, cell) in (0u16..).zip(roster_cells(person, with_sensitive, lang)) {
            sheet.write_string(row, column, cell)?;
        }
    }
    Ok(book.save_to_buffer()?)
}

//! The tax office's figures as files: the tax withheld by month of payment in the shape of the
//! 報酬・料金 lines of the payment slip (people, amount paid, tax, due date), and the yearly
//! payment-record data (支払調書: per payee per calendar year, the total paid and withheld, and
//! whether a record is needed). CSV (UTF-8 with BOM, no cell that runs as a formula) and XLSX
//! (amounts as numbers, text as strings with Excel's quote prefix when it looks like a formula).

use rust_xlsxwriter::{Format, FormatBorder, Workbook};
use tsudoi_core::money::payment::{PaymentRecordLine, TaxMonth};
use tsudoi_core::Lang;

use crate::export::{is_formula_like, ExportError, FormulaSafeCsv};

/// One cell of these files: text, or a whole number (yen, people).
enum Cell {
    Text(String),
    Number(i64),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => n.to_string(),
        }
    }
}

fn tax_month_headers(lang: Lang) -> Vec<&'static str> {
    vec![
        lang.pick("支払年月", "Month paid"),
        lang.pick("区分", "Kind"),
        lang.pick("人員", "People"),
        lang.pick("支払件数", "Payments"),
        lang.pick("支払金額", "Amount paid"),
        lang.pick("税額", "Tax"),
        lang.pick("納期限", "Due"),
    ]
}

fn tax_month_cells(month: &TaxMonth, lang: Lang) -> Vec<Cell> {
    vec![
        Cell::Text(format!("{:04}-{:02}", month.year, month.month)),
        Cell::Text(lang.pick("報酬・料金（講演料等）", "Fees (talks)").to_string()),
        Cell::Number(month.n_payees as i64),
        Cell::Number(month.n_payments as i64),
        Cell::Number(month.total_paid.0),
        Cell::Number(month.total_withheld.0),
        Cell::Text(month.due.to_string()),
    ]
}

fn record_headers(lang: Lang) -> Vec<&'static str> {
    vec![
        lang.pick("年", "Year"),
        lang.pick("受取人番号", "Payee no."),
        lang.pick("氏名・名称", "Name"),
        lang.pick("個人・法人", "Individual or company"),
        lang.pick("支払件数", "Payments"),
        lang.pick("支払金額", "Amount paid"),
        lang.pick("区分記載の消費税", "Consumption tax stated"),
        lang.pick("源泉徴収税額", "Tax withheld"),
        lang.pick("支払調書", "Payment record"),
    ]
}

fn record_cells(line: &PaymentRecordLine, lang: Lang) -> Vec<Cell> {
    vec![
        Cell::Number(i64::from(line.year)),
        Cell::Number(line.payee_id.0),
        Cell::Text(line.payee_name.clone()),
        Cell::Text(line.payee_kind.label(lang).to_string()),
        Cell::Number(line.n_payments as i64),
        Cell::Number(line.total_paid.0),
        Cell::Number(line.total_consumption_tax.0),
        Cell::Number(line.total_withheld.0),
        Cell::Text(
            if line.requires_record {
                lang.pick("要（5万円超）", "Needed (above ¥50,000)")
            } else {
                lang.pick("不要", "Not needed")
            }
            .to_string(),
        ),
    ]
}

fn csv(headers: Vec<&'static str>, rows: Vec<Vec<Cell>>) -> Result<Vec<u8>, ExportError> {
    let mut writer = FormulaSafeCsv::new();
    writer.record(headers)?;
    for row in rows {
        writer.record(row.iter().map(Cell::text))?;
    }
    writer.into_utf8_with_bom()
}

fn xlsx(
    sheet_name: &str,
    disclosure: Option<&str>,
    headers: Vec<&'static str>,
    widths: &[f64],
    rows: Vec<Vec<Cell>>,
) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border(FormatBorder::Thin);
    let text = Format::new().set_num_format("@");
    let quoted = Format::new().set_num_format("@").set_quote_prefix();
    let yen = Format::new().set_num_format("#,##0");
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name)?;
    if let Some(disclosure) = disclosure {
        sheet.set_header(format!("&C&\"-,Bold\"{disclosure}&R&P / &N"));
    }
    for (column, head) in (0u16..).zip(&headers) {
        sheet.write_string_with_format(0, column, *head, &header)?;
        sheet.set_column_width(column, widths.get(usize::from(column)).copied().unwrap_or(14.0))?;
    }
    for (row, cells) in (1u32..).zip(&rows) {
        for (column, cell) in (0u16..).zip(cells) {
            match cell {
                Cell::Text(value) if is_formula_like(value) => {
                    sheet.write_string_with_format(row, column, value, &quoted)?;
                }
                Cell::Text(value) => {
                    sheet.write_string_with_format(row, column, value, &text)?;
                }
                // Amounts and counts are numbers: a number never runs as a formula.
                Cell::Number(n) => {
                    sheet.write_number_with_format(row, column, *n as f64, &yen)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(book.save_to_buffer()?)
}

/// The tax withheld by month of payment as CSV.
pub fn tax_months_csv(months: &[TaxMonth], lang: Lang) -> Result<Vec<u8>, ExportError> {
    csv(
        tax_month_headers(lang),
        months.iter().map(|m| tax_month_cells(m, lang)).collect(),
    )
}

/// The tax withheld by month of payment as an XLSX sheet.
pub fn tax_months_xlsx(months: &[TaxMonth], lang: Lang) -> Result<Vec<u8>, ExportError> {
    xlsx(
        lang.pick("源泉所得税の納付", "Tax to pay over"),
        None,
        tax_month_headers(lang),
        &[12.0, 24.0, 8.0, 10.0, 14.0, 12.0, 12.0],
        months.iter().map(|m| tax_month_cells(m, lang)).collect(),
    )
}

/// The yearly payment-record data as CSV.
pub fn payment_records_csv(lines: &[PaymentRecordLine], lang: Lang) -> Result<Vec<u8>, ExportError> {
    csv(
        record_headers(lang),
        lines.iter().map(|l| record_cells(l, lang)).collect(),
    )
}

/// The yearly payment-record data as an XLSX sheet, 非公表用 in the printed page's header.
pub fn payment_records_xlsx(lines: &[PaymentRecordLine], lang: Lang) -> Result<Vec<u8>, ExportError> {
    xlsx(
        lang.pick("支払調書データ", "Payment records"),
        Some(lang.pick("非公表用", "Internal (非公表用)")),
        record_headers(lang),
        &[8.0, 10.0, 24.0, 12.0, 10.0, 14.0, 14.0, 14.0, 20.0],
        lines.iter().map(|l| record_cells(l, lang)).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tsudoi_core::money::payment::PayeeId;
    use tsudoi_core::money::withholding::PayeeKind;
    use tsudoi_core::money::Yen;

    fn line(name: &str, paid: i64, withheld: i64, requires_record: bool) -> PaymentRecordLine {
        PaymentRecordLine {
            year: 2026,
            payee_id: PayeeId(3),
            payee_name: name.into(),
            payee_kind: PayeeKind::Individual,
            n_payments: 2,
            total_paid: Yen(paid),
            total_consumption_tax: Yen(0),
            total_withheld: Yen(withheld),
            requires_record,
        }
    }

    #[test]
    fn the_payment_records_as_csv_run_no_formula() {
        let lines = [
            line("山田 太郎", 123_000, 12_558, true),
            line("=HYPERLINK(\"x\")", 50_000, 5_105, false),
        ];
        let text = String::from_utf8(payment_records_csv(&lines, Lang::Ja).unwrap()).unwrap();
        let rows: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(
            rows[0],
            "年,受取人番号,氏名・名称,個人・法人,支払件数,支払金額,区分記載の消費税,源泉徴収税額,支払調書"
        );
        assert_eq!(rows[1], "2026,3,山田 太郎,個人,2,123000,0,12558,要（5万円超）");
        assert!(
            rows[2].starts_with("2026,3,\"'=HYPERLINK"),
            "a name that looks like a formula is quoted: {}",
            rows[2]
        );
        assert!(payment_records_xlsx(&lines, Lang::Ja).unwrap().starts_with(b"PK"));
    }
}

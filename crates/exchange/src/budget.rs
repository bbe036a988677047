//! The budget's spreadsheets: the budget sheet in the contract's form (費目ごと、千円単位) and the
//! ledger (経費明細) with a receipts index for the on-site inspection. Every text cell is a string
//! cell (a formula-like one with Excel's quote prefix): nothing a person typed runs as a formula.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use tsudoi_core::money::budget::{Budget, CategoryGroup, ExpenseCategory, Project};
use tsudoi_core::money::ledger::Expense;
use tsudoi_core::money::Yen;
use tsudoi_core::{EventId, Lang};

use crate::export::{is_formula_like, ExportError};

/// Every printed page of the settlement's workbooks is headed 非公表用, numbered `n / N`.
fn internal_header(sheet: &mut Worksheet, lang: Lang) {
    sheet.set_header(format!(
        "&C&\"-,Bold\"{}&R&P / &N",
        tsudoi_core::document::Disclosure::Internal.header(lang)
    ));
}

/// A receipt file as the index lists it.
#[derive(Debug, Clone)]
pub struct ReceiptIndexEntry {
    pub sha256: String,
    pub voucher_id: i64,
    pub original_name: String,
    /// Where the file is kept, relative to the data folder (`receipts/ab/<sha256>.pdf`), or empty
    /// when the file is missing.
    pub stored_as: String,
}

/// Writes text as a string cell; a cell Excel would read as a formula gets the quote prefix.
fn text(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    value: &str,
    format: &Format,
) -> Result<(), ExportError> {
    if is_formula_like(value) {
        sheet.write_string_with_format(row, column, value, &format.clone().set_quote_prefix())?;
    } else {
        sheet.write_string_with_format(row, column, value, format)?;
    }
    Ok(())
}

/// Thousands of yen, fractions cut off (the form's unit): ¥1,234,999 → 1,234.
pub fn thousands(amount: Yen) -> i64 {
    amount.0.div_euclid(1_000)
}

fn group_roman(group: CategoryGroup, lang: Lang) -> &'static str {
    group.label(lang)
}

/// The budget sheet: 予算額 and 実績額 per category in thousands of yen, the parts I–IV, the
/// subtotal, the consumption tax and the total, then the subcontract ratio. One sheet, A4.
pub fn budget_sheet_xlsx(project: &Project, budget: &Budget, lang: Lang) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.pick("予算書", "Budget"))?;
    internal_header(sheet, lang);
    sheet.set_paper_size(9);
    let plain = Format::new().set_border(FormatBorder::Thin);
    let bold = Format::new().set_bold().set_border(FormatBorder::Thin);
    let number = Format::new()
        .set_num_format("#,##0")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Right);
    let bold_number = number.clone().set_bold();
    let title = Format::new().set_bold().set_font_size(14);

    let heading = if project.title.is_empty() {
        lang.pick("委託費 予算・実績（費目別）", "Budget and actuals by category")
            .to_string()
    } else {
        format!(
            "{} — {}",
            project.title,
            lang.pick("予算・実績（費目別）", "budget and actuals")
        )
    };
    text(sheet, 0, 0, &heading, &title)?;
    text(
        sheet,
        1,
        0,
        &format!(
            "{} {}　{} {}",
            lang.pick("契約番号", "Contract"),
            project.contract_number,
            lang.pick("受託者", "Contractor"),
            project.contractor
        ),
        &Format::new(),
    )?;
    text(
        sheet,
        1,
        4,
        lang.pick("（単位：千円）", "(thousands of yen)"),
        &Format::new(),
    )?;
    let headers = [
        lang.pick("区分", "Part"),
        lang.pick("費目", "Category"),
        lang.pick("予算額", "Plan"),
        lang.pick("実績額", "Actual"),
        lang.pick("差額", "Difference"),
    ];
    for (column, head) in (0u16..).zip(headers) {
        text(sheet, 3, column, head, &bold)?;
    }
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 22)?;
    for column in 2..5 {
        sheet.set_column_width(column, 14)?;
    }
    let plan_of = |category: ExpenseCategory| budget.plan.as_ref().map(|p| p.amount(category));
    let mut row = 4u32;
    for amount in &budget.actual.by_category {
        let category = amount.category;
        text(sheet, row, 0, group_roman(category.group(), lang), &plain)?;
        text(sheet, row, 1, category.label(lang), &plain)?;
        write_amounts(sheet, row, plan_of(category), amount.amount, &number)?;
        row += 1;
    }
    let plan = budget.plan.as_ref();
    let actual = &budget.actual;
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
        (lang.pick("合計", "Total"), plan.map(|p| p.total), actual.total),
    ];
    for (label, planned, amount) in totals {
        text(sheet, row, 0, label, &bold)?;
        text(sheet, row, 1, "", &bold)?;
        write_amounts(sheet, row, planned, amount, &bold_number)?;
        row += 1;
    }
    row += 1;
    text(
        sheet,
        row,
        0,
        lang.pick("上限額（税込）", "Cap (with tax)"),
        &plain,
    )?;
    sheet.write_number_with_format(row, 3, thousands(actual.cap) as f64, &number)?;
    row += 1;
    text(
        sheet,
        row,
        0,
        lang.pick("残額（税込）", "Remaining (with tax)"),
        &plain,
    )?;
    sheet.write_number_with_format(row, 3, thousands(actual.remaining) as f64, &number)?;
    row += 1;
    text(
        sheet,
        row,
        0,
        lang.pick("再委託費率（税込）", "Subcontract ratio (with tax)"),
        &plain,
    )?;
    text(
        sheet,
        row,
        3,
        &format!("{}%", actual.subcontract_ratio_percent),
        &plain.clone().set_align(FormatAlign::Right),
    )?;
    row += 2;
    text(
        sheet,
        row,
        0,
        lang.pick(
            "金額は千円未満を切り捨てて表示しています。計算は円単位で行っています。",
            "Amounts are shown in thousands of yen, fractions cut off; computed in yen.",
        ),
        &Format::new(),
    )?;
    Ok(book.save_to_buffer()?)
}

fn write_amounts(
    sheet: &mut Worksheet,
    row: u32,
    plan: Option<Yen>,
    actual: Yen,
    format: &Format,
) -> Result<(), ExportError> {
    match plan {
        Some(plan) => {
            sheet.write_number_with_format(row, 2, thousands(plan) as f64, format)?;
            sheet.write_number_with_format(row, 4, (thousands(plan) - thousands(actual)) as f64, format)?;
        }
        None => {
            sheet.write_string_with_format(row, 2, "", format)?;
            sheet.write_string_with_format(row, 4, "", format)?;
        }
    }
    sheet.write_number_with_format(row, 3, thousands(actual) as f64, format)?;
    Ok(())
}

/// The ledger (経費明細) as XLSX: one row per line in yen, corrections as their own rows, and a
/// second sheet indexing every receipt file by voucher for the inspection.
pub fn ledger_xlsx(
    lines: &[Expense],
    receipts: &[ReceiptIndexEntry],
    events: &[(EventId, String)],
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let plain = Format::new();
    let number = Format::new().set_num_format("#,##0");
    let event_title = |id: Option<EventId>| {
        id.and_then(|id| events.iter().find(|(e, _)| *e == id).map(|(_, t)| t.clone()))
            .unwrap_or_default()
    };
    {
        let sheet = book.add_worksheet();
        sheet.set_name(lang.pick("経費明細", "Ledger"))?;
        internal_header(sheet, lang);
        let headers = [
            lang.pick("番号", "No."),
            lang.pick("伝票", "Voucher"),
            lang.pick("日付", "Date"),
            lang.pick("費目", "Category"),
            lang.pick("支払先", "Payee"),
            lang.pick("内容", "Description"),
            lang.pick("金額（税抜）", "Amount (without tax)"),
            lang.pick("消費税", "Tax"),
            lang.pick("金額（税込）", "Amount (with tax)"),
            lang.pick("回", "Gathering"),
            lang.pick("支払方法", "Payment method"),
            lang.pick("訂正対象", "Corrects"),
            lang.pick("領収書", "Receipts"),
        ];
        for (column, head) in (0u16..).zip(headers) {
            text(sheet, 0, column, head, &bold)?;
        }
        for (column, width) in [6, 6, 11, 14, 22, 36, 14, 10, 14, 18, 14, 8, 8]
            .iter()
            .enumerate()
        {
            sheet.set_column_width(column as u16, *width)?;
        }
        for (row, line) in (1u32..).zip(lines) {
            sheet.write_number(row, 0, line.id.0 as f64)?;
            sheet.write_number(row, 1, line.voucher_id.0 as f64)?;
            text(sheet, row, 2, &line.date.to_string(), &plain)?;
            text(sheet, row, 3, line.category.label(lang), &plain)?;
            text(sheet, row, 4, &line.payee, &plain)?;
            text(sheet, row, 5, &line.description, &plain)?;
            sheet.write_number_with_format(row, 6, line.amount.0 as f64, &number)?;
            sheet.write_number_with_format(row, 7, line.tax.0 as f64, &number)?;
            let with_tax = line.amount.0.saturating_add(line.tax.0);
            sheet.write_number_with_format(row, 8, with_tax as f64, &number)?;
            text(sheet, row, 9, &event_title(line.event_id), &plain)?;
            text(sheet, row, 10, line.payment_method.label(lang), &plain)?;
            match line.corrects {
                Some(id) => sheet.write_number(row, 11, id.0 as f64)?,
                None => sheet.write_string(row, 11, "")?,
            };
            sheet.write_number(row, 12, line.receipts.len() as f64)?;
        }
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(lang.pick("領収書索引", "Receipts index"))?;
        internal_header(sheet, lang);
        let headers = [
            lang.pick("伝票", "Voucher"),
            lang.pick("日付", "Date"),
            lang.pick("支払先", "Payee"),
            lang.pick("内容", "Description"),
            lang.pick("金額（税込）", "Amount (with tax)"),
            lang.pick("元のファイル名", "Original file name"),
            lang.pick("保管場所", "Kept as"),
            "SHA-256",
        ];
        for (column, head) in (0u16..).zip(headers) {
            text(sheet, 0, column, head, &bold)?;
        }
        for (column, width) in [6, 11, 22, 36, 14, 28, 50, 66].iter().enumerate() {
            sheet.set_column_width(column as u16, *width)?;
        }
        for (row, receipt) in (1u32..).zip(receipts) {
            let voucher: Vec<&Expense> = lines
                .iter()
                .filter(|l| l.voucher_id.0 == receipt.voucher_id)
                .collect();
            let with_tax: i64 = voucher
                .iter()
                .map(|l| l.amount.0.saturating_add(l.tax.0))
                .fold(0i64, i64::saturating_add);
            sheet.write_number(row, 0, receipt.voucher_id as f64)?;
            if let Some(first) = voucher.first() {
                text(sheet, row, 1, &first.date.to_string(), &plain)?;
                text(sheet, row, 2, &first.payee, &plain)?;
                text(sheet, row, 3, &first.description, &plain)?;
            }
            sheet.write_number_with_format(row, 4, with_tax as f64, &number)?;
            text(sheet, row, 5, &receipt.original_name, &plain)?;
            let kept = if receipt.stored_as.is_empty() {
                lang.pick("（ファイルなし）", "(file missing)")
            } else {
                receipt.stored_as.as_str()
            };
            text(sheet, row, 6, kept, &plain)?;
            text(sheet, row, 7, &receipt.sha256, &plain)?;
        }
    }
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_cut_off() {
        assert_eq!(thousands(Yen(1_234_999)), 1_234);
        assert_eq!(thousands(Yen(999)), 0);
        assert_eq!(thousands(Yen(5_000_000)), 5_000);
        assert_eq!(thousands(Yen(-1)), -1, "an overrun stays visible");
    }
}

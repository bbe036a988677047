//! From a file to rows of text cells: CSV in any delimiter and encoding, or the first sheet of an
//! Excel workbook.

use std::io::Cursor;

use calamine::{Data, Reader};
use serde::Serialize;

use crate::decode::{decode_text, TextEncoding};
use crate::{ImportError, Result};

/// What kind of file a sheet came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileFormat {
    Csv {
        encoding: TextEncoding,
        delimiter: char,
    },
    /// An Excel (or OpenDocument) workbook; its first sheet with content.
    Spreadsheet,
}

/// A row of cells, numbered as a spreadsheet numbers it (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub number: u32,
    pub cells: Vec<String>,
}

impl SheetRow {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|cell| cell.trim().is_empty())
    }
}

/// Every row of a file, before anyone has said which is the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub format: FileFormat,
    pub rows: Vec<SheetRow>,
}

impl Sheet {
    /// Reads a CSV or spreadsheet file's bytes.
    pub fn read(bytes: &[u8]) -> Result<Sheet> {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            return read_spreadsheet(bytes);
        }
        let (text, encoding) = decode_text(bytes)?;
        read_csv(&text, encoding)
    }
}

fn read_csv(text: &str, encoding: TextEncoding) -> Result<Sheet> {
    let delimiter = sniff_delimiter(text);
    check_quotes_close(text, delimiter)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter as u8)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportError::Spreadsheet(e.to_string()))?;
        rows.push(SheetRow {
            number: index as u32 + 1,
            cells: record.iter().map(str::to_string).collect(),
        });
    }
    Ok(Sheet {
        format: FileFormat::Csv { encoding, delimiter },
        rows,
    })
}

/// Tab when the first lines have more tabs than commas (Teams, Excel's “Unicode text”), else
/// comma; semicolons for the rare European export.
fn sniff_delimiter(text: &str) -> char {
    let head: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
    let count = |c: char| head.matches(c).count();
    let (tabs, commas, semicolons) = (count('\t'), count(','), count(';'));
    if tabs > commas && tabs >= semicolons {
        '\t'
    } else if semicolons > commas * 2 {
        ';'
    } else {
        ','
    }
}

/// A well-formed CSV has its quotes in pairs (an escaped quote is two). An odd count means a
/// quoted field runs to the end of the file: the file was cut short, or it is not CSV.
fn check_quotes_close(text: &str, delimiter: char) -> Result<()> {
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut row = 1u32;
    let mut quote_row = 0u32;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quotes = false;
                }
            } else if c == '\n' {
                row += 1;
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                quote_row = row;
            }
            '\n' => {
                row += 1;
                at_field_start = true;
                continue;
            }
            c if c == delimiter => {
                at_field_start = true;
                continue;
            }
            _ => {}
        }
        at_field_start = false;
    }
    if in_quotes {
        return Err(ImportError::UnclosedQuote { row: quote_row });
    }
    Ok(())
}

fn read_spreadsheet(bytes: &[u8]) -> Result<Sheet> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ImportError::Spreadsheet(e.to_string()))?;
    let range = workbook
        .worksheets()
        .into_iter()
        .map(|(_, range)| range)
        .find(|range| !range.is_empty())
        .ok_or(ImportError::Empty)?;
    let first_row = range.start().map_or(0, |(row, _)| row);
    let first_column = range.start().map_or(0, |(_, column)| column) as usize;
    let rows = range
        .rows()
        .enumerate()
        .map(|(index, cells)| SheetRow {
            number: first_row + index as u32 + 1,
            cells: std::iter::repeat_n(String::new(), first_column)
                .chain(cells.iter().map(cell_text))
                .collect(),
        })
        .collect();
    Ok(Sheet {
        format: FileFormat::Spreadsheet,
        rows,
    })
}

/// A cell as the text a person sees: whole numbers without `.0`, dates as `YYYY-MM-DD HH:MM:SS`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(when) => {
            let (y, mo, d, h, mi, s, _) = when.to_ymd_hms_milli();
            format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_with_commas_quotes_and_line_breaks() {
        let text =
            "氏名,所属,備考\r\n\"大友, 慎吾\",\"株式会社\"\"大友\"\"\",\"一行目\r\n二行目\"\r\n熊谷 一,,\r\n";
        let sheet = read_csv(text, TextEncoding::Utf8).unwrap();
        assert_eq!(sheet.rows.len(), 3);
        assert_eq!(
            sheet.rows[1].cells,
            ["大友, 慎吾", "株式会社\"大友\"", "一行目\r\n二行目"]
        );
        assert_eq!(
            sheet.rows[2].number, 3,
            "a line break inside a field does not count as a row"
        );
    }

    #[test]
    fn a_file_cut_inside_a_quoted_field_is_refused() {
        let text = "氏名,備考\r\n大友,\"途中で切れ";
        assert_eq!(
            read_csv(text, TextEncoding::Utf8),
            Err(ImportError::UnclosedQuote { row: 2 })
        );
    }

    #[test]
    fn tabs_are_sniffed() {
        assert_eq!(sniff_delimiter("Name\tEmail\nA\tb@example.jp\n"), '\t');
        assert_eq!(sniff_delimiter("氏名,メール\n"), ',');
    }
}

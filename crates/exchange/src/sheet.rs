//! From a file to rows of text cells: CSV in any delimiter and encoding, or the first sheet of an
//! Excel workbook.

use std::io::Cursor;

use std::io::Read;

use calamine::{Data, DataRef, Reader, Xlsx};
use serde::Serialize;
use tsudoi_core::limits;

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
    /// An Excel workbook (`.xlsx`); its first sheet with content.
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
    ///
    /// A file beyond the limits of [`tsudoi_core::limits`] (its size, rows, columns, cells, the
    /// length of a cell, what an XLSX unpacks to) is refused whole, with the limit named, before
    /// it can take more memory than the limits allow.
    pub fn read(bytes: &[u8]) -> Result<Sheet> {
        if bytes.len() as u64 > limits::MAX_FILE_BYTES {
            return Err(ImportError::TooLarge {
                bytes: bytes.len() as u64,
                limit: limits::MAX_FILE_BYTES,
            });
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return read_workbook(bytes);
        }
        if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            // The old binary format (and a workbook with a password) lays out its cells in ways
            // that cannot be measured before they are read, so it is not read at all.
            return Err(ImportError::OldWorkbook);
        }
        let (text, encoding) = decode_text(bytes)?;
        read_csv(&text, encoding)
    }
}

fn read_csv(text: &str, encoding: TextEncoding) -> Result<Sheet> {
    let delimiter = sniff_delimiter(text);
    check_shape(text, delimiter)?;
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

/// Checks a CSV text in one pass before it is parsed: its quotes close (a well-formed CSV has its
/// quotes in pairs, an escaped quote is two; an odd count means a quoted field runs to the end of
/// the file: the file was cut short, or it is not CSV), and its rows, columns, cells and cell
/// lengths are within [`tsudoi_core::limits`], so that parsing cannot take more than they allow.
fn check_shape(text: &str, delimiter: char) -> Result<()> {
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut line = 1u32;
    let mut quote_line = 0u32;
    // Records (rows as the parser counts them, line breaks in quotes not counted), fields in the
    // current record, fields in all, characters in the current field.
    let (mut record, mut n_fields, mut n_cells, mut n_chars) = (1u32, 1u32, 1u64, 0usize);
    let mut chars = text.chars().peekable();
    let too_long = |record: u32, column: u32| ImportError::CellTooLong {
        row: record,
        column,
        limit: limits::MAX_CELL_CHARS,
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    n_chars += 1;
                } else {
                    in_quotes = false;
                }
            } else {
                n_chars += 1;
                if c == '\n' {
                    line += 1;
                }
            }
            if n_chars > limits::MAX_CELL_CHARS {
                return Err(too_long(record, n_fields));
            }
            continue;
        }
        // The cell's own characters: not its quotes, separators or line ends.
        if c != '\r' && c != '\n' && c != delimiter && !(c == '"' && at_field_start) {
            n_chars += 1;
            if n_chars > limits::MAX_CELL_CHARS {
                return Err(too_long(record, n_fields));
            }
        }
        let new_field = match c {
            '"' if at_field_start => {
                in_quotes = true;
                quote_line = line;
                false
            }
            // The line break that ends the file starts no new row.
            '\n' if chars.peek().is_none() => false,
            '\n' => {
                line += 1;
                record += 1;
                n_fields = 0;
                if record > limits::MAX_ROWS {
                    return Err(ImportError::TooManyRows {
                        limit: limits::MAX_ROWS,
                    });
                }
                true
            }
            c if c == delimiter => true,
            _ => false,
        };
        if new_field {
            n_fields += 1;
            n_cells += 1;
            n_chars = 0;
            if n_fields > limits::MAX_COLUMNS {
                return Err(ImportError::TooManyColumns {
                    row: record,
                    limit: limits::MAX_COLUMNS,
                });
            }
            if n_cells > limits::MAX_CELLS {
                return Err(ImportError::TooManyCells {
                    rows: record,
                    columns: n_fields,
                    limit: limits::MAX_CELLS,
                });
            }
            at_field_start = true;
            continue;
        }
        at_field_start = false;
    }
    if in_quotes {
        return Err(ImportError::UnclosedQuote { row: quote_line });
    }
    Ok(())
}

/// Reads the first sheet with content of an Excel workbook (`.xlsx`), within the limits of
/// [`tsudoi_core::limits`]: the zip is measured before anything is unpacked into memory, and the
/// cells are streamed and checked one by one, so that neither a zip bomb nor one cell far down
/// and to the right (which makes a dense table of millions of empty cells) costs more than the
/// limits allow.
fn read_workbook(bytes: &[u8]) -> Result<Sheet> {
    check_zip(bytes)?;
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| ImportError::Spreadsheet(e.to_string()))?;
    for name in workbook.sheet_names() {
        let cells = read_cells(&mut workbook, &name)?;
        if !cells.is_empty() {
            return lay_out(cells);
        }
    }
    Err(ImportError::Empty)
}

/// Checks every part of the zip before calamine reads any: the sizes the zip declares, then the
/// bytes each part really unpacks to (streamed, never held), since a declared size can lie.
fn check_zip(bytes: &[u8]) -> Result<()> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Spreadsheet(e.to_string()))?;
    let too_large = ImportError::XlsxTooLarge {
        limit: limits::MAX_XLSX_UNPACKED_BYTES,
    };
    let mut declared = 0u64;
    for index in 0..archive.len() {
        let part = archive
            .by_index_raw(index)
            .map_err(|e| ImportError::Spreadsheet(e.to_string()))?;
        declared = declared.saturating_add(part.size());
        if declared > limits::MAX_XLSX_UNPACKED_BYTES {
            return Err(too_large);
        }
        check_ratio(
            &part.name().unwrap_or_default(),
            part.size(),
            part.compressed_size(),
        )?;
    }
    let mut unpacked = 0u64;
    for index in 0..archive.len() {
        let mut part = archive
            .by_index(index)
            .map_err(|e| ImportError::Spreadsheet(e.to_string()))?;
        let (name, packed) = (
            part.name().unwrap_or_default().into_owned(),
            part.compressed_size(),
        );
        let budget = limits::MAX_XLSX_UNPACKED_BYTES - unpacked;
        let n = std::io::copy(&mut (&mut part).take(budget + 1), &mut std::io::sink())
            .map_err(|e| ImportError::Spreadsheet(e.to_string()))?;
        unpacked += n;
        if unpacked > limits::MAX_XLSX_UNPACKED_BYTES {
            return Err(too_large);
        }
        check_ratio(&name, n, packed)?;
    }
    Ok(())
}

fn check_ratio(part: &str, unpacked: u64, packed: u64) -> Result<()> {
    let ratio = unpacked / packed.max(1);
    if unpacked > limits::XLSX_RATIO_FROM_BYTES && ratio > limits::MAX_XLSX_RATIO {
        return Err(ImportError::XlsxCompression {
            part: part.to_string(),
            ratio,
            limit: limits::MAX_XLSX_RATIO,
        });
    }
    Ok(())
}

/// A cell with text, at its place (row and column from 0).
struct PlacedCell {
    row: u32,
    column: u32,
    text: String,
}

/// The cells of a sheet that hold something, refused as soon as one lies beyond the limits.
fn read_cells<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    name: &str,
) -> Result<Vec<PlacedCell>> {
    let mut reader = workbook
        .worksheet_cells_reader(name)
        .map_err(|e| ImportError::Spreadsheet(e.to_string()))?;
    // The sheet's declared size says early what the cells would say later.
    let declared = reader.dimensions();
    check_place(declared.end.0, declared.end.1)?;
    let mut cells = Vec::new();
    let mut n_text_bytes = 0u64;
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| ImportError::Spreadsheet(e.to_string()))?
    {
        let (row, column) = cell.get_position();
        let Some(text) = cell_ref_text(cell.get_value(), row, column)? else {
            continue;
        };
        check_place(row, column)?;
        n_text_bytes += text.len() as u64;
        if n_text_bytes > limits::MAX_SHEET_TEXT_BYTES {
            return Err(ImportError::TooMuchText {
                limit: limits::MAX_SHEET_TEXT_BYTES,
            });
        }
        cells.push(PlacedCell { row, column, text });
    }
    Ok(cells)
}

/// A cell at (row, column), from 0, within the most rows and columns a sheet may have.
fn check_place(row: u32, column: u32) -> Result<()> {
    if row >= limits::MAX_ROWS {
        return Err(ImportError::TooManyRows {
            limit: limits::MAX_ROWS,
        });
    }
    if column >= limits::MAX_COLUMNS {
        return Err(ImportError::TooManyColumns {
            row: row + 1,
            limit: limits::MAX_COLUMNS,
        });
    }
    Ok(())
}

/// The rows from the first with a cell to the last, each as wide as the widest (cells keep
/// their column: column A is the first cell of every row), within the most cells a sheet may
/// hold.
fn lay_out(cells: Vec<PlacedCell>) -> Result<Sheet> {
    let first_row = cells.iter().map(|c| c.row).min().unwrap_or(0);
    let last_row = cells.iter().map(|c| c.row).max().unwrap_or(0);
    let width = cells.iter().map(|c| c.column).max().unwrap_or(0) + 1;
    let height = last_row - first_row + 1;
    if u64::from(height) * u64::from(width) > limits::MAX_CELLS {
        return Err(ImportError::TooManyCells {
            rows: height,
            columns: width,
            limit: limits::MAX_CELLS,
        });
    }
    let mut rows: Vec<SheetRow> = (first_row..=last_row)
        .map(|row| SheetRow {
            number: row + 1,
            cells: vec![String::new(); width as usize],
        })
        .collect();
    for cell in cells {
        rows[(cell.row - first_row) as usize].cells[cell.column as usize] = cell.text;
    }
    Ok(Sheet {
        format: FileFormat::Spreadsheet,
        rows,
    })
}

/// A streamed cell as text (`None` when it holds nothing), refused when longer than a cell may
/// be. A shared string is measured before it is copied.
fn cell_ref_text(cell: &DataRef<'_>, row: u32, column: u32) -> Result<Option<String>> {
    let text = match cell {
        DataRef::SharedString(text) => {
            check_cell_length(text, row + 1, column + 1)?;
            text.to_string()
        }
        DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
            check_cell_length(text, row + 1, column + 1)?;
            text.clone()
        }
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::Int(n) => cell_text(&Data::Int(*n)),
        DataRef::Float(f) => cell_text(&Data::Float(*f)),
        DataRef::Bool(b) => cell_text(&Data::Bool(*b)),
        DataRef::DateTime(when) => cell_text(&Data::DateTime(*when)),
    };
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// A cell within Excel's own limit; `row` and `column` from 1.
fn check_cell_length(text: &str, row: u32, column: u32) -> Result<()> {
    // Bytes first: a text of at most the limit in bytes has at most the limit in characters.
    if text.len() > limits::MAX_CELL_CHARS && text.chars().count() > limits::MAX_CELL_CHARS {
        return Err(ImportError::CellTooLong {
            row,
            column,
            limit: limits::MAX_CELL_CHARS,
        });
    }
    Ok(())
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

    /// Exactly the row limit fits, whether or not the file ends with a line break; one more row
    /// does not.
    #[test]
    fn the_row_limit_counts_rows_not_the_final_line_break() {
        let rows = limits::MAX_ROWS as usize;
        assert!(
            check_shape(&"a\r\n".repeat(rows), ',').is_ok(),
            "ending with CRLF"
        );
        assert!(check_shape(&"a\n".repeat(rows), ',').is_ok(), "ending with LF");
        assert!(
            check_shape(&("a\n".repeat(rows - 1) + "a"), ',').is_ok(),
            "no final line break"
        );
        assert!(matches!(
            check_shape(&"a\n".repeat(rows + 1), ','),
            Err(ImportError::TooManyRows { .. })
        ));
    }

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

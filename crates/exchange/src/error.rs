//! Why a file could not be read, and what the person can do about it.

use tsudoi_core::{Lang, Localized};

/// A file Tsudoi cannot read. Nothing is imported when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not text or a spreadsheet (binary content)")]
    NotText,
    #[error("the text is in no encoding Tsudoi knows (UTF-8, CP932/Shift_JIS, UTF-16)")]
    UnknownEncoding,
    #[error("the file says it is {encoding} but is damaged or cut short")]
    BrokenText { encoding: &'static str },
    #[error("a quoted field starting on row {row} is never closed: the file may be cut short")]
    UnclosedQuote { row: u32 },
    #[error("row {row} has {found} columns where the header has {expected}")]
    RaggedRow { row: u32, found: usize, expected: usize },
    #[error("the spreadsheet cannot be read: {0}")]
    Spreadsheet(String),
    #[error("no header row with column names was found")]
    NoHeader,
    #[error("no column is chosen as the name")]
    NoNameColumn,
    #[error("no list of participants was found in the attendance report")]
    NoParticipants,
    #[error("the column mapping names {found} columns but the file has {expected}")]
    MappingMismatch { found: usize, expected: usize },
    #[error("the file is {bytes} bytes; at most {limit} are read")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("the sheet has more than {limit} rows")]
    TooManyRows { limit: u32 },
    #[error("row {row} has more than {limit} columns")]
    TooManyColumns { row: u32, limit: u32 },
    #[error("the sheet spans {rows} rows by {columns} columns, more than {limit} cells")]
    TooManyCells { rows: u32, columns: u32, limit: u64 },
    #[error("the cell in row {row}, column {column} is longer than {limit} characters")]
    CellTooLong { row: u32, column: u32, limit: usize },
    #[error("the cells hold more than {limit} bytes of text")]
    TooMuchText { limit: u64 },
    #[error("the workbook unpacks to more than {limit} bytes")]
    XlsxTooLarge { limit: u64 },
    #[error("the part {part} of the workbook is packed {ratio} times (at most {limit})")]
    XlsxCompression { part: String, ratio: u64, limit: u64 },
    #[error("an old-format (.xls) or password-protected workbook cannot be read")]
    OldWorkbook,
}

/// Bytes as people read them: `64 MB`, `200 MB`.
fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1024 * 1024))
}

/// A column as a spreadsheet names it, from 1: 1 → `A`, 27 → `AA`.
pub(crate) fn column_letters(column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl Localized for ImportError {
    fn code(&self) -> &'static str {
        match self {
            ImportError::Empty => "import.empty",
            ImportError::NotText => "import.not_text",
            ImportError::UnknownEncoding => "import.unknown_encoding",
            ImportError::BrokenText { .. } => "import.broken_text",
            ImportError::UnclosedQuote { .. } => "import.unclosed_quote",
            ImportError::RaggedRow { .. } => "import.ragged_row",
            ImportError::Spreadsheet(_) => "import.spreadsheet",
            ImportError::NoHeader => "import.no_header",
            ImportError::NoNameColumn => "import.no_name_column",
            ImportError::NoParticipants => "import.no_participants",
            ImportError::MappingMismatch { .. } => "import.mapping_mismatch",
            ImportError::TooLarge { .. } => "import.too_large",
            ImportError::TooManyRows { .. } => "import.too_many_rows",
            ImportError::TooManyColumns { .. } => "import.too_many_columns",
            ImportError::TooManyCells { .. } => "import.too_many_cells",
            ImportError::CellTooLong { .. } => "import.cell_too_long",
            ImportError::TooMuchText { .. } => "import.too_much_text",
            ImportError::XlsxTooLarge { .. } => "import.xlsx_too_large",
            ImportError::XlsxCompression { .. } => "import.xlsx_compression",
            ImportError::OldWorkbook => "import.old_workbook",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let nothing = lang.pick("何も取り込んでいません。", "Nothing was imported. ");
        let what = match (self, lang) {
            (ImportError::Empty, Lang::Ja) => "ファイルが空です。書き出し直したファイルを選んでください。".to_string(),
            (ImportError::Empty, Lang::En) => "The file is empty. Export it again and choose the new file.".to_string(),
            (ImportError::NotText, Lang::Ja) => "CSV や Excel のファイルではないようです（文字でないデータを含みます）。フォームの「CSV に書き出し」や Excel の「名前を付けて保存 → CSV」で作ったファイルを選んでください。".to_string(),
            (ImportError::NotText, Lang::En) => "This does not look like a CSV or Excel file (it contains binary data). Choose a file made with the form's CSV export or Excel's Save As → CSV.".to_string(),
            (ImportError::UnknownEncoding, Lang::Ja) => "文字コードを判別できません（UTF-8、Shift_JIS/CP932、UTF-16 のどれでもありません）。Excel で開き、「CSV UTF-8」で保存し直してください。".to_string(),
            (ImportError::UnknownEncoding, Lang::En) => "The text encoding is none of UTF-8, Shift_JIS/CP932 or UTF-16. Open the file in Excel and save it again as “CSV UTF-8”.".to_string(),
            (ImportError::BrokenText { encoding }, Lang::Ja) => format!("{encoding} のファイルですが、途中で壊れているか切れています。元のファイルをもう一度書き出してください。"),
            (ImportError::BrokenText { encoding }, Lang::En) => format!("The file is {encoding} but damaged or cut short. Export the original again."),
            (ImportError::UnclosedQuote { row }, Lang::Ja) => format!("{row} 行目で始まる「\"」で囲まれた欄が閉じていません。ファイルが途中で切れている可能性があります。元のファイルをもう一度書き出してください。"),
            (ImportError::UnclosedQuote { row }, Lang::En) => format!("A quoted field starting on row {row} is never closed; the file may be cut short. Export the original again."),
            (ImportError::RaggedRow { row, found, expected }, Lang::Ja) => format!("{row} 行目の列の数（{found}）が見出し（{expected}）と合いません。ファイルが途中で切れているか、区切り文字が違います。Excel で開いて確かめてください。"),
            (ImportError::RaggedRow { row, found, expected }, Lang::En) => format!("Row {row} has {found} columns where the header has {expected}: the file is cut short or uses another separator. Check it in Excel."),
            (ImportError::Spreadsheet(detail), Lang::Ja) => format!("Excel ファイルを読めません（{detail}）。Excel で開けるか確かめ、「CSV UTF-8」で保存し直して取り込んでください。"),
            (ImportError::Spreadsheet(detail), Lang::En) => format!("The spreadsheet cannot be read ({detail}). Check that Excel opens it, or save it as “CSV UTF-8” and import that."),
            (ImportError::NoHeader, Lang::Ja) => "列の見出し（氏名、メールアドレスなど）の行が見つかりません。1 行目に見出しがあるか確かめてください。".to_string(),
            (ImportError::NoHeader, Lang::En) => "No header row (name, email …) was found. Check that the first row names the columns.".to_string(),
            (ImportError::NoNameColumn, Lang::Ja) => "氏名の列が決まっていません。列の対応で「氏名」を選んでください（コマンドでは --map '見出し=name'）。".to_string(),
            (ImportError::NoNameColumn, Lang::En) => "No column is chosen as the name. Choose “Name” in the column mapping (on the command line: --map 'Header=name').".to_string(),
            (ImportError::NoParticipants, Lang::Ja) => "出席レポートに参加者の一覧（名前・メールの列）が見つかりません。Teams の「出席レポートをダウンロード」や Zoom の参加者レポートのファイルを選んでください。".to_string(),
            (ImportError::NoParticipants, Lang::En) => "No list of participants (name and email columns) was found. Choose the file from Teams' “Download attendance report” or Zoom's participants report.".to_string(),
            (ImportError::MappingMismatch { found, expected }, Lang::Ja) => format!("列の対応が {found} 列分ですが、ファイルは {expected} 列です。プレビューを開き直してください。"),
            (ImportError::MappingMismatch { found, expected }, Lang::En) => format!("The mapping covers {found} columns but the file has {expected}. Open the preview again."),
            (ImportError::TooLarge { bytes, limit }, Lang::Ja) => format!("ファイルが大きすぎます（{}。読み込めるのは {} まで）。参加者の一覧だけを書き出すか、ファイルを分けて取り込んでください。", megabytes(*bytes), megabytes(*limit)),
            (ImportError::TooLarge { bytes, limit }, Lang::En) => format!("The file is too large ({}; at most {} is read). Export only the list of participants, or split the file and import each part.", megabytes(*bytes), megabytes(*limit)),
            (ImportError::TooManyRows { limit }, Lang::Ja) => format!("行が多すぎます（読み込めるのは {limit} 行まで）。使われていない行が下の方にないか Excel で確かめ（Ctrl+End で最後のセルに移ります）、消すか、ファイルを分けてください。"),
            (ImportError::TooManyRows { limit }, Lang::En) => format!("The sheet has too many rows (at most {limit} are read). Check in Excel for a stray cell far down (Ctrl+End goes to the last cell) and delete it, or split the file."),
            (ImportError::TooManyColumns { row, limit }, Lang::Ja) => format!("{row} 行目の列が多すぎます（読み込めるのは {limit} 列まで）。右の方に使われていないセルがないか Excel で確かめ（Ctrl+End）、消してください。"),
            (ImportError::TooManyColumns { row, limit }, Lang::En) => format!("Row {row} has too many columns (at most {limit} are read). Check in Excel for a stray cell far to the right (Ctrl+End) and delete it."),
            (ImportError::TooManyCells { rows, columns, limit }, Lang::Ja) => format!("表が大きすぎます（{rows} 行 × {columns} 列。読み込めるのは {limit} セルまで）。離れたところに使われていないセルがないか Excel で確かめ（Ctrl+End）、消すか、ファイルを分けてください。"),
            (ImportError::TooManyCells { rows, columns, limit }, Lang::En) => format!("The sheet is too large ({rows} rows × {columns} columns; at most {limit} cells are read). Check in Excel for a stray cell far away (Ctrl+End) and delete it, or split the file."),
            (ImportError::CellTooLong { row, column, limit }, Lang::Ja) => format!("セル {}{row} が長すぎます（1 つのセルは {limit} 文字まで）。その欄を短くしてから取り込んでください。", column_letters(*column)),
            (ImportError::CellTooLong { row, column, limit }, Lang::En) => format!("Cell {}{row} is too long (a cell holds at most {limit} characters). Shorten it, then import again.", column_letters(*column)),
            (ImportError::TooMuchText { limit }, Lang::Ja) => format!("セルの文字の合計が多すぎます（読み込めるのは {} まで）。参加者の一覧だけを書き出すか、ファイルを分けてください。", megabytes(*limit)),
            (ImportError::TooMuchText { limit }, Lang::En) => format!("The cells hold too much text (at most {} is read). Export only the list of participants, or split the file.", megabytes(*limit)),
            (ImportError::XlsxTooLarge { limit }, Lang::Ja) => format!("Excel ファイルの中身が大きすぎます（展開すると {} を超えます）。参加者の一覧だけのシートにするか、「CSV UTF-8」で保存し直して取り込んでください。", megabytes(*limit)),
            (ImportError::XlsxTooLarge { limit }, Lang::En) => format!("The workbook is too large once unpacked (more than {}). Keep only the sheet of participants, or save it as “CSV UTF-8” and import that.", megabytes(*limit)),
            (ImportError::XlsxCompression { part, ratio, limit }, Lang::Ja) => format!("Excel ファイルの一部（{part}）が通常ではありえないほど圧縮されています（{ratio} 倍。読み込めるのは {limit} 倍まで）。壊れたファイルか、悪意のあるファイルの可能性があります。元のファイルを Excel で開き、「CSV UTF-8」で保存し直して取り込んでください。"),
            (ImportError::XlsxCompression { part, ratio, limit }, Lang::En) => format!("A part of the workbook ({part}) is packed far more than real workbooks are ({ratio} times; at most {limit}). The file may be damaged or hostile. Open the original in Excel, save it as “CSV UTF-8” and import that."),
            (ImportError::OldWorkbook, Lang::Ja) => "古い形式（.xls）か、パスワード付きの Excel ファイルは読めません。Excel で開き、パスワードを外して「Excel ブック（.xlsx）」か「CSV UTF-8」で保存し直してください。".to_string(),
            (ImportError::OldWorkbook, Lang::En) => "An old-format (.xls) or password-protected workbook cannot be read. Open it in Excel, remove the password, and save it as an Excel workbook (.xlsx) or “CSV UTF-8”.".to_string(),
        };
        format!("{nothing}{what}")
    }
}

//! From the rows of a registration file to registrations: the header found, each row read
//! through the mapping, and the rows that cannot be imported listed with why.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tsudoi_core::registration::{
    category_from_word, consent_from_word, email_from_cell, mode_from_word, IncomingRegistration, RowWarning,
    SkipReason, SkippedRow, WarningKind,
};
use tsudoi_core::text::{is_plausible_email, normalize_display};
use tsudoi_core::{Category, Lang, Localized};

use crate::mapping::{header_signature, ColumnMapping, Field};
use crate::sheet::{FileFormat, Sheet, SheetRow};
use crate::when::parse_date_time;
use crate::{ImportError, Result};

/// The category a person chose for a word no rule knows (`学生` → other), keyed by the word as
/// written in the file.
pub type CategoryChoices = HashMap<String, Category>;

/// A category word of the file that no rule and no choice maps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnmatchedCategory {
    pub word: String,
    /// The rows that use it.
    pub rows: Vec<u32>,
}

/// A registration file, read.
#[derive(Debug, Clone)]
pub struct RegistrationFile {
    pub format: FileFormat,
    /// The row that names the columns.
    pub header_row: u32,
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    /// The key a mapping is remembered by for files with the same headers.
    pub signature: String,
    /// The first data rows as they are in the file, for the preview.
    pub sample: Vec<Vec<String>>,
    /// Data rows below the header, blank ones not counted.
    pub n_rows: u32,
    pub registrations: Vec<IncomingRegistration>,
    pub skipped: Vec<SkippedRow>,
    pub warnings: Vec<RowWarning>,
    /// Imported as `other` until someone decides.
    pub unmatched_categories: Vec<UnmatchedCategory>,
}

/// Looks up the mapping remembered for a header signature.
pub type RememberedMapping<'a> = dyn Fn(&str) -> Option<ColumnMapping> + 'a;

/// How the header is found and the columns read.
#[derive(Clone, Default)]
pub struct ReadOptions<'a> {
    /// The person's mapping; otherwise a remembered one (see `remembered`) or the guess.
    pub mapping: Option<ColumnMapping>,
    /// Looks up a mapping remembered for a header signature.
    pub remembered: Option<&'a RememberedMapping<'a>>,
    /// Header → field changes on top of the mapping (the CLI's `--map`).
    pub overrides: Vec<(String, Option<Field>)>,
    pub category_choices: CategoryChoices,
}

const SAMPLE_ROWS: usize = 5;

/// Reads the registrations of a sheet. The header is the first row (of the first 30) that names
/// at least two known columns; rows above it (a title, a date) are ignored.
pub fn read_registrations(sheet: &Sheet, options: &ReadOptions<'_>, lang: Lang) -> Result<RegistrationFile> {
    let header_index = sheet
        .rows
        .iter()
        .take(30)
        .position(|row| ColumnMapping::n_guessable(&row.cells) >= 2)
        .or_else(|| {
            // A file whose headers no rule knows: its first non-blank row, for the person to map.
            options
                .mapping
                .as_ref()
                .and(sheet.rows.iter().position(|row| !row.is_blank()))
        })
        .ok_or(ImportError::NoHeader)?;
    let header = &sheet.rows[header_index];
    let headers: Vec<String> = header.cells.iter().map(|h| h.trim().to_string()).collect();
    let signature = header_signature(&headers);
    let mut mapping = options
        .mapping
        .clone()
        .or_else(|| options.remembered.and_then(|lookup| lookup(&signature)))
        .filter(|m| m.0.len() == headers.len())
        .unwrap_or_else(|| ColumnMapping::guess(&headers));
    if let Some(given) = &options.mapping {
        if given.0.len() != headers.len() {
            return Err(ImportError::MappingMismatch {
                found: given.0.len(),
                expected: headers.len(),
            });
        }
    }
    for (header, field) in &options.overrides {
        if !mapping.assign(&headers, header, *field) {
            return Err(ImportError::NoHeader);
        }
    }

    let data: Vec<&SheetRow> = sheet.rows[header_index + 1..]
        .iter()
        .filter(|r| !r.is_blank())
        .collect();
    let mut file = RegistrationFile {
        format: sheet.format,
        header_row: header.number,
        sample: data.iter().take(SAMPLE_ROWS).map(|r| r.cells.clone()).collect(),
        n_rows: data.len() as u32,
        headers,
        signature,
        mapping,
        registrations: Vec::new(),
        skipped: Vec::new(),
        warnings: Vec::new(),
        unmatched_categories: Vec::new(),
    };
    if !file.mapping.has_name() {
        return Err(ImportError::NoNameColumn);
    }
    let mut unmatched: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for row in data {
        if row.cells.len() > file.headers.len()
            && row.cells[file.headers.len()..]
                .iter()
                .any(|c| !c.trim().is_empty())
            || row.cells.len() < file.headers.len() && matches!(sheet.format, FileFormat::Csv { .. })
        {
            return Err(ImportError::RaggedRow {
                row: row.number,
                found: row.cells.len(),
                expected: file.headers.len(),
            });
        }
        match read_row(
            row,
            &file.mapping,
            &options.category_choices,
            lang,
            &mut file.warnings,
            &mut unmatched,
        ) {
            Ok(registration) => file.registrations.push(registration),
            Err((code, reason)) => file.skipped.push(SkippedRow {
                row: row.number,
                code,
                reason,
            }),
        }
    }
    file.unmatched_categories = unmatched
        .into_iter()
        .map(|(word, rows)| UnmatchedCategory { word, rows })
        .collect();
    Ok(file)
}

fn read_row(
    row: &SheetRow,
    mapping: &ColumnMapping,
    choices: &CategoryChoices,
    lang: Lang,
    warnings: &mut Vec<RowWarning>,
    unmatched: &mut BTreeMap<String, Vec<u32>>,
) -> Result<IncomingRegistration, (SkipReason, String)> {
    let skip = |reason: SkipReason| (reason, reason.message(lang).to_string());
    let cell = |field: Field| -> Option<&str> {
        mapping
            .column_of(field)
            .and_then(|column| row.cells.get(column))
            .map(|text| text.trim())
    };
    let text = |field: Field| cell(field).filter(|t| !t.is_empty()).map(str::to_string);
    let joined = |whole: Field, family: Field, given: Field| -> Option<String> {
        text(whole).or_else(|| {
            let parts: Vec<String> = [text(family), text(given)].into_iter().flatten().collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        })
    };
    // Kept apart until the row is known to be imported: a row left out has no warnings.
    let mut row_warnings = Vec::new();
    let mut warn = |kind: WarningKind| row_warnings.push(RowWarning::new(row.number, kind, lang));
    let mut unknown_word = None;

    let name = joined(Field::Name, Field::FamilyName, Field::GivenName).map(|n| normalize_display(&n));
    let Some(name) = name.filter(|n| !n.is_empty()) else {
        return Err(skip(SkipReason::NoName));
    };
    let consent = match mapping.column_of(Field::Consent) {
        None => None,
        Some(_) => {
            let answer = cell(Field::Consent).unwrap_or_default();
            match consent_from_word(answer) {
                Some(true) => Some(true),
                Some(false) | None => return Err(skip(SkipReason::NoConsent)),
            }
        }
    };
    let mut notes = Vec::new();
    let email = text(Field::Email).and_then(|e| email_from_cell(&e));
    let email = match email {
        Some(email) if !is_plausible_email(&email) => {
            warn(WarningKind::BadEmail { value: email.clone() });
            notes.push(email);
            None
        }
        other => other,
    };
    let category = text(Field::Category).map(|word| {
        choices
            .get(&word)
            .copied()
            .or_else(|| category_from_word(&word))
            .unwrap_or_else(|| {
                unknown_word = Some(word);
                Category::Other
            })
    });
    let mode = text(Field::Mode).and_then(|word| {
        let mode = mode_from_word(&word);
        if mode.is_none() {
            warn(WarningKind::UnknownMode { value: word });
        }
        mode
    });
    let answered_at = text(Field::AnsweredAt).and_then(|value| {
        let when = parse_date_time(&value);
        if when.is_none() {
            warn(WarningKind::BadAnswerTime { value });
        }
        when
    });
    let phone = text(Field::Phone).map(|phone| restore_leading_zero(&phone));
    let registration = IncomingRegistration {
        row: row.number,
        answered_at,
        name,
        kana: joined(Field::Kana, Field::FamilyKana, Field::GivenKana),
        organization: text(Field::Organization),
        title: text(Field::Title),
        email,
        phone,
        category,
        mode,
        consent,
        notes: (!notes.is_empty()).then(|| {
            format!(
                "{}: {}",
                lang.pick("メール（要確認）", "Email (to check)"),
                notes.join(" ")
            )
        }),
    };
    if let Err(error) = registration.check_lengths() {
        return Err((SkipReason::TooLong, error.message(lang)));
    }
    warnings.append(&mut row_warnings);
    if let Some(word) = unknown_word {
        unmatched.entry(word).or_default().push(row.number);
    }
    Ok(registration)
}

/// Excel stores `09012345678` typed in a number cell as the number 9012345678. Japanese phone
/// numbers all start with 0, so a bare 9- or 10-digit number lost it.
fn restore_leading_zero(phone: &str) -> String {
    let digits = phone.chars().all(|c| c.is_ascii_digit());
    if digits && (9..=10).contains(&phone.len()) && !phone.starts_with('0') {
        format!("0{phone}")
    } else {
        phone.to_string()
    }
}

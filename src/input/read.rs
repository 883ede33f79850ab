//! The top of the input layer's reading: a path becomes a checked [`RawTable`]. The format is
//! told by the file's ending, the bytes get their SHA-256, the data set's required columns must
//! be there, and the personal identity number guard runs over every cell read, so no format can
//! slip past it. Also: finding a data set's files in a folder.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::codes::looks_like_personal_number;
use super::format;
use super::raw::{column_label, number_text, Cell, InputError, RawTable};

/// The format of an input file, by its ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
    Parquet,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "csv" | "txt" | "tsv" => Some(Format::Csv),
            "parquet" => Some(Format::Parquet),
            _ => None,
        }
    }
}

pub fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Reads `path` and returns the table holding all of `required` (canonical column names).
/// `dataset` names the data set in messages ("PVK", "NPE" …).
pub fn read(path: &Path, required: &[&str], dataset: &str) -> Result<RawTable, InputError> {
    let file = file_name(path);
    if path.is_dir() {
        return Err(InputError::Other(format!(
            "{} är en mapp, inte en fil; ange filerna i mappen var för sig",
            path.display()
        )));
    }
    let format = Format::of(path).ok_or_else(|| InputError::UnsupportedFormat { file: file.clone() })?;
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound { file: path.display().to_string() },
        _ => InputError::Unreadable { file: file.clone(), detail: crate::system::in_swedish(&e) },
    })?;
    from_bytes(&file, format, bytes, required, dataset)
}

/// [`read`] of bytes already in memory, as a file named `file` in `format`.
pub fn from_bytes(file: &str, format: Format, bytes: Vec<u8>, required: &[&str], dataset: &str) -> Result<RawTable, InputError> {
    let sha256 = sha256(&bytes);
    let format = by_content(file, format, &bytes)?;
    let mut table = match format {
        Format::Xlsx => format::xlsx::read(file, bytes, required)?,
        Format::Csv => format::csv::read(file, &bytes)?,
        Format::Parquet => format::parquet::read(file, bytes)?,
    };
    table.sha256 = sha256;
    table.find_header(required);
    check_required(&table, required, dataset)?;
    guard_personal_numbers(&table)?;
    Ok(table)
}

/// The format the bytes are in, whatever the file is called: a workbook saved with a .csv ending
/// is still read as a workbook, a text file called .xlsx as text. The ending decides only when
/// the content does not (a damaged file is reported as the format its name says).
fn by_content(file: &str, named: Format, bytes: &[u8]) -> Result<Format, InputError> {
    // Compound File Binary: how Office stores a password-protected workbook, and the old .xls.
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(InputError::Unreadable {
            file: file.to_string(),
            detail: "arbetsboken är lösenordsskyddad eller sparad i det gamla .xls-formatet; spara den som .xlsx utan lösenord"
                .into(),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Format::Xlsx);
    }
    if bytes.starts_with(b"PAR1") {
        return Ok(Format::Parquet);
    }
    let text = !bytes.is_empty() && !bytes.iter().take(8192).any(|&b| b == 0);
    Ok(if text { Format::Csv } else { named })
}

fn check_required(table: &RawTable, required: &[&str], dataset: &str) -> Result<(), InputError> {
    if table.header.iter().all(|h| h.trim().is_empty()) {
        return Err(InputError::NoHeader { file: table.file.clone() });
    }
    if let Some((column, first, second)) = table.twice(required) {
        return Err(InputError::ColumnTwice { file: table.where_(), column, first, second });
    }
    match table.missing_column(required) {
        None => Ok(()),
        Some(name) => Err(InputError::MissingColumn {
            file: table.where_(),
            dataset: dataset.to_string(),
            column: name.to_string(),
            found: table.header.iter().filter(|h| !h.trim().is_empty()).cloned().collect::<Vec<_>>().join(", "),
            looks_like: looks_like(table, dataset),
        }),
    }
}

/// The other data set whose columns `table` has, in words for a message ("ett urval från
/// patientenkäten"), tried from the most telling columns to the least.
fn looks_like(table: &RawTable, dataset: &str) -> Option<String> {
    let candidates: [(&str, &[&str], &str); 7] = [
        ("NPE-urval", &super::urval::REQUIRED, "en fil med urvalet till patientenkäten (urval)"),
        ("åtgärder", &super::actions::COLUMNS[..3], "en fil med åtgärder"),
        ("PVK", &super::measures::PVK.columns, "en fil från Primärvårdskvalitet (PVK)"),
        ("tillgänglighet", &super::measures::ACCESS.columns, "en fil med tillgänglighet"),
        ("riket", &super::riket::REQUIRED, "en fil med riksvärden (riket)"),
        ("NPE", &super::npe::BASE, "en fil från patientenkäten (NPE)"),
        ("enhetsregistret", &super::units::REQUIRED, "ett enhetsregister"),
    ];
    candidates
        .iter()
        .find(|(name, columns, _)| *name != dataset && table.missing_column(columns).is_none())
        .map(|(_, _, words)| words.to_string())
}

/// Each file of one data set once: two files with the same bytes (the same file given twice, or
/// a copy under another name) would have every row rejected as a duplicate of itself. Files
/// with no rows may be equal (two years' empty exports, a header each).
pub fn distinct(tables: &[RawTable], dataset: &str) -> Result<(), InputError> {
    for (i, t) in tables.iter().enumerate().filter(|(_, t)| !t.rows.is_empty()) {
        if let Some(first) = tables.iter().take(i).find(|f| f.sha256 == t.sha256) {
            return Err(InputError::SameFileTwice { first: first.file.clone(), second: t.file.clone(), dataset: dataset.to_string() });
        }
    }
    Ok(())
}

/// `docs/inputs.md` § Personal identity number guard: every cell read, header and extra columns included.
fn guard_personal_numbers(table: &RawTable) -> Result<(), InputError> {
    let header_row = table.rows.first().map(|r| r.number.saturating_sub(1)).unwrap_or(1).max(1);
    for (c, h) in table.header.iter().enumerate() {
        if looks_like_personal_number(h) {
            return Err(InputError::PersonalNumber { place: table.where_(), row: header_row, column: column_label(table, c) });
        }
    }
    for row in &table.rows {
        for (c, cell) in row.cells.iter().enumerate() {
            let hit = match cell {
                Cell::Text(s) => looks_like_personal_number(s),
                Cell::Number(f) => looks_like_personal_number(&number_text(*f)),
                _ => false,
            };
            if hit {
                return Err(InputError::PersonalNumber { place: table.where_(), row: row.number, column: column_label(table, c) });
            }
        }
    }
    Ok(())
}

/// The SHA-256 of `bytes` in lower-case hex, as `sha256sum` prints it.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Collects input files of one data set from a folder by their name's prefix.
pub fn files_with_prefix(dir: &Path, prefixes: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && Format::of(p).is_some())
        .filter(|p| {
            let name = file_name(p).to_lowercase();
            !name.starts_with('.') && !name.starts_with('~') && prefixes.iter().any(|pre| name.starts_with(pre))
        })
        .collect();
    out.sort();
    out
}


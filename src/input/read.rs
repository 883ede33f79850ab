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
    let format = Format::of(path).ok_or_else(|| InputError::UnsupportedFormat { file: file.clone() })?;
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound { file: path.display().to_string() },
        _ => InputError::Unreadable { file: file.clone(), detail: e.to_string() },
    })?;
    let sha256 = hex(&Sha256::digest(&bytes));
    let mut table = match format {
        Format::Xlsx => format::xlsx::read(&file, bytes, required)?,
        Format::Csv => format::csv::read(&file, &bytes)?,
        Format::Parquet => format::parquet::read(&file, bytes)?,
    };
    table.sha256 = sha256;
    check_required(&table, required, dataset)?;
    guard_personal_numbers(&table)?;
    Ok(table)
}

fn check_required(table: &RawTable, required: &[&str], dataset: &str) -> Result<(), InputError> {
    if table.header.iter().all(|h| h.trim().is_empty()) {
        return Err(InputError::NoHeader { file: table.file.clone() });
    }
    match table.missing_column(required) {
        None => Ok(()),
        Some(name) => Err(InputError::MissingColumn {
            file: table.where_(),
            dataset: dataset.to_string(),
            column: name.to_string(),
            found: table.header.iter().filter(|h| !h.trim().is_empty()).cloned().collect::<Vec<_>>().join(", "),
        }),
    }
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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


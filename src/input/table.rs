//! A file read into a plain table of cells, whatever its format.
//!
//! The three readers (xlsx, csv, parquet) all deliver a [`RawTable`]: the header, and every
//! non-empty row with the row number the user sees. The data-set modules then apply the same
//! rules to every format. The personal identity number guard runs here, over every cell read,
//! so no format can slip past it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::codes::{looks_like_personal_number, normalize_header};

/// One cell as read, before any data-set rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text, as the user would see it (numbers by their decimal text).
    pub fn as_text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Empty => "".into(),
            Cell::Text(s) => s.as_str().into(),
            Cell::Number(f) => number_text(*f).into(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string().into(),
        }
    }
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A number's decimal text: whole numbers without a fraction (`12`, not `12.0`).
pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e17 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    /// Row number as the user sees it (spreadsheet row, csv line, parquet record + 1).
    pub number: u64,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn get(&self, col: usize) -> &Cell {
        self.cells.get(col).unwrap_or(&Cell::Empty)
    }
}

#[derive(Debug, Clone)]
pub struct RawTable {
    /// File name only: reports never depend on where the files lie.
    pub file: String,
    pub sheet: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub sha256: String,
}

impl RawTable {
    /// Index of each wanted column (canonical names as in `inputs.md`), or None where absent.
    pub fn columns(&self, wanted: &[&str]) -> Vec<Option<usize>> {
        let header: Vec<String> = self.header.iter().map(|h| normalize_header(h)).collect();
        wanted
            .iter()
            .map(|w| {
                let w = normalize_header(w);
                header.iter().position(|h| *h == w)
            })
            .collect()
    }

    fn where_(&self) -> String {
        match &self.sheet {
            Some(s) => format!("{}, bladet \"{s}\"", self.file),
            None => self.file.clone(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("filen {file} finns inte")]
    NotFound { file: String },
    #[error("filen {file} kunde inte läsas: {detail}")]
    Unreadable { file: String, detail: String },
    #[error("filen {file} har ett format som inte stöds (använd .xlsx, .csv eller .parquet)")]
    UnsupportedFormat { file: String },
    #[error("filen {file} saknar rubrikrad (filen är tom)")]
    NoHeader { file: String },
    #[error("filen {file} saknar kolumnen \"{column}\" ({dataset}); kolumner som finns: {found}")]
    MissingColumn { file: String, dataset: String, column: String, found: String },
    #[error(
        "filen {place}, rad {row}, kolumn \"{column}\": cellen ser ut som ett personnummer eller \
         samordningsnummer. Ta bort kolumnen ur filen innan den läses in – programmet får aldrig föra \
         personnummer vidare till en rapport"
    )]
    PersonalNumber { place: String, row: u64, column: String },
    #[error("enhetsregistret {file}, rad {row}, kolumn \"{column}\": {message}")]
    Register { file: String, row: u64, column: String, message: String },
    #[error("{0}")]
    Other(String),
}

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
        Format::Xlsx => super::xlsx::read(&file, bytes, required, dataset)?,
        Format::Csv => super::csv::read(&file, &bytes)?,
        Format::Parquet => super::parquet::read(&file, bytes)?,
    };
    table.sha256 = sha256;
    check_required(&table, required, dataset)?;
    guard_personal_numbers(&table)?;
    Ok(table)
}

pub(super) fn check_required(table: &RawTable, required: &[&str], dataset: &str) -> Result<(), InputError> {
    if table.header.iter().all(|h| h.trim().is_empty()) {
        return Err(InputError::NoHeader { file: table.file.clone() });
    }
    for (name, idx) in required.iter().zip(table.columns(required)) {
        if idx.is_none() {
            return Err(InputError::MissingColumn {
                file: table.where_(),
                dataset: dataset.to_string(),
                column: name.to_string(),
                found: table.header.iter().filter(|h| !h.trim().is_empty()).cloned().collect::<Vec<_>>().join(", "),
            });
        }
    }
    Ok(())
}

/// `inputs.md` § Personal data guard: every cell read, header and extra columns included.
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

/// The column's header text, or its spreadsheet letter when the header cell is empty.
pub fn column_label(table: &RawTable, c: usize) -> String {
    match table.header.get(c) {
        Some(h) if !h.trim().is_empty() => h.trim().to_string(),
        _ => column_letter(c),
    }
}

pub fn column_letter(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}

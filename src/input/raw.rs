//! The bottom of the input layer: a file read into a plain table of cells, whatever its
//! format, and the errors of reading. Every format reader delivers a [`RawTable`] (the header,
//! and every non-empty row with the row number the user sees), so the data-set checks apply the
//! same rules to every format. Nothing here knows about formats or data sets.

use chrono::NaiveDate;

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

/// How many rows below the first a header is looked for (see [`RawTable::find_header`]).
pub const HEADER_SEARCH: usize = 20;

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
    /// Index of each wanted column (canonical names as in `docs/inputs.md`), or None where absent.
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

    /// Exports often put a title or a note above the column names. When the first row is not the
    /// header, the header is the first of the next rows holding every `required` column, and the
    /// lines above it are not data (they are no rows, and the data quality sheet does not list them).
    pub fn find_header(&mut self, required: &[&str]) {
        if required.is_empty() || self.missing_column(required).is_none() {
            return;
        }
        let texts = |r: &Row| r.cells.iter().map(|c| c.as_text().trim().to_string()).collect::<Vec<_>>();
        let found = self.rows.iter().take(HEADER_SEARCH).position(|r| {
            let candidate = RawTable { header: texts(r), rows: Vec::new(), file: String::new(), sheet: None, sha256: String::new() };
            candidate.missing_column(required).is_none()
        });
        if let Some(header) = found.and_then(|i| self.rows.get(i)).map(texts) {
            self.rows.drain(..=found.unwrap_or(0));
            self.header = header;
        }
    }

    /// A required column named twice ("täljare" pasted in again), as two column letters.
    pub fn twice(&self, required: &[&str]) -> Option<(String, String, String)> {
        let header: Vec<String> = self.header.iter().map(|h| normalize_header(h)).collect();
        required.iter().find_map(|w| {
            let w = normalize_header(w);
            let mut at = header.iter().enumerate().filter(|(_, h)| **h == w).map(|(i, _)| i);
            let (first, second) = (at.next()?, at.next()?);
            Some((self.header.get(first)?.trim().to_string(), column_letter(first), column_letter(second)))
        })
    }

    /// The first of `required` (canonical names) that the header lacks.
    pub fn missing_column<'r>(&self, required: &[&'r str]) -> Option<&'r str> {
        required.iter().zip(self.columns(required)).find(|(_, idx)| idx.is_none()).map(|(name, _)| *name)
    }

    /// The file, and the sheet when there is one, as messages name the place.
    pub fn where_(&self) -> String {
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
    #[error("filen {file} saknar kolumnen \"{column}\" ({dataset}); kolumner som finns: {found}{}",
        looks_like.as_ref().map(|d| format!(". Filen ser ut att vara {d} – är den angiven för fel datamängd?")).unwrap_or_default())]
    MissingColumn { file: String, dataset: String, column: String, found: String, looks_like: Option<String> },
    #[error("filen {file} har kolumnen \"{column}\" två gånger (kolumn {first} och {second}); ta bort den ena")]
    ColumnTwice { file: String, column: String, first: String, second: String },
    #[error("{first} och {second} har samma innehåll (samma kontrollsumma): samma fil anges två gånger för {dataset}. Ta bort den ena.")]
    SameFileTwice { first: String, second: String, dataset: String },
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
    s.into_iter().map(char::from).collect()
}

/// Header normalisation: case and surrounding spaces ignored, å/ä/ö may be written a/a/o.
pub fn normalize_header(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            other => other,
        })
        .collect()
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

    #[test]
    fn headers_match_without_case_space_or_diacritics() {
        assert_eq!(normalize_header("  Kön "), normalize_header("kon"));
        assert_eq!(normalize_header("Täljare"), "taljare");
        assert_eq!(normalize_header("ENKÄTÅR"), "enkatar");
        assert_eq!(normalize_header("Mått"), "matt");
    }
}

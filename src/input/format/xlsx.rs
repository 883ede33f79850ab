//! xlsx reader (calamine): the first sheet whose header row holds the data set's required
//! columns; the header is that sheet's first non-empty row (`docs/inputs.md` § File formats).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use crate::input::codes::parse_iso_date;
use crate::input::raw::{Cell, InputError, RawTable, Row};

/// Each sheet's name, rows, and the spreadsheet row index of its first row.
type Sheets = Vec<(String, Vec<Vec<Data>>, u32)>;

pub fn read(file: &str, bytes: Vec<u8>, required: &[&str]) -> Result<RawTable, InputError> {
    let unreadable = |detail: String| InputError::Unreadable { file: file.to_string(), detail };
    // calamine is robust, but a malformed archive must never take the program down:
    // a panic inside the reader becomes an ordinary "cannot be read" error.
    let result = std::panic::catch_unwind(move || -> Result<Sheets, String> {
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("inte en läsbar xlsx-fil ({e})"))?;
        let mut sheets = Vec::new();
        for name in wb.sheet_names() {
            let range = wb.worksheet_range(&name).map_err(|e| format!("bladet \"{name}\": {e}"))?;
            let first_row = range.start().map(|(r, _)| r).unwrap_or(0);
            let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
            sheets.push((name, rows, first_row));
        }
        Ok(sheets)
    });
    let sheets = match result {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return Err(unreadable(e)),
        Err(_) => return Err(unreadable("filen är skadad".into())),
    };
    let mut first_candidate = None;
    for (name, rows, first_row) in sheets {
        let Some(table) = to_table(file, &name, rows, first_row) else { continue };
        if table.header.iter().any(|h| !h.trim().is_empty()) && table.missing_column(required).is_none() {
            return Ok(table);
        }
        first_candidate.get_or_insert(table);
    }
    // No sheet holds the required columns: report against the first sheet with content.
    first_candidate.ok_or_else(|| InputError::NoHeader { file: file.to_string() })
}

fn to_table(file: &str, sheet: &str, rows: Vec<Vec<Data>>, first_row: u32) -> Option<RawTable> {
    let mut iter = rows.into_iter().enumerate().map(|(i, r)| (first_row as u64 + i as u64 + 1, r));
    let header = loop {
        let (_, r) = iter.next()?;
        let cells: Vec<Cell> = r.iter().map(convert).collect();
        if !cells.iter().all(Cell::is_blank) {
            break cells.iter().map(|c| c.as_text().trim().to_string()).collect::<Vec<_>>();
        }
    };
    let rows = iter
        .map(|(number, r)| Row { number, cells: r.iter().map(convert).collect() })
        .filter(|r| !r.cells.iter().all(Cell::is_blank))
        .collect();
    Some(RawTable { file: file.to_string(), sheet: Some(sheet.to_string()), header, rows, sha256: String::new() })
}

fn convert(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "SANT".into() } else { "FALSKT".into() }),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y as i32, m as u32, day as u32).map(Cell::Date).unwrap_or(Cell::Number(dt.as_f64()))
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        // A date cell stored as ISO text (`t="d"`) is still a date cell.
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(parse_iso_date)
            .map(Cell::Date)
            .unwrap_or_else(|| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

//! xlsx reader (calamine): the first sheet whose header row holds the data set's required
//! columns; the header is that sheet's first non-empty row (`docs/inputs.md` § File formats).
//!
//! Cells are read one by one rather than as calamine's dense range, which would allocate every
//! cell between the first and the last: a single stray cell at XFD1048576 would ask for 17
//! billion. Rows are kept as far as their last cell, within a budget, and a value merged down
//! over several rows is read into each of them, as the person who merged it meant.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;

use crate::input::codes::parse_iso_date;
use crate::input::raw::{column_letter, Cell, InputError, RawTable, Row};

/// A sheet's rows that have a cell, by 0-based row index, each with its cells by 0-based column.
type SparseRows = BTreeMap<u32, Vec<(u32, Data)>>;

/// Each sheet's name and rows.
type Sheets = Vec<(String, SparseRows)>;

/// At most this many cells, blank ones between cells included, are held for a sheet beyond
/// 16 per cell it has: far more than any table needs, far less than a stray far-off cell costs.
const SPARE_CELLS: u64 = 4_000_000;

/// The rows of a worksheet.
const LAST_ROW: u32 = 1_048_576;

pub fn read(file: &str, bytes: Vec<u8>, required: &[&str]) -> Result<RawTable, InputError> {
    let unreadable = |detail: String| InputError::Unreadable { file: file.to_string(), detail };
    // calamine is robust, but a malformed archive must never take the program down:
    // a panic inside the reader becomes an ordinary "cannot be read" error.
    let result = super::guarded(move || -> Result<Sheets, String> {
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("inte en läsbar xlsx-fil ({e})"))?;
        let mut sheets = Vec::new();
        for name in wb.sheet_names() {
            let mut rows = sheet_cells(&mut wb, &name).map_err(|e| format!("bladet \"{name}\": {e}"))?;
            if let Ok(merged) = wb.merge_cells_by_sheet_name(&name) {
                fill_merged_down(&mut rows, &merged);
            }
            sheets.push((name, rows));
        }
        Ok(sheets)
    });
    let sheets = match result {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return Err(unreadable(e)),
        Err(_) => return Err(unreadable("filen är skadad".into())),
    };
    let mut first_candidate = None;
    for (name, rows) in sheets {
        let Some(mut table) = to_table(file, &name, rows)? else { continue };
        table.find_header(required);
        if table.header.iter().any(|h| !h.trim().is_empty()) && table.missing_column(required).is_none() {
            return Ok(table);
        }
        first_candidate.get_or_insert(table);
    }
    // No sheet holds the required columns: report against the first sheet with content.
    first_candidate.ok_or_else(|| InputError::NoHeader { file: file.to_string() })
}

/// The non-empty cells of sheet `name`, by row.
fn sheet_cells(wb: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Result<SparseRows, String> {
    let mut rows = SparseRows::new();
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet or a dialog sheet holds no table.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(rows),
        Err(e) => return Err(e.to_string()),
    };
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        let value: Data = cell.get_value().clone().into();
        if value != Data::Empty {
            let (r, c) = cell.get_position();
            rows.entry(r).or_default().push((c, value));
        }
    }
    Ok(rows)
}

/// A value merged over several rows stands in each of them (in the region's first column),
/// where that row has cells of its own; merging across columns adds nothing.
fn fill_merged_down(rows: &mut SparseRows, merged: &[calamine::Dimensions]) {
    for region in merged {
        let ((top, col), (bottom, _)) = (region.start, region.end);
        // A region within one row (merged across columns only), or one written upside down.
        if bottom <= top {
            continue;
        }
        let Some(value) = rows.get(&top).and_then(|r| r.iter().find(|(c, _)| *c == col)).map(|(_, v)| v.clone()) else {
            continue;
        };
        for (_, cells) in rows.range_mut(top.saturating_add(1)..=bottom) {
            if !cells.iter().any(|(c, _)| *c == col) {
                cells.push((col, value.clone()));
            }
        }
    }
}

#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: `out` is as long as the row's last column + 1, the cells being sorted by column.
fn to_table(file: &str, sheet: &str, rows: SparseRows) -> Result<Option<RawTable>, InputError> {
    // Excel keeps 1,048,576 rows and drops the rest when it opens or saves a longer export: a
    // sheet filled to its last row has most likely lost rows, which no check could then see.
    if rows.contains_key(&(LAST_ROW - 1)) {
        return Err(InputError::Unreadable {
            file: file.to_string(),
            detail: format!(
                "bladet \"{sheet}\" är fyllt till sista raden (1 048 576), så Excel har troligen kapat data; \
                 exportera i stället till csv eller parquet"
            ),
        });
    }
    let cells: u64 = rows.values().map(|r| r.len() as u64).sum();
    let budget = SPARE_CELLS + 16 * cells;
    let mut held = 0u64;
    let mut dense = Vec::with_capacity(rows.len());
    for (r, mut row) in rows {
        row.sort_by_key(|(c, _)| *c);
        let width = row.last().map_or(0, |(c, _)| *c as u64 + 1);
        held += width;
        if held > budget {
            let far = row.last().map_or(0, |(c, _)| *c as usize);
            return Err(InputError::Unreadable {
                file: file.to_string(),
                detail: format!(
                    "bladet \"{sheet}\" har celler långt utanför tabellen (till exempel i {}{}); ta bort dem och spara om filen",
                    column_letter(far),
                    r as u64 + 1
                ),
            });
        }
        let mut out = vec![Cell::Empty; width as usize];
        for (c, v) in &row {
            out[*c as usize] = convert(v);
        }
        dense.push(Row { number: r as u64 + 1, cells: out });
    }
    let mut iter = dense.into_iter().filter(|r| !r.cells.iter().all(Cell::is_blank));
    let Some(header) = iter.next() else { return Ok(None) };
    let header = header.cells.iter().map(|c| c.as_text().trim().to_string()).collect();
    Ok(Some(RawTable { file: file.to_string(), sheet: Some(sheet.to_string()), header, rows: iter.collect(), sha256: String::new() }))
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

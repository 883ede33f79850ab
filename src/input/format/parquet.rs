//! parquet reader (polars): a warehouse export. Each column becomes cells by its type; a record
//! is numbered by its position counting the first as 2, as if the header were row 1.
//! The small integer, decimal and categorical types are compiled in because warehouses and
//! pandas write answer codes as int8, counts as DECIMAL and codes as dictionaries.

use std::io::Cursor;

use chrono::NaiveDate;
use polars::prelude::*;

use crate::input::raw::{Cell, InputError, RawTable, Row};

pub fn read(file: &str, bytes: Vec<u8>) -> Result<RawTable, InputError> {
    let unreadable = |detail: String| InputError::Unreadable { file: file.to_string(), detail };
    plausible_pages(&bytes).map_err(unreadable)?;
    // Decoding and the conversion of every column both run guarded: either may meet what a
    // damaged file holds.
    let result = super::guarded(move || -> Result<(Vec<String>, Vec<Vec<Cell>>, usize), String> {
        let df = ParquetReader::new(Cursor::new(bytes)).finish().map_err(|e| format!("inte en läsbar parquet-fil ({e})"))?;
        let header = df.columns().iter().map(|c| c.name().to_string()).collect();
        let columns = df
            .columns()
            .iter()
            .map(|c| column_cells(c.as_materialized_series()))
            .collect::<Result<_, _>>()
            .map_err(|e: PolarsError| format!("en kolumn kunde inte tolkas ({e})"))?;
        Ok((header, columns, df.height()))
    });
    let (header, columns, height) = match result {
        Ok(Ok(read)) => read,
        Ok(Err(e)) => return Err(unreadable(e)),
        Err(_) => return Err(unreadable("filen är skadad".into())),
    };
    let rows = (0..height)
        .map(|i| Row { number: i as u64 + 2, cells: columns.iter().map(|c| c.get(i).cloned().unwrap_or(Cell::Empty)).collect() })
        .filter(|r| !r.cells.iter().all(Cell::is_blank))
        .collect();
    Ok(RawTable { file: file.to_string(), sheet: None, header, rows, sha256: String::new() })
}

#[allow(clippy::indexing_slicing, clippy::expect_used)] // Cannot fail: 1970-01-01 is a date.
/// Page headers polars would trust. A damaged page header can say it holds a negative number of
/// values, which polars' decoder takes as a size near 2^64 and aborts the whole program on
/// allocating (found by the `parquet` fuzz target; an allocation failure cannot be caught).
/// So no page may say less than none, and a page of a flat column (every input column is one)
/// holds at most its row group's rows; both are checked before polars reads the file.
fn plausible_pages(bytes: &[u8]) -> Result<(), String> {
    use polars_parquet::parquet::page::CompressedPage;
    use polars_parquet::parquet::read::{get_page_iterator, read_metadata};
    let checked = super::guarded(|| -> Result<(), String> {
        let metadata = read_metadata(&mut Cursor::new(bytes)).map_err(|e| format!("inte en läsbar parquet-fil ({e})"))?;
        let buffer = polars_buffer::Buffer::from(bytes.to_vec());
        for group in &metadata.row_groups {
            let rows = group.num_rows();
            for chunk in group.parquet_columns() {
                // A list column holds more values than rows; only a flat one is bounded by them.
                let flat = chunk.descriptor().descriptor.max_rep_level == 0;
                let pages = get_page_iterator(chunk, Cursor::new(buffer.clone()), Vec::new(), MAX_PAGE_BYTES)
                    .map_err(|e| format!("en sida kunde inte läsas ({e})"))?;
                for page in pages {
                    let page = page.map_err(|e| format!("en sida kunde inte läsas ({e})"))?;
                    if let CompressedPage::Data(data) = &page {
                        let values = match data.header() {
                            polars_parquet::parquet::page::DataPageHeader::V1(h) => h.num_values,
                            polars_parquet::parquet::page::DataPageHeader::V2(h) => h.num_values,
                        };
                        if values < 0 || (flat && values as u64 > rows as u64) {
                            return Err(format!("en sida uppger {values} värden i en radgrupp med {rows} rader"));
                        }
                    }
                }
            }
        }
        Ok(())
    });
    checked.unwrap_or_else(|_| Err("filen är skadad".into()))
}

/// The largest page read: polars' own default.
const MAX_PAGE_BYTES: usize = 1024 * 1024 * 1024;

fn column_cells(s: &Series) -> PolarsResult<Vec<Cell>> {
    let dtype = s.dtype().clone();
    Ok(match dtype {
        DataType::String => s.str()?.iter().map(|v| v.map_or(Cell::Empty, |t| Cell::Text(t.to_string()))).collect(),
        d if d.is_integer() || d.is_float() || d.is_decimal() => {
            let f = s.cast(&DataType::Float64)?;
            f.f64()?.iter().map(|v| v.map_or(Cell::Empty, Cell::Number)).collect()
        }
        DataType::Date | DataType::Datetime(_, _) => {
            let days = s.cast(&DataType::Date)?.cast(&DataType::Int32)?;
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
            days.i32()?
                .iter()
                .map(|v| {
                    v.and_then(|d| epoch.checked_add_signed(chrono::Duration::days(d as i64)))
                        .map_or(Cell::Empty, Cell::Date)
                })
                .collect()
        }
        _ => {
            let t = s.cast(&DataType::String)?;
            t.str()?.iter().map(|v| v.map_or(Cell::Empty, |t| Cell::Text(t.to_string()))).collect()
        }
    })
}

//! The export files (`docs/reports.md` § Export files): the `Data` and `Månadsdata` tables as csv
//! for Swedish Excel and as typed parquet for R, Python and Power BI, from the same fields as the
//! sheets, so a file and its sheet hold the same columns, rows and values.

use polars::prelude::*;

use super::data_sheet::{self, Field};
use super::month_sheet;
use super::view::View;

/// Which export files a run writes (`run --export csv,parquet`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exports {
    pub csv: bool,
    pub parquet: bool,
}

impl Exports {
    pub fn any(self) -> bool {
        self.csv || self.parquet
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("tabellen {table} kunde inte skrivas som csv: {detail}")]
    Csv { table: &'static str, detail: String },
    #[error("tabellen {table} kunde inte skrivas som parquet: {detail}")]
    Parquet { table: &'static str, detail: String },
}

/// A long table as the export writers take it: its header and its rows of fields.
struct Long<'a> {
    name: &'static str,
    header: &'a [&'a str],
    /// Which columns hold numbers (the rest text), as the sheet's contract fixes them.
    numeric: &'a [bool],
    rows: Vec<Vec<Field<'a>>>,
}

fn data_table<'a>(view: &'a View) -> Long<'a> {
    let table = &view.report.current;
    let rows = view.rows.iter().map(|r| data_sheet::fields(view.plan, table, r).to_vec()).collect();
    Long { name: "Data", header: &data_sheet::HEADER, numeric: &data_sheet::NUMERIC, rows }
}

/// `points` holds each month row's month as text, so the fields can borrow it.
fn month_table<'a>(view: &'a View, points: &'a [String]) -> Long<'a> {
    let table = &view.report.current;
    let rows = view
        .month_rows
        .iter()
        .zip(points)
        .map(|(r, p)| month_sheet::fields(view.plan, table, r, p).to_vec())
        .collect();
    Long { name: "Månadsdata", header: &month_sheet::HEADER, numeric: &month_sheet::NUMERIC, rows }
}

/// The export files of a run, as (file name suffix, bytes), in a fixed order.
pub fn files(view: &View, exports: Exports) -> Result<Vec<(&'static str, Vec<u8>)>, ExportError> {
    let mut out = Vec::new();
    if !exports.any() {
        return Ok(out);
    }
    let points: Vec<String> = view.month_rows.iter().map(|r| r.point.to_string()).collect();
    let tables = [(["data.csv", "data.parquet"], data_table(view)), (["manadsdata.csv", "manadsdata.parquet"], month_table(view, &points))];
    for ([csv_name, parquet_name], table) in tables {
        if exports.csv {
            out.push((csv_name, csv(&table)?));
        }
        if exports.parquet {
            out.push((parquet_name, parquet(&table)?));
        }
    }
    Ok(out)
}

/// A number as Swedish Excel reads it: unrounded, shortest round-trip digits, decimal comma.
pub fn swedish_decimal(v: f64) -> String {
    // `-0` would be read as a number but shown as `-0`; it only arises from rounding noise.
    let v = if v == 0.0 { 0.0 } else { v };
    v.to_string().replace('.', ",")
}

/// UTF-8 with a byte-order mark, `;` between fields and CRLF line ends, as Swedish Excel opens a
/// csv by double-click; quotes only where a field needs them.
fn csv(table: &Long) -> Result<Vec<u8>, ExportError> {
    let fail = |e: csv::Error| ExportError::Csv { table: table.name, detail: e.to_string() };
    let mut w = csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(table.header).map_err(fail)?;
    let mut record: Vec<String> = Vec::with_capacity(table.header.len());
    for row in &table.rows {
        record.clear();
        record.extend(row.iter().map(|f| match f {
            Field::Text(t) => t.unwrap_or("").to_string(),
            Field::Number(n) => n.map(swedish_decimal).unwrap_or_default(),
        }));
        w.write_record(&record).map_err(fail)?;
    }
    w.into_inner().map_err(|e| ExportError::Csv { table: table.name, detail: e.error().to_string() })
}

/// Typed columns: a text column as strings, a number column as 64-bit floats, an empty field as
/// null; the types come from the contract, so an empty table has them too.
fn parquet(table: &Long) -> Result<Vec<u8>, ExportError> {
    let fail = |e: PolarsError| ExportError::Parquet { table: table.name, detail: e.to_string() };
    let columns: Vec<Column> = table
        .header
        .iter()
        .enumerate()
        .map(|(c, name)| {
            if table.numeric[c] {
                let values: Vec<Option<f64>> = table
                    .rows
                    .iter()
                    .map(|r| match r[c] {
                        Field::Number(n) => n,
                        Field::Text(_) => None,
                    })
                    .collect();
                Column::new((*name).into(), values)
            } else {
                let values: Vec<Option<&str>> = table
                    .rows
                    .iter()
                    .map(|r| match r[c] {
                        Field::Text(t) => t,
                        Field::Number(_) => None,
                    })
                    .collect();
                Column::new((*name).into(), values)
            }
        })
        .collect();
    let mut df = DataFrame::new_infer_height(columns).map_err(fail)?;
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(&mut df).map_err(fail)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_swedish_decimal_form_unrounded() {
        assert_eq!(swedish_decimal(82.5), "82,5");
        assert_eq!(swedish_decimal(120.0), "120");
        assert_eq!(swedish_decimal(1.0 / 3.0), "0,3333333333333333");
        assert_eq!(swedish_decimal(-0.0), "0");
        assert_eq!(swedish_decimal(-1.25), "-1,25");
        assert_eq!(swedish_decimal(1234567.0), "1234567");
    }

    fn table() -> Long<'static> {
        Long {
            name: "Data",
            header: &["a", "b", "c"],
            numeric: &[false, true, false],
            rows: vec![
                vec![Field::Text(Some("x;y")), Field::Number(Some(0.5)), Field::Text(None)],
                vec![Field::Text(Some("Ö \"citat\"")), Field::Number(None), Field::Text(Some("visas"))],
            ],
        }
    }

    #[test]
    fn csv_has_a_bom_semicolons_crlf_and_quotes_only_where_needed() {
        let bytes = csv(&table()).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}a;b;c\r\n\"x;y\";0,5;\r\n\"Ö \"\"citat\"\"\";;visas\r\n");
    }

    #[test]
    fn parquet_reads_back_with_types_and_nulls() {
        let bytes = parquet(&table()).unwrap();
        let df = ParquetReader::new(std::io::Cursor::new(bytes)).finish().unwrap();
        assert_eq!(df.column("a").unwrap().dtype(), &DataType::String);
        assert_eq!(df.column("b").unwrap().dtype(), &DataType::Float64);
        let b: Vec<Option<f64>> = df.column("b").unwrap().f64().unwrap().iter().collect();
        assert_eq!(b, [Some(0.5), None]);
        let c: Vec<Option<&str>> = df.column("c").unwrap().str().unwrap().iter().collect();
        assert_eq!(c, [None, Some("visas")]);
    }
}

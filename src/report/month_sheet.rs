//! The `Månadsdata` sheet, a contract like `Data` (`docs/reports.md` § The `Månadsdata` sheet):
//! one row per cell of the month and survey-year tables, numbers unrounded, empty where nothing
//! may be shown. A table too long for one sheet continues on `Månadsdata 2`, `Månadsdata 3` ….

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::data_sheet::{long_table, write_fields, Field};
use crate::compute::{MonthRow, PeriodTable};
use crate::plan::Plan;

pub const HEADER: [&str; 8] = ["indikator", "enhet_id", "kön", "månad", "täljare", "nämnare", "värde", "status"];

/// The columns that hold numbers: täljare, nämnare and värde.
pub const NUMERIC: [bool; 8] = [false, false, false, false, true, true, true, false];

/// Rows under the header on one sheet (Excel's 1,048,576 rows in all).
pub const ROWS_PER_SHEET: usize = 1_048_575;

const WIDTHS: [f64; 8] = [13.0, 22.0, 9.0, 11.0, 10.0, 10.0, 10.0, 22.0];

/// The sheet names the table needs: `Månadsdata`, then `Månadsdata 2` … (at least one sheet).
pub fn sheet_names(rows: usize) -> Vec<String> {
    let sheets = rows.div_ceil(ROWS_PER_SHEET).max(1);
    (1..=sheets).map(|i| if i == 1 { "Månadsdata".to_string() } else { format!("Månadsdata {i}") }).collect()
}

/// The eight fields of a `Månadsdata` row, in [`HEADER`] order; `point` is the row's month or
/// survey year as text (`2026-03`, `NPE 2025`).
pub fn fields<'a>(plan: &'a Plan, table: &'a PeriodTable, row: &'a MonthRow, point: &'a str) -> [Field<'a>; 8] {
    use Field::{Number, Text};
    [
        Text(Some(&plan.indicators[row.indicator.0].id)),
        Text(Some(&table.entities[row.entity.0].id)),
        Text(Some(row.sex.label())),
        Text(Some(point)),
        Number(row.t),
        Number(row.n),
        Number(row.value),
        Text(Some(row.status.label())),
    ]
}

/// Writes part `part` (0-based) of `rows` as an Excel table.
pub fn write(ws: &mut Worksheet, plan: &Plan, table: &PeriodTable, rows: &[MonthRow], part: usize) -> Result<(), XlsxError> {
    let rows = rows.chunks(ROWS_PER_SHEET).nth(part).unwrap_or(&[]);
    let name = if part == 0 { "Manadsdata".to_string() } else { format!("Manadsdata{}", part + 1) };
    long_table(ws, &HEADER, &WIDTHS, rows.len(), &name)?;
    for (i, row) in rows.iter().enumerate() {
        let point = row.point.to_string();
        write_fields(ws, i as u32 + 1, &fields(plan, table, row, &point))?;
    }
    Ok(())
}

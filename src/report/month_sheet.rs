//! The `Månadsdata` sheet, a contract like `Data` (`docs/reports.md` § The `Månadsdata` sheet):
//! one row per cell of the month and survey-year tables, numbers unrounded, empty where nothing
//! may be shown. A table too long for one sheet continues on `Månadsdata 2`, `Månadsdata 3` ….

use rust_xlsxwriter::{Format, Table, TableColumn, TableStyle, Worksheet, XlsxError};

use crate::compute::{MonthRow, PeriodTable};
use crate::plan::Plan;

pub const HEADER: [&str; 8] = ["indikator", "enhet_id", "kön", "månad", "täljare", "nämnare", "värde", "status"];

/// Rows under the header on one sheet (Excel's 1,048,576 rows in all).
pub const ROWS_PER_SHEET: usize = 1_048_575;

const WIDTHS: [f64; 8] = [13.0, 22.0, 9.0, 11.0, 10.0, 10.0, 10.0, 22.0];

/// The sheet names the table needs: `Månadsdata`, then `Månadsdata 2` … (at least one sheet).
pub fn sheet_names(rows: usize) -> Vec<String> {
    let sheets = rows.div_ceil(ROWS_PER_SHEET).max(1);
    (1..=sheets).map(|i| if i == 1 { "Månadsdata".to_string() } else { format!("Månadsdata {i}") }).collect()
}

/// Writes part `part` (0-based) of `rows` as an Excel table.
pub fn write(ws: &mut Worksheet, plan: &Plan, table: &PeriodTable, rows: &[MonthRow], part: usize) -> Result<(), XlsxError> {
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let rows = rows.chunks(ROWS_PER_SHEET).nth(part).unwrap_or(&[]);
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &plan.indicators[row.indicator.0].id)?;
        ws.write_string(r, 1, &table.entities[row.entity.0].id)?;
        ws.write_string(r, 2, row.sex.label())?;
        ws.write_string(r, 3, row.point.to_string())?;
        for (c, v) in [(4, row.t), (5, row.n), (6, row.value)] {
            if let Some(v) = v {
                ws.write_number(r, c, v)?;
            }
        }
        ws.write_string(r, 7, row.status.label())?;
    }
    let header = Format::new().set_bold();
    let columns: Vec<TableColumn> =
        HEADER.iter().map(|h| TableColumn::new().set_header(*h).set_header_format(header.clone())).collect();
    let name = if part == 0 { "Manadsdata".to_string() } else { format!("Manadsdata{}", part + 1) };
    let last_row = rows.len().max(1) as u32;
    ws.add_table(0, 0, last_row, 7, &Table::new().set_name(name).set_style(TableStyle::Light9).set_columns(&columns))?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

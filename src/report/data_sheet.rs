//! The `Data` sheet, a contract other tools read (`docs/reports.md` § The `Data` sheet): one row per
//! cell, numbers as unrounded numbers, empty cells where nothing may be shown.

use rust_xlsxwriter::{Format, Table, TableColumn, TableStyle, Worksheet, XlsxError};

use crate::compute::{DataRow, PeriodTable};
use crate::plan::Plan;

pub const HEADER: [&str; 16] = [
    "indikator",
    "indikatornamn",
    "enhet_id",
    "enhet",
    "period",
    "kön",
    "täljare",
    "nämnare",
    "värde",
    "ki_låg",
    "ki_hög",
    "mål",
    "måluppfyllelse",
    "föregående",
    "könsskillnad",
    "status",
];

const WIDTHS: [f64; 16] = [13.0, 40.0, 22.0, 30.0, 26.0, 9.0, 10.0, 10.0, 10.0, 10.0, 10.0, 7.0, 16.0, 12.0, 20.0, 22.0];

/// Writes `rows` (already filtered to the entities wanted) as an Excel table named `table_name`.
pub fn write(
    ws: &mut Worksheet,
    plan: &Plan,
    table: &PeriodTable,
    rows: &[&DataRow],
    table_name: &str,
) -> Result<(), XlsxError> {
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let ind = &plan.indicators[row.indicator.0];
        let entity = &table.entities[row.entity.0];
        ws.write_string(r, 0, &ind.id)?;
        ws.write_string(r, 1, &ind.name)?;
        ws.write_string(r, 2, &entity.id)?;
        ws.write_string(r, 3, &entity.name)?;
        ws.write_string(r, 4, &row.period)?;
        ws.write_string(r, 5, row.sex.label())?;
        let numbers = [
            (6, row.t),
            (7, row.n),
            (8, row.value),
            (9, row.ci.map(|c| c.0)),
            (10, row.ci.map(|c| c.1)),
            (11, row.target),
            (13, row.previous),
        ];
        for (c, v) in numbers {
            if let Some(v) = v {
                ws.write_number(r, c, v)?;
            }
        }
        if let Some(o) = row.outcome {
            ws.write_string(r, 12, o.label())?;
        }
        if let Some(d) = row.sex_difference {
            ws.write_string(r, 14, d.label())?;
        }
        ws.write_string(r, 15, row.status.label())?;
    }
    let header = Format::new().set_bold();
    let columns: Vec<TableColumn> =
        HEADER.iter().map(|h| TableColumn::new().set_header(*h).set_header_format(header.clone())).collect();
    let last_row = rows.len().max(1) as u32;
    ws.add_table(0, 0, last_row, 15, &Table::new().set_name(table_name).set_style(TableStyle::Light9).set_columns(&columns))?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

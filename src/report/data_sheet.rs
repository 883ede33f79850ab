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

/// The columns that hold numbers: täljare to mål, and föregående.
pub const NUMERIC: [bool; 16] =
    [false, false, false, false, false, false, true, true, true, true, true, true, false, true, false, false];

const WIDTHS: [f64; 16] = [13.0, 40.0, 22.0, 30.0, 26.0, 9.0, 10.0, 10.0, 10.0, 10.0, 10.0, 7.0, 16.0, 12.0, 20.0, 22.0];

/// One field of a long table row (`Data` or `Månadsdata`): the sheets and the export files are
/// written from the same fields, so they cannot say different things.
#[derive(Debug, Clone, PartialEq)]
pub enum Field<'a> {
    Text(Option<&'a str>),
    Number(Option<f64>),
}

/// The sixteen fields of a `Data` row, in [`HEADER`] order.
pub fn fields<'a>(plan: &'a Plan, table: &'a PeriodTable, row: &'a DataRow) -> [Field<'a>; 16] {
    let ind = &plan.indicators[row.indicator.0];
    let entity = &table.entities[row.entity.0];
    use Field::{Number, Text};
    [
        Text(Some(&ind.id)),
        Text(Some(&ind.name)),
        Text(Some(&entity.id)),
        Text(Some(&entity.name)),
        Text(Some(&row.period)),
        Text(Some(row.sex.label())),
        Number(row.t),
        Number(row.n),
        Number(row.value),
        Number(row.ci.map(|c| c.0)),
        Number(row.ci.map(|c| c.1)),
        Number(row.target),
        Text(row.outcome.map(|o| o.label())),
        Number(row.previous),
        Text(row.sex_difference.map(|d| d.label())),
        Text(Some(row.status.label())),
    ]
}

/// Writes the fields of row `r`; an empty field is no cell.
pub fn write_fields(ws: &mut Worksheet, r: u32, fields: &[Field]) -> Result<(), XlsxError> {
    for (c, f) in fields.iter().enumerate() {
        match f {
            Field::Text(Some(t)) => {
                ws.write_string(r, c as u16, *t)?;
            }
            Field::Number(Some(v)) => {
                ws.write_number(r, c as u16, *v)?;
            }
            Field::Text(None) | Field::Number(None) => {}
        }
    }
    Ok(())
}

/// Sets up a long table's sheet (`Data`, `Månadsdata`) before its `rows` rows are written under
/// the header: column widths, an Excel table named `name` with a bold header row, the header
/// frozen. The table comes first because a long sheet is written top to bottom (the writer's
/// low-memory mode, `sheets::Sheet::long`).
pub fn long_table(ws: &mut Worksheet, header: &[&str], widths: &[f64], rows: usize, name: &str) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let bold = Format::new().set_bold();
    let columns: Vec<TableColumn> =
        header.iter().map(|h| TableColumn::new().set_header(*h).set_header_format(bold.clone())).collect();
    let last_row = rows.max(1) as u32;
    let last_col = header.len().saturating_sub(1) as u16;
    ws.add_table(0, 0, last_row, last_col, &Table::new().set_name(name).set_style(TableStyle::Light9).set_columns(&columns))?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Writes `rows` (already filtered to the entities wanted) as an Excel table named `table_name`.
pub fn write(
    ws: &mut Worksheet,
    plan: &Plan,
    table: &PeriodTable,
    rows: &[&DataRow],
    table_name: &str,
) -> Result<(), XlsxError> {
    long_table(ws, &HEADER, &WIDTHS, rows.len(), table_name)?;
    for (i, row) in rows.iter().enumerate() {
        write_fields(ws, i as u32 + 1, &fields(plan, table, row))?;
    }
    Ok(())
}

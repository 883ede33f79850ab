//! `Riket`: the national reference values as read, in a long table of their own (`docs/reports.md`
//! § Riket): not in `Data`, whose contract does not change. Every value is listed, also those of
//! indicators the plan does not compare with riket, so the analyst sees what the file held.

use rust_xlsxwriter::{Format, Table, TableColumn, TableStyle, Worksheet, XlsxError};

use super::style::{print_setup, Styles};
use super::view::View;

const HEADER: [&str; 10] = ["indikator", "indikatornamn", "period", "kön", "värde", "täljare", "nämnare", "jämförs i rapporten", "fil", "rad"];
const WIDTHS: [f64; 10] = [13.0, 36.0, 24.0, 9.0, 9.0, 10.0, 10.0, 17.0, 24.0, 7.0];

pub fn write(ws: &mut Worksheet, st: &Styles, view: &View) -> Result<(), XlsxError> {
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let values = &view.riket_values.values;
    for (i, v) in values.iter().enumerate() {
        let r = i as u32 + 1;
        let ind = &view.plan.indicators[v.indicator];
        ws.write_string(r, 0, &ind.id)?;
        ws.write_string(r, 1, &ind.name)?;
        ws.write_string(r, 2, &v.period)?;
        ws.write_string(r, 3, v.sex.label())?;
        ws.write_number_with_format(r, 4, v.value, &st.value)?;
        if let Some(t) = v.numerator {
            ws.write_number_with_format(r, 5, t as f64, &st.integer)?;
        }
        if let Some(n) = v.denominator {
            ws.write_number_with_format(r, 6, n as f64, &st.integer)?;
        }
        ws.write_string(r, 7, if ind.riket_comparable { "Ja" } else { "Nej" })?;
        ws.write_string(r, 8, &v.file)?;
        ws.write_number(r, 9, v.row as f64)?;
    }
    let header = Format::new().set_bold();
    let columns: Vec<TableColumn> =
        HEADER.iter().map(|h| TableColumn::new().set_header(*h).set_header_format(header.clone())).collect();
    let last_row = values.len().max(1) as u32;
    ws.add_table(0, 0, last_row, 9, &Table::new().set_name("Riket").set_style(TableStyle::Light9).set_columns(&columns))?;
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, &view.title, Some((0, 0)));
    Ok(())
}

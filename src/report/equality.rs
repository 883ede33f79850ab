//! `Jämställdhet`: the cells where women and men differ with statistical certainty.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::{print_setup, Styles};
use super::view::View;
use crate::compute::SexDifference;
use crate::cell::{CellKey, Sex};

pub fn write(ws: &mut Worksheet, st: &Styles, view: &View) -> Result<(), XlsxError> {
    let widths = [44.0, 34.0, 11.0, 11.0, 14.0, 18.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.write_string_with_format(0, 0, "Jämställdhet – skillnader mellan kvinnor och män", &st.title)?;
    ws.write_string_with_format(
        1,
        0,
        "Här står de enheter och indikatorer där skillnaden mellan kvinnor och män är statistiskt säker (95 %). \
         Andra skillnader kan bero på slumpen.",
        &st.note,
    )?;
    let header = 3;
    for (c, h) in ["Indikator", "Enhet", "Kvinnor", "Män", "Skillnad K − M", "Könsskillnad"].iter().enumerate() {
        ws.write_string_with_format(header, c as u16, *h, &st.header)?;
    }
    let mut r = header + 1;
    for (k, ind) in view.indicators() {
        for &e in &view.display {
            let cell = |sex| CellKey::new(k, e, sex);
            let Some(diff) = view.row(cell(Sex::Total)).and_then(|d| d.sex_difference) else { continue };
            if diff == SexDifference::NoClearDifference {
                continue;
            }
            ws.write_string(r, 0, &ind.name)?;
            ws.write_string(r, 1, view.entity_name(e))?;
            view.write_value(ws, st, (r, 2), cell(Sex::Women), false)?;
            view.write_value(ws, st, (r, 3), cell(Sex::Men), false)?;
            if let (Some(w), Some(m)) = (view.value(cell(Sex::Women)), view.value(cell(Sex::Men))) {
                ws.write_number_with_format(r, 4, w - m, &st.change)?;
            }
            ws.write_string(r, 5, diff.label())?;
            r += 1;
        }
    }
    if r == header + 1 {
        ws.write_string(r, 0, "Inga statistiskt säkra skillnader mellan kvinnor och män.")?;
    }
    ws.set_freeze_panes(header + 1, 0)?;
    print_setup(ws, &view.title, Some((header, header)));
    Ok(())
}

//! `Innehåll` (links to every sheet) and `Översikt` (every unit and aggregate × indicator,
//! Totalt, coloured by target outcome and marked with its symbol).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::{print_setup, target_text, Styles};
use super::view::View;
use crate::disclosure::TOTAL;

pub fn contents(ws: &mut Worksheet, st: &Styles, view: &View, sheets: &[(String, String)]) -> Result<(), XlsxError> {
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 90)?;
    ws.write_string_with_format(0, 0, "Innehåll", &st.title)?;
    ws.write_string(1, 0, &view.title)?;
    for (i, (name, what)) in sheets.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_url_with_text(r, 0, format!("internal:'{name}'!A1").as_str(), name)?;
        ws.write_string(r, 1, what)?;
    }
    print_setup(ws, &view.title, None);
    Ok(())
}

pub fn overview(ws: &mut Worksheet, st: &Styles, view: &View) -> Result<(), XlsxError> {
    let plan = view.plan;
    ws.write_string_with_format(0, 0, "Översikt – värde för Totalt per enhet och indikator", &st.title)?;
    ws.write_string_with_format(
        1,
        0,
        "✔ Uppfyllt (grön)   ◐ Delvis uppfyllt (gul)   ✘ Ej uppfyllt (röd)   .. undertryckt   – ingen data",
        &st.note,
    )?;
    let header = 3;
    ws.set_row_height(header, 84)?;
    ws.write_string_with_format(header, 0, "Enhet", &st.header_wrap)?;
    ws.write_string_with_format(header, 1, "Närsjukvårdsområde", &st.header_wrap)?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 19)?;
    for (k, ind) in plan.indicators.iter().enumerate() {
        let c = 2 + k as u16;
        ws.set_column_width(c, 15)?;
        let unit = if ind.unit == crate::plan::ValueUnit::PerThousand { ", per 1000" } else { ", %" };
        ws.write_string_with_format(
            header,
            c,
            format!("{}{unit}\nmål {}", ind.name, target_text(ind).replace(" (delvis", "\n(delvis")),
            &st.header_wrap,
        )?;
    }
    let note_col = 2 + plan.indicators.len() as u16;
    ws.write_string_with_format(header, note_col, "Anmärkning", &st.header_wrap)?;
    ws.set_column_width(note_col, 22)?;
    for (i, &e) in view.display.iter().enumerate() {
        let r = header + 1 + i as u32;
        let aggregate = !view.report.current.entities[e].is_unit();
        let name_format = if aggregate { &st.bold } else { &st.plain };
        ws.write_string_with_format(r, 0, view.entity_name(e), name_format)?;
        ws.write_string(r, 1, view.area_of(e))?;
        for k in 0..plan.indicators.len() {
            view.write_value(ws, st, (r, 2 + k as u16), (k, e, TOTAL), true)?;
        }
        if let Some(n) = view.unit_note(e) {
            ws.write_string_with_format(r, note_col, n, &st.note)?;
        }
    }
    ws.set_freeze_panes(header + 1, 1)?;
    print_setup(ws, &view.title, Some((header, header)));
    Ok(())
}

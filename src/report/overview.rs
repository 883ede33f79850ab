//! `Innehåll` (links to every sheet) and `Översikt` (every unit and aggregate × indicator,
//! Totalt, coloured by target outcome and marked with its symbol).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::{print_setup, target_parts, Styles, NO_TARGET};
use super::sheets::Sheet;
use super::view::View;
use crate::cell::{CellKey, Sex};

pub fn contents(ws: &mut Worksheet, st: &Styles, view: &View, sheets: &[Sheet]) -> Result<(), XlsxError> {
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 90)?;
    ws.write_string_with_format(0, 0, "Innehåll", &st.title)?;
    ws.write_string(1, 0, &view.title)?;
    for (i, sheet) in sheets.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_url_with_text(r, 0, format!("internal:'{}'!A1", sheet.name).as_str(), &sheet.name)?;
        ws.write_string(r, 1, &sheet.about)?;
    }
    print_setup(ws, &view.title, None);
    Ok(())
}

pub fn overview(ws: &mut Worksheet, st: &Styles, view: &View) -> Result<(), XlsxError> {
    let plan = view.plan;
    ws.write_string_with_format(0, 0, "Översikt – värde för Totalt per enhet och indikator", &st.title)?;
    // Wrapped over the first printed page's columns, so it is read whole on paper.
    let legend = format!("{} {}", super::style::OUTCOME_LEGEND, super::style::MISSING_LEGEND);
    let page_cols = 1 + OVERVIEW_PAGE_INDICATORS.min(plan.indicators.len()) as u16;
    let note = st.note.clone().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    ws.merge_range(1, 0, 1, page_cols, &legend, &note)?;
    let width = 34.0 + 19.0 + 15.0 * (page_cols - 1) as f64;
    ws.set_row_height(1, super::style::row_height([(legend.as_str(), width)]))?;
    let header = 3;
    ws.set_row_height(header, 84)?;
    ws.write_string_with_format(header, 0, "Enhet", &st.header_wrap)?;
    ws.write_string_with_format(header, 1, "Närsjukvårdsområde", &st.header_wrap)?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 19)?;
    for (k, ind) in view.indicators() {
        let c = 2 + k.0 as u16;
        ws.set_column_width(c, 15)?;
        let target = match target_parts(ind) {
            Some((goal, partly)) => format!("{goal}\n(delvis {partly})"),
            None => NO_TARGET.to_string(),
        };
        ws.write_string_with_format(header, c, format!("{}, {}\nmål {target}", ind.name, ind.unit.symbol()), &st.header_wrap)?;
    }
    let note_col = 2 + plan.indicators.len() as u16;
    ws.write_string_with_format(header, note_col, "Anmärkning", &st.header_wrap)?;
    ws.set_column_width(note_col, 22)?;
    for (i, &e) in view.display.iter().enumerate() {
        let r = header + 1 + i as u32;
        let aggregate = !view.entity(e).is_unit();
        let name_format = if aggregate { &st.bold } else { &st.plain };
        ws.write_string_with_format(r, 0, view.entity_name(e), name_format)?;
        ws.write_string(r, 1, view.area_of(e))?;
        for (k, _) in view.indicators() {
            view.write_value(ws, st, (r, 2 + k.0 as u16), CellKey::new(k, e, Sex::Total), true)?;
        }
        if let Some(n) = view.unit_note(e) {
            ws.write_string_with_format(r, note_col, n, &st.note)?;
        }
    }
    ws.set_freeze_panes(header + 1, 1)?;
    print_setup(ws, &view.title, Some((header, header)));
    // Too wide for one page at a readable size: pages of at most seven indicators each, the
    // units' names repeated on every page, printed at 78 % (about 8.5 pt) instead of shrunk to fit.
    ws.set_print_scale(78);
    ws.set_repeat_columns(0, 0)?;
    let breaks: Vec<u32> = (1..view.plan.indicators.len().div_ceil(OVERVIEW_PAGE_INDICATORS))
        .map(|page| 2 + (page * OVERVIEW_PAGE_INDICATORS) as u32)
        .collect();
    ws.set_vertical_page_breaks(&breaks)?;
    Ok(())
}

/// Indicator columns per printed page of `Översikt` (with the units' names, about 160 characters:
/// A4 landscape at 78 %).
const OVERVIEW_PAGE_INDICATORS: usize = 7;

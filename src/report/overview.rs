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
        ws.write_string_with_format(r, 1, &sheet.about, &st.wrap)?;
        ws.set_row_height(r, super::style::row_height([(sheet.about.as_str(), 90.0)]))?;
    }
    print_setup(ws, &view.title, None);
    Ok(())
}

pub fn overview(ws: &mut Worksheet, st: &Styles, view: &View) -> Result<(), XlsxError> {
    let plan = view.plan;
    let title = "Översikt – värde för Totalt per enhet och indikator";
    let pages = plan.indicators.len().div_ceil(OVERVIEW_PAGE_INDICATORS).max(1);
    // Every printed page starts with its own Enhet column (the first page's also has the area):
    // column A repeated in print would show the title and legend, which run on from it, cut.
    let firsts: Vec<u16> = (0..pages).map(|p| if p == 0 { 0 } else { name_col(p) }).collect();
    for &c in &firsts {
        ws.write_string_with_format(0, c, title, &st.title)?;
    }
    // Wrapped over the first printed page's columns, so it is read whole on paper.
    let legend =
        format!("{} {} {}", super::style::OUTCOME_LEGEND, super::style::MISSING_LEGEND, super::style::RIKET_LEGEND);
    let page_cols = 1 + OVERVIEW_PAGE_INDICATORS.min(plan.indicators.len()) as u16;
    let note = st.note.clone().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    ws.merge_range(1, 0, 1, page_cols, &legend, &note)?;
    let width = NAME_WIDTH + 19.0 + INDICATOR_WIDTH * (page_cols - 1) as f64;
    ws.set_row_height(1, super::style::row_height([(legend.as_str(), width)]))?;
    let header = 3;
    for &c in &firsts {
        ws.write_string_with_format(header, c, "Enhet", &st.header_wrap)?;
        ws.set_column_width(c, NAME_WIDTH)?;
    }
    ws.write_string_with_format(header, 1, "Närsjukvårdsområde", &st.header_wrap)?;
    ws.set_column_width(1, 19)?;
    let titles: Vec<String> = view
        .indicators()
        .map(|(_, ind)| match target_parts(ind) {
            Some((goal, partly)) => format!("{}, {}\nmål {goal}\n(delvis {partly})", ind.name, ind.unit.symbol()),
            None => format!("{}, {}\nmål {NO_TARGET}", ind.name, ind.unit.symbol()),
        })
        .collect();
    for (k, title) in titles.iter().enumerate() {
        let c = indicator_col(k);
        ws.set_column_width(c, INDICATOR_WIDTH)?;
        ws.write_string_with_format(header, c, title, &st.header_wrap)?;
    }
    // Bold headers run about a tenth wider than the plain text the estimate is made for.
    ws.set_row_height(header, super::style::row_height(titles.iter().map(|t| (t.as_str(), INDICATOR_WIDTH * 0.9))))?;
    let note_col = indicator_col(plan.indicators.len().saturating_sub(1)) + 1;
    ws.write_string_with_format(header, note_col, "Anmärkning", &st.header_wrap)?;
    ws.set_column_width(note_col, 22)?;
    // Riket's row stands right under the county's, so the two read together.
    let county_at = view.display.iter().position(|&e| view.entity(e).kind == crate::compute::EntityKind::County);
    let riket_row = header + 1 + county_at.map_or(view.display.len(), |c| c + 1) as u32;
    for (i, &e) in view.display.iter().enumerate() {
        let r = header + 1 + i as u32;
        let r = r + u32::from(r >= riket_row);
        let aggregate = !view.entity(e).is_unit();
        let name = view.listed_name(e);
        // A name with its kommun may need a second line; the figures are top-aligned beside it.
        let lines = super::style::row_height([(name.as_ref(), NAME_WIDTH)]);
        let name_format = match (aggregate, lines > 15.0) {
            (true, _) => &st.bold,
            (false, true) => &st.wrap,
            (false, false) => &st.plain,
        };
        for &c in &firsts {
            ws.write_string_with_format(r, c, name.as_ref(), name_format)?;
        }
        if lines > 15.0 {
            ws.set_row_height(r, lines)?;
        }
        ws.write_string_with_format(r, 1, view.area_of(e), &st.top)?;
        for (k, _) in view.indicators() {
            view.write_value(ws, st, (r, indicator_col(k.0)), CellKey::new(k, e, Sex::Total), true)?;
        }
        if let Some(n) = view.unit_note(e) {
            ws.write_string_with_format(r, note_col, n, &st.note)?;
        }
    }
    // Riket beside the county, for the indicators compared with it; never coloured, as riket has
    // no target outcome of ours.
    let r = riket_row;
    for &c in &firsts {
        ws.write_string_with_format(r, c, "Riket", &st.reference)?;
    }
    for (k, _) in view.indicators() {
        view.write_riket(ws, st, (r, indicator_col(k.0)), k, Sex::Total)?;
    }
    let riket_note = if view.riket_values.given { "– = inget riksvärde" } else { "Inga riksvärden" };
    ws.write_string_with_format(r, note_col, riket_note, &st.note)?;
    ws.set_freeze_panes(header + 1, 1)?;
    print_setup(ws, &view.title, Some((header, header)));
    // Too wide for one page at a readable size: pages of at most six indicators each, printed at
    // 80 % (about 8.8 pt) instead of shrunk to fit. Seven did not fit A4 in LibreOffice, which
    // then broke the page by itself, through the legend merged over the first page.
    ws.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    ws.set_print_scale(80);
    let breaks: Vec<u32> = firsts[1..].iter().map(|&c| c as u32).collect();
    ws.set_vertical_page_breaks(&breaks)?;
    Ok(())
}

/// Width of the units' names (`Skelleftehamns hälsocentral`, `Regiondriven primärvård` in bold).
const NAME_WIDTH: f64 = 34.0;
/// Wide enough for the longest word of an indicator's name in bold (`Telefontillgänglighet`).
const INDICATOR_WIDTH: f64 = 18.0;

/// The column of the k-th indicator (0-based): after Enhet and Närsjukvårdsområde, and after
/// the Enhet column that starts each later printed page.
fn indicator_col(k: usize) -> u16 {
    (2 + k + k / OVERVIEW_PAGE_INDICATORS) as u16
}

/// The Enhet column that starts printed page `page` (1-based later pages: 1, 2, …).
fn name_col(page: usize) -> u16 {
    indicator_col(page * OVERVIEW_PAGE_INDICATORS) - 1
}

/// Indicator columns per printed page of `Översikt` (with the units' names, about 160 characters:
/// A4 landscape at 80 %).
const OVERVIEW_PAGE_INDICATORS: usize = 6;

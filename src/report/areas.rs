//! One sheet per indicator area: for each indicator a block with every unit and aggregate
//! (Kvinnor, Män, Totalt, n, interval, target outcome, last year and change) and a chart of the
//! units' values against the target.

use rust_xlsxwriter::{Chart, ChartFont, ChartType, Worksheet, XlsxError};

use super::style::{print_setup, target_text, Styles};
use super::view::{write_details, DetailColumns, View};
use crate::cell::{CellKey, Sex};

/// Hidden columns holding the chart's numbers (blank where a value is not shown).
const CHART_VALUE_COL: u16 = 12;
const CHART_TARGET_COL: u16 = 13;

pub fn write(ws: &mut Worksheet, st: &Styles, view: &View, area: &str) -> Result<(), XlsxError> {
    let widths = [34.0, 16.0, 10.0, 10.0, 10.0, 9.0, 9.0, 9.0, 20.0, 14.0, 11.0, 22.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_column_hidden(CHART_VALUE_COL)?;
    ws.set_column_hidden(CHART_TARGET_COL)?;
    ws.write_string_with_format(0, 0, area, &st.title)?;
    ws.write_string_with_format(1, 0, &view.title, &st.note)?;
    let sheet_name = ws.name();
    let mut r: u32 = 3;
    let mut breaks = Vec::new();
    for (k, ind) in view.indicators().filter(|(_, i)| i.area == area) {
        if r > 3 {
            breaks.push(r);
        }
        ws.write_string_with_format(r, 0, format!("{} ({})", ind.name, ind.id), &st.heading)?;
        let prev_label = view.previous_label(k);
        ws.write_string_with_format(
            r + 1,
            0,
            format!("Period: {} · Mål: {} · Jämförs med: {prev_label}", view.period_label(k), target_text(ind)),
            &st.note,
        )?;
        let header = r + 2;
        let titles = [
            "Enhet".to_string(),
            "Område".into(),
            "Kvinnor".into(),
            "Män".into(),
            "Totalt".into(),
            "n".into(),
            "KI låg".into(),
            "KI hög".into(),
            "Måluppfyllelse".into(),
            format!("Föregående\n({prev_label})"),
            "Förändring".into(),
            "Anmärkning".into(),
        ];
        ws.set_row_height(header, 32)?;
        for (c, t) in titles.iter().enumerate() {
            ws.write_string_with_format(header, c as u16, t, &st.header_wrap)?;
        }
        let first = header + 1;
        let mut units_last = first;
        for (i, &e) in view.display.iter().enumerate() {
            let row = first + i as u32;
            let entity = view.entity(e);
            if entity.is_unit() {
                units_last = row;
            }
            ws.write_string_with_format(row, 0, &entity.name, if entity.is_unit() { &st.plain } else { &st.bold })?;
            ws.write_string(row, 1, view.area_of(e))?;
            for (c, sex) in [2, 3, 4].into_iter().zip(Sex::ALL) {
                view.write_value(ws, st, (row, c), CellKey::new(k, e, sex), sex == Sex::Total)?;
            }
            if let Some(d) = view.shown(CellKey::new(k, e, Sex::Total)) {
                if let Some(n) = d.n {
                    ws.write_number_with_format(row, 5, n, &st.integer)?;
                }
                write_details(ws, st, row, d, &DetailColumns { interval: 6, outcome: 8, previous: 9 })?;
                if let (Some(v), true) = (d.value, entity.is_unit()) {
                    ws.write_number(row, CHART_VALUE_COL, v)?;
                }
            }
            if let (Some(t), true) = (&ind.target, entity.is_unit()) {
                ws.write_number(row, CHART_TARGET_COL, t.value)?;
            }
            if let Some(n) = view.unit_note(e) {
                ws.write_string_with_format(row, 11, n, &st.note)?;
            }
        }
        let last = first + view.display.len() as u32 - 1;

        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_name("Totalt")
            .set_categories((sheet_name.as_str(), first, 0, units_last, 0))
            .set_values((sheet_name.as_str(), first, CHART_VALUE_COL, units_last, CHART_VALUE_COL));
        if ind.target.is_some() {
            let mut line = Chart::new(ChartType::Line);
            line.add_series()
                .set_name("Mål")
                .set_categories((sheet_name.as_str(), first, 0, units_last, 0))
                .set_values((sheet_name.as_str(), first, CHART_TARGET_COL, units_last, CHART_TARGET_COL));
            chart.combine(&line);
        }
        chart.title().set_name(&format!("{} – hälsocentralerna (Totalt)", ind.name));
        chart.y_axis().set_name(ind.unit.label()).set_num_format("0").set_min(0);
        if ind.unit == crate::plan::ValueUnit::Percent {
            chart.y_axis().set_max(100);
        }
        chart.x_axis().set_font(ChartFont::new().set_size(8).set_rotation(-60));
        chart.show_hidden_data();
        // Below the table rather than beside it, so a printed page stays readable.
        chart.set_width(1100).set_height(560);
        ws.insert_chart(last + 2, 0, &chart)?;
        breaks.push(last + 1);
        r = last + 2 + 30;
    }
    ws.set_page_breaks(&breaks)?;
    ws.set_freeze_panes(3, 1)?;
    print_setup(ws, &view.title, Some((0, 1)));
    Ok(())
}

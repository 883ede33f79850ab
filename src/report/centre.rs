//! One workbook per health centre for its follow-up dialogue: `Indikatorblad` (the centre
//! against its area and the county, by sex, with a chart per indicator area), `Dialogunderlag`
//! (talking points in Swedish built from the data) and `Data` (the centre's and `LÄNET`'s rows).
//! Nothing about other units.

use rust_xlsxwriter::{Chart, ChartType, Worksheet, XlsxError};

use super::style::{print_setup, target_text, Styles};
use super::view::{write_details, DetailColumns, View};
use crate::compute::{DataRow, EntityKind};
use crate::cell::{CellKey, EntityIx, IndicatorIx, Sex};

/// Hidden chart columns: the centre, its area and the county (blank where not shown).
const CHART_COLS: [u16; 3] = [15, 16, 17];

/// The file name: HSA-id, then the name, without characters file systems reject.
pub fn file_name(hsa_id: &str, name: &str) -> String {
    let clean: String =
        name.chars().map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '-' } else { c }).collect();
    format!("{hsa_id} {}.xlsx", clean.trim())
}

/// Indicators in sheet order: by indicator area (the plan's area order), then plan order.
fn indicator_order(view: &View) -> Vec<IndicatorIx> {
    view.plan.areas.iter().flat_map(|a| view.indicators().filter(move |(_, i)| &i.area == a).map(|(k, _)| k)).collect()
}

fn county(view: &View) -> EntityIx {
    let entities = &view.report.current.entities;
    EntityIx(entities.iter().position(|e| e.kind == EntityKind::County).expect("LÄNET is always there"))
}

/// The aggregate of the centre's närsjukvårdsområde.
fn area(view: &View, entity: EntityIx) -> Option<EntityIx> {
    let area_name = view.area_of(entity).to_string();
    view.report.current.entities.iter().position(|e| e.kind == EntityKind::Area(area_name.clone())).map(EntityIx)
}

/// The centre's and `LÄNET`'s rows of the `Data` sheet.
pub fn data_sheet(ws: &mut Worksheet, view: &View, entity: EntityIx) -> Result<(), XlsxError> {
    let county = county(view);
    let rows: Vec<&DataRow> = view.rows.iter().filter(|r| r.entity == entity || r.entity == county).collect();
    super::data_sheet::write(ws, view.plan, &view.report.current, &rows, "Data")?;
    print_setup(ws, &view.title, Some((0, 0)));
    Ok(())
}

fn heading_lines(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx, what: &str) -> Result<u32, XlsxError> {
    let e = view.entity(entity);
    ws.write_string_with_format(0, 0, format!("{} – {what}", e.name), &st.title)?;
    ws.write_string(1, 0, &view.title)?;
    let EntityKind::Unit(u) = e.kind else { unreachable!("centre workbooks are for units") };
    let unit = &view.units.list[u];
    let mut info = format!("HSA-id {} · {} · regi {}", unit.hsa_id, unit.area, unit.regi.label());
    if unit.sjukstuga {
        info.push_str(" · sjukstuga");
    }
    if let Some(n) = view.unit_note(entity) {
        info.push_str(&format!(" · {n}"));
    }
    ws.write_string_with_format(2, 0, info, &st.note)?;
    Ok(4)
}

pub fn indicator_sheet(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx) -> Result<(), XlsxError> {
    let (area, county) = (area(view, entity), county(view));
    let widths = [22.0, 52.0, 24.0, 10.0, 10.0, 10.0, 9.0, 9.0, 24.0, 20.0, 11.0, 11.0, 12.0, 12.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for c in CHART_COLS {
        ws.set_column_hidden(c)?;
    }
    let header = heading_lines(ws, st, view, entity, "Indikatorblad")?;
    let area_label = format!("Område {}", view.area_of(entity));
    let titles = [
        "Indikatorområde",
        "Indikator",
        "Period",
        "Kvinnor",
        "Män",
        "Totalt",
        "KI låg",
        "KI hög",
        "Mål",
        "Måluppfyllelse",
        "Föregående",
        "Förändring",
        area_label.as_str(),
        "Länet",
    ];
    ws.set_row_height(header, 32)?;
    for (c, t) in titles.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, *t, &st.header_wrap)?;
    }
    let sheet = ws.name();
    let order = indicator_order(view);
    let mut area_rows: Vec<(String, u32, u32)> = Vec::new();
    for (i, &k) in order.iter().enumerate() {
        let ind = view.indicator(k);
        let r = header + 1 + i as u32;
        let total = |e| CellKey::new(k, e, Sex::Total);
        match area_rows.last_mut() {
            Some((a, _, last)) if *a == ind.area => *last = r,
            _ => area_rows.push((ind.area.clone(), r, r)),
        }
        ws.write_string(r, 0, &ind.area)?;
        ws.write_string(r, 1, &ind.name)?;
        ws.write_string(r, 2, view.period_label(k))?;
        view.write_value(ws, st, (r, 3), CellKey::new(k, entity, Sex::Women), false)?;
        view.write_value(ws, st, (r, 4), CellKey::new(k, entity, Sex::Men), false)?;
        view.write_value(ws, st, (r, 5), total(entity), true)?;
        ws.write_string(r, 8, target_text(ind))?;
        if let Some(d) = view.shown(total(entity)) {
            write_details(ws, st, r, d, view.certain(total(entity)), &DetailColumns { interval: 6, outcome: 9, previous: 10 })?;
        }
        if let Some(a) = area {
            view.write_value(ws, st, (r, 12), total(a), false)?;
        }
        view.write_value(ws, st, (r, 13), total(county), false)?;
        for (c, e) in CHART_COLS.iter().zip([Some(entity), area, Some(county)]) {
            if let Some(v) = e.and_then(|e| view.value(total(e))) {
                ws.write_number(r, *c, v)?;
            }
        }
    }
    let mut r = header + 1 + order.len() as u32 + 1;
    ws.write_string_with_format(
        r,
        0,
        format!(
            "Värden i procent, utom indikatorer per 1000. {} {}",
            super::style::OUTCOME_LEGEND,
            super::style::MISSING_LEGEND
        ),
        &st.note,
    )?;
    r += 2;
    // One chart per indicator area: the centre against its area and the county.
    let names = [view.entity_name(entity).to_string(), area_label.clone(), "Länet".to_string()];
    for (i, (area_name, first, last)) in area_rows.iter().enumerate() {
        let mut chart = Chart::new(ChartType::Column);
        for (c, name) in CHART_COLS.iter().zip(&names) {
            chart
                .add_series()
                .set_name(name.as_str())
                .set_categories((sheet.as_str(), *first, 1, *last, 1))
                .set_values((sheet.as_str(), *first, *c, *last, *c));
        }
        chart.title().set_name(area_name.as_str());
        chart.y_axis().set_num_format("0").set_min(0);
        let all_percent = order
            .iter()
            .filter(|&&k| &view.indicator(k).area == area_name)
            .all(|&k| view.indicator(k).unit == crate::plan::ValueUnit::Percent);
        if all_percent {
            chart.y_axis().set_max(100);
        }
        chart.show_hidden_data();
        chart.set_width(900).set_height(340);
        ws.insert_chart(r + i as u32 * 19, 0, &chart)?;
    }
    ws.set_freeze_panes(header + 1, 2)?;
    print_setup(ws, &view.title, Some((header, header)));
    Ok(())
}

pub fn trend_sheet(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx) -> Result<(), XlsxError> {
    let r = heading_lines(ws, st, view, entity, "Utveckling")?;
    super::trend::write(ws, st, view, entity, r)
}

pub fn dialogue_sheet(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx) -> Result<(), XlsxError> {
    const WIDTH: f64 = 130.0;
    ws.set_column_width(0, WIDTH)?;
    let mut r = heading_lines(ws, st, view, entity, "Underlag för uppföljningsdialog")?;
    let rule = st.note.clone().set_text_wrap();
    // Each wrapped line gets the height its text needs, so nothing overprints the next.
    let line = |ws: &mut Worksheet, r: &mut u32, text: &str, format: &rust_xlsxwriter::Format| -> Result<(), XlsxError> {
        ws.write_string_with_format(*r, 0, text, format)?;
        ws.set_row_height(*r, super::style::row_height([(text, WIDTH)]))?;
        *r += 1;
        Ok(())
    };
    for section in super::dialogue::agenda(view, entity) {
        ws.write_string_with_format(r, 0, section.heading, &st.heading)?;
        r += 1;
        if let Some(text) = &section.rule {
            line(ws, &mut r, text, &rule)?;
        }
        for (n, point) in section.points.iter().enumerate() {
            let mark = if section.numbered { format!("{}.", n + 1) } else { "•".to_string() };
            line(ws, &mut r, &format!("{mark} {}", point.text), &st.wrap)?;
            for detail in &point.details {
                line(ws, &mut r, &format!("      – {detail}"), &st.wrap)?;
            }
        }
        if let Some(text) = &section.footer {
            line(ws, &mut r, text, &st.wrap)?;
        }
        r += 1;
    }
    print_setup(ws, &view.title, None);
    Ok(())
}

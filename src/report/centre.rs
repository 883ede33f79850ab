//! One workbook per health centre for its follow-up dialogue: `Indikatorblad` (the centre
//! against its area and the county, by sex, with a chart per indicator area), `Dialogunderlag`
//! (talking points in Swedish built from the data) and `Data` (the centre's and `LÄNET`'s rows).
//! Nothing about other units.

use rust_xlsxwriter::{
    Chart, ChartFont, ChartFormat, ChartLine, ChartMarker, ChartMarkerType, ChartSolidFill, ChartType, Worksheet, XlsxError,
};

use super::style::{print_setup, Styles};
use super::view::{write_details, DetailColumns, View};
use crate::compute::{DataRow, EntityKind};
use crate::cell::{CellKey, EntityIx, IndicatorIx, Sex};

/// Hidden chart columns: the centre, its area and the county (blank where not shown), and the
/// indicator's target.
const CHART_COLS: [u16; 3] = [20, 21, 22];
const CHART_TARGET_COL: u16 = 23;

/// The file name: HSA-id, then the name, without characters file systems reject, and the name
/// cut to `NAME_BYTES` bytes (whole characters): file systems take 255 bytes a name, and the
/// HSA-id keeps two centres' files apart however their names begin.
pub fn file_name(hsa_id: &str, name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() { '-' } else { c })
        .collect();
    let mut cut = String::new();
    for c in clean.trim().chars() {
        if cut.len() + c.len_utf8() > NAME_BYTES {
            break;
        }
        cut.push(c);
    }
    format!("{hsa_id} {}.xlsx", cut.trim_end())
}

/// Room for a centre's name in its file name: with the HSA-id, `.xlsx` and the temporary
/// name's `.` and `.tmp`, well under 255 bytes.
const NAME_BYTES: usize = 150;

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

/// The sheet's title, the report and the centre's particulars in rows 0–2 of each column of
/// `at` (the first column of each printed page); returns the header row.
fn heading_lines(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx, what: &str, at: &[u16]) -> Result<u32, XlsxError> {
    let e = view.entity(entity);
    let EntityKind::Unit(u) = e.kind else { unreachable!("centre workbooks are for units") };
    let unit = &view.units.list[u];
    let mut info = format!("HSA-id {} · {} · regi {}", unit.hsa_id, unit.area, unit.regi.label());
    if let Some(kommun) = &unit.kommun {
        // `Umeå` reads `Umeå kommun`; a register that already says `Umeå kommun` is left as it is.
        let said = if kommun.to_lowercase().ends_with("kommun") { kommun.clone() } else { format!("{kommun} kommun") };
        info.push_str(&format!(" · {said}"));
    }
    if unit.sjukstuga {
        info.push_str(" · sjukstuga");
    }
    if let Some(n) = view.unit_note(entity) {
        info.push_str(&format!(" · {n}"));
    }
    for &c in at {
        ws.write_string_with_format(0, c, format!("{} – {what}", e.name), &st.title)?;
        ws.write_string(1, c, &view.title)?;
        ws.write_string_with_format(2, c, &info, &st.note)?;
    }
    Ok(4)
}

/// `Indikatorblad` columns: the first printed page holds the indicator with its values by sex
/// (each with its n), interval, target and outcome; the second the indicator again, last year,
/// the change, the area and the county. The second page's own indicator column, rather than
/// column A repeated in print, keeps the headings that run on from column A off that page
/// instead of printing them cut at column A's edge.
const SHEET_WIDTHS: [f64; 20] =
    [36.0, 16.0, 9.0, 6.0, 9.0, 6.0, 10.0, 6.0, 7.0, 7.0, 14.0, 22.0, 36.0, 11.0, 11.0, 21.0, 15.0, 12.0, 10.0, 13.0];
/// Riket's Totalt beside the county's, for the indicators compared with riket.
const RIKET_COL: u16 = 18;
/// The centre's svarsfrekvens beside its NPE indicators.
const RESPONSE_COL: u16 = 19;
const SECOND_PAGE: u16 = 12;
/// Value and n columns per sex.
const SEX_VALUE_COLS: [(u16, u16); 3] = [(2, 3), (4, 5), (6, 7)];
/// The centre, its area, the county, and the target: dark blue, light blue and grey bars that
/// stay apart in greyscale and are none of the outcome colours; the target a black dash.
const CHART_COLOURS: [&str; 3] = ["#1F4E79", "#9DC3E6", "#A6A6A6"];

pub fn indicator_sheet(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx) -> Result<(), XlsxError> {
    let (area, county) = (area(view, entity), county(view));
    for (c, w) in SHEET_WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for c in CHART_COLS.into_iter().chain([CHART_TARGET_COL]) {
        ws.set_column_hidden(c)?;
    }
    let header = heading_lines(ws, st, view, entity, "Indikatorblad", &[0, SECOND_PAGE])?;
    let area_label = format!("Område {}", view.area_of(entity));
    let titles = [
        "Indikator",
        "Period",
        "Kvinnor",
        "n",
        "Män",
        "n",
        "Totalt",
        "n",
        "KI låg",
        "KI hög",
        "Mål",
        "Måluppfyllelse",
        "Indikator",
        "Föregående",
        "Förändring",
        "Förändringen prövad",
        area_label.as_str(),
        "Länet",
        "Riket",
        "Svarsfrekvens",
    ];
    ws.set_row_height(header, super::style::row_height(titles.iter().zip(SHEET_WIDTHS).map(|(t, w)| (*t, w))).max(32.0))?;
    for (c, t) in titles.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, *t, &st.header_wrap)?;
    }
    let sheet = ws.name();
    // Mål left with an indent, apart from KI hög's number before it (`85,4  ≥ 90 %` read as one).
    let target_format = st.wrap.clone().set_align(rust_xlsxwriter::FormatAlign::Left).set_indent(1);
    // Rows by indicator area, each area under a heading row; charts per area and unit.
    let mut groups: Vec<(String, crate::plan::ValueUnit, Vec<u32>, bool)> = Vec::new();
    let mut r = header + 1;
    let mut current_area: Option<&str> = None;
    let mut order = indicator_order(view);
    // Within an area, percentages before rates, so each chart's indicators are adjacent rows.
    order.sort_by_key(|&k| {
        let ind = view.indicator(k);
        (view.plan.areas.iter().position(|a| *a == ind.area), ind.unit != crate::plan::ValueUnit::Percent)
    });
    for k in order {
        let ind = view.indicator(k);
        if current_area != Some(ind.area.as_str()) {
            ws.merge_range(r, 0, r, SECOND_PAGE - 1, &ind.area, &st.heading)?;
            ws.write_string_with_format(r, SECOND_PAGE, &ind.area, &st.heading)?;
            current_area = Some(&ind.area);
            r += 1;
        }
        match groups.iter_mut().find(|(a, u, ..)| *a == ind.area && *u == ind.unit) {
            Some((_, _, rows, targets)) => {
                rows.push(r);
                *targets |= ind.target.is_some();
            }
            None => groups.push((ind.area.clone(), ind.unit, vec![r], ind.target.is_some())),
        }
        let total = |e| CellKey::new(k, e, Sex::Total);
        for c in [0, SECOND_PAGE] {
            ws.write_string_with_format(r, c, &ind.name, &st.wrap)?;
        }
        let period = view.period_label_of(k, entity);
        ws.write_string_with_format(r, 1, &period, &st.wrap)?;
        let lines = [(ind.name.as_str(), SHEET_WIDTHS[0]), (period.as_str(), SHEET_WIDTHS[1]), ("≥ 90 %\ndelvis ≥ 80 %", 16.0)];
        ws.set_row_height(r, super::style::row_height(lines))?;
        for ((c, n_col), sex) in SEX_VALUE_COLS.into_iter().zip(Sex::ALL) {
            let key = CellKey::new(k, entity, sex);
            view.write_value(ws, st, (r, c), key, sex == Sex::Total)?;
            if let Some(n) = view.shown(key).and_then(|d| d.n) {
                ws.write_number_with_format(r, n_col, n, &st.integer)?;
            }
        }
        let target = match super::style::target_parts(ind) {
            Some((goal, partly)) => format!("{goal}\ndelvis {partly}"),
            None => super::style::NO_TARGET.to_string(),
        };
        ws.write_string_with_format(r, 10, &target, &target_format)?;
        if let Some(d) = view.shown(total(entity)) {
            write_details(ws, st, r, d, view.certain(total(entity)), view.shown_change(total(entity)), &DetailColumns { interval: 8, outcome: 11, previous: 13 })?;
        }
        if let Some(a) = area {
            view.write_value(ws, st, (r, 16), total(a), false)?;
        }
        view.write_value(ws, st, (r, 17), total(county), false)?;
        view.write_riket(ws, st, (r, RIKET_COL), k, Sex::Total)?;
        view.write_response_rate(ws, st, (r, RESPONSE_COL), total(entity))?;
        for (c, e) in CHART_COLS.iter().zip([Some(entity), area, Some(county)]) {
            if let Some(v) = e.and_then(|e| view.value(total(e))) {
                ws.write_number(r, *c, v)?;
            }
        }
        if let Some(t) = &ind.target {
            ws.write_number(r, CHART_TARGET_COL, t.value)?;
        }
        r += 1;
    }
    r += 1;
    let mut legend = format!(
        "Värden i procent, utom indikatorer per 1000. n: antal observationer; KI: 95-procentigt konfidensintervall för \
         Totalt. {} {}",
        super::style::OUTCOME_LEGEND,
        super::style::MISSING_LEGEND
    );
    legend.push(' ');
    legend.push_str(super::style::RIKET_LEGEND);
    if view.indicators().any(|(_, i)| i.kind == crate::plan::Kind::Survey) {
        legend.push(' ');
        legend.push_str(&view.response_legend());
    }
    super::style::notes_below(ws, r, &SHEET_WIDTHS[..SECOND_PAGE as usize], &[(legend, &st.note)])?;
    r += 2;
    // One chart per indicator area and unit (never % and per 1000 on one axis): the centre
    // against its area and the county, the target as a dash.
    let names = [view.entity_name(entity).to_string(), area_label.clone(), "Länet".to_string()];
    for (i, (area_name, unit, rows, targets)) in groups.iter().enumerate() {
        let (first, last) = (rows[0], *rows.last().expect("a group has rows"));
        let mut chart = Chart::new(ChartType::Column);
        for ((c, name), colour) in CHART_COLS.iter().zip(&names).zip(CHART_COLOURS) {
            chart
                .add_series()
                .set_name(name.as_str())
                .set_categories((sheet.as_str(), first, 0, last, 0))
                .set_values((sheet.as_str(), first, *c, last, *c))
                .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(colour)));
        }
        if *targets {
            let mut line = Chart::new(ChartType::Line);
            line.add_series()
                .set_name("Mål")
                .set_categories((sheet.as_str(), first, 0, last, 0))
                .set_values((sheet.as_str(), first, CHART_TARGET_COL, last, CHART_TARGET_COL))
                .set_format(ChartFormat::new().set_no_line())
                .set_marker(
                    ChartMarker::new()
                        .set_type(ChartMarkerType::LongDash)
                        .set_size(14)
                        .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color("#000000")).set_line(ChartLine::new().set_color("#000000"))),
                );
            chart.combine(&line);
        }
        let font = ChartFont::new().set_size(10).clone();
        let title = if groups.iter().filter(|(a, ..)| a == area_name).count() > 1 {
            format!("{area_name} ({})", unit.label())
        } else {
            area_name.clone()
        };
        chart.title().set_name(&title);
        chart.title().set_font(&ChartFont::new().set_size(12).set_bold());
        chart.y_axis().set_name(unit.label()).set_name_font(&font).set_font(&font).set_num_format("0").set_min(0);
        if *unit == crate::plan::ValueUnit::Percent {
            chart.y_axis().set_max(100);
        }
        chart.x_axis().set_font(&font);
        chart.legend().set_font(&font).set_position(rust_xlsxwriter::ChartLegendPosition::Top);
        chart.show_hidden_data();
        chart.set_width(900).set_height(340);
        chart.set_alt_text(format!("Stapeldiagram: {title}, hälsocentralen jämförd med området och länet, med målen som streck."));
        ws.insert_chart(r + i as u32 * 19, 0, &chart)?;
    }
    ws.set_freeze_panes(header + 1, 1)?;
    print_setup(ws, &view.title, Some((header, header)));
    ws.set_vertical_page_breaks(&[SECOND_PAGE as u32])?;
    // Over, then down: the table's second page comes right after its first, before the charts.
    ws.set_page_order(false);
    // Page 1's columns (about 1,100 pixels) fit A4 landscape at 85 %: 11 pt text prints at 9.4 pt.
    ws.set_print_scale(85);
    Ok(())
}

pub fn trend_sheet(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx) -> Result<(), XlsxError> {
    let r = heading_lines(ws, st, view, entity, "Utveckling", &[0])?;
    super::trend::write(ws, st, view, entity, r)
}

pub fn dialogue_sheet(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx) -> Result<(), XlsxError> {
    const WIDTH: f64 = 130.0;
    ws.set_column_width(0, WIDTH)?;
    let mut r = heading_lines(ws, st, view, entity, "Underlag för uppföljningsdialog", &[0])?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_safe_and_short_enough() {
        assert_eq!(file_name("SE1-A1", "Alfa/Beta: vård?"), "SE1-A1 Alfa-Beta- vård-.xlsx");
        assert_eq!(file_name("SE1-A1", "Rad\nbrytning"), "SE1-A1 Rad-brytning.xlsx");
        // 200 × "å" is 400 bytes: cut to 75 whole characters (150 bytes).
        let long = file_name("SE1-A1", &"å".repeat(200));
        assert_eq!(long, format!("SE1-A1 {}.xlsx", "å".repeat(75)));
        assert!(long.len() + ".tmp".len() + 1 <= 255);
    }
}

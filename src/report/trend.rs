//! A centre's `Utveckling` sheet: per indicator its months this year and last year beside the
//! county's (survey indicators: the survey years), a line chart per indicator area and unit kind,
//! and the course told with figures — first and last month shown, lowest and highest, and the
//! change against last year with its test — never with trend words that no test backs.

use rust_xlsxwriter::{Chart, ChartEmptyCells, ChartFont, ChartLine, ChartLineDashType, ChartMarker, ChartMarkerType, ChartType, Worksheet, XlsxError};

use super::style::{print_setup, status_symbol, sv_change, sv_value, Styles};
use super::view::View;
use crate::cell::{CellKey, EntityIx, IndicatorIx, Sex};
use crate::compute::period::MONTH_ABBREVIATIONS;
use crate::compute::{values, EntityKind, MonthRow, Point};
use crate::disclosure::Status;
use crate::plan::{Kind, ValueUnit};

/// First column of the values; hidden copies for the charts start at `CHART_COL`.
const FIRST_VALUE_COL: u16 = 2;
const CHART_COL: u16 = 20;
/// Line colours per indicator in a chart: distinct in greyscale too, none of the outcome colours.
const COLOURS: [&str; 5] = ["#1F4E79", "#7F6000", "#5B2C6F", "#404040", "#0E6655"];

const LEGEND: &str = "Värden per månad i år och i fjol, och för patientenkäten per enkätår. Månader som inte visas är \
     luckor i diagrammen, aldrig nollor. Förändringen mot i fjol är prövad statistiskt (95 %): Förbättring, Försämring eller \
     Ingen säker förändring.";

/// The change of a shown Totalt cell against last year as a sentence, e.g. `Jämfört med 2025
/// jan–dec: 84,0 % → 85,1 % (+1,1 procentenheter), Ingen säker förändring.`; None when this
/// year's or last year's value is not shown.
pub fn change_sentence(view: &View, key: CellKey) -> Option<(String, values::Change)> {
    let ind = view.indicator(key.indicator);
    let row = view.shown(key)?;
    let (v, p) = (row.value?, row.previous?);
    // The difference of the two figures as shown (`View::shown_change`), so the sentence's
    // numbers add up.
    let (difference, change) = view.shown_change(key)?;
    let then = view.previous_obs(key)?;
    let shown = |o: &crate::compute::Obs, v: f64| o.rounded_tenths(ind.unit).map_or(v, |t| t as f64 / 10.0);
    let (v, p) = (shown(view.obs(key), v), shown(then, p));
    let text = format!(
        "Jämfört med {}: {} → {} ({}), {}.",
        view.previous_label(key.indicator),
        sv_value(p, ind.unit),
        sv_value(v, ind.unit),
        sv_change(difference, ind.unit),
        change.label()
    );
    Some((text, change))
}

/// The course of a cell this year in figures: a flow or status indicator's months this year,
/// a survey indicator's survey years.
pub fn course_of(view: &View, key: CellKey) -> String {
    let unit = view.indicator(key.indicator).unit;
    let rows = view.months(key);
    if view.indicator(key.indicator).kind == Kind::Survey {
        let all: Vec<&MonthRow> = rows.iter().collect();
        return course(&shown(&all), unit, false);
    }
    let year = view.report.current.period.year;
    let this_year: Vec<&MonthRow> =
        rows.iter().filter(|m| matches!(m.point, Point::Month(mo) if mo.year() == year)).collect();
    course(&shown(&this_year), unit, true)
}

/// The shown points of a series: (label, value).
fn shown(rows: &[&MonthRow]) -> Vec<(String, f64)> {
    rows.iter().filter(|r| r.status == Status::Shown).filter_map(|r| Some((point_label(r.point), r.value?))).collect()
}

fn point_label(p: Point) -> String {
    match p {
        Point::Month(m) => MONTH_ABBREVIATIONS[m.month() as usize - 1].to_string(),
        Point::Survey(y) => format!("NPE {y}"),
    }
}

/// The course of this year's points in figures.
fn course(points: &[(String, f64)], unit: ValueUnit, months: bool) -> String {
    let Some(((first_p, first_v), (last_p, last_v))) = points.first().zip(points.last()) else {
        return if months { "Ingen månad i år kan visas.".into() } else { "Inget enkätår kan visas.".into() };
    };
    if !months {
        let all: Vec<String> = points.iter().map(|(p, v)| format!("{p} {}", sv_value(*v, unit))).collect();
        return format!("{}.", all.join(", "));
    }
    let low = points.iter().min_by(|a, b| a.1.total_cmp(&b.1)).expect("points");
    let high = points.iter().max_by(|a, b| a.1.total_cmp(&b.1)).expect("points");
    format!(
        "Första visade månad {first_p} {}, sista {last_p} {}; lägst {} ({}), högst {} ({}).",
        sv_value(*first_v, unit),
        sv_value(*last_v, unit),
        sv_value(low.1, unit),
        low.0,
        sv_value(high.1, unit),
        high.0
    )
}

pub fn write(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx, header_rows: u32) -> Result<(), XlsxError> {
    let year = view.report.current.period.year;
    let last_month = view.report.current.period.kind.last_month();
    // Narrow enough that the sheet prints at about 80 %, its 11 pt text at 8 pt or more.
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 18)?;
    for c in 0..12u16 {
        ws.set_column_width(FIRST_VALUE_COL + c, 8.0)?;
        ws.set_column_hidden(CHART_COL + c)?;
    }
    let mut r = header_rows;
    let note = st.note.clone().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    let legend = format!("{LEGEND} {}", super::style::MISSING_LEGEND);
    ws.merge_range(r, 0, r, FIRST_VALUE_COL + 11, &legend, &note)?;
    ws.set_row_height(r, super::style::row_height([(legend.as_str(), 30.0 + 18.0 + 12.0 * 8.0)]))?;
    r += 2;
    let county = EntityIx(
        view.report.current.entities.iter().position(|e| e.kind == EntityKind::County).expect("LÄNET is always there"),
    );
    let sheet = ws.name();
    let mut breaks = Vec::new();
    let right = st.header.clone().set_align(rust_xlsxwriter::FormatAlign::Right);
    let name_format = st.bold.clone().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    for area in &view.plan.areas {
        let in_area: Vec<IndicatorIx> = view.indicators().filter(|(_, i)| &i.area == area).map(|(k, _)| k).collect();
        if in_area.is_empty() {
            continue;
        }
        if r > header_rows + 2 {
            breaks.push(r);
        }
        ws.write_string_with_format(r, 0, area, &st.heading)?;
        r += 1;
        let (monthly, survey): (Vec<IndicatorIx>, Vec<IndicatorIx>) =
            in_area.into_iter().partition(|&k| view.indicator(k).kind != Kind::Survey);
        // Chart series per unit kind: (indicator name, row of the centre's and the county's values).
        let mut series: Vec<(ValueUnit, String, u32, u32)> = Vec::new();
        if !monthly.is_empty() {
            ws.write_string_with_format(r, 0, "Indikator", &st.header)?;
            ws.write_string_with_format(r, 1, "", &st.header)?;
            for m in 0..last_month {
                ws.write_string_with_format(r, FIRST_VALUE_COL + m as u16, MONTH_ABBREVIATIONS[m as usize], &right)?;
                ws.write_string(r, CHART_COL + m as u16, MONTH_ABBREVIATIONS[m as usize])?;
            }
            let header = r;
            r += 1;
            for &k in &monthly {
                let ind = view.indicator(k);
                let cell = |e| view.months(CellKey::new(k, e, Sex::Total));
                let rows = [
                    (format!("Hälsocentralen {year}"), cell(entity), year),
                    (format!("Hälsocentralen {}", year - 1), cell(entity), year - 1),
                    (format!("Länet {year}"), cell(county), year),
                    (format!("Länet {}", year - 1), cell(county), year - 1),
                ];
                // The name wraps over the indicator's rows rather than running under the labels.
                ws.merge_range(r, 0, r + 3, 0, &format!("{}, {}", ind.name, ind.unit.symbol()), &name_format)?;
                for (i, (label, cells, y)) in rows.iter().enumerate() {
                    let row = r + i as u32;
                    ws.write_string(row, 1, label)?;
                    for m in cells.iter().filter(|m| matches!(m.point, Point::Month(mo) if mo.year() == *y)) {
                        let Point::Month(mo) = m.point else { continue };
                        let c = FIRST_VALUE_COL + mo.month() as u16 - 1;
                        match (m.status, m.value) {
                            (Status::Shown, Some(v)) => {
                                ws.write_number_with_format(row, c, v, &st.value)?;
                                if *y == year {
                                    ws.write_number(row, CHART_COL + mo.month() as u16 - 1, v)?;
                                }
                            }
                            (status, _) => {
                                ws.write_string_with_format(row, c, status_symbol(status), &st.symbol)?;
                            }
                        }
                    }
                }
                let mut text = course_of(view, CellKey::new(k, entity, Sex::Total));
                if let Some((change, _)) = change_sentence(view, CellKey::new(k, entity, Sex::Total)) {
                    text.push(' ');
                    text.push_str(&change);
                }
                ws.merge_range(r + 4, 1, r + 4, FIRST_VALUE_COL + 11, &text, &st.wrap)?;
                ws.set_row_height(r + 4, 30)?;
                series.push((ind.unit, ind.name.clone(), r, r + 2));
                r += 6;
            }
            let units: Vec<ValueUnit> = series.iter().map(|s| s.0).fold(Vec::new(), |mut v, u| {
                if !v.contains(&u) {
                    v.push(u);
                }
                v
            });
            // The charts start a page of their own (two fit on one), so none is cut by a break.
            breaks.push(r);
            for unit in units {
                let chart = line_chart(&sheet, area, unit, header, last_month, series.iter().filter(|s| s.0 == unit));
                ws.insert_chart(r, 0, &chart)?;
                r += 19;
            }
        }
        if !survey.is_empty() {
            let years: Vec<Point> = {
                let mut ps: Vec<Point> = survey
                    .iter()
                    .flat_map(|&k| view.months(CellKey::new(k, entity, Sex::Total)).iter().map(|m| m.point))
                    .collect();
                ps.sort();
                ps.dedup();
                ps
            };
            ws.write_string_with_format(r, 0, "Indikator (patientenkäten)", &st.header)?;
            ws.write_string_with_format(r, 1, "", &st.header)?;
            for (i, p) in years.iter().enumerate() {
                ws.write_string_with_format(r, FIRST_VALUE_COL + i as u16, point_label(*p), &right)?;
            }
            r += 1;
            for &k in &survey {
                let ind = view.indicator(k);
                ws.merge_range(r, 0, r + 1, 0, &format!("{}, {}", ind.name, ind.unit.symbol()), &name_format)?;
                for (i, (label, e)) in [("Hälsocentralen", entity), ("Länet", county)].into_iter().enumerate() {
                    let row = r + i as u32;
                    ws.write_string(row, 1, label)?;
                    for m in view.months(CellKey::new(k, e, Sex::Total)) {
                        let Some(c) = years.iter().position(|p| *p == m.point) else { continue };
                        let c = FIRST_VALUE_COL + c as u16;
                        match (m.status, m.value) {
                            (Status::Shown, Some(v)) => ws.write_number_with_format(row, c, v, &st.value)?,
                            (status, _) => ws.write_string_with_format(row, c, status_symbol(status), &st.symbol)?,
                        };
                    }
                }
                let mut text = course_of(view, CellKey::new(k, entity, Sex::Total));
                if let Some((change, _)) = change_sentence(view, CellKey::new(k, entity, Sex::Total)) {
                    text.push(' ');
                    text.push_str(&change);
                }
                ws.merge_range(r + 2, 1, r + 2, FIRST_VALUE_COL + 11, &text, &st.wrap)?;
                ws.set_row_height(r + 2, 30)?;
                r += 4;
            }
        }
        r += 1;
    }
    ws.set_page_breaks(&breaks)?;
    print_setup(ws, &view.title, None);
    Ok(())
}

/// This year's months of an area's indicators of one unit kind: the centre solid, the county
/// dashed, one colour per indicator; hidden months are gaps.
fn line_chart<'a>(
    sheet: &str,
    area: &str,
    unit: ValueUnit,
    header: u32,
    last_month: u32,
    series: impl Iterator<Item = &'a (ValueUnit, String, u32, u32)>,
) -> Chart {
    let mut chart = Chart::new(ChartType::Line);
    let last_col = CHART_COL + last_month as u16 - 1;
    for (i, (_, name, centre_row, county_row)) in series.enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        for (row, who, dash) in [(*centre_row, "hälsocentralen", ChartLineDashType::Solid), (*county_row, "länet", ChartLineDashType::Dash)] {
            chart
                .add_series()
                .set_name(&format!("{name} – {who}"))
                .set_categories((sheet, header, CHART_COL, header, last_col))
                .set_values((sheet, row, CHART_COL, row, last_col))
                .set_format(rust_xlsxwriter::ChartFormat::new().set_line(ChartLine::new().set_color(colour).set_width(2.0).set_dash_type(dash)))
                .set_marker(
                    ChartMarker::new()
                        .set_type(if dash == ChartLineDashType::Solid { ChartMarkerType::Circle } else { ChartMarkerType::Square })
                        .set_size(6)
                        .set_format(rust_xlsxwriter::ChartFormat::new().set_solid_fill(rust_xlsxwriter::ChartSolidFill::new().set_color(colour))),
                );
        }
    }
    let mut font = ChartFont::new();
    font.set_size(12);
    chart.title().set_name(&format!("{area} – hälsocentralen och länet per månad ({})", unit.symbol()));
    chart.title().set_font(&ChartFont::new().set_size(14).set_bold());
    // Below the plot: an area with several indicators has a long legend.
    chart.legend().set_font(&font).set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    chart.x_axis().set_name("Månad").set_name_font(&font).set_font(&font);
    chart.y_axis().set_name(&format!("Värde, {}", unit.label())).set_name_font(&font).set_font(&font).set_num_format("0");
    chart.show_empty_cells_as(ChartEmptyCells::Gaps);
    chart.show_hidden_data();
    chart.set_width(900).set_height(380);
    chart.set_alt_text(format!("Linjediagram: {area}, hälsocentralens och länets värden per månad i år."));
    chart
}

//! One sheet per indicator area: for each indicator a block with every unit and aggregate
//! (Kvinnor, Män, Totalt, n, interval, target outcome, last year and change, position against
//! the county), a chart of the units' values against the target, and a funnel plot of the units
//! against the county's control limits.

use rust_xlsxwriter::{
    Chart, ChartFont, ChartFormat, ChartLine, ChartLineDashType, ChartMarker, ChartMarkerType, ChartType, Worksheet, XlsxError,
};

use super::style::{print_setup, target_text, Styles};
use super::view::{write_details, DetailColumns, View};
use crate::cell::{CellKey, IndicatorIx, Sex};

/// Visible columns: Enhet, Område, then value, n and interval for Kvinnor, Män and Totalt (the
/// first printed page), then Enhet again and the Totalt's outcome, last year, change, position
/// and note (the second page). The second page's own Enhet column, rather than column A repeated
/// in print, keeps the title, legend and headings, which run on from column A, off that page
/// instead of printing them cut at column A's edge.
const WIDTHS: [f64; 22] = [
    32.0, 14.0, 8.0, 7.0, 7.0, 7.0, 8.0, 7.0, 7.0, 7.0, 9.0, 7.0, 7.0, 7.0, 27.0, 22.0, 13.0, 11.0, 21.0, 16.0, 11.0, 15.0,
];
/// The first column of each sex's four (value, n, KI låg, KI hög).
const SEX_COLS: [u16; 3] = [2, 6, 10];
/// The first column of the second printed page: Enhet again.
const SECOND_PAGE: u16 = 14;
const OUTCOME_COL: u16 = 15;
/// Last year's value, then the change and its test.
const PREVIOUS_COL: u16 = 16;
const POSITION_COL: u16 = 19;
/// Svarsfrekvens beside an NPE indicator's Totalt (empty for other indicators).
const RESPONSE_COL: u16 = 20;
const NOTE_COL: u16 = 21;
/// Hidden columns holding the chart's numbers (blank where a value is not shown): the unit's
/// name with its n, its value and the target.
const CHART_LABEL_COL: u16 = 23;
const CHART_VALUE_COL: u16 = 24;
const CHART_TARGET_COL: u16 = 25;
/// The funnel's hidden columns: the units' n and value, then the limits over a grid of n.
const FUNNEL_N_COL: u16 = 26;
const FUNNEL_VALUE_COL: u16 = 27;
const FUNNEL_GRID_COL: u16 = 28;
/// Lower 99.8 %, lower 95 %, county, upper 95 %, upper 99.8 %, after the grid column.
const FUNNEL_LINES: [(&str, u16); 5] =
    [("99,8 %-gräns", 29), ("95 %-gräns", 30), ("Länet", 31), ("95 %-gräns", 32), ("99,8 %-gräns", 33)];
/// Riket's value along the grid, the funnel's second line where the indicator is compared.
const FUNNEL_RIKET_COL: u16 = 34;
/// Charts as wide as the first printed page (its columns are about 1,000 pixels).
const CHART_WIDTH: u32 = 990;
const CHART_HEIGHT: u32 = 500;
/// Bars in a blue-grey that is none of the outcome colours and stays mid-grey in greyscale; the
/// target a black dashed line.
const BAR_COLOUR: &str = "#4F6D8F";

/// What the position column means, once per sheet.
const POSITION_NOTE: &str = "Jämfört med länet: Över länet eller Under länet när hälsocentralens värde ligger utanför \
     99,8 %-gränserna kring länets värde för en enhet av samma storlek (trattdiagrammet); Inom förväntat när \
     skillnaden mot länet kan bero på slumpen. Orden säger var enheten ligger, inte om det är bra eller dåligt.";

pub fn write(ws: &mut Worksheet, st: &Styles, view: &View, area: &str) -> Result<(), XlsxError> {
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for c in CHART_LABEL_COL..=FUNNEL_RIKET_COL {
        ws.set_column_hidden(c)?;
    }
    let surveys = view.indicators().any(|(_, i)| i.area == area && i.kind == crate::plan::Kind::Survey);
    if !surveys {
        ws.set_column_hidden(RESPONSE_COL)?;
    }
    let first_page = &WIDTHS[..SECOND_PAGE as usize];
    for c in [0, SECOND_PAGE] {
        ws.write_string_with_format(0, c, area, &st.title)?;
        ws.write_string_with_format(1, c, &view.title, &st.note)?;
    }
    // Wrapped within the first page's width, so the note does not widen the printed page.
    let note = st.note.clone().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    let mut legend = format!(
        "{} {} KI: 95-procentigt konfidensintervall; n: antal observationer. {POSITION_NOTE}",
        super::style::OUTCOME_LEGEND,
        super::style::MISSING_LEGEND
    );
    legend.push(' ');
    legend.push_str(super::style::RIKET_LEGEND);
    if surveys {
        legend.push(' ');
        legend.push_str(&view.response_legend());
    }
    ws.merge_range(2, 0, 2, SECOND_PAGE - 1, &legend, &note)?;
    ws.set_row_height(2, super::style::row_height([(legend.as_str(), first_page.iter().sum::<f64>())]))?;
    let sheet_name = ws.name();
    let mut r: u32 = 3;
    let mut breaks = Vec::new();
    for (k, ind) in view.indicators().filter(|(_, i)| i.area == area) {
        if r > 3 {
            breaks.push(r);
        }
        let prev_label = view.previous_label(k);
        let about = format!("Period: {} · Mål: {} · Jämförs med: {prev_label}", view.period_label(k), target_text(ind));
        for c in [0, SECOND_PAGE] {
            ws.write_string_with_format(r, c, format!("{} ({})", ind.name, ind.id), &st.heading)?;
            ws.write_string_with_format(r + 1, c, &about, &st.note)?;
        }
        // Two header rows: the sex over its four columns, then what each column holds.
        let groups = r + 2;
        let header = r + 3;
        let centred = st.header_wrap.clone().set_align(rust_xlsxwriter::FormatAlign::Center);
        for (c, sex) in SEX_COLS.iter().zip(["Kvinnor", "Män", "Totalt"]) {
            ws.merge_range(groups, *c, groups, c + 3, sex, &centred)?;
        }
        for c in [0, 1].into_iter().chain(SECOND_PAGE..=NOTE_COL) {
            ws.write_blank(groups, c, &st.header_wrap)?;
        }
        let mut titles: Vec<(u16, String)> = vec![(0, "Enhet".into()), (1, "Område".into()), (SECOND_PAGE, "Enhet".into())];
        for c in SEX_COLS {
            titles.extend([(c, "Värde".into()), (c + 1, "n".into()), (c + 2, "KI låg".into()), (c + 3, "KI hög".into())]);
        }
        titles.extend([
            (OUTCOME_COL, "Måluppfyllelse (Totalt)".into()),
            (PREVIOUS_COL, format!("Föregående\n({prev_label})")),
            (PREVIOUS_COL + 1, "Förändring".into()),
            (PREVIOUS_COL + 2, "Förändringen prövad".into()),
            (POSITION_COL, "Jämfört med länet".into()),
            (RESPONSE_COL, if ind.kind == crate::plan::Kind::Survey { "Svarsfrekvens (Totalt)".into() } else { String::new() }),
            (NOTE_COL, "Anmärkning".into()),
        ]);
        ws.set_row_height(header, super::style::row_height(titles.iter().map(|(c, t)| (t.as_str(), WIDTHS[*c as usize]))))?;
        for (c, t) in &titles {
            ws.write_string_with_format(header, *c, t, &st.header_wrap)?;
        }
        let first = header + 1;
        let mut units_last = first;
        // Riket's row stands right under the county's, so the two read together.
        let county_at = view.display.iter().position(|&e| view.entity(e).kind == crate::compute::EntityKind::County);
        let riket = first + county_at.map_or(view.display.len(), |c| c + 1) as u32;
        for (i, &e) in view.display.iter().enumerate() {
            let row = first + i as u32 + u32::from(first + i as u32 >= riket);
            let entity = view.entity(e);
            if entity.is_unit() {
                units_last = row;
            }
            // Top-aligned like the figures, level with them when a note makes the row taller.
            let name = view.listed_name(e);
            let name_lines = super::style::row_height([(name.as_ref(), WIDTHS[0])]);
            let name_format = match (entity.is_unit(), name_lines > 15.0) {
                (false, _) => &st.bold_top,
                (true, true) => &st.wrap,
                (true, false) => &st.top,
            };
            for c in [0, SECOND_PAGE] {
                ws.write_string_with_format(row, c, name.as_ref(), name_format)?;
            }
            if name_lines > 15.0 {
                ws.set_row_height(row, name_lines)?;
            }
            ws.write_string_with_format(row, 1, view.area_of(e), &st.top)?;
            for (&c, sex) in SEX_COLS.iter().zip(Sex::ALL) {
                let key = CellKey::new(k, e, sex);
                view.write_value(ws, st, (row, c), key, sex == Sex::Total)?;
                let Some(d) = view.shown(key) else { continue };
                if let Some(n) = d.n {
                    ws.write_number_with_format(row, c + 1, n, &st.integer)?;
                }
                if let Some((lo, hi)) = d.ci {
                    ws.write_number_with_format(row, c + 2, lo, &st.value)?;
                    ws.write_number_with_format(row, c + 3, hi, &st.value)?;
                }
            }
            if let Some(d) = view.shown(CellKey::new(k, e, Sex::Total)) {
                let certain = view.certain(CellKey::new(k, e, Sex::Total));
                let cols = DetailColumns { interval: SEX_COLS[2] + 2, outcome: OUTCOME_COL, previous: PREVIOUS_COL };
                write_details(ws, st, row, d, certain, view.shown_change(CellKey::new(k, e, Sex::Total)), &cols)?;
                // A unit closed before the period's end has a value of fewer months: not charted.
                if let (Some(v), true) = (d.value, entity.is_unit() && !view.is_closed(e)) {
                    ws.write_number(row, CHART_VALUE_COL, v)?;
                }
            }
            if entity.is_unit() {
                let n = view.shown(CellKey::new(k, e, Sex::Total)).and_then(|d| d.n);
                // A closed unit has no bar: its label says why rather than reading as zero.
                let label = match (n, view.is_closed(e).then(|| view.unit_note(e)).flatten()) {
                    (_, Some(closed)) => format!("{} ({closed}, inte i diagrammet)", entity.name),
                    (Some(n), None) => format!("{} (n = {})", entity.name, super::style::sv_number(n, 0)),
                    (None, None) => entity.name.clone(),
                };
                ws.write_string(row, CHART_LABEL_COL, label)?;
            }
            if let (Some(t), true) = (&ind.target, entity.is_unit()) {
                ws.write_number(row, CHART_TARGET_COL, t.value)?;
            }
            view.write_response_rate(ws, st, (row, RESPONSE_COL), CellKey::new(k, e, Sex::Total))?;
            if let Some((position, value, n)) = view.position(k, e) {
                ws.write_string_with_format(row, POSITION_COL, position.label(), &st.top)?;
                ws.write_number(row, FUNNEL_N_COL, n)?;
                ws.write_number(row, FUNNEL_VALUE_COL, value)?;
            }
            let note = if view.is_closed(e) && ind.kind != crate::plan::Kind::Survey {
                Some(format!("Värdet avser {}", view.period_label_of(k, e)))
            } else {
                view.unit_note(e)
            };
            if let Some(n) = note {
                let wrapped = st.note.clone().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
                ws.write_string_with_format(row, NOTE_COL, &n, &wrapped)?;
                let height = super::style::row_height([(n.as_str(), WIDTHS[NOTE_COL as usize]), (name.as_ref(), WIDTHS[0])]);
                ws.set_row_height(row, height)?;
            }
        }
        let last = first + view.display.len() as u32;
        // Riket: its values by sex as the portals give them, `–` without one (or when the
        // indicator is not compared with riket).
        for c in [0, SECOND_PAGE] {
            ws.write_string_with_format(riket, c, "Riket", &st.reference)?;
        }
        for (&c, sex) in SEX_COLS.iter().zip(Sex::ALL) {
            if ind.by_sex || sex == Sex::Total {
                view.write_riket(ws, st, (riket, c), k, sex)?;
            }
        }
        let riket_note = match (ind.riket_comparable, view.riket_values.given, view.riket(k, Sex::Total).is_some()) {
            (false, ..) => Some("Ingen jämförbar riksuppgift"),
            (true, false, _) => Some("Inga riksvärden inlästa"),
            (true, true, false) => Some("Inget riksvärde för perioden"),
            (true, true, true) => None,
        };
        if let Some(note) = riket_note {
            let wrapped = st.note.clone().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
            ws.write_string_with_format(riket, NOTE_COL, note, &wrapped)?;
            ws.set_row_height(riket, super::style::row_height([(note, WIDTHS[NOTE_COL as usize])]))?;
        }

        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_name("Totalt")
            .set_categories((sheet_name.as_str(), first, CHART_LABEL_COL, units_last, CHART_LABEL_COL))
            .set_values((sheet_name.as_str(), first, CHART_VALUE_COL, units_last, CHART_VALUE_COL))
            .set_format(ChartFormat::new().set_solid_fill(rust_xlsxwriter::ChartSolidFill::new().set_color(BAR_COLOUR)));
        if ind.target.is_some() {
            let mut line = Chart::new(ChartType::Line);
            line.add_series()
                .set_name("Mål")
                .set_categories((sheet_name.as_str(), first, CHART_LABEL_COL, units_last, CHART_LABEL_COL))
                .set_values((sheet_name.as_str(), first, CHART_TARGET_COL, units_last, CHART_TARGET_COL))
                .set_format(
                    ChartFormat::new()
                        .set_line(ChartLine::new().set_color("#000000").set_width(1.5).set_dash_type(ChartLineDashType::Dash)),
                );
            chart.combine(&line);
        }
        let font = ChartFont::new().set_size(10).clone();
        chart.title().set_name(&format!("{} – hälsocentralerna (Totalt)", ind.name));
        chart.title().set_font(&ChartFont::new().set_size(12).set_bold());
        chart.y_axis().set_name(ind.unit.label()).set_name_font(&font).set_font(&font).set_num_format("0").set_min(0);
        if ind.unit == crate::plan::ValueUnit::Percent {
            chart.y_axis().set_max(100);
        }
        chart.x_axis().set_font(ChartFont::new().set_size(9).set_rotation(-60));
        chart.legend().set_font(&font).set_position(rust_xlsxwriter::ChartLegendPosition::Top);
        chart.show_hidden_data();
        // Below the table rather than beside it, as wide as the first printed page.
        chart.set_width(CHART_WIDTH).set_height(CHART_HEIGHT);
        chart.set_alt_text(format!(
            "Stapeldiagram: {} per hälsocentral (Totalt, med antal observationer), med målet som streckad linje.",
            ind.name
        ));
        ws.insert_chart(last + 2, 0, &chart)?;
        breaks.push(last + 1);
        r = last + 2 + 27;
        if let Some(funnel) = funnel_chart(ws, view, k, &sheet_name, first, units_last, last - first + 1)? {
            ws.insert_chart(r, 0, &funnel)?;
            breaks.push(r - 1);
            r += 27;
        }
    }
    ws.set_page_breaks(&breaks)?;
    ws.set_vertical_page_breaks(&[SECOND_PAGE as u32])?;
    ws.set_freeze_panes(3, 1)?;
    print_setup(ws, &view.title, Some((0, 1)));
    // The first page's columns at 95 % fill A4 landscape's width within 1.3 cm margins: 11 pt
    // text prints at 10 pt, where fitting all 19 columns to one width gave 7.4 pt. With Excel's
    // default margins LibreOffice moved the last column to the second page.
    ws.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    ws.set_print_scale(95);
    // Over, then down: each block's second page comes right after its first.
    ws.set_page_order(false);
    Ok(())
}

/// The funnel plot of one indicator: each unit's value against its n, `LÄNET`'s value as a
/// line, and the 95 % and 99.8 % control limits around it, over a grid of n written into the
/// hidden columns of the block's rows (as many points as the block has rows). None when there
/// is no county value or no unit to compare.
fn funnel_chart(
    ws: &mut Worksheet,
    view: &View,
    k: IndicatorIx,
    sheet: &str,
    first: u32,
    units_last: u32,
    rows: u32,
) -> Result<Option<Chart>, XlsxError> {
    let ind = view.indicator(k);
    let Some(funnel) = view.funnel(k) else { return Ok(None) };
    let riket = view.riket(k, Sex::Total).map(|v| v.value);
    let ns: Vec<f64> = view.display.iter().filter_map(|&e| view.position(k, e)).map(|p| p.2).collect();
    let (Some(lo), Some(hi)) = (ns.iter().copied().reduce(f64::min), ns.iter().copied().reduce(f64::max)) else {
        return Ok(None);
    };
    // Geometric steps, so the limits are smooth where they bend most (small n).
    let points = rows.max(2);
    let (from, to) = ((lo * 0.8).max(1.0), (hi * 1.1).max(2.0));
    for i in 0..points {
        let n = from * (to / from).powf(i as f64 / (points - 1) as f64);
        let (lo998, hi998) = funnel.drawn_limits(n, crate::compute::funnel::Z_998);
        let (lo95, hi95) = funnel.limits_95(n);
        let r = first + i;
        ws.write_number(r, FUNNEL_GRID_COL, n)?;
        for (v, (_, c)) in [lo998, lo95, funnel.centre(), hi95, hi998].into_iter().zip(FUNNEL_LINES) {
            ws.write_number(r, c, v)?;
        }
        if let Some(v) = riket {
            ws.write_number(r, FUNNEL_RIKET_COL, v)?;
        }
    }
    let last = first + points - 1;
    // The value axis spans the units and the 99.8 % limits at their n, on whole fives, so the
    // funnel is not flattened against an axis from 0.
    let values = view.display.iter().filter_map(|&e| view.position(k, e)).flat_map(|(_, v, n)| {
        let (lo, hi) = funnel.drawn_limits(n, crate::compute::funnel::Z_998);
        [v, lo, hi]
    });
    let values = values.chain(riket);
    let (y_lo, y_hi) = values.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let y_min = ((y_lo - 2.0) / 5.0).floor().max(0.0) * 5.0;
    let mut y_max = ((y_hi + 2.0) / 5.0).ceil() * 5.0;
    if ind.unit == crate::plan::ValueUnit::Percent {
        y_max = y_max.min(100.0);
    }
    let mut chart = Chart::new(ChartType::ScatterStraight);
    chart
        .add_series()
        .set_name("Hälsocentraler")
        .set_categories((sheet, first, FUNNEL_N_COL, units_last, FUNNEL_N_COL))
        .set_values((sheet, first, FUNNEL_VALUE_COL, units_last, FUNNEL_VALUE_COL))
        .set_format(ChartFormat::new().set_no_line())
        .set_marker(ChartMarker::new().set_type(ChartMarkerType::Circle).set_size(5));
    for (i, (name, c)) in FUNNEL_LINES.iter().enumerate() {
        let (dash, width) = match i {
            2 => (ChartLineDashType::Solid, 2.0),
            1 | 3 => (ChartLineDashType::Dash, 1.25),
            _ => (ChartLineDashType::RoundDot, 1.25),
        };
        chart
            .add_series()
            .set_name(*name)
            .set_categories((sheet, first, FUNNEL_GRID_COL, last, FUNNEL_GRID_COL))
            .set_values((sheet, first, *c, last, *c))
            .set_format(ChartFormat::new().set_line(ChartLine::new().set_color("#404040").set_width(width).set_dash_type(dash)));
    }
    if riket.is_some() {
        chart
            .add_series()
            .set_name("Riket (jämförelse)")
            .set_categories((sheet, first, FUNNEL_GRID_COL, last, FUNNEL_GRID_COL))
            .set_values((sheet, first, FUNNEL_RIKET_COL, last, FUNNEL_RIKET_COL))
            // Purple, long dashes: apart from the grey limits, the blue dots and the outcome
            // colours, and darker than the limits in greyscale.
            .set_format(ChartFormat::new().set_line(ChartLine::new().set_color("#7030A0").set_width(2.25).set_dash_type(ChartLineDashType::LongDashDot)));
    }
    // Each limit is two lines; the legend names it once.
    chart.legend().delete_entries(&[4, 5]);
    let mut font = ChartFont::new();
    font.set_size(10);
    chart.legend().set_font(&font);
    chart.title().set_name(&format!("{} – hälsocentralerna jämfört med länet", ind.name));
    chart.title().set_font(&ChartFont::new().set_size(12).set_bold());
    chart.x_axis().set_name("Antal observationer (n)").set_name_font(&font).set_font(&font).set_min(0);
    chart
        .y_axis()
        .set_name(&format!("Värde, {}", ind.unit.label()))
        .set_name_font(&font)
        .set_font(&font)
        .set_num_format("0")
        .set_min(y_min)
        .set_max(y_max);
    chart.show_hidden_data();
    chart.set_width(CHART_WIDTH).set_height(CHART_HEIGHT);
    let with_riket = if riket.is_some() { ", rikets värde som en andra linje" } else { "" };
    chart.set_alt_text(format!(
        "Trattdiagram: {} per hälsocentral mot antal observationer, med länets värde{with_riket} och 95 %- och 99,8 %-gränser.",
        ind.name
    ));
    Ok(Some(chart))
}

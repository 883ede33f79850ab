//! One workbook per health centre for its follow-up dialogue: `Indikatorblad` (the centre
//! against its area and the county, by sex, with a chart per indicator area), `Dialogunderlag`
//! (talking points in Swedish built from the data) and `Data` (the centre's and `LÄNET`'s rows).
//! Nothing about other units.

use rust_xlsxwriter::{Chart, ChartType, Worksheet, XlsxError};

use super::style::{print_setup, status_symbol, sv_change, sv_number, sv_value, target_parts, target_text, Styles};
use super::view::{write_details, DetailColumns, View};
use crate::compute::{Change, DataRow, EntityKind, Outcome, SexDifference};
use crate::cell::{CellKey, EntityIx, IndicatorIx, Sex};
use crate::disclosure::Status;
use crate::input::ProblemKind;
use crate::plan::Direction;

/// Hidden chart columns: the centre, its area and the county (blank where not shown).
const CHART_COLS: [u16; 3] = [15, 16, 17];

/// The file name: HSA-id, then the name, without characters file systems reject.
pub fn file_name(hsa_id: &str, name: &str) -> String {
    let clean: String =
        name.chars().map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '-' } else { c }).collect();
    format!("{hsa_id} {}.xlsx", clean.trim())
}

/// One line of the dialogue sheet, with the lines that detail it (e.g. the rejected rows).
#[derive(Debug, Clone, PartialEq)]
pub struct TalkingPoint {
    pub text: String,
    pub details: Vec<String>,
}

impl From<String> for TalkingPoint {
    fn from(text: String) -> TalkingPoint {
        TalkingPoint { text, details: Vec::new() }
    }
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
            write_details(ws, st, r, d, &DetailColumns { interval: 6, outcome: 9, previous: 10 })?;
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
        "Värden i procent, utom indikatorer per 1000. .. undertryckt (för få observationer)  – ingen data  . ej könsuppdelad",
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

/// Talking points for the follow-up dialogue, worst first.
pub fn talking_points(view: &View, entity: EntityIx) -> Vec<(String, Vec<TalkingPoint>)> {
    let cell = |k, sex| CellKey::new(k, entity, sex);
    let shown = |k, sex| view.shown(cell(k, sex));
    let mut sections = Vec::new();

    // 1. Targets not met, worst first (furthest from the target, in the target's own direction).
    let mut misses: Vec<(Outcome, f64, String)> = Vec::new();
    for (k, ind) in view.indicators() {
        let (Some(d), Some(t)) = (shown(k, Sex::Total), ind.target) else { continue };
        let Some((goal, partly)) = target_parts(ind) else { continue };
        let (Some(o), Some(v)) = (d.outcome, d.value) else { continue };
        if o == Outcome::Met {
            continue;
        }
        let gap = match t.direction {
            Direction::HigherIsBetter => t.value - v,
            Direction::LowerIsBetter => v - t.value,
        };
        let gap_text = sv_change(gap.abs(), ind.unit).trim_start_matches('+').to_string();
        misses.push((
            o,
            gap,
            format!(
                "{}: {} (mål {goal}, delvis {partly}) – {}, {gap_text} från målet.",
                ind.name,
                sv_value(v, ind.unit),
                o.label().to_lowercase()
            ),
        ));
    }
    misses.sort_by(|a, b| {
        let rank = |o: Outcome| if o == Outcome::NotMet { 0 } else { 1 };
        rank(a.0).cmp(&rank(b.0)).then(b.1.total_cmp(&a.1))
    });
    let mut lines: Vec<TalkingPoint> = misses.into_iter().map(|m| m.2.into()).collect();
    if lines.is_empty() {
        lines.push("Alla indikatorer med mål som kan visas är uppfyllda.".to_string().into());
    }
    sections.push(("Mål som inte nås (störst avstånd först)".to_string(), lines));

    // 2. Changes since last year that the test finds (`docs/computation.md` § Change against
    // last year); the same sentence as on the Utveckling sheet.
    let mut changes: Vec<TalkingPoint> = Vec::new();
    for (k, ind) in view.indicators() {
        let Some((text, change)) = super::trend::change_sentence(view, cell(k, Sex::Total)) else { continue };
        if change != Change::NoClearChange {
            changes.push(format!("{}: {text}", ind.name).into());
        }
    }
    if changes.is_empty() {
        changes.push("Inga säkra förändringar jämfört med förra året.".to_string().into());
    }
    sections.push(("Förändringar sedan förra året".to_string(), changes));

    // 3. Sex differences.
    let mut diffs: Vec<TalkingPoint> = Vec::new();
    for (k, ind) in view.indicators() {
        let Some(diff) = shown(k, Sex::Total).and_then(|d| d.sex_difference) else { continue };
        if diff == SexDifference::NoClearDifference {
            continue;
        }
        let (Some(w), Some(m)) = (view.value(cell(k, Sex::Women)), view.value(cell(k, Sex::Men))) else { continue };
        let who = if diff == SexDifference::WomenHigher { "högre för kvinnor" } else { "högre för män" };
        diffs.push(
            format!("{}: kvinnor {}, män {} – statistiskt säkert {who}.", ind.name, sv_value(w, ind.unit), sv_value(m, ind.unit))
                .into(),
        );
    }
    if diffs.is_empty() {
        diffs.push("Inga statistiskt säkra skillnader mellan kvinnor och män.".to_string().into());
    }
    sections.push(("Skillnader mellan kvinnor och män".to_string(), diffs));

    // 4. Figures not shown.
    let mut hidden: Vec<TalkingPoint> = Vec::new();
    for (k, ind) in view.indicators() {
        if let Some(d) = view.row(cell(k, Sex::Total)).filter(|d| d.status != Status::Shown) {
            let why = match d.status {
                Status::NoData => "ingen data för perioden",
                Status::Primary => "undertryckt – för få observationer",
                _ => "undertryckt för att skydda ett annat dolt värde",
            };
            hidden.push(format!("{}: {why} ({}).", ind.name, status_symbol(d.status)).into());
        }
    }
    if !hidden.is_empty() {
        sections.push(("Värden som inte visas".to_string(), hidden));
    }

    // 5. The centre's own data quality problems.
    let hsa_id = &view.entity(entity).id;
    let mine = view.problems_of(hsa_id);
    let mut quality: Vec<TalkingPoint> = Vec::new();
    let rejected: Vec<_> = mine.iter().filter(|p| p.kind != ProblemKind::InvalidAnswer).collect();
    let invalid = mine.len() - rejected.len();
    if !rejected.is_empty() {
        let text = format!(
            "{} rader som gäller hälsocentralen avvisades i indata och ingår inte i värdena:",
            sv_number(rejected.len() as f64, 0)
        );
        let mut details: Vec<String> = rejected
            .iter()
            .take(25)
            .map(|p| format!("{} rad {}: {} ({} = \"{}\").", p.file, p.row, p.reason, p.column, p.value))
            .collect();
        if rejected.len() > 25 {
            details.push(format!("… och {} till (se huvudrapportens Datakvalitet).", rejected.len() - 25));
        }
        quality.push(TalkingPoint { text, details });
    }
    if invalid > 0 {
        quality.push(format!("{invalid} svar i patientenkäten hade en ogiltig svarskod och räknades som obesvarade.").into());
    }
    for note in view.notes.iter().filter(|n| n.unit.as_deref() == Some(hsa_id.as_str())) {
        quality.push(note.text.clone().into());
    }
    if quality.is_empty() {
        quality.push("Inga avvisade rader eller anmärkningar gäller hälsocentralen.".to_string().into());
    }
    sections.push(("Datakvalitet".to_string(), quality));
    sections
}

pub fn trend_sheet(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx) -> Result<(), XlsxError> {
    let r = heading_lines(ws, st, view, entity, "Utveckling")?;
    super::trend::write(ws, st, view, entity, r)
}

pub fn dialogue_sheet(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx) -> Result<(), XlsxError> {
    ws.set_column_width(0, 130)?;
    let mut r = heading_lines(ws, st, view, entity, "Underlag för uppföljningsdialog")?;
    for (heading, lines) in talking_points(view, entity) {
        ws.write_string_with_format(r, 0, heading, &st.heading)?;
        r += 1;
        for point in lines {
            ws.write_string_with_format(r, 0, format!("• {}", point.text), &st.wrap)?;
            r += 1;
            for detail in &point.details {
                ws.write_string_with_format(r, 0, format!("      – {detail}"), &st.wrap)?;
                r += 1;
            }
        }
        r += 1;
    }
    print_setup(ws, &view.title, None);
    Ok(())
}

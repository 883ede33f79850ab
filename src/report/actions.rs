//! Agreed actions in the reports (`docs/reports.md` § Åtgärder): the centre's form, which the
//! commissioning unit fills in during the dialogue and gives back with `--atgarder`, the main
//! workbook's list of every centre's actions, and the sentences that follow an action up.
//!
//! Both sheets start with their table's header row, so either reads back as an actions file
//! (`docs/inputs.md` § 5); their notes stand below the table in rows whose `indikator` and
//! `åtgärd` are empty, which the reader skips.

use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, Formula, Table, TableColumn, TableStyle, Worksheet,
    XlsxError,
};

use super::style::{notes_below, notes_below_from, print_setup, row_height, status_symbol, sv_change, sv_value, Styles};
use super::view::View;
use crate::analysis::{FollowUp, Measured};
use crate::cell::EntityIx;
use crate::compute::Period;
use crate::disclosure::Status;
use crate::input::actions::{ActionStatus, RejectedAction, COLUMNS};
use crate::plan::{Indicator, ValueUnit};

/// Empty rows for new actions below the pre-filled ones on a centre's form.
pub const NEW_ROWS: u32 = 12;

/// The line every actions sheet carries: actions are the units' own plans, never patient data.
pub const NO_PATIENT_DATA: &str = "Skriv aldrig uppgifter om enskilda patienter här (inga namn, personnummer eller \
     journaluppgifter) – bara hälsocentralens egna åtgärder.";

/// The main sheet's columns: the data set's eight (by their names), with the centre's and the
/// indicator's names beside their ids, then the follow-up.
const MAIN_HEADERS: [&str; 16] = [
    "hsa_id",
    "Hälsocentral",
    "indikator",
    "Indikatornamn",
    "åtgärd",
    "ansvarig",
    "beslutad",
    "klart_senast",
    "status",
    "kommentar",
    "Klart senast",
    "Jämförs med",
    "Värde då",
    "Värde nu",
    "Förändring",
    "Bedömning",
];

const FORM_WIDTHS: [f64; 8] = [21.0, 13.0, 44.0, 19.0, 11.5, 12.5, 10.0, 33.0];

/// The main list's widths. The data set's columns (with the centre's and the indicator's names)
/// print on a first page, the follow-up on a second with `hsa_id` and `Hälsocentral` repeated,
/// at 80 %: 8.8 pt or more, every word whole.
const MAIN_WIDTHS: [f64; 16] = [21.0, 16.0, 13.0, 20.0, 26.0, 19.0, 11.0, 11.5, 9.0, 21.0, 12.0, 14.0, 9.0, 9.0, 11.0, 13.0];
/// The first column of the main list's second printed page (`Klart senast`).
const MAIN_SECOND_PAGE: u16 = 10;

/// How a measured cell reads in a sentence: the value as shown, or why there is none.
pub fn measured_text(m: &Measured, unit: ValueUnit) -> String {
    match (m.status, m.value()) {
        (Status::Shown, Some(v)) => sv_value(v, unit),
        (Status::ForUnknownSex, _) => "visas inte (dolt för att skydda en liten grupp med okänt kön)".to_string(),
        (s, _) if s.is_hidden() => "visas inte (för få observationer)".to_string(),
        _ => "ingen data".to_string(),
    }
}

/// `+3,1 procentenheter, förbättring`.
pub fn change_text(tenths: i64, change: crate::compute::Change, unit: ValueUnit) -> String {
    format!("{}, {}", sv_change(tenths as f64 / 10.0, unit), change.label().to_lowercase())
}

/// Whether `klart_senast` has passed, and whether that makes the action late.
pub fn due_text(f: &FollowUp) -> &'static str {
    if f.overdue {
        "försenad (klart senast har passerat)"
    } else if f.passed {
        "klart senast har passerat"
    } else {
        "klart senast har inte passerat"
    }
}

/// The rule line of *Uppföljning av överenskomna åtgärder*.
pub fn rule(period: Period) -> String {
    format!(
        "Hälsocentralens aktuella åtgärder: de som är planerade eller pågår och de som har avslutats under de senaste \
         tolv månaderna. Klart senast har passerat när datumet ligger före {}, rapportperiodens sista dag. Skillnaden \
         visar hur indikatorn har utvecklats sedan beslutet; den säger inte ensam om åtgärden har haft effekt.",
        period.end_date()
    )
}

/// `Status: Pågår – försenad (klart senast har passerat).`
fn status_text(f: &FollowUp) -> String {
    let sep = if f.overdue { " – " } else { ", " };
    format!("{}{sep}{}", f.action.status.label(), due_text(f))
}

/// One action under *Uppföljning av överenskomna åtgärder*: what, who, when and its status, and
/// as details its indicator then against now, and the comment.
pub fn talking_point(f: &FollowUp, ind: &Indicator, now: Period) -> super::TalkingPoint {
    let a = &f.action;
    let mut text = format!("{}: {}.", ind.name, a.text.trim_end_matches('.'));
    if !a.responsible.is_empty() {
        text.push_str(&format!(" Ansvarig: {}.", a.responsible));
    }
    text.push_str(&format!(" Beslutad {}, klart senast {}. Status: {}.", a.decided, a.due, status_text(f)));
    let mut details = vec![measure_line(f, ind, now)];
    if !a.comment.is_empty() {
        details.push(format!("Kommentar: {}", a.comment));
    }
    super::TalkingPoint { text, details }
}

/// An agreed action in a line, for the priority it concerns: `Överenskommen åtgärd: Ny rutin.
/// Status: Pågår – försenad (klart senast har passerat).`
pub fn short_text(f: &FollowUp) -> String {
    format!("Överenskommen åtgärd: {}. Status: {}.", f.action.text.trim_end_matches('.'), status_text(f))
}

/// A row of the centre's that could not be read as an action: what it said and why, and what to do.
pub fn rejected_point(r: &RejectedAction) -> super::TalkingPoint {
    let what = if r.text.is_empty() { "En åtgärd".to_string() } else { format!("Åtgärden \"{}\"", r.text) };
    let p = &r.problem;
    super::TalkingPoint {
        text: format!("{what} kunde inte läsas in och följs inte upp: {} ({} = \"{}\").", p.reason, p.column, p.value),
        details: vec![format!(
            "Rätta den eller skriv in den på nytt på bladet Åtgärder (den lämnades in i {}, rad {}).",
            p.file, p.row
        )],
    }
}

/// `Indikatorn när åtgärden beslutades (Delårsrapport 2 2026, 2026 jan–aug): 84,6 %. Nu
/// (Årsrapport 2026, 2026 jan–dec): 87,7 %. Skillnad +3,1 procentenheter: förbättring.`
fn measure_line(f: &FollowUp, ind: &Indicator, now: Period) -> String {
    let now_text = measured_text(&f.now, ind.unit);
    let now_when = format!("{}, {}", now.title(), f.now.label);
    let Some((then_period, then)) = &f.then else {
        return format!("Beslutad efter rapportperiodens slut, så det finns inget tidigare värde. Nu ({now_when}): {now_text}.");
    };
    if f.same_measurement {
        // A survey indicator is measured once a year: nothing new since the decision.
        let survey = f.now.label.replace("NPE ", "patientenkäten ");
        return format!(
            "Indikatorn bygger på samma mätning när åtgärden beslutades ({}) och nu ({}), {survey}: {now_text}. \
             Ingen ny mätning har gjorts sedan beslutet.",
            then_period.title(),
            now.title()
        );
    }
    let mut line = format!(
        "Indikatorn när åtgärden beslutades ({}, {}): {}. Nu ({now_when}): {now_text}.",
        then_period.title(),
        then.label,
        measured_text(then, ind.unit),
    );
    match f.change {
        Some((tenths, change)) => line.push_str(&format!(" Skillnad {}.", change_text(tenths, change, ind.unit))),
        None => line.push_str(" Ingen jämförelse: värdet visas inte båda gångerna."),
    }
    line
}

/// Formats of the actions sheets.
struct Formats {
    date: Format,
    text: Format,
    late: Format,
    late_date: Format,
}

impl Formats {
    fn new() -> Formats {
        // Thin lines round every cell: rows to write on, also where a program ignores table styles.
        let cell = Format::new().set_border(FormatBorder::Thin).set_border_color(Color::RGB(0xA6A6A6)).set_align(FormatAlign::Top);
        let date = cell.clone().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Left);
        let text = cell.set_text_wrap();
        let red = Color::RGB(0xFFC7CE);
        Formats { late: text.clone().set_background_color(red).set_bold(), late_date: date.clone().set_background_color(red), date, text }
    }
}

fn excel_date(d: chrono::NaiveDate) -> Result<rust_xlsxwriter::ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// Writes the data set's eight columns of one action in row `r`; `late` marks its dates and
/// status as overdue.
/// Writes the data set's eight columns of one action in row `r`, column `c[i]` for [`COLUMNS`]`[i]`;
/// an overdue action's due date and status are marked.
fn write_action(ws: &mut Worksheet, fm: &Formats, r: u32, c: [u16; 8], f: &FollowUp, ind: &Indicator) -> Result<(), XlsxError> {
    let a = &f.action;
    let (text, date) = if f.overdue { (&fm.late, &fm.late_date) } else { (&fm.text, &fm.date) };
    ws.write_string_with_format(r, c[0], &a.hsa_id, &fm.text)?;
    ws.write_string_with_format(r, c[1], &ind.id, &fm.text)?;
    ws.write_string_with_format(r, c[2], &a.text, &fm.text)?;
    ws.write_string_with_format(r, c[3], &a.responsible, &fm.text)?;
    ws.write_datetime_with_format(r, c[4], excel_date(a.decided)?, &fm.date)?;
    ws.write_datetime_with_format(r, c[5], excel_date(a.due)?, date)?;
    ws.write_string_with_format(r, c[6], a.status.label(), text)?;
    ws.write_string_with_format(r, c[7], &a.comment, &fm.text)?;
    Ok(())
}

fn table(name: &str, headers: &[&str]) -> Table {
    let header = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let columns: Vec<TableColumn> =
        headers.iter().map(|h| TableColumn::new().set_header(*h).set_header_format(header.clone())).collect();
    Table::new().set_name(name).set_style(TableStyle::Light15).set_columns(&columns)
}

/// A centre's `Åtgärder` form: its current actions, then empty rows with only the drop-down lists.
pub fn form(ws: &mut Worksheet, st: &Styles, view: &View, entity: EntityIx) -> Result<(), XlsxError> {
    let fm = Formats::new();
    for (c, w) in FORM_WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    // Dates typed below the table, where Excel grows it, show as dates too.
    let column_date = Format::new().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Left);
    for c in [4, 5] {
        ws.set_column_format(c, &column_date)?;
    }
    let hsa_id = &view.entity(entity).id;
    let actions: Vec<&FollowUp> = view.followups_of(hsa_id).filter(|f| f.current).collect();
    for (i, f) in actions.iter().enumerate() {
        let r = i as u32 + 1;
        write_action(ws, &fm, r, [0, 1, 2, 3, 4, 5, 6, 7], f, view.indicator(f.action.indicator))?;
        let a = &f.action;
        let w = FORM_WIDTHS;
        ws.set_row_height(r, row_height([(a.text.as_str(), w[2]), (a.responsible.as_str(), w[3]), (a.comment.as_str(), w[7])]))?;
    }
    let last = actions.len() as u32 + NEW_ROWS;
    // The empty rows: no values, only the lines (and the drop-down lists below).
    for r in actions.len() as u32 + 1..=last {
        for c in 0..8u16 {
            ws.write_blank(r, c, if c == 4 || c == 5 { &fm.date } else { &fm.text })?;
        }
        ws.set_row_height(r, 18.0)?;
    }
    ws.add_table(0, 0, last, 7, &table("Atgarder", &COLUMNS))?;

    // The plan's ids for the indicator list, in a hidden column beside the table.
    const LIST_COL: u16 = 12;
    for (k, ind) in view.indicators() {
        ws.write_string(k.0 as u32 + 1, LIST_COL, &ind.id)?;
    }
    ws.set_column_hidden(LIST_COL)?;
    let ids = Formula::new(format!("=$M$2:$M${}", view.plan.indicators.len() + 1));
    let statuses: Vec<&str> = ActionStatus::ALL.iter().map(|s| s.label()).collect();
    let validations = [
        (0, DataValidation::new().allow_list_strings(&[hsa_id.as_str()])?.set_input_message("Hälsocentralens HSA-id.")?),
        (1, DataValidation::new().allow_list_formula(ids).set_input_message("Välj indikatorns id (se bladet Indikatorer).")?),
        (4, date_validation("Den dag åtgärden beslutades (ÅÅÅÅ-MM-DD).")?),
        (5, date_validation("Den dag åtgärden ska vara klar (ÅÅÅÅ-MM-DD).")?),
        (6, DataValidation::new().allow_list_strings(&statuses)?.set_input_message("Planerad, Pågår, Klar eller Avbruten.")?),
    ];
    for (c, v) in &validations {
        ws.add_data_validation(1, *c, last, *c, v)?;
    }

    let ids: Vec<String> = view.indicators().map(|(_, i)| format!("{} = {}", i.id, i.name)).collect();
    let lines = [
        (NO_PATIENT_DATA.to_string(), &st.bold),
        (
            format!(
                "Fyll i en rad per åtgärd som hälsocentralen och beställarenheten kommer överens om. Ändra status på \
                 tidigare åtgärder i stället för att skriva dem på nytt. Röd markering och fet status: klart senast \
                 ligger före {}, rapportperiodens sista dag, och åtgärden är inte klar (försenad).",
                view.report.current.period.end_date()
            ),
            &st.note,
        ),
        (
            "Arbetsboken lämnas tillbaka till beställarenheten och läses in till nästa rapport, så att åtgärderna \
             följs upp där."
                .to_string(),
            &st.note,
        ),
        (format!("Indikatorer: {}.", ids.join("; ")), &st.note),
    ];
    notes_below(ws, last + 2, &FORM_WIDTHS, &lines)?;
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, &view.title, Some((0, 0)));
    // The form and its notes; not the hidden list beside it.
    ws.set_print_area(0, 0, last + 1 + lines.len() as u32, 7)?;
    Ok(())
}

fn date_validation(message: &str) -> Result<DataValidation, XlsxError> {
    use rust_xlsxwriter::{DataValidationRule, ExcelDateTime};
    let from = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let to = ExcelDateTime::from_ymd(2099, 12, 31)?;
    DataValidation::new()
        .allow_date(DataValidationRule::Between(from, to))
        .set_input_message(message)?
        .set_error_message("Skriv ett datum, ÅÅÅÅ-MM-DD.")
}

/// The main workbook's `Åtgärder`: every centre's actions in one table, followed up.
pub fn list(ws: &mut Worksheet, st: &Styles, view: &View) -> Result<(), XlsxError> {
    let fm = Formats::new();
    let headers = MAIN_HEADERS;
    let widths = MAIN_WIDTHS;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let now = view.report.current.period;
    // Numbers at the top of their row, like the wrapped text beside them, with their unit.
    let top = |f: &Format| f.clone().set_align(FormatAlign::Top).set_border(FormatBorder::Thin).set_border_color(Color::RGB(0xA6A6A6));
    let percent = top(&Format::new().set_num_format("0.0\" %\""));
    let per_mille = top(&Format::new().set_num_format("0.0\" ‰\""));
    let change = top(&st.change);
    let symbol = top(&st.symbol);
    for (i, f) in view.followups.iter().enumerate() {
        let r = i as u32 + 1;
        let a = &f.action;
        let ind = view.indicator(a.indicator);
        write_action(ws, &fm, r, [0, 2, 4, 5, 6, 7, 8, 9], f, ind)?;
        let name = view.units.find(&a.hsa_id).map(|u| view.units.list[u].name.as_str()).unwrap_or_default();
        ws.write_string_with_format(r, 1, name, &fm.text)?;
        ws.write_string_with_format(r, 3, &ind.name, &fm.text)?;
        let deadline = match (f.overdue, f.passed) {
            (true, _) => "Passerad – försenad",
            (false, true) => "Passerad",
            (false, false) => "Ej passerad",
        };
        ws.write_string_with_format(r, 10, deadline, if f.overdue { &fm.late } else { &fm.text })?;
        let value = if ind.unit == ValueUnit::Percent { &percent } else { &per_mille };
        let measured = |ws: &mut Worksheet, c: u16, m: &Measured| -> Result<(), XlsxError> {
            match m.value() {
                Some(v) => ws.write_number_with_format(r, c, v, value).map(|_| ()),
                None => ws.write_string_with_format(r, c, status_symbol(m.status), &symbol).map(|_| ()),
            }
        };
        let compared = match &f.then {
            Some((p, then)) => {
                measured(ws, 12, then)?;
                p.title()
            }
            None => "Beslutad efter perioden".to_string(),
        };
        ws.write_string_with_format(r, 11, &compared, &fm.text)?;
        measured(ws, 13, &f.now)?;
        let judged = match f.change {
            Some((tenths, c)) => {
                ws.write_number_with_format(r, 14, tenths as f64 / 10.0, &change)?;
                c.label()
            }
            None if f.same_measurement => "Ingen ny mätning",
            None => "",
        };
        ws.write_string_with_format(r, 15, judged, &fm.text)?;
        if f.change.is_none() {
            ws.write_blank(r, 14, &change)?;
        }
        if f.then.is_none() {
            ws.write_blank(r, 12, &symbol)?;
        }
        let w = widths;
        ws.set_row_height(
            r,
            row_height([
                (name, w[1]),
                (ind.name.as_str(), w[3]),
                (a.text.as_str(), w[4]),
                (a.responsible.as_str(), w[5]),
                (a.comment.as_str(), w[9]),
                (deadline, w[10]),
                (compared.as_str(), w[11]),
                (judged, w[15]),
            ]),
        )?;
    }
    let last = view.followups.len().max(1) as u32;
    ws.add_table(0, 0, last, headers.len() as u16 - 1, &table("Atgarder", &headers))?;
    ws.set_row_height(0, row_height(headers.iter().zip(widths).map(|(h, w)| (*h, w))))?;

    let mut lines = Vec::new();
    if view.followups.is_empty() {
        lines.push(("Inga överenskomna åtgärder finns i indata.".to_string(), &st.bold));
    }
    let overdue = view.followups.iter().filter(|f| f.overdue).count();
    for line in [
        format!(
            "Alla hälsocentralers överenskomna åtgärder från uppföljningsdialogerna, {} st, varav {overdue} försenade: \
             klart senast före {}, rapportperiodens sista dag, och status Planerad eller Pågår (röd markering och \
             texten Passerad – försenad).",
            view.followups.len(),
            now.end_date()
        ),
        "Värde då: hälsocentralens värde (totalt för kvinnor och män) för åtgärdens indikator i den senaste rapporten \
         vars period slutade före beslutsdagen (beslut januari–april: förra årets årsrapport; maj–augusti: \
         delårsrapport 1; september–december: delårsrapport 2), beräknat ur samma underlag som den här rapporten. \
         Värde nu: i den här rapporten. Patientenkäten görs en gång om året; har ingen ny enkät gjorts sedan beslutet \
         står det Ingen ny mätning."
            .to_string(),
        format!(
            "Förändring: värde nu minus värde då, båda som de visas, i procentenheter (för indikatorer per 1000: per 1000). \
             Bedömning: statistiskt prövad på samma sätt som förändringen mot förra året. Förändringen visar hur \
             indikatorn har utvecklats sedan beslutet; den säger inte ensam om åtgärden har haft effekt. \
             {}",
            super::style::MISSING_LEGEND
        ),
        "Listan innehåller bara hälsocentralernas egna åtgärder, aldrig uppgifter om enskilda patienter; sådana får \
         inte heller skrivas i åtgärdsformulären."
            .to_string(),
    ] {
        lines.push((line, &st.note));
    }
    // Beside the hälsocentral's columns, which every printed page repeats.
    notes_below_from(ws, last + 2, 2, &widths[2..MAIN_SECOND_PAGE as usize], &lines)?;
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, &view.title, Some((0, 0)));
    // The sheet's title in the page header: the table's header must be the sheet's first row.
    ws.set_header(format!(
        "&L{}&C&\"-,Bold\"Överenskomna åtgärder – alla hälsocentraler (förklaring under tabellen)&R&A",
        view.title.replace('&', "&&")
    ));
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    // 80 %: at 85 % LibreOffice fitted only nine of the first page's ten columns.
    ws.set_print_scale(80);
    ws.set_vertical_page_breaks(&[MAIN_SECOND_PAGE as u32])?;
    ws.set_repeat_columns(0, 1)?;
    // Over, then down: the follow-up of a page's actions comes right after them.
    ws.set_page_order(false);
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::cell::IndicatorIx;
    use crate::compute::{Change, Obs, ReportKind};
    use crate::input::Action;


    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn measured(label: &str, status: Status, tenths: Option<i64>) -> Measured {
        Measured { label: label.into(), status, obs: tenths.map(|_| Obs::Ratio { t: 1, n: 2 }), tenths }
    }

    /// An action on indicator `k`, decided after delårsrapport 2 and late at the årsrapport.
    fn follow_up(k: usize, then: Measured, now: Measured, change: Option<(i64, Change)>) -> FollowUp {
        let action = Action {
            hsa_id: "SE1".into(),
            indicator: IndicatorIx(k),
            text: "Ny rutin.".into(),
            responsible: String::new(),
            decided: day(2026, 9, 15),
            due: day(2026, 11, 30),
            status: ActionStatus::Ongoing,
            comment: "Vakanser".into(),
            file: "a.xlsx".into(),
            row: 2,
        };
        let same_measurement = then.label == now.label;
        let then = Some((Period { year: 2026, kind: ReportKind::Delar2 }, then));
        FollowUp { action, passed: true, overdue: true, current: true, then, now, same_measurement, change }
    }

    #[test]
    fn an_action_reads_as_what_who_when_then_and_now() {
        let plan = crate::plan::sample();
        let now = Period { year: 2026, kind: ReportKind::Ar };
        let f = follow_up(
            0,
            measured("2026 jan–aug", Status::Shown, Some(846)),
            measured("2026 jan–dec", Status::Shown, Some(877)),
            Some((31, Change::Better)),
        );
        let point = talking_point(&f, &plan.indicators[0], now);
        assert_eq!(
            point.text,
            "Bedömning inom 3 dagar: Ny rutin. Beslutad 2026-09-15, klart senast 2026-11-30. \
             Status: Pågår – försenad (klart senast har passerat)."
        );
        assert_eq!(
            point.details,
            [
                "Indikatorn när åtgärden beslutades (Delårsrapport 2 2026, 2026 jan–aug): 84,6 %. \
                 Nu (Årsrapport 2026, 2026 jan–dec): 87,7 %. Skillnad +3,1 procentenheter, förbättring.",
                "Kommentar: Vakanser",
            ]
        );
        // Hidden then: no change, and why.
        let f = follow_up(0, measured("2026 jan–aug", Status::Primary, None), measured("2026 jan–dec", Status::Shown, Some(877)), None);
        assert_eq!(
            talking_point(&f, &plan.indicators[0], now).details[0],
            "Indikatorn när åtgärden beslutades (Delårsrapport 2 2026, 2026 jan–aug): visas inte (för få observationer). \
             Nu (Årsrapport 2026, 2026 jan–dec): 87,7 %. Ingen jämförelse: värdet visas inte båda gångerna."
        );
        // One survey both times: no change, said plainly; two surveys: each named, and compared.
        let same = follow_up(1, measured("NPE 2025", Status::Shown, Some(731)), measured("NPE 2025", Status::Shown, Some(731)), None);
        assert_eq!(
            talking_point(&same, &plan.indicators[1], now).details[0],
            "Indikatorn bygger på samma mätning när åtgärden beslutades (Delårsrapport 2 2026) och nu (Årsrapport 2026), \
             patientenkäten 2025: 73,1 %. Ingen ny mätning har gjorts sedan beslutet."
        );
        let two = follow_up(1, measured("NPE 2023", Status::Shown, Some(700)), measured("NPE 2025", Status::Shown, Some(731)), Some((31, Change::NoClearChange)));
        assert_eq!(
            talking_point(&two, &plan.indicators[1], now).details[0],
            "Indikatorn när åtgärden beslutades (Delårsrapport 2 2026, NPE 2023): 70,0 %. Nu (Årsrapport 2026, NPE 2025): \
             73,1 %. Skillnad +3,1 procentenheter, ingen säker förändring."
        );
    }
}

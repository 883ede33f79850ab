//! The report workbooks (`reports.md`): the main workbook for the commissioning unit and one
//! workbook per health centre. Every file is written atomically and byte-identically for the
//! same inputs.

mod about;
mod areas;
pub mod atomic;
mod centre;
pub mod data_sheet;
mod equality;
mod overview;
mod quality_sheet;
pub mod style;
mod view;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use crate::compute::{DataRow, Report};
use crate::plan::Plan;

pub use about::title;
pub use centre::talking_points;
pub use style::Styles;
pub use view::View;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("arbetsboken kunde inte skapas: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("kunde inte skriva {file}: {source}")]
    Io { file: String, source: std::io::Error },
}

/// Document properties with a fixed date derived from the report period: the time of the run
/// is written nowhere, so re-runs are byte-identical.
fn properties(report: &Report) -> Result<DocProperties, XlsxError> {
    use chrono::Datelike;
    let end = report.current.period.end_date();
    let date = ExcelDateTime::from_ymd(end.year() as u16, end.month() as u8, end.day() as u8)?;
    Ok(DocProperties::new()
        .set_title(title(report))
        .set_author("uppfoljning")
        .set_company("Beställarenheten, Hälsoval primärvård")
        .set_creation_datetime(&date))
}

/// Sheets of the main workbook in order, with a line on what each holds (for `Innehåll`).
pub fn sheet_list(plan: &Plan) -> Vec<(String, String)> {
    let mut sheets = vec![
        ("Om rapporten".to_string(), "Period, plan, indata med kontrollsummor, hur små tal skyddas, teckenförklaring".to_string()),
        ("Innehåll".into(), "Den här listan".into()),
        ("Översikt".into(), "Alla enheter och indikatorer, Totalt, färg och symbol efter måluppfyllelse".into()),
    ];
    for area in plan.areas.iter().filter(|a| plan.indicators.iter().any(|i| &i.area == *a)) {
        sheets.push((area.clone(), format!("Indikatorerna inom {}: kön, n, konfidensintervall, mål, förra året, diagram", area.to_lowercase())));
    }
    sheets.push(("Jämställdhet".into(), "Statistiskt säkra skillnader mellan kvinnor och män".into()));
    sheets.push(("Datakvalitet".into(), "Lästa, använda och avvisade rader per fil, varje avvisad rad med skäl, anmärkningar".into()));
    sheets.push(("Data".into(), "Alla celler i lång form (tabell med filter) för vidare bearbetning".into()));
    sheets
}

/// Builds the main workbook in memory.
pub fn main_workbook(view: &View) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    wb.set_properties(&properties(view.report)?);
    let sheets = sheet_list(view.plan);
    about::write(wb.add_worksheet().set_name("Om rapporten")?, &st, view.report, view.plan, view.quality, view.notes)?;
    overview::contents(wb.add_worksheet().set_name("Innehåll")?, &st, view, &sheets)?;
    overview::overview(wb.add_worksheet().set_name("Översikt")?, &st, view)?;
    for (name, _) in &sheets[3..sheets.len() - 3] {
        areas::write(wb.add_worksheet().set_name(name)?, &st, view, name)?;
    }
    equality::write(wb.add_worksheet().set_name("Jämställdhet")?, &st, view)?;
    quality_sheet::write(wb.add_worksheet().set_name("Datakvalitet")?, &st, view.quality, view.notes, &view.title)?;
    let ws = wb.add_worksheet().set_name("Data")?;
    let all: Vec<&DataRow> = view.rows.iter().collect();
    data_sheet::write(ws, view.plan, &view.report.current, &all, "Data")?;
    style::print_setup(ws, &view.title, Some((0, 0)));
    wb.save_to_buffer()
}

/// One health centre's workbook in memory, and its file name.
pub fn centre_workbook(view: &View, entity: usize) -> Result<(String, Vec<u8>), XlsxError> {
    let e = &view.report.current.entities[entity];
    let bytes = centre::workbook(view, entity, &properties(view.report)?)?;
    Ok((centre::file_name(&e.id, &e.name), bytes))
}

pub fn save(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    atomic::write(path, bytes).map_err(|source| WriteError::Io { file: path.display().to_string(), source })
}

/// Everything a run writes: the main workbook and `halsocentraler/`.
pub struct Written {
    pub main: PathBuf,
    pub centres: Vec<PathBuf>,
}

pub fn write_all(
    out: &Path,
    file_name: &str,
    view: &View,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Written, WriteError> {
    let report = view.report;
    let centres_dir = out.join("halsocentraler");
    std::fs::create_dir_all(&centres_dir)
        .map_err(|source| WriteError::Io { file: centres_dir.display().to_string(), source })?;
    atomic::clean_leftovers(out);
    atomic::clean_leftovers(&centres_dir);
    // The main workbook is built first and renamed into place last, so a failure on the way
    // leaves the earlier main report untouched; every file is either complete or absent.
    let main = out.join(file_name);
    let bytes = main_workbook(view)?;
    let unit_entities: Vec<usize> =
        report.current.entities.iter().enumerate().filter(|(_, e)| e.is_unit()).map(|(i, _)| i).collect();
    // Each centre's workbook depends only on the view, so they are built in parallel; the
    // bytes of each file do not depend on the thread that made it.
    let mut centres = Vec::new();
    for (i, chunk) in unit_entities.chunks(32).enumerate() {
        progress((i * 32 + chunk.len()).min(unit_entities.len()), unit_entities.len());
        let built: Vec<(String, Vec<u8>)> =
            chunk.par_iter().map(|&e| centre_workbook(view, e)).collect::<Result<_, XlsxError>>()?;
        for (name, bytes) in built {
            let path = centres_dir.join(name);
            save(&path, &bytes)?;
            centres.push(path);
        }
    }
    save(&main, &bytes)?;
    Ok(Written { main, centres })
}

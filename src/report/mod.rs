//! The report workbooks (`reports.md`): the main workbook for the commissioning unit.
//! Every file is written atomically and byte-identically for the same inputs.

mod about;
pub mod atomic;
pub mod data_sheet;
mod quality_sheet;

use std::path::Path;

use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};

use crate::compute::{DataRow, Report};
use crate::input::Quality;
use crate::plan::Plan;

pub use about::title;

/// Cell formats shared by the sheets.
pub struct Styles {
    pub title: Format,
    pub heading: Format,
    pub header: Format,
    pub bold: Format,
    pub plain: Format,
    pub integer: Format,
    pub mono: Format,
}

impl Styles {
    pub fn new() -> Styles {
        Styles {
            title: Format::new().set_bold().set_font_size(16),
            heading: Format::new().set_bold().set_font_size(12),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin),
            bold: Format::new().set_bold(),
            plain: Format::new(),
            integer: Format::new().set_num_format("#,##0"),
            mono: Format::new().set_font_name("Consolas").set_font_size(9),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

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
    let end = report.current.period.end_date();
    use chrono::Datelike;
    let date = ExcelDateTime::from_ymd(end.year() as u16, end.month() as u8, end.day() as u8)?;
    Ok(DocProperties::new()
        .set_title(title(report))
        .set_author("uppfoljning")
        .set_company("Beställarenheten, Hälsoval primärvård")
        .set_creation_datetime(&date))
}

/// Builds the main workbook in memory.
pub fn main_workbook(
    report: &Report,
    plan: &Plan,
    quality: &Quality,
    rows: &[DataRow],
    notes: &[String],
) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    wb.set_properties(&properties(report)?);
    {
        let ws = wb.add_worksheet().set_name("Om rapporten")?;
        about::write(ws, &st, report, plan, quality, notes)?;
    }
    {
        let ws = wb.add_worksheet().set_name("Datakvalitet")?;
        quality_sheet::write(ws, &st, quality, notes)?;
    }
    {
        let ws = wb.add_worksheet().set_name("Data")?;
        let all: Vec<&DataRow> = rows.iter().collect();
        data_sheet::write(ws, plan, &report.current, &all, "Data")?;
    }
    wb.save_to_buffer()
}

pub fn save(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    atomic::write(path, bytes).map_err(|source| WriteError::Io { file: path.display().to_string(), source })
}

//! The report workbooks (`docs/reports.md`): the main workbook for the commissioning unit and one
//! workbook per health centre. Every file is written atomically and byte-identically for the
//! same inputs.

mod about;
pub mod actions;
mod areas;
pub mod atomic;
mod centre;
pub mod dialogue;
pub mod data_sheet;
mod equality;
mod export;
mod indicators_sheet;
mod month_sheet;
mod overview;
mod quality_sheet;
mod riket_sheet;
pub mod sheets;
pub mod style;
mod trend;
mod view;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, XlsxError};

use crate::analysis::Analysis;
use crate::cell::EntityIx;
use crate::compute::Report;
use crate::job::Output;

pub use about::title;
pub use export::{swedish_decimal, ExportError, Exports};
pub use dialogue::{agenda, Section, TalkingPoint};
pub use sheets::WrittenFile;
pub use style::Styles;
pub use view::View;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("arbetsboken kunde inte skapas: {}", in_swedish(.0))]
    Xlsx(#[from] XlsxError),
    #[error("kunde inte skriva {file}: {}", crate::system::in_swedish(.source))]
    Io { file: String, source: std::io::Error },
    #[error(transparent)]
    Export(#[from] ExportError),
}

/// What went wrong in the workbook writer, in words the analyst reads. The writer's own messages
/// are English; the ones a report's content can cause get a Swedish sentence, the rest keep the
/// writer's text after a Swedish lead so a maintainer can still find it.
fn in_swedish(e: &XlsxError) -> String {
    match e {
        XlsxError::MaxStringLengthExceeded => {
            "en text är längre än de 32 767 tecken en cell i Excel rymmer".to_string()
        }
        XlsxError::RowColumnLimitError => "tabellen är större än ett Excel-blad rymmer (1 048 576 rader, 16 384 kolumner)".to_string(),
        XlsxError::SheetnameLengthExceeded(name) => format!("bladnamnet \"{name}\" är längre än de 31 tecken Excel tillåter"),
        XlsxError::SheetnameContainsInvalidCharacter(name) => {
            format!("bladnamnet \"{name}\" innehåller ett tecken som Excel inte tillåter ([ ] : * ? / \\)")
        }
        XlsxError::SheetnameReused(name) => format!("två blad skulle heta \"{name}\""),
        XlsxError::SheetnameCannotBeBlank(_) => "ett bladnamn är tomt".to_string(),
        XlsxError::IoError(io) => format!("fel vid skrivning: {}", crate::system::in_swedish(io)),
        // `Data` and `Månadsdata` are written row by row to a temporary file (`sheets::Sheet::long`).
        XlsxError::TempFileError(dir, io) => format!(
            "kunde inte skriva en tillfällig fil i {} (mappen för tillfälliga filer, TMPDIR): {}",
            dir.display(),
            crate::system::in_swedish(io)
        ),
        other => format!("internt fel i arbetsboksskrivaren ({other})"),
    }
}

/// Document properties with a fixed date derived from the report period: the time of the run
/// is written nowhere, so re-runs are byte-identical.
fn properties(report: &Report) -> Result<DocProperties, XlsxError> {
    use chrono::Datelike;
    let end = report.current.period.end_date();
    let date = ExcelDateTime::from_ymd(end.year() as u16, end.month() as u8, end.day() as u8)?;
    Ok(DocProperties::new()
        .set_title(title(report))
        .set_subject("Indikatorerna i uppföljningsplanen för Hälsoval primärvård per hälsocentral, närsjukvårdsområde och kön")
        .set_author("uppfoljning")
        .set_company("Beställarenheten, Hälsoval primärvård")
        .set_creation_datetime(&date))
}

/// Builds the main workbook in memory; it lists `written`, the set's other files.
pub fn main_workbook(view: &View, written: &[WrittenFile]) -> Result<Vec<u8>, XlsxError> {
    sheets::build(&sheets::main_sheets(view.plan, view.month_rows.len()), view, None, written, &properties(view.report)?)
}

/// One health centre's workbook in memory, and its file name.
pub fn centre_workbook(view: &View, entity: EntityIx) -> Result<(String, Vec<u8>), XlsxError> {
    let e = view.entity(entity);
    let bytes = sheets::build(&sheets::centre_sheets(), view, Some(entity), &[], &properties(view.report)?)?;
    Ok((centre::file_name(&e.id, &e.name), bytes))
}

pub fn save(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    atomic::write(path, bytes).map_err(|source| WriteError::Io { file: path.display().to_string(), source })
}

/// Everything a run writes: the main workbook, `halsocentraler/` and the export files.
pub struct Written {
    pub main: PathBuf,
    pub centres: Vec<PathBuf>,
    pub exports: Vec<PathBuf>,
}

/// Writes every workbook of `analysis` into `output`.
///
/// The main workbook is written last and lists every other file of the set with its SHA-256
/// (`Om rapporten`), so a complete set is recognisable: a run that stops on the way leaves each
/// file complete or absent (`atomic`), the earlier main workbook in place, and centre workbooks
/// whose checksums that main workbook does not list. `progress(done, all)` is told after each
/// batch of centre workbooks is on disk.
pub fn write_all(output: &Output, analysis: &Analysis, progress: &mut dyn FnMut(usize, usize)) -> Result<Written, WriteError> {
    let view = View::new(analysis);
    let view = &view;
    let out = &output.dir;
    let report = view.report;
    let centres_dir = out.join(CENTRES_DIR);
    std::fs::create_dir_all(&centres_dir)
        .map_err(|source| WriteError::Io { file: centres_dir.display().to_string(), source })?;
    atomic::clean_leftovers(out);
    atomic::clean_leftovers(&centres_dir);
    let unit_entities: Vec<EntityIx> =
        report.current.entities.iter().enumerate().filter(|(_, e)| e.is_unit()).map(|(i, _)| EntityIx(i)).collect();
    let mut written = Vec::new();
    let mut keep = |path: &Path, name: String, bytes: &[u8]| -> Result<(), WriteError> {
        save(path, bytes)?;
        written.push(WrittenFile { path: name, sha256: crate::input::sha256(bytes) });
        Ok(())
    };
    // Each centre's workbook depends only on the view, so they are built in parallel; the
    // bytes of each file do not depend on the thread that made it.
    let mut centres = Vec::new();
    for chunk in unit_entities.chunks(32) {
        let built: Vec<(String, Vec<u8>)> =
            chunk.par_iter().map(|&e| centre_workbook(view, e)).collect::<Result<_, XlsxError>>()?;
        for (name, bytes) in built {
            let path = centres_dir.join(&name);
            keep(&path, format!("{CENTRES_DIR}/{name}"), &bytes)?;
            centres.push(path);
        }
        progress(centres.len(), unit_entities.len());
    }
    // `<main>.data.csv` …: beside the main workbook and named after it.
    let stem = output.main_file.strip_suffix(".xlsx").unwrap_or(&output.main_file);
    let mut exports = Vec::new();
    for (suffix, bytes) in export::files(view, output.exports)? {
        let name = format!("{stem}.{suffix}");
        let path = out.join(&name);
        keep(&path, name, &bytes)?;
        exports.push(path);
    }
    let main = out.join(&output.main_file);
    save(&main, &main_workbook(view, &written)?)?;
    Ok(Written { main, centres, exports })
}

/// The folder of the centre workbooks, under the output folder.
pub const CENTRES_DIR: &str = "halsocentraler";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writer_errors_are_said_in_swedish() {
        let e = WriteError::from(XlsxError::MaxStringLengthExceeded);
        assert_eq!(e.to_string(), "arbetsboken kunde inte skapas: en text är längre än de 32 767 tecken en cell i Excel rymmer");
        let e = WriteError::from(XlsxError::SheetnameLengthExceeded("Patientupplevd kvalitet och bemötande".into()));
        assert!(e.to_string().contains("bladnamnet \"Patientupplevd kvalitet och bemötande\" är längre än de 31 tecken"));
        let e = WriteError::from(XlsxError::TempFileError(
            "/saknas".into(),
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        ));
        assert!(e.to_string().starts_with("arbetsboken kunde inte skapas: kunde inte skriva en tillfällig fil i /saknas (mappen för tillfälliga filer, TMPDIR): "), "{e}");
        // Others keep the writer's own text for the maintainer, after a Swedish lead.
        let e = WriteError::from(XlsxError::MergeRangeSingleCell);
        assert!(e.to_string().starts_with("arbetsboken kunde inte skapas: internt fel i arbetsboksskrivaren ("));
    }
}

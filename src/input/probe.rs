//! What a run makes of any bytes: the file is read as each data set in turn and its rows are
//! checked as `load` would check them. The fuzz targets in `fuzz/` and the hostile-input tests
//! drive the readers through here, so that "any input gives a result or a Swedish error, never a
//! panic" is tested on the same code a run uses.

use std::path::Path;

use super::measures::{self, MeasureRows};
use super::npe::{self, Respondents};
use super::quality::Quality;
use super::raw::{InputError, RawTable};
use super::read::{self, Format};
use super::units::{self, Units};
use super::{actions, riket, urval};
use crate::plan::Plan;

/// The data sets a file can be read as, in the order [`as_every_dataset`] tries them.
pub const DATASETS: [&str; 7] = ["enhetsregistret", "NPE", "PVK", "tillgänglighet", "åtgärder", "urval", "riket"];

/// Reads `bytes` as a file called `name` (its ending tells the format) of every data set of
/// [`DATASETS`], and checks the rows against `plan` and `units`. For each data set: the rows
/// accepted and rejected, or the error that stops a run.
pub fn as_every_dataset(name: &str, bytes: &[u8], plan: &Plan, units: &Units) -> Vec<Result<(usize, usize), InputError>> {
    let Some(format) = Format::of(Path::new(name)) else {
        return vec![Err(InputError::UnsupportedFormat { file: name.to_string() })];
    };
    let npe_columns: Vec<&str> = npe::BASE.iter().copied().chain(plan.used_questions()).collect();
    let required: [&[&str]; 7] = [
        &units::REQUIRED,
        &npe_columns,
        &measures::PVK.columns,
        &measures::ACCESS.columns,
        &actions::COLUMNS,
        &urval::REQUIRED,
        &riket::REQUIRED,
    ];
    DATASETS
        .iter()
        .zip(required)
        .enumerate()
        .map(|(k, (dataset, required))| {
            let table = read::from_bytes(name, format, bytes.to_vec(), required, dataset)?;
            check(k, table, plan, units)
        })
        .collect()
}

/// The rows accepted and rejected when `table` is data set number `k` of [`DATASETS`].
fn check(k: usize, table: RawTable, plan: &Plan, units: &Units) -> Result<(usize, usize), InputError> {
    let mut quality = Quality::default();
    let accepted = match k {
        0 => units::parse(&table)?.list.len(),
        1 => {
            let mut out = Respondents::for_plan(plan);
            npe::check(&table, units, &mut out, &mut quality);
            out.len()
        }
        2 | 3 => {
            let layout = if k == 2 { &measures::PVK } else { &measures::ACCESS };
            let mut out = MeasureRows::default();
            measures::check(std::slice::from_ref(&table), layout, plan, units, &mut out, &mut quality);
            out.len()
        }
        4 => actions::check(std::slice::from_ref(&table), plan, units, &mut quality).list.len(),
        5 => urval::check(std::slice::from_ref(&table), units, &mut quality).counts.len(),
        _ => riket::check(std::slice::from_ref(&table), plan, &mut quality).values.len(),
    };
    quality.shorten_texts();
    Ok((accepted, quality.problems.len()))
}

/// A register from bytes, as `--units` would read it from a file called `name`.
pub fn units(name: &str, bytes: &[u8]) -> Result<Units, InputError> {
    let format = Format::of(Path::new(name)).ok_or_else(|| InputError::UnsupportedFormat { file: name.to_string() })?;
    units::parse(&read::from_bytes(name, format, bytes.to_vec(), &units::REQUIRED, "enhetsregistret")?)
}

//! The input layer: the data sets of `docs/inputs.md`, read from xlsx, csv or parquet, checked
//! row by row, with every rejected row accounted for in [`Quality`].

// Here data decides what is indexed: every index, slice, unwrap or expect in the input layer is
// either checked or allowed where it stands with the reason it cannot fail (`cargo clippy`).
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

pub mod actions;
pub mod codes;
mod format;
pub mod measures;
pub mod npe;
pub mod probe;
pub mod quality;
pub mod raw;
pub mod riket;
mod read;
pub mod units;
pub mod urval;

use std::path::{Path, PathBuf};

pub use actions::{Action, ActionStatus, Actions, RejectedAction};
pub use measures::MeasureRows;
pub use npe::Respondents;
pub use quality::{Dataset, FileSummary, Problem, ProblemKind, Quality};
pub use raw::InputError;
pub use read::sha256;
pub use units::{Regi, Unit, Units};
pub use riket::{Riket, RiketValue};
pub use urval::Sampled;

use crate::plan::Plan;

/// The files of one run, by data set.
#[derive(Debug, Clone, Default)]
pub struct InputFiles {
    pub units: PathBuf,
    pub npe: Vec<PathBuf>,
    pub pvk: Vec<PathBuf>,
    pub access: Vec<PathBuf>,
    /// Agreed actions: optional, in the order given (later files win).
    pub actions: Vec<PathBuf>,
    /// NPE sampled counts (`urval`): optional, for the response rate.
    pub urval: Vec<PathBuf>,
    /// National reference values: optional.
    pub riket: Vec<PathBuf>,
}

impl InputFiles {
    /// The data set files in a folder, by name: `units*`/`enheter*`, `npe*`, `pvk*`,
    /// `access*`/`tillganglighet*`, `atgarder*`, `urval*`, `riket*` (xlsx, csv or parquet).
    pub fn from_folder(dir: &Path) -> Result<InputFiles, InputError> {
        let units = read::files_with_prefix(dir, &["units", "enheter", "enhetsregister"]);
        let units = match units.as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(InputError::Other(format!(
                    "hittar inget enhetsregister (units.xlsx) i mappen {}",
                    dir.display()
                )))
            }
            _ => {
                return Err(InputError::Other(format!(
                    "mappen {} har flera enhetsregister; ange ett med --units",
                    dir.display()
                )))
            }
        };
        Ok(InputFiles {
            units,
            npe: read::files_with_prefix(dir, &["npe"]),
            pvk: read::files_with_prefix(dir, &["pvk"]),
            access: read::files_with_prefix(dir, &["access", "tillganglighet", "tillgänglighet"]),
            actions: read::files_with_prefix(dir, &["atgarder", "åtgärder"]),
            urval: read::files_with_prefix(dir, &["urval"]),
            riket: read::files_with_prefix(dir, &["riket"]),
        })
    }
}

/// Everything read and accepted, with the account of what was not.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub units: Units,
    pub respondents: Respondents,
    pub measures: MeasureRows,
    pub actions: Actions,
    pub sampled: Sampled,
    pub riket: Riket,
    pub quality: Quality,
}

pub fn load(files: &InputFiles, plan: &Plan) -> Result<Inputs, InputError> {
    let units = units::load(&files.units)?;
    let mut quality = Quality::default();
    quality.files.push(FileSummary {
        dataset: Dataset::Units,
        file: units.file.clone(),
        sha256: units.sha256.clone(),
        read: units.rows,
        used: units.rows,
        rejected: 0,
        invalid_answers: 0,
        merged: 0,
        replaced: 0,
    });
    let mut respondents = Respondents::for_plan(plan);
    npe::load(&files.npe, plan, &units, &mut respondents, &mut quality)?;
    let mut measures = MeasureRows::default();
    measures::load(&files.pvk, &measures::PVK, plan, &units, &mut measures, &mut quality)?;
    measures::load(&files.access, &measures::ACCESS, plan, &units, &mut measures, &mut quality)?;
    let actions = actions::load(&files.actions, plan, &units, &mut quality)?;
    let sampled = urval::load(&files.urval, &units, &mut quality)?;
    let riket = riket::load(&files.riket, plan, &mut quality)?;
    quality.shorten_texts();
    Ok(Inputs { units, respondents, measures, actions, sampled, riket, quality })
}

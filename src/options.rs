//! The command line's options as given, and how each resolves to a file: the input files and
//! the plan. [`crate::job`] assembles the result into the run's description.

use std::path::{Path, PathBuf};

use crate::compute::ReportKind;
use crate::input::{InputError, InputFiles};
use crate::plan::{self, PlanError};

/// Input options as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    pub units: Option<PathBuf>,
    pub npe: Vec<PathBuf>,
    pub pvk: Vec<PathBuf>,
    pub access: Vec<PathBuf>,
    pub actions: Vec<PathBuf>,
    pub urval: Vec<PathBuf>,
    pub riket: Vec<PathBuf>,
}

/// `run`'s options as given on the command line.
#[derive(Debug, Clone)]
pub struct RunRequest {
    pub year: i32,
    pub report: ReportKind,
    pub plan: Option<PathBuf>,
    pub inputs: InputOptions,
    pub out: Option<PathBuf>,
    /// The export files to write beside the main workbook (`--export`).
    pub exports: crate::report::Exports,
}

#[derive(Debug, thiserror::Error)]
pub enum OptionsError {
    #[error("--units måste anges när någon av --npe, --pvk, --access, --atgarder, --urval eller --riket anges (exempeldata och riktiga data blandas aldrig)")]
    UnitsRequired,
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Plan(#[from] PlanError),
}

/// The repository folder holding `indicators/` and `data-samples/`: the current folder when it
/// has them, else the folder the program was built from (so `cargo run` works from anywhere).
pub fn project_dir() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    if cwd.join("indicators").is_dir() {
        return cwd;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl InputOptions {
    pub fn any_given(&self) -> bool {
        self.units.is_some()
            || !self.npe.is_empty()
            || !self.pvk.is_empty()
            || !self.access.is_empty()
            || !self.actions.is_empty()
            || !self.urval.is_empty()
            || !self.riket.is_empty()
    }

    /// With no input option, the shipped `data-samples/`; otherwise exactly the files given.
    pub fn resolve(&self, project: &Path) -> Result<InputFiles, OptionsError> {
        if !self.any_given() {
            return Ok(InputFiles::from_folder(&project.join("data-samples"))?);
        }
        let units = self.units.clone().ok_or(OptionsError::UnitsRequired)?;
        Ok(InputFiles {
            units,
            npe: self.npe.clone(),
            pvk: self.pvk.clone(),
            access: self.access.clone(),
            actions: self.actions.clone(),
            urval: self.urval.clone(),
            riket: self.riket.clone(),
        })
    }
}

/// The plan file: `--plan`, else `indicators/<year>.toml` (year given, or the newest plan).
pub fn resolve_plan(project: &Path, year: Option<i32>, plan: Option<&Path>) -> Result<plan::Plan, PlanError> {
    let path = match plan {
        Some(p) => p.to_path_buf(),
        None => plan::locate(&project.join("indicators"), year)?.1,
    };
    let loaded = plan::load(&path)?;
    if let Some(y) = year {
        if loaded.year != y {
            return Err(PlanError::Invalid {
                file: path.display().to_string(),
                message: format!("planen gäller år {}, men rapporten avser {y}", loaded.year),
            });
        }
    }
    Ok(loaded)
}

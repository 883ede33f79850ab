//! The resolved description of a run, built once from the command line before anything is read:
//! [`Sources`] (the plan, loaded and checked, and every input file) for `validate` and `run`,
//! and for `run` a [`Job`] adding the period and where the workbooks go.

use std::path::{Path, PathBuf};

use crate::compute::Period;
use crate::input::{self, InputError, Inputs, InputFiles};
use crate::options::{self, InputOptions, OptionsError, RunRequest};
use crate::plan::Plan;

/// What a run reads.
#[derive(Debug, Clone)]
pub struct Sources {
    pub plan: Plan,
    pub files: InputFiles,
}

impl Sources {
    /// The plan (`--plan`, else `indicators/<year>.toml` or the newest) and the input files
    /// (the options given, else `data-samples/`).
    pub fn resolve(project: &Path, year: Option<i32>, plan: Option<&Path>, inputs: &InputOptions) -> Result<Sources, OptionsError> {
        let plan = options::resolve_plan(project, year, plan)?;
        let files = inputs.resolve(project)?;
        Ok(Sources { plan, files })
    }

    /// Reads and checks every input file against the plan.
    pub fn read(&self) -> Result<Inputs, InputError> {
        input::load(&self.files, &self.plan)
    }
}

/// Where a run writes: the folder, and the main workbook's file name in it (the centres'
/// workbooks go to `halsocentraler/` below it).
#[derive(Debug, Clone)]
pub struct Output {
    pub dir: PathBuf,
    pub main_file: String,
    pub exports: crate::report::Exports,
}

/// One `run`: what to read, which report, where to write.
#[derive(Debug, Clone)]
pub struct Job {
    pub sources: Sources,
    pub period: Period,
    pub output: Output,
}

impl Job {
    pub fn resolve(project: &Path, req: &RunRequest) -> Result<Job, OptionsError> {
        let sources = Sources::resolve(project, Some(req.year), req.plan.as_deref(), &req.inputs)?;
        let period = Period { year: req.year, kind: req.report };
        let dir = req.out.clone().unwrap_or_else(|| project.join("reports").join(req.year.to_string()).join(req.report.key()));
        Ok(Job { sources, period, output: Output { dir, main_file: req.report.file_name(req.year), exports: req.exports } })
    }
}

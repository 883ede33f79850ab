//! The two commands that read data: `validate` (check and summarise) and `run` (compute and
//! write the report), from the command line's options to files on disk.
//!
//! Both go the same way: options → [`Sources`] / [`Job`] → [`Sources::read`] → (for `run`)
//! [`Analysis::new`] → [`report::write_all`].

use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::compute;
use crate::input;
use crate::job::{Job, Sources};
use crate::options::{InputOptions, OptionsError, RunRequest};
use crate::report::{self, WriteError};

pub use crate::compute::ReportKind;
pub use crate::report::Written;

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Options(#[from] OptionsError),
    #[error(transparent)]
    Input(#[from] input::InputError),
    #[error(transparent)]
    Compute(#[from] compute::ComputeError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("kunde inte skapa mappen {dir}: {}", crate::system::in_swedish(.source))]
    OutDir { dir: String, source: std::io::Error },
}

/// `uppfoljning validate`: the data quality summary; writes nothing.
pub fn validate(project: &Path, year: Option<i32>, plan: Option<&Path>, opts: &InputOptions) -> Result<String, RunError> {
    let sources = Sources::resolve(project, year, plan, opts)?;
    let inputs = sources.read()?;
    Ok(crate::validate::summary(&inputs.quality))
}

/// `uppfoljning run`: computes the report and writes the workbook(s) into the out folder.
pub fn run(project: &Path, req: &RunRequest, say: &mut dyn FnMut(&str)) -> Result<Written, RunError> {
    say("Läser uppföljningsplan och indata …");
    let Job { sources, period, output } = Job::resolve(project, req)?;
    let inputs = sources.read()?;
    say("Beräknar indikatorer …");
    let analysis = Analysis::new(sources, inputs, period)?;
    say("Skriver arbetsböcker …");
    let dir: &PathBuf = &output.dir;
    std::fs::create_dir_all(dir).map_err(|source| RunError::OutDir { dir: dir.display().to_string(), source })?;
    let mut progress = |i: usize, n: usize| say(&format!("Hälsocentralernas arbetsböcker: {i} av {n} skrivna"));
    Ok(report::write_all(&output, &analysis, &mut progress)?)
}

//! Finding a plan file for a year, reading it and parsing it.

use std::path::{Path, PathBuf};

use super::check::{validate, Problems};
use super::raw::RawPlan;
use super::{Plan, PlanError};

/// Path of plan `year` in `dir` (`indicators/<year>.toml`).
pub fn plan_path(dir: &Path, year: i32) -> PathBuf {
    dir.join(format!("{year}.toml"))
}

/// Years with a plan file in `dir`, ascending.
pub fn available_years(dir: &Path) -> Vec<i32> {
    let mut years: Vec<i32> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".toml").and_then(|y| y.parse().ok())
        })
        .collect();
    years.sort_unstable();
    years
}

/// Finds plan `year` (or the newest) in `dir`.
pub fn locate(dir: &Path, year: Option<i32>) -> Result<(i32, PathBuf), PlanError> {
    let years = available_years(dir);
    let year = match year {
        Some(y) => y,
        None => *years.last().ok_or_else(|| PlanError::NoPlans { dir: dir.display().to_string() })?,
    };
    let path = plan_path(dir, year);
    if !path.is_file() {
        let available = years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
        return Err(PlanError::NoPlanForYear {
            year,
            path: path.display().to_string(),
            available: if available.is_empty() { "inga".into() } else { available },
        });
    }
    Ok((year, path))
}

pub fn load(path: &Path) -> Result<Plan, PlanError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| PlanError::Io { file: file.clone(), source })?;
    let mut plan = parse(&text, &file)?;
    plan.file = path.to_path_buf();
    Ok(plan)
}

/// Parses and validates a plan's text; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Plan, PlanError> {
    let raw: RawPlan =
        toml::from_str(text).map_err(|e| PlanError::Syntax { file: file.to_string(), message: e.to_string() })?;
    let mut problems = Problems::default();
    let plan = validate(raw, &mut problems);
    if problems.0.is_empty() {
        Ok(plan)
    } else {
        Err(PlanError::Invalid { file: file.to_string(), message: problems.0.join("; ") })
    }
}

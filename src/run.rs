//! The two commands that read data: `validate` (check and summarise) and `run` (compute and
//! write the report), from resolved options to files on disk.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub use crate::compute::ReportKind;
use crate::compute::{self, Period, Report};
use crate::input::{self, InputFiles, Inputs};
use crate::options::{self, InputOptions, OptionsError};
use crate::plan::{Kind, Plan, Source};
use crate::report::{self, WriteError};

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Options(#[from] OptionsError),
    #[error(transparent)]
    Input(#[from] input::InputError),
    #[error(transparent)]
    Plan(#[from] crate::plan::PlanError),
    #[error(transparent)]
    Compute(#[from] compute::ComputeError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("kunde inte skapa mappen {dir}: {source}")]
    OutDir { dir: String, source: std::io::Error },
}

impl From<rust_xlsxwriter::XlsxError> for RunError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        RunError::Write(WriteError::Xlsx(e))
    }
}

pub struct RunRequest {
    pub year: i32,
    pub report: ReportKind,
    pub plan: Option<PathBuf>,
    pub inputs: InputOptions,
    pub out: Option<PathBuf>,
}

pub use crate::report::Written;

fn read_inputs(project: &Path, year: Option<i32>, plan: Option<&Path>, opts: &InputOptions) -> Result<(Plan, InputFiles, Inputs), RunError> {
    let plan = options::resolve_plan(project, year, plan)?;
    let files = opts.resolve(project)?;
    let inputs = input::load(&files, &plan)?;
    Ok((plan, files, inputs))
}

/// `uppfoljning validate`: the data quality summary; writes nothing.
pub fn validate(project: &Path, year: Option<i32>, plan: Option<&Path>, opts: &InputOptions) -> Result<String, RunError> {
    let (_, _, inputs) = read_inputs(project, year, plan, opts)?;
    Ok(crate::validate::summary(&inputs.quality))
}

/// `uppfoljning run`: computes the report and writes the workbook(s) into the out folder.
pub fn run(project: &Path, req: &RunRequest, say: &mut dyn FnMut(&str)) -> Result<Written, RunError> {
    say("Läser uppföljningsplan och indata …");
    let (plan, files, inputs) = read_inputs(project, Some(req.year), req.plan.as_deref(), &req.inputs)?;
    say("Beräknar indikatorer …");
    let period = Period { year: req.year, kind: req.report };
    let report = compute::report(&inputs, &plan, period)?;
    let rows = report.rows(&plan);
    let notes = notes(&plan, &files, &inputs, &report);
    say("Skriver arbetsböcker …");
    let out = req
        .out
        .clone()
        .unwrap_or_else(|| project.join("reports").join(req.year.to_string()).join(req.report.key()));
    std::fs::create_dir_all(&out).map_err(|source| RunError::OutDir { dir: out.display().to_string(), source })?;
    let mut progress = |i: usize, n: usize| say(&format!("Hälsocentralernas arbetsböcker: {i} av {n}"));
    let view = report::View::new(&plan, &report, &rows, &inputs.quality, &inputs.units, &notes);
    let written = report::write_all(&out, &req.report.file_name(req.year), &view, &mut progress)?;
    Ok(written)
}

/// Notes for the data quality sheet: empty data sets, units without data, months missing.
pub fn notes(plan: &Plan, files: &InputFiles, inputs: &Inputs, report: &Report) -> Vec<String> {
    let mut notes = Vec::new();
    for (source, given, label) in [
        (Source::Npe, &files.npe, "Nationell patientenkät"),
        (Source::Pvk, &files.pvk, "Primärvårdskvalitet"),
        (Source::Access, &files.access, "tillgänglighet"),
    ] {
        if given.is_empty() && plan.indicators.iter().any(|i| i.source == source) {
            notes.push(format!("Ingen fil med {label} angavs: dess indikatorer redovisas som ingen data."));
        }
    }
    let cur = &report.current;
    if cur.survey_year.is_none() && plan.indicators.iter().any(|i| i.kind == Kind::Survey) {
        notes.push(format!("Ingen enkätomgång {} eller tidigare finns bland godkända NPE-rader.", cur.period.year));
    }
    // Units in the report without a single observation in the period.
    for (e, entity) in cur.entities.iter().enumerate().filter(|(_, e)| e.is_unit()) {
        if cur.indicators.iter().all(|t| t.obs[e][2].n() == 0) {
            notes.push(format!("{} ({}) har inga data för perioden.", entity.name, entity.id));
        }
    }
    // Months without any row, per unit and flow/status indicator (status: the last month only).
    let m = &inputs.measures;
    let mut present: BTreeSet<(u32, u32, i32)> = BTreeSet::new();
    for i in 0..m.len() {
        present.insert((m.unit[i], m.indicator[i], m.month[i]));
    }
    let mut missing: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    let period = cur.period;
    for entity in cur.entities.iter().filter(|e| e.is_unit()) {
        let compute::EntityKind::Unit(u) = entity.kind else { continue };
        let unit = &inputs.units.list[u];
        for (k, ind) in plan.indicators.iter().enumerate() {
            let months: Vec<i32> = match ind.kind {
                Kind::Flow => (period.first().0..=period.last().0).collect(),
                Kind::Status(_) => vec![period.last().0],
                Kind::Survey => continue,
            };
            for month in months {
                let mo = crate::input::codes::Month(month);
                if unit.overlaps(mo.first_day(), mo.last_day()) && !present.contains(&(u as u32, k as u32, month)) {
                    missing.entry((u, k)).or_default().push(mo.to_string());
                }
            }
        }
    }
    for ((u, k), months) in missing {
        let unit = &inputs.units.list[u];
        notes.push(format!(
            "{} ({}): {} saknar data för {}.",
            unit.name,
            unit.hsa_id,
            plan.indicators[k].id,
            months.join(", ")
        ));
    }
    for entity in cur.entities.iter().filter(|e| e.is_unit()) {
        let compute::EntityKind::Unit(u) = entity.kind else { continue };
        let unit = &inputs.units.list[u];
        let (opened, closed) = unit.partly_open(period.start_date(), period.end_date());
        if let Some(from) = opened {
            notes.push(format!("{} ({}) öppnade {from}.", unit.name, unit.hsa_id));
        }
        if let Some(to) = closed {
            notes.push(format!("{} ({}) stängde {to}.", unit.name, unit.hsa_id));
        }
    }
    notes
}

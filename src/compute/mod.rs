//! Every cell of the follow-up plan for one report: indicator × entity × sex, with its value,
//! interval, target outcome, suppression status, last year's figure and sex difference
//! (`docs/computation.md`).

pub mod entities;
pub mod period;
pub mod values;

mod gather;

use std::collections::HashMap;

use crate::cell::{BySex, EntityIx, IndicatorIx, Sex};
use crate::disclosure::{self, Grid, Status};
use crate::input::Inputs;
use crate::plan::Plan;

pub use entities::{Entity, EntityKind};
pub use period::{Period, ReportKind};
pub use values::{Obs, Outcome, SexDifference};

/// One indicator over every entity of a period table.
#[derive(Debug, Clone)]
pub struct IndicatorTable {
    pub indicator: IndicatorIx,
    /// Per entity: the Kvinnor, Män and Totalt cells (Totalt includes unknown sex).
    pub obs: Vec<BySex<Obs>>,
    /// Per entity: the unknown-sex group, which is never published.
    pub unknown: Vec<Obs>,
    pub status: Vec<BySex<Status>>,
}

/// All indicators of a plan for one period.
#[derive(Debug, Clone)]
pub struct PeriodTable {
    pub period: Period,
    pub entities: Vec<Entity>,
    /// The NPE survey year used, if any respondents were accepted for a year ≤ the report year.
    pub survey_year: Option<i32>,
    pub indicators: Vec<IndicatorTable>,
}

impl PeriodTable {
    pub fn entity_index(&self) -> HashMap<&str, usize> {
        self.entities.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect()
    }
}

/// Computes the table of `period` with `plan`; `survey_year` is the NPE year to use.
pub fn period_table(
    inputs: &Inputs,
    plan: &Plan,
    period: Period,
    survey_year: Option<i32>,
) -> Result<PeriodTable, ComputeError> {
    let entities = entities::entities(&inputs.units, period);
    let per_unit = gather::unit_observations(inputs, plan, period, survey_year, &entities)?;
    let mut indicators = Vec::with_capacity(plan.indicators.len());
    for (k, (ind, (mut obs, mut unknown))) in plan.indicators.iter().zip(per_unit).enumerate() {
        // Aggregates pool their member units' observations, in member (HSA-id) order.
        for e in &entities[obs.len()..] {
            let mut cell = BySex::from_fn(|_| Obs::empty(ind.kind));
            let mut unk = Obs::empty(ind.kind);
            for &m in &e.members {
                for s in Sex::ALL {
                    cell[s].add(&obs[m][s]);
                }
                unk.add(&unknown[m]);
            }
            obs.push(cell);
            unknown.push(unk);
        }
        let grid = grid_of(&entities, &obs, &unknown, ind.by_sex, ind.min_n);
        let status = disclosure::suppress(&grid);
        indicators.push(IndicatorTable { indicator: IndicatorIx(k), obs, unknown, status });
    }
    Ok(PeriodTable { period, entities, survey_year, indicators })
}


/// The suppression relations of `docs/computation.md` over this table's entities.
fn grid_of(entities: &[Entity], obs: &[BySex<Obs>], unknown: &[Obs], by_sex: bool, min_n: u64) -> Grid {
    let position = |pred: &dyn Fn(&Entity) -> bool| -> Vec<usize> {
        entities.iter().enumerate().filter(|(_, e)| pred(e)).map(|(i, _)| i).collect()
    };
    let county = position(&|e| e.kind == EntityKind::County);
    let areas = position(&|e| matches!(e.kind, EntityKind::Area(_)));
    let regis = position(&|e| matches!(e.kind, EntityKind::Regi(_)));
    let unit_groups = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.is_unit())
        .map(|(i, e)| (i, e.members.clone()))
        .collect();
    let county_groups = county.iter().flat_map(|&c| [(c, areas.clone()), (c, regis.clone())]).collect();
    Grid {
        n: obs.iter().map(|o| o.map(Obs::n)).collect(),
        unknown: unknown.iter().map(Obs::n).collect(),
        by_sex,
        min_n,
        unit_groups,
        county_groups,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ComputeError {
    #[error("beräkningen misslyckades: {0}")]
    Polars(#[from] polars::error::PolarsError),
}

/// The latest survey year ≤ `at_most` among the accepted respondents.
pub fn latest_survey_year(inputs: &Inputs, at_most: i32) -> Option<i32> {
    inputs.respondents.year.iter().copied().filter(|&y| y <= at_most).max()
}

/// The report: this year's table, and last year's computed with this year's plan.
#[derive(Debug, Clone)]
pub struct Report {
    pub current: PeriodTable,
    pub previous: PeriodTable,
}

pub fn report(inputs: &Inputs, plan: &Plan, period: Period) -> Result<Report, ComputeError> {
    let survey = latest_survey_year(inputs, period.year);
    // Last year's survey figure is the latest survey year *below* the one used now.
    let previous_survey = survey.and_then(|s| latest_survey_year(inputs, s - 1));
    let current = period_table(inputs, plan, period, survey)?;
    let previous = period_table(inputs, plan, period.previous(), previous_survey)?;
    Ok(Report { current, previous })
}

/// One row of the `Data` sheet (`docs/reports.md` § The `Data` sheet).
#[derive(Debug, Clone, PartialEq)]
pub struct DataRow {
    pub indicator: IndicatorIx,
    pub entity: EntityIx,
    pub sex: Sex,
    pub period: String,
    pub t: Option<f64>,
    pub n: Option<f64>,
    pub value: Option<f64>,
    pub ci: Option<(f64, f64)>,
    pub target: Option<f64>,
    pub outcome: Option<Outcome>,
    pub previous: Option<f64>,
    pub sex_difference: Option<SexDifference>,
    pub status: Status,
}

impl Report {
    /// The rows of the `Data` sheet, in contract order.
    pub fn rows(&self, plan: &Plan) -> Vec<DataRow> {
        let cur = &self.current;
        let prev_index = self.previous.entity_index();
        let mut rows = Vec::new();
        for table in &cur.indicators {
            let ind = &plan.indicators[table.indicator.0];
            let prev = &self.previous.indicators[table.indicator.0];
            let label = cur.period.label(ind, cur.survey_year);
            let sexes = Sex::published(ind.by_sex);
            for (e, entity) in cur.entities.iter().enumerate() {
                for &s in sexes {
                    let status = table.status[e][s];
                    let obs = &table.obs[e][s];
                    let mut row = DataRow {
                        indicator: table.indicator,
                        entity: EntityIx(e),
                        sex: s,
                        period: label.clone(),
                        t: None,
                        n: None,
                        value: None,
                        ci: None,
                        target: ind.target.map(|t| t.value),
                        outcome: None,
                        previous: None,
                        sex_difference: None,
                        status,
                    };
                    if status == Status::Shown {
                        row.t = Some(obs.t());
                        row.n = Some(obs.n() as f64);
                        row.value = obs.value(ind.unit);
                        row.ci = obs.interval(ind.unit);
                        row.outcome = ind
                            .target
                            .as_ref()
                            .zip(obs.rounded_tenths(ind.unit))
                            .map(|(t, tenths)| values::outcome(t, tenths));
                        row.previous = prev_index
                            .get(entity.id.as_str())
                            .filter(|&&pe| prev.status[pe][s] == Status::Shown)
                            .and_then(|&pe| prev.obs[pe][s].value(ind.unit));
                        if ind.by_sex
                            && s == Sex::Total
                            && table.status[e][Sex::Women] == Status::Shown
                            && table.status[e][Sex::Men] == Status::Shown
                        {
                            let (women, men) = (&table.obs[e][Sex::Women], &table.obs[e][Sex::Men]);
                            row.sex_difference = Some(values::sex_difference(women, men, ind.unit));
                        }
                    }
                    rows.push(row);
                }
            }
        }
        rows
    }
}

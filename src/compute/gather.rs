//! From accepted input rows to one observation per unit, indicator and sex for a period.
//!
//! Counts (PVK, accessibility) are summed with a polars group-by: flow indicators over the
//! report's months, status indicators in the last month only. Survey scores are computed per
//! respondent in input order, so that sums are the same on every run.

use polars::prelude::*;

use super::entities::{Entity, EntityKind};
use super::period::Period;
use super::values::Obs;
use super::ComputeError;
use crate::input::codes::Sex;
use crate::input::Inputs;
use crate::plan::{Dimension, Kind, Plan};

/// Per indicator: per unit entity the Kvinnor, Män, Totalt observations, and the unknown-sex group.
pub type UnitObservations = Vec<(Vec<[Obs; 3]>, Vec<Obs>)>;

pub fn unit_observations(
    inputs: &Inputs,
    plan: &Plan,
    period: Period,
    survey_year: Option<i32>,
    entities: &[Entity],
) -> Result<UnitObservations, ComputeError> {
    // Position of each register unit among this period's entities (None: not in the report).
    let mut position = vec![None; inputs.units.list.len()];
    for (p, e) in entities.iter().enumerate() {
        if let EntityKind::Unit(u) = e.kind {
            position[u] = Some(p);
        }
    }
    let unit_count = entities.iter().filter(|e| e.is_unit()).count();
    let mut out: UnitObservations = plan
        .indicators
        .iter()
        .map(|ind| {
            let zero = Obs::empty(ind.kind);
            (vec![std::array::from_fn(|_| zero.clone()); unit_count], vec![zero; unit_count])
        })
        .collect();

    for (indicator, unit, sex, t, n) in sum_counts(inputs, plan, period)? {
        let Some(p) = position[unit] else { continue };
        let ind = &plan.indicators[indicator];
        let obs = Obs::Ratio { t, n };
        let (cells, unknown) = &mut out[indicator];
        // An indicator not split by sex counts every row in Totalt, whatever its sex code.
        if ind.by_sex {
            match sex {
                Sex::Women => cells[p][0].add(&obs),
                Sex::Men => cells[p][1].add(&obs),
                Sex::Unknown => unknown[p].add(&obs),
            }
        }
        cells[p][2].add(&obs);
    }

    if let Some(year) = survey_year {
        survey_scores(inputs, plan, year, &position, &mut out);
    }
    Ok(out)
}

/// (indicator, register unit, sex, t, n).
type CountSum = (usize, usize, Sex, u64, u64);

/// Sums t and n per (indicator, unit, sex) over the rows each indicator reads in `period`.
fn sum_counts(inputs: &Inputs, plan: &Plan, period: Period) -> Result<Vec<CountSum>, ComputeError> {
    let m = &inputs.measures;
    if m.is_empty() {
        return Ok(Vec::new());
    }
    let flow: Vec<bool> = plan.indicators.iter().map(|i| i.kind == Kind::Flow).collect();
    let df = df!(
        "indicator" => m.indicator.iter().map(|&i| i as i64).collect::<Vec<_>>(),
        "flow" => m.indicator.iter().map(|&i| flow[i as usize]).collect::<Vec<_>>(),
        "unit" => m.unit.iter().map(|&u| u as i64).collect::<Vec<_>>(),
        "sex" => m.sex.iter().map(|&s| s as i64).collect::<Vec<_>>(),
        "month" => m.month.clone(),
        "t" => m.t.iter().map(|&t| t as i64).collect::<Vec<_>>(),
        "n" => m.n.iter().map(|&n| n as i64).collect::<Vec<_>>(),
    )?;
    let (first, last) = (period.first().0, period.last().0);
    let in_period = (col("flow").and(col("month").gt_eq(lit(first))).and(col("month").lt_eq(lit(last))))
        .or(col("flow").not().and(col("month").eq(lit(last))));
    let sums = df
        .lazy()
        .filter(in_period)
        .group_by([col("indicator"), col("unit"), col("sex")])
        .agg([col("t").sum(), col("n").sum()])
        .sort(["indicator", "unit", "sex"], SortMultipleOptions::default())
        .collect()?;
    let get = |name: &str| -> Result<Vec<i64>, ComputeError> {
        Ok(sums.column(name)?.as_materialized_series().i64()?.iter().map(|v| v.unwrap_or(0)).collect())
    };
    let (ind, unit, sex, t, n) = (get("indicator")?, get("unit")?, get("sex")?, get("t")?, get("n")?);
    Ok((0..sums.height())
        .map(|i| {
            let sex = match sex[i] {
                0 => Sex::Women,
                1 => Sex::Men,
                _ => Sex::Unknown,
            };
            (ind[i] as usize, unit[i] as usize, sex, t[i] as u64, n[i] as u64)
        })
        .collect())
}

/// A respondent's score in a dimension over the questions answered 1–4
/// (`computation.md` § Values): Σ w·[positive] / Σ w, or None when none was answered.
pub fn score(dimension: &Dimension, slots: &[usize], answers: &[u8]) -> Option<f64> {
    let (mut hit, mut weight) = (0.0, 0.0);
    for (q, &slot) in dimension.questions.iter().zip(slots) {
        let a = answers[slot];
        if (1..=4).contains(&a) {
            weight += q.weight;
            if q.positive.contains(&a) {
                hit += q.weight;
            }
        }
    }
    (weight > 0.0).then(|| hit / weight)
}

fn survey_scores(inputs: &Inputs, plan: &Plan, year: i32, position: &[Option<usize>], out: &mut UnitObservations) {
    let r = &inputs.respondents;
    let survey: Vec<(usize, &Dimension, Vec<usize>)> = plan
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == Kind::Survey)
        .filter_map(|(k, i)| {
            let d = plan.dimension(&i.code)?;
            let slots = d.questions.iter().map(|q| r.questions.iter().position(|x| *x == q.id)).collect::<Option<Vec<_>>>()?;
            Some((k, d, slots))
        })
        .collect();
    for i in 0..r.len() {
        if r.year[i] != year {
            continue;
        }
        let Some(p) = position[r.unit[i] as usize] else { continue };
        let answers = r.answers_of(i);
        for (k, dimension, slots) in &survey {
            let Some(s) = score(dimension, slots, answers) else { continue };
            let by_sex = plan.indicators[*k].by_sex;
            let (cells, unknown) = &mut out[*k];
            if by_sex {
                match r.sex[i] {
                    0 => cells[p][0].push_score(s),
                    1 => cells[p][1].push_score(s),
                    _ => unknown[p].push_score(s),
                }
            }
            cells[p][2].push_score(s);
        }
    }
}

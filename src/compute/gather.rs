//! From accepted input rows to one observation per unit, indicator and sex for a period.
//!
//! Counts (PVK, accessibility) are summed with a polars group-by over the months each indicator
//! reads ([`Period::months_read`]). Survey scores are computed per
//! respondent in input order, so that sums are the same on every run.

use polars::prelude::*;

use super::entities::{Entity, EntityKind};
use super::period::Period;
use super::values::Obs;
use super::ComputeError;
use crate::cell::{BySex, Sex};
use crate::input::codes::{Month, SexCode};
use crate::input::Inputs;
use crate::plan::{Dimension, Kind, Plan};

/// Per indicator: per unit entity the Kvinnor, Män, Totalt observations, and the unknown-sex group.
pub type UnitObservations = Vec<(Vec<BySex<Obs>>, Vec<Obs>)>;

pub fn unit_observations(
    inputs: &Inputs,
    plan: &Plan,
    period: Period,
    survey_year: Option<i32>,
    entities: &[Entity],
) -> Result<UnitObservations, ComputeError> {
    let position = positions(inputs, entities);
    let mut out = empty(plan, entities);
    for (indicator, unit, sex, t, n) in sum_counts(inputs, plan, period)? {
        let Some(p) = position[unit] else { continue };
        add_count(&mut out[indicator], plan.indicators[indicator].by_sex, p, sex, t, n);
    }
    if let Some(year) = survey_year {
        survey_scores(inputs, plan, year, &position, &mut out);
    }
    Ok(out)
}

/// Per month of `year` from January to `last_month`: the unit observations of that month's own
/// rows, for the flow and status indicators (survey indicators' observations stay empty).
pub fn month_observations(
    inputs: &Inputs,
    plan: &Plan,
    year: i32,
    last_month: u32,
    entities: &[Entity],
) -> Result<Vec<UnitObservations>, ComputeError> {
    let position = positions(inputs, entities);
    let mut months: Vec<UnitObservations> = (0..last_month).map(|_| empty(plan, entities)).collect();
    let m = &inputs.measures;
    if m.is_empty() {
        return Ok(months);
    }
    let df = measures_frame(inputs)?;
    let (first, last) = (Month::new(year, 1).0, Month::new(year, last_month).0);
    let sums = df
        .lazy()
        .filter(col("month").gt_eq(lit(first)).and(col("month").lt_eq(lit(last))))
        .group_by([col("indicator"), col("unit"), col("sex"), col("month")])
        .agg([col("t").sum(), col("n").sum()])
        .sort(["indicator", "unit", "sex", "month"], SortMultipleOptions::default())
        .collect()?;
    let get = |name: &str| i64s(&sums, name);
    let (ind, unit, sex, month) = (get("indicator")?, get("unit")?, get("sex")?, get_i32(&sums, "month")?);
    let (t, n) = (get("t")?, get("n")?);
    for i in 0..sums.height() {
        let (k, u) = (ind[i] as usize, unit[i] as usize);
        let Some(p) = position[u] else { continue };
        let mi = Month(month[i]).month() as usize - 1;
        let sex = SexCode::from_position(sex[i]);
        add_count(&mut months[mi][k], plan.indicators[k].by_sex, p, sex, t[i] as u64, n[i] as u64);
    }
    Ok(months)
}

/// The survey indicators' observations of survey year `year` (count indicators' stay empty).
pub fn survey_observations(inputs: &Inputs, plan: &Plan, year: i32, entities: &[Entity]) -> UnitObservations {
    let position = positions(inputs, entities);
    let mut out = empty(plan, entities);
    survey_scores(inputs, plan, year, &position, &mut out);
    out
}

/// The accepted count rows as a frame: indicator, unit, sex, month, t, n.
fn measures_frame(inputs: &Inputs) -> Result<DataFrame, ComputeError> {
    let m = &inputs.measures;
    Ok(df!(
        "indicator" => m.indicator.iter().map(|&i| i as i64).collect::<Vec<_>>(),
        "unit" => m.unit.iter().map(|&u| u as i64).collect::<Vec<_>>(),
        "sex" => m.sex.iter().map(|&s| s as i64).collect::<Vec<_>>(),
        "month" => m.month.clone(),
        "t" => m.t.iter().map(|&t| t as i64).collect::<Vec<_>>(),
        "n" => m.n.iter().map(|&n| n as i64).collect::<Vec<_>>(),
    )?)
}

fn i64s(df: &DataFrame, name: &str) -> Result<Vec<i64>, ComputeError> {
    Ok(df.column(name)?.as_materialized_series().i64()?.iter().map(|v| v.unwrap_or(0)).collect())
}

fn get_i32(df: &DataFrame, name: &str) -> Result<Vec<i32>, ComputeError> {
    Ok(df.column(name)?.as_materialized_series().i32()?.iter().map(|v| v.unwrap_or(0)).collect())
}

/// Position of each register unit among a table's entities (None: not in the report).
fn positions(inputs: &Inputs, entities: &[Entity]) -> Vec<Option<usize>> {
    let mut position = vec![None; inputs.units.list.len()];
    for (p, e) in entities.iter().enumerate() {
        if let EntityKind::Unit(u) = e.kind {
            position[u] = Some(p);
        }
    }
    position
}

fn empty(plan: &Plan, entities: &[Entity]) -> UnitObservations {
    let unit_count = entities.iter().filter(|e| e.is_unit()).count();
    plan.indicators
        .iter()
        .map(|ind| {
            let zero = Obs::empty(ind.kind);
            (vec![BySex::from_fn(|_| zero.clone()); unit_count], vec![zero; unit_count])
        })
        .collect()
}

/// Adds one summed row group to unit position `p`. An indicator not split by sex counts every
/// row in Totalt, whatever its sex code.
fn add_count(out: &mut (Vec<BySex<Obs>>, Vec<Obs>), by_sex: bool, p: usize, sex: SexCode, t: u64, n: u64) {
    let obs = Obs::Ratio { t, n };
    let (cells, unknown) = out;
    if by_sex {
        match sex.column() {
            Some(s) => cells[p][s].add(&obs),
            None => unknown[p].add(&obs),
        }
    }
    cells[p][Sex::Total].add(&obs);
}

/// (indicator, register unit, sex, t, n).
type CountSum = (usize, usize, SexCode, u64, u64);

/// Sums t and n per (indicator, unit, sex) over the rows each indicator reads in `period`.
fn sum_counts(inputs: &Inputs, plan: &Plan, period: Period) -> Result<Vec<CountSum>, ComputeError> {
    let m = &inputs.measures;
    if m.is_empty() {
        return Ok(Vec::new());
    }
    // Each indicator's first and last month read; an empty window for those reading none.
    let window: Vec<(i32, i32)> = plan
        .indicators
        .iter()
        .map(|i| {
            let months = period.months_read(i.kind);
            match (months.first(), months.last()) {
                (Some(a), Some(b)) => (a.0, b.0),
                _ => (i32::MAX, i32::MIN),
            }
        })
        .collect();
    let mut df = measures_frame(inputs)?;
    df.with_column(Column::new("from".into(), m.indicator.iter().map(|&i| window[i as usize].0).collect::<Vec<_>>()))?;
    df.with_column(Column::new("to".into(), m.indicator.iter().map(|&i| window[i as usize].1).collect::<Vec<_>>()))?;
    let in_period = col("month").gt_eq(col("from")).and(col("month").lt_eq(col("to")));
    let sums = df
        .lazy()
        .filter(in_period)
        .group_by([col("indicator"), col("unit"), col("sex")])
        .agg([col("t").sum(), col("n").sum()])
        .sort(["indicator", "unit", "sex"], SortMultipleOptions::default())
        .collect()?;
    let get = |name: &str| i64s(&sums, name);
    let (ind, unit, sex, t, n) = (get("indicator")?, get("unit")?, get("sex")?, get("t")?, get("n")?);
    Ok((0..sums.height())
        .map(|i| {
            (ind[i] as usize, unit[i] as usize, SexCode::from_position(sex[i]), t[i] as u64, n[i] as u64)
        })
        .collect())
}

/// A respondent's score in a dimension over the questions answered 1–4
/// (`docs/computation.md` § Values): Σ w·[positive] / Σ w, or None when none was answered.
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
                match r.sex[i].column() {
                    Some(sex) => cells[p][sex].push_score(s),
                    None => unknown[p].push_score(s),
                }
            }
            cells[p][Sex::Total].push_score(s);
        }
    }
}

//! The long tables other tools read: the `Data` rows (one per cell of the period table) and the
//! `Månadsdata` rows (one per cell of the month and survey-year tables).

use super::{values, Obs, Outcome, Point, Report, SexDifference};
use crate::cell::{EntityIx, IndicatorIx, Sex};
use crate::disclosure::Status;
use crate::plan::Plan;

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

/// One row of the `Månadsdata` sheet (`docs/reports.md` § The `Månadsdata` sheet).
#[derive(Debug, Clone, PartialEq)]
pub struct MonthRow {
    pub indicator: IndicatorIx,
    pub entity: EntityIx,
    pub sex: Sex,
    pub point: Point,
    pub t: Option<f64>,
    pub n: Option<f64>,
    pub value: Option<f64>,
    pub status: Status,
}

impl Report {
    /// The rows of the `Månadsdata` sheet, in contract order: as `Data` orders indicator, entity
    /// and sex; within them last year's months, then this year's (survey indicators: the survey
    /// years ascending). A point comes from this year's series, else from last year's table (its
    /// months, and the survey year of *föregående*); an entity without a cell there has ingen data.
    pub fn month_rows(&self, plan: &Plan) -> Vec<MonthRow> {
        let cur = &self.current;
        let prev_index = self.previous.entity_index();
        let mut rows = Vec::new();
        for table in &cur.indicators {
            let ind = &plan.indicators[table.indicator.0];
            let prev = &self.previous.indicators[table.indicator.0];
            // (point, from this year?, series position), ascending by point.
            let mut points: Vec<(Point, bool, usize)> = prev.series.iter().enumerate().map(|(i, s)| (s.point, false, i)).collect();
            points.extend(table.series.iter().enumerate().map(|(i, s)| (s.point, true, i)));
            points.sort_by_key(|p| p.0);
            points.dedup_by_key(|p| p.0);
            for (e, entity) in cur.entities.iter().enumerate() {
                let pe = prev_index.get(entity.id.as_str()).copied();
                for &s in Sex::published(ind.by_sex) {
                    for &(point, current, i) in &points {
                        let cell: Option<(&Obs, Status)> = if current {
                            let st = &table.series[i];
                            Some((&st.obs[e][s], st.status[e][s]))
                        } else {
                            pe.map(|pe| (&prev.series[i].obs[pe][s], prev.series[i].status[pe][s]))
                        };
                        let mut row = MonthRow {
                            indicator: table.indicator,
                            entity: EntityIx(e),
                            sex: s,
                            point,
                            t: None,
                            n: None,
                            value: None,
                            status: cell.map(|c| c.1).unwrap_or(Status::NoData),
                        };
                        if let Some((obs, Status::Shown)) = cell {
                            row.t = Some(obs.t());
                            row.n = Some(obs.n() as f64);
                            row.value = obs.value(ind.unit);
                        }
                        rows.push(row);
                    }
                }
            }
        }
        rows
    }
}

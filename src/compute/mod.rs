//! Every cell of the follow-up plan for one report: indicator × entity × sex, with its value,
//! interval, target outcome, suppression status, last year's figure and sex difference
//! (`docs/computation.md`).

pub mod entities;
pub mod funnel;
pub mod period;
pub mod response;
pub mod values;

mod rows;

mod gather;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::cell::{BySex, IndicatorIx, Sex};
use crate::disclosure::audit::{self, Counts, Table};
use crate::disclosure::{self, Grid, Status, Summary};
use crate::input::codes::Month;
use crate::input::Inputs;
use crate::plan::{Kind, Plan};

pub use entities::{Entity, EntityKind};
pub use period::{Period, ReportKind};
pub use rows::{DataRow, MonthRow};
pub use values::{Change, Obs, Outcome, SexDifference};

/// One indicator over every entity of a period table.
#[derive(Debug, Clone)]
pub struct IndicatorTable {
    pub indicator: IndicatorIx,
    /// Per entity: the Kvinnor, Män and Totalt cells (Totalt includes unknown sex).
    pub obs: Vec<BySex<Obs>>,
    /// Per entity: the unknown-sex group, which is never published.
    pub unknown: Vec<Obs>,
    pub status: Vec<BySex<Status>>,
    /// The tables published with the period table, in ascending order: a flow or status
    /// indicator's months (a status indicator's last month is the period table itself), a survey
    /// indicator's survey years (the year used is the period table itself).
    pub series: Vec<SeriesTable>,
    /// What the audit of everything published about the indicator this year found and hid.
    pub audit: Summary,
}

/// A month, or a survey year: what one table of an indicator's series covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Point {
    Month(Month),
    Survey(i32),
}

impl std::fmt::Display for Point {
    /// As `Månadsdata` spells it: `2026-03`, `NPE 2025`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Point::Month(m) => write!(f, "{m}"),
            Point::Survey(y) => write!(f, "NPE {y}"),
        }
    }
}

/// One table of an indicator's series, over the same entities as the period table.
#[derive(Debug, Clone)]
pub struct SeriesTable {
    pub point: Point,
    pub obs: Vec<BySex<Obs>>,
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
        self.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect()
    }
}

/// The statuses the year's earlier reports published, by indicator and table, then entity id:
/// such a cell keeps its status in every later report of the year.
#[derive(Debug, Clone, Default)]
pub struct Published {
    cells: HashMap<(usize, Point), CellStatuses>,
    /// The earlier reports' period tables, in the order they were published.
    reports: Vec<EarlierReport>,
}

/// The statuses published for one table of one indicator, by entity id.
type CellStatuses = HashMap<String, BySex<Option<Status>>>;

/// One table published with the period table: what it covers, its cells and unknown-sex groups.
type Part = (Point, Vec<BySex<Obs>>, Vec<Obs>);

/// An earlier report's period table as the audit needs it: which months it sums, its entities
/// (id and member unit ids; a unit is its own member) and every indicator's statuses.
#[derive(Debug, Clone)]
struct EarlierReport {
    last_month: u32,
    entities: Vec<(String, Vec<String>)>,
    status: Vec<Vec<BySex<Status>>>,
}

impl Published {
    /// Records every cell of `table`'s series (months, status months, survey years) and its
    /// period table.
    pub fn record(&mut self, table: &PeriodTable, plan: &Plan) {
        let entities = table
            .entities
            .iter()
            .map(|e| {
                let members = if e.is_unit() {
                    vec![e.id.clone()]
                } else {
                    e.members
                        .iter()
                        .map(|&m| table.entities[m].id.clone())
                        .collect()
                };
                (e.id.clone(), members)
            })
            .collect();
        let status = table
            .indicators
            .iter()
            .map(|it| it.status.clone())
            .collect();
        self.reports.push(EarlierReport {
            last_month: table.period.kind.last_month(),
            entities,
            status,
        });
        for it in &table.indicators {
            let k = it.indicator.0;
            let sexes = Sex::published(plan.indicators[k].by_sex);
            for st in &it.series {
                let cells = self.cells.entry((k, st.point)).or_default();
                for (e, entity) in table.entities.iter().enumerate() {
                    let row = cells.entry(entity.id.clone()).or_default();
                    for &s in sexes {
                        row[s] = Some(st.status[e][s]);
                    }
                }
            }
        }
    }

    /// The fixed statuses of indicator `k`'s tables in decision order (None: a table no earlier
    /// report published, such as a flow indicator's cumulative period).
    fn fixed(&self, k: usize, points: &[Option<Point>], entities: &[Entity]) -> disclosure::Fixed {
        if self.cells.is_empty() {
            return disclosure::Fixed::default();
        }
        let table = |point: &Option<Point>| -> Vec<BySex<Option<Status>>> {
            let cells = point.and_then(|p| self.cells.get(&(k, p)));
            entities
                .iter()
                .map(|e| {
                    cells
                        .and_then(|c| c.get(e.id.as_str()))
                        .copied()
                        .unwrap_or_default()
                })
                .collect()
        };
        disclosure::Fixed(points.iter().map(table).collect())
    }
}

/// Observations of a table's units, extended with its aggregates: each pools its member units'
/// observations, in member (HSA-id) order. Then all are sealed: nothing is pooled from them again.
fn pooled(
    entities: &[Entity],
    kind: Kind,
    (mut obs, mut unknown): (Vec<BySex<Obs>>, Vec<Obs>),
) -> (Vec<BySex<Obs>>, Vec<Obs>) {
    for e in &entities[obs.len()..] {
        let mut cell = BySex::from_fn(|_| Obs::empty(kind));
        let mut unk = Obs::empty(kind);
        for &m in &e.members {
            for s in Sex::ALL {
                cell[s].add(&obs[m][s]);
            }
            unk.add(&unknown[m]);
        }
        obs.push(cell);
        unknown.push(unk);
    }
    for o in obs.iter_mut().flat_map(|c| c.0.iter_mut()).chain(unknown.iter_mut()) {
        o.seal();
    }
    (obs, unknown)
}

/// Computes the table of `period` with `plan`: `survey_year` is the NPE year used, `survey_years`
/// the survey years published with it (that year included), `published` what the year's
/// earlier reports published.
pub fn period_table(
    inputs: &Inputs,
    plan: &Plan,
    period: Period,
    survey_year: Option<i32>,
    survey_years: &[i32],
    published: &Published,
) -> Result<PeriodTable, ComputeError> {
    let entities = entities::entities(&inputs.units, period);
    let per_unit = gather::unit_observations(inputs, plan, period, survey_year, &entities)?;
    let last = period.kind.last_month();
    let mut months = gather::month_observations(inputs, plan, period.year, last, &entities)?;
    let other_years: Vec<i32> = survey_years
        .iter()
        .copied()
        .filter(|&y| Some(y) != survey_year)
        .collect();
    let mut surveys: Vec<_> = other_years
        .iter()
        .map(|&y| gather::survey_observations(inputs, plan, y, &entities))
        .collect();
    // Each indicator's observations, taken out of the shared tables in order; then the
    // indicators are decided on all cores, each on its own (the result is the same in any order).
    let mut work = Vec::with_capacity(plan.indicators.len());
    for (k, (ind, unit_obs)) in plan.indicators.iter().zip(per_unit).enumerate() {
        let (obs, unknown) = pooled(&entities, ind.kind, unit_obs);
        // The tables decided with the period table, in pass order, and what each covers.
        let mut parts: Vec<Part> = Vec::new();
        let period_point = match ind.kind {
            Kind::Flow => None,
            Kind::Status(_) => Some(Point::Month(period.last())),
            Kind::Survey => survey_year.map(Point::Survey),
        };
        match ind.kind {
            Kind::Flow | Kind::Status(_) => {
                let read = if ind.kind == Kind::Flow {
                    last
                } else {
                    last - 1
                };
                for (mi, month) in months.iter_mut().take(read as usize).enumerate() {
                    let taken = std::mem::take(&mut month[k]);
                    let (o, u) = pooled(&entities, ind.kind, taken);
                    parts.push((Point::Month(Month::new(period.year, mi as u32 + 1)), o, u));
                }
            }
            Kind::Survey => {
                for (j, &y) in other_years.iter().enumerate() {
                    let (o, u) = pooled(&entities, ind.kind, std::mem::take(&mut surveys[j][k]));
                    parts.push((Point::Survey(y), o, u));
                }
            }
        }
        work.push((k, ind, obs, unknown, parts, period_point));
    }
    let indicators = work
        .into_par_iter()
        .map(|(k, ind, obs, unknown, parts, period_point)| {
            decided_indicator(
                &entities,
                published,
                k,
                ind,
                (obs, unknown),
                parts,
                period_point,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PeriodTable {
        period,
        entities,
        survey_year,
        indicators,
    })
}

/// One indicator's tables decided: the rules' passes, then the audit and the guard.
fn decided_indicator(
    entities: &[Entity],
    published: &Published,
    k: usize,
    ind: &crate::plan::Indicator,
    (obs, unknown): (Vec<BySex<Obs>>, Vec<Obs>),
    parts: Vec<Part>,
    period_point: Option<Point>,
) -> Result<IndicatorTable, ComputeError> {
    let mut grids = vec![grid_of(entities, &obs, &unknown, ind.by_sex, ind.min_n)];
    grids.extend(
        parts
            .iter()
            .map(|(_, o, u)| grid_of(entities, o, u, ind.by_sex, ind.min_n)),
    );
    let points: Vec<Option<Point>> = std::iter::once(period_point)
        .chain(parts.iter().map(|p| Some(p.0)))
        .collect();
    let fixed = published.fixed(k, &points, entities);
    let clock = disclosure::Clock::start();
    let mut decided = disclosure::suppress_tables(&grids, ind.kind == Kind::Flow, &fixed);
    let summary = audited(
        entities,
        ind,
        k,
        (&obs, &unknown),
        &parts,
        published,
        &fixed,
        &mut decided,
    )?;
    drop(clock);
    let mut statuses = decided.into_iter();
    let status = statuses.next().expect("the period table");
    let mut series: Vec<SeriesTable> = parts
        .into_iter()
        .zip(statuses)
        .map(|((point, obs, unknown), status)| SeriesTable {
            point,
            obs,
            unknown,
            status,
        })
        .collect();
    if let Some(point) = period_point {
        series.push(SeriesTable {
            point,
            obs: obs.clone(),
            unknown: unknown.clone(),
            status: status.clone(),
        });
        series.sort_by_key(|t| t.point);
    }
    Ok(IndicatorTable {
        indicator: IndicatorIx(k),
        obs,
        unknown,
        status,
        series,
        audit: summary,
    })
}

/// The audit and the temporal guard (`docs/computation.md` § Suppression 4–5) over one
/// indicator's tables after the rules: `decided` holds the statuses of the period table and
/// then of `parts`, and is changed in place.
#[allow(clippy::too_many_arguments)]
fn audited(
    entities: &[Entity],
    ind: &crate::plan::Indicator,
    k: usize,
    (obs, unknown): (&[BySex<Obs>], &[Obs]),
    parts: &[Part],
    published: &Published,
    fixed: &disclosure::Fixed,
    decided: &mut Vec<Vec<BySex<Status>>>,
) -> Result<Summary, ComputeError> {
    let flow = ind.kind == Kind::Flow;
    let units = entities.iter().take_while(|e| e.is_unit()).count();
    // The points: a flow indicator's months; otherwise the other tables' points, then the
    // period table's own (its last month, or its survey year).
    let mut points: Vec<(&[BySex<Obs>], &[Obs])> = parts
        .iter()
        .map(|(_, o, u)| (o.as_slice(), u.as_slice()))
        .collect();
    if !flow {
        points.push((obs, unknown));
    }
    let mut counts = Counts::new(units, points.len(), ind.by_sex);
    counts.t_below_n = ind.unit != crate::plan::ValueUnit::PerThousand;
    for (p, (o, u)) in points.iter().enumerate() {
        for unit in 0..units {
            let groups: Vec<&Obs> = if ind.by_sex {
                vec![&o[unit][Sex::Women], &o[unit][Sex::Men], &u[unit]]
            } else {
                vec![&o[unit][Sex::Total]]
            };
            for (g, obs) in groups.into_iter().enumerate() {
                counts.set(unit, p, g, obs.n());
                counts.set_t(unit, p, g, obs.t());
            }
        }
    }
    let members: Vec<Vec<usize>> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            if e.is_unit() {
                vec![i]
            } else {
                e.members.clone()
            }
        })
        .collect();
    let period_points: Vec<usize> = if flow {
        (0..points.len()).collect()
    } else {
        vec![points.len() - 1]
    };
    let mut tables = vec![Table {
        points: period_points,
        members: members.clone(),
        own: true,
    }];
    tables.extend((0..parts.len()).map(|p| Table {
        points: vec![p],
        members: members.clone(),
        own: true,
    }));
    // A flow indicator's earlier cumulative reports of the year: published sums of their months.
    let mut earlier = Vec::new();
    if flow {
        let position: HashMap<&str, usize> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        for report in &published.reports {
            let mut table_members = Vec::new();
            let mut current = Vec::new();
            for (id, member_ids) in &report.entities {
                table_members.push(
                    member_ids
                        .iter()
                        .filter_map(|m| position.get(m.as_str()).copied())
                        .collect(),
                );
                current.push(position.get(id.as_str()).copied());
            }
            let months = report.last_month as usize;
            earlier.push((tables.len(), current));
            tables.push(Table {
                points: (0..months.min(points.len())).collect(),
                members: table_members,
                own: false,
            });
            decided.push(report.status[k].clone());
        }
    }
    let own = 1 + parts.len();
    let secondary = decided[..own]
        .iter()
        .flatten()
        .flat_map(|row| row.0)
        .filter(|s| s.is_secondary())
        .count();
    let mut summary = audit::protect(&counts, &tables, ind.by_sex, ind.min_n, decided, fixed, &earlier)
        .map_err(|_| ComputeError::Audit(ind.id.clone()))?;
    summary.secondary = secondary;
    decided.truncate(own);
    Ok(summary)
}

/// The tables of the year's reports up to `period` as each report decides it, in order: the
/// year's earlier reports first (each fixing what it published), then `period`'s own (last).
pub fn decided_tables(
    inputs: &Inputs,
    plan: &Plan,
    period: Period,
    survey_year: Option<i32>,
    survey_years: &[i32],
) -> Result<Vec<PeriodTable>, ComputeError> {
    let mut published = Published::default();
    let mut tables = Vec::new();
    for &kind in period.kind.earlier() {
        let earlier = period_table(
            inputs,
            plan,
            Period {
                year: period.year,
                kind,
            },
            survey_year,
            survey_years,
            &published,
        )?;
        published.record(&earlier, plan);
        tables.push(earlier);
    }
    tables.push(period_table(inputs, plan, period, survey_year, survey_years, &published)?);
    Ok(tables)
}

/// The table of `period` as its report decides it.
pub fn decided_table(
    inputs: &Inputs,
    plan: &Plan,
    period: Period,
    survey_year: Option<i32>,
    survey_years: &[i32],
) -> Result<PeriodTable, ComputeError> {
    let mut tables = decided_tables(inputs, plan, period, survey_year, survey_years)?;
    Ok(tables.pop().expect("the period's own table"))
}

/// The suppression relations of `docs/computation.md` over this table's entities.
fn grid_of(
    entities: &[Entity],
    obs: &[BySex<Obs>],
    unknown: &[Obs],
    by_sex: bool,
    min_n: u64,
) -> Grid {
    let position = |pred: &dyn Fn(&Entity) -> bool| -> Vec<usize> {
        entities
            .iter()
            .enumerate()
            .filter(|(_, e)| pred(e))
            .map(|(i, _)| i)
            .collect()
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
    let county_groups = county
        .iter()
        .flat_map(|&c| [(c, areas.clone()), (c, regis.clone())])
        .collect();
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
    #[error("röjandegranskningen av {0} kunde inte räknas exakt: talen blev för stora")]
    Audit(String),
}

/// The latest survey year ≤ `at_most` among the accepted respondents.
pub fn latest_survey_year(inputs: &Inputs, at_most: i32) -> Option<i32> {
    inputs
        .respondents
        .year
        .iter()
        .copied()
        .filter(|&y| y <= at_most)
        .max()
}

/// The report: this year's table, last year's computed with this year's plan, and the tables
/// of this year's earlier reports.
#[derive(Debug, Clone)]
pub struct Report {
    pub current: PeriodTable,
    pub previous: PeriodTable,
    /// The year's reports before this one, in order (delårsrapport 1, then 2), as each was
    /// decided: what the year published before.
    pub earlier: Vec<PeriodTable>,
}

/// The survey years of a report of `year`: the year used, last year's figure's year, and the
/// years published with the report (every year ≤ `year` in the data but last year's, which is
/// last year's own table).
fn survey_years(inputs: &Inputs, year: i32) -> (Option<i32>, Option<i32>, Vec<i32>) {
    let survey = latest_survey_year(inputs, year);
    // Last year's survey figure is the latest survey year *below* the one used now.
    let previous_survey = survey.and_then(|s| latest_survey_year(inputs, s - 1));
    let years: Vec<i32> = inputs
        .respondents
        .year
        .iter()
        .copied()
        .filter(|&y| y <= year && Some(y) != previous_survey)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    (survey, previous_survey, years)
}

pub fn report(inputs: &Inputs, plan: &Plan, period: Period) -> Result<Report, ComputeError> {
    let (survey, previous_survey, years) = survey_years(inputs, period.year);
    let previous_years: Vec<i32> = previous_survey.into_iter().collect();
    // The two years do not depend on each other: deciding them side by side keeps both cores
    // busy where one year's indicators alone would leave one waiting for the slowest.
    let (tables, previous) = rayon::join(
        || decided_tables(inputs, plan, period, survey, &years),
        || decided_table(inputs, plan, period.previous(), previous_survey, &previous_years),
    );
    let mut tables = tables?;
    let previous = previous?;
    let current = tables.pop().expect("the period's own table");
    Ok(Report { current, previous, earlier: tables })
}

/// The tables of `period`'s year up to `period` as those reports publish them from these inputs
/// with this plan (their own survey year and suppression), `period`'s own last: what an action
/// decided after one of them is measured against. Deciding a report decides the year's earlier
/// ones on the way, so they come along for other actions.
pub fn report_tables(inputs: &Inputs, plan: &Plan, period: Period) -> Result<Vec<PeriodTable>, ComputeError> {
    let (survey, _, years) = survey_years(inputs, period.year);
    decided_tables(inputs, plan, period, survey, &years)
}

//! The report as the visual sheets see it: `Data` rows looked up by indicator, entity and sex,
//! entities in reading order (by närsjukvårdsområde, then Swedish alphabetical name, then the
//! aggregates), and the helpers every sheet uses to show a cell or its symbol.

use std::collections::HashMap;

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::{status_symbol, sv_cmp, Styles, SYMBOL_NOT_BY_SEX};
use crate::cell::{CellKey, EntityIx, IndicatorIx, Sex};
use crate::compute::funnel::{Funnel, Position};
use crate::compute::response::ResponseRate;
use crate::compute::{DataRow, Entity, EntityKind, MonthRow, Obs, Report};
use crate::disclosure::Status;
use crate::analysis::{Analysis, FollowUp, Note};
use crate::input::{Problem, Quality, RejectedAction, Riket, RiketValue, Units};
use crate::plan::{Indicator, Plan};

pub struct View<'a> {
    pub plan: &'a Plan,
    pub report: &'a Report,
    pub rows: &'a [DataRow],
    pub month_rows: &'a [MonthRow],
    pub quality: &'a Quality,
    pub units: &'a Units,
    pub notes: &'a [Note],
    /// The agreed actions followed up, by centre, then decided.
    pub followups: &'a [FollowUp],
    /// Action rows that could not be read, in file and row order.
    pub rejected_actions: &'a [RejectedAction],
    pub title: String,
    index: HashMap<CellKey, usize>,
    /// Rejected rows and invalid answers naming each unit, in file and row order.
    problems_by_unit: HashMap<&'a str, Vec<&'a Problem>>,
    /// Position of each of this year's entities in last year's table, if it was there.
    previous_position: Vec<Option<usize>>,
    /// Entity positions in reading order.
    pub display: Vec<EntityIx>,
    /// Per indicator: the county's funnel, when `LÄNET`'s Totalt cell is shown.
    funnels: Vec<Option<Funnel>>,
    /// Each cell's run of `month_rows` (they are contiguous, in point order).
    month_index: HashMap<CellKey, std::ops::Range<usize>>,
    /// What the visual sheets show for units closed before the period's end (`Data` keeps its
    /// contract): each cell's row and observation, and each indicator's period text.
    closed: HashMap<CellKey, (DataRow, &'a Obs)>,
    closed_labels: HashMap<(IndicatorIx, EntityIx), String>,
    /// Svarsfrekvens by entity and sex, for the NPE cells that are shown.
    response: &'a HashMap<(EntityIx, Sex), ResponseRate>,
    /// The national reference values read (`--riket`).
    pub riket_values: &'a Riket,
}

impl<'a> View<'a> {
    pub fn new(analysis: &'a Analysis) -> View<'a> {
        let Analysis { plan, report, rows, month_rows, notes, followups, .. } = analysis;
        let (quality, units) = (&analysis.inputs.quality, &analysis.inputs.units);
        let index = rows.iter().enumerate().map(|(i, r)| (CellKey::new(r.indicator, r.entity, r.sex), i)).collect();
        let entities = &report.current.entities;
        let mut unit_positions: Vec<usize> = (0..entities.len()).filter(|&e| entities[e].is_unit()).collect();
        unit_positions.sort_by(|&a, &b| {
            let (ua, ub) = (self_unit(units, &entities[a].kind), self_unit(units, &entities[b].kind));
            sv_cmp(&ua.area, &ub.area).then_with(|| sv_cmp(&entities[a].name, &entities[b].name))
        });
        let aggregates = (0..entities.len()).filter(|&e| !entities[e].is_unit());
        let display = unit_positions.into_iter().chain(aggregates).map(EntityIx).collect();
        let previous = report.previous.entity_index();
        let previous_position = entities.iter().map(|e| previous.get(e.id.as_str()).copied()).collect();
        let mut month_index: HashMap<CellKey, std::ops::Range<usize>> = HashMap::new();
        for (i, r) in month_rows.iter().enumerate() {
            month_index.entry(CellKey::new(r.indicator, r.entity, r.sex)).or_insert(i..i).end = i + 1;
        }
        let county = entities.iter().position(|e| e.kind == EntityKind::County);
        let funnels = report
            .current
            .indicators
            .iter()
            .map(|t| {
                let c = county?;
                (t.status[c][Sex::Total] == Status::Shown)
                    .then(|| Funnel::of(&t.obs[c][Sex::Total], plan.indicators[t.indicator.0].unit))
                    .flatten()
            })
            .collect();
        let (closed, closed_labels) = closed_units(plan, report, units, rows, &index);
        let mut problems_by_unit: HashMap<&str, Vec<&Problem>> = HashMap::new();
        for p in quality.sorted_problems() {
            if let Some(u) = p.unit.as_deref() {
                problems_by_unit.entry(u).or_default().push(p);
            }
        }
        View {
            plan,
            report,
            rows,
            month_rows,
            quality,
            units,
            notes,
            followups,
            rejected_actions: &analysis.inputs.actions.rejected,
            response: &analysis.response,
            riket_values: &analysis.inputs.riket,
            title: super::about::title(report),
            index,
            problems_by_unit,
            previous_position,
            display,
            funnels,
            month_index,
            closed,
            closed_labels,
        }
    }

    /// A cell's `Månadsdata` rows: last year's months then this year's, or the survey years.
    pub fn months(&self, key: CellKey) -> &'a [MonthRow] {
        match self.month_index.get(&key) {
            Some(range) => &self.month_rows[range.clone()],
            None => &[],
        }
    }

    /// Last year's observation of a cell that was shown last year (for the change test); none for
    /// a unit closed before the period's end, whose value covers fewer months.
    pub fn previous_obs(&self, key: CellKey) -> Option<&'a Obs> {
        if self.closed.contains_key(&key) {
            return None;
        }
        let pe = self.previous_position[key.entity.0]?;
        let table = &self.report.previous.indicators[key.indicator.0];
        (table.status[pe][key.sex] == Status::Shown).then(|| &table.obs[pe][key.sex])
    }

    /// This year's observation of a cell (a closed unit's: of its last open month).
    pub fn obs(&self, key: CellKey) -> &'a Obs {
        if let Some((_, obs)) = self.closed.get(&key) {
            return obs;
        }
        &self.report.current.indicators[key.indicator.0].obs[key.entity.0][key.sex]
    }

    pub fn funnel(&self, k: IndicatorIx) -> Option<&Funnel> {
        self.funnels[k.0].as_ref()
    }

    /// A unit's position against the county's funnel: its Totalt cell shown, the county's too,
    /// and the unit open to the period's end (a unit that closed is not compared).
    pub fn position(&self, k: IndicatorIx, e: EntityIx) -> Option<(Position, f64, f64)> {
        let EntityKind::Unit(u) = self.entity(e).kind else { return None };
        let p = self.report.current.period;
        if self.units.list[u].partly_open(p.start_date(), p.end_date()).1.is_some() {
            return None;
        }
        let row = self.shown(CellKey::new(k, e, Sex::Total))?;
        let (value, n) = (row.value?, row.n?);
        Some((self.funnel(k)?.position(value, n), value, n))
    }

    /// The data quality problems that name this unit (by HSA-id).
    pub fn problems_of(&self, hsa_id: &str) -> &[&'a Problem] {
        self.problems_by_unit.get(hsa_id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The centre's actions followed up, by decided date.
    pub fn followups_of<'s>(&'s self, hsa_id: &'s str) -> impl Iterator<Item = &'a FollowUp> + 's {
        self.followups.iter().filter(move |f| f.action.hsa_id == hsa_id)
    }

    /// The plan's indicators with their positions, in plan order.
    pub fn indicators(&self) -> impl Iterator<Item = (IndicatorIx, &'a Indicator)> + 'a {
        self.plan.indicators.iter().enumerate().map(|(k, i)| (IndicatorIx(k), i))
    }

    pub fn indicator(&self, k: IndicatorIx) -> &'a Indicator {
        &self.plan.indicators[k.0]
    }

    pub fn entity(&self, e: EntityIx) -> &'a Entity {
        &self.report.current.entities[e.0]
    }

    /// A cell's row as the visual sheets show it: a closed unit's value of its last open month.
    pub fn row(&self, key: CellKey) -> Option<&DataRow> {
        if let Some((row, _)) = self.closed.get(&key) {
            return Some(row);
        }
        self.index.get(&key).map(|&i| &self.rows[i])
    }

    /// Whether the unit closed before the period's end (its values are of fewer months).
    pub fn is_closed(&self, e: EntityIx) -> bool {
        match self.entity(e).kind {
            EntityKind::Unit(u) => {
                let p = self.report.current.period;
                self.units.list[u].partly_open(p.start_date(), p.end_date()).1.is_some()
            }
            _ => false,
        }
    }

    /// The period text of an indicator for one entity: a closed unit's says which months its
    /// value covers and when it closed (`jan–jun 2026, stängd 30 juni`).
    pub fn period_label_of(&self, indicator: IndicatorIx, e: EntityIx) -> String {
        match self.closed_labels.get(&(indicator, e)) {
            Some(label) => label.clone(),
            None => self.period_label(indicator),
        }
    }

    /// A cell's row when the cell is shown.
    pub fn shown(&self, key: CellKey) -> Option<&DataRow> {
        self.row(key).filter(|r| r.status == Status::Shown)
    }

    /// *Säkert* (true) or *osäkert* beside a shown cell's target outcome (`values::certain`: the
    /// whole interval, as shown, in the outcome's band); None without an outcome or interval.
    pub fn certain(&self, key: CellKey) -> Option<bool> {
        let row = self.shown(key)?;
        let (target, ci) = (self.indicator(key.indicator).target.as_ref()?, row.ci?);
        row.outcome?;
        let tenths = self.obs(key).rounded_tenths(self.indicator(key.indicator).unit)?;
        Some(crate::compute::values::certain(target, tenths, ci))
    }

    /// This year's shown value minus last year's, each as shown with one decimal, so the change
    /// adds up on the page and is never printed as `-0,0` (`docs/computation.md` § Change against
    /// last year); None unless both are shown.
    /// With the change's test (`values::change`): Förbättring, Försämring, Ingen säker förändring
    /// (Högre, Lägre without a direction).
    pub fn shown_change(&self, key: CellKey) -> Option<(f64, crate::compute::values::Change)> {
        self.shown(key)?.value?;
        let (now, then) = (self.obs(key), self.previous_obs(key)?);
        let ind = self.indicator(key.indicator);
        let difference = crate::compute::values::shown_difference(now, then, ind.unit)?;
        Some((difference, crate::compute::values::change(now, then, ind.unit, ind.target.map(|t| t.direction))))
    }

    /// Kvinnor's shown value minus Män's, each as shown with one decimal; None unless both are.
    pub fn shown_sex_gap(&self, women: CellKey, men: CellKey) -> Option<f64> {
        self.value(women)?;
        self.value(men)?;
        crate::compute::values::shown_difference(self.obs(women), self.obs(men), self.indicator(women.indicator).unit)
    }

    /// Riket's value for the county's cell of indicator `k` and `sex`: None when the indicator is
    /// not compared with riket or no value names the cell's period.
    pub fn riket(&self, k: IndicatorIx, sex: Sex) -> Option<&'a RiketValue> {
        if !self.indicator(k).riket_comparable {
            return None;
        }
        let county = self.report.current.entities.iter().position(|e| e.kind == EntityKind::County)?;
        let row = &self.rows[*self.index.get(&CellKey::new(k, EntityIx(county), sex))?];
        self.riket_values.find(k.0, &row.period, sex)
    }

    /// Writes riket's value at `at` (one decimal), or `–` without one.
    pub fn write_riket(&self, ws: &mut Worksheet, st: &Styles, at: (u32, u16), k: IndicatorIx, sex: Sex) -> Result<(), XlsxError> {
        match self.riket(k, sex) {
            Some(v) => ws.write_number_with_format(at.0, at.1, v.value, &st.value)?,
            None => ws.write_string_with_format(at.0, at.1, "–", &st.symbol)?,
        };
        Ok(())
    }

    /// The response rate (percent) behind a shown NPE cell, and whether it is below the plan's
    /// threshold; None for other indicators, cells not shown, and without sampled counts.
    pub fn response_rate(&self, key: CellKey) -> Option<(f64, bool)> {
        if self.indicator(key.indicator).kind != crate::plan::Kind::Survey {
            return None;
        }
        self.value(key)?;
        let rate = self.response.get(&(key.entity, key.sex))?.percent();
        Some((rate, self.plan.response_rate_threshold.is_some_and(|t| rate < t)))
    }

    /// The words about the response rate for a sheet's legend: what ⚠ means under this plan.
    pub fn response_legend(&self) -> String {
        match self.plan.response_rate_threshold {
            Some(t) => format!(
                "Svarsfrekvens: andel av urvalet som svarade på patientenkäten (– = urvalet saknas); ⚠ = under {} %, \
                 värdet kan vara mindre representativt.",
                super::style::sv_number(t, 0)
            ),
            None => "Svarsfrekvens: andel av urvalet som svarade på patientenkäten (– = urvalet saknas).".to_string(),
        }
    }

    /// Writes a cell's response rate at `at`, or `–` for an NPE cell without one (nothing for
    /// other indicators).
    pub fn write_response_rate(&self, ws: &mut Worksheet, st: &Styles, at: (u32, u16), key: CellKey) -> Result<(), XlsxError> {
        if self.indicator(key.indicator).kind != crate::plan::Kind::Survey || self.value(key).is_none() {
            return Ok(());
        }
        match self.response_rate(key) {
            Some((rate, low)) => ws.write_number_with_format(at.0, at.1, rate, if low { &st.rate_low } else { &st.rate })?,
            None => ws.write_string_with_format(at.0, at.1, "–", &st.symbol)?,
        };
        Ok(())
    }

    /// The shown value of a cell, if any.
    pub fn value(&self, key: CellKey) -> Option<f64> {
        self.shown(key).and_then(|r| r.value)
    }

    pub fn entity_name(&self, e: EntityIx) -> &'a str {
        &self.entity(e).name
    }

    /// The name as the tables of the visual sheets list it: a unit's kommun follows its name when
    /// the register has one (`Ålidhems hälsocentral, Umeå`).
    pub fn listed_name(&self, e: EntityIx) -> std::borrow::Cow<'a, str> {
        let entity = self.entity(e);
        match &entity.kind {
            EntityKind::Unit(u) => match &self.units.list[*u].kommun {
                Some(kommun) => format!("{}, {kommun}", entity.name).into(),
                None => entity.name.as_str().into(),
            },
            _ => entity.name.as_str().into(),
        }
    }

    /// The unit's närsjukvårdsområde (empty for aggregates).
    pub fn area_of(&self, e: EntityIx) -> &'a str {
        match &self.entity(e).kind {
            EntityKind::Unit(u) => &self.units.list[*u].area,
            _ => "",
        }
    }

    /// `öppnad 2026-09-01` / `stängd 2026-06-30` for a unit open only part of the period.
    pub fn unit_note(&self, e: EntityIx) -> Option<String> {
        let EntityKind::Unit(u) = self.entity(e).kind else { return None };
        let unit = &self.units.list[u];
        let p = self.report.current.period;
        let (opened, closed) = unit.partly_open(p.start_date(), p.end_date());
        let mut parts = Vec::new();
        if let Some(f) = opened {
            parts.push(format!("öppnad {f}"));
        }
        if let Some(t) = closed {
            parts.push(format!("stängd {t}"));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// The period text of an indicator this year.
    pub fn period_label(&self, indicator: IndicatorIx) -> String {
        let cur = &self.report.current;
        cur.period.label(self.indicator(indicator), cur.survey_year)
    }

    /// Last year's period, to label the *föregående* column (e.g. `NPE 2023`).
    pub fn previous_label(&self, indicator: IndicatorIx) -> String {
        let prev = &self.report.previous;
        prev.period.label(self.indicator(indicator), prev.survey_year)
    }

    /// Writes a value cell: the number (coloured by outcome when `colour`), or its symbol.
    pub fn write_value(
        &self,
        ws: &mut Worksheet,
        st: &Styles,
        (r, c): (u32, u16),
        key: CellKey,
        colour: bool,
    ) -> Result<(), XlsxError> {
        if key.sex != Sex::Total && !self.indicator(key.indicator).by_sex {
            ws.write_string_with_format(r, c, SYMBOL_NOT_BY_SEX, &st.symbol)?;
            return Ok(());
        }
        match self.row(key) {
            Some(row) if row.status == Status::Shown => match row.value {
                Some(v) => {
                    let certain = self.certain(key).unwrap_or(true);
                    let f = if colour { st.value_judged(row.outcome, certain) } else { &st.value };
                    ws.write_number_with_format(r, c, v, f)?;
                }
                None => {
                    ws.write_string_with_format(r, c, status_symbol(Status::NoData), &st.symbol)?;
                }
            },
            Some(row) => {
                ws.write_string_with_format(r, c, status_symbol(row.status), &st.symbol)?;
            }
            None => {
                ws.write_string_with_format(r, c, status_symbol(Status::NoData), &st.symbol)?;
            }
        }
        Ok(())
    }
}

/// Where a shown Totalt row's details go: the interval (two columns from `interval`), the
/// target outcome, and last year's value (with the change and its test in the two columns
/// after it).
pub struct DetailColumns {
    pub interval: u16,
    pub outcome: u16,
    pub previous: u16,
}

/// Writes the interval, target outcome (with *säkert*/*osäkert* when `certain` is known), last
/// year's value and the change of a shown row (`View::shown_change`).
pub fn write_details(
    ws: &mut Worksheet,
    st: &Styles,
    r: u32,
    d: &DataRow,
    certain: Option<bool>,
    change: Option<(f64, crate::compute::values::Change)>,
    cols: &DetailColumns,
) -> Result<(), XlsxError> {
    if let Some((lo, hi)) = d.ci {
        ws.write_number_with_format(r, cols.interval, lo, &st.value)?;
        ws.write_number_with_format(r, cols.interval + 1, hi, &st.value)?;
    }
    if let Some(o) = d.outcome {
        let label = match certain {
            Some(c) => super::style::outcome_label_certain(o, c),
            None => super::style::outcome_label(o),
        };
        ws.write_string_with_format(r, cols.outcome, label, st.outcome_text(o))?;
    }
    if let Some(p) = d.previous {
        ws.write_number_with_format(r, cols.previous, p, &st.value)?;
        if let Some((difference, test)) = change {
            ws.write_number_with_format(r, cols.previous + 1, difference, &st.change)?;
            ws.write_string_with_format(r, cols.previous + 2, test.label(), &st.top_indented)?;
        }
    }
    Ok(())
}

fn self_unit<'u>(units: &'u Units, kind: &EntityKind) -> &'u crate::input::Unit {
    match kind {
        EntityKind::Unit(u) => &units.list[*u],
        _ => unreachable!("only units are sorted by area"),
    }
}

/// `30 juni`.
fn day_and_month(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] =
        ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];
    format!("{} {}", d.day(), MONTHS[d.month0() as usize])
}

type ClosedCells<'a> = (HashMap<CellKey, (DataRow, &'a Obs)>, HashMap<(IndicatorIx, EntityIx), String>);

/// For each unit closed before the period's end: a flow indicator's value is already of its open
/// months, and keeps it with a period text that says so; a status indicator shows its last open
/// month's reading (as `Månadsdata` publishes it, with the same suppression) in place of the
/// period's, which has no data. Neither is compared with last year. Survey indicators are not
/// touched: the survey year is the same for every unit.
fn closed_units<'a>(
    plan: &Plan,
    report: &'a Report,
    units: &Units,
    rows: &[DataRow],
    index: &HashMap<CellKey, usize>,
) -> ClosedCells<'a> {
    use crate::compute::{values, Point};
    use crate::plan::{Kind, Measured};
    let cur = &report.current;
    let period = cur.period;
    let (mut cells, mut labels) = (HashMap::new(), HashMap::new());
    for (e, entity) in cur.entities.iter().enumerate() {
        let EntityKind::Unit(u) = entity.kind else { continue };
        let unit = &units.list[u];
        let (opened, Some(closed)) = unit.partly_open(period.start_date(), period.end_date()) else { continue };
        let e = EntityIx(e);
        let closing_month = crate::input::codes::Month::new(period.year, chrono::Datelike::month(&closed));
        for (k, ind) in plan.indicators.iter().enumerate() {
            let k = IndicatorIx(k);
            let table = &cur.indicators[k.0];
            let sexes = Sex::published(ind.by_sex);
            let label = match ind.kind {
                Kind::Survey => continue,
                Kind::Flow => {
                    let first = opened.map_or(1, |d| chrono::Datelike::month(&d));
                    let abbreviation = |m: u32| crate::compute::period::MONTH_ABBREVIATIONS[m as usize - 1];
                    for &s in sexes {
                        let key = CellKey::new(k, e, s);
                        if let Some(&i) = index.get(&key) {
                            let mut row = rows[i].clone();
                            row.previous = None;
                            cells.insert(key, (row, &table.obs[e.0][s]));
                        }
                    }
                    format!(
                        "{}–{} {}, stängd {}",
                        abbreviation(first),
                        abbreviation(chrono::Datelike::month(&closed)),
                        period.year,
                        day_and_month(closed)
                    )
                }
                Kind::Status(measured) => {
                    // The last month up to the closing with a reading.
                    let Some(series) = table.series.iter().rev().find(|st| {
                        matches!(st.point, Point::Month(m) if m <= closing_month && m >= period.first())
                            && st.status[e.0][Sex::Total] != Status::NoData
                    }) else {
                        continue;
                    };
                    let Point::Month(month) = series.point else { continue };
                    for &s in sexes {
                        let (obs, status) = (&series.obs[e.0][s], series.status[e.0][s]);
                        let key = CellKey::new(k, e, s);
                        let Some(&i) = index.get(&key) else { continue };
                        let mut row = DataRow { status, t: None, n: None, value: None, ci: None, outcome: None, previous: None, sex_difference: None, ..rows[i].clone() };
                        if status == Status::Shown {
                            row.t = Some(obs.t());
                            row.n = Some(obs.n() as f64);
                            row.value = obs.value(ind.unit);
                            row.ci = obs.interval(ind.unit);
                            row.outcome = ind.target.as_ref().zip(obs.rounded_tenths(ind.unit)).map(|(t, tenths)| values::outcome(t, tenths));
                            let shown = |x: Sex| series.status[e.0][x] == Status::Shown;
                            if ind.by_sex && s == Sex::Total && shown(Sex::Women) && shown(Sex::Men) {
                                let (women, men) = (&series.obs[e.0][Sex::Women], &series.obs[e.0][Sex::Men]);
                                row.sex_difference = Some(values::sex_difference(women, men, ind.unit));
                            }
                        }
                        cells.insert(key, (row, obs));
                    }
                    let how = match measured {
                        Measured::Rolling12 => "rullande 12 mån",
                        Measured::MonthEnd => "vid månadens slut",
                    };
                    format!("{month} ({how}), stängd {}", day_and_month(closed))
                }
            };
            for &s in sexes {
                if let Some((row, _)) = cells.get_mut(&CellKey::new(k, e, s)) {
                    row.period = label.clone();
                }
            }
            labels.insert((k, e), label);
        }
    }
    (cells, labels)
}

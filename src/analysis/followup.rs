//! Agreed actions followed up (`docs/computation.md` § The follow-up dialogue): whether
//! `klart_senast` has passed at the period's end, and the action's indicator for the centre
//! *then* — in the latest report whose period ended before the action was decided, computed by
//! this run from the same inputs with this plan and that report's own suppression — against
//! *now*, with the tested change.

use chrono::{Months, NaiveDate};

use crate::cell::Sex;
use crate::compute::{self, values, Change, ComputeError, Obs, Period, PeriodTable, Report};
use crate::disclosure::Status;
use crate::input::{Action, Inputs};
use crate::plan::Plan;

/// A cell of the action's indicator for the centre: `Totalt`, with its status, and the
/// observation and value (in tenths, as shown) when it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// The cell's period as `Data` names it (`2026 jan–aug`, `NPE 2025`).
    pub label: String,
    pub status: Status,
    pub obs: Option<Obs>,
    pub tenths: Option<i64>,
}

impl Measured {
    fn of(table: &PeriodTable, plan: &Plan, action: &Action) -> Measured {
        let k = action.indicator.0;
        let label = table.period.label(&plan.indicators[k], table.survey_year);
        let Some(e) = table.entities.iter().position(|e| e.id == action.hsa_id) else {
            return Measured { label, status: Status::NoData, obs: None, tenths: None };
        };
        let it = &table.indicators[k];
        let status = it.status[e][Sex::Total];
        let obs = &it.obs[e][Sex::Total];
        let tenths = (status == Status::Shown).then(|| obs.rounded_tenths(plan.indicators[k].unit)).flatten();
        Measured { label, status, obs: tenths.map(|_| obs.clone()), tenths }
    }

    /// The value as shown.
    pub fn value(&self) -> Option<f64> {
        self.tenths.map(|t| t as f64 / 10.0)
    }
}

/// One action of the actions data set, followed up in this report.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    pub action: Action,
    /// `klart_senast` is before the period's last day.
    pub passed: bool,
    /// Passed while `Planerad` or `Pågår`.
    pub overdue: bool,
    /// On the centre's form and in its dialogue: every open action, and the closed ones decided
    /// in the 12 months up to the period's end.
    pub current: bool,
    /// The report the action is measured from, and the cell there; None when that report does
    /// not end before this one's end (an action decided after this report's period).
    pub then: Option<(Period, Measured)>,
    pub now: Measured,
    /// Then and now are one and the same measurement (a survey indicator whose survey year has
    /// not changed since): nothing to compare.
    pub same_measurement: bool,
    /// now − then, both as shown (tenths), and its test; None when either is not shown, or when
    /// both are the same measurement.
    pub change: Option<(i64, Change)>,
}

/// The first day of the 12 months that end on `end`.
pub fn year_before(end: NaiveDate) -> NaiveDate {
    end.checked_sub_months(Months::new(12)).and_then(|d| d.succ_opt()).unwrap_or(end)
}

/// On the centre's form and in its dialogue at a period ending `end`: every open action, and the
/// closed ones decided in the 12 months up to `end`.
pub fn current(action: &Action, end: NaiveDate) -> bool {
    !action.status.is_closed() || (year_before(end)..=end).contains(&action.decided)
}

pub fn follow_up(inputs: &Inputs, plan: &Plan, report: &Report) -> Result<Vec<FollowUp>, ComputeError> {
    let period = report.current.period;
    let end = period.end_date();
    // The tables the actions are measured from: this year's earlier reports are already decided;
    // other periods are computed once each, only when an action needs them, with their year's
    // earlier reports that deciding them decides on the way. (This report's own
    // period never is one: its end is not before any `beslutad` up to it.)
    let mut computed: Vec<PeriodTable> = Vec::new();
    let mut out = Vec::with_capacity(inputs.actions.list.len());
    for action in &inputs.actions.list {
        let then_period = Period::latest_before(action.decided);
        // Decided after this report's period: there is no "then" before "now".
        let then = if action.decided > end {
            None
        } else {
            let known = report.earlier.iter().chain(&computed).find(|t| t.period == then_period);
            let table = match known {
                Some(t) => t,
                None => {
                    computed.extend(compute::report_tables(inputs, plan, then_period)?);
                    computed.last().expect("just computed")
                }
            };
            Some((then_period, Measured::of(table, plan, action)))
        };
        let now = Measured::of(&report.current, plan, action);
        let ind = &plan.indicators[action.indicator.0];
        let same_measurement = then.as_ref().is_some_and(|(_, t)| t.label == now.label);
        let change = match (&then, &now) {
            _ if same_measurement => None,
            (Some((_, Measured { obs: Some(a), tenths: Some(ta), .. })), Measured { obs: Some(b), tenths: Some(tb), .. }) => {
                Some((tb - ta, values::change(b, a, ind.unit, ind.target.map(|t| t.direction))))
            }
            _ => None,
        };
        let passed = action.passed(end);
        let current = current(action, end);
        out.push(FollowUp {
            action: action.clone(),
            passed,
            overdue: action.overdue(end),
            current,
            then,
            now,
            same_measurement,
            change,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell::IndicatorIx;
    use crate::input::ActionStatus;

    fn action(decided: NaiveDate, due: NaiveDate, status: ActionStatus) -> Action {
        Action {
            hsa_id: "SE1".into(),
            indicator: IndicatorIx(0),
            text: "Rutin".into(),
            responsible: String::new(),
            decided,
            due,
            status,
            comment: String::new(),
            file: "a.csv".into(),
            row: 2,
        }
    }

    #[test]
    fn the_form_holds_open_actions_and_those_closed_within_twelve_months() {
        use ActionStatus::*;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // Delårsrapport 2 2026 ends 2026-08-31: closed actions decided from 2025-09-01 stay.
        let end = d(2026, 8, 31);
        assert!(current(&action(d(2024, 1, 1), d(2024, 6, 1), Planned), end), "open: always");
        assert!(current(&action(d(2024, 1, 1), d(2024, 6, 1), Ongoing), end));
        assert!(current(&action(d(2025, 9, 1), d(2025, 12, 1), Done), end));
        assert!(!current(&action(d(2025, 8, 31), d(2025, 12, 1), Done), end));
        assert!(!current(&action(d(2025, 8, 31), d(2025, 12, 1), Cancelled), end));
        assert!(current(&action(d(2026, 8, 31), d(2026, 12, 1), Cancelled), end));
        // Passed: klart_senast before the period's last day; overdue only while open.
        let a = action(d(2026, 5, 1), d(2026, 8, 30), Ongoing);
        assert!(a.passed(end) && a.overdue(end));
        let on_the_day = action(d(2026, 5, 1), end, Ongoing);
        assert!(!on_the_day.passed(end) && !on_the_day.overdue(end), "due on the last day has not passed");
        let done = action(d(2026, 5, 1), d(2026, 6, 30), Done);
        assert!(done.passed(end) && !done.overdue(end));
    }

    #[test]
    fn the_twelve_months_up_to_a_period_end() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(year_before(d(2026, 8, 31)), d(2025, 9, 1));
        assert_eq!(year_before(d(2026, 12, 31)), d(2026, 1, 1));
        assert_eq!(year_before(d(2026, 4, 30)), d(2025, 5, 1));
    }
}
